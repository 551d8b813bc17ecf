# SPDX-License-Identifier: GPL-2.0
# Benchmark balloon-pagecache (ci/bench/run.sh, not make check): inflate
# the balloon against the page cache, as in the v3 "Switch back to OOM
# handler" report. A reader
# loops `cat /dev/vdX > /dev/null` over a raw virtio disk (about 0.65 of
# RAM, set up by the host; held open on fd 3 so its page cache survives
# each cat's close) while the host target leaves the guest
# mmp.bench_keep_pct= percent of its RAM (default 20). Each run
# (mmp.bench_repeats=, default 1): one warm-up pass fills the page cache,
# the reader loops, the target is set and the balloon size
# (balloon_inflate - balloon_deflate, 4k pages) is sampled every 0.5 s
# until it reaches the target or mmp.bench_timeout= seconds (default 120)
# pass; then the reader stops and the balloon deflates fully. The disk is
# the last virtio disk, /dev/vda in the initramfs guests and /dev/vdb
# behind the Debian root of `make bench-distro`. mmp.bench_mglru=1,0
# (that bench) runs each repeat once with the multi-gen LRU on and once
# off (/sys/kernel/mm/lru_gen/enabled), numbering the runs on; without
# it the LRU is left as the kernel booted. Lines:
#   MMP-BENCH-S <run> <ms since the target was set> <balloon pages>
#   MMP-BENCH run=<run> reached=0|1 ms=<ms> target_pages=<n> inflate=<n> deflate=<n> ... mglru=<enabled file|none>
. /tests/balloon-lib.sh

repeats=$(mmp_arg bench_repeats 1)
timeout=$(mmp_arg bench_timeout 120)
keep=$(mmp_arg bench_keep_pct 20)
ram=$(ram_bytes)
check ram "host RAM ${ram:-unknown} bytes" test -n "$ram"
disk=$(ls /dev/vd? 2>/dev/null | tail -n 1)
check disk "${disk:-no virtio disk} $(cat /sys/block/${disk#/dev/}/size 2>/dev/null) sectors" test -b "$disk"
mglru=/sys/kernel/mm/lru_gen/enabled
modes=$(mmp_arg bench_mglru "" | tr , ' ')
[ -z "$modes" ] || check mglru "$mglru: $(cat $mglru 2>/dev/null)" test -w $mglru
target=$(( ram * keep / 100 / MIB * MIB ))
want=$(( (ram - target) / PAGE ))
bal() { echo $(( $(vmstat balloon_inflate) - $(vmstat balloon_deflate) )); }
# The block device drops its page cache when its last opener closes it;
# an fd held open for the whole test keeps the cache across cat runs.
exec 3< "$disk"

# one RUN: one run as the LRU is now
one() {
	local run=$1 w0 warm cached reader i0 d0 b0 t0 end reached t b t1 i1 d1 act
	rm -f /tmp/stop
	w0=$(now_ms)
	cat "$disk" > /dev/null
	warm=$(( $(now_ms) - w0 ))
	cached=$(( $(meminfo_kb Buffers) + $(meminfo_kb Cached) ))
	(while [ ! -f /tmp/stop ]; do cat "$disk" > /dev/null; done) &
	reader=$!
	sleep 1
	i0=$(vmstat balloon_inflate); d0=$(vmstat balloon_deflate); b0=$(bal)
	t0=$(now_ms)
	balloon_set "$target"
	end=$(( t0 + timeout * 1000 ))
	reached=0
	while t=$(now_ms); [ "$t" -lt "$end" ]; do
		b=$(bal)
		echo "MMP-BENCH-S $run $(( t - t0 )) $b"
		if [ $(( b - b0 )) -ge "$want" ]; then reached=1; break; fi
		sleep 0.5
	done
	t1=$(now_ms)
	i1=$(vmstat balloon_inflate); d1=$(vmstat balloon_deflate)
	act=$(balloon_actual)
	echo "MMP-BENCH run=$run reached=$reached ms=$(( t1 - t0 )) timeout_s=$timeout target_pages=$want inflate=$(( i1 - i0 )) deflate=$(( d1 - d0 )) balloon_pages=$(( $(bal) - b0 )) host_actual=$act target=$target ram=$ram warmup_ms=$warm cache_kb=$cached mglru=$(cat $mglru 2>/dev/null || echo none)"
	touch /tmp/stop
	wait "$reader"
	balloon_set "$ram"
	balloon_wait "$ram" 120 || fail run$run-deflate "balloon did not deflate back to $ram"
	pass run$run "reached=$reached in $(( t1 - t0 )) ms"
}

run=1 r=1
while [ "$r" -le "$repeats" ]; do
	if [ -z "$modes" ]; then
		one $run
		run=$(( run + 1 ))
	fi
	for m in $modes; do
		[ "$m" = 0 ] && echo n > $mglru || echo y > $mglru
		one $run
		run=$(( run + 1 ))
	done
	r=$(( r + 1 ))
done
