/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the zsmalloc allocator (4.8 API). */
/* newer: zs_huge_class_size() is 4.17's. */
#ifndef _ZS_MALLOC_H_
#define _ZS_MALLOC_H_

#include <linux/types.h>

/*
 * zsmalloc packs objects of up to a page (compressed pages, for zram)
 * into "zspages" of 1 to 4 order-0 pages, with little waste.  An object
 * is known by an opaque handle that stays valid while zsmalloc moves the
 * object (compaction, page migration); map it to get at its bytes.
 */
enum zs_mapmode {
	ZS_MM_RW,	/* normal read-write mapping */
	ZS_MM_RO,	/* read-only (no copy-out at unmap time) */
	ZS_MM_WO	/* write-only (no copy-in at map time) */
};

struct zs_pool_stats {
	/* How many pages were freed by compaction (zs_compact()) */
	unsigned long pages_compacted;
};

struct zs_pool;

struct zs_pool *zs_create_pool(const char *name);
void zs_destroy_pool(struct zs_pool *pool);

/*
 * Allocate @size bytes (at most PAGE_SIZE) with @flags for new zspage
 * pages (zram passes __GFP_MOVABLE | __GFP_HIGHMEM: the series' last
 * patch).  Returns a handle, or 0 on failure.
 */
unsigned long zs_malloc(struct zs_pool *pool, size_t size, gfp_t flags);
void zs_free(struct zs_pool *pool, unsigned long handle);

/*
 * Map an object for access.  Between map and unmap the caller must not
 * sleep and must not map another object (a per-cpu buffer holds objects
 * that span two pages).
 */
void *zs_map_object(struct zs_pool *pool, unsigned long handle,
		    enum zs_mapmode mm);
void zs_unmap_object(struct zs_pool *pool, unsigned long handle);

unsigned long zs_get_total_pages(struct zs_pool *pool);
unsigned long zs_compact(struct zs_pool *pool);
void zs_pool_stats(struct zs_pool *pool, struct zs_pool_stats *stats);

/*
 * The smallest object size that gets a page to itself: zram stores a page
 * that compresses to this size or more as it is.
 */
size_t zs_huge_class_size(struct zs_pool *pool);

/* zsmalloc.movable= (default 1): 0 behaves as before the series. */
extern bool zs_movable;

#endif /* _ZS_MALLOC_H_ */
