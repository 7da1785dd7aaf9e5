/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: zones, free areas, migratetypes, per-cpu page lists, the node. */
/* newer: managed_pages as atomic_long_t and zone_managed_pages() (5.0), */
/* newer: kswapd_failures (4.11); slab, kernel stack and page table counters */
/* newer: per node, as later kernels count them (4.8: per zone). */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/pageblock-flags.h>
#include <asm/page.h>

#define MAX_ORDER		11
#define MAX_ORDER_NR_PAGES	(1 << (MAX_ORDER - 1))

/*
 * PAGE_ALLOC_COSTLY_ORDER is the order at which allocations are deemed
 * costly to service: above it the allocator will not loop forever.
 */
#define PAGE_ALLOC_COSTLY_ORDER	3

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* the number of types on the pcp lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	/*
	 * The pageblocks of a CMA area (mm/cma.c): only movable allocations
	 * may take their free pages, so that cma_alloc() can always migrate
	 * whatever is there out of the way.  No fallback takes them over.
	 */
	MIGRATE_CMA,
	/*
	 * Free pages of an isolated pageblock stay here so that they are
	 * neither allocated nor merged with pages outside the block.
	 */
	MIGRATE_ISOLATE,
	MIGRATE_TYPES
};

extern const char * const migratetype_names[MIGRATE_TYPES];

#define is_migrate_isolate_page(_page) \
	(get_pageblock_migratetype(_page) == MIGRATE_ISOLATE)
#define is_migrate_isolate(migratetype) ((migratetype) == MIGRATE_ISOLATE)
#define is_migrate_cma(migratetype) unlikely((migratetype) == MIGRATE_CMA)
#define is_migrate_cma_page(_page) \
	(get_pageblock_migratetype(_page) == MIGRATE_CMA)

#define for_each_migratetype_order(order, type) \
	for (order = 0; order < MAX_ORDER; order++) \
		for (type = 0; type < MIGRATE_TYPES; type++)

extern int page_group_by_mobility_disabled;

#define MIGRATETYPE_MASK ((1UL << (PB_migrate_end + 1)) - 1)

#define get_pageblock_migratetype(page)					\
	get_pfnblock_flags_mask(page, page_to_pfn(page),		\
			PB_migrate_end, MIGRATETYPE_MASK)

struct free_area {
	struct list_head	free_list[MIGRATE_TYPES];
	unsigned long		nr_free;
};

struct pglist_data;

enum zone_stat_item {
	NR_FREE_PAGES,
	/* LRU pages per zone: compaction's "too many isolated" check */
	NR_ZONE_LRU_BASE,
	NR_ZONE_INACTIVE_ANON = NR_ZONE_LRU_BASE,
	NR_ZONE_ACTIVE_ANON,
	NR_ZSPAGES,		/* pages of zsmalloc's zspages */
	NR_FREE_CMA_PAGES,	/* free pages of MIGRATE_CMA pageblocks */
	NR_VM_ZONE_STAT_ITEMS
};

enum node_stat_item {
	NR_LRU_BASE,			/* in the order of enum lru_list */
	NR_INACTIVE_ANON = NR_LRU_BASE,
	NR_ACTIVE_ANON,
	NR_SLAB_RECLAIMABLE,
	NR_SLAB_UNRECLAIMABLE,
	NR_ISOLATED_ANON,		/* off the LRU for migration */
	NR_ANON_MAPPED,			/* anonymous pages in page tables */
	NR_KERNEL_STACK_KB,		/* in KiB, not pages */
	NR_PAGETABLE,			/* page table pages */
	NR_VM_NODE_STAT_ITEMS
};

/*
 * The LRU lists.  There is no page cache in umm, so only anonymous pages
 * are on them: the file lists of the kernel do not exist here.
 */
enum lru_list {
	LRU_INACTIVE_ANON,
	LRU_ACTIVE_ANON,
	NR_LRU_LISTS
};

#define for_each_lru(lru) for (lru = 0; lru < NR_LRU_LISTS; lru++)

static inline bool is_active_lru(enum lru_list lru)
{
	return lru == LRU_ACTIVE_ANON;
}

/* How pages may be isolated from the LRU (compaction, reclaim). */
typedef unsigned __bitwise isolate_mode_t;
#define ISOLATE_UNMAPPED	((__force isolate_mode_t)0x2)
#define ISOLATE_ASYNC_MIGRATE	((__force isolate_mode_t)0x4)
#define ISOLATE_UNEVICTABLE	((__force isolate_mode_t)0x8)

struct lruvec {
	struct list_head lists[NR_LRU_LISTS];
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK
};

/*
 * A write to min_free_kbytes or watermark_scale_factor changes the
 * watermarks under zone->lock while allocators, kswapd and compaction
 * read them without it.  Linux tolerates that race (a stale mark makes one
 * check a little stricter or looser); the accesses are marked so that the
 * compiler reads each mark once and ThreadSanitizer knows it is intended.
 */
#define wmark_pages(z, i) READ_ONCE((z)->watermark[i])
#define min_wmark_pages(z) wmark_pages(z, WMARK_MIN)
#define low_wmark_pages(z) wmark_pages(z, WMARK_LOW)
#define high_wmark_pages(z) wmark_pages(z, WMARK_HIGH)

/*
 * Per-cpu lists of order-0 pages, one per pcp migratetype.  Only the task
 * holding the CPU touches them, in atomic context (get_cpu_ptr(), 4.8's
 * local_irq_save()), so allocation and freeing take no lock; another CPU
 * that wants them drained runs drain_local_pages() on their CPU
 * (drain_all_pages(), through on_each_cpu_mask()).  ->count may be read
 * from any CPU, as a hint.
 */
struct per_cpu_pages {
	int count;		/* number of pages in the lists */
	int high;		/* high watermark, emptying needed */
	int batch;		/* chunk size for buddy add/remove */
	struct list_head lists[MIGRATE_PCPTYPES];
};

struct per_cpu_pageset {
	struct per_cpu_pages pcp;
};

enum zone_type {
	ZONE_NORMAL,
	/*
	 * Only movable allocations (__GFP_HIGHMEM | __GFP_MOVABLE) land here,
	 * so every page in it can be migrated away: movablecore= sizes it.
	 */
	ZONE_MOVABLE,
	__MAX_NR_ZONES
};

#define MAX_NR_ZONES	__MAX_NR_ZONES
#define ZONES_SHIFT	1

struct zone {
	/* Read-mostly fields */
	unsigned long watermark[NR_WMARK];
	/* Pages kept free of allocations that could use a higher zone. */
	long lowmem_reserve[MAX_NR_ZONES];
	struct pglist_data *zone_pgdat;
	struct per_cpu_pageset __percpu *pageset;
	/* NR_PAGEBLOCK_BITS per pageblock; see pageblock-flags.h */
	unsigned long *pageblock_flags;
	unsigned long zone_start_pfn;
	/*
	 * spanned: pages between start and end; present: of those, the
	 * ones backed by RAM; managed: present minus reserved (what the buddy
	 * allocator hands out).  Balloon inflation lowers managed.
	 */
	atomic_long_t managed_pages;
	unsigned long spanned_pages;
	unsigned long present_pages;
	const char *name;
	unsigned long nr_isolate_pageblock;

	spinlock_t lock ____cacheline_aligned_in_smp;
	struct free_area free_area[MAX_ORDER];
	unsigned long flags;

	/* Compaction: where the scanners stopped, and deferral state. */
	unsigned long compact_cached_free_pfn;
	unsigned long compact_cached_migrate_pfn[2];
	unsigned int compact_considered;
	unsigned int compact_defer_shift;
	int compact_order_failed;
	bool compact_blockskip_flush;

	atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS] ____cacheline_aligned_in_smp;
};

static inline unsigned long zone_managed_pages(struct zone *zone)
{
	return (unsigned long)atomic_long_read(&zone->managed_pages);
}

struct task_struct;

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	int nr_zones;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;
	unsigned long totalreserve_pages;

	/* kswapd: the node's reclaim daemon (mm/vmscan.c) */
	wait_queue_head_t kswapd_wait;
	struct task_struct *kswapd;
	int kswapd_order;		/* the highest order asked for */
	enum zone_type kswapd_classzone_idx;	/* MAX_NR_ZONES: none */
	int kswapd_failures;		/* balance_pgdat() runs that freed none */

	/* kcompactd: the node's compaction daemon */
	int kcompactd_max_order;
	enum zone_type kcompactd_classzone_idx;
	wait_queue_head_t kcompactd_wait;
	struct task_struct *kcompactd;

	/* Protects the LRU lists and PageLRU of the node's pages. */
	spinlock_t lru_lock ____cacheline_aligned_in_smp;
	struct lruvec lruvec;

	atomic_long_t vm_stat[NR_VM_NODE_STAT_ITEMS];
} pg_data_t;

static inline struct lruvec *node_lruvec(struct pglist_data *pgdat)
{
	return &pgdat->lruvec;
}

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid)		(&contig_page_data)
#define first_online_pgdat()	(&contig_page_data)
#define numa_node_id()		0
#define for_each_online_pgdat(pgdat) \
	for (pgdat = first_online_pgdat(); pgdat; pgdat = NULL)

#define zone_idx(zone)	((zone) - (zone)->zone_pgdat->node_zones)

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

static inline bool populated_zone(struct zone *zone)
{
	return zone->present_pages != 0;
}

static inline bool managed_zone(struct zone *zone)
{
	return zone_managed_pages(zone) != 0;
}

static inline int zone_to_nid(struct zone *zone)
{
	return 0;
}

static inline bool is_highmem_idx(enum zone_type idx)
{
	return idx == ZONE_MOVABLE;
}

#define for_each_zone(zone)						\
	for (zone = contig_page_data.node_zones;			\
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)

#define for_each_populated_zone(zone)					\
	for_each_zone(zone)						\
		if (!populated_zone(zone))				\
			; /* do nothing */				\
		else

bool zone_watermark_ok(struct zone *z, unsigned int order,
		       unsigned long mark, int classzone_idx,
		       unsigned int alloc_flags);
bool zone_watermark_ok_safe(struct zone *z, unsigned int order,
			    unsigned long mark, int classzone_idx);

#endif /* _LINUX_MMZONE_H */
