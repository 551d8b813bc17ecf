// SPDX-License-Identifier: GPL-2.0
/*
 * The seed patch (xen-blkback aggressive shrink v1): a global deadline
 * stamped by a count-only shrinker and read by the worker.
 */
#include <linux/module.h>
#include <linux/mm_pressure.h>
#include <linux/kthread.h>

static int xen_blkif_max_buffer_pages = 1024;
module_param_named(max_buffer_pages, xen_blkif_max_buffer_pages, int, 0644);

/*
 * Once a memory pressure is detected, keep aggressive shrinking of the free
 * page pools for this time (milliseconds)
 */
static struct mm_pressure_squeeze xen_blk_mem_pressure_squeeze = {
	.name = KBUILD_MODNAME,
	.duration_ms = 10,
};
module_param_named(aggressive_shrinking_duration,
		   xen_blk_mem_pressure_squeeze.duration_ms, uint, 0644);
MODULE_PARM_DESC(aggressive_shrinking_duration,
"Duration in ms to do aggressive shrinking when a memory pressure is detected");

int xen_blkif_schedule(void *arg)
{
	struct xen_blkif_ring *ring = arg;

	while (!kthread_should_stop()) {
		do_block_io_op(ring);

		/* Shrink the free pages pool if it is too large. */
		if (mm_pressure_squeezing(&xen_blk_mem_pressure_squeeze))
			shrink_free_pagepool(ring, 0);
		else
			shrink_free_pagepool(ring, xen_blkif_max_buffer_pages);
	}
	return 0;
}

static int __init xen_blkif_init(void)
{
	int rc = 0;

	rc = xen_blkif_interface_init();
	if (rc)
		goto failed_init;

	if (mm_pressure_squeeze_register(&xen_blk_mem_pressure_squeeze))
		pr_warn("shrinker registration failed\n");

failed_init:
	return rc;
}
