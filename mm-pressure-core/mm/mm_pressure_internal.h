/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of mm/mm_pressure.c for its KUnit test, mm/mm_pressure_kunit.c.
 * They are static unless CONFIG_KUNIT is set; see <kunit/visibility.h>.
 * The _init() functions validate a policy and reset its private fields,
 * as registration does, without registering it.
 */
#ifndef _MM_MM_PRESSURE_INTERNAL_H
#define _MM_MM_PRESSURE_INTERNAL_H

#include <linux/mm_pressure.h>

#if IS_ENABLED(CONFIG_KUNIT)
int mm_pressure_oom_init(struct mm_pressure_oom *mpo);
void mm_pressure_holdoff_start(struct mm_pressure_oom *mpo, unsigned long now);
bool mm_pressure_holdoff_active(struct mm_pressure_oom *mpo, unsigned long now);

int mm_pressure_squeeze_init(struct mm_pressure_squeeze *sq);
bool mm_pressure_squeeze_signal(struct mm_pressure_squeeze *sq,
				unsigned long now);
bool __mm_pressure_squeezing(struct mm_pressure_squeeze *sq, unsigned long now);
void mm_pressure_signal_all(unsigned long now);
#endif

#endif /* _MM_MM_PRESSURE_INTERNAL_H */
