#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/build/initramfs.sh OUT.cpio.gz
# The test guests' initramfs: Debian's static busybox, ci/test/guest/init as
# /init, the guest scripts in /tests/ (the tests from ci/test/guest/tests/
# and the benchmarks' from ci/bench/guest/, see guest_scripts in ci/lib.sh)
# and the guest programs in ci/test/guest/*.c, built static. Made with the tree's usr/gen_init_cpio, so
# /dev/console exists without root and the archive is reproducible.
. "$(dirname "$0")/../lib.sh"

out=$1
busybox=/bin/busybox
# Not grep -q: busybox writes its list one name a write(), and a grep
# that stops at "sh" can leave it to die of SIGPIPE, which pipefail
# turns into a failed check (17 of 2000 runs on a busy machine).
[ -x "$busybox" ] && "$busybox" --list | grep -x sh > /dev/null ||
	die "$busybox is missing or not busybox-static: run 'make deps'"
file -L "$busybox" 2>/dev/null | grep -q 'dynamically linked' &&
	die "$busybox is dynamically linked: install busybox-static"
[ -f "$TREE/usr/gen_init_cpio.c" ] || die "no tree at build/linux: run 'make tree' first"

work=$BUILD/initramfs
mkdir -p "$work/bin"
gen=$work/bin/gen_init_cpio
[ "$gen" -nt "$TREE/usr/gen_init_cpio.c" ] ||
	gcc -O2 -o "$gen" "$TREE/usr/gen_init_cpio.c" || die "cannot build gen_init_cpio"

list=$work/list
guest_scripts
{
	for d in /bin /sbin /dev /proc /sys /tmp /tests /usr /usr/bin; do
		echo "dir $d 755 0 0"
	done
	echo "nod /dev/console 600 0 0 c 5 1"
	echo "file /bin/busybox $busybox 755 0 0"
	echo "file /init $TOP/ci/test/guest/init 755 0 0"
	for t in "${GUEST_SCRIPTS[@]}"; do
		echo "file /tests/${t##*/} $t 644 0 0"
	done
	for c in "$TOP"/ci/test/guest/*.c; do
		[ -f "$c" ] || continue
		exe=$work/bin/$(basename "$c" .c)
		[ "$exe" -nt "$c" ] || gcc -static -O2 -Wall -Werror -o "$exe" "$c" ||
			die "cannot build guest program $c"
		echo "file /bin/${exe##*/} $exe 755 0 0"
	done
} > "$list"
mkdir -p "$(dirname "$out")"
"$gen" -t 0 "$list" | gzip -n -9 > "$out.tmp" && mv "$out.tmp" "$out"
log "initramfs: ${out#$TOP/} ($(du -k "$out" | cut -f1) KiB)"
