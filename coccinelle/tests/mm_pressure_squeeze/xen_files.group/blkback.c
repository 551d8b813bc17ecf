// SPDX-License-Identifier: GPL-2.0
#include <linux/kthread.h>
#include "common.h"

static int max_buffer_pages = 1024;

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

static int __init xen_blkif_init(void)
{
	return xen_blkif_xenbus_init();
}
module_init(xen_blkif_init);
