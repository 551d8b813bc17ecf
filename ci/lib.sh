# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the scripts in ci/*/ and coccinelle/. Source it by
# its path from the script (ci/*/: . "$(dirname "$0")/../lib.sh"); it
# sets strict mode.
set -Eeuo pipefail
# Every early exit says why: a command that fails under `set -e` names
# itself, its script and line before the script dies (set -E carries the
# trap into functions and command substitutions). die() is for the exits
# a script expects, with a message of its own.
# A suite whose FAIL rows said why sets SUITE_FAILED (suite_end).
err_report() {
	[ -n "${SUITE_FAILED:-}" ] || printf 'ERROR: %s:%s: "%s" failed (exit %s)\n' "$@" >&2
}
trap 'err_report "${BASH_SOURCE[0]#"$TOP"/}" "$LINENO" "$BASH_COMMAND" "$?"' ERR
# Debian's tools first: the Python modules we install (python3-ply for
# checkpatch's spdxcheck.py) belong to Debian's python3, not to another
# interpreter that may come earlier in PATH.
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$TOP/build}
TREE=${TREE:-$BUILD/linux}
# qemu-run.py reads the KTAP parser from the tree.
export TREE

# xen-blkback's arguments for the Xen boots under dom0 pressure (boot-xen's
# squeeze and load boots, make soak): persistent grants off, a 64-page
# pool cap and one ring, so every request maps through the one free page
# pool and "full" is a known number (ci/test/boot-xen.sh says more).
XEN_POOL_ARGS="xen_blkback.max_buffer_pages=64 xen_blkback.feature_persistent=0 xen_blkback.max_queues=1"
# The CMM guests' kernel arguments (cmm-oom.sh; boot-foreign.sh and
# cmm-parity.sh): pseries' CMM only runs in simulate mode here (no
# PowerVM), allowed to loan all but 64 MiB (min_mem_mb, default 256) so
# that it can fill a 512 MiB guest; s390's needs none.
CMM_ARGS_ppc64le="cmm.simulate=1 cmm.min_mem_mb=64"
CMM_ARGS_s390x=

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf '\n*** WARNING: %s\n\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Read linux/UPSTREAM (KEY=value lines) into UPSTREAM_* variables.
# arch_vars ARCH: the guest architecture ARCH (x86_64, arm64, ppc64le,
# s390x, i386; the names Debian's cross compilers and QEMU use) as
#   KARCH     the kernel's ARCH=
#   CROSS     CROSS_COMPILE= (empty for the host's gcc)
#   DEBARCH   Debian's architecture, for busybox-static:$DEBARCH
#   KTARGET   the make target of the boot image, KIMAGE its path in the
#             object directory
#   QEMU      the QEMU binary that boots it
#   ARCH_PKGS the Debian packages of the cross compiler, its libc (the
#             guest programs are static) and QEMU
# Dies on an unknown ARCH.
arch_vars() {
	case $1 in
	# ARCH=x86 is what the kernel's make picks on an x86_64 host.
	x86_64) KARCH=x86 CROSS= DEBARCH=amd64 KTARGET=bzImage
		KIMAGE=arch/x86/boot/bzImage QEMU=qemu-system-x86_64
		ARCH_PKGS="build-essential qemu-system-x86" ;;
	arm64) KARCH=arm64 CROSS=aarch64-linux-gnu- DEBARCH=arm64 KTARGET=Image
		KIMAGE=arch/arm64/boot/Image QEMU=qemu-system-aarch64
		ARCH_PKGS="gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-system-arm" ;;
	# pseries boots the ELF vmlinux itself (SLOF loads it); no zImage wrapper.
	ppc64le) KARCH=powerpc CROSS=powerpc64le-linux-gnu- DEBARCH=ppc64el KTARGET=vmlinux
		KIMAGE=vmlinux QEMU=qemu-system-ppc64
		ARCH_PKGS="gcc-powerpc64le-linux-gnu libc6-dev-ppc64el-cross qemu-system-ppc" ;;
	s390x) KARCH=s390 CROSS=s390x-linux-gnu- DEBARCH=s390x KTARGET=bzImage
		KIMAGE=arch/s390/boot/bzImage QEMU=qemu-system-s390x
		ARCH_PKGS="gcc-s390x-linux-gnu libc6-dev-s390x-cross qemu-system-misc" ;;
	i386) KARCH=i386 CROSS=i686-linux-gnu- DEBARCH=i386 KTARGET=bzImage
		KIMAGE=arch/x86/boot/bzImage QEMU=qemu-system-i386
		ARCH_PKGS="gcc-i686-linux-gnu libc6-dev-i386-cross qemu-system-x86" ;;
	*) die "unknown architecture '$1' (x86_64, arm64, ppc64le, s390x or i386)" ;;
	esac
}
ALL_ARCHES="x86_64 arm64 ppc64le s390x i386"
# arch_need ARCH [build|boot]: dies, with the apt-get command that fixes
# it, when ARCH's cross compiler (or, for boot, its QEMU) is missing.
# `make deps` installs only the host's tools; ARCHES="arm64 ..." make deps
# (what `make check` and `make matrix` run) adds the cross ones.
arch_need() {
	local what=${2:-build} missing=
	arch_vars "$1"
	command -v "${CROSS}gcc" > /dev/null || missing=1
	[ -z "$CROSS" ] || [ -f "/usr/${CROSS%-}/include/stdio.h" ] || missing=1
	[ "$what" != boot ] || command -v "$QEMU" > /dev/null || missing=1
	[ -z "$missing" ] ||
		die "$1: ${CROSS}gcc, its libc or $QEMU is missing: run 'ARCHES=$1 make deps' (or: apt-get install -y --no-install-recommends $ARCH_PKGS)"
}

# kernel_build SRC OBJ NAME TIMESTAMP [ARCH [TARGET...]]: `make bzImage`
# of the tree SRC (for ARCH other than x86_64, the default: its own image,
# see arch_vars, with ARCH= and CROSS_COMPILE=), and the TARGETs after it
# (modules), configured in OBJ, with ccache when it
# is installed (CCACHE_BASEDIR=build/
# so that different trees and object directories share objects) and a
# fixed build user, host and time; the log is OBJ/build.log. Dies with
# the errors when the build fails.
kernel_build() {
	local src=$1 obj=$2 name=$3 when=$4 cc cross=()
	arch_vars "${5:-x86_64}"
	shift 4
	[ $# -eq 0 ] || shift
	# Always on the command line: an ARCH in the environment (the image
	# builders read one) must not reach the kernel's make.
	cross=(ARCH="$KARCH" CROSS_COMPILE="$CROSS")
	cc=${CROSS}gcc
	if command -v ccache >/dev/null; then
		cc="ccache $cc"
		export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=1
	fi
	log "building the $name kernel (make -j$(nproc) $KTARGET ${cross[*]}, CC=\"$cc\"); log: ${obj#"$TOP"/}/build.log"
	if ! make -C "$src" O="$obj" -j"$(nproc)" "${cross[@]}" CC="$cc" KBUILD_BUILD_USER=mm-pressure \
			KBUILD_BUILD_HOST=ci KBUILD_BUILD_TIMESTAMP="$when" \
			"$KTARGET" "$@" > "$obj/build.log" 2>&1; then
		grep -E 'error|Error' "$obj/build.log" | head -20 >&2
		tail -15 "$obj/build.log" >&2
		die "the $name kernel did not build (full log: ${obj#"$TOP"/}/build.log)"
	fi
}

# Prints the installed version of package $1, or nothing. dpkg-query
# fails for a package that was never installed: that is an answer, not
# an error, so the pipeline must not fail under pipefail.
installed_version() {
	{ dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' "$1" 2>/dev/null || true; } |
		awk '$1 == "ii" { print $2 }'
}

# The host's Debian 12 archive entries as one-line sources, as apt itself
# reads the host's sources (either format, Enabled: no honoured).
# Third-party repositories are left out: a fresh Debian 12 has none.
host_debian_sources() {
	# shellcheck disable=SC2016 # $(FIELD) is apt's format, not the shell's
	apt-get indextargets --no-release-info \
		--format '$(REPO_URI) $(RELEASE) $(COMPONENT) $(TARGET_OF)' 'Identifier: Packages' |
		awk '$4 == "deb" && $2 ~ /^bookworm(-|$)/ { print $1, $2, $3 }' | sort -u |
		awk '{ k = $1 " " $2; c[k] = c[k] " " $3 } END { for (k in c) print "deb " k c[k] }' |
		sort
}

load_upstream() {
	local key val
	while IFS='=' read -r key val; do
		case $key in ''|\#*) continue ;; esac
		printf -v "UPSTREAM_$key" '%s' "$val"
	done < "$TOP/linux/UPSTREAM"
}

# Deterministic identity and dates for the generated tree, so the base
# commit (and every base-commit: line in a series) is the same on every
# machine.
export GIT_CONFIG_NOSYSTEM=1
tree_git() {
	git -C "$TREE" -c user.name="mm-pressure tree" \
		-c user.email="tree@mm-pressure.invalid" \
		-c core.autocrlf=false -c gc.auto=0 "$@"
}

# Files the series adds: every file under mm-pressure-core/ but its README.
core_files() {
	git -C "$TOP" ls-files --cached --others --exclude-standard -- mm-pressure-core |
		sed 's|^mm-pressure-core/||' | grep -vx README.md | sort || true
}

# The series as "patch file1 file2 ..." lines: linux/series (quilt's
# format, one patch a line, in order) joined with linux/new-files (a
# patch, then the files it adds, which live in mm-pressure-core/).
series_lines() {
	awk 'NR == FNR { sub(/#.*/, ""); if (NF > 1) { p = $1; $1 = ""; add[p] = $0 }; next }
	     { sub(/#.*/, "") } NF { print $1 add[$1] }' \
		"$TOP/linux/new-files" "$TOP/linux/series"
}

# A hash of everything the tree is assembled from.
tree_inputs() {
	{
		cat "$TOP/linux/UPSTREAM" "$TOP/linux/series" "$TOP/linux/new-files"
		series_lines | while read -r p files; do
			sha256sum "$TOP/linux/patches/$p" 2>/dev/null || echo "missing $p"
		done
		core_files | while read -r f; do
			(cd "$TOP/mm-pressure-core" && sha256sum "$f")
		done
	} | sha256sum | cut -d' ' -f1
}

# guest_scripts: GUEST_SCRIPTS=( every guest-side script ), what both
# image builders (ci/build/initramfs.sh, ci/build/xen-inputs.sh) pack into
# the guests' /tests/: the test suites' (ci/test/guest/tests/) and the
# benchmarks' (ci/bench/guest/). A guest names a script by its file name
# alone, so two of one name are an error.
guest_scripts() {
	local dup
	GUEST_SCRIPTS=("$TOP"/ci/test/guest/tests/*.sh "$TOP"/ci/bench/guest/*.sh)
	dup=$(printf '%s\n' "${GUEST_SCRIPTS[@]##*/}" | sort | uniq -d)
	[ -z "$dup" ] || die "guest scripts of the same name in ci/test/guest/tests/ and ci/bench/guest/: $dup"
}

# Suites write one row a check to $RESULTS: "PASS|FAIL<TAB>name<TAB>detail".
suite_begin() {
	RESULTS=$BUILD/results/$1.tsv
	LOGS=$BUILD/logs
	mkdir -p "$BUILD/results" "$LOGS"
	: > "$RESULTS"
}
result() {
	printf '%s\t%s\t%s\n' "$1" "$2" "${3:-}" >> "$RESULTS"
	printf '%s: %s  %s\n' "$1" "$2" "${3:-}"
}
# run_check NAME CMD...: PASS when CMD exits 0; its output goes to a log,
# whose tail is printed on failure.
run_check() {
	local name=$1 log=$LOGS/$1.log
	shift
	if "$@" > "$log" 2>&1; then
		result PASS "$name"
	else
		result FAIL "$name" "see ${log#$TOP/}"
		tail -25 "$log" | sed 's/^/    /'
	fi
}
# suite_end: the suite's status, non-zero when a row failed. Its FAIL rows
# have said why, so the ERR trap stays quiet about it.
suite_end() {
	grep -q '^FAIL' "$RESULTS" || return 0
	SUITE_FAILED=1
	return 1
}
