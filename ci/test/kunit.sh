#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# KUnit: the suites are built into the debug kernel (configs/kunit.config)
# and run at boot; boot it under QEMU, hand the console to the tree's own
# `kunit.py parse --json` and record one row a test case.
. "$(dirname "$0")/../lib.sh"
suite_begin kunit
kernel=$BUILD/bzImage-debug
initrd=$BUILD/initramfs-kvm.cpio.gz
[ -f "$kernel" ] || die "$kernel is missing: run 'make kernel-debug'"
"$TOP/ci/build/initramfs.sh" "$initrd"

log=$LOGS/kunit-boot.log
"$TOP/ci/test/qemu-run.py" --kernel "$kernel" --initrd "$initrd" --name kunit --kunit \
	--log "$log" --results "$RESULTS" --timeout 300 || true
python3 "$TREE/tools/testing/kunit/kunit.py" parse --json="$LOGS/kunit.json" \
	< "$log" > "$LOGS/kunit-parse.log" 2>&1 || true
python3 - "$LOGS/kunit.json" "$RESULTS" <<'PY'
import json, sys
path, results = sys.argv[1], sys.argv[2]
try:
    data = json.load(open(path))
except (OSError, ValueError) as e:
    data = {"test_cases": [], "error": str(e)}
rows = []
# kunit.py's JSON (KernelCI format): {"sub_groups": [suite...]}, each
# suite with "test_cases": [{"name", "status"}].
def walk(group, prefix):
    for case in group.get("test_cases", []):
        ok = case.get("status") in ("PASS", "SKIP")
        rows.append((ok, f"{prefix}{case['name']}", case.get("status", "")))
    for sub in group.get("sub_groups", []):
        walk(sub, f"{prefix}{sub['name']}.")
walk(data, "kunit.")
if not rows:
    rows.append((False, "kunit.tests-ran", "no KUnit test case in the boot log"))
with open(results, "a") as f:
    for ok, name, detail in rows:
        verdict = "PASS" if ok else "FAIL"
        f.write(f"{verdict}\t{name}\t{detail}\n")
        print(f"{verdict}: {name}  {detail}")
PY
suite_end
