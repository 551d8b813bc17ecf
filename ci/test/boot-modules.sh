#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The helper's users as modules (build/bzImage-debug-xen, whose fragments
# end with configs/modules.config; the Xen boot tests share the image):
# a QEMU/virtio guest loads virtio_balloon by its modalias, unloads and
# reloads it with the balloon inflated, and loads the helper's KUnit suite
# as a module (ci/test/guest/tests/modules.sh). The guest's initramfs is the
# KVM guests' one followed by a second archive with the kernel's modules.
. "$(dirname "$0")/../lib.sh"
. "$TOP/ci/build/image-lib.sh"
suite_begin boot-modules
kernel=$BUILD/bzImage-debug-xen
modroot=$BUILD/obj-debug-xen/modroot
initrd=$BUILD/initramfs-modules.cpio.gz
[ -f "$kernel" ] && [ -d "$modroot/lib/modules" ] ||
	die "$kernel or its modules are missing: run 'make kernel-debug-xen'"
"$TOP/ci/build/initramfs.sh" "$BUILD/initramfs-kvm.cpio.gz"
image_gen_init_cpio
cpio_list "$modroot" > "$BUILD/initramfs-modules.list"
"$GEN_INIT_CPIO" -t 0 "$BUILD/initramfs-modules.list" | gzip -n -9 |
	cat "$BUILD/initramfs-kvm.cpio.gz" - > "$initrd"

# --kunit: the command line must not disable KUnit, or the module's
# suite would not run (nothing is built in: no suite runs at boot).
"$TOP/ci/test/qemu-run.py" --kernel "$kernel" --initrd "$initrd" --name modules \
	--tests modules --kunit --log "$LOGS/modules-boot.log" --results "$RESULTS" \
	--device virtio-balloon-pci,id=balloon0,deflate-on-oom=on --timeout 400 || true
suite_end
