#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/test/kunit.sh [VARIANT]
# KUnit: the suites are built into the debug kernel (configs/kunit.config)
# and run at boot; boot it under QEMU, hand the console to the tree's own
# `kunit.py parse --json` and record one row a test case. With VARIANT, a
# foreign guest of ci/build/kernel.sh (arm64-64k, ppc64le-64k, s390x,
# i386, ...): its build/image-VARIANT under its architecture's QEMU, in
# the suite (and row prefix) kunit-VARIANT.
. "$(dirname "$0")/../lib.sh"
variant=${1:-}
if [ -z "$variant" ]; then
	name=kunit arch=x86_64
	kernel=$BUILD/bzImage-debug
	initrd=$BUILD/initramfs-kvm.cpio.gz
else
	name=kunit-$variant arch=${variant%%-*}
	kernel=$BUILD/image-$variant
	initrd=$BUILD/initramfs-$arch.cpio.gz
fi
suite_begin "$name"
[ -f "$kernel" ] || die "$kernel is missing: run 'make kernel-${variant:-debug}'"
GUEST_ARCH=$arch "$TOP/ci/build/initramfs.sh" "$initrd"

log=$LOGS/$name-boot.log
"$TOP/ci/test/qemu-run.py" --arch "$arch" --kernel "$kernel" --initrd "$initrd" --name "$name" --kunit \
	--log "$log" --results "$RESULTS" --timeout 300 || true
python3 "$TREE/tools/testing/kunit/kunit.py" parse --json="$LOGS/$name.json" \
	< "$log" > "$LOGS/$name-parse.log" 2>&1 || true
"$TOP/ci/test/kunit-rows.py" "$LOGS/$name.json" "$RESULTS" "$name"
suite_end
