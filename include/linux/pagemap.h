/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the page lock. */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/mm.h>
#include <linux/wait_bit.h>

/* mm/filemap.c */
void __lock_page(struct page *page);
void unlock_page(struct page *page);
void wait_on_page_bit(struct page *page, int bit_nr);
struct wait_queue_head *page_waitqueue(struct page *page);

/* Returns true if the page was locked by this call. */
static inline int trylock_page(struct page *page)
{
	return likely(!test_and_set_bit_lock(PG_locked, &page->flags));
}

/*
 * lock_page - lock a page, sleeping until it is available.  The page lock
 * is what the movable-page contract hangs on: drivers change
 * page->mapping and the VM calls their callbacks only while holding it.
 */
static inline void lock_page(struct page *page)
{
	might_sleep();
	if (!trylock_page(page))
		__lock_page(page);
}

static inline void wait_on_page_locked(struct page *page)
{
	if (PageLocked(page))
		wait_on_page_bit(page, PG_locked);
}

#endif /* _LINUX_PAGEMAP_H */
