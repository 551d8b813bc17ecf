#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write docs/results/soak.md from what ci/test/soak.sh left in build/.

Per scenario: its rows (build/results/soak-NAME.tsv), its wall time, the
load its guests reported on the console (MMP-STORM and MMP-FAULTS
lines, the KUnit stress line, the vbd cycles row) and what went wrong,
counted on the console log: splats (qemu-run.py's patterns, less the OOM killer reports
the storm expects and KCSAN reports, which have their own column),
kmemleak leaks, KCSAN reports, and lost or corrupted blocks (memhog's
read-back failures; the vbd pattern checks).
"""
import argparse
import importlib.util
import os
import re
import subprocess
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("qemu_run", os.path.join(HERE, "qemu-run.py"))
qemu_run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(qemu_run)

SCENARIOS = [
    ("kcsan", "kcsan-boot.log",
     "KCSAN kernel (strict), 4 vCPUs: KUnit stress, then the OOM storm"),
    ("storm", "soak-storm.log",
     "debug kernel (KASAN, lockdep, kmemleak): the balloon's probe under injected faults "
     "(a sysfs bind, a PCI rescan), then the OOM storm with hot-plug"),
    ("xen-load", "soak-xen-load.log",
     "Xen 4.17, debug-xen dom0 and domU: vbd attach/detach under dom0 pressure, "
     "then blkback's vbd setup under injected faults"),
]
# The OOM killer's report is a splat only where no test expected it; the
# storm's last phase expects it, and its rows check the kills themselves.
NOT_SPLATS = re.compile(r"invoked oom-killer|Call Trace:|BUG: KCSAN:|unreferenced object|"
                        r"kmemleak: .* new suspected")


def rows(build, name):
    try:
        with open(os.path.join(build, "results", f"soak-{name}.tsv")) as f:
            return [line.rstrip("\n").split("\t") for line in f if line.strip()]
    except OSError:
        return []


def console(build, log):
    try:
        with open(os.path.join(build, "logs", log), errors="replace") as f:
            return [qemu_run.TS_RE.sub("", line.rstrip("\n")) for line in f]
    except OSError:
        return []


def count(lines):
    splats = [t for t in lines if qemu_run.SPLAT_RE.search(t) and not NOT_SPLATS.search(t)]
    return {
        "splats": len(splats),
        "first": splats[0] if splats else "",
        "leaks": sum(1 for t in lines if "unreferenced object 0x" in t),
        "kcsan": sum(1 for t in lines if "BUG: KCSAN:" in t),
    }


def kcsan(c, rs):
    """KCSAN reports: in the series' code (kcsan-reports.py's row) / all."""
    for r in rs:
        if len(r) > 2 and r[1].endswith(".reports"):
            m = re.match(r"(\d+) in the series' code", r[2])
            if m:
                return f"{m.group(1)} / {c['kcsan']}"
    return f"- / {c['kcsan']}"


def load(lines, rs):
    out = []
    for t in lines:
        m = re.search(r"(stress: \d+ cpus, .*)", t)
        if m:
            out.append("KUnit " + m.group(1))
        m = re.search(r"MMP-STORM (\w+) (.*)", t)
        if m:
            out.append(f"storm {m.group(1)}: {m.group(2)}")
        m = re.search(r"MMP-FAULTS ([\w-]+) (.*)", t)
        if m:
            out.append(f"faults {m.group(1)}: {m.group(2)}")
    for r in rs:
        if len(r) > 2 and r[1].endswith("xen-attach.cycles"):
            out.append("vbd: " + r[2])
        if len(r) > 2 and r[1].endswith("xen-attach.pressure"):
            out.append("dom0: " + r[2])
    return out


def lost(lines, rs):
    """Read-back failures: memhog's (a killed memhog is not one), vbd
    cycles not verified."""
    bad = sum(1 for t in lines if "memhog: bad byte" in t)
    for r in rs:
        if len(r) > 2 and (r[1].endswith("xen-attach.cycles") or
                           r[1].endswith("xen-attach.backing-file")):
            m = re.match(r"(\d+) of (\d+)", r[2])
            if m:
                bad += int(m.group(2)) - int(m.group(1))
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=int, required=True)
    ap.add_argument("--secs", type=int, required=True)
    ap.add_argument("--build", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    head = git_head()
    md = ["# Soak: the reliability scenarios under load (issue #15)", "",
          f"`make soak SOAK_MIN={a.minutes}` of {head}, {time.strftime('%Y-%m-%d')}: "
          f"{a.secs // 60} min {a.secs % 60} s in all, kernel builds included. "
          "Written by `ci/test/soak-report.py`; what each scenario does is in "
          "`ci/test/soak.sh`. Counts are from each guest's console log: splats "
          "(the runner's patterns, less the OOM killer reports the storm's last "
          "phase expects), kmemleak's unreferenced objects, KCSAN reports (those "
          "in the series' code, by `ci/test/kcsan-reports.py`, must be 0; strict "
          "KCSAN also reports races in code the series does not touch), and "
          "blocks lost or corrupted (memhog's read-back, the vbd pattern checks).", "",
          "| scenario | wall time | rows | splats | leaks | KCSAN reports (series' code / all) | lost blocks |",
          "| --- | --- | --- | --- | --- | --- | --- |"]
    loads, failures = [], []
    for name, log, what in SCENARIOS:
        rs, lines = rows(a.build, name), console(a.build, log)
        c = count(lines)
        secs = read(os.path.join(a.build, "results", f"soak-{name}.secs")) or "?"
        npass = sum(1 for r in rs if r[0] == "PASS")
        nfail = sum(1 for r in rs if r[0] == "FAIL")
        md.append(f"| {name} | {secs} s | {npass} passed, {nfail} failed | {c['splats']} | "
                  f"{c['leaks']} | {kcsan(c, rs)} | {lost(lines, rs)} |")
        loads.append((name, what, load(lines, rs)))
        failures += [f"- {name}: `{r[1]}` {r[2] if len(r) > 2 else ''}" for r in rs if r[0] == "FAIL"]
        if c["first"]:
            failures.append(f"- {name}: first splat: `{c['first']}`")
    md += ["", "## Load", ""]
    for name, what, items in loads:
        md.append(f"- **{name}**: {what}.")
        md += [f"  - {i}" for i in items] or ["  - (no load line: the scenario did not run)"]
    md += ["", "## Failures", ""] + (failures or ["None."])
    with open(a.out, "w") as f:
        f.write("\n".join(md) + "\n")


def read(path):
    try:
        with open(path) as f:
            return f.read().strip()
    except OSError:
        return ""


def git_head():
    try:
        return subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "an unknown commit"


if __name__ == "__main__":
    main()
