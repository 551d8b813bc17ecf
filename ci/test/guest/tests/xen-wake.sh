# SPDX-License-Identifier: GPL-2.0
# Wake on pressure: the domU fills blkback's pool with a burst of reads
# and goes idle; dom0 (xen-phase-wake-idle.sh) sends one pressure signal
# and checks that the default 10 ms window emptied the pool of the idle
# ring. Upstream 6.12 fails this: its ring thread looks every 100 ms, so
# the window has usually ended before it looks.
. /tests/lib.sh
. /tests/xen-lib.sh
if [ "$XEN_SIDE" = dom0 ]; then
	check hook-ran "$(cat $XEN_STATE/wake-idle.done 2>/dev/null)" \
		test -f $XEN_STATE/wake-idle.done
	exit
fi
dd if=/dev/xvda of=/dev/null bs=1M count=32 iflag=direct 2> /dev/null
check fill "32 MiB read, O_DIRECT" test $? = 0
check sync-idle "dom0 signalled pressure while the ring was idle" xen_sync wake-idle 120
dd if=/dev/xvda of=/dev/null bs=1M count=8 iflag=direct 2> /dev/null
check io-after "8 MiB read after the squeeze" test $? = 0
