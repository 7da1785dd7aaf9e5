/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): boot-time allocation of RAM before the buddy allocator. */
/* newer: memblock_alloc() and memblock_free_all() are the names from */
/* newer: 4.20 on (4.8: memblock_virt_alloc(), free_all_bootmem()). */
#ifndef _LINUX_MEMBLOCK_H
#define _LINUX_MEMBLOCK_H

#include <linux/types.h>
#include <linux/init.h>

/*
 * RAM is one range [0, max_pfn).  Boot allocations (mem_map, pageblock
 * bitmaps, per-cpu areas, hash tables) are carved from its bottom; what is
 * left goes to the buddy allocator in memblock_free_all().
 */
void memblock_init(phys_addr_t ram_size);
void *memblock_alloc(phys_addr_t size, phys_addr_t align);
phys_addr_t memblock_reserved_size(void);
phys_addr_t memblock_start_of_free(void);
int memblock_reserve(phys_addr_t base, phys_addr_t size);
unsigned long memblock_free_all(void);

#endif
