// SPDX-License-Identifier: GPL-2.0
/*
 * Output of mm_pressure_squeeze.cocci on tests/mm_pressure_squeeze/xen_unit.c:
 * the squeeze registered in front of the xenbus driver, unregistered after
 * it and when the driver fails to register. No report.
 */
#include <linux/module.h>
#include <linux/mm_pressure.h>
#include <xen/xenbus.h>

struct xen_blkif {
	domid_t			domid;
	unsigned int		nr_rings;
};

/* Once a memory pressure is detected, squeeze free page pools for a while. */
static void xen_blkbk_squeeze_opened(struct mm_pressure_squeeze *sq)
{
	/* A window opened: wake the threads that check it, or drop this. */
}
struct mm_pressure_squeeze xen_blkbk_squeeze = {
	.name = KBUILD_MODNAME,
	.duration_ms = 10,
	.opened = xen_blkbk_squeeze_opened,
};
module_param_named(buffer_squeeze_duration_ms, xen_blkbk_squeeze.duration_ms,
		   uint, 0644);
MODULE_PARM_DESC(buffer_squeeze_duration_ms,
"Duration in ms to squeeze pages buffer when a memory pressure is detected");

static struct xenbus_driver xen_blkbk_driver = {
	.ids  = xen_blkbk_ids,
	.probe = xen_blkbk_probe,
	.remove = xen_blkbk_remove,
	.otherend_changed = frontend_changed,
	.allow_rebind = true,
};

int xen_blkif_xenbus_init(void)
{
	int err = mm_pressure_squeeze_register(&xen_blkbk_squeeze);

	if (err)
		return err;
	err = xenbus_register_backend(&xen_blkbk_driver);
	if (err)
		mm_pressure_squeeze_unregister(&xen_blkbk_squeeze);
	return err;
}

void xen_blkif_xenbus_fini(void)
{
	xenbus_unregister_driver(&xen_blkbk_driver);
	mm_pressure_squeeze_unregister(&xen_blkbk_squeeze);
}

int xen_blkif_schedule(void *arg)
{
	struct xen_blkif_ring *ring = arg;
	struct xen_blkif *blkif = ring->blkif;

	while (!kthread_should_stop()) {
		/* Shrink the free pages pool if it is too large. */
		if (mm_pressure_squeezing(&xen_blkbk_squeeze))
			gnttab_page_cache_shrink(&ring->free_pages, 0);
		else
			gnttab_page_cache_shrink(&ring->free_pages,
						 max_buffer_pages);
	}
	return 0;
}
