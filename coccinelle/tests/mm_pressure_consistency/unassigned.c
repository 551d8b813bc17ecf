// SPDX-License-Identifier: GPL-2.0
/*
 * Register tested directly, without a ret variable, and a later failure
 * that returns without the unregister. Reported.
 */
#include <linux/module.h>
#include <linux/mm_pressure.h>

static struct mm_pressure_squeeze qux_squeeze = {
	.name = "qux",
	.duration_ms = 10,
};

static int __init qux_init(void)
{
	if (mm_pressure_squeeze_register(&qux_squeeze))
		return -ENODEV;
	if (!qux_alloc_pool())
		return -ENOMEM;
	return 0;
}
module_init(qux_init);

static void __exit qux_exit(void)
{
	mm_pressure_squeeze_unregister(&qux_squeeze);
}
module_exit(qux_exit);
