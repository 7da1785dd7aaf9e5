// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_migrate.c - LRU page migration of workload memory
 *
 * Workload tasks fill anonymous memory with self-describing pages; then
 * their pages are moved, by compaction (/proc/sys/vm/compact_memory) or
 * by migrate_pages() with a target allocator of the test's own, and the
 * tests check that every byte came along (workload_verify() and a direct
 * look at the new frames), that the frames really changed, and that the
 * counters say what happened.  The contract cases of migrate_pages() are
 * here too: a page freed while isolated, a busy page retried and put
 * back, no target at all.  Finally tasks touch and verify their memory
 * on real threads while compaction moves it under them, with one
 * compactor and with two at once (the "concurrent" tests, which CI also
 * runs under ThreadSanitizer).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "umm_test.h"

#include <linux/workload.h>
#include <linux/migrate.h>
#include <linux/swap.h>
#include <linux/rmap.h>
#include <linux/pagemap.h>
#include <linux/compaction.h>
#include <linux/page-flags.h>
#include <linux/pseudo_fs.h>
#include <linux/random.h>
#include <linux/err.h>

FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

UMM_TASK_FIXTURE_SETUP

/* ---- helpers ---------------------------------------------------------- */

static unsigned long nr_present(struct pfn_map *m)
{
	unsigned long i, n = 0;

	for (i = 0; i < m->nr; i++)
		n += m->pfn[i] != 0;
	return n;
}

/* Does every present page of @m hold what its owner wrote at its address? */
static unsigned long bad_frames(struct workload *w, struct pfn_map *m)
{
	unsigned long i, bad = 0;

	for (i = 0; i < m->nr; i++) {
		struct page *page;

		if (!m->pfn[i])
			continue;
		page = pfn_to_page(m->pfn[i]);
		if (!workload_page_valid(page_address(page), w->owner,
					 m->addr + i * PAGE_SIZE) ||
		    !PageAnon(page) || !PageLRU(page) ||
		    page_mapcount(page) != 1 ||
		    page->index != (m->addr >> PAGE_SHIFT) + i) {
			if (!bad)
				printf("# frame %#lx of address %#lx is wrong\n",
				       m->pfn[i], m->addr + i * PAGE_SIZE);
			bad++;
		}
	}
	return bad;
}

/*
 * A target allocator for migrate_pages(): fresh movable pages, each one
 * recorded, and a count of those given back unused.
 */
struct target_pool {
	unsigned long allocated;
	unsigned long released;
	bool fail;		/* hand out nothing: -ENOMEM */
	unsigned char *given;	/* per pfn: handed out */
};

static struct page *pool_alloc(struct page *page, unsigned long private,
			       int **result)
{
	struct target_pool *pool = (struct target_pool *)private;
	struct page *new;

	if (pool->fail)
		return NULL;
	new = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN);
	if (new) {
		pool->allocated++;
		pool->given[page_to_pfn(new)] = 1;
	}
	return new;
}

static void pool_free(struct page *page, unsigned long private)
{
	struct target_pool *pool = (struct target_pool *)private;

	pool->released++;
	put_page(page);
}

static void pool_init(struct target_pool *pool)
{
	memset(pool, 0, sizeof(*pool));
	pool->given = calloc(max_pfn, 1);
}

/* Take the present pages of @m off the LRU onto @list, as compaction does. */
static unsigned long isolate_all(struct pfn_map *m, struct list_head *list)
{
	unsigned long i, n = 0;

	for (i = 0; i < m->nr; i++) {
		struct page *page;

		if (!m->pfn[i])
			continue;
		page = pfn_to_page(m->pfn[i]);
		if (isolate_lru_page(page))
			continue;
		inc_node_page_state(page, NR_ISOLATED_ANON);
		list_add_tail(&page->lru, list);
		n++;
	}
	return n;
}

static unsigned long list_count(struct list_head *list)
{
	struct list_head *pos;
	unsigned long n = 0;

	list_for_each(pos, list)
		n++;
	return n;
}

/* ---- migration by compaction ------------------------------------------- */

/*
 * Half of every run of two pages given back, then compact_memory: the
 * pages of the lower pageblocks move up.  Every page keeps its data, the
 * frames change, and pgmigrate_success counts exactly the pages that
 * moved (nothing else is on the LRU, and nothing runs meanwhile).
 */
TEST_F(umm, compact_memory_moves_pages_and_keeps_every_byte)
{
	unsigned long addr, i, moved = 0, success, isolated_before;
	struct pfn_map before, after;
	struct verify_result res;
	struct workload *w;
	unsigned long nr = (umm_free_pages() / 2) & ~511UL;

	w = task_filled("mig", nr << PAGE_SHIFT, 500, umm_test_seed, &addr);
	ASSERT_NE(NULL, w);
	ASSERT_EQ(nr / 2, workload_dontneed(w, 50, 2, umm_test_seed));

	before = (struct pfn_map){ addr, nr, calloc(nr, sizeof(long)) };
	after = (struct pfn_map){ addr, nr, calloc(nr, sizeof(long)) };
	ASSERT_EQ(0, get_pfns(w, &before));
	ASSERT_EQ(nr / 2, nr_present(&before));
	success = sum_vm_event(PGMIGRATE_SUCCESS);
	isolated_before = global_node_page_state(NR_ISOLATED_ANON);

	ASSERT_EQ(0, compact_memory());

	ASSERT_EQ(0, get_pfns(w, &after));
	for (i = 0; i < nr; i++) {
		/* What was present is present, what was given back is not. */
		EXPECT_EQ(!!before.pfn[i], !!after.pfn[i]);
		if (before.pfn[i] && after.pfn[i] != before.pfn[i])
			moved++;
	}
	printf("# %lu of %lu pages moved\n", moved, nr / 2);
	/* Half of memory was holes: a good share of the pages must move. */
	EXPECT_GT(moved, nr / 16);
	EXPECT_EQ(moved, sum_vm_event(PGMIGRATE_SUCCESS) - success);
	EXPECT_EQ(0, bad_frames(w, &after));
	EXPECT_EQ(isolated_before, global_node_page_state(NR_ISOLATED_ANON));
	EXPECT_EQ(nr / 2, get_mm_rss(w->task->mm));

	EXPECT_EQ(0, verify_mismatches(w, &res));
	EXPECT_EQ(nr / 2, res.checked);
	EXPECT_EQ(nr / 2, res.absent);
	EXPECT_EQ(0, workload_stop(w));
	free(before.pfn);
	free(after.pfn);
}

/* ---- migrate_pages() with the test's own targets ----------------------- */

/*
 * Isolate every page of a task and migrate the list with our allocator:
 * all of them move, each to a page we handed out, and nothing is left
 * isolated.
 */
TEST_F(umm, migrate_pages_moves_isolated_pages_to_given_targets)
{
	unsigned long addr, i, nr = 256, success;
	struct pfn_map before, after;
	struct target_pool pool;
	struct verify_result res;
	struct workload *w;
	LIST_HEAD(list);

	w = task_filled("mig", nr << PAGE_SHIFT, 500, umm_test_seed, &addr);
	ASSERT_NE(NULL, w);
	before = (struct pfn_map){ addr, nr, calloc(nr, sizeof(long)) };
	after = (struct pfn_map){ addr, nr, calloc(nr, sizeof(long)) };
	ASSERT_EQ(0, get_pfns(w, &before));
	ASSERT_EQ(nr, nr_present(&before));

	pool_init(&pool);
	ASSERT_EQ(nr, isolate_all(&before, &list));
	EXPECT_EQ(nr, global_node_page_state(NR_ISOLATED_ANON));
	success = sum_vm_event(PGMIGRATE_SUCCESS);

	EXPECT_EQ(0, migrate_pages(&list, pool_alloc, pool_free,
				   (unsigned long)&pool, MIGRATE_SYNC,
				   MR_SYSCALL));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(nr, pool.allocated);
	EXPECT_EQ(0, pool.released);
	EXPECT_EQ(nr, sum_vm_event(PGMIGRATE_SUCCESS) - success);
	EXPECT_EQ(0, global_node_page_state(NR_ISOLATED_ANON));

	ASSERT_EQ(0, get_pfns(w, &after));
	for (i = 0; i < nr; i++) {
		EXPECT_NE(0, after.pfn[i]);
		EXPECT_NE(before.pfn[i], after.pfn[i]);
		EXPECT_TRUE(pool.given[after.pfn[i]]);
	}
	EXPECT_EQ(0, bad_frames(w, &after));
	EXPECT_EQ(0, verify_mismatches(w, &res));
	EXPECT_EQ(nr, res.checked);
	/* The moved pages are written to again: their ptes are writable. */
	EXPECT_EQ(nr, workload_touch(w, 100, umm_test_seed + 1));
	EXPECT_EQ(0, verify_mismatches(w, &res));
	EXPECT_EQ(0, workload_stop(w));
	free(pool.given);
	free(before.pfn);
	free(after.pfn);
}

/*
 * The task gives a page back while it is isolated: only the isolation
 * reference is left.  Migration does not move it, releases the target
 * unused, frees the page, and counts a success (4.8's behaviour).
 */
TEST_F(umm, page_freed_while_isolated_is_freed_not_moved)
{
	unsigned long addr, success;
	struct target_pool pool;
	struct pfn_map map;
	struct page *page;
	struct workload *w;
	LIST_HEAD(list);

	w = task_filled("mig", PAGE_SIZE, 500, umm_test_seed, &addr);
	ASSERT_NE(NULL, w);
	map = (struct pfn_map){ addr, 1, calloc(1, sizeof(long)) };
	ASSERT_EQ(0, get_pfns(w, &map));
	page = pfn_to_page(map.pfn[0]);
	pool_init(&pool);
	ASSERT_EQ(1, isolate_all(&map, &list));
	EXPECT_EQ(2, page_count(page));

	ASSERT_EQ(1, workload_dontneed(w, 100, 0, 1));
	EXPECT_EQ(1, page_count(page));
	EXPECT_FALSE(page_mapped(page));

	success = sum_vm_event(PGMIGRATE_SUCCESS);
	EXPECT_EQ(0, migrate_pages(&list, pool_alloc, pool_free,
				   (unsigned long)&pool, MIGRATE_SYNC,
				   MR_SYSCALL));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(1, sum_vm_event(PGMIGRATE_SUCCESS) - success);
	EXPECT_EQ(pool.allocated, pool.released);
	EXPECT_EQ(0, page_count(page));
	EXPECT_EQ(0, global_node_page_state(NR_ISOLATED_ANON));
	EXPECT_EQ(0, get_mm_rss(w->task->mm));
	EXPECT_EQ(0, workload_stop(w));
	free(pool.given);
	free(map.pfn);
}

/*
 * Somebody holds a reference: every pass fails with -EAGAIN, the page is
 * unmapped and mapped back each time, and after the last pass it is
 * still on the list, counted as one failure.  Putting it back leaves the
 * task's page where it was, writable, with its data.
 */
TEST_F(umm, busy_page_is_retried_then_left_for_putback)
{
	unsigned long addr, fail, success;
	struct target_pool pool;
	struct verify_result res;
	struct pfn_map map;
	struct page *page;
	struct workload *w;
	LIST_HEAD(list);

	w = task_filled("mig", 4 * PAGE_SIZE, 500, umm_test_seed, &addr);
	ASSERT_NE(NULL, w);
	map = (struct pfn_map){ addr, 1, calloc(1, sizeof(long)) };
	ASSERT_EQ(0, get_pfns(w, &map));
	page = pfn_to_page(map.pfn[0]);
	pool_init(&pool);
	ASSERT_EQ(1, isolate_all(&map, &list));
	get_page(page);		/* the pin */

	fail = sum_vm_event(PGMIGRATE_FAIL);
	success = sum_vm_event(PGMIGRATE_SUCCESS);
	EXPECT_EQ(1, migrate_pages(&list, pool_alloc, pool_free,
				   (unsigned long)&pool, MIGRATE_SYNC,
				   MR_SYSCALL));
	EXPECT_EQ(1, list_count(&list));
	EXPECT_EQ(1, sum_vm_event(PGMIGRATE_FAIL) - fail);
	EXPECT_EQ(0, sum_vm_event(PGMIGRATE_SUCCESS) - success);
	/* A fresh target per pass, each given back. */
	EXPECT_EQ(10, pool.allocated);
	EXPECT_EQ(10, pool.released);
	EXPECT_TRUE(page_mapped(page));

	putback_movable_pages(&list);
	put_page(page);
	EXPECT_TRUE(PageLRU(page));
	EXPECT_EQ(0, global_node_page_state(NR_ISOLATED_ANON));
	EXPECT_EQ(1, page_count(page));
	ASSERT_EQ(0, get_pfns(w, &map));
	EXPECT_EQ(page_to_pfn(page), map.pfn[0]);
	EXPECT_EQ(0, bad_frames(w, &map));
	EXPECT_EQ(4, workload_touch(w, 100, 7));
	EXPECT_EQ(0, verify_mismatches(w, &res));
	EXPECT_EQ(4, res.checked);
	EXPECT_EQ(0, workload_stop(w));
	free(pool.given);
	free(map.pfn);
}

/*
 * A direct compactor (PF_MEMALLOC) must not sleep in lock_page(): the
 * page's lock may be its own (4.8 skips such a page in
 * __unmap_and_move()).  Here the caller holds the lock: without the
 * check, migrate_pages() would wait for itself forever.
 */
TEST_F(umm, locked_page_is_skipped_by_direct_compaction)
{
	unsigned int pflags = current->flags;
	struct target_pool pool;
	struct pfn_map map;
	unsigned long addr, fail;
	struct page *page;
	struct workload *w;
	LIST_HEAD(list);

	w = task_filled("mig", 4 * PAGE_SIZE, 500, umm_test_seed, &addr);
	ASSERT_NE(NULL, w);
	map = (struct pfn_map){ addr, 1, calloc(1, sizeof(long)) };
	ASSERT_EQ(0, get_pfns(w, &map));
	page = pfn_to_page(map.pfn[0]);
	pool_init(&pool);
	ASSERT_EQ(1, isolate_all(&map, &list));

	lock_page(page);
	current->flags |= PF_MEMALLOC;
	fail = sum_vm_event(PGMIGRATE_FAIL);
	EXPECT_EQ(1, migrate_pages(&list, pool_alloc, pool_free,
				   (unsigned long)&pool, MIGRATE_SYNC,
				   MR_COMPACTION));
	current->flags = pflags;
	unlock_page(page);
	EXPECT_EQ(1, sum_vm_event(PGMIGRATE_FAIL) - fail);
	EXPECT_EQ(1, list_count(&list));

	/* Without PF_MEMALLOC the same call waits for the lock and moves it. */
	EXPECT_EQ(0, migrate_pages(&list, pool_alloc, pool_free,
				   (unsigned long)&pool, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_EQ(0, list_count(&list));
	EXPECT_EQ(0, workload_stop(w));
	free(pool.given);
	free(map.pfn);
}

/* No target: -ENOMEM, the page stays on the list, one failure counted. */
TEST_F(umm, no_target_page_is_enomem)
{
	unsigned long addr, fail;
	struct target_pool pool;
	struct verify_result res;
	struct pfn_map map;
	struct workload *w;
	LIST_HEAD(list);

	w = task_filled("mig", 2 * PAGE_SIZE, 500, umm_test_seed, &addr);
	ASSERT_NE(NULL, w);
	map = (struct pfn_map){ addr, 2, calloc(2, sizeof(long)) };
	ASSERT_EQ(0, get_pfns(w, &map));
	pool_init(&pool);
	pool.fail = true;
	ASSERT_EQ(2, isolate_all(&map, &list));
	fail = sum_vm_event(PGMIGRATE_FAIL);
	EXPECT_EQ(-ENOMEM, migrate_pages(&list, pool_alloc, pool_free,
					 (unsigned long)&pool, MIGRATE_SYNC,
					 MR_SYSCALL));
	EXPECT_EQ(2, list_count(&list));
	EXPECT_EQ(1, sum_vm_event(PGMIGRATE_FAIL) - fail);
	putback_movable_pages(&list);
	EXPECT_EQ(0, global_node_page_state(NR_ISOLATED_ANON));
	EXPECT_EQ(0, bad_frames(w, &map));
	EXPECT_EQ(0, verify_mismatches(w, &res));
	EXPECT_EQ(0, workload_stop(w));
	free(pool.given);
	free(map.pfn);
}

/* ---- concurrency -------------------------------------------------------- */

#define NR_TASKS	2

struct concurrent_ctx {
	struct workload *w[NR_TASKS];
	int nr_compactors;		/* threads 0..nr_compactors-1 */
	atomic_t stop;
	atomic_t rounds[NR_TASKS];	/* touch+verify rounds done */
	atomic_long_t mismatches;
	atomic_long_t errors;
	atomic_t compactions;
	atomic_t high_order_ok;
	u64 seed;
};

static bool all_rounds(struct concurrent_ctx *c, int min)
{
	int i;

	for (i = 0; i < NR_TASKS; i++)
		if (atomic_read(&c->rounds[i]) < min)
			return false;
	return true;
}

/*
 * Compactor threads: compact_memory, and high-order allocations that go
 * through direct compaction (order 3 by thread 0, order 9 by thread 1).
 * Thread 0 stops everything after a second once each task has done a
 * few rounds (so a slow sanitizer build still overlaps them).
 */
static void compactor(struct concurrent_ctx *c, int idx)
{
	unsigned int order = idx ? pageblock_order : 3;
	u64 start = now_ms();

	while (!atomic_read(&c->stop)) {
		struct page *page;

		if (idx == 0 && ((now_ms() - start >= 1000 && all_rounds(c, 3)) ||
				 now_ms() - start > 20000))
			break;	/* after 20 s the tasks are stuck: fail below */
		if (compact_memory())
			atomic_long_inc(&c->errors);
		atomic_inc(&c->compactions);
		page = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY,
				   order);
		if (page) {
			atomic_inc(&c->high_order_ok);
			__free_pages(page, order);
		}
	}
	atomic_set(&c->stop, 1);
}

/*
 * Task threads each drive a task: rewrite a share of its pages (faults
 * where pages were given back), give some back, verify all.
 */
static void task_driver(struct concurrent_ctx *c, int idx)
{
	struct workload *w = c->w[idx];

	while (!atomic_read(&c->stop)) {
		u64 seed = c->seed + idx * 1000003 + atomic_read(&c->rounds[idx]);
		struct verify_result res;
		long ret;

		ret = workload_touch(w, 30, seed);
		if (ret >= 0)
			ret = workload_dontneed(w, 10, 0, seed + 1);
		if (ret >= 0)
			ret = workload_verify(w, &res);
		if (ret < 0) {
			atomic_long_inc(&c->errors);
			break;
		}
		if (res.mismatches) {
			printf("# %s: %lu mismatches, the first at %#lx (seed %llu)\n",
			       w->name, res.mismatches, res.first_bad,
			       (unsigned long long)seed);
			atomic_long_add(res.mismatches, &c->mismatches);
		}
		atomic_inc(&c->rounds[idx]);
	}
}

static int concurrent_fn(void *arg, int idx)
{
	struct concurrent_ctx *c = arg;

	if (idx < c->nr_compactors)
		compactor(c, idx);
	else
		task_driver(c, idx - c->nr_compactors);
	return 0;
}

/*
 * Run the tasks against @nr_compactors compactor threads, then check
 * that no byte was ever wrong and that the books balance.
 */
static void run_concurrent(struct __test_metadata *_metadata,
			   int nr_compactors)
{
	unsigned long stall, success, fail, migrated, rss = 0, addr;
	struct concurrent_ctx c;
	struct verify_result res;
	char name[16];
	int i;

	memset(&c, 0, sizeof(c));
	c.seed = umm_test_seed;
	c.nr_compactors = nr_compactors;
	for (i = 0; i < NR_TASKS; i++) {
		snprintf(name, sizeof(name), "conc%d", i);
		c.w[i] = task_filled(name, 8 << 20, 500, umm_test_seed, &addr);
		ASSERT_NE(NULL, c.w[i]);
		/* Holes everywhere: compaction has pages to move. */
		ASSERT_LT(0, workload_dontneed(c.w[i], 50, 2, 0));
	}
	stall = sum_vm_event(COMPACTSTALL);
	success = sum_vm_event(COMPACTSUCCESS);
	fail = sum_vm_event(COMPACTFAIL);
	migrated = sum_vm_event(PGMIGRATE_SUCCESS);

	ASSERT_EQ(0, umm_run_threads(nr_compactors + NR_TASKS, concurrent_fn,
				     &c));

	printf("# %d compactions, %d high-order allocations, %lu pages migrated, rounds %d/%d\n",
	       atomic_read(&c.compactions), atomic_read(&c.high_order_ok),
	       sum_vm_event(PGMIGRATE_SUCCESS) - migrated,
	       atomic_read(&c.rounds[0]), atomic_read(&c.rounds[1]));
	EXPECT_EQ(0, atomic_long_read(&c.errors));
	EXPECT_EQ(0, atomic_long_read(&c.mismatches));
	EXPECT_TRUE(all_rounds(&c, 3));
	/* Pages really moved while the tasks used them. */
	EXPECT_LT(migrated, sum_vm_event(PGMIGRATE_SUCCESS));

	/* Afterwards the books balance. */
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(0, global_node_page_state(NR_ISOLATED_ANON));
	for (i = 0; i < NR_TASKS; i++) {
		EXPECT_EQ(0, verify_mismatches(c.w[i], &res));
		EXPECT_EQ(res.checked, get_mm_rss(c.w[i]->task->mm));
		rss += get_mm_rss(c.w[i]->task->mm);
	}
	EXPECT_EQ(rss, global_node_page_state(NR_ANON_MAPPED));
	EXPECT_EQ(rss, global_node_page_state(NR_ACTIVE_ANON) +
		       global_node_page_state(NR_INACTIVE_ANON));
	EXPECT_EQ(sum_vm_event(COMPACTSTALL) - stall,
		  (sum_vm_event(COMPACTSUCCESS) - success) +
		  (sum_vm_event(COMPACTFAIL) - fail));
	for (i = 0; i < NR_TASKS; i++)
		EXPECT_EQ(0, workload_stop(c.w[i]));
}

/* One thread compacts while two tasks use their memory. */
TEST_F(umm, concurrent_compaction_while_tasks_touch_and_verify)
{
	run_concurrent(_metadata, 1);
}

/*
 * Two compactions of the same zone at once (compact_memory and direct
 * compaction on two threads, as compact_memory, kcompactd and allocating
 * tasks do on a real system), while the tasks use their memory: the
 * scanners' cached positions and skip hints are shared by all of them.
 */
TEST_F(umm, concurrent_compactors_and_tasks)
{
	run_concurrent(_metadata, 2);
}

UMM_TEST_MAIN
