# SPDX-License-Identifier: GPL-2.0
# The guest booted, its page size is known (the balloon tests need it),
# the virtio balloon was probed, and /proc/vmstat carries the balloon
# counters.
. /tests/lib.sh

check userspace "init runs as pid $$ on $(uname -r)" test -d /proc/1
page=$(awk '/^KernelPageSize:/ { print $2 * 1024; exit }' /proc/self/smaps 2>/dev/null)
check page-size "${page:-unknown} bytes on $(uname -m)" test -n "$page"
drv=/sys/bus/virtio/drivers/virtio_balloon
dev=$(ls -d $drv/virtio* 2>/dev/null | head -n 1)
check balloon-probed "bound device: ${dev##*/}" test -n "$dev"
for c in balloon_inflate balloon_deflate; do
	v=$(vmstat $c)
	check "vmstat-$c" "$c=${v:-missing}" test -n "$v"
done
