# SPDX-License-Identifier: GPL-2.0
# The Debian guest only (make boot-debian, ci/build/debian-root.sh): a
# Debian 12 system booted from the fork's linux-image package. systemd
# finished the boot with no failed unit, and udev, not a test, loaded
# virtio_balloon for the balloon device by its modalias: this service
# loads nothing before these checks. With it came the helper's debugfs
# directory.
. /tests/balloon-lib.sh

state=$(systemctl is-system-running --wait 2>&1)
failed=$(systemctl --failed --plain --no-legend 2>/dev/null | awk '{ printf "%s ", $1 }')
check system-running "$state${failed:+; failed units: $failed}" test "$state" = running
check kernel "$(uname -r) from $(dpkg -S "/boot/vmlinuz-$(uname -r)" 2>/dev/null | cut -d: -f1)" \
	dpkg -S "/boot/vmlinuz-$(uname -r)"
vdev=$(grep -lx 0x0005 /sys/bus/virtio/devices/virtio*/device 2>/dev/null | head -n 1)
vdev=${vdev%/device}
alias=$(cat "$vdev/modalias" 2>/dev/null)
mod=$(modprobe -R "$alias" 2>/dev/null)
check modalias-resolves "${vdev##*/} ${alias:-no modalias} -> ${mod:-nothing}" test "$mod" = virtio_balloon
drv=$(readlink "$vdev/driver" 2>/dev/null)
check udev-loaded "virtio_balloon $(cat /sys/module/virtio_balloon/initstate 2>/dev/null || echo absent), ${vdev##*/} bound to ${drv##*/}" \
	test "${drv##*/}" = virtio_balloon
d=$(mmp_dir)
check debugfs "$d" test -d "$d"
check signed "$(cat /proc/sys/kernel/tainted) taint flags" test "$(cat /proc/sys/kernel/tainted)" = 0
