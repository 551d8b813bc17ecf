#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Regenerate docs/cocci/upstream-report.txt from the pristine base (the
# `upstream` ref of build/linux), without touching build/linux's HEAD,
# index or work tree: the three rules in report mode, one spatch a file,
# over every upstream file that mentions count_objects,
# register_oom_notifier, reclaim_memory or buffer_squeeze_end.
# Not part of make check (about a minute on 2 cores). Usage:
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
git -C "$TREE" archive upstream "${files[@]}" | tar -x -C "$tmp"
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
