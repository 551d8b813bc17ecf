// SPDX-License-Identifier: GPL-2.0
/* virtio_balloon shape: notifier_block member, container_of(). */
#include <linux/oom.h>
#include <linux/mm_pressure.h>
#include <linux/virtio.h>

#define BALLOON_OOM_NR_PAGES 256
#define BALLOON_OOM_PRIORITY 80

struct balloon {
	struct virtio_device *vdev;
	unsigned int num_pages;
	struct mm_pressure_oom oom_nb;
};

static unsigned long balloon_oom_notify(struct mm_pressure_oom *mpo,
					unsigned long nr_units)
{
	struct balloon *vb = container_of(mpo, struct balloon, oom_nb);
	unsigned long released = 0;

	released += leak_balloon(vb, nr_units);
	update_balloon_size(vb);

	return released;
}

static int balloon_probe(struct virtio_device *vdev)
{
	struct balloon *vb;
	int err;

	vb = kzalloc(sizeof(*vb), GFP_KERNEL);
	if (!vb)
		return -ENOMEM;
	vb->oom_nb.name = KBUILD_MODNAME;
	vb->oom_nb.priority = BALLOON_OOM_PRIORITY;
	vb->oom_nb.batch = BALLOON_OOM_NR_PAGES;
	vb->oom_nb.unit_shift = PAGE_SHIFT - ilog2(BALLOON_PAGES_PER_PAGE);
	vb->oom_nb.release = balloon_oom_notify;
	err = mm_pressure_oom_register(&vb->oom_nb);
	if (err < 0)
		goto out_free;
	err = balloon_init_vqs(vb);
	if (err)
		goto out_unregister_oom;
	return 0;

out_unregister_oom:
	mm_pressure_oom_unregister(&vb->oom_nb);
out_free:
	kfree(vb);
	return err;
}

static void balloon_remove(struct virtio_device *vdev)
{
	struct balloon *vb = vdev->priv;

	mm_pressure_oom_unregister(&vb->oom_nb);
	kfree(vb);
}
