#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/kernel.sh plain|debug|debug-xen|xen-unpopulated|modules
# Configure (fragments merged onto allnoconfig, see ci/build/kconfig.sh) and
# build one bzImage into build/obj-<variant>. The plain image boots as a
# KVM guest, Xen PV dom0 and PV domU; debug adds configs/debug.config and
# configs/kunit.config for `make check`; debug-xen is debug without KASAN
# (configs/debug-xen.config says why) for the Xen boot tests;
# xen-unpopulated is plain with CONFIG_XEN_UNPOPULATED_ALLOC, for
# ci/bench/xen-unpopulated.sh; modules is plain with the helper's users and
# its KUnit suite as modules (configs/modules.config), installed into
# build/obj-modules/modroot/ for ci/test/boot-modules.sh; nouser is plain
# without the helper's users (configs/nouser.config): the helper must not
# be built. Uses ccache when installed.
. "$(dirname "$0")/../lib.sh"

variant=${1:-plain}
frags="base kvm xen"
case $variant in
plain) ;;
debug) frags="$frags debug kunit" ;;
debug-xen) frags="$frags debug debug-xen" ;;
xen-unpopulated) frags="$frags xen-unpopulated" ;;
modules) frags="$frags modules" ;;
nouser) frags="$frags nouser" ;;
*) die "unknown kernel variant '$variant' (plain, debug, debug-xen, xen-unpopulated, modules or nouser)" ;;
esac
[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"
obj=$BUILD/obj-$variant
paths=()
for f in $frags; do paths+=("$TOP/configs/$f.config"); done
"$TOP/ci/build/kconfig.sh" "$obj" "${paths[@]}"

start=$(date +%s)
when=$(tree_git log -1 --format=%cd)
if grep -q '^CONFIG_MODULES=y' "$obj/.config"; then
	kernel_build "$TREE" "$obj" "$variant" "$when" bzImage modules
	rm -rf "$obj/modroot"
	make -C "$TREE" O="$obj" INSTALL_MOD_PATH="$obj/modroot" INSTALL_MOD_STRIP=1 \
		modules_install > "$obj/modules_install.log" 2>&1 ||
		die "modules_install failed (see ${obj#$TOP/}/modules_install.log)"
else
	kernel_build "$TREE" "$obj" "$variant" "$when"
fi
if [ "$variant" = nouser ] &&
   { grep -q '^CONFIG_MM_PRESSURE=' "$obj/.config" || [ -e "$obj/mm/mm_pressure.o" ]; }; then
	die "the nouser kernel has CONFIG_MM_PRESSURE or mm/mm_pressure.o: something still selects the helper"
fi
ln -sf "obj-$variant/arch/x86/boot/bzImage" "$BUILD/bzImage-$variant"
log "built build/bzImage-$variant in $(( $(date +%s) - start )) s"
