// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_cma.c - alloc_contig_range() and the CMA area
 *
 * What the series gives to CMA: alloc_contig_range() migrates a driver's
 * non-LRU movable pages out of the range it wants, as it does LRU pages.
 *
 * - cma_alloc over driver pages, one variant per kind (zsmalloc, the
 *   balloon, the sample driver), series on: the CMA area is filled with
 *   the kind's pages, then taken whole; the pages moved out, their data
 *   intact.  Series off, the kind allocates without __GFP_MOVABLE, and
 *   4.8 gives CMA pages to movable allocations only: none of its pages
 *   lands in the area (that is checked), so the honest "off" test is the
 *   next one.
 * - alloc_contig_range over an ordinary range holding only the kind's
 *   pages: it succeeds with the series on, fails -EBUSY with it off; both
 *   ways every pageblock's migratetype is as before and the data intact.
 * - a range holding a page that cannot move (an unmovable one, or a
 *   movable allocation nobody can migrate) fails cleanly: -EBUSY, every
 *   migratetype restored, every free page back.
 * - cma_release() gives the pages back; unmovable allocations never get
 *   CMA pages; cma_alloc()'s bad arguments fail and are counted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "umm_test.h"

#include <linux/bitmap.h>
#include <linux/cma.h>
#include <linux/migrate.h>
#include <linux/page_kind.h>
#include <linux/page-isolation.h>
#include <linux/random.h>
#include "../../../mm/internal.h"
#include "../../../drivers/virtio/virtio_balloon_drv.h"
#include "../../../arch/user/drivers/virtio_balloon_dev.h"

#define CMA_PARAMS	"mem=128M cma=16M umm.deterministic=1"
#define DEV		" virtio_balloon_dev.enable=1"
#define RANGE		MAX_ORDER_NR_PAGES

/* ---- helpers ------------------------------------------------------------ */

static struct page_kind *kind_named(const char *name)
{
	struct page_kind *kind;
	unsigned int i;

	for_each_page_kind(kind, i)
		if (!strcmp(kind->name, name))
			return kind;
	return NULL;
}

static struct zone *normal_zone(void)
{
	return &NODE_DATA(0)->node_zones[ZONE_NORMAL];
}

static bool in_cma(unsigned long pfn)
{
	struct cma *cma = dma_contiguous_default_area;

	return cma && pfn >= cma->base_pfn && pfn < cma->base_pfn + cma->count;
}

/* Every pageblock's migratetype, to compare after an operation. */
static unsigned char *save_migratetypes(void)
{
	unsigned long nr = max_pfn / pageblock_nr_pages, i;
	unsigned char *mt = malloc(nr);

	for (i = 0; i < nr; i++)
		mt[i] = get_pageblock_migratetype(pfn_to_page(i * pageblock_nr_pages));
	return mt;
}

/* How many pageblocks differ from @mt (and print the first ones). */
static unsigned long migratetypes_changed(const unsigned char *mt)
{
	unsigned long nr = max_pfn / pageblock_nr_pages, i, changed = 0;

	for (i = 0; i < nr; i++) {
		unsigned long now = get_pageblock_migratetype(
				pfn_to_page(i * pageblock_nr_pages));

		if (now != mt[i] && changed++ < 4)
			printf("# pageblock at pfn %#lx: %s, was %s\n",
			       i * pageblock_nr_pages, migratetype_names[now],
			       migratetype_names[mt[i]]);
	}
	return changed;
}

/* Pages of @kind in [start, end). */
static unsigned long kind_pages_in(const struct page_kind *kind,
				   unsigned long start, unsigned long end)
{
	unsigned long pfn, n = 0;

	for (pfn = start; pfn < end; pfn++)
		if (page_count(pfn_to_page(pfn)) && page_kind(pfn_to_page(pfn)) == kind)
			n++;
	return n;
}

/*
 * The longest run of ZONE_NORMAL outside the CMA area (up to a MAX_ORDER
 * block) whose pages are free or @kind's, starting and ending with one
 * of the kind's; *@end gets its end.  0 if it has fewer than @min of
 * them.
 */
static unsigned long find_kind_range(const struct page_kind *kind,
				     unsigned long min, unsigned long *end)
{
	struct zone *zone = normal_zone();
	unsigned long pfn, start = 0, n = 0, best = 0, best_n = 0, last = 0;

	drain_all_pages(NULL);
	spin_lock(&zone->lock);
	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++) {
		struct page *page = pfn_to_page(pfn);
		bool mine = !in_cma(pfn) && page_count(page) &&
			    page_kind(page) == kind;

		if (!mine && (PageBuddy(page) || !page_count(page)) &&
		    n && pfn - start < RANGE)
			continue;	/* free: the run goes on */
		if (mine && n && pfn - start < RANGE) {
			n++;
			last = pfn;
			continue;
		}
		if (n > best_n) {
			best = start;
			best_n = n;
			*end = last + 1;
		}
		n = mine;
		start = last = pfn;
	}
	spin_unlock(&zone->lock);
	if (best_n)
		printf("# range [%#lx, %#lx) in a %s pageblock: %lu pages of %s\n",
		       best, *end, migratetype_names[get_pageblock_migratetype(pfn_to_page(best))],
		       best_n, kind->name);
	return best_n >= min ? best : 0;
}

/* ---- the kinds: fill memory with their pages, check them, let go -------- */

struct kind_ops {
	const char *name;
	int (*start)(void);
	int (*alloc)(unsigned long nr);	/* 0, or nothing more to be had */
	long (*verify)(void);		/* pages with wrong data */
	void (*stop)(void);
};

static struct rnd_state rnd;
static const struct page_kind_torture *torture;

static int torture_start(const char *name)
{
	struct page_kind *kind = kind_named(name);

	prandom_seed_state(&rnd, umm_test_seed);
	torture = kind ? kind->torture : NULL;
	if (!torture)
		return -ENOENT;
	return torture->start ? torture->start() : 0;
}

static int zs_start(void)
{
	return torture_start("zsmalloc");
}

static int sample_start(void)
{
	return torture_start("movable_sample");
}

static int torture_alloc(unsigned long nr)
{
	return torture->alloc(nr, &rnd);
}

static long torture_verify(void)
{
	return torture->verify ? torture->verify() : 0;
}

static void torture_stop(void)
{
	torture->stop();
}

/*
 * The balloon through its host, as a user asks for it: the driver's
 * torture operations refuse to run with the series off.  Balloon pages
 * hold no data; "verify" is the host and the driver agreeing on the
 * frames.
 */
static unsigned long balloon_frames_now;

static int balloon_start(void)
{
	balloon_frames_now = 0;
	return the_balloon() ? 0 : -ENODEV;
}

static int balloon_alloc(unsigned long nr)
{
	enum vbdev_balloon_result res;
	int err;

	balloon_frames_now += nr;
	err = vbdev_balloon(vbdev_ram_size() - (balloon_frames_now << PAGE_SHIFT),
			    &res);
	mutex_lock(&the_balloon()->balloon_lock);
	mutex_unlock(&the_balloon()->balloon_lock);
	return err || res != VBDEV_REACHED ? -ENOMEM : 0;
}

static long balloon_verify(void)
{
	return balloon_sets_disagree(the_balloon());
}

static void balloon_stop(void)
{
	enum vbdev_balloon_result res;

	vbdev_balloon(vbdev_ram_size(), &res);
	mutex_lock(&the_balloon()->balloon_lock);
	mutex_unlock(&the_balloon()->balloon_lock);
}

static const struct kind_ops zs_ops = {
	"zsmalloc", zs_start, torture_alloc, torture_verify, torture_stop,
};
static const struct kind_ops sample_ops = {
	"movable_sample", sample_start, torture_alloc, torture_verify,
	torture_stop,
};
static const struct kind_ops balloon_ops = {
	"balloon", balloon_start, balloon_alloc, balloon_verify, balloon_stop,
};

/* ---- the fixture: one variant per kind, series on and off --------------- */

FIXTURE(cma) {
	unsigned long free_at_boot;
};

FIXTURE_VARIANT(cma) {
	const char *params;
	const struct kind_ops *ops;
	bool series;
};

FIXTURE_VARIANT_ADD(cma, zsmalloc) {
	.params = CMA_PARAMS, .ops = &zs_ops, .series = true,
};

FIXTURE_VARIANT_ADD(cma, zsmalloc_off) {
	.params = CMA_PARAMS " zsmalloc.movable=0", .ops = &zs_ops,
};

FIXTURE_VARIANT_ADD(cma, balloon) {
	.params = CMA_PARAMS DEV, .ops = &balloon_ops, .series = true,
};

FIXTURE_VARIANT_ADD(cma, balloon_off) {
	.params = CMA_PARAMS DEV " virtio_balloon.movable=0",
	.ops = &balloon_ops,
};

FIXTURE_VARIANT_ADD(cma, sample) {
	.params = CMA_PARAMS, .ops = &sample_ops, .series = true,
};

FIXTURE_VARIANT_ADD(cma, sample_off) {
	.params = CMA_PARAMS " movable_sample.movable=0", .ops = &sample_ops,
};

FIXTURE_SETUP(cma)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	ASSERT_NE(NULL, dma_contiguous_default_area);
	self->free_at_boot = umm_free_pages();
	ASSERT_EQ(0, variant->ops->start());
}

FIXTURE_TEARDOWN(cma)
{
	variant->ops->stop();
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

/* Movable pages that are not migratable (no LRU, no driver): ballast. */
static void free_list_pages(struct list_head *list)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

/*
 * Take the free memory outside the CMA area (and keep 4 pageblocks of it
 * for the kind's unmovable bookkeeping, freed when the ballast is in
 * place), then let the kind allocate: its movable allocations land in the
 * CMA area, as 4.8 lends it.  The ballast goes back at the end, so that
 * the pages of the area have somewhere to go.
 */
static unsigned long fill_cma_with(struct __test_metadata *_metadata,
				   const struct kind_ops *ops,
				   const struct page_kind *kind)
{
	struct cma *cma = dma_contiguous_default_area;
	struct page *reserve[4];
	LIST_HEAD(ballast);
	unsigned long n, rounds, nr_ballast;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(reserve); i++) {
		reserve[i] = alloc_pages(GFP_KERNEL, pageblock_order);
		if (!reserve[i])
			break;
	}
	for (nr_ballast = 0;; nr_ballast++) {
		struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE |
					       __GFP_NOWARN | __GFP_NORETRY);

		if (!page)
			break;
		list_add(&page->lru, &ballast);
		if (in_cma(page_to_pfn(page)))
			break;
	}
	while (i--)
		__free_pages(reserve[i], pageblock_order);
	for (rounds = 0; rounds < 4096; rounds++) {
		if (zone_page_state(normal_zone(), NR_FREE_CMA_PAGES) < 64)
			break;
		if (ops->alloc(32))
			break;
	}
	free_list_pages(&ballast);
	n = kind_pages_in(kind, cma->base_pfn, cma->base_pfn + cma->count);
	printf("# %lu of the CMA area's %lu pages are %s pages (ballast %lu pages)\n",
	       n, cma->count, kind->name, nr_ballast);
	return n;
}

/* ---- 1. cma_alloc over a driver's pages ---------------------------------- */

/*
 * Series on: the whole CMA area, full of the kind's pages, is allocated:
 * each of them was migrated out (pgmigrate_success counts at least that
 * many, the kind's migrations too), the data is intact, CmaFree is 0, and
 * after cma_release() the area is free again.  Series off: none of the
 * kind's pages got into the area at all.
 */
TEST_F(cma, cma_alloc_over_driver_pages)
{
	struct cma *cma = dma_contiguous_default_area;
	const struct page_kind *kind = kind_named(variant->ops->name);
	unsigned long n, success, by_kind, pfn;
	struct page *page;

	ASSERT_NE(NULL, kind);
	n = fill_cma_with(_metadata, variant->ops, kind);
	if (!variant->series) {
		/* Only movable allocations are lent CMA pages (4.8). */
		EXPECT_EQ(0, n);
		EXPECT_EQ(0, variant->ops->verify());
		return;
	}
	/* Most of the area: otherwise the test would show little. */
	ASSERT_GE(n, cma->count / 2);

	success = sum_vm_event(PGMIGRATE_SUCCESS);
	by_kind = migrated_pages(kind->name);
	page = cma_alloc(cma, cma->count, 0);
	ASSERT_NE(NULL, page);
	EXPECT_EQ(cma->base_pfn, page_to_pfn(page));
	printf("# cma_alloc of %lu pages: %lu migrated, %ld of them %s pages\n",
	       cma->count, sum_vm_event(PGMIGRATE_SUCCESS) - success,
	       migrated_pages(kind->name) - by_kind, kind->name);
	EXPECT_GE(sum_vm_event(PGMIGRATE_SUCCESS) - success, n);
	EXPECT_GE(migrated_pages(kind->name) - by_kind, (long)n);
	EXPECT_EQ(0, kind_pages_in(kind, cma->base_pfn,
				   cma->base_pfn + cma->count));
	EXPECT_EQ(0, variant->ops->verify());
	EXPECT_EQ(0, zone_page_state(normal_zone(), NR_FREE_CMA_PAGES));
	for (pfn = cma->base_pfn; pfn < cma->base_pfn + cma->count; pfn++)
		if (page_count(pfn_to_page(pfn)) != 1)
			break;
	EXPECT_EQ(cma->base_pfn + cma->count, pfn);
	EXPECT_EQ(1, sum_vm_event(CMA_ALLOC_SUCCESS));

	EXPECT_TRUE(cma_release(cma, page, cma->count));
	drain_all_pages(NULL);
	EXPECT_EQ(cma->count, zone_page_state(normal_zone(), NR_FREE_CMA_PAGES));
}

/* ---- 2. alloc_contig_range over an ordinary range of a driver's pages ---- */

/*
 * How many pages of [start, end) the migrate scanner of
 * alloc_contig_range() isolates (put back at once): the series' part.
 */
static unsigned long scanner_takes(unsigned long start, unsigned long end)
{
	struct compact_control cc = {
		.order = -1,
		.mode = MIGRATE_SYNC,
		.ignore_skip_hint = true,
		.zone = page_zone(pfn_to_page(start)),
	};
	unsigned long n = 0;

	INIT_LIST_HEAD(&cc.migratepages);
	INIT_LIST_HEAD(&cc.freepages);
	while (start < end) {
		cc.nr_migratepages = 0;
		start = isolate_migratepages_range(&cc, start, end);
		n += cc.nr_migratepages;
		putback_movable_pages(&cc.migratepages);
		if (!start)
			break;
	}
	return n;
}

/*
 * Memory a third full of the kind's pages; a range outside the CMA area
 * that holds only them (at least 64).  Series on: the migrate scanner
 * isolates every one of them, and alloc_contig_range() takes the range,
 * the pages moved out with their data.  Series off: the scanner isolates
 * none, and alloc_contig_range() fails -EBUSY (refused at isolation when
 * the kind's unmovable allocations made the block unmovable, or when no
 * page could be moved).  Both ways, every pageblock keeps its
 * migratetype.
 */
TEST_F(cma, contig_range_over_driver_pages)
{
	const struct page_kind *kind = kind_named(variant->ops->name);
	unsigned long start, end = 0, free_before, success, n;
	unsigned char *mt;
	int ret, i;

	ASSERT_NE(NULL, kind);
	for (i = 0; i < 40; i++)
		if (variant->ops->alloc(256))
			break;
	start = find_kind_range(kind, 64, &end);
	ASSERT_NE(0, start);
	n = kind_pages_in(kind, start, end);
	EXPECT_EQ(variant->series ? n : 0, scanner_takes(start, end));

	mt = save_migratetypes();
	free_before = umm_free_pages();
	success = sum_vm_event(PGMIGRATE_SUCCESS);
	ret = alloc_contig_range(start, end, MIGRATE_MOVABLE);
	printf("# alloc_contig_range: %d, %lu pages migrated\n", ret,
	       sum_vm_event(PGMIGRATE_SUCCESS) - success);
	EXPECT_EQ(0, migratetypes_changed(mt));
	EXPECT_EQ(0, normal_zone()->nr_isolate_pageblock);
	EXPECT_EQ(0, variant->ops->verify());
	if (variant->series) {
		EXPECT_EQ(0, ret);
		EXPECT_EQ(0, kind_pages_in(kind, start, end));
		EXPECT_GE(sum_vm_event(PGMIGRATE_SUCCESS) - success, n);
		if (!ret)
			free_contig_range(start, end - start);
	} else {
		EXPECT_EQ(-EBUSY, ret);
		EXPECT_EQ(free_before, umm_free_pages());
	}
	free(mt);
}

/* ---- 3. a page that will not move ---------------------------------------- */

FIXTURE_VARIANT_ADD(umm, cma16m) {
	.params = CMA_PARAMS,
};

UMM_FIXTURE_SETUP

/*
 * A range around @page, which nothing can migrate: -EBUSY, and every
 * pageblock's type and every free page as before.
 */
static void busy_range(struct __test_metadata *_metadata, struct page *page)
{
	unsigned long start = round_down(page_to_pfn(page), RANGE);
	unsigned long free_before = umm_free_pages();
	unsigned char *mt = save_migratetypes();

	printf("# pfn %#lx in a %s pageblock\n", page_to_pfn(page),
	       migratetype_names[get_pageblock_migratetype(page)]);
	EXPECT_EQ(-EBUSY, alloc_contig_range(start, start + RANGE,
					     MIGRATE_MOVABLE));
	EXPECT_EQ(0, migratetypes_changed(mt));
	EXPECT_EQ(0, normal_zone()->nr_isolate_pageblock);
	EXPECT_EQ(free_before, umm_free_pages());
	EXPECT_EQ(1, page_count(page));
	free(mt);
}

/* An unmovable page: its block is unmovable, isolation refuses it. */
TEST_F(umm, contig_range_with_an_unmovable_page_fails_cleanly)
{
	struct page *page = alloc_page(GFP_KERNEL);

	ASSERT_NE(NULL, page);
	ASSERT_EQ(MIGRATE_UNMOVABLE, get_pageblock_migratetype(page));
	busy_range(_metadata, page);
	__free_page(page);
}

/*
 * A movable allocation that is neither on the LRU nor a driver's movable
 * page: its block is isolated, the migration finds nothing to move, and
 * test_pages_isolated() refuses the range.
 */
TEST_F(umm, contig_range_with_a_pinned_movable_page_fails_cleanly)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);

	ASSERT_NE(NULL, page);
	ASSERT_EQ(MIGRATE_MOVABLE, get_pageblock_migratetype(page));
	busy_range(_metadata, page);
	__free_page(page);
}

/*
 * The same page in the CMA area: cma_alloc() of the whole area fails
 * (counted), the area's blocks stay CMA, its free pages come back.
 */
TEST_F(umm, cma_alloc_over_a_pinned_page_fails_cleanly)
{
	struct cma *cma = dma_contiguous_default_area;
	struct page *page = NULL, *p, *next;
	unsigned long cma_free;
	unsigned char *mt;
	LIST_HEAD(ballast);

	while ((p = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN |
			       __GFP_NORETRY))) {
		if (in_cma(page_to_pfn(p))) {
			page = p;
			break;
		}
		list_add(&p->lru, &ballast);
	}
	list_for_each_entry_safe(p, next, &ballast, lru) {
		list_del(&p->lru);
		__free_page(p);
	}
	ASSERT_NE(NULL, page);
	drain_all_pages(NULL);
	cma_free = zone_page_state(normal_zone(), NR_FREE_CMA_PAGES);
	mt = save_migratetypes();

	EXPECT_EQ(NULL, cma_alloc(cma, cma->count, 0));
	EXPECT_EQ(1, sum_vm_event(CMA_ALLOC_FAIL));
	EXPECT_EQ(0, sum_vm_event(CMA_ALLOC_SUCCESS));
	EXPECT_EQ(0, migratetypes_changed(mt));
	EXPECT_EQ(MIGRATE_CMA, get_pageblock_migratetype(page));
	drain_all_pages(NULL);
	EXPECT_EQ(cma_free, zone_page_state(normal_zone(), NR_FREE_CMA_PAGES));
	EXPECT_EQ(1, page_count(page));
	__free_page(page);
	free(mt);
}

/* ---- 4. the area's bookkeeping ------------------------------------------- */

/*
 * Half the area, aligned: the pages are ours (one reference each), CmaFree
 * and MemFree dropped by exactly that, the bitmap says so; cma_release()
 * gives back exactly that, and refuses pages outside the area.
 */
TEST_F(umm, cma_release_gives_the_pages_back)
{
	struct cma *cma = dma_contiguous_default_area;
	unsigned long half = cma->count / 2, free_before, cma_before, i;
	struct page *page;

	ASSERT_EQ(4096, cma->count);
	EXPECT_EQ(4096, totalcma_pages);
	drain_all_pages(NULL);
	free_before = global_zone_page_state(NR_FREE_PAGES);
	cma_before = zone_page_state(normal_zone(), NR_FREE_CMA_PAGES);
	EXPECT_EQ(cma->count, cma_before);

	page = cma_alloc(cma, half, 9);
	ASSERT_NE(NULL, page);
	EXPECT_EQ(0, (page_to_pfn(page) - 0) & (pageblock_nr_pages - 1));
	for (i = 0; i < half; i++)
		ASSERT_EQ(1, page_count(page + i));
	drain_all_pages(NULL);
	EXPECT_EQ(free_before - half, global_zone_page_state(NR_FREE_PAGES));
	EXPECT_EQ(cma_before - half, zone_page_state(normal_zone(),
						      NR_FREE_CMA_PAGES));
	EXPECT_EQ(half, bitmap_weight(cma->bitmap, cma->count));

	EXPECT_FALSE(cma_release(cma, pfn_to_page(cma->base_pfn - 1), 1));
	EXPECT_TRUE(cma_release(cma, page, half));
	drain_all_pages(NULL);
	EXPECT_EQ(free_before, global_zone_page_state(NR_FREE_PAGES));
	EXPECT_EQ(cma_before, zone_page_state(normal_zone(), NR_FREE_CMA_PAGES));
	EXPECT_EQ(0, bitmap_weight(cma->bitmap, cma->count));
	EXPECT_EQ(1, sum_vm_event(CMA_ALLOC_SUCCESS));
}

/* No pages, more pages than the area, a second whole area: NULL, counted. */
TEST_F(umm, cma_alloc_refuses_what_it_cannot_give)
{
	struct cma *cma = dma_contiguous_default_area;
	struct page *page;

	EXPECT_EQ(NULL, cma_alloc(cma, 0, 0));
	EXPECT_EQ(NULL, cma_alloc(cma, cma->count + 1, 0));
	EXPECT_EQ(NULL, cma_alloc(NULL, 1, 0));
	page = cma_alloc(cma, cma->count, 0);
	ASSERT_NE(NULL, page);
	EXPECT_EQ(NULL, cma_alloc(cma, 1, 0));
	EXPECT_EQ(4, sum_vm_event(CMA_ALLOC_FAIL));
	EXPECT_EQ(1, sum_vm_event(CMA_ALLOC_SUCCESS));
	EXPECT_TRUE(cma_release(cma, page, cma->count));
}

/*
 * Unmovable allocations never get CMA pages, even with nothing else
 * free: every one of them lies outside the area, and CmaFree does not
 * move.
 */
TEST_F(umm, unmovable_allocations_never_use_the_cma_area)
{
	unsigned long cma_free, n = 0, in_area = 0;
	struct page *page;
	LIST_HEAD(pages);

	drain_all_pages(NULL);
	cma_free = zone_page_state(normal_zone(), NR_FREE_CMA_PAGES);
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY))) {
		list_add(&page->lru, &pages);
		n++;
		in_area += in_cma(page_to_pfn(page));
	}
	printf("# %lu unmovable pages, %lu in the CMA area\n", n, in_area);
	EXPECT_LT(20000, n);
	EXPECT_EQ(0, in_area);
	drain_all_pages(NULL);
	EXPECT_EQ(cma_free, zone_page_state(normal_zone(), NR_FREE_CMA_PAGES));
	free_list_pages(&pages);
}

/*
 * start_isolate_page_range()/undo_isolate_page_range(), 4.8's API: the
 * range's free pages leave MemFree while isolated, come back after, and
 * test_pages_isolated() says a range of free pages is ready.
 */
TEST_F(umm, isolation_moves_free_pages_and_back)
{
	struct cma *cma = dma_contiguous_default_area;
	unsigned long start = cma->base_pfn, end = start + RANGE;
	unsigned long free_before;

	drain_all_pages(NULL);
	free_before = global_zone_page_state(NR_FREE_PAGES);
	ASSERT_EQ(0, start_isolate_page_range(start, end, MIGRATE_CMA, false));
	EXPECT_EQ(MIGRATE_ISOLATE, get_pageblock_migratetype(pfn_to_page(start)));
	EXPECT_EQ(2, normal_zone()->nr_isolate_pageblock);
	EXPECT_EQ(free_before - RANGE, global_zone_page_state(NR_FREE_PAGES));
	EXPECT_EQ(0, test_pages_isolated(start, end, false));
	/* Isolating it again is refused and changes nothing. */
	EXPECT_EQ(-EBUSY, start_isolate_page_range(start, end, MIGRATE_CMA,
						   false));
	EXPECT_EQ(2, normal_zone()->nr_isolate_pageblock);
	EXPECT_EQ(0, undo_isolate_page_range(start, end, MIGRATE_CMA));
	EXPECT_EQ(MIGRATE_CMA, get_pageblock_migratetype(pfn_to_page(start)));
	EXPECT_EQ(0, normal_zone()->nr_isolate_pageblock);
	EXPECT_EQ(free_before, global_zone_page_state(NR_FREE_PAGES));
	/* Not isolated any more: not ready to be taken. */
	EXPECT_EQ(-EBUSY, test_pages_isolated(start, end, false));
}

UMM_TEST_MAIN
