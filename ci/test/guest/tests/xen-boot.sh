# SPDX-License-Identifier: GPL-2.0
# Xen PV boot: dom0 reached userspace with the Xen toolstack running and
# created the domU; the domU booted and sees xvda served by dom0's blkback.
. /tests/lib.sh
. /tests/xen-lib.sh

check userspace "$XEN_SIDE init runs on $(uname -r)" test -d /proc/1
if [ "$XEN_SIDE" = domU ]; then
	check xvda "/sys/block/xvda: $(cat /sys/block/xvda/size 2>/dev/null) sectors" \
		test -b /dev/xvda -a -d /sys/block/xvda
	line=$(dmesg | grep -m1 'blkfront: xvda')
	check blkfront "${line#*] }" test -n "$line"
	be=$(xenstore-read device/vbd/51712/backend 2>/dev/null)
	check backend-dom0 "backend ${be:-missing}" \
		test "${be#/local/domain/0/backend/vbd/}" != "$be"
	exit
fi

check xenfs "capabilities: $(cat /proc/xen/capabilities 2>/dev/null)" \
	grep -q control_d /proc/xen/capabilities
running() { pidof "$1" > /dev/null; }
for d in xenstored xenconsoled; do
	check "$d" "pid $(pidof $d)" running "$d"
done
check domu-created "domid $(cat $XEN_STATE/domid 2>/dev/null)" test -s $XEN_STATE/domid
check blkback-served "vbd backend seen in sysfs and xenstore" test -f $XEN_STATE/vbd-seen
check domu-powered-off "$(cat $XEN_STATE/domu-end 2>/dev/null)" \
	grep -q '^powered off' $XEN_STATE/domu-end
# The block hotplug script's remove action detaches the loop device.
i=0
while [ -n "$(losetup -a)" ] && [ $i -lt 10 ]; do sleep 1; i=$((i + 1)); done
check hotplug-cleanup "loop devices: $(losetup -a | tr '\n' ' ')" test -z "$(losetup -a)"
