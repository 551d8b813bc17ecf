#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make bench-distro`: the balloon benchmarks (balloon-pagecache,
# balloon-churn; their guest scripts in ci/bench/guest/) on four kernels
# in one run, written to docs/results/distro-balloon.md:
#   lean    build/bzImage-plain, the lean test config, busybox initramfs
#           (what `make bench` measures)
#   fork    the fork's linux-image of `make deb` (Debian's amd64 config),
#           booted into the Debian 12 root of ci/build/debian-root.sh stock
#   stock   Debian's own linux-image of the pinned version (linux/UPSTREAM),
#           from the archive, in the same root (modules from its package)
#   fork-leanargs  the fork's .deb booted with $LEAN_ARGS: the options
#           Debian has and the lean config lacks that a boot argument
#           switches off, switched off (balloon-pagecache only), so that
#           what is left between it and lean is build-time config
# The Debian kernels run balloon-pagecache with the multi-gen LRU on and
# off in the same boot (mmp.bench_mglru=1,0), the option Debian enables
# and the lean config lacks; each kernel's config is kept beside the
# logs for the report's option table. Knobs (environment):
#   BENCH_REPEATS=3           runs a kernel and mode
#   BENCH_DISTRO_MEM_MIB=2048 balloon-pagecache guest RAM (disk 0.65x, keep 0.2x)
#   BENCH_TIMEOUT=90          seconds a balloon-pagecache run may take
#   BENCH_CHURN_MEM_MIB=512, BENCH_CHURN_CYCLES=20, BENCH_HOLDOFF_MS=20000
#                             as in `make bench`
#   BENCH_DISTRO_KERNELS="lean fork fork-leanargs stock"
. "$(dirname "$0")/../lib.sh"

# The lean config has no transparent huge pages, no init_on_alloc, no
# page shuffling, no NUMA and PREEMPT_NONE; Debian's kernel has each, and
# each can be switched off at boot (PREEMPT_DYNAMIC for the preemption
# model). The multi-gen LRU is switched in the guest (mmp.bench_mglru).
LEAN_ARGS="transparent_hugepage=never init_on_alloc=0 page_alloc.shuffle=0 numa=off preempt=none"

repeats=${BENCH_REPEATS:-3}
mem=${BENCH_DISTRO_MEM_MIB:-2048}
tmo=${BENCH_TIMEOUT:-90}
holdoff=${BENCH_HOLDOFF_MS:-20000}
cmem=${BENCH_CHURN_MEM_MIB:-512}
cycles=${BENCH_CHURN_CYCLES:-20}
kernels=${BENCH_DISTRO_KERNELS:-lean fork fork-leanargs stock}
for v in repeats mem tmo holdoff cmem cycles; do
	[[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -gt 0 ] || die "bench knob $v=${!v}: want a positive integer"
done
for k in $kernels; do
	case $k in lean|fork|fork-leanargs|stock) ;;
	*) die "BENCH_DISTRO_KERNELS: unknown kernel '$k' (lean, fork, fork-leanargs, stock)" ;;
	esac
done
data=$BUILD/bench
mkdir -p "$data"
start=$(date +%s)

"$TOP/ci/build/setup.sh" gnuplot-nox
"$TOP/ci/build/kernel.sh" plain
"$TOP/ci/build/initramfs.sh" "$data/initramfs.cpio.gz"
"$TOP/ci/build/deb.sh" || die "make deb failed (above)"
"$TOP/ci/build/debian-root.sh" stock || die "the Debian root with both kernels could not be made (above)"
img=$BUILD/debian-root-stock
load_upstream
stockrel=${UPSTREAM_VERSION%%-*}+deb12-amd64
forkrel=$(dpkg-deb -f "$(ls "$BUILD"/deb/linux-image-*.deb | grep -v -- '-dbg_' | head -n 1)" Package)
forkrel=${forkrel#linux-image-}
cp "$BUILD/obj-plain/.config" "$data/distro-config-lean"
cp "$img/config-$forkrel" "$data/distro-config-fork"
cp "$img/config-$forkrel" "$data/distro-config-fork-leanargs"
cp "$img/config-$stockrel" "$data/distro-config-stock"

# guest NAME KERNEL TESTS MEM TIMEOUT APPEND [QEMU ARGS...]: one boot of
# KERNEL (one of BENCH_DISTRO_KERNELS); a failed run is reported, and its
# numbers are reported as they are.
guest() {
	local name=$1 k=$2 tests=$3 m=$4 t=$5 append=$6 boot
	shift 6
	case $k in
	lean) boot=(--kernel "$BUILD/bzImage-plain" --initrd "$data/initramfs.cpio.gz") ;;
	*)
		local rel=$forkrel
		[ "$k" != stock ] || rel=$stockrel append="$append mmp.balloon_upstream"
		[ "$k" != fork-leanargs ] || append="$append $LEAN_ARGS"
		boot=(--kernel "$img/vmlinuz-$rel" --initrd "$img/initrd.img-$rel"
			--drive "file=$img/root.img,if=virtio,format=raw,snapshot=on")
		append="root=/dev/vda rw systemd.show_status=0 $append"
		t=$((t + 300)) ;;
	esac
	log "$name: $k kernel, $m MiB guest"
	if ! "$TOP/ci/test/qemu-run.py" "${boot[@]}" --name "$name-$k" --tests "$tests" \
		--mem "${m}M" --timeout "$t" --append "$append" \
		--device virtio-balloon-pci,id=balloon0,deflate-on-oom=on "$@" \
		--log "$data/$name-$k.log" > "$data/$name-$k.out" 2>&1; then
		tail -20 "$data/$name-$k.out" >&2
		warn "the $k $name guest failed (see ${data#"$TOP"/}/$name-$k.out); its numbers are reported as they are"
	fi
}

disk=$data/distro-pagecache-$mem.img
rm -f "$disk"
truncate -s "$((mem * 65 / 100))M" "$disk"
for k in $kernels; do
	modes= n=$repeats
	[ "$k" = lean ] || modes=" mmp.bench_mglru=1,0" n=$((2 * repeats))
	guest distro-pagecache "$k" balloon-pagecache "$mem" $((n * (tmo + 150) + 120)) \
		"mmp.bench_repeats=$repeats mmp.bench_timeout=$tmo mmp.bench_keep_pct=20$modes" \
		--drive "file=$disk,format=raw,if=virtio,readonly=on"
	[ "$k" != fork-leanargs ] || continue
	guest distro-churn "$k" balloon-churn "$cmem" $((repeats * (2 * 60 + holdoff / 1000 + 120 + cycles * 2) + 120)) \
		"mmp.bench_repeats=$repeats mmp.holdoff_ms=$holdoff mmp.bench_cycles=$cycles"
done
rm -f "$disk"

python3 "$TOP/ci/bench/report.py" distro-balloon --data "$data" --out "$TOP/docs/results" \
	--command "BENCH_REPEATS=$repeats BENCH_DISTRO_MEM_MIB=$mem BENCH_TIMEOUT=$tmo BENCH_CHURN_MEM_MIB=$cmem BENCH_CHURN_CYCLES=$cycles BENCH_HOLDOFF_MS=$holdoff BENCH_DISTRO_KERNELS=\"$kernels\" make bench-distro" \
	--repeats "$repeats" --mem "$mem" --timeout "$tmo" --holdoff "$holdoff" --leanargs "$LEAN_ARGS" ||
	die "ci/bench/report.py distro-balloon failed"
log "make bench-distro took $(( $(date +%s) - start )) s; result in docs/results/distro-balloon.md"
