#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Coccinelle tests: for every coccinelle/tests/<script>/<case>.c, run
# coccinelle/<script>.cocci in patch mode and compare the patched file with
# <case>.res, and in report mode and compare the output with <case>.report
# (whichever of the two exists). One row per case; a diff on mismatch.
. "$(dirname "$0")/../ci/lib.sh"
suite_begin cocci

command -v spatch > /dev/null || die "spatch not found: apt-get install coccinelle"
SPFLAGS=(--very-quiet --no-includes --include-headers)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for dir in "$TOP"/coccinelle/tests/*/; do
	script=$(basename "$dir")
	sp=$TOP/coccinelle/$script.cocci
	for c in "$dir"*.c; do
		[ -f "$c" ] || continue
		case=$(basename "$c" .c)
		name=cocci.$script.$case
		fail=
		if [ -f "${c%.c}.res" ]; then
			mkdir -p "$tmp/$name"
			cp "$c" "$tmp/$name/$case.c"
			(cd "$tmp/$name" && spatch "${SPFLAGS[@]}" --sp-file "$sp" \
				-D patch --in-place "$case.c") > "$tmp/$name.log" 2>&1 ||
				fail="spatch failed (patch)"
			if ! diff -u "${c%.c}.res" "$tmp/$name/$case.c" > "$tmp/$name.diff"; then
				fail="${fail:-patch output differs from $case.res}"
			fi
		fi
		if [ -f "${c%.c}.report" ]; then
			(cd "$dir" && spatch "${SPFLAGS[@]}" --sp-file "$sp" \
				-D report "$case.c") > "$tmp/$name.out" 2> "$tmp/$name.log" ||
				fail="spatch failed (report)"
			if ! diff -u "${c%.c}.report" "$tmp/$name.out" >> "$tmp/$name.diff"; then
				fail="${fail:-report output differs from $case.report}"
			fi
		fi
		if [ -z "$fail" ] && [ ! -f "${c%.c}.res" ] && [ ! -f "${c%.c}.report" ]; then
			fail="no $case.res or $case.report"
		fi
		if [ -z "$fail" ]; then
			result PASS "$name"
		else
			result FAIL "$name" "$fail"
			cat "$tmp/$name.diff" "$tmp/$name.log" 2> /dev/null | head -60 | sed 's/^/    /'
		fi
	done
done
suite_end
