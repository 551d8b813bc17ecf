#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the benchmark logs of ci/bench/run.sh into docs/results/.

One name a benchmark, for its logs, its template and its result:
balloon-pagecache: build/bench/balloon-pagecache-{fork,fork-reclaim,upstream,shrinker}.log
balloon-churn:     build/bench/balloon-churn-{oom,reclaim}.log
balloon-relief:    build/bench/balloon-relief-{oom,reclaim}.log
blkback-pressure:  build/bench/blkback-pressure-{fork,fork-prop,upstream,unpopulated}.log
distro-balloon:    build/bench/distro-{pagecache,churn}-{lean,fork,stock}.log and
                   distro-config-{lean,fork,stock} (ci/bench/distro.sh)
The prose is ci/bench/report/<name>.md.in (string.Template: ${name} is a
value or a table computed here), the figure ci/bench/report/<name>.gp
(gnuplot; its variables are set with -e); both write docs/results/<name>.md
and .png. Paths in what is published are relative to the repository.
Standard library only; gnuplot draws the figures.
"""

import argparse
import datetime
import os
import platform
import re
import statistics
import string
import subprocess

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(TOP, "ci", "bench", "report")
KERNELS = ["fork", "fork-reclaim", "upstream", "shrinker"]
# The balloon's two OOM triggers (the fork image booted either way).
TRIGGERS = {"oom": "OOM notifier", "reclaim": "reclaim trigger"}
XEN_KERNELS = ["fork", "fork-prop", "upstream", "unpopulated"]
PAGE = 4096
MIB = 1 << 20
TS_RE = re.compile(r"^\[\s*\d+\.\d+\]\s?")


def kv(line):
    return dict(f.split("=", 1) for f in line.split() if "=" in f)


class Log:
    """What one console log holds: the QEMU command (its first line), the
    kernel that booted first (uname, MemTotal kB) and the MMP-BENCH lines
    ("MMP-BENCH <kind> k=v..." by kind; "MMP-BENCH k=v..." as kind "") and
    MMP-BENCH-S samples ({run: [(seconds, pages)]}). A Xen log carries the
    domU's lines behind "DOMU| "; they count the same."""

    def __init__(self, path):
        self.cmd, self.uname, self.memtotal = "", "?", 0
        self.bench, self.samples = {}, {}
        if not os.path.exists(path):
            return
        with open(path, errors="replace") as f:
            for raw in f:
                if raw.startswith("# qemu-system"):
                    self.cmd = relative(raw[2:].strip())
                line = TS_RE.sub("", raw.rstrip("\n"))
                if line.startswith("DOMU| "):
                    line = line[6:]
                word = line.split(" ", 2)
                if word[0] == "MMP-BOOTED" and self.uname == "?":
                    self.uname, self.memtotal = word[1], int(line.split()[4])
                elif word[0] == "MMP-BENCH-S":
                    _, run, ms, pages = line.split()[:4]
                    self.samples.setdefault(int(run), []).append((int(ms) / 1000, int(pages)))
                elif word[0] == "MMP-BENCH":
                    kind = "" if "=" in word[1] else word[1]
                    self.bench.setdefault(kind, []).append(kv(line))

    def runs(self, kind=""):
        return self.bench.get(kind, [])


def relative(text):
    """text without this machine's paths: the repository's root and
    qemu-run.py's temporary folder."""
    text = text.replace(TOP + "/", "")
    return re.sub(r"/tmp/mmp-qemu-[^/]+/", "$TMP/", text)


def stat(vals, fmt="{:.0f}"):
    """median (min-max) over the runs, or '-'."""
    if not vals:
        return "-"
    med = statistics.median(vals)
    if len(vals) == 1:
        return fmt.format(med)
    return f"{fmt.format(med)} ({fmt.format(min(vals))}-{fmt.format(max(vals))})"


def row(*cells):
    return "| " + " | ".join(str(c) for c in cells) + " |"


def longest_stall(samples, end_s):
    """Longest time between two new maxima of the balloon size; a run that
    ends without reaching the target counts on to its end."""
    best, last_t, top = 0.0, 0.0, -1
    for t, b in samples:
        if b > top:
            best = max(best, t - last_t)
            last_t, top = t, b
    return max(best, end_s - last_t)


def kernels_tsv(data):
    ids = {}
    path = os.path.join(data, "kernels.tsv")
    if os.path.exists(path):
        for line in open(path):
            k, _, desc = line.rstrip("\n").partition("\t")
            ids[k] = desc
    return ids


def machine():
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    qemu = subprocess.run(["qemu-system-x86_64", "--version"], capture_output=True,
                          text=True).stdout.splitlines()[0]
    return (f"{os.cpu_count()} host cores ({cpu}), {platform.system()} "
            f"{platform.release()}, {qemu}, TCG (no KVM)")


def load():
    return "/".join(f"{x:.1f}" for x in os.getloadavg()) + " (1/5/15 min)"


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def write_md(a, name, **values):
    """docs/results/<name>.md from its template; an empty optional
    paragraph leaves no run of blank lines behind."""
    with open(os.path.join(HERE, f"{name}.md.in")) as f:
        text = string.Template(f.read()).substitute(
            date=now(), command=a.command, machine=machine(), load=load(),
            repeats=a.repeats, mem=a.mem, **values)
    text = re.sub(r"\n{3,}", "\n\n", text)
    with open(os.path.join(a.out, f"{name}.md"), "w") as f:
        f.write(text)


def gnuplot(a, name, **values):
    """docs/results/<name>.png with ci/bench/report/<name>.gp."""
    values["out"] = os.path.join(a.out, f"{name}.png")
    sets = "; ".join(f"{k}='{v}'" if isinstance(v, str) else f"{k}={v}"
                     for k, v in values.items())
    subprocess.run(["gnuplot", "-e", sets, os.path.join(HERE, f"{name}.gp")], check=True)


def pagecache_cells(runs, samples, timeout):
    """One balloon-pagecache row (runs reached, time to target, inflate,
    deflate, inflate/target, longest stall, final balloon) and its summary
    (median time, median inflate, runs reached, runs)."""
    reached = [r for r in runs if r.get("reached") == "1"]
    times = [int(r["ms"]) / 1000 for r in runs]
    tstr = stat(times, "{:.1f}")
    if len(reached) < len(runs):
        tstr += f"; {len(runs) - len(reached)} run(s) stopped at the {timeout} s timeout"
    inf = [int(r["inflate"]) for r in runs]
    dfl = [int(r["deflate"]) for r in runs]
    ratio = [int(r["inflate"]) / int(r["target_pages"]) for r in runs]
    stalls = [longest_stall(samples.get(int(r["run"]), []), int(r["ms"]) / 1000) for r in runs]
    final = [int(r["balloon_pages"]) * PAGE / MIB for r in runs]
    cells = (f"{len(reached)}/{len(runs)}", tstr, stat(inf), stat(dfl),
             stat(ratio, "{:.2f}"), stat(stalls, "{:.1f}"), stat(final))
    return cells, (statistics.median(times), statistics.median(inf), len(reached), len(runs))


def balloon_pagecache(a):
    ids = kernels_tsv(a.data)
    logs = {k: Log(os.path.join(a.data, f"balloon-pagecache-{k}.log")) for k in KERNELS}
    how = {"fork": "mm_pressure OOM policy (build/linux HEAD, `make kernel`)",
           "fork-reclaim": "mm_pressure's reclaim trigger: a shrinker that deflates only at reclaim priority 0 "
                           "(the same image, `virtio_balloon.oom_reclaim_priority=0`)",
           "upstream": "the driver's own OOM notifier (6.12.117)",
           "shrinker": "a shrinker: count_objects = balloon pages, scan_objects deflates (as 71994620bb25)"}
    src = {"fork": "build/linux HEAD: ", "fork-reclaim": "the fork's image: ",
           "upstream": "tag `upstream` + `git am` of the series' xen-blkback free-page-pool statistic patch (read-only, does not touch the balloon): ",
           "shrinker": "as upstream + `git am` of ci/bench/balloon-shrinker/0001-*.patch (bench-only): "}
    kernels = [row(k, src[k] + ids.get(k, "?"), logs[k].uname, how[k]) for k in KERNELS]
    results, summary = [], {}
    for k in KERNELS:
        runs = logs[k].runs()
        if not runs:
            results.append(row(k, f"no data (the guest failed: see build/bench/balloon-pagecache-{k}.log)",
                               "", "", "", "", "", ""))
            continue
        cells, summary[k] = pagecache_cells(runs, logs[k].samples, a.timeout)
        results.append(row(k, *cells))
    tgt = None
    for k in KERNELS:
        if logs[k].runs():
            tgt = int(logs[k].runs()[0]["target_pages"]) * PAGE / MIB
    target = f"Target balloon size: {tgt:.0f} MiB ({int(tgt * MIB / PAGE)} pages)." if tgt else ""
    ratios = ""
    if "fork" in summary and "shrinker" in summary:
        f, s = summary["fork"], summary["shrinker"]
        ratios = ("Ratios in this run (medians, shrinker / fork):\n"
                  f"time to target {s[0] / f[0]:.1f}x"
                  + (" (a lower bound: the shrinker kernel hit the timeout)" if s[2] < s[3] else "")
                  + f", balloon_inflate {s[1] / max(f[1], 1):.1f}x.")
    if "fork" in summary and "fork-reclaim" in summary:
        f, r = summary["fork"], summary["fork-reclaim"]
        dfl = sum(int(x["deflate"]) for x in logs["fork-reclaim"].runs())
        ratios += ("\n\nThe reclaim trigger against the OOM notifier (medians, fork-reclaim / fork): "
                   f"time to target {r[0] / f[0]:.2f}x"
                   + (" (fork-reclaim hit the timeout)" if r[2] < r[3] else "")
                   + f", balloon_inflate {r[1] / max(f[1], 1):.2f}x; balloon_deflate summed over "
                   f"the reclaim trigger's runs: {dfl}.")
    per_run = [row(k, r["run"], "yes" if r.get("reached") == "1" else "no",
                   f"{int(r['ms']) / 1000:.1f}", r["inflate"], r["deflate"],
                   f"{int(r['warmup_ms']) / 1000:.1f}", int(r["cache_kb"]) // 1024)
               for k in KERNELS for r in logs[k].runs()]
    write_md(a, "balloon-pagecache", disk=a.mem * 65 // 100, keep=a.mem * 20 // 100,
             balloon=a.mem * 80 // 100, timeout=a.timeout, kernels="\n".join(kernels),
             results="\n".join(results), target=target, ratios=ratios,
             per_run="\n".join(per_run), qemu=logs["fork"].cmd or "?")

    # The figure's data: "seconds MiB", a blank line between runs.
    plotted = [k for k in KERNELS if logs[k].samples]
    for k in plotted:
        with open(os.path.join(a.data, f"balloon-pagecache-{k}.dat"), "w") as f:
            for run in sorted(logs[k].samples):
                for t, b in logs[k].samples[run]:
                    f.write(f"{t:.2f} {b * PAGE / MIB:.1f}\n")
                f.write("\n")
    if plotted:
        gnuplot(a, "balloon-pagecache", data=a.data, mem=str(a.mem), repeats=str(a.repeats),
                kernels=" ".join(plotted),
                runs=" ".join(str(len(logs[k].samples)) for k in plotted),
                target=round(tgt or 0, 1))


def churn_cells(rs):
    """One balloon-churn row (runs, memhog run time, inflate, deflate, both,
    target requests, exit codes) and its summary (median run time, median
    inflate + deflate)."""
    t = [int(r["memhog_ms"]) / 1000 for r in rs]
    i = [int(r["inflate"]) for r in rs]
    d = [int(r["deflate"]) for r in rs]
    c = [x + y for x, y in zip(i, d)]
    n = [int(r["requests"]) for r in rs]
    return ((len(rs), stat(t, "{:.1f}"), stat(i), stat(d), stat(c), stat(n),
             " ".join(r["rc"] for r in rs)), (statistics.median(t), statistics.median(c)))


def balloon_churn(a):
    logs = {t: Log(os.path.join(a.data, f"balloon-churn-{t}.log")) for t in TRIGGERS}
    log = logs["oom"]
    ids = kernels_tsv(a.data)
    results, med, lines, per_run = [], {}, [], []
    for t, name in TRIGGERS.items():
        runs = logs[t].runs()
        for mode in sorted({int(r["mode"]) for r in runs}):
            rs = [r for r in runs if int(r["mode"]) == mode]
            cells, summary = churn_cells(rs)
            med[(t, mode)] = summary + (rs,)
            results.append(row(name, f"{mode} ms", *cells))
        if not runs:
            results.append(row(name, f"no data: the guest failed, see build/bench/balloon-churn-{t}.log",
                               "", "", "", "", "", "", ""))
        if (t, 0) in med and (t, a.holdoff) in med:
            z, h = med[(t, 0)], med[(t, a.holdoff)]
            lines.append(f"- {name}, hold-off 0 / hold-off {a.holdoff} ms: "
                         f"inflate + deflate {z[1] / max(h[1], 1):.1f}x, memhog run time {z[0] / h[0]:.2f}x")
        per_run += [row(name, f"{r['mode']} ms", r["run"], r["hog_mib"], f"{int(r['memhog_ms']) / 1000:.1f}",
                        r["inflate"], r["deflate"], r["requests"], "yes" if r["filled"] == "1" else "no")
                    for r in runs]
    for mode in (0, a.holdoff):
        if ("oom", mode) in med and ("reclaim", mode) in med:
            o, r = med[("oom", mode)], med[("reclaim", mode)]
            lines.append(f"- hold-off {mode} ms, reclaim trigger / OOM notifier: "
                         f"inflate + deflate {r[1] / max(o[1], 1):.2f}x, memhog run time {r[0] / o[0]:.2f}x")
    ratios = "Ratios in this run (medians):\n\n" + "\n".join(lines) if lines else ""
    runs = log.runs() + logs["reclaim"].runs()
    write_md(a, "balloon-churn", holdoff=a.holdoff,
             cycles=runs[0].get("cycles", "3") if runs else "?",
             fork_id=ids.get("fork", "?"), uname=log.uname, results="\n".join(results),
             ratios=ratios, per_run="\n".join(per_run),
             figure="![churn per run](balloon-churn.png)" if runs else "",
             qemu=log.cmd or "?")
    if not runs:
        return
    path = os.path.join(a.data, "balloon-churn.dat")
    keys = [k for k in med if k[0] == "oom"] + [k for k in med if k[0] == "reclaim"]
    with open(path, "w") as f:
        for key in keys:
            for r in med[key][2]:
                f.write(f"{key[1]} {r['run']} {int(r['inflate']) + int(r['deflate'])} "
                        f"{int(r['memhog_ms']) / 1000:.2f}\n")
            f.write("\n\n")
    gnuplot(a, "balloon-churn", data=path, mem=str(a.mem),
            modes=" ".join(f"{'R' if t == 'reclaim' else ''}{m}" for t, m in keys))


def balloon_relief(a):
    logs = {t: Log(os.path.join(a.data, f"balloon-relief-{t}.log")) for t in TRIGGERS}
    ids = kernels_tsv(a.data)
    results, per_run, med = [], [], {}
    for t, name in TRIGGERS.items():
        rs = logs[t].runs()
        if not rs:
            results.append(row(name, f"no data: see build/bench/balloon-relief-{t}.log",
                               "", "", "", "", "", "", "", ""))
            continue
        relief = [int(r["relief_ms"]) / 1000 for r in rs if int(r["relief_ms"]) >= 0]
        hog = [int(r["memhog_ms"]) / 1000 for r in rs]
        vals = {k: [int(r[k]) for r in rs] for k in
                ("allocstall", "pgscan_direct", "oom_kill", "deflate", "releases")}
        med[t] = (statistics.median(relief) if relief else None, statistics.median(hog),
                  statistics.median(vals["allocstall"]), statistics.median(vals["deflate"]))
        results.append(row(name, len(rs), stat(relief, "{:.2f}") if len(relief) == len(rs)
                           else f"{stat(relief, '{:.2f}')}; {len(rs) - len(relief)} run(s) without a deflate",
                           stat(hog, "{:.1f}"), stat(vals["allocstall"]), stat(vals["pgscan_direct"]),
                           stat(vals["oom_kill"]), stat(vals["deflate"]), stat(vals["releases"]),
                           " ".join(r["rc"] for r in rs)))
        per_run += [row(name, r["run"], r["hog_mib"], f"{int(r['relief_ms']) / 1000:.2f}",
                        f"{int(r['memhog_ms']) / 1000:.1f}", r["allocstall"], r["pgscan_direct"],
                        r["oom_kill"], r["deflate"], r["releases"]) for r in rs]
    ratios = ""
    if "oom" in med and "reclaim" in med:
        o, r = med["oom"], med["reclaim"]
        def q(i, fmt="{:.2f}x"):
            if o[i] is None or r[i] is None:
                return "n/a"
            return fmt.format(r[i] / o[i]) if o[i] else ("both 0" if not r[i] else "n/a (notifier: 0)")
        ratios = ("Ratios in this run (medians, reclaim trigger / OOM notifier): "
                  f"time to relief {q(0)}, memhog run time {q(1)}, allocation stalls {q(2)}, "
                  f"pages deflated {q(3)}.")
    write_md(a, "balloon-relief", over=a.over, fork_id=ids.get("fork", "?"),
             uname=logs["oom"].uname, results="\n".join(results), ratios=ratios,
             per_run="\n".join(per_run), qemu=logs["oom"].cmd or "?")


def squeezes(rs):
    """Squeezes in each round, as a stat: windows opened (window mode) or
    trims (mm_pressure_squeeze_take() calls that returned pages,
    proportional mode), from the helper's debugfs counters before/after."""
    key = "trims" if rs and rs[0].get("proportional") == "Y" else "windows"
    n = []
    for r in rs:
        b, _, e = r.get(key, "").partition("/")
        if not (b.isdigit() and e.isdigit()):
            return "n/a (no debugfs)"
        n.append(int(e) - int(b))
    return stat(n) + (" trims" if key == "trims" else "")


def given_back(rs):
    """Pool pages given back during the round: full before memhog minus
    what was left after it."""
    return stat([int(r["pool_full"]) - int(r["pool_after"]) for r in rs])


def io_rounds(logs, meta):
    """The pressure rounds with the domU's I/O running: dom0's
    "pressure-io" lines joined by round with the domU's "dd-pressure"
    lines. A table row a kernel and squeeze duration, and for each kernel
    the squeeze's ratios (duration / off) of dd throughput and pswpout."""
    rows, med = [], {}
    for k in logs:
        dd = {r["round"]: r for r in logs[k].runs("dd-pressure")}
        rounds = logs[k].runs("pressure-io")
        for mode in meta[k][0].split(","):
            rs = [r for r in rounds if r.get("mode") == mode and r.get("round") in dd]
            if not rs:
                continue
            tp = [int(dd[r["round"]]["mib"]) / max(int(dd[r["round"]]["ms"]), 1) * 1000 for r in rs]
            out_ = [int(r["pswpout"]) for r in rs]
            z = [int(r["xvda_zeros"]) / max(int(r["xvda_samples"]), 1) * 100 for r in rs]
            med[(k, mode)] = (statistics.median(tp), statistics.median(out_))
            rows.append(row(k, mode, len(rs), stat(tp, "{:.1f}"),
                            stat([int(dd[r["round"]]["mib"]) for r in rs]), stat(out_),
                            stat([int(r["pswpin"]) for r in rs]),
                            stat([int(r["memhog_ms"]) / 1000 for r in rs], "{:.1f}"),
                            f"{stat(z, '{:.1f}')}%", given_back(rs), squeezes(rs)))
    ratios = []
    for k in logs:
        modes = meta[k][0].split(",")
        if "0" in modes and (k, "0") in med:
            for m in modes:
                if m != "0" and (k, m) in med:
                    (t1, o1), (t0, o0) = med[(k, m)], med[(k, "0")]
                    pout = f"{o1 / o0:.2f}x" if o0 else ("both 0" if not o1 else "n/a (off: 0)")
                    ratios.append(f"- {k}, {m} ms / off: dd under pressure {t1 / t0:.2f}x "
                                  f"({t1:.1f} / {t0:.1f} MiB/s), pswpout {pout} ({o1:.0f} / {o0:.0f})")
    for x, y in ((("fork-prop", "10"), ("fork", "10")), (("fork-prop", "10"), ("fork", "0"))):
        if x in med and y in med:
            (t1, o1), (t0, o0) = med[x], med[y]
            pout = f"{o1 / o0:.2f}x" if o0 else ("both 0" if not o1 else "n/a (denominator 0)")
            ratios.append(f"- proportional / {'window' if y[1] != '0' else 'off'} ({x[0]} {x[1]} ms / "
                          f"{y[0]} {y[1]} ms): dd under pressure {t1 / t0:.2f}x "
                          f"({t1:.1f} / {t0:.1f} MiB/s), pswpout {pout} ({o1:.0f} / {o0:.0f})")
    return rows, ratios


def blkback_pressure(a):
    ids = kernels_tsv(a.data)
    logs, meta = {}, {}
    for k in XEN_KERNELS:
        p = os.path.join(a.data, f"blkback-pressure-{k}.kernel")
        if not os.path.exists(p):
            continue
        _, modes, unpop = open(p).read().split("\t")
        meta[k] = (modes, unpop.strip() == "1")
        logs[k] = Log(os.path.join(a.data, f"blkback-pressure-{k}.log"))
    src = {"fork": "build/linux HEAD, plain config: " + ids.get("fork", "?"),
           "fork-prop": "the fork's image, `xen_blkback.buffer_squeeze_proportional=1` (proportional squeeze)",
           "upstream": "tag `upstream` + the series' xen-blkback free-page-pool statistic patch (read-only), plain config: "
                       + ids.get("upstream", "?"),
           "unpopulated": "build/linux HEAD, plain + configs/xen-unpopulated.config"}
    kernels = [row(k, src[k], logs[k].uname, "on" if meta[k][1] else "off", meta[k][0],
                   logs[k].memtotal) for k in logs]
    results, med = [], {}
    for k in logs:
        rows = logs[k].runs("pressure")
        for mode in meta[k][0].split(","):
            rs = [r for r in rows if r.get("mode") == mode]
            if not rs:
                results.append(row(k, mode, 0, f"no data: see build/bench/blkback-pressure-{k}.log",
                                   "", "", "", "", "", "", ""))
                continue
            out_ = [int(r["pswpout"]) for r in rs]
            in_ = [int(r["pswpin"]) for r in rs]
            t = [int(r["memhog_ms"]) / 1000 for r in rs]
            pf = [int(r["pool_full"]) for r in rs]
            z = [int(r["xvda_zeros"]) / max(int(r["xvda_samples"]), 1) * 100 for r in rs]
            wtxt = squeezes(rs)
            tot = [int(r["memtotal_kb"].split("/")[0]) for r in rs]
            med[(k, mode)] = (statistics.median(out_), statistics.median(in_), rs)
            results.append(row(k, mode, len(rs), stat(out_), stat(in_), stat(t, "{:.1f}"),
                               stat(pf), given_back(rs), f"{stat(z, '{:.1f}')}%", wtxt, stat(tot)))
    pairs = [(("fork", "0"), ("fork", "10"), "fork, squeeze off / fork, 10 ms"),
             (("fork-prop", "10"), ("fork", "10"), "proportional / window (fork-prop / fork, 10 ms)"),
             (("upstream", "10"), ("fork", "10"), "upstream, 10 ms / fork, 10 ms"),
             (("unpopulated", "0"), ("unpopulated", "10"), "unpopulated, off / unpopulated, 10 ms")]
    lines = []
    for x, y, label in pairs:
        if x in med and y in med:
            def ratio(i):
                if med[y][i] == 0:
                    return "n/a (denominator 0)" if med[x][i] else "both 0"
                return f"{med[x][i] / med[y][i]:.2f}x"
            lines.append(f"- {label}: pswpout {med[x][0]:.0f} / {med[y][0]:.0f}, {ratio(0)}; "
                         f"pswpin {med[x][1]:.0f} / {med[y][1]:.0f}, {ratio(1)}")
    ratios = "Ratios in this run (medians):\n\n" + "\n".join(lines) if lines else ""
    per_round = [row(k, r["mode"], r["run"], r["pswpout"], r["pswpin"], r["hog_mib"],
                     f"{int(r['memhog_ms']) / 1000:.1f}", r["reclaim_runs"], r["pool_full"],
                     r["pool_after"], r["xvda_min"], r["memtotal_kb"])
                 for k in logs for r in logs[k].runs("pressure")]
    dd, dmed = [], {}
    for k in logs:
        for mbp in ("1024", "0"):
            rs = [r for r in logs[k].runs("dd") if r.get("mbp") == mbp]
            if not rs:
                continue
            wr = [int(r["mib"]) / max(int(r["write_ms"]), 1) * 1000 for r in rs]
            rd = [int(r["mib"]) / max(int(r["read_ms"]), 1) * 1000 for r in rs]
            dmed[(k, mbp)] = (statistics.median(wr), statistics.median(rd))
            dd.append(row(k, mbp, len(rs), stat(wr, "{:.1f}"), stat(rd, "{:.1f}")))
    dd_ratios = []
    for k in logs:
        if (k, "1024") in dmed and (k, "0") in dmed:
            a1, a0 = dmed[(k, "1024")], dmed[(k, "0")]
            dd_ratios.append(f"- {k}: max_buffer_pages 0 / 1024: write {a0[0] / a1[0]:.2f}x, "
                             f"read {a0[1] / a1[1]:.2f}x")
    io, io_ratios = io_rounds(logs, meta)
    fork = logs.get("fork")
    write_md(a, "blkback-pressure", vbds=a.vbds, over=a.over, kernels="\n".join(kernels),
             results="\n".join(results), ratios=ratios, per_round="\n".join(per_round),
             io="\n".join(io), io_ratios="\n".join(io_ratios),
             dd="\n".join(dd), dd_ratios="\n".join(dd_ratios),
             figure="![pswpout per round](blkback-pressure.png)" if med else "",
             qemu=(fork.cmd if fork else "") or "?")
    if not med:
        return
    keys = list(med)
    path = os.path.join(a.data, "blkback-pressure.dat")
    with open(path, "w") as f:
        for i, key in enumerate(keys):
            for r in med[key][2]:
                f.write(f"{i} {r['run']} {r['pswpout']}\n")
            f.write("\n\n")
    tics = os.path.join(a.data, "blkback-pressure.tics")
    with open(tics, "w") as f:
        for i, (k, m) in enumerate(keys):
            f.write(f'{i} "{k}, {m} ms"\n')
    gnuplot(a, "blkback-pressure", data=path, tics=tics, vbds=str(a.vbds), columns=len(keys))


DISTRO_KERNELS = ["lean", "fork", "fork-leanargs", "stock"]
# The options the lean test config and Debian's differ in that touch
# reclaim, the page allocator or the balloon: the report's option table.
DISTRO_OPTIONS = ["LRU_GEN", "LRU_GEN_ENABLED", "TRANSPARENT_HUGEPAGE", "COMPACTION",
                  "BALLOON_COMPACTION", "MEMCG", "NUMA", "ZSWAP", "KSM", "PAGE_REPORTING",
                  "INIT_ON_ALLOC_DEFAULT_ON", "SHUFFLE_PAGE_ALLOCATOR", "PREEMPT_NONE",
                  "PREEMPT_VOLUNTARY", "PREEMPT_DYNAMIC", "HZ", "NR_CPUS", "KASAN", "LOCKDEP",
                  "DEBUG_VM"]


def config(path):
    opts = {}
    if os.path.exists(path):
        for line in open(path):
            m = re.match(r"^CONFIG_(\w+)=(.*)$", line.strip())
            if m:
                opts[m.group(1)] = m.group(2).strip('"')
    return opts


def mglru(r):
    v = r.get("mglru", "none")
    return "not built" if v == "none" else ("off" if int(v, 16) == 0 else f"on ({v})")


def distro_balloon(a):
    pc = {k: Log(os.path.join(a.data, f"distro-pagecache-{k}.log")) for k in DISTRO_KERNELS}
    ch = {k: Log(os.path.join(a.data, f"distro-churn-{k}.log")) for k in DISTRO_KERNELS}
    cfg = {k: config(os.path.join(a.data, f"distro-config-{k}")) for k in DISTRO_KERNELS}
    ran = [k for k in DISTRO_KERNELS if pc[k].cmd or ch[k].cmd]
    how = {"lean": "the fork, the lean test config (`make kernel`), busybox initramfs",
           "fork": "the fork's linux-image from `make deb` (Debian's amd64 config + configs/debian.config), Debian 12 root",
           "fork-leanargs": "the same .deb and root, booted with `" + a.leanargs + "`",
           "stock": "Debian's linux-image of the pinned version from the archive, Debian 12 root"}
    kernels = [row(k, how[k], pc[k].uname, pc[k].memtotal) for k in ran]
    built = [k for k in ran if k != "fork-leanargs"]    # fork's config, booted otherwise
    options = [row(o, *(cfg[k].get(o, "-") for k in built)) for o in DISTRO_OPTIONS
               if len({cfg[k].get(o, "-") for k in built}) > 1]
    results, summary, per_run = [], {}, []
    for k in ran:
        runs = pc[k].runs()
        if not runs:
            results.append(row(k, f"no data (see build/bench/distro-pagecache-{k}.log)", *[""] * 7))
            continue
        for mode in sorted({mglru(r) for r in runs}, reverse=True):
            rs = [r for r in runs if mglru(r) == mode]
            cells, summary[(k, mode.split()[0])] = pagecache_cells(rs, pc[k].samples, a.timeout)
            results.append(row(k, mode, *cells))
        per_run += [row(k, r["run"], mglru(r), "yes" if r.get("reached") == "1" else "no",
                        f"{int(r['ms']) / 1000:.1f}", r["inflate"], r["deflate"],
                        int(r["cache_kb"]) // 1024) for r in runs]
    pairs = [(("stock", "on"), ("fork", "on"), "Debian's stock kernel / the fork with Debian's config (multi-gen LRU on, as both boot)"),
             (("lean", "not"), ("fork", "on"), "the lean test config / the fork with Debian's config, as each boots"),
             (("fork", "off"), ("fork", "on"), "the fork with Debian's config: multi-gen LRU off / on"),
             (("stock", "off"), ("stock", "on"), "Debian's stock kernel: multi-gen LRU off / on"),
             (("lean", "not"), ("fork", "off"), "the lean test config / the fork with Debian's config and the multi-gen LRU off"),
             (("fork-leanargs", "on"), ("fork", "on"), "the fork with Debian's config: the lean boot arguments / as it boots"),
             (("lean", "not"), ("fork-leanargs", "off"), "the lean test config / the fork with Debian's config, the lean boot arguments and the multi-gen LRU off")]
    lines = [f"- {label}: time to target {summary[x][0]:.1f} / {summary[y][0]:.1f} s, "
             f"{summary[x][0] / summary[y][0]:.2f}x; balloon_inflate {summary[x][1] / max(summary[y][1], 1):.2f}x"
             for x, y, label in pairs if x in summary and y in summary]
    churn = []
    for k in (k for k in ran if ch[k].cmd):
        runs = ch[k].runs()
        if not runs:
            churn.append(row(k, f"no data (see build/bench/distro-churn-{k}.log)", *[""] * 7))
        for mode in sorted({int(r["mode"]) for r in runs}):
            churn.append(row(k, f"{mode} ms", *churn_cells([r for r in runs if int(r["mode"]) == mode])[0]))
    write_md(a, "distro-balloon", timeout=a.timeout, holdoff=a.holdoff,
             disk=a.mem * 65 // 100, keep=a.mem * 20 // 100,
             kernels="\n".join(kernels), options="\n".join(options),
             option_heads=" | ".join(built), option_rule=" | ".join("---" for _ in built),
             results="\n".join(results),
             ratios="Ratios in this run (medians):\n\n" + "\n".join(lines) if lines else "",
             per_run="\n".join(per_run), churn="\n".join(churn),
             qemu=pc["fork"].cmd or pc["stock"].cmd or "?")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["balloon-pagecache", "balloon-churn", "balloon-relief",
                                     "blkback-pressure", "distro-balloon"])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--repeats", type=int, required=True)
    ap.add_argument("--mem", type=int, required=True)
    ap.add_argument("--timeout", type=int, default=0)
    ap.add_argument("--holdoff", type=int, default=0)
    ap.add_argument("--vbds", type=int, default=0)
    ap.add_argument("--over", type=int, default=16)
    ap.add_argument("--leanargs", default="")
    a = ap.parse_args()
    {"balloon-pagecache": balloon_pagecache, "balloon-churn": balloon_churn,
     "balloon-relief": balloon_relief,
     "blkback-pressure": blkback_pressure, "distro-balloon": distro_balloon}[a.what](a)


if __name__ == "__main__":
    main()
