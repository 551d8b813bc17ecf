// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for mm_pressure.
 *
 * The window logic is tested through its pure functions of "now", so no
 * test sleeps on time. OOM users are called through a notifier chain local
 * to the test, never through out_of_memory().
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/debugfs.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/mm_pressure.h>
#include <linux/notifier.h>

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
	atomic_t calls;
	struct completion *called;
};

struct test_sq {
	struct mm_pressure_squeeze sq;
	atomic_t opened;
	struct completion *called;
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
	atomic_inc(&u->calls);
	if (u->called)
		complete(u->called);
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
				     unsigned long batch,
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
	mpo.batch = 0;
	KUNIT_EXPECT_EQ(test, mm_pressure_oom_init(&mpo), -EINVAL);
	mpo.batch = 1;
	mpo.release = NULL;
	KUNIT_EXPECT_EQ(test, mm_pressure_oom_init(&mpo), -EINVAL);
	KUNIT_EXPECT_EQ(test, mm_pressure_oom_register(&mpo), -EINVAL);
	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_register(&sq), -EINVAL);
}

static void mm_pressure_test_freed_in_pages(struct kunit *test)
{
	struct test_oom *u = test_oom_add(test, 0, 0, 256, 12, 1000);
	unsigned long freed;

	/* 256 4k units are 256 pages on 4k pages, 16 pages on 64k pages. */
	KUNIT_EXPECT_EQ(test, 256UL >> (12 - 12), 256UL);
	KUNIT_EXPECT_EQ(test, 256UL >> (16 - 12), 16UL);

	freed = test_oom_event(test, 5);
	KUNIT_EXPECT_EQ(test, freed, 5 + (256UL >> (PAGE_SHIFT - 12)));
	if (PAGE_SHIFT == 12)
		KUNIT_EXPECT_EQ(test, freed, 5UL + 256);

	/* A partial page is not reported. */
	u->pool = 255;
	freed = test_oom_event(test, 0);
	KUNIT_EXPECT_EQ(test, freed, 255UL >> (PAGE_SHIFT - 12));

	/* unit_shift 0 means the unit is a page. */
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
	struct blocking_notifier_head *chain;
	struct completion oom_called, sq_opened, done_after;
	bool unregistered;
};

/* Calls the OOM chain and the shrinker's signal path until stopped. */
static int test_lifetime_thread(void *arg)
{
	struct test_lifetime *lt = arg;
	unsigned long now = 0;
	int after = 0;

	while (!kthread_should_stop()) {
		unsigned long freed = 0;

		blocking_notifier_call_chain(lt->chain, 0, &freed);
		now += 1000;	/* every signal opens a new window */
		mm_pressure_signal_all(now);
		if (READ_ONCE(lt->unregistered) && ++after == 16)
			complete(&lt->done_after);
		cond_resched();
	}
	return 0;
}

/*
 * Unregister both users while a thread calls them. The OOM user is on the
 * test chain, so this checks what mm_pressure_oom_unregister() relies on:
 * blocking_notifier_chain_unregister() waits for a running callback. The
 * squeeze user goes through the real register and unregister.
 */
static void mm_pressure_test_unregister_lifetime(struct kunit *test)
{
	struct test_ctx *ctx = test->priv;
	struct test_oom *u = test_oom_add(test, 0, 0, 1, 0, ULONG_MAX);
	struct test_sq *t = test_sq_alloc(test, 1);
	struct test_lifetime *lt = kunit_kzalloc(test, sizeof(*lt), GFP_KERNEL);
	struct task_struct *task;
	int oom_calls, opens, i;

	KUNIT_ASSERT_NOT_NULL(test, lt);
	lt->chain = &ctx->chain;
	init_completion(&lt->oom_called);
	init_completion(&lt->sq_opened);
	init_completion(&lt->done_after);
	u->called = &lt->oom_called;
	t->called = &lt->sq_opened;
	t->sq.name = "mm_pressure_kunit_lifetime";
	KUNIT_ASSERT_EQ(test, mm_pressure_squeeze_register(&t->sq), 0);

	task = kthread_run(test_lifetime_thread, lt, "mm_pressure_kunit");
	if (IS_ERR(task)) {
		mm_pressure_squeeze_unregister(&t->sq);
		KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(task));
		return;
	}
	/* Unregister while the thread is calling both users. */
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&lt->oom_called,
							  10 * HZ), 0UL);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&lt->sq_opened,
							  10 * HZ), 0UL);
	blocking_notifier_chain_unregister(&ctx->chain, &u->mpo.nb);
	mm_pressure_squeeze_unregister(&t->sq);
	oom_calls = atomic_read(&u->calls);
	opens = atomic_read(&t->opened);
	KUNIT_EXPECT_GT(test, oom_calls, 0);
	KUNIT_EXPECT_GT(test, opens, 0);

	WRITE_ONCE(lt->unregistered, true);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&lt->done_after,
							  10 * HZ), 0UL);
	kthread_stop(task);
	for (i = 0; i < 4; i++) {
		test_oom_event(test, 0);
		mm_pressure_signal_all(jiffies + i * 1000);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&u->calls), oom_calls);
	KUNIT_EXPECT_EQ(test, atomic_read(&t->opened), opens);
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

	/* Registration creates the files; a duplicate name gets none. */
	t->sq.name = "mm_pressure_kunit_counters";
	dup->sq.name = t->sq.name;
	KUNIT_ASSERT_EQ(test, mm_pressure_squeeze_register(&t->sq), 0);
	KUNIT_EXPECT_EQ(test, mm_pressure_squeeze_register(&dup->sq), 0);
	if (IS_ENABLED(CONFIG_DEBUG_FS) && !IS_ERR(t->sq.debugfs)) {
		struct dentry *d = debugfs_lookup("windows_opened",
						  t->sq.debugfs);

		KUNIT_EXPECT_NOT_NULL(test, d);
		dput(d);
		KUNIT_EXPECT_TRUE(test, IS_ERR(dup->sq.debugfs));
	}
	mm_pressure_squeeze_unregister(&dup->sq);
	mm_pressure_squeeze_unregister(&t->sq);
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
	KUNIT_CASE(mm_pressure_test_invalid),
	KUNIT_CASE(mm_pressure_test_freed_in_pages),
	KUNIT_CASE(mm_pressure_test_nothing_left),
	KUNIT_CASE(mm_pressure_test_holdoff),
	KUNIT_CASE(mm_pressure_test_squeeze_window),
	KUNIT_CASE(mm_pressure_test_wrap),
	KUNIT_CASE(mm_pressure_test_duration_zero),
	KUNIT_CASE(mm_pressure_test_unregister_lifetime),
	KUNIT_CASE(mm_pressure_test_counters),
	{}
};

static struct kunit_suite mm_pressure_test_suite = {
	.name = "mm_pressure",
	.init = mm_pressure_test_init,
	.test_cases = mm_pressure_test_cases,
};

kunit_test_suite(mm_pressure_test_suite);

MODULE_DESCRIPTION("KUnit tests for mm_pressure");
MODULE_LICENSE("GPL");
