// SPDX-License-Identifier: GPL-2.0
/*
 * mm/alloc_contig.c - allocating an arbitrary range of physical pages
 *
 * alloc_contig_range() is how CMA (mm/cma.c) gets its memory back from
 * whoever borrowed it: isolate the range's pageblocks so that nothing new
 * lands there, migrate every page in use out of it with the migrate
 * scanner of compaction, check that the range is free, and take it off
 * the free lists.  The scanner isolates non-LRU movable pages like LRU
 * pages (isolate_migratepages_block()), so with the 2016 series the pages
 * of zsmalloc, the balloon and any driver that uses the movable page API
 * move out of the way as anonymous pages do; without it they pin the
 * range.  In 4.8 this is the CONFIG_CMA part of mm/page_alloc.c.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/migrate.h>
#include <linux/page-isolation.h>
#include <linux/pageblock-flags.h>
#include <linux/compaction.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/sched.h>
#include <linux/printk.h>
#include "internal.h"

/* Isolation works on blocks that the buddy allocator never crosses. */
#define CONTIG_ALIGN	max_t(unsigned long, MAX_ORDER_NR_PAGES, \
			      pageblock_nr_pages)

static unsigned long pfn_max_align_down(unsigned long pfn)
{
	return round_down(pfn, CONTIG_ALIGN);
}

static unsigned long pfn_max_align_up(unsigned long pfn)
{
	return ALIGN(pfn, CONTIG_ALIGN);
}

/* Tries of migrate_pages() on one batch before alloc_contig_range gives up. */
#define CONTIG_MIGRATE_TRIES	5

/*
 * Migrate every page in use in [start, end) elsewhere, a batch of
 * isolate_migratepages_range() at a time, each batch tried up to
 * CONTIG_MIGRATE_TRIES times (4.8's five).  4.8 first reclaims the clean
 * page cache pages of the batch (reclaim_clean_pages_from_list()): umm
 * has no page cache, so every page is migrated.
 */
static int __alloc_contig_migrate_range(struct compact_control *cc,
					unsigned long start, unsigned long end)
{
	unsigned long pfn = start;
	unsigned int tries = 0;
	int ret = 0;

	lru_add_drain_all();
	while (pfn < end || !list_empty(&cc->migratepages)) {
		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		if (list_empty(&cc->migratepages)) {
			cc->nr_migratepages = 0;
			pfn = isolate_migratepages_range(cc, pfn, end);
			if (!pfn) {
				ret = -EINTR;
				break;
			}
			tries = 0;
		} else if (++tries == CONTIG_MIGRATE_TRIES) {
			ret = ret < 0 ? ret : -EBUSY;
			break;
		}
		/* Returns how many stayed behind; failures stay on the list. */
		ret = migrate_pages(&cc->migratepages, alloc_migrate_target,
				    NULL, 0, cc->mode, MR_CMA);
	}
	if (ret < 0) {
		putback_movable_pages(&cc->migratepages);
		return ret;
	}
	return 0;
}

/**
 * alloc_contig_range - take the pages of [start, end) for the caller
 * @start: the first pfn
 * @end: one past the last pfn (in the same zone)
 * @migratetype: the migratetype of the range's pageblocks: MIGRATE_CMA
 *	for a CMA area, MIGRATE_MOVABLE for other memory
 *
 * The pageblocks around the range (aligned to MAX_ORDER blocks, which is
 * what the buddy allocator merges) are isolated for the duration, and
 * given back on every path with the migratetype each had: 4.8 gives them
 * all @migratetype back, which turns a free unmovable block that happened
 * to be near the range into a movable one.
 *
 * Return: 0 and the pages of the range are the caller's, each with a
 * reference count of one (free them with free_contig_range()); -EBUSY
 * when a page could not be moved out of the range, -EINTR on a fatal
 * signal, -ENOMEM without memory to note what was isolated.
 */
int alloc_contig_range(unsigned long start, unsigned long end,
		       unsigned int migratetype)
{
	unsigned long outer_start, outer_end, iso_start, iso_end;
	struct compact_control cc = {
		.nr_migratepages = 0,
		.order = -1,
		.mode = MIGRATE_SYNC,
		.ignore_skip_hint = true,
		.gfp_mask = GFP_USER | __GFP_MOVABLE,
	};
	unsigned int order;
	u8 *saved_mt;
	int ret;

	if (start >= end || !pfn_valid(start) || !pfn_valid(end - 1))
		return -EINVAL;
	cc.zone = page_zone(pfn_to_page(start));
	if (!zone_spans_pfn(cc.zone, end - 1))
		return -EINVAL;
	INIT_LIST_HEAD(&cc.migratepages);
	INIT_LIST_HEAD(&cc.freepages);

	iso_start = max(pfn_max_align_down(start), cc.zone->zone_start_pfn);
	iso_end = min(pfn_max_align_up(end), zone_end_pfn(cc.zone));
	iso_start = round_down(iso_start, pageblock_nr_pages);
	iso_end = ALIGN(iso_end, pageblock_nr_pages);
	saved_mt = kmalloc((iso_end - iso_start) >> pageblock_order,
			   GFP_KERNEL);
	if (!saved_mt)
		return -ENOMEM;

	ret = __start_isolate_page_range(iso_start, iso_end, migratetype,
					 false, saved_mt);
	if (ret)
		goto out;

	ret = __alloc_contig_migrate_range(&cc, start, end);
	if (ret)
		goto done;

	/*
	 * Pages freed by the migration may sit on per-cpu lists; once they
	 * are back in the buddy lists, the range may start inside a free
	 * block that began before it: find that block's head, so that it
	 * is taken whole and its head part given back below.
	 */
	lru_add_drain_all();
	drain_all_pages(cc.zone);

	order = 0;
	outer_start = start;
	while (!PageBuddy(pfn_to_page(outer_start))) {
		if (++order >= MAX_ORDER) {
			outer_start = start;
			break;
		}
		outer_start &= ~0UL << order;
	}
	if (outer_start != start) {
		order = page_order(pfn_to_page(outer_start));
		/* A free block before the range that does not reach into it. */
		if (outer_start + (1UL << order) <= start)
			outer_start = start;
	}

	if (test_pages_isolated(outer_start, end, false)) {
		pr_info("%s: [%lx, %lx) PFNs busy\n", __func__, outer_start, end);
		ret = -EBUSY;
		goto done;
	}

	outer_end = isolate_freepages_range(&cc, outer_start, end);
	if (!outer_end) {
		ret = -EBUSY;
		goto done;
	}
	/* What was taken beyond the range goes back. */
	if (start != outer_start)
		free_contig_range(outer_start, start - outer_start);
	if (end != outer_end)
		free_contig_range(end, outer_end - end);
done:
	__undo_isolate_page_range(iso_start, iso_end, migratetype, saved_mt);
out:
	kfree(saved_mt);
	return ret;
}

/**
 * free_contig_range - free pages taken by alloc_contig_range()
 * @pfn: the first pfn
 * @nr_pages: how many
 *
 * Each page has its own reference; one that somebody else still holds
 * (a stray get_page()) is freed when that reference goes.
 */
void free_contig_range(unsigned long pfn, unsigned long nr_pages)
{
	unsigned long count = 0;

	for (; nr_pages--; pfn++) {
		struct page *page = pfn_to_page(pfn);

		count += page_count(page) != 1;
		__free_page(page);
	}
	WARN(count != 0, "%lu pages are still in use!\n", count);
}
