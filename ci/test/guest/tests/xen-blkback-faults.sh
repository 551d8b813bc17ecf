# SPDX-License-Identifier: GPL-2.0
# Fault injection in blkback's ring setup (issue #15 item 3): dom0
# attaches a vbd to the running domU (xl block-attach) with the N-th
# allocation that xenwatch makes inside xen-blkback's code made to fail,
# for N = 1, 2, ..., and detaches it again. xenwatch is the kernel
# thread that runs blkback's probe, backend_changed() (the vbd) and
# frontend_changed() (connect_ring(), the ring's mapping and its
# thread). How:
#   - /proc/<xenwatch>/fail-nth = N: the N-th failslab or
#     fail_page_alloc check of that task fails (proc_fail_nth_write()
#     takes any task, not only the writer);
#   - require-start/require-end = xen-blkback's text: a check counts
#     only when the allocation's stack passes through blkback's code
#     (CONFIG_FAULT_INJECTION_STACKTRACE_FILTER, configs/debug-xen.config),
#     so xenbus' and the driver core's work for other devices does not
#     use up N.
# After each attach the vbd either works (Connected at both ends) or is
# absent: not Connected, and once detached no backend device and no
# xenstore directory are left. An attach makes about 17300 counted
# allocations, most of them the ring's request pool: phase_sweep says
# which points it tries. Then, with no fault, the domU writes and reads
# back a pattern on the vbd: blkback still works. dom0-init's kmemleak
# scan and the runner's splat check judge the error paths' cleanup.
# Knobs (kernel command line): mmp.blkfaults_step, _head, _grow, _tail
# (see phase_sweep). A cycle takes 10-60 s under TCG: make check uses a
# coarse schedule, make soak the default one.
. /tests/lib.sh
. /tests/xen-lib.sh
. /tests/fault-lib.sh
set -o pipefail
seed=$((XEN_DATA_SEED + 300))
img=$XEN_STATE/faults.img
vdev=51728	# xvdb
spec="format=raw,vdev=xvdb,access=rw,target=$img"

be_dir() { echo /local/domain/0/backend/vbd/$(domid)/$vdev; }
be_state() { xenstore-read $(be_dir)/state 2>/dev/null || echo none; }
fe_state() { xenstore-read /local/domain/$(domid)/device/vbd/$vdev/state 2>/dev/null || echo none; }
connected() { [ "$(be_state)" = 4 ] && [ "$(fe_state)" = 4 ]; }
# settled: Connected; or the backend gave up (Closing, Closed); or its
# xenstore directory is gone; or the fault was used and either the
# backend device has no driver (its probe failed: nothing probes it
# again) or nothing has moved for STILL polls. A failure in
# connect_ring() leaves the backend in InitWait with the frontend
# Initialised (frontend_changed() frees the ring and leaves the state
# as it was). An attach that works passes through that state, so it
# counts only once it stays; so does any other state that stays (in
# session 12, InitWait with the frontend Initialising, left by the bug
# patch 0021 fixes: a stuck frontend).
STILL=5
settled() {
	local be=$(be_state) fe=$(fe_state) dev=/sys/bus/xen-backend/devices/vbd-$(domid)-$vdev
	case $be in
	4) [ "$fe" = 4 ] && return ;;
	5 | 6 | none) return ;;
	esac
	[ "$(cat /proc/$pid/fail-nth)" = 0 ] || return 1
	[ -e $dev ] && [ ! -e $dev/driver ] && return
	[ "$be $fe" = "$was" ] && still=$((still + 1)) || still=0
	was="$be $fe"
	[ $still -ge $STILL ]
}
# settle: up to 30 s for settled, polled once a second (a poll is three
# xenstore and sysfs reads, about 0.7 s under TCG: wait_for's 0.1 s
# polls would take 300 of them, 230 s), then a second more, so that a
# poll between the fault and a connect that still succeeds does not
# count as a failed one.
settle() {
	local i=0 was= still=0
	until settled; do
		i=$((i + 1))
		[ $i -lt 30 ] || return 1
		sleep 1
	done
	sleep 1
}
gone() {
	[ ! -e /sys/bus/xen-backend/devices/vbd-$(domid)-$vdev ] &&
	! xenstore-read $(be_dir)/state > /dev/null 2>&1
}
xenwatch_pid() {
	local f
	for f in /proc/[0-9]*/comm; do
		[ "$(cat "$f" 2>/dev/null)" = xenwatch ] && { f=${f#/proc/}; echo "${f%/comm}"; return; }
	done
}
# blkback_text: "START END" of xen-blkback's text, from its text symbols
# in /proc/kallsyms, sorted as strings (same width, and busybox's
# arithmetic is signed: these addresses are negative in it). The last
# function's end is taken as one page past its start (a module loaded
# after blkback could begin inside that page; none is, in the boots that
# run this); only the low 32 bits are added to, which holds in x86-64's
# module area.
blkback_text() {
	set -- $(awk '$4 == "[xen_blkback]" && $2 ~ /^[tT]$/ { print $1 }' /proc/kallsyms |
		sort | sed -n '1p;$p')
	[ $# = 2 ] || return 1
	case $1/$2 in ffffffff[!0]???????/ffffffff????????) ;; *) return 1 ;; esac
	printf '0x%s 0xffffffff%08x\n' $1 $((0x${2#ffffffff} + 4096))
}
# detach: xl's detach, or, where xl no longer knows the vbd (its attach
# failed), libxl's own forced removal.
detach() {
	timeout 60 xl block-detach mmp-domu xvdb > $XEN_STATE/faults.out 2>&1 ||
		timeout 60 xl block-detach -f mmp-domu xvdb >> $XEN_STATE/faults.out 2>&1
	wait_for 30 gone
}

# cycle N: one attach with the N-th counted allocation failing, then
# the detach. Returns 1 where the attach made fewer than N (the fault
# was not used; FINAL is what that attach gave), else counts the result.
cycle() {
	local n=$1 left state rc t1 t2 t3
	echo $n > /proc/$pid/fail-nth
	t1=$(date +%s)
	timeout 60 xl block-attach mmp-domu "$spec" > $XEN_STATE/faults.out 2>&1
	rc=$? t2=$(date +%s)
	[ $rc = 0 ] || rc="$rc ($(tail -n 1 $XEN_STATE/faults.out))"
	# Where xl gave up on the vbd (libxl's attach failed or timed out)
	# there is nothing to wait for: the detach must clean up what is left.
	[ "$rc" != 0 ] || settle
	left=$(cat /proc/$pid/fail-nth)
	echo 0 > /proc/$pid/fail-nth
	if connected; then state=works; else state=absent-be$(be_state)-fe$(fe_state); fi
	t3=$(date +%s)
	detach || state=$state-not-gone-be$(be_state)
	# One line a cycle: where the time goes, for the next reader.
	echo "blkfaults: N=$n $state left=$left attach rc $rc $((t2 - t1)) s," \
		"settle $((t3 - t2)) s, detach $(($(date +%s) - t3)) s"
	if [ "$left" != 0 ]; then
		final=$state total=$((n - left))
		return 1
	fi
	injected=$((injected + 1))
	case $state in
	works) works=$((works + 1)) ;;
	*-not-gone*) bad="$bad $n:$state" ;;
	*) absent=$((absent + 1)) ;;
	esac
}
enough_bad() { [ "$(echo $bad | wc -w)" -ge 3 ]; }

# The points, in three parts, each every STEP-th point where dense:
#   head    1 .. HEAD: the probe, backend_changed(), connect_ring()'s
#           xenstore reads;
#   middle  from HEAD on, N grown by GROW % a time: the ring's request
#           pool, 32 requests of 258 allocations each a ring page, all
#           on one error path;
#   tail    the last TAIL points of an attach: the ring's mapping, its
#           thread, connect().
# The end is what one attach with no fault used (N far past it, less
# what it left in fail-nth); that attach is also the clean one.
phase_sweep() {
	local pid range ok=no works=0 absent=0 bad= injected=0 final= t0=$(date +%s)
	local step=$(mmp_arg blkfaults_step 1) head=$(mmp_arg blkfaults_head 80)
	local grow=$(mmp_arg blkfaults_grow 25) tail=$(mmp_arg blkfaults_tail 32)
	local n last total=0
	truncate -s "${XEN_VBD_MIB}M" $img
	blkback_load > /dev/null
	pid=$(xenwatch_pid) range=$(blkback_text)
	# check reports; it does not fail the phase: without the controls
	# there is nothing to sweep.
	test -n "$pid" -a -n "$range" -a -w /proc/${pid:-0}/fail-nth -a \
		-e $FI/failslab/require-start -a -e $FI/fail_page_alloc/require-start && ok=yes
	check fi-controls "xenwatch pid ${pid:-none}, blkback text ${range:-none}" test $ok = yes
	[ $ok = yes ] || return
	# The same vdev as xen-attach's: its last detach must be over. Once,
	# with a kernel build beside the boot, the first attach here failed
	# at once with no fault used (xl rc 1 in 5 s), leaving no point.
	check clean-start "no vbd $vdev left by the test before: be $(be_state)" wait_for 30 gone
	fi_setup
	fi_require $range
	# head
	n=1
	while [ $n -le $head ] && [ -z "$final" ] && ! enough_bad; do
		cycle $n || break
		n=$((n + step))
	done
	# the end: an attach with no fault
	[ -n "$final" ] || cycle 1000000 || true
	last=$((total - tail + 1))
	[ $last -gt $head ] || last=$((head + 1))
	# middle
	n=$((head + head * grow / 100))
	while [ $n -lt $last ] && ! enough_bad; do
		cycle $n || break
		n=$((n + n * grow / 100 + 1))
	done
	# tail
	n=$last
	while [ $n -le $total ] && ! enough_bad; do
		cycle $n || break
		n=$((n + step))
	done
	fi_require
	check all-points "$injected failures injected, one an attach, of $total points: 1..$head and $last..$total every $step-th, between them N grown by $grow %; $(($(date +%s) - t0)) s" \
		test -n "$final" -a "$injected" -gt 0
	check absent-or-works "$works attaches worked, $absent left the vbd absent${bad:+; wrong:$bad}" \
		test -z "$bad"
	check clean-attach "an attach with no failure injected: $final" test "$final" = works
	echo "MMP-FAULTS blkback-ring injected=$injected connected=$works absent=$absent wrong=$(echo $bad | wc -w) points=$total"
	# The vbd the domU checks next, attached with no fault.
	timeout 60 xl block-attach mmp-domu "$spec" > $XEN_STATE/faults.out 2>&1
	check attached "after the sweep: be $(be_state) fe $(fe_state)" wait_for 30 connected
	phase_done "$injected faults"
}
phase_detach() {
	check detached "be $(be_state)" detach
	check backing-file "the domU's pattern" sh -c "mmp-pattern -c $seed $XEN_VBD_MIB < $img"
}
run_phase "$@"

if [ "$XEN_SIDE" = dom0 ]; then
	check_phase_ran
	exit
fi

check sync-sweep "dom0 ran the sweep" xen_sync sweep 3000
check xvdb "/dev/xvdb after the sweep" wait_for 60 test -b /dev/xvdb
out=$(roundtrip $seed /dev/xvdb $XEN_VBD_MIB 2>&1)
check roundtrip "$XEN_VBD_MIB MiB written and read back: ${out:-ok}" test $? = 0
check sync-detach "dom0 detached it" xen_sync detach 120
