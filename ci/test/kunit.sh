#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/test/kunit.sh [VARIANT]
# KUnit: the suites are built into the debug kernel (configs/kunit.config)
# and run at boot; boot it under QEMU, hand the console to the tree's own
# `kunit.py parse --json` and record one row a test case. With VARIANT, a
# foreign guest of ci/build/kernel.sh (arm64-64k, ppc64le-64k, s390x,
# i386, ...): its build/image-VARIANT under its architecture's QEMU, in
# the suite (and row prefix) kunit-VARIANT.
. "$(dirname "$0")/../lib.sh"
variant=${1:-}
if [ -z "$variant" ]; then
	name=kunit arch=x86_64
	kernel=$BUILD/bzImage-debug
	initrd=$BUILD/initramfs-kvm.cpio.gz
else
	name=kunit-$variant arch=${variant%%-*}
	kernel=$BUILD/image-$variant
	initrd=$BUILD/initramfs-$arch.cpio.gz
fi
suite_begin "$name"
[ -f "$kernel" ] || die "$kernel is missing: run 'make kernel-${variant:-debug}'"
GUEST_ARCH=$arch "$TOP/ci/build/initramfs.sh" "$initrd"

log=$LOGS/$name-boot.log
"$TOP/ci/test/qemu-run.py" --arch "$arch" --kernel "$kernel" --initrd "$initrd" --name "$name" --kunit \
	--log "$log" --results "$RESULTS" --timeout 300 || true
python3 "$TREE/tools/testing/kunit/kunit.py" parse --json="$LOGS/$name.json" \
	< "$log" > "$LOGS/$name-parse.log" 2>&1 || true
python3 - "$LOGS/$name.json" "$RESULTS" "$name" <<'PY'
import json, sys
path, results, name = sys.argv[1], sys.argv[2], sys.argv[3]
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
walk(data, f"{name}.")
if not rows:
    rows.append((False, f"{name}.tests-ran", "no KUnit test case in the boot log"))
with open(results, "a") as f:
    for ok, name, detail in rows:
        verdict = "PASS" if ok else "FAIL"
        f.write(f"{verdict}\t{name}\t{detail}\n")
        print(f"{verdict}: {name}  {detail}")
PY
suite_end
