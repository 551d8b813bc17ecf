// SPDX-License-Identifier: GPL-2.0
/* A real shrinker: counts and frees objects. Must not match. */
#include <linux/module.h>
#include <linux/shrinker.h>

static unsigned long nr_cached;
static unsigned long last_scan;

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

static struct shrinker *cache_shrinker;

static int __init cache_init(void)
{
	cache_shrinker = shrinker_alloc(0, "cache");
	if (!cache_shrinker)
		return -ENOMEM;
	cache_shrinker->count_objects = cache_count;
	cache_shrinker->scan_objects = cache_scan;
	shrinker_register(cache_shrinker);
	return 0;
}

static void __exit cache_exit(void)
{
	shrinker_free(cache_shrinker);
}
