#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Regenerate docs/cocci/ from the pristine base (the `upstream` ref of
# build/linux), without touching build/linux's HEAD, index or work tree:
#  - upstream-report.txt: the three rules in report mode, one spatch a file,
#    over every upstream file that mentions count_objects,
#    register_oom_notifier, reclaim_memory or buffer_squeeze_end;
#  - mm_pressure_squeeze-xen.diff: mm_pressure_squeeze.cocci in patch mode on
#    xen-blkback's xenbus.c, blkback.c and common.h given as one unit (the
#    6.12 form spans them), after checking that the same rule one file at a
#    time (--dir, the way make coccicheck runs it) changes nothing in
#    drivers/xen/xenbus or drivers/block/xen-blkback.
# Not part of make check (1 to 1.5 minutes on 2 cores). Usage:
#   coccinelle/report-upstream.sh
. "$(dirname "$0")/../ci/lib.sh"

command -v spatch > /dev/null || die "spatch not found: apt-get install coccinelle"
git -C "$TREE" rev-parse -q --verify upstream > /dev/null || die "no upstream ref in $TREE: run 'make tree'"
SPFLAGS=(--very-quiet --no-includes --include-headers)
out=$TOP/docs/cocci
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mapfile -t files < <(git -C "$TREE" grep -l -E \
	'count_objects|register_oom_notifier|reclaim_memory|buffer_squeeze_end' \
	upstream -- '*.c' '*.h' | sed 's/^upstream://')
git -C "$TREE" archive upstream "${files[@]}" drivers/xen/xenbus \
	drivers/block/xen-blkback | tar -x -C "$tmp"
log "${#files[@]} upstream files"

cd "$tmp" || exit 1
: > "$out/upstream-report.txt.new"
for rule in mm_pressure_oom mm_pressure_squeeze mm_pressure_consistency; do
	for f in "${files[@]}"; do
		spatch "${SPFLAGS[@]}" --sp-file "$TOP/coccinelle/$rule.cocci" \
			-D report "$f" 2> /dev/null | sed "s|^|$rule: |"
	done | sort -t: -k2,2 -k3,3n >> "$out/upstream-report.txt.new"
done
mv "$out/upstream-report.txt.new" "$out/upstream-report.txt"
log "wrote docs/cocci/upstream-report.txt ($(wc -l < "$out/upstream-report.txt") reports)"

# One file at a time the Xen form must stay untouched.
for d in drivers/xen/xenbus drivers/block/xen-blkback; do
	spatch "${SPFLAGS[@]}" --sp-file "$TOP/coccinelle/mm_pressure_squeeze.cocci" \
		-D patch --dir "$d" > "$tmp/dir.diff" 2> /dev/null
	[ ! -s "$tmp/dir.diff" ] || die "patch mode one file at a time changed $d"
done
log "patch mode one file at a time: no change in drivers/xen/xenbus, drivers/block/xen-blkback"

b=drivers/block/xen-blkback
spatch "${SPFLAGS[@]}" --sp-file "$TOP/coccinelle/mm_pressure_squeeze.cocci" \
	-D patch --patch . "$b/xenbus.c" "$b/blkback.c" "$b/common.h" \
	> "$out/mm_pressure_squeeze-xen.diff"
log "wrote docs/cocci/mm_pressure_squeeze-xen.diff ($(grep -c '^[-+][^-+]' "$out/mm_pressure_squeeze-xen.diff") changed lines)"
