# SPDX-License-Identifier: GPL-2.0
# Benchmark (ci/bench-xen.sh, not make check): blkback under dom0 memory
# pressure, as in the xen-blkback "aggressive shrink" report. The domU
# reads all of its vbds (mmp.domu_vbds=) with four O_DIRECT streams each,
# without pause, while dom0 runs xen-phase-bench-pressure.sh: rounds of a
# memory hog against zram swap, one per squeeze duration and repeat, each
# reported as an MMP-BENCH line with dom0's pswpin/pswpout. Then the
# overhead test: for each repeat, dom0 sets max_buffer_pages to 1024 and
# then to 0 (xen-phase-bench-mbp.sh) and the domU times an O_DIRECT write
# and read of xvda:
#   MMP-BENCH dd mbp=<pages> run=<n> write_ms=<ms> read_ms=<ms> mib=<MiB>
. /tests/lib.sh
. /tests/xen-lib.sh

if [ "$XEN_SIDE" = dom0 ]; then
	check hook-ran "$(cat $XEN_STATE/bench-pressure.done 2> /dev/null)" \
		test -f $XEN_STATE/bench-pressure.done
	exit
fi

now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
arg() { sed -n "s/.*mmp\.$1=\([0-9]*\).*/\1/p" /proc/cmdline; }
repeats=$(arg bench_repeats); repeats=${repeats:-1}
devs=$(ls /dev/xvd? 2> /dev/null)
check vbds "$(echo $devs)" test -n "$devs"

rm -f /tmp/bb-stop
for d in $devs; do
	for i in 1 2 3 4; do
		(while [ ! -e /tmp/bb-stop ]; do
			dd if=$d of=/dev/null bs=1M iflag=direct 2> /dev/null
		done) &
	done
done
check sync-pressure "dom0 ran its pressure rounds" xen_sync bench-pressure 3000
touch /tmp/bb-stop
wait

r=1
while [ "$r" -le "$repeats" ]; do
	for mbp in 1024 0; do
		xen_sync "bench-mbp:$mbp:$r" 60 || { fail dd-sync "bench-mbp:$mbp:$r"; continue; }
		t0=$(now_ms)
		dd if=/dev/zero of=/dev/xvda bs=1M count=$XEN_DATA_MIB oflag=direct 2> /dev/null
		t1=$(now_ms)
		dd if=/dev/xvda of=/dev/null bs=1M count=$XEN_DATA_MIB iflag=direct 2> /dev/null
		t2=$(now_ms)
		echo "MMP-BENCH dd mbp=$mbp run=$r write_ms=$((t1 - t0)) read_ms=$((t2 - t1)) mib=$XEN_DATA_MIB"
	done
	r=$((r + 1))
done
