#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# What a blkback squeeze gives back to dom0 with CONFIG_XEN_UNPOPULATED_ALLOC
# off (the plain image) and on (the xen-unpopulated image), measured in one
# run: Xen boots each image as dom0, the domU fills blkback's free page
# pool and dom0 squeezes it (ci/bench/guest/xen-unpopulated.sh). Writes
# docs/results/xen-unpopulated.md. Not part of `make check`: it needs a
# kernel of its own (`make xen-unpopulated` builds both).
. "$(dirname "$0")/../lib.sh"
out=$TOP/docs/results/xen-unpopulated.md
LOGS=$BUILD/logs
mkdir -p "$LOGS" "$(dirname "$out")"
append="xen_blkback.feature_persistent=0"
rows=()
for variant in plain xen-unpopulated; do
	kernel=$BUILD/bzImage-$variant initrd=$BUILD/xen/dom0-$variant.cpio
	[ -f "$kernel" ] || die "$kernel is missing: run 'make kernel-$variant'"
	"$TOP/ci/build/xen-inputs.sh" "$kernel" "$initrd" > "$LOGS/xen-inputs-$variant.log" 2>&1 ||
		die "xen-inputs failed: see ${LOGS#$TOP/}/xen-inputs-$variant.log"
	log "booting Xen with the $variant image (log: ${LOGS#$TOP/}/xen-unpopulated-$variant.log)"
	"$TOP/ci/test/qemu-run.py" --xen "$BUILD/xen/xen-4.17" --kernel "$kernel" --initrd "$initrd" \
		--name "xen-unpopulated-$variant" --tests xen-unpopulated --domu-tests xen-unpopulated \
		--xen-append dom0_mem=512M --append "$append" \
		--log "$LOGS/xen-unpopulated-$variant.log" --timeout "${XEN_TIMEOUT:-600}" ||
		die "the $variant boot failed: see ${LOGS#$TOP/}/xen-unpopulated-$variant.log"
	unpop=$(grep -c '^CONFIG_XEN_UNPOPULATED_ALLOC=y' "$BUILD/obj-$variant/.config" || true)
	# blkback skips the squeeze exactly where the pool holds no RAM.
	kept=$(grep -c 'free page pools hold no RAM' "$LOGS/xen-unpopulated-$variant.log" || true)
	[ "$((kept > 0))" = "$unpop" ] ||
		die "$variant: UNPOPULATED_ALLOC=$unpop but blkback said 'hold no RAM' $kept times (want it exactly when the option is on)"
	# MMP-RAM <point> pool P MemTotal T MemFree F current_kb C
	rows+=("$(awk -v v="$variant" -v u="$unpop" '
		/^MMP-RAM / { pool[$2] = $4; tot[$2] = $6; free[$2] = $8 }
		END {
			printf "| %s | %s | %d | %d | %+d | %+d | %+d | %+d |\n", v,
				u ? "on" : "off", pool["full"], pool["squeezed"],
				(tot["full"] - tot["start"]), (free["full"] - free["start"]),
				(tot["later"] - tot["full"]), (free["later"] - free["full"])
		}' "$LOGS/xen-unpopulated-$variant.log")")
done
{
	echo "# blkback's free page pool and CONFIG_XEN_UNPOPULATED_ALLOC"
	echo
	echo "Measured by \`make xen-unpopulated\` (ci/bench/xen-unpopulated.sh) on $(date -u +%Y-%m-%d):"
	echo "Xen 4.17 under QEMU TCG, PV dom0 with \`dom0_mem=512M\` and \`$append\`"
	echo "(so every request maps through the pool; max_buffer_pages 1024, the default),"
	echo "tree $(tree_git rev-parse --short HEAD). The domU reads xvda with four parallel"
	echo "O_DIRECT streams, then idles; dom0 notes /proc/meminfo before the I/O,"
	echo "with the pool full, and 3.5 s after one pressure signal (drop_caches)"
	echo "squeezed the pool where blkback registered its squeeze (not where its pages"
	echo "hold no RAM: patch 14). One run per image, in the same \`make\` invocation; kB."
	echo
	echo "| image | UNPOPULATED_ALLOC | pool full (pages) | pool after the signal | MemTotal: I/O | MemFree: I/O | MemTotal: squeeze | MemFree: squeeze |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
	printf '%s\n' "${rows[@]}"
	echo
	echo "\"I/O\" is the change from before the I/O to pool full (what the pool cost"
	echo "dom0); \"squeeze\" the change from pool full to 3.5 s after the squeeze"
	echo "(what the squeeze gave back). Raw lines: build/logs/xen-unpopulated-*.log (MMP-RAM)."
} > "$out"
cat "$out"
