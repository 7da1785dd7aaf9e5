/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: per-pageblock bits: migratetype and the compaction skip hint. */
#ifndef PAGEBLOCK_FLAGS_H
#define PAGEBLOCK_FLAGS_H

#include <linux/types.h>

enum pageblock_bits {
	PB_migrate,
	PB_migrate_end = PB_migrate + 3 - 1,	/* 3 bits for the migratetype */
	PB_migrate_skip,	/* compaction: skip this block until reset */
	NR_PAGEBLOCK_BITS
};

#define pageblock_order		9
#define pageblock_nr_pages	(1UL << pageblock_order)

struct page;

/* mm/page_alloc.c */
unsigned long get_pfnblock_flags_mask(struct page *page, unsigned long pfn,
				      unsigned long end_bitidx,
				      unsigned long mask);
void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long end_bitidx,
			     unsigned long mask);

#define get_pageblock_flags_group(page, start_bitidx, end_bitidx)	\
	get_pfnblock_flags_mask(page, page_to_pfn(page), end_bitidx,	\
				(1 << (end_bitidx - start_bitidx + 1)) - 1)
#define set_pageblock_flags_group(page, flags, start_bitidx, end_bitidx) \
	set_pfnblock_flags_mask(page, flags, page_to_pfn(page),		\
				end_bitidx,				\
				(1 << (end_bitidx - start_bitidx + 1)) - 1)

#define get_pageblock_skip(page) \
	get_pageblock_flags_group(page, PB_migrate_skip, PB_migrate_skip)
#define clear_pageblock_skip(page) \
	set_pageblock_flags_group(page, 0, PB_migrate_skip, PB_migrate_skip)
#define set_pageblock_skip(page) \
	set_pageblock_flags_group(page, 1, PB_migrate_skip, PB_migrate_skip)

#endif /* PAGEBLOCK_FLAGS_H */
