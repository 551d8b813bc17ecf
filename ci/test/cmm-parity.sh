#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Usage: [CMM_ARCHES="s390x ppc64le"] ci/test/cmm-parity.sh
# `make cmm-parity`: the CMM guest test (cmm-oom.sh) on the fork's image
# of each architecture (build/image-VARIANT, ci/build/kernel.sh) and on
# the same lean config built from the untouched base (the `upstream` tag
# of build/linux, in a throwaway worktree), whose CMM driver has its own
# OOM notifier: mmp.cmm_upstream tells the test not to read the helper's
# counters. The two must agree on what the guest sees: no OOM kill, the
# pages released, the driver's own no-refill rule. Writes
# docs/results/cmm-parity.md from the tests' MMP-PARITY lines.
. "$(dirname "$0")/../lib.sh"
arches=${CMM_ARCHES:-s390x ppc64le}
out=$TOP/docs/results/cmm-parity.md
wt=$BUILD/cmm-upstream/src
suite_begin cmm-parity
tree_git rev-parse -q --verify upstream > /dev/null ||
	die "build/linux has no 'upstream' tag: run 'make tree'"
rows=()

for arch in $arches; do
	case $arch in
	s390x) variant=s390x ;;
	ppc64le) variant=ppc64le-64k ;;
	*) die "no CMM driver on $arch (s390x or ppc64le)" ;;
	esac
	arch_need "$arch" boot
	cmdline=CMM_ARGS_$arch cmdline=${!cmdline}
	"$TOP/ci/build/kernel.sh" "$variant"
	# The upstream image: the fork's fragments but the KUnit suite,
	# which upstream does not have.
	obj=$BUILD/obj-$variant-upstream
	tree_git worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"
	tree_git worktree prune
	mkdir -p "$(dirname "$wt")"
	tree_git worktree add -q --detach "$wt" upstream
	frags=("$TOP/configs/common.config" "$TOP/configs/${arch}.config" "$TOP/configs/virtio.config")
	TREE=$wt KCONFIG_ARCH=$arch "$TOP/ci/build/kconfig.sh" "$obj" "${frags[@]}"
	grep -q '^CONFIG_MM_PRESSURE=y' "$obj/.config" &&
		die "the upstream $arch config has CONFIG_MM_PRESSURE: the worktree is not upstream"
	kernel_build "$wt" "$obj" "$variant-upstream" "$(tree_git log -1 --format=%cd upstream)" "$arch"
	tree_git worktree remove --force "$wt"
	tree_git worktree prune

	initrd=$BUILD/initramfs-$arch.cpio.gz
	GUEST_ARCH=$arch "$TOP/ci/build/initramfs.sh" "$initrd"
	for k in fork upstream; do
		if [ $k = fork ]; then kernel=$BUILD/image-$variant extra=; else kernel=$obj/$KIMAGE extra=mmp.cmm_upstream; fi
		log "cmm-parity: $arch $k"
		"$TOP/ci/test/qemu-run.py" --arch "$arch" --kernel "$kernel" --initrd "$initrd" \
			--name "cmm-$arch-$k" --tests cmm-oom --append "$cmdline $extra" --timeout 300 \
			--log "$LOGS/cmm-parity-$arch-$k.log" --results "$RESULTS" || true
		while read -r line; do
			rows+=("| $arch | $k | $(echo "$line" | sed 's/^MMP-PARITY //; s/ /, /g') |")
		done < <(grep -a '^MMP-PARITY cmm-oom' "$LOGS/cmm-parity-$arch-$k.log" | tr -d '\r')
		checks=$(awk -F'\t' -v p="cmm-$arch-$k." 'index($2, p) == 1 { n++; if ($1 == "PASS") ok++ } END { printf "%d/%d", ok, n }' "$RESULTS")
		rows+=("| $arch | $k | checks passed: $checks |")
	done
done

{
	echo "# CMM balloons: the fork's port against the 6.12 driver"
	echo
	echo "Written by \`make cmm-parity\` (ci/test/cmm-parity.sh) on $(date -u +%Y-%m-%d), tree"
	echo "$(tree_git log -1 --format='%h (%s)'), repository $(git -C "$TOP" rev-parse --short HEAD)."
	echo "The guest test ci/test/guest/tests/cmm-oom.sh on each architecture's"
	echo "lean guest, under QEMU $(qemu-system-x86_64 --version | sed -n '1s/.*version \([^ ]*\).*/\1/p') TCG, 512 MiB: the fork's image"
	echo "(build/image-VARIANT) and the same fragments built from the untouched"
	echo "base (\`upstream\`), where the driver has its own OOM notifier and the"
	echo "test skips the helper's counters. One run of each. s390x: the sysctls,"
	echo "512 timed pages; ppc64le: pseries with cmm.simulate=1, 64K pages."
	echo
	echo "| arch | kernel | what the guest saw |"
	echo "| --- | --- | --- |"
	printf '%s\n' "${rows[@]}"
} > "$out"
log "wrote ${out#"$TOP"/}"
cat "$out"
suite_end
