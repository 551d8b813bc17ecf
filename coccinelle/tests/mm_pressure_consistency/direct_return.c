// SPDX-License-Identifier: GPL-2.0
/* An error return after a successful register, with no goto ladder. */
#include <linux/mm_pressure.h>

static struct mm_pressure_squeeze my_squeeze = {
	.name = "my_backend",
	.duration_ms = 10,
};

static int __init my_init(void)
{
	int err;

	err = mm_pressure_squeeze_register(&my_squeeze);
	if (err)
		return err;
	if (!alloc_pool())
		return -ENOMEM;
	return 0;
}

static void __exit my_exit(void)
{
	mm_pressure_squeeze_unregister(&my_squeeze);
}
