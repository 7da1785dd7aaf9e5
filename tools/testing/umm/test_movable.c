// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_movable.c - the non-LRU movable page contract: the tag
 *
 * White-box tests of every rule of "The movable-page contract"
 * (DESIGN.md, Documentation/vm/page_migration.rst), in test_movable*.c.
 * Here: the page->mapping tag (__SetPageMovable, __PageMovable,
 * PageMovable, __ClearPageMovable, page_mapping), and the contract
 * violations that must BUG. *
 * Every test name contains "movable", so that `make check TESTS=movable`
 * runs all of them; movable_test.h has what the files share.
 */
#include "movable_test.h"

TDRV_FIXTURE

/* ==== the tag: __SetPageMovable, PageMovable, __ClearPageMovable ==== */

TEST_F(umm, movable_tag_set_test_clear_and_page_mapping)
{
	struct tobj *obj = tdrv_add();
	struct page *page;

	ASSERT_NE(NULL, obj);
	page = obj->page;
	EXPECT_EQ((void *)((unsigned long)&drv->mapping | PAGE_MAPPING_MOVABLE),
		  page->mapping);
	/* Tag tests without the lock; PageMovable() with it. */
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(PageAnon(page));
	EXPECT_FALSE(PageKsm(page));
	EXPECT_TRUE(PageMappingFlags(page));
	EXPECT_TRUE(page_movable_locked(page));
	EXPECT_EQ(&drv->mapping, page_mapping(page));
	EXPECT_FALSE(PageLRU(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_EQ(1, page_count(page));

	/*
	 * __ClearPageMovable() forgets the address_space but keeps the tag,
	 * exactly: mapping becomes PAGE_MAPPING_MOVABLE and nothing else.
	 */
	get_page(page);
	tdrv_release(obj);
	EXPECT_EQ((void *)PAGE_MAPPING_MOVABLE, READ_ONCE(page->mapping));
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(page_movable_locked(page));
	EXPECT_EQ(NULL, page_mapping(page));
	EXPECT_EQ(1, page_count(page));

	/* The tag goes when the page is freed. */
	put_page(page);
	EXPECT_EQ(0, page_count(page));
	EXPECT_EQ(NULL, READ_ONCE(page->mapping));
	EXPECT_TRUE(page_is_free(page));
}

/* PageMovable() also wants an address_space whose a_ops can isolate. */
TEST_F(umm, movable_pagemovable_needs_isolate_page_operation)
{
	static const struct address_space_operations no_isolate = {
		.migratepage = tdrv_migratepage,
		.putback_page = tdrv_putback_page,
	};
	struct address_space bare = { .a_ops = NULL };
	struct address_space half = { .a_ops = &no_isolate };
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);

	ASSERT_NE(NULL, page);
	lock_page(page);
	EXPECT_FALSE(PageMovable(page));	/* no tag at all */
	__SetPageMovable(page, &bare);
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(PageMovable(page));
	page->mapping = NULL;
	__SetPageMovable(page, &half);
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(PageMovable(page));
	unlock_page(page);

	/* Not movable under the lock: the VM must not take it. */
	EXPECT_FALSE(isolate_movable_page(page, 0));
	EXPECT_EQ(1, page_count(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_FALSE(PageLocked(page));
	page->mapping = NULL;
	put_page(page);
}

/* The tag is 0x2 alone: 0x1 (anon) and 0x3 (KSM) are not movable pages. */
TEST_F(umm, movable_anon_and_ksm_tags_are_not_movable)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);
	unsigned long as = (unsigned long)&drv->mapping;

	ASSERT_NE(NULL, page);
	page->mapping = (void *)(as | PAGE_MAPPING_ANON);
	EXPECT_FALSE(__PageMovable(page));
	EXPECT_TRUE(PageAnon(page));
	EXPECT_EQ(NULL, page_mapping(page));
	EXPECT_FALSE(isolate_movable_page(page, 0));
	EXPECT_EQ(1, page_count(page));

	page->mapping = (void *)(as | PAGE_MAPPING_KSM);
	EXPECT_FALSE(__PageMovable(page));
	EXPECT_TRUE(PageKsm(page));
	EXPECT_EQ(NULL, page_mapping(page));
	EXPECT_FALSE(isolate_movable_page(page, 0));
	EXPECT_EQ(1, page_count(page));
	EXPECT_EQ(0, atomic_read(&drv->isolate_calls));

	/* A page without any mapping is nothing to the VM either. */
	page->mapping = NULL;
	EXPECT_FALSE(__PageMovable(page));
	EXPECT_EQ(NULL, page_mapping(page));
	EXPECT_FALSE(isolate_movable_page(page, 0));
	EXPECT_EQ(1, page_count(page));
	put_page(page);
}

/* An anonymous page of a workload, on the LRU, is never a movable page. */
TEST_F(umm, movable_anon_lru_page_is_never_movable)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct workload *w;
	unsigned long pfn, tried = 0;

	/* anon_vmas are type-stable: prime their slab before counting. */
	ASSERT_EQ(0, umm_prime_anon_vma_cache());
	self->free_at_boot = umm_free_pages();
	w = workload_start("anon");
	ASSERT_FALSE(IS_ERR(w));
	ASSERT_GE(workload_mmap(w, 64 * PAGE_SIZE), 0);
	ASSERT_EQ(64, workload_fill(w, 0, umm_test_seed));

	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++) {
		struct page *page = pfn_to_page(pfn);
		int count;

		if (!PageLRU(page) || !PageAnon(page))
			continue;
		count = page_count(page);
		EXPECT_FALSE(__PageMovable(page));
		EXPECT_EQ(NULL, page_mapping(page));
		EXPECT_FALSE(isolate_movable_page(page, 0));
		EXPECT_EQ(count, page_count(page));
		EXPECT_TRUE(PageLRU(page));
		EXPECT_FALSE(PageIsolated(page));
		tried++;
	}
	printf("# %lu anonymous LRU pages tried\n", tried);
	EXPECT_EQ(64, tried);
	EXPECT_EQ(0, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(0, workload_stop(w));
}

/* ---- contract violations BUG (the process dies with SIGILL) ---- */

TEST_F_SIGNAL(umm, movable_pagemovable_without_page_lock_bugs, SIGILL)
{
	struct tobj *obj = tdrv_add();

	ASSERT_NE(NULL, obj);
	PageMovable(obj->page);
}

TEST_F_SIGNAL(umm, movable_set_page_movable_without_page_lock_bugs, SIGILL)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);

	ASSERT_NE(NULL, page);
	__SetPageMovable(page, &drv->mapping);
}

TEST_F_SIGNAL(umm, movable_set_page_movable_with_tagged_mapping_bugs, SIGILL)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);
	unsigned long as = (unsigned long)&drv->mapping;

	ASSERT_NE(NULL, page);
	lock_page(page);
	__SetPageMovable(page, (void *)(as | PAGE_MAPPING_MOVABLE));
}

TEST_F_SIGNAL(umm, movable_clear_page_movable_without_page_lock_bugs, SIGILL)
{
	struct tobj *obj = tdrv_add();

	ASSERT_NE(NULL, obj);
	__ClearPageMovable(obj->page);
}

/* A page already released is not the driver's to release again. */
TEST_F_SIGNAL(umm, movable_clear_page_movable_twice_bugs, SIGILL)
{
	struct tobj *obj = tdrv_add();
	struct page *page;

	ASSERT_NE(NULL, obj);
	page = obj->page;
	get_page(page);
	tdrv_release(obj);
	lock_page(page);
	__ClearPageMovable(page);
}

/* putback_movable_page() of a page that is not isolated. */
TEST_F_SIGNAL(umm, movable_putback_of_unisolated_page_bugs, SIGILL)
{
	struct tobj *obj = tdrv_add();

	ASSERT_NE(NULL, obj);
	lock_page(obj->page);
	putback_movable_page(obj->page);
}

/* PG_isolated is the VM's: a driver that clears it BUGs at migration. */
TEST_F_SIGNAL(umm, movable_driver_clearing_pg_isolated_bugs, SIGILL)
{
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	drv->clear_isolated = true;
	migrate_pages(&list, alloc_target, NULL, (unsigned long)&t,
		      MIGRATE_SYNC, MR_COMPACTION);
}

/* ... and one that sets it in isolate_page() gets a warning. */
TEST_F(umm, movable_driver_setting_pg_isolated_warns)
{
	struct tobj *obj = tdrv_add();
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	drv->set_isolated = true;
	EXPECT_EQ(0, get_taint());
	EXPECT_TRUE(isolate_obj(obj, &list, 0));
	EXPECT_NE(0, get_taint());
	self->expect_taint = true;
	EXPECT_TRUE(PageIsolated(obj->page));
	putback_movable_pages(&list);
	EXPECT_FALSE(PageIsolated(obj->page));
	EXPECT_EQ(1, page_count(obj->page));
}

UMM_TEST_MAIN
