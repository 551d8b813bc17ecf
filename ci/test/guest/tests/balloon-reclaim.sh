# SPDX-License-Identifier: GPL-2.0
# Deflate on OOM from reclaim (virtio_balloon.oom_reclaim_priority=0 on
# the command line, QEMU deflate-on-oom=on): the helper's reclaim trigger
# replaces the OOM notifier. With the balloon holding all but ~48 MiB of
# free memory:
# - drop_caches, which calls the shrinkers at priority 0 but is not
#   reclaim, must not deflate anything;
# - memhog touching 32 MiB more than is free must finish without an OOM
#   kill, the balloon giving back what reclaim at priority 0 asks for,
#   and the helper's count of pages, /proc/vmstat and the host's actual
#   must agree.
. /tests/balloon-lib.sh

MMP_DIR=$(mmp_dir)
ram=$(ram_bytes)
prio=/sys/module/virtio_balloon/parameters/oom_reclaim_priority
check param "oom_reclaim_priority=$(cat $prio 2>/dev/null)" test "$(cat $prio 2>/dev/null)" = 0
check helper-reclaim "$MMP_DIR/reclaim_priority: $(cat "$MMP_DIR/reclaim_priority" 2>/dev/null)" \
	test "$(cat "$MMP_DIR/reclaim_priority" 2>/dev/null)" = 0
target=$(balloon_fill "$ram" 48)
a0=$(balloon_actual)
check balloon-filled "target $target actual $a0" test "$a0" = "$target"

d0=$(vmstat balloon_deflate); p0=$(mmp_get pages_released)
sync
echo 3 > /proc/sys/vm/drop_caches
d1=$(vmstat balloon_deflate); p1=$(mmp_get pages_released)
check drop-caches-keeps "drop_caches: balloon_deflate +$(( d1 - d0 )), pages_released +$(( p1 - p0 ))" \
	test "$d1" = "$d0" -a "$p1" = "$p0"

free=$(( $(meminfo_kb MemFree) / 1024 ))
hog=$(( free + 32 ))
k0=$(vmstat oom_kill)
e0=$(mmp_get oom_events)
t0=$(now_ms)
/bin/memhog "$hog"
rc=$?
t1=$(now_ms)
a1=$(balloon_actual)
d2=$(vmstat balloon_deflate); k1=$(vmstat oom_kill)
e1=$(mmp_get oom_events); p2=$(mmp_get pages_released)
dd=$(( d2 - d1 )); ev=$(( e1 - e0 )); pr=$(( p2 - p1 ))

check memhog-finished "memhog $hog MiB (MemFree $free MiB) rc=$rc in $(( t1 - t0 )) ms" \
	test "$rc" = 0
check no-oom-kill "oom_kill +$(( k1 - k0 ))" test "$k1" = "$k0"
check reclaim-deflate "balloon_deflate +$dd pages in $ev releases from reclaim" \
	test "$dd" -gt 0 -a "$ev" -gt 0
check helper-vs-vmstat "pages_released +$pr balloon_deflate +$dd" test "$pr" -eq "$dd"
check host-actual "actual $a0 -> ${a1:-none}: +$(( (a1 - a0) / PAGE )) pages, deflated $dd" \
	test $(( a1 - a0 )) -eq $(( dd * PAGE ))
echo "MMP-RECLAIM memhog_mib=$hog rc=$rc oom_kill=$(( k1 - k0 )) balloon_deflate=$dd releases=$ev pages_released=$pr ms=$(( t1 - t0 ))"

balloon_set "$ram"
balloon_wait "$ram" 60 || fail cleanup "balloon did not deflate back to $ram"
