# SPDX-License-Identifier: GPL-2.0
# dom0 side of bench-blkback, run while the domU reads all of its vbds.
# For each repeat (mmp.bench_repeats=) and each squeeze duration in
# mmp.bench_modes= (comma-separated ms; default 10): set
# buffer_squeeze_duration_ms, wait for the pools to fill, give dom0 512 MiB
# of zram swap and run memhog for 48 MiB more than is available, sampling
# xvda's pool; then note dom0's swap traffic and drop the swap. One line
# per round:
#   MMP-BENCH pressure mode=<ms> run=<n> pswpin=<pages> pswpout=<pages> ...
T=bench-blkback
. /tests/lib.sh
. /tests/xen-lib.sh
arg() { sed -n "s/.*mmp\.$1=\([0-9,]*\).*/\1/p" /proc/cmdline; }
repeats=$(arg bench_repeats); repeats=${repeats:-1}
modes=$(arg bench_modes | tr , ' '); modes=${modes:-10}
kb() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
# fill SECS: wait until the pools of all vbds are full; prints the pages.
fill() {
	local i=0 n max=$(pool_all_max)
	while [ $i -lt $(($1 * 10)) ]; do
		n=$(pool_all)
		[ "$n" -ge "$max" ] && break
		usleep 100000
		i=$((i + 1))
	done
	echo "$n"
}

r=1
while [ "$r" -le "$repeats" ]; do
	for m in $modes; do
		echo "$m" > /sys/module/xen_blkback/parameters/buffer_squeeze_duration_ms
		full=$(fill 60)
		tot0=$(kb MemTotal)
		swap_on 512 || fail swap-r$r "zram swap"
		sync
		echo 3 > /proc/sys/vm/drop_caches
		avail=$(($(kb MemAvailable) / 1024))
		hog=$((avail + 48))
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
		tot1=$(kb MemTotal) after=$(pool_all)
		swap_off
		set -- $s
		echo "MMP-BENCH pressure mode=$m run=$r pswpin=$((i1 - i0)) pswpout=$((o1 - o0)) memhog_ms=$(awk -v a=$t0 -v b=$t1 'BEGIN { printf "%d", (b - a) * 1000 }') rc=$rc hog_mib=$hog avail_mib=$avail reclaim_runs=$((rr1 - rr0)) windows=$w0/$w1 pool_full=$full pool_max=$(pool_all_max) pool_after=$after xvda_samples=${2:-0} xvda_min=${4:-none} xvda_zeros=${8:-0} memtotal_kb=$tot0/$tot1 vbds=$(vbd_dirs | wc -l)"
		check pressure-m$m-r$r "memhog rc=$rc, pool $full -> min ${4:-none}" test "$rc" = 0
	done
	r=$((r + 1))
done
echo "$repeats repeats of modes $modes" > $XEN_STATE/bench-pressure.done
