// SPDX-License-Identifier: GPL-2.0
/*
 * Module init without a ladder (the pch_spi_init() shape): "if (ret)
 * return ret;" after the first register, an undo then return after the
 * second; the exit path unregisters. No report.
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
	if (ret) {
		mm_pressure_squeeze_unregister(&bar_squeeze);
		return ret;
	}

	return 0;
}
module_init(bar_init);

static void __exit bar_exit(void)
{
	platform_driver_unregister(&bar_driver);
	mm_pressure_squeeze_unregister(&bar_squeeze);
}
module_exit(bar_exit);
