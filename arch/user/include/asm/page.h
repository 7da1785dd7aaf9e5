/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: page size, and RAM as one linear mapping of the host arena. */
#ifndef _ASM_USER_PAGE_H
#define _ASM_USER_PAGE_H

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#ifndef __ASSEMBLY__
/*
 * RAM starts at physical address 0 and is mapped linearly at PAGE_OFFSET,
 * the host address of the arena (arch/user/kernel/setup.c).  pfn N is the
 * frame at PAGE_OFFSET + N * PAGE_SIZE, and mem_map[N] is its struct page.
 */
extern unsigned long __page_offset;
#define PAGE_OFFSET		(__page_offset)
#define ARCH_PFN_OFFSET		0UL

#define __pa(x)		((unsigned long)(x) - PAGE_OFFSET)
#define __va(x)		((void *)((unsigned long)(x) + PAGE_OFFSET))
#define virt_to_pfn(kaddr)	(__pa(kaddr) >> PAGE_SHIFT)
#define pfn_to_virt(pfn)	__va((unsigned long)(pfn) << PAGE_SHIFT)

/* The smallest order whose block holds @size bytes. */
static inline __attribute__((__const__)) int get_order(unsigned long size)
{
	if (size <= PAGE_SIZE)
		return 0;
	return 64 - __builtin_clzl((size - 1) >> PAGE_SHIFT);
}
#endif

#endif /* _ASM_USER_PAGE_H */
