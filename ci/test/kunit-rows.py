#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""kunit-rows.py JSON RESULTS PREFIX: one result row a KUnit test case.

JSON is what the tree's `kunit.py parse --json` wrote for a boot log
(KernelCI's format: {"sub_groups": [suite...]}, each suite with
"test_cases": [{"name", "status"}]). Appends "PASS|FAIL<TAB>PREFIX.suite.case
<TAB>status" to RESULTS and prints each row; no test case at all is one
FAIL row, so a boot that ran no suite cannot pass.
"""
import json
import sys


def rows_of(data, prefix):
    rows = []

    def walk(group, prefix):
        for case in group.get("test_cases", []):
            ok = case.get("status") in ("PASS", "SKIP")
            rows.append((ok, f"{prefix}{case['name']}", case.get("status", "")))
        for sub in group.get("sub_groups", []):
            walk(sub, f"{prefix}{sub['name']}.")

    walk(data, f"{prefix}.")
    return rows


def main():
    path, results, prefix = sys.argv[1:4]
    try:
        with open(path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        data = {"test_cases": [], "error": str(e)}
    rows = rows_of(data, prefix)
    if not rows:
        rows.append((False, f"{prefix}.tests-ran", "no KUnit test case in the boot log"))
    with open(results, "a") as f:
        for ok, name, detail in rows:
            verdict = "PASS" if ok else "FAIL"
            f.write(f"{verdict}\t{name}\t{detail}\n")
            print(f"{verdict}: {name}  {detail}")


if __name__ == "__main__":
    main()
