# SPDX-License-Identifier: GPL-2.0
# Data through blkfront -> blkback -> loop -> a file in dom0: the domU
# writes a pseudo-random pattern across xvda with O_DIRECT, syncs with
# dom0 (phase "data-written": the hook for dom0-side pressure), reads it
# back with O_DIRECT and compares; dom0 then compares the backing file
# with the same pattern.
. /tests/lib.sh
. /tests/xen-lib.sh
set -o pipefail
pat="mmp-pattern $XEN_DATA_SEED $XEN_DATA_MIB"

if [ "$XEN_SIDE" = dom0 ]; then
	out=$(mmp-pattern -c $XEN_DATA_SEED $XEN_DATA_MIB < $XEN_STATE/disk.img)
	rc=$?
	check backing-file "$XEN_STATE/disk.img: $out" test $rc = 0
	exit
fi

t0=$(date +%s)
$pat | dd of=/dev/xvda bs=1M oflag=direct 2> /tmp/dd.err
rc=$?
check write "$XEN_DATA_MIB MiB, O_DIRECT, $(($(date +%s) - t0)) s, rc $rc" test $rc = 0
[ $rc = 0 ] || cat /tmp/dd.err
check sync-data-written "dom0 acknowledged phase data-written" xen_sync data-written
echo 3 > /proc/sys/vm/drop_caches
t0=$(date +%s)
out=$(dd if=/dev/xvda bs=1M count=$XEN_DATA_MIB iflag=direct 2> /tmp/dd.err |
	mmp-pattern -c $XEN_DATA_SEED $XEN_DATA_MIB)
rc=$?
check read-back "$out, $(($(date +%s) - t0)) s" test $rc = 0
