// SPDX-License-Identifier: GPL-2.0
/*
 * mm_pressure - memory-pressure policies for drivers that hold memory on
 * behalf of someone else. See Documentation/mm/mm-pressure.rst.
 *
 * Locking and lifetime
 *
 * OOM policy. Each user's notifier_block is on the OOM notifier chain at the
 * user's priority. out_of_memory() calls the chain, for a global OOM only,
 * in process context with oom_lock and the chain's rwsem (read) held: the
 * notifier never runs concurrently with itself, may sleep, allocates nothing
 * and takes no lock of the helper's own. ->release() runs there. It may
 * sleep and take its own lock, but must not allocate, and no holder of that
 * lock may wait for memory only the OOM killer can free (use __GFP_NORETRY,
 * or allocate outside the lock): the OOM path would wait for the lock while
 * its holder waits for oom_lock. Unregistering takes the chain's rwsem for
 * write, so it returns only after a running ->release() finished. Never
 * register or unregister holding the lock ->release() takes.
 *
 * OOM policy, reclaim trigger (MM_PRESSURE_ON_RECLAIM_PRIORITY). The user
 * gets a shrinker of its own instead of the notifier. Its count_objects()
 * answers a batch only to a reclaim pass (PF_MEMALLOC: kswapd and direct
 * reclaim) at the user's reclaim_priority or lower for an allocation that
 * may invoke the OOM killer (not __GFP_NORETRY and the like, which the
 * notifier never saw either), and 0 to everything else, drop_caches and
 * the shrinker debugfs files included, which pass priority 0 as well.
 * scan_objects() releases nothing outside reclaim either (the debugfs
 * "scan" file calls it without count), and runs ->release() under
 * mpo->release_lock, only trylocked: a reclaimer that finds it held
 * returns SHRINK_STOP, as another one is releasing for the same pressure.
 * So ->release() never runs concurrently with itself here either, and the
 * hold-off still has one writer at a time. It runs in the context of any
 * task in direct reclaim, holding whatever that task holds: the rule
 * above becomes that no holder of a lock ->release() takes may allocate
 * memory with direct reclaim at all. What ->release() gives back is
 * credited to the reclaim pass (mm_account_reclaimed_pages()), so the
 * allocation that started it sees progress. shrinker_free() waits for
 * running callbacks: after unregister, ->release() is not running and
 * will not be called again.
 *
 * Squeeze policy. mm_pressure_mutex serialises writers of the list of
 * users and the allocation of the shrinker; reclaim never takes it. One
 * count-only shrinker serves every user. It is allocated by the first
 * register, not at boot, so that one failed allocation does not make every
 * later register fail, and is never freed: with no user it costs one list
 * walk per reclaim pass. count_objects(), called from reclaim, drop_caches
 * and the shrinker debugfs "count" file, walks the list under
 * rcu_read_lock(), signals each user and returns 0, so no scan follows
 * (do_shrink_slab() returns before calling scan_objects(), and the shrinker
 * debugfs creates no "scan" file for a shrinker without one). sq->lock
 * makes a closed->open transition count, and call ->opened(), once; it is
 * only trylocked: if contended, another CPU is signalling the same user in
 * the same jiffy and this signal adds nothing (as in lib/ratelimit.c).
 * ->opened() runs under rcu_read_lock(), not sq->lock, and must not sleep.
 * Unregistering does hlist_del_init_rcu() and synchronize_rcu(): on return
 * no ->opened() of that user runs or can run. A node that is unhashed was
 * never added (or already removed): unregistering it does nothing, so a
 * driver may unregister after a register that failed.
 *
 * Squeeze policy, proportional mode. The user gets a shrinker of its own,
 * not the shared one, and is not on the list. count_objects() returns
 * ->count(), 0 while duration_ms is 0. scan_objects() adds what reclaim
 * scans to sq->requested, capped at ->count(), with a cmpxchg loop, and
 * calls ->opened() when the request goes from 0 to more; it frees nothing
 * itself and returns 0, or SHRINK_STOP once the request covers the whole
 * cache. drop_caches and the debugfs "scan" file ask for pages the same
 * way: for a cache of free pages that is what they are for. The driver's
 * worker takes the request with mm_pressure_squeeze_take(), another cmpxchg
 * loop, so several workers (blkback's rings) share one request without a
 * lock and never take more than was asked for. A request is not withdrawn
 * when the cache shrinks by itself: what is left is at most the cache's
 * size when it was made, and trims what the cache grows back to.
 * shrinker_free() waits for a running count or scan: on return of
 * unregister ->count() and ->opened() are not running and will not be
 * called again.
 *
 * Windows are [start, start + len) in jiffies, tested with
 * time_in_range_open(), so they may straddle a wrap. A window keeps its len:
 * a new holdoff_ms or duration_ms applies from the next window; 0 disables
 * the policy at once. A stale start falls in its window again only for len
 * jiffies every 2^BITS_PER_LONG jiffies. Writers (the OOM notifier, under
 * oom_lock; squeeze signals, under sq->lock) store start, then a non-zero
 * len; lockless readers load len, then start. A racing reader sees the old
 * pair, the new pair, or the new start with the old len, which is open (as
 * the new window is) or never opened (as before the write): tearing between
 * the two words is harmless. batch, holdoff_ms, reclaim_priority and
 * duration_ms change under their readers (module parameters), which load
 * them, once a use, through mm_pressure_param().
 *
 * debugfs files are created by register, under mm_pressure/oom/<name> or
 * mm_pressure/squeeze/<name>, and removed by unregister; debugfs_remove()
 * waits for readers: a structure may be freed as soon as unregister
 * returns. They are for debugging, not ABI.
 */

#define pr_fmt(fmt) "mm_pressure: " fmt

#include <linux/debugfs.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/mm.h>
#include <linux/mm_pressure.h>
#include <linux/mmzone.h>
#include <linux/mutex.h>
#include <linux/oom.h>
#include <linux/rculist.h>
#include <linux/sched.h>
#include <linux/shrinker.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <kunit/visibility.h>

#include "mm_pressure_internal.h"

#define CREATE_TRACE_POINTS
#include <trace/events/mm_pressure.h>

static DEFINE_MUTEX(mm_pressure_mutex);
static HLIST_HEAD(mm_pressure_squeezers);
static struct shrinker *mm_pressure_shrinker;
static struct dentry *mm_pressure_debugfs_oom;
static struct dentry *mm_pressure_debugfs_squeeze;

/*
 * batch, holdoff_ms, reclaim_priority and duration_ms may be module
 * parameters (their
 * kernel-doc says so), which param_set_uint() writes with a plain store
 * the helper cannot mark. An aligned unsigned int is loaded and stored
 * whole on every architecture, so a racing load returns the old or the
 * new value, and each use loads it once: the race with that store is by
 * design.
 */
static unsigned int mm_pressure_param(const unsigned int *param)
{
	/* Races with param_set_uint()'s plain store, by design: see above. */
	return data_race(READ_ONCE(*param));
}

static void mm_pressure_window_set(struct mm_pressure_window *w,
				   unsigned long now, unsigned long len)
{
	WRITE_ONCE(w->start, now);
	/* Pairs with smp_rmb() in mm_pressure_window_open(). */
	smp_wmb();
	WRITE_ONCE(w->len, len);
}

static bool mm_pressure_window_open(const struct mm_pressure_window *w,
				    unsigned long now)
{
	unsigned long start, len;

	len = READ_ONCE(w->len);
	/* Pairs with smp_wmb() in mm_pressure_window_set(). */
	smp_rmb();
	start = READ_ONCE(w->start);
	return time_in_range_open(now, start, start + len);
}

VISIBLE_IF_KUNIT bool mm_pressure_holdoff_active(struct mm_pressure_oom *mpo,
						 unsigned long now)
{
	return mm_pressure_param(&mpo->holdoff_ms) &&
	       mm_pressure_window_open(&mpo->holdoff, now);
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_holdoff_active);

VISIBLE_IF_KUNIT void mm_pressure_holdoff_start(struct mm_pressure_oom *mpo,
						unsigned long now)
{
	unsigned int ms = mm_pressure_param(&mpo->holdoff_ms);

	if (!ms)
		return;
	mm_pressure_window_set(&mpo->holdoff, now, msecs_to_jiffies(ms));
	atomic_long_inc(&mpo->holdoffs_started);
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_holdoff_start);

/*
 * Pages of (1 << page_shift) bytes in @units units of (1 << unit_shift)
 * bytes; unit_shift 0 means the unit is a page. Rounds down, as
 * virtio_balloon did: a partial page is not freed. A pure function of its
 * arguments, so the test can try 16k and 64k pages on any kernel.
 */
VISIBLE_IF_KUNIT unsigned long mm_pressure_units_to_pages(unsigned long units,
							  unsigned int unit_shift,
							  unsigned int page_shift)
{
	return unit_shift ? units >> (page_shift - unit_shift) : units;
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_units_to_pages);

/*
 * Ask ->release() for @nr_units of at most @batch and account for what it
 * gave back, in pages; for both triggers, with their one writer at a time.
 */
static unsigned long mm_pressure_release(struct mm_pressure_oom *mpo,
					 unsigned int batch,
					 unsigned long nr_units)
{
	unsigned long units, pages;

	nr_units = min_t(unsigned long, nr_units, batch);
	units = nr_units ? mpo->release(mpo, nr_units) : 0;
	pages = mm_pressure_units_to_pages(units, mpo->unit_shift, PAGE_SHIFT);

	atomic_long_inc(&mpo->oom_events);
	atomic_long_add(pages, &mpo->pages_released);
	if (units)
		mm_pressure_holdoff_start(mpo, jiffies);
	trace_mm_pressure_oom_release(mpo->name, batch, units, pages);
	return pages;
}

static int mm_pressure_oom_notify(struct notifier_block *nb,
				  unsigned long unused, void *arg)
{
	struct mm_pressure_oom *mpo = container_of(nb, typeof(*mpo), nb);
	unsigned int batch = mm_pressure_param(&mpo->batch);
	unsigned long *freed = arg;

	*freed += mm_pressure_release(mpo, batch, batch);
	return NOTIFY_OK;
}

/*
 * Allocations that fail rather than invoke the OOM killer
 * (__alloc_pages_slowpath() gives up on them before
 * __alloc_pages_may_oom()): the OOM notifier never ran for them, and the
 * reclaim trigger does not either. A balloon inflates with
 * __GFP_NORETRY: without this, inflating into a short guest would
 * deflate the same balloon from its own reclaim.
 */
#define MM_PRESSURE_NO_OOM_GFP	(__GFP_NORETRY | __GFP_RETRY_MAYFAIL | __GFP_THISNODE)

/*
 * The reclaim trigger's count_objects(): a batch, in pages, for a reclaim
 * pass at the user's reclaim_priority or lower on behalf of an allocation
 * that may invoke the OOM killer; 0 for anything else. Only reclaim runs
 * with PF_MEMALLOC; drop_caches passes priority 0 too, and without the
 * check "echo 2 > drop_caches" would empty a balloon.
 */
VISIBLE_IF_KUNIT unsigned long
mm_pressure_reclaim_count(struct shrinker *shrinker, struct shrink_control *sc)
{
	struct mm_pressure_oom *mpo = shrinker->private_data;

	if (!(current->flags & PF_MEMALLOC) ||
	    (sc->gfp_mask & MM_PRESSURE_NO_OOM_GFP) ||
	    sc->priority > (int)mm_pressure_param(&mpo->reclaim_priority))
		return 0;
	return mm_pressure_units_to_pages(mm_pressure_param(&mpo->batch),
					  mpo->unit_shift, PAGE_SHIFT);
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_reclaim_count);

/*
 * The reclaim trigger's scan_objects(): release what reclaim asks for, in
 * units, at most a batch, and credit it to the reclaim pass. Reclaim
 * calls it only after count; the shrinker debugfs "scan" file calls it
 * directly, with any nr_to_scan, from a task that is not reclaim: that
 * gets nothing, as drop_caches does.
 */
VISIBLE_IF_KUNIT unsigned long
mm_pressure_reclaim_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	struct mm_pressure_oom *mpo = shrinker->private_data;
	unsigned int batch = mm_pressure_param(&mpo->batch);
	unsigned int shift = mpo->unit_shift ? PAGE_SHIFT - mpo->unit_shift : 0;
	unsigned long units, pages;

	if (!(current->flags & PF_MEMALLOC) ||
	    !mutex_trylock(&mpo->release_lock))
		return SHRINK_STOP;
	/* Pages to units, at most a batch: no shift past the batch's size. */
	units = sc->nr_to_scan > (batch >> shift) ? batch : sc->nr_to_scan << shift;
	pages = mm_pressure_release(mpo, batch, units);
	mutex_unlock(&mpo->release_lock);

	if (!pages)
		return SHRINK_STOP;
	mm_account_reclaimed_pages(pages);
	return pages;
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_reclaim_scan);

VISIBLE_IF_KUNIT int mm_pressure_oom_init(struct mm_pressure_oom *mpo)
{
	/* First, so that unregister after a failed register finds nothing. */
	memset_startat(mpo, 0, nb);	/* the private fields */
	mutex_init(&mpo->release_lock);
	if (!mpo->name || !mpo->release || mpo->unit_shift > PAGE_SHIFT ||
	    mpo->trigger > MM_PRESSURE_ON_RECLAIM_PRIORITY ||
	    mpo->reclaim_priority > DEF_PRIORITY)
		return -EINVAL;

	mpo->nb.notifier_call = mm_pressure_oom_notify;
	mpo->nb.priority = mpo->priority;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_oom_init);

/*
 * The reclaim trigger's shrinker. seeks = 4 makes do_shrink_slab() ask
 * for count >> priority, so a pass at priority 0 asks for one batch and a
 * user whose reclaim_priority is above 0 gets less at the gentler passes;
 * what passes that found release_lock held deferred comes on top, up to
 * twice the count in one pass. scan gives at most a batch a call.
 */
static int mm_pressure_reclaim_register(struct mm_pressure_oom *mpo)
{
	struct shrinker *shrinker;

	shrinker = shrinker_alloc(0, "mm-pressure-%s", mpo->name);
	if (!shrinker)
		return -ENOMEM;
	shrinker->count_objects = mm_pressure_reclaim_count;
	shrinker->scan_objects = mm_pressure_reclaim_scan;
	shrinker->seeks = 4;
	shrinker->private_data = mpo;
	mpo->shrinker = shrinker;
	shrinker_register(shrinker);
	return 0;
}

VISIBLE_IF_KUNIT bool
mm_pressure_squeeze_signal(struct mm_pressure_squeeze *sq, unsigned long now)
{
	unsigned int ms = mm_pressure_param(&sq->duration_ms);
	bool opening;

	if (!ms || !spin_trylock(&sq->lock))
		return false;
	opening = !mm_pressure_window_open(&sq->window, now);
	mm_pressure_window_set(&sq->window, now, msecs_to_jiffies(ms));
	spin_unlock(&sq->lock);

	atomic_long_inc(&sq->signals);
	if (!opening)
		return false;
	atomic_long_inc(&sq->windows_opened);
	trace_mm_pressure_squeeze_open(sq->name, ms);
	if (sq->opened)
		sq->opened(sq);
	return true;
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_squeeze_signal);

VISIBLE_IF_KUNIT bool __mm_pressure_squeezing(struct mm_pressure_squeeze *sq,
					      unsigned long now)
{
	return mm_pressure_param(&sq->duration_ms) &&
	       mm_pressure_window_open(&sq->window, now);
}
EXPORT_SYMBOL_IF_KUNIT(__mm_pressure_squeezing);

VISIBLE_IF_KUNIT void mm_pressure_signal_list(struct hlist_head *users,
					      unsigned long now)
{
	struct mm_pressure_squeeze *sq;

	rcu_read_lock();
	hlist_for_each_entry_rcu(sq, users, node)
		mm_pressure_squeeze_signal(sq, now);
	rcu_read_unlock();
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_signal_list);

VISIBLE_IF_KUNIT int mm_pressure_squeeze_init(struct mm_pressure_squeeze *sq)
{
	/* First, so that unregister after a failed register finds nothing. */
	memset_startat(sq, 0, node);	/* the private fields */
	spin_lock_init(&sq->lock);
	if (!sq->name || sq->mode > MM_PRESSURE_SQUEEZE_PROPORTIONAL ||
	    (sq->mode == MM_PRESSURE_SQUEEZE_PROPORTIONAL && !sq->count))
		return -EINVAL;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_squeeze_init);

/* Add @sq, initialised, to @users. */
VISIBLE_IF_KUNIT void mm_pressure_squeeze_add(struct hlist_head *users,
					      struct mm_pressure_squeeze *sq)
{
	mutex_lock(&mm_pressure_mutex);
	hlist_add_tail_rcu(&sq->node, users);
	mutex_unlock(&mm_pressure_mutex);
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_squeeze_add);

/*
 * Remove @sq from the list it is on, if any, and wait until no signal of
 * it can still run. Sleeps; the caller must not hold mm_pressure_mutex.
 */
VISIBLE_IF_KUNIT void mm_pressure_squeeze_del(struct mm_pressure_squeeze *sq)
{
	bool listed;

	mutex_lock(&mm_pressure_mutex);
	listed = !hlist_unhashed(&sq->node);
	hlist_del_init_rcu(&sq->node);
	mutex_unlock(&mm_pressure_mutex);
	/* Wait for count_objects() callers that may still see @sq. */
	if (listed)
		synchronize_rcu();
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_squeeze_del);

/* The shrinker's private_data is the list of users it signals. */
VISIBLE_IF_KUNIT unsigned long mm_pressure_count(struct shrinker *shrinker,
						 struct shrink_control *sc)
{
	mm_pressure_signal_list(shrinker->private_data, jiffies);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_count);

/* The proportional mode's count_objects(): the pages trimming would free. */
VISIBLE_IF_KUNIT unsigned long
mm_pressure_prop_count(struct shrinker *shrinker, struct shrink_control *sc)
{
	struct mm_pressure_squeeze *sq = shrinker->private_data;

	return mm_pressure_param(&sq->duration_ms) ? sq->count(sq) : 0;
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_prop_count);

/*
 * The proportional mode's scan_objects(): ask the driver to trim what
 * reclaim scans, the request capped at the cache's size. Frees nothing
 * here: the driver's worker frees what it takes, and the allocation that
 * started reclaim can find the pages when it retries.
 */
VISIBLE_IF_KUNIT unsigned long
mm_pressure_prop_scan(struct shrinker *shrinker, struct shrink_control *sc)
{
	struct mm_pressure_squeeze *sq = shrinker->private_data;
	unsigned long cached, want;
	long old;

	if (!mm_pressure_param(&sq->duration_ms))
		return SHRINK_STOP;
	cached = sq->count(sq);
	old = atomic_long_read(&sq->requested);
	do {
		/* Never negative: take() subtracts at most what is there. */
		if ((unsigned long)old >= cached)
			return SHRINK_STOP;
		want = min_t(unsigned long, old + sc->nr_to_scan, cached);
	} while (!atomic_long_try_cmpxchg(&sq->requested, &old, want));

	atomic_long_add(want - old, &sq->pages_requested);
	atomic_long_inc(&sq->signals);
	if (!old && sq->opened)
		sq->opened(sq);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(mm_pressure_prop_scan);

static int mm_pressure_prop_register(struct mm_pressure_squeeze *sq)
{
	struct shrinker *shrinker;

	shrinker = shrinker_alloc(0, "mm-pressure-%s", sq->name);
	if (!shrinker)
		return -ENOMEM;
	shrinker->count_objects = mm_pressure_prop_count;
	shrinker->scan_objects = mm_pressure_prop_scan;
	/*
	 * Free pages the driver keeps: nothing to write back or read in to
	 * recreate them. seeks = 0 is mm's rule for such objects: half of
	 * them are asked for each pass, whatever the priority. With
	 * DEFAULT_SEEKS, xen-blkback's dom0 swapped out as much as with no
	 * squeeze at all before reclaim reached its pools.
	 */
	shrinker->seeks = 0;
	shrinker->private_data = sq;
	sq->shrinker = shrinker;
	shrinker_register(shrinker);
	return 0;
}

/* Allocate and register the shared shrinker once; under mm_pressure_mutex. */
static int mm_pressure_shrinker_get(void)
{
	struct shrinker *shrinker;

	lockdep_assert_held(&mm_pressure_mutex);
	if (mm_pressure_shrinker)
		return 0;
	shrinker = shrinker_alloc(0, "mm-pressure");
	if (!shrinker)
		return -ENOMEM;
	shrinker->count_objects = mm_pressure_count;
	shrinker->private_data = &mm_pressure_squeezers;
	shrinker_register(shrinker);
	mm_pressure_shrinker = shrinker;
	return 0;
}

static int mm_pressure_counter_get(void *data, u64 *val)
{
	*val = atomic_long_read(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(mm_pressure_counter_fops, mm_pressure_counter_get,
			 NULL, "%llu\n");

/* Not debugfs_create_u32(): its plain load would race with the users. */
static int mm_pressure_param_get(void *data, u64 *val)
{
	*val = mm_pressure_param(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(mm_pressure_param_fops, mm_pressure_param_get, NULL,
			 "%llu\n");

/* A name already in use gets no directory; debugfs says so itself. */
static struct dentry *mm_pressure_debugfs(struct dentry *parent,
					  const char *name,
					  const char *ms_name, unsigned int *ms)
{
	struct dentry *dir = debugfs_create_dir(name, parent);

	debugfs_create_file_unsafe(ms_name, 0444, dir, ms, &mm_pressure_param_fops);
	return dir;
}

/**
 * mm_pressure_oom_register - give memory back when the OOM killer is near
 * @mpo: the policy, with its public fields filled in
 *
 * With %MM_PRESSURE_ON_OOM: on a global OOM, at @mpo->priority on the OOM
 * notifier chain, asks @mpo->release for @mpo->batch units and reports
 * what it released, in pages, as freed: the allocation is then retried
 * instead of killing a task. With %MM_PRESSURE_ON_RECLAIM_PRIORITY: from
 * every reclaim pass at @mpo->reclaim_priority or lower, asks for what the
 * pass scans, at most @mpo->batch units, and credits it to the pass.
 * Process context only.
 *
 * Return: 0 on success, -EINVAL if a field is invalid, -ENOMEM if the
 * reclaim trigger's shrinker could not be allocated, or the error of
 * register_oom_notifier(). A failure to create debugfs files is not an error.
 */
int mm_pressure_oom_register(struct mm_pressure_oom *mpo)
{
	struct dentry *dir;
	int err;

	err = mm_pressure_oom_init(mpo);
	if (err)
		return err;

	dir = mm_pressure_debugfs(mm_pressure_debugfs_oom, mpo->name,
				  "holdoff_ms", &mpo->holdoff_ms);
	debugfs_create_file_unsafe("batch", 0444, dir, &mpo->batch,
				   &mm_pressure_param_fops);
	debugfs_create_file_unsafe("oom_events", 0444, dir, &mpo->oom_events,
				   &mm_pressure_counter_fops);
	debugfs_create_file_unsafe("pages_released", 0444, dir,
				   &mpo->pages_released, &mm_pressure_counter_fops);
	debugfs_create_file_unsafe("holdoffs_started", 0444, dir,
				   &mpo->holdoffs_started, &mm_pressure_counter_fops);
	mpo->debugfs = dir;

	if (mpo->trigger == MM_PRESSURE_ON_RECLAIM_PRIORITY) {
		debugfs_create_file_unsafe("reclaim_priority", 0444, dir,
					   &mpo->reclaim_priority,
					   &mm_pressure_param_fops);
		err = mm_pressure_reclaim_register(mpo);
	} else {
		err = register_oom_notifier(&mpo->nb);
	}
	if (err) {
		debugfs_remove(dir);
		mpo->debugfs = NULL;
	}
	return err;
}
EXPORT_SYMBOL_GPL(mm_pressure_oom_register);

/**
 * mm_pressure_oom_unregister - undo mm_pressure_oom_register()
 * @mpo: a registered policy
 *
 * Process context only. On return @mpo->release is not running and will
 * not be called again; @mpo may be freed. Does nothing if the register
 * failed: unregister_oom_notifier() finds no such notifier, and there is
 * no shrinker to free.
 */
void mm_pressure_oom_unregister(struct mm_pressure_oom *mpo)
{
	if (mpo->shrinker) {
		/* The reclaim trigger's; waits for a running count or scan. */
		shrinker_free(mpo->shrinker);
		mpo->shrinker = NULL;
	} else {
		unregister_oom_notifier(&mpo->nb);
	}
	debugfs_remove(mpo->debugfs);
	mpo->debugfs = NULL;
}
EXPORT_SYMBOL_GPL(mm_pressure_oom_unregister);

/**
 * mm_pressure_may_grow - may the user take memory from the system again?
 * @mpo: a registered policy
 *
 * Lockless, any context. A balloon asks before inflating, so that it does
 * not take back memory it has just given up on an OOM event.
 *
 * Return: false for @mpo->holdoff_ms after a release that gave back memory,
 * true otherwise.
 */
bool mm_pressure_may_grow(struct mm_pressure_oom *mpo)
{
	return !mm_pressure_holdoff_active(mpo, jiffies);
}
EXPORT_SYMBOL_GPL(mm_pressure_may_grow);

/**
 * mm_pressure_squeeze_register - squeeze a driver's cache on memory reclaim
 * @sq: the policy, with its public fields filled in
 *
 * With %MM_PRESSURE_SQUEEZE_WINDOW, from now on every global reclaim pass
 * opens the window of @sq, or extends it to end @sq->duration_ms from now.
 * With %MM_PRESSURE_SQUEEZE_PROPORTIONAL, global reclaim scans the pages
 * @sq->count reports and asks the driver to trim what it scans (see
 * mm_pressure_squeeze_take()). Process context only.
 *
 * Return: 0 on success, -EINVAL if @sq->name is NULL, @sq->mode unknown or
 * @sq->count missing in proportional mode, -ENOMEM if the shrinker could
 * not be allocated (a later register tries again). A failure to create
 * debugfs files is not an error.
 */
int mm_pressure_squeeze_register(struct mm_pressure_squeeze *sq)
{
	struct dentry *dir;
	int err;

	err = mm_pressure_squeeze_init(sq);
	if (err)
		return err;

	if (sq->mode == MM_PRESSURE_SQUEEZE_PROPORTIONAL) {
		err = mm_pressure_prop_register(sq);
	} else {
		mutex_lock(&mm_pressure_mutex);
		err = mm_pressure_shrinker_get();
		mutex_unlock(&mm_pressure_mutex);
		if (!err)
			mm_pressure_squeeze_add(&mm_pressure_squeezers, sq);
	}
	if (err)
		return err;

	dir = mm_pressure_debugfs(mm_pressure_debugfs_squeeze, sq->name,
				  "duration_ms", &sq->duration_ms);
	debugfs_create_file_unsafe("signals", 0444, dir, &sq->signals,
				   &mm_pressure_counter_fops);
	if (sq->shrinker) {
		debugfs_create_file_unsafe("requested", 0444, dir,
					   &sq->requested, &mm_pressure_counter_fops);
		debugfs_create_file_unsafe("pages_requested", 0444, dir,
					   &sq->pages_requested,
					   &mm_pressure_counter_fops);
		debugfs_create_file_unsafe("pages_taken", 0444, dir,
					   &sq->pages_taken, &mm_pressure_counter_fops);
		debugfs_create_file_unsafe("trims", 0444, dir, &sq->trims,
					   &mm_pressure_counter_fops);
	} else {
		debugfs_create_file_unsafe("windows_opened", 0444, dir,
					   &sq->windows_opened,
					   &mm_pressure_counter_fops);
	}
	sq->debugfs = dir;
	return 0;
}
EXPORT_SYMBOL_GPL(mm_pressure_squeeze_register);

/**
 * mm_pressure_squeeze_unregister - undo mm_pressure_squeeze_register()
 * @sq: a registered policy
 *
 * Process context only; sleeps. On return @sq->opened and @sq->count are
 * not running and will not be called again; @sq may be freed. Does nothing
 * if the register failed.
 */
void mm_pressure_squeeze_unregister(struct mm_pressure_squeeze *sq)
{
	if (sq->shrinker) {
		/* The proportional mode's; waits for a running count or scan. */
		shrinker_free(sq->shrinker);
		sq->shrinker = NULL;
	} else {
		mm_pressure_squeeze_del(sq);
	}
	debugfs_remove(sq->debugfs);
	sq->debugfs = NULL;
}
EXPORT_SYMBOL_GPL(mm_pressure_squeeze_unregister);

/**
 * mm_pressure_squeezing - is a squeeze window open?
 * @sq: a registered policy
 *
 * Lockless, O(1), any context.
 *
 * Return: true if the last reclaim pass ran less than @sq->duration_ms ago,
 * false otherwise, if @sq->duration_ms is 0, or in proportional mode, which
 * opens no window (see mm_pressure_squeeze_pending()).
 */
bool mm_pressure_squeezing(struct mm_pressure_squeeze *sq)
{
	return __mm_pressure_squeezing(sq, jiffies);
}
EXPORT_SYMBOL_GPL(mm_pressure_squeezing);

/**
 * mm_pressure_squeeze_pending - has reclaim asked for pages not yet taken?
 * @sq: a registered policy in proportional mode
 *
 * Lockless, any context; meant for the worker's wake-up condition.
 *
 * Return: true if mm_pressure_squeeze_take() would return pages now.
 */
bool mm_pressure_squeeze_pending(struct mm_pressure_squeeze *sq)
{
	return atomic_long_read(&sq->requested) > 0;
}
EXPORT_SYMBOL_GPL(mm_pressure_squeeze_pending);

/**
 * mm_pressure_squeeze_take - take pages reclaim asked the driver to trim
 * @sq: a registered policy in proportional mode
 * @max: the most the caller can trim now, e.g. the pages its pool holds
 *
 * The driver's worker calls it and frees what it returns. Several workers
 * may share one policy: each takes a part of the request and none takes
 * more than was asked for. Lockless, any context.
 *
 * Return: the pages to trim, at most @max; 0 if nothing is asked for.
 */
unsigned long mm_pressure_squeeze_take(struct mm_pressure_squeeze *sq,
				       unsigned long max)
{
	long old = atomic_long_read(&sq->requested);
	unsigned long n;

	do {
		n = min_t(unsigned long, old > 0 ? old : 0, max);
		if (!n)
			return 0;
	} while (!atomic_long_try_cmpxchg(&sq->requested, &old, old - n));

	atomic_long_add(n, &sq->pages_taken);
	atomic_long_inc(&sq->trims);
	return n;
}
EXPORT_SYMBOL_GPL(mm_pressure_squeeze_take);

/* A directory per policy; users register from device_initcall on. */
static int __init mm_pressure_debugfs_init(void)
{
	struct dentry *root = debugfs_create_dir("mm_pressure", NULL);

	mm_pressure_debugfs_oom = debugfs_create_dir("oom", root);
	mm_pressure_debugfs_squeeze = debugfs_create_dir("squeeze", root);
	return 0;
}
subsys_initcall(mm_pressure_debugfs_init);
