#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Run coccinelle/mm_pressure_consistency.cocci in report mode over the
# directories the series touches, through the kernel's own `make
# coccicheck` (absolute COCCI=, so nothing is copied into build/linux, which
# stays a clean work tree), and compare the report with
# coccinelle/known-unported.txt: fail only on a report that is not listed.
# Listed sites that no longer report are printed, to be removed from the
# list. One result row: static.coccicheck.
#   COCCI_DIRS="mm drivers/virtio"  coccinelle/check-tree.sh   (override the dirs)
. "$(dirname "$0")/../ci/lib.sh"
suite_begin cocci-report

command -v spatch > /dev/null || die "spatch not found: apt-get install coccinelle"
[ -f "$TREE/Makefile" ] || die "no tree at $TREE: run 'make tree'"
sp=$TOP/coccinelle/mm_pressure_consistency.cocci
allow=$TOP/coccinelle/known-unported.txt
dirs=${COCCI_DIRS:-mm drivers/virtio drivers/xen drivers/block/xen-blkback arch/s390/mm arch/powerpc/platforms/pseries}
log=$LOGS/cocci-report.log
: > "$log"

report=$(mktemp)
trap 'rm -f "$report" "$report".*' EXIT
failed=
for d in $dirs; do
	# J=2: the machine is shared; coccicheck's default is every core.
	if ! make -s -C "$TREE" coccicheck MODE=report COCCI="$sp" M="$d" J=2 \
		> "$report.$$" 2>> "$log"; then
		failed="$failed $d"
	fi
	cat "$report.$$" >> "$log"
	grep -E '^[^ ]+:[0-9]+:[0-9]+-[0-9]+: ' "$report.$$" >> "$report" || true
done
if [ -n "$failed" ]; then
	result FAIL static.coccicheck "coccicheck failed in:$failed (see ${log#"$TOP"/})"
	tail -20 "$log" | sed 's/^/    /'
	suite_end
	exit 1
fi

# "file:line:col-col: message" -> "file: message"
keys=$(sed -E 's/^([^:]+):[0-9]+:[0-9]+-[0-9]+: /\1: /' "$report" | sort -u)
# (the list may hold comments only: grep then selects nothing)
known=$({ grep -v -e '^#' -e '^[[:space:]]*$' "$allow" || true; } | sort -u)
new=$(comm -23 <(echo "$keys") <(echo "$known") | grep -v '^$' || true)
gone=$(comm -13 <(echo "$keys") <(echo "$known") | grep -v '^$' |
	grep -E "^(${dirs// /|})/" || true)

if [ -n "$gone" ]; then
	log "listed in coccinelle/known-unported.txt but no longer reported (ported? remove them):"
	echo "$gone" | sed 's/^/    /' >&2
fi
n=$(grep -c . "$report" || true)
if [ -z "$new" ]; then
	result PASS static.coccicheck "$n known site(s), none new"
else
	result FAIL static.coccicheck "$(echo "$new" | wc -l) new site(s)"
	grep -F -f <(echo "$new" | sed -E 's/^([^:]+): (.*)$/\2/') "$report" | sed 's/^/    /'
fi
suite_end
