// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_movable_released.c - movable pages released while isolated
 *
 * The four places where the VM notices a page its driver released while
 * the VM had it isolated (unmap_and_move() before it starts and on its
 * failure path, move_to_new_page(), putback_movable_pages()): such a
 * page is freed, not migrated.
 *
 * Every test name contains "movable", so that `make check TESTS=movable`
 * runs all of them; movable_test.h has what the files share.
 */
#include "movable_test.h"

TDRV_FIXTURE

/* ==== the driver releases a page while the VM has it isolated ==== */

/*
 * After the release the VM sees the tag without an address_space; the
 * page's only reference is the isolation one, so unmap_and_move() frees
 * it at once (its page_count() == 1 path), without a single callback.
 */
TEST_F(umm, movable_released_while_isolated_is_freed_by_unmap_and_move)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	tdrv_release(obj);

	/* What the VM can see: tag kept, address_space gone. */
	EXPECT_EQ((void *)PAGE_MAPPING_MOVABLE, READ_ONCE(page->mapping));
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(page_movable_locked(page));
	EXPECT_EQ(NULL, page_mapping(page));
	EXPECT_TRUE(PageIsolated(page));
	EXPECT_EQ(1, page_count(page));

	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(0, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	/* Freed exactly once, and the unused target too. */
	EXPECT_EQ(0, page_count(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_TRUE(page_is_free(page));
	EXPECT_EQ(1, t.nr_alloc);
	EXPECT_TRUE(page_is_free(t.last));
	EXPECT_EQ(success + 1, sum_vm_event(PGMIGRATE_SUCCESS));
}

/*
 * Released after unmap_and_move() counted the references: someone else
 * (a scanner's speculative get_page_unless_zero(), here the test) holds
 * one more, so the count check passes and move_to_new_page() is where
 * the VM notices (!PageMovable under the page lock).
 */
TEST_F(umm, movable_released_after_count_check_is_noticed_by_move_to_new_page)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	get_page(page);
	tdrv_release(obj);
	EXPECT_EQ(2, page_count(page));

	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(0, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(success + 1, sum_vm_event(PGMIGRATE_SUCCESS));
	/* The isolation reference is gone, PG_isolated too; the tag stays. */
	EXPECT_EQ(1, page_count(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(PageLocked(page));
	/* The target was not used, and is free again. */
	EXPECT_EQ(1, t.nr_alloc);
	EXPECT_EQ(0, page_count(t.last));
	EXPECT_TRUE(page_is_free(t.last));

	put_page(page);
	EXPECT_TRUE(page_is_free(page));
}

/* Released, then migration never happens: putback_movable_pages() frees. */
TEST_F(umm, movable_released_while_isolated_is_freed_by_putback)
{
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	tdrv_release(obj);
	putback_movable_pages(&list);
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(0, page_count(page));
	EXPECT_TRUE(page_is_free(page));
}

/* Same, with a reference held so that the page's state can be seen. */
TEST_F(umm, movable_released_while_isolated_putback_clears_isolated)
{
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	get_page(page);
	tdrv_release(obj);
	putback_movable_pages(&list);
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(1, page_count(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_FALSE(PageLocked(page));
	EXPECT_EQ((void *)PAGE_MAPPING_MOVABLE, READ_ONCE(page->mapping));
	put_page(page);
	EXPECT_TRUE(page_is_free(page));
}

/*
 * The driver lets go of the page inside migratepage() (it holds the
 * lock there) and fails: a final error sends the page to putback, which
 * must see the release and free the page without calling putback_page().
 */
TEST_F(umm, movable_released_inside_migratepage_then_error_is_freed)
{
	unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	drv->release_in_migratepage = true;
	drv->error = -EBUSY;
	EXPECT_EQ(1, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(1, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(0, page_count(page));
	EXPECT_TRUE(page_is_free(page));
	EXPECT_TRUE(page_is_free(t.last));
	EXPECT_EQ(fail + 1, sum_vm_event(PGMIGRATE_FAIL));
}

/*
 * ... or says -EAGAIN: on the next pass only the isolation reference is
 * left (page_count() == 1), and the page is freed with no more calls.
 */
TEST_F(umm, movable_released_inside_migratepage_then_eagain_is_freed)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	drv->release_in_migratepage = true;
	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(1, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(2, t.nr_alloc);
	EXPECT_EQ(0, page_count(page));
	EXPECT_TRUE(page_is_free(page));
	EXPECT_EQ(success + 1, sum_vm_event(PGMIGRATE_SUCCESS));
}

/*
 * The driver releases pages while compaction has them isolated: here from
 * inside migratepage() of the pages compaction takes, in a full
 * compact_memory pass.  Every released page is freed, nothing is put back
 * to the driver, nothing leaks (the fixture counts).
 */
TEST_F(umm, movable_released_during_compaction_are_all_freed)
{
	int i, n, released = 0;

	for (n = 0; n < 2048 && tdrv_add(); n++)
		;
	ASSERT_EQ(2048, n);
	for (i = 0; i < n; i += 2)
		tdrv_release(&drv->objs[i]);
	drv->release_in_migratepage = true;
	ASSERT_EQ(0, compact_memory());
	for (i = 1; i < n; i += 2) {
		if (!drv->objs[i].page) {
			released++;
			continue;
		}
		EXPECT_FALSE(PageIsolated(drv->objs[i].page));
		EXPECT_EQ(1, page_count(drv->objs[i].page));
	}
	printf("# %d pages released inside migratepage()\n", released);
	EXPECT_GT(released, 0);
	EXPECT_EQ(released, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
}

UMM_TEST_MAIN
