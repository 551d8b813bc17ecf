# SPDX-License-Identifier: GPL-2.0
# Benchmark blkback-pressure (ci/bench/blkback-pressure.sh, not make
# check): blkback under dom0 memory pressure, as in the xen-blkback
# "aggressive shrink" report. The domU
# has mmp.domu_vbds= vbds. mmp.bench_rounds= times it reads all of them
# with four O_DIRECT streams each, which fills blkback's pools, and then
# idles while dom0 runs phase_round: a memory hog against zram swap under
# one squeeze duration, reported as an MMP-BENCH line with dom0's
# pswpin/pswpout. The pools hold what the burst of I/O left in them; a
# squeeze may give it back. Then the same rounds again with the domU
# writing and reading xvda (O_DIRECT, bs=1M) in a loop for as long as
# dom0's memhog runs: what a squeeze costs the domU's I/O under dom0's
# pressure, and what that I/O does to dom0's swap traffic:
#   MMP-BENCH pressure-io mode=<ms> run=<n> round=<n> pswpout=<pages> ...  (dom0)
#   MMP-BENCH dd-pressure round=<n> mib=<MiB> ms=<ms>                   (domU)
# Then the overhead test: for each of
# mmp.bench_repeats=, dom0 sets max_buffer_pages to 1024 and then to 0
# (phase_mbp) and the domU times an O_DIRECT write and read of xvda:
#   MMP-BENCH dd mbp=<pages> run=<n> write_ms=<ms> read_ms=<ms> mib=<MiB>
. /tests/lib.sh
. /tests/xen-lib.sh

# dom0, round N, while the domU idles with blkback's pools as its I/O
# left them. Round N uses squeeze duration number ((N - 1) mod M) + 1 of
# the M in mmp.bench_modes= (comma-separated ms; default 10), repeat
# ((N - 1) / M) + 1. It gives dom0 512 MiB of zram swap, drops the page
# cache, sets buffer_squeeze_duration_ms and runs memhog for
# mmp.bench_over_mib= (default 16) MiB more than is available, sampling
# xvda's pool; then it notes dom0's swap traffic and drops the swap:
#   MMP-BENCH pressure mode=<ms> run=<n> pswpin=<pages> pswpout=<pages> ...
# With a second argument "io" the domU's I/O runs through the round, and
# the line is "pressure-io".
phase_round() {
	modes=$(mmp_arg bench_modes 10 | tr , ' ')
	over=$(mmp_arg bench_over_mib 16)
	n=$1 kind=pressure
	[ "${2:-}" != io ] || kind=pressure-io
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
	w0=$(sq_count windows_opened) g0=$(sq_count trims) k0=$(sq_count pages_taken)
	t0=$(cut -d' ' -f1 /proc/uptime)
	memhog $hog 500 > $XEN_STATE/memhog.out 2>&1 &
	hogpid=$!
	s=$(sample "$(vbd_dir)/statistics/free_pages" $hogpid 2000)
	wait $hogpid
	rc=$?
	t1=$(cut -d' ' -f1 /proc/uptime)
	i1=$(vmstat pswpin) o1=$(vmstat pswpout) rr1=$(reclaim_runs)
	w1=$(sq_count windows_opened) g1=$(sq_count trims) k1=$(sq_count pages_taken)
	tot1=$(meminfo_kb MemTotal) after=$(pool_all)
	swap_off
	set -- $s
	line="$kind mode=$m run=$r round=$n pswpin=$((i1 - i0)) pswpout=$((o1 - o0)) memhog_ms=$(awk -v a=$t0 -v b=$t1 'BEGIN { printf "%d", (b - a) * 1000 }') rc=$rc hog_mib=$hog avail_mib=$avail reclaim_runs=$((rr1 - rr0)) windows=$w0/$w1 trims=$g0/$g1 taken=$k0/$k1 proportional=$(cat /sys/module/xen_blkback/parameters/buffer_squeeze_proportional 2>/dev/null || echo none) pool_full=$full pool_max=$(pool_all_max) pool_after=$after xvda_samples=${2:-0} xvda_min=${4:-none} xvda_zeros=${8:-0} memtotal_kb=$tot0/$tot1 vbds=$(vbd_dirs | wc -l)"
	echo "MMP-BENCH $line"
	echo "$line" >> $XEN_STATE/blkback-pressure-rounds
	check $kind-m$m-r$r "memhog rc=$rc, pool $full -> min ${4:-none}" test "$rc" = 0
}
# dom0, before the domU's next dd: max_buffer_pages PAGES; with 0 every
# request allocates its pages and frees them again.
phase_mbp() {
	echo "$1" > /sys/module/xen_blkback/parameters/max_buffer_pages
}
run_phase "$@"

if [ "$XEN_SIDE" = dom0 ]; then
	check rounds-ran "$(cat $XEN_STATE/blkback-pressure-rounds 2> /dev/null | wc -l) rounds" \
		test -s $XEN_STATE/blkback-pressure-rounds
	exit
fi

rounds=$(mmp_arg bench_rounds 1)
repeats=$(mmp_arg bench_repeats 1)
devs=$(ls /dev/xvd? 2> /dev/null)
check vbds "$(echo $devs)" test -n "$devs"

# Each round: fill the pools with one pass of four O_DIRECT streams per
# vbd, then idle while dom0 runs round N (phase_round N picks the squeeze
# duration and the repeat from N).
n=1
while [ "$n" -le "$rounds" ]; do
	for d in $devs; do
		for i in 1 2 3 4; do
			dd if=$d of=/dev/null bs=1M iflag=direct 2> /dev/null &
		done
	done
	wait
	check sync-round$n "dom0 ran round $n" xen_sync "round:$n" 900
	n=$((n + 1))
done

# The same rounds with the domU's I/O running through each: a loop of
# XEN_DATA_MIB O_DIRECT writes and reads of xvda, counted until dom0's
# round is over.
n=1
while [ "$n" -le "$rounds" ]; do
	rm -f /tmp/io-stop
	(
		mib=0 t0=$(now_ms)
		while [ ! -e /tmp/io-stop ]; do
			dd if=/dev/zero of=/dev/xvda bs=1M count=$XEN_DATA_MIB oflag=direct 2> /dev/null &&
				dd if=/dev/xvda of=/dev/null bs=1M count=$XEN_DATA_MIB iflag=direct 2> /dev/null ||
				break
			mib=$((mib + 2 * XEN_DATA_MIB))
		done
		echo "MMP-BENCH dd-pressure round=$n mib=$mib ms=$(($(now_ms) - t0))"
	) &
	io=$!
	check sync-io-round$n "dom0 ran round $n with I/O" xen_sync "round:$n:io" 900
	touch /tmp/io-stop
	wait $io
	n=$((n + 1))
done

r=1
while [ "$r" -le "$repeats" ]; do
	for mbp in 1024 0; do
		xen_sync "mbp:$mbp:$r" 60 || { fail dd-sync "mbp:$mbp:$r"; continue; }
		t0=$(now_ms)
		dd if=/dev/zero of=/dev/xvda bs=1M count=$XEN_DATA_MIB oflag=direct 2> /dev/null
		t1=$(now_ms)
		dd if=/dev/xvda of=/dev/null bs=1M count=$XEN_DATA_MIB iflag=direct 2> /dev/null
		t2=$(now_ms)
		echo "MMP-BENCH dd mbp=$mbp run=$r write_ms=$((t1 - t0)) read_ms=$((t2 - t1)) mib=$XEN_DATA_MIB"
	done
	r=$((r + 1))
done
