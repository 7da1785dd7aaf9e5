// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_slowpath.c - the allocator's slow path
 *
 * What a failing allocation may cost.  The slow path of
 * __alloc_pages_nodemask() in Linux 4.8 bounds the work of every failure:
 * how many rounds of direct reclaim and direct compaction it makes, and
 * how many pages each round looks at.  These tests count that work with
 * the kernel's own counters (/proc/vmstat) and hold it to the bounds
 * that follow from 4.8's rules; they never measure time.
 *
 * All names start with "slowpath_" (make check TESTS=slowpath).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>

#include "umm_test.h"

#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/pagemap.h>
#include <linux/page-flags.h>
#include <linux/oom.h>
#include <linux/notifier.h>
#include "../../../mm/internal.h"

/*
 * A machine whose task memory all sits in ZONE_MOVABLE: a 16M task faults
 * its pages there first (GFP_HIGHUSER_MOVABLE), and ZONE_MOVABLE has room
 * for all of them.  Swap is on, so reclaim has something to scan.
 */
FIXTURE_VARIANT_ADD(umm, mem128m_movablecore_deterministic) {
	.params = "mem=128M movablecore=32M umm.deterministic=1",
};

UMM_TASK_FIXTURE_SETUP

/* What a failing allocation did, summed over the failures. */
struct slowpath_work {
	unsigned long allocstall;	/* direct reclaim passes */
	unsigned long pageoutrun;	/* kswapd runs (inline here) */
	unsigned long looked_at;	/* LRU pages isolate_lru_pages() saw */
	unsigned long skipped;		/* those of zones it could not use */
	unsigned long stolen;		/* pages reclaim freed */
	unsigned long compact_stall;	/* direct compaction passes */
};

static void take(struct slowpath_work *w)
{
	w->allocstall = sum_vm_event(ALLOCSTALL_NORMAL) +
			sum_vm_event(ALLOCSTALL_MOVABLE);
	w->pageoutrun = sum_vm_event(PAGEOUTRUN);
	w->looked_at = sum_vm_event(PGSCAN_KSWAPD) +
		       sum_vm_event(PGSCAN_DIRECT) + sum_vm_event(PGREFILL);
	w->skipped = sum_vm_event(PGSCAN_SKIP_NORMAL) +
		     sum_vm_event(PGSCAN_SKIP_MOVABLE);
	w->stolen = sum_vm_event(PGSTEAL_ANON);
	w->compact_stall = sum_vm_event(COMPACTSTALL);
}

static void since(struct slowpath_work *w, const struct slowpath_work *w0)
{
	take(w);
	w->allocstall -= w0->allocstall;
	w->pageoutrun -= w0->pageoutrun;
	w->looked_at -= w0->looked_at;
	w->skipped -= w0->skipped;
	w->stolen -= w0->stolen;
	w->compact_stall -= w0->compact_stall;
}

/* The successes of "alloc SET ORDER COUNT": "SET: N/COUNT order-K ..." */
static long alloc_successes(const struct console_out *o)
{
	const char *p = strchr(o->out, ':');

	return p ? strtol(p + 1, NULL, 10) : -1;
}

/*
 * The reproducer of issue 12's finding F5, scaled down: costly
 * (order-7) GFP_KERNEL allocations, which may not use ZONE_MOVABLE, on a
 * machine whose every LRU page is in ZONE_MOVABLE.  Once ZONE_NORMAL is
 * used up, each allocation fails; reclaim can free nothing it could use
 * (and so frees nothing: swapping out ZONE_MOVABLE pages would not help),
 * compaction has nothing to work with.
 *
 * What 4.8 allows a failure of a costly order without __GFP_REPEAT:
 * - one round of direct reclaim: after reclaim and compaction the slow
 *   path gives up (order > PAGE_ALLOC_COSTLY_ORDER), before
 *   should_reclaim_retry() and should_compact_retry();
 * - two rounds of direct compaction: the async one tried before reclaim,
 *   and one at DEF_COMPACT_PRIORITY after it (fewer when compaction is
 *   skipped or deferred);
 * - in its round of reclaim (try_to_free_pages()), one sweep of the
 *   priorities from DEF_PRIORITY down to 0.  At priority p shrink_node()
 *   asks each LRU list for size >> p pages (at least SWAP_CLUSTER_MAX of
 *   a non-empty list near the end), and ages the active list by one more
 *   batch; isolate_lru_pages() looks at no more pages than it is asked
 *   for, pages of zones above the request's included (they are skipped,
 *   and counted as scanned).  Summed over the sweep, the halving sizes
 *   give less than twice the LRU, plus three batches per priority:
 *	looked at <= 2 * nr_lru + (DEF_PRIORITY + 1) * 3 * SWAP_CLUSTER_MAX
 *   (4.8 makes a second, identical sweep when the first freed nothing,
 *   for the sake of memory cgroups' low limits even when there are none;
 *   umm has no cgroups and sweeps once, as later kernels do without
 *   them.)
 * Without the bound on skipped pages, each batch of a sweep walks the
 * whole LRU: some nr_lru^2 / SWAP_CLUSTER_MAX pages per failure.
 *
 * kswapd gave up on this node (MAX_RECLAIM_RETRIES runs without
 * progress) before the first failure, so that none of its work falls in
 * the window; the test checks that it did.
 */
TEST_F(umm, slowpath_costly_failure_work_is_bounded)
{
	struct console_out *o = malloc(sizeof(*o));
	struct slowpath_work w0, w;
	unsigned long nr_lru, per_failure;
	long failures, got, fill;
	const long tries = 16;
	char cmd[64];

	ASSERT_NE(NULL, o);
	ASSERT_EQ(0, console("echo 64M > /sys/block/zram0/disksize; "
			     "mkswap zram0; swapon zram0; "
			     "task start t1; mmap t1 16M; "
			     "fill t1 ratio=.25 seed=1", o));
	nr_lru = global_node_page_state(NR_ACTIVE_ANON) +
		 global_node_page_state(NR_INACTIVE_ANON);
	/* The premise: the task's pages are all in ZONE_MOVABLE. */
	ASSERT_EQ(nr_lru,
		  zone_page_state(UMM_ZONE(ZONE_MOVABLE), NR_ZONE_ACTIVE_ANON) +
		  zone_page_state(UMM_ZONE(ZONE_MOVABLE), NR_ZONE_INACTIVE_ANON));
	ASSERT_LT(0, nr_lru);

	/* Use ZONE_NORMAL up: more than it has, so the last ones fail. */
	fill = (zone_page_state(UMM_ZONE(ZONE_NORMAL), NR_FREE_PAGES) >> 7) + 2;
	snprintf(cmd, sizeof(cmd), "alloc fill 7 %ld reclaimable", fill);
	ASSERT_EQ(0, console(cmd, o));
	got = alloc_successes(o);
	ASSERT_LT(0, got);
	ASSERT_GT(fill, got);

	take(&w0);
	ASSERT_EQ(0, console("alloc more 7 16 reclaimable", o));
	got = alloc_successes(o);
	ASSERT_LE(0, got);
	failures = tries - got;
	ASSERT_LT(0, failures);
	since(&w, &w0);

	per_failure = 2 * nr_lru + (DEF_PRIORITY + 1) * 3 * SWAP_CLUSTER_MAX;
	TH_LOG("%ld failures in %ld tries, %lu LRU pages: %lu reclaim passes, "
	       "%lu compaction passes, %lu kswapd runs, %lu pages looked at, "
	       "%lu skipped (bound %lu per failure)",
	       failures, tries, nr_lru, w.allocstall, w.compact_stall,
	       w.pageoutrun, w.looked_at, w.skipped, per_failure);

	ASSERT_EQ(0, w.pageoutrun);
	EXPECT_EQ(0, w.stolen);
	EXPECT_LE(w.allocstall, (unsigned long)tries);
	EXPECT_LE(w.compact_stall, 2UL * tries);
	/* A page skipped is a page scanned (4.8's accounting). */
	EXPECT_LE(w.skipped, w.looked_at);
	EXPECT_LE(w.looked_at, w.allocstall * per_failure);
	EXPECT_LE(w.skipped, w.allocstall * per_failure);

	EXPECT_EQ(0, console("free fill all; free more all; task exit t1; "
			     "swapoff zram0; "
			     "echo 1 > /sys/block/zram0/reset", o));
	free(o);
}

/*
 * A machine for a small order: 64M, swap on, kswapd inline.  Its own
 * fixture, so that the tests above keep their ZONE_MOVABLE machine.
 */
FIXTURE(retry) {
	unsigned long free_at_boot;
	bool expect_leak;
};

FIXTURE_VARIANT(retry) {
	const char *params;
};

FIXTURE_VARIANT_ADD(retry, mem64m_deterministic) {
	.params = "mem=64M umm.deterministic=1",
};

FIXTURE_SETUP(retry)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	ASSERT_EQ(0, umm_prime_anon_vma_cache());
	self->free_at_boot = umm_free_pages();
	self->expect_leak = false;
}

FIXTURE_TEARDOWN(retry)
{
	EXPECT_EQ(0, check_zones());
	if (!self->expect_leak)
		EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

static unsigned long allocstalls(void)
{
	return sum_vm_event(ALLOCSTALL_NORMAL) +
	       sum_vm_event(ALLOCSTALL_MOVABLE);
}

/* Reclaim finds the task's pages locked for a while, then free to go. */
struct busy_round {
	struct page **locked;		/* the task's pages, locked by us */
	unsigned long nr_locked;
	atomic_t unlocked;		/* they were let go */
	struct page **taken;		/* order-1 blocks the allocator got */
	unsigned long nr_taken, max_taken;
	unsigned long stall0;		/* direct reclaim rounds before */
	long oom_rounds;		/* rounds before the OOM killer, or -1 */
	bool failed;			/* an allocation returned NULL */
	atomic_t done;
	struct notifier_block nb;
};

static struct busy_round *busy_round;

/* Let the pages go (once, whoever comes first); how many there were. */
static unsigned long busy_round_unlock(struct busy_round *b)
{
	unsigned long i;

	if (atomic_xchg(&b->unlocked, 1))
		return 0;
	for (i = 0; i < b->nr_locked; i++) {
		unlock_page(b->locked[i]);
		put_page(b->locked[i]);
	}
	return b->nr_locked;
}

/*
 * The OOM killer is about to choose a task: note after how many rounds
 * of direct reclaim, and give the pages back instead, as a balloon
 * deflating would (so that no task dies, whatever the outcome).
 */
static int busy_round_oom_notify(struct notifier_block *nb,
				 unsigned long action, void *data)
{
	struct busy_round *b = busy_round;
	unsigned long *freed = data;

	if (b->oom_rounds < 0)
		b->oom_rounds = allocstalls() - b->stall0;
	*freed += busy_round_unlock(b);
	return NOTIFY_OK;
}

/*
 * Thread 0 allocates order-1 blocks (no per-cpu list to refill them
 * behind reclaim's back) until one of them needed direct reclaim.
 * Thread 1 lets the task's pages go once a second round of direct
 * reclaim begins; if it is too slow for that allocation, the OOM
 * notifier does.
 */
static int busy_round_fn(void *arg, int idx)
{
	struct busy_round *b = arg;

	if (idx == 1) {
		while (allocstalls() < b->stall0 + 2 && !atomic_read(&b->done))
			sched_yield();
		busy_round_unlock(b);
		return 0;
	}
	/* Pages on per-cpu lists would be found by reclaim's drain. */
	drain_all_pages(NULL);
	while (b->nr_taken < b->max_taken) {
		struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 1);

		if (!page) {
			b->failed = true;
			break;
		}
		b->taken[b->nr_taken++] = page;
		if (allocstalls() > b->stall0)
			break;
	}
	atomic_set(&b->done, 1);
	return 0;
}

/*
 * A round of direct reclaim that frees nothing is not the end: while
 * the zone's free and reclaimable pages together would meet the min
 * watermark, 4.8's should_reclaim_retry() says "retry", up to
 * MAX_RECLAIM_RETRIES rounds in a row without progress, and only then
 * does the slow path call the OOM killer.  A round can free nothing for
 * reasons that pass: the pages it found were locked (here: held by
 * another thread, as a migration or a fault holds them), isolated by
 * compaction, or just used.  Under the soak (tools/testing/soak/), a
 * slow path that took one such round for the end killed tasks with most
 * of their swap device free.
 *
 * Here all of a task's 8192 pages are locked while an allocation needs
 * direct reclaim; they are let go as a second round begins.  Whether the
 * OOM killer is reached is decided by the slow path alone: if it is, an
 * OOM notifier sees after how many rounds (and gives the pages back so
 * that nobody is killed).  It must not be before MAX_RECLAIM_RETRIES + 1
 * rounds without progress (it is not reached at all unless the other
 * thread is slow to run).
 */
TEST_F(retry, slowpath_reclaim_round_without_progress_is_retried)
{
	struct console_out *o = malloc(sizeof(*o));
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct busy_round b = {
		.oom_rounds = -1,
		.nb.notifier_call = busy_round_oom_notify,
	};
	unsigned long pfn, oom0, steal0, i;

	ASSERT_NE(NULL, o);
	ASSERT_EQ(0, console("echo 64M > /sys/block/zram0/disksize; "
			     "mkswap zram0; swapon zram0; "
			     "task start t1; mmap t1 32M; "
			     "fill t1 ratio=.5 seed=1", o));

	/* Every anonymous page of the task, held and locked. */
	b.locked = calloc(zone->spanned_pages, sizeof(*b.locked));
	ASSERT_NE(NULL, b.locked);
	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (!PageLRU(page) || !PageAnon(page) ||
		    !get_page_unless_zero(page))
			continue;
		if (PageLRU(page) && trylock_page(page))
			b.locked[b.nr_locked++] = page;
		else
			put_page(page);
	}
	ASSERT_EQ(8192, b.nr_locked);
	/* The premise: reclaim would have plenty, were the pages not busy. */
	ASSERT_LE(b.nr_locked, zone_reclaimable_pages(zone));

	b.max_taken = zone_page_state(zone, NR_FREE_PAGES) / 2;
	b.taken = calloc(b.max_taken, sizeof(*b.taken));
	ASSERT_NE(NULL, b.taken);
	busy_round = &b;
	ASSERT_EQ(0, register_oom_notifier(&b.nb));
	oom0 = sum_vm_event(OOM_KILL);
	steal0 = sum_vm_event(PGSTEAL_DIRECT);
	b.stall0 = allocstalls();
	ASSERT_EQ(0, umm_run_threads(2, busy_round_fn, &b));
	unregister_oom_notifier(&b.nb);

	TH_LOG("%lu blocks allocated; %lu rounds of direct reclaim freed %lu pages; OOM killer reached after %ld rounds (-1: never)",
	       b.nr_taken, allocstalls() - b.stall0,
	       sum_vm_event(PGSTEAL_DIRECT) - steal0, b.oom_rounds);
	EXPECT_FALSE(b.failed);
	EXPECT_LE(b.stall0 + 2, allocstalls());
	if (b.oom_rounds >= 0)
		EXPECT_LT(MAX_RECLAIM_RETRIES, b.oom_rounds);
	EXPECT_EQ(oom0, sum_vm_event(OOM_KILL));

	for (i = 0; i < b.nr_taken; i++)
		__free_pages(b.taken[i], 1);
	free(b.taken);
	free(b.locked);
	EXPECT_EQ(0, console("task exit t1; swapoff zram0; "
			     "echo 1 > /sys/block/zram0/reset", o));
	free(o);
}

UMM_TEST_MAIN
