// SPDX-License-Identifier: GPL-2.0
/* Registered, never unregistered: the remove/exit path is missing. */
#include <linux/mm_pressure.h>

struct my_balloon {
	struct mm_pressure_oom oom;
};

static int my_probe(struct my_balloon *b)
{
	b->oom.name = "my_balloon";
	b->oom.batch = 256;
	b->oom.release = my_release;
	return mm_pressure_oom_register(&b->oom);
}

static void my_remove(struct my_balloon *b)
{
	kfree(b);
}
