#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make boot-debian`: the fork's .deb (make deb) installed into a Debian 12
# root (ci/build/debian-root.sh) and booted under QEMU with a virtio-blk
# root and a virtio balloon: Debian's initramfs-tools initrd, systemd,
# udev. Its service runs the guest tests on the serial console: the
# system is up and udev loaded virtio_balloon (debian-boot), the balloon
# inflates and deflates on OOM as in the busybox guests (balloon-inflate,
# balloon-oom), and the module is unloaded and reloaded ten times with
# the balloon inflated and memhog running (modules); then a negative
# control, virtio_balloon blacklisted, must fail. The root image is
# opened with snapshot=on: every boot starts from the same image.
. "$(dirname "$0")/../lib.sh"
suite_begin boot-debian
"$TOP/ci/build/debian-root.sh" || die "the Debian root could not be made (above)"
img=$BUILD/debian-root
# Debian's config has no kmemleak: the runner's splat patterns and the
# debugfs checks are what catch a bad unload.
"$TOP/ci/test/qemu-run.py" --kernel "$img/vmlinuz" --initrd "$img/initrd.img" --name debian \
	--tests debian-boot,balloon-inflate,balloon-oom,modules --kunit --mem 1024M \
	--append "root=/dev/vda rw systemd.show_status=0" \
	--drive "file=$img/root.img,if=virtio,format=raw,snapshot=on" \
	--device virtio-balloon-pci,id=balloon0,deflate-on-oom=on \
	--log "$LOGS/debian-boot.log" --results "$RESULTS" --timeout 900 || true

# Negative control: with virtio_balloon blacklisted (modprobe.blacklist=,
# which udev's kmod builtin honours) udev loads nothing for the balloon,
# and debian-boot must say so.
"$TOP/ci/test/qemu-run.py" --kernel "$img/vmlinuz" --initrd "$img/initrd.img" --name debian-control \
	--tests debian-boot --mem 1024M \
	--append "root=/dev/vda rw systemd.show_status=0 modprobe.blacklist=virtio_balloon" \
	--drive "file=$img/root.img,if=virtio,format=raw,snapshot=on" \
	--device virtio-balloon-pci,id=balloon0,deflate-on-oom=on \
	--log "$LOGS/debian-control.log" --timeout 900 > "$LOGS/debian-control.out" 2>&1 && status=passed || status=failed
if [ "$status" = passed ]; then
	result FAIL debian.harness-catches-failure "a guest whose udev could not load virtio_balloon passed debian-boot"
elif grep -q '^FAIL: debian-control.debian-boot.udev-loaded' "$LOGS/debian-control.out"; then
	result PASS debian.harness-catches-failure "blacklisted virtio_balloon reported as FAIL (udev-loaded)"
else
	result FAIL debian.harness-catches-failure "runner failed for another reason: see ${LOGS#"$TOP"/}/debian-control.out"
fi
suite_end
