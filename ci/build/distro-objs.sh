#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/distro-objs.sh [amd64|arm64|ppc64el|s390x]
# The series under Debian's own kernel config for ARCH (amd64 by default),
# from the linux-config-6.12 package: its .config, olddefconfig, then only
# the objects the series touches, not the whole distro kernel; a module's
# use of a helper symbol the helper does not export fails. KUnit and the
# helper's KUnit suite are switched on as modules. A touched object the
# config does not build (no Xen on s390x) is reported, not built. Any
# compiler warning in a touched file fails. One row an object; objects in
# build/obj-debian-ARCH/.
. "$(dirname "$0")/../lib.sh"
arch=${1:-amd64}
# Debian's architecture names, as linux-config-6.12 uses them, to ours.
case $arch in
amd64) guest=x86_64 ;;
arm64) guest=arm64 ;;
ppc64el) guest=ppc64le ;;
s390x) guest=s390x ;;
*) die "unknown Debian architecture '$arch' (amd64, arm64, ppc64el or s390x)" ;;
esac
arch_vars "$guest"
karch=$KARCH cross=$CROSS
suite_begin "distro-$arch"
# linux-config-6.12 is built per architecture and holds only that
# architecture's configs: amd64's is installed on the host, a foreign
# one is downloaded through image-lib.sh's private apt configuration and
# unpacked under build/apt-foreign/, never installed.
if [ "$arch" = amd64 ]; then
	ARCHES=$guest "$TOP/ci/build/setup.sh" linux-config-6.12 > "$LOGS/distro-$arch-setup.log" 2>&1 ||
		{ tail -5 "$LOGS/distro-$arch-setup.log"; die "installing linux-config-6.12 failed"; }
	cfgdir=/usr/src/linux-config-6.12
else
	ARCHES=$guest "$TOP/ci/build/setup.sh" > "$LOGS/distro-$arch-setup.log" 2>&1 ||
		{ tail -5 "$LOGS/distro-$arch-setup.log"; die "installing $guest's cross compiler failed"; }
	. "$TOP/ci/build/image-lib.sh"
	load_upstream
	fdir=$BUILD/apt-foreign/$arch
	# bookworm's linux-6.12 is not built for every architecture (this
	# archive serves no s390x one): then Debian's bookworm kernel's own
	# config, linux-config-6.1, olddefconfig'd onto 6.12, said loudly.
	if [ ! -d "$fdir/linux-config" ]; then
		cv=6.12
		if ! (foreign_apt_fetch "$arch" "linux-config-6.12=$UPSTREAM_VERSION") 2> "$fdir.fetch.log"; then
			warn "the archive serves no linux-config-6.12 $UPSTREAM_VERSION for $arch: using Debian's linux-config-6.1 for $arch instead"
			cv=6.1
			foreign_apt_fetch "$arch" linux-config-6.1
		fi
		dpkg -x "$(ls "$fdir"/debs/linux-config-${cv}_*.deb | head -n 1)" "$fdir/linux-config" ||
			die "dpkg -x linux-config-$cv:$arch failed"
	fi
	cfgdir=$(ls -d "$fdir"/linux-config/usr/src/linux-config-* | head -n 1)
fi
# Debian names the ppc64el flavour powerpc64le.
case $arch in ppc64el) flavour=powerpc64le ;; *) flavour=$arch ;; esac
cfg=$cfgdir/config.${arch}_none_${flavour}.xz
[ -f "$cfg" ] || die "$cfg is missing: linux-config-6.12 has no $arch config"
[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"

obj=$BUILD/obj-debian-$arch
mkdir -p "$obj"
cc=${cross}gcc
command -v ccache > /dev/null && cc="ccache $cc" && export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1
kmake() { make -C "$TREE" O="$obj" ARCH="$karch" CROSS_COMPILE="$cross" CC="$cc" -j"$(nproc)" "$@"; }
xz -dc "$cfg" > "$obj/.config.debian"
if ! cmp -s "$obj/.config.debian" "$obj/.config.debian.used"; then
	cp "$obj/.config.debian" "$obj/.config"
	# Debian's signing keys are not in the source package, and pahole
	# (BTF) is not needed for single objects.
	"$TREE/scripts/config" --file "$obj/.config" --set-str SYSTEM_TRUSTED_KEYS "" \
		--set-str SYSTEM_REVOCATION_KEYS "" --disable MODULE_SIG --disable DEBUG_INFO_BTF \
		--module KUNIT --module MM_PRESSURE_KUNIT_TEST
	cp "$obj/.config.debian" "$obj/.config.debian.used"
fi
t0=$(date +%s)
kmake olddefconfig > "$obj/prepare.log" 2>&1 && kmake prepare >> "$obj/prepare.log" 2>&1 ||
	{ tail -20 "$obj/prepare.log"; die "olddefconfig/prepare with Debian's $arch config failed (${obj#$TOP/}/prepare.log)"; }
sym() { sed -n "s/^CONFIG_$1=//p" "$obj/.config"; }
log "Debian $arch config (${cfg#"$BUILD"/}): MM_PRESSURE=$(sym MM_PRESSURE) VIRTIO_BALLOON=$(sym VIRTIO_BALLOON) XEN_BLKDEV_BACKEND=$(sym XEN_BLKDEV_BACKEND) XEN_GNTDEV=$(sym XEN_GNTDEV) KUNIT=$(sym KUNIT)"

# Single .ko targets need vmlinux's symbols, which only the whole kernel
# gives modpost: a module's objects are built instead (as part of the
# module, -DMODULE), and every helper symbol they use must be one
# mm_pressure.o exports (an __export_symbol_<name> in the object, in
# 6.12), as modpost would demand.
exports=
modcheck() {
	local u missing=
	for u in $(nm -u "$@" | awk '$2 ~ /^mm_pressure_/ { print $2 }' | sort -u); do
		echo "$exports" | grep -qx "$u" || missing="$missing $u"
	done
	[ -z "$missing" ] || { echo "used but not exported:$missing"; return 1; }
}
# The touched objects: SYMBOL TARGET OBJECT (the object a module's
# symbols are checked in).
while read -r s target object; do
	# Another architecture's object (the CMM drivers): not this config's.
	case $target in
	arch/"$karch"/*) ;;
	arch/*) continue ;;
	esac
	v=$(sym "$s")
	case $v in
	y|m) ;;
	*) result PASS "distro-$arch.$s" "not in Debian's $arch config (CONFIG_$s=${v:-n}): nothing to build"; continue ;;
	esac
	log "building $target (CONFIG_$s=$v)"
	if ! kmake "$target" > "$obj/$s.log" 2>&1; then
		result FAIL "distro-$arch.$s" "$target did not build: see ${obj#$TOP/}/$s.log"
		grep -E 'error|Error' "$obj/$s.log" | head -10 | sed 's/^/    /'
		continue
	fi
	[ "$s" != MM_PRESSURE ] ||
		exports=$(nm "$obj/mm/mm_pressure.o" | sed -n 's/.* __export_symbol_\(mm_pressure_.*\)/\1/p')
	warn=$(grep -E '^[^ ]*(mm_pressure|virtio_balloon|xen-blkback/|xen-scsiback|gntdev|grant-table|unpopulated-alloc|xenbus_probe|/cmm)[^ ]*:[0-9]+:[0-9]+: warning:' "$obj/$s.log" || true)
	if [ -n "$warn" ]; then
		result FAIL "distro-$arch.$s" "$target: $(echo "$warn" | wc -l) warnings in touched files: $(echo "$warn" | head -1)"
	elif [ "$v" = m ] && ! why=$(modcheck "$obj/$object"); then
		result FAIL "distro-$arch.$s" "$object (module): $why"
	else
		result PASS "distro-$arch.$s" "$target (CONFIG_$s=$v), no warning in the touched files$([ "$v" = m ] && echo "; every helper symbol it uses is exported")"
	fi
done <<'EOF'
MM_PRESSURE mm/mm_pressure.o mm/mm_pressure.o
MM_PRESSURE_KUNIT_TEST mm/mm_pressure_kunit.o mm/mm_pressure_kunit.o
VIRTIO_BALLOON drivers/virtio/virtio_balloon.o drivers/virtio/virtio_balloon.o
XEN_BLKDEV_BACKEND drivers/block/xen-blkback/ drivers/block/xen-blkback/xen-blkback.o
XEN_GNTDEV drivers/xen/gntdev.o drivers/xen/gntdev.o
XEN drivers/xen/grant-table.o drivers/xen/grant-table.o
XEN_UNPOPULATED_ALLOC drivers/xen/unpopulated-alloc.o drivers/xen/unpopulated-alloc.o
XEN_BACKEND drivers/xen/xenbus/ drivers/xen/xenbus/xenbus_probe_backend.o
XEN_SCSI_BACKEND drivers/xen/xen-scsiback.o drivers/xen/xen-scsiback.o
CMM arch/s390/mm/cmm.o arch/s390/mm/cmm.o
CMM arch/powerpc/platforms/pseries/cmm.o arch/powerpc/platforms/pseries/cmm.o
EOF
echo "distro-$arch: $(( $(date +%s) - t0 )) s (olddefconfig, prepare, the touched objects)"
suite_end
