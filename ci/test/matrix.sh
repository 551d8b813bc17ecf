#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: [MATRIX="arm64-64k ..."] [MATRIX_DISTRO="arm64 ..."] ci/test/matrix.sh
# `make matrix`: every foreign guest variant of ci/build/kernel.sh built
# and booted under QEMU TCG, one row a variant in docs/results/matrix.md:
# built, booted, tests passed, build and boot time. A variant runs its
# KUnit suite (ci/test/kunit.sh VARIANT) and, where the machine has a
# balloon, the balloon tests (ci/test/boot-foreign.sh VARIANT). A variant
# that does not build or boot is a row that says why, and the target
# fails after writing the table. Then Debian's own arm64, ppc64el and
# s390x configs build the touched objects (ci/build/distro-objs.sh), a
# second table. Build times are what this run took:
# with a warm ccache they are far below a cold build.
. "$(dirname "$0")/../lib.sh"
variants=${MATRIX:-arm64-64k arm64-4k ppc64le-64k s390x i386}
out=$TOP/docs/results/matrix.md
mkdir -p "$BUILD/results" "$BUILD/logs" "$(dirname "$out")"
rows=() failed=0

# count FILE...: "passed/total" over the suites' TSV files.
count() {
	local p n
	p=$(cat "$@" 2>/dev/null | grep -c '^PASS' || true)
	n=$(cat "$@" 2>/dev/null | grep -c . || true)
	echo "$p/$n"
}

for v in $variants; do
	arch=${v%%-*}
	case $v in *-64k) page=64K ;; *) page=4K ;; esac
	case $v in
	i386) what="KUnit" ;;
	*) what="KUnit + balloon tests" ;;
	esac
	log "matrix: $v"
	t0=$(date +%s)
	built=yes boot=- tests=- bsecs=-
	if ! nice -n 10 "$TOP/ci/build/kernel.sh" "$v" > "$BUILD/logs/matrix-$v-build.log" 2>&1; then
		built="no: $(grep -m1 -E 'ERROR|error:' "$BUILD/logs/matrix-$v-build.log" | cut -c1-120)"
	fi
	build_s=$(( $(date +%s) - t0 ))
	if [ "$built" = yes ]; then
		t1=$(date +%s)
		tsvs=("$BUILD/results/kunit-$v.tsv")
		"$TOP/ci/test/kunit.sh" "$v" > "$BUILD/logs/matrix-$v-kunit.out" 2>&1 || true
		if [ "$arch" != i386 ]; then
			tsvs+=("$BUILD/results/boot-$v.tsv")
			"$TOP/ci/test/boot-foreign.sh" "$v" > "$BUILD/logs/matrix-$v-boot.out" 2>&1 || true
		fi
		bsecs=$(( $(date +%s) - t1 ))
		# Booted: the KUnit boot reached userspace and MMP-DONE.
		boot=$(awk -F'\t' -v n="kunit-$v.boot" '$2 == n { print $1 == "PASS" ? "yes" : "no: " $3 }' \
			"$BUILD/results/kunit-$v.tsv" 2>/dev/null | cut -c1-160)
		[ -n "$boot" ] || boot="no: $(tail -n 1 "$BUILD/logs/matrix-$v-kunit.out" | cut -c1-120)"
		tests=$(count "${tsvs[@]}")
		grep -h '^FAIL' "${tsvs[@]}" 2>/dev/null | cut -f2,3 | sed "s/^/    $v FAIL /" >&2 || true
	fi
	case "$built $boot $tests" in
	"yes yes "*) [ "${tests%/*}" = "${tests#*/}" ] || failed=1 ;;
	*) failed=1 ;;
	esac
	rows+=("| $arch | $page | $v: $what | $built | ${build_s} s | $boot | $tests | ${bsecs} s |")
	log "matrix: $v built=$built booted=$boot tests=$tests build ${build_s} s boot ${bsecs} s"
done

# Debian's own configs of the other architectures, the touched objects
# only (ci/build/distro-objs.sh; amd64's is in make check).
drows=()
for d in ${MATRIX_DISTRO-arm64 ppc64el s390x}; do
	log "matrix: distro-objs $d"
	t0=$(date +%s)
	"$TOP/ci/build/distro-objs.sh" "$d" > "$BUILD/logs/matrix-distro-$d.out" 2>&1 || true
	secs=$(( $(date +%s) - t0 ))
	tsv=$BUILD/results/distro-$d.tsv
	cfg=$(sed -n 's/.*Debian [a-z0-9]* config (\(.*\)): .*/\1/p' "$BUILD/logs/matrix-distro-$d.out" |
		sed 's|.*/\(linux-config-[^/]*/[^/]*\)$|\1|')
	built=$(awk -F'\t' '$1 == "PASS" && $3 !~ /^not in/ { sub(/^distro-[a-z0-9]*\./, "", $2); printf "%s%s", s, $2; s = ", " }' "$tsv" 2>/dev/null)
	tests=$(count "$tsv")
	[ -n "$cfg" ] && [ "${tests%/*}" = "${tests#*/}" ] && [ "${tests#*/}" != 0 ] || failed=1
	grep -h '^FAIL' "$tsv" 2>/dev/null | cut -f2,3 | sed "s/^/    /" >&2 || true
	drows+=("| $d | ${cfg:-none: see build/logs/matrix-distro-$d.out} | ${built:-nothing} | $tests | ${secs} s |")
done

{
	echo "# Foreign architectures: build and boot matrix"
	echo
	echo "Written by \`make matrix\` (ci/test/matrix.sh) on $(date -u +%Y-%m-%d), tree"
	echo "$(tree_git log -1 --format='%h (%s)'), repository $(git -C "$TOP" rev-parse --short HEAD)."
	echo "Lean configs (configs/common.config + the architecture's fragment +"
	echo "virtio.config + kunit.config, merged onto allnoconfig; ci/build/kernel.sh),"
	echo "cross-compiled with Debian's gcc, booted under QEMU $(qemu-system-x86_64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p') TCG"
	echo "on $(nproc) cores. Tests: the KUnit suite (ci/test/kunit.sh VARIANT) and the"
	echo "balloon tests of boot-kvm (ci/test/boot-foreign.sh VARIANT); passed/total"
	echo "counts every row of both. Build time: this run's ci/build/kernel.sh (ccache"
	echo "warm or cold as it was); boot time: all boots of the variant."
	echo
	echo "| architecture | page size | config | built | build time | booted | tests passed | boot time |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
	printf '%s\n' "${rows[@]}"
	echo
	echo "## Debian's own configs, the touched objects"
	echo
	echo "ci/build/distro-objs.sh ARCH: Debian's config for ARCH from its own"
	echo "linux-config package (downloaded through a private apt configuration,"
	echo "never installed), olddefconfig, then only the objects the series"
	echo "touches; every helper symbol a module uses must be exported, and any"
	echo "warning in a touched file fails. amd64 runs in make check. Where the"
	echo "archive has no linux-config-6.12 for ARCH, Debian's bookworm kernel's"
	echo "config (linux-config-6.1) is used, as the config column says."
	echo
	echo "| Debian architecture | config | built (CONFIG_) | rows passed | time |"
	echo "| --- | --- | --- | --- | --- |"
	printf '%s\n' "${drows[@]}"
} > "$out"
log "wrote ${out#"$TOP"/}"
cat "$out"
[ "$failed" = 0 ] || die "matrix: a variant did not build, boot or pass (rows above; logs in build/logs/matrix-*)"
