// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_compaction.c - memory compaction of task memory
 *
 * Memory is fragmented the way programs fragment it: a workload task
 * fills nearly all of it and gives every other page back.  Then:
 * compact_memory turns the holes into pageblock-sized free blocks, unless
 * an unmovable page sits in every pageblock; a failing order-3
 * allocation is rescued by direct compaction, which extfrag_threshold can
 * switch off; failures defer compaction and a success resets the
 * deferral; kcompactd wakes up in its thread, or runs in the caller with
 * umm.deterministic=1; and the compaction counters of /proc/vmstat agree
 * with the trace events of the same run.
 *
 * Tests that count direct compaction stop kcompactd first, so that the
 * daemon cannot do the work (or the counting) behind their back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "umm_test.h"

#include <linux/workload.h>
#include <linux/mman.h>
#include <linux/compaction.h>
#include <linux/migrate.h>
#include <linux/page-flags.h>
#include <linux/pageblock-flags.h>
#include <linux/pseudo_fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/umm.h>
#include <linux/swap.h>
#include "../../../mm/internal.h"

/* The default boot: kcompactd is a thread of its own. */
FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

/* A second fixture for umm.deterministic=1 (no kcompactd thread). */
FIXTURE(det) {
	unsigned long free_at_boot;
};

FIXTURE_VARIANT(det) {
	const char *params;
};

FIXTURE_VARIANT_ADD(det, mem64m_deterministic) {
	.params = "mem=64M umm.deterministic=1",
};

UMM_TASK_FIXTURE_SETUP

FIXTURE_SETUP(det)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	ASSERT_EQ(0, umm_prime_anon_vma_cache());
	self->free_at_boot = umm_free_pages();
}

FIXTURE_TEARDOWN(det)
{
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

/* ---- helpers ---------------------------------------------------------- */

#define ZONE	UMM_ZONE(ZONE_NORMAL)

/* Free memory in blocks of a pageblock or more, counted in pageblocks. */
static unsigned long free_pageblocks(void)
{
	unsigned long n = 0;
	unsigned int order;

	drain_all_pages(NULL);
	for (order = pageblock_order; order < MAX_ORDER; order++)
		n += ZONE->free_area[order].nr_free << (order - pageblock_order);
	return n;
}

/* Free blocks of @order or more. */
static unsigned long free_blocks_from(unsigned int order)
{
	unsigned long n = 0;

	drain_all_pages(NULL);
	for (; order < MAX_ORDER; order++)
		n += ZONE->free_area[order].nr_free;
	return n;
}

/*
 * Stop kcompactd for a test that counts direct compaction.  Its exit
 * frees its kernel stack and task: the fixture's count moves with it.
 */
static void stop_kcompactd(unsigned long *free_at_boot)
{
	unsigned long before = umm_free_pages();

	kcompactd_stop(0);
	*free_at_boot += umm_free_pages() - before;
}

/*
 * Fragmented memory: a task @w whose mapping [addr, addr + nr pages) was
 * filled and then given back every other page; the rest of memory held
 * as unmovable pages (@slack), so that the holes are all that is free;
 * with @pinned, one unmovable page of ours (@pins) in every pageblock
 * the task has pages in.
 */
struct frag {
	struct workload *w;
	unsigned long addr, nr;
	struct page **slack, **pins;
	unsigned long nr_slack, nr_pins;
	unsigned long holes;
};

static long drop_one(struct workload *w, void *arg)
{
	unsigned long addr = *(unsigned long *)arg;

	return madvise_dontneed(current->mm, addr, addr + PAGE_SIZE);
}

/* Take every free page as an unmovable allocation. */
static void take_the_rest(struct frag *f)
{
	unsigned long before;
	struct page *page;

	do {
		before = f->nr_slack;
		drain_all_pages(NULL);
		while (f->nr_slack < max_pfn &&
		       (page = alloc_page(GFP_KERNEL | __GFP_NOWARN |
					  __GFP_NORETRY)))
			f->slack[f->nr_slack++] = page;
	} while (f->nr_slack != before);
}

/*
 * Put one unmovable page in each pageblock the task has pages in: with
 * nothing else free, the page the task gives back is the only one the
 * allocator can hand out, through the fallback to the movable lists (one
 * page, not enough to claim the pageblock).
 */
static int pin_pageblocks(struct frag *f)
{
	struct pfn_map l = { f->addr, f->nr, calloc(f->nr, sizeof(long)) };
	unsigned char *done = calloc(max_pfn / pageblock_nr_pages + 1, 1);
	unsigned long i;
	long ret;
	int err = get_pfns(f->w, &l);

	for (i = 0; !err && i < f->nr; i++) {
		unsigned long pfn = l.pfn[i], addr = f->addr + i * PAGE_SIZE;
		struct page *page;

		if (!pfn || done[pfn / pageblock_nr_pages])
			continue;
		done[pfn / pageblock_nr_pages] = 1;
		err = workload_call(f->w, drop_one, &addr, &ret);
		if (err || ret) {
			err = err ? : ret;
			break;
		}
		drain_all_pages(NULL);
		page = alloc_page(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY);
		if (!page) {
			err = -ENOMEM;
			break;
		}
		f->pins[f->nr_pins++] = page;
		if (page_to_pfn(page) != pfn) {
			printf("# pin: got pfn %#lx, not the freed %#lx\n",
			       page_to_pfn(page), pfn);
			err = -EIO;
		}
	}
	free(l.pfn);
	free(done);
	return err;
}

static int fragment(struct frag *f, bool pinned)
{
	unsigned long avail;
	long ret;

	memset(f, 0, sizeof(*f));
	f->slack = calloc(max_pfn, sizeof(*f->slack));
	f->pins = calloc(max_pfn / pageblock_nr_pages + 1, sizeof(*f->pins));
	lower_watermarks();
	f->w = workload_start("frag");
	if (IS_ERR(f->w)) {
		ret = PTR_ERR(f->w);
		f->w = NULL;
		return ret;
	}
	/* Most of memory, leaving room for the page tables. */
	avail = umm_free_pages();
	f->nr = round_down(avail - avail / 16, pageblock_nr_pages);
	ret = workload_mmap(f->w, f->nr << PAGE_SHIFT);
	if (ret < 0)
		return ret;
	f->addr = ret;
	ret = workload_fill(f->w, 500, umm_test_seed);
	if (ret != (long)f->nr)
		return ret < 0 ? ret : -EIO;
	take_the_rest(f);
	if (pinned) {
		ret = pin_pageblocks(f);
		if (ret)
			return ret;
	}
	ret = workload_dontneed(f->w, 50, 2, 0);
	if (ret < 0)
		return ret;
	f->holes = ret;
	drain_all_pages(NULL);
	return 0;
}

/* Give everything back: pins, slack, the task. */
static void unfragment(struct frag *f)
{
	unsigned long i;

	for (i = 0; i < f->nr_pins; i++)
		__free_page(f->pins[i]);
	for (i = 0; i < f->nr_slack; i++)
		__free_page(f->slack[i]);
	if (f->w)
		workload_stop(f->w);
	free(f->pins);
	free(f->slack);
	memset(f, 0, sizeof(*f));
}

/* ---- what compaction can and cannot do --------------------------------- */

/*
 * Only movable pages in the way: compact_memory packs them and the holes
 * come together into free pageblocks (half of the task's memory was
 * holes; most of it must come out as order >= 9 blocks).
 */
TEST_F(umm, movable_fragmentation_compacts_into_pageblocks)
{
	unsigned long before, after, isolated, stall;
	struct page *page;
	struct frag f;

	ASSERT_EQ(0, fragment(&f, false));
	before = free_pageblocks();
	isolated = sum_vm_event(COMPACTISOLATED);
	ASSERT_EQ(0, compact_memory());
	after = free_pageblocks();
	printf("# %lu holes: %lu free pageblocks before compaction, %lu after\n",
	       f.holes, before, after);
	EXPECT_EQ(0, before);
	EXPECT_GE(after, f.holes / pageblock_nr_pages * 3 / 4);
	EXPECT_LT(isolated, sum_vm_event(COMPACTISOLATED));
	EXPECT_EQ(0, verify_mismatches(f.w, NULL));

	/* An order-9 allocation is now served without any more work. */
	stall = sum_vm_event(COMPACTSTALL);
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY,
			   pageblock_order);
	EXPECT_NE(NULL, page);
	EXPECT_EQ(stall, sum_vm_event(COMPACTSTALL));
	if (page)
		__free_pages(page, pageblock_order);
	unfragment(&f);
}

/*
 * The same holes, but one unmovable page in every pageblock the task
 * uses: compaction moves pages about and still no free pageblock can
 * come out.  An order-9 allocation stalls in direct compaction and
 * fails, and the counters say so.
 */
TEST_F(umm, unmovable_pages_in_every_pageblock_defeat_compaction)
{
	unsigned long stall, fail, success, migrated;
	struct page *page;
	struct frag f;

	stop_kcompactd(&self->free_at_boot);
	ASSERT_EQ(0, fragment(&f, true));
	printf("# %lu holes, %lu pageblocks pinned\n", f.holes, f.nr_pins);
	ASSERT_GE(f.nr_pins, f.nr / pageblock_nr_pages);
	EXPECT_EQ(0, free_pageblocks());
	migrated = sum_vm_event(PGMIGRATE_SUCCESS);
	ASSERT_EQ(0, compact_memory());
	EXPECT_EQ(0, free_pageblocks());
	/* Not for want of trying: pages were moved. */
	EXPECT_LT(migrated, sum_vm_event(PGMIGRATE_SUCCESS));

	stall = sum_vm_event(COMPACTSTALL);
	fail = sum_vm_event(COMPACTFAIL);
	success = sum_vm_event(COMPACTSUCCESS);
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, pageblock_order);
	EXPECT_EQ(NULL, page);
	EXPECT_LT(stall, sum_vm_event(COMPACTSTALL));
	EXPECT_LT(fail, sum_vm_event(COMPACTFAIL));
	EXPECT_EQ(success, sum_vm_event(COMPACTSUCCESS));
	EXPECT_EQ(0, free_pageblocks());
	EXPECT_EQ(0, verify_mismatches(f.w, NULL));
	if (page)
		__free_pages(page, pageblock_order);
	unfragment(&f);
}

/* ---- direct compaction ----------------------------------------------- */

#define NR_ORDER3	16

/*
 * All free memory in order-0 holes.  With compaction ruled out
 * (extfrag_threshold 1000: every failure counts as lack of memory),
 * order-3 allocations fail without a stall; with the default threshold
 * each one succeeds, through direct compaction.
 */
TEST_F(umm, order3_allocations_need_direct_compaction)
{
	unsigned long stall, success, fail, got = 0;
	struct page *pages[NR_ORDER3];
	struct frag f;
	int i;

	stop_kcompactd(&self->free_at_boot);
	ASSERT_EQ(0, fragment(&f, false));
	ASSERT_EQ(0, free_blocks_from(3));

	ASSERT_EQ(0, write_file("/proc/sys/vm/extfrag_threshold", "1000\n"));
	stall = sum_vm_event(COMPACTSTALL);
	for (i = 0; i < NR_ORDER3; i++) {
		pages[i] = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 3);
		EXPECT_EQ(NULL, pages[i]);
		if (pages[i])
			__free_pages(pages[i], 3);
	}
	EXPECT_EQ(stall, sum_vm_event(COMPACTSTALL));

	ASSERT_EQ(0, write_file("/proc/sys/vm/extfrag_threshold", "500\n"));
	stall = sum_vm_event(COMPACTSTALL);
	success = sum_vm_event(COMPACTSUCCESS);
	fail = sum_vm_event(COMPACTFAIL);
	for (i = 0; i < NR_ORDER3; i++) {
		pages[i] = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 3);
		got += pages[i] != NULL;
	}
	printf("# %lu of %d order-3 allocations, %lu stalls, %lu successes\n",
	       got, NR_ORDER3, sum_vm_event(COMPACTSTALL) - stall,
	       sum_vm_event(COMPACTSUCCESS) - success);
	EXPECT_EQ(NR_ORDER3, got);
	EXPECT_LT(success, sum_vm_event(COMPACTSUCCESS));
	EXPECT_EQ(sum_vm_event(COMPACTSTALL) - stall,
		  (sum_vm_event(COMPACTSUCCESS) - success) +
		  (sum_vm_event(COMPACTFAIL) - fail));
	for (i = 0; i < NR_ORDER3; i++)
		if (pages[i])
			__free_pages(pages[i], 3);
	EXPECT_EQ(0, verify_mismatches(f.w, NULL));
	unfragment(&f);
}

/* ---- deferral ----------------------------------------------------------- */

/* The defer_* functions on their own, against 4.8's arithmetic. */
TEST_F(umm, deferral_backs_off_and_resets)
{
	struct zone *zone = ZONE;
	int i, skipped;

	stop_kcompactd(&self->free_at_boot);
	EXPECT_EQ(0, zone->compact_defer_shift);
	EXPECT_EQ(0, zone->compact_considered);
	EXPECT_EQ(MAX_ORDER, zone->compact_order_failed);
	EXPECT_FALSE(compaction_deferred(zone, 3));

	/* One failure: one attempt in two is skipped. */
	defer_compaction(zone, 3);
	EXPECT_EQ(1, zone->compact_defer_shift);
	EXPECT_EQ(0, zone->compact_considered);
	EXPECT_EQ(3, zone->compact_order_failed);
	EXPECT_FALSE(compaction_deferred(zone, 2));	/* lower orders go on */
	EXPECT_TRUE(compaction_deferred(zone, 5));	/* higher ones wait too */
	EXPECT_FALSE(compaction_deferred(zone, 3));

	/* Each failure doubles the skips, up to 63 of 64. */
	for (i = 2; i <= 8; i++) {
		unsigned int shift = min(i, 6);

		defer_compaction(zone, 3);
		EXPECT_EQ(shift, zone->compact_defer_shift);
		for (skipped = 0; compaction_deferred(zone, 3); skipped++)
			if (skipped > 100)
				break;
		EXPECT_EQ((1 << shift) - 1, skipped);
		EXPECT_EQ(1U << shift, zone->compact_considered);
		/* Stays at the limit: no overflow. */
		EXPECT_FALSE(compaction_deferred(zone, 3));
		EXPECT_EQ(1U << shift, zone->compact_considered);
	}
	/* After maximal deferral, the next attempt restarts from scratch. */
	EXPECT_TRUE(compaction_restarting(zone, 3));
	EXPECT_FALSE(compaction_restarting(zone, 2));

	/* Compaction made a block but nobody allocated it yet: shift stays. */
	compaction_defer_reset(zone, 3, false);
	EXPECT_EQ(6, zone->compact_defer_shift);
	EXPECT_EQ(4, zone->compact_order_failed);
	EXPECT_FALSE(compaction_deferred(zone, 3));

	/* An allocation succeeded: failures forgotten. */
	defer_compaction(zone, 3);
	compaction_defer_reset(zone, 3, true);
	EXPECT_EQ(0, zone->compact_defer_shift);
	EXPECT_EQ(0, zone->compact_considered);
	EXPECT_EQ(4, zone->compact_order_failed);
	EXPECT_FALSE(compaction_restarting(zone, 3));
	compaction_defer_reset(zone, MAX_ORDER - 1, true);
	EXPECT_EQ(MAX_ORDER, zone->compact_order_failed);
}

/*
 * End to end: order-9 allocations that direct compaction cannot satisfy
 * (every pageblock pinned) defer compaction for order 9, and the
 * deferral then skips attempts; once the pins are gone an allocation
 * succeeds through compaction and the deferral is reset.
 */
TEST_F(umm, failed_compaction_defers_and_success_resets)
{
	struct zone *zone = ZONE;
	unsigned long success, i;
	struct page *page = NULL;
	unsigned int shift;
	struct frag f;
	int tries;

	stop_kcompactd(&self->free_at_boot);
	ASSERT_EQ(0, fragment(&f, true));
	EXPECT_EQ(0, zone->compact_defer_shift);

	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, pageblock_order);
	ASSERT_EQ(NULL, page);
	/* The sync round failed: deferred for order 9 and up. */
	EXPECT_EQ(1, zone->compact_defer_shift);
	EXPECT_LE(zone->compact_order_failed, pageblock_order);
	EXPECT_FALSE(compaction_deferred(zone, 3));
	EXPECT_TRUE(compaction_deferred(zone, pageblock_order));

	/* More failures, longer deferral. */
	shift = zone->compact_defer_shift;
	for (tries = 0; tries < 8; tries++) {
		page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, pageblock_order);
		ASSERT_EQ(NULL, page);
	}
	printf("# defer shift %u after 9 failures\n", zone->compact_defer_shift);
	EXPECT_LT(shift, zone->compact_defer_shift);

	/* Unpin: now compaction can make a pageblock free. */
	for (i = 0; i < f.nr_pins; i++)
		__free_page(f.pins[i]);
	f.nr_pins = 0;
	success = sum_vm_event(COMPACTSUCCESS);
	for (tries = 0; tries < 200 && !page; tries++)
		page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, pageblock_order);
	printf("# order-9 allocation after %d tries\n", tries);
	ASSERT_NE(NULL, page);
	EXPECT_EQ(success + 1, sum_vm_event(COMPACTSUCCESS));
	EXPECT_EQ(0, zone->compact_defer_shift);
	EXPECT_EQ(0, zone->compact_considered);
	EXPECT_GT(zone->compact_order_failed, pageblock_order);
	__free_pages(page, pageblock_order);
	EXPECT_EQ(0, verify_mismatches(f.w, NULL));
	unfragment(&f);
}

/* ---- kcompactd ---------------------------------------------------------- */

static struct task_struct *find_task(const char *comm)
{
	struct task_struct *p, *found = NULL;

	read_lock(&tasklist_lock);
	for_each_process(p)
		if (!strcmp(p->comm, comm))
			found = p;
	read_unlock(&tasklist_lock);
	return found;
}

/*
 * A failing order-3 allocation wakes kcompactd0, a thread of its own:
 * compact_daemon_wake grows, soon (it runs in parallel, so poll).
 */
TEST_F(umm, kcompactd_wakes_after_a_failing_allocation)
{
	long wake, scanned;
	struct page *page;
	struct frag f;
	int ms;

	EXPECT_NE(NULL, NODE_DATA(0)->kcompactd);
	EXPECT_NE(NULL, find_task("kcompactd0"));
	ASSERT_EQ(0, fragment(&f, false));
	ASSERT_EQ(0, free_blocks_from(3));
	/*
	 * kcompactd forgets requests made before it first sleeps (it starts
	 * with kcompactd_max_order = 0, as 4.8's does): on a running system
	 * it has long been asleep, so wait for that here.
	 */
	for (ms = 0; ms < 3000 && !waitqueue_active(&NODE_DATA(0)->kcompactd_wait);
	     ms += 10)
		usleep(10000);
	ASSERT_TRUE(waitqueue_active(&NODE_DATA(0)->kcompactd_wait));
	wake = vmstat_value("compact_daemon_wake");
	scanned = vmstat_value("compact_daemon_migrate_scanned");
	ASSERT_LE(0, wake);

	/*
	 * GFP_NOWAIT: no direct compaction, so the work is left to kcompactd
	 * (a direct compactor could satisfy the order first, and kcompactd
	 * would then rightly find nothing to do).
	 */
	page = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 3);
	/*
	 * kswapd wakes kcompactd when it goes to sleep on a balanced node
	 * (4.8).  Here nothing is reclaimable (no swap): if kswapd was
	 * asleep, it cannot balance the node for order 3, and gives up
	 * after MAX_RECLAIM_RETRIES runs; from then on the allocation
	 * itself wakes kcompactd (4.14).  So the allocation is retried, as
	 * the allocating task would.
	 */
	for (ms = 0; ms < 3000 && vmstat_value("compact_daemon_wake") == wake; ms += 10) {
		if (!page)
			page = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 3);
		usleep(10000);
	}
	printf("# compact_daemon_wake %ld -> %ld after %d ms\n", wake,
	       vmstat_value("compact_daemon_wake"), ms);
	EXPECT_LT(wake, vmstat_value("compact_daemon_wake"));
	/* Once awake, it scans (the counter grows when its round ends). */
	for (ms = 0; ms < 3000 && vmstat_value("compact_daemon_wake") != wake &&
	     vmstat_value("compact_daemon_migrate_scanned") == scanned; ms += 10)
		usleep(10000);
	EXPECT_LT(scanned, vmstat_value("compact_daemon_migrate_scanned"));
	if (page)
		__free_pages(page, 3);
	/*
	 * kcompactd may still be at work: stop it before counting pages, and
	 * start it again (with memory whole, its stack can be had).
	 */
	kcompactd_stop(0);
	EXPECT_EQ(0, verify_mismatches(f.w, NULL));
	unfragment(&f);
	EXPECT_EQ(0, kcompactd_run(0));
}

/*
 * umm.deterministic=1: no kcompactd thread; its work is done inside the
 * allocation that wakes it.  So the counter has grown when the call
 * returns, and the allocation succeeds on kcompactd's work alone,
 * without a direct compaction stall.
 */
TEST_F(det, kcompactd_runs_at_safe_points_when_deterministic)
{
	long wake, scanned, stall;
	struct page *page;
	struct frag f;

	ASSERT_TRUE(umm_deterministic);
	EXPECT_EQ(NULL, NODE_DATA(0)->kcompactd);
	EXPECT_EQ(NULL, find_task("kcompactd0"));
	EXPECT_EQ(NULL, find_task("kswapd0"));
	ASSERT_EQ(0, fragment(&f, false));
	ASSERT_EQ(0, free_blocks_from(3));
	wake = vmstat_value("compact_daemon_wake");
	scanned = vmstat_value("compact_daemon_migrate_scanned");
	stall = vmstat_value("compact_stall");

	/*
	 * An atomic allocation must not do kswapd's or kcompactd's work in
	 * the caller, which may hold locks: the request waits...
	 */
	page = alloc_pages(GFP_NOWAIT | __GFP_NOWARN, 3);
	EXPECT_EQ(NULL, page);
	EXPECT_EQ(wake, vmstat_value("compact_daemon_wake"));
	EXPECT_EQ(scanned, vmstat_value("compact_daemon_migrate_scanned"));

	/* ...for the next safe point, as the end of a console command. */
	umm_kthreads_run_pending();
	EXPECT_EQ(wake + 1, vmstat_value("compact_daemon_wake"));
	EXPECT_LT(scanned, vmstat_value("compact_daemon_migrate_scanned"));

	/* kcompactd made the order: no direct compaction needed now. */
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 3);
	EXPECT_NE(NULL, page);
	EXPECT_EQ(stall, vmstat_value("compact_stall"));
	if (page)
		__free_pages(page, 3);
	EXPECT_EQ(0, verify_mismatches(f.w, NULL));
	unfragment(&f);
}

/* ---- the counters against the trace ------------------------------------- */

#define TRACING	"/sys/kernel/debug/tracing/"

struct trace_sums {
	unsigned long lines;
	unsigned long entries, written;
	unsigned long migrate_scanned, migrate_taken;	/* isolate_migratepages */
	unsigned long free_scanned, free_taken;		/* isolate_freepages */
	unsigned long migrate_calls, succeeded, failed;	/* mm_migrate_pages */
	unsigned long compaction_calls;			/* compaction_migratepages */
	unsigned long nr_migrated, nr_failed;
};

/* The two numbers after @field in @line, if @line is an @event line. */
static bool event_pair(const char *line, const char *event, const char *field,
		       unsigned long *a, unsigned long *b)
{
	const char *p = strstr(line, event);
	char fmt[64];

	if (!p)
		return false;
	p = strstr(p, field);
	snprintf(fmt, sizeof(fmt), "%s%%lu %%*[a-z_]=%%lu", field);
	return p && sscanf(p, fmt, a, b) == 2;
}

static int sum_trace(struct trace_sums *s)
{
	char *buf, *line, *next;
	const char *p;
	unsigned long a, b;

	memset(s, 0, sizeof(*s));
	if (kernel_read_file_path(TRACING "trace", &buf) < 0)
		return -1;
	p = strstr(buf, "entries-in-buffer/entries-written: ");
	if (p)
		sscanf(p, "entries-in-buffer/entries-written: %lu/%lu",
		       &s->entries, &s->written);
	for (line = buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (*line == '#')
			continue;
		s->lines++;
		if (event_pair(line, "mm_compaction_isolate_migratepages: ",
			       "nr_scanned=", &a, &b)) {
			s->migrate_scanned += a;
			s->migrate_taken += b;
		} else if (event_pair(line, "mm_compaction_isolate_freepages: ",
				      "nr_scanned=", &a, &b)) {
			s->free_scanned += a;
			s->free_taken += b;
		} else if (event_pair(line, "mm_migrate_pages: ",
				      "nr_succeeded=", &a, &b)) {
			s->migrate_calls++;
			s->succeeded += a;
			s->failed += b;
		} else if (event_pair(line, "mm_compaction_migratepages: ",
				      "nr_migrated=", &a, &b)) {
			s->compaction_calls++;
			s->nr_migrated += a;
			s->nr_failed += b;
		} else {
			printf("# unexpected trace line: %s\n", line);
			kfree(buf);
			return -1;
		}
	}
	kfree(buf);
	return 0;
}

static const enum vm_event_item counted[] = {
	COMPACTISOLATED, COMPACTMIGRATE_SCANNED, COMPACTFREE_SCANNED,
	PGMIGRATE_SUCCESS, PGMIGRATE_FAIL, COMPACTSTALL, COMPACTSUCCESS,
	COMPACTFAIL,
};

/*
 * What must hold between /proc/vmstat and the trace of the same run:
 * compact_isolated is exactly what both scanners took (their isolate
 * events), the scanned counters are their nr_scanned, pgmigrate_* are
 * the sums of mm_migrate_pages; each page isolated for migration ends up
 * migrated, failed, or put back, so the migrate scanner took at least
 * nr_succeeded + nr_failed pages; each page migrated used a target the
 * free scanner took (nothing is freed while isolated: the task is idle);
 * every compaction migrate_pages() call has its two events; a stall is
 * a success or a failure.
 */
TEST_F(umm, compaction_counters_agree_with_the_trace)
{
	unsigned long before[ARRAY_SIZE(counted)], d[ARRAY_SIZE(counted)];
	struct trace_sums s;
	struct page *pages[8];
	struct frag f;
	unsigned int i;

	stop_kcompactd(&self->free_at_boot);
	/* The trace buffer first: it takes its pages from unfragmented memory. */
	ASSERT_EQ(0, write_file(TRACING "buffer_size_kb", "4096\n"));
	ASSERT_EQ(0, write_file(TRACING "events/migrate/enable", "1\n"));
	ASSERT_EQ(0, write_file(TRACING "events/compaction/mm_compaction_isolate_migratepages/enable", "1\n"));
	ASSERT_EQ(0, write_file(TRACING "events/compaction/mm_compaction_isolate_freepages/enable", "1\n"));
	ASSERT_EQ(0, write_file(TRACING "events/compaction/mm_compaction_migratepages/enable", "1\n"));
	ASSERT_EQ(0, fragment(&f, false));
	ASSERT_EQ(0, write_file(TRACING "trace", "\n"));
	for (i = 0; i < ARRAY_SIZE(counted); i++)
		before[i] = sum_vm_event(counted[i]);

	/* Direct compaction (sync light), then compact_memory (sync). */
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		pages[i] = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, 3);
	ASSERT_EQ(0, compact_memory());
	ASSERT_EQ(0, write_file(TRACING "tracing_on", "0\n"));

	for (i = 0; i < ARRAY_SIZE(counted); i++)
		d[i] = sum_vm_event(counted[i]) - before[i];
	ASSERT_EQ(0, sum_trace(&s));
	printf("# %lu lines: isolated %lu+%lu, migrated %lu, failed %lu, %lu calls\n",
	       s.lines, s.migrate_taken, s.free_taken, s.succeeded, s.failed,
	       s.migrate_calls);
	/* Nothing lost to a full buffer. */
	EXPECT_EQ(s.written, s.entries);
	EXPECT_EQ(s.lines, s.entries);

	EXPECT_EQ(d[0], s.migrate_taken + s.free_taken);
	EXPECT_EQ(d[1], s.migrate_scanned);
	EXPECT_EQ(d[2], s.free_scanned);
	EXPECT_EQ(d[3], s.succeeded);
	EXPECT_EQ(d[4], s.failed);
	EXPECT_GT(s.succeeded, 1000);
	EXPECT_GE(s.migrate_taken, s.succeeded + s.failed);
	EXPECT_GE(s.free_taken, s.succeeded);
	EXPECT_EQ(s.migrate_calls, s.compaction_calls);
	EXPECT_GE(s.nr_migrated, s.succeeded);
	EXPECT_EQ(d[5], d[6] + d[7]);
	EXPECT_EQ(0, global_node_page_state(NR_ISOLATED_ANON));

	for (i = 0; i < ARRAY_SIZE(pages); i++)
		if (pages[i])
			__free_pages(pages[i], 3);
	EXPECT_EQ(0, verify_mismatches(f.w, NULL));
	unfragment(&f);
	write_file(TRACING "set_event", "\n");
	write_file(TRACING "tracing_on", "1\n");
	write_file(TRACING "free_buffer", "1\n");
}

UMM_TEST_MAIN

/*
 * Is another round of compaction worth it?  4.8's
 * compaction_zonelist_suitable() counts free pages plus a share of what
 * reclaim could free (reclaimable / order) toward the watermark that
 * compaction needs: reclaim may make the room.  Counting free pages only
 * makes should_compact_retry() give up while swap could still help.
 */
TEST_F(det, compaction_retry_counts_reclaimable_pages)
{
	struct alloc_context ac = {
		.high_zoneidx = ZONE_NORMAL,
		.migratetype = MIGRATE_MOVABLE,
		.classzone_idx = ZONE_NORMAL,
	};
	unsigned long saved, free, reclaimable;
	const int order = 3;
	struct console_out o;

	ASSERT_EQ(0, console("echo 32M > /sys/block/zram0/disksize; "
			     "mkswap zram0; swapon zram0; task start a; "
			     "mmap a 24M; fill a", &o));
	free = zone_page_state(ZONE, NR_FREE_PAGES);
	reclaimable = zone_reclaimable_pages(ZONE);
	ASSERT_LT(1024, reclaimable);

	/* Free pages alone miss the mark; with reclaim's share they reach it. */
	saved = ZONE->watermark[WMARK_MIN];
	ZONE->watermark[WMARK_MIN] = free + reclaimable / (2 * order) -
				     (2UL << order);
	EXPECT_TRUE(compaction_zonelist_suitable(&ac, order, ALLOC_WMARK_MIN));

	/* More than that share: no. */
	ZONE->watermark[WMARK_MIN] = free + 2 * reclaimable / order;
	EXPECT_FALSE(compaction_zonelist_suitable(&ac, order,
						  ALLOC_WMARK_MIN));
	ZONE->watermark[WMARK_MIN] = saved;

	EXPECT_EQ(0, console("task exit a; swapoff zram0; "
			     "echo 1 > /sys/block/zram0/reset", &o));
}

/*
 * kswapd resets compaction's skip hints and wakes kcompactd only when it
 * goes to sleep on a balanced node (4.8's kswapd_try_to_sleep()).  A
 * kswapd that gives up on an unbalanced node leaves both alone: the
 * hints still say where compaction failed, and compacting memory that
 * is short does not help.
 */
TEST_F(det, kswapd_giving_up_unbalanced_leaves_compaction_alone)
{
	struct page *block = pfn_to_page(ZONE->zone_start_pfn);
	struct frag f;
	long wake;

	/* No order-3 block, and nothing reclaim can free (no swap). */
	ASSERT_EQ(0, fragment(&f, false));
	ASSERT_EQ(0, free_blocks_from(3));
	wake = vmstat_value("compact_daemon_wake");
	set_pageblock_skip(block);
	WRITE_ONCE(ZONE->compact_blockskip_flush, true);
	/* fragment() woke kswapd until it gave up: a fresh start. */
	WRITE_ONCE(NODE_DATA(0)->kswapd_failures, 0);

	wakeup_kswapd(ZONE, GFP_KERNEL, 3, ZONE_NORMAL);
	umm_kthreads_run_pending();
	EXPECT_LE(MAX_RECLAIM_RETRIES,
		  READ_ONCE(NODE_DATA(0)->kswapd_failures));
	EXPECT_TRUE(get_pageblock_skip(block));
	EXPECT_EQ(wake, vmstat_value("compact_daemon_wake"));
	EXPECT_EQ(0, verify_mismatches(f.w, NULL));
	unfragment(&f);
}
