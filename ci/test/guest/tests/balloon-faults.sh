# SPDX-License-Identifier: GPL-2.0
# Fault injection in the balloon's probe (issue #15 item 3): the device
# is unbound, then bound again through sysfs N = 1, 2, ... times with
# /proc/self/fail-nth set to N, which makes the N-th slab or page
# allocation of this shell fail (failslab, fail_page_alloc; the sysfs
# write runs the probe in this task). That covers virtio_balloon's
# probe, its virtqueues and the helper's registration, one failure
# point at a time, until a bind runs out of allocations before the N-th
# (the fault was not used: every point has been tried). After each bind
# the device is either absent (not bound, no helper directory) or works
# (bound, inflates and deflates); nothing else. /init's kmemleak scan
# and the runner's splat check judge the error paths' cleanup.
# mmp.faults_max= caps N (default 400).
# Then the same through a hot-plug loop: the balloon's PCI device is
# removed (sysfs remove: virtballoon_remove(), the helper's unregister)
# and found again by a rescan of the PCI bus, with fail-nth set, N = 1,
# 1 + S, 1 + 2S, ... (S = mmp.faults_pci_step=, default 1) up to
# mmp.faults_pci_max= (default 1000). The rescan runs in this task, and
# a check counts only when the allocation's stack passes through
# virtio_pci_probe() (require-start/require-end,
# CONFIG_FAULT_INJECTION_STACKTRACE_FILTER): virtio-pci's probe, the
# virtio device it registers and the balloon's probe under it, each of
# their allocations in turn. Not the PCI core's own: pci_device_add()
# ignores a failed device_add() (WARN_ON) and pci_bus_add_device() then
# attaches a device that was never added (session 14: a NULL pointer
# dereference in __device_attach(), upstream's, not the series').
# After each the balloon is absent (no virtio device or driver on the
# PCI function, and no helper directory) or works.
. /tests/balloon-lib.sh
. /tests/fault-lib.sh

MAX=$(mmp_arg faults_max 400)
ram=$(ram_bytes)
dev=$(balloon_dev)
check fail-nth "/proc/self/fail-nth, $FI/failslab, $FI/fail_page_alloc" \
	test -w /proc/self/fail-nth -a -d $FI/failslab -a -d $FI/fail_page_alloc || exit 1
fi_setup

# works: the bound device inflates by 8 MiB and deflates again.
works() {
	balloon_set $(( ram - 8 * MIB ))
	balloon_wait $(( ram - 8 * MIB )) 30 || return 1
	balloon_set "$ram"
	balloon_wait "$ram" 30
}

# write_failing FILE TEXT: write TEXT to FILE with the n-th allocation
# failed; sets left to what fail-nth had left. Every file is opened
# before fail-nth is set, and only builtins run until it is read back:
# an open allocates, and a forked child starts at 0.
write_failing() {
	exec 3< /proc/self/fail-nth 4> "$1"
	echo $n > /proc/self/fail-nth
	echo "$2" >&4 2>&5
	read -r left <&3
	exec 3<&- 4>&-
	# An open with allocations still to count may be the one that fails.
	echo 0 > /proc/self/fail-nth 2>&5 || echo 0 > /proc/self/fail-nth
}
# tally STATE: count point n's STATE; false once the point made fewer
# than n allocations (no fault used: every point has been tried), with
# STATE as that clean run's.
tally() {
	if [ "$left" != 0 ]; then
		final=$1
		return 1
	fi
	injected=$((injected + 1))
	case $1 in
	works) bound=$((bound + 1)) ;;
	absent) absent=$((absent + 1)) ;;
	*) bad="$bad $n:$1" ;;
	esac
}

dir=/sys/kernel/debug/mm_pressure/oom/virtio_balloon-$dev
echo "$dev" > $DRV/unbind
exec 5> /dev/null
n=1 injected=0 bound=0 absent=0 bad= left=0 final=
while [ $n -le "$MAX" ]; do
	write_failing $DRV/bind "$dev"
	state=absent
	if [ -e $DRV/$dev ]; then
		MMP_DIR=$dir
		if works; then state=works; else state=bound-but-no-balloon; fi
		echo "$dev" > $DRV/unbind
	elif [ -e "$dir" ]; then
		state=unbound-but-registered
	fi
	tally $state || break
	n=$((n + 1))
done
exec 5>&-
check all-points "$injected failures injected, one a bind; bind $n needed fewer (fail-nth left $left)" \
	test "$left" != 0 -a "$injected" -gt 0
check absent-or-works "$bound binds worked, $absent left the device absent${bad:+; wrong:$bad}" \
	test -z "$bad"
check clean-bind-works "bind $n, no failure injected: $final" test "$final" = works
echo "$dev" > $DRV/bind
MMP_DIR=$(mmp_dir)
check rebound "$dev bound, $MMP_DIR" test -e $DRV/$dev -a -f "$MMP_DIR/oom_events"
check works-after "inflate 8 MiB and back" works
echo "MMP-FAULTS balloon-probe injected=$injected bound_and_worked=$bound absent=$absent wrong=$(echo $bad | wc -w)"

# The hot-plug loop. The PCI function the balloon's virtio device sits on.
pci=$(readlink -f /sys/bus/virtio/devices/$dev/..)
bdf=${pci##*/}
STEP=$(mmp_arg faults_pci_step 1)
PMAX=$(mmp_arg faults_pci_max 1000)
check pci-device "$dev on PCI $bdf" test -e "$pci/remove" -a -w /sys/bus/pci/rescan || exit 1
# fn_text NAME: the text of the kernel function NAME, from its address to
# the next text symbol's.
fn_text() {
	sort /proc/kallsyms | awk -v f="$1" '$2 ~ /^[tT]$/ {
		if (a) { print "0x" a " 0x" $1; exit }
		if ($3 == f) a = $1 }'
}
range=$(fn_text virtio_pci_probe)
check pci-filter "virtio_pci_probe at ${range:-none}, stack filter ${FI}/failslab/require-start" \
	test -n "$range" -a -e $FI/failslab/require-start || exit 1
fi_require $range
# pci_state: works, absent, or what is wrong; the balloon's virtio
# device is renumbered by each rescan.
pci_state() {
	local v
	[ -e /sys/bus/pci/devices/$bdf ] || { leftover absent; return; }
	v=$(ls -d /sys/bus/pci/devices/$bdf/virtio* 2> /dev/null | sed 's|.*/||')
	if [ -n "$v" ] && [ -e $DRV/$v ]; then
		MMP_DIR=/sys/kernel/debug/mm_pressure/oom/virtio_balloon-$v
		if works; then echo works; else echo bound-but-no-balloon; fi
		return
	fi
	leftover absent
}
# leftover STATE: STATE, unless a helper directory outlived its device.
leftover() {
	if ls -d /sys/kernel/debug/mm_pressure/oom/virtio_balloon-* > /dev/null 2>&1; then
		echo unbound-but-registered
	else
		echo "$1"
	fi
}
n=1 injected=0 bound=0 absent=0 bad= left=0 final=
exec 5> /dev/null
while [ $n -le "$PMAX" ]; do
	[ -e /sys/bus/pci/devices/$bdf ] && echo 1 > /sys/bus/pci/devices/$bdf/remove
	write_failing /sys/bus/pci/rescan 1
	tally "$(pci_state)" || break
	n=$((n + STEP))
done
exec 5>&-
fi_require
check pci-all-points "$injected failures injected, one a rescan, every $STEP-th; rescan $n needed fewer (fail-nth left $left)" \
	test "$left" != 0 -a "$injected" -gt 0
check pci-absent-or-works "$bound rescans worked, $absent left the balloon absent${bad:+; wrong:$bad}" \
	test -z "$bad"
check pci-clean-rescan-works "rescan $n, no failure injected: $final" test "$final" = works
echo "MMP-FAULTS balloon-hotplug injected=$injected bound_and_worked=$bound absent=$absent wrong=$(echo $bad | wc -w) step=$STEP"
