#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Round trip: assemble build/linux from linux/ and mm-pressure-core/
# afresh, regenerate them with refresh, and require identical files. It
# proves the series file, the patches and the new files are a fixed point
# of tree -> refresh, and that tree.sh rebuilt the commits faithfully.
. "$(dirname "$0")/../lib.sh"

[ -d "$TREE/.git" ] || "$TOP/ci/build/tree.sh"
read -r _ head < "$TREE/.git/mm-pressure-stamp"
[ "$(tree_git rev-parse HEAD)" = "$head" ] && [ -z "$(tree_git status --porcelain)" ] ||
	die "build/linux has work not in linux/: run 'make refresh' first"

snap=$(mktemp -d)
trap 'rm -rf "$snap"' EXIT
cp -a "$TOP/linux" "$TOP/mm-pressure-core" "$snap/"

# Make tree.sh re-apply every patch on the upstream base.
echo "stale $head" > "$TREE/.git/mm-pressure-stamp"
"$TOP/ci/build/tree.sh"
"$TOP/ci/build/refresh.sh"

if ! diff -ru "$snap/linux" "$TOP/linux" || ! diff -ru "$snap/mm-pressure-core" "$TOP/mm-pressure-core"; then
	# Put the committed state back: the test must not leave damage.
	rm -rf "$TOP/linux" "$TOP/mm-pressure-core"
	cp -a "$snap/linux" "$snap/mm-pressure-core" "$TOP/"
	die "round trip changed the files above: tree.sh and refresh.sh disagree"
fi
[ "$(tree_git rev-parse HEAD)" = "$head" ] ||
	log "note: HEAD differs from the previous assembly ($head); the content round-trips"
log "round trip ok: $(series_lines | wc -l) patch(es), $(core_files | wc -l) new file(s), linux/ and mm-pressure-core/ unchanged"
