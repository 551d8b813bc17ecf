// SPDX-License-Identifier: GPL-2.0
/*
 * Bench-only (never part of the series): the cost of mm_pressure's hot
 * paths, run as a KUnit suite under UML by ci/bench/micro.sh, so the
 * numbers are native CPU time, not QEMU TCG time. Each case prints
 * "bench: <what> <ns>.<frac> ns/call"; the cases assert only that the
 * calls did what they should, never a time.
 */
#include <kunit/test.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/mm_pressure.h>
#include <linux/shrinker.h>
#include <linux/notifier.h>

#include "mm_pressure_internal.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);

#define N 2000000UL

static void report(struct kunit *test, const char *what, u64 ns)
{
	u64 centi = div64_u64(ns * 100, N);

	kunit_info(test, "bench: %s %llu.%02llu ns/call\n", what,
		   centi / 100, centi % 100);
}

static unsigned long bench_release(struct mm_pressure_oom *mpo,
				   unsigned long nr_units)
{
	return 0;	/* nothing left: the cheapest real user */
}

static void bench_squeeze_query(struct kunit *test)
{
	struct mm_pressure_squeeze sq = { .name = "bench", .duration_ms = 10 };
	unsigned long i, hits = 0;
	u64 t;

	KUNIT_ASSERT_EQ(test, mm_pressure_squeeze_init(&sq), 0);
	t = ktime_get_ns();
	for (i = 0; i < N; i++)
		hits += READ_ONCE(jiffies) & 1;
	report(test, "baseline READ_ONCE(jiffies)", ktime_get_ns() - t);
	hits = 0;
	t = ktime_get_ns();
	for (i = 0; i < N; i++)
		hits += mm_pressure_squeezing(&sq);
	report(test, "mm_pressure_squeezing() closed", ktime_get_ns() - t);
	KUNIT_EXPECT_EQ(test, hits, 0UL);

	sq.duration_ms = 1000000;	/* stays open for the loop */
	KUNIT_ASSERT_TRUE(test, mm_pressure_squeeze_signal(&sq, jiffies));
	hits = 0;
	t = ktime_get_ns();
	for (i = 0; i < N; i++)
		hits += mm_pressure_squeezing(&sq);
	report(test, "mm_pressure_squeezing() open", ktime_get_ns() - t);
	KUNIT_EXPECT_EQ(test, hits, N);
}

static void bench_oom_pass(struct kunit *test)
{
	struct blocking_notifier_head chain;
	struct mm_pressure_oom mpo = {
		.name = "bench", .priority = 80, .batch = 256,
		.unit_shift = 12, .release = bench_release,
	};
	unsigned long i, freed = 0;
	u64 t;

	/*
	 * out_of_memory() calls blocking_notifier_call_chain() on its own
	 * chain; the helper adds one notifier a user and nothing else, so an
	 * OOM pass with no users costs what an empty chain costs.
	 */
	BLOCKING_INIT_NOTIFIER_HEAD(&chain);
	t = ktime_get_ns();
	for (i = 0; i < N; i++)
		blocking_notifier_call_chain(&chain, 0, &freed);
	report(test, "OOM chain, no users", ktime_get_ns() - t);

	KUNIT_ASSERT_EQ(test, mm_pressure_oom_init(&mpo), 0);
	KUNIT_ASSERT_EQ(test, blocking_notifier_chain_register(&chain, &mpo.nb), 0);
	t = ktime_get_ns();
	for (i = 0; i < N; i++)
		blocking_notifier_call_chain(&chain, 0, &freed);
	report(test, "OOM chain, one user releasing nothing", ktime_get_ns() - t);
	blocking_notifier_chain_unregister(&chain, &mpo.nb);
	KUNIT_EXPECT_EQ(test, freed, 0UL);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&mpo.oom_events), (long)N);
}

static void bench_may_grow(struct kunit *test)
{
	struct mm_pressure_oom mpo = {
		.name = "bench", .priority = 80, .batch = 256,
		.unit_shift = 12, .release = bench_release, .holdoff_ms = 1000,
	};
	unsigned long i, yes = 0;
	u64 t;

	KUNIT_ASSERT_EQ(test, mm_pressure_oom_init(&mpo), 0);
	t = ktime_get_ns();
	for (i = 0; i < N; i++)
		yes += mm_pressure_may_grow(&mpo);
	report(test, "mm_pressure_may_grow()", ktime_get_ns() - t);
	KUNIT_EXPECT_EQ(test, yes, N);
}

/* The helper's count_objects() on a list of the benchmark's own. */
static void bench_count_objects(struct kunit *test)
{
	struct mm_pressure_squeeze sq = { .name = "bench-count", .duration_ms = 10 };
	struct shrinker shrinker = { };
	HLIST_HEAD(users);
	unsigned long i;
	u64 t;

	shrinker.private_data = &users;
	t = ktime_get_ns();
	for (i = 0; i < N; i++)
		mm_pressure_count(&shrinker, NULL);
	report(test, "count_objects(), no squeeze users", ktime_get_ns() - t);

	KUNIT_ASSERT_EQ(test, mm_pressure_squeeze_init(&sq), 0);
	mm_pressure_squeeze_add(&users, &sq);
	t = ktime_get_ns();
	for (i = 0; i < N; i++)
		mm_pressure_count(&shrinker, NULL);
	report(test, "count_objects(), one squeeze user", ktime_get_ns() - t);
	mm_pressure_squeeze_del(&sq);
	KUNIT_EXPECT_GE(test, atomic_long_read(&sq.signals), 1L);
}

static struct kunit_case mm_pressure_bench_cases[] = {
	KUNIT_CASE(bench_squeeze_query),
	KUNIT_CASE(bench_may_grow),
	KUNIT_CASE(bench_oom_pass),
	KUNIT_CASE(bench_count_objects),
	{}
};

static struct kunit_suite mm_pressure_bench_suite = {
	.name = "mm_pressure_bench",
	.test_cases = mm_pressure_bench_cases,
};
kunit_test_suite(mm_pressure_bench_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Microbenchmark of mm_pressure (bench-only)");
