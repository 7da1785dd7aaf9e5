// SPDX-License-Identifier: GPL-2.0
/*
 * mm/swap.c - the LRU lists, and releasing pages
 *
 * A new anonymous page goes on the active list at fault time.  The
 * kernel batches LRU additions in per-cpu pagevecs; here a page is added
 * at once under pgdat->lru_lock, so lru_add_drain() has nothing to do and
 * a page is on its list as soon as it is mapped.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/swap.h>
#include <linux/mm_inline.h>
#include <linux/vmstat.h>

/**
 * lru_cache_add - put a page on the LRU
 * @page: the page, not on any list; PageActive chooses the list
 */
void lru_cache_add(struct page *page)
{
	struct pglist_data *pgdat = page_pgdat(page);

	VM_BUG_ON_PAGE(PageLRU(page), page);
	spin_lock(&pgdat->lru_lock);
	SetPageLRU(page);
	add_page_to_lru_list(page, node_lruvec(pgdat), page_lru(page));
	spin_unlock(&pgdat->lru_lock);
}

/**
 * lru_cache_add_active_or_unevictable - put a new mapped page on the LRU
 * @page: the page
 * @vma: where it is mapped (there are no mlocked areas here)
 */
void lru_cache_add_active_or_unevictable(struct page *page,
					 struct vm_area_struct *vma)
{
	SetPageActive(page);
	lru_cache_add(page);
}

/* Nothing is batched: see the comment at the top. */
void lru_add_drain(void)
{
}

void lru_add_drain_all(void)
{
}

/*
 * The last reference is gone: take the page off the LRU if it is there.
 * Nobody else can isolate it now (isolation needs a reference).
 */
static void __page_cache_release(struct page *page)
{
	if (PageLRU(page)) {
		struct pglist_data *pgdat = page_pgdat(page);

		spin_lock(&pgdat->lru_lock);
		__ClearPageLRU(page);
		del_page_from_lru_list(page, node_lruvec(pgdat), page_lru(page));
		spin_unlock(&pgdat->lru_lock);
	}
	__ClearPageActive(page);
}

/**
 * __put_page - free a page whose last reference was just dropped
 * @page: the page (order 0: umm has no compound pages)
 *
 * Patch 1 of the series made migration free the old page this way, with
 * put_page(), instead of putting it back on the LRU first.
 */
void __put_page(struct page *page)
{
	__page_cache_release(page);
	free_hot_cold_page(page, false);
}
