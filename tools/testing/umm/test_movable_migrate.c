// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_movable_migrate.c - movable pages: isolate, migrate, put back
 *
 * isolate_movable_page(), migrate_pages() and putback_movable_pages() on
 * a driver's pages: the happy path, isolate_page() refusing, and
 * migratepage() failing with -EAGAIN (retried) or -EBUSY (not). *
 * Every test name contains "movable", so that `make check TESTS=movable`
 * runs all of them; movable_test.h has what the files share.
 */
#include <linux/page_kind.h>
#include "movable_test.h"

TDRV_FIXTURE

/* ==== the happy path ==== */

TEST_F(umm, movable_isolate_migrate_frees_old_page)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
	struct targets t = { 0 };
	struct page *old, *new;
	struct tobj *obj;
	LIST_HEAD(list);

	tdrv_add();
	obj = tdrv_add();
	ASSERT_NE(NULL, obj);
	old = obj->page;

	ASSERT_TRUE(isolate_obj(obj, &list, ISOLATE_UNEVICTABLE));
	EXPECT_EQ(1, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(ISOLATE_UNEVICTABLE, drv->last_isolate_mode);
	EXPECT_TRUE(obj->isolated);
	EXPECT_TRUE(PageIsolated(old));
	EXPECT_FALSE(PageLocked(old));
	EXPECT_EQ(2, page_count(old));		/* ours + the VM's */
	EXPECT_TRUE(page_movable_locked(old));

	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(1, t.nr_alloc);
	EXPECT_EQ(1, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(MIGRATE_SYNC, drv->last_migrate_mode);
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));

	/* The driver's record and data moved to the target. */
	new = obj->page;
	EXPECT_EQ(t.last, new);
	EXPECT_NE(old, new);
	EXPECT_TRUE(tdrv_check(new, obj->id));
	EXPECT_EQ(1, page_count(new));		/* the driver's only */
	EXPECT_EQ(obj, (struct tobj *)page_private(new));
	EXPECT_TRUE(__PageMovable(new));
	EXPECT_TRUE(page_movable_locked(new));
	EXPECT_EQ(&drv->mapping, page_mapping(new));
	EXPECT_FALSE(PageIsolated(new));
	EXPECT_FALSE(PageLocked(new));
	EXPECT_FALSE(PageLRU(new));

	/* The old page went back to the buddy allocator. */
	EXPECT_EQ(0, page_count(old));
	EXPECT_FALSE(PageIsolated(old));
	EXPECT_EQ(NULL, READ_ONCE(old->mapping));
	EXPECT_TRUE(page_is_free(old));

	EXPECT_EQ(success + 1, sum_vm_event(PGMIGRATE_SUCCESS));
	EXPECT_EQ(fail, sum_vm_event(PGMIGRATE_FAIL));

	/*
	 * Still the driver's movable page: it can move again.  This time a
	 * reference of somebody else's (a pfn walker's, here the test's)
	 * keeps the old page from being freed, so that its state after the
	 * migration can be seen: PG_isolated cleared by the VM, the tag
	 * kept, the address_space gone.
	 */
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	get_page(new);
	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC_LIGHT,
				   MR_COMPACTION));
	EXPECT_NE(new, obj->page);
	EXPECT_EQ(1, page_count(new));
	EXPECT_FALSE(PageIsolated(new));
	EXPECT_FALSE(PageLocked(new));
	EXPECT_EQ((void *)PAGE_MAPPING_MOVABLE, READ_ONCE(new->mapping));
	EXPECT_FALSE(page_movable_locked(new));
	EXPECT_EQ(NULL, page_mapping(new));
	put_page(new);
	EXPECT_TRUE(page_is_free(new));
	EXPECT_TRUE(tdrv_check(obj->page, obj->id));
	EXPECT_FALSE(PageIsolated(obj->page));
	EXPECT_EQ(2, atomic_read(&drv->migrated));
}

/*
 * /sys/kernel/debug/umm/migrated counts each migration under the name
 * its driver registered.  The VM learns the driver from page->mapping
 * before ->migratepage(): once that succeeded, the mapping is the
 * driver's business (this one tears it down when it has moved its last
 * page to a new one), and the count must not depend on it.
 */
TEST_F(umm, movable_migrated_counts_by_driver_without_the_old_mapping)
{
	struct targets t = { 0 };
	long lru, other;
	struct tobj *obj;
	LIST_HEAD(list);
	int i;

	static struct page_kind tdrv_kind = {
		.name = "tdrv", .desc = "test driver", .letter = 'T',
		.colour = "#123456", .movable = true, .a_ops = &tdrv_aops,
	};

	ASSERT_EQ(0, page_kind_register(&tdrv_kind));
	lru = file_value(MIGRATED, "lru");
	other = file_value(MIGRATED, "other");
	ASSERT_LE(0, lru);
	EXPECT_EQ(0, file_value(MIGRATED, "tdrv"));

	for (i = 0; i < 3; i++) {
		obj = tdrv_add();
		ASSERT_NE(NULL, obj);
		ASSERT_TRUE(isolate_obj(obj, &list, 0));
	}
	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_EQ(3, file_value(MIGRATED, "tdrv"));
	for (i = 0; i < 3; i++)
		tdrv_release(&drv->objs[i]);

	/* The last page of the old mapping moves; the mapping goes. */
	obj = tdrv_add();
	ASSERT_NE(NULL, obj);
	drv->retire_mapping = true;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_EQ(&drv->new_mapping, page_mapping(obj->page));
	EXPECT_EQ(NULL, drv->mapping.a_ops);
	EXPECT_EQ(4, atomic_read(&drv->migrated));
	EXPECT_EQ(4, file_value(MIGRATED, "tdrv"));
	EXPECT_EQ(lru, file_value(MIGRATED, "lru"));
	EXPECT_EQ(other, file_value(MIGRATED, "other"));
	EXPECT_TRUE(tdrv_check(obj->page, obj->id));
}

/* Many pages, every mode: all move, all data intact, none left behind. */
TEST_F(umm, movable_migrate_many_pages_in_every_mode)
{
	static const enum migrate_mode modes[] = {
		MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT, MIGRATE_SYNC,
	};
	struct page *old[64];
	struct targets t = { 0 };
	int m, i;

	for (i = 0; i < 64; i++)
		ASSERT_NE(NULL, tdrv_add());
	targets_pool(&t, 3 * 64);
	for (m = 0; m < ARRAY_SIZE(modes); m++) {
		unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
		LIST_HEAD(list);

		for (i = 0; i < 64; i++) {
			old[i] = drv->objs[i].page;
			ASSERT_TRUE(isolate_obj(&drv->objs[i], &list, 0));
		}
		EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
					   (unsigned long)&t, modes[m],
					   MR_COMPACTION));
		EXPECT_EQ(modes[m], drv->last_migrate_mode);
		EXPECT_EQ(success + 64, sum_vm_event(PGMIGRATE_SUCCESS));
		for (i = 0; i < 64; i++) {
			EXPECT_NE(old[i], drv->objs[i].page);
			EXPECT_EQ(0, page_count(old[i]));
			EXPECT_TRUE(page_is_free(old[i]));
			EXPECT_TRUE(tdrv_check(drv->objs[i].page, i));
			EXPECT_EQ(1, page_count(drv->objs[i].page));
		}
	}
	EXPECT_EQ(3 * 64, atomic_read(&drv->migrated));
	EXPECT_EQ(3 * 64, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	targets_release(&t);
}

/* ==== isolate_page() refusing ==== */

TEST_F(umm, movable_isolate_refused_leaves_page_alone)
{
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	trace_start(TRACING "events/migrate/enable");
	drv->refuse_isolate = true;

	EXPECT_FALSE(isolate_obj(obj, &list, 0));
	EXPECT_EQ(1, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(1, page_count(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_FALSE(PageLocked(page));
	EXPECT_FALSE(obj->isolated);
	EXPECT_TRUE(list_empty(&list));
	EXPECT_TRUE(page_movable_locked(page));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(page), "refused"));
	EXPECT_EQ(0, trace_count("result=isolated"));

	/* Refusing is not forever: the next attempt may be taken. */
	drv->refuse_isolate = false;
	EXPECT_TRUE(isolate_obj(obj, &list, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(page), "isolated"));
	putback_movable_pages(&list);
	EXPECT_EQ(1, atomic_read(&drv->putback_calls));
	EXPECT_EQ(1, page_count(page));
}

/* A driver that refuses everything: compaction skips its pages. */
TEST_F(umm, movable_compaction_skips_refused_pages)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	struct page **where;
	int i, n;

	/* Every other page given back: holes for compaction to fill. */
	for (n = 0; n < 4096 && tdrv_add(); n++)
		;
	ASSERT_EQ(4096, n);
	for (i = 0; i < n; i += 2)
		tdrv_release(&drv->objs[i]);
	where = calloc(drv->max, sizeof(*where));
	for (i = 1; i < n; i += 2)
		where[i] = drv->objs[i].page;
	trace_start(TRACING "events/migrate/mm_isolate_movable_page/enable");
	drv->refuse_isolate = true;

	ASSERT_EQ(0, compact_memory());
	printf("# isolate_page() asked %d times\n",
	       atomic_read(&drv->isolate_calls));
	EXPECT_GT(atomic_read(&drv->isolate_calls), 0);
	EXPECT_EQ(atomic_read(&drv->isolate_calls), trace_count("result=refused"));
	EXPECT_EQ(0, trace_count("result=isolated"));
	EXPECT_EQ(0, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(success, sum_vm_event(PGMIGRATE_SUCCESS));
	for (i = 1; i < n; i += 2) {
		EXPECT_EQ(where[i], drv->objs[i].page);
		EXPECT_EQ(1, page_count(where[i]));
		EXPECT_FALSE(PageIsolated(where[i]));
	}
	free(where);
}

/* ==== migratepage() failing ==== */

/*
 * -EAGAIN: busy, ask again.  migrate_pages() makes 10 passes, then leaves
 * the page on the list; the caller's putback_movable_pages() gives it
 * back, and putback_page() runs exactly once.
 */
TEST_F(umm, movable_eagain_is_retried_ten_passes_then_put_back_once)
{
	static const enum migrate_mode modes[] = {
		MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT, MIGRATE_SYNC,
	};
	struct tobj *obj = tdrv_add();
	int m;

	ASSERT_NE(NULL, obj);
	drv->eagain = -1;
	for (m = 0; m < ARRAY_SIZE(modes); m++) {
		unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
		unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
		struct targets t = { 0 };
		struct page *page = obj->page;
		LIST_HEAD(list);

		atomic_set(&drv->migrate_calls, 0);
		atomic_set(&drv->putback_calls, 0);
		ASSERT_TRUE(isolate_obj(obj, &list, 0));
		EXPECT_EQ(1, migrate_pages(&list, alloc_target, NULL,
					   (unsigned long)&t, modes[m],
					   MR_COMPACTION));
		EXPECT_EQ(10, atomic_read(&drv->migrate_calls));
		EXPECT_EQ(0, atomic_read(&drv->putback_calls));
		/* Still ours, still isolated, still on the caller's list. */
		EXPECT_FALSE(list_empty(&list));
		EXPECT_TRUE(PageIsolated(page));
		EXPECT_EQ(2, page_count(page));
		/* One target per pass, each given back unused. */
		EXPECT_EQ(10, t.nr_alloc);
		EXPECT_TRUE(page_is_free(t.last));

		putback_movable_pages(&list);
		EXPECT_TRUE(list_empty(&list));
		EXPECT_EQ(1, atomic_read(&drv->putback_calls));
		EXPECT_EQ(10, atomic_read(&drv->migrate_calls));
		EXPECT_FALSE(PageIsolated(page));
		EXPECT_FALSE(obj->isolated);
		EXPECT_EQ(1, page_count(page));
		EXPECT_EQ(page, obj->page);
		EXPECT_TRUE(tdrv_check(page, obj->id));
		EXPECT_EQ(fail + 1, sum_vm_event(PGMIGRATE_FAIL));
		EXPECT_EQ(success, sum_vm_event(PGMIGRATE_SUCCESS));
	}
}

/* -EAGAIN a few times, then success: retried until it works. */
TEST_F(umm, movable_eagain_then_success_is_migrated)
{
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	struct page *old;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	old = obj->page;
	drv->eagain = 3;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_EQ(4, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(4, t.nr_alloc);
	EXPECT_TRUE(list_empty(&list));
	EXPECT_NE(old, obj->page);
	EXPECT_TRUE(page_is_free(old));
	EXPECT_TRUE(tdrv_check(obj->page, obj->id));
}

/* Any other error is final: no retry, putback right away. */
TEST_F(umm, movable_ebusy_puts_back_without_retry)
{
	static const int errors[] = { -EBUSY, -ENOSPC, -EINVAL };
	struct tobj *obj = tdrv_add();
	int e;

	ASSERT_NE(NULL, obj);
	for (e = 0; e < ARRAY_SIZE(errors); e++) {
		unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
		struct targets t = { 0 };
		struct page *page = obj->page;
		LIST_HEAD(list);

		atomic_set(&drv->migrate_calls, 0);
		atomic_set(&drv->putback_calls, 0);
		drv->error = errors[e];
		ASSERT_TRUE(isolate_obj(obj, &list, 0));
		EXPECT_EQ(1, migrate_pages(&list, alloc_target, NULL,
					   (unsigned long)&t, MIGRATE_SYNC,
					   MR_COMPACTION));
		EXPECT_EQ(1, atomic_read(&drv->migrate_calls));
		EXPECT_EQ(1, atomic_read(&drv->putback_calls));
		EXPECT_EQ(1, t.nr_alloc);
		EXPECT_TRUE(page_is_free(t.last));
		/* migrate_pages() gave it back itself. */
		EXPECT_TRUE(list_empty(&list));
		EXPECT_FALSE(PageIsolated(page));
		EXPECT_EQ(1, page_count(page));
		EXPECT_EQ(page, obj->page);
		EXPECT_FALSE(obj->isolated);
		EXPECT_TRUE(page_movable_locked(page));
		EXPECT_EQ(fail + 1, sum_vm_event(PGMIGRATE_FAIL));
		/* A no from putback_movable_pages(): the list is empty. */
		putback_movable_pages(&list);
		EXPECT_EQ(1, atomic_read(&drv->putback_calls));
	}
}

UMM_TEST_MAIN
