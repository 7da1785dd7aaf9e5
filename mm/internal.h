/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm/internal.h - what mm/ files share and nobody else needs
 */
#ifndef __MM_INTERNAL_H
#define __MM_INTERNAL_H

#include <linux/mm.h>
#include <linux/tracepoint-defs.h>
#include <linux/migrate_mode.h>

/* The alloc_flags of get_page_from_freelist() and the watermark checks. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04	/* don't check watermarks at all */
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_HARDER		0x10	/* try to alloc harder */
#define ALLOC_HIGH		0x20	/* __GFP_HIGH set */
#define ALLOC_CPUSET		0x40	/* check for correct cpuset */
#define ALLOC_CMA		0x80	/* allow allocations from CMA areas */

/* What the allocator's paths pass around (4.8's struct alloc_context). */
struct alloc_context {
	enum zone_type high_zoneidx;	/* highest zone the gfp mask allows */
	int migratetype;
	int classzone_idx;		/* the zone asked for, for lowmem_reserve */
};

/* The order of a free page; zone->lock held. */
static inline unsigned int page_order(struct page *page)
{
	return page_private(page);
}

/*
 * Lockless read of a free page's order, for scanners that peek at pages
 * they do not own (compaction); the result must be validated.
 */
#define page_order_unsafe(page)		page_private(page)

static inline unsigned long __find_buddy_index(unsigned long page_idx,
					       unsigned int order)
{
	return page_idx ^ (1 << order);
}

/*
 * The state of one compaction run over one zone: the two scanners, the
 * pages they isolated, and what the run is for.
 */
struct compact_control {
	struct list_head freepages;	/* isolated free pages, targets */
	struct list_head migratepages;	/* isolated pages to move */
	unsigned long nr_freepages;
	unsigned long nr_migratepages;
	unsigned long total_migrate_scanned;
	unsigned long total_free_scanned;
	unsigned long free_pfn;		/* free scanner: next block down */
	unsigned long migrate_pfn;	/* migrate scanner: next pfn up */
	unsigned long last_migrated_pfn; /* first pfn isolated since a drain */
	enum migrate_mode mode;
	bool ignore_skip_hint;		/* scan blocks marked to be skipped */
	bool direct_compaction;		/* run by an allocating task */
	bool whole_zone;		/* this pass started at the bottom */
	bool contended;			/* gave up on a lock or a signal */
	int order;			/* what the run is for; -1: everything */
	gfp_t gfp_mask;
	unsigned int alloc_flags;
	int classzone_idx;
	struct zone *zone;
};

/* mm/page_alloc.c */
extern int min_free_kbytes;
unsigned long __isolate_free_page(struct page *page, unsigned int order);
void split_page(struct page *page, unsigned int order);
int find_suitable_fallback(struct free_area *area, unsigned int order,
			   int migratetype, bool only_stealable,
			   bool *can_steal);

/* mm/compaction.c */
unsigned long isolate_freepages_range(struct compact_control *cc,
				      unsigned long start_pfn,
				      unsigned long end_pfn);
unsigned long isolate_migratepages_range(struct compact_control *cc,
					 unsigned long start_pfn,
					 unsigned long end_pfn);
bool compaction_zonelist_suitable(struct alloc_context *ac, int order,
				  int alloc_flags);
void __free_pages_bootmem(struct page *page, unsigned long pfn,
			  unsigned int order);
void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags,
		   unsigned int alloc_flags);
bool free_pages_prepare(struct page *page, unsigned int order);
unsigned long get_pfnblock_migratetype(struct page *page, unsigned long pfn);
void set_pageblock_migratetype(struct page *page, int migratetype);
int move_freepages_block(struct zone *zone, struct page *page, int migratetype);
bool __zone_watermark_ok(struct zone *z, unsigned int order,
			 unsigned long mark, int classzone_idx,
			 unsigned int alloc_flags, long free_pages);
int page_poisoning_enabled(void);

/* mm/memblock.c */
phys_addr_t memblock_reserved_size(void);

/* mm/debug.c */
extern const struct trace_print_flags pageflag_names[];
extern const struct trace_print_flags gfpflag_names[];

/* mm/vmscan.c: static in 4.8; here white-box tests call it too */
unsigned long shrink_slab(gfp_t gfp_mask, int nid, unsigned long nr_scanned,
			  unsigned long nr_eligible);

/* mm/slab.c */
unsigned long slab_total_pages(void);

/*
 * Rounds of reclaim without progress before an allocation stops
 * retrying, and runs of kswapd without progress before it leaves the node
 * alone (until reclaim makes progress there again).
 */
#define MAX_RECLAIM_RETRIES	16

#endif /* __MM_INTERNAL_H */
