#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The reverse of ci/build/tree.sh: regenerate linux/patches/, linux/series and
# mm-pressure-core/ from the commits upstream..HEAD in build/linux, so
# nobody hand-edits a diff. A file a commit adds goes to mm-pressure-core/
# (whole, its one source of truth); a change to an upstream file goes to
# that commit's patch.
. "$(dirname "$0")/../lib.sh"

[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"
tree_git rev-parse -q --verify upstream >/dev/null || die "build/linux has no 'upstream' tag"
[ -z "$(tree_git status --porcelain)" ] ||
	die "build/linux has uncommitted changes: commit them (or stash them) first"
[ -z "$(tree_git rev-list --merges upstream..HEAD)" ] ||
	die "build/linux has merge commits: the series must be linear (git rebase)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/patches" "$tmp/core"
# Both files keep their header comments.
sed -n '/^#/!q;p' "$TOP/linux/series" > "$tmp/series"
sed -n '/^#/!q;p' "$TOP/linux/new-files" > "$tmp/new-files"

declare -A added_by=()
n=0
for c in $(tree_git rev-list --reverse upstream..HEAD); do
	n=$((n + 1))
	subj=$(tree_git log -1 --format=%s "$c")
	added=$(tree_git diff-tree --no-commit-id --no-renames --name-only -r --diff-filter=A "$c")
	# A file the series adds has one source of truth: its content as
	# added. A later change to it belongs in the commit that adds it.
	while read -r f; do
		[ -n "$f" ] || continue
		[ -n "${added_by[$f]:-}" ] || continue
		die "commit $(tree_git log -1 --format='%h ("%s")' "$c") changes $f, which ${added_by[$f]} adds: fold the change into that commit (git rebase -i, fixup)"
	done < <(tree_git diff-tree --no-commit-id --no-renames --name-only -r --diff-filter=MDT "$c")
	excl=()
	for f in $added; do
		added_by[$f]="commit $(tree_git log -1 --format='%h ("%s")' "$c")"
		excl+=(":(exclude)$f")
		mkdir -p "$tmp/core/$(dirname "$f")"
		tree_git show "$c:$f" > "$tmp/core/$f"
	done
	name=$(tree_git -c core.abbrev=12 format-patch -1 "$c" --start-number="$n" \
		--zero-commit --no-signature -o "$tmp/patches" -- . "${excl[@]}")
	# shellcheck disable=SC2086
	echo "${name##*/}" >> "$tmp/series"
	[ -z "$added" ] || echo "${name##*/} "$added >> "$tmp/new-files"
	log "$(printf '%04d' "$n") $subj${added:+ (+$(echo $added | wc -w) new file(s))}"
done

# Replace the three outputs as a whole, so a dropped or renamed patch
# leaves no stale file behind.
find "$TOP/linux/patches" -name '*.patch' -delete
cp "$tmp"/patches/*.patch "$TOP/linux/patches/" 2>/dev/null || true
cp "$tmp/series" "$TOP/linux/series"
cp "$tmp/new-files" "$TOP/linux/new-files"
(cd "$TOP/mm-pressure-core" && find . -type f ! -path ./README.md -delete &&
	find . -mindepth 1 -type d -empty -delete)
cp -a "$tmp/core/." "$TOP/mm-pressure-core/"

echo "$(tree_inputs) $(tree_git rev-parse HEAD)" > "$TREE/.git/mm-pressure-stamp"
log "refreshed linux/patches ($n patches), linux/series, linux/new-files and mm-pressure-core/ from build/linux"
