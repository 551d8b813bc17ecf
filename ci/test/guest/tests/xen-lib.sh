# SPDX-License-Identifier: GPL-2.0
# Sourced by the xen-* guest tests after lib.sh. The same test script runs
# in the domU (first, while it is alive) and in dom0 (after the domU is
# gone, to check what it left behind); XEN_SIDE tells which. dom0's /init
# is ci/test/guest/xen/dom0-init, the domU's is ci/test/guest/init.
PATH=$PATH:/usr/bin:/usr/sbin
if grep -qs control_d /proc/xen/capabilities; then XEN_SIDE=dom0; else XEN_SIDE=domU; fi
# What xen-data writes across the domU's xvda: dom0 sizes the backing
# file from XEN_DATA_MIB and checks it against the same pattern.
XEN_DATA_SEED=20261122
XEN_DATA_MIB=64
# The size of each further vbd (xvdb..) that mmp.domu_vbds= adds.
XEN_VBD_MIB=16
# dom0 keeps what it saw of the domU here (see dom0-init).
XEN_STATE=/run/mmp
# xen_sync PHASE[:ARG...] [SECS]: in the domU, print "MMP-SYNC $T/PHASE"
# and wait until dom0 acknowledges it by writing that to the domU's
# xenstore key data/mmp-sync. dom0-init first runs the same test script
# in dom0 with MMP_PHASE=PHASE and the ARGs, where run_phase calls its
# function phase_PHASE: the place for dom0-side work between two domU
# steps (memory pressure on dom0 while the domU's data sits in blkback,
# for one). Its checks are reported with the test's dom0 side.
xen_sync() {
	local phase=$T/$1 secs=${2:-120} i=0
	echo "MMP-SYNC $phase"
	while [ "$i" -lt "$secs" ]; do
		[ "$(xenstore-read data/mmp-sync 2>/dev/null)" = "$phase" ] && return 0
		sleep 1
		i=$((i + 1))
	done
	return 1
}
# run_phase ARG...: call after the phase functions are defined. In dom0
# run for a phase, run phase_$MMP_PHASE (dashes become underscores) and
# stop; otherwise return.
run_phase() {
	[ -n "${MMP_PHASE:-}" ] || return 0
	"phase_$(echo "$MMP_PHASE" | tr - _)" "$@"
	exit
}
# phase_done TEXT: a phase's last word, for check_phase_ran in the test's
# dom0 side.
phase_done() { echo "$*" > $XEN_STATE/$T.phase-done; }
check_phase_ran() {
	check phase-ran "$(cat $XEN_STATE/$T.phase-done 2>/dev/null)" \
		test -f $XEN_STATE/$T.phase-done
}
# roundtrip SEED [DEV MIB]: in the domU, write the pattern across DEV
# (xvda, XEN_DATA_MIB) and read it back, O_DIRECT; prints what
# mmp-pattern -c says.
roundtrip() {
	local dev=${2:-/dev/xvda} mib=${3:-$XEN_DATA_MIB}
	mmp-pattern "$1" $mib | dd of=$dev bs=1M oflag=direct 2> /dev/null &&
	dd if=$dev bs=1M count=$mib iflag=direct 2> /dev/null |
		mmp-pattern -c "$1" $mib
}
# io_under_pressure SEED [DEV MIB]: in the domU, roundtrip SEED in a loop
# while dom0 runs the test's phase_pressure, then check every round
# matched (check "during").
io_under_pressure() {
	local io rounds mib=${3:-$XEN_DATA_MIB}
	rm -f /tmp/io-stop /tmp/io-bad
	echo 0 > /tmp/io-rounds
	(
		n=0
		while [ ! -e /tmp/io-stop ]; do
			roundtrip "$@" > /tmp/io-last 2>&1 || cp /tmp/io-last /tmp/io-bad
			n=$((n + 1))
			echo $n > /tmp/io-rounds
		done
	) &
	io=$!
	check sync-pressure "dom0 ran its pressure phase" xen_sync pressure 300
	touch /tmp/io-stop
	wait $io
	rounds=$(cat /tmp/io-rounds)
	check during "$rounds rounds of $mib MiB while dom0 was under pressure$(
		[ -e /tmp/io-bad ] && echo ": $(cat /tmp/io-bad)")" \
		test "$rounds" -ge 2 -a ! -e /tmp/io-bad
}
# fill_ring: in the domU, read 32 MiB of xvda with O_DIRECT: the pool of
# its ring fills.
fill_ring() {
	dd if=/dev/xvda of=/dev/null bs=1M count=32 iflag=direct 2> /dev/null
	check fill "32 MiB read, O_DIRECT" test $? = 0
}

# dom0 side of the squeeze tests (xen-squeeze, xen-wake, xen-squeeze-off):
# blkback's statistics for the domU's xvda, its module parameters and the
# helper's counters for blkback's squeeze. The squeeze boot gives dom0
# xen_blkback.max_buffer_pages=64 and feature_persistent=0, so every
# request maps through the free page pools (see ci/test/boot-xen.sh).
XEN_SQ=/sys/kernel/debug/mm_pressure/squeeze/xen-blkback
domid() { cat $XEN_STATE/domid; }
vbd_dir() { echo /sys/bus/xen-backend/devices/vbd-$(domid)-51712; }
pool() { cat "$(vbd_dir)/statistics/free_pages" 2>/dev/null || echo none; }
blkback_param() { cat /sys/module/xen_blkback/parameters/$1; }
# blkback_params: every parameter of xen_blkback, "name=value" a line.
blkback_params() {
	local f
	for f in /sys/module/xen_blkback/parameters/*; do
		echo "${f##*/}=$(cat "$f")"
	done
}
# blkback_load [PARAM=VALUE...]: in dom0, load xen-blkback where it is a
# module, with the xen_blkback.* parameters of the kernel command line,
# which the kernel keeps only for what is built in, and then the PARAMs;
# prints what it ran. True when blkback is there after.
blkback_load() {
	local arg args=
	[ -d /sys/module/xen_blkback/parameters ] && return 0
	for arg in $(cat /proc/cmdline); do
		case $arg in xen_blkback.*=*) args="$args ${arg#xen_blkback.}" ;; esac
	done
	for arg in "$@"; do args="$args $arg"; done
	echo "modprobe xen-blkback$args"
	modprobe xen-blkback $args && [ -d /sys/module/xen_blkback/parameters ]
}
sq_count() { cat $XEN_SQ/$1 2>/dev/null || echo none; }
# The module reload of xen-reload and xen-squeeze-prop, in dom0.
# xvda_connected: blkback's statistics for xvda are there and xenstore says
# the backend is Connected (4); unpinned: nothing holds the module.
xvda_connected() { [ -d "$(vbd_dir)/statistics" ] && [ "$(backend_state)" = 4 ]; }
unpinned() { [ "$(cat /sys/module/xen_blkback/refcnt)" = 0 ]; }
backend_state() { xenstore-read /local/domain/0/backend/vbd/$(domid)/51712/state 2>/dev/null; }
# vbd_pool_max DEV: what the pools of all rings of vbd DEV (51712 is
# xvda) hold when full; pool_max: xvda's.
vbd_pool_max() {
	local rings
	rings=$(xenstore-read /local/domain/$(domid)/device/vbd/$1/multi-queue-num-queues 2>/dev/null)
	echo $(($(blkback_param max_buffer_pages) * ${rings:-1}))
}
pool_max() { vbd_pool_max 51712; }
# All of the domU's vbds: their backend directories, and the pages their
# pools hold now and at most (pool_all, pool_all_max).
vbd_dirs() { ls -d /sys/bus/xen-backend/devices/vbd-$(domid)-* 2> /dev/null; }
pool_all() {
	local d n=0
	for d in $(vbd_dirs); do
		n=$((n + $(cat $d/statistics/free_pages 2> /dev/null || echo 0)))
	done
	echo $n
}
pool_all_max() {
	local d n=0
	for d in $(vbd_dirs); do
		n=$((n + $(vbd_pool_max ${d##*-})))
	done
	echo $n
}
# wait_pool_full SECS: until blkback's pools hold pool_max pages (the
# domU's I/O fills them); prints what it saw last.
wait_pool_full() {
	local i=0 n max=$(pool_max)
	while [ $i -lt $(($1 * 10)) ]; do
		n=$(pool)
		[ "$n" != none ] && [ "$n" -ge "$max" ] && break
		usleep 100000
		i=$((i + 1))
	done
	echo "$n"
	[ "$n" != none ] && [ "$n" -ge "$max" ]
}
# One reclaim pass in dom0: drop_caches runs every shrinker's count
# once, which is what the squeeze listens to.
one_signal() { echo 2 > /proc/sys/vm/drop_caches; }
# reclaim_runs: how often dom0 reclaimed: kswapd passes plus direct
# reclaim stalls.
reclaim_runs() {
	awk '$1 == "pageoutrun" || $1 ~ /^allocstall_/ { n += $2 } END { print n + 0 }' /proc/vmstat
}
# swap_on MIB / swap_off: dom0 has no disk; zram (configs/xen.config) gives
# it swap, so memhog can allocate more than is available and the kernel
# reclaims by swapping, as in the seed's dom0.
swap_on() {
	echo "$1M" > /sys/block/zram0/disksize &&
	mkswap /dev/zram0 > /dev/null && swapon /dev/zram0
}
swap_off() {
	swapoff /dev/zram0 && echo 1 > /sys/block/zram0/reset
}
# ram_note NAME: dom0's memory and blkback's pool, one line, into
# $XEN_STATE/ram-NAME ("pool P MemTotal T MemFree F current_kb C", kB).
ram_note() {
	local cur
	cur=$(cat /sys/devices/system/xen_memory/xen_memory0/info/current_kb 2>/dev/null)
	echo "pool $(pool) $(awk '$1 == "MemTotal:" || $1 == "MemFree:" { printf "%s %s ", $1, $2 }' /proc/meminfo | tr -d :)current_kb ${cur:-none}" \
		> $XEN_STATE/ram-$1
}
