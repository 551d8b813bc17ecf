# SPDX-License-Identifier: GPL-2.0
# Sourced by guest tests. Each check prints one line the host runner reads:
#   MMP-RESULT <test>.<check> PASS|FAIL <detail>
T=${T:-$(basename "$0" .sh)}
pass() { echo "MMP-RESULT $T.$1 PASS ${2:-}"; }
fail() { echo "MMP-RESULT $T.$1 FAIL ${2:-}"; FAILED=1; }
# check NAME DETAIL CMD...: PASS when CMD succeeds.
check() {
	local name=$1 detail=$2
	shift 2
	if "$@"; then pass "$name" "$detail"; else fail "$name" "$detail"; fi
}
vmstat() { awk -v k="$1" '$1 == k { print $2 }' /proc/vmstat; }
meminfo_kb() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
# mmp_arg NAME [DEFAULT]: the value of mmp.NAME= on the kernel command
# line (digits and commas), or DEFAULT when it is not there.
mmp_arg() {
	local v
	v=$(sed -n "s/.*mmp\.$1=\([0-9,]*\).*/\1/p" /proc/cmdline)
	echo "${v:-$2}"
}
# qmp JSON: ask the host runner to run a QMP command; prints its reply.
# The request goes to the serial line itself, not stdout, so that
# $(qmp ...) captures the reply and not the request.
qmp() {
	local reply
	echo "MMP-QMP $1" > /dev/ttyS0
	read -r reply < /dev/ttyS0
	echo "${reply#MMP-QMP-REPLY }"
}
