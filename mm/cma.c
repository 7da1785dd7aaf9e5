// SPDX-License-Identifier: GPL-2.0
/*
 * mm/cma.c - the contiguous memory allocator
 *
 * A CMA area is a range of RAM set aside at boot whose pageblocks are
 * MIGRATE_CMA.  While nobody needs it contiguous, it is ordinary memory
 * for movable allocations (the allocator takes from it after the movable
 * lists, see __rmqueue()); cma_alloc() then takes a run of it with
 * alloc_contig_range(), which migrates whatever was lent out of the way.
 * That works only if everything lent is movable: unmovable allocations
 * never get CMA pages, and a driver's pages are movable only with the
 * 2016 series (the movable page API).
 *
 * umm has one area, from the cma= boot parameter, which 4.8 parses in
 * Linux's drivers/base/dma-contiguous.c; it lies at the top of
 * ZONE_NORMAL, as x86 puts it below its limit top-down.  /sys/kernel/debug/cma/cma-0
 * (mm/cma_debug.c) allocates and frees from it.
 *
 * Lock order: cma_mutex (one alloc_contig_range() at a time)
 *   cma->lock (the bitmap)
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/cma.h>
#include <linux/memblock.h>
#include <linux/mutex.h>
#include <linux/bitmap.h>
#include <linux/vmstat.h>
#include <linux/pageblock-flags.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/printk.h>
#include "internal.h"

struct cma cma_areas[MAX_CMA_AREAS];
unsigned int cma_area_count;
unsigned long totalcma_pages;
struct cma *dma_contiguous_default_area;
static DEFINE_MUTEX(cma_mutex);

/* cma=: the size asked for at boot, 0 for none; as typed, for errors. */
static unsigned long long size_cmdline;
static char cma_arg[64];

static int __init early_cma(char *p)
{
	unsigned long long size;
	int err;

	/* 4.8 takes cma=SIZE@BASE and a range: umm places its one area. */
	if (strchr(p, '@') || strchr(p, '-')) {
		param_set_reason("takes a size only (no @base or range)");
		return -EINVAL;
	}
	err = memparse_strict(p, &size);
	if (err == -ERANGE) {
		param_set_reason("too large a number");
		return err;
	}
	if (err) {
		param_set_reason("not a size (use K, M or G)");
		return -EINVAL;
	}
	size_cmdline = size;
	if (strscpy(cma_arg, p, sizeof(cma_arg)) < 0)
		memcpy(cma_arg + sizeof(cma_arg) - 4, "...", 4);
	return 0;
}
early_param("cma", early_cma);

/**
 * cma_get_base - the physical address where an area starts
 * @cma: the area
 *
 * Return: the address.
 */
phys_addr_t cma_get_base(const struct cma *cma)
{
	return PFN_PHYS(cma->base_pfn);
}

/**
 * cma_get_size - an area's size
 * @cma: the area
 *
 * Return: the size in bytes.
 */
unsigned long cma_get_size(const struct cma *cma)
{
	return cma->count << PAGE_SHIFT;
}

static unsigned long cma_bitmap_maxno(struct cma *cma)
{
	return cma->count >> cma->order_per_bit;
}

/* An allocation aligned to 2^align_order pages, in bitmap bits. */
static unsigned long cma_bitmap_aligned_mask(struct cma *cma, int align_order)
{
	if (align_order <= (int)cma->order_per_bit)
		return 0;
	return (1UL << (align_order - cma->order_per_bit)) - 1;
}

/* The area's base may be less aligned than the allocation asks. */
static unsigned long cma_bitmap_aligned_offset(struct cma *cma,
					       int align_order)
{
	if (align_order <= (int)cma->order_per_bit)
		return 0;
	return (ALIGN(cma->base_pfn, 1UL << align_order) - cma->base_pfn) >>
	       cma->order_per_bit;
}

static unsigned long cma_bitmap_pages_to_bits(struct cma *cma,
					      unsigned long pages)
{
	return ALIGN(pages, 1UL << cma->order_per_bit) >> cma->order_per_bit;
}

static void cma_clear_bitmap(struct cma *cma, unsigned long pfn,
			     unsigned int count)
{
	unsigned long bitmap_no, bitmap_count;

	bitmap_no = (pfn - cma->base_pfn) >> cma->order_per_bit;
	bitmap_count = cma_bitmap_pages_to_bits(cma, count);
	mutex_lock(&cma->lock);
	bitmap_clear(cma->bitmap, bitmap_no, bitmap_count);
	mutex_unlock(&cma->lock);
}

/**
 * cma_declare_contiguous - reserve an area at boot
 * @base: where it must start, or 0 for anywhere below @limit
 * @size: its size (rounded up to the alignment)
 * @limit: the end of the memory it may take (ZONE_NORMAL's end)
 * @alignment: 0, or a power of two of at least a MAX_ORDER block
 * @order_per_bit: pages per bitmap bit, as an order
 * @fixed: @base must be honoured (umm places areas itself: must be false)
 * @res_cma: the new area
 *
 * The area is aligned to a MAX_ORDER block, so that no free block of the
 * buddy allocator straddles its edges, and placed as high below @limit as
 * it goes.  Its pages stay reserved until cma_init_reserved_areas().
 *
 * Return: 0, -ENOSPC when there is no room for it (nor another area),
 * -EINVAL for arguments umm does not take.
 */
int __init cma_declare_contiguous(phys_addr_t base, phys_addr_t size,
				  phys_addr_t limit, phys_addr_t alignment,
				  unsigned int order_per_bit, bool fixed,
				  struct cma **res_cma)
{
	phys_addr_t min_align = PAGE_SIZE <<
		max_t(unsigned int, MAX_ORDER - 1, pageblock_order);
	struct cma *cma;
	int err;

	if (cma_area_count == ARRAY_SIZE(cma_areas))
		return -ENOSPC;
	if (!size || base || fixed)
		return -EINVAL;
	if (alignment && (alignment & (alignment - 1)))
		return -EINVAL;
	alignment = max(alignment, min_align);
	size = ALIGN(size, alignment);
	limit &= ~(alignment - 1);
	if (!size || size > limit)
		return -ENOSPC;
	base = limit - size;
	err = memblock_reserve(base, size);
	if (err)
		return -ENOSPC;

	cma = &cma_areas[cma_area_count++];
	cma->base_pfn = PFN_DOWN(base);
	cma->count = size >> PAGE_SHIFT;
	cma->order_per_bit = order_per_bit;
	/* The slab is not up when the area is activated: boot memory. */
	cma->bitmap = memblock_alloc(BITS_TO_LONGS(cma_bitmap_maxno(cma)) *
				     sizeof(unsigned long),
				     sizeof(unsigned long));
	mutex_init(&cma->lock);
	INIT_LIST_HEAD(&cma->mem_head);
	spin_lock_init(&cma->mem_head_lock);
	totalcma_pages += cma->count;
	*res_cma = cma;
	return 0;
}

/**
 * dma_contiguous_reserve - reserve the cma= area at boot
 * @limit: the end of ZONE_NORMAL, in bytes
 *
 * Called by setup_arch().  4.8 prints a warning and boots without an
 * area when it does not fit; umm refuses the boot parameter, as it does
 * every value it cannot honour.
 *
 * Return: 0, or -EINVAL after printing why.
 */
int __init dma_contiguous_reserve(phys_addr_t limit)
{
	phys_addr_t min_align = PAGE_SIZE <<
		max_t(unsigned int, MAX_ORDER - 1, pageblock_order);
	phys_addr_t floor = PFN_PHYS(max_pfn) / 2, room = 0;
	int err;

	if (!size_cmdline)
		return 0;
	/* memblock_alloc() carves the bottom half of RAM: the area goes above. */
	if (limit > floor)
		room = round_down(limit - floor, min_align);
	if (size_cmdline > room) {
		console_err("umm: bad boot parameter 'cma=%s': larger than the %lluM of ZONE_NORMAL above the boot memory\n",
			    cma_arg, (unsigned long long)room >> 20);
		return -EINVAL;
	}
	err = cma_declare_contiguous(0, size_cmdline, limit, 0, 0, false,
				     &dma_contiguous_default_area);
	if (err) {
		console_err("umm: bad boot parameter 'cma=%s': cannot reserve it (%d)\n",
			    cma_arg, err);
		return -EINVAL;
	}
	pr_info("cma: Reserved %llu MiB at %#llx\n",
		(unsigned long long)cma_get_size(dma_contiguous_default_area) >> 20,
		(unsigned long long)cma_get_base(dma_contiguous_default_area));
	return 0;
}

/*
 * Give an area to the buddy allocator, a pageblock at a time, each block
 * MIGRATE_CMA first so that its pages land on the CMA free lists.
 */
static void __init cma_activate_area(struct cma *cma)
{
	unsigned long pfn = cma->base_pfn, end = cma->base_pfn + cma->count;
	struct zone *zone = page_zone(pfn_to_page(pfn));

	/* alloc_contig_range() works within one zone. */
	BUG_ON(!zone_spans_pfn(zone, end - 1));
	for (; pfn < end; pfn += pageblock_nr_pages) {
		struct page *page = pfn_to_page(pfn);

		set_pageblock_migratetype(page, MIGRATE_CMA);
		__free_pages_bootmem(page, pfn, pageblock_order);
	}
}

/**
 * cma_init_reserved_areas - hand the reserved areas to the buddy allocator
 *
 * 4.8 does it in a core_initcall; umm calls it from mem_init(), right
 * after memblock_free_all(), so that the watermarks computed there count
 * the areas' pages as 4.8's (computed later, at module_init) do.
 */
void __init cma_init_reserved_areas(void)
{
	unsigned int i;

	for (i = 0; i < cma_area_count; i++)
		cma_activate_area(&cma_areas[i]);
}

/**
 * cma_alloc - allocate contiguous pages from an area
 * @cma: the area
 * @count: how many pages
 * @align: the alignment of the first page, as an order
 *
 * Finds a free run in the area's bitmap and takes it with
 * alloc_contig_range(); a run that is busy (a page that would not move)
 * is skipped and the next one tried.  May sleep.  Counts
 * CMA_ALLOC_SUCCESS or CMA_ALLOC_FAIL once per call, as Linux does
 * from 5.12.
 *
 * Return: the first page, or NULL.
 */
struct page *cma_alloc(struct cma *cma, size_t count, unsigned int align)
{
	unsigned long mask, offset, pfn, start = 0;
	unsigned long bitmap_maxno, bitmap_no, bitmap_count;
	struct page *page = NULL;
	int ret;

	if (!cma || !cma->count || !count || count > cma->count)
		goto out;

	mask = cma_bitmap_aligned_mask(cma, align);
	offset = cma_bitmap_aligned_offset(cma, align);
	bitmap_maxno = cma_bitmap_maxno(cma);
	bitmap_count = cma_bitmap_pages_to_bits(cma, count);

	for (;;) {
		mutex_lock(&cma->lock);
		bitmap_no = bitmap_find_next_zero_area_off(cma->bitmap,
				bitmap_maxno, start, bitmap_count, mask,
				offset);
		if (bitmap_no + bitmap_count > bitmap_maxno) {
			mutex_unlock(&cma->lock);
			break;
		}
		bitmap_set(cma->bitmap, bitmap_no, bitmap_count);
		/*
		 * The bits are ours: the lock can go while the range is
		 * migrated, which takes long.
		 */
		mutex_unlock(&cma->lock);

		pfn = cma->base_pfn + (bitmap_no << cma->order_per_bit);
		mutex_lock(&cma_mutex);
		ret = alloc_contig_range(pfn, pfn + count, MIGRATE_CMA);
		mutex_unlock(&cma_mutex);
		if (ret == 0) {
			page = pfn_to_page(pfn);
			break;
		}
		cma_clear_bitmap(cma, pfn, count);
		if (ret != -EBUSY)
			break;
		pr_debug("%s(): memory range at pfn %#lx is busy, retrying\n",
			 __func__, pfn);
		/* Try again a little further on. */
		start = bitmap_no + mask + 1;
	}
out:
	count_vm_event(page ? CMA_ALLOC_SUCCESS : CMA_ALLOC_FAIL);
	return page;
}

/**
 * cma_release - give pages from cma_alloc() back
 * @cma: the area
 * @pages: the first page, as cma_alloc() returned it
 * @count: how many pages
 *
 * Return: false if @pages is not in the area, true otherwise.
 */
bool cma_release(struct cma *cma, const struct page *pages,
		 unsigned int count)
{
	unsigned long pfn;

	if (!cma || !pages)
		return false;
	pfn = page_to_pfn(pages);
	if (pfn < cma->base_pfn || pfn >= cma->base_pfn + cma->count)
		return false;
	VM_BUG_ON(pfn + count > cma->base_pfn + cma->count);

	free_contig_range(pfn, count);
	cma_clear_bitmap(cma, pfn, count);
	return true;
}
