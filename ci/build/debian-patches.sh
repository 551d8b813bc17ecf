#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/debian-patches.sh
# The series as Debian's kernel team would carry it, in build/debian-patches/:
#   debian/patches/features/all/mm-pressure/NNNN-*.patch
#       every commit upstream..HEAD of build/linux, new files included
#       (linux/patches/ leaves them to mm-pressure-core/), with DEP-3
#       headers: From, Date and Subject as git writes them, then Origin,
#       Forwarded and Last-Update; the commit message is the description
#   debian/patches/series-mm-pressure
#       the series fragment, to append to debian/patches/series
# Then the check the kernel team would make: the touched files of the
# pinned source (build/linux's upstream commit) with `quilt push -a
# --fuzz=0` must equal build/linux's HEAD, file by file, and nothing else
# may appear. One row a step in build/results/debian-patches.tsv.
. "$(dirname "$0")/../lib.sh"
suite_begin debian-patches
command -v quilt > /dev/null || "$TOP/ci/build/setup.sh" quilt > "$LOGS/debian-patches-setup.log" 2>&1 ||
	die "quilt is missing and could not be installed (apt-get install quilt)"
[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"
read -r _ head < "$TREE/.git/mm-pressure-stamp"
[ "$(tree_git rev-parse HEAD)" = "$head" ] && [ -z "$(tree_git status --porcelain)" ] ||
	die "build/linux has work not in linux/: run 'make refresh' first"

out=$BUILD/debian-patches
dir=debian/patches/features/all/mm-pressure
rm -rf "$out" && mkdir -p "$out/$dir"
load_upstream
series=$out/debian/patches/series-mm-pressure
echo "# mm_pressure: the helper and its users (${UPSTREAM_PACKAGE} ${UPSTREAM_VERSION})" > "$series"
n=0
for c in $(tree_git rev-list --reverse upstream..HEAD); do
	n=$((n + 1))
	path=$(tree_git format-patch -1 --start-number "$n" --no-signature --zero-commit \
		--keep-subject -o "$out/$dir" "$c")
	file=${path##*/}
	# DEP-3: the fields go after git's Subject, before the blank line
	# that starts the description (the commit message's body).
	awk -v day="$(tree_git log -1 --format=%cs "$c")" -v n="$n" '
		NR == 1 && /^From 0+ / { next }
		!done && /^$/ {
			print "Origin: other, mm-pressure series (patch " n "), not yet upstream"
			print "Forwarded: no"
			print "Last-Update: " day
			done = 1
		}
		{ print }' "$path" > "$path.tmp" && mv "$path.tmp" "$path"
	echo "features/all/mm-pressure/$file" >> "$series"
done
result PASS debian-patches.written "$n patches in ${out#$TOP/}/$dir, series fragment ${series#$TOP/}"

# The check: only the files the series touches, from the pinned source.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t touched < <(tree_git diff --name-only upstream HEAD)
mapfile -t existing < <(tree_git ls-tree -r --name-only upstream -- "${touched[@]}")
mkdir -p "$work/src"
tree_git archive upstream -- "${existing[@]}" | tar -x -C "$work/src"
cp -r "$out/debian" "$work/src/"
if (cd "$work/src" && QUILT_PATCHES=debian/patches QUILT_SERIES=debian/patches/series-mm-pressure \
		quilt push -a --fuzz=0 -q) > "$LOGS/debian-patches-quilt.log" 2>&1; then
	result PASS debian-patches.quilt-push "quilt push -a --fuzz=0: $n patches applied to the touched files of ${UPSTREAM_PACKAGE} ${UPSTREAM_VERSION}"
else
	result FAIL debian-patches.quilt-push "quilt push -a --fuzz=0 failed: see ${LOGS#$TOP/}/debian-patches-quilt.log"
	tail -15 "$LOGS/debian-patches-quilt.log" | sed 's/^/    /'
	suite_end
	exit
fi
# Negative control: the same series with one context line of its last
# patch changed must not apply at fuzz 0.
mkdir -p "$work/neg"
tree_git archive upstream -- "${existing[@]}" | tar -x -C "$work/neg"
cp -r "$out/debian" "$work/neg/"
last=$(tail -n 1 "$series")
awk '!done && /^ [^ ]/ && seen { $0 = " mm-pressure: context changed by the negative control"; done = 1 }
	/^@@ / { seen = 1 } { print }' "$out/debian/patches/$last" > "$work/neg/debian/patches/$last"
if (cd "$work/neg" && QUILT_PATCHES=debian/patches QUILT_SERIES=debian/patches/series-mm-pressure \
		quilt push -a --fuzz=0 -q) > "$LOGS/debian-patches-negative.log" 2>&1; then
	result FAIL debian-patches.fuzz-refused "a patch with a changed context line applied at --fuzz=0"
else
	result PASS debian-patches.fuzz-refused "a changed context line in ${last##*/} is refused at --fuzz=0"
fi

bad=
for f in "${touched[@]}"; do
	if tree_git cat-file -e "HEAD:$f" 2> /dev/null; then
		cmp -s <(tree_git show "HEAD:$f") "$work/src/$f" || bad="$bad $f"
	elif [ -e "$work/src/$f" ]; then
		bad="$bad $f(deleted in HEAD)"
	fi
done
extra=$(cd "$work/src" && find . -type f ! -path './.pc/*' ! -path './debian/*' | sed 's|^\./||' |
	sort | comm -23 - <(printf '%s\n' "${touched[@]}" "${existing[@]}" | sort -u))
if [ -z "$bad" ] && [ -z "$extra" ]; then
	result PASS debian-patches.same-as-tree "${#touched[@]} touched files identical to build/linux HEAD, nothing else created"
else
	result FAIL debian-patches.same-as-tree "differ from build/linux HEAD:${bad:- none}; not in the series:${extra:- none}"
fi
suite_end
