# SPDX-License-Identifier: GPL-2.0
# The guest booted, the virtio balloon was probed, and /proc/vmstat
# carries the balloon counters.
. /tests/lib.sh

check userspace "init runs as pid $$ on $(uname -r)" test -d /proc/1
drv=/sys/bus/virtio/drivers/virtio_balloon
dev=$(ls -d $drv/virtio* 2>/dev/null | head -n 1)
check balloon-probed "bound device: ${dev##*/}" test -n "$dev"
for c in balloon_inflate balloon_deflate; do
	v=$(vmstat $c)
	check "vmstat-$c" "$c=${v:-missing}" test -n "$v"
done
