#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""How qemu-run.py judges a console, on consoles written here.

Every guest boot in make check rests on this judgement: a passing guest
must give only PASS rows, and each way a guest can go wrong must give a
FAIL. One case a way, each fed through qemu-run.py's Console and the
tree's KTAP parser exactly as a real boot is. Prints a PASS/FAIL row a
case and appends them to --results.
"""

import argparse
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("qemu_run", os.path.join(HERE, "qemu-run.py"))
qr = importlib.util.module_from_spec(spec)
spec.loader.exec_module(qr)


def ktap(*tests):
    """A guest's KTAP document: tests are (name, [(ok, check, detail)], line)."""
    out = ["KTAP version 1", f"1..{len(tests)}"]
    for i, (name, checks, last) in enumerate(tests, 1):
        out += ["    KTAP version 1", f"    # Subtest: {name}"]
        for n, (ok, check, detail) in enumerate(checks, 1):
            out.append(f"    {'ok' if ok else 'not ok'} {n} {check} # {detail}")
        if last is not None:
            out.append(last.replace("N", str(i)))
    return out


def judge(lines, tests, timed_out=False):
    c = qr.Console("guest", tests, the="the guest")
    for line in lines:
        c.feed(line, 0.0)
    c.judge(KP)
    return c.results, c.problems(timed_out, 300)


BOOT = ["[    0.000000] Linux version 6.12.117+", "MMP-BOOTED 6.12.117+ 2 cpus 400000 kB"]
GOOD = ("t", [(True, "a", "one"), (True, "b", "two # with a hash")], "ok N t")


def case_pass():
    rows, problems = judge(BOOT + ktap(GOOD) + ["MMP-DONE"], ["t"])
    assert problems == [], problems
    assert rows == [("t.a", True, "one"), ("t.b", True, "two # with a hash")], rows


def case_failed_check():
    t = ("t", [(True, "a", "x"), (False, "b", "y")], "not ok N t # exit 0, 1 of 2 checks failed")
    rows, problems = judge(BOOT + ktap(t) + ["MMP-DONE"], ["t"])
    assert ("t.b", False, "y") in rows, rows
    assert problems == [], problems      # the FAIL row says it, once


def case_exit_status():
    t = ("t", [(True, "a", "x")], "not ok N t # exit 3, 0 of 1 checks failed")
    _, problems = judge(BOOT + ktap(t) + ["MMP-DONE"], ["t"])
    assert problems == ["guest test t: exit 3, 0 of 1 checks failed"], problems


def case_no_check():
    t = ("t", [], "not ok N t # exit 127, 0 of 0 checks failed")
    _, problems = judge(BOOT + ktap(t) + ["MMP-DONE"], ["t"])
    assert problems and "reported no result" in problems[0], problems


def case_crash_mid_test():
    u = ("u", [(True, "a", "x")], None)
    _, problems = judge(BOOT + ktap(GOOD, u), ["t", "u"])
    assert any("stopped before MMP-DONE" in p for p in problems), problems
    assert any("test u" in p for p in problems), problems


def case_missing_test():
    rows, problems = judge(BOOT + ktap(GOOD) + ["MMP-DONE"], ["t", "u"])
    assert any("test u did not finish" in p for p in problems), problems


def case_misnumbered():
    lines = BOOT + ktap(GOOD) + ["MMP-DONE"]
    lines[lines.index("    ok 2 b # two # with a hash")] = "    ok 3 b # two"
    _, problems = judge(lines, ["t"])
    assert any(p.startswith("KTAP:") for p in problems), problems


def case_kernel_lines_between():
    doc = ktap(GOOD)
    lines = BOOT + doc[:5] + ["[   12.345678] virtio_balloon virtio0: something"] + doc[5:] + ["MMP-DONE"]
    rows, problems = judge(lines, ["t"])
    assert problems == [] and len(rows) == 2, (rows, problems)


def case_kunit_module_in_a_test():
    """A KUnit module loaded by a guest test prints KTAP through printk."""
    doc = ktap(GOOD)
    kunit = ["[   20.0] KTAP version 1", "[   20.0] 1..1", "[   20.0]     KTAP version 1",
             "[   20.0]     # Subtest: mm_pressure", "[   20.0]     ok 1 case",
             "[   20.0] ok 1 mm_pressure"]
    rows, problems = judge(BOOT + doc[:5] + kunit + doc[5:] + ["MMP-DONE"], ["t"])
    assert problems == [] and rows == [("t.a", True, "one"), ("t.b", True, "two # with a hash")], \
        (rows, problems)


def case_splat():
    lines = BOOT + ktap(GOOD) + ["[   13.0] BUG: KASAN: use-after-free in foo", "MMP-DONE"]
    _, problems = judge(lines, ["t"])
    assert any("kernel splat" in p for p in problems), problems


def case_kunit_before_userspace():
    kunit = ["[    1.0] KTAP version 1", "[    1.0] 1..1", "[    1.0] ok 1 mm_pressure"]
    lines = kunit + BOOT + ktap(GOOD) + ["MMP-DONE"]
    rows, problems = judge(lines, ["t"])
    assert problems == [] and [r[0] for r in rows] == ["t.a", "t.b"], (rows, problems)


def case_timeout():
    _, problems = judge(BOOT + ktap(GOOD), ["t"], timed_out=True)
    assert any("timeout" in p for p in problems), problems


def main():
    global KP
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--results", help="append PASS/FAIL lines (TSV) here")
    args = ap.parse_args()
    KP = qr.kunit_parser()
    rows = []
    for name, fn in sorted(globals().items()):
        if not name.startswith("case_"):
            continue
        try:
            fn()
            rows.append(("PASS", f"runner.{name[5:]}", ""))
        except AssertionError as e:
            rows.append(("FAIL", f"runner.{name[5:]}", str(e)[:300]))
    for verdict, name, detail in rows:
        print(f"{verdict}: {name}  {detail}".rstrip())
    if args.results:
        with open(args.results, "a") as f:
            for row in rows:
                f.write("\t".join(row) + "\n")
    return 1 if any(r[0] == "FAIL" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
