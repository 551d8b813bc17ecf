#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/kernel.sh plain|debug|debug-xen|xen-unpopulated
# Configure (fragments merged onto allnoconfig, see ci/build/kconfig.sh) and
# build one bzImage into build/obj-<variant>. The plain image boots as a
# KVM guest, Xen PV dom0 and PV domU; debug adds configs/debug.config and
# configs/kunit.config for `make check`; debug-xen is debug without KASAN
# (configs/debug-xen.config says why) for the Xen boot tests;
# xen-unpopulated is plain with CONFIG_XEN_UNPOPULATED_ALLOC, for
# ci/bench/xen-unpopulated.sh. Uses ccache when installed.
. "$(dirname "$0")/../lib.sh"

variant=${1:-plain}
frags="base kvm xen"
case $variant in
plain) ;;
debug) frags="$frags debug kunit" ;;
debug-xen) frags="$frags debug debug-xen" ;;
xen-unpopulated) frags="$frags xen-unpopulated" ;;
*) die "unknown kernel variant '$variant' (plain, debug, debug-xen or xen-unpopulated)" ;;
esac
[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"
obj=$BUILD/obj-$variant
paths=()
for f in $frags; do paths+=("$TOP/configs/$f.config"); done
"$TOP/ci/build/kconfig.sh" "$obj" "${paths[@]}"

start=$(date +%s)
kernel_build "$TREE" "$obj" "$variant" "$(tree_git log -1 --format=%cd)"
ln -sf "obj-$variant/arch/x86/boot/bzImage" "$BUILD/bzImage-$variant"
log "built build/bzImage-$variant in $(( $(date +%s) - start )) s"
