/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: pageblock isolation (mm/page_isolation.c), as in 4.8. */
#ifndef __LINUX_PAGEISOLATION_H
#define __LINUX_PAGEISOLATION_H

#include <linux/types.h>
#include <linux/mmzone.h>

struct page;

/*
 * Isolating a range: each pageblock of [start_pfn, end_pfn) (pageblock
 * aligned) becomes MIGRATE_ISOLATE, its free pages move to the isolate
 * lists and stop counting as free, and pages freed in it later stay
 * there.  Nothing can allocate from the range until it is undone.
 *
 * The __ variants are umm's: with @saved_mt they give each block its own
 * migratetype back, where 4.8 gives every block the caller's
 * @migratetype (alloc_contig_range() uses them).
 */
int __start_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			       unsigned int migratetype,
			       bool skip_hwpoisoned_pages, u8 *saved_mt);
void __undo_isolate_page_range(unsigned long start_pfn, unsigned long end_pfn,
			       unsigned int migratetype, const u8 *saved_mt);

/**
 * start_isolate_page_range - isolate the pageblocks of a range
 * @start_pfn: the first pfn, pageblock aligned
 * @end_pfn: one past the last, pageblock aligned
 * @migratetype: what a block gets back if isolating the range fails
 * @skip_hwpoisoned_pages: ignore poisoned pages (umm has none)
 *
 * Return: 0, or -EBUSY if a block holds pages that cannot move (none is
 * left isolated then).
 */
static inline int start_isolate_page_range(unsigned long start_pfn,
					   unsigned long end_pfn,
					   unsigned int migratetype,
					   bool skip_hwpoisoned_pages)
{
	return __start_isolate_page_range(start_pfn, end_pfn, migratetype,
					  skip_hwpoisoned_pages, NULL);
}

/**
 * undo_isolate_page_range - give an isolated range back
 * @start_pfn: the first pfn, pageblock aligned
 * @end_pfn: one past the last, pageblock aligned
 * @migratetype: the migratetype every block gets
 *
 * Return: 0.
 */
static inline int undo_isolate_page_range(unsigned long start_pfn,
					  unsigned long end_pfn,
					  unsigned int migratetype)
{
	__undo_isolate_page_range(start_pfn, end_pfn, migratetype, NULL);
	return 0;
}

int test_pages_isolated(unsigned long start_pfn, unsigned long end_pfn,
			bool skip_hwpoisoned_pages);
struct page *alloc_migrate_target(struct page *page, unsigned long private,
				  int **resultp);

#endif /* __LINUX_PAGEISOLATION_H */
