// SPDX-License-Identifier: GPL-2.0
/*
 * mm/vmscan.c - taking pages off the LRU, and putting them back
 *
 * Compaction and migration isolate LRU pages with these; page reclaim
 * itself comes with the swap device.
 */
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/mm_inline.h>
#include <linux/vmstat.h>

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
