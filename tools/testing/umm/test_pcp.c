// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_pcp.c - per-cpu page lists without a lock
 *
 * Only the task holding a CPU touches that CPU's pcp lists, so the
 * allocator's order-0 fast path takes no lock; drain_all_pages() drains
 * the other CPUs by running drain_local_pages() on each of them
 * (on_each_cpu_mask(), which moves the caller from CPU to CPU:
 * sched_move_to_cpu()).  These tests show that a drain empties every
 * CPU's lists: idle CPUs, a CPU whose holder is busy, one CPU or 128,
 * deterministic runs too; that the caller ends on its own CPU; and that
 * many CPUs allocating and freeing while others drain leave the buddy
 * lists balanced and every page accounted for.
 */
#include <stdio.h>
#include <stdlib.h>

#include "umm_test.h"

#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/random.h>
#include <linux/err.h>
#include <linux/atomic.h>

FIXTURE_VARIANT_ADD(umm, cpus1) {
	.params = "mem=64M nr_cpus=1",
};

FIXTURE_VARIANT_ADD(umm, cpus4) {
	.params = "mem=64M nr_cpus=4",
};

FIXTURE_VARIANT_ADD(umm, cpus4_deterministic) {
	.params = "mem=64M nr_cpus=4 umm.deterministic=1",
};

FIXTURE_VARIANT_ADD(umm, cpus4_movablecore) {
	.params = "mem=128M movablecore=32M nr_cpus=4",
};

FIXTURE_VARIANT_ADD(umm, cpus128) {
	.params = "mem=64M nr_cpus=128",
};

UMM_FIXTURE_SETUP

/* Pages on @cpu's lists, over the zones. */
static int pcp_pages_on(unsigned int cpu)
{
	struct zone *zone;
	int n = 0;

	for_each_populated_zone(zone)
		n += READ_ONCE(per_cpu_ptr(zone->pageset, cpu)->pcp.count);
	return n;
}

/* CPUs with pages on their lists. */
static unsigned int cpus_with_pages(void)
{
	unsigned int cpu, n = 0;

	for_each_online_cpu(cpu)
		n += pcp_pages_on(cpu) != 0;
	return n;
}

/*
 * Leave pages on the lists of the CPU the caller is on, in ZONE_NORMAL
 * and, with movablecore=, in ZONE_MOVABLE.
 */
static int cache_pages_here(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	struct page *movable = alloc_page(GFP_HIGHUSER_MOVABLE);

	if (!page || !movable) {
		if (page)
			__free_page(page);
		if (movable)
			__free_page(movable);
		return -ENOMEM;
	}
	/* The refills brought a batch each; the frees put these back. */
	__free_page(page);
	__free_page(movable);
	return 0;
}

/* ---- on_each_cpu_mask() and sched_move_to_cpu() ----------------------- */

struct visits {
	unsigned int cpu[NR_CPUS];
	int preempt[NR_CPUS];
	unsigned int nr;
};

static void record_visit(void *arg)
{
	struct visits *v = arg;

	v->cpu[v->nr] = smp_processor_id();
	v->preempt[v->nr] = preempt_count();
	v->nr++;
}

/* Each CPU of the mask once, in order, in atomic context; then home. */
TEST_F(umm, on_each_cpu_mask_runs_on_each_cpu_of_the_mask)
{
	unsigned int home = smp_processor_id(), cpu, want = 0, i;
	static struct visits v;
	struct cpumask mask;

	cpumask_clear(&mask);
	for_each_online_cpu(cpu)
		if (cpu % 2 == 0 || cpu == home || cpu == nr_cpu_ids - 1)
			cpumask_set_cpu(cpu, &mask);
	on_each_cpu_mask(&mask, record_visit, &v, true);
	for_each_cpu(cpu, &mask)
		want++;
	ASSERT_EQ(want, v.nr);
	i = 0;
	for_each_cpu(cpu, &mask) {
		EXPECT_EQ(cpu, v.cpu[i]);
		EXPECT_LT(0, v.preempt[i]);
		i++;
	}
	EXPECT_EQ(home, smp_processor_id());
	EXPECT_EQ(0, preempt_count());
	EXPECT_FALSE(current->pinned);

	/* An empty mask runs nothing and keeps the CPU. */
	cpumask_clear(&mask);
	on_each_cpu_mask(&mask, record_visit, &v, true);
	EXPECT_EQ(want, v.nr);
	EXPECT_EQ(home, smp_processor_id());
}

/* A CPU that is not online is refused with a warning; nothing moves. */
TEST_F(umm, sched_move_to_cpu_refuses_a_cpu_that_is_not_online)
{
	unsigned int home = smp_processor_id();

	self->expect_taint = true;
	EXPECT_EQ(-EINVAL, sched_move_to_cpu(nr_cpu_ids, true));
	EXPECT_EQ(-EINVAL, sched_move_to_cpu(NR_CPUS + 5, true));
	EXPECT_EQ(home, smp_processor_id());
	EXPECT_FALSE(current->pinned);
	EXPECT_NE(0, get_taint());
}

/* ---- drain_all_pages() ------------------------------------------------- */

/*
 * Pages cached on every CPU, none of which runs a task afterwards: the
 * drain must take each idle CPU to empty its lists.
 */
TEST_F(umm, drain_all_pages_empties_idle_cpus)
{
	unsigned int home = smp_processor_id(), cpu;
	unsigned long before;

	drain_all_pages(NULL);
	before = global_zone_page_state(NR_FREE_PAGES);
	for_each_online_cpu(cpu) {
		ASSERT_EQ(0, sched_move_to_cpu(cpu, true));
		ASSERT_EQ(cpu, smp_processor_id());
		ASSERT_EQ(0, cache_pages_here());
	}
	ASSERT_EQ(0, sched_move_to_cpu(home, false));
	EXPECT_EQ(num_online_cpus(), cpus_with_pages());
	EXPECT_GT(before, global_zone_page_state(NR_FREE_PAGES));

	drain_all_pages(NULL);
	for_each_online_cpu(cpu)
		EXPECT_EQ(0, pcp_pages_on(cpu));
	EXPECT_EQ(before, global_zone_page_state(NR_FREE_PAGES));
	EXPECT_EQ(home, smp_processor_id());
	EXPECT_EQ(0, check_zones());
}

/* A zone's drain leaves the other zones' lists alone. */
TEST_F(umm, drain_all_pages_of_one_zone_leaves_the_others)
{
	struct zone *normal = UMM_ZONE(ZONE_NORMAL);
	unsigned int cpu = nr_cpu_ids - 1, home = smp_processor_id();
	struct zone *zone;
	int others = 0;

	ASSERT_EQ(0, sched_move_to_cpu(cpu, true));
	ASSERT_EQ(0, cache_pages_here());
	ASSERT_EQ(0, sched_move_to_cpu(home, false));
	ASSERT_LT(0, READ_ONCE(per_cpu_ptr(normal->pageset, cpu)->pcp.count));
	/* With movablecore=, pages are cached in ZONE_MOVABLE too. */
	for_each_populated_zone(zone)
		if (zone != normal)
			others += READ_ONCE(per_cpu_ptr(zone->pageset, cpu)->pcp.count);
	if (populated_zone(UMM_ZONE(ZONE_MOVABLE)))
		EXPECT_LT(0, others);

	drain_all_pages(normal);
	EXPECT_EQ(0, READ_ONCE(per_cpu_ptr(normal->pageset, cpu)->pcp.count));
	EXPECT_EQ(others, pcp_pages_on(cpu));
}

struct busy_holder {
	unsigned int cpu;
	struct completion ready;
	bool stop;
	unsigned long spins;
	int err;
};

/*
 * Hold a CPU and keep it busy: cache pages there, then spin, passing
 * preemption points only (as a long loop in the kernel does).
 */
static int busy_holder_fn(void *arg)
{
	struct busy_holder *b = arg;

	b->err = sched_move_to_cpu(b->cpu, true);
	if (!b->err)
		b->err = cache_pages_here();
	complete(&b->ready);
	while (!b->err && !READ_ONCE(b->stop)) {
		WRITE_ONCE(b->spins, b->spins + 1);
		cond_resched();
	}
	umm_wait_for_stop();
	return 0;
}

/* The drain waits for the busy holder's preemption point, then drains. */
TEST_F(umm, drain_all_pages_reaches_a_cpu_whose_holder_is_busy)
{
	unsigned int home = smp_processor_id();
	static struct busy_holder b;
	struct task_struct *t;
	unsigned long spins;

	if (nr_cpu_ids < 2)
		SKIP(return, "one CPU: no other CPU to hold");
	b.cpu = (home + 1) % nr_cpu_ids;
	init_completion(&b.ready);
	t = kthread_run(busy_holder_fn, &b, "busy/%u", b.cpu);
	ASSERT_FALSE(IS_ERR(t));
	wait_for_completion(&b.ready);
	ASSERT_EQ(0, b.err);
	while (!READ_ONCE(b.spins))
		yield();
	EXPECT_LT(0, pcp_pages_on(b.cpu));

	drain_all_pages(NULL);
	spins = READ_ONCE(b.spins);
	EXPECT_EQ(0, pcp_pages_on(b.cpu));
	EXPECT_EQ(0, cpus_with_pages());
	EXPECT_EQ(home, smp_processor_id());
	/* The holder kept its CPU and its loop: it was never stopped. */
	EXPECT_EQ(b.cpu, task_cpu(t));
	while (READ_ONCE(b.spins) == spins)
		yield();

	WRITE_ONCE(b.stop, true);
	kthread_stop(t);
}

/* ---- stress: many CPUs allocating and freeing, others draining ---------- */

#define STRESS_HELD	48
#define STRESS_ROUNDS	3000

/* Shared by the two drainers. */
struct pcp_stress {
	atomic_t bad;		/* their check_zones() failures */
	atomic_long_t drains;
};

/*
 * Allocate and free order-0 pages (sometimes order-1 to 3, which go to
 * the buddy lists), now and then moving to another CPU, so that pages
 * freed on one CPU were allocated on another.
 */
static int stress_worker(void *arg, int idx)
{
	struct page *held[STRESS_HELD] = { NULL };
	unsigned int order[STRESS_HELD] = { 0 };
	u64 rnd = seed_stream(idx);
	int round, i;

	for (round = 0; round < STRESS_ROUNDS; round++) {
		i = xorshift64(&rnd) % STRESS_HELD;
		if (held[i]) {
			__free_pages(held[i], order[i]);
			held[i] = NULL;
		} else {
			order[i] = xorshift64(&rnd) % 8 ? 0 : 1 + xorshift64(&rnd) % 3;
			held[i] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order[i]);
		}
		if (xorshift64(&rnd) % 256 == 0)
			sched_move_to_cpu(xorshift64(&rnd) % nr_cpu_ids,
					  xorshift64(&rnd) % 2);
		cond_resched();
	}
	for (i = 0; i < STRESS_HELD; i++)
		if (held[i])
			__free_pages(held[i], order[i]);
	sched_move_to_cpu(smp_processor_id(), false);
	return 0;
}

/* Drain all zones or one, and check the buddy lists, until stopped. */
static int stress_drainer(void *arg)
{
	struct pcp_stress *s = arg;
	u64 rnd = seed_stream(1000 + current->pid);

	while (!kthread_should_stop()) {
		if (xorshift64(&rnd) % 2)
			drain_all_pages(NULL);
		else
			drain_all_pages(UMM_ZONE(ZONE_NORMAL));
		if (check_zones())
			atomic_inc(&s->bad);
		atomic_long_inc(&s->drains);
		cond_resched();
	}
	return 0;
}

TEST_F(umm, alloc_free_on_many_cpus_while_draining)
{
	struct task_struct *drainers[2];
	static struct pcp_stress s;
	unsigned int cpu;
	int workers, i;

	/* More workers than CPUs with few CPUs: they share them. */
	workers = nr_cpu_ids < 8 ? nr_cpu_ids + 2 : 10;
	for (i = 0; i < 2; i++) {
		drainers[i] = kthread_run(stress_drainer, &s, "drainer/%d", i);
		ASSERT_FALSE(IS_ERR(drainers[i]));
	}
	EXPECT_EQ(0, umm_run_threads(workers, stress_worker, NULL));
	for (i = 0; i < 2; i++)
		kthread_stop(drainers[i]);
	TH_LOG("%ld drains by 2 drainers alongside %d workers",
	       atomic_long_read(&s.drains), workers);
	EXPECT_LT(0, atomic_long_read(&s.drains));
	EXPECT_EQ(0, atomic_read(&s.bad));
	drain_all_pages(NULL);
	for_each_online_cpu(cpu)
		EXPECT_EQ(0, pcp_pages_on(cpu));
	EXPECT_EQ(0, check_zones());
}

UMM_TEST_MAIN
