# SPDX-License-Identifier: GPL-2.0
# buffer_squeeze_duration_ms=0 disables squeezing: dom0 (phase_idle)
# sets it, signals pressure and checks that the pool of the domU's idle
# ring is left alone; then that the default squeezes again.
. /tests/lib.sh
. /tests/xen-lib.sh

# dom0, the domU's ring idle with its pool full.
phase_idle() {
	param=/sys/module/xen_blkback/parameters/buffer_squeeze_duration_ms
	echo 0 > $param
	full=$(wait_pool_full 30)
	w0=$(sq_count windows_opened)
	for i in 1 2 3; do one_signal; usleep 200000; done
	after=$(pool) w1=$(sq_count windows_opened)
	check no-window "windows_opened $w0 -> $w1" test "$w1" = "$w0"
	check pool-kept "duration 0, 3 signals: free_pages $full -> $after" \
		test "$after" != none -a "$after" -ge "$(pool_max)" 2> /dev/null
	# The same signal with the default back does squeeze: what kept the pool
	# was the 0.
	echo 10 > $param
	one_signal
	usleep 500000
	again=$(pool) w2=$(sq_count windows_opened)
	check back-on "duration 10 ms, 1 signal: windows_opened $w1 -> $w2, free_pages $after -> $again" \
		test "$w2" -gt "$w1" -a "$again" = 0 2> /dev/null
	phase_done "free_pages $full -> $after, then $again"
}
run_phase "$@"

if [ "$XEN_SIDE" = dom0 ]; then
	check_phase_ran
	exit
fi
fill_ring
check sync-idle "dom0 signalled pressure with squeezing off" xen_sync idle 120
