#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/xen-inputs.sh [KERNEL DOM0-INITRD [MODROOT]]
# Everything a Xen boot under QEMU needs, from Debian's archive (fetched
# with `apt-get download` into build/xen/debs/ and unpacked with dpkg -x,
# never installed on the host):
#   build/xen/xen-4.17          the hypervisor, gunzipped (a multiboot ELF)
#   build/xen/dom0-base.cpio.gz busybox-static, the Xen userland and the
#                               glibc it needs, bash, flock, /etc/xen
#   build/xen/domU.cpio.gz      the guest initramfs (ci/build/initramfs.sh) plus
#                               xenstore-read/-write for the domU
# With KERNEL, also DOM0-INITRD: an uncompressed cpio with /init
# (ci/test/guest/xen/dom0-init), the guest scripts (guest_scripts in
# ci/lib.sh: tests and benchmarks), the guest programs and the domU's
# kernel (KERNEL) and initramfs, and KERNEL's modules (MODROOT, what
# modules_install wrote: dom0 loads xen-blkback from it), followed by
# dom0-base.cpio.gz. Each part is rebuilt only when a hash of what goes
# into it changes.
. "$(dirname "$0")/../lib.sh"
. "$TOP/ci/build/image-lib.sh"

XEN=$BUILD/xen
XENVER=4.17
# The hypervisor and the toolstack; then what the toolstack, the block
# hotplug script (bash, flock) and xl's error path (libgcc_s) need.
PKGS="xen-hypervisor-$XENVER-amd64 xen-utils-$XENVER xen-utils-common
	xenstore-utils libxencall1 libxenevtchn1 libxenforeignmemory1
	libxengnttab1 libxenmisc$XENVER libxenstore4 libxentoollog1
	libxenhypfs1 libyajl2 libxendevicemodel1 libxentoolcore1
	bash util-linux libc6 libgcc-s1 libtinfo6 libuuid1 liblzma5 zlib1g libzstd1"
# dom0's programs, from the unpacked packages; libraries follow from
# their DT_NEEDED entries.
DOM0_PROGS="usr/lib/xen-$XENVER/bin/xl usr/lib/xen-$XENVER/bin/xenstored
	usr/lib/xen-$XENVER/bin/xenconsoled usr/lib/xen-$XENVER/bin/xen-init-dom0
	usr/lib/xen-$XENVER/bin/xenconsole usr/lib/xen-$XENVER/bin/libxl-save-helper
	usr/lib/xen-$XENVER/bin/xenstore-control
	usr/bin/xenstore usr/bin/xenstore-read usr/bin/xenstore-write
	usr/bin/xenstore-rm usr/bin/xenstore-exists usr/bin/xenstore-list
	usr/bin/xenstore-ls usr/bin/xenstore-chmod usr/bin/xenstore-watch
	bin/bash usr/bin/flock"
# glibc loads libgcc_s with dlopen (xl aborts on its error path without it).
DOM0_EXTRA="lib/x86_64-linux-gnu/libgcc_s.so.1"
DOMU_PROGS="usr/bin/xenstore usr/bin/xenstore-read usr/bin/xenstore-write
	usr/bin/xenstore-exists usr/bin/xenstore-ls"
STAMP=0		# mtime of everything in the archives: reproducible output

mkdir -p "$XEN/debs"
command -v apt-get > /dev/null && command -v dpkg > /dev/null ||
	die "apt-get and dpkg are needed to fetch Xen from Debian's archive"
# The host's busybox-static and gen_init_cpio (ci/build/image-lib.sh).
image_busybox x86_64
image_gen_init_cpio
gen=$GEN_INIT_CPIO

# fresh FILE HASH: true when FILE exists and FILE.hash says HASH;
# stamp FILE HASH records it.
fresh() { [ -e "$1" ] && [ -f "$1.hash" ] && [ "$(cat "$1.hash")" = "$2" ]; }
stamp() { echo "$2" > "$1.hash"; }
hash_of() { sha256sum "$@" | sha256sum | cut -c1-16; }

# 1. The packages: the archive's candidate version of each, downloaded
# once; an older download of the same package is dropped.
fetch() {
	local p ver file versions
	# ci/build/setup.sh runs 'apt-get update' only when it installs something:
	# refresh the lists here if they do not know Xen yet.
	apt-cache show --no-all-versions xen-utils-4.17 > /dev/null 2>&1 ||
		apt-get update -qq > /dev/null 2>&1 ||
		die "apt-get update failed: cannot reach the Debian package archive"
	versions=$(apt-cache show --no-all-versions $PKGS 2>/dev/null |
		awk '/^Package:/ { p = $2 } /^Version:/ { print p, $2 }') || true
	for p in $PKGS; do
		ver=$(echo "$versions" | awk -v p="$p" '$1 == p { print $2; exit }')
		[ -n "$ver" ] || die "package $p: not in the apt lists (run 'apt-get update')"
		file=$({ ls "$XEN/debs/${p}_${ver//:/%3a}_"*.deb 2>/dev/null || true; } | head -n 1)
		if [ -z "$file" ]; then
			log "xen: downloading $p $ver"
			rm -f "$XEN/debs/${p}_"*.deb
			(cd "$XEN/debs" && apt-get download -q -o APT::Sandbox::User=root "$p=$ver") >&2 ||
				die "package $p: 'apt-get download $p=$ver' failed"
			file=$({ ls "$XEN/debs/${p}_${ver//:/%3a}_"*.deb 2>/dev/null || true; } | head -n 1)
			[ -n "$file" ] || die "package $p: no .deb for $ver after apt-get download"
		fi
		echo "$file"
	done
}
debs=$(fetch)
pkghash=$(hash_of $debs)

# 2. Unpack them into one tree; gunzip the hypervisor.
root=$XEN/pkgroot
if ! fresh "$root" "$pkghash" || [ ! -f "$XEN/xen-$XENVER" ]; then
	log "xen: unpacking $(echo "$debs" | wc -l) packages"
	rm -rf "$root" && mkdir -p "$root"
	for d in $debs; do
		dpkg -x "$d" "$root" || die "package ${d##*/}: dpkg -x failed"
	done
	zcat "$root/boot/xen-$XENVER-amd64.gz" > "$XEN/xen-$XENVER.tmp" ||
		die "package xen-hypervisor-$XENVER-amd64: no /boot/xen-$XENVER-amd64.gz"
	mv "$XEN/xen-$XENVER.tmp" "$XEN/xen-$XENVER"
	stamp "$root" "$pkghash"
fi

# find_lib SONAME: the library's path inside $root.
find_lib() {
	local d
	for d in lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu; do
		[ -e "$root/$d/$1" ] || [ -L "$root/$d/$1" ] && { echo "$d/$1"; return; }
	done
	return 1
}
# real PATH: PATH (relative to $root) with its symbolic links resolved
# inside $root: libc6 links /lib64/ld-linux-x86-64.so.2 to an absolute
# path, which must not lead to the host's copy.
real() {
	local p=$1 t n=0
	while [ -L "$root/$p" ]; do
		t=$(readlink "$root/$p")
		case $t in /*) p=${t#/} ;; *) p=$(dirname "$p")/$t ;; esac
		n=$((n + 1))
		[ $n -lt 20 ] || die "xen: symbolic link loop at $1"
	done
	echo "$p"
}
# stage DIR PATH...: copy PATHs (relative to $root) into DIR, each with
# the libraries it needs, transitively, and the dynamic loader. A library
# no package provides is an error naming the program.
stage() {
	local dir=$1 todo f lib path
	shift
	todo="$* lib64/ld-linux-x86-64.so.2"
	while [ -n "$todo" ]; do
		set -- $todo
		todo=
		for f; do
			[ -e "$dir/$f" ] && continue
			path=$(real "$f")
			[ -f "$root/$path" ] || die "xen: $f is not in any of the packages"
			mkdir -p "$dir/$(dirname "$f")"
			cp "$root/$path" "$dir/$f"
			for lib in $(readelf -d "$dir/$f" 2>/dev/null |
					sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
				path=$(find_lib "$lib") ||
					die "xen: $f needs $lib, which none of the packages has (add its package to PKGS)"
				todo="$todo $path"
			done
		done
	done
}
# archive DIR OUT [EXTRA-LIST]: DIR (and extra gen_init_cpio lines) as a
# gzip'ed cpio.
archive() {
	{ cpio_list "$1"; [ -z "${3:-}" ] || cat "$3"; } > "$2.list"
	"$gen" -t $STAMP "$2.list" | gzip -n -9 > "$2.tmp" && mv "$2.tmp" "$2" ||
		die "xen: cannot write $2"
}

# 3. dom0's base: the parts that change only with the packages.
basehash=$(echo "$pkghash $(hash_of "$BUSYBOX" "$0")" | sha256sum | cut -c1-16)
if ! fresh "$XEN/dom0-base.cpio.gz" "$basehash"; then
	log "xen: building dom0-base.cpio.gz"
	dir=$XEN/dom0-root
	rm -rf "$dir" && mkdir -p "$dir"
	stage "$dir" $DOM0_PROGS $DOM0_EXTRA
	mkdir -p "$dir/etc" && cp -a "$root/etc/xen" "$dir/etc/"
	for d in bin sbin dev proc sys tmp run root var/log var/lib usr/sbin boot tests; do
		mkdir -p "$dir/$d"
	done
	cp "$BUSYBOX" "$dir/bin/busybox"
	echo "nod /dev/console 600 0 0 c 5 1" > "$XEN/dom0-base.extra"
	archive "$dir" "$XEN/dom0-base.cpio.gz" "$XEN/dom0-base.extra"
	stamp "$XEN/dom0-base.cpio.gz" "$basehash"
	log "xen: dom0-base.cpio.gz $(du -k "$XEN/dom0-base.cpio.gz" | cut -f1) KiB" \
		"($(du -sk "$dir" | cut -f1) KiB unpacked)"
fi

# 4. The domU: the KVM guests' initramfs (same /init, tests and
# programs) followed by the xenstore tools the xen-* tests use.
# ci/build/initramfs.sh stamps directories with the current time: run it only
# when what goes in changes, so the archives below stay the same.
guest_scripts
guesthash=$(hash_of "$BUSYBOX" "$TOP/ci/build/initramfs.sh" "$TOP/ci/build/image-lib.sh" "$TOP/ci/test/guest/init" \
	"${GUEST_SCRIPTS[@]}" $(ls "$TOP"/ci/test/guest/*.c 2>/dev/null))
if ! fresh "$XEN/guest.cpio.gz" "$guesthash"; then
	GUEST_ARCH=x86_64 "$TOP/ci/build/initramfs.sh" "$XEN/guest.cpio.gz"
	stamp "$XEN/guest.cpio.gz" "$guesthash"
fi
if ! fresh "$XEN/domU-xen.cpio.gz" "$basehash"; then
	dir=$XEN/domU-root
	rm -rf "$dir" && mkdir -p "$dir"
	stage "$dir" $DOMU_PROGS
	archive "$dir" "$XEN/domU-xen.cpio.gz"
	stamp "$XEN/domU-xen.cpio.gz" "$basehash"
fi
cat "$XEN/guest.cpio.gz" "$XEN/domU-xen.cpio.gz" > "$XEN/domU.cpio.gz.tmp"
cmp -s "$XEN/domU.cpio.gz.tmp" "$XEN/domU.cpio.gz" 2>/dev/null &&
	rm "$XEN/domU.cpio.gz.tmp" || mv "$XEN/domU.cpio.gz.tmp" "$XEN/domU.cpio.gz"

[ $# -ge 2 ] || exit 0

# 5. dom0's initrd for KERNEL: the fast-changing part (init, tests,
# programs, the domU) first, uncompressed, then the base.
kernel=$1 out=$2 modroot=${3:-}
[ -f "$kernel" ] || die "$kernel does not exist: build it first"
[ -z "$modroot" ] || [ -d "$modroot/lib/modules" ] ||
	die "$modroot has no lib/modules: run the kernel's modules_install into it"
image_programs x86_64
progs=("${GUEST_PROGS[@]}")
mods=()
[ -z "$modroot" ] || mapfile -t mods < <(find "$modroot/lib/modules" -type f | LC_ALL=C sort)
inputs=("$kernel" "$XEN/domU.cpio.gz" "$XEN/dom0-base.cpio.gz"
	"$TOP/ci/test/guest/xen/dom0-init" "${GUEST_SCRIPTS[@]}" "${progs[@]}" "${mods[@]}")
outhash=$(hash_of "${inputs[@]}")
if ! fresh "$out" "$outhash"; then
	{
		for d in /boot /boot/domU /tests /bin; do echo "dir $d 755 0 0"; done
		echo "file /init $TOP/ci/test/guest/xen/dom0-init 755 0 0"
		echo "file /boot/domU/vmlinuz $kernel 644 0 0"
		echo "file /boot/domU/initrd.cpio.gz $XEN/domU.cpio.gz 644 0 0"
		for t in "${GUEST_SCRIPTS[@]}"; do
			echo "file /tests/${t##*/} $t 644 0 0"
		done
		for exe in "${progs[@]}"; do
			echo "file /bin/${exe##*/} $exe 755 0 0"
		done
		[ -z "$modroot" ] || cpio_list "$modroot"
	} > "$XEN/payload.list"
	mkdir -p "$(dirname "$out")"
	{ "$gen" -t $STAMP "$XEN/payload.list" && cat "$XEN/dom0-base.cpio.gz"; } > "$out.tmp" &&
		mv "$out.tmp" "$out" || die "xen: cannot write $out"
	stamp "$out" "$outhash"
fi
log "xen: ${out#$TOP/} ($(du -k "$out" | cut -f1) KiB) for ${kernel#$TOP/}"
