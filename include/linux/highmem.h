/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: kmap() and page copies; all RAM is mapped (64-bit, no highmem). */
/* newer: kmap_local_page() is 5.11's. */
#ifndef _LINUX_HIGHMEM_H
#define _LINUX_HIGHMEM_H

#include <linux/mm.h>
#include <linux/string.h>

static inline void *kmap(struct page *page)
{
	return page_address(page);
}

static inline void kunmap(struct page *page)
{
}

static inline void *kmap_atomic(struct page *page)
{
	return page_address(page);
}

#define kunmap_atomic(addr)	((void)(addr))

/* The API a driver should use today: a short-lived local mapping. */
static inline void *kmap_local_page(struct page *page)
{
	return page_address(page);
}

#define kunmap_local(addr)	((void)(addr))

static inline void clear_highpage(struct page *page)
{
	memset(page_address(page), 0, PAGE_SIZE);
}

static inline void copy_highpage(struct page *to, struct page *from)
{
	memcpy(page_address(to), page_address(from), PAGE_SIZE);
}

#endif
