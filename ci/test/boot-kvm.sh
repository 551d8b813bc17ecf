#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the image as a QEMU/virtio guest and run the guest tests; then a
# negative control that proves the runner catches a failing check.
# VARIANT=plain|debug picks the image (make check uses debug); ACCEL=kvm
# where KVM works (the default, TCG, works everywhere).
. "$(dirname "$0")/../lib.sh"
suite_begin boot-kvm
variant=${VARIANT:-plain}
kernel=$BUILD/bzImage-$variant
initrd=$BUILD/initramfs-kvm.cpio.gz
[ -f "$kernel" ] || die "$kernel is missing: run 'make kernel' (or 'make kernel-debug')"
"$TOP/ci/build/initramfs.sh" "$initrd"
run() { "$TOP/ci/test/qemu-run.py" --kernel "$kernel" --initrd "$initrd" "$@"; }

run --name kvm --tests boot --log "$LOGS/kvm-boot.log" --results "$RESULTS" \
	--device virtio-balloon-pci,deflate-on-oom=on --timeout 300 || true

# The balloon tests (ci/test/guest/tests/balloon-*.sh, ci/test/guest/memhog.c): the
# host drives the balloon over QMP. Every guest boots with acpi=noirq
# (qemu-run.py's ACPI_ARGS says why). The unplug test removes the device,
# so it runs last. balloon-passive runs 3 memhog cycles, not its default
# 40: on the debug kernel one 220 MiB cycle takes about 7 s under TCG
# (40 took 276 s), and a hold-off that re-inflates on its own (v1 of
# the hold-off patch) already shows in the first cycle and in the hold-off after it.
run --name balloon --log "$LOGS/kvm-balloon.log" --results "$RESULTS" \
	--tests balloon-inflate,balloon-oom,balloon-holdoff,balloon-passive,balloon-unplug \
	--append "mmp.passive_cycles=3" \
	--device virtio-balloon-pci,id=balloon0,deflate-on-oom=on \
	--timeout 540 || true
# Issue #15: the balloon's probe with each of its allocations failed in
# turn (balloon-faults: through a sysfs bind, every point; through a PCI
# rescan, every 4th of about 185 points, 3 min for all of them, which
# make soak runs); the OOM storm, 8 programs at once against a full
# balloon, then through hot-unplug and plug, then until the balloon is
# empty and the OOM killer runs (last: it kills). make soak runs the
# storm longer (mmp.storm_s=).
run --name storm --log "$LOGS/kvm-storm.log" --results "$RESULTS" \
	--tests balloon-faults,balloon-storm --append "mmp.storm_s=${STORM_S:-20} mmp.faults_pci_step=4" \
	--device virtio-balloon-pci,id=balloon0,deflate-on-oom=on \
	--timeout $(( 480 + 6 * ${STORM_S:-20} )) || true
# Deflate on OOM from reclaim instead of the OOM notifier (the helper's
# reclaim-priority trigger): drop_caches must not deflate, memhog must
# finish with the balloon's pages and no OOM kill.
run --name balloon-reclaim --log "$LOGS/kvm-balloon-reclaim.log" --results "$RESULTS" \
	--tests balloon-reclaim --append "virtio_balloon.oom_reclaim_priority=0" \
	--device virtio-balloon-pci,id=balloon0,deflate-on-oom=on --timeout 300 || true
# Negative control for deflate on OOM, and the parameter on the command line.
run --name balloon-off --log "$LOGS/kvm-balloon-off.log" --results "$RESULTS" \
	--tests balloon-oom-off --append "virtio_balloon.oom_holdoff_ms=3000" \
	--device virtio-balloon-pci,id=balloon0,deflate-on-oom=off --timeout 300 || true

# Negative control: without a balloon device the boot test must fail,
# and the runner must say so.
if run --name control --tests boot --log "$LOGS/kvm-control.log" \
		--timeout 300 > "$LOGS/kvm-control.out" 2>&1; then
	result FAIL kvm.harness-catches-failure "a guest without a balloon passed the boot test"
elif grep -q '^FAIL: control.boot.balloon-probed' "$LOGS/kvm-control.out"; then
	result PASS kvm.harness-catches-failure "missing balloon reported as FAIL"
else
	result FAIL kvm.harness-catches-failure "runner failed for another reason: see ${LOGS#$TOP/}/kvm-control.out"
fi
suite_end
