// SPDX-License-Identifier: GPL-2.0
/*
 * The last step's error falls through to the common "return rc;" after
 * the ladder without a goto, skipping the unregister. Reported.
 */
#include <linux/module.h>
#include <linux/mm_pressure.h>

static struct mm_pressure_squeeze blk_squeeze = {
	.name = "blk",
	.duration_ms = 10,
};

static int __init blk_init(void)
{
	int rc;

	rc = blk_interface_init();
	if (rc)
		goto failed_init;

	rc = mm_pressure_squeeze_register(&blk_squeeze);
	if (rc)
		goto failed_init;

	rc = blk_xenbus_init();

failed_init:
	return rc;
}
module_init(blk_init);

static void __exit blk_exit(void)
{
	blk_xenbus_fini();
	mm_pressure_squeeze_unregister(&blk_squeeze);
}
module_exit(blk_exit);
