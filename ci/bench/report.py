#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the benchmark logs of ci/bench/run.sh into docs/results/.

One name a benchmark, for its logs and its result:
balloon-pagecache: build/bench/balloon-pagecache-{fork,upstream,shrinker}.log
                   -> balloon-pagecache.md, balloon-pagecache.png (gnuplot)
balloon-churn:     build/bench/balloon-churn.log -> balloon-churn.md,
                   balloon-churn.png
blkback-pressure:  build/bench/blkback-pressure-{fork,upstream,unpopulated}.log
                   -> blkback-pressure.md, blkback-pressure.png
Standard library only; gnuplot draws the figures.
"""

import argparse
import datetime
import os
import platform
import re
import statistics
import subprocess

KERNELS = ["fork", "upstream", "shrinker"]
PAGE = 4096
MIB = 1 << 20
TS_RE = re.compile(r"^\[\s*\d+\.\d+\]\s?")


def kv(line):
    return dict(f.split("=", 1) for f in line.split() if "=" in f)


def read_log(path):
    """(uname, bench lines as dicts, samples {run: [(s, pages)]}, qemu cmd)."""
    uname, runs, samples, cmd = "?", [], {}, ""
    if not os.path.exists(path):
        return uname, runs, samples, cmd
    with open(path, errors="replace") as f:
        for raw in f:
            if raw.startswith("# qemu-system"):
                cmd = raw[2:].strip()
            line = TS_RE.sub("", raw.rstrip("\n"))
            if line.startswith("MMP-BOOTED "):
                uname = line.split()[1]
            elif line.startswith("MMP-BENCH-S "):
                _, run, ms, pages = line.split()[:4]
                samples.setdefault(int(run), []).append((int(ms) / 1000, int(pages)))
            elif line.startswith("MMP-BENCH "):
                runs.append(kv(line))
    return uname, runs, samples, cmd


def stat(vals, fmt="{:.0f}"):
    """median (min-max) over the runs, or '-'."""
    if not vals:
        return "-"
    med = statistics.median(vals)
    if len(vals) == 1:
        return fmt.format(med)
    return f"{fmt.format(med)} ({fmt.format(min(vals))}-{fmt.format(max(vals))})"


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


def gnuplot(script):
    subprocess.run(["gnuplot"], input=script, text=True, check=True)


def balloon_pagecache(a):
    ids = kernels_tsv(a.data)
    rows, logs = {}, {}
    for k in KERNELS:
        logs[k] = read_log(os.path.join(a.data, f"balloon-pagecache-{k}.log"))
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = []
    w = out.append
    w("# Balloon against the page cache: OOM notifier vs shrinker")
    w("")
    w("The experiment of the v3 patch \"virtio-balloon: Switch back to OOM handler")
    w("for VIRTIO_BALLOON_F_DEFLATE_ON_OOM\" (Tyler Sanderson's test, kept in")
    w("`/work/shared/seeds/virtio-balloon-deflate-on-oom-v3.txt`), scaled down:")
    w(f"a {a.mem} MiB guest reads a {a.mem * 65 // 100} MiB raw virtio disk in a loop")
    w("(`cat /dev/vda > /dev/null`: the block device itself, no file system, so the")
    w("page cache is the block device's; it shows as `Buffers` in /proc/meminfo)")
    w(f"while the host sets the balloon target so the guest keeps 20% ({a.mem * 20 // 100} MiB).")
    w("One warm-up pass fills the cache, then the reader loops and the target is")
    w("set over QMP (`balloon`, through qemu-run.py's broker). The guest samples")
    w("the balloon size (`balloon_inflate - balloon_deflate` from /proc/vmstat)")
    w(f"about every 0.5 s until it reaches the target or {a.timeout} s pass; then the")
    w("reader stops and the balloon deflates fully before the next run (all runs")
    w("of a kernel in one boot). Guest side: `ci/bench/guest/balloon-pagecache.sh`.")
    w("")
    w(f"Measured {today} by `{a.command}` (ci/bench/run.sh), all three kernels in the same run")
    w(f"on the same machine: {machine()}.")
    w(f"Host load average when the report was written: {load()}; other work on")
    w("the machine makes absolute times noisy: compare the kernels with each other.")
    w("")
    w("## Kernels")
    w("")
    w("Same config for all three: the `plain` variant (`configs/{base,kvm,xen}.config`")
    w("merged onto allnoconfig by `ci/build/kconfig.sh`), same gcc, 2 vCPUs, QEMU")
    w("`-device virtio-balloon-pci,deflate-on-oom=on`, `acpi=noirq` as every guest")
    w("that `ci/test/qemu-run.py` boots (its `ACPI_ARGS` says why).")
    w("")
    w("| kernel | source | `uname -r` | deflate on OOM through |")
    w("| --- | --- | --- | --- |")
    how = {"fork": "mm_pressure OOM policy (build/linux HEAD, `make kernel`)",
           "upstream": "the driver's own OOM notifier (6.12.117)",
           "shrinker": "a shrinker: count_objects = balloon pages, scan_objects deflates (as 71994620bb25)"}
    src = {"fork": "build/linux HEAD: ",
           "upstream": "tag `upstream` + `git am` of the series' xen-blkback free-page-pool statistic patch (read-only, does not touch the balloon): ",
           "shrinker": "as upstream + `git am` of ci/bench/balloon-shrinker/0001-*.patch (bench-only): "}
    for k in KERNELS:
        w(f"| {k} | {src[k]}{ids.get(k, '?')} | {logs[k][0]} | {how[k]} |")
    w("")
    w("## Results")
    w("")
    w(f"Median over the runs, (min-max) in brackets; {a.repeats} runs a kernel.")
    w("\"Longest stall\": the longest time without a new maximum of the balloon")
    w("size (the seed's \"longest period without net forward progress\"), at the")
    w("0.5 s sampling resolution; a run that times out counts on to its end.")
    w("Inflate/deflate: pages (4 KiB) counted from setting the target until the")
    w("target was reached or the timeout.")
    w("")
    w("| kernel | runs reaching the target | time to target (s) | balloon_inflate | balloon_deflate | inflate / target | longest stall (s) | final balloon (MiB) |")
    w("| --- | --- | --- | --- | --- | --- | --- | --- |")
    summary = {}
    for k in KERNELS:
        uname, runs, samples, _ = logs[k]
        if not runs:
            w(f"| {k} | no data (the guest failed: see build/bench/balloon-pagecache-{k}.log) | | | | | | |")
            continue
        reached = [r for r in runs if r.get("reached") == "1"]
        times = [int(r["ms"]) / 1000 for r in runs]
        tstr = stat(times, "{:.1f}")
        if len(reached) < len(runs):
            tstr += f"; {len(runs) - len(reached)} run(s) stopped at the {a.timeout} s timeout"
        inf = [int(r["inflate"]) for r in runs]
        dfl = [int(r["deflate"]) for r in runs]
        ratio = [int(r["inflate"]) / int(r["target_pages"]) for r in runs]
        stalls = [longest_stall(samples.get(int(r["run"]), []), int(r["ms"]) / 1000) for r in runs]
        final = [int(r["balloon_pages"]) * PAGE / MIB for r in runs]
        summary[k] = (statistics.median(times), statistics.median(inf), len(reached), len(runs))
        w(f"| {k} | {len(reached)}/{len(runs)} | {tstr} | {stat(inf)} | {stat(dfl)} | "
          f"{stat(ratio, '{:.2f}')} | {stat(stalls, '{:.1f}')} | {stat(final)} |")
    tgt = None
    for k in KERNELS:
        if logs[k][1]:
            r = logs[k][1][0]
            tgt = int(r["target_pages"]) * PAGE / MIB
    w("")
    if tgt:
        w(f"Target balloon size: {tgt:.0f} MiB ({int(tgt * MIB / PAGE)} pages).")
        w("")
    if "fork" in summary and "shrinker" in summary:
        f, s = summary["fork"], summary["shrinker"]
        w("Ratios in this run (medians, shrinker / fork):")
        w(f"time to target {s[0] / f[0]:.1f}x"
          + (" (a lower bound: the shrinker kernel hit the timeout)" if s[2] < s[3] else "")
          + f", balloon_inflate {s[1] / max(f[1], 1):.1f}x.")
        w("")
    w("Per run (guest log lines `MMP-BENCH`):")
    w("")
    w("| kernel | run | reached | time (s) | inflate | deflate | warm-up pass (s) | cache after warm-up (MiB) |")
    w("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for k in KERNELS:
        for r in logs[k][1]:
            w(f"| {k} | {r['run']} | {'yes' if r.get('reached') == '1' else 'no'} | "
              f"{int(r['ms']) / 1000:.1f} | {r['inflate']} | {r['deflate']} | "
              f"{int(r['warmup_ms']) / 1000:.1f} | {int(r['cache_kb']) // 1024} |")
    w("")
    w("## The seed's numbers, for comparison")
    w("")
    w("| | seed: shrinker (4.19) | seed: OOM notifier (5.6-rc4) | here |")
    w("| --- | --- | --- | --- |")
    w("| guest | 64 GB, 16 CPUs, KVM | same | "
      f"{a.mem} MiB, 2 vCPUs, QEMU TCG (emulated CPU, far slower) |")
    w("| file / target | 42 GB file, balloon 53 GB (keeps 11 GB, 0.17) | same | "
      f"{a.mem * 65 // 100} MiB raw disk, balloon {a.mem * 80 // 100} MiB (keeps 0.2) |")
    w("| time to target | 542 s (never, until the reader stopped) | 63 s | table above |")
    w("| longest stall | 315 s | - | table above |")
    w("| balloon_inflate (= deflate after the test) | 154828377 | 12968539 (12x fewer) | table above (during inflation only) |")
    w("")
    w("Differences: the seed's balloon was 13.5 million pages and its reader had")
    w("real I/O; here the guest is 64x smaller, the disk is a sparse host file")
    w("(reads are cheap for the host, the guest still fills its page cache), the")
    w("CPU is emulated, and the seed counted inflate/deflate over the whole test")
    w("including the final deflate, where we count only the inflation phase.")
    w("")
    w("![balloon size over time](balloon-pagecache.png)")
    w("")
    w("Raw data: build/bench/balloon-pagecache-*.log (console logs, the QEMU command line")
    w("is the first line of each). QEMU command of the fork run:")
    w("")
    w("    " + (logs["fork"][3] or "?"))
    w("")
    with open(os.path.join(a.out, "balloon-pagecache.md"), "w") as f:
        f.write("\n".join(out))

    # The figure: balloon size vs time, every run, one colour a kernel.
    colours = {"fork": "#1b9e77", "upstream": "#7570b3", "shrinker": "#d95f02"}
    plots = []
    for k in KERNELS:
        samples = logs[k][2]
        if not samples:
            continue
        path = os.path.join(a.data, f"balloon-pagecache-{k}.dat")
        with open(path, "w") as f:
            for run in sorted(samples):
                for t, b in samples[run]:
                    f.write(f"{t:.2f} {b * PAGE / MIB:.1f}\n")
                f.write("\n\n")
        for i, run in enumerate(sorted(samples)):
            title = f'title "{k} ({len(samples)} runs)"' if i == 0 else "notitle"
            plots.append(f"'{path}' index {i} with lines lw 2 lc rgb '{colours[k]}' {title}")
    if tgt:
        plots.append(f"{tgt:.1f} with lines dt 2 lc rgb 'black' title 'target'")
    gnuplot(f"""set terminal pngcairo size 900,520 font ',10'
set output '{os.path.join(a.out, "balloon-pagecache.png")}'
set title "Balloon inflating against the page cache ({a.mem} MiB guest, TCG, {a.repeats} runs a kernel)"
set xlabel 'seconds since the host set the target'
set ylabel 'balloon size (MiB)'
set key bottom right
set grid
plot {", ".join(plots)}
""")


def balloon_churn(a):
    uname, runs, _, cmd = read_log(os.path.join(a.data, "balloon-churn.log"))
    ids = kernels_tsv(a.data)
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = []
    w = out.append
    w("# Balloon churn under a memory hog: hold-off 0 vs " + f"{a.holdoff} ms")
    w("")
    w("The measurement of `ci/test/guest/tests/balloon-holdoff.sh`, repeated and recorded")
    w("(`ci/bench/guest/balloon-churn.sh`): the balloon holds all but ~48 MiB of free")
    cyc = runs[0].get("cycles", "3") if runs else "?"
    w(f"memory, `memhog` maps 24 MiB more than is free {cyc} times over (300 ms each)")
    w("while the host re-sends the balloon target every 0.3 s, as a host that keeps")
    w("the target high does. With hold-off 0 (upstream's behaviour) the balloon")
    w("re-inflates whenever the host asks and every memhog cycle deflates it again")
    w("on OOM; with the hold-off (`virtio_balloon.oom_holdoff_ms`, set through")
    w("/sys/module) it stays deflated while memhog runs.")
    w("")
    w(f"Measured {today} by `{a.command}` (ci/bench/run.sh): fork kernel only")
    w(f"({ids.get('fork', '?')}, `uname -r` {uname}, plain config), {a.mem} MiB guest,")
    w(f"2 vCPUs, QEMU TCG, {a.repeats} runs a mode alternating in one boot; {machine()}.")
    w(f"Host load average when the report was written: {load()}.")
    w("")
    w("Median (min-max) over the runs; pages are 4 KiB.")
    w("")
    w("| hold-off | runs | memhog run time (s) | balloon_inflate | balloon_deflate | inflate + deflate | host requests | memhog exit codes |")
    w("| --- | --- | --- | --- | --- | --- | --- | --- |")
    med = {}
    for mode in sorted({int(r["mode"]) for r in runs}):
        rs = [r for r in runs if int(r["mode"]) == mode]
        t = [int(r["memhog_ms"]) / 1000 for r in rs]
        i = [int(r["inflate"]) for r in rs]
        d = [int(r["deflate"]) for r in rs]
        c = [x + y for x, y in zip(i, d)]
        n = [int(r["requests"]) for r in rs]
        med[mode] = (statistics.median(t), statistics.median(c), rs)
        w(f"| {mode} ms | {len(rs)} | {stat(t, '{:.1f}')} | {stat(i)} | {stat(d)} | {stat(c)} | "
          f"{stat(n)} | {' '.join(r['rc'] for r in rs)} |")
    if not runs:
        w("| no data: the guest failed, see build/bench/balloon-churn.log | | | | | | | |")
    w("")
    if 0 in med and a.holdoff in med:
        z, h = med[0], med[a.holdoff]
        w(f"Ratios in this run (medians, hold-off 0 / hold-off {a.holdoff} ms): "
          f"inflate + deflate {z[1] / max(h[1], 1):.1f}x, memhog run time {z[0] / h[0]:.2f}x.")
        w("")
    w("Per run:")
    w("")
    w("| hold-off | run | memhog (MiB) | memhog (s) | inflate | deflate | requests | balloon at target before |")
    w("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for r in runs:
        w(f"| {r['mode']} ms | {r['run']} | {r['hog_mib']} | {int(r['memhog_ms']) / 1000:.1f} | "
          f"{r['inflate']} | {r['deflate']} | {r['requests']} | {'yes' if r['filled'] == '1' else 'no'} |")
    w("")
    if runs:
        w("![churn per run](balloon-churn.png)")
        w("")
    w("Raw data: build/bench/balloon-churn.log. QEMU command:")
    w("")
    w("    " + (cmd or "?"))
    w("")
    with open(os.path.join(a.out, "balloon-churn.md"), "w") as f:
        f.write("\n".join(out))
    if not runs:
        return
    path = os.path.join(a.data, "balloon-churn.dat")
    with open(path, "w") as f:
        for mode in sorted(med):
            for r in med[mode][2]:
                f.write(f"{mode} {r['run']} {int(r['inflate']) + int(r['deflate'])} "
                        f"{int(r['memhog_ms']) / 1000:.2f}\n")
            f.write("\n\n")
    modes = sorted(med)
    plots = ", ".join(
        f"'{path}' index {i} using ($2+{i}*0.25-0.125):3 with points pt 7 ps 1.5 "
        f"title 'hold-off {m} ms'" for i, m in enumerate(modes))
    gnuplot(f"""set terminal pngcairo size 800,450 font ',10'
set output '{os.path.join(a.out, "balloon-churn.png")}'
set title "Balloon churn while memhog runs (fork kernel, {a.mem} MiB guest, TCG)"
set xlabel 'run'
set ylabel 'balloon_inflate + balloon_deflate (pages)'
set xtics 1
set yrange [0:*]
set key top right
set grid
plot {plots}
""")


XEN_KERNELS = ["fork", "upstream", "unpopulated"]


def read_xen_log(path):
    """(uname, dom0 MemTotal kB at boot, pressure rows, dd rows, qemu cmd)."""
    uname, mem0, pressure, dd, cmd = "?", 0, [], [], ""
    if not os.path.exists(path):
        return uname, mem0, pressure, dd, cmd
    with open(path, errors="replace") as f:
        for raw in f:
            if raw.startswith("# qemu-system"):
                cmd = raw[2:].strip()
            line = TS_RE.sub("", raw.rstrip("\n"))
            if line.startswith("DOMU| "):
                line = line[6:]
            if line.startswith("MMP-BOOTED ") and "dom0" in line:
                f_ = line.split()
                uname, mem0 = f_[1], int(f_[4])
            elif line.startswith("MMP-BENCH pressure "):
                pressure.append(kv(line))
            elif line.startswith("MMP-BENCH dd "):
                dd.append(kv(line))
    return uname, mem0, pressure, dd, cmd


def blkback_pressure(a):
    ids = kernels_tsv(a.data)
    logs, meta = {}, {}
    for k in XEN_KERNELS:
        p = os.path.join(a.data, f"blkback-pressure-{k}.kernel")
        if not os.path.exists(p):
            continue
        _, modes, unpop = open(p).read().split("\t")
        meta[k] = (modes, unpop.strip() == "1")
        logs[k] = read_xen_log(os.path.join(a.data, f"blkback-pressure-{k}.log"))
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = []
    w = out.append
    w("# xen-blkback under dom0 memory pressure: squeeze off, upstream, fork")
    w("")
    w("The experiment of \"xen-blkback: add a parameter for aggressive pool")
    w("shrinking\" (`/work/shared/seeds/xen-blkback-aggressive-shrink-v1.txt`),")
    w("scaled down to QEMU: Xen 4.17 (Debian) boots each kernel as PV dom0 with")
    w("`dom0_mem=512M,max:512M` and `xen_blkback.feature_persistent=0` (every")
    w("request maps through blkback's free page pool, `max_buffer_pages` 1024 a")
    w(f"ring, the default); a PV domU with 2 vCPUs and {a.vbds} vbds reads all of them")
    w("with four O_DIRECT `dd` streams each, without pause. In dom0, once per")
    w("squeeze duration and repeat: wait for the pools to fill, give dom0 512 MiB")
    w(f"of zram swap, drop the page cache, run `memhog` for {a.over} MiB more than")
    w("MemAvailable (it writes every page, reads them back, holds 500 ms),")
    w("count `pswpin`/`pswpout` over memhog's run,")
    w("sample xvda's pool every 2 ms, drop the swap. Then the seed's overhead")
    w("test: the domU times a 64 MiB O_DIRECT write and read of xvda with")
    w("`max_buffer_pages` 1024 and 0. Guest side: `ci/bench/guest/blkback-pressure.sh`,")
    w("`xen-phase-blkback-pressure-round.sh`, `xen-phase-blkback-pressure-mbp.sh`.")
    w("")
    w("`max:512M` matters: it leaves dom0's balloon without spare frames, so")
    w("with `CONFIG_XEN_UNPOPULATED_ALLOC` off every pool page is a RAM page dom0")
    w("gave back to Xen (`add_ballooned_pages()` -> `decrease_reservation()`), and")
    w("a squeeze gets it back through the balloon thread. This is the seed's case;")
    w("`docs/xen.md` explains why a dom0 with spare balloon frames, or a kernel")
    w("with the option on, pays no RAM for the pool.")
    w("")
    w(f"Measured {today} by `{a.command}` (ci/bench/run.sh), all kernels in the same")
    w(f"run on the same machine: {machine()}.")
    w(f"Host load average when the report was written: {load()}.")
    w("")
    w("## Kernels")
    w("")
    w("| kernel | source | `uname -r` | XEN_UNPOPULATED_ALLOC | squeeze durations (ms) | dom0 MemTotal at boot (kB) |")
    w("| --- | --- | --- | --- | --- | --- |")
    src = {"fork": "build/linux HEAD, plain config: " + ids.get("fork", "?"),
           "upstream": "tag `upstream` + the series' xen-blkback free-page-pool statistic patch (read-only), plain config: "
                       + ids.get("upstream", "?"),
           "unpopulated": "build/linux HEAD, plain + configs/xen-unpopulated.config"}
    for k in logs:
        w(f"| {k} | {src[k]} | {logs[k][0]} | {'on' if meta[k][1] else 'off'} | {meta[k][0]} | {logs[k][1]} |")
    w("")
    w("On upstream the 10 ms window is opened by the xenbus backend shrinker and")
    w("honoured only when a ring thread happens to run in it; on the fork the")
    w("mm_pressure squeeze wakes every ring thread (docs/xen.md).")
    w("")
    w("## dom0 swap traffic under the memory hog")
    w("")
    w(f"Median (min-max) over {a.repeats} rounds a row; the rows of one kernel alternate")
    w("in one boot. Pool: all vbds' `statistics/free_pages` before memhog; xvda")
    w("at 0: share of the 2 ms samples of xvda's pool that read 0 during memhog.")
    w("")
    w("| kernel | squeeze (ms) | rounds | pswpout (pages) | pswpin (pages) | memhog run (s) | pool before (pages) | xvda pool at 0 | windows opened | MemTotal before memhog (kB) |")
    w("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    med = {}
    for k in logs:
        rows = logs[k][2]
        for mode in meta[k][0].split(","):
            rs = [r for r in rows if r.get("mode") == mode]
            if not rs:
                w(f"| {k} | {mode} | 0 | no data: see build/bench/blkback-pressure-{k}.log | | | | | | |")
                continue
            out_ = [int(r["pswpout"]) for r in rs]
            in_ = [int(r["pswpin"]) for r in rs]
            t = [int(r["memhog_ms"]) / 1000 for r in rs]
            pf = [int(r["pool_full"]) for r in rs]
            z = [int(r["xvda_zeros"]) / max(int(r["xvda_samples"]), 1) * 100 for r in rs]
            win = []
            for r in rs:
                b, _, e = r["windows"].partition("/")
                win.append(int(e) - int(b) if b.isdigit() and e.isdigit() else None)
            wtxt = stat([x for x in win if x is not None]) if all(x is not None for x in win) else "n/a (no debugfs)"
            tot = [int(r["memtotal_kb"].split("/")[0]) for r in rs]
            med[(k, mode)] = (statistics.median(out_), statistics.median(in_), rs)
            w(f"| {k} | {mode} | {len(rs)} | {stat(out_)} | {stat(in_)} | {stat(t, '{:.1f}')} | "
              f"{stat(pf)} | {stat(z, '{:.1f}')}% | {wtxt} | {stat(tot)} |")
    w("")
    pairs = [(("fork", "0"), ("fork", "10"), "fork, squeeze off / fork, 10 ms"),
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
    if lines:
        w("Ratios in this run (medians):")
        w("")
        out.extend(lines)
        w("")
    w("Per round:")
    w("")
    w("| kernel | squeeze (ms) | round | pswpout | pswpin | memhog (MiB) | memhog (s) | reclaim runs | pool before | pool after | xvda min | MemTotal before/after (kB) |")
    w("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for k in logs:
        for r in logs[k][2]:
            w(f"| {k} | {r['mode']} | {r['run']} | {r['pswpout']} | {r['pswpin']} | {r['hog_mib']} | "
              f"{int(r['memhog_ms']) / 1000:.1f} | {r['reclaim_runs']} | {r['pool_full']} | "
              f"{r['pool_after']} | {r['xvda_min']} | {r['memtotal_kb']} |")
    w("")
    w("## Overhead: dd with max_buffer_pages 1024 and 0")
    w("")
    w("The domU writes then reads 64 MiB of xvda with `bs=1M` and O_DIRECT;")
    w("the pressure rounds are over. MiB/s, median (min-max).")
    w("")
    w("| kernel | max_buffer_pages | runs | write (MiB/s) | read (MiB/s) |")
    w("| --- | --- | --- | --- | --- |")
    dmed = {}
    for k in logs:
        for mbp in ("1024", "0"):
            rs = [r for r in logs[k][3] if r.get("mbp") == mbp]
            if not rs:
                continue
            wr = [int(r["mib"]) / max(int(r["write_ms"]), 1) * 1000 for r in rs]
            rd = [int(r["mib"]) / max(int(r["read_ms"]), 1) * 1000 for r in rs]
            dmed[(k, mbp)] = (statistics.median(wr), statistics.median(rd))
            w(f"| {k} | {mbp} | {len(rs)} | {stat(wr, '{:.1f}')} | {stat(rd, '{:.1f}')} |")
    w("")
    for k in logs:
        if (k, "1024") in dmed and (k, "0") in dmed:
            a1, a0 = dmed[(k, "1024")], dmed[(k, "0")]
            w(f"- {k}: max_buffer_pages 0 / 1024: write {a0[0] / a1[0]:.2f}x, read {a0[1] / a1[1]:.2f}x")
    w("")
    w("## The seed's numbers, for comparison")
    w("")
    w("| | seed | here |")
    w("| --- | --- | --- |")
    w("| dom0 / domU | dom0 with little memory and swap, a domU with many vbds (AWS) | "
      f"PV dom0 512 MiB (max:512M) under TCG, PV domU 2 vCPUs, {a.vbds} vbds |")
    w("| pswpout | 185,799 (default) -> 3,325 (aggressive shrink), 56x | table above |")
    w("| dd overhead | no throughput loss with the pool at 0 | table above |")
    w("")
    if med:
        w("![pswpout per round](blkback-pressure.png)")
        w("")
    w("Raw data: build/bench/blkback-pressure-*.log (dom0's console; the domU's lines are")
    w("prefixed `DOMU| `). QEMU command of the fork run:")
    w("")
    w("    " + (logs.get("fork", ("", 0, [], [], "?"))[4] or "?"))
    w("")
    with open(os.path.join(a.out, "blkback-pressure.md"), "w") as f:
        f.write("\n".join(out))
    if not med:
        return
    path = os.path.join(a.data, "blkback-pressure.dat")
    keys = list(med)
    with open(path, "w") as f:
        for i, key in enumerate(keys):
            for r in med[key][2]:
                f.write(f"{i} {r['run']} {r['pswpout']}\n")
            f.write("\n\n")
    plots = ", ".join(
        f"'{path}' index {i} using ($1+($2-1)*0.1):3 with points pt 7 ps 1.5 "
        f"title '{k}, {m} ms'" for i, (k, m) in enumerate(keys))
    xt = ", ".join(f'"{k}\\n{m} ms" {i}' for i, (k, m) in enumerate(keys))
    gnuplot(f"""set terminal pngcairo size 900,480 font ',10'
set output '{os.path.join(a.out, "blkback-pressure.png")}'
set title "dom0 pswpout while memhog runs (one point a round, {a.vbds} vbds, TCG)"
set bmargin 4
set ylabel 'pswpout (pages)'
set xtics ({xt})
set xrange [-0.5:{len(keys) - 0.5}]
set yrange [0:*]
set key off
set grid ytics
plot {plots}
""")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["balloon-pagecache", "balloon-churn", "blkback-pressure"])
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--command", required=True)
    ap.add_argument("--repeats", type=int, required=True)
    ap.add_argument("--mem", type=int, required=True)
    ap.add_argument("--timeout", type=int, default=0)
    ap.add_argument("--holdoff", type=int, default=0)
    ap.add_argument("--vbds", type=int, default=0)
    ap.add_argument("--over", type=int, default=16)
    a = ap.parse_args()
    {"balloon-pagecache": balloon_pagecache, "balloon-churn": balloon_churn,
     "blkback-pressure": blkback_pressure}[a.what](a)


if __name__ == "__main__":
    main()
