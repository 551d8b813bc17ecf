#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Write the upstream-ready RFC series to build/series/: git format-patch
# --cover-letter --base, the cover letter filled from docs/cover-letter.md,
# To: (maintainers, reviewers) and Cc: (lists) from get_maintainer.pl.
. "$(dirname "$0")/lib.sh"

[ -d "$TREE/.git" ] || die "no tree at build/linux: run 'make tree' first"
out=$BUILD/series
rm -rf "$out"
mkdir -p "$out"
n=$(tree_git rev-list --count upstream..HEAD)
if [ "$n" = 0 ]; then
	log "the series is empty: nothing to write"
	exit 0
fi
cover=$TOP/docs/cover-letter.md
[ -f "$cover" ] || die "$cover is missing"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tree_git format-patch -q -o "$tmp" upstream..HEAD
gm() { (cd "$TREE" && scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats "$@" "$tmp"/*.patch); }
to=() cc=()
while IFS= read -r a; do to+=("--to=$a"); done < <(gm --m --r --no-l)
while IFS= read -r a; do cc+=("--cc=$a"); done < <(gm --no-m --no-r --l)

# The cover letter is from the series' author, not the tree's identity.
author=$(tree_git log --reverse --format='%an%x09%ae' upstream..HEAD | sed -n 1p)
tree_git -c user.name="${author%%$'\t'*}" -c user.email="${author#*$'\t'}" \
	format-patch -q --cover-letter --base=upstream --thread=shallow \
	--subject-prefix="RFC PATCH" "${to[@]}" "${cc[@]}" -o "$out" upstream..HEAD
subject=$(sed -n '1s/^# *//p' "$cover")
awk 'NR > 2' "$cover" > "$tmp/blurb"
letter=$(ls "$out"/0000-*.patch)
python3 - "$letter" "$subject" "$tmp/blurb" <<'PY'
import sys
path, subject, blurb = sys.argv[1], sys.argv[2], open(sys.argv[3]).read().rstrip("\n")
text = open(path).read()
for marker, value in (("*** SUBJECT HERE ***", subject), ("*** BLURB HERE ***", blurb)):
    if marker not in text:
        sys.exit(f"cover letter template has no {marker}")
    text = text.replace(marker, value, 1)
open(path, "w").write(text)
PY
log "build/series: cover letter + $n patch(es), To: ${#to[@]}, Cc: ${#cc[@]}"
