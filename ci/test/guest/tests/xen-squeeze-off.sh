# SPDX-License-Identifier: GPL-2.0
# buffer_squeeze_duration_ms=0 disables squeezing: dom0
# (xen-phase-off-idle.sh) sets it, signals pressure and checks that the
# pool of the domU's idle ring is left alone.
. /tests/lib.sh
. /tests/xen-lib.sh
if [ "$XEN_SIDE" = dom0 ]; then
	check hook-ran "$(cat $XEN_STATE/off-idle.done 2>/dev/null)" \
		test -f $XEN_STATE/off-idle.done
	exit
fi
dd if=/dev/xvda of=/dev/null bs=1M count=32 iflag=direct 2> /dev/null
check fill "32 MiB read, O_DIRECT" test $? = 0
check sync-idle "dom0 signalled pressure with squeezing off" xen_sync off-idle 120
