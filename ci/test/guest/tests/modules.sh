# SPDX-License-Identifier: GPL-2.0
# The helper's users as modules (the modules kernel, configs/modules.config):
# virtio_balloon loaded by its modalias, as udev would, and unloaded and
# reloaded mmp.module_cycles= times (10) with the balloon inflated and
# memhog holding memory; each time the device binds, the helper's debugfs
# directory comes with it and goes with the module, and the balloon gives
# its pages back on unload. Then the helper's KUnit suite as a module.
# kmemleak and the console are the runner's: a leak or splat fails the boot.
. /tests/balloon-lib.sh

cycles=$(mmp_arg module_cycles 10)
# The balloon is virtio device ID 5, whichever virtioN it is (the Debian
# guest's root disk is a virtio device too).
vdev=$(grep -lx 0x0005 /sys/bus/virtio/devices/virtio*/device 2>/dev/null | head -n 1)
vdev=${vdev%/device}
alias=$(cat "$vdev/modalias" 2>/dev/null)
check modalias "${vdev##*/}: ${alias:-none}" test -n "$alias"
ram=$(ram_bytes)
ok=0 why=
i=1
while [ $i -le "$cycles" ]; do
	modprobe "$alias" || { why="cycle $i: modprobe $alias failed"; break; }
	dev=
	for n in 1 2 3 4 5 6 7 8 9 10; do
		dev=$(balloon_dev)
		[ -n "$dev" ] && break
		sleep 0.2
	done
	[ -n "$dev" ] || { why="cycle $i: no device bound to virtio_balloon"; break; }
	MMP_DIR=$(mmp_dir)
	[ -d "$MMP_DIR" ] || { why="cycle $i: no $MMP_DIR"; break; }
	target=$(balloon_fill "$ram" 96)
	[ "$(balloon_actual)" = "$target" ] || { why="cycle $i: balloon not at $target"; break; }
	/bin/memhog 32 1500 > /dev/null &
	hog=$!
	sleep 0.5
	rmmod virtio_balloon || { why="cycle $i: rmmod failed"; wait $hog; break; }
	wait $hog
	[ -z "$(balloon_dev)" ] && [ ! -e "$MMP_DIR" ] ||
		{ why="cycle $i: $dev or $MMP_DIR left after rmmod"; break; }
	# The driver gives every page back on remove; the host sees it.
	balloon_wait "$ram" 30 || { why="cycle $i: actual $(balloon_actual) after rmmod, not $ram"; break; }
	ok=$i
	i=$((i + 1))
done
check load-unload "$ok of $cycles cycles (inflated to leave 96 MiB free, memhog 32 MiB during rmmod)${why:+; $why}" \
	test "$ok" = "$cycles"
modprobe "$alias"
check reloaded "bound again: $(balloon_dev)" test -n "$(balloon_dev)"

# The KUnit suite as a module prints KTAP through printk (the runner
# leaves it out of this test's document); its summary line is the verdict.
modprobe mm_pressure_kunit
line=$(dmesg | sed -n 's/^\[[ 0-9.]*\] *//; /^\(not \)\{0,1\}ok [0-9]* mm_pressure$/p' | tail -n 1)
check kunit-module "${line:-no result line for mm_pressure in dmesg}" test "${line%% *}" = ok
rmmod mm_pressure_kunit
check kunit-unloaded "$(lsmod | grep -c mm_pressure_kunit) left" test -z "$(lsmod | grep mm_pressure_kunit)"
