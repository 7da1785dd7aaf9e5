/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: contiguous memory areas (mm/cma.c), as in 4.8. */
#ifndef __CMA_H__
#define __CMA_H__

#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/spinlock.h>

/*
 * umm has one area, from the cma= boot parameter, and no per-device
 * areas: there is no dma-contiguous.h, dma_contiguous_reserve() is
 * declared below.
 */
#define MAX_CMA_AREAS	1

/*
 * A CMA area: count pages from base_pfn, every pageblock MIGRATE_CMA.
 * One bit of the bitmap stands for 2^order_per_bit pages handed out by
 * cma_alloc(); a clear bit's pages are lent to movable allocations.
 */
struct cma {
	unsigned long	base_pfn;
	unsigned long	count;
	unsigned long	*bitmap;
	unsigned int	order_per_bit;
	struct mutex	lock;		/* the bitmap */
	/* mm/cma_debug.c: what "echo N > alloc" took, for "free" */
	struct list_head mem_head;
	spinlock_t	mem_head_lock;
};

extern struct cma cma_areas[MAX_CMA_AREAS];
extern unsigned int cma_area_count;
extern unsigned long totalcma_pages;
/* The area of the cma= boot parameter, or NULL. */
extern struct cma *dma_contiguous_default_area;

phys_addr_t cma_get_base(const struct cma *cma);
unsigned long cma_get_size(const struct cma *cma);
int cma_declare_contiguous(phys_addr_t base, phys_addr_t size,
			   phys_addr_t limit, phys_addr_t alignment,
			   unsigned int order_per_bit, bool fixed,
			   struct cma **res_cma);
void cma_init_reserved_areas(void);
struct page *cma_alloc(struct cma *cma, size_t count, unsigned int align);
bool cma_release(struct cma *cma, const struct page *pages,
		 unsigned int count);

/* In Linux's drivers/base/dma-contiguous.c: reserve the cma= area at boot. */
int dma_contiguous_reserve(phys_addr_t limit);

#endif /* __CMA_H__ */
