// SPDX-License-Identifier: GPL-2.0
/*
 * mm/memblock.c - boot-time allocations from the bottom of RAM
 *
 * Before the buddy allocator exists, the structures it needs (mem_map,
 * the pageblock bitmaps, the per-cpu areas) are carved from the start of
 * RAM, as the kernel's memblock does with the memory around its image.
 * Those pages stay PageReserved for the life of the system: they are the
 * first unmovable block of every memory map.
 */
#include <linux/kernel.h>
#include <linux/memblock.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "internal.h"

static phys_addr_t memblock_cur;	/* first free byte */
static phys_addr_t memblock_end;	/* end of RAM */
static bool memblock_done;

/*
 * Ranges that memblock_free_all() must not release: a CMA area, which
 * cma_init_reserved_areas() gives to the buddy allocator itself.
 */
#define MEMBLOCK_MAX_RESERVED	4
static struct {
	unsigned long start_pfn, end_pfn;
} memblock_kept[MEMBLOCK_MAX_RESERVED];
static int memblock_nr_kept;

void __init memblock_init(phys_addr_t ram_size)
{
	memblock_cur = 0;
	memblock_end = ram_size;
	memblock_done = false;
	memblock_nr_kept = 0;
}

/**
 * memblock_reserve - keep a range of RAM from the buddy allocator
 * @base: its start, page aligned, in the top half of RAM (the bottom
 *	half is where memblock_alloc() carves)
 * @size: its size, page aligned
 *
 * Return: 0, or -EINVAL if the range is not in the top half of RAM,
 * -ENOSPC if too many ranges are kept already.
 */
int __init memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	BUG_ON(memblock_done);
	if (base < memblock_end / 2 || base + size > memblock_end ||
	    base + size < base || ((base | size) & ~PAGE_MASK))
		return -EINVAL;
	if (memblock_nr_kept == MEMBLOCK_MAX_RESERVED)
		return -ENOSPC;
	memblock_kept[memblock_nr_kept].start_pfn = PFN_DOWN(base);
	memblock_kept[memblock_nr_kept].end_pfn = PFN_DOWN(base + size);
	memblock_nr_kept++;
	return 0;
}

/* Where the free run from @pfn ends: @end, or the next kept range. */
static unsigned long __init memblock_run_end(unsigned long pfn,
					     unsigned long end)
{
	int i;

	for (i = 0; i < memblock_nr_kept; i++)
		if (memblock_kept[i].start_pfn >= pfn &&
		    memblock_kept[i].start_pfn < end)
			end = memblock_kept[i].start_pfn;
	return end;
}

/* The end of the kept range @pfn is in, or @pfn if it is in none. */
static unsigned long __init memblock_kept_end(unsigned long pfn)
{
	int i;

	for (i = 0; i < memblock_nr_kept; i++)
		if (pfn >= memblock_kept[i].start_pfn &&
		    pfn < memblock_kept[i].end_pfn)
			return memblock_kept[i].end_pfn;
	return pfn;
}

/**
 * memblock_alloc - allocate zeroed boot memory
 * @size: bytes
 * @align: alignment, a power of two
 *
 * Only valid until memblock_free_all().  Running out panics: nothing can
 * work without these structures.
 *
 * Return: the kernel address of the memory.
 */
void *__init memblock_alloc(phys_addr_t size, phys_addr_t align)
{
	phys_addr_t start = ALIGN(memblock_cur, align);
	void *p;

	BUG_ON(memblock_done);
	if (start + size > memblock_end / 2)
		panic("memblock: cannot allocate %lu bytes of boot memory",
		      (unsigned long)size);
	memblock_cur = start + size;
	p = __va(start);
	memset(p, 0, size);
	return p;
}

/**
 * memblock_reserved_size - bytes of RAM taken at boot
 *
 * Return: the size, rounded up to whole pages.
 */
phys_addr_t memblock_reserved_size(void)
{
	return PFN_UP(memblock_cur) << PAGE_SHIFT;
}

/**
 * memblock_start_of_free - the first physical address the buddy allocator gets
 *
 * Return: the address (page aligned).
 */
phys_addr_t memblock_start_of_free(void)
{
	return memblock_reserved_size();
}

/**
 * memblock_free_all - hand every unreserved page to the buddy allocator
 *
 * Frees in the largest naturally aligned blocks, as the kernel's
 * __free_pages_memory() does, so that boot does not pay for merging.
 * The ranges of memblock_reserve() stay reserved.
 *
 * Return: the number of pages released.
 */
unsigned long __init memblock_free_all(void)
{
	unsigned long start = PFN_UP(memblock_cur), end = max_pfn;
	unsigned long pfn = start, released = 0;

	memblock_done = true;
	while (pfn < end) {
		unsigned long run_end;
		unsigned int order;

		if (memblock_kept_end(pfn) != pfn) {
			pfn = memblock_kept_end(pfn);
			continue;
		}
		run_end = memblock_run_end(pfn, end);
		order = min_t(unsigned int, MAX_ORDER - 1,
			      pfn ? __ffs(pfn) : MAX_ORDER - 1);
		while (pfn + (1UL << order) > run_end)
			order--;
		__free_pages_bootmem(pfn_to_page(pfn), pfn, order);
		pfn += 1UL << order;
		released += 1UL << order;
	}
	return released;
}
