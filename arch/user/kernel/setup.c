// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/kernel/setup.c - RAM and the memory layout
 *
 * mem= bytes of host memory are mapped once; that mapping is physical
 * RAM, with pfn 0 at its start.  movablecore= carves ZONE_MOVABLE from
 * the top, as the kernel does.  Nothing else knows the arena's host
 * address: the rest of the kernel goes through __va()/page_address().
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/cma.h>
#include <linux/moduleparam.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <asm/host_ops.h>

#define MEM_MIN		(64ULL << 20)
#define MEM_MAX		(64ULL << 30)

unsigned long __page_offset;
static unsigned long long mem_size = 512ULL << 20;
static unsigned long long movablecore_size;
/* As typed, for the error: @p of an early_param does not outlive it. */
static char movablecore_arg[64];

/* A size with K/M/G suffix and nothing after it; the reason if not. */
static int parse_size(const char *str, unsigned long long *size)
{
	int err = memparse_strict(str, size);

	if (err == -ERANGE)
		param_set_reason("too large a number");
	else if (err)
		param_set_reason("not a size (use K, M or G)");
	return err;
}

static int __init early_mem(char *p)
{
	unsigned long long size;

	if (parse_size(p, &size))
		return -EINVAL;
	if (size < MEM_MIN) {
		param_set_reason("at least 64M of memory is needed");
		return -ERANGE;
	}
	if (size > MEM_MAX) {
		param_set_reason("at most 64G of memory is supported");
		return -ERANGE;
	}
	/* Whole MAX_ORDER blocks, so that every buddy lies inside RAM. */
	mem_size = round_down(size, (unsigned long long)MAX_ORDER_NR_PAGES << PAGE_SHIFT);
	return 0;
}
early_param("mem", early_mem);

static int __init early_movablecore(char *p)
{
	unsigned long long size;

	if (parse_size(p, &size))
		return -EINVAL;
	movablecore_size = size;
	if (strscpy(movablecore_arg, p, sizeof(movablecore_arg)) < 0)
		memcpy(movablecore_arg + sizeof(movablecore_arg) - 4, "...", 4);
	return 0;
}
early_param("movablecore", early_movablecore);

/**
 * setup_arch - map RAM and lay out the zones
 * @max_zone_pfn: filled with the end pfn of each zone
 *
 * Return: 0, or -errno after printing why (movablecore= or cma= too
 * large, no host memory).
 */
int __init setup_arch(unsigned long *max_zone_pfn)
{
	unsigned long movable_pfns, ram_pfns;
	void *ram;

	ram_pfns = mem_size >> PAGE_SHIFT;
	/* Whole MAX_ORDER blocks; no overflow, as the size is below 2^64. */
	movable_pfns = round_up(movablecore_size >> PAGE_SHIFT,
				(unsigned long)MAX_ORDER_NR_PAGES);
	/* ZONE_NORMAL keeps at least half of RAM: mem_map, slab, stacks. */
	if (movable_pfns > ram_pfns / 2) {
		console_err("umm: bad boot parameter 'movablecore=%s': larger than half of mem= (%lluM)\n",
			    movablecore_arg, mem_size >> 20);
		return -EINVAL;
	}

	ram = host_ops.ram_map(mem_size);
	if (!ram) {
		console_err("umm: cannot map %llu MiB of host memory\n",
		       mem_size >> 20);
		return -ENOMEM;
	}
	__page_offset = (unsigned long)ram;
	max_pfn = ram_pfns;
	max_zone_pfn[ZONE_NORMAL] = ram_pfns - movable_pfns;
	max_zone_pfn[ZONE_MOVABLE] = ram_pfns;
	memblock_init(mem_size);
	/* cma=: an area at the top of ZONE_NORMAL, as x86 reserves it. */
	return dma_contiguous_reserve(PFN_PHYS(max_zone_pfn[ZONE_NORMAL]));
}
