#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Static checks: the tree/refresh round trip, the RFC series and
# checkpatch --strict on every patch, kernel-doc on the new files, sparse
# (C=2) and W=1 on the new C files, built with the debug configuration,
# and the Coccinelle consistency checker over the touched directories.
. "$(dirname "$0")/../lib.sh"
suite_begin static

run_check static.roundtrip "$TOP/ci/build/roundtrip.sh"
run_check static.series "$TOP/ci/build/series.sh"
for p in "$BUILD"/series/0*.patch; do
	[ -f "$p" ] || continue
	case ${p##*/} in 0000-*) continue ;; esac
	# build/linux's only history is the tarball: checkpatch cannot look
	# up the upstream commits that Fixes: tags name, so it is not asked to.
	out=$(cd "$TREE" && scripts/checkpatch.pl --strict --no-summary --terse \
		--ignore UNKNOWN_COMMIT_ID "$p" 2>&1 || true)
	if [ -z "$out" ]; then
		result PASS "static.checkpatch.${p##*/}"
	else
		result FAIL "static.checkpatch.${p##*/}" "$(echo "$out" | wc -l) complaint(s)"
		echo "$out" | head -20 | sed 's/^/    /'
	fi
done

obj=$BUILD/obj-debug
for f in $(core_files); do
	case $f in *.c|*.h) ;; *) continue ;; esac
	out=$(cd "$TREE" && scripts/kernel-doc -none -Wall "$f" 2>&1)
	if [ -z "$out" ]; then result PASS "static.kernel-doc.$f"
	else result FAIL "static.kernel-doc.$f" "$out"; fi
done

# sparse (C=2) and W=1 on every C file the series adds or touches: any
# diagnostic is ours, but for those the pinned source gives itself in a
# file we touch, listed in ci/test/sparse-upstream.txt. A file
# the debug config does not build (its object has no .cmd from the kernel
# build: drivers/xen/unpopulated-alloc.c, which needs ZONE_DEVICE) is
# checked in Debian's amd64 config instead, which the distro-amd64 suite
# prepared before this one (`make distro-objs` by hand).
touched=$(sed -n 's|^+++ b/\(.*\.c\)$|\1|p' "$TOP"/linux/patches/*.patch 2>/dev/null | sort -u)
# upstream_known FILE: the diagnostics on stdin less those the pinned
# source gives in FILE itself; with --count, says how many it knows of.
upstream_known() {
	local known
	known=$(awk -F'\t' -v f="$1" '!/^#/ && $1 == f { print $2 }' "$TOP/ci/test/sparse-upstream.txt")
	if [ "${2:-}" = --count ]; then
		[ -z "$known" ] || echo ", $(echo "$known" | wc -l) of the pinned source's own not counted (ci/test/sparse-upstream.txt)"
	elif [ -z "$known" ]; then
		cat
	else
		grep -vxF -- "$known" || true
	fi
}
for f in $( (core_files | grep '\.c$'; echo "$touched") | grep -v '^$' | sort -u); do
	if [ ! -f "$obj/.config" ]; then
		result FAIL "static.sparse-w1.$f" "build/obj-debug is not configured: run 'make kernel-debug'"
		continue
	fi
	# Another architecture's file (the CMM drivers): neither x86_64 config
	# builds it. make matrix cross-builds it (lean guests and Debian's
	# configs); sparse and W=1 on it are the port's commit message's.
	case $f in
	arch/x86/*) ;;
	arch/*) log "static: $f belongs to another architecture, not built here (make matrix builds it)"; continue ;;
	esac
	o=${f%.c}.o dir=$obj
	if [ ! -f "$obj/$(dirname "$o")/.$(basename "$o").cmd" ]; then
		dir=$BUILD/obj-debian-amd64
		if [ ! -f "$dir/$(dirname "$o")/.$(basename "$o").cmd" ]; then
			result FAIL "static.sparse-w1.$f" "built by neither the debug config nor build/obj-debian-amd64 (run 'make distro-objs' first)"
			continue
		fi
	fi
	rm -f "$dir/$o"
	out=$(make -s -C "$TREE" O="$dir" C=2 W=1 "$o" 2>&1) || true
	# Compiler and sparse diagnostics name a file, line and column; the
	# first make in Debian's tree rebuilds genksyms, whose bison grammar
	# "warnings" name no line and are not ours.
	n=$(echo "$out" | grep -E ':[0-9]+:[0-9]+: (warning|error)' |
		sed -E 's/^[^:]*:[0-9]+:[0-9]+: //' | upstream_known "$f" | grep -c . || true)
	if [ -f "$dir/$o" ] && [ "$n" = 0 ]; then
		result PASS "static.sparse-w1.$f" "${dir#"$BUILD"/}$(upstream_known "$f" < /dev/null --count)"
	else
		result FAIL "static.sparse-w1.$f" "$n diagnostic(s)"
		echo "$out" | head -20 | sed 's/^/    /'
	fi
done

# The consistency checker in report mode, through the tree's own `make
# coccicheck`, over the directories the series touches; it fails only on
# sites not listed in coccinelle/known-unported.txt. Its row joins ours.
"$TOP/coccinelle/check-tree.sh" | grep -v '^==>' || true
cat "$BUILD/results/cocci-report.tsv" >> "$RESULTS"
rm -f "$BUILD/results/cocci-report.tsv"
suite_end
