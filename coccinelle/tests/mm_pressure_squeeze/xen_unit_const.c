// SPDX-License-Identifier: GPL-2.0
/*
 * A variant of the 6.12 Xen form: the duration is a constant, the callback
 * stamps without a lookup, the registration is assigned and checked, the
 * check is time_after(). Converted: the squeeze and its opened() placeholder
 * take the place of the callback, the registration of the squeeze is chained
 * in front of the driver's.
 */
#include <linux/module.h>
#include <xen/xenbus.h>

#define SQUEEZE_MS 20

struct foo_dev {
	int id;
	unsigned long pressure_until;
};

static void foo_reclaim(struct xenbus_device *dev)
{
	to_foo(dev)->pressure_until = jiffies + msecs_to_jiffies(SQUEEZE_MS);
}

static struct xenbus_driver foo_driver = {
	.ids = foo_ids,
	.probe = foo_probe,
	.reclaim_memory = foo_reclaim,
};

static int __init foo_init(void)
{
	int ret;

	ret = xenbus_register_backend(&foo_driver);
	if (ret)
		pr_err("foo: %d\n", ret);
	return ret;
}

static void __exit foo_exit(void)
{
	xenbus_unregister_driver(&foo_driver);
}

static void foo_work(struct foo_dev *fd)
{
	if (time_after(fd->pressure_until, jiffies))
		foo_trim(fd, 0);
}
