# SPDX-License-Identifier: GPL-2.0
# The CMM balloons' deflate on OOM: s390's (arch/s390/mm/cmm.c, vm.cmm_*
# sysctls) or pseries' (arch/powerpc/platforms/pseries/cmm.c in simulate
# mode, /sys/devices/system/cmm/cmm0), whichever the guest has. The
# balloon is filled until about 48 MiB are free, then memhog touches
# 32 MiB more than is free. It must finish without an OOM kill; the
# driver gives back its batch an event (s390: 256 pages, timed pages
# first; pseries: oom_kb, read at each event), the helper's counters
# and the driver's own agree, and the driver's "no refill" after an OOM
# holds: s390 forgets its targets until a new one is set, pseries takes
# oom_freed_kb off the target until it is reset.
# mmp.cmm_upstream on the command line: the kernel has the driver's own
# OOM notifier (the parity run), so the helper's counters are not read.
. /tests/lib.sh

PAGE=$(awk '/^KernelPageSize:/ { print $2 * 1024; exit }' /proc/self/smaps 2>/dev/null)
[ -n "$PAGE" ] || { fail page-size "no KernelPageSize in /proc/self/smaps"; exit 1; }
KIB_PAGE=$(( PAGE / 1024 ))
MMP_DIR=/sys/kernel/debug/mm_pressure/oom/cmm
UPSTREAM=
grep -q 'mmp.cmm_upstream' /proc/cmdline && UPSTREAM=1
mmp_get() { cat "$MMP_DIR/$1" 2>/dev/null || echo 0; }
T_START=$(now_ms)
trap 'echo "MMP-TIME $T took $(( $(now_ms) - T_START )) ms"' EXIT
eq() { [ "$(cat "$1")" = "$2" ]; }

if [ -f /proc/sys/vm/cmm_pages ]; then
	KIND=s390
	SYS=/proc/sys/vm
	held() { echo $(( $(cat $SYS/cmm_pages) + $(cat $SYS/cmm_timed_pages) )); }
elif [ -d /sys/devices/system/cmm/cmm0 ]; then
	KIND=pseries
	SYS=/sys/devices/system/cmm/cmm0
	held() { echo $(( $(cat $SYS/loaned_kb) / KIB_PAGE )); }
else
	fail cmm-present "neither /proc/sys/vm/cmm_pages (s390) nor /sys/devices/system/cmm/cmm0 (pseries cmm.simulate=1)"
	exit 1
fi
pass cmm-present "$KIND CMM, $PAGE-byte pages"
[ -n "$UPSTREAM" ] || check helper-registered "$MMP_DIR" test -f "$MMP_DIR/oom_events"

# fill FREE_MIB: hold pages until about FREE_MIB MiB are free; prints
# the pages held. s390 takes 512 of them as timed pages, which an OOM
# must give back first.
fill() {
	local n=$(( $(held) + ($(meminfo_kb MemFree) / 1024 - $1) * 1024 / KIB_PAGE ))
	case $KIND in
	s390)
		echo $(( n - 512 )) > $SYS/cmm_pages
		echo 512 > $SYS/cmm_timed_pages	# adds 512 to the timed target
		wait_for 120 eq $SYS/cmm_pages $(( n - 512 )) &&
			wait_for 60 eq $SYS/cmm_timed_pages 512 ;;
	pseries)
		echo $(( n * KIB_PAGE )) > $SYS/simulate_loan_target_kb
		wait_for 120 eq $SYS/loaned_kb $(( n * KIB_PAGE )) ;;
	esac
	held
}
# oom_round NAME: memhog 32 MiB over what is free, the counters around it.
oom_round() {
	local free hog rc
	free=$(( $(meminfo_kb MemFree) / 1024 ))
	hog=$(( free + 32 ))
	h0=$(held); k0=$(vmstat oom_kill)
	e0=$(mmp_get oom_events); p0=$(mmp_get pages_released)
	[ $KIND = s390 ] && tm0=$(cat $SYS/cmm_timed_pages)
	[ $KIND = pseries ] && of0=$(cat $SYS/oom_freed_kb)
	/bin/memhog "$hog" > /dev/null
	rc=$?
	h1=$(held); k1=$(vmstat oom_kill)
	ev=$(( $(mmp_get oom_events) - e0 )); pr=$(( $(mmp_get pages_released) - p0 ))
	freed=$(( h0 - h1 ))
	check "$1-memhog" "memhog $hog MiB (MemFree $free MiB) rc=$rc" test "$rc" = 0
	check "$1-no-oom-kill" "oom_kill +$(( k1 - k0 ))" test "$k1" = "$k0"
	check "$1-released" "held $h0 -> $h1 pages" test "$freed" -gt 0
	if [ -z "$UPSTREAM" ]; then
		check "$1-helper-batches" "oom_events +$ev pages_released +$pr, want $BATCH an event" \
			test "$ev" -gt 0 -a "$pr" -eq $(( ev * BATCH ))
		check "$1-helper-vs-driver" "pages_released +$pr, the driver holds $freed fewer" \
			test "$pr" -eq "$freed"
	fi
	echo "MMP-PARITY cmm-oom-$1 kind=$KIND memhog_mib=$hog rc=$rc oom_kill=$(( k1 - k0 )) held_before=$h0 held_after=$h1 freed_pages=$freed oom_events=$ev pages_released=$pr"
}

held0=$(held)
case $KIND in
s390) BATCH=256 ;;
pseries) BATCH=$(( $(cat /sys/module/cmm/parameters/oom_kb) / KIB_PAGE )) ;;
esac
# s390: one DIAG 0x10 a page held. QEMU's TCG does not implement it (an
# operation exception, which diag10_range()'s exception table entry
# absorbs): the guest holds the pages, the host gets nothing back.
diag10() { awk '/^diag 010:/ { for (i = 3; i < NF - 1; i++) s += $i } END { print s + 0 }' /sys/kernel/debug/diag_stat 2>/dev/null; }
[ $KIND = s390 ] && g0=$(diag10)
n=$(fill 48)
[ $KIND = s390 ] && check diag10-issued "DIAG 0x10 +$(( $(diag10) - g0 )) for $n pages held" \
	test $(( $(diag10) - g0 )) -ge "$n"
check filled "holding $n pages, MemFree $(( $(meminfo_kb MemFree) / 1024 )) MiB" \
	test "$(meminfo_kb MemFree)" -lt $(( 80 * 1024 ))
oom_round first
case $KIND in
s390)
	check timed-first "cmm_timed_pages $tm0 -> $(cat $SYS/cmm_timed_pages), cmm_pages $(cat $SYS/cmm_pages)" \
		test "$(cat $SYS/cmm_timed_pages)" = 0 -a "$freed" -ge "$tm0"
	# The targets are what is left: no refill, until a new target. The
	# thread sleeps until kicked, so kick it without a new target (adding
	# 0 timed pages): with the old targets kept, it would refill now.
	echo 0 > $SYS/cmm_timed_pages
	sleep 3
	check no-refill "held $h1 -> $(held) pages 3 s after the OOM and a kick" \
		test "$(held)" = "$h1"
	echo "$h0" > $SYS/cmm_pages
	wait_for 120 eq $SYS/cmm_pages "$h0"
	check refill-on-new-target "cmm_pages $h0 set: holding $(held), $(cat $SYS/cmm_timed_pages) of them timed" \
		test "$(held)" = "$h0" ;;
pseries)
	of=$(cat $SYS/oom_freed_kb)
	check oom-freed-kb "oom_freed_kb $of0 -> $of, freed $freed pages of $KIB_PAGE KiB" \
		test $(( of - of0 )) -eq $(( freed * KIB_PAGE ))
	# oom_freed_kb comes off the target: no refill, until it is reset.
	sleep 3
	check no-refill "loaned $h1 -> $(held) pages 3 s after the OOM (target $(cat $SYS/loaned_target_kb) KiB)" \
		test "$(held)" = "$h1"
	echo 0 > $SYS/oom_freed_kb
	wait_for 120 eq $SYS/loaned_kb $(( h0 * KIB_PAGE ))
	check refill-on-reset "oom_freed_kb reset: loaned $(held) pages, want $h0" \
		eq $SYS/loaned_kb $(( h0 * KIB_PAGE ))
	# oom_kb at run time: the next events give back the new batch.
	echo 2048 > /sys/module/cmm/parameters/oom_kb
	BATCH=$(( 2048 / KIB_PAGE ))
	[ -n "$UPSTREAM" ] || check helper-batch-param "debugfs batch $(mmp_get batch), oom_kb 2048" \
		test "$(mmp_get batch)" = 2048
	oom_round oom-kb-2048
	echo 1024 > /sys/module/cmm/parameters/oom_kb ;;
esac

# Empty the balloon again. Writing cmm_timed_pages adds to its target:
# timed pages leave only by their timeout (here 512 pages a second).
case $KIND in
s390) echo 0 > $SYS/cmm_pages; echo "512 1" > $SYS/cmm_timeout ;;
pseries) echo 0 > $SYS/simulate_loan_target_kb; echo 0 > $SYS/oom_freed_kb ;;
esac
empty() { [ "$(held)" = 0 ]; }
wait_for 120 empty
check emptied "holding $(held) pages" empty
