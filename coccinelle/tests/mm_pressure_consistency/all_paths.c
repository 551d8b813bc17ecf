// SPDX-License-Identifier: GPL-2.0
/*
 * virtio_balloon shape: register and unregister under the same feature
 * test, unregister on every later error path and in remove. No report.
 */
int probe(struct dev *vdev)
{
	int err;

	if (has(vdev)) {
		vb->o.name = "x";
		err = mm_pressure_oom_register(&vb->o);
		if (err < 0)
			goto out_free;
	}
	err = init_vqs(vb);
	if (err)
		goto out_unregister_oom;
	return 0;

out_unregister_oom:
	if (has(vdev))
		mm_pressure_oom_unregister(&vb->o);
out_free:
	kfree(vb);
	return err;
}

void remove(struct dev *vdev)
{
	if (has(vdev))
		mm_pressure_oom_unregister(&vb->o);
	kfree(vb);
}
