// SPDX-License-Identifier: GPL-2.0
/*
 * The 6.12 Xen form with everything the conversion needs in one unit: the
 * structure that holds the per-device deadline, the reclaim_memory()
 * callback that stamps it from a module parameter, the driver's
 * registration, and the worker's check (upstream: common.h, xenbus.c and
 * blkback.c given to spatch together), except that the driver is never
 * registered here: there is nowhere to register the squeeze, so nothing is
 * converted.
 */
#include <linux/module.h>
#include <xen/xenbus.h>

struct xen_blkif {
	domid_t			domid;
	unsigned int		nr_rings;

	unsigned long		buffer_squeeze_end;
};

/* Once a memory pressure is detected, squeeze free page pools for a while. */
static unsigned int buffer_squeeze_duration_ms = 10;
module_param_named(buffer_squeeze_duration_ms,
		buffer_squeeze_duration_ms, int, 0644);
MODULE_PARM_DESC(buffer_squeeze_duration_ms,
"Duration in ms to squeeze pages buffer when a memory pressure is detected");

/*
 * Callback received when the memory pressure is detected.
 */
static void reclaim_memory(struct xenbus_device *dev)
{
	struct backend_info *be = dev_get_drvdata(&dev->dev);

	if (!be)
		return;
	be->blkif->buffer_squeeze_end = jiffies +
		msecs_to_jiffies(buffer_squeeze_duration_ms);
}

static struct xenbus_driver xen_blkbk_driver = {
	.ids  = xen_blkbk_ids,
	.probe = xen_blkbk_probe,
	.remove = xen_blkbk_remove,
	.otherend_changed = frontend_changed,
	.allow_rebind = true,
	.reclaim_memory = reclaim_memory,
};

int xen_blkif_schedule(void *arg)
{
	struct xen_blkif_ring *ring = arg;
	struct xen_blkif *blkif = ring->blkif;

	while (!kthread_should_stop()) {
		/* Shrink the free pages pool if it is too large. */
		if (time_before(jiffies, blkif->buffer_squeeze_end))
			gnttab_page_cache_shrink(&ring->free_pages, 0);
		else
			gnttab_page_cache_shrink(&ring->free_pages,
						 max_buffer_pages);
	}
	return 0;
}
