# SPDX-License-Identifier: GPL-2.0
# Squeeze under real pressure, with data checked before, during and after.
# The domU writes a pattern across xvda and reads it back (before); keeps
# doing so with another pattern in the background while dom0 runs
# phase_pressure (memhog forces reclaim; dom0 asserts from the helper's
# counters and blkback's statistics that a window opened, that the pool
# fell to 0 and that it refilled); then once more (after), and dom0
# (phase_written) checks the backing file holds that last pattern.
. /tests/lib.sh
. /tests/xen-lib.sh
set -o pipefail

# dom0, while the domU does I/O: wait for the pool to fill, give dom0
# swap on zram, then run memhog, which allocates 48 MiB more than dom0
# has available: the kernel reclaims (kswapd, and direct reclaim in
# memhog) and swaps. While it runs, sample blkback's pool with
# ci/test/guest/sample.c; after it, wait for the I/O to refill the pool.
# memhog is stopped after XEN_HOG_SECS: windows open and the pool empties
# in its first seconds, but how long its swap thrash under TCG lasts
# depends on the machine (61 s on one, 393 s on a slower one, which ran
# into the domU's timeout, then 360 s, and lost the tests after this one).
XEN_HOG_SECS=120
phase_pressure() {
	full=$(wait_pool_full 60)
	check pool-full-before "free_pages $full, max_buffer_pages $(blkback_param max_buffer_pages) x $(($(pool_max) / $(blkback_param max_buffer_pages))) rings" \
		test "$full" != none -a "$full" -ge "$(pool_max)" 2> /dev/null
	s0=$(sq_count signals) w0=$(sq_count windows_opened)
	avail=$(($(meminfo_kb MemAvailable) / 1024))
	hog=$((avail + 48))
	check swap "zram swap, 512 MiB" swap_on 512
	r0=$(reclaim_runs) o0=$(vmstat pswpout)
	t0=$(date +%s)
	timeout $XEN_HOG_SECS memhog $hog 500 > $XEN_STATE/memhog.out 2>&1 &
	hogpid=$!
	out=$(sample "$(vbd_dir)/statistics/free_pages" $hogpid 2000)
	wait $hogpid
	rc=$?
	set -- $out
	min=${4:-none}
	runs=$(($(reclaim_runs) - r0)) out_pages=$(($(vmstat pswpout) - o0))
	# 143: timeout's SIGTERM, after XEN_HOG_SECS of pressure.
	check memhog "$hog of $avail MiB available, exit $rc (143: stopped after $XEN_HOG_SECS s), $(($(date +%s) - t0)) s, $runs reclaim runs (kswapd passes + direct stalls), pswpout $out_pages" \
		test \( $rc = 0 -o $rc = 143 \) -a $runs -gt 0
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
	phase_done "min $min, windows $w0 -> $w1"
}
seed_before=$((XEN_DATA_SEED + 1)) seed_during=$((XEN_DATA_SEED + 2))
seed_after=$((XEN_DATA_SEED + 3))
# dom0, the domU's last round written: checked here, not after the domU
# is gone, as the tests after this one write xvda too.
phase_written() {
	out=$(mmp-pattern -c $seed_after $XEN_DATA_MIB < $XEN_STATE/disk.img)
	check backing-file "$XEN_STATE/disk.img: $out" test $? = 0
}
run_phase "$@"

if [ "$XEN_SIDE" = dom0 ]; then
	check_phase_ran
	exit
fi

out=$(roundtrip $seed_before)
check before "$out" test $? = 0
io_under_pressure $seed_during
out=$(roundtrip $seed_after)
check after "$out" test $? = 0
check sync-written "dom0 checked the backing file" xen_sync written 120
