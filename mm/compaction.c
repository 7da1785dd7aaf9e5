// SPDX-License-Identifier: GPL-2.0
/*
 * mm/compaction.c - memory compaction
 *
 * Two scanners walk a zone towards each other, pageblock by pageblock.
 * The migrate scanner starts at the bottom and isolates pages that can be
 * moved; the free scanner starts at the top and isolates free pages to
 * move them into.  Migration packs the movable pages at the top, so the
 * bottom of the zone ends up in large free blocks.  It stops when the two
 * meet, or as soon as a free block of the order asked for exists.
 *
 * Direct compaction runs in the allocating task when an allocation of
 * order > 0 failed (try_to_compact_pages()); kcompactd does the same in
 * the background; /proc/sys/vm/compact_memory compacts everything.
 * After failures a zone defers compaction for an order, for up to 64
 * attempts, and pageblocks in which nothing could be isolated are marked
 * to be skipped until the scanners have met (the skip hints).
 *
 * Lock order:
 *   pgdat->lru_lock	(migrate scanner, held for up to 32 pfns)
 *   zone->lock		(free scanner, held for up to 32 pfns)
 * never both at once; migration takes page locks with neither held.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mm_inline.h>
#include <linux/compaction.h>
#include <linux/migrate.h>
#include <linux/page_owner.h>
#include <linux/fs.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/sysctl.h>
#include <linux/pageblock-flags.h>
#include <linux/sched.h>
#include <linux/init.h>
#include <linux/umm.h>
#include <trace/events/compaction.h>
#include "internal.h"

int sysctl_compact_memory;
int sysctl_extfrag_threshold = 500;
int sysctl_compact_unevictable_allowed = 1;

/* Deferral: skip up to 1 << COMPACT_MAX_DEFER_SHIFT attempts. */
#define COMPACT_MAX_DEFER_SHIFT	6

static inline unsigned long block_start_pfn(unsigned long pfn, int order)
{
	return round_down(pfn, 1UL << order);
}

static inline unsigned long block_end_pfn(unsigned long pfn, int order)
{
	return ALIGN(pfn + 1, 1UL << order);
}

static inline unsigned long pageblock_start_pfn(unsigned long pfn)
{
	return block_start_pfn(pfn, pageblock_order);
}

static inline unsigned long pageblock_end_pfn(unsigned long pfn)
{
	return block_end_pfn(pfn, pageblock_order);
}

/* order -1: the whole zone, as /proc/sys/vm/compact_memory asks. */
static inline bool is_via_compact_memory(int order)
{
	return order == -1;
}

/* CMA pageblocks hold only movable pages: as good as movable ones. */
static inline bool migrate_async_suitable(int migratetype)
{
	return is_migrate_cma(migratetype) || migratetype == MIGRATE_MOVABLE;
}

/* Both scanners in the same pageblock (or crossed): done. */
static inline bool compact_scanners_met(struct compact_control *cc)
{
	return (cc->free_pfn >> pageblock_order) <=
	       (cc->migrate_pfn >> pageblock_order);
}

/* The first page of [start, end) if the range lies in @zone. */
static struct page *pageblock_pfn_to_page(unsigned long start_pfn,
					  unsigned long end_pfn,
					  struct zone *zone)
{
	if (!zone_spans_pfn(zone, start_pfn) || !zone_spans_pfn(zone, end_pfn - 1))
		return NULL;
	return pfn_to_page(start_pfn);
}

static void count_compact_events(enum vm_event_item item, long delta)
{
	count_vm_events(item, delta);
}

/* ---- non-LRU movable pages --------------------------------------------- */

/**
 * PageMovable - is this page a driver's movable page, for sure?
 * @page: the page, locked
 *
 * The lockless __PageMovable() only reads the tag, which is a hint while
 * the page may change owners (page->mapping is shared with other users'
 * fields).  With the page lock held the driver cannot release the page:
 * if the tag is set and the address_space has an isolate_page
 * operation, the page is movable.
 *
 * Return: 1 if the VM may call the driver's operations for @page.
 */
int PageMovable(struct page *page)
{
	struct address_space *mapping;

	VM_BUG_ON_PAGE(!PageLocked(page), page);
	if (!__PageMovable(page))
		return 0;
	mapping = page_mapping(page);
	if (mapping && mapping->a_ops && mapping->a_ops->isolate_page)
		return 1;
	return 0;
}

/**
 * __SetPageMovable - a driver makes one of its pages movable
 * @page: the page, locked, not on the LRU
 * @mapping: the driver's address_space, whose a_ops migrate the page
 *
 * page->mapping becomes @mapping tagged with PAGE_MAPPING_MOVABLE.
 */
void __SetPageMovable(struct page *page, struct address_space *mapping)
{
	VM_BUG_ON_PAGE(!PageLocked(page), page);
	VM_BUG_ON_PAGE((unsigned long)mapping & PAGE_MAPPING_MOVABLE, page);
	WRITE_ONCE(page->mapping,
		   (void *)((unsigned long)mapping | PAGE_MAPPING_MOVABLE));
	set_page_step(page, PAGE_STEP_SET_MOVABLE);
}

/**
 * __ClearPageMovable - a driver lets go of one of its movable pages
 * @page: the page, locked
 *
 * Despite the name, this does not clear the movable tag: it clears the
 * address_space pointer and KEEPS PAGE_MAPPING_MOVABLE.  Afterwards
 * __PageMovable() is still true but PageMovable() is false, and that
 * combination is how the VM notices a page the driver released while the
 * VM had it isolated: migration then treats the page as done, and never
 * calls putback_page() or migratepage() of a driver that has forgotten
 * it.  The tag goes when the page is freed (free_pages_prepare()).
 *
 * A driver calls it when it releases a page, and on the old page at the
 * end of a successful migratepage().
 */
void __ClearPageMovable(struct page *page)
{
	VM_BUG_ON_PAGE(!PageLocked(page), page);
	VM_BUG_ON_PAGE(!PageMovable(page), page);
	WRITE_ONCE(page->mapping,
		   (void *)((unsigned long)page->mapping & PAGE_MAPPING_MOVABLE));
	set_page_step(page, PAGE_STEP_CLEAR_MOVABLE);
}

/* ---- deferral -------------------------------------------------------- */

/**
 * defer_compaction - compaction of @order failed in @zone: back off
 * @zone: the zone
 * @order: the order that failed
 *
 * Each failure doubles the number of attempts that will be skipped, up to
 * 64; orders below the failed one are not affected.
 */
void defer_compaction(struct zone *zone, int order)
{
	/*
	 * These hints are read and written without a lock by every
	 * compactor, as in Linux: a lost update only changes when the
	 * next attempt is made.  Hence the *_ONCE accesses throughout.
	 */
	WRITE_ONCE(zone->compact_considered, 0);
	if (READ_ONCE(zone->compact_defer_shift) < COMPACT_MAX_DEFER_SHIFT)
		WRITE_ONCE(zone->compact_defer_shift,
			   READ_ONCE(zone->compact_defer_shift) + 1);
	if (order < READ_ONCE(zone->compact_order_failed))
		WRITE_ONCE(zone->compact_order_failed, order);
	trace_mm_compaction_defer_compaction(zone, order);
}

/**
 * compaction_deferred - should this attempt at @order be skipped?
 * @zone: the zone
 * @order: the order wanted
 *
 * Return: true to skip.  Every call counts as one considered attempt.
 */
bool compaction_deferred(struct zone *zone, int order)
{
	unsigned long defer_limit = 1UL << READ_ONCE(zone->compact_defer_shift);
	unsigned long considered = READ_ONCE(zone->compact_considered);

	if (order < READ_ONCE(zone->compact_order_failed))
		return false;
	if (considered < defer_limit)
		WRITE_ONCE(zone->compact_considered, ++considered);
	if (considered >= defer_limit)
		return false;
	trace_mm_compaction_deferred(zone, order);
	return true;
}

/**
 * compaction_defer_reset - compaction (or an allocation) succeeded
 * @zone: the zone
 * @order: the order that is now available
 * @alloc_success: an allocation succeeded: forget past failures
 */
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success)
{
	if (alloc_success) {
		WRITE_ONCE(zone->compact_considered, 0);
		WRITE_ONCE(zone->compact_defer_shift, 0);
	}
	if (order >= READ_ONCE(zone->compact_order_failed))
		WRITE_ONCE(zone->compact_order_failed, order + 1);
	trace_mm_compaction_defer_reset(zone, order);
}

/**
 * compaction_restarting - is this the first attempt after maximal deferral?
 * @zone: the zone
 * @order: the order wanted
 *
 * Return: true if the skip hints should be cleared before trying again.
 */
bool compaction_restarting(struct zone *zone, int order)
{
	if (order < READ_ONCE(zone->compact_order_failed))
		return false;
	return READ_ONCE(zone->compact_defer_shift) == COMPACT_MAX_DEFER_SHIFT &&
	       READ_ONCE(zone->compact_considered) >= 1UL << COMPACT_MAX_DEFER_SHIFT;
}

/* ---- skip hints ------------------------------------------------------ */

static inline bool isolation_suitable(struct compact_control *cc,
				      struct page *page)
{
	return cc->ignore_skip_hint || !get_pageblock_skip(page);
}

/*
 * The cached scanner positions are hints shared by every compaction of
 * the zone (direct compactors and kcompactd may run at once).  As in
 * Linux they are read and written without a lock: a stale or lost update
 * only costs a rescan.  The accesses are marked so that the race is
 * documented and not a data race in the C sense.
 */
static void reset_cached_positions(struct zone *zone)
{
	WRITE_ONCE(zone->compact_cached_migrate_pfn[0], zone->zone_start_pfn);
	WRITE_ONCE(zone->compact_cached_migrate_pfn[1], zone->zone_start_pfn);
	WRITE_ONCE(zone->compact_cached_free_pfn,
		   pageblock_start_pfn(zone_end_pfn(zone) - 1));
}

static void __reset_isolation_suitable(struct zone *zone)
{
	unsigned long pfn;

	WRITE_ONCE(zone->compact_blockskip_flush, false);
	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
	     pfn += pageblock_nr_pages) {
		cond_resched();
		clear_pageblock_skip(pfn_to_page(pfn));
	}
	reset_cached_positions(zone);
}

/**
 * reset_isolation_suitable - clear the skip hints where a full pass ended
 * @pgdat: the node
 *
 * Called when the node is balanced again (by kswapd, before it sleeps):
 * the hints of the last full pass are stale by then.
 */
void reset_isolation_suitable(pg_data_t *pgdat)
{
	int zoneid;

	for (zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (populated_zone(zone) &&
		    READ_ONCE(zone->compact_blockskip_flush))
			__reset_isolation_suitable(zone);
	}
}

/*
 * Nothing could be isolated in the pageblock of @page: skip it next time,
 * and let the cached scanner positions move past it.
 */
static void update_pageblock_skip(struct compact_control *cc,
				  struct page *page, unsigned long nr_isolated,
				  bool migrate_scanner)
{
	struct zone *zone = cc->zone;
	unsigned long pfn;

	if (cc->ignore_skip_hint || !page || nr_isolated)
		return;
	set_pageblock_skip(page);
	pfn = page_to_pfn(page);
	if (migrate_scanner) {
		if (pfn > READ_ONCE(zone->compact_cached_migrate_pfn[0]))
			WRITE_ONCE(zone->compact_cached_migrate_pfn[0], pfn);
		if (cc->mode != MIGRATE_ASYNC &&
		    pfn > READ_ONCE(zone->compact_cached_migrate_pfn[1]))
			WRITE_ONCE(zone->compact_cached_migrate_pfn[1], pfn);
	} else if (pfn < READ_ONCE(zone->compact_cached_free_pfn)) {
		WRITE_ONCE(zone->compact_cached_free_pfn, pfn);
	}
}

/* ---- locks ----------------------------------------------------------- */

/*
 * Async compaction never waits for a lock: a contended lock means somebody
 * else is busy with this memory, and the allocation should rather fail
 * over to the next attempt.
 *
 * The scanners keep a lock across loop iterations, conditionally: more
 * than sparse's context tracking can follow.  These two helpers therefore
 * look balanced to it (__release() after taking, __acquire() before
 * dropping); the "locked" flags of the callers carry the real state.
 */
static bool compact_trylock(spinlock_t *lock, struct compact_control *cc)
{
	if (cc->mode == MIGRATE_ASYNC) {
		if (!spin_trylock(lock)) {
			cc->contended = true;
			return false;
		}
	} else {
		spin_lock(lock);
	}
	__release(lock);
	return true;
}

static void compact_unlock(spinlock_t *lock)
{
	__acquire(lock);
	spin_unlock(lock);
}

/*
 * Called every COMPACT_CLUSTER_MAX pfns: drop the lock so that others get
 * it, and stop if the task was killed.
 */
static bool compact_unlock_should_abort(spinlock_t *lock, bool *locked,
					struct compact_control *cc)
{
	if (*locked) {
		compact_unlock(lock);
		*locked = false;
	}
	if (fatal_signal_pending(current)) {
		cc->contended = true;
		return true;
	}
	return false;
}

static bool compact_should_abort(struct compact_control *cc)
{
	if (fatal_signal_pending(current)) {
		cc->contended = true;
		return true;
	}
	return false;
}

/* ---- the free scanner ------------------------------------------------ */

/*
 * Isolate the free blocks of [*start_pfn, end_pfn), stopping once there
 * are enough targets for the pages already isolated (unless @strict,
 * where any page that is not free fails the whole range).  *start_pfn is
 * moved to where the scan stopped.
 */
static unsigned long isolate_freepages_block(struct compact_control *cc,
					     unsigned long *start_pfn,
					     unsigned long end_pfn,
					     struct list_head *freelist,
					     bool strict)
{
	unsigned long nr_scanned = 0, total_isolated = 0;
	unsigned long blockpfn = *start_pfn;
	struct page *valid_page = NULL;
	bool locked = false;

	for (; blockpfn < end_pfn; blockpfn++) {
		struct page *page = pfn_to_page(blockpfn);
		unsigned int order, isolated;

		if (!(blockpfn % COMPACT_CLUSTER_MAX) &&
		    compact_unlock_should_abort(&cc->zone->lock, &locked, cc))
			break;
		nr_scanned++;
		if (!valid_page)
			valid_page = page;
		if (!PageBuddy(page))
			goto isolate_fail;
		if (!locked) {
			locked = compact_trylock(&cc->zone->lock, cc);
			if (!locked)
				break;
			/* It may have been allocated before we got the lock. */
			if (!PageBuddy(page))
				goto isolate_fail;
		}
		order = page_order(page);
		isolated = __isolate_free_page(page, order);
		if (!isolated)
			break;
		set_page_private(page, order);
		total_isolated += isolated;
		cc->nr_freepages += isolated;
		list_add_tail(&page->lru, freelist);
		if (!strict && cc->nr_migratepages <= cc->nr_freepages) {
			blockpfn += isolated;
			break;
		}
		blockpfn += isolated - 1;
		continue;
isolate_fail:
		if (strict)
			break;
	}
	if (locked)
		compact_unlock(&cc->zone->lock);
	if (blockpfn > end_pfn)
		blockpfn = end_pfn;

	trace_mm_compaction_isolate_freepages(*start_pfn, blockpfn, nr_scanned,
					      total_isolated);
	*start_pfn = blockpfn;
	if (strict && blockpfn < end_pfn)
		total_isolated = 0;
	if (blockpfn == end_pfn)
		update_pageblock_skip(cc, valid_page, total_isolated, false);

	count_compact_events(COMPACTFREE_SCANNED, nr_scanned);
	cc->total_free_scanned += nr_scanned;
	if (total_isolated)
		count_compact_events(COMPACTISOLATED, total_isolated);
	return total_isolated;
}

static void map_pages(struct list_head *list);
static unsigned long release_freepages(struct list_head *freelist);

/**
 * isolate_freepages_range - take every page of a range off the free lists
 * @cc: the caller's compaction state (cc->zone: the range's zone)
 * @start_pfn: the first pfn
 * @end_pfn: one past the last pfn
 *
 * alloc_contig_range() calls it once the range's pageblocks are isolated
 * and test_pages_isolated() found every page free: the free blocks are
 * taken whole, so the last one may reach past @end_pfn.  If any page of
 * the range is not free, what was taken goes back and nothing is taken.
 *
 * Return: one past the last pfn taken (>= @end_pfn), or 0 on failure.
 */
unsigned long isolate_freepages_range(struct compact_control *cc,
				      unsigned long start_pfn,
				      unsigned long end_pfn)
{
	unsigned long isolated, pfn, block_start_pfn, block_end_pfn;
	LIST_HEAD(freelist);

	pfn = start_pfn;
	block_start_pfn = pageblock_start_pfn(pfn);
	if (block_start_pfn < cc->zone->zone_start_pfn)
		block_start_pfn = cc->zone->zone_start_pfn;
	block_end_pfn = pageblock_end_pfn(pfn);

	for (; pfn < end_pfn; pfn += isolated,
	     block_start_pfn = block_end_pfn,
	     block_end_pfn += pageblock_nr_pages) {
		/* isolate_freepages_block() moves its copy of the cursor. */
		unsigned long isolate_start_pfn = pfn;

		block_end_pfn = min(block_end_pfn, end_pfn);
		/* A free block larger than a pageblock carried pfn past it. */
		if (pfn >= block_end_pfn) {
			block_start_pfn = pageblock_start_pfn(pfn);
			block_end_pfn = min(pageblock_end_pfn(pfn), end_pfn);
		}
		if (!pageblock_pfn_to_page(block_start_pfn, block_end_pfn,
					   cc->zone))
			break;
		/* Strict: any page that is not free fails the block. */
		isolated = isolate_freepages_block(cc, &isolate_start_pfn,
						   block_end_pfn, &freelist,
						   true);
		if (!isolated)
			break;
	}
	map_pages(&freelist);
	if (pfn < end_pfn) {
		release_freepages(&freelist);
		return 0;
	}
	/* The pages are the caller's now: nobody needs the list. */
	return pfn;
}

/* Turn the isolated free blocks into order-0 pages ready to be used. */
static void map_pages(struct list_head *list)
{
	struct page *page, *next;
	LIST_HEAD(tmp);

	list_for_each_entry_safe(page, next, list, lru) {
		unsigned int order = page_private(page), i;

		list_del(&page->lru);
		set_page_private(page, 0);
		prep_new_page(page, order, __GFP_MOVABLE, 0);
		split_page(page, order);
		for (i = 0; i < (1U << order); i++)
			list_add_tail(&page[i].lru, &tmp);
	}
	list_splice(&tmp, list);
}

/*
 * A block is a good place to move pages into if it is a movable block
 * that is not already one large free block (emptying it is the point).
 */
static bool suitable_migration_target(struct compact_control *cc,
				      struct page *page)
{
	if (PageBuddy(page) && page_order_unsafe(page) >= pageblock_order)
		return false;
	return migrate_async_suitable(get_pageblock_migratetype(page));
}

/*
 * Move the free scanner down from cc->free_pfn, a pageblock at a time,
 * until enough targets are isolated or it reaches the migrate scanner.
 */
static void isolate_freepages(struct compact_control *cc)
{
	struct zone *zone = cc->zone;
	unsigned long block_start_pfn, isolate_start_pfn, block_end_pfn;
	unsigned long low_pfn;

	isolate_start_pfn = cc->free_pfn;
	block_start_pfn = pageblock_start_pfn(cc->free_pfn);
	block_end_pfn = min(block_start_pfn + pageblock_nr_pages,
			    zone_end_pfn(zone));
	low_pfn = pageblock_end_pfn(cc->migrate_pfn);

	for (; block_start_pfn >= low_pfn;
	     block_end_pfn = block_start_pfn,
	     block_start_pfn -= pageblock_nr_pages,
	     isolate_start_pfn = block_start_pfn) {
		struct page *page;

		if (compact_should_abort(cc))
			break;
		page = pageblock_pfn_to_page(block_start_pfn, block_end_pfn, zone);
		if (!page)
			continue;
		if (!suitable_migration_target(cc, page))
			continue;
		if (!isolation_suitable(cc, page))
			continue;

		isolate_freepages_block(cc, &isolate_start_pfn, block_end_pfn,
					&cc->freepages, false);
		if (cc->nr_freepages >= cc->nr_migratepages || cc->contended) {
			/*
			 * Enough.  If the block was scanned to its end, the
			 * next search starts in the block below.
			 */
			if (isolate_start_pfn >= block_end_pfn)
				isolate_start_pfn = block_start_pfn -
						    pageblock_nr_pages;
			break;
		} else if (isolate_start_pfn < block_end_pfn) {
			/* Stopped inside the block (watermark): try again later. */
			break;
		}
	}
	map_pages(&cc->freepages);
	cc->free_pfn = isolate_start_pfn;
}

/* migrate_pages() asks for a target page: take one from the free list. */
static struct page *compaction_alloc(struct page *migratepage,
				     unsigned long data, int **result)
{
	struct compact_control *cc = (struct compact_control *)data;
	struct page *freepage;

	if (list_empty(&cc->freepages)) {
		if (!cc->contended)
			isolate_freepages(cc);
		if (list_empty(&cc->freepages))
			return NULL;
	}
	freepage = list_first_entry(&cc->freepages, struct page, lru);
	list_del(&freepage->lru);
	cc->nr_freepages--;
	return freepage;
}

/* A target migrate_pages() did not use goes back on the list. */
static void compaction_free(struct page *page, unsigned long data)
{
	struct compact_control *cc = (struct compact_control *)data;

	list_add(&page->lru, &cc->freepages);
	cc->nr_freepages++;
}

/* Free what was isolated and not used; returns the highest pfn freed. */
static unsigned long release_freepages(struct list_head *freelist)
{
	struct page *page, *next;
	unsigned long high_pfn = 0;

	list_for_each_entry_safe(page, next, freelist, lru) {
		unsigned long pfn = page_to_pfn(page);

		list_del(&page->lru);
		__free_page(page);
		if (pfn > high_pfn)
			high_pfn = pfn;
	}
	return high_pfn;
}

/* ---- the migrate scanner --------------------------------------------- */

/*
 * Too many pages isolated from the LRU (by parallel compaction, or
 * reclaim) means a pile-up: wait rather than add to it.
 */
static bool too_many_isolated(struct zone *zone)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	unsigned long active, inactive, isolated;

	inactive = node_page_state(pgdat, NR_INACTIVE_ANON);
	active = node_page_state(pgdat, NR_ACTIVE_ANON);
	isolated = node_page_state(pgdat, NR_ISOLATED_ANON);
	return isolated > (inactive + active) / 2;
}

/*
 * Isolate the movable pages of [low_pfn, end_pfn) (up to
 * COMPACT_CLUSTER_MAX) onto cc->migratepages.  Returns the pfn where the
 * scan stopped, or 0 if it should be aborted.
 */
static unsigned long isolate_migratepages_block(struct compact_control *cc,
						unsigned long low_pfn,
						unsigned long end_pfn,
						isolate_mode_t isolate_mode)
{
	struct zone *zone = cc->zone;
	pg_data_t *pgdat = zone->zone_pgdat;
	struct lruvec *lruvec = node_lruvec(pgdat);
	unsigned long nr_scanned = 0, nr_isolated = 0;
	unsigned long start_pfn = low_pfn, next_skip_pfn = 0;
	struct page *page = NULL, *valid_page = NULL;
	bool locked = false, skip_on_failure = false;

	while (unlikely(too_many_isolated(zone))) {
		if (cc->mode == MIGRATE_ASYNC)
			return 0;
		schedule_timeout_uninterruptible(HZ / 10);
		if (fatal_signal_pending(current))
			return 0;
	}
	if (compact_should_abort(cc))
		return 0;

	/*
	 * Async direct compaction wants a free block of cc->order soon: a
	 * failure inside an order-aligned block makes the rest of that block
	 * useless, so it is skipped.
	 */
	if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC) {
		skip_on_failure = true;
		next_skip_pfn = block_end_pfn(low_pfn, cc->order);
	}

	for (; low_pfn < end_pfn; low_pfn++) {
		if (skip_on_failure && low_pfn >= next_skip_pfn) {
			if (nr_isolated)
				break;
			next_skip_pfn = block_end_pfn(low_pfn, cc->order);
		}
		if (!(low_pfn % COMPACT_CLUSTER_MAX) &&
		    compact_unlock_should_abort(&pgdat->lru_lock, &locked, cc))
			break;

		nr_scanned++;
		page = pfn_to_page(low_pfn);
		if (!valid_page)
			valid_page = page;

		/* A free block: skip it whole (the order is read unlocked). */
		if (PageBuddy(page)) {
			unsigned long freepage_order = page_order_unsafe(page);

			if (freepage_order > 0 && freepage_order < MAX_ORDER)
				low_pfn += (1UL << freepage_order) - 1;
			continue;
		}

		if (!PageLRU(page)) {
			/*
			 * A driver's movable page (the lockless test is a
			 * hint; isolate_movable_page() checks under the page
			 * lock).  The driver's callback may take its own
			 * locks, so the lru_lock is dropped first.
			 */
			if (unlikely(__PageMovable(page)) && !PageIsolated(page)) {
				if (locked) {
					compact_unlock(&pgdat->lru_lock);
					locked = false;
				}
				if (isolate_movable_page(page, isolate_mode))
					goto isolate_success;
			}
			goto isolate_fail;
		}

		/*
		 * Pinned: more references than mappings (and no mapping to
		 * explain them).  Migration would fail; don't isolate.
		 */
		if (!page_mapping(page) && page_count(page) > page_mapcount(page))
			goto isolate_fail;

		if (!locked) {
			locked = compact_trylock(&pgdat->lru_lock, cc);
			if (!locked)
				break;
			if (!PageLRU(page))
				goto isolate_fail;
		}
		if (__isolate_lru_page(page, isolate_mode) != 0)
			goto isolate_fail;
		del_page_from_lru_list(page, lruvec, page_lru(page));
		/* Non-LRU movable pages are not counted as isolated. */
		inc_node_page_state(page, NR_ISOLATED_ANON);
isolate_success:
		list_add(&page->lru, &cc->migratepages);
		cc->nr_migratepages++;
		nr_isolated++;
		if (!cc->last_migrated_pfn)
			cc->last_migrated_pfn = low_pfn;
		if (cc->nr_migratepages == COMPACT_CLUSTER_MAX) {
			++low_pfn;
			break;
		}
		continue;
isolate_fail:
		if (!skip_on_failure)
			continue;
		/* Give back what this order block had: it cannot be freed. */
		if (nr_isolated) {
			if (locked) {
				compact_unlock(&pgdat->lru_lock);
				locked = false;
			}
			putback_movable_pages(&cc->migratepages);
			cc->nr_migratepages = 0;
			cc->last_migrated_pfn = 0;
			nr_isolated = 0;
		}
		if (low_pfn < next_skip_pfn) {
			low_pfn = next_skip_pfn - 1;
			next_skip_pfn += 1UL << cc->order;
		}
	}
	if (low_pfn > end_pfn)
		low_pfn = end_pfn;
	if (locked)
		compact_unlock(&pgdat->lru_lock);
	if (low_pfn == end_pfn)
		update_pageblock_skip(cc, valid_page, nr_isolated, true);

	trace_mm_compaction_isolate_migratepages(start_pfn, low_pfn, nr_scanned,
						 nr_isolated);
	count_compact_events(COMPACTMIGRATE_SCANNED, nr_scanned);
	cc->total_migrate_scanned += nr_scanned;
	if (nr_isolated)
		count_compact_events(COMPACTISOLATED, nr_isolated);
	return low_pfn;
}

/**
 * isolate_migratepages_range - isolate the movable pages of a pfn range
 * @cc: the caller's compaction state; pages go to cc->migratepages
 * @start_pfn: the first pfn to scan
 * @end_pfn: one past the last
 *
 * The migrate scanner of compaction over an arbitrary range, block by
 * block, without the skip hints: alloc_contig_range() uses it to empty
 * the range it wants.  It isolates LRU pages and, through
 * isolate_movable_page(), the non-LRU movable pages of drivers (zsmalloc,
 * the balloon, the sample driver): that is what the series gives to CMA.
 * It stops after COMPACT_CLUSTER_MAX pages so that they are migrated
 * before more are taken.
 *
 * Return: the pfn where the scan stopped, or 0 if it was aborted (a
 * fatal signal).
 */
unsigned long isolate_migratepages_range(struct compact_control *cc,
					 unsigned long start_pfn,
					 unsigned long end_pfn)
{
	unsigned long pfn, block_start_pfn, block_end_pfn;

	pfn = start_pfn;
	block_start_pfn = pageblock_start_pfn(pfn);
	if (block_start_pfn < cc->zone->zone_start_pfn)
		block_start_pfn = cc->zone->zone_start_pfn;
	block_end_pfn = pageblock_end_pfn(pfn);

	for (; pfn < end_pfn; pfn = block_end_pfn,
	     block_start_pfn = block_end_pfn,
	     block_end_pfn += pageblock_nr_pages) {
		block_end_pfn = min(block_end_pfn, end_pfn);
		if (!pageblock_pfn_to_page(block_start_pfn, block_end_pfn,
					   cc->zone))
			continue;
		pfn = isolate_migratepages_block(cc, pfn, block_end_pfn,
						 ISOLATE_UNEVICTABLE);
		if (!pfn)
			break;
		if (cc->nr_migratepages == COMPACT_CLUSTER_MAX)
			break;
	}
	return pfn;
}

typedef enum {
	ISOLATE_ABORT,		/* Abort compaction now */
	ISOLATE_NONE,		/* No pages isolated, continue scanning */
	ISOLATE_SUCCESS,	/* Pages isolated, migrate */
} isolate_migrate_t;

/*
 * Move the migrate scanner up from cc->migrate_pfn to the first pageblock
 * where it isolates something, and isolate from it.
 */
static isolate_migrate_t isolate_migratepages(struct zone *zone,
					      struct compact_control *cc)
{
	const isolate_mode_t isolate_mode =
		(sysctl_compact_unevictable_allowed ? ISOLATE_UNEVICTABLE : 0) |
		(cc->mode != MIGRATE_SYNC ? ISOLATE_ASYNC_MIGRATE : 0);
	unsigned long block_start_pfn, block_end_pfn, low_pfn;

	low_pfn = cc->migrate_pfn;
	block_start_pfn = pageblock_start_pfn(low_pfn);
	if (block_start_pfn < zone->zone_start_pfn)
		block_start_pfn = zone->zone_start_pfn;
	block_end_pfn = pageblock_end_pfn(low_pfn);

	for (; block_end_pfn <= cc->free_pfn;
	     low_pfn = block_end_pfn,
	     block_start_pfn = block_end_pfn,
	     block_end_pfn += pageblock_nr_pages) {
		struct page *page;

		if (compact_should_abort(cc))
			break;
		page = pageblock_pfn_to_page(block_start_pfn, block_end_pfn, zone);
		if (!page)
			continue;
		if (!isolation_suitable(cc, page))
			continue;
		/* Async mode only takes from blocks that are movable already. */
		if (cc->mode == MIGRATE_ASYNC &&
		    !migrate_async_suitable(get_pageblock_migratetype(page)))
			continue;

		low_pfn = isolate_migratepages_block(cc, low_pfn, block_end_pfn,
						     isolate_mode);
		if (!low_pfn || cc->contended)
			return ISOLATE_ABORT;
		/* One block per call: migrate what it gave before going on. */
		break;
	}
	cc->migrate_pfn = low_pfn;
	return cc->nr_migratepages ? ISOLATE_SUCCESS : ISOLATE_NONE;
}

/* ---- when to start, when to stop ------------------------------------- */

static enum compact_result __compact_finished(struct zone *zone,
					      struct compact_control *cc,
					      const int migratetype)
{
	unsigned long watermark;
	unsigned int order;

	if (cc->contended || fatal_signal_pending(current))
		return COMPACT_CONTENDED;

	if (compact_scanners_met(cc)) {
		reset_cached_positions(zone);
		/*
		 * A direct compactor went all the way: the skip hints of this
		 * pass may be cleared when the node is balanced (kswapd).
		 */
		if (cc->direct_compaction)
			WRITE_ONCE(zone->compact_blockskip_flush, true);
		return cc->whole_zone ? COMPACT_COMPLETE : COMPACT_PARTIAL_SKIPPED;
	}

	if (is_via_compact_memory(cc->order))
		return COMPACT_CONTINUE;

	watermark = wmark_pages(zone, cc->alloc_flags & ALLOC_WMARK_MASK);
	if (!zone_watermark_ok(zone, cc->order, watermark, cc->classzone_idx,
			       cc->alloc_flags))
		return COMPACT_CONTINUE;

	/* Is there a free block the allocation can have now? */
	for (order = cc->order; order < MAX_ORDER; order++) {
		struct free_area *area = &zone->free_area[order];
		bool can_steal;

		if (!list_empty(&area->free_list[migratetype]))
			return COMPACT_SUCCESS;
		/* A movable allocation may use the CMA pageblocks. */
		if (migratetype == MIGRATE_MOVABLE &&
		    !list_empty(&area->free_list[MIGRATE_CMA]))
			return COMPACT_SUCCESS;
		/* One it could take from another type's lists counts too. */
		if (find_suitable_fallback(area, order, migratetype, true,
					   &can_steal) != -1)
			return COMPACT_SUCCESS;
	}
	return COMPACT_NO_SUITABLE_PAGE;
}

static enum compact_result compact_finished(struct zone *zone,
					    struct compact_control *cc,
					    const int migratetype)
{
	enum compact_result ret = __compact_finished(zone, cc, migratetype);

	trace_mm_compaction_finished(zone, cc->order, ret);
	if (ret == COMPACT_NO_SUITABLE_PAGE)
		ret = COMPACT_CONTINUE;
	return ret;
}

/*
 * COMPACT_SKIPPED: too little free memory to migrate into;
 * COMPACT_SUCCESS: an allocation of the order would succeed already;
 * COMPACT_NOT_SUITABLE_ZONE: the failure would be for lack of memory,
 * not fragmentation (fragmentation index at or below
 * vm.extfrag_threshold); COMPACT_CONTINUE: compaction can help.
 */
static enum compact_result __compaction_suitable(struct zone *zone, int order,
						 unsigned int alloc_flags,
						 int classzone_idx,
						 unsigned long wmark_target)
{
	unsigned long watermark;
	int fragindex;

	if (is_via_compact_memory(order))
		return COMPACT_CONTINUE;

	watermark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
	if (zone_watermark_ok(zone, order, watermark, classzone_idx, alloc_flags))
		return COMPACT_SUCCESS;

	/*
	 * Migration needs somewhere to copy to while both copies exist:
	 * require the order-0 watermark plus twice the request.
	 */
	watermark += 2UL << order;
	if (!__zone_watermark_ok(zone, 0, watermark, classzone_idx,
				 alloc_flags, wmark_target))
		return COMPACT_SKIPPED;

	fragindex = fragmentation_index(zone, order);
	if (fragindex >= 0 && fragindex <= sysctl_extfrag_threshold)
		return COMPACT_NOT_SUITABLE_ZONE;
	return COMPACT_CONTINUE;
}

/**
 * compaction_suitable - would compaction of @zone help an allocation?
 * @zone: the zone
 * @order: the allocation's order (-1: compact_memory)
 * @alloc_flags: the allocation's watermark flags
 * @classzone_idx: the zone the allocation asked for
 *
 * Return: COMPACT_CONTINUE to compact, COMPACT_SUCCESS if not needed,
 * COMPACT_SKIPPED if it cannot help.
 */
enum compact_result compaction_suitable(struct zone *zone, int order,
					unsigned int alloc_flags,
					int classzone_idx)
{
	enum compact_result ret;

	ret = __compaction_suitable(zone, order, alloc_flags, classzone_idx,
				    zone_page_state(zone, NR_FREE_PAGES));
	trace_mm_compaction_suitable(zone, order, ret);
	if (ret == COMPACT_NOT_SUITABLE_ZONE)
		ret = COMPACT_SKIPPED;
	return ret;
}

/**
 * compaction_zonelist_suitable - is retrying compaction for @order worth it?
 * @ac: the allocation
 * @order: its order
 * @alloc_flags: its watermark flags
 *
 * Return: true if some allowed zone could be helped by compaction.
 */
bool compaction_zonelist_suitable(struct alloc_context *ac, int order,
				  int alloc_flags)
{
	int idx;

	for (idx = ac->high_zoneidx; idx >= 0; idx--) {
		struct zone *zone = &NODE_DATA(0)->node_zones[idx];
		enum compact_result res;
		unsigned long available;

		if (!managed_zone(zone))
			continue;
		/*
		 * Reclaim could make room: count a share of what it could
		 * free, not all of it (one high-order allocation is not
		 * worth thrashing for).
		 */
		available = zone_reclaimable_pages(zone) / order;
		available += zone_page_state(zone, NR_FREE_PAGES);
		res = __compaction_suitable(zone, order, alloc_flags,
					    ac->classzone_idx, available);
		if (res != COMPACT_SKIPPED && res != COMPACT_NOT_SUITABLE_ZONE)
			return true;
	}
	return false;
}

/* ---- compacting a zone ------------------------------------------------ */

/* Where the scanners start: cached positions, or the ends of the zone. */
static void init_scanners(struct zone *zone, struct compact_control *cc)
{
	unsigned long start_pfn = zone->zone_start_pfn;
	unsigned long end_pfn = zone_end_pfn(zone);
	const bool sync = cc->mode != MIGRATE_ASYNC;

	if (cc->whole_zone) {
		cc->migrate_pfn = start_pfn;
		cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
		return;
	}
	cc->migrate_pfn = READ_ONCE(zone->compact_cached_migrate_pfn[sync]);
	cc->free_pfn = READ_ONCE(zone->compact_cached_free_pfn);
	if (cc->free_pfn < start_pfn || cc->free_pfn >= end_pfn) {
		cc->free_pfn = pageblock_start_pfn(end_pfn - 1);
		WRITE_ONCE(zone->compact_cached_free_pfn, cc->free_pfn);
	}
	if (cc->migrate_pfn < start_pfn || cc->migrate_pfn >= end_pfn) {
		cc->migrate_pfn = start_pfn;
		WRITE_ONCE(zone->compact_cached_migrate_pfn[0], cc->migrate_pfn);
		WRITE_ONCE(zone->compact_cached_migrate_pfn[1], cc->migrate_pfn);
	}
	/* Starting at the bottom means this pass covers the whole zone. */
	if (cc->migrate_pfn == start_pfn)
		cc->whole_zone = true;
}

/*
 * Pages freed by migration sit in the per-cpu lists, where they cannot
 * merge.  Once the migrate scanner has left the order-aligned block it
 * last emptied, flush them so that compact_finished() sees the merge.
 */
static void drain_if_block_done(struct zone *zone, struct compact_control *cc)
{
	if (cc->order <= 0 || !cc->last_migrated_pfn)
		return;
	if (cc->last_migrated_pfn < block_start_pfn(cc->migrate_pfn, cc->order)) {
		lru_add_drain();
		drain_local_pages(zone);
		cc->last_migrated_pfn = 0;
	}
}

static enum compact_result compact_zone(struct zone *zone,
					struct compact_control *cc)
{
	unsigned long start_pfn = zone->zone_start_pfn;
	unsigned long end_pfn = zone_end_pfn(zone);
	const int migratetype = gfpflags_to_migratetype(cc->gfp_mask);
	const bool sync = cc->mode != MIGRATE_ASYNC;
	enum compact_result ret;

	ret = compaction_suitable(zone, cc->order, cc->alloc_flags,
				  cc->classzone_idx);
	if (ret == COMPACT_SUCCESS || ret == COMPACT_SKIPPED)
		return ret;
	VM_BUG_ON(ret != COMPACT_CONTINUE);

	/* After a long deferral the skip hints are too old to trust. */
	if (compaction_restarting(zone, cc->order))
		__reset_isolation_suitable(zone);

	init_scanners(zone, cc);
	cc->last_migrated_pfn = 0;
	trace_mm_compaction_begin(start_pfn, cc->migrate_pfn, cc->free_pfn,
				  end_pfn, sync);

	while ((ret = compact_finished(zone, cc, migratetype)) ==
	       COMPACT_CONTINUE) {
		int err;

		switch (isolate_migratepages(zone, cc)) {
		case ISOLATE_ABORT:
			ret = COMPACT_CONTENDED;
			putback_movable_pages(&cc->migratepages);
			cc->nr_migratepages = 0;
			goto out;
		case ISOLATE_NONE:
			drain_if_block_done(zone, cc);
			continue;
		case ISOLATE_SUCCESS:
			break;
		}

		err = migrate_pages(&cc->migratepages, compaction_alloc,
				    compaction_free, (unsigned long)cc,
				    cc->mode, MR_COMPACTION);
		trace_mm_compaction_migratepages(cc->nr_migratepages, err,
						 &cc->migratepages);
		cc->nr_migratepages = 0;
		if (err) {
			putback_movable_pages(&cc->migratepages);
			/*
			 * -ENOMEM: the free scanner found no more targets.
			 * That is normal when the scanners met (compact_finished()
			 * will say so); otherwise give up on this pass.
			 */
			if (err == -ENOMEM && !compact_scanners_met(cc)) {
				ret = COMPACT_CONTENDED;
				goto out;
			}
			/* The order block cannot be freed: move past it. */
			if (cc->direct_compaction && cc->mode == MIGRATE_ASYNC) {
				cc->migrate_pfn = block_end_pfn(cc->migrate_pfn - 1,
								cc->order);
				cc->last_migrated_pfn = 0;
			}
		}
		drain_if_block_done(zone, cc);
	}
out:
	/* Free the unused targets; the next pass may find them again. */
	if (cc->nr_freepages > 0) {
		unsigned long free_pfn = release_freepages(&cc->freepages);

		cc->nr_freepages = 0;
		VM_BUG_ON(free_pfn == 0);
		free_pfn = pageblock_start_pfn(free_pfn);
		/* Only backwards: compact_finished() may have reset it. */
		if (free_pfn > READ_ONCE(zone->compact_cached_free_pfn))
			WRITE_ONCE(zone->compact_cached_free_pfn, free_pfn);
	}
	trace_mm_compaction_end(start_pfn, cc->migrate_pfn, cc->free_pfn,
				end_pfn, sync, ret);
	return ret;
}

static void init_compact_control(struct compact_control *cc, struct zone *zone)
{
	cc->nr_freepages = 0;
	cc->nr_migratepages = 0;
	cc->total_migrate_scanned = 0;
	cc->total_free_scanned = 0;
	cc->zone = zone;
	cc->contended = false;
	INIT_LIST_HEAD(&cc->freepages);
	INIT_LIST_HEAD(&cc->migratepages);
}

static enum compact_result compact_zone_order(struct zone *zone, int order,
		gfp_t gfp_mask, enum compact_priority prio,
		unsigned int alloc_flags, int classzone_idx)
{
	struct compact_control cc = {
		.order = order,
		.gfp_mask = gfp_mask,
		.mode = (prio == COMPACT_PRIO_ASYNC) ?
			MIGRATE_ASYNC :	MIGRATE_SYNC_LIGHT,
		.alloc_flags = alloc_flags,
		.classzone_idx = classzone_idx,
		/*
		 * 4.8: every priority honours the skip hints and the
		 * pageblock types; 4.9 made the highest one scan the whole
		 * zone ignoring both (COMPACT_PRIO_SYNC_FULL).
		 */
		.direct_compaction = true,
	};
	enum compact_result ret;

	init_compact_control(&cc, zone);
	ret = compact_zone(zone, &cc);
	VM_BUG_ON(!list_empty(&cc.freepages));
	VM_BUG_ON(!list_empty(&cc.migratepages));
	return ret;
}

/**
 * try_to_compact_pages - direct compaction for a failed allocation
 * @gfp_mask: the allocation's gfp flags
 * @order: its order
 * @alloc_flags: its watermark flags
 * @ac: its zones
 * @prio: how hard to try
 *
 * Return: the best result over the zones tried.
 */
enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order,
		unsigned int alloc_flags, const struct alloc_context *ac,
		enum compact_priority prio)
{
	enum compact_result rc = COMPACT_SKIPPED;
	int idx;

	/*
	 * Migration may wait on I/O and enter the filesystem: not for
	 * allocations that can't.  (4.10 let GFP_NOFS allocations compact.)
	 */
	if (!(gfp_mask & __GFP_IO) || !(gfp_mask & __GFP_FS))
		return COMPACT_SKIPPED;

	trace_mm_compaction_try_to_compact_pages(order, gfp_mask, prio);
	for (idx = ac->high_zoneidx; idx >= 0; idx--) {
		struct zone *zone = &NODE_DATA(0)->node_zones[idx];
		enum compact_result status;

		if (!managed_zone(zone))
			continue;
		/* 4.8 defers at every priority (4.9: not at the highest). */
		if (compaction_deferred(zone, order)) {
			rc = max_t(enum compact_result, COMPACT_DEFERRED, rc);
			continue;
		}
		status = compact_zone_order(zone, order, gfp_mask, prio,
					    alloc_flags, ac->classzone_idx);
		rc = max(status, rc);
		if (status == COMPACT_SUCCESS) {
			/* Not yet allocated: don't forget the failures. */
			compaction_defer_reset(zone, order, false);
			break;
		}
		/* Async failures say little: only sync ones defer. */
		if (prio != COMPACT_PRIO_ASYNC &&
		    (status == COMPACT_COMPLETE || status == COMPACT_PARTIAL_SKIPPED))
			defer_compaction(zone, order);
		if (fatal_signal_pending(current))
			break;
	}
	return rc;
}

/* ---- compact_memory ---------------------------------------------------- */

/* Compact every zone of the node, whole, synchronously. */
static void compact_node(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);
	struct compact_control cc = {
		.order = -1,
		.mode = MIGRATE_SYNC,
		.ignore_skip_hint = true,
		.whole_zone = true,
		.gfp_mask = GFP_KERNEL,
	};
	int zoneid;

	for (zoneid = 0; zoneid < MAX_NR_ZONES; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (!populated_zone(zone))
			continue;
		init_compact_control(&cc, zone);
		compact_zone(zone, &cc);
		VM_BUG_ON(!list_empty(&cc.freepages));
		VM_BUG_ON(!list_empty(&cc.migratepages));
	}
}

/*
 * /proc/sys/vm/compact_memory: writing anything compacts all memory.
 * The file is write-only, as in the kernel.
 */
int sysctl_compaction_handler(struct ctl_table *table, int write,
			      void __user *buffer, size_t *length,
			      loff_t *ppos)
{
	if (write)
		compact_node(0);
	return 0;
}

static int zero_val;
static int one_thousand = 1000;
static int one_val = 1;

static struct ctl_table compaction_sysctls[] = {
	{
		.procname	= "compact_memory",
		.data		= &sysctl_compact_memory,
		.maxlen		= sizeof(int),
		.mode		= 0200,
		.proc_handler	= sysctl_compaction_handler,
	},
	{
		.procname	= "extfrag_threshold",
		.data		= &sysctl_extfrag_threshold,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &zero_val,
		.extra2		= &one_thousand,
	},
	{
		.procname	= "compact_unevictable_allowed",
		.data		= &sysctl_compact_unevictable_allowed,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &zero_val,
		.extra2		= &one_val,
	},
	{ }
};

/* ---- kcompactd --------------------------------------------------------- */

static bool kcompactd_work_requested(pg_data_t *pgdat)
{
	return READ_ONCE(pgdat->kcompactd_max_order) > 0 || kthread_should_stop();
}

static bool kcompactd_node_suitable(pg_data_t *pgdat)
{
	enum zone_type classzone_idx = READ_ONCE(pgdat->kcompactd_classzone_idx);
	int order = READ_ONCE(pgdat->kcompactd_max_order);
	int zoneid;

	for (zoneid = 0; zoneid <= classzone_idx; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];

		if (!populated_zone(zone))
			continue;
		if (compaction_suitable(zone, order, 0,
					classzone_idx) == COMPACT_CONTINUE)
			return true;
	}
	return false;
}

/* Compact the node's zones until the order asked for is available. */
static void kcompactd_do_work(pg_data_t *pgdat)
{
	struct compact_control cc = {
		.order = READ_ONCE(pgdat->kcompactd_max_order),
		.classzone_idx = READ_ONCE(pgdat->kcompactd_classzone_idx),
		.mode = MIGRATE_SYNC_LIGHT,
		.ignore_skip_hint = true,
		.gfp_mask = GFP_KERNEL,
	};
	int zoneid;

	trace_mm_compaction_kcompactd_wake(pgdat->node_id, cc.order,
					   cc.classzone_idx);
	count_vm_event(KCOMPACTD_WAKE);

	for (zoneid = 0; zoneid <= cc.classzone_idx; zoneid++) {
		struct zone *zone = &pgdat->node_zones[zoneid];
		enum compact_result status;

		if (!populated_zone(zone))
			continue;
		if (compaction_deferred(zone, cc.order))
			continue;
		if (compaction_suitable(zone, cc.order, 0, zoneid) !=
		    COMPACT_CONTINUE)
			continue;
		if (kthread_should_stop())
			break;
		init_compact_control(&cc, zone);
		status = compact_zone(zone, &cc);
		count_vm_events(KCOMPACTD_MIGRATE_SCANNED, cc.total_migrate_scanned);
		count_vm_events(KCOMPACTD_FREE_SCANNED, cc.total_free_scanned);

		if (zone_watermark_ok(zone, cc.order, low_wmark_pages(zone),
				      cc.classzone_idx, 0))
			compaction_defer_reset(zone, cc.order, false);
		else if (status == COMPACT_PARTIAL_SKIPPED ||
			 status == COMPACT_COMPLETE)
			/* kcompactd migrates synchronously: defer as sync does. */
			defer_compaction(zone, cc.order);
		VM_BUG_ON(!list_empty(&cc.freepages));
		VM_BUG_ON(!list_empty(&cc.migratepages));
	}

	/*
	 * Done until woken again; a request that came in meanwhile for a
	 * higher order or a lower zone is kept.
	 */
	if (READ_ONCE(pgdat->kcompactd_max_order) <= cc.order)
		WRITE_ONCE(pgdat->kcompactd_max_order, 0);
	if (READ_ONCE(pgdat->kcompactd_classzone_idx) >= cc.classzone_idx)
		WRITE_ONCE(pgdat->kcompactd_classzone_idx, pgdat->nr_zones - 1);
}

/**
 * wakeup_kcompactd - ask kcompactd to make @order available
 * @pgdat: the node
 * @order: the order (0 does nothing)
 * @classzone_idx: the highest zone the allocation could use
 */
void wakeup_kcompactd(pg_data_t *pgdat, int order, int classzone_idx)
{
	if (!order)
		return;
	/* Racy updates, as in Linux: a lost one only delays the work. */
	if (READ_ONCE(pgdat->kcompactd_max_order) < order)
		WRITE_ONCE(pgdat->kcompactd_max_order, order);
	if (READ_ONCE(pgdat->kcompactd_classzone_idx) > classzone_idx)
		WRITE_ONCE(pgdat->kcompactd_classzone_idx, classzone_idx);

	/* Lockless: if kcompactd is not asleep, it will see the request. */
	if (!waitqueue_active(&pgdat->kcompactd_wait))
		return;
	if (!kcompactd_node_suitable(pgdat))
		return;
	trace_mm_compaction_wakeup_kcompactd(pgdat->node_id, order,
					     classzone_idx);
	wake_up_interruptible(&pgdat->kcompactd_wait);
}

/*
 * umm: kcompactd's work for deterministic runs (see umm_kthread_wake()).
 * It runs after kswapd's, which wakes kcompactd, and otherwise at the
 * next safe point: what wakeup_kcompactd() checks before waking the
 * thread is checked here.  Tasks that do it at the same time take turns,
 * as if they were the one thread.
 */
static DEFINE_MUTEX(kcompactd_umm_mutex);

static void kcompactd_umm_work(void *p)
{
	pg_data_t *pgdat = p;
	int order = READ_ONCE(pgdat->kcompactd_max_order);

	if (!order)
		return;
	if (!kcompactd_node_suitable(pgdat)) {
		WRITE_ONCE(pgdat->kcompactd_max_order, 0);
		return;
	}
	trace_mm_compaction_wakeup_kcompactd(pgdat->node_id, order,
			READ_ONCE(pgdat->kcompactd_classzone_idx));
	mutex_lock(&kcompactd_umm_mutex);
	kcompactd_do_work(pgdat);
	mutex_unlock(&kcompactd_umm_mutex);
}

static int kcompactd(void *p)
{
	pg_data_t *pgdat = p;

	WRITE_ONCE(pgdat->kcompactd_max_order, 0);
	WRITE_ONCE(pgdat->kcompactd_classzone_idx, pgdat->nr_zones - 1);

	while (!kthread_should_stop()) {
		trace_mm_compaction_kcompactd_sleep(pgdat->node_id);
		wait_event_interruptible(pgdat->kcompactd_wait,
					 kcompactd_work_requested(pgdat));
		if (kthread_should_stop())
			break;
		kcompactd_do_work(pgdat);
	}
	return 0;
}

/**
 * kcompactd_run - start the node's kcompactd
 * @nid: the node
 *
 * Return: 0, or the error of kthread_run().
 */
int kcompactd_run(int nid)
{
	pg_data_t *pgdat = NODE_DATA(nid);

	if (pgdat->kcompactd)
		return 0;
	/* umm: no thread in deterministic runs (see kcompactd_init()) */
	pgdat->kcompactd = umm_kthread_run(kcompactd, pgdat, "kcompactd%d",
					   nid);
	if (IS_ERR(pgdat->kcompactd)) {
		int err = PTR_ERR(pgdat->kcompactd);

		pr_err("Failed to start kcompactd on node %d\n", nid);
		pgdat->kcompactd = NULL;
		return err;
	}
	return 0;
}

/**
 * kcompactd_stop - stop the node's kcompactd
 * @nid: the node
 */
void kcompactd_stop(int nid)
{
	struct task_struct *kcompactd = NODE_DATA(nid)->kcompactd;

	if (kcompactd) {
		kthread_stop(kcompactd);
		NODE_DATA(nid)->kcompactd = NULL;
	}
}

static int __init kcompactd_init(void)
{
	pg_data_t *pgdat = NODE_DATA(0);

	init_waitqueue_head(&pgdat->kcompactd_wait);
	WRITE_ONCE(pgdat->kcompactd_max_order, 0);
	WRITE_ONCE(pgdat->kcompactd_classzone_idx, pgdat->nr_zones - 1);
	register_sysctl("vm", compaction_sysctls);
	/* umm: what deterministic runs do where kcompactd is woken */
	umm_kthread_set_work(UMM_KCOMPACTD, kcompactd_umm_work, pgdat);
	return kcompactd_run(0);
}
subsys_initcall(kcompactd_init);
