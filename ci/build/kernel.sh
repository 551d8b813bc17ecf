#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/kernel.sh plain|debug|debug-xen|kcsan|xen-unpopulated|nouser|
#                           arm64-64k|arm64-4k|ppc64le-64k|s390x|i386
# Configure (fragments merged onto allnoconfig, see ci/build/kconfig.sh) and
# build one kernel into build/obj-<variant>. The plain image boots as a
# KVM guest, Xen PV dom0 and PV domU; debug adds configs/debug.config and
# configs/kunit.config for `make check`; debug-xen is debug without KASAN
# (configs/debug-xen.config says why) and with the helper's users and its
# KUnit suite as modules (configs/modules.config), installed into
# build/obj-debug-xen/modroot/: the Xen boot tests (xen-blkback loaded
# by dom0) and ci/test/boot-modules.sh share it, one build for both;
# kcsan is the KVM guest with KCSAN (configs/kcsan.config) and the KUnit
# suite, for the data-race stress (ci/test/boot-kcsan.sh);
# xen-unpopulated is plain with CONFIG_XEN_UNPOPULATED_ALLOC, for
# ci/bench/xen-unpopulated.sh; nouser is plain
# without the helper's users (configs/nouser.config): the helper must not
# be built. These are x86_64 bzImages, linked as build/bzImage-<variant>.
# The foreign guests (issue #12) are lean: common.config, the
# architecture's fragment, the balloon (virtio.config) and the KUnit
# suite, no debug options; cross-compiled with Debian's cross gcc
# (arch_vars in ci/lib.sh) and linked as build/image-<variant>:
#   arm64-64k, arm64-4k  QEMU virt (Image), 64K / 4K pages
#   ppc64le-64k          QEMU pseries (vmlinux), 64K pages
#   s390x                QEMU s390-ccw-virtio (bzImage), 4K pages
#   i386                 QEMU pc (bzImage), KUnit only
# Uses ccache when installed.
. "$(dirname "$0")/../lib.sh"

variant=${1:-plain}
frags="common base kvm xen" arch=x86_64
case $variant in
plain) ;;
debug) frags="$frags debug kunit" ;;
debug-xen) frags="$frags debug debug-xen modules" ;;
kcsan) frags="common base kvm kcsan kunit" ;;
xen-unpopulated) frags="$frags xen-unpopulated" ;;
nouser) frags="$frags nouser" ;;
arm64-64k|arm64-4k) arch=arm64 frags="common arm64 $variant virtio kunit" ;;
ppc64le-64k) arch=ppc64le frags="common ppc64le virtio kunit" ;;
s390x) arch=s390x frags="common s390x virtio kunit" ;;
i386) arch=i386 frags="common i386 kunit" ;;
*) die "unknown kernel variant '$variant' (plain, debug, debug-xen, kcsan, xen-unpopulated, nouser, arm64-64k, arm64-4k, ppc64le-64k, s390x or i386)" ;;
esac
arch_need "$arch"
[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"
obj=$BUILD/obj-$variant
paths=()
for f in $frags; do paths+=("$TOP/configs/$f.config"); done
KCONFIG_ARCH=$arch "$TOP/ci/build/kconfig.sh" "$obj" "${paths[@]}"

start=$(date +%s)
when=$(tree_git log -1 --format=%cd)
if grep -q '^CONFIG_MODULES=y' "$obj/.config"; then
	kernel_build "$TREE" "$obj" "$variant" "$when" "$arch" modules
	rm -rf "$obj/modroot"
	make -C "$TREE" O="$obj" ARCH="$KARCH" INSTALL_MOD_PATH="$obj/modroot" INSTALL_MOD_STRIP=1 \
		modules_install > "$obj/modules_install.log" 2>&1 ||
		die "modules_install failed (see ${obj#$TOP/}/modules_install.log)"
else
	kernel_build "$TREE" "$obj" "$variant" "$when" "$arch"
fi
if [ "$variant" = nouser ] &&
   { grep -q '^CONFIG_MM_PRESSURE=' "$obj/.config" || [ -e "$obj/mm/mm_pressure.o" ]; }; then
	die "the nouser kernel has CONFIG_MM_PRESSURE or mm/mm_pressure.o: something still selects the helper"
fi
if [ "$arch" = x86_64 ]; then
	link=bzImage-$variant
else
	link=image-$variant
fi
ln -sf "obj-$variant/$KIMAGE" "$BUILD/$link"
log "built build/$link in $(( $(date +%s) - start )) s"
