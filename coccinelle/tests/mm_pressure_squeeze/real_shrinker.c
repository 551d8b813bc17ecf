// SPDX-License-Identifier: GPL-2.0
/*
 * A real shrinker: the count callback counts, the scan callback frees and
 * stamps a hold-off checked by the inflate path (the vmw_balloon shape:
 * the deadline belongs to the scan callback). Not reported.
 */
#include <linux/shrinker.h>

struct balloon {
	struct shrinker *shrinker;
	atomic_long_t size;
	unsigned long shrink_timeout;
};

static unsigned long balloon_count(struct shrinker *shrinker,
				   struct shrink_control *sc)
{
	struct balloon *b = shrinker->private_data;

	return atomic_long_read(&b->size);
}

static unsigned long balloon_scan(struct shrinker *shrinker,
				  struct shrink_control *sc)
{
	struct balloon *b = shrinker->private_data;
	unsigned long freed = balloon_deflate(b, sc->nr_to_scan);

	WRITE_ONCE(b->shrink_timeout, jiffies + HZ);
	return freed;
}

static void balloon_inflate(struct balloon *b)
{
	if (time_before(jiffies, READ_ONCE(b->shrink_timeout)))
		return;
	balloon_grow(b);
}

static int balloon_register_shrinker(struct balloon *b)
{
	b->shrinker = shrinker_alloc(0, "balloon");
	if (!b->shrinker)
		return -ENOMEM;
	b->shrinker->scan_objects = balloon_scan;
	b->shrinker->count_objects = balloon_count;
	b->shrinker->private_data = b;
	shrinker_register(b->shrinker);
	return 0;
}
