# SPDX-License-Identifier: GPL-2.0
# dom0 side of xen-wake: the domU's ring is idle, its pool full.
T=xen-wake
. /tests/lib.sh
. /tests/xen-lib.sh
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
echo "free_pages $before -> $after" > $XEN_STATE/wake-idle.done
