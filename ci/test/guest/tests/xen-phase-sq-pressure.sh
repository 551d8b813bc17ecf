# SPDX-License-Identifier: GPL-2.0
# dom0 side of xen-squeeze, run while the domU does I/O: wait for the pool
# to fill, give dom0 swap on zram, then run memhog, which allocates 48 MiB
# more than dom0 has available: the kernel reclaims (kswapd, and direct
# reclaim in memhog) and swaps. While it runs, sample blkback's pool with
# ci/test/guest/sample.c; after it, wait for the I/O to refill the pool.
T=xen-squeeze
. /tests/lib.sh
. /tests/xen-lib.sh
full=$(wait_pool_full 60)
check pool-full-before "free_pages $full, max_buffer_pages $(blkback_param max_buffer_pages) x $(($(pool_max) / $(blkback_param max_buffer_pages))) rings" \
	test "$full" != none -a "$full" -ge "$(pool_max)" 2> /dev/null
s0=$(sq_count signals) w0=$(sq_count windows_opened)
avail=$(($(meminfo_kb MemAvailable) / 1024))
hog=$((avail + 48))
check swap "zram swap, 512 MiB" swap_on 512
r0=$(reclaim_runs) o0=$(vmstat pswpout)
t0=$(date +%s)
memhog $hog 500 > $XEN_STATE/memhog.out 2>&1 &
hogpid=$!
out=$(sample "$(vbd_dir)/statistics/free_pages" $hogpid 2000)
wait $hogpid
rc=$?
set -- $out
min=${4:-none}
runs=$(($(reclaim_runs) - r0)) out_pages=$(($(vmstat pswpout) - o0))
check memhog "$hog of $avail MiB available, exit $rc, $(($(date +%s) - t0)) s, $runs reclaim runs (kswapd passes + direct stalls), pswpout $out_pages" \
	test $rc = 0 -a $runs -gt 0
s1=$(sq_count signals) w1=$(sq_count windows_opened)
check window-opened "signals $s0 -> $s1, windows_opened $w0 -> $w1 (duration $(blkback_param buffer_squeeze_duration_ms) ms)" \
	test "$w1" -gt "$w0" 2> /dev/null
check pool-emptied "free_pages during pressure: $out" \
	test "$min" = 0
t0=$(date +%s)
full=$(wait_pool_full 60)
check pool-refilled "free_pages $full after $(($(date +%s) - t0)) s of I/O" \
	test "$full" != none -a "$full" -ge "$(pool_max)" 2> /dev/null
swap_off
echo "min $min, windows $w0 -> $w1" > $XEN_STATE/sq-pressure.done
