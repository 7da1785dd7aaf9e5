// SPDX-License-Identifier: GPL-2.0
/*
 * mm/page_isolation.c - isolating pageblocks for alloc_contig_range()
 *
 * A pageblock marked MIGRATE_ISOLATE is closed to the allocator: its free
 * pages sit on the isolate free lists, do not count in NR_FREE_PAGES, and
 * pages freed in it join them.  alloc_contig_range() isolates the blocks
 * of the range it wants, migrates what is in use out of them, checks with
 * test_pages_isolated() that every page is free, and takes them.
 *
 * Lock order: zone->lock only; drain_all_pages() after it is dropped.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <linux/vmstat.h>
#include <linux/page-isolation.h>
#include <linux/pageblock-flags.h>
#include "internal.h"

/*
 * Does the pageblock of @page hold pages that will not move?  4.8's test:
 * a block in ZONE_MOVABLE, a movable block and a CMA block are taken on
 * trust (whatever is in use there is movable by construction, and the
 * migration will tell); in any other block, a page in use that is not on
 * the LRU counts as unmovable.  A driver's movable page in an unmovable
 * block counts too: 4.8 does not look at __PageMovable() here (4.16 does).
 * zone->lock held.
 */
static bool has_unmovable_pages(struct zone *zone, struct page *page,
				int count, bool skip_hwpoisoned_pages)
{
	unsigned long pfn, iter, found;
	int mt;

	if (zone_idx(zone) == ZONE_MOVABLE)
		return false;
	mt = get_pageblock_migratetype(page);
	if (mt == MIGRATE_MOVABLE || is_migrate_cma(mt))
		return false;

	pfn = page_to_pfn(page);
	for (found = 0, iter = 0; iter < pageblock_nr_pages; iter++) {
		struct page *p;

		if (!pfn_valid(pfn + iter))
			continue;
		p = pfn_to_page(pfn + iter);
		if (!page_ref_count(p)) {
			if (PageBuddy(p))
				iter += (1UL << page_order(p)) - 1;
			continue;
		}
		if (!PageLRU(p))
			found++;
		if (found > (unsigned long)count)
			return true;
	}
	return false;
}

/*
 * Isolate @page's pageblock: its free pages move to the isolate lists and
 * leave NR_FREE_PAGES (and NR_FREE_CMA_PAGES for a CMA block), as 4.8
 * does.  The block's type before is stored in *@old_mt.  Returns -EBUSY
 * if the block is isolated already or holds unmovable pages.
 */
static int set_migratetype_isolate(struct page *page,
				   bool skip_hwpoisoned_pages, int *old_mt)
{
	struct zone *zone = page_zone(page);
	int ret = -EBUSY, mt;

	spin_lock(&zone->lock);
	mt = get_pageblock_migratetype(page);
	if (is_migrate_isolate(mt))
		goto out;
	if (has_unmovable_pages(zone, page, 0, skip_hwpoisoned_pages))
		goto out;

	*old_mt = mt;
	set_pageblock_migratetype(page, MIGRATE_ISOLATE);
	WRITE_ONCE(zone->nr_isolate_pageblock, zone->nr_isolate_pageblock + 1);
	__mod_zone_freepage_state(zone,
				  -move_freepages_block(zone, page,
							MIGRATE_ISOLATE), mt);
	ret = 0;
out:
	spin_unlock(&zone->lock);
	/* Pages of the block on per-cpu lists go to the isolate lists. */
	if (!ret)
		drain_all_pages(zone);
	return ret;
}

/*
 * Give @page's isolated pageblock back as @migratetype.  A free block of
 * at least a pageblock whose buddy is not isolated could not merge while
 * the block was isolated: 4.8 takes it off the lists and frees it again,
 * so that it merges now.
 */
static void unset_migratetype_isolate(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);
	struct page *isolated_page = NULL;
	unsigned int order = 0;

	spin_lock(&zone->lock);
	if (!is_migrate_isolate_page(page))
		goto out;

	if (PageBuddy(page)) {
		order = page_order(page);
		if (order >= pageblock_order && order < MAX_ORDER - 1) {
			unsigned long pfn = page_to_pfn(page);
			unsigned long buddy_pfn = pfn ^ (1UL << order);
			struct page *buddy = pfn_to_page(buddy_pfn);

			if (pfn_valid(buddy_pfn) &&
			    zone_spans_pfn(zone, buddy_pfn) &&
			    !is_migrate_isolate_page(buddy)) {
				__isolate_free_page(page, order);
				isolated_page = page;
			}
		}
	}
	if (!isolated_page)
		__mod_zone_freepage_state(zone,
					  move_freepages_block(zone, page,
							       migratetype),
					  migratetype);
	set_pageblock_migratetype(page, migratetype);
	WRITE_ONCE(zone->nr_isolate_pageblock, zone->nr_isolate_pageblock - 1);
out:
	spin_unlock(&zone->lock);
	if (isolated_page) {
		prep_new_page(isolated_page, order, __GFP_MOVABLE, 0);
		__free_pages(isolated_page, order);
	}
}

/**
 * __start_isolate_page_range - isolate the pageblocks of a range
 * @start_pfn: the first pfn, pageblock aligned
 * @end_pfn: one past the last, pageblock aligned
 * @migratetype: what a block gets back on failure when @saved_mt is NULL
 * @skip_hwpoisoned_pages: ignore poisoned pages (umm has none)
 * @saved_mt: NULL, or one byte per pageblock of the range: each block's
 *	migratetype before isolation is stored there
 *
 * On failure the blocks isolated so far are given back: with @saved_mt,
 * each as it was.
 *
 * Return: 0, or -EBUSY.
 */
int __start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			       unsigned int migratetype,
			       bool skip_hwpoisoned_pages, u8 *saved_mt)
{
	unsigned long pfn;
	int old_mt;

	VM_BUG_ON(!IS_ALIGNED(start_pfn, pageblock_nr_pages));
	VM_BUG_ON(!IS_ALIGNED(end_pfn, pageblock_nr_pages));

	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages) {
		if (!pfn_valid(pfn))
			continue;
		if (set_migratetype_isolate(pfn_to_page(pfn),
					    skip_hwpoisoned_pages, &old_mt)) {
			__undo_isolate_page_range(start_pfn, pfn, migratetype,
						  saved_mt);
			return -EBUSY;
		}
		if (saved_mt)
			saved_mt[(pfn - start_pfn) >> pageblock_order] = old_mt;
	}
	return 0;
}

/**
 * __undo_isolate_page_range - give an isolated range back
 * @start_pfn: the first pfn, pageblock aligned
 * @end_pfn: one past the last, pageblock aligned
 * @migratetype: the type every block gets when @saved_mt is NULL
 * @saved_mt: NULL, or what __start_isolate_page_range() stored
 */
void __undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			       unsigned int migratetype, const u8 *saved_mt)
{
	unsigned long pfn;

	for (pfn = start_pfn; pfn < end_pfn; pfn += pageblock_nr_pages) {
		struct page *page;

		if (!pfn_valid(pfn))
			continue;
		page = pfn_to_page(pfn);
		if (!is_migrate_isolate_page(page))
			continue;
		unset_migratetype_isolate(page, saved_mt ?
			saved_mt[(pfn - start_pfn) >> pageblock_order] :
			migratetype);
	}
}

/*
 * Is every page of [pfn, end_pfn) free on the isolate lists?  Returns the
 * first pfn that is not.  zone->lock held.
 */
static unsigned long __test_page_isolated_in_pageblock(unsigned long pfn,
						       unsigned long end_pfn)
{
	while (pfn < end_pfn) {
		struct page *page;

		if (!pfn_valid(pfn)) {
			pfn++;
			continue;
		}
		page = pfn_to_page(pfn);
		if (!PageBuddy(page))
			break;
		pfn += 1UL << page_order(page);
	}
	return pfn;
}

/**
 * test_pages_isolated - is a range isolated and free, ready to be taken?
 * @start_pfn: the first pfn
 * @end_pfn: one past the last
 * @skip_hwpoisoned_pages: ignore poisoned pages (umm has none)
 *
 * Every pageblock must be MIGRATE_ISOLATE and every page a free one.
 *
 * Return: 0 if so, -EBUSY if not.
 */
int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn,
			bool skip_hwpoisoned_pages)
{
	unsigned long pfn;
	struct zone *zone;

	if (start_pfn >= end_pfn || !pfn_valid(start_pfn) ||
	    !pfn_valid(end_pfn - 1))
		return -EBUSY;
	for (pfn = round_down(start_pfn, pageblock_nr_pages); pfn < end_pfn;
	     pfn += pageblock_nr_pages)
		if (!is_migrate_isolate_page(pfn_to_page(pfn)))
			return -EBUSY;

	zone = page_zone(pfn_to_page(start_pfn));
	spin_lock(&zone->lock);
	pfn = __test_page_isolated_in_pageblock(start_pfn, end_pfn);
	spin_unlock(&zone->lock);
	return pfn < end_pfn ? -EBUSY : 0;
}

/**
 * alloc_migrate_target - where a page leaving an isolated range goes
 * @page: the page to move
 * @private: unused
 * @resultp: unused
 *
 * A movable user page anywhere else: never in the range, whose blocks
 * are isolated.
 *
 * Return: the new page, or NULL.
 */
struct page *alloc_migrate_target(struct page *page, unsigned long private,
				  int **resultp)
{
	gfp_t gfp_mask = GFP_USER | __GFP_MOVABLE;

	if (is_highmem_idx(page_zonenum(page)))
		gfp_mask |= __GFP_HIGHMEM;
	return alloc_page(gfp_mask);
}
