#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# `make bench`: the benchmarks (not part of `make check`). Each has one
# name, for BENCH_ONLY, its guest script (ci/bench/guest/NAME.sh), its
# logs (build/bench/NAME*) and its result (docs/results/NAME.{md,png}):
#   balloon-pagecache  the balloon inflating against the page cache
#   balloon-churn      inflate/deflate churn under memhog, hold-off 0 vs 20 s
#   balloon-relief     a program needing more than is free: OOM notifier
#                      vs reclaim trigger
#   blkback-pressure   blkback under dom0 pressure (ci/bench/blkback-pressure.sh)
# Knobs (environment):
#   BENCH_ONLY=balloon-pagecache|balloon-churn|balloon-relief|blkback-pressure
#                                one benchmark (default: all four; the old
#                                pagecache, churn, blkback still work)
#   BENCH_REPEATS=3              runs per kernel (balloon-pagecache) / per
#                                mode (balloon-churn, blkback-pressure)
#   BENCH_MEM_MIB=1024           balloon-pagecache guest RAM (disk = 0.65x, keep 0.2x)
#   BENCH_TIMEOUT=90             seconds a balloon-pagecache run may take to reach the target
#   BENCH_HOLDOFF_MS=20000       balloon-churn's hold-off (vs 0)
#   BENCH_CHURN_MEM_MIB=512      balloon-churn guest RAM
#   BENCH_CHURN_CYCLES=20        memhog's map/unmap cycles a balloon-churn run
#   BENCH_RELIEF_OVER_MIB=64     how far balloon-relief's memhog exceeds MemFree
#   BENCH_XEN_VBDS=8             the blkback-pressure domU's vbds
#   BENCH_XEN_OVER_MIB=16        how far dom0's memhog exceeds MemAvailable
#   BENCH_XEN_KERNELS="fork fork-prop upstream unpopulated"   (see ci/bench/blkback-pressure.sh)
# Kernels, all with the plain config (configs/{common,base,kvm,xen}.config):
# fork = build/bzImage-plain (ci/build/kernel.sh plain, tree HEAD);
# fork-reclaim = the same image booted with the balloon's reclaim trigger
# (virtio_balloon.oom_reclaim_priority=0; the balloon benchmarks run under
# both triggers);
# upstream, shrinker = ci/bench/kernels.sh (see there).
. "$(dirname "$0")/../lib.sh"

only=${BENCH_ONLY:-all}
repeats=${BENCH_REPEATS:-3}
mem=${BENCH_MEM_MIB:-1024}
tmo=${BENCH_TIMEOUT:-90}
holdoff=${BENCH_HOLDOFF_MS:-20000}
cmem=${BENCH_CHURN_MEM_MIB:-512}
cycles=${BENCH_CHURN_CYCLES:-20}
over=${BENCH_RELIEF_OVER_MIB:-64}
case $only in
pagecache) only=balloon-pagecache ;;	# the names before the benchmarks had one
churn) only=balloon-churn ;;
blkback) only=blkback-pressure ;;
all|balloon-pagecache|balloon-churn|balloon-relief|blkback-pressure) ;;
*) die "BENCH_ONLY=$only: balloon-pagecache, balloon-churn, balloon-relief, blkback-pressure or unset" ;;
esac
xkernels=${BENCH_XEN_KERNELS:-fork fork-prop upstream unpopulated}
onlyarg=
[ "$only" = all ] || onlyarg="BENCH_ONLY=$only "
for v in repeats mem tmo holdoff cmem cycles over; do
	[[ ${!v} =~ ^[0-9]+$ ]] && [ "${!v}" -gt 0 ] || die "bench knob $v=${!v}: want a positive integer"
done
out=$TOP/docs/results
data=$BUILD/bench
mkdir -p "$out" "$data"
start=$(date +%s)

# gnuplot for the figures, from Debian's archive.
"$TOP/ci/build/setup.sh" gnuplot-nox

# Kernels: the fork through make kernel's script (incremental), the two
# comparison kernels through ci/bench/kernels.sh (skipped when unchanged).
"$TOP/ci/build/kernel.sh" plain
case $only in
all|balloon-pagecache) "$TOP/ci/bench/kernels.sh" upstream shrinker ;;
blkback-pressure) [[ " $xkernels " != *" upstream "* ]] || "$TOP/ci/bench/kernels.sh" upstream ;;
esac
if [ "$only" = all ] || [ "$only" = blkback-pressure ]; then
	[[ " $xkernels " != *" unpopulated "* ]] || "$TOP/ci/build/kernel.sh" xen-unpopulated
fi
initrd=$data/initramfs.cpio.gz
"$TOP/ci/build/initramfs.sh" "$initrd"

# The kernels' identities for the tables.
{
	echo "fork	$(tree_git rev-parse --short HEAD) $(tree_git log -1 --format=%s HEAD)"
	echo "fork-reclaim	$(tree_git rev-parse --short HEAD) $(tree_git log -1 --format=%s HEAD)"
	for k in upstream shrinker; do
		[ -f "$BUILD/obj-bench-$k/bench-commits" ] || continue
		printf '%s\t%s\n' "$k" "$(tac "$BUILD/obj-bench-$k/bench-commits" | paste -sd'+' | sed 's/+/ + /g')"
	done
} > "$data/kernels.tsv"

# The balloon's two OOM triggers, as boot arguments of the fork's image.
RECLAIM_ARG=virtio_balloon.oom_reclaim_priority=0
trigger_arg() { [ "$1" = reclaim ] && echo " $RECLAIM_ARG"; true; }
# per_trigger NAME GUEST_TIMEOUT WHAT APPEND: guest script NAME on the
# fork's image, a ${cmem} MiB guest with a deflate-on-oom balloon, booted
# once a trigger; logs build/bench/NAME-{oom,reclaim}.log.
per_trigger() {
	local t
	for t in oom reclaim; do
		log "$1: fork kernel, $t trigger, ${cmem} MiB guest, $3"
		run_guest "$data/$1-$t.log" --kernel "$BUILD/bzImage-plain" --name "$1-$t" \
			--tests "$1" --mem "${cmem}M" --timeout "$2" --append "$4$(trigger_arg $t)" \
			--device virtio-balloon-pci,id=balloon0,deflate-on-oom=on
	done
}

run_guest() { # LOG ARGS...: a failed run is reported and kept in the results
	local logf=$1; shift
	if ! "$TOP/ci/test/qemu-run.py" --initrd "$initrd" --log "$logf" "$@" > "$logf.out" 2>&1; then
		tail -20 "$logf.out" >&2
		warn "a benchmark guest failed (see ${logf#"$TOP"/}.out); its numbers are reported as they are"
	fi
}

if [ "$only" = all ] || [ "$only" = balloon-pagecache ]; then
	disk=$data/balloon-pagecache-$mem.img
	disk_mib=$(( mem * 65 / 100 ))
	rm -f "$disk"
	truncate -s "${disk_mib}M" "$disk"
	gt=$(( repeats * (tmo + 150) + 120 ))
	for k in fork fork-reclaim upstream shrinker; do
		kernel=$BUILD/bzImage-bench-$k extra=
		case $k in
		fork) kernel=$BUILD/bzImage-plain ;;
		fork-reclaim) kernel=$BUILD/bzImage-plain extra=$(trigger_arg reclaim) ;;
		esac
		log "balloon-pagecache: $k kernel, ${mem} MiB guest, ${disk_mib} MiB disk, $repeats runs (timeout $tmo s each)"
		run_guest "$data/balloon-pagecache-$k.log" --kernel "$kernel" --name "balloon-pagecache-$k" \
			--tests balloon-pagecache --mem "${mem}M" --timeout "$gt" \
			--append "mmp.bench_repeats=$repeats mmp.bench_timeout=$tmo mmp.bench_keep_pct=20$extra" \
			--device virtio-balloon-pci,id=balloon0,deflate-on-oom=on \
			--drive "file=$disk,format=raw,if=virtio,readonly=on"
	done
	rm -f "$disk"
	python3 "$TOP/ci/bench/report.py" balloon-pagecache --data "$data" --out "$out" \
		--command "${onlyarg}BENCH_REPEATS=$repeats BENCH_MEM_MIB=$mem BENCH_TIMEOUT=$tmo make bench" \
		--repeats "$repeats" --mem "$mem" --timeout "$tmo" || die "ci/bench/report.py balloon-pagecache failed"
fi

if [ "$only" = all ] || [ "$only" = balloon-churn ]; then
	gt=$(( repeats * (2 * 60 + holdoff / 1000 + 120 + cycles * 2) + 120 ))
	per_trigger balloon-churn "$gt" "hold-off 0 vs $holdoff ms, $repeats runs each" \
		"mmp.bench_repeats=$repeats mmp.holdoff_ms=$holdoff mmp.bench_cycles=$cycles"
	python3 "$TOP/ci/bench/report.py" balloon-churn --data "$data" --out "$out" \
		--command "${onlyarg}BENCH_REPEATS=$repeats BENCH_HOLDOFF_MS=$holdoff BENCH_CHURN_MEM_MIB=$cmem BENCH_CHURN_CYCLES=$cycles make bench" \
		--repeats "$repeats" --mem "$cmem" --holdoff "$holdoff" || die "ci/bench/report.py balloon-churn failed"
fi
if [ "$only" = all ] || [ "$only" = balloon-relief ]; then
	gt=$(( repeats * 300 + 120 ))
	per_trigger balloon-relief "$gt" "memhog $over MiB past MemFree, $repeats runs" \
		"mmp.bench_repeats=$repeats mmp.bench_over_mib=$over"
	python3 "$TOP/ci/bench/report.py" balloon-relief --data "$data" --out "$out" \
		--command "${onlyarg}BENCH_REPEATS=$repeats BENCH_CHURN_MEM_MIB=$cmem BENCH_RELIEF_OVER_MIB=$over make bench" \
		--repeats "$repeats" --mem "$cmem" --over "$over" || die "ci/bench/report.py balloon-relief failed"
fi
if [ "$only" = all ] || [ "$only" = blkback-pressure ]; then
	BENCH_REPEATS=$repeats BENCH_XEN_KERNELS=$xkernels "$TOP/ci/bench/blkback-pressure.sh"
	python3 "$TOP/ci/bench/report.py" blkback-pressure --data "$data" --out "$out" \
		--command "${onlyarg}BENCH_REPEATS=$repeats BENCH_XEN_VBDS=${BENCH_XEN_VBDS:-8} BENCH_XEN_OVER_MIB=${BENCH_XEN_OVER_MIB:-16} BENCH_XEN_KERNELS=\"$xkernels\" make bench" \
		--repeats "$repeats" --mem 512 --vbds "${BENCH_XEN_VBDS:-8}" --over "${BENCH_XEN_OVER_MIB:-16}" || die "ci/bench/report.py blkback-pressure failed"
fi
log "make bench took $(( $(date +%s) - start )) s; results in docs/results/"
