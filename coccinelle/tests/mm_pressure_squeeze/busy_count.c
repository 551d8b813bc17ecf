// SPDX-License-Identifier: GPL-2.0
/*
 * Count callbacks that stamp a deadline and do more: one also counts its
 * objects, one returns SHRINK_EMPTY when idle. Their shrinkers scan, so
 * neither callback nor the check of their deadline is reported.
 */
#include <linux/shrinker.h>

static unsigned long pressure_end;
static unsigned long idle_end;
static atomic_long_t nr_cached;

static unsigned long cache_count(struct shrinker *shrinker,
				 struct shrink_control *sc)
{
	pressure_end = jiffies + msecs_to_jiffies(10);
	return atomic_long_read(&nr_cached);
}

static unsigned long idle_count(struct shrinker *shrinker,
				struct shrink_control *sc)
{
	idle_end = jiffies + HZ;
	if (!atomic_long_read(&nr_cached))
		return SHRINK_EMPTY;
	return 0;
}

static unsigned long cache_scan(struct shrinker *shrinker,
				struct shrink_control *sc)
{
	return cache_free(sc->nr_to_scan);
}

static void cache_refill(void)
{
	if (time_before(jiffies, pressure_end) ||
	    time_before(jiffies, idle_end))
		return;
	cache_grow();
}

static int __init cache_init(void)
{
	struct shrinker *c, *i;

	c = shrinker_alloc(0, "cache");
	i = shrinker_alloc(0, "idle");
	if (!c || !i)
		return -ENOMEM;
	c->count_objects = cache_count;
	c->scan_objects = cache_scan;
	i->count_objects = idle_count;
	i->scan_objects = cache_scan;
	shrinker_register(c);
	shrinker_register(i);
	return 0;
}
