// SPDX-License-Identifier: GPL-2.0
/*
 * mm/vmscan.c - the LRU lists and page reclaim
 *
 * Every page of user memory here is anonymous, so reclaim means swap:
 * a page leaves memory by being written to a swap device (zram), and its
 * ptes become swap entries.  The node has two LRU lists, active and
 * inactive anon.  New pages start active; aging (shrink_active_list())
 * moves pages from the tail of the active list to the inactive one,
 * clearing their accessed bits on the way; reclaim (shrink_page_list())
 * takes pages from the tail of the inactive list and sends back to the
 * active list those accessed again meanwhile (a second chance), swapping
 * out the rest.
 *
 * Two kinds of callers: kswapd, woken by allocations that find free
 * memory below the low watermark, reclaims until the high watermark is
 * back and then wakes kcompactd for the order that was asked for; and
 * allocators themselves (direct reclaim), when kswapd cannot keep up.
 *
 * Writing a page out (no swap cache, see mm/swap_state.c): the page is
 * locked, gets a swap slot (SWAP_HAS_CACHE), is unmapped (its ptes hold
 * the swap entry from then on), written synchronously, and freed.  A
 * fault on the entry before the write is done waits for the slot; if the
 * write fails the ptes get the page back.
 *
 * Reclaim also asks the registered shrinkers (<linux/shrinker.h>) to free
 * objects in proportion to the LRU pages it scanned; here the one
 * shrinker is zsmalloc's, which compacts its pools.
 *
 * Later than 4.8 here: wakeup_kswapd() has 4.17's signature and, as since
 * 4.14, wakes kcompactd itself when kswapd keeps failing on the node;
 * kswapd_failures (4.11) is how a node is found hopeless.
 *
 * Lock order: page lock, then pgdat->lru_lock (taken for the lists only,
 * never across reclaim of a page).  shrinker_rwsem is taken only with a
 * trylock by reclaim, and never held across page reclaim.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/mm_inline.h>
#include <linux/vmstat.h>
#include <linux/pagemap.h>
#include <linux/page_ref.h>
#include <linux/rmap.h>
#include <linux/compaction.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/sysctl.h>
#include <linux/shrinker.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/err.h>
#include <linux/umm.h>
#include "internal.h"

int vm_swappiness = 60;

struct scan_control {
	unsigned long nr_to_reclaim;	/* how many pages to free */
	gfp_t gfp_mask;			/* of the allocation we reclaim for */
	int order;			/* of that allocation */
	enum zone_type reclaim_idx;	/* the highest zone whose pages help */
	int priority;			/* scan 1/2^priority of the lists */
	unsigned int may_swap:1;
	unsigned long nr_scanned;
	unsigned long nr_reclaimed;
};

static bool current_is_kswapd(void)
{
	return current->flags & PF_KSWAPD;
}

/* ---- shrinkers ---------------------------------------------------------------- */

static LIST_HEAD(shrinker_list);
static DECLARE_RWSEM(shrinker_rwsem);

/**
 * register_shrinker - let reclaim shrink a cache
 * @shrinker: the cache's callbacks, seeks and batch filled in
 *
 * Return: 0, or -ENOMEM if its deferred counts cannot be allocated.
 */
int register_shrinker(struct shrinker *shrinker)
{
	/* One count per node if SHRINKER_NUMA_AWARE; umm has one node. */
	shrinker->nr_deferred = kzalloc(sizeof(*shrinker->nr_deferred),
					GFP_KERNEL);
	if (!shrinker->nr_deferred)
		return -ENOMEM;
	down_write(&shrinker_rwsem);
	list_add_tail(&shrinker->list, &shrinker_list);
	up_write(&shrinker_rwsem);
	return 0;
}
EXPORT_SYMBOL(register_shrinker);

/**
 * unregister_shrinker - take a cache away from reclaim
 * @shrinker: a registered shrinker
 *
 * Once this returns no call of its callbacks runs or will run: a running
 * shrink_slab() holds shrinker_rwsem for reading.
 */
void unregister_shrinker(struct shrinker *shrinker)
{
	down_write(&shrinker_rwsem);
	list_del(&shrinker->list);
	up_write(&shrinker_rwsem);
	kfree(shrinker->nr_deferred);
	shrinker->nr_deferred = NULL;
}
EXPORT_SYMBOL(unregister_shrinker);

#define SHRINK_BATCH 128

/*
 * Ask one shrinker for a share of its objects as large as the share of
 * the eligible LRU pages that reclaim just scanned, scaled by 4 / seeks
 * (4.8's arithmetic).  Work that is too small for a batch is carried in
 * nr_deferred to the next call, but a shrinker that could free fewer
 * objects than a batch is asked for them all once the wanted scan covers
 * them.
 */
static unsigned long do_shrink_slab(struct shrink_control *shrinkctl,
				    struct shrinker *shrinker,
				    unsigned long nr_scanned,
				    unsigned long nr_eligible)
{
	long batch_size = shrinker->batch ? shrinker->batch : SHRINK_BATCH;
	atomic_long_t *deferred = &shrinker->nr_deferred[shrinkctl->nid];
	unsigned long freed = 0;
	unsigned long long delta;
	long freeable, total_scan;

	freeable = shrinker->count_objects(shrinker, shrinkctl);
	if (freeable == 0)
		return 0;

	/* Take the deferred work, so that a concurrent caller does not. */
	total_scan = atomic_long_xchg(deferred, 0);
	delta = (4 * nr_scanned) / shrinker->seeks;
	delta *= freeable;
	delta /= nr_eligible + 1;
	total_scan += delta;
	if (total_scan < 0) {
		pr_err("shrink_slab: %ps negative objects to delete nr=%ld\n",
		       shrinker->scan_objects, total_scan);
		total_scan = freeable;
	}
	/*
	 * Deferred work alone (a small delta) may empty at most half of the
	 * cache; a whole cache goes only when this call's scan asks for it.
	 */
	if (delta < freeable / 4)
		total_scan = min(total_scan, freeable / 2);
	/* Never more than twice what could be freed: no endless loops. */
	if (total_scan > freeable * 2)
		total_scan = freeable * 2;

	while (total_scan >= batch_size || total_scan >= freeable) {
		unsigned long nr_to_scan = min(batch_size, total_scan);
		unsigned long ret;

		shrinkctl->nr_to_scan = nr_to_scan;
		ret = shrinker->scan_objects(shrinker, shrinkctl);
		if (ret == SHRINK_STOP)
			break;
		freed += ret;
		count_vm_events(SLABS_SCANNED, nr_to_scan);
		total_scan -= nr_to_scan;
		cond_resched();
	}

	/* What was not done is for the next call. */
	if (total_scan > 0)
		atomic_long_add(total_scan, deferred);
	return freed;
}

/**
 * shrink_slab - shrink the registered caches in step with LRU reclaim
 * @gfp_mask: the flags of the allocation reclaim works for
 * @nid: the node being reclaimed
 * @nr_scanned: LRU pages just scanned (0: a batch, SWAP_CLUSTER_MAX)
 * @nr_eligible: LRU pages that could have been scanned
 *
 * Each shrinker is asked to scan about (4 * @nr_scanned / seeks) *
 * count / (@nr_eligible + 1) of its objects.
 *
 * Return: the objects freed; 1 if another task is (un)registering a
 * shrinker just now, so that callers do not conclude there is nothing
 * left to shrink.
 */
unsigned long shrink_slab(gfp_t gfp_mask, int nid, unsigned long nr_scanned,
			  unsigned long nr_eligible)
{
	struct shrinker *shrinker;
	unsigned long freed = 0;

	if (nr_scanned == 0)
		nr_scanned = SWAP_CLUSTER_MAX;
	/* Registration sleeps; reclaim does not wait for it. */
	if (!down_read_trylock(&shrinker_rwsem)) {
		freed = 1;
		goto out;
	}
	list_for_each_entry(shrinker, &shrinker_list, list) {
		struct shrink_control sc = {
			.gfp_mask = gfp_mask,
			.nid = nid,
		};

		if (!(shrinker->flags & SHRINKER_NUMA_AWARE))
			sc.nid = 0;
		freed += do_shrink_slab(&sc, shrinker, nr_scanned, nr_eligible);
	}
	up_read(&shrinker_rwsem);
out:
	cond_resched();
	return freed;
}

/* ---- taking pages off the LRU, and putting them back ----------------- */

/**
 * __isolate_lru_page - can this LRU page be taken for @mode?
 * @page: a page on an LRU list (pgdat->lru_lock held)
 * @mode: ISOLATE_* flags of the caller
 *
 * On success the page has an extra reference and PageLRU is clear; the
 * caller removes it from its list.
 *
 * Return: 0, or -EBUSY if it must be left alone.
 */
int __isolate_lru_page(struct page *page, isolate_mode_t mode)
{
	if (!PageLRU(page))
		return -EBUSY;
	if (PageUnevictable(page) && !(mode & ISOLATE_UNEVICTABLE))
		return -EBUSY;
	/* Async migration must not wait for writeback. */
	if ((mode & ISOLATE_ASYNC_MIGRATE) && PageWriteback(page))
		return -EBUSY;
	if ((mode & ISOLATE_UNMAPPED) && page_mapped(page))
		return -EBUSY;
	/* Being freed: not ours to take. */
	if (!get_page_unless_zero(page))
		return -EBUSY;
	ClearPageLRU(page);
	return 0;
}

/**
 * isolate_lru_page - take a page off the LRU
 * @page: the page; the caller holds a reference
 *
 * Return: 0 with the page off the LRU and an extra reference held, or
 * -EBUSY if it was not on the LRU.
 */
int isolate_lru_page(struct page *page)
{
	struct pglist_data *pgdat = page_pgdat(page);
	int ret = -EBUSY;

	VM_BUG_ON_PAGE(!page_count(page), page);
	if (PageLRU(page)) {
		spin_lock(&pgdat->lru_lock);
		if (PageLRU(page)) {
			get_page(page);
			ClearPageLRU(page);
			del_page_from_lru_list(page, node_lruvec(pgdat),
					       page_lru(page));
			ret = 0;
		}
		spin_unlock(&pgdat->lru_lock);
	}
	return ret;
}

/**
 * putback_lru_page - return an isolated page to the LRU
 * @page: the page, off the LRU, with the isolation reference
 *
 * The isolation reference is dropped; if it was the last one (the task
 * unmapped the page meanwhile), the page is freed.
 */
void putback_lru_page(struct page *page)
{
	VM_BUG_ON_PAGE(PageLRU(page), page);
	lru_cache_add(page);
	put_page(page);
}

/*
 * Look at up to @nr_to_scan pages from the tail of list @lru, taking those
 * that can be isolated onto @dst.  Pages of zones above sc->reclaim_idx
 * would not help the allocation: they go back to the head (pgskip_*).
 * pgdat->lru_lock held.  Returns the number taken; *@nr_scanned, how
 * many were looked at.
 *
 * As in 4.8, a skipped page counts against @nr_to_scan like any other:
 * the work of a call is bounded by what its caller asked for, whatever
 * the zones of the pages.  Not counting them would walk the whole list
 * on every call when it holds nothing reclaim may take (a GFP_KERNEL
 * request, every LRU page in ZONE_MOVABLE), SWAP_CLUSTER_MAX at a time.
 * The skipped pages return to the head, so the next call sees others.
 */
static unsigned long isolate_lru_pages(unsigned long nr_to_scan,
				       struct lruvec *lruvec,
				       struct list_head *dst,
				       unsigned long *nr_scanned,
				       struct scan_control *sc,
				       enum lru_list lru)
{
	struct list_head *src = &lruvec->lists[lru];
	unsigned long nr_skipped[MAX_NR_ZONES] = { 0 };
	unsigned long nr_taken = 0, scan;
	LIST_HEAD(busy);
	int zid;

	for (scan = 0; scan < nr_to_scan && !list_empty(src); scan++) {
		struct page *page = list_last_entry(src, struct page, lru);

		if (page_zonenum(page) > sc->reclaim_idx) {
			list_move(&page->lru, &busy);
			nr_skipped[page_zonenum(page)]++;
			continue;
		}
		if (__isolate_lru_page(page, 0)) {
			/* Being freed or taken: leave it for later. */
			list_move(&page->lru, &busy);
			continue;
		}
		list_move(&page->lru, dst);
		update_lru_size(lruvec, lru, page_zone(page), -1);
		nr_taken++;
	}
	list_splice(&busy, src);
	for (zid = 0; zid < MAX_NR_ZONES; zid++)
		if (nr_skipped[zid])
			__count_zid_vm_events(PGSCAN_SKIP, zid, nr_skipped[zid]);
	*nr_scanned = scan;
	return nr_taken;
}

/* Put what reclaim did not free back on the LRU (no lock held). */
static void putback_lru_pages(struct list_head *list)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		putback_lru_page(page);
	}
}

/* ---- reclaiming pages ----------------------------------------------- */

enum page_references {
	PAGEREF_RECLAIM,
	PAGEREF_ACTIVATE,
};

/*
 * An anonymous page accessed since aging cleared its accessed bits goes
 * back to the active list; one that was not is reclaimed.
 */
static enum page_references page_check_references(struct page *page)
{
	unsigned long vm_flags;
	int referenced_ptes = page_referenced(page, 1, &vm_flags);

	ClearPageReferenced(page);
	return referenced_ptes ? PAGEREF_ACTIVATE : PAGEREF_RECLAIM;
}

/*
 * Swap out one locked, isolated page.  Returns true if the page was
 * freed of every user but us (its reference frozen at zero), false if it
 * stays, with *@activate saying on which list.
 */
static bool swap_out_page(struct page *page, struct scan_control *sc,
			  bool *activate)
{
	*activate = true;
	if (!PageAnon(page))
		return false;
	/* Its task unmapped it meanwhile: nothing to write, just free it. */
	if (!page_mapped(page) && !PageSwapCache(page))
		return page_ref_freeze(page, 1);
	/* Swap-out is I/O: a GFP_NOIO allocation (zram's) may not do it. */
	if (!(sc->gfp_mask & __GFP_IO) || !sc->may_swap)
		goto keep;
	if (!PageSwapCache(page) && !add_to_swap(page))
		return false;	/* swap is full: keep it, active */

	if (page_mapped(page)) {
		switch (try_to_unmap(page, TTU_UNMAP)) {
		case SWAP_FAIL:
			/* Accessed while we looked: it is in use. */
			goto undo;
		case SWAP_AGAIN:
			*activate = false;
			goto undo;
		case SWAP_SUCCESS:
			break;
		}
	}
	if (swap_writepage(page))
		goto undo;
	/*
	 * Written, and mapped nowhere.  Someone may still hold a reference
	 * (a compaction scanner looking at it): then the page stays, and
	 * its ptes get it back, rather than freeing it under them.
	 */
	if (!page_ref_freeze(page, 1))
		goto undo;
	delete_from_swap_cache(page);
	return true;
undo:
	remove_swap_ptes(page);
	delete_from_swap_cache(page);
	return false;
keep:
	*activate = false;
	return false;
}

/*
 * Reclaim what can be reclaimed of @page_list (isolated inactive pages);
 * the rest stays on the list for putback.  Returns the pages freed.
 */
static unsigned long shrink_page_list(struct list_head *page_list,
				      struct scan_control *sc)
{
	unsigned long nr_reclaimed = 0;
	struct page *page, *next;
	LIST_HEAD(ret_pages);

	list_for_each_entry_safe(page, next, page_list, lru) {
		bool activate;

		list_del(&page->lru);
		if (!trylock_page(page)) {
			list_add(&page->lru, &ret_pages);
			continue;
		}
		if (page_check_references(page) == PAGEREF_ACTIVATE) {
			activate = true;
		} else if (swap_out_page(page, sc, &activate)) {
			/* Ours alone, reference frozen: free it. */
			__ClearPageLocked(page);
			__ClearPageActive(page);
			free_hot_cold_page(page, false);
			nr_reclaimed++;
			continue;
		}
		if (activate) {
			SetPageActive(page);
			count_vm_event(PGACTIVATE);
		}
		unlock_page(page);
		list_add(&page->lru, &ret_pages);
	}
	list_splice(&ret_pages, page_list);
	return nr_reclaimed;
}

/* Every page looked at is counted, even when none could be taken. */
static void count_scan(unsigned long nr_scanned)
{
	count_vm_events(current_is_kswapd() ? PGSCAN_KSWAPD : PGSCAN_DIRECT,
			nr_scanned);
	count_vm_events(PGSCAN_ANON, nr_scanned);
}

static void count_steal(unsigned long nr_reclaimed)
{
	count_vm_events(current_is_kswapd() ? PGSTEAL_KSWAPD : PGSTEAL_DIRECT,
			nr_reclaimed);
	count_vm_events(PGSTEAL_ANON, nr_reclaimed);
}

static unsigned long shrink_inactive_list(unsigned long nr_to_scan,
					  struct pglist_data *pgdat,
					  struct scan_control *sc)
{
	struct lruvec *lruvec = node_lruvec(pgdat);
	unsigned long nr_taken, nr_scanned, nr_reclaimed;
	LIST_HEAD(page_list);

	spin_lock(&pgdat->lru_lock);
	nr_taken = isolate_lru_pages(nr_to_scan, lruvec, &page_list,
				     &nr_scanned, sc, LRU_INACTIVE_ANON);
	__mod_node_page_state(pgdat, NR_ISOLATED_ANON, nr_taken);
	spin_unlock(&pgdat->lru_lock);
	sc->nr_scanned += nr_scanned;
	count_scan(nr_scanned);
	if (!nr_taken)
		return 0;

	nr_reclaimed = shrink_page_list(&page_list, sc);
	count_steal(nr_reclaimed);
	__mod_node_page_state(pgdat, NR_ISOLATED_ANON, -(long)nr_taken);
	putback_lru_pages(&page_list);
	return nr_reclaimed;
}

/*
 * Aging: move pages from the tail of the active list to the inactive
 * list.  Their accessed bits are cleared, so that what shrink_page_list()
 * finds set again means "used since".  As in 4.8, a referenced anonymous
 * page is deactivated all the same: the inactive list gives it its second
 * chance.
 */
static void shrink_active_list(unsigned long nr_to_scan,
			       struct pglist_data *pgdat,
			       struct scan_control *sc)
{
	struct lruvec *lruvec = node_lruvec(pgdat);
	unsigned long nr_taken, nr_scanned;
	struct page *page, *next;
	unsigned long vm_flags;
	LIST_HEAD(l_hold);

	spin_lock(&pgdat->lru_lock);
	nr_taken = isolate_lru_pages(nr_to_scan, lruvec, &l_hold, &nr_scanned,
				     sc, LRU_ACTIVE_ANON);
	__mod_node_page_state(pgdat, NR_ISOLATED_ANON, nr_taken);
	spin_unlock(&pgdat->lru_lock);
	count_vm_events(PGREFILL, nr_scanned);

	list_for_each_entry_safe(page, next, &l_hold, lru) {
		page_referenced(page, 0, &vm_flags);
		ClearPageActive(page);
	}
	count_vm_events(PGDEACTIVATE, nr_taken);
	__mod_node_page_state(pgdat, NR_ISOLATED_ANON, -(long)nr_taken);
	putback_lru_pages(&l_hold);
}

/*
 * Is the inactive list too short for the active one?  The ratio grows
 * with memory: 1 below 1 GiB, sqrt(10 * GiB) above (3 at 1 GiB, 10 at
 * 10 GiB), as in 4.8.
 */
static bool inactive_list_is_low(struct pglist_data *pgdat)
{
	unsigned long inactive = node_page_state(pgdat, NR_INACTIVE_ANON);
	unsigned long active = node_page_state(pgdat, NR_ACTIVE_ANON);
	unsigned long gb = (inactive + active) >> (30 - PAGE_SHIFT);
	unsigned long ratio = gb ? int_sqrt(10 * gb) : 1;

	return inactive * ratio < active;
}

/*
 * Is there anything to scan?  There are no file pages here, so 4.8's
 * balancing between the lists comes down to: anonymous pages are scanned
 * when swap has room; with vm.swappiness = 0 only once free memory is at
 * the high watermarks (4.8 then scans anon whatever the swappiness,
 * since the file lists, empty here, cannot help).
 */
static bool may_scan_anon(struct pglist_data *pgdat, struct scan_control *sc)
{
	unsigned long free = 0, high = 0;
	int z;

	if (!sc->may_swap || get_nr_swap_pages() <= 0)
		return false;
	if (READ_ONCE(vm_swappiness))
		return true;
	for (z = 0; z <= sc->reclaim_idx; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!managed_zone(zone))
			continue;
		free += zone_page_state(zone, NR_FREE_PAGES);
		high += high_wmark_pages(zone);
	}
	return free <= high;
}

/*
 * One pass over the node's lists at sc->priority (4.8's
 * shrink_node_memcg() without cgroups).
 */
static void shrink_node_lru(struct pglist_data *pgdat, struct scan_control *sc)
{
	unsigned long nr[NR_LRU_LISTS], nr_reclaimed = 0;
	enum lru_list lru;

	if (!may_scan_anon(pgdat, sc))
		return;
	for_each_lru(lru) {
		unsigned long size = node_page_state(pgdat, NR_LRU_BASE + lru);

		nr[lru] = size >> sc->priority;
		/* Near the end, take at least a batch even of a short list. */
		if (!nr[lru] && size && sc->priority < DEF_PRIORITY - 2)
			nr[lru] = min(size, SWAP_CLUSTER_MAX);
	}

	while (nr[LRU_INACTIVE_ANON] || nr[LRU_ACTIVE_ANON]) {
		for_each_lru(lru) {
			unsigned long nr_to_scan = min(nr[lru], SWAP_CLUSTER_MAX);

			if (!nr_to_scan)
				continue;
			nr[lru] -= nr_to_scan;
			if (is_active_lru(lru)) {
				if (inactive_list_is_low(pgdat))
					shrink_active_list(nr_to_scan, pgdat, sc);
			} else {
				nr_reclaimed += shrink_inactive_list(nr_to_scan,
								     pgdat, sc);
			}
		}
		if (nr_reclaimed >= sc->nr_to_reclaim)
			break;
		cond_resched();
	}
	/* Keep the inactive list long enough for the next round. */
	if (inactive_list_is_low(pgdat))
		shrink_active_list(SWAP_CLUSTER_MAX, pgdat, sc);

	sc->nr_reclaimed += nr_reclaimed;
	/* Progress: kswapd is of use on this node again. */
	if (nr_reclaimed)
		WRITE_ONCE(pgdat->kswapd_failures, 0);
}

/*
 * Reclaim on a node: its LRU lists, then the shrinkers, in the
 * proportion of the LRU that was scanned.  As in 4.8, the shrinkers run
 * even when no LRU page could be scanned (swap full): what they free is
 * not counted in sc->nr_reclaimed, as 4.8 counts only slab pages.
 */
static void shrink_node(struct pglist_data *pgdat, struct scan_control *sc)
{
	unsigned long nr_scanned = sc->nr_scanned;
	unsigned long lru_pages = 0;
	enum lru_list lru;

	shrink_node_lru(pgdat, sc);
	for_each_lru(lru)
		lru_pages += node_page_state(pgdat, NR_LRU_BASE + lru);
	shrink_slab(sc->gfp_mask, pgdat->node_id, sc->nr_scanned - nr_scanned,
		    lru_pages);
}

/* ---- direct reclaim --------------------------------------------------------- */

/*
 * For a costly order, reclaim stops as soon as compaction could work in
 * some zone: then it needs free pages to migrate into, not more of them.
 */
static bool compaction_ready(struct pglist_data *pgdat, struct scan_control *sc)
{
	int z;

	if (sc->order <= PAGE_ALLOC_COSTLY_ORDER)
		return false;
	for (z = 0; z <= sc->reclaim_idx; z++) {
		struct zone *zone = &pgdat->node_zones[z];
		unsigned long watermark;

		if (!managed_zone(zone))
			continue;
		watermark = high_wmark_pages(zone) + compact_gap(sc->order);
		if (zone_watermark_ok(zone, 0, watermark, sc->reclaim_idx, 0) &&
		    compaction_suitable(zone, sc->order, 0, sc->reclaim_idx) !=
		    COMPACT_SKIPPED)
			return true;
	}
	return false;
}

/**
 * try_to_free_pages - direct reclaim, for an allocation that failed
 * @gfp_mask: the allocation's flags
 * @order: its order
 *
 * Return: the pages freed; 1 if reclaim stopped early because compaction
 * can now make @order (so that the allocator does not give up).
 */
unsigned long try_to_free_pages(gfp_t gfp_mask, int order)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	struct scan_control sc = {
		.nr_to_reclaim = SWAP_CLUSTER_MAX,
		.gfp_mask = gfp_mask,
		.order = order,
		.reclaim_idx = gfp_zone(gfp_mask),
		.priority = DEF_PRIORITY,
		.may_swap = 1,
	};

	count_vm_event(ALLOCSTALL_NORMAL + sc.reclaim_idx);
	do {
		if (compaction_ready(pgdat, &sc))
			return 1;
		shrink_node(pgdat, &sc);
		if (sc.nr_reclaimed >= sc.nr_to_reclaim)
			break;
	} while (--sc.priority >= 0);
	return sc.nr_reclaimed;
}

/**
 * zone_reclaimable_pages - pages of @zone that reclaim could free
 * @zone: the zone
 *
 * Return: its anonymous LRU pages, if swap has room; else 0.
 */
unsigned long zone_reclaimable_pages(struct zone *zone)
{
	if (get_nr_swap_pages() <= 0)
		return 0;
	return zone_page_state(zone, NR_ZONE_INACTIVE_ANON) +
	       zone_page_state(zone, NR_ZONE_ACTIVE_ANON);
}

/* ---- kswapd ------------------------------------------------------------------ */

/* Balanced: some zone the allocation may use has @order above its high mark. */
static bool pgdat_balanced(struct pglist_data *pgdat, int order,
			   enum zone_type classzone_idx)
{
	int z;

	for (z = 0; z <= classzone_idx; z++) {
		struct zone *zone = &pgdat->node_zones[z];

		if (!managed_zone(zone))
			continue;
		if (zone_watermark_ok(zone, order, high_wmark_pages(zone),
				      classzone_idx, 0))
			return true;
	}
	return false;
}

/*
 * Reclaim until the node is balanced for @order, or reclaim fails at
 * every priority.  Once enough is free for compaction to build @order
 * (compact_gap()), kswapd stops caring about the order: that is
 * kcompactd's work.  Returns the order it last balanced for.
 */
static int balance_pgdat(struct pglist_data *pgdat, int order,
			 enum zone_type classzone_idx)
{
	struct scan_control sc = {
		.gfp_mask = GFP_KERNEL,
		.order = order,
		.reclaim_idx = classzone_idx,
		.priority = DEF_PRIORITY,
		.may_swap = 1,
	};
	unsigned long reclaimed_before;
	int z;

	count_vm_event(PAGEOUTRUN);
	do {
		if (pgdat_balanced(pgdat, sc.order, classzone_idx))
			break;
		sc.nr_to_reclaim = 0;
		for (z = 0; z <= classzone_idx; z++) {
			struct zone *zone = &pgdat->node_zones[z];

			if (managed_zone(zone))
				sc.nr_to_reclaim += max(high_wmark_pages(zone),
							SWAP_CLUSTER_MAX);
		}
		reclaimed_before = sc.nr_reclaimed;
		shrink_node(pgdat, &sc);
		if (sc.order && sc.nr_reclaimed >= compact_gap(sc.order))
			sc.order = 0;
		/* No progress at this priority: scan harder. */
		if (sc.nr_reclaimed == reclaimed_before)
			sc.priority--;
		cond_resched();
	} while (sc.priority >= 1 && !kthread_should_stop());

	if (!sc.nr_reclaimed)
		WRITE_ONCE(pgdat->kswapd_failures,
			   READ_ONCE(pgdat->kswapd_failures) + 1);
	return sc.order;
}

static bool kswapd_hopeless(struct pglist_data *pgdat)
{
	return READ_ONCE(pgdat->kswapd_failures) >= MAX_RECLAIM_RETRIES;
}

/*
 * One wake-up's work: balance the node for the pending request until it
 * is balanced or kswapd gives up on it, then, going to sleep, let
 * compaction build the order that was asked for.
 */
static void kswapd_work(struct pglist_data *pgdat)
{
	unsigned int noreclaim = current->flags & (PF_MEMALLOC | PF_KSWAPD);
	int alloc_order = 0, reclaim_order;
	enum zone_type classzone_idx = 0;

	/* Reclaim's own allocations may use the reserves, and never recurse. */
	current->flags |= PF_MEMALLOC | PF_KSWAPD;
	do {
		/* The highest request since we started, for kcompactd. */
		alloc_order = max(alloc_order, READ_ONCE(pgdat->kswapd_order));
		if (READ_ONCE(pgdat->kswapd_classzone_idx) != MAX_NR_ZONES)
			classzone_idx = max(classzone_idx,
					    READ_ONCE(pgdat->kswapd_classzone_idx));
		WRITE_ONCE(pgdat->kswapd_order, 0);
		WRITE_ONCE(pgdat->kswapd_classzone_idx, MAX_NR_ZONES);
		reclaim_order = balance_pgdat(pgdat, alloc_order,
					      classzone_idx);
	} while (!pgdat_balanced(pgdat, reclaim_order, classzone_idx) &&
		 !kswapd_hopeless(pgdat) && !kthread_should_stop());

	current->flags = (current->flags & ~(PF_MEMALLOC | PF_KSWAPD)) |
			 noreclaim;
	/*
	 * Going to sleep on a balanced node (4.8's kswapd_try_to_sleep()):
	 * compaction's hints are stale by now, and compaction can build the
	 * order that was asked for.  A kswapd that gave up on an unbalanced
	 * node does neither: memory is short, not fragmented.
	 */
	if (!pgdat_balanced(pgdat, reclaim_order, classzone_idx))
		return;
	reset_isolation_suitable(pgdat);
	wakeup_kcompactd(pgdat, alloc_order, classzone_idx);
}

static bool kswapd_work_requested(struct pglist_data *pgdat)
{
	return READ_ONCE(pgdat->kswapd_classzone_idx) != MAX_NR_ZONES ||
	       kthread_should_stop();
}

static int kswapd(void *p)
{
	struct pglist_data *pgdat = p;

	while (!kthread_should_stop()) {
		wait_event_interruptible(pgdat->kswapd_wait,
					 kswapd_work_requested(pgdat));
		if (kthread_should_stop())
			break;
		kswapd_work(pgdat);
	}
	return 0;
}

/*
 * umm: kswapd's work for deterministic runs (see umm_kthread_wake()).  It
 * runs in the allocation that wakes kswapd if that one could reclaim
 * itself (it may sleep and do I/O, and it is not reclaiming already),
 * otherwise at the next such allocation or the next safe point.  Going
 * to sleep, kswapd woke kcompactd: kcompactd's work follows.
 */
static void kswapd_umm_work(void *p)
{
	struct pglist_data *pgdat = p;

	if (kswapd_work_requested(pgdat))
		kswapd_work(pgdat);
	umm_kthread_wake(UMM_KCOMPACTD, true);
}

/* umm: may this allocation do kswapd's work (see kswapd_umm_work())? */
static bool kswapd_can_run_inline(gfp_t gfp_flags)
{
	return gfpflags_allow_blocking(gfp_flags) && (gfp_flags & __GFP_IO) &&
	       !(current->flags & PF_MEMALLOC);
}

/**
 * wakeup_kswapd - ask kswapd to balance the node of @zone
 * @zone: the zone the allocation wanted
 * @gfp_flags: the allocation's flags
 * @order: its order
 * @classzone_idx: the highest zone it may use
 *
 * The 4.17 signature (with the gfp flags).  Nothing to do on a node
 * balanced for @order.  As since 4.14, on a node where kswapd keeps
 * failing, an allocation that will not compact by itself wakes kcompactd
 * directly.
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   enum zone_type classzone_idx)
{
	struct pglist_data *pgdat;

	if (!managed_zone(zone))
		return;
	pgdat = zone->zone_pgdat;
	if (pgdat_balanced(pgdat, order, classzone_idx))
		return;
	if (kswapd_hopeless(pgdat)) {
		if (order && !(gfp_flags & __GFP_DIRECT_RECLAIM))
			wakeup_kcompactd(pgdat, order, classzone_idx);
		return;
	}
	if (READ_ONCE(pgdat->kswapd_classzone_idx) == MAX_NR_ZONES ||
	    READ_ONCE(pgdat->kswapd_classzone_idx) < classzone_idx)
		WRITE_ONCE(pgdat->kswapd_classzone_idx, classzone_idx);
	if (READ_ONCE(pgdat->kswapd_order) < order)
		WRITE_ONCE(pgdat->kswapd_order, order);

	/* umm: deterministic runs do the work here, if this allocation may */
	umm_kthread_wake(UMM_KSWAPD, kswapd_can_run_inline(gfp_flags));
	/* Lockless: if kswapd is not asleep, it will see the request. */
	if (!waitqueue_active(&pgdat->kswapd_wait))
		return;
	wake_up_interruptible(&pgdat->kswapd_wait);
}

/**
 * shrink_all_memory - reclaim as if memory were short (for tests, tools)
 * @nr_to_reclaim: how many pages to free
 *
 * Return: the pages freed.
 */
unsigned long shrink_all_memory(unsigned long nr_to_reclaim)
{
	unsigned int noreclaim = current->flags & PF_MEMALLOC;
	struct scan_control sc = {
		.nr_to_reclaim = nr_to_reclaim,
		.gfp_mask = GFP_HIGHUSER_MOVABLE,
		.reclaim_idx = MAX_NR_ZONES - 1,
		.priority = DEF_PRIORITY,
		.may_swap = 1,
	};

	current->flags |= PF_MEMALLOC;
	do {
		shrink_node(NODE_DATA(0), &sc);
	} while (sc.nr_reclaimed < nr_to_reclaim && --sc.priority >= 0);
	current->flags = (current->flags & ~PF_MEMALLOC) | noreclaim;
	return sc.nr_reclaimed;
}

/**
 * kswapd_run - start the node's kswapd
 * @nid: the node
 *
 * Return: 0, or the error of kthread_run().
 */
int kswapd_run(int nid)
{
	struct pglist_data *pgdat = NODE_DATA(nid);

	if (pgdat->kswapd)
		return 0;
	/* umm: no thread in deterministic runs (see kswapd_init()) */
	pgdat->kswapd = umm_kthread_run(kswapd, pgdat, "kswapd%d", nid);
	if (IS_ERR(pgdat->kswapd)) {
		int err = PTR_ERR(pgdat->kswapd);

		pr_err("Failed to start kswapd on node %d\n", nid);
		pgdat->kswapd = NULL;
		return err;
	}
	return 0;
}

/**
 * kswapd_stop - stop the node's kswapd
 * @nid: the node
 */
void kswapd_stop(int nid)
{
	struct task_struct *kswapd = NODE_DATA(nid)->kswapd;

	if (kswapd) {
		kthread_stop(kswapd);
		NODE_DATA(nid)->kswapd = NULL;
	}
}

static int zero_val;
static int one_hundred = 100;

static struct ctl_table vmscan_sysctls[] = {
	{
		.procname	= "swappiness",
		.data		= &vm_swappiness,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= proc_dointvec_minmax,
		.extra1		= &zero_val,
		.extra2		= &one_hundred,
	},
	{ }
};

static int __init kswapd_init(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);

	init_waitqueue_head(&pgdat->kswapd_wait);
	pgdat->kswapd_order = 0;
	pgdat->kswapd_classzone_idx = MAX_NR_ZONES;
	register_sysctl("vm", vmscan_sysctls);
	/* umm: what deterministic runs do where kswapd is woken */
	umm_kthread_set_work(UMM_KSWAPD, kswapd_umm_work, pgdat);
	return kswapd_run(0);
}
subsys_initcall(kswapd_init);
