#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: every suite this repository has, on the debug kernel.
# Prints a summary a suite and, last, "N passed, N failed".
. "$(dirname "$0")/../lib.sh"
start=$(date +%s)
rm -rf "$BUILD/results"
mkdir -p "$BUILD/results" "$BUILD/logs"

fatal() {
	echo "make check: $1" >&2
	echo "0 passed, 1 failed"
	exit 1
}
# arm64's cross compiler and QEMU: the 64K-page guest below.
ARCHES=arm64 "$TOP/ci/build/setup.sh" || fatal "installing the dependencies failed"
"$TOP/ci/build/tree.sh" || fatal "assembling build/linux failed"

# suite NAME CMD...: run one suite. A suite that exits non-zero without a
# FAIL row, or reports no row at all, stopped before its checks (a die()
# in its setup): that is a failure too, not "0 passed, 0 failed".
suite() {
	local name=$1 t0 rc=0 n tsv=$BUILD/results/$1.tsv
	shift
	t0=$(date +%s)
	printf '\n=== suite %s\n' "$name"
	"$@" || rc=$?
	if [ ! -s "$tsv" ] || { [ "$rc" != 0 ] && ! grep -q '^FAIL' "$tsv"; }; then
		n=$(grep -c . "$tsv" 2>/dev/null || true)
		RESULTS=$tsv result FAIL "$name.completed" \
			"exit $rc after ${n:-0} checks: the suite stopped early (its error is above)"
	fi
	printf '%s\n' "$(( $(date +%s) - t0 ))" > "$BUILD/results/$name.secs"
}
# Four images: debug (KASAN, lockdep, kmemleak, fault injection, KUnit)
# for the KVM guests; debug-xen, the same without KASAN, which does not
# boot as Xen PV dom0, and with the helper's users and its KUnit suite as
# modules, for the Xen boots and boot-modules; kcsan, the KVM guest with
# strict KCSAN (issue #15); and arm64-64k, the lean arm64 guest with 64K
# pages.
build_debug() {
	suite_begin build
	run_check build.kernel-debug "$TOP/ci/build/kernel.sh" debug
	run_check build.kernel-debug-xen "$TOP/ci/build/kernel.sh" debug-xen
	run_check build.kernel-kcsan "$TOP/ci/build/kernel.sh" kcsan
	run_check build.kernel-arm64-64k "$TOP/ci/build/kernel.sh" arm64-64k
	suite_end
}
suite build build_debug
# Every commit of the series builds alone (plain config, W=1): make bisect.
suite bisect "$TOP/ci/build/bisect.sh"
# Debian's own amd64 config, the touched objects and modules only (~1 min);
# before static, which checks there what the debug config does not build.
suite distro-amd64 "$TOP/ci/build/distro-objs.sh" amd64
suite static "$TOP/ci/test/static.sh"
suite debian-patches "$TOP/ci/build/debian-patches.sh"
suite cocci "$TOP/coccinelle/run-tests.sh"
# How qemu-run.py judges a console, before any boot relies on it.
suite runner python3 "$TOP/ci/test/runner-test.py" --results "$BUILD/results/runner.tsv"
suite kunit "$TOP/ci/test/kunit.sh"
suite boot-kvm env VARIANT=debug "$TOP/ci/test/boot-kvm.sh"
suite boot-modules "$TOP/ci/test/boot-modules.sh"
# The KUnit stress for 10 s and a short OOM storm under strict KCSAN;
# make kcsan and make soak run them longer.
suite kcsan env KCSAN_STRESS_MS=10000 KCSAN_STORM_S=10 "$TOP/ci/test/boot-kcsan.sh"
suite boot-xen env VARIANT=debug-xen "$TOP/ci/test/boot-xen.sh"
# One 64K-page guest (issue #12): arm64 under TCG, KUnit and the balloon
# tests; the other architectures are `make matrix`.
suite kunit-arm64-64k "$TOP/ci/test/kunit.sh" arm64-64k
suite boot-arm64-64k "$TOP/ci/test/boot-foreign.sh" arm64-64k

printf '\n=== summary (%d s)\n' "$(( $(date +%s) - start ))"
pass=0 fail=0
for f in "$BUILD"/results/*.tsv; do
	p=$(grep -c '^PASS' "$f" || true)
	n=$(grep -c '^FAIL' "$f" || true)
	s=$(basename "$f" .tsv)
	printf '%-10s %3d passed, %3d failed  (%s s)\n' "$s" "$p" "$n" "$(cat "$BUILD/results/$s.secs" 2>/dev/null || echo ?)"
	grep '^FAIL' "$f" | cut -f2,3 | sed 's/^/    FAIL /' || true
	pass=$((pass + p)) fail=$((fail + n))
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] || exit 1	# not a bare test: the ERR trap would print after the count
