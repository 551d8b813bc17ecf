# SPDX-License-Identifier: GPL-2.0
# Deflate on OOM with a passive host: the target is set once and never
# sent again (QEMU does not re-send it). Upstream does not inflate after
# an OOM deflate until the host writes the target again, and the
# hold-off (virtio_balloon.oom_holdoff_ms) must not change that: it only
# defers host requests, so with no request there is nothing to serve
# when it ends. For hold-off 0 and H ms (mmp.holdoff_ms=, default 3000)
# the balloon takes all but F MiB of free memory (mmp.passive_free_mib=,
# 160), then memhog touches M MiB (mmp.passive_hog_mib=, 220) C times
# (mmp.passive_cycles=, 40; mmp.passive_hold_ms= each, 0) with no host
# request. Checks, in both modes: memhog finishes, the balloon deflated,
# it inflated not at all while memhog ran nor in the H + 2 s after (the
# fork's hold-off used to re-inflate every H ms here), and the host's
# actual grew by exactly what was deflated. Hold-off H must not churn
# more than hold-off 0 (within 50%). One MMP-BENCH line a run; mmp.bench_repeats=
# (default 1) runs each mode that often, alternating. With
# mmp.balloon_upstream (a kernel without the parameter) only mode 0 runs.
. /tests/balloon-lib.sh

H=$(mmp_arg holdoff_ms 3000)
free_mib=$(mmp_arg passive_free_mib 160)
hog=$(mmp_arg passive_hog_mib 220)
cycles=$(mmp_arg passive_cycles 40)
hold=$(mmp_arg passive_hold_ms 0)
repeats=$(mmp_arg bench_repeats 1)
ram=$(ram_bytes)
modes="0 $H"
if [ -n "$UPSTREAM" ]; then
	modes=0
else
	check param "writable $PARAM" test -w $PARAM
fi

# run HOLDOFF_MS RUN: sets CHURN (inflate + deflate pages while memhog ran).
run() {
	local h=$1 r=$2 p=holdoff$1-run$2 target a0 a1 i0 d0 i1 d1 i2 t0 t1 rc
	[ -n "$UPSTREAM" ] || echo "$h" > $PARAM
	target=$(balloon_fill "$ram" "$free_mib")
	a0=$(balloon_actual)
	check $p-filled "target $target actual $a0" test "$a0" = "$target"
	i0=$(vmstat balloon_inflate); d0=$(vmstat balloon_deflate)
	t0=$(now_ms)
	/bin/memhog "$hog" "$hold" "$cycles" > /dev/null
	rc=$?
	t1=$(now_ms)
	i1=$(vmstat balloon_inflate); d1=$(vmstat balloon_deflate)
	# Past the end of any hold-off the last OOM release started.
	sleep $(( h / 1000 + 2 ))
	i2=$(vmstat balloon_inflate)
	a1=$(balloon_actual)
	CHURN=$(( i1 - i0 + d1 - d0 ))
	echo "MMP-BENCH test=passive mode=$h run=$r memhog_ms=$(( t1 - t0 )) rc=$rc hog_mib=$hog cycles=$cycles inflate=$(( i1 - i0 )) deflate=$(( d1 - d0 )) inflate_after=$(( i2 - i1 )) target=$target"
	check $p-memhog "memhog $hog MiB x$cycles rc=$rc in $(( t1 - t0 )) ms" test "$rc" = 0
	check $p-deflated "balloon_deflate +$(( d1 - d0 )) while memhog ran" \
		test $(( d1 - d0 )) -gt 0
	check $p-no-inflate "balloon_inflate +$(( i1 - i0 )) while memhog ran, +$(( i2 - i1 )) in the $(( h / 1000 + 2 )) s after; the host sent no request" \
		test "$i2" = "$i0"
	check $p-host-actual "actual $a0 -> ${a1:-none}: +$(( (a1 - a0) / PAGE )) pages, deflated $(( d1 - d0 ))" \
		test $(( a1 - a0 )) -eq $(( (d1 - d0) * PAGE ))
}

r=1
while [ "$r" -le "$repeats" ]; do
	for h in $modes; do
		run "$h" "$r"
		eval "churn_$h=\$(( \${churn_$h:-0} + CHURN ))"
	done
	r=$(( r + 1 ))
done
if [ -z "$UPSTREAM" ]; then
	eval "c0=\$churn_0 ch=\$churn_$H"
	# With no inflation in either mode (the no-inflate checks), the
	# churn is what memhog needed deflated, which follows MemFree at
	# fill time: hold-off H over hold-off 0 was 0.98x to 1.21x on the
	# five guests of make check and make matrix (the arm64 64K guest,
	# 16 pages an OOM event, spread most). 50% slack, far below the 5x
	# of a balloon that re-inflates every H ms.
	check churn "inflate+deflate pages while memhog ran, $repeats run(s): $c0 with hold-off 0, $ch with $H ms" \
		test $(( ch * 10 )) -le $(( c0 * 15 ))
	echo 0 > $PARAM
fi
balloon_set "$ram"
balloon_wait "$ram" 60 || fail cleanup "balloon did not deflate back to $ram"
