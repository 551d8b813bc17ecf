// SPDX-License-Identifier: GPL-2.0
/* virtio_balloon shape: notifier_block member, container_of(). */
#include <linux/oom.h>
#include <linux/virtio.h>

#define BALLOON_OOM_NR_PAGES 256
#define BALLOON_OOM_PRIORITY 80

struct balloon {
	struct virtio_device *vdev;
	unsigned int num_pages;
	struct notifier_block oom_nb;
};

static int balloon_oom_notify(struct notifier_block *nb,
			      unsigned long dummy, void *parm)
{
	struct balloon *vb = container_of(nb, struct balloon, oom_nb);
	unsigned long *freed = parm;

	*freed += leak_balloon(vb, BALLOON_OOM_NR_PAGES) /
		  BALLOON_PAGES_PER_PAGE;
	update_balloon_size(vb);

	return NOTIFY_OK;
}

static int balloon_probe(struct virtio_device *vdev)
{
	struct balloon *vb;
	int err;

	vb = kzalloc(sizeof(*vb), GFP_KERNEL);
	if (!vb)
		return -ENOMEM;
	vb->oom_nb.notifier_call = balloon_oom_notify;
	vb->oom_nb.priority = BALLOON_OOM_PRIORITY;
	err = register_oom_notifier(&vb->oom_nb);
	if (err < 0)
		goto out_free;
	err = balloon_init_vqs(vb);
	if (err)
		goto out_unregister_oom;
	return 0;

out_unregister_oom:
	unregister_oom_notifier(&vb->oom_nb);
out_free:
	kfree(vb);
	return err;
}

static void balloon_remove(struct virtio_device *vdev)
{
	struct balloon *vb = vdev->priv;

	unregister_oom_notifier(&vb->oom_nb);
	kfree(vb);
}
