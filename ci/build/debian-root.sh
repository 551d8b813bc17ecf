#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/debian-root.sh [stock]
# The Debian guest of `make boot-debian`: a Debian 12 root file system
# made by mmdebstrap from the host's Debian mirror (minbase plus systemd,
# udev, initramfs-tools and kmod), with the fork's linux-image package of
# `make deb` installed by dpkg -i inside it, so that Debian's own
# postinst runs initramfs-tools. The guest scripts go in as in the
# initramfs guests (guest_scripts in ci/lib.sh, in /tests; the programs
# in /usr/bin), and a systemd
# service runs ci/test/guest/init on the serial console once the system
# is up. Writes build/debian-root/: root.img (ext4), and vmlinuz and
# initrd.img copied out of its /boot for QEMU's -kernel and -initrd (the
# guest has no boot loader). Rebuilt when the package or a guest file
# changes.
# With "stock" (`make bench-distro`): build/debian-root-stock/, the same
# root with Debian's own linux-image of the pinned version (linux/UPSTREAM)
# installed from the archive beside the fork's, so that both kernels boot
# the same system; each kernel's files are also copied out as
# vmlinuz-<release>, initrd.img-<release> and config-<release>.
. "$(dirname "$0")/../lib.sh"
. "$TOP/ci/build/image-lib.sh"

out=$BUILD/debian-root stock= size=2G
case ${1:-} in
'') ;;
stock)
	load_upstream
	# 6.12.117-1~deb12u1 -> linux-image-6.12.117+deb12-amd64, that version.
	stock=linux-image-${UPSTREAM_VERSION%%-*}+deb12-amd64=$UPSTREAM_VERSION
	out=$BUILD/debian-root-stock size=4G ;;
*) die "usage: $0 [stock]" ;;
esac
root=$out/root
deb=$(ls "$BUILD"/deb/linux-image-*.deb 2>/dev/null | grep -v -- '-dbg_' | head -n 1) ||
	true
[ -n "$deb" ] || die "no linux-image package in build/deb: run 'make deb' first"
[ "$(id -u)" = 0 ] || die "mmdebstrap and mke2fs -d need root here"
command -v mmdebstrap > /dev/null && command -v mke2fs > /dev/null ||
	"$TOP/ci/build/setup.sh" mmdebstrap e2fsprogs > "$BUILD/logs/debian-root-setup.log" 2>&1 ||
	die "installing mmdebstrap and e2fsprogs failed (build/logs/debian-root-setup.log)"
image_programs x86_64
guest_scripts

stamp=$( { echo "$stock"; sha256sum "$deb" "$0" "$TOP/ci/test/guest/init" "${GUEST_SCRIPTS[@]}" \
	"${GUEST_PROGS[@]}"; } | sha256sum | cut -c1-16)
if [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ] && [ -f "$out/root.img" ]; then
	log "${out#"$TOP"/} is up to date (${deb##*/}${stock:+ and ${stock%%=*}})"
	exit 0
fi
rm -rf --one-file-system "$out"
mkdir -p "$out/stage/tests" "$out/stage/usr/bin" "$out/stage/usr/local/sbin" \
	"$out/stage/etc/systemd/system"

# What goes into the root besides Debian's packages.
cp "${GUEST_SCRIPTS[@]}" "$out/stage/tests/"
cp "${GUEST_PROGS[@]}" "$out/stage/usr/bin/"
cp "$TOP/ci/test/guest/init" "$out/stage/usr/local/sbin/mmp-init"
echo /dev/vda / ext4 defaults 0 1 > "$out/stage/etc/fstab"
echo mmp-debian > "$out/stage/etc/hostname"
# Type=simple: the boot is over (is-system-running can answer) while the
# tests run. The serial console is the tests' line to the host runner,
# so no getty may read it.
cat > "$out/stage/etc/systemd/system/mmp-tests.service" <<'UNIT'
[Unit]
Description=mm-pressure guest tests on the serial console
After=systemd-modules-load.service

[Service]
Type=simple
ExecStart=/bin/sh /usr/local/sbin/mmp-init
StandardInput=tty
StandardOutput=tty
StandardError=tty
TTYPath=/dev/ttyS0
TTYReset=no
TTYVHangup=no

[Install]
WantedBy=multi-user.target
UNIT

mapfile -t sources < <(host_debian_sources)
[ "${#sources[@]}" -gt 0 ] || die "the host's apt sources name no Debian bookworm suite to bootstrap from"
log "mmdebstrap: Debian 12 minbase + systemd, udev, initramfs-tools, kmod${stock:+, $stock}; dpkg -i ${deb##*/} (log: ${out#"$TOP"/}/mmdebstrap.log)"
start=$(date +%s)
mmdebstrap --variant=minbase \
	--include="systemd-sysv,udev,initramfs-tools,kmod,procps${stock:+,$stock}" \
	--customize-hook="copy-in $deb /tmp" \
	--customize-hook="chroot \"\$1\" dpkg -i /tmp/${deb##*/}" \
	--customize-hook="rm -f \"\$1\"/tmp/${deb##*/}" \
	--customize-hook="sync-in $out/stage /" \
	--customize-hook='chroot "$1" systemctl enable mmp-tests.service' \
	--customize-hook='chroot "$1" systemctl mask serial-getty@ttyS0.service getty@tty1.service' \
	--customize-hook='chroot "$1" passwd -d root' \
	bookworm "$root" "${sources[@]}" > "$out/mmdebstrap.log" 2>&1 ||
	{ tail -30 "$out/mmdebstrap.log" >&2; die "mmdebstrap failed (${out#"$TOP"/}/mmdebstrap.log)"; }
log "root made in $(( $(date +%s) - start )) s"
# The fork's kernel as vmlinuz and initrd.img, every kernel by its release.
fork=$(dpkg-deb -f "$deb" Package) && fork=${fork#linux-image-}
for f in "$root"/boot/vmlinuz-*; do
	[ -f "$f" ] || die "no /boot/vmlinuz-* in the root: the package did not install"
	rel=${f##*/vmlinuz-}
	cp "$f" "$out/vmlinuz-$rel"
	cp "$root/boot/config-$rel" "$out/config-$rel"
	cp "$root/boot/initrd.img-$rel" "$out/initrd.img-$rel" ||
		die "no /boot/initrd.img-$rel in the root: initramfs-tools did not run (${out#"$TOP"/}/mmdebstrap.log)"
done
[ -f "$out/vmlinuz-$fork" ] || die "no /boot/vmlinuz-$fork in the root: ${deb##*/} did not install"
cp "$out/vmlinuz-$fork" "$out/vmlinuz"
cp "$out/initrd.img-$fork" "$out/initrd.img"
mke2fs -q -t ext4 -L mmp-debian -d "$root" "$out/root.img" "$size" ||
	die "mke2fs -d $root failed"
rm -rf --one-file-system "$root" "$out/stage"
echo "$stamp" > "$out/stamp"
log "${out#"$TOP"/}: root.img ($(du -h "$out/root.img" | cut -f1) used of $size), kernels: $(cd "$out" && echo vmlinuz-* | sed 's/vmlinuz-//g')"
