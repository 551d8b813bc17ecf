# SPDX-License-Identifier: GPL-2.0
# xen-blkback as a module (configs/modules.config), unloaded and loaded
# again while the domU's xvda stays connected, as a distro dom0 does on a
# module update: a bound vbd pins the module (xenbus takes a module
# reference on probe), so the device is unbound through sysfs first;
# blkback's xenbus driver allows rebinding (allow_rebind), so it leaves
# xenstore's state alone on remove and the frontend keeps its disk. The
# domU writes a pattern across xvda, fills the pool and goes idle; dom0
# (phase_reload) unbinds the vbd, unloads xen-blkback and checks that the
# module, the vbd's statistics and the helper's squeeze directory went
# with it and that xenstore still says Connected, loads it again with the
# boot's parameters and checks that they, the reconnected backend and a
# new squeeze directory came back. The domU then reads the pattern back and
# writes and reads another. boot-xen.sh runs this after xen-squeeze and
# before xen-wake, whose squeeze is then one of the reloaded module.
. /tests/lib.sh
. /tests/xen-lib.sh
set -o pipefail
seed_before=$((XEN_DATA_SEED + 11)) seed_after=$((XEN_DATA_SEED + 12))

# dom0, the domU idle with its pool full.
phase_reload() {
	check is-module "initstate $(cat /sys/module/xen_blkback/initstate 2>/dev/null || echo 'none: built in')" \
		test -f /sys/module/xen_blkback/initstate
	full=$(wait_pool_full 30)
	params=$(blkback_params)
	w0=$(sq_count windows_opened)
	rmmod xen_blkback 2> /dev/null
	rc=$?
	check pinned "rmmod with vbd-$(domid)-51712 bound: exit $rc" test $rc != 0
	echo "vbd-$(domid)-51712" > /sys/bus/xen-backend/drivers/vbd/unbind
	check unbind "vbd-$(domid)-51712 unbound: exit $?" test ! -e /sys/bus/xen-backend/drivers/vbd/vbd-$(domid)-51712
	# The blkif holds a module reference until its deferred free has run
	# on the system workqueue (xen_blkif_free()).
	t0=$(now_ms)
	wait_for 10 unpinned
	refs=$(cat /sys/module/xen_blkback/refcnt)
	check unpinned "refcnt $refs $(($(now_ms) - t0)) ms after the unbind" test "$refs" = 0
	rmmod xen_blkback
	rc=$?
	check unload "rmmod xen_blkback: exit $rc (pool $full, windows_opened $w0 before)" test $rc = 0
	check module-gone "/sys/module/xen_blkback" test ! -e /sys/module/xen_blkback
	check squeeze-gone "$XEN_SQ" test ! -e $XEN_SQ
	check statistics-gone "$(vbd_dir)/statistics" test ! -e "$(vbd_dir)/statistics"
	state=$(backend_state)
	check still-connected "xenstore backend state ${state:-none} with the driver unbound" \
		test "$state" = 4
	out=$(blkback_load 2>&1)
	rc=$?
	check load "$out: exit $rc" test $rc = 0
	after=$(blkback_params)
	check params-back "$(echo $after)" test "$after" = "$params"
	t0=$(now_ms)
	wait_for 30 xvda_connected
	rc=$?
	check reconnected "statistics and state $(backend_state) after $(($(now_ms) - t0)) ms" test $rc = 0
	w1=$(sq_count windows_opened)
	check squeeze-back "$XEN_SQ: windows_opened $w1, registered anew" test "$w1" = 0
	phase_done "reloaded; pool $(pool)"
}
run_phase "$@"

if [ "$XEN_SIDE" = dom0 ]; then
	check_phase_ran
	exit
fi
out=$(roundtrip $seed_before)
check before "$out" test $? = 0
fill_ring
check sync-reload "dom0 unloaded and loaded xen-blkback" xen_sync reload 180
out=$(dd if=/dev/xvda bs=1M count=$XEN_DATA_MIB iflag=direct 2> /dev/null |
	mmp-pattern -c $seed_before $XEN_DATA_MIB)
check read-back "after the reload: $out" test $? = 0
out=$(roundtrip $seed_after)
check write-after "$out" test $? = 0
