# SPDX-License-Identifier: GPL-2.0
# Wake on pressure: the domU fills blkback's pool with a burst of reads
# and goes idle; dom0 (phase_idle) sends one pressure signal and checks
# that the default 10 ms window emptied the pool of the idle ring.
# Upstream 6.12 fails this: its ring thread looks every 100 ms, so the
# window has usually ended before it looks.
. /tests/lib.sh
. /tests/xen-lib.sh

# dom0, the domU's ring idle with its pool full.
phase_idle() {
	dur=$(blkback_param buffer_squeeze_duration_ms)
	check default-duration "buffer_squeeze_duration_ms $dur" test "$dur" = 10
	full=$(wait_pool_full 30)
	# Control: an idle ring keeps its pool; only a squeeze empties it.
	sleep 1
	before=$(pool)
	check idle-keeps-pool "free_pages $full, $before after 1 s idle" \
		test "$before" != none -a "$before" -ge "$(pool_max)" 2> /dev/null
	w0=$(sq_count windows_opened)
	one_signal
	usleep 500000
	after=$(pool) w1=$(sq_count windows_opened)
	check window-opened "windows_opened $w0 -> $w1" test "$w1" -gt "$w0" 2> /dev/null
	check pool-emptied "one signal, $dur ms window, idle ring: free_pages $before -> $after 0.5 s later" \
		test "$after" = 0
	phase_done "free_pages $before -> $after"
}
run_phase "$@"

if [ "$XEN_SIDE" = dom0 ]; then
	check_phase_ran
	exit
fi
fill_ring
check sync-idle "dom0 signalled pressure while the ring was idle" xen_sync idle 120
dd if=/dev/xvda of=/dev/null bs=1M count=8 iflag=direct 2> /dev/null
check io-after "8 MiB read after the squeeze" test $? = 0
