// SPDX-License-Identifier: GPL-2.0
/*
 * mm/page_kind.c - what each allocated page is for (umm's own)
 *
 * One byte per page frame, set by the owner after allocating (zsmalloc,
 * the balloon, the sample driver, fork's kernel stacks), carried over by
 * migration as page_owner is (umm_page_migrated()), and dropped when the
 * page is freed (free_pages_prepare()).  Memory maps read it to colour
 * pageblocks; nothing in reclaim, compaction or migration depends on it.
 *
 * The bytes are written by the page's owner, and read without a lock by
 * whoever draws a map: single-byte READ_ONCE/WRITE_ONCE, and a map is a
 * snapshot that may be a page out of date.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/page_kind.h>
#include "internal.h"

static u8 *page_kinds;

/**
 * page_kind_init - set up the record at boot
 * @nr_pages: the page frames (max_pfn)
 */
void __init page_kind_init(unsigned long nr_pages)
{
	page_kinds = memblock_alloc(nr_pages, SMP_CACHE_BYTES);
}

/**
 * page_kind_set - record the kind of a block just allocated
 * @page: its first page
 * @order: its order
 * @kind: what it is for
 */
void page_kind_set(struct page *page, unsigned int order, enum page_kind kind)
{
	unsigned long pfn = page_to_pfn(page), i;

	for (i = 0; i < (1UL << order); i++)
		WRITE_ONCE(page_kinds[pfn + i], kind);
}

/**
 * page_kind_clear - forget the kind of a block being freed
 * @page: its first page
 * @order: its order
 */
void page_kind_clear(struct page *page, unsigned int order)
{
	page_kind_set(page, order, PAGE_KIND_NONE);
}

/**
 * page_kind_copy - migration moved @page's contents to @newpage
 * @newpage: the new page
 * @page: the old one
 */
void page_kind_copy(struct page *newpage, struct page *page)
{
	WRITE_ONCE(page_kinds[page_to_pfn(newpage)],
		   READ_ONCE(page_kinds[page_to_pfn(page)]));
}

/**
 * page_kind - the recorded kind of a page
 * @page: the page
 *
 * Return: its kind; PAGE_KIND_NONE if nobody recorded one.
 */
enum page_kind page_kind(struct page *page)
{
	return READ_ONCE(page_kinds[page_to_pfn(page)]);
}

/**
 * page_kind_free_order - the order of the free block a page heads
 * @page: the page; its zone's lock held
 *
 * Maps tell free memory from the buddy lists' own record, which is
 * mm's (page_order() in mm/internal.h).
 *
 * Return: the order of the free block @page heads, or -1 if it heads
 * none.
 */
int page_kind_free_order(struct page *page)
{
	return PageBuddy(page) ? (int)page_order(page) : -1;
}
