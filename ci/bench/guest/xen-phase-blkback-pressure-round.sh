# SPDX-License-Identifier: GPL-2.0
# dom0 side of blkback-pressure: xen-phase-blkback-pressure-round.sh N,
# run while the domU idles with blkback's pools as its I/O left them.
# Round N uses
# squeeze duration number ((N - 1) mod M) + 1 of the M in mmp.bench_modes=
# (comma-separated ms; default 10), repeat ((N - 1) / M) + 1. It gives
# dom0 512 MiB of zram swap, drops the page cache, sets
# buffer_squeeze_duration_ms and runs memhog for mmp.bench_over_mib=
# (default 16) MiB more than is available, sampling xvda's pool; then it
# notes dom0's swap traffic and drops the swap:
#   MMP-BENCH pressure mode=<ms> run=<n> pswpin=<pages> pswpout=<pages> ...
T=blkback-pressure
. /tests/lib.sh
. /tests/xen-lib.sh
modes=$(mmp_arg bench_modes 10 | tr , ' ')
over=$(mmp_arg bench_over_mib 16)
n=$1
set -- $modes
nm=$#
i=$(( (n - 1) % nm + 1 ))
eval m=\${$i}
r=$(( (n - 1) / nm + 1 ))

# Same start for every duration: the page cache dropped with the squeeze
# off (drop_caches is a reclaim signal too), the pools full, MemAvailable
# read; only then the duration under test.
dur=/sys/module/xen_blkback/parameters/buffer_squeeze_duration_ms
echo 0 > $dur
swap_on 512 || fail swap-m$m-r$r "zram swap"
sync
echo 3 > /proc/sys/vm/drop_caches
full=$(pool_all)
tot0=$(meminfo_kb MemTotal)
avail=$(($(meminfo_kb MemAvailable) / 1024))
hog=$((avail + over))
echo "$m" > $dur
i0=$(vmstat pswpin) o0=$(vmstat pswpout) rr0=$(reclaim_runs)
w0=$(sq_count windows_opened)
t0=$(cut -d' ' -f1 /proc/uptime)
memhog $hog 500 > $XEN_STATE/memhog.out 2>&1 &
hogpid=$!
s=$(sample "$(vbd_dir)/statistics/free_pages" $hogpid 2000)
wait $hogpid
rc=$?
t1=$(cut -d' ' -f1 /proc/uptime)
i1=$(vmstat pswpin) o1=$(vmstat pswpout) rr1=$(reclaim_runs)
w1=$(sq_count windows_opened)
tot1=$(meminfo_kb MemTotal) after=$(pool_all)
swap_off
set -- $s
line="pressure mode=$m run=$r pswpin=$((i1 - i0)) pswpout=$((o1 - o0)) memhog_ms=$(awk -v a=$t0 -v b=$t1 'BEGIN { printf "%d", (b - a) * 1000 }') rc=$rc hog_mib=$hog avail_mib=$avail reclaim_runs=$((rr1 - rr0)) windows=$w0/$w1 pool_full=$full pool_max=$(pool_all_max) pool_after=$after xvda_samples=${2:-0} xvda_min=${4:-none} xvda_zeros=${8:-0} memtotal_kb=$tot0/$tot1 vbds=$(vbd_dirs | wc -l)"
echo "MMP-BENCH $line"
echo "$line" >> $XEN_STATE/blkback-pressure-rounds
check pressure-m$m-r$r "memhog rc=$rc, pool $full -> min ${4:-none}" test "$rc" = 0
