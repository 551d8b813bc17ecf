#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: ci/test/boot-foreign.sh VARIANT   (arm64-64k, arm64-4k, ppc64le-64k, s390x)
# The balloon tests of `make boot-kvm` (ci/test/boot-kvm.sh) on a foreign
# guest under QEMU TCG: build/image-VARIANT (ci/build/kernel.sh VARIANT)
# with the architecture's initramfs (GUEST_ARCH=... ci/build/initramfs.sh, the
# same guest scripts), the architecture's balloon device, and the
# same runner (qemu-run.py --arch: splat detection, timeouts, console
# tail). Rows go to build/results/boot-VARIANT.tsv. The page size the
# guest reports must be the variant's: a 64K variant that booted with 4K
# pages would pass every count without testing the conversion.
# On s390x and ppc64le, the CMM balloon too (cmm-oom.sh). The KUnit
# suite of the same image: ci/test/kunit.sh VARIANT.
. "$(dirname "$0")/../lib.sh"
variant=${1:?usage: boot-foreign.sh VARIANT}
arch=${variant%%-*}
arch_vars "$arch"
case $variant in
*-64k) page=65536 ;;
*) page=4096 ;;
esac
suite_begin "boot-$variant"
kernel=$BUILD/image-$variant
initrd=$BUILD/initramfs-$arch.cpio.gz
[ -f "$kernel" ] || die "$kernel is missing: run 'ci/build/kernel.sh $variant'"
arch_need "$arch" boot
GUEST_ARCH=$arch "$TOP/ci/build/initramfs.sh" "$initrd"
run() {
	"$TOP/ci/test/qemu-run.py" --arch "$arch" --kernel "$kernel" --initrd "$initrd" "$@"
}

# The balloon device of each machine, and whether its QMP device_del
# works with what the lean config has: arm64's through a PCIe root port
# (pciehp), s390x's virtio-ccw on its own; pseries needs the RPA hotplug
# driver and RTAS events, which ppc64le.config does not have.
tests=balloon-inflate,balloon-oom,balloon-holdoff,balloon-passive
case $arch in
arm64) dev=(--device pcie-root-port,id=rp0,chassis=1
		--device virtio-balloon-pci,id=balloon0,bus=rp0)
	tests=$tests,balloon-unplug ;;
ppc64le) dev=(--device virtio-balloon-pci,id=balloon0) ;;
s390x) dev=(--device virtio-balloon-ccw,id=balloon0)
	tests=$tests,balloon-unplug ;;
*) die "no balloon tests for $arch (KUnit only: ci/test/kunit.sh $variant)" ;;
esac
on=("${dev[@]}")
on[${#on[@]}-1]+=",deflate-on-oom=on"
off=("${dev[@]}")
off[${#off[@]}-1]+=",deflate-on-oom=off"

run --name "$variant" --tests boot --log "$LOGS/$variant-boot.log" --results "$RESULTS" \
	"${on[@]}" --timeout 300 || true
got=$(awk -F'\t' -v n="$variant.boot.page-size" '$2 == n { print $3 }' "$RESULTS")
if [ "${got%% *}" = "$page" ]; then
	result PASS "$variant.page-size-expected" "$got, want $page"
else
	result FAIL "$variant.page-size-expected" "guest reported '${got:-nothing}', want $page"
fi
# As boot-kvm.sh: balloon-passive with 3 memhog cycles, unplug last; but
# each hold-off mode of balloon-passive 3 times (mmp.bench_repeats=3):
# on arm64 64K its first run after balloon-holdoff deflated 656-688
# pages in 4 of 4 runs, the runs after it 800-1008, and mode 0 always
# goes first, so with one run its churn check (mode H within 20% of
# mode 0) failed 2 runs of 5 with no inflation at all. The repeats cost
# about 11 s there.
run --name "$variant-balloon" --log "$LOGS/$variant-balloon.log" --results "$RESULTS" \
	--tests "$tests" --append "mmp.passive_cycles=3 mmp.bench_repeats=3" "${on[@]}" \
	--timeout 600 || true
run --name "$variant-balloon-off" --log "$LOGS/$variant-balloon-off.log" --results "$RESULTS" \
	--tests balloon-oom-off --append "virtio_balloon.oom_holdoff_ms=3000" \
	"${off[@]}" --timeout 300 || true
# The architecture's own CMM balloon on the helper (cmm-oom.sh): s390's
# through the vm.cmm_* sysctls, pseries' in simulate mode (CMM_ARGS_* in
# ci/lib.sh). arm64 has none.
if [ "$arch" != arm64 ]; then
	cmm_args=CMM_ARGS_$arch
	run --name "$variant-cmm" --log "$LOGS/$variant-cmm.log" --results "$RESULTS" \
		--tests cmm-oom --append "${!cmm_args}" --timeout 300 || true
fi
suite_end
