#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Assemble build/linux: the pinned upstream tarball as one base commit
# (tagged 'upstream'), then one commit per patch in linux/series, each
# carrying its patch's author, date, subject and message, with the files
# that patch adds laid in from mm-pressure-core/.
. "$(dirname "$0")/../lib.sh"
load_upstream

stamp=$TREE/.git/mm-pressure-stamp	# "<inputs hash> <HEAD after assembly>"
inputs=$(tree_inputs)

# Debian's tarball ends the top-level .gitignore with "/*" (its packaging
# repository tracks only debian/), which would hide every new file in the
# tree. The base commit keeps the file as shipped; the work tree drops
# that block, and skip-worktree keeps the local edit out of every commit.
unhide_tree() {
	tree_git update-index --skip-worktree .gitignore
	sed -i '/^# Debian packaging: ignore everything/,$d' "$TREE/.gitignore"
}

tree_is_clean() {
	[ -z "$(tree_git status --porcelain --untracked-files=normal)" ]
}

if [ -d "$TREE/.git" ]; then
	read -r old_inputs old_head < "$stamp" 2>/dev/null || old_inputs=none
	head=$(tree_git rev-parse HEAD 2>/dev/null || echo none)
	if [ "$head" != "${old_head:-}" ] || ! tree_is_clean; then
		die "build/linux has work that is not in linux/ yet (commits or changes since it was assembled): run 'make refresh' to keep it, or remove build/linux to drop it"
	fi
	if [ "$old_inputs" = "$inputs" ]; then
		log "build/linux is up to date"
		exit 0
	fi
fi

# Start from the upstream base commit: reuse it when it is from the
# pinned tarball, else extract.
sum=$(sha256sum "$UPSTREAM_TARBALL" 2>/dev/null | cut -d' ' -f1) ||
	die "$UPSTREAM_TARBALL is missing: run 'make deps'"
if [ -d "$TREE/.git" ] && [ "$(tree_git config mmpressure.tarball || true)" = "$sum" ]; then
	log "resetting build/linux to its upstream base"
	tree_git checkout -q --detach upstream
	tree_git reset -q --hard upstream
	tree_git clean -q -fdx
	tree_git branch -q -f main upstream
	tree_git checkout -q main
	unhide_tree
else
	rm -rf "$TREE" "$TREE.tmp"
	mkdir -p "$TREE.tmp"
	log "extracting $UPSTREAM_TARBALL"
	tar -xf "$UPSTREAM_TARBALL" -C "$TREE.tmp" --strip-components=1
	mv "$TREE.tmp" "$TREE"
	# The commit date is the package's own changelog date, so the base
	# commit id is the same on every machine.
	date=$(zcat "/usr/share/doc/$UPSTREAM_PACKAGE/changelog.Debian.gz" 2>/dev/null |
		sed -n '/^ -- /{s/^ -- .*>  //p;q}' || true)
	version=$(make -s -C "$TREE" kernelversion)
	log "committing upstream Linux $version as the base commit"
	tree_git init -q -b main
	tree_git config mmpressure.tarball "$sum"
	tree_git add -A -f
	GIT_AUTHOR_DATE=${date:-@0} GIT_COMMITTER_DATE=${date:-@0} \
		GIT_AUTHOR_NAME="mm-pressure tree" GIT_AUTHOR_EMAIL="tree@mm-pressure.invalid" \
		tree_git commit -q -m "Linux $version (Debian $UPSTREAM_PACKAGE $(installed_version "$UPSTREAM_PACKAGE"))" \
		-m "Unpacked from $UPSTREAM_TARBALL, sha256 $sum."
	tree_git tag -f upstream >/dev/null
	unhide_tree
fi

# linux/new-files may name only patches of the series.
stray=$(awk '{ sub(/#.*/, "") } NF { print $1 }' "$TOP/linux/new-files" |
	grep -vxF -f <(sed -e 's/#.*//' "$TOP/linux/series" | awk 'NF { print $1 }') || true)
[ -z "$stray" ] || die "linux/new-files names patches that linux/series does not: $stray"

# Every file in mm-pressure-core/ must be added by exactly one patch.
claimed=$(series_lines | while read -r p files; do for f in $files; do echo "$f"; done; done | sort)
dups=$(printf '%s\n' "$claimed" | uniq -d)
[ -z "$dups" ] || die "linux/series names these files in more than one patch: $dups"
unclaimed=$(comm -23 <(core_files) <(printf '%s\n' "$claimed" | grep -v '^$'))
[ -z "$unclaimed" ] || die "mm-pressure-core/ has files no patch in linux/series adds: $unclaimed"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
while read -r p files; do
	n=$((n + 1))
	file=$TOP/linux/patches/$p
	[ -f "$file" ] || die "linux/series names $p, but linux/patches/$p does not exist"
	git mailinfo -b "$tmp/msg" "$tmp/diff" < "$file" > "$tmp/info" ||
		die "linux/patches/$p is not a mail-formatted patch (git format-patch output)"
	if grep -q '^diff --git ' "$tmp/diff"; then
		if ! patch -d "$TREE" -p1 --fuzz=0 --no-backup-if-mismatch -f \
				-i "$tmp/diff" > "$tmp/patch.out" 2>&1; then
			cat "$tmp/patch.out" >&2
			die "linux/patches/$p does not apply (patch -p1 --fuzz=0); the failing files are named above"
		fi
	fi
	for f in $files; do
		[ -f "$TOP/mm-pressure-core/$f" ] || die "linux/series: $p adds $f, but mm-pressure-core/$f does not exist"
		[ ! -e "$TREE/$f" ] || die "linux/series: $p adds $f, which the tree already has"
		mkdir -p "$(dirname "$TREE/$f")"
		cp "$TOP/mm-pressure-core/$f" "$TREE/$f"
	done
	tree_git add -A
	# -f: a new file may match the kernel's .gitignore (mm/.kunitconfig).
	# shellcheck disable=SC2086
	[ -z "$files" ] || tree_git add -f -- $files
	tree_git diff --cached --quiet && die "linux/patches/$p changes nothing"
	subject=$(sed -n 's/^Subject: //p' "$tmp/info")
	{ printf '%s\n' "$subject"; [ -s "$tmp/msg" ] && printf '\n' && cat "$tmp/msg"; } > "$tmp/commit"
	date=$(sed -n 's/^Date: //p' "$tmp/info")
	GIT_AUTHOR_NAME=$(sed -n 's/^Author: //p' "$tmp/info") \
	GIT_AUTHOR_EMAIL=$(sed -n 's/^Email: //p' "$tmp/info") \
	GIT_AUTHOR_DATE=$date GIT_COMMITTER_DATE=$date \
		tree_git commit -q --cleanup=whitespace -F "$tmp/commit"
done < <(series_lines)

echo "$inputs $(tree_git rev-parse HEAD)" > "$stamp"
log "build/linux: upstream + $n patch(es), HEAD $(tree_git log -1 --format='%h %s')"
