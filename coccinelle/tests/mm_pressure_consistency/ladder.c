// SPDX-License-Identifier: GPL-2.0
/*
 * The most common probe shape: a goto ladder, labels in reverse order of
 * the set-up, the register's own failure check braced with a message.
 * Every error path after the register reaches the unregister. No report.
 */
#include <linux/platform_device.h>
#include <linux/mm_pressure.h>

struct foo {
	struct mm_pressure_oom oom;
	void *buf;
};

static int foo_probe(struct platform_device *pdev)
{
	struct foo *foo;
	int ret;

	foo = kzalloc(sizeof(*foo), GFP_KERNEL);
	if (!foo)
		return -ENOMEM;

	foo->oom.name = dev_name(&pdev->dev);
	foo->oom.release = foo_release;
	ret = mm_pressure_oom_register(&foo->oom);
	if (ret) {
		dev_err(&pdev->dev, "cannot register: %d\n", ret);
		goto err_free;
	}

	foo->buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!foo->buf) {
		ret = -ENOMEM;
		goto err_unregister;
	}

	ret = foo_hw_init(foo);
	if (ret)
		goto err_buf;

	platform_set_drvdata(pdev, foo);
	return 0;

err_buf:
	kfree(foo->buf);
err_unregister:
	mm_pressure_oom_unregister(&foo->oom);
err_free:
	kfree(foo);
	return ret;
}

static void foo_remove(struct platform_device *pdev)
{
	struct foo *foo = platform_get_drvdata(pdev);

	foo_hw_exit(foo);
	kfree(foo->buf);
	mm_pressure_oom_unregister(&foo->oom);
	kfree(foo);
}
