#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/bench/kernels.sh upstream|shrinker...
# The comparison kernels of the benchmarks (bench-only, never `make check`),
# built with the plain config (configs/{common,base,kvm,xen}.config, ci/build/kconfig.sh)
# into build/obj-bench-<name>, linked as build/bzImage-bench-<name>:
#   upstream  the tree's base commit (tag `upstream`, pristine Debian
#             6.12.117) + the series' patch "xen-blkback: show the free
#             page pool in the device statistics" (read-only blkback
#             statistic the Xen benchmark reads; it does not touch the balloon)
#   shrinker  upstream as above + ci/bench/balloon-shrinker/*.patch: virtio_balloon
#             deflates from a shrinker on DEFLATE_ON_OOM (as 71994620bb25 did)
# The patches are applied with `git am` in a throwaway detached worktree of
# build/linux (HEAD and index of build/linux are never touched). All variants
# are built from the same worktree path, so ccache (CCACHE_BASEDIR=build/)
# shares every object the patches do not change. A stamp of the inputs
# (base commit, patches, config fragments, compiler) skips a rebuild when
# nothing changed.
. "$(dirname "$0")/../lib.sh"

[ $# -gt 0 ] || die "usage: ci/bench/kernels.sh upstream|shrinker..."
[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"
tree_git rev-parse -q --verify upstream >/dev/null ||
	die "build/linux has no 'upstream' tag: run 'make tree'"

# Found by name, not number: patches before it may come and go.
BLKBACK_STAT=$(ls "$TOP"/linux/patches/[0-9][0-9][0-9][0-9]-xen-blkback-show-the-free-page-pool-in-the-device-st.patch 2>/dev/null || true)
[ -f "$BLKBACK_STAT" ] || die "linux/patches has no xen-blkback-show-the-free-page-pool patch, which the upstream bench kernel needs"
frags="common base kvm xen"
wt=$BUILD/bench/src

# patches NAME: the patch files of a variant, in order.
patches() {
	case $1 in
	upstream) echo "$BLKBACK_STAT" ;;
	shrinker) echo "$BLKBACK_STAT"; ls "$TOP"/ci/bench/balloon-shrinker/*.patch ;;
	*) die "unknown bench kernel '$1' (upstream or shrinker)" ;;
	esac
}

build_one() {
	local name=$1 obj=$BUILD/obj-bench-$1 stamp p start paths=()
	local -a files
	mapfile -t files < <(patches "$name")
	for p in "${files[@]}"; do [ -f "$p" ] || die "$name kernel: missing patch $p"; done
	stamp=$({
		tree_git rev-parse upstream
		sha256sum "${files[@]}" | cut -d' ' -f1
		for f in $frags; do sha256sum "$TOP/configs/$f.config" | cut -d' ' -f1; done
		sha256sum "$TOP/ci/build/kconfig.sh" | cut -d' ' -f1
		gcc --version | head -1
	} | sha256sum | cut -d' ' -f1)
	if [ -f "$obj/arch/x86/boot/bzImage" ] && [ "$(cat "$obj/bench-stamp" 2>/dev/null)" = "$stamp" ]; then
		ln -sfn "obj-bench-$name/arch/x86/boot/bzImage" "$BUILD/bzImage-bench-$name"
		log "build/bzImage-bench-$name is up to date (inputs unchanged)"
		return
	fi

	mkdir -p "$BUILD/bench"
	tree_git worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"
	tree_git worktree prune
	tree_git worktree add -q --detach "$wt" upstream
	for p in "${files[@]}"; do
		# Committer date pinned: the same inputs give the same commits.
		GIT_COMMITTER_DATE="$(tree_git log -1 --format=%cD upstream)" \
			git -C "$wt" -c user.name="mm-pressure bench" -c user.email="bench@mm-pressure.invalid" \
			am -q --committer-date-is-author-date "$p" ||
			{ git -C "$wt" am --abort 2>/dev/null; die "$name kernel: 'git am ${p#$TOP/}' failed on upstream"; }
	done
	log "$name kernel source: $(git -C "$wt" log --oneline upstream..HEAD | tr '\n' ';')"

	rm -f "$obj/bench-stamp"
	for f in $frags; do paths+=("$TOP/configs/$f.config"); done
	TREE=$wt "$TOP/ci/build/kconfig.sh" "$obj" "${paths[@]}"
	start=$(date +%s)
	kernel_build "$wt" "$obj" "bench-$name" "$(tree_git log -1 --format=%cd upstream)"
	{ git -C "$wt" log --format='%h %s' upstream..HEAD; git -C "$wt" log -1 --format='%h %s' upstream; } \
		> "$obj/bench-commits"
	echo "$stamp" > "$obj/bench-stamp"
	ln -sfn "obj-bench-$name/arch/x86/boot/bzImage" "$BUILD/bzImage-bench-$name"
	tree_git worktree remove --force "$wt"
	tree_git worktree prune
	log "built build/bzImage-bench-$name in $(( $(date +%s) - start )) s"
}

for name in "$@"; do build_one "$name"; done
