#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: [GUEST_ARCH=x86_64|arm64|ppc64le|s390x|i386] ci/build/initramfs.sh [OUT.cpio.gz]
# The test guests' initramfs for GUEST_ARCH (x86_64 unless set; not ARCH,
# which a kernel developer's shell may export for the kernel's make): Debian's static
# busybox of that architecture, ci/test/guest/init as /init, the guest
# scripts in /tests/ (the tests from ci/test/guest/tests/ and the
# benchmarks' from ci/bench/guest/, see guest_scripts in ci/lib.sh) and
# the guest programs in ci/test/guest/*.c, built static with GUEST_ARCH's gcc
# (ci/build/image-lib.sh). Made with the tree's usr/gen_init_cpio, so
# /dev/console exists without root and the archive is reproducible.
# OUT defaults to build/initramfs-kvm.cpio.gz for x86_64 and
# build/initramfs-ARCH.cpio.gz for the others.
. "$(dirname "$0")/../lib.sh"
. "$TOP/ci/build/image-lib.sh"

arch=${GUEST_ARCH:-x86_64}
arch_vars "$arch"
if [ "$arch" = x86_64 ]; then
	out=${1:-$BUILD/initramfs-kvm.cpio.gz}
else
	out=${1:-$BUILD/initramfs-$arch.cpio.gz}
fi
image_busybox "$arch"
image_gen_init_cpio
image_programs "$arch"

work=$BUILD/initramfs
mkdir -p "$work"
list=$work/list-$arch
guest_scripts
{
	for d in /bin /sbin /dev /proc /sys /tmp /tests /usr /usr/bin; do
		echo "dir $d 755 0 0"
	done
	echo "nod /dev/console 600 0 0 c 5 1"
	echo "file /bin/busybox $BUSYBOX 755 0 0"
	echo "file /init $TOP/ci/test/guest/init 755 0 0"
	for t in "${GUEST_SCRIPTS[@]}"; do
		echo "file /tests/${t##*/} $t 644 0 0"
	done
	for exe in "${GUEST_PROGS[@]}"; do
		echo "file /bin/${exe##*/} $exe 755 0 0"
	done
} > "$list"
mkdir -p "$(dirname "$out")"
"$GEN_INIT_CPIO" -t 0 "$list" | gzip -n -9 > "$out.tmp" && mv "$out.tmp" "$out"
log "initramfs ($arch): ${out#$TOP/} ($(du -k "$out" | cut -f1) KiB)"
