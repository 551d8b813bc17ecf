// SPDX-License-Identifier: GPL-2.0
/*
 * Count callbacks that only stamp a deadline and return 0: one on a
 * shrinker from shrinker_alloc() (WRITE_ONCE() of a member, after a
 * declaration), one in a struct shrinker initialiser (a global). Both
 * reported; nothing reads the deadlines in this file.
 */
#include <linux/shrinker.h>

struct pool {
	struct shrinker *shrinker;
	unsigned long squeeze_until;
};

static unsigned long squeeze_end;

static unsigned long pool_count(struct shrinker *shrinker,
				struct shrink_control *sc)
{
	struct pool *pool = shrinker->private_data;

	WRITE_ONCE(pool->squeeze_until, jiffies + msecs_to_jiffies(10));
	return 0;
}

static unsigned long legacy_count(struct shrinker *shrinker,
				  struct shrink_control *sc)
{
	squeeze_end = jiffies + HZ / 10;
	return 0;
}

static struct shrinker legacy_shrinker = {
	.count_objects = legacy_count,
	.seeks = DEFAULT_SEEKS,
};

static int pool_init(struct pool *pool)
{
	pool->shrinker = shrinker_alloc(0, "pool");
	if (!pool->shrinker)
		return -ENOMEM;
	pool->shrinker->count_objects = pool_count;
	pool->shrinker->private_data = pool;
	shrinker_register(pool->shrinker);
	return 0;
}
