// SPDX-License-Identifier: GPL-2.0
/*
 * The 6.12 xenbus backend shape: a count callback that walks the bus to
 * notify drivers and returns 0 on every path, so its shrinker is never
 * asked to scan. Reported.
 */
#include <linux/shrinker.h>

static unsigned long backend_count(struct shrinker *shrinker,
				   struct shrink_control *sc)
{
	if (!bus_ready)
		return 0;
	bus_for_each_dev(&backend_bus, NULL, NULL, backend_notify);
	return 0;
}

static int __init backend_init(void)
{
	struct shrinker *s;

	s = shrinker_alloc(0, "backend");
	if (!s)
		return 0;
	s->count_objects = backend_count;
	shrinker_register(s);
	return 0;
}
