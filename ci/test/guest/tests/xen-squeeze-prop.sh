# SPDX-License-Identifier: GPL-2.0
# The proportional squeeze (#16), where xen-blkback is a module: dom0
# (phase_prop) reloads it with buffer_squeeze_proportional=1, as
# xen-reload does (the vbd unbound, the module unloaded and loaded, the
# backend reconnected), the domU fills the pool, and dom0 checks that the
# squeeze is now a shrinker of its own that counts the pool:
# - with buffer_squeeze_duration_ms=0, drop_caches asks for nothing and
#   the pool stays full;
# - with 10, drop_caches (reclaim's shrinkers at priority 0) asks for at
#   least the whole pool (a second pass of drop_slab() may count pages the
#   ring has taken and not yet freed, and ask for them again), the ring
#   thread takes exactly the pool, never more, and the pool falls to 0.
# The domU then checks its data. boot-xen.sh runs it last in its squeeze
# boot, so no test after it sees the proportional mode.
. /tests/lib.sh
. /tests/xen-lib.sh
set -o pipefail
seed_after=$((XEN_DATA_SEED + 21))

emptied() { [ "$(pool)" = 0 ]; }

# dom0: reload with the proportional mode, before the domU fills the pool.
phase_reload_prop() {
	check is-module "initstate $(cat /sys/module/xen_blkback/initstate 2>/dev/null || echo 'none: built in')" \
		test -f /sys/module/xen_blkback/initstate
	echo "vbd-$(domid)-51712" > /sys/bus/xen-backend/drivers/vbd/unbind
	wait_for 10 unpinned
	rmmod xen_blkback
	check unload "rmmod xen_blkback: exit $?" test ! -e /sys/module/xen_blkback
	out=$(blkback_load buffer_squeeze_proportional=1 2>&1)
	check load "$out: exit $?" test "$(blkback_param buffer_squeeze_proportional)" = Y
	wait_for 30 xvda_connected
	check reconnected "backend state $(backend_state)" xvda_connected
	check own-shrinker "$XEN_SQ: $(ls $XEN_SQ 2>/dev/null | tr '\n' ' ')" \
		test -f $XEN_SQ/trims -a ! -e $XEN_SQ/windows_opened
	phase_done "reloaded proportional"
}

# dom0, the domU idle with its pool full.
phase_prop() {
	param=/sys/module/xen_blkback/parameters/buffer_squeeze_duration_ms
	full=$(wait_pool_full 30)
	check pool-full "free_pages $full of $(pool_max)" \
		test "$full" != none -a "$full" -ge "$(pool_max)" 2> /dev/null
	echo 0 > $param
	r0=$(sq_count pages_requested)
	one_signal
	usleep 300000
	kept=$(pool) r1=$(sq_count pages_requested)
	check off-keeps "duration 0: drop_caches asked for $((r1 - r0)) pages, free_pages $full -> $kept" \
		test "$r1" = "$r0" -a "$kept" = "$full"
	echo 10 > $param
	k0=$(sq_count pages_taken) g0=$(sq_count trims)
	one_signal
	wait_for 5 emptied
	r2=$(sq_count pages_requested) k1=$(sq_count pages_taken) g1=$(sq_count trims)
	check asked-pool "drop_caches asked for $((r2 - r1)) pages of a pool of $kept" \
		test $((r2 - r1)) -ge "$kept" -a $((r2 - r1)) -le $((2 * kept))
	check taken "the ring took $((k1 - k0)) pages in $((g1 - g0)) trims, $(sq_count requested) asked for and left" \
		test $((k1 - k0)) = "$kept" -a "$g1" -gt "$g0"
	check pool-emptied "free_pages $(pool)" test "$(pool)" = 0
	phase_done "pool $full, asked $((r2 - r1)), taken $((k1 - k0))"
}
run_phase "$@"

if [ "$XEN_SIDE" = dom0 ]; then
	check_phase_ran
	exit
fi
check sync-reload "dom0 loaded xen-blkback proportional" xen_sync reload-prop 180
fill_ring
check sync-prop "dom0 squeezed proportionally" xen_sync prop 120
out=$(roundtrip $seed_after)
check after "$out" test $? = 0
