// SPDX-License-Identifier: GPL-2.0
/*
 * A count callback stamping a raw deadline (reported), a real shrinker
 * that frees objects (not reported), and a helper user (not reported).
 */
#include <linux/mm_pressure.h>

static unsigned long pressure_end;
static unsigned long last_scan;

static unsigned long sig_count(struct shrinker *shrinker,
			       struct shrink_control *sc)
{
	pressure_end = jiffies + msecs_to_jiffies(10);
	return 0;
}

static unsigned long cache_count(struct shrinker *shrinker,
				 struct shrink_control *sc)
{
	return READ_ONCE(nr_cached);
}

static unsigned long cache_scan(struct shrinker *shrinker,
				struct shrink_control *sc)
{
	last_scan = jiffies;
	return cache_free(sc->nr_to_scan);
}

static struct mm_pressure_squeeze my_squeeze = {
	.name = "my_backend",
	.duration_ms = 10,
};

static int __init my_init(void)
{
	struct shrinker *s, *c;
	int err;

	s = shrinker_alloc(0, "sig");
	if (!s)
		return -ENOMEM;
	s->count_objects = sig_count;
	shrinker_register(s);

	c = shrinker_alloc(0, "cache");
	if (!c)
		return -ENOMEM;
	c->count_objects = cache_count;
	c->scan_objects = cache_scan;
	shrinker_register(c);

	err = mm_pressure_squeeze_register(&my_squeeze);
	if (err)
		goto out;
	return 0;
out:
	return err;
}

static void __exit my_exit(void)
{
	mm_pressure_squeeze_unregister(&my_squeeze);
}
