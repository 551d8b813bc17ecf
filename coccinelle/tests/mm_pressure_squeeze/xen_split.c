// SPDX-License-Identifier: GPL-2.0
/*
 * The 6.12 Xen form, folded into one file for the test: a count-only
 * shrinker that calls every backend's reclaim_memory(), a reclaim_memory()
 * that stamps a per-device deadline, and the worker's check. Upstream these
 * live in three files. The structure that declares the deadline is not in
 * this unit (as when spatch sees xenbus.c alone, the way make coccicheck
 * runs it): patch mode does not touch it, report mode flags all three
 * sites.
 */
#include <linux/module.h>
#include <xen/xenbus.h>

static unsigned int buffer_squeeze_duration_ms = 10;
module_param_named(buffer_squeeze_duration_ms,
		   buffer_squeeze_duration_ms, int, 0644);

static unsigned long backend_shrink_memory_count(struct shrinker *shrinker,
				struct shrink_control *sc)
{
	bus_for_each_dev(&xenbus_backend.bus, NULL, NULL,
			backend_reclaim_memory);
	return 0;
}

static int __init xenbus_probe_backend_init(void)
{
	struct shrinker *backend_memory_shrinker;

	backend_memory_shrinker = shrinker_alloc(0, "xen-backend");
	if (!backend_memory_shrinker) {
		pr_warn("shrinker allocation failed\n");
		return 0;
	}
	backend_memory_shrinker->count_objects = backend_shrink_memory_count;
	shrinker_register(backend_memory_shrinker);
	return 0;
}

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
		if (time_before(jiffies, blkif->buffer_squeeze_end))
			gnttab_page_cache_shrink(&ring->free_pages, 0);
		else
			gnttab_page_cache_shrink(&ring->free_pages,
						 max_buffer_pages);
	}
	return 0;
}
