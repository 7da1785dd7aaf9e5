/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: putting pages on and taking them off the LRU lists. */
#ifndef LINUX_MM_INLINE_H
#define LINUX_MM_INLINE_H

#include <linux/mm.h>
#include <linux/vmstat.h>

/* Which list a page belongs on (anonymous pages only here). */
static __always_inline enum lru_list page_lru(struct page *page)
{
	return PageActive(page) ? LRU_ACTIVE_ANON : LRU_INACTIVE_ANON;
}

static __always_inline void update_lru_size(struct lruvec *lruvec,
					    enum lru_list lru,
					    struct zone *zone, long nr_pages)
{
	__mod_node_page_state(zone->zone_pgdat, NR_LRU_BASE + lru, nr_pages);
	__mod_zone_page_state(zone, NR_ZONE_LRU_BASE + lru, nr_pages);
}

/* pgdat->lru_lock held for these two. */
static __always_inline void add_page_to_lru_list(struct page *page,
						 struct lruvec *lruvec,
						 enum lru_list lru)
{
	update_lru_size(lruvec, lru, page_zone(page), 1);
	list_add(&page->lru, &lruvec->lists[lru]);
}

static __always_inline void del_page_from_lru_list(struct page *page,
						   struct lruvec *lruvec,
						   enum lru_list lru)
{
	list_del(&page->lru);
	update_lru_size(lruvec, lru, page_zone(page), -1);
}

#endif /* LINUX_MM_INLINE_H */
