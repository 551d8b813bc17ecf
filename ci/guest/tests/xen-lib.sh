# SPDX-License-Identifier: GPL-2.0
# Sourced by the xen-* guest tests after lib.sh. The same test script runs
# in the domU (first, while it is alive) and in dom0 (after the domU is
# gone, to check what it left behind); XEN_SIDE tells which. dom0's /init
# is ci/guest/xen/dom0-init, the domU's is ci/guest/init.
PATH=$PATH:/usr/bin:/usr/sbin
if grep -qs control_d /proc/xen/capabilities; then XEN_SIDE=dom0; else XEN_SIDE=domU; fi
# What xen-data writes across the domU's xvda: dom0 sizes the backing
# file from XEN_DATA_MIB and checks it against the same pattern.
XEN_DATA_SEED=20261122
XEN_DATA_MIB=64
# dom0 keeps what it saw of the domU here (see dom0-init).
XEN_STATE=/run/mmp
# xen_sync PHASE [SECS]: in the domU, print "MMP-SYNC PHASE" and wait
# until dom0 acknowledges it by writing PHASE to the domU's xenstore key
# data/mmp-sync. dom0-init runs /tests/xen-phase-PHASE.sh first, where one
# exists: the place for dom0-side work between two domU phases (memory
# pressure on dom0 while the domU's data sits in blkback, for one).
xen_sync() {
	local phase=$1 secs=${2:-120} i=0
	echo "MMP-SYNC $phase"
	while [ "$i" -lt "$secs" ]; do
		[ "$(xenstore-read data/mmp-sync 2>/dev/null)" = "$phase" ] && return 0
		sleep 1
		i=$((i + 1))
	done
	return 1
}
