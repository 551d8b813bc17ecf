# SPDX-License-Identifier: GPL-2.0
# Sourced by the fault-injection tests (balloon-faults.sh,
# xen-blkback-faults.sh; not a test itself): failslab and
# fail_page_alloc, driven through /proc/<pid>/fail-nth.
FI=/sys/kernel/debug

# fi_setup: sleeping allocations (the probes' are GFP_KERNEL) and order 0
# fail too; no failure is reported on the console: the tests count them.
fi_setup() {
	local f
	for f in failslab fail_page_alloc; do
		echo N > $FI/$f/ignore-gfp-wait
		echo 0 > $FI/$f/verbose
	done
	echo N > $FI/fail_page_alloc/ignore-gfp-highmem
	echo 0 > $FI/fail_page_alloc/min-order
}

# fi_require START END: a fail-nth check counts only when the allocation's
# stack passes through [START, END) (CONFIG_FAULT_INJECTION_STACKTRACE_FILTER,
# within the default stacktrace-depth of 32 frames). No arguments: every
# stack again.
fi_require() {
	local f
	for f in failslab fail_page_alloc; do
		echo ${1:-0} > $FI/$f/require-start
		echo ${2:-0xffffffffffffffff} > $FI/$f/require-end
	done
}
