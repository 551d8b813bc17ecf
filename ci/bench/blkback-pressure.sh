#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The blkback-pressure benchmark of `make bench`
# (BENCH_ONLY=blkback-pressure runs it alone): Xen boots each kernel as PV
# dom0 with dom0_mem=512M,max:512M and a PV domU with BENCH_XEN_VBDS vbds;
# dom0 runs a memory hog for BENCH_XEN_OVER_MIB (16) MiB more than it has
# available, against zram swap, once per squeeze duration and repeat, with
# the pools as a burst of domU I/O left them, and once more with the
# domU's dd running through the round
# (ci/bench/guest/blkback-pressure.sh, dom0's part in its phase_* functions);
# then the domU times dd with max_buffer_pages 1024 and 0. Raw console logs go to
# build/bench/blkback-pressure-<kernel>.log; ci/bench/report.py
# blkback-pressure writes docs/results/blkback-pressure.md.
# Kernels (BENCH_XEN_KERNELS, default "fork fork-prop upstream unpopulated"):
#   fork         build/bzImage-plain, squeeze durations 0 and 10 ms
#   fork-prop    the same image with xen_blkback.buffer_squeeze_proportional=1
#                (the proportional squeeze), 10 ms (0 is fork's off)
#   upstream     build/bzImage-bench-upstream (ci/bench/kernels.sh), its
#                default 10 ms (the xenbus shrinker opens the window)
#   unpopulated  build/bzImage-xen-unpopulated (the fork with ZONE_DEVICE
#                and CONFIG_XEN_UNPOPULATED_ALLOC), durations 0 and 10 ms
# max:512M leaves dom0's balloon without spare frames, so with
# XEN_UNPOPULATED_ALLOC off the pool's pages are RAM that dom0 gives up
# (docs/xen.md): the case the seed measured.
. "$(dirname "$0")/../lib.sh"
repeats=${BENCH_REPEATS:-3}
vbds=${BENCH_XEN_VBDS:-8}
over=${BENCH_XEN_OVER_MIB:-16}
kernels=${BENCH_XEN_KERNELS:-fork fork-prop upstream unpopulated}
data=$BUILD/bench
mkdir -p "$data"
[[ $vbds =~ ^[1-8]$ ]] || die "BENCH_XEN_VBDS=$vbds: want 1 to 8"
[[ $over =~ ^[0-9]+$ ]] || die "BENCH_XEN_OVER_MIB=$over: want MiB"

for k in $kernels; do
	extra=
	case $k in
	fork) kernel=$BUILD/bzImage-plain modes=0,10 ;;
	fork-prop) kernel=$BUILD/bzImage-plain modes=10 extra=" xen_blkback.buffer_squeeze_proportional=1" ;;
	upstream) kernel=$BUILD/bzImage-bench-upstream modes=10 ;;
	unpopulated) kernel=$BUILD/bzImage-xen-unpopulated modes=0,10 ;;
	*) die "BENCH_XEN_KERNELS: unknown kernel '$k' (fork, fork-prop, upstream, unpopulated)" ;;
	esac
	[ -f "$kernel" ] || die "$kernel is missing (make bench builds it)"
	initrd=$data/blkback-pressure-dom0-$k.cpio
	"$TOP/ci/build/xen-inputs.sh" "$kernel" "$initrd" > "$data/blkback-pressure-inputs-$k.log" 2>&1 ||
		{ tail -20 "$data/blkback-pressure-inputs-$k.log" >&2; die "xen-inputs failed for $k"; }
	nmodes=$(echo "$modes" | tr , '\n' | wc -l)
	rounds=$((repeats * nmodes))
	# Boot and domU start ~4 min; a round ~1.5 min under TCG, each run
	# idle and with the domU's I/O; dd 1 min.
	tmo=$(( 300 + 2 * rounds * 180 + repeats * 60 ))
	log "blkback-pressure: $k kernel, $vbds vbds, durations $modes ms, $repeats repeats (timeout $tmo s)"
	if ! "$TOP/ci/test/qemu-run.py" --xen "$BUILD/xen/xen-4.17" --kernel "$kernel" \
		--initrd "$initrd" --name "blkback-pressure-$k" \
		--tests blkback-pressure --domu-tests blkback-pressure \
		--xen-append "dom0_mem=${BENCH_XEN_DOM0_MEM:-512M,max:512M}" \
		--append "xen_blkback.feature_persistent=0$extra mmp.bench_repeats=$repeats mmp.bench_modes=$modes mmp.bench_over_mib=$over mmp.domu_vbds=$vbds mmp.domu_timeout=$((tmo - 60)) mmp.domu_append=mmp.bench_rounds=$rounds,mmp.bench_repeats=$repeats" \
		--log "$data/blkback-pressure-$k.log" --timeout "$tmo" > "$data/blkback-pressure-$k.out" 2>&1; then
		tail -20 "$data/blkback-pressure-$k.out" >&2
		warn "the $k blkback-pressure run failed (see ${data#"$TOP"/}/blkback-pressure-$k.out); its numbers are reported as they are"
	fi
	{
		printf '%s\t%s\t' "$k" "$modes"
		grep -c '^CONFIG_XEN_UNPOPULATED_ALLOC=y' "$(dirname "$kernel")/obj-${kernel##*/bzImage-}/.config" || true
	} > "$data/blkback-pressure-$k.kernel"
done
