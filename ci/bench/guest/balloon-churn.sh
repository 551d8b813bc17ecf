# SPDX-License-Identifier: GPL-2.0
# Benchmark balloon-churn (ci/bench/run.sh, not make check): balloon
# churn under a memory hog, hold-off 0 vs mmp.holdoff_ms= (default
# 20000). With mmp.balloon_upstream (Debian's own kernel in `make
# bench-distro`) the driver has no hold-off: hold-off 0 only.
# The measurement of balloon-holdoff.sh, repeated mmp.bench_repeats=
# times (default 1) for each hold-off: the balloon holds all but ~48 MiB
# of free memory, memhog maps 24 MiB more than is free mmp.bench_cycles=
# times over (default 3; 300 ms each), and the host re-sends the balloon target every 0.3 s
# while memhog runs. One line per run:
#   MMP-BENCH mode=<holdoff ms> run=<n> memhog_ms=<ms> rc=<rc> inflate=<pages> deflate=<pages> requests=<n>
. /tests/balloon-lib.sh

repeats=$(mmp_arg bench_repeats 1)
H=$(mmp_arg holdoff_ms 20000)
cycles=$(mmp_arg bench_cycles 3)
ram=$(ram_bytes)
modes="0 $H"
if [ -n "$UPSTREAM" ]; then
	modes=0
else
	check param "writable $PARAM" test -w $PARAM
fi

# one HOLDOFF_MS RUN
one() {
	local h=$1 r=$2 target a0 free hog i0 d0 i1 d1
	[ -n "$UPSTREAM" ] || echo "$h" > $PARAM
	target=$(balloon_fill "$ram" 48)
	a0=$(balloon_actual)
	free=$(( $(meminfo_kb MemFree) / 1024 ))
	hog=$(( free + 24 ))
	i0=$(vmstat balloon_inflate); d0=$(vmstat balloon_deflate)
	hog_while_target "$target" "$hog" "$cycles"
	i1=$(vmstat balloon_inflate); d1=$(vmstat balloon_deflate)
	echo "MMP-BENCH mode=$h run=$r memhog_ms=$HOG_MS rc=$HOG_RC hog_mib=$hog inflate=$(( i1 - i0 )) deflate=$(( d1 - d0 )) requests=$HOG_REQUESTS cycles=$cycles target=$target filled=$([ "$a0" = "$target" ] && echo 1 || echo 0)"
	check mode$h-run$r "memhog rc=$HOG_RC in $HOG_MS ms" test "$HOG_RC" = 0
}

r=1
while [ "$r" -le "$repeats" ]; do
	for h in $modes; do
		one "$h" "$r"
	done
	r=$(( r + 1 ))
done
[ -n "$UPSTREAM" ] || echo 0 > $PARAM
balloon_set "$ram"
balloon_wait "$ram" 120 || fail cleanup "balloon did not deflate back to $ram"
