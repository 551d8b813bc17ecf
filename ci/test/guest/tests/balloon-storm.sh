# SPDX-License-Identifier: GPL-2.0
# OOM storm (issue #15 item 2): N memhog programs (mmp.storm_hogs=,
# default 8) allocate and touch memory at once, over and over, for
# mmp.storm_s= seconds (default 20), while the balloon holds most of the
# guest's memory and the host re-sends its target every 0.5 s. Three
# phases:
#   pages    the hogs want the free memory and half the balloon: no OOM
#            kill; every OOM event released exactly its batch; once the
#            balloon is back at its target, what it deflated equals what
#            it inflated again, and equals the helper's pages_released.
#            Meanwhile the hold-off parameter is rewritten (0 included)
#            and the helper's debugfs files are read, in a loop.
#   hotplug  the storm, the hogs wanting three quarters of the balloon,
#            while the host removes the balloon (device_del) and adds it
#            again (device_add),
#            mmp.storm_plug_cycles= times (default 2): the helper's
#            debugfs directory goes with the device and comes back with
#            the new one, counters at 0; no OOM kill.
#   empty    last, as it kills: the hogs want more than the free memory
#            and the whole balloon, with a long hold-off. The balloon
#            gives all its pages, then the OOM killer runs as upstream's
#            does: each kill follows an OOM event that released nothing
#            (tracepoints mm_pressure_oom_release and oom:mark_victim).
# The runner fails the boot on any splat; /init has kmemleak scan at the
# end. One line MMP-STORM a phase gives the load for docs/results/soak.md.
. /tests/balloon-lib.sh

ram=$(ram_bytes)
S=$(mmp_arg storm_s 20)
N=$(mmp_arg storm_hogs 8)
CYCLES=$(mmp_arg storm_plug_cycles 2)
# The hogs' time a hot-plug cycle: the phase takes about S seconds, at
# least 6 a cycle.
PLUG_S=$(( S / CYCLES > 6 ? S / CYCLES : 6 ))
TR=/sys/kernel/tracing
batch=$(( 256 * BALLOON_PAGE / PAGE ))
HOGS=/tmp/storm

# hogs MIB SECONDS: start N loops of "memhog MIB 200 1" until SECONDS from
# now; each loop writes how many runs it made and failed to $HOGS/<i>.
hogs() {
	local i=0 end=$(( $(now_ms) + $2 * 1000 ))
	rm -rf $HOGS
	mkdir -p $HOGS
	while [ $i -lt "$N" ]; do
		(runs=0 bad=0
		 while [ "$(now_ms)" -lt $end ]; do
			# A read-back failure says "memhog: bad byte" on the console.
			/bin/memhog "$1" 200 1 > /dev/null || bad=$((bad + 1))
			runs=$((runs + 1))
		 done
		 echo "$runs $bad" > $HOGS/$i) &
		i=$((i + 1))
	done
}
hogs_running() { [ "$(ls $HOGS | wc -l)" -lt "$N" ]; }
# Totals of every loop's runs and failed runs, and the fewest runs a
# loop made: "RUNS BAD MIN".
hogs_total() {
	cat $HOGS/* | awk '{ r += $1; b += $2; if (NR == 1 || $1 < m) m = $1 }
		END { print r + 0, b + 0, m + 0 }'
}
# hog_mib SHARE_OF_BALLOON_PERCENT: each hog's size, so that all N
# together want the free memory and that share of the balloon.
hog_mib() {
	local bal=$(( (ram - $(balloon_actual)) / MIB ))
	echo $(( ($(meminfo_kb MemFree) / 1024 + bal * $1 / 100) / N ))
}
# Re-send TARGET every 0.5 s while the hogs run.
keep_target() {
	while hogs_running; do
		balloon_set "$1"
		sleep 0.5
	done
	wait
}
# While the hogs run: write the hold-off parameter (0 included) and read
# the helper's debugfs files, as an administrator would during a storm.
# Prints how many writes and reads it made, when the hogs are done.
param_and_debugfs() {
	local w=0 r=0 v
	while hogs_running; do
		for v in 300 0 1000 300; do
			echo $v > $PARAM && w=$((w + 1))
			cat "$MMP_DIR"/* > /dev/null 2>&1 && r=$((r + 1))
		done
	done
	echo "$w $r"
}
# refill TARGET: once the hold-off is over the balloon is back at TARGET.
refill() {
	local end=$(( $(now_ms) + 60000 ))
	while [ "$(balloon_actual)" != "$1" ] && [ "$(now_ms)" -lt $end ]; do
		balloon_set "$1"
		sleep 0.5
	done
}

phase_pages() {
	local target a0 mib i0 d0 k0 e0 p0 runs bad min writes reads dd di ev pr
	echo 300 > $PARAM
	target=$(balloon_fill "$ram" 48)
	a0=$(balloon_actual)
	mib=$(hog_mib 50)
	i0=$(vmstat balloon_inflate); d0=$(vmstat balloon_deflate)
	k0=$(vmstat oom_kill); e0=$(mmp_get oom_events); p0=$(mmp_get pages_released)
	hogs "$mib" "$S"
	param_and_debugfs > /tmp/storm-admin &
	keep_target "$target"
	set -- $(hogs_total) $(cat /tmp/storm-admin); runs=$1 bad=$2 min=$3 writes=$4 reads=$5
	echo 300 > $PARAM
	refill "$target"
	di=$(( $(vmstat balloon_inflate) - i0 )); dd=$(( $(vmstat balloon_deflate) - d0 ))
	ev=$(( $(mmp_get oom_events) - e0 )); pr=$(( $(mmp_get pages_released) - p0 ))
	check pages.memhog "$runs runs of $N x $mib MiB in ${S} s (at least $min a program), $bad failed" \
		test "$min" -gt 0 -a "$bad" = 0
	check pages.no-oom-kill "oom_kill +$(( $(vmstat oom_kill) - k0 ))" \
		test "$(vmstat oom_kill)" = "$k0"
	check pages.batches "oom_events +$ev pages_released +$pr (want $batch an event)" \
		test "$ev" -gt 0 -a "$pr" -eq $(( ev * batch ))
	check pages.released-is-deflated "pages_released +$pr balloon_deflate +$dd" \
		test "$pr" -eq "$dd"
	check pages.refilled "actual $a0 -> $(balloon_actual), inflated +$di deflated +$dd" \
		test "$(balloon_actual)" = "$a0" -a "$di" -eq "$dd"
	echo "MMP-STORM pages seconds=$S hogs=$N hog_mib=$mib memhog_runs=$runs failed=$bad param_writes=$writes debugfs_reads=$reads oom_events=$ev pages_released=$pr balloon_deflate=$dd balloon_inflate=$di oom_kill=$(( $(vmstat oom_kill) - k0 ))"
}

# One unplug and plug of the balloon while the hogs run.
plug_cycle() {
	local c=$1 dir reply end t0
	dir=$(mmp_dir)
	reply=$(qmp '{"execute":"device_del","arguments":{"id":"balloon0"}}')
	# The driver core unlinks the device from the driver before it calls
	# remove(), which empties the balloon before the helper's directory
	# goes: wait for both.
	t0=$(now_ms) end=$(( $(now_ms) + 60000 ))
	while { [ -n "$(balloon_dev)" ] || [ -e "$dir" ]; } && [ "$(now_ms)" -lt $end ]; do
		sleep 0.3
	done
	check hotplug.$c.unplugged "device_del: $reply; $dir gone after $(( $(now_ms) - t0 )) ms" \
		test -z "$(balloon_dev)" -a ! -e "$dir"
	# The host drops the device once the guest powered the slot off.
	end=$(( $(now_ms) + 10000 ))
	while reply=$(qmp '{"execute":"device_add","arguments":{"driver":"virtio-balloon-pci","id":"balloon0","deflate-on-oom":true}}');
			[ "${reply#*\"error\"}" != "$reply" ] && [ "$(now_ms)" -lt $end ]; do
		sleep 0.3
	done
	end=$(( $(now_ms) + 60000 ))
	while [ -z "$(balloon_dev)" ] && [ "$(now_ms)" -lt $end ]; do sleep 0.3; done
	MMP_DIR=$(mmp_dir)
	check hotplug.$c.plugged "device_add: $reply; $(balloon_dev) $MMP_DIR oom_events $(mmp_get oom_events)" \
		test -n "$(balloon_dev)" -a -f "$MMP_DIR/oom_events" -a "$(mmp_get oom_events)" = 0
}

phase_hotplug() {
	local c=1 target mib k0 runs bad ev=0 pr=0 end
	k0=$(vmstat oom_kill)
	while [ $c -le "$CYCLES" ]; do
		target=$(balloon_fill "$ram" 48)
		mib=$(hog_mib 75)
		hogs "$mib" "$PLUG_S"
		# The host keeps its target, so that the balloon inflates again
		# after each hold-off and OOM events are under way when the
		# device goes: the removal must not leave them without the
		# balloon's pages (an OOM kill).
		end=$(( $(now_ms) + 3000 ))
		while [ "$(now_ms)" -lt $end ]; do
			balloon_set "$target"
			sleep 0.5
		done
		ev=$(( ev + $(mmp_get oom_events) )); pr=$(( pr + $(mmp_get pages_released) ))
		plug_cycle $c
		while hogs_running; do sleep 0.3; done
		wait
		set -- $(hogs_total); runs=$(( ${runs:-0} + $1 )) bad=$(( ${bad:-0} + $2 ))
		c=$((c + 1))
	done
	check hotplug.memhog "$runs runs of $N hogs, $bad failed" test "$bad" = 0
	check hotplug.no-oom-kill "oom_kill +$(( $(vmstat oom_kill) - k0 ))" \
		test "$(vmstat oom_kill)" = "$k0"
	echo "MMP-STORM hotplug cycles=$CYCLES hogs=$N memhog_runs=$runs failed=$bad oom_events_before_unplug=$ev pages_released_before_unplug=$pr oom_kill=$(( $(vmstat oom_kill) - k0 ))"
}

phase_empty() {
	local target bal mib k0 p0 pr kills i=0
	echo 60000 > $PARAM
	target=$(balloon_fill "$ram" 48)
	bal=$(( (ram - $(balloon_actual)) / PAGE ))
	# 128 MiB more than the free memory and the balloon: what reclaim
	# finds elsewhere must not cover the balloon's last pages.
	mib=$(( $(hog_mib 100) + 128 / N ))
	k0=$(vmstat oom_kill); p0=$(mmp_get pages_released)
	echo > $TR/trace
	echo 1 > $TR/events/mm_pressure/mm_pressure_oom_release/enable
	echo 1 > $TR/events/oom/mark_victim/enable
	while [ $i -lt "$N" ]; do echo "MMP-ALLOW oom-kill"; i=$((i + 1)); done
	# One run each, all at once: together they want more than there is.
	hogs "$mib" 1
	while hogs_running; do sleep 0.3; done
	wait
	echo 0 > $TR/events/mm_pressure/mm_pressure_oom_release/enable
	echo 0 > $TR/events/oom/mark_victim/enable
	kills=$(( $(vmstat oom_kill) - k0 )); pr=$(( $(mmp_get pages_released) - p0 ))
	# Kills seen, and kills whose last OOM event before them gave pages.
	set -- $(awk '/mm_pressure_oom_release:/ { last = / released=0 / }
		/mark_victim:/ { n++; if (!last) bad++ }
		END { print n + 0, bad + 0 }' $TR/trace)
	check empty.all-given "balloon $bal pages, pages_released +$pr, actual $(balloon_actual) of $ram" \
		test "$pr" -eq "$bal" -a "$(balloon_actual)" = "$ram"
	check empty.oom-kill "oom_kill +$kills" test "$kills" -gt 0
	check empty.kill-after-empty-event "$1 kills traced, $2 after an OOM event that gave pages" \
		test "$1" -gt 0 -a "$2" = 0
	echo "MMP-STORM empty hogs=$N hog_mib=$mib balloon_pages=$bal pages_released=$pr oom_kill=$kills"
	echo 0 > $PARAM
}

MMP_DIR=$(mmp_dir)
check helper-registered "$MMP_DIR" test -f "$MMP_DIR/oom_events"
phase_pages
phase_hotplug
phase_empty
balloon_set "$ram"
