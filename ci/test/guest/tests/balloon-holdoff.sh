# SPDX-License-Identifier: GPL-2.0
# Hold-off after deflating on OOM (virtio_balloon.oom_holdoff_ms), set at
# run time through /sys/module. Two phases, 0 and H ms (H from
# mmp.holdoff_ms=, default 20000). In each, the balloon holds all but
# ~48 MiB of free memory, memhog maps 24 MiB more than is free three
# times over, and a host agent re-sends the balloon target every 0.3 s
# (as a host that keeps the target high does). Measured: inflate/deflate
# churn while memhog runs, and when the balloon is back at its target
# counted from the last OOM release (tracepoint mm_pressure_oom_release,
# boot clock). With 0 the balloon re-inflates whenever the host asks, and
# memhog makes it deflate again on every cycle; with H it does not inflate
# while memhog runs although the host keeps asking, is back at target no
# earlier than H ms after the last release: the host's request sent
# after memhog, during the hold-off, is deferred, and served when the
# hold-off ends without being sent again. (A host that sends nothing:
# balloon-passive.sh.) H must outlast memhog's run after its first cycle.
. /tests/balloon-lib.sh

MMP_DIR=$(mmp_dir)
ram=$(ram_bytes)
H=$(mmp_arg holdoff_ms 20000)
TR=/sys/kernel/tracing
check param "writable $PARAM" test -w $PARAM
echo boot > $TR/trace_clock
echo 1 > $TR/events/mm_pressure/mm_pressure_oom_release/enable

# Boot-clock ms of the last OOM release that gave back pages, or 0.
last_release_ms() {
	awk '/mm_pressure_oom_release:/ && !/ released=0 / {
		for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+:$/) t = $i
	} END { sub(":", "", t); printf "%d\n", t * 1000 }' $TR/trace
}

# phase HOLDOFF_MS: sets CHURN, RELEASES; prints the checks.
phase() {
	local h=$1 p=holdoff$1 target a0 free hog i0 d0 s0 i1 d1 s1 tl
	local t tfull= ti= end

	echo "$h" > $PARAM
	target=$(balloon_fill "$ram" 48)
	a0=$(balloon_actual)
	check $p-filled "target $target actual $a0" test "$a0" = "$target"
	free=$(( $(meminfo_kb MemFree) / 1024 ))
	hog=$(( free + 24 ))
	echo > $TR/trace
	i0=$(vmstat balloon_inflate); d0=$(vmstat balloon_deflate)
	s0=$(mmp_get holdoffs_started)
	hog_while_target "$target" "$hog" 3
	i1=$(vmstat balloon_inflate); d1=$(vmstat balloon_deflate)
	s1=$(mmp_get holdoffs_started)
	CHURN=$(( i1 - i0 + d1 - d0 ))
	RELEASES=$(( d1 - d0 ))
	check $p-memhog "memhog $hog MiB x3 rc=$HOG_RC in $HOG_MS ms, $HOG_REQUESTS host requests" test "$HOG_RC" = 0
	check $p-churn "balloon_inflate +$(( i1 - i0 )) balloon_deflate +$(( d1 - d0 )) while memhog ran" \
		test $(( d1 - d0 )) -gt 0
	if [ "$h" = 0 ]; then
		check $p-no-holdoff "holdoffs_started +$(( s1 - s0 ))" test "$s1" = "$s0"
	else
		check $p-holdoff-started "holdoffs_started +$(( s1 - s0 ))" test "$s1" -gt "$s0"
	fi

	# After memhog: the host asks once more, then only watches. ti: when
	# the balloon was first seen to inflate again.
	tl=$(last_release_ms)
	balloon_set "$target"
	end=$(( tl + h + 8000 ))
	while t=$(now_ms); [ "$t" -lt "$end" ]; do
		[ -z "$ti" ] && [ "$(vmstat balloon_inflate)" != "$i1" ] && ti=$t
		if [ "$(balloon_actual)" = "$target" ]; then
			tfull=$t
			break
		fi
		sleep 0.3
	done
	[ -n "$ti" ] || ti=${tfull:-$t}
	if [ -z "$tfull" ]; then
		fail $p-reinflate "not back at target $target within $(( h + 8000 )) ms of the last release"
		return
	fi
	if [ "$h" = 0 ]; then
		check $p-reinflate "back at target $(( tfull - tl )) ms after the last release" \
			test $(( tfull - tl )) -lt 8000
	else
		check $p-held "no inflation during memhog despite $HOG_REQUESTS host requests; back at target $(( tfull - tl )) ms after the last release, hold-off $h ms" \
			test $(( i1 - i0 )) = 0 -a $(( tfull - tl )) -ge "$h"
		check $p-deferred "the request sent during the hold-off served from $(( ti - tl )) ms after the last release, not before the hold-off of $h ms ended" \
			test $(( ti - tl )) -ge "$h"
		check $p-reinflate "back at target $(( tfull - tl - h )) ms after the hold-off ended" \
			test $(( tfull - tl )) -lt $(( h + 8000 ))
	fi
}

phase 0
churn0=$CHURN rel0=$RELEASES
phase "$H"
churnh=$CHURN relh=$RELEASES
# The hold-off's effect is the churn: with it the balloon does not
# re-inflate while memhog runs ($p-held), so inflate+deflate falls. The
# deflations alone are no measure: what memhog's first cycle makes the
# balloon give back depends on the free memory at its start, and on a
# slow guest (ppc64le under TCG) the phases differed by more than the
# re-inflations of hold-off 0 added (672 vs 688 pages).
check churn "inflate+deflate pages while memhog ran: $churn0 with hold-off 0, $churnh with ${H} ms (deflated $rel0 vs $relh)" \
	test "$churnh" -lt "$churn0"
echo 0 > $PARAM
echo 0 > $TR/events/mm_pressure/mm_pressure_oom_release/enable
balloon_set "$ram"
balloon_wait "$ram" 60 || fail cleanup "balloon did not deflate back to $ram"
