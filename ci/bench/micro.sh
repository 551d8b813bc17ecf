#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Microbenchmark of mm_pressure's hot paths (bench-only, `make bench-micro`):
# a throwaway worktree of build/linux gets ci/bench/micro/mm_pressure_bench.c
# (never part of the series), and the tree's kunit.py builds and runs it
# under UML with the project's KUnit suite, so the times are native CPU
# time. Writes docs/results/micro.md.
. "$(dirname "$0")/../lib.sh"
[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"
wt=$BUILD/bench/micro-tree
out=$TOP/docs/results/micro.md
mkdir -p "$BUILD/bench" "$(dirname "$out")"
tree_git worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"
tree_git worktree prune
tree_git worktree add -q --detach "$wt" HEAD
cp "$TOP/ci/bench/micro/mm_pressure_bench.c" "$wt/mm/"
echo 'obj-$(CONFIG_MM_PRESSURE_KUNIT_TEST) += mm_pressure_bench.o' >> "$wt/mm/Makefile"

log "kunit.py run under UML (build dir build/bench/uml)"
(cd "$wt" && python3 tools/testing/kunit/kunit.py run --jobs="$(nproc)" \
	--kunitconfig="$TOP/ci/bench/micro/kunitconfig" --build_dir="$BUILD/bench/uml" \
	--raw_output=kunit) > "$BUILD/bench/micro.log" 2>&1 ||
	{ tail -30 "$BUILD/bench/micro.log"; die "kunit.py run failed (log: build/bench/micro.log)"; }
tree_git worktree remove --force "$wt"

{
	echo "# mm_pressure microbenchmark"
	echo
	echo "Measured by \`make bench-micro\` (ci/bench/micro.sh) on $(date -u +%Y-%m-%d),"
	echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')),"
	echo "UML build of $(tree_git log -1 --format=%s upstream), tree HEAD $(tree_git rev-parse --short HEAD)."
	echo "Each figure is the mean of 2,000,000 calls in one run; UML runs natively,"
	echo "so these are CPU times (a UML guest's timer, not QEMU TCG's)."
	echo
	echo "| what | ns/call |"
	echo "| --- | --- |"
	sed -n 's/.*bench: \(.*\) \([0-9.]*\) ns\/call.*/| \1 | \2 |/p' "$BUILD/bench/micro.log"
	echo
	echo "KUnit results in the same run:"
	echo
	echo '```'
	grep -E '^(ok|not ok) ' "$BUILD/bench/micro.log" || true
	echo '```'
} > "$out"
cat "$out"
