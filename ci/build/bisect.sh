#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/bisect.sh
# The series is bisectable: every commit of build/linux (upstream..HEAD),
# checked out on its own, builds a plain x86_64 bzImage (configs/common, base,
# kvm, xen: the `make kernel` config), and the C files it touches build
# with W=1 with no warning that its parent did not already have. A
# touched file that the plain config does not build at that commit (the
# helper before its first user selects it) is said so, not judged.
#
# Runs in a detached worktree of build/linux (build/bisect/src) with its
# own object directory (build/obj-bisect), so build/linux's HEAD, index
# and work tree are never touched; one commit after the other, so each
# build is incremental over the last. Rows go to build/results/bisect.tsv.
. "$(dirname "$0")/../lib.sh"
suite_begin bisect

[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"
commits=$(tree_git rev-list --reverse upstream..HEAD)
[ -n "$commits" ] || die "build/linux has no commits over upstream: nothing to bisect"
src=$BUILD/bisect/src
obj=$BUILD/obj-bisect
mkdir -p "$BUILD/bisect"
tree_git worktree prune
[ -d "$src" ] || tree_git worktree add -q --detach "$src" upstream
git -C "$src" checkout -q --detach upstream
TREE=$src "$TOP/ci/build/kconfig.sh" "$obj" "$TOP"/configs/{common,base,kvm,xen}.config

# w1 FILE.o LOG: W=1 build of one object; its warnings, without line
# numbers (a patch moves lines), go to LOG. Fails if the object is not
# part of this config.
w1() {
	rm -f "$obj/$1"
	make -C "$src" O="$obj" -j"$(nproc)" CC="${cc:-gcc}" W=1 "$1" > "$2.full" 2>&1 || return 1
	[ -f "$obj/$1" ] || return 1
	grep 'warning:' "$2.full" | sed -E 's/:[0-9]+:[0-9]+:/:/' | sort -u > "$2" || true
}
cc=gcc
command -v ccache > /dev/null && cc="ccache gcc"

n=0
for c in $commits; do
	n=$((n + 1))
	id=$(printf '%04d' "$n")
	subject=$(tree_git log -1 --format=%s "$c")
	mapfile -t touched < <(tree_git diff-tree --no-commit-id --name-only -r \
		--diff-filter=AM "$c" -- '*.c')
	# The parent's warnings for the files this commit touches.
	for f in "${touched[@]}"; do
		o=${f%.c}.o
		w1 "$o" "$BUILD/bisect/$id-before-${o//\//_}" ||
			: > "$BUILD/bisect/$id-before-${o//\//_}"
	done
	git -C "$src" checkout -q --detach "$c"
	if ! kernel_build "$src" "$obj" "bisect $id" "$(tree_git log -1 --format=%cd "$c")" \
			2> "$BUILD/bisect/$id.err"; then
		result FAIL "bisect.$id.build" "$subject: see ${obj#"$TOP"/}/build.log"
		tail -20 "$BUILD/bisect/$id.err" | sed 's/^/    /'
		break
	fi
	result PASS "bisect.$id.build" "$subject"
	for f in "${touched[@]}"; do
		o=${f%.c}.o
		after=$BUILD/bisect/$id-after-${o//\//_}
		if ! w1 "$o" "$after"; then
			result PASS "bisect.$id.w1.$f" "not built by the plain config at this commit"
			continue
		fi
		new=$(comm -13 "$BUILD/bisect/$id-before-${o//\//_}" "$after")
		if [ -z "$new" ]; then
			result PASS "bisect.$id.w1.$f" "no new W=1 warning"
		else
			result FAIL "bisect.$id.w1.$f" "$(echo "$new" | wc -l) new W=1 warning(s)"
			echo "$new" | head -10 | sed 's/^/    /'
		fi
	done
done
suite_end
