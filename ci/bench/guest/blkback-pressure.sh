# SPDX-License-Identifier: GPL-2.0
# Benchmark blkback-pressure (ci/bench/blkback-pressure.sh, not make
# check): blkback under dom0 memory pressure, as in the xen-blkback
# "aggressive shrink" report. The domU
# has mmp.domu_vbds= vbds. mmp.bench_rounds= times it reads all of them
# with four O_DIRECT streams each, which fills blkback's pools, and then
# idles while dom0 runs xen-phase-blkback-pressure-round.sh: a memory hog against
# zram swap under one squeeze duration, reported as an MMP-BENCH line
# with dom0's pswpin/pswpout. The pools hold what the burst of I/O left
# in them; a squeeze may give it back. Then the overhead test: for each
# of mmp.bench_repeats=, dom0 sets max_buffer_pages to 1024 and then to 0
# (xen-phase-blkback-pressure-mbp.sh) and the domU times an O_DIRECT write and
# read of xvda:
#   MMP-BENCH dd mbp=<pages> run=<n> write_ms=<ms> read_ms=<ms> mib=<MiB>
. /tests/lib.sh
. /tests/xen-lib.sh

if [ "$XEN_SIDE" = dom0 ]; then
	check rounds-ran "$(cat $XEN_STATE/blkback-pressure-rounds 2> /dev/null | wc -l) rounds" \
		test -s $XEN_STATE/blkback-pressure-rounds
	exit
fi

rounds=$(mmp_arg bench_rounds 1)
repeats=$(mmp_arg bench_repeats 1)
devs=$(ls /dev/xvd? 2> /dev/null)
check vbds "$(echo $devs)" test -n "$devs"

# Each round: fill the pools with one pass of four O_DIRECT streams per
# vbd, then idle while dom0 runs round N (xen-phase-blkback-pressure-round.sh N
# picks the squeeze duration and the repeat from N).
n=1
while [ "$n" -le "$rounds" ]; do
	for d in $devs; do
		for i in 1 2 3 4; do
			dd if=$d of=/dev/null bs=1M iflag=direct 2> /dev/null &
		done
	done
	wait
	check sync-round$n "dom0 ran round $n" xen_sync "blkback-pressure-round:$n" 900
	n=$((n + 1))
done

r=1
while [ "$r" -le "$repeats" ]; do
	for mbp in 1024 0; do
		xen_sync "blkback-pressure-mbp:$mbp:$r" 60 || { fail dd-sync "blkback-pressure-mbp:$mbp:$r"; continue; }
		t0=$(now_ms)
		dd if=/dev/zero of=/dev/xvda bs=1M count=$XEN_DATA_MIB oflag=direct 2> /dev/null
		t1=$(now_ms)
		dd if=/dev/xvda of=/dev/null bs=1M count=$XEN_DATA_MIB iflag=direct 2> /dev/null
		t2=$(now_ms)
		echo "MMP-BENCH dd mbp=$mbp run=$r write_ms=$((t1 - t0)) read_ms=$((t2 - t1)) mib=$XEN_DATA_MIB"
	done
	r=$((r + 1))
done
