/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): the LRU, reclaim, and swap to synchronous devices. */
/* newer: get_swap_device(), put_swap_device() and SWP_VALID are 5.3's. */
/* newer: wakeup_kswapd() takes 4.17's gfp_flags (4.8: zone, order, idx). */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

#include <linux/types.h>
#include <linux/mmzone.h>
#include <linux/mm.h>

struct vm_area_struct;

/* mm/swap.c: the LRU */
void lru_cache_add(struct page *page);
void lru_cache_add_active_or_unevictable(struct page *page,
					 struct vm_area_struct *vma);
void lru_add_drain(void);
void lru_add_drain_all(void);

/* mm/vmscan.c */
int isolate_lru_page(struct page *page);
void putback_lru_page(struct page *page);
int __isolate_lru_page(struct page *page, isolate_mode_t mode);

/*
 * Reclaim (mm/vmscan.c): scans of the anonymous LRU that write pages to
 * swap, run by kswapd in the background and by allocators directly.
 */
#define SWAP_CLUSTER_MAX	32UL
#define DEF_PRIORITY		12

extern int vm_swappiness;

unsigned long try_to_free_pages(gfp_t gfp_mask, int order);
unsigned long zone_reclaimable_pages(struct zone *zone);
void wakeup_kswapd(struct zone *zone, gfp_t gfp_flags, int order,
		   enum zone_type classzone_idx);
int kswapd_run(int nid);
void kswapd_stop(int nid);
unsigned long shrink_all_memory(unsigned long nr_to_reclaim);

/*
 * Swap (mm/swapfile.c).  A swap entry's slot is counted in its device's
 * swap_map: how many ptes hold the entry, plus SWAP_HAS_CACHE while a page
 * of reclaim owns it (between get_swap_page() and the end of its
 * write-out).  zram is a synchronous device: a page is written as it is
 * reclaimed and read as it is faulted, with no swap cache in between, so
 * a fault on an entry whose slot still has SWAP_HAS_CACHE waits for
 * reclaim to finish with it.
 */
#define SWAP_HAS_CACHE	0x40	/* a page of reclaim owns the slot */
#define SWAP_MAP_MAX	0x3e	/* highest pte count of a slot */
#define SWAP_MAP_BAD	0x3f	/* the header page */

enum {
	SWP_USED	= (1 << 0),	/* is slot in swap_info[] used? */
	SWP_WRITEOK	= (1 << 1),	/* ok to write to this swap? */
	SWP_VALID	= (1 << 13),	/* get_swap_device() may hold it (5.3) */
};

struct block_device;

struct swap_info_struct {
	unsigned long flags;		/* SWP_* */
	signed short prio;		/* swap priority of this type */
	signed char type;		/* index in swap_info[] */
	unsigned int max;		/* size of the device, in pages */
	unsigned char **swap_map;	/* the counts, a page of them per chunk */
	unsigned int nr_map_pages;
	unsigned int lowest_bit;	/* lowest slot that may be free */
	unsigned int highest_bit;	/* highest slot that may be free */
	unsigned int pages;		/* usable slots */
	unsigned int inuse_pages;	/* slots in use */
	unsigned int cluster_next;	/* where the next search starts */
	struct block_device *bdev;
	unsigned int users;		/* get_swap_device() holders */
	char name[32];			/* as given to swapon, for /proc/swaps */
	spinlock_t lock;		/* the counts and the bits above */
};

/* mm/swapfile.c */
long get_nr_swap_pages(void);
extern long total_swap_pages;
swp_entry_t get_swap_page(void);
int swap_duplicate(swp_entry_t entry);
void swap_free(swp_entry_t entry);
void swapcache_free(swp_entry_t entry);
bool swap_slot_has_cache(swp_entry_t entry);
struct swap_info_struct *swp_swap_info(swp_entry_t entry);
struct swap_info_struct *get_swap_device(swp_entry_t entry);
void put_swap_device(struct swap_info_struct *si);
void free_swap_and_cache(swp_entry_t entry);
int mkswap(const char *path);
/* The system calls, by 4.8's names: the plain ones are libc's. */
int sys_swapon(const char *path, int prio);
int sys_swapoff(const char *path);
void si_swapinfo(unsigned long *total, unsigned long *free);

/* mm/page_io.c */
int swap_writepage(struct page *page);
int swap_readpage(struct page *page, swp_entry_t entry);

/* mm/swap_state.c: the swap entry a page of reclaim carries */
int add_to_swap(struct page *page);
void delete_from_swap_cache(struct page *page);

/* mm/memory.c */
vm_fault_t do_swap_page(struct vm_area_struct *vma, unsigned long address,
			pte_t *pte, pte_t orig_pte, unsigned int flags);
int unuse_mm(struct mm_struct *mm, unsigned int type);

#endif /* _LINUX_SWAP_H */
