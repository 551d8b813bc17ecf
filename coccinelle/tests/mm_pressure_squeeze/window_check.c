// SPDX-License-Identifier: GPL-2.0
/*
 * The 2019 xen-blkback shape on 6.12's shrinker API: a count callback
 * stamps a global deadline, the worker checks it three ways. The stamp and
 * every check of that deadline are reported; the check of another
 * deadline (next_lru) is not.
 */
#include <linux/shrinker.h>
#include <linux/kthread.h>

static unsigned int squeeze_ms = 10;
static unsigned long pressure_end;
static unsigned long next_lru;

static unsigned long sig_count(struct shrinker *shrinker,
			       struct shrink_control *sc)
{
	pressure_end = jiffies + msecs_to_jiffies(squeeze_ms);
	return 0;
}

static int worker(void *arg)
{
	while (!kthread_should_stop()) {
		if (time_before(jiffies, pressure_end))
			shrink_pool(0);
		else if (time_after(READ_ONCE(pressure_end), jiffies))
			shrink_pool(1);
		if (time_is_after_jiffies(pressure_end))
			continue;
		if (time_before(jiffies, next_lru))
			purge_lru();
	}
	return 0;
}

static int __init sig_init(void)
{
	struct shrinker *s = shrinker_alloc(0, "sig");

	if (!s)
		return -ENOMEM;
	s->count_objects = sig_count;
	shrinker_register(s);
	return 0;
}
