#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot Debian's Xen 4.17 under QEMU (TCG) with the image as 64-bit PV
# dom0; dom0 starts a PV domU with the same image, and both run the xen-*
# guest tests (see docs/xen.md): data, the squeeze, vbds attached and
# detached under dom0 pressure. Then a negative control that proves the
# runner catches a splat on dom0's console and on the domU's.
# VARIANT=plain|debug-xen picks the image (make check uses debug-xen; a
# KASAN kernel does not boot as PV dom0).
. "$(dirname "$0")/../lib.sh"
suite_begin boot-xen
t0=$(date +%s)
variant=${VARIANT:-plain}
kernel=$BUILD/bzImage-$variant
initrd=$BUILD/xen/dom0-$variant.cpio
tests=xen-boot,xen-data
[ -f "$kernel" ] || die "$kernel is missing: run 'make kernel' (or 'make kernel-$variant')"
# debug-xen builds xen-blkback as a module (configs/modules.config): dom0
# gets the modules and loads it, and xen-reload unloads and reloads it.
modroot=$BUILD/obj-$variant/modroot reload=
if [ -n "$(find "$modroot/lib/modules" -name xen-blkback.ko 2>/dev/null)" ]; then
	reload=xen-reload,
else
	modroot=
	echo "boot-xen: xen-blkback is built into bzImage-$variant: no xen-reload"
fi
if ! "$TOP/ci/build/xen-inputs.sh" "$kernel" "$initrd" $modroot > "$LOGS/xen-inputs.log" 2>&1; then
	result FAIL xen.inputs "see ${LOGS#$TOP/}/xen-inputs.log"
	tail -25 "$LOGS/xen-inputs.log" | sed 's/^/    /'
	suite_end
	exit
fi
run() {
	"$TOP/ci/test/qemu-run.py" --xen "$BUILD/xen/xen-4.17" --kernel "$kernel" \
		--initrd "$initrd" "$@"
}

# xen-gntdev (dom0 only): 0001's map/unmap race, after the domU is gone;
# xen-scsiback (dom0 only, where it is a module): its squeeze loaded,
# signalled and unloaded.
scsi=
[ -z "$modroot" ] || [ -z "$(find "$modroot/lib/modules" -name xen-scsiback.ko)" ] ||
	scsi=,xen-scsiback
run --name xen --tests $tests,xen-gntdev$scsi --domu-tests $tests --log "$LOGS/xen-boot.log" \
	--results "$RESULTS" --timeout "${XEN_TIMEOUT:-400}" || true

# The squeeze (blkback on mm_pressure, docs/xen.md): dom0 with 512 MiB, so
# memhog can push it into reclaim quickly; persistent grants off and a
# 64-page pool cap and one ring (max_queues=1), so every request maps
# through the one free page pool and "full" is a known number: with two
# rings a burst of I/O may land on one ring only. Data checked before, during and after dom0
# pressure; the window, the pool emptied and refilled; an idle ring woken
# by one signal; duration 0. Where it is a module, xen-blkback is unloaded
# and loaded again between the first squeeze and the wake-up.
sq=xen-squeeze,${reload}xen-wake,xen-squeeze-off
# Then, where it is a module, blkback reloaded with the proportional
# squeeze, last (#16).
[ -z "$reload" ] || sq=$sq,xen-squeeze-prop
pool=$XEN_POOL_ARGS
run --name xen-sq --tests $sq --domu-tests $sq --log "$LOGS/xen-squeeze.log" \
	--xen-append dom0_mem=512M --append "$pool mmp.domu_timeout=480" \
	--results "$RESULTS" --timeout "${XEN_TIMEOUT:-720}" || true

# Xen under load (issue #15, item 4): a vbd attached to the domU and
# detached again, three times, while dom0 reclaims under a memory hog
# with the squeeze on; the domU checks its data on each attach, dom0 the
# backing file after each detach. Where xen-blkback is a module, then
# blkback's ring setup under injected faults (item 3): the vbd attached
# with the N-th allocation xenwatch makes in blkback's code failing, on
# a coarse schedule: every 16th of the first 80 and of the last 32 of
# its 17300-odd points, N grown 300 % a time between them (make soak:
# every one of those 80 and 32, 25 % between; see the test).
faults=
[ -z "$modroot" ] || faults=,xen-blkback-faults
run --name xen-load --tests xen-attach$faults --domu-tests xen-attach$faults \
	--log "$LOGS/xen-load.log" --xen-append dom0_mem=512M \
	--append "$pool mmp.blkfaults_step=16 mmp.blkfaults_grow=300 mmp.domu_timeout=1500" \
	--results "$RESULTS" --timeout "${XEN_TIMEOUT:-1200}" || true

# xen-scsiback on the helper (0019), where it is a module: the
# domU gets a vscsi disk (dom0 wires it by hand: Debian's xl has no
# vscsi, see the test), data checked before, during and after dom0
# pressure, the pool emptied in a window and refilled.
if [ -n "$scsi" ]; then
	run --name xen-vscsi --tests xen-vscsi --domu-tests xen-vscsi --log "$LOGS/xen-vscsi.log" \
		--xen-append dom0_mem=512M --append "mmp.domu_timeout=480" \
		--results "$RESULTS" --timeout "${XEN_TIMEOUT:-720}" || true
fi

# Negative control: a fake "BUG:" line in each kernel's log must fail
# both boots, and the runner must say so.
out=$LOGS/xen-control.out
if run --name control --tests xen-control --domu-tests xen-control \
		--log "$LOGS/xen-control.log" --timeout "${XEN_TIMEOUT:-400}" > "$out" 2>&1; then
	result FAIL xen.harness-catches-splats "a run with fake splats passed"
elif grep -q '^FAIL: control.dom0.boot .*kernel splat: BUG: mmp harness control in dom0' "$out" &&
     grep -q '^FAIL: control.domU.boot .*kernel splat: BUG: mmp harness control in domU' "$out"; then
	result PASS xen.harness-catches-splats "fake splats reported in dom0 and in the domU"
else
	result FAIL xen.harness-catches-splats "runner failed for another reason: see ${out#$TOP/}"
fi
echo "boot-xen: $(( $(date +%s) - t0 )) s wall time (VARIANT=$variant)"
suite_end
