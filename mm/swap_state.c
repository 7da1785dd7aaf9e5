// SPDX-License-Identifier: GPL-2.0
/*
 * mm/swap_state.c - the swap entry of a page under reclaim
 *
 * Linux keeps pages that are on their way to or from swap in the swap
 * cache, an address_space indexed by swap entry.  umm's swap devices are
 * synchronous and it swaps in without the cache, as Linux does for such
 * devices; what is left is the part reclaim needs: a page being written
 * out carries its entry (PageSwapCache, page_private()) from the moment
 * its slot is reserved until the write is done, and the slot carries
 * SWAP_HAS_CACHE for as long, so that a fault on the entry waits for the
 * write instead of reading a slot not yet written.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/pagemap.h>

/**
 * add_to_swap - reserve a swap slot for a page of reclaim
 * @page: an anonymous page, locked, not yet in swap
 *
 * Return: 1 if the page now has a slot, 0 if swap is full or absent.
 */
int add_to_swap(struct page *page)
{
	swp_entry_t entry;

	VM_BUG_ON_PAGE(!PageLocked(page), page);
	VM_BUG_ON_PAGE(PageSwapCache(page), page);
	entry = get_swap_page();
	if (!entry.val)
		return 0;
	set_page_private(page, entry.val);
	SetPageSwapCache(page);
	return 1;
}

/**
 * delete_from_swap_cache - reclaim is done with the page's slot
 * @page: the page, locked
 *
 * The ptes that point at the slot keep it; if none do, it is freed.
 */
void delete_from_swap_cache(struct page *page)
{
	swp_entry_t entry = { .val = page_private(page) };

	VM_BUG_ON_PAGE(!PageLocked(page), page);
	VM_BUG_ON_PAGE(!PageSwapCache(page), page);
	ClearPageSwapCache(page);
	set_page_private(page, 0);
	swapcache_free(entry);
}
