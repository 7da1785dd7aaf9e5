// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_movable_isolate.c - movable pages: who may isolate, and when
 *
 * Two scanners racing for one page (one wins), isolating twice, a locked
 * page, and MIGRATE_ASYNC: a driver may refuse, and the rest goes on. *
 * Every test name contains "movable", so that `make check TESTS=movable`
 * runs all of them; movable_test.h has what the files share.
 */
#include "movable_test.h"

TDRV_FIXTURE

/* ==== two scanners, one page ==== */

#define RACE_PAGES	32
#define RACE_THREADS	4

struct isolation_race {
	atomic_t arrived;
	atomic_t wins[RACE_PAGES];
	atomic_t losses;
};

static int race_isolate(void *arg, int idx)
{
	struct isolation_race *r = arg;
	int i;

	/* Start together, so that the attempts overlap. */
	atomic_inc(&r->arrived);
	while (atomic_read(&r->arrived) < RACE_THREADS)
		sched_yield();
	for (i = 0; i < RACE_PAGES; i++) {
		/* Each thread goes through the pages in its own order. */
		int p = (idx & 1) ? RACE_PAGES - 1 - i : i;
		struct page *page = READ_ONCE(drv->objs[p].page);

		if (isolate_movable_page(page, 0))
			atomic_inc(&r->wins[p]);
		else
			atomic_inc(&r->losses);
	}
	return 0;
}

TEST_F(umm, movable_concurrent_isolation_has_one_winner)
{
	const int rounds = 100;
	unsigned long losses = 0;
	int round, i;

	for (i = 0; i < RACE_PAGES; i++)
		ASSERT_NE(NULL, tdrv_add());
	for (round = 0; round < rounds; round++) {
		struct isolation_race r;
		LIST_HEAD(list);

		memset(&r, 0, sizeof(r));
		ASSERT_EQ(0, umm_run_threads(RACE_THREADS, race_isolate, &r));
		losses += atomic_read(&r.losses);
		ASSERT_EQ(RACE_PAGES * (RACE_THREADS - 1), atomic_read(&r.losses));
		for (i = 0; i < RACE_PAGES; i++) {
			struct tobj *obj = &drv->objs[i];

			ASSERT_EQ(1, atomic_read(&r.wins[i]));
			ASSERT_EQ(round + 1, atomic_read(&obj->isolations));
			ASSERT_TRUE(PageIsolated(obj->page));
			/* The losers gave their references back. */
			ASSERT_EQ(2, page_count(obj->page));
			ASSERT_FALSE(PageLocked(obj->page));
			list_add_tail(&obj->page->lru, &list);
		}
		putback_movable_pages(&list);
	}
	printf("# %d rounds, %lu lost attempts\n", rounds, losses);
	EXPECT_EQ(rounds * RACE_PAGES, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(rounds * RACE_PAGES, atomic_read(&drv->putback_calls));
	for (i = 0; i < RACE_PAGES; i++) {
		EXPECT_FALSE(PageIsolated(drv->objs[i].page));
		EXPECT_EQ(1, page_count(drv->objs[i].page));
	}
}

/* Sequentially: a second isolation of an isolated page fails. */
TEST_F(umm, movable_isolating_twice_fails)
{
	struct tobj *obj = tdrv_add();
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	EXPECT_FALSE(isolate_movable_page(obj->page, 0));
	EXPECT_EQ(1, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(2, page_count(obj->page));
	EXPECT_TRUE(PageIsolated(obj->page));
	putback_movable_pages(&list);
	EXPECT_EQ(1, page_count(obj->page));
}

/* The scanner never sleeps on a page lock: a locked page is busy. */
TEST_F(umm, movable_locked_page_is_not_isolated)
{
	struct tobj *obj = tdrv_add();

	ASSERT_NE(NULL, obj);
	lock_page(obj->page);
	EXPECT_FALSE(isolate_movable_page(obj->page, 0));
	EXPECT_EQ(0, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(1, page_count(obj->page));
	EXPECT_TRUE(PageLocked(obj->page));
	unlock_page(obj->page);
}

/* ==== MIGRATE_ASYNC: a driver may refuse, the rest goes on ==== */

TEST_F(umm, movable_async_migration_may_be_refused)
{
	struct page *old[16];
	struct targets t = { 0 };
	LIST_HEAD(list);
	int i;

	for (i = 0; i < 16; i++) {
		struct tobj *obj = tdrv_add();

		ASSERT_NE(NULL, obj);
		obj->refuse_async = i & 1;
		old[i] = obj->page;
		ASSERT_TRUE(isolate_obj(obj, &list, ISOLATE_ASYNC_MIGRATE));
	}
	EXPECT_EQ(ISOLATE_ASYNC_MIGRATE, drv->last_isolate_mode);
	EXPECT_EQ(8, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_ASYNC,
				   MR_COMPACTION));
	EXPECT_EQ(MIGRATE_ASYNC, drv->last_migrate_mode);
	EXPECT_EQ(8, atomic_read(&drv->migrated));
	putback_movable_pages(&list);
	EXPECT_EQ(8, atomic_read(&drv->putback_calls));
	for (i = 0; i < 16; i++) {
		struct tobj *obj = &drv->objs[i];

		if (obj->refuse_async) {
			EXPECT_EQ(old[i], obj->page);
		} else {
			EXPECT_NE(old[i], obj->page);
		}
		EXPECT_FALSE(PageIsolated(obj->page));
		EXPECT_EQ(1, page_count(obj->page));
		EXPECT_TRUE(tdrv_check(obj->page, obj->id));
	}

	/* The same pages move in a sync mode. */
	for (i = 0; i < 16; i++)
		ASSERT_TRUE(isolate_obj(&drv->objs[i], &list, 0));
	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC_LIGHT,
				   MR_COMPACTION));
	EXPECT_EQ(24, atomic_read(&drv->migrated));
}

/*
 * Async direct compaction for an order-9 block, with memory full of the
 * driver's pages, half of them released, and the driver refusing async
 * migration of its pages in the lowest quarter of the zone, where the
 * migrate scanner starts.  Compaction gets past the refusals: pages of
 * the blocks above migrate, and it runs to its end.
 */
TEST_F(umm, movable_async_compaction_goes_on_past_refusals)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct alloc_context ac = {
		.high_zoneidx = ZONE_NORMAL,
		.migratetype = MIGRATE_MOVABLE,
		.classzone_idx = ZONE_NORMAL,
	};
	unsigned long limit = zone->zone_start_pfn + zone->spanned_pages / 4;
	unsigned long before9, after9;
	enum compact_result ret;
	struct page **where;
	int i, n, refusing = 0, moved = 0, stayed = 0;

	/* All of memory, so that no free pageblock is left. */
	while (zone_page_state(zone, NR_FREE_PAGES) >
	       high_wmark_pages(zone) + 64 && tdrv_add())
		;
	n = drv->nr;
	for (i = 0; i < n; i += 2)
		tdrv_release(&drv->objs[i]);
	where = calloc(drv->max, sizeof(*where));
	for (i = 1; i < n; i += 2) {
		struct tobj *obj = &drv->objs[i];

		where[i] = obj->page;
		obj->refuse_async = page_to_pfn(obj->page) < limit;
		refusing += obj->refuse_async;
	}
	before9 = free_order9_units();
	printf("# %d pages, %d refusing async migration, %lu order-9 units free\n",
	       n / 2, refusing, before9);
	ASSERT_GT(refusing, 0);
	ASSERT_LT(refusing, n / 2);

	ret = try_to_compact_pages(GFP_HIGHUSER_MOVABLE, pageblock_order,
				   ALLOC_WMARK_LOW, &ac, COMPACT_PRIO_ASYNC);
	after9 = free_order9_units();
	for (i = 1; i < n; i += 2) {
		struct tobj *obj = &drv->objs[i];

		if (obj->page == where[i])
			stayed++;
		else
			moved++;
		if (obj->refuse_async) {
			EXPECT_EQ(where[i], obj->page);
		}
		EXPECT_FALSE(PageIsolated(obj->page));
		EXPECT_EQ(1, page_count(obj->page));
		EXPECT_TRUE(tdrv_check(obj->page, obj->id));
	}
	printf("# compaction: result %d, %d moved, %d stayed, %d putbacks, order-9 units %lu -> %lu\n",
	       ret, moved, stayed, atomic_read(&drv->putback_calls), before9,
	       after9);
	EXPECT_EQ(MIGRATE_ASYNC, drv->last_migrate_mode);
	EXPECT_TRUE(drv->last_isolate_mode & (__force int)ISOLATE_ASYNC_MIGRATE);
	/* Some refused (and went back to the driver), others moved. */
	EXPECT_GT(atomic_read(&drv->putback_calls), 0);
	EXPECT_GT(moved, 0);
	EXPECT_EQ(moved, atomic_read(&drv->migrated));
	/*
	 * It ran to its end (no abort on the refusals).  Whether an order-9
	 * block comes out is not the point: async direct compaction leaves
	 * a pageblock at its first failure (skip_on_failure), even one on a
	 * page its own migrations just freed.
	 */
	EXPECT_TRUE(ret == COMPACT_COMPLETE || ret == COMPACT_PARTIAL_SKIPPED ||
		    ret == COMPACT_SUCCESS);
	free(where);
}

UMM_TEST_MAIN
