# SPDX-License-Identifier: GPL-2.0
# Sourced by guest tests, and by the guests' /init for run_tests. Results
# are KTAP (Documentation/dev-tools/ktap.rst), the format of KUnit and the
# kselftests: /init prints the top level, each test script is one subtest
# and each check one numbered result line, its detail after " # ":
#   KTAP version 1
#   1..2
#       KTAP version 1
#       # Subtest: balloon-oom
#       ok 1 balloon-filled # target 310378496 actual 310378496
#       not ok 2 no-oom-kill # oom_kill +1
#   not ok 1 balloon-oom # 1 of 2 checks failed
# The host runner (ci/test/qemu-run.py) judges it with the kernel's own
# KTAP parser (tools/testing/kunit/kunit_parser.py). The numbering lives
# in files, not shell variables, because checks also run in $(...)
# subshells; the tree's ktap_helpers.sh keeps it in variables, prints no
# detail and does not nest, so it is not used here.
T=${T:-$(basename "$0" .sh)}
KTAP_DIR=/tmp/mmp-ktap
mkdir -p $KTAP_DIR
# ktap_result ok|"not ok" NAME DETAIL: one result line of test $T. A
# dom0 phase (MMP_PHASE, see xen-lib.sh) runs while the domU's tests run,
# before dom0 prints its own KTAP: its results wait in $T.deferred until
# dom0 runs the dom0 side of $T.
ktap_result() {
	local n detail
	detail=$(printf '%s' "${3:-}" | tr '\n#' ' _')
	if [ -n "${MMP_PHASE:-}" ]; then
		printf '%s\t%s\t%s\n' "$1" "$2" "$detail" >> $KTAP_DIR/$T.deferred
		return
	fi
	n=$(($(cat $KTAP_DIR/$T.n 2>/dev/null || echo 0) + 1))
	echo $n > $KTAP_DIR/$T.n
	[ "$1" = ok ] || echo $n >> $KTAP_DIR/$T.failed
	echo "    $1 $n $2${detail:+ # $detail}"
}
pass() { ktap_result ok "$1" "${2:-}"; }
fail() { ktap_result "not ok" "$1" "${2:-}"; }
# check NAME DETAIL CMD...: PASS when CMD succeeds.
check() {
	local name=$1 detail=$2
	shift 2
	if "$@"; then pass "$name" "$detail"; else fail "$name" "$detail"; fi
}
# What a phase of this test left, reported first (see ktap_result).
if [ -z "${MMP_PHASE:-}" ] && [ -f $KTAP_DIR/$T.deferred ]; then
	while IFS='	' read -r verdict name detail; do
		ktap_result "$verdict" "$name" "$detail"
	done < $KTAP_DIR/$T.deferred
	rm -f $KTAP_DIR/$T.deferred
fi
# run_tests A B...: (for /init) the KTAP document of tests A B... from
# /tests/, a subtest each; a test passes when it exits 0, reported at
# least one check and failed none.
run_tests() {
	local i=0 rc n failed
	echo "KTAP version 1"
	echo "1..$#"
	for t in "$@"; do
		i=$((i + 1))
		echo "    KTAP version 1"
		echo "    # Subtest: $t"
		if [ -f "/tests/$t.sh" ]; then
			sh "/tests/$t.sh"
			rc=$?
		else
			echo "    # no such guest test /tests/$t.sh"
			rc=127
		fi
		n=$(cat $KTAP_DIR/$t.n 2>/dev/null || echo 0)
		failed=$(cat $KTAP_DIR/$t.failed 2>/dev/null | wc -l)
		if [ $rc = 0 ] && [ "$n" -gt 0 ] && [ "$failed" = 0 ]; then
			echo "ok $i $t"
		else
			echo "not ok $i $t # exit $rc, $failed of $n checks failed"
		fi
	done
}
vmstat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }
meminfo_kb() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
# wait_for SECS CMD...: run CMD every 0.1 s until it succeeds; false when
# SECS pass first.
wait_for() {
	local n=$(($1 * 10))
	shift
	while ! "$@"; do
		n=$((n - 1))
		[ $n -gt 0 ] || return 1
		usleep 100000
	done
}
# mmp_arg NAME [DEFAULT]: the value of mmp.NAME= on the kernel command
# line (digits and commas), or DEFAULT when it is not there.
mmp_arg() {
	local v
	v=$(sed -n "s/.*mmp\.$1=\([0-9,]*\).*/\1/p" /proc/cmdline)
	echo "${v:-$2}"
}
# qmp JSON: ask the host runner to run a QMP command; prints its reply.
# MMP_TTY is the console the host reads (/init sets it).
# The request goes to the serial line itself, not stdout, so that
# $(qmp ...) captures the reply and not the request.
qmp() {
	local reply
	echo "MMP-QMP $1" > $MMP_TTY
	read -r reply < $MMP_TTY
	echo "${reply#MMP-QMP-REPLY }"
}
