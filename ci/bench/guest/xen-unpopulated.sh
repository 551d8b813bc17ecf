# SPDX-License-Identifier: GPL-2.0
# xen-unpopulated benchmark: what blkback's free page pool costs dom0 in RAM, and what a squeeze
# gives back (ci/bench/xen-unpopulated.sh runs it with CONFIG_XEN_UNPOPULATED_ALLOC
# on and off). The domU syncs before any I/O (dom0 notes its memory), reads
# with four parallel O_DIRECT streams to fill the pool, and syncs again:
# dom0 notes its memory with the pool full, squeezes it with one signal
# (where the pool costs RAM) and notes its memory right after and 3 s
# later.
. /tests/lib.sh
. /tests/xen-lib.sh

# dom0, before the domU's I/O.
phase_start() {
	ram_note start
}
# dom0, after the domU's I/O: the pool is full.
phase_full() {
	sleep 1
	ram_note full
	one_signal
	usleep 500000
	ram_note squeezed
	sleep 3
	ram_note later
	grep -q 'pool [1-9]' $XEN_STATE/ram-full
	check pool-filled "$(cat $XEN_STATE/ram-full)" test $? = 0
	# Where the pool's pages hold no RAM, blkback does not register its
	# squeeze (it says so at load): the pool must stay as it was. Otherwise
	# the signal must have emptied it. ci/bench/xen-unpopulated.sh checks
	# that the first case is the image with CONFIG_XEN_UNPOPULATED_ALLOC.
	set -- $(cat $XEN_STATE/ram-full)
	full=$2
	set -- $(cat $XEN_STATE/ram-squeezed)
	if dmesg | grep -q 'free page pools hold no RAM'; then
		check pool-kept "squeeze not registered, $(cat $XEN_STATE/ram-squeezed)" \
			test "$2" = "$full" -a ! -d $XEN_SQ
	else
		check pool-emptied "$(cat $XEN_STATE/ram-squeezed)" \
			test "$2" = 0 -a -d $XEN_SQ
	fi
	for p in start full squeezed later; do
		echo "MMP-RAM $p $(cat $XEN_STATE/ram-$p)"
	done
	phase_done ok
}
run_phase "$@"

if [ "$XEN_SIDE" = dom0 ]; then
	check_phase_ran
	exit
fi
check sync-start "dom0 noted its memory before any I/O" xen_sync start
for i in 0 1 2 3; do
	dd if=/dev/xvda of=/dev/null bs=1M count=16 skip=$((i * 16)) iflag=direct 2> /dev/null &
done
wait
check sync-full "dom0 measured the pool and squeezed it" xen_sync full 120
