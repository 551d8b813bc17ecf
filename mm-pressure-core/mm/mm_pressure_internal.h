/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of mm/mm_pressure.c for its KUnit test, mm/mm_pressure_kunit.c.
 * They are static unless CONFIG_KUNIT is set; see <kunit/visibility.h>.
 * The _init() functions validate a policy and reset its private fields,
 * as registration does, without registering it; the reclaim trigger's
 * count and scan, and the proportional squeeze's, take a shrinker the
 * test makes, never registered.
 * mm_pressure_squeeze_add()
 * and mm_pressure_count() take the list of users, so a test signals a
 * list of its own and never the real users.
 */
#ifndef _MM_MM_PRESSURE_INTERNAL_H
#define _MM_MM_PRESSURE_INTERNAL_H

#include <linux/mm_pressure.h>
#include <linux/shrinker.h>

#if IS_ENABLED(CONFIG_KUNIT)
int mm_pressure_oom_init(struct mm_pressure_oom *mpo);
void mm_pressure_holdoff_start(struct mm_pressure_oom *mpo, unsigned long now);
bool mm_pressure_holdoff_active(struct mm_pressure_oom *mpo, unsigned long now);

unsigned long mm_pressure_reclaim_count(struct shrinker *shrinker,
					struct shrink_control *sc);
unsigned long mm_pressure_reclaim_scan(struct shrinker *shrinker,
				       struct shrink_control *sc);

unsigned long mm_pressure_units_to_pages(unsigned long units,
					 unsigned int unit_shift,
					 unsigned int page_shift);

int mm_pressure_squeeze_init(struct mm_pressure_squeeze *sq);
bool mm_pressure_squeeze_signal(struct mm_pressure_squeeze *sq,
				unsigned long now);
bool __mm_pressure_squeezing(struct mm_pressure_squeeze *sq, unsigned long now);
void mm_pressure_signal_list(struct hlist_head *users, unsigned long now);
void mm_pressure_squeeze_add(struct hlist_head *users,
			     struct mm_pressure_squeeze *sq);
void mm_pressure_squeeze_del(struct mm_pressure_squeeze *sq);
unsigned long mm_pressure_count(struct shrinker *shrinker,
				struct shrink_control *sc);
unsigned long mm_pressure_prop_count(struct shrinker *shrinker,
				     struct shrink_control *sc);
unsigned long mm_pressure_prop_scan(struct shrinker *shrinker,
				    struct shrink_control *sc);
#endif

#endif /* _MM_MM_PRESSURE_INTERNAL_H */
