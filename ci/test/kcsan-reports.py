#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""kcsan-reports.py LOG OBJ RESULTS PREFIX: judge a KCSAN boot's reports.

A report is the series' when one of the two racing functions its title
names ("BUG: KCSAN: data-race in A / B") is defined in an object of a C
file the series touches (linux/patches/*.patch, the "+++ b/" lines) or
adds (linux/new-files),
built in OBJ: an inline helper shows under the function it was inlined
into, so a race in an inlined header is the caller's. Strict KCSAN
also reports races in code the series does not touch (reclaim,
virtio_ring): those are counted and named, and do not fail the row.
Appends one row: PASS with 0 reports in the series' code, else FAIL.
"""
import glob
import os
import re
import subprocess
import sys
from collections import Counter

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TITLE_RE = re.compile(r"BUG: KCSAN: (.*)")
SUFFIX_RE = re.compile(r"\.(constprop|isra|part|cold)(\.\d+)?")


def series_functions(obj):
    files = set()
    for p in glob.glob(os.path.join(TOP, "linux", "patches", "*.patch")):
        with open(p, errors="replace") as f:
            files.update(m.group(1) for m in re.finditer(r"^\+\+\+ b/(\S+\.c)$", f.read(), re.M))
    # The files the series adds are not in its patches (linux/README.md).
    with open(os.path.join(TOP, "linux", "new-files")) as f:
        files.update(w for line in f if not line.startswith("#")
                     for w in line.split()[1:] if w.endswith(".c"))
    names, built = set(), []
    for c in sorted(files):
        o = os.path.join(obj, c[:-2] + ".o")
        if not os.path.isfile(o):
            continue
        built.append(c)
        out = subprocess.run(["nm", "--defined-only", o], capture_output=True, text=True).stdout
        names.update(SUFFIX_RE.sub("", line.split()[-1]) for line in out.splitlines()
                     if len(line.split()) == 3 and line.split()[1] in "tTwW")
    return names, built


def main():
    log, obj, results, prefix = sys.argv[1:5]
    names, built = series_functions(obj)
    ours, others = Counter(), Counter()
    with open(log, errors="replace") as f:
        for line in f:
            m = TITLE_RE.search(line)
            if not m:
                continue
            title = m.group(1).strip()
            funcs = re.sub(r"^.*? in ", "", title).split(" / ")
            funcs = {SUFFIX_RE.sub("", fn.strip()) for fn in funcs}
            (ours if funcs & names else others)[title] += 1
    def top(c):
        return "; ".join(f"{n} x {t}" for t, n in c.most_common(6))
    n = sum(ours.values())
    detail = (f"{n} in the series' code ({len(names)} functions of {len(built)} files); "
              f"{sum(others.values())} elsewhere{': ' + top(others) if others else ''}")
    if n:
        detail += f"; the series': {top(ours)}"
    verdict = "PASS" if n == 0 and names else "FAIL"
    if not names:
        detail = f"no object of the series' C files under {obj}: nothing to judge by"
    with open(results, "a") as f:
        f.write(f"{verdict}\t{prefix}.reports\t{detail}\n")
    print(f"{verdict}: {prefix}.reports  {detail}")


if __name__ == "__main__":
    main()
