#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The data-race boot (issue #15 item 1): build/bzImage-kcsan, KCSAN in
# strict mode (configs/kcsan.config), a KVM guest with KCSAN_SMP vCPUs
# (default 4). At boot the KUnit suites run, the mm_pressure_stress suite
# for KCSAN_STRESS_MS (default 10000): every operation of the helper from
# every vCPU at once. Then the guest's OOM storm (balloon-storm.sh,
# KCSAN_STORM_S seconds a phase, default 20) runs the real OOM notifier,
# inflation, module-parameter writes and hot-unplug at once. Rows: the
# KUnit cases, the guest's checks, KCSAN armed (its boot selftest
# passed), and the KCSAN reports in the series' code, which must be 0
# (ci/test/kcsan-reports.py; the runner leaves KCSAN reports to it, as
# strict mode also reports races in reclaim and virtio_ring).
. "$(dirname "$0")/../lib.sh"
suite_begin kcsan
kernel=$BUILD/bzImage-kcsan
initrd=$BUILD/initramfs-kvm.cpio.gz
[ -f "$kernel" ] || die "$kernel is missing: run 'make kernel-kcsan'"
smp=${KCSAN_SMP:-4} stress_ms=${KCSAN_STRESS_MS:-10000} storm_s=${KCSAN_STORM_S:-20}
# The stress is one KUnit test case, and 6.12's KUnit fails a case that
# still runs after 300 s (kunit_test_timeout()), whatever it found. Under
# KCSAN and TCG a 600 s stress took 697 s to end, so 200 s at the most.
case $stress_ms in '' | *[!0-9]*) die "KCSAN_STRESS_MS must be a number of ms, not '$stress_ms'" ;; esac
[ "$stress_ms" -le 200000 ] ||
	die "KCSAN_STRESS_MS=$stress_ms: KUnit times a test case out after 300 s; at most 200000"
"$TOP/ci/build/initramfs.sh" "$initrd"
log=$LOGS/kcsan-boot.log

"$TOP/ci/test/qemu-run.py" --kernel "$kernel" --initrd "$initrd" --name kcsan \
	--kunit --tests balloon-storm --smp "$smp" --not-a-splat 'BUG: KCSAN: ' \
	--append "mm_pressure_kunit.stress_ms=$stress_ms mmp.storm_s=$storm_s" \
	--device virtio-balloon-pci,id=balloon0,deflate-on-oom=on \
	--log "$log" --results "$RESULTS" --timeout $(( 600 + stress_ms / 1000 + 6 * storm_s )) || true
python3 "$TREE/tools/testing/kunit/kunit.py" parse --json="$LOGS/kcsan-kunit.json" \
	< "$log" > "$LOGS/kcsan-kunit-parse.log" 2>&1 || true
"$TOP/ci/test/kunit-rows.py" "$LOGS/kcsan-kunit.json" "$RESULTS" kcsan.kunit

# Without this line no report could have been printed: 0 would prove nothing.
armed=$(grep -o 'kcsan: selftest: [0-9]*/[0-9]* tests passed' "$log" | head -n 1 || true)
set -- $(echo "$armed" | sed -n 's|.*selftest: \([0-9]*\)/\([0-9]*\).*|\1 \2|p')
if [ -n "${1:-}" ] && [ "$1" = "$2" ] && [ "$1" -gt 0 ]; then
	result PASS kcsan.armed "$armed"
else
	result FAIL kcsan.armed "no passing 'kcsan: selftest' line in ${log#"$TOP"/}: KCSAN was not on"
fi
"$TOP/ci/test/kcsan-reports.py" "$log" "$BUILD/obj-kcsan" "$RESULTS" kcsan
suite_end
