# SPDX-License-Identifier: GPL-2.0
# Sourced by the balloon-*.sh guest tests (not a test itself). The host
# drives the balloon over QMP through the runner (lib.sh's qmp helper):
# "balloon" sets the guest's target size in bytes, "query-balloon"
# returns "actual", the guest's size as the host sees it (RAM minus the
# balloon). The guest side is /proc/vmstat (balloon_inflate and
# balloon_deflate count PAGE_SIZE pages) and the mm_pressure debugfs
# directory of the device.
. /tests/lib.sh

MIB=1048576
# The guest's PAGE_SIZE, what /proc/vmstat's balloon_inflate and
# balloon_deflate and the helper's pages_released count (4K on x86_64, 64K
# on an arm64 64K or a ppc64le guest). virtio_balloon's own unit is 4K
# (VIRTIO_BALLOON_PFN_SHIFT): one page is PAGE / BALLOON_PAGE of them.
# busybox has no getconf: the kernel says it in smaps.
PAGE=$(awk '/^KernelPageSize:/ { print $2 * 1024; exit }' /proc/self/smaps 2>/dev/null)
BALLOON_PAGE=4096
if [ -z "$PAGE" ] || [ "$PAGE" -lt "$BALLOON_PAGE" ]; then
	fail page-size "no KernelPageSize in /proc/self/smaps (CONFIG_PROC_PAGE_MONITOR off?): the counts cannot be checked"
	exit 1
fi
DRV=/sys/bus/virtio/drivers/virtio_balloon
PARAM=/sys/module/virtio_balloon/parameters/oom_holdoff_ms

# mmp.balloon_upstream on the command line: the kernel under test has the
# driver's own OOM notifier (parity runs), so the helper's debugfs
# counters are neither read nor checked.
UPSTREAM=
grep -q 'mmp.balloon_upstream' /proc/cmdline && UPSTREAM=1

# How long each test took, on the console (the runner notes MMP-TIME).
T_START=$(now_ms)
trap 'echo "MMP-TIME $T took $(( $(now_ms) - T_START )) ms"' EXIT
# hog_while_target TARGET MIB CYCLES: memhog maps MIB MiB CYCLES times
# (300 ms each) while the host re-sends the balloon target TARGET every
# 0.3 s, as a host that keeps its target high does. Sets HOG_RC (memhog's
# exit code), HOG_MS (its run time) and HOG_REQUESTS (targets sent).
hog_while_target() {
	local t0
	HOG_REQUESTS=0
	rm -f /tmp/hog.rc
	t0=$(now_ms)
	(/bin/memhog "$2" 300 "$3" > /dev/null; echo $? > /tmp/hog.rc) &
	while [ ! -f /tmp/hog.rc ]; do
		balloon_set "$1"
		HOG_REQUESTS=$((HOG_REQUESTS + 1))
		sleep 0.3
	done
	wait
	HOG_MS=$(($(now_ms) - t0))
	HOG_RC=$(cat /tmp/hog.rc)
}
# The bound balloon device (virtioN), empty when there is none.
balloon_dev() { ls -d $DRV/virtio* 2>/dev/null | head -n 1 | sed 's|.*/||'; }
# The helper's debugfs directory of the device's OOM policy, named
# virtio_balloon-<dev>: mm_pressure/oom/<name>/, or mm_pressure/<name>/
# on a kernel whose helper has no directory a policy yet. The first that
# exists; the new path when neither does.
mmp_dir() {
	local name=virtio_balloon-$(balloon_dev) d
	for d in /sys/kernel/debug/mm_pressure/oom/$name \
			/sys/kernel/debug/mm_pressure/$name; do
		[ -d "$d" ] && { echo "$d"; return; }
	done
	echo "/sys/kernel/debug/mm_pressure/oom/$name"
}
# mmp_get FILE: a counter of the helper's debugfs directory, 0 if absent.
mmp_get() { cat "$MMP_DIR/$1" 2>/dev/null || echo 0; }

ram_bytes() {
	qmp '{"execute":"query-memory-size-summary"}' |
		sed -n 's/.*"base-memory": *\([0-9]*\).*/\1/p'
}
balloon_set() {
	qmp "{\"execute\":\"balloon\",\"arguments\":{\"value\":$1}}" > /dev/null
}
# The host's "actual", or nothing when there is no balloon.
balloon_actual() {
	qmp '{"execute":"query-balloon"}' | sed -n 's/.*"actual": *\([0-9]*\).*/\1/p'
}
# balloon_wait BYTES SECONDS: until the host's actual is BYTES.
balloon_wait() {
	local end=$(( $(now_ms) + $2 * 1000 ))
	while [ "$(balloon_actual)" != "$1" ]; do
		[ "$(now_ms)" -lt "$end" ] || return 1
		sleep 0.3
	done
}
# balloon_fill FREE_MIB: a target that leaves about FREE_MIB MiB free in
# the guest; sets it and waits. Prints the target.
balloon_fill() {
	local ram=$1 free_mib=$2 cur bal target
	cur=$(balloon_actual)
	bal=$(( (ram - cur) / MIB + $(meminfo_kb MemFree) / 1024 - free_mib ))
	target=$(( ram - bal * MIB ))
	balloon_set "$target"
	balloon_wait "$target" 120 || true
	echo "$target"
}
