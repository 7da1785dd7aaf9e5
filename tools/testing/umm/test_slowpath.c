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

#include "umm_test.h"

#include <linux/swap.h>
#include <linux/vmstat.h>
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

UMM_TEST_MAIN
