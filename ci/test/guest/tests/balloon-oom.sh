# SPDX-License-Identifier: GPL-2.0
# Deflate on OOM (QEMU deflate-on-oom=on): with the balloon holding all
# but ~48 MiB of free memory, memhog touches 32 MiB more than is free. It
# must finish without an OOM kill; the balloon gives pages back in
# batches of 256 4K balloon pages, 256 * 4K / PAGE_SIZE pages (256 with
# 4K pages, 16 with 64K: the helper's counters), /proc/vmstat and the
# host's actual agree on how much.
. /tests/balloon-lib.sh

MMP_DIR=$(mmp_dir)
ram=$(ram_bytes)
if [ -z "$UPSTREAM" ]; then
	check helper-registered "$MMP_DIR" test -f "$MMP_DIR/oom_events"
fi
target=$(balloon_fill "$ram" 48)
a0=$(balloon_actual)
check balloon-filled "target $target actual $a0" test "$a0" = "$target"

free=$(( $(meminfo_kb MemFree) / 1024 ))
hog=$(( free + 32 ))
i0=$(vmstat balloon_inflate); d0=$(vmstat balloon_deflate)
k0=$(vmstat oom_kill)
e0=$(mmp_get oom_events); p0=$(mmp_get pages_released)
t0=$(now_ms)
/bin/memhog "$hog"
rc=$?
t1=$(now_ms)
a1=$(balloon_actual)
d1=$(vmstat balloon_deflate); k1=$(vmstat oom_kill)
e1=$(mmp_get oom_events); p1=$(mmp_get pages_released)
dd=$(( d1 - d0 )); ev=$(( e1 - e0 )); pr=$(( p1 - p0 ))
batch=$(( 256 * BALLOON_PAGE / PAGE ))

check memhog-finished "memhog $hog MiB (MemFree $free MiB) rc=$rc in $(( t1 - t0 )) ms" \
	test "$rc" = 0
check no-oom-kill "oom_kill +$(( k1 - k0 ))" test "$k1" = "$k0"
check vmstat-deflate "balloon_deflate +$dd pages ($(( dd * PAGE / MIB )) MiB)" \
	test "$dd" -gt 0
check host-actual "actual $a0 -> ${a1:-none}: +$(( (a1 - a0) / PAGE )) pages, deflated $dd" \
	test $(( a1 - a0 )) -eq $(( dd * PAGE ))
if [ -z "$UPSTREAM" ]; then
	check helper-batches "oom_events +$ev pages_released +$pr ($(( ev ? pr / ev : 0 )) an event, want $batch of $PAGE bytes)" \
		test "$ev" -gt 0 -a "$pr" -eq $(( ev * batch ))
	check helper-vs-vmstat "pages_released +$pr balloon_deflate +$dd" test "$pr" -eq "$dd"
fi
echo "MMP-PARITY balloon-oom memhog_mib=$hog rc=$rc oom_kill=$(( k1 - k0 )) balloon_inflate=$(( $(vmstat balloon_inflate) - i0 )) balloon_deflate=$dd actual_before=$a0 actual_after=$a1 oom_events=$ev pages_released=$pr ms=$(( t1 - t0 ))"

balloon_set "$ram"
balloon_wait "$ram" 60 || fail cleanup "balloon did not deflate back to $ram"
