# SPDX-License-Identifier: GPL-2.0
# dom0 only: xen-scsiback's squeeze (0019) without a vscsi device.
# Debian's xl 4.17 has no vscsi support (vscsi= is a SUSE patch to
# libxl), so no toolstack here gives a domU a vscsi disk; what this
# checks is the module's side: loading it registers the squeeze with
# buffer_squeeze_duration_ms (10 by default), one pressure signal opens a
# window whose opened() queues the work that empties the pools
# (workqueue_execute_start of scsiback_squeeze_fn in the trace), a
# duration of 0 opens none, and unloading removes the squeeze (twice, to
# see a reload register again). kmemleak, at the end of dom0's run, sees
# what an unload leaked.
. /tests/lib.sh
SQ=/sys/kernel/debug/mm_pressure/squeeze/xen-scsiback
PARAM=/sys/module/xen_scsiback/parameters/buffer_squeeze_duration_ms
TR=/sys/kernel/tracing
ev=$TR/events/workqueue/workqueue_execute_start
count() { cat $SQ/$1 2>/dev/null || echo none; }
# works: how many times the squeeze work ran since the trace was cleared.
# (The event prints "work struct ADDR: function NAME"; grep -c prints 0
# itself when nothing matches.)
works() { grep -c 'function scsiback_squeeze_fn' $TR/trace 2>/dev/null || true; }

if [ ! -d $ev ]; then
	fail trace "no $ev (tracefs or workqueue tracepoints missing)"
	exit 1
fi
for round in 1 2; do
	out=$(modprobe xen-scsiback 2>&1)
	check "load-$round" "modprobe xen-scsiback: ${out:-ok}" test -d /sys/module/xen_scsiback
	check "param-$round" "buffer_squeeze_duration_ms $(cat $PARAM 2>/dev/null)" \
		test "$(cat $PARAM 2>/dev/null)" = 10
	check "registered-$round" "$SQ" test -f $SQ/windows_opened

	echo > $TR/trace
	echo 1 > $ev/enable
	w0=$(count windows_opened)
	sleep 0.1	# past the last window (10 ms)
	echo 2 > /proc/sys/vm/drop_caches
	sleep 1
	w1=$(count windows_opened) n=$(works)
	check "window-$round" "windows_opened $w0 -> $w1" test "$w1" -gt "$w0" 2> /dev/null
	check "work-ran-$round" "scsiback_squeeze_fn ran $n time(s)" test "$n" -ge 1

	echo 0 > $PARAM
	echo > $TR/trace
	w0=$(count windows_opened)
	sleep 0.1
	echo 2 > /proc/sys/vm/drop_caches
	sleep 1
	w1=$(count windows_opened) n=$(works)
	check "duration-zero-$round" "windows_opened $w0 -> $w1, work ran $n time(s)" \
		test "$w1" = "$w0" -a "$n" = 0
	echo 10 > $PARAM
	echo 0 > $ev/enable

	out=$(rmmod xen-scsiback 2>&1)
	check "unload-$round" "rmmod: ${out:-ok}" test ! -d /sys/module/xen_scsiback
	check "unregistered-$round" "$SQ" test ! -e $SQ
done
