// SPDX-License-Identifier: GPL-2.0
/*
 * The hand port of xen-blkback (ported_xen_blkback.c) with one mistake: a
 * failing xen_blkif_xenbus_init() jumps to the exit label without
 * unregistering the squeeze. Reported.
 */
#include <linux/module.h>
#include <linux/mm_pressure.h>

static LIST_HEAD(xen_blkbk_squeeze_rings);
static DEFINE_SPINLOCK(xen_blkbk_squeeze_lock);

static void xen_blkbk_squeeze_opened(struct mm_pressure_squeeze *sq)
{
	struct xen_blkif_ring *ring;

	spin_lock(&xen_blkbk_squeeze_lock);
	list_for_each_entry(ring, &xen_blkbk_squeeze_rings, squeeze_node)
		wake_up(&ring->wq);
	spin_unlock(&xen_blkbk_squeeze_lock);
}

static struct mm_pressure_squeeze xen_blkbk_squeeze = {
	.name = "xen-blkback",
	.duration_ms = 10,
	.opened = xen_blkbk_squeeze_opened,
};
module_param_named(buffer_squeeze_duration_ms, xen_blkbk_squeeze.duration_ms,
		   uint, 0644);

int xen_blkif_schedule(void *arg)
{
	struct xen_blkif_ring *ring = arg;

	while (!kthread_should_stop()) {
		if (mm_pressure_squeezing(&xen_blkbk_squeeze))
			gnttab_page_cache_shrink(&ring->free_pages, 0);
		else
			gnttab_page_cache_shrink(&ring->free_pages,
						 max_buffer_pages);
	}
	return 0;
}

static int __init xen_blkif_init(void)
{
	int rc = 0;

	if (!xen_domain())
		return -ENODEV;

	rc = xen_blkif_interface_init();
	if (rc)
		goto failed_init;

	rc = mm_pressure_squeeze_register(&xen_blkbk_squeeze);
	if (rc)
		goto failed_init;

	rc = xen_blkif_xenbus_init();
	if (rc)
		goto failed_init;

 failed_init:
	return rc;
}
module_init(xen_blkif_init);

static void __exit xen_blkif_fini(void)
{
	xen_blkif_xenbus_fini();
	mm_pressure_squeeze_unregister(&xen_blkbk_squeeze);
	xen_blkif_interface_fini();
}
module_exit(xen_blkif_fini);
