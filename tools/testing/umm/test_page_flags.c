// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_page_flags.c - page flags, page types and the
 * page->mapping tag bits
 *
 * Every generated accessor changes exactly its own bit; PG_isolated is
 * PG_reclaim; the PAGE_MAPPING_* helpers read the tag the way the movable
 * page contract needs.
 */
#include "umm_test.h"

#include <linux/page-flags.h>
#include <linux/pagemap.h>
#include <linux/fs.h>

FIXTURE_VARIANT_ADD(umm, small) {
	.params = "mem=64M",
};

UMM_FIXTURE_SETUP

static struct page *get_test_page(void)
{
	return alloc_page(GFP_KERNEL);
}

/* Flags of the page other than the zone bits. */
static unsigned long pflags(struct page *page)
{
	return page->flags & ((1UL << NR_PAGEFLAGS) - 1);
}

#define CHECK_PAGEFLAG(uname, lname) do {				\
	unsigned long before = pflags(page);				\
	ASSERT_FALSE(Page##uname(page));				\
	SetPage##uname(page);						\
	EXPECT_TRUE(Page##uname(page));					\
	EXPECT_EQ(before | (1UL << PG_##lname), pflags(page));		\
	ClearPage##uname(page);						\
	EXPECT_FALSE(Page##uname(page));				\
	EXPECT_EQ(before, pflags(page));				\
} while (0)

#define CHECK___PAGEFLAG(uname, lname) do {				\
	unsigned long before = pflags(page);				\
	__SetPage##uname(page);						\
	EXPECT_TRUE(Page##uname(page));					\
	EXPECT_EQ(before | (1UL << PG_##lname), pflags(page));		\
	__ClearPage##uname(page);					\
	EXPECT_FALSE(Page##uname(page));				\
	EXPECT_EQ(before, pflags(page));				\
} while (0)

#define CHECK_TESTSC(uname) do {					\
	EXPECT_FALSE(TestSetPage##uname(page));				\
	EXPECT_TRUE(TestSetPage##uname(page));				\
	EXPECT_TRUE(TestClearPage##uname(page));			\
	EXPECT_FALSE(TestClearPage##uname(page));			\
} while (0)

TEST_F(umm, every_pageflag_accessor_touches_only_its_bit)
{
	struct page *page = get_test_page();

	ASSERT_NE(NULL, page);
	CHECK_PAGEFLAG(Error, error);
	CHECK_PAGEFLAG(Referenced, referenced);
	CHECK_PAGEFLAG(Uptodate, uptodate);
	CHECK_PAGEFLAG(Dirty, dirty);
	CHECK_PAGEFLAG(LRU, lru);
	CHECK_PAGEFLAG(Active, active);
	CHECK_PAGEFLAG(Checked, checked);
	CHECK_PAGEFLAG(Reserved, reserved);
	CHECK_PAGEFLAG(SwapBacked, swapbacked);
	CHECK_PAGEFLAG(Private, private);
	CHECK_PAGEFLAG(Private2, private_2);
	CHECK_PAGEFLAG(OwnerPriv1, owner_priv_1);
	CHECK_PAGEFLAG(Writeback, writeback);
	CHECK_PAGEFLAG(MappedToDisk, mappedtodisk);
	CHECK_PAGEFLAG(Reclaim, reclaim);
	CHECK_PAGEFLAG(SwapCache, swapcache);
	CHECK_PAGEFLAG(Unevictable, unevictable);
	CHECK_PAGEFLAG(Mlocked, mlocked);

	CHECK___PAGEFLAG(Locked, locked);
	CHECK___PAGEFLAG(Slab, slab);
	CHECK___PAGEFLAG(Isolated, isolated);
	CHECK___PAGEFLAG(Reserved, reserved);
	CHECK___PAGEFLAG(SwapBacked, swapbacked);
	CHECK___PAGEFLAG(Private, private);
	/* One-sided non-atomic accessors. */
	__SetPageReferenced(page);
	EXPECT_EQ(1UL << PG_referenced, pflags(page));
	ClearPageReferenced(page);
	SetPageMlocked(page);
	__ClearPageMlocked(page);
	SetPageDirty(page);
	__ClearPageDirty(page);
	SetPageLRU(page);
	__ClearPageLRU(page);
	SetPageActive(page);
	__ClearPageActive(page);
	SetPageUnevictable(page);
	__ClearPageUnevictable(page);
	__SetPageUptodate(page);
	EXPECT_EQ(1UL << PG_uptodate, pflags(page));
	ClearPageUptodate(page);
	EXPECT_EQ(0, pflags(page));

	CHECK_TESTSC(Dirty);
	CHECK_TESTSC(Private2);
	CHECK_TESTSC(Writeback);
	CHECK_TESTSC(Mlocked);
	EXPECT_FALSE(TestClearPageLRU(page));
	SetPageLRU(page);
	EXPECT_TRUE(TestClearPageLRU(page));
	SetPageReferenced(page);
	EXPECT_TRUE(TestClearPageReferenced(page));
	SetPageReclaim(page);
	EXPECT_TRUE(TestClearPageReclaim(page));
	SetPageError(page);
	EXPECT_TRUE(TestClearPageError(page));
	SetPageUnevictable(page);
	EXPECT_TRUE(TestClearPageUnevictable(page));
	SetPageActive(page);
	EXPECT_TRUE(TestClearPageActive(page));

	EXPECT_EQ(0, pflags(page));
	/* The zone number in the top bits was never touched. */
	EXPECT_EQ(ZONE_NORMAL, page_zonenum(page));
	__free_page(page);
}

TEST_F(umm, pg_isolated_is_pg_reclaim)
{
	struct page *page = get_test_page();

	ASSERT_NE(NULL, page);
	EXPECT_EQ(PG_reclaim, PG_isolated);
	__SetPageIsolated(page);
	EXPECT_TRUE(PageReclaim(page));
	__ClearPageIsolated(page);
	SetPageReclaim(page);
	EXPECT_TRUE(PageIsolated(page));
	ClearPageReclaim(page);
	__free_page(page);
}

TEST_F(umm, page_types_live_in_mapcount)
{
	struct page *page = get_test_page();

	ASSERT_NE(NULL, page);
	EXPECT_EQ(-1, atomic_read(&page->_mapcount));
	EXPECT_FALSE(PageBuddy(page));
	EXPECT_FALSE(PageBalloon(page));
	__SetPageBalloon(page);
	EXPECT_TRUE(PageBalloon(page));
	EXPECT_FALSE(PageBuddy(page));
	EXPECT_EQ(PAGE_BALLOON_MAPCOUNT_VALUE, atomic_read(&page->_mapcount));
	__ClearPageBalloon(page);
	EXPECT_EQ(-1, atomic_read(&page->_mapcount));
	__SetPageTable(page);
	EXPECT_TRUE(PageTable(page));
	__ClearPageTable(page);
	EXPECT_FALSE(PageTable(page));
	__free_page(page);
}

/* A page type can only be set on a page without one: VM_BUG_ON_PAGE. */
TEST_F_SIGNAL(umm, page_type_twice_is_a_bug, SIGILL)
{
	struct page *page = get_test_page();

	__SetPageBalloon(page);
	__SetPageTable(page);
}

TEST_F(umm, free_page_is_buddy_and_allocated_page_is_not)
{
	struct page *page = get_test_page();
	unsigned int order;
	unsigned long pfn;
	bool found = false;

	ASSERT_NE(NULL, page);
	pfn = page_to_pfn(page);
	EXPECT_FALSE(PageBuddy(page));
	EXPECT_EQ(1, page_count(page));
	__free_page(page);
	drain_all_pages(NULL);
	/* Merged into some larger free block: its head is PageBuddy. */
	page = pfn_to_page(pfn);
	EXPECT_EQ(0, page_count(page));
	for (order = 0; order < MAX_ORDER && !found; order++) {
		struct page *head = pfn_to_page(pfn & ~((1UL << order) - 1));

		found = PageBuddy(head) && page_private(head) >= order;
	}
	EXPECT_TRUE(found);
}

/* A fake address_space, aligned as the real ones are. */
static struct address_space fake_mapping;

TEST_F(umm, mapping_tag_helpers)
{
	struct page *page = get_test_page();
	unsigned long as = (unsigned long)&fake_mapping;

	ASSERT_NE(NULL, page);
	ASSERT_EQ(0, as & PAGE_MAPPING_FLAGS);

	/* No mapping. */
	EXPECT_FALSE(PageAnon(page));
	EXPECT_FALSE(__PageMovable(page));
	EXPECT_FALSE(PageMappingFlags(page));
	EXPECT_EQ(NULL, page_mapping(page));

	/* A plain (page cache) mapping. */
	page->mapping = &fake_mapping;
	EXPECT_FALSE(PageAnon(page));
	EXPECT_FALSE(__PageMovable(page));
	EXPECT_FALSE(PageMappingFlags(page));
	EXPECT_EQ(&fake_mapping, page_mapping(page));

	/* Anonymous: never movable, and page_mapping() hides the anon_vma. */
	page->mapping = (void *)(as | PAGE_MAPPING_ANON);
	EXPECT_TRUE(PageAnon(page));
	EXPECT_FALSE(__PageMovable(page));
	EXPECT_TRUE(PageMappingFlags(page));
	EXPECT_FALSE(PageKsm(page));
	EXPECT_EQ(NULL, page_mapping(page));

	/* Non-LRU movable: the tag is stripped by page_mapping(). */
	page->mapping = (void *)(as | PAGE_MAPPING_MOVABLE);
	EXPECT_FALSE(PageAnon(page));
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_TRUE(PageMappingFlags(page));
	EXPECT_EQ(&fake_mapping, page_mapping(page));

	/* What __ClearPageMovable() leaves: the tag without an address_space. */
	page->mapping = (void *)PAGE_MAPPING_MOVABLE;
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_TRUE(PageMappingFlags(page));
	EXPECT_EQ(NULL, page_mapping(page));

	/* Both bits: KSM, which is anon, not movable. */
	page->mapping = (void *)(as | PAGE_MAPPING_KSM);
	EXPECT_TRUE(PageKsm(page));
	EXPECT_TRUE(PageAnon(page));
	EXPECT_FALSE(__PageMovable(page));

	/* Freeing clears a mapping that only carries type bits. */
	page->mapping = (void *)PAGE_MAPPING_MOVABLE;
	__free_page(page);
	EXPECT_EQ(NULL, page->mapping);
}

/* A page freed with a real mapping left is a bad page: reported, leaked. */
TEST_F(umm, bad_page_is_reported_and_leaked)
{
	struct page *page = get_test_page();

	ASSERT_NE(NULL, page);
	page->mapping = &fake_mapping;
	__free_page(page);
	EXPECT_TRUE(get_taint() & (1UL << TAINT_BAD_PAGE));
	self->expect_taint = true;
	self->expect_leak = true;
}

TEST_F(umm, page_lock_and_trylock)
{
	struct page *page = get_test_page();

	ASSERT_NE(NULL, page);
	EXPECT_TRUE(trylock_page(page));
	EXPECT_FALSE(trylock_page(page));
	EXPECT_TRUE(PageLocked(page));
	unlock_page(page);
	EXPECT_FALSE(PageLocked(page));
	lock_page(page);
	EXPECT_TRUE(PageLocked(page));
	unlock_page(page);
	__free_page(page);
}

/* Freeing a locked page is a bad page (PG_locked is checked at free). */
TEST_F(umm, freeing_a_locked_page_is_bad)
{
	struct page *page = get_test_page();

	ASSERT_NE(NULL, page);
	lock_page(page);
	__free_page(page);
	EXPECT_TRUE(get_taint() & (1UL << TAINT_BAD_PAGE));
	self->expect_taint = true;
	self->expect_leak = true;
}

UMM_TEST_MAIN
