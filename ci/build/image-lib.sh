# SPDX-License-Identifier: GPL-2.0
# Sourced by the guest image builders (ci/build/initramfs.sh,
# ci/build/xen-inputs.sh) after ci/lib.sh: what every guest image of an
# architecture (arch_vars in ci/lib.sh) is made of, each in one place.
#   image_busybox ARCH   BUSYBOX: a static busybox for ARCH. x86_64: the
#                        host's /bin/busybox (busybox-static, `make
#                        deps`); any other: busybox-static:<debian arch>
#                        from Debian's archive through a private apt
#                        configuration under build/apt-foreign/ (the
#                        host's dpkg architectures and apt sources are
#                        left alone)
#   image_gen_init_cpio  GEN_INIT_CPIO: the tree's usr/gen_init_cpio,
#                        built once for every image
#   cpio_list DIR        gen_init_cpio lines for everything under DIR
#   image_programs ARCH  GUEST_PROGS=( the guest programs,
#                        ci/test/guest/*.c, built static with ARCH's gcc )
#                        in build/guest-bin/ARCH/

# elf_machine FILE: readelf's "Machine:" of FILE; elf_static FILE: true
# when FILE asks for no program interpreter.
elf_machine() { readelf -h "$1" 2>/dev/null | sed -n 's/^ *Machine: *//p'; }
elf_static() { ! readelf -l "$1" 2>/dev/null | grep -q 'INTERP'; }
# The machine readelf names for each architecture's executables.
arch_elf_machine() {
	case $1 in
	x86_64) echo "Advanced Micro Devices X86-64" ;;
	arm64) echo "AArch64" ;;
	ppc64le) echo "PowerPC64" ;;
	s390x) echo "IBM S/390" ;;
	i386) echo "Intel 80386" ;;
	esac
}

image_busybox() {
	local arch=$1 dir deb want got
	if [ "$arch" = x86_64 ]; then
		BUSYBOX=/bin/busybox
		# Not grep -q: busybox writes its list one name a write(), and a grep
		# that stops at "sh" can leave it to die of SIGPIPE, which pipefail
		# turns into a failed check (17 of 2000 runs on a busy machine).
		[ -x "$BUSYBOX" ] && "$BUSYBOX" --list | grep -x sh > /dev/null ||
			die "$BUSYBOX is missing or not busybox-static: run 'make deps'"
		file -L "$BUSYBOX" 2>/dev/null | grep -q 'dynamically linked' &&
			die "$BUSYBOX is dynamically linked: install busybox-static"
		return 0
	fi
	arch_vars "$arch"
	dir=$BUILD/apt-foreign/$DEBARCH
	BUSYBOX=$dir/root/bin/busybox
	if [ ! -x "$BUSYBOX" ]; then
		foreign_apt_fetch "$DEBARCH" busybox-static
		deb=$(ls "$dir"/debs/busybox-static_*.deb 2>/dev/null | head -n 1)
		rm -rf "$dir/root"
		dpkg -x "$deb" "$dir/root" || die "$arch: dpkg -x ${deb##*/} failed"
	fi
	# A foreign busybox cannot run here: check what it is instead.
	want=$(arch_elf_machine "$arch") got=$(elf_machine "$BUSYBOX")
	[ "$got" = "$want" ] ||
		die "$arch: $BUSYBOX is an ELF for '${got:-nothing}', not '$want' (remove $dir to fetch it again)"
	elf_static "$BUSYBOX" ||
		die "$arch: $BUSYBOX is dynamically linked (busybox-static:$DEBARCH expected)"
}

# foreign_apt_fetch DEBARCH PACKAGE[=VERSION]...: download PACKAGEs of Debian
# architecture DEBARCH into build/apt-foreign/DEBARCH/debs/ with apt-get
# under a configuration of its own: the host's sources (copied), lists,
# cache and an empty dpkg status under that directory, DEBARCH as the
# only architecture. Downloaded once; remove the directory to refresh.
foreign_apt_fetch() {
	local debarch=$1 dir=$BUILD/apt-foreign/$1 f opts p want
	shift
	mkdir -p "$dir"/etc/sources.list.d "$dir"/etc/apt.conf.d "$dir"/etc/preferences.d \
		"$dir"/state/lists/partial "$dir"/cache/archives/partial "$dir"/debs
	: > "$dir/state/status"
	[ ! -f /etc/apt/sources.list ] || cp /etc/apt/sources.list "$dir/etc/sources.list"
	for f in /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
		if [ -f "$f" ]; then cp "$f" "$dir/etc/sources.list.d/"; fi
	done
	[ -f "$dir/etc/sources.list" ] || ls "$dir"/etc/sources.list.d/* > /dev/null 2>&1 ||
		die "no apt sources in /etc/apt/sources.list{,.d/}: cannot fetch $* for $debarch"
	# The host's keys (sources without Signed-By rely on them).
	opts=(-o Dir::Etc="$dir/etc" -o Dir::Etc::TrustedParts=/etc/apt/trusted.gpg.d
		-o Dir::Etc::Trusted=/etc/apt/trusted.gpg
		-o Dir::State="$dir/state" -o Dir::State::status="$dir/state/status"
		-o Dir::Cache="$dir/cache" -o APT::Architecture="$debarch"
		-o APT::Architectures="$debarch" -o Acquire::Languages=none
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root)
	log "$debarch: apt-get update (private configuration in ${dir#"$TOP"/})"
	apt-get "${opts[@]}" update -qq > "$dir/update.log" 2>&1 ||
		{ tail -5 "$dir/update.log" >&2; die "$debarch: apt-get update of the private configuration failed: cannot reach the Debian package archive? (log: ${dir#"$TOP"/}/update.log)"; }
	for p; do
		# PACKAGE or PACKAGE=VERSION
		want=${p%%=*}:$debarch${p#"${p%%=*}"}
		p=${p%%=*}
		rm -f "$dir/debs/${p}_"*.deb
		log "$debarch: apt-get download $want"
		(cd "$dir/debs" && apt-get "${opts[@]}" download -q "$want") > "$dir/download.log" 2>&1 ||
			{ tail -5 "$dir/download.log" >&2; die "$debarch: apt-get download $want failed"; }
		ls "$dir/debs/${p}_"*.deb > /dev/null 2>&1 ||
			die "$debarch: no ${p}_*.deb after apt-get download"
	done
}

image_gen_init_cpio() {
	GEN_INIT_CPIO=$BUILD/image/gen_init_cpio
	[ -f "$TREE/usr/gen_init_cpio.c" ] || die "no tree at build/linux: run 'make tree' first"
	mkdir -p "$BUILD/image"
	[ "$GEN_INIT_CPIO" -nt "$TREE/usr/gen_init_cpio.c" ] ||
		gcc -O2 -o "$GEN_INIT_CPIO" "$TREE/usr/gen_init_cpio.c" ||
		die "cannot build gen_init_cpio"
}

image_programs() {
	local arch=$1 dir=$BUILD/guest-bin/$1 c exe
	arch_need "$arch"
	mkdir -p "$dir"
	GUEST_PROGS=()
	for c in "$TOP"/ci/test/guest/*.c; do
		[ -f "$c" ] || continue
		exe=$dir/$(basename "$c" .c)
		[ "$exe" -nt "$c" ] || "${CROSS}gcc" -static -O2 -Wall -Werror -o "$exe" "$c" ||
			die "cannot build guest program $c with ${CROSS}gcc"
		GUEST_PROGS+=("$exe")
	done
}

# cpio_list DIR: gen_init_cpio lines for everything under DIR, sorted,
# at the same paths in the archive.
cpio_list() {
	(cd "$1" && find . -mindepth 1 -printf '%y %P %m %l\n' | LC_ALL=C sort -k2,2) |
	while read -r type path mode target; do
		case $type in
		d) echo "dir /$path $mode 0 0" ;;
		f) echo "file /$path $1/$path $mode 0 0" ;;
		l) echo "slink /$path $target $mode 0 0" ;;
		esac
	done
}
