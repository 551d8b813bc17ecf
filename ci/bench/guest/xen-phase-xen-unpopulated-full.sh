# SPDX-License-Identifier: GPL-2.0
# dom0 side of xen-unpopulated, after the domU's I/O: the pool is full.
T=xen-unpopulated
. /tests/lib.sh
. /tests/xen-lib.sh
sleep 1
ram_note full
one_signal
usleep 500000
ram_note squeezed
sleep 3
ram_note later
grep -q 'pool [1-9]' $XEN_STATE/ram-full
check pool-filled "$(cat $XEN_STATE/ram-full)" test $? = 0
grep -q 'pool 0 ' $XEN_STATE/ram-squeezed
check pool-emptied "$(cat $XEN_STATE/ram-squeezed)" test $? = 0
for p in start full squeezed later; do
	echo "MMP-RAM $p $(cat $XEN_STATE/ram-$p)"
done
echo ok > $XEN_STATE/ram-full.done
