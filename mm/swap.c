// SPDX-License-Identifier: GPL-2.0
/*
 * mm/swap.c - releasing pages
 */
#include <linux/mm.h>
#include <linux/gfp.h>

/**
 * __put_page - free a page whose last reference was just dropped
 * @page: the page (order 0: umm has no compound pages)
 *
 * Patch 1 of the series made migration free the old page this way, with
 * put_page(), instead of putting it back on the LRU first.
 */
void __put_page(struct page *page)
{
	free_hot_cold_page(page, false);
}
