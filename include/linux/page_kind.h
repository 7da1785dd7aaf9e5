/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: what each allocated page is for, for memory maps (cf. page_owner). */
#ifndef _LINUX_PAGE_KIND_H
#define _LINUX_PAGE_KIND_H

#include <linux/types.h>
#include <linux/init.h>

struct page;

/*
 * Who holds a page, for memory maps.  Linux answers the question with
 * page_owner (the allocation's stack); umm's maps only need the owner's
 * kind, one byte per page.  Anonymous pages, page tables and free pages
 * are told by the page's own state; the kinds below are what the page
 * cannot say by itself (a zsmalloc page made unmovable looks like any
 * other kernel page).
 */
enum page_kind {
	PAGE_KIND_NONE,		/* other kernel memory, or not recorded */
	PAGE_KIND_ZSMALLOC,
	PAGE_KIND_BALLOON,
	PAGE_KIND_DRIVER,	/* samples/movable */
	PAGE_KIND_STACK,	/* a task's kernel stack */
	NR_PAGE_KINDS,
};

void __init page_kind_init(unsigned long nr_pages);
void page_kind_set(struct page *page, unsigned int order, enum page_kind kind);
void page_kind_clear(struct page *page, unsigned int order);
void page_kind_copy(struct page *newpage, struct page *page);
enum page_kind page_kind(struct page *page);
int page_kind_free_order(struct page *page);

#endif /* _LINUX_PAGE_KIND_H */
