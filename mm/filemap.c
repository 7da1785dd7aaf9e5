// SPDX-License-Identifier: GPL-2.0
/*
 * mm/filemap.c - the page lock
 *
 * PG_locked is a bit lock with sleeping waiters.  Waiters hash to one of
 * a table of wait queues by page address (4.8 kept the table per zone; one
 * table serves one node equally well).
 */
#include <linux/pagemap.h>
#include <linux/hash.h>
#include <linux/wait_bit.h>
#include <linux/init.h>

#define PAGE_WAIT_TABLE_BITS	8
#define PAGE_WAIT_TABLE_SIZE	(1 << PAGE_WAIT_TABLE_BITS)

static struct wait_queue_head page_wait_table[PAGE_WAIT_TABLE_SIZE];

void __init pagecache_init(void)
{
	int i;

	for (i = 0; i < PAGE_WAIT_TABLE_SIZE; i++)
		init_waitqueue_head(&page_wait_table[i]);
}

struct wait_queue_head *page_waitqueue(struct page *page)
{
	return &page_wait_table[hash_ptr(page, PAGE_WAIT_TABLE_BITS)];
}

/**
 * __lock_page - sleep until the page lock is ours
 * @page: the page
 */
void __lock_page(struct page *page)
{
	__wait_on_bit_lock(page_waitqueue(page), &page->flags, PG_locked);
}

/**
 * unlock_page - release the page lock and wake a waiter
 * @page: the locked page
 *
 * The full barrier orders the clearing of PG_locked before the lockless
 * check for waiters, against prepare_to_wait()'s barrier on the other
 * side: either the waiter sees the bit clear or we see the waiter.
 */
void unlock_page(struct page *page)
{
	VM_BUG_ON_PAGE(!PageLocked(page), page);
	clear_bit_unlock(PG_locked, &page->flags);
	/* Order the clear before the waiter check in __wake_up_bit(). */
	smp_mb__after_atomic();
	__wake_up_bit(page_waitqueue(page), &page->flags, PG_locked);
}

/**
 * wait_on_page_bit - wait for a page flag to clear
 * @page: the page
 * @bit_nr: the flag
 */
void wait_on_page_bit(struct page *page, int bit_nr)
{
	__wait_on_bit(page_waitqueue(page), &page->flags, bit_nr);
}
