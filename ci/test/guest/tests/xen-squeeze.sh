# SPDX-License-Identifier: GPL-2.0
# Squeeze under real pressure, with data checked before, during and after.
# The domU writes a pattern across xvda and reads it back (before); keeps
# doing so with another pattern in the background while dom0 runs
# xen-phase-sq-pressure.sh (memhog forces reclaim; dom0 asserts from the
# helper's counters and blkback's statistics that a window opened, that
# the pool fell to 0 and that it refilled); then once more (after). dom0
# finally checks the backing file holds the last pattern.
. /tests/lib.sh
. /tests/xen-lib.sh
set -o pipefail
seed_before=$((XEN_DATA_SEED + 1)) seed_during=$((XEN_DATA_SEED + 2))
seed_after=$((XEN_DATA_SEED + 3))

if [ "$XEN_SIDE" = dom0 ]; then
	check hook-ran "$(cat $XEN_STATE/sq-pressure.done 2>/dev/null)" \
		test -f $XEN_STATE/sq-pressure.done
	out=$(mmp-pattern -c $seed_after $XEN_DATA_MIB < $XEN_STATE/disk.img)
	check backing-file "$XEN_STATE/disk.img: $out" test $? = 0
	exit
fi

# roundtrip SEED: write the pattern across xvda and read it back, O_DIRECT.
roundtrip() {
	mmp-pattern "$1" $XEN_DATA_MIB | dd of=/dev/xvda bs=1M oflag=direct 2> /dev/null &&
	dd if=/dev/xvda bs=1M count=$XEN_DATA_MIB iflag=direct 2> /dev/null |
		mmp-pattern -c "$1" $XEN_DATA_MIB
}

out=$(roundtrip $seed_before)
check before "$out" test $? = 0
rm -f /tmp/sq-stop /tmp/sq-bad
echo 0 > /tmp/sq-rounds
(
	n=0
	while [ ! -e /tmp/sq-stop ]; do
		roundtrip $seed_during > /tmp/sq-last 2>&1 || cp /tmp/sq-last /tmp/sq-bad
		n=$((n + 1))
		echo $n > /tmp/sq-rounds
	done
) &
io=$!
check sync-pressure "dom0 ran its pressure phase" xen_sync sq-pressure 300
touch /tmp/sq-stop
wait $io
rounds=$(cat /tmp/sq-rounds)
check during "$rounds rounds of $XEN_DATA_MIB MiB while dom0 was under pressure$(
	[ -e /tmp/sq-bad ] && echo ": $(cat /tmp/sq-bad)")" \
	test "$rounds" -ge 2 -a ! -e /tmp/sq-bad
out=$(roundtrip $seed_after)
check after "$out" test $? = 0
