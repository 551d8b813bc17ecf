#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Write the upstream-ready RFC series to build/series/: git format-patch
# --cover-letter --base, the cover letter filled from docs/cover-letter.md,
# To: (maintainers, reviewers) and Cc: (lists) from get_maintainer.pl.
. "$(dirname "$0")/../lib.sh"

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

# Whoever runs this sends the series: each patch keeps its author and
# gains the sender's Signed-off-by (the DCO chain), and the cover letter
# is from the sender. The identity is the sender's own git config, never
# the tree's made-up one.
name=$(git -C "$TOP" config user.name || true)
email=$(git -C "$TOP" config user.email || true)
[ -n "$name" ] && [ -n "$email" ] ||
	die "no git identity to sign the series off with: set it with git config --global user.name 'Your Name' and git config --global user.email you@example.org"
tree_git -c user.name="$name" -c user.email="$email" \
	format-patch -q --signoff --cover-letter --base=upstream --thread=shallow \
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
log "build/series: cover letter + $n patch(es), signed off by $name <$email>, To: ${#to[@]}, Cc: ${#cc[@]}"
