// SPDX-License-Identifier: GPL-2.0
/*
 * Seed shape, but the deadline is also read outside a window check: not
 * converted (the helper's window is private), only reported.
 */
#include <linux/module.h>

static unsigned long pressure_end;

static unsigned long sig_count(struct shrinker *shrinker,
			       struct shrink_control *sc)
{
	pressure_end = jiffies + msecs_to_jiffies(10);
	return 0;
}

static struct shrinker sig_shrinker = {
	.count_objects = sig_count,
	.seeks = DEFAULT_SEEKS,
};

static void worker(void)
{
	if (time_before(jiffies, pressure_end))
		shrink_pool(0);
	pr_debug("window ends at %lu\n", pressure_end);
}

static int __init sig_init(void)
{
	return register_shrinker(&sig_shrinker, "sig");
}
