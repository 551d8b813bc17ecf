# SPDX-License-Identifier: GPL-2.0
# xen-scsiback's squeeze (0019) end to end: a vscsi disk for the domU;
# an idle device's full pool emptied by one pressure signal; data checked
# before, during and after dom0 pressure, the pool emptied in windows and
# refilled after (its free_pages file, also 0019).
#
# Debian's xl 4.17 has no vscsi support (vscsi= is an openSUSE patch to
# libxl), so dom0 does what that toolstack would: a LIO target of the
# xen-pvscsi fabric over a file backstore, through configfs, and the
# frontend and backend xenstore nodes that xen-scsiback and
# xen-scsifront read (include/xen/interface/io/vscsiif.h). The domU
# finds the disk by hot-plug, as /dev/sda.
. /tests/lib.sh
. /tests/xen-lib.sh
set -o pipefail

VS_MIB=32
VS_SEED=$((XEN_DATA_SEED + 10))
VS_WWN=naa.5001405000000001
VS_NEXUS=naa.5001405000000002
VS_POOL=64			# xen_scsiback.max_buffer_pages: a full pool
CFS=/sys/kernel/config/target
be() { echo /local/domain/0/backend/vscsi/$(domid)/0; }
fe() { echo /local/domain/$(domid)/device/vscsi/0; }
vs_dir() { echo /sys/bus/xen-backend/devices/vscsi-$(domid)-0; }
vs_pool() { cat "$(vs_dir)/free_pages" 2>/dev/null || echo none; }
VS_SQ=/sys/kernel/debug/mm_pressure/squeeze/xen-scsiback
vs_count() { cat $VS_SQ/$1 2>/dev/null || echo none; }
be_connected() { [ "$(xenstore-read $(be)/state 2>/dev/null)" = 4 ]; }
# vs_wait_full SECS: until the pool holds VS_POOL pages (the domU's I/O
# fills it); prints what it saw last, which the check judges: a window
# that opens meanwhile may empty it again before a second read.
vs_wait_full() {
	local i=0 n
	while [ $i -lt $(($1 * 10)) ]; do
		n=$(vs_pool)
		[ "$n" != none ] && [ "$n" -ge $VS_POOL ] && break
		usleep 100000
		i=$((i + 1))
	done
	echo "$n"
}
full() { [ "$1" != none ] && [ "$1" -ge $VS_POOL ]; }

# dom0: the target, then the device, as a toolstack would.
phase_attach() {
	local d=$CFS/core/fileio_0/vs0 t=$CFS/xen-pvscsi/$VS_WWN/tpgt_1 out domid=$(domid)
	out=$(modprobe xen-scsiback max_buffer_pages=$VS_POOL 2>&1 && modprobe target_core_file 2>&1)
	check load "modprobe xen-scsiback target_core_file: ${out:-ok}" \
		test -d /sys/module/xen_scsiback -a -d /sys/module/target_core_file
	grep -qs configfs /proc/mounts || mount -t configfs configfs /sys/kernel/config
	truncate -s ${VS_MIB}M $XEN_STATE/vscsi.img
	out=$({ mkdir -p $d &&
		echo "fd_dev_name=$XEN_STATE/vscsi.img,fd_dev_size=$((VS_MIB << 20))" > $d/control &&
		echo 1 > $d/enable &&
		mkdir -p $t/lun/lun_0 &&
		ln -s $d $t/lun/lun_0/vs0 &&
		echo $VS_NEXUS > $t/nexus; } 2>&1)
	check lio-target "$VS_WWN tpgt_1 lun_0 -> fileio_0/vs0 (${VS_MIB} MiB), nexus $(cat $t/nexus 2>/dev/null): ${out:-ok}" \
		test -z "$out" -a -L $t/lun/lun_0/vs0
	# Both ends in one xenstore-write (one transaction), as libxl does:
	# each end's probe reads the other end's directory, and a probe that
	# finds nothing fails for good. Their parents are made first, with
	# the owners the nodes below them inherit: the frontend's the domU,
	# readable by dom0; the backend's dom0, readable by the domU. The
	# parents alone probe nothing (xenbus probes device/TYPE/ID and
	# backend/TYPE/DOMID/ID).
	out=$({ xenstore-write $(dirname $(fe)) "" $(dirname $(be)) "" &&
		xenstore-chmod $(dirname $(fe)) n$domid r0 &&
		xenstore-chmod $(dirname $(be)) n0 r$domid &&
		xenstore-write $(fe)/backend $(be) $(fe)/backend-id 0 $(fe)/state 1 \
			$(be)/frontend $(fe) $(be)/frontend-id $domid \
			$(be)/online 1 $(be)/state 1 $(be)/feature-host 0 \
			$(be)/vscsi-devs/dev-0/p-dev "$VS_WWN:0" \
			$(be)/vscsi-devs/dev-0/v-dev 0:0:0:0 \
			$(be)/vscsi-devs/dev-0/state 1; } 2>&1)
	check xenstore "backend $(be), frontend $(fe): ${out:-ok}" test -z "$out"
	wait_for 60 be_connected
	check connected "backend state $(xenstore-read $(be)/state 2>/dev/null), dev-0 state $(xenstore-read $(be)/vscsi-devs/dev-0/state 2>/dev/null)" \
		be_connected
	check registered "$VS_SQ" test -f $VS_SQ/windows_opened
	phase_done "backend $(xenstore-read $(be)/state 2>/dev/null)"
}

# dom0, the domU idle after filling the pool: an idle device's pool is
# trimmed by nobody (scsiback trims after a batch of requests), so it
# keeps its pages for 1 s; one signal opens a window, whose work empties
# it. Without the work (a mutation) it stayed full. This is the check
# that tells the squeeze from I/O: under I/O the pool also touches 0
# when requests hold all its pages (188 of 9,573 samples without the
# squeeze, against 2,728 with it).
phase_idle() {
	n0=$(vs_wait_full 30)
	sleep 1
	n1=$(vs_pool)
	check idle-keeps-pool "free_pages $n0, 1 s idle: $n1" full "$n1"
	w0=$(vs_count windows_opened)
	one_signal
	sleep 0.5
	n2=$(vs_pool) w1=$(vs_count windows_opened)
	check signal-empties-idle-pool "free_pages $n1 -> $n2 0.5 s after one signal, windows_opened $w0 -> $w1" \
		test "$n2" = 0 -a "$w1" -gt "$w0" 2> /dev/null
}

# dom0, while the domU does I/O: as xen-squeeze's phase_pressure, on
# scsiback's pool, with memhog stopped after 45 s (windows opened from
# its first seconds in every run; the idle check above is the one that
# tells the squeeze apart).
XEN_HOG_SECS=45
phase_pressure() {
	n=$(vs_wait_full 60)
	check pool-full-before "free_pages $n, max_buffer_pages $VS_POOL" full "$n"
	w0=$(vs_count windows_opened)
	avail=$(($(meminfo_kb MemAvailable) / 1024))
	hog=$((avail + 48))
	check swap "zram swap, 512 MiB" swap_on 512
	r0=$(reclaim_runs)
	t0=$(date +%s)
	timeout $XEN_HOG_SECS memhog $hog 500 > $XEN_STATE/memhog.out 2>&1 &
	hogpid=$!
	out=$(sample "$(vs_dir)/free_pages" $hogpid 2000)
	wait $hogpid
	rc=$?
	set -- $out
	min=${4:-none}
	runs=$(($(reclaim_runs) - r0))
	check memhog "$hog of $avail MiB available, exit $rc (143: stopped after $XEN_HOG_SECS s), $(($(date +%s) - t0)) s, $runs reclaim runs" \
		test \( $rc = 0 -o $rc = 143 \) -a $runs -gt 0
	w1=$(vs_count windows_opened)
	check window-opened "windows_opened $w0 -> $w1" test "$w1" -gt "$w0" 2> /dev/null
	check pool-emptied "free_pages during pressure: $out" test "$min" = 0
	t0=$(date +%s)
	n=$(vs_wait_full 60)
	check pool-refilled "free_pages $n after $(($(date +%s) - t0)) s of I/O" full "$n"
	swap_off
	phase_done "min $min, windows $w0 -> $w1"
}
phase_written() {
	out=$(mmp-pattern -c $((VS_SEED + 3)) $VS_MIB < $XEN_STATE/vscsi.img)
	check backing-file "$XEN_STATE/vscsi.img: $out" test $? = 0
}
run_phase "$@"

if [ "$XEN_SIDE" = dom0 ]; then
	check_phase_ran
	exit
fi

vs_roundtrip() { roundtrip "$1" /dev/sda $VS_MIB; }
check sync-attach "dom0 set up the target and the device" xen_sync attach 180
wait_for 60 test -b /dev/sda
check disk "/dev/sda: $(cat /sys/block/sda/size 2>/dev/null) sectors, $(dmesg | grep -m1 -o 'scsi host[0-9]*: Xen SCSI frontend driver' || echo 'no scsifront host line')" \
	test -b /dev/sda
out=$(vs_roundtrip $((VS_SEED + 1)))
check before "$out" test $? = 0
dd if=/dev/sda of=/dev/null bs=1M count=$VS_MIB iflag=direct 2> /dev/null
check fill "$VS_MIB MiB read, O_DIRECT" test $? = 0
check sync-idle "dom0 signalled the idle device" xen_sync idle 120
io_under_pressure $((VS_SEED + 2)) /dev/sda $VS_MIB
out=$(vs_roundtrip $((VS_SEED + 3)))
check after "$out" test $? = 0
check sync-written "dom0 checked the backing file" xen_sync written 120
