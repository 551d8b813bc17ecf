// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for mm_pressure.
 *
 * The window logic is tested through its pure functions of "now", so no
 * test sleeps on time. Tests touch only their own objects: OOM users are
 * called through a notifier chain local to the test, never through
 * out_of_memory(), and squeeze users sit on a list of the test's own,
 * which the helper's count_objects() walks through a shrinker that is
 * never registered; the OOM policy's reclaim trigger is tested through
 * its count and scan on such a shrinker too, in the test's own task
 * marked as reclaim (PF_MEMALLOC) for the call. Whatever a test adds is
 * removed by a KUnit action, so
 * a test that fails half-way leaves nothing behind.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mm_pressure.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/oom.h>
#include <linux/sched/mm.h>
#include <linux/shrinker.h>
#include <linux/swap.h>

#include "mm_pressure_internal.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

struct test_ctx {
	struct blocking_notifier_head chain;
	int order[8];		/* ids of the OOM users, in call order */
	int norder;
};

struct test_oom {
	struct mm_pressure_oom mpo;
	struct test_ctx *ctx;
	int id;
	unsigned long pool;	/* units left to release */
	unsigned long asked;	/* nr_units of the last call */
};

struct test_sq {
	struct mm_pressure_squeeze sq;
	atomic_t opened;
	struct completion *called;
	unsigned long cached;	/* the proportional mode's count() */
};

static unsigned long test_release(struct mm_pressure_oom *mpo,
				  unsigned long nr_units)
{
	struct test_oom *u = container_of(mpo, struct test_oom, mpo);
	unsigned long n = min(nr_units, u->pool);

	u->asked = nr_units;
	u->pool -= n;
	if (u->ctx->norder < ARRAY_SIZE(u->ctx->order))
		u->ctx->order[u->ctx->norder++] = u->id;
	return n;
}

static void test_opened(struct mm_pressure_squeeze *sq)
{
	struct test_sq *t = container_of(sq, struct test_sq, sq);

	atomic_inc(&t->opened);
	if (t->called)
		complete(t->called);
}

/* Set up an OOM user as mm_pressure_oom_register() would, on ctx->chain. */
static struct test_oom *test_oom_add(struct kunit *test, int id, int priority,
				     unsigned int batch,
				     unsigned int unit_shift,
				     unsigned long pool)
{
	struct test_ctx *ctx = test->priv;
	struct test_oom *u = kunit_kzalloc(test, sizeof(*u), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, u);
	u->ctx = ctx;
	u->id = id;
	u->pool = pool;
	u->mpo.name = "mm_pressure_kunit";
	u->mpo.priority = priority;
	u->mpo.batch = batch;
	u->mpo.unit_shift = unit_shift;
	u->mpo.release = test_release;
	KUNIT_ASSERT_EQ(test, mm_pressure_oom_init(&u->mpo), 0);
	KUNIT_ASSERT_EQ(test, blocking_notifier_chain_register(&ctx->chain,
							       &u->mpo.nb), 0);
	return u;
}

/* One OOM event on the test chain; returns the updated count of freed. */
static unsigned long test_oom_event(struct kunit *test, unsigned long freed)
{
	struct test_ctx *ctx = test->priv;

	blocking_notifier_call_chain(&ctx->chain, 0, &freed);
	return freed;
}

static struct test_sq *test_sq_alloc(struct kunit *test,
				     unsigned int duration_ms)
{
	struct test_sq *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->sq.name = "mm_pressure_kunit";
	t->sq.duration_ms = duration_ms;
	t->sq.opened = test_opened;
	KUNIT_ASSERT_EQ(test, mm_pressure_squeeze_init(&t->sq), 0);
	return t;
}

static void test_sq_del(void *sq)
{
	mm_pressure_squeeze_del(sq);
}

/* Put @t on the test's own list of users, until the test ends. */
static void test_sq_add(struct kunit *test, struct hlist_head *users,
			struct test_sq *t)
{
	mm_pressure_squeeze_add(users, &t->sq);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_sq_del,
							&t->sq), 0);
}

static void test_sq_unregister(void *sq)
{
	mm_pressure_squeeze_unregister(sq);
}

/*
 * An empty list of users, freed after the test's actions ran, so that
 * test_sq_del() may still unlink a user from it at cleanup.
 */
static struct hlist_head *test_users(struct kunit *test)
{
	struct hlist_head *users = kunit_kzalloc(test, sizeof(*users),
						 GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, users);
	return users;
}

/* A shrinker that is never registered: count_objects() on @users only. */
static struct shrinker *test_shrinker(struct kunit *test,
				      struct hlist_head *users)
{
	struct shrinker *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->private_data = users;
	return s;
}

static void mm_pressure_test_priority_order(struct kunit *test)
{
	struct test_ctx *ctx = test->priv;

	test_oom_add(test, 0, 10, 1, 0, 100);
	test_oom_add(test, 1, 80, 1, 0, 100);
	test_oom_add(test, 2, 50, 1, 0, 100);
	test_oom_event(test, 0);

	KUNIT_ASSERT_EQ(test, ctx->norder, 3);
	KUNIT_EXPECT_EQ(test, ctx->order[0], 1);
	KUNIT_EXPECT_EQ(test, ctx->order[1], 2);
	KUNIT_EXPECT_EQ(test, ctx->order[2], 0);
}

static void mm_pressure_test_batch(struct kunit *test)
{
	struct test_oom *a = test_oom_add(test, 0, 20, 256, 12, 1000);
	struct test_oom *b = test_oom_add(test, 1, 10, 7, 0, 3);

	test_oom_event(test, 0);
	KUNIT_EXPECT_EQ(test, a->asked, 256UL);
	KUNIT_EXPECT_EQ(test, a->pool, 1000UL - 256);
	/* b has fewer units than its batch: asked for the batch, gave 3 */
	KUNIT_EXPECT_EQ(test, b->asked, 7UL);
	KUNIT_EXPECT_EQ(test, b->pool, 0UL);
}

/*
 * batch may be a module parameter: each event asks for the batch of that
 * moment, and a batch of 0 (valid, as a parameter may be 0 at load) asks
 * for nothing.
 */
static void mm_pressure_test_batch_runtime(struct kunit *test)
{
	struct test_ctx *ctx = test->priv;
	struct test_oom *u = test_oom_add(test, 0, 0, 0, 0, 1000);
	unsigned long freed;

	freed = test_oom_event(test, 0);
	KUNIT_EXPECT_EQ(test, ctx->norder, 0);	/* release() not called */
	KUNIT_EXPECT_EQ(test, freed, 0UL);
	KUNIT_EXPECT_EQ(test, u->pool, 1000UL);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&u->mpo.oom_events), 1L);
	KUNIT_EXPECT_FALSE(test, mm_pressure_holdoff_active(&u->mpo, jiffies));

	/* As param_set_uint() stores it. */
	u->mpo.batch = 64;
	freed = test_oom_event(test, freed);
	KUNIT_EXPECT_EQ(test, u->asked, 64UL);
	u->mpo.batch = 16;
	freed = test_oom_event(test, freed);
	KUNIT_EXPECT_EQ(test, u->asked, 16UL);
	KUNIT_EXPECT_EQ(test, freed, 80UL);
	KUNIT_EXPECT_EQ(test, u->pool, 1000UL - 80);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&u->mpo.pages_released), 80L);
}

static void mm_pressure_test_invalid(struct kunit *test)
{
	struct mm_pressure_oom mpo = {
		.name = "mm_pressure_kunit", .batch = 1,
		.release = test_release,
	};
	struct mm_pressure_squeeze sq = { };

	mpo.unit_shift = PAGE_SHIFT + 1;
	KUNIT_EXPECT_EQ(test, mm_pressure_oom_init(&mpo), -EINVAL);
	mpo.unit_shift = PAGE_SHIFT;
	KUNIT_EXPECT_EQ(test, mm_pressure_oom_init(&mpo), 0);
	mpo.release = NULL;
	KUNIT_EXPECT_EQ(test, mm_pressure_oom_init(&mpo), -EINVAL);
	KUNIT_EXPECT_EQ(test, mm_pressure_oom_register(&mpo), -EINVAL);
	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_register(&sq), -EINVAL);
}

/* The conversion itself, on 4k, 16k and 64k pages, whatever PAGE_SHIFT is. */
static void mm_pressure_test_units_to_pages(struct kunit *test)
{
	/* 256 4k balloon pages: 256 4k pages, 64 16k pages, 16 64k pages. */
	KUNIT_EXPECT_EQ(test, mm_pressure_units_to_pages(256, 12, 12), 256UL);
	KUNIT_EXPECT_EQ(test, mm_pressure_units_to_pages(256, 12, 14), 64UL);
	KUNIT_EXPECT_EQ(test, mm_pressure_units_to_pages(256, 12, 16), 16UL);
	/* A partial page is not reported. */
	KUNIT_EXPECT_EQ(test, mm_pressure_units_to_pages(255, 12, 16), 15UL);
	KUNIT_EXPECT_EQ(test, mm_pressure_units_to_pages(15, 12, 16), 0UL);
	KUNIT_EXPECT_EQ(test, mm_pressure_units_to_pages(3, 12, 14), 0UL);
	/* unit_shift 0, or the page size itself, means the unit is a page. */
	KUNIT_EXPECT_EQ(test, mm_pressure_units_to_pages(255, 0, 16), 255UL);
	KUNIT_EXPECT_EQ(test, mm_pressure_units_to_pages(255, 16, 16), 255UL);
}

/* What the notifier reports as freed is that conversion at PAGE_SHIFT. */
static void mm_pressure_test_freed_in_pages(struct kunit *test)
{
	struct test_oom *u = test_oom_add(test, 0, 0, 256, 12, 1000);
	unsigned long freed;

	freed = test_oom_event(test, 5);
	KUNIT_EXPECT_EQ(test, freed,
			5 + mm_pressure_units_to_pages(256, 12, PAGE_SHIFT));

	u->pool = 255;
	freed = test_oom_event(test, 0);
	KUNIT_EXPECT_EQ(test, freed,
			mm_pressure_units_to_pages(255, 12, PAGE_SHIFT));

	u->mpo.unit_shift = 0;
	u->pool = 1000;
	freed = test_oom_event(test, 0);
	KUNIT_EXPECT_EQ(test, freed, 256UL);
}

static void mm_pressure_test_nothing_left(struct kunit *test)
{
	struct test_oom *u = test_oom_add(test, 0, 0, 256, 12, 0);
	unsigned long freed;

	u->mpo.holdoff_ms = 60000;
	freed = test_oom_event(test, 3);
	KUNIT_EXPECT_EQ(test, freed, 3UL);
	KUNIT_EXPECT_EQ(test, u->asked, 256UL);
	KUNIT_EXPECT_TRUE(test, mm_pressure_may_grow(&u->mpo));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&u->mpo.oom_events), 1L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&u->mpo.pages_released), 0L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&u->mpo.holdoffs_started), 0L);
}

static void mm_pressure_test_holdoff(struct kunit *test)
{
	struct test_oom *u = test_oom_add(test, 0, 0, 1, 0, 1000);
	struct mm_pressure_oom *mpo = &u->mpo;
	unsigned long len = msecs_to_jiffies(100);
	unsigned long now = 1000;

	mpo->holdoff_ms = 100;
	KUNIT_EXPECT_FALSE(test, mm_pressure_holdoff_active(mpo, now));
	mm_pressure_holdoff_start(mpo, now);
	KUNIT_EXPECT_FALSE(test, mm_pressure_holdoff_active(mpo, now - 1));
	KUNIT_EXPECT_TRUE(test, mm_pressure_holdoff_active(mpo, now));
	KUNIT_EXPECT_TRUE(test, mm_pressure_holdoff_active(mpo, now + len - 1));
	KUNIT_EXPECT_FALSE(test, mm_pressure_holdoff_active(mpo, now + len));

	/* A longer hold-off applies from the next window, not this one. */
	mpo->holdoff_ms = 100000;
	KUNIT_EXPECT_FALSE(test, mm_pressure_holdoff_active(mpo, now + len));

	/* Through the notifier: a release starts a hold-off at jiffies. */
	mpo->holdoff_ms = 60000;
	test_oom_event(test, 0);
	KUNIT_EXPECT_FALSE(test, mm_pressure_may_grow(mpo));

	/* 0 ends a running hold-off and never starts one. */
	mpo->holdoff_ms = 0;
	KUNIT_EXPECT_TRUE(test, mm_pressure_may_grow(mpo));
	test_oom_event(test, 0);
	KUNIT_EXPECT_TRUE(test, mm_pressure_may_grow(mpo));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&mpo->holdoffs_started), 2L);
}

static void mm_pressure_test_squeeze_window(struct kunit *test)
{
	struct test_sq *t = test_sq_alloc(test, 100);
	struct mm_pressure_squeeze *sq = &t->sq;
	unsigned long len = msecs_to_jiffies(100);
	unsigned long now = 5000, later = now + len - 1;

	KUNIT_EXPECT_FALSE(test, __mm_pressure_squeezing(sq, now));
	KUNIT_EXPECT_TRUE(test, mm_pressure_squeeze_signal(sq, now));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), 1);
	KUNIT_EXPECT_TRUE(test, __mm_pressure_squeezing(sq, now));
	KUNIT_EXPECT_TRUE(test, __mm_pressure_squeezing(sq, now + len - 1));

	/* A signal inside the window extends it without calling opened. */
	KUNIT_EXPECT_FALSE(test, mm_pressure_squeeze_signal(sq, later));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), 1);
	KUNIT_EXPECT_TRUE(test, __mm_pressure_squeezing(sq, now + len));
	KUNIT_EXPECT_TRUE(test, __mm_pressure_squeezing(sq, later + len - 1));
	KUNIT_EXPECT_FALSE(test, __mm_pressure_squeezing(sq, later + len));

	/* After it expired, the next signal opens a new window. */
	KUNIT_EXPECT_TRUE(test, mm_pressure_squeeze_signal(sq, later + len));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), 2);
}

static void mm_pressure_test_wrap(struct kunit *test)
{
	struct test_oom *u = test_oom_add(test, 0, 0, 1, 0, 0);
	struct test_sq *t = test_sq_alloc(test, 100);
	unsigned long len = msecs_to_jiffies(100);
	unsigned long start = ULONG_MAX - len / 2;

	KUNIT_ASSERT_GE(test, len, 8UL);
	u->mpo.holdoff_ms = 100;
	mm_pressure_holdoff_start(&u->mpo, start);
	KUNIT_EXPECT_FALSE(test, mm_pressure_holdoff_active(&u->mpo, start - 1));
	KUNIT_EXPECT_TRUE(test, mm_pressure_holdoff_active(&u->mpo, ULONG_MAX));
	KUNIT_EXPECT_TRUE(test, mm_pressure_holdoff_active(&u->mpo, 0));
	KUNIT_EXPECT_TRUE(test,
			  mm_pressure_holdoff_active(&u->mpo, start + len - 1));
	KUNIT_EXPECT_FALSE(test, mm_pressure_holdoff_active(&u->mpo, start + len));

	KUNIT_EXPECT_TRUE(test, mm_pressure_squeeze_signal(&t->sq, start));
	KUNIT_EXPECT_TRUE(test, __mm_pressure_squeezing(&t->sq, ULONG_MAX));
	KUNIT_EXPECT_TRUE(test, __mm_pressure_squeezing(&t->sq, 0));
	/* Extended from just after the wrap. */
	KUNIT_EXPECT_FALSE(test, mm_pressure_squeeze_signal(&t->sq, 1));
	KUNIT_EXPECT_TRUE(test, __mm_pressure_squeezing(&t->sq, start + len));
	KUNIT_EXPECT_TRUE(test, __mm_pressure_squeezing(&t->sq, len));
	KUNIT_EXPECT_FALSE(test, __mm_pressure_squeezing(&t->sq, 1 + len));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), 1);
}

static void mm_pressure_test_duration_zero(struct kunit *test)
{
	struct test_sq *t = test_sq_alloc(test, 0);
	struct mm_pressure_squeeze *sq = &t->sq;

	KUNIT_EXPECT_FALSE(test, mm_pressure_squeeze_signal(sq, 100));
	KUNIT_EXPECT_FALSE(test, __mm_pressure_squeezing(sq, 100));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&sq->signals), 0L);

	/* Setting 0 closes an open window at once. */
	sq->duration_ms = 100;
	KUNIT_EXPECT_TRUE(test, mm_pressure_squeeze_signal(sq, 100));
	sq->duration_ms = 0;
	KUNIT_EXPECT_FALSE(test, __mm_pressure_squeezing(sq, 100));
	KUNIT_EXPECT_FALSE(test, mm_pressure_squeeze_signal(sq, 101));
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), 1);
}

struct test_lifetime {
	struct shrinker *shrinker;
	struct completion sq_opened, done_after;
	bool unregistered;
};

/* Calls the helper's count_objects() on the test's list until stopped. */
static int test_lifetime_thread(void *arg)
{
	struct test_lifetime *lt = arg;
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL };
	int after = 0;

	while (!kthread_should_stop()) {
		mm_pressure_count(lt->shrinker, &sc);
		if (READ_ONCE(lt->unregistered) && ++after == 16)
			complete(&lt->done_after);
		cond_resched();
	}
	return 0;
}

/*
 * Remove a squeeze user while a thread keeps calling count_objects() on
 * its list: once mm_pressure_squeeze_del() returned, ->opened() is never
 * called again. The user's window is 1 ms, so the thread's calls open
 * new windows while the test runs, not only one.
 *
 * The OOM policy's counterpart is unregister_oom_notifier(), which waits
 * for a running callback under the chain's rwsem: that is the notifier
 * chain's guarantee, not the helper's, and it is not tested here.
 */
static void mm_pressure_test_unregister_lifetime(struct kunit *test)
{
	struct hlist_head *users = test_users(test);
	struct test_sq *t = test_sq_alloc(test, 1);
	struct test_lifetime *lt = kunit_kzalloc(test, sizeof(*lt), GFP_KERNEL);
	struct task_struct *task;
	int opens, i;

	KUNIT_ASSERT_NOT_NULL(test, lt);
	lt->shrinker = test_shrinker(test, users);
	init_completion(&lt->sq_opened);
	init_completion(&lt->done_after);
	t->called = &lt->sq_opened;
	test_sq_add(test, users, t);

	task = kthread_run(test_lifetime_thread, lt, "mm_pressure_kunit");
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(task), "kthread_run: %ld",
			       PTR_ERR(task));
	/* Remove the user while the thread is signalling it. */
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&lt->sq_opened,
							  10 * HZ), 0UL);
	mm_pressure_squeeze_del(&t->sq);
	opens = atomic_read(&t->opened);
	KUNIT_EXPECT_GT(test, opens, 0);
	KUNIT_EXPECT_TRUE(test, hlist_empty(users));

	WRITE_ONCE(lt->unregistered, true);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&lt->done_after,
							  10 * HZ), 0UL);
	kthread_stop(task);
	for (i = 0; i < 4; i++)
		mm_pressure_count(lt->shrinker, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), opens);
}

/* count_objects() signals every user on its list and never asks for a scan. */
static void mm_pressure_test_count(struct kunit *test)
{
	struct hlist_head *users = test_users(test);
	struct shrinker *shrinker = test_shrinker(test, users);
	struct test_sq *a = test_sq_alloc(test, 60000);
	struct test_sq *b = test_sq_alloc(test, 60000);
	struct test_sq *off = test_sq_alloc(test, 0);

	KUNIT_EXPECT_EQ(test, mm_pressure_count(shrinker, NULL), 0UL);
	test_sq_add(test, users, a);
	test_sq_add(test, users, b);
	test_sq_add(test, users, off);
	KUNIT_EXPECT_EQ(test, mm_pressure_count(shrinker, NULL), 0UL);
	KUNIT_EXPECT_TRUE(test, mm_pressure_squeezing(&a->sq));
	KUNIT_EXPECT_TRUE(test, mm_pressure_squeezing(&b->sq));
	KUNIT_EXPECT_FALSE(test, mm_pressure_squeezing(&off->sq));
	KUNIT_EXPECT_EQ(test, atomic_read(&a->opened), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&b->opened), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&off->opened), 0);

	/* Inside the window: extended, not opened again. */
	mm_pressure_count(shrinker, NULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&a->opened), 1);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&a->sq.signals), 2L);
}

/* Unregister after a failed register, or twice, touches nothing. */
static void mm_pressure_test_unregister_unregistered(struct kunit *test)
{
	struct mm_pressure_oom mpo = { .batch = 1, .release = test_release };
	struct mm_pressure_squeeze sq = { };
	struct test_sq *t = test_sq_alloc(test, 100);
	struct hlist_head *users = test_users(test);

	/* No name: both registers fail; their unregisters do nothing. */
	KUNIT_EXPECT_EQ(test, mm_pressure_oom_register(&mpo), -EINVAL);
	mm_pressure_oom_unregister(&mpo);
	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_register(&sq), -EINVAL);
	mm_pressure_squeeze_unregister(&sq);
	KUNIT_EXPECT_TRUE(test, hlist_unhashed(&sq.node));

	/* Removing a user twice leaves the list intact. */
	test_sq_add(test, users, t);
	mm_pressure_squeeze_del(&t->sq);
	mm_pressure_squeeze_del(&t->sq);
	KUNIT_EXPECT_TRUE(test, hlist_empty(users));
}

static void mm_pressure_test_counters(struct kunit *test)
{
	struct test_oom *u = test_oom_add(test, 0, 0, 256, 12, 600);
	struct test_sq *t = test_sq_alloc(test, 100);
	struct test_sq *dup = test_sq_alloc(test, 100);
	unsigned long len = msecs_to_jiffies(100);
	unsigned long freed = 0, pages;
	int i;

	u->mpo.holdoff_ms = 60000;
	for (i = 0; i < 4; i++)	/* releases 256, 256, 88, then nothing */
		freed = test_oom_event(test, freed);
	pages = 2 * (256UL >> (PAGE_SHIFT - 12)) + (88UL >> (PAGE_SHIFT - 12));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&u->mpo.oom_events), 4L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&u->mpo.pages_released),
			(long)pages);
	KUNIT_EXPECT_EQ(test, freed, pages);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&u->mpo.holdoffs_started), 3L);

	mm_pressure_squeeze_signal(&t->sq, 100);		/* opens */
	mm_pressure_squeeze_signal(&t->sq, 101);		/* extends */
	mm_pressure_squeeze_signal(&t->sq, 101 + len);	/* opens */
	t->sq.duration_ms = 0;
	mm_pressure_squeeze_signal(&t->sq, 102 + len);	/* ignored */
	KUNIT_EXPECT_EQ(test, atomic_long_read(&t->sq.signals), 3L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&t->sq.windows_opened), 2L);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), 2);

	/*
	 * Registration creates the files; a duplicate name gets none. This
	 * registers for real: reclaim may signal these two test users (and
	 * only them) until the test ends.
	 */
	t->sq.name = "mm_pressure_kunit_counters";
	dup->sq.name = t->sq.name;
	KUNIT_ASSERT_EQ(test, mm_pressure_squeeze_register(&t->sq), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_sq_unregister,
							&t->sq), 0);
	KUNIT_ASSERT_EQ(test, mm_pressure_squeeze_register(&dup->sq), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_sq_unregister,
							&dup->sq), 0);
	if (IS_ENABLED(CONFIG_DEBUG_FS) && !IS_ERR(t->sq.debugfs)) {
		struct dentry *d = debugfs_lookup("windows_opened",
						  t->sq.debugfs);

		KUNIT_EXPECT_NOT_NULL(test, d);
		dput(d);
		d = debugfs_lookup("squeeze", t->sq.debugfs->d_parent->d_parent);
		KUNIT_EXPECT_PTR_EQ(test, d, t->sq.debugfs->d_parent);
		dput(d);
		KUNIT_EXPECT_TRUE(test, IS_ERR(dup->sq.debugfs));
	}
}

/*
 * An OOM user with the reclaim trigger at @reclaim_priority, set up as
 * registration would, and a shrinker that is never registered, whose
 * count and scan are the trigger's.
 */
static struct test_oom *test_oom_reclaim(struct kunit *test,
					 unsigned int reclaim_priority,
					 unsigned int batch,
					 unsigned long pool,
					 struct shrinker **shrinker)
{
	struct test_oom *u = kunit_kzalloc(test, sizeof(*u), GFP_KERNEL);
	struct shrinker *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, u);
	KUNIT_ASSERT_NOT_NULL(test, s);
	u->ctx = test->priv;
	u->pool = pool;
	u->mpo.name = "mm_pressure_kunit";
	u->mpo.batch = batch;
	u->mpo.unit_shift = 12;		/* 4k units, as virtio_balloon's */
	u->mpo.release = test_release;
	u->mpo.trigger = MM_PRESSURE_ON_RECLAIM_PRIORITY;
	u->mpo.reclaim_priority = reclaim_priority;
	KUNIT_ASSERT_EQ(test, mm_pressure_oom_init(&u->mpo), 0);
	s->private_data = &u->mpo;
	*shrinker = s;
	return u;
}

/* count_objects() at @priority, called as reclaim or as drop_caches. */
static unsigned long test_reclaim_count_gfp(struct shrinker *s, int priority,
					    bool reclaim, gfp_t gfp)
{
	struct shrink_control sc = { .gfp_mask = gfp, .priority = priority };
	unsigned int flags = 0;
	unsigned long n;

	if (reclaim)
		flags = memalloc_noreclaim_save();
	n = mm_pressure_reclaim_count(s, &sc);
	if (reclaim)
		memalloc_noreclaim_restore(flags);
	return n;
}

static unsigned long test_reclaim_count(struct shrinker *s, int priority,
					bool reclaim)
{
	return test_reclaim_count_gfp(s, priority, reclaim, GFP_KERNEL);
}

/* scan_objects() for @nr pages in a reclaim pass; *@credited: the pass's. */
static unsigned long test_reclaim_scan(struct shrinker *s, unsigned long nr,
				       unsigned long *credited)
{
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL, .nr_to_scan = nr };
	struct reclaim_state rs = {};
	struct reclaim_state *old = current->reclaim_state;
	unsigned int flags = memalloc_noreclaim_save();
	unsigned long n;

	current->reclaim_state = &rs;
	n = mm_pressure_reclaim_scan(s, &sc);
	current->reclaim_state = old;
	memalloc_noreclaim_restore(flags);
	*credited = rs.reclaimed;
	return n;
}

/*
 * The reclaim trigger answers a batch, in pages, only to a reclaim pass
 * at its priority or lower for an allocation that may invoke the OOM
 * killer: not to gentler passes, not for __GFP_NORETRY or
 * __GFP_RETRY_MAYFAIL, and not to drop_caches or the debugfs files,
 * which pass priority 0 without being reclaim.
 */
static void mm_pressure_test_reclaim_count(struct kunit *test)
{
	unsigned long batch_pages = mm_pressure_units_to_pages(256, 12, PAGE_SHIFT);
	struct shrinker *s;
	struct test_oom *u = test_oom_reclaim(test, 0, 256, 1000, &s);

	KUNIT_EXPECT_EQ(test, test_reclaim_count(s, 0, true), batch_pages);
	KUNIT_EXPECT_EQ(test, test_reclaim_count(s, 1, true), 0UL);
	KUNIT_EXPECT_EQ(test, test_reclaim_count(s, DEF_PRIORITY, true), 0UL);
	KUNIT_EXPECT_EQ(test, test_reclaim_count(s, 0, false), 0UL);
	/* Nor for an allocation that fails rather than invoke the OOM killer. */
	KUNIT_EXPECT_EQ(test, test_reclaim_count_gfp(s, 0, true,
						     GFP_KERNEL | __GFP_NORETRY), 0UL);
	KUNIT_EXPECT_EQ(test, test_reclaim_count_gfp(s, 0, true,
						     GFP_KERNEL | __GFP_RETRY_MAYFAIL), 0UL);
	KUNIT_EXPECT_EQ(test, test_reclaim_count_gfp(s, 0, true, GFP_NOFS),
			batch_pages);

	/* The priority and the batch are read at each call. */
	u->mpo.reclaim_priority = 2;
	KUNIT_EXPECT_EQ(test, test_reclaim_count(s, 2, true), batch_pages);
	KUNIT_EXPECT_EQ(test, test_reclaim_count(s, 3, true), 0UL);
	u->mpo.batch = 0;
	KUNIT_EXPECT_EQ(test, test_reclaim_count(s, 0, true), 0UL);
	/* Counting releases nothing. */
	KUNIT_EXPECT_EQ(test, u->pool, 1000UL);
}

/*
 * scan releases what reclaim asks for, at most a batch, credits it to the
 * reclaim pass and starts the hold-off; one release at a time, the others
 * stop; a caller that is not reclaim gets nothing; an empty pool stops
 * reclaim too.
 */
static void mm_pressure_test_reclaim_scan(struct kunit *test)
{
	struct shrink_control debugfs_sc = { .gfp_mask = GFP_KERNEL, .nr_to_scan = ~0UL };
	unsigned long per_page = 1UL << (PAGE_SHIFT - 12), credited;
	struct shrinker *s;
	struct test_oom *u = test_oom_reclaim(test, 0, 256, 100000, &s);

	u->mpo.holdoff_ms = 60000;
	KUNIT_EXPECT_EQ(test, test_reclaim_scan(s, 16, &credited), 16UL);
	KUNIT_EXPECT_EQ(test, u->asked, 16 * per_page);
	KUNIT_EXPECT_EQ(test, credited, 16UL);
	KUNIT_EXPECT_FALSE(test, mm_pressure_may_grow(&u->mpo));

	/* At most a batch, whatever reclaim asks for. */
	KUNIT_EXPECT_EQ(test, test_reclaim_scan(s, 512, &credited),
			mm_pressure_units_to_pages(256, 12, PAGE_SHIFT));
	KUNIT_EXPECT_EQ(test, u->asked, 256UL);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&u->mpo.oom_events), 2L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&u->mpo.pages_released),
			(long)(16 + mm_pressure_units_to_pages(256, 12, PAGE_SHIFT)));

	/* Another reclaimer is releasing: this one stops, asks nothing. */
	u->asked = 0;
	mutex_lock(&u->mpo.release_lock);
	KUNIT_EXPECT_EQ(test, test_reclaim_scan(s, 16, &credited), SHRINK_STOP);
	mutex_unlock(&u->mpo.release_lock);
	KUNIT_EXPECT_EQ(test, u->asked, 0UL);
	KUNIT_EXPECT_EQ(test, credited, 0UL);

	/* Not reclaim (the shrinker debugfs "scan" file): nothing asked. */
	KUNIT_EXPECT_EQ(test, mm_pressure_reclaim_scan(s, &debugfs_sc), SHRINK_STOP);
	KUNIT_EXPECT_EQ(test, u->asked, 0UL);

	/* Nothing left to give: stop, credit nothing. */
	u->pool = 0;
	KUNIT_EXPECT_EQ(test, test_reclaim_scan(s, 16, &credited), SHRINK_STOP);
	KUNIT_EXPECT_EQ(test, credited, 0UL);
}

static void test_oom_unregister(void *mpo)
{
	mm_pressure_oom_unregister(mpo);
}

/*
 * Registration with the reclaim trigger makes a shrinker and no notifier,
 * and checks the new fields. This registers for real: reclaim may ask
 * this test user (and only it) for pages until the test ends.
 */
static void mm_pressure_test_reclaim_register(struct kunit *test)
{
	struct shrinker *s;
	struct test_oom *u = test_oom_reclaim(test, 0, 256, 1000, &s);

	u->mpo.name = "mm_pressure_kunit_reclaim";
	u->mpo.reclaim_priority = DEF_PRIORITY + 1;
	KUNIT_EXPECT_EQ(test, mm_pressure_oom_register(&u->mpo), -EINVAL);
	u->mpo.reclaim_priority = 0;
	u->mpo.trigger = MM_PRESSURE_ON_RECLAIM_PRIORITY + 1;
	KUNIT_EXPECT_EQ(test, mm_pressure_oom_register(&u->mpo), -EINVAL);
	KUNIT_EXPECT_NULL(test, u->mpo.shrinker);
	mm_pressure_oom_unregister(&u->mpo);	/* after a failure: nothing */

	u->mpo.trigger = MM_PRESSURE_ON_RECLAIM_PRIORITY;
	KUNIT_ASSERT_EQ(test, mm_pressure_oom_register(&u->mpo), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_oom_unregister,
							&u->mpo), 0);
	KUNIT_ASSERT_NOT_NULL(test, u->mpo.shrinker);
	KUNIT_EXPECT_PTR_EQ(test, u->mpo.shrinker->private_data,
			    (void *)&u->mpo);
	KUNIT_EXPECT_TRUE(test, u->mpo.shrinker->count_objects ==
			  mm_pressure_reclaim_count);
	/* No notifier: the OOM chain never calls this user. */
	KUNIT_EXPECT_NE(test, unregister_oom_notifier(&u->mpo.nb), 0);
	if (IS_ENABLED(CONFIG_DEBUG_FS) && !IS_ERR_OR_NULL(u->mpo.debugfs)) {
		struct dentry *d = debugfs_lookup("reclaim_priority",
						  u->mpo.debugfs);

		KUNIT_EXPECT_NOT_NULL(test, d);
		dput(d);
	}
}

static unsigned long test_sq_count(struct mm_pressure_squeeze *sq)
{
	return container_of(sq, struct test_sq, sq)->cached;
}

/*
 * A proportional user and a shrinker the test makes, never registered:
 * count and scan are called on it directly, never by reclaim.
 */
static struct test_sq *test_sq_prop(struct kunit *test, unsigned long cached,
				    struct shrinker **shrinker)
{
	struct test_sq *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct shrinker *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_NOT_NULL(test, s);
	t->sq.name = "mm_pressure_kunit_prop";
	t->sq.duration_ms = 10;
	t->sq.opened = test_opened;
	t->sq.mode = MM_PRESSURE_SQUEEZE_PROPORTIONAL;
	t->sq.count = test_sq_count;
	t->cached = cached;
	KUNIT_ASSERT_EQ(test, mm_pressure_squeeze_init(&t->sq), 0);
	s->private_data = &t->sq;
	*shrinker = s;
	return t;
}

static unsigned long test_prop_scan(struct shrinker *s, unsigned long nr)
{
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL, .nr_to_scan = nr };

	return mm_pressure_prop_scan(s, &sc);
}

/*
 * Proportional: count is the driver's count (0 while disabled); scan adds
 * what reclaim scans to the request, capped at the count, frees nothing
 * itself, and wakes the driver only when the request leaves 0; once the
 * request covers the cache, reclaim is told to stop.
 */
static void mm_pressure_test_prop_scan(struct kunit *test)
{
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL };
	struct shrinker *s;
	struct test_sq *t = test_sq_prop(test, 300, &s);

	KUNIT_EXPECT_EQ(test, mm_pressure_prop_count(s, &sc), 300UL);
	KUNIT_EXPECT_FALSE(test, mm_pressure_squeeze_pending(&t->sq));

	KUNIT_EXPECT_EQ(test, test_prop_scan(s, 128), 0UL);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&t->sq.requested), 128L);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), 1);
	KUNIT_EXPECT_TRUE(test, mm_pressure_squeeze_pending(&t->sq));

	/* More scanning adds to the request, without another wake-up. */
	KUNIT_EXPECT_EQ(test, test_prop_scan(s, 128), 0UL);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&t->sq.requested), 256L);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), 1);

	/* Capped at what the cache holds; then reclaim stops. */
	KUNIT_EXPECT_EQ(test, test_prop_scan(s, 128), 0UL);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&t->sq.requested), 300L);
	KUNIT_EXPECT_EQ(test, test_prop_scan(s, 128), SHRINK_STOP);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&t->sq.pages_requested), 300L);

	/* A window never opens in this mode. */
	KUNIT_EXPECT_FALSE(test, mm_pressure_squeezing(&t->sq));

	/* Disabled: nothing counted, nothing asked. */
	t->sq.duration_ms = 0;
	KUNIT_EXPECT_EQ(test, mm_pressure_prop_count(s, &sc), 0UL);
	KUNIT_EXPECT_EQ(test, test_prop_scan(s, 128), SHRINK_STOP);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&t->sq.pages_requested), 300L);
}

/*
 * take: each worker gets at most its own max and at most what is asked
 * for; together they take exactly the request; an emptied request wakes
 * the driver again on the next scan.
 */
static void mm_pressure_test_prop_take(struct kunit *test)
{
	struct shrinker *s;
	struct test_sq *t = test_sq_prop(test, 1000, &s);

	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_take(&t->sq, 100), 0UL);
	test_prop_scan(s, 250);
	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_take(&t->sq, 100), 100UL);
	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_take(&t->sq, 0), 0UL);
	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_take(&t->sq, 1000), 150UL);
	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_take(&t->sq, 1000), 0UL);
	KUNIT_EXPECT_FALSE(test, mm_pressure_squeeze_pending(&t->sq));
	KUNIT_EXPECT_EQ(test, atomic_long_read(&t->sq.pages_taken), 250L);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&t->sq.trims), 2L);

	test_prop_scan(s, 10);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), 2);
}

static void test_sq_unregister_prop(void *sq)
{
	mm_pressure_squeeze_unregister(sq);
}

/*
 * Registration in proportional mode needs count(), makes a shrinker of
 * the user's own and does not put the user on the shared list. This
 * registers for real: reclaim may ask this test user (and only it) for
 * pages until the test ends, which only moves its request.
 */
static void mm_pressure_test_prop_register(struct kunit *test)
{
	struct shrinker *s;
	struct test_sq *t = test_sq_prop(test, 0, &s);

	t->sq.count = NULL;
	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_register(&t->sq), -EINVAL);
	t->sq.count = test_sq_count;
	t->sq.mode = MM_PRESSURE_SQUEEZE_PROPORTIONAL + 1;
	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_register(&t->sq), -EINVAL);
	mm_pressure_squeeze_unregister(&t->sq);	/* after a failure: nothing */

	t->sq.mode = MM_PRESSURE_SQUEEZE_PROPORTIONAL;
	KUNIT_ASSERT_EQ(test, mm_pressure_squeeze_register(&t->sq), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, test_sq_unregister_prop,
							&t->sq), 0);
	KUNIT_ASSERT_NOT_NULL(test, t->sq.shrinker);
	KUNIT_EXPECT_PTR_EQ(test, t->sq.shrinker->private_data, (void *)&t->sq);
	KUNIT_EXPECT_TRUE(test, t->sq.shrinker->scan_objects == mm_pressure_prop_scan);
	/* Free pages, no IO to recreate: half of them asked for a pass. */
	KUNIT_EXPECT_EQ(test, t->sq.shrinker->seeks, 0);
	KUNIT_EXPECT_TRUE(test, hlist_unhashed(&t->sq.node));
}

static int mm_pressure_test_init(struct kunit *test)
{
	struct test_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);

	if (!ctx)
		return -ENOMEM;
	BLOCKING_INIT_NOTIFIER_HEAD(&ctx->chain);
	test->priv = ctx;
	return 0;
}

static struct kunit_case mm_pressure_test_cases[] = {
	KUNIT_CASE(mm_pressure_test_priority_order),
	KUNIT_CASE(mm_pressure_test_batch),
	KUNIT_CASE(mm_pressure_test_batch_runtime),
	KUNIT_CASE(mm_pressure_test_invalid),
	KUNIT_CASE(mm_pressure_test_units_to_pages),
	KUNIT_CASE(mm_pressure_test_freed_in_pages),
	KUNIT_CASE(mm_pressure_test_nothing_left),
	KUNIT_CASE(mm_pressure_test_holdoff),
	KUNIT_CASE(mm_pressure_test_squeeze_window),
	KUNIT_CASE(mm_pressure_test_wrap),
	KUNIT_CASE(mm_pressure_test_duration_zero),
	KUNIT_CASE(mm_pressure_test_count),
	KUNIT_CASE(mm_pressure_test_unregister_lifetime),
	KUNIT_CASE(mm_pressure_test_unregister_unregistered),
	KUNIT_CASE(mm_pressure_test_counters),
	KUNIT_CASE(mm_pressure_test_reclaim_count),
	KUNIT_CASE(mm_pressure_test_reclaim_scan),
	KUNIT_CASE(mm_pressure_test_reclaim_register),
	KUNIT_CASE(mm_pressure_test_prop_scan),
	KUNIT_CASE(mm_pressure_test_prop_take),
	KUNIT_CASE(mm_pressure_test_prop_register),
	{}
};

static struct kunit_suite mm_pressure_test_suite = {
	.name = "mm_pressure",
	.init = mm_pressure_test_init,
	.test_cases = mm_pressure_test_cases,
};

/*
 * The stress suite: every operation of the helper at once, a kthread on
 * each online CPU, for stress_ms. It is what the KCSAN kernel (make
 * kcsan) runs the helper's lockless paths with; on every other kernel it
 * checks the counters under contention. Each thread cycles through the
 * operations, offset by its CPU, so that at any time different CPUs run
 * different ones against the same objects:
 *
 *   signal     count_objects() on the test's list (two users, and the
 *              threads' own ones below)
 *   query      mm_pressure_squeezing() and mm_pressure_may_grow()
 *   oom        one OOM event on the test's chain, under a mutex that
 *              stands in for oom_lock (the chain never runs twice at once)
 *   param      a module-parameter write (param_ops_uint, as sysfs does,
 *              under a mutex standing in for the module's param lock) of
 *              a squeeze duration or the hold-off, 0 included
 *   list       add a squeeze user to the test's list and remove it
 *   register   mm_pressure_{oom,squeeze}_register() and unregister of
 *              the thread's own users, for real: they are on the real
 *              OOM chain and list, with debugfs files, until unregistered;
 *              their release gives nothing and their window is 1 ms
 */
static unsigned int stress_ms = 500;
module_param(stress_ms, uint, 0444);
MODULE_PARM_DESC(stress_ms, "How long the stress suite runs, in ms (default 500)");

enum { ST_SIGNAL, ST_QUERY, ST_OOM, ST_PARAM, ST_LIST, ST_REGISTER, ST_NR };
/* The operations that wait for an RCU grace period, and so are slow. */
#define ST_FAST ST_LIST
static const char * const stress_op_names[ST_NR] = {
	"signal", "query", "oom", "param", "list", "register",
};

struct stress {
	struct shrinker *shrinker;
	struct test_sq *sq[2];
	struct test_oom *oom;
	struct mutex oom_lock, param_lock;
	unsigned long oom_events, freed;	/* under oom_lock */
	struct kernel_param kp_duration, kp_holdoff;
};

struct stress_thread {
	struct stress *s;
	unsigned int cpu;
	unsigned long ops[ST_NR];
	unsigned long errors;
	struct test_sq list_user;
	struct test_sq sq;
	struct test_oom oom;
	char sq_name[32], oom_name[32];
};

static unsigned long stress_release_none(struct mm_pressure_oom *mpo,
					 unsigned long nr_units)
{
	return 0;
}

static void stress_op(struct stress_thread *st, unsigned long i)
{
	static const char * const ms[] = { "1", "0", "5", "100", "1" };
	struct stress *s = st->s;
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL };
	unsigned long freed = 0;
	unsigned int op;

	/*
	 * One iteration in 64 runs a slow operation, so that grace periods
	 * do not set the pace of the others: a race is found where accesses
	 * meet, and the fast ones are the helper's lockless paths.
	 */
	if (i % 64 == 0)
		op = ST_FAST + (i / 64) % (ST_NR - ST_FAST);
	else
		op = (i + st->cpu) % ST_FAST;

	switch (op) {
	case ST_SIGNAL:
		mm_pressure_count(s->shrinker, &sc);
		break;
	case ST_QUERY:
		mm_pressure_squeezing(&s->sq[i & 1]->sq);
		mm_pressure_may_grow(&s->oom->mpo);
		break;
	case ST_OOM:
		mutex_lock(&s->oom_lock);
		blocking_notifier_call_chain(&s->oom->ctx->chain, 0, &freed);
		s->oom_events++;
		s->freed += freed;
		mutex_unlock(&s->oom_lock);
		break;
	case ST_PARAM:
		mutex_lock(&s->param_lock);
		if (param_ops_uint.set(ms[i % ARRAY_SIZE(ms)],
				       i & 2 ? &s->kp_duration : &s->kp_holdoff))
			st->errors++;
		mutex_unlock(&s->param_lock);
		break;
	case ST_LIST:
		mm_pressure_squeeze_add(s->shrinker->private_data,
					&st->list_user.sq);
		mm_pressure_squeeze_del(&st->list_user.sq);
		break;
	case ST_REGISTER:
		if (mm_pressure_squeeze_register(&st->sq.sq) ||
		    mm_pressure_oom_register(&st->oom.mpo))
			st->errors++;
		mm_pressure_squeeze_signal(&st->sq.sq, jiffies);
		mm_pressure_oom_unregister(&st->oom.mpo);
		mm_pressure_squeeze_unregister(&st->sq.sq);
		break;
	}
	st->ops[op]++;
}

static int stress_thread_fn(void *arg)
{
	struct stress_thread *st = arg;
	unsigned long i = 0;

	while (!kthread_should_stop()) {
		stress_op(st, i++);
		cond_resched();
	}
	return 0;
}

static void stress_thread_init(struct stress_thread *st, struct stress *s,
			       unsigned int cpu)
{
	st->s = s;
	st->cpu = cpu;
	st->list_user.sq.name = "mm_pressure_stress";
	st->list_user.sq.duration_ms = 1;
	st->list_user.sq.opened = test_opened;
	mm_pressure_squeeze_init(&st->list_user.sq);

	snprintf(st->sq_name, sizeof(st->sq_name), "mm_pressure_stress%u", cpu);
	st->sq.sq.name = st->sq_name;
	st->sq.sq.duration_ms = 1;
	st->sq.sq.opened = test_opened;
	mm_pressure_squeeze_init(&st->sq.sq);	/* unhashed until registered */

	snprintf(st->oom_name, sizeof(st->oom_name), "mm_pressure_stress%u", cpu);
	st->oom.mpo.name = st->oom_name;
	st->oom.mpo.batch = 1;
	st->oom.mpo.release = stress_release_none;
}

static void mm_pressure_test_stress(struct kunit *test)
{
	struct stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	unsigned int ncpus = num_online_cpus(), n = 0, cpu, op, i;
	unsigned long ops[ST_NR] = { }, pool = ULONG_MAX / 2, opened, errors = 0;
	struct hlist_head *users = test_users(test);
	struct task_struct **tasks;
	struct stress_thread *st;
	struct test_sq *t;
	long err = 0;

	KUNIT_ASSERT_NOT_NULL(test, s);
	st = kunit_kcalloc(test, ncpus, sizeof(*st), GFP_KERNEL);
	tasks = kunit_kcalloc(test, ncpus, sizeof(*tasks), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, st);
	KUNIT_ASSERT_NOT_NULL(test, tasks);
	s->shrinker = test_shrinker(test, users);
	mutex_init(&s->oom_lock);
	mutex_init(&s->param_lock);
	for (i = 0; i < 2; i++) {
		s->sq[i] = test_sq_alloc(test, 1);
		test_sq_add(test, users, s->sq[i]);
	}
	s->oom = test_oom_add(test, 0, 0, 256, 0, pool);
	s->kp_duration.ops = &param_ops_uint;
	s->kp_duration.arg = &s->sq[0]->sq.duration_ms;
	s->kp_holdoff.ops = &param_ops_uint;
	s->kp_holdoff.arg = &s->oom->mpo.holdoff_ms;

	for_each_online_cpu(cpu) {
		if (n == ncpus)
			break;
		stress_thread_init(&st[n], s, cpu);
		tasks[n] = kthread_create_on_cpu(stress_thread_fn, &st[n], cpu,
						 "mmp_stress/%u");
		if (IS_ERR(tasks[n])) {
			err = PTR_ERR(tasks[n]);
			break;
		}
		n++;
	}
	for (i = 0; i < n; i++) {
		if (err)
			kthread_stop(tasks[i]);	/* never woken: never ran */
		else
			wake_up_process(tasks[i]);
	}
	KUNIT_ASSERT_EQ_MSG(test, err, 0L, "kthread_create_on_cpu failed");
	msleep(stress_ms);
	for (i = 0; i < n; i++)
		kthread_stop(tasks[i]);

	/* Every CPU ran every operation: the load was held, not serialised. */
	for (i = 0; i < n; i++) {
		for (op = 0; op < ST_NR; op++) {
			KUNIT_EXPECT_GT_MSG(test, st[i].ops[op], 0UL,
					    "cpu %u never ran %s", st[i].cpu,
					    stress_op_names[op]);
			ops[op] += st[i].ops[op];
		}
		errors += st[i].errors;
		/* Unregistered: off the real list and chain, no files. */
		KUNIT_EXPECT_TRUE(test, hlist_unhashed(&st[i].sq.sq.node));
		KUNIT_EXPECT_NULL(test, st[i].sq.sq.debugfs);
		KUNIT_EXPECT_NULL(test, st[i].oom.mpo.debugfs);
		KUNIT_EXPECT_TRUE(test, hlist_unhashed(&st[i].list_user.sq.node));
	}
	KUNIT_EXPECT_EQ(test, errors, 0UL);

	/* One ->opened() per window opened, and no window without a signal. */
	for (i = 0; i < 2; i++) {
		struct mm_pressure_squeeze *sq = &s->sq[i]->sq;

		opened = atomic_long_read(&sq->windows_opened);
		KUNIT_EXPECT_EQ(test, (unsigned long)atomic_read(&s->sq[i]->opened),
				opened);
		KUNIT_EXPECT_LE(test, opened,
				(unsigned long)atomic_long_read(&sq->signals));
		KUNIT_EXPECT_LE(test, (unsigned long)atomic_long_read(&sq->signals),
				ops[ST_SIGNAL]);
	}
	/* The list holds the test's two users again, and only them. */
	n = 0;
	hlist_for_each_entry(t, users, sq.node)
		n++;
	KUNIT_EXPECT_EQ(test, n, 2U);

	/* Every event released its batch; the counters say what was freed. */
	KUNIT_EXPECT_EQ(test, s->oom_events, ops[ST_OOM]);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&s->oom->mpo.oom_events),
			(long)s->oom_events);
	KUNIT_EXPECT_EQ(test, s->freed, 256 * s->oom_events);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&s->oom->mpo.pages_released),
			(long)s->freed);
	KUNIT_EXPECT_EQ(test, s->oom->pool, pool - s->freed);

	kunit_info(test,
		   "stress: %u cpus, %u ms: %lu signals, %lu queries, %lu oom events, %lu param writes, %lu list add/del, %lu register cycles, %ld windows opened\n",
		   ncpus, stress_ms, ops[ST_SIGNAL], ops[ST_QUERY], ops[ST_OOM],
		   ops[ST_PARAM], ops[ST_LIST], ops[ST_REGISTER],
		   atomic_long_read(&s->sq[0]->sq.windows_opened) +
		   atomic_long_read(&s->sq[1]->sq.windows_opened));
}

static struct kunit_case mm_pressure_stress_cases[] = {
	KUNIT_CASE_SLOW(mm_pressure_test_stress),
	{}
};

static struct kunit_suite mm_pressure_stress_suite = {
	.name = "mm_pressure_stress",
	.init = mm_pressure_test_init,
	.test_cases = mm_pressure_stress_cases,
};

kunit_test_suites(&mm_pressure_test_suite, &mm_pressure_stress_suite);

MODULE_DESCRIPTION("KUnit tests for mm_pressure");
MODULE_LICENSE("GPL");
