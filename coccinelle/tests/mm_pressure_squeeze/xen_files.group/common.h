/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The 6.12 Xen form in its three files, cut down from xen-blkback:
 * common.h declares the per-device deadline, xenbus.c stamps it from
 * reclaim_memory(), blkback.c reads it. Given to spatch together they are
 * converted; one file at a time nothing changes.
 */
#ifndef __XEN_BLKIF__BACKEND__COMMON_H__
#define __XEN_BLKIF__BACKEND__COMMON_H__

#include <linux/module.h>
#include <xen/xenbus.h>

struct xen_blkif_ring {
	struct gnttab_page_cache free_pages;
	struct xen_blkif	*blkif;
};

struct xen_blkif {
	domid_t			domid;
	struct xen_blkif_ring	*rings;
	unsigned int		nr_rings;

	unsigned long		buffer_squeeze_end;
};

int xen_blkif_xenbus_init(void);
void xen_blkif_xenbus_fini(void);

#endif /* __XEN_BLKIF__BACKEND__COMMON_H__ */
