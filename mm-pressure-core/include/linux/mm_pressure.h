/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory-pressure policies for drivers that hold memory on behalf of
 * someone else (balloons, para-virtual backends). See
 * Documentation/mm/mm-pressure.rst and the locking rules at the top of
 * mm/mm_pressure.c.
 */
#ifndef _LINUX_MM_PRESSURE_H
#define _LINUX_MM_PRESSURE_H

#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct dentry;
struct shrinker;

/*
 * A time window [start, start + len) in jiffies. Private to mm_pressure.c;
 * len == 0 is an empty window.
 */
struct mm_pressure_window {
	unsigned long start;
	unsigned long len;
};

/**
 * enum mm_pressure_trigger - when an OOM policy gives memory back
 * @MM_PRESSURE_ON_OOM: from the OOM notifier chain, when the OOM killer is
 *	about to pick a victim. The default.
 * @MM_PRESSURE_ON_RECLAIM_PRIORITY: from reclaim, once a reclaim pass runs
 *	at the policy's @reclaim_priority or lower (more urgent), through a
 *	shrinker of the policy's own; the OOM notifier is not used.
 */
enum mm_pressure_trigger {
	MM_PRESSURE_ON_OOM,
	MM_PRESSURE_ON_RECLAIM_PRIORITY,
};

/**
 * struct mm_pressure_oom - give memory back when the system runs out of it
 * @name: name for debugfs and tracepoints; must stay valid until unregister.
 * @priority: OOM notifier chain priority; higher runs first.
 * @batch: units to ask @release for per OOM event, or at most per reclaim
 *	pass; 0 releases nothing. May be changed at any time, e.g. through a
 *	module parameter.
 * @unit_shift: log2 of the size of the user's unit in bytes, at most
 *	PAGE_SHIFT; 0 means PAGE_SHIFT. For example 12 for 4k balloon pages.
 * @release: give back up to @nr_units units; returns the number given back.
 *	Runs from out_of_memory(), or from reclaim with the reclaim trigger:
 *	may sleep, must not allocate memory.
 * @holdoff_ms: after a release that gave back memory, mm_pressure_may_grow()
 *	answers false for this many milliseconds; 0 disables the hold-off.
 *	May be changed at any time, e.g. through a module parameter.
 * @trigger: when to call @release; fixed at register.
 * @reclaim_priority: with %MM_PRESSURE_ON_RECLAIM_PRIORITY, the reclaim
 *	priority (DEF_PRIORITY down to 0) at or below which @release is
 *	called. 0 is the last pass before the OOM killer. May be changed at
 *	any time.
 *
 * Embed in the driver's state, fill in the public fields and call
 * mm_pressure_oom_register(). On OOM, the helper registers its own
 * notifier at @priority, so the order against other OOM notifiers is
 * kept.
 */
struct mm_pressure_oom {
	const char *name;
	int priority;
	unsigned int batch;
	unsigned int unit_shift;
	unsigned long (*release)(struct mm_pressure_oom *mpo,
				 unsigned long nr_units);
	unsigned int holdoff_ms;
	enum mm_pressure_trigger trigger;
	unsigned int reclaim_priority;

	/* private: */
	struct notifier_block nb;
	struct shrinker *shrinker;	/* the reclaim trigger's */
	struct mutex release_lock;	/* one reclaim release at a time */
	struct mm_pressure_window holdoff;
	atomic_long_t oom_events;
	atomic_long_t pages_released;
	atomic_long_t holdoffs_started;
	struct dentry *debugfs;
};

/**
 * enum mm_pressure_squeeze_mode - how reclaim squeezes a driver's cache
 * @MM_PRESSURE_SQUEEZE_WINDOW: every global reclaim pass opens a window of
 *	@duration_ms in which the driver keeps its cache empty; the helper's
 *	one shrinker counts nothing and only signals. The default.
 * @MM_PRESSURE_SQUEEZE_PROPORTIONAL: a shrinker of the policy's own: it
 *	counts the pages that @count reports and, for what reclaim scans,
 *	asks the driver to trim as many; the driver's worker takes the
 *	request with mm_pressure_squeeze_take().
 */
enum mm_pressure_squeeze_mode {
	MM_PRESSURE_SQUEEZE_WINDOW,
	MM_PRESSURE_SQUEEZE_PROPORTIONAL,
};

/**
 * struct mm_pressure_squeeze - keep a driver's cache small under pressure
 * @name: name for debugfs and tracepoints; must stay valid until unregister.
 * @duration_ms: length of the window; 0 disables the policy, in either
 *	mode (the proportional mode has no window otherwise). May be changed
 *	at any time, e.g. module_param_named(x, my_squeeze.duration_ms, uint,
 *	0644).
 * @opened: optional; called when a window opens (not when it is extended),
 *	or, proportional, when reclaim asks for pages while none were asked
 *	for; from reclaim. Must not sleep; meant to wake the driver's worker.
 * @mode: window or proportional; fixed at register.
 * @count: proportional only, required: the pages of the cache that cost
 *	RAM, which trimming would give back. Called from reclaim, drop_caches
 *	and the shrinker debugfs files; must not sleep or allocate.
 *
 * Window: every global reclaim pass opens the window, or extends it to end
 * @duration_ms from now. While it is open, mm_pressure_squeezing() returns
 * true and the driver keeps its cache empty. Proportional: global reclaim
 * scans half of the cache each pass (free pages, no IO to recreate them),
 * and each page it scans becomes a page the driver is asked to trim, at
 * most what @count reports.
 */
struct mm_pressure_squeeze {
	const char *name;
	unsigned int duration_ms;
	void (*opened)(struct mm_pressure_squeeze *sq);
	enum mm_pressure_squeeze_mode mode;
	unsigned long (*count)(struct mm_pressure_squeeze *sq);

	/* private: */
	struct hlist_node node;		/* unhashed while not registered */
	spinlock_t lock;		/* serialises writers of window */
	struct mm_pressure_window window;
	struct shrinker *shrinker;	/* the proportional mode's */
	atomic_long_t requested;	/* pages asked for, not yet taken */
	atomic_long_t signals;
	atomic_long_t windows_opened;
	atomic_long_t pages_requested;
	atomic_long_t pages_taken;
	atomic_long_t trims;
	struct dentry *debugfs;
};

/*
 * No stubs: a user selects MM_PRESSURE, as page_reporting users select
 * PAGE_REPORTING, so a build without the helper has no caller. A stub
 * would turn a missing select into a policy that silently does nothing.
 */
int mm_pressure_oom_register(struct mm_pressure_oom *mpo);
void mm_pressure_oom_unregister(struct mm_pressure_oom *mpo);
bool mm_pressure_may_grow(struct mm_pressure_oom *mpo);

int mm_pressure_squeeze_register(struct mm_pressure_squeeze *sq);
void mm_pressure_squeeze_unregister(struct mm_pressure_squeeze *sq);
bool mm_pressure_squeezing(struct mm_pressure_squeeze *sq);
bool mm_pressure_squeeze_pending(struct mm_pressure_squeeze *sq);
unsigned long mm_pressure_squeeze_take(struct mm_pressure_squeeze *sq,
				       unsigned long max);

#endif /* _LINUX_MM_PRESSURE_H */
