# SPDX-License-Identifier: GPL-2.0
# Inflate the balloon to a host target over QMP, then deflate it: the
# guest's balloon_inflate/balloon_deflate and the host's actual must both
# match the target exactly.
. /tests/balloon-lib.sh

ram=$(ram_bytes)
check ram "host RAM ${ram:-unknown} bytes" test -n "$ram"
size=$(( 96 * MIB ))
target=$(( ram - size ))
want=$(( size / PAGE ))

i0=$(vmstat balloon_inflate)
t0=$(now_ms)
balloon_set "$target"
balloon_wait "$target" 60
act=$(balloon_actual)
t1=$(now_ms)
i1=$(vmstat balloon_inflate)
check host-actual-inflated "target $target actual ${act:-none} after $(( t1 - t0 )) ms" \
	test "$act" = "$target"
check vmstat-inflate "balloon_inflate +$(( i1 - i0 )) pages, want $want" \
	test $(( i1 - i0 )) -eq "$want"

d0=$(vmstat balloon_deflate)
balloon_set "$ram"
balloon_wait "$ram" 60
act=$(balloon_actual)
d1=$(vmstat balloon_deflate)
check host-actual-deflated "target $ram actual ${act:-none}" test "$act" = "$ram"
check vmstat-deflate "balloon_deflate +$(( d1 - d0 )) pages, want $want" \
	test $(( d1 - d0 )) -eq "$want"
