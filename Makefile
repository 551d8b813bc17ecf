# SPDX-License-Identifier: GPL-2.0
# mm-pressure: a Linux 6.12 fork carrying a memory-pressure policy helper.
# `make` builds the kernel (installing what it needs); `make check` runs
# every test. See README.md for every target.

CI := ci
VARIANT ?= plain

.PHONY: all deps tree refresh roundtrip series debian-patches deb boot-debian kernel initramfs \
	boot-kvm boot-modules distro-objs boot-xen kunit static runner-test cocci-test bench bench-distro bench-micro xen-unpopulated kcsan soak check check-clean-room bisect matrix cmm-parity clean distclean help

all: kernel

help:
	@sed -n 's/^## \(make .*\)/\1/p' README.md

deps:
	$(CI)/build/setup.sh

tree: deps
	$(CI)/build/tree.sh

# Regenerate linux/patches, linux/series and mm-pressure-core/ from the
# commits in build/linux.
refresh:
	$(CI)/build/refresh.sh

roundtrip: tree
	$(CI)/build/roundtrip.sh

series: tree
	$(CI)/build/series.sh

# The series as Debian's kernel team carries it (DEP-3 headers, new files
# included, a series fragment), checked with quilt push -a --fuzz=0.
debian-patches: tree
	$(CI)/build/debian-patches.sh

# The fork as Debian packages (bindeb-pkg) with Debian's amd64 config,
# reduced by localmodconfig to configs/debian-vm.modules: build/deb/.
deb: tree
	$(CI)/build/deb.sh

# Every commit of the series builds on its own (plain config), and the C
# files it touches have no new W=1 warning.
bisect: tree
	$(CI)/build/bisect.sh

kernel: kernel-plain

# kernel-plain, kernel-debug (KVM + KUnit tests), kernel-debug-xen (Xen and
# module tests)
kernel-%: tree
	$(CI)/build/kernel.sh $*

initramfs: tree
	$(CI)/build/initramfs.sh

# Boots build/bzImage-$(VARIANT) (plain unless VARIANT=debug); ACCEL=kvm
# to use KVM where it works.
boot-kvm: kernel-$(VARIANT)
	VARIANT=$(VARIANT) $(CI)/test/boot-kvm.sh

# The helper's users as modules (the debug-xen image): load by modalias,
# unload and reload with the balloon inflated, the KUnit suite as a module.
boot-modules: kernel-debug-xen
	$(CI)/test/boot-modules.sh

# The .deb installed into a Debian 12 root (mmdebstrap), booted with
# systemd and udev: system state, udev's module load, balloon, reload.
boot-debian: deb
	$(CI)/test/boot-debian.sh

# Debian's own config (linux-config-6.12), only the objects and modules
# the series touches; DISTRO_ARCH=amd64 (default), arm64, ppc64el, s390x.
distro-objs: tree
	$(CI)/build/distro-objs.sh $(or $(DISTRO_ARCH),amd64)

kunit: kernel-debug
	$(CI)/test/kunit.sh

static: kernel-debug
	$(CI)/test/static.sh

# How ci/test/qemu-run.py judges a console (KTAP, splats, timeouts), on
# consoles written by ci/test/runner-test.py.
runner-test: tree
	python3 $(CI)/test/runner-test.py

# The semantic patches against their test cases (coccinelle/tests/).
cocci-test: deps
	coccinelle/run-tests.sh

# Xen under QEMU (TCG only): build/bzImage-$(VARIANT) as PV dom0 and domU.
# A KASAN kernel does not boot as dom0: use VARIANT=plain or debug-xen.
boot-xen: kernel-$(VARIANT)
	VARIANT=$(VARIANT) $(CI)/test/boot-xen.sh

# The balloon benchmarks on the lean config, on the fork's .deb and on
# Debian's own kernel in a Debian 12 root (docs/results/distro-balloon.md).
bench-distro: tree
	$(CI)/bench/distro.sh

# The cost of the helper's hot paths, under UML (docs/results/micro.md).
bench-micro: tree
	$(CI)/bench/micro.sh

xen-unpopulated: tree
	$(CI)/build/kernel.sh plain
	$(CI)/build/kernel.sh xen-unpopulated
	$(CI)/bench/xen-unpopulated.sh

# Balloon and blkback benchmarks, fork vs upstream (docs/results/).
bench: tree
	$(CI)/bench/run.sh

check:
	$(CI)/test/check.sh

# The KCSAN kernel (strict mode): the KUnit stress on every vCPU, then the
# OOM storm; 0 KCSAN reports (KCSAN_STRESS_MS, KCSAN_STORM_S, KCSAN_SMP).
kcsan: kernel-kcsan
	$(CI)/test/boot-kcsan.sh

# The reliability scenarios for SOAK_MIN minutes of load (default 5):
# KCSAN stress and storm, the balloon's probe faults and the OOM storm on
# the debug kernel, Xen vbd cycles under dom0 pressure and blkback's
# faults; writes docs/results/soak.md.
soak:
	$(CI)/test/soak.sh

# Foreign guests (arm64 4K/64K, ppc64le 64K, s390x, i386), cross-built
# and booted under QEMU TCG: docs/results/matrix.md. MATRIX="arm64-64k"
# picks variants.
matrix: tree
	ARCHES=all $(CI)/build/setup.sh
	$(CI)/test/matrix.sh

# The CMM balloons (s390x, ppc64le pseries) on the fork and on the 6.12
# driver, same guest test: docs/results/cmm-parity.md. CMM_ARCHES picks.
cmm-parity: tree
	ARCHES="s390x ppc64le" $(CI)/build/setup.sh
	$(CI)/test/cmm-parity.sh

# The quick start, `make`, from a clean clone of HEAD in a brand-new
# Debian 12 minbase root under build/clean-room/ (CLEAN_ROOM=DIR).
check-clean-room:
	$(CI)/test/clean-room.sh

clean:
	rm -rf build/obj-* build/bzImage-* build/initramfs* build/results build/logs \
		build/series build/image-* build/image build/guest-bin

# Also drops build/linux, with any commits not yet refreshed into linux/.
distclean:
	rm -rf build
