/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: struct page helpers, mem_map, references, RAM totals. */
/* newer: vm_fault_t (4.17), mmget_not_zero() (4.11). */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mmzone.h>
#include <linux/mm_types.h>
#include <linux/err.h>
#include <linux/page-flags.h>
#include <linux/page_ref.h>
#include <linux/mmdebug.h>
#include <linux/gfp.h>
#include <linux/pfn.h>
#include <asm/page.h>

extern struct page *mem_map;
extern unsigned long max_pfn;		/* one past the last pfn of RAM */
extern unsigned long totalram_pages;	/* managed pages of all zones */
extern unsigned long totalreserve_pages;
extern int min_free_kbytes;
extern int watermark_scale_factor;
extern int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES - 1];

#define pfn_to_page(pfn)	(mem_map + ((pfn) - ARCH_PFN_OFFSET))
#define page_to_pfn(page)	((unsigned long)((page) - mem_map) + ARCH_PFN_OFFSET)
#define pfn_valid(pfn)		((pfn) < max_pfn)
#define virt_to_page(kaddr)	pfn_to_page(virt_to_pfn(kaddr))
#define virt_addr_valid(kaddr)	pfn_valid(virt_to_pfn(kaddr))
#define nth_page(page, n)	((page) + (n))

/* Zone number in the top bits of page->flags, as set by set_page_zone(). */
#define ZONES_WIDTH		ZONES_SHIFT
#define ZONES_PGSHIFT		(BITS_PER_LONG - ZONES_WIDTH)
#define ZONES_MASK		((1UL << ZONES_WIDTH) - 1)
#define ZONEID_PGSHIFT		ZONES_PGSHIFT

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (READ_ONCE(page->flags) >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline int page_zone_id(struct page *page)
{
	return page_zonenum(page);
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(0)->node_zones[page_zonenum(page)];
}

static inline pg_data_t *page_pgdat(const struct page *page)
{
	return NODE_DATA(0);
}

static inline int page_to_nid(const struct page *page)
{
	return 0;
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (unsigned long)(zone & ZONES_MASK) << ZONES_PGSHIFT;
}

static inline void *page_address(const struct page *page)
{
	return __va(page_to_pfn(page) << PAGE_SHIFT);
}
#define lowmem_page_address	page_address

/*
 * Single loads and stores: the buddy allocator reads a neighbour's
 * private (its order) while the neighbour's owner may be writing it.
 */
#define page_private(page)		READ_ONCE((page)->private)
#define set_page_private(page, v)	WRITE_ONCE((page)->private, (v))

static inline int page_mapcount(struct page *page)
{
	return atomic_read(&page->_mapcount) + 1;
}

static inline void page_mapcount_reset(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

static inline bool page_mapped(struct page *page)
{
	return atomic_read(&page->_mapcount) >= 0;
}

static inline int put_page_testzero(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page) == 0, page);
	return page_ref_dec_and_test(page);
}

/* Take a reference unless the page is already on its way to be freed. */
static inline int get_page_unless_zero(struct page *page)
{
	return page_ref_add_unless(page, 1, 0);
}

static inline void get_page(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page) <= 0, page);
	page_ref_inc(page);
}

void __put_page(struct page *page);

static inline void put_page(struct page *page)
{
	if (put_page_testzero(page))
		__put_page(page);
}

static inline void set_page_refcounted(struct page *page)
{
	VM_BUG_ON_PAGE(page_ref_count(page), page);
	set_page_count(page, 1);
}

static inline unsigned int compound_order(struct page *page)
{
	return 0;
}

/* mm/util.c */
struct address_space *page_mapping(struct page *page);

/* Faults */
typedef unsigned int vm_fault_t;
#define VM_FAULT_OOM		0x0001
#define VM_FAULT_SIGBUS		0x0002
#define VM_FAULT_ERROR		(VM_FAULT_OOM | VM_FAULT_SIGBUS)
#define FAULT_FLAG_WRITE	0x01

struct vm_area_struct;

/* mm/memory.c */
pgd_t *pgd_alloc(struct mm_struct *mm);
void free_pgtables(struct mm_struct *mm);
pte_t *lookup_pte(struct mm_struct *mm, unsigned long address);
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags);
int access_mm(struct mm_struct *mm, unsigned long addr, void *buf, size_t len,
	      bool write);
int mm_pte_state(struct mm_struct *mm, unsigned long addr, unsigned long *pfn);
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end);

/* mm/mmap.c */
void mmap_init(void);
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
struct vm_area_struct *find_vma_by_name(struct mm_struct *mm, const char *name);
unsigned long mmap_anon(struct mm_struct *mm, unsigned long len,
			const char *name);
void exit_mmap(struct mm_struct *mm);
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);

/* A user of @mm that is not one of its tasks (swapoff); pair with mmput. */
static inline bool mmget_not_zero(struct mm_struct *mm)
{
	return atomic_inc_not_zero(&mm->mm_users);
}

static inline unsigned long get_mm_counter(struct mm_struct *mm, int member)
{
	long val = atomic_long_read(&mm->rss_stat[member]);

	return val < 0 ? 0 : val;
}

static inline void add_mm_counter(struct mm_struct *mm, int member, long value)
{
	atomic_long_add(value, &mm->rss_stat[member]);
}

static inline unsigned long get_mm_rss(struct mm_struct *mm)
{
	return get_mm_counter(mm, MM_ANONPAGES);
}

static inline pgoff_t linear_page_index(struct vm_area_struct *vma,
					unsigned long address)
{
	return ((address - vma->vm_start) >> PAGE_SHIFT) + vma->vm_pgoff;
}

/* mm/page_alloc.c */
extern unsigned long nr_free_buffer_pages(void);
unsigned long nr_free_pagecache_pages(void);
void adjust_managed_page_count(struct page *page, long count);
void setup_per_zone_wmarks(void);
void si_meminfo_totalram(unsigned long *total, unsigned long *free);
void free_area_init(unsigned long *max_zone_pfn);
void mem_init(void);
long si_mem_available(void);
void show_free_areas(void);

/* mm/filemap.c */
void pagecache_init(void);

#define offset_in_page(p)	((unsigned long)(p) & ~PAGE_MASK)
#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)

#endif /* _LINUX_MM_H */
