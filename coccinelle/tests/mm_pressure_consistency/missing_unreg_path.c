// SPDX-License-Identifier: GPL-2.0
/* A goto after the register skips the unregister (out_free). */
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
	err = other(vb);
	if (err)
		goto out_free;
	return 0;

out_unregister_oom:
	if (has(vdev))
		mm_pressure_oom_unregister(&vb->o);
out_free:
	kfree(vb);
	return err;
}
