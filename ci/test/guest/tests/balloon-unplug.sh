# SPDX-License-Identifier: GPL-2.0
# Hot-unplug: QMP device_del of the balloon (QEMU id balloon0) while
# memhog squeezes the guest and the balloon deflates on OOM. The device
# must go away without a splat (the runner checks the console), memhog
# must finish, and the helper's debugfs directory must be gone.
. /tests/balloon-lib.sh

dev=$(balloon_dev)
MMP_DIR=$(mmp_dir)
ram=$(ram_bytes)
check helper-registered "$MMP_DIR" test -d "$MMP_DIR"
target=$(balloon_fill "$ram" 48)
free=$(( $(meminfo_kb MemFree) / 1024 ))
hog=$(( free + 24 ))
k0=$(vmstat oom_kill)
rm -f /tmp/hog.rc
(/bin/memhog "$hog" 2000 > /dev/null; echo $? > /tmp/hog.rc) &
sleep 1
t0=$(now_ms)
reply=$(qmp '{"execute":"device_del","arguments":{"id":"balloon0"}}')
check device-del "reply $reply" test "${reply#*\"return\"}" != "$reply"
end=$(( t0 + 60000 ))
while [ -n "$(balloon_dev)" ] && [ "$(now_ms)" -lt "$end" ]; do sleep 0.3; done
t1=$(now_ms)
check unbound "$dev gone from the driver after $(( t1 - t0 )) ms" test -z "$(balloon_dev)"
while [ ! -f /tmp/hog.rc ]; do sleep 0.3; done
wait
rc=$(cat /tmp/hog.rc)
check memhog-finished "memhog $hog MiB rc=$rc, oom_kill +$(( $(vmstat oom_kill) - k0 ))" \
	test "$rc" = 0 -a "$(vmstat oom_kill)" = "$k0"
check debugfs-gone "$MMP_DIR" test ! -e "$MMP_DIR"
# The host drops the device once the guest has powered its slot off: at
# once with ACPI hotplug (x86_64), a second after the unbind with PCIe
# native hotplug (arm64: pciehp sets the power indicator off 1 s after
# the power, and QEMU unplugs on both).
end=$(( $(now_ms) + 10000 ))
while reply=$(qmp '{"execute":"query-balloon"}'); [ "${reply#*\"error\"}" = "$reply" ] &&
		[ "$(now_ms)" -lt "$end" ]; do
	sleep 0.3
done
check host-no-balloon "query-balloon: $reply" test "${reply#*\"error\"}" != "$reply"
