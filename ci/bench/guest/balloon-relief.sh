# SPDX-License-Identifier: GPL-2.0
# Benchmark balloon-relief (ci/bench/run.sh, not make check): a program
# that needs more than is free while the balloon is inflated, for #16's
# comparison of the two OOM triggers. The host boots the guest once per
# trigger: the OOM notifier (virtio_balloon.oom_reclaim_priority=-1, the
# default) and the reclaim trigger (=0). Each run (mmp.bench_repeats=,
# default 1): the balloon holds all but ~48 MiB of free memory, memhog
# touches mmp.bench_over_mib= (default 64) MiB more than is free, and the
# guest polls balloon_deflate every 50 ms for the first deflate ("time to
# relief", from memhog's start). The hold-off is 0, so the next run's
# balloon_fill re-inflates at once. One line a run:
#   MMP-BENCH trigger=oom|reclaim run=<n> relief_ms=<ms|-1> memhog_ms=<ms> rc=<rc> hog_mib=<n>
#     allocstall=<sum of allocstall_*> oom_kill=<n> deflate=<pages> releases=<n> pgscan_direct=<n>
. /tests/balloon-lib.sh

MMP_DIR=$(mmp_dir)
repeats=$(mmp_arg bench_repeats 1)
over=$(mmp_arg bench_over_mib 64)
ram=$(ram_bytes)
prio=/sys/module/virtio_balloon/parameters/oom_reclaim_priority
p=$(cat $prio 2>/dev/null)
check param "oom_reclaim_priority=${p:-missing}" test -n "$p"
trigger=oom
[ "$p" -lt 0 ] || trigger=reclaim
check holdoff-off "writable $PARAM" test -w $PARAM
echo 0 > $PARAM

# The sum of the allocstall_<zone> counters (direct reclaim entries).
allocstall() { awk '$1 ~ /^allocstall_/ { s += $2 } END { print s + 0 }' /proc/vmstat; }

# one RUN
one() {
	local r=$1 target a0 free hog d0 s0 k0 e0 g0 t0 relief t rc t1
	target=$(balloon_fill "$ram" 48)
	a0=$(balloon_actual)
	check run$r-filled "target $target actual $a0" test "$a0" = "$target"
	free=$(( $(meminfo_kb MemFree) / 1024 ))
	hog=$(( free + over ))
	d0=$(vmstat balloon_deflate); s0=$(allocstall); k0=$(vmstat oom_kill)
	e0=$(mmp_get oom_events); g0=$(vmstat pgscan_direct)
	rm -f /tmp/hog.rc
	t0=$(now_ms)
	(/bin/memhog "$hog" > /dev/null; echo $? > /tmp/hog.rc) &
	relief=-1
	while [ ! -f /tmp/hog.rc ]; do
		if [ "$relief" -lt 0 ] && [ "$(vmstat balloon_deflate)" != "$d0" ]; then
			t=$(now_ms)
			relief=$(( t - t0 ))
		fi
		sleep 0.05
	done
	wait
	t1=$(now_ms)
	rc=$(cat /tmp/hog.rc)
	echo "MMP-BENCH trigger=$trigger run=$r relief_ms=$relief memhog_ms=$(( t1 - t0 )) rc=$rc hog_mib=$hog allocstall=$(( $(allocstall) - s0 )) oom_kill=$(( $(vmstat oom_kill) - k0 )) deflate=$(( $(vmstat balloon_deflate) - d0 )) releases=$(( $(mmp_get oom_events) - e0 )) pgscan_direct=$(( $(vmstat pgscan_direct) - g0 ))"
	check run$r "memhog $hog MiB rc=$rc, relief after $relief ms" test "$rc" = 0
}

r=1
while [ "$r" -le "$repeats" ]; do
	one "$r"
	r=$(( r + 1 ))
done
balloon_set "$ram"
balloon_wait "$ram" 120 || fail cleanup "balloon did not deflate back to $ram"
