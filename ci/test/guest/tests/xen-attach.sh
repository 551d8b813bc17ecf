# SPDX-License-Identifier: GPL-2.0
# Xen under load (issue #15, item 4): a vbd attached to the running domU
# and detached again (xl block-attach / block-detach), mmp.attach_cycles=
# times (3), while dom0 reclaims under a memory hog with the squeeze on.
# Each time it is attached, the domU checks the pattern the cycle before
# left on it, writes the next one and reads it back (O_DIRECT); after
# each detach dom0 checks the backing file. Every attach, detach and
# pattern is counted: a lost or corrupted block fails the test.
. /tests/lib.sh
. /tests/xen-lib.sh
set -o pipefail
seed=$((XEN_DATA_SEED + 100))
img=$XEN_STATE/attach.img
spec="format=raw,vdev=xvdb,access=rw,target=$img"
count() { echo $(($(cat $XEN_STATE/attach.$1 2>/dev/null || echo 0) + 1)) > $XEN_STATE/attach.$1; }
got() { cat $XEN_STATE/attach.$1 2>/dev/null || echo 0; }

# dom0: the disk, zram swap, and memhog in a loop until phase_stop: each
# run asks for 16 MiB more than is available, so dom0 keeps reclaiming
# and swapping (asking for 16 MiB less gave 1 reclaim run in a whole test).
phase_start() {
	truncate -s "${XEN_VBD_MIB}M" $img
	swap_on 512
	reclaim_runs > $XEN_STATE/attach.r0
	sq_count windows_opened > $XEN_STATE/attach.w0
	(
		while [ ! -e $XEN_STATE/attach.stop ]; do
			timeout 30 memhog $(($(meminfo_kb MemAvailable) / 1024 + 16)) 200 > /dev/null 2>&1
			count hogs
		done
	) < /dev/null > /dev/null 2>&1 &
}
# dom0: attach, and wait for xvdb's backend (51728) to be Connected.
xvdb_state() { xenstore-read /local/domain/0/backend/vbd/$(domid)/51728/state 2>/dev/null; }
xvdb_connected() { [ "$(xvdb_state)" = 4 ]; }
phase_attach() {
	if timeout 120 xl block-attach mmp-domu "$spec" > $XEN_STATE/attach.out 2>&1 &&
	   wait_for 30 xvdb_connected; then
		count attached
	else
		echo "cycle $1: attach: $(tail -n 3 $XEN_STATE/attach.out) state $(xvdb_state)" >> $XEN_STATE/attach.bad
	fi
}
# dom0: detach; then the backing file must hold cycle N's pattern.
phase_detach() {
	if timeout 120 xl block-detach mmp-domu xvdb > $XEN_STATE/attach.out 2>&1; then
		count detached
	else
		echo "cycle $1: detach: $(tail -n 3 $XEN_STATE/attach.out)" >> $XEN_STATE/attach.bad
	fi
	if mmp-pattern -c $((seed + $1)) $XEN_VBD_MIB < $img > $XEN_STATE/attach.out 2>&1; then
		count verified
	else
		echo "cycle $1: backing file: $(cat $XEN_STATE/attach.out)" >> $XEN_STATE/attach.bad
	fi
}
# dom0: stop the loop and its memhog before swapoff, which would have to
# swap a running memhog back in: that got it OOM-killed once.
phase_stop() {
	local i=0
	touch $XEN_STATE/attach.stop
	while pidof memhog > /dev/null && [ $i -lt 100 ]; do
		killall memhog 2> /dev/null
		usleep 100000
		i=$((i + 1))
	done
	swap_off
	n=$1
	runs=$(($(reclaim_runs) - $(cat $XEN_STATE/attach.r0)))
	w0=$(cat $XEN_STATE/attach.w0) w1=$(sq_count windows_opened)
	check attached "$(got attached) of $n attaches Connected" test "$(got attached)" = "$n"
	check detached "$(got detached) of $n detaches" test "$(got detached)" = "$n"
	check backing-file "$(got verified) of $n backing-file checks after detach" test "$(got verified)" = "$n"
	check none-bad "$(cat $XEN_STATE/attach.bad 2>/dev/null | tr '\n' ';')" test ! -s $XEN_STATE/attach.bad
	check pressure "$(got hogs) memhog runs, $runs reclaim runs" test "$runs" -gt 0
	check squeezed "windows_opened $w0 -> $w1" test "$w1" -gt "$w0" 2> /dev/null
	phase_done "$n cycles"
}
run_phase "$@"

if [ "$XEN_SIDE" = dom0 ]; then
	check_phase_ran
	exit
fi

cycles=$(mmp_arg attach_cycles 3)
check sync-start "dom0 under pressure" xen_sync start 120
ok=0 why= i=1
while [ $i -le "$cycles" ]; do
	xen_sync attach:$i 180 || { why="cycle $i: attach not acknowledged"; break; }
	wait_for 60 test -b /dev/xvdb || { why="cycle $i: no /dev/xvdb"; break; }
	if [ $i -gt 1 ]; then
		out=$(dd if=/dev/xvdb bs=1M count=$XEN_VBD_MIB iflag=direct 2> /dev/null |
			mmp-pattern -c $((seed + i - 1)) $XEN_VBD_MIB) ||
			{ why="cycle $i: cycle $((i - 1))'s pattern: $out"; break; }
	fi
	out=$(mmp-pattern $((seed + i)) $XEN_VBD_MIB | dd of=/dev/xvdb bs=1M oflag=direct 2>&1 &&
		dd if=/dev/xvdb bs=1M count=$XEN_VBD_MIB iflag=direct 2> /dev/null |
		mmp-pattern -c $((seed + i)) $XEN_VBD_MIB) ||
		{ why="cycle $i: write and read back: $out"; break; }
	xen_sync detach:$i 180 || { why="cycle $i: detach not acknowledged"; break; }
	wait_for 60 test ! -e /sys/block/xvdb || { why="cycle $i: xvdb still there after the detach"; break; }
	ok=$i
	i=$((i + 1))
done
check cycles "$ok of $cycles attach, check, write, read back, detach cycles under dom0 pressure${why:+; $why}" \
	test "$ok" = "$cycles"
check sync-stop "dom0 checked the cycles" xen_sync stop:$cycles 120
