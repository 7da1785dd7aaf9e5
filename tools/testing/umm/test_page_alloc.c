// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_page_alloc.c - the buddy allocator
 *
 * Split and merge, free page accounting, the 4.8 fallback rules and
 * pageblock ownership, watermarks, zones and per-cpu lists.
 */
#include <stdio.h>
#include <stdlib.h>

#include "umm_test.h"

#include <linux/random.h>
#include <linux/page-flags.h>
#include "../../../mm/internal.h"

FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

FIXTURE_VARIANT_ADD(umm, mem128m_movablecore) {
	.params = "mem=128M movablecore=32M",
};

UMM_FIXTURE_SETUP

/* Snapshot of nr_free per order, for comparing states. */
struct free_snapshot {
	unsigned long nr[MAX_NR_ZONES][MAX_ORDER];
};

static void snapshot(struct free_snapshot *s)
{
	int z;
	unsigned int o;

	drain_all_pages(NULL);
	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < MAX_ORDER; o++)
			s->nr[z][o] = UMM_ZONE(z)->free_area[o].nr_free;
}

static bool same_snapshot(struct free_snapshot *a, struct free_snapshot *b)
{
	return !memcmp(a, b, sizeof(*a));
}

TEST_F(umm, boot_state_is_consistent)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	unsigned long managed = 0;
	struct zone *z;

	for_each_populated_zone(z)
		managed += zone_managed_pages(z);
	EXPECT_EQ(totalram_pages, managed);
	/* Boot memory (mem_map...) is reserved; the rest is free. */
	EXPECT_LT(self->free_at_boot, max_pfn);
	EXPECT_GT(self->free_at_boot, max_pfn * 9 / 10);
	EXPECT_TRUE(PageReserved(pfn_to_page(0)));
	EXPECT_LE(sizeof(struct page), 64);
	/* At boot, memory is in large blocks. */
	EXPECT_GT(zone->free_area[MAX_ORDER - 1].nr_free, 0);
	/* Watermarks are ordered. */
	EXPECT_LT(min_wmark_pages(zone), low_wmark_pages(zone));
	EXPECT_LT(low_wmark_pages(zone), high_wmark_pages(zone));
}

TEST_F(umm, every_order_is_aligned_and_distinct)
{
	struct page *pages[MAX_ORDER];
	struct free_snapshot before, after;
	unsigned int order;

	snapshot(&before);
	for (order = 0; order < MAX_ORDER; order++) {
		pages[order] = alloc_pages(GFP_KERNEL, order);
		ASSERT_NE(NULL, pages[order]);
		EXPECT_EQ(0, page_to_pfn(pages[order]) & ((1UL << order) - 1));
		EXPECT_EQ(1, page_count(pages[order]));
		EXPECT_FALSE(PageBuddy(pages[order]));
	}
	/* No two blocks overlap. */
	for (order = 0; order < MAX_ORDER; order++) {
		unsigned int o2;

		for (o2 = order + 1; o2 < MAX_ORDER; o2++) {
			unsigned long a = page_to_pfn(pages[order]);
			unsigned long b = page_to_pfn(pages[o2]);

			EXPECT_TRUE(a + (1UL << order) <= b || b + (1UL << o2) <= a);
		}
	}
	for (order = 0; order < MAX_ORDER; order++)
		__free_pages(pages[order], order);
	snapshot(&after);
	/* Everything merged back exactly: the same block counts per order. */
	EXPECT_TRUE(same_snapshot(&before, &after));
}

TEST_F(umm, split_then_merge_restores_the_free_lists)
{
	struct free_snapshot before, after;
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct page *block, *p;
	unsigned long pfn;
	unsigned int o;
	int i;

	snapshot(&before);
	/* Take one order-10 block, give it back page by page. */
	block = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	ASSERT_NE(NULL, block);
	pfn = page_to_pfn(block);
	/* Turn it into 1024 order-0 pages each with its own reference. */
	for (i = 1; i < MAX_ORDER_NR_PAGES; i++)
		set_page_refcounted(block + i);
	/* Free all but the last: no merge can complete the block yet. */
	for (i = 0; i < MAX_ORDER_NR_PAGES - 1; i++)
		__free_page(block + i);
	drain_all_pages(NULL);
	p = pfn_to_page(pfn + MAX_ORDER_NR_PAGES - 1);
	EXPECT_FALSE(PageBuddy(pfn_to_page(pfn)) &&
		     page_private(pfn_to_page(pfn)) == MAX_ORDER - 1);
	/* The freed pages merged into one block of each order 0..9. */
	for (o = 0; o < MAX_ORDER - 1; o++) {
		struct page *head = pfn_to_page(pfn + MAX_ORDER_NR_PAGES -
						(2UL << o));

		EXPECT_TRUE(PageBuddy(head));
		EXPECT_EQ(o, page_private(head));
	}
	__free_page(p);
	snapshot(&after);
	EXPECT_TRUE(same_snapshot(&before, &after));
	EXPECT_TRUE(PageBuddy(pfn_to_page(pfn)));
	EXPECT_EQ(MAX_ORDER - 1, page_private(pfn_to_page(pfn)));
	(void)zone;
}

/* Random allocations and frees; the books must balance at every step. */
TEST_F(umm, random_workload_keeps_accounting)
{
	struct rnd_state rnd;
	struct page *held[512] = { NULL };
	unsigned int orders[512];
	int step;

	prandom_seed_state(&rnd, umm_test_seed);
	for (step = 0; step < 20000; step++) {
		int slot = prandom_u32_state_max(&rnd, 512);

		if (held[slot]) {
			__free_pages(held[slot], orders[slot]);
			held[slot] = NULL;
		} else {
			static const gfp_t gfps[] = {
				GFP_KERNEL, GFP_HIGHUSER_MOVABLE,
				GFP_KERNEL | __GFP_RECLAIMABLE,
			};

			orders[slot] = prandom_u32_state_max(&rnd, 6);
			held[slot] = alloc_pages(gfps[prandom_u32_state_max(&rnd, 3)] |
						 __GFP_NOWARN, orders[slot]);
		}
		if (step % 2000 == 0)
			ASSERT_EQ(0, check_zones());
	}
	for (step = 0; step < 512; step++)
		if (held[step])
			__free_pages(held[step], orders[step]);
}

/* The first unmovable page on a fresh system claims a whole pageblock. */
TEST_F(umm, unmovable_allocation_claims_a_pageblock)
{
	struct page *page;

	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	EXPECT_EQ(MIGRATE_UNMOVABLE, get_pageblock_migratetype(page));
	__free_page(page);
}

/*
 * Exhaust memory with order-0 pages so that the fallback rules can be
 * observed on a hand-made pageblock.  Watermarks are lowered first.
 */
struct exhausted {
	struct page **pages;
	unsigned long nr;
	unsigned long max;
};

/*
 * Take every free page, including those the fallback rules hand over and
 * those that per-cpu lists of other types held: afterwards no list of
 * any type has a page.
 */
static void exhaust(struct exhausted *ex, gfp_t gfp)
{
	struct page *page;
	unsigned long before;

	ex->max = max_pfn;
	ex->pages = calloc(ex->max, sizeof(*ex->pages));
	ex->nr = 0;
	do {
		before = ex->nr;
		drain_all_pages(NULL);
		while ((page = alloc_page(gfp | __GFP_NOWARN | __GFP_NORETRY)))
			ex->pages[ex->nr++] = page;
	} while (ex->nr != before);
}

static void release(struct exhausted *ex)
{
	unsigned long i;

	for (i = 0; i < ex->nr; i++)
		if (ex->pages[i])
			__free_page(ex->pages[i]);
	free(ex->pages);
}

/* Find a pageblock all of whose pages are in @ex; return its first pfn. */
static long find_owned_block(struct exhausted *ex, struct zone *zone)
{
	unsigned char *owned = calloc(max_pfn, 1);
	unsigned long i, pfn;
	long found = -1;

	for (i = 0; i < ex->nr; i++)
		owned[page_to_pfn(ex->pages[i])] = 1;
	for (pfn = round_up(zone->zone_start_pfn, pageblock_nr_pages);
	     pfn + pageblock_nr_pages <= zone_end_pfn(zone) && found < 0;
	     pfn += pageblock_nr_pages) {
		unsigned long j;

		for (j = 0; j < pageblock_nr_pages && owned[pfn + j]; j++)
			;
		if (j == pageblock_nr_pages)
			found = pfn;
	}
	free(owned);
	return found;
}

/* Free the pages of [pfn, pfn + nr) that are in @ex. */
static void release_range(struct exhausted *ex, unsigned long pfn,
			  unsigned long nr, unsigned long stride)
{
	unsigned long i;

	for (i = 0; i < ex->nr; i++) {
		unsigned long p;

		if (!ex->pages[i])
			continue;
		p = page_to_pfn(ex->pages[i]);
		if (p >= pfn && p < pfn + nr && (p - pfn) % stride == 0) {
			__free_page(ex->pages[i]);
			ex->pages[i] = NULL;
		}
	}
	drain_all_pages(NULL);
}

static unsigned long free_pages_of_type(struct zone *zone, int mt)
{
	unsigned long n = 0;
	unsigned int o;

	for (o = 0; o < MAX_ORDER; o++)
		n += nr_free_blocks(zone, o, mt) << o;
	return n;
}

/*
 * A movable allocation that finds only order-0 pages of another type
 * takes them one by one and leaves the pageblock's type alone.
 */
TEST_F(umm, movable_fallback_small_takes_pages_only)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct exhausted ex;
	struct page *page;
	long block;

	if (populated_zone(UMM_ZONE(ZONE_MOVABLE)))
		SKIP(return, "needs a single zone");
	lower_watermarks();
	exhaust(&ex, GFP_HIGHUSER_MOVABLE);
	ASSERT_EQ(0, zone_page_state(zone, NR_FREE_PAGES));
	block = find_owned_block(&ex, zone);
	ASSERT_GE(block, 0);
	/* An unmovable block with every other page free: order-0 holes. */
	set_pageblock_migratetype(pfn_to_page(block), MIGRATE_UNMOVABLE);
	release_range(&ex, block, pageblock_nr_pages, 2);
	ASSERT_EQ(pageblock_nr_pages / 2, nr_free_blocks(zone, 0, MIGRATE_UNMOVABLE));
	ASSERT_EQ(0, free_pages_of_type(zone, MIGRATE_MOVABLE));

	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN);
	ASSERT_NE(NULL, page);
	EXPECT_GE(page_to_pfn(page), block);
	EXPECT_LT(page_to_pfn(page), block + pageblock_nr_pages);
	/* Order 0 < pageblock_order / 2: nothing stolen, nothing claimed. */
	EXPECT_EQ(MIGRATE_UNMOVABLE, get_pageblock_migratetype(page));
	EXPECT_EQ(0, free_pages_of_type(zone, MIGRATE_MOVABLE));
	ex.pages[ex.nr++] = page;
	release(&ex);
}

/*
 * A movable allocation that finds a block of at least pageblock_order/2
 * in another type's pageblock steals that pageblock's free pages; it
 * claims the pageblock only when at least half of it was free.
 */
TEST_F(umm, movable_fallback_large_steals_and_claims_when_half_free)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct exhausted ex;
	struct page *page;
	long block;

	if (populated_zone(UMM_ZONE(ZONE_MOVABLE)))
		SKIP(return, "needs a single zone");
	lower_watermarks();
	exhaust(&ex, GFP_HIGHUSER_MOVABLE);
	ASSERT_EQ(0, zone_page_state(zone, NR_FREE_PAGES));
	block = find_owned_block(&ex, zone);
	ASSERT_GE(block, 0);

	/* 32 free pages, one order-5 block: steal them but not the block. */
	set_pageblock_migratetype(pfn_to_page(block), MIGRATE_UNMOVABLE);
	release_range(&ex, block, 32, 1);
	ASSERT_EQ(1, nr_free_blocks(zone, 5, MIGRATE_UNMOVABLE));
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN);
	ASSERT_NE(NULL, page);
	ex.pages[ex.nr++] = page;
	EXPECT_LT(page_to_pfn(page) - block, 32);
	EXPECT_EQ(MIGRATE_UNMOVABLE, get_pageblock_migratetype(page));
	drain_all_pages(NULL);
	EXPECT_EQ(31, free_pages_of_type(zone, MIGRATE_MOVABLE));
	EXPECT_EQ(0, free_pages_of_type(zone, MIGRATE_UNMOVABLE));

	/* Use those up, then free half the block: now it changes hands. */
	while (free_pages_of_type(zone, MIGRATE_MOVABLE)) {
		page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN);
		ASSERT_NE(NULL, page);
		ex.pages[ex.nr++] = page;
		drain_all_pages(NULL);
	}
	release_range(&ex, block + 256, 256, 1);
	ASSERT_EQ(1, nr_free_blocks(zone, 8, MIGRATE_UNMOVABLE));
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN);
	ASSERT_NE(NULL, page);
	ex.pages[ex.nr++] = page;
	EXPECT_GE(page_to_pfn(page), block + 256);
	EXPECT_EQ(MIGRATE_MOVABLE, get_pageblock_migratetype(page));
	release(&ex);
}

/* Unmovable requests steal whatever they find, to keep to few blocks. */
TEST_F(umm, unmovable_fallback_steals_even_small_blocks)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct exhausted ex;
	struct page *page;
	long block;

	if (populated_zone(UMM_ZONE(ZONE_MOVABLE)))
		SKIP(return, "needs a single zone");
	lower_watermarks();
	exhaust(&ex, GFP_HIGHUSER_MOVABLE);
	block = find_owned_block(&ex, zone);
	ASSERT_GE(block, 0);
	/* Every other page of a movable block free: half of it, in order-0 holes. */
	release_range(&ex, block, pageblock_nr_pages, 2);
	ASSERT_EQ(0, free_pages_of_type(zone, MIGRATE_UNMOVABLE));
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	ASSERT_NE(NULL, page);
	ex.pages[ex.nr++] = page;
	EXPECT_EQ(MIGRATE_UNMOVABLE, get_pageblock_migratetype(page));
	release(&ex);
}

TEST_F(umm, watermark_checks)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	unsigned long free = zone_page_state(zone, NR_FREE_PAGES);
	unsigned long mark = low_wmark_pages(zone);
	long reserve = zone->lowmem_reserve[ZONE_NORMAL];

	EXPECT_EQ(0, reserve);
	/* Order 0: only the count matters. */
	EXPECT_TRUE(__zone_watermark_ok(zone, 0, mark, ZONE_NORMAL, 0, mark + 1));
	EXPECT_FALSE(__zone_watermark_ok(zone, 0, mark, ZONE_NORMAL, 0, mark));
	/* ALLOC_HIGH lowers the mark by half, ALLOC_HARDER by a quarter. */
	EXPECT_TRUE(__zone_watermark_ok(zone, 0, 100, ZONE_NORMAL, ALLOC_HIGH, 51));
	EXPECT_FALSE(__zone_watermark_ok(zone, 0, 100, ZONE_NORMAL, ALLOC_HIGH, 50));
	EXPECT_TRUE(__zone_watermark_ok(zone, 0, 100, ZONE_NORMAL, ALLOC_HARDER, 76));
	EXPECT_FALSE(__zone_watermark_ok(zone, 0, 100, ZONE_NORMAL, ALLOC_HARDER, 75));
	/* Higher orders subtract the request and need a big enough block. */
	EXPECT_TRUE(zone_watermark_ok(zone, MAX_ORDER - 1, mark, ZONE_NORMAL, 0));
	EXPECT_FALSE(__zone_watermark_ok(zone, 3, mark, ZONE_NORMAL, 0, mark + 7));
	EXPECT_TRUE(__zone_watermark_ok(zone, 3, mark, ZONE_NORMAL, 0, mark + 8));
	(void)free;
}

/* With every block of order >= 3 gone, an order-3 check fails even with plenty free. */
TEST_F(umm, watermark_needs_a_block_of_the_order)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct page *blocks[4096];
	unsigned long n = 0, free;
	unsigned int o;

	if (populated_zone(UMM_ZONE(ZONE_MOVABLE)))
		SKIP(return, "needs a single zone");
	lower_watermarks();
	/* Take every block of order >= 3 as order-3 allocations. */
	while (n < ARRAY_SIZE(blocks)) {
		bool left = false;

		for (o = 3; o < MAX_ORDER; o++)
			left |= zone->free_area[o].nr_free != 0;
		if (!left)
			break;
		blocks[n] = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 3);
		if (!blocks[n])
			break;
		n++;
	}
	free = zone_page_state(zone, NR_FREE_PAGES);
	EXPECT_FALSE(zone_watermark_ok(zone, 3, 0, ZONE_NORMAL, 0));
	EXPECT_EQ(NULL, alloc_pages(GFP_KERNEL | __GFP_NOWARN, 3));
	/* Order 0 still works from what is left. */
	EXPECT_TRUE(free == 0 || zone_watermark_ok(zone, 0, 0, ZONE_NORMAL, 0));
	while (n)
		__free_pages(blocks[--n], 3);
}

TEST_F(umm, zones_and_gfp)
{
	struct zone *movable = UMM_ZONE(ZONE_MOVABLE);
	struct page *k, *m, *mo;

	k = alloc_page(GFP_KERNEL);
	m = alloc_page(GFP_HIGHUSER_MOVABLE);
	mo = alloc_page(GFP_KERNEL | __GFP_MOVABLE);
	ASSERT_NE(NULL, k);
	ASSERT_NE(NULL, m);
	ASSERT_NE(NULL, mo);
	EXPECT_EQ(ZONE_NORMAL, page_zonenum(k));
	/* __GFP_MOVABLE alone does not qualify for ZONE_MOVABLE. */
	EXPECT_EQ(ZONE_NORMAL, page_zonenum(mo));
	if (populated_zone(movable)) {
		EXPECT_EQ(ZONE_MOVABLE, page_zonenum(m));
		EXPECT_EQ(zone_managed_pages(movable) /
			  sysctl_lowmem_reserve_ratio[ZONE_NORMAL],
			  UMM_ZONE(ZONE_NORMAL)->lowmem_reserve[ZONE_MOVABLE]);
	} else {
		EXPECT_EQ(ZONE_NORMAL, page_zonenum(m));
	}
	EXPECT_EQ(ZONE_MOVABLE, gfp_zone(GFP_HIGHUSER_MOVABLE));
	EXPECT_EQ(ZONE_NORMAL, gfp_zone(GFP_KERNEL | __GFP_MOVABLE));
	EXPECT_EQ(MIGRATE_MOVABLE, gfpflags_to_migratetype(GFP_HIGHUSER_MOVABLE));
	EXPECT_EQ(MIGRATE_RECLAIMABLE,
		  gfpflags_to_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE));
	EXPECT_EQ(MIGRATE_UNMOVABLE, gfpflags_to_migratetype(GFP_KERNEL));
	__free_page(k);
	__free_page(m);
	__free_page(mo);
}

TEST_F(umm, pcp_lists_cache_and_drain)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct per_cpu_pages *pcp = &this_cpu_ptr(zone->pageset)->pcp;
	unsigned long free_before;
	struct page *page, *pages[2048];
	int i, n;

	drain_all_pages(NULL);
	free_before = zone_page_state(zone, NR_FREE_PAGES);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	/* The refill took a batch from the buddy lists. */
	EXPECT_EQ(pcp->batch - 1, pcp->count);
	EXPECT_EQ(free_before - pcp->batch,
		  zone_page_state(zone, NR_FREE_PAGES));
	__free_page(page);
	EXPECT_EQ(pcp->batch, pcp->count);
	drain_all_pages(NULL);
	EXPECT_EQ(0, pcp->count);
	EXPECT_EQ(free_before, zone_page_state(zone, NR_FREE_PAGES));
	/* Freeing past pcp->high gives a batch back. */
	n = pcp->high + 10;
	ASSERT_LT(n, 2048);
	for (i = 0; i < n; i++)
		pages[i] = alloc_page(GFP_KERNEL);
	for (i = 0; i < n; i++)
		__free_page(pages[i]);
	EXPECT_LT(pcp->count, pcp->high);
}

TEST_F(umm, min_free_kbytes_follows_sqrt_rule)
{
	unsigned long lowmem_kbytes;

	/* Recompute with the watermarks this boot set. */
	lowmem_kbytes = (zone_managed_pages(UMM_ZONE(ZONE_NORMAL)) -
			 high_wmark_pages(UMM_ZONE(ZONE_NORMAL))) * 4;
	EXPECT_LE(abs((int)int_sqrt(lowmem_kbytes * 16) - min_free_kbytes),
		  (int)int_sqrt(lowmem_kbytes * 16) / 20 + 2);
	EXPECT_GE(min_free_kbytes, 128);
}

TEST_F(umm, zero_gfp_zeroes)
{
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	unsigned char *p;
	int i;

	ASSERT_NE(NULL, page);
	memset(page_address(page), 0x5a, 4 * PAGE_SIZE);
	__free_pages(page, 2);
	page = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	ASSERT_NE(NULL, page);
	p = page_address(page);
	for (i = 0; i < 4 * (int)PAGE_SIZE; i++)
		if (p[i])
			break;
	EXPECT_EQ(4 * (int)PAGE_SIZE, i);
	__free_pages(page, 2);
}

TEST_F(umm, too_large_order_fails)
{
	EXPECT_EQ(NULL, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
}

/* Several CPUs allocating and freeing at once; the books still balance. */
static int alloc_free_storm(void *arg, int idx)
{
	struct rnd_state rnd;
	struct page *held[64] = { NULL };
	unsigned int orders[64];
	int i;

	prandom_seed_state(&rnd, umm_test_seed + idx);
	for (i = 0; i < 20000; i++) {
		int slot = prandom_u32_state_max(&rnd, 64);

		if (held[slot]) {
			__free_pages(held[slot], orders[slot]);
			held[slot] = NULL;
			continue;
		}
		orders[slot] = prandom_u32_state_max(&rnd, 4);
		held[slot] = alloc_pages((idx & 1 ? GFP_KERNEL :
					  GFP_HIGHUSER_MOVABLE) | __GFP_NOWARN,
					 orders[slot]);
	}
	for (i = 0; i < 64; i++)
		if (held[i])
			__free_pages(held[i], orders[i]);
	return 0;
}

TEST_F(umm, concurrent_alloc_free)
{
	ASSERT_EQ(0, umm_run_threads(4, alloc_free_storm, NULL));
}

/* page_poison=on: a write to a free page is caught when it is reused. */
TEST(page_poison_catches_write_after_free)
{
	struct page *page;
	unsigned long pfn;

	ASSERT_EQ(0, umm_boot("mem=64M page_poison=on"));
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	pfn = page_to_pfn(page);
	__free_page(page);
	/* Bug under test: a write after free. */
	((char *)page_address(pfn_to_page(pfn)))[100] = 1;
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	EXPECT_EQ(pfn, page_to_pfn(page));
	EXPECT_TRUE(get_taint() & (1UL << TAINT_BAD_PAGE));
	__free_page(page);
}

UMM_TEST_MAIN
