// SPDX-License-Identifier: GPL-2.0
/*
 * return_ok.c with the undo forgotten: "if (ret) return ret;" after the
 * second register leaks the first. Reported.
 */
#include <linux/module.h>
#include <linux/mm_pressure.h>

static struct mm_pressure_squeeze bar_squeeze = {
	.name = "bar",
	.duration_ms = 10,
};

static int __init bar_init(void)
{
	int ret;

	ret = mm_pressure_squeeze_register(&bar_squeeze);
	if (ret)
		return ret;

	ret = platform_driver_register(&bar_driver);
	if (ret)
		return ret;

	return 0;
}
module_init(bar_init);

static void __exit bar_exit(void)
{
	platform_driver_unregister(&bar_driver);
	mm_pressure_squeeze_unregister(&bar_squeeze);
}
module_exit(bar_exit);
