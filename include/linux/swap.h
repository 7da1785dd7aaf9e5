/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): the LRU; swap and reclaim are !CONFIG_SWAP stubs for now. */
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
 * Reclaim and swap.  Nothing is reclaimable until a swap device exists:
 * these are the kernel's answers without one (!CONFIG_SWAP) - no
 * progress, no swap entries - until mm/vmscan.c and mm/swapfile.c grow
 * them.
 */
static inline unsigned long try_to_free_pages(gfp_t gfp_mask, int order)
{
	return 0;
}

/* Without swap, anonymous pages cannot be reclaimed: none count. */
static inline unsigned long zone_reclaimable_pages(struct zone *zone)
{
	return 0;
}

static inline void wakeup_kswapd(struct zone *zone, int order,
				 enum zone_type classzone_idx)
{
}

static inline vm_fault_t do_swap_page(struct vm_area_struct *vma,
				      unsigned long address, pte_t *pte,
				      pte_t orig_pte, unsigned int flags)
{
	/* No swap device: a swap pte cannot exist. */
	return VM_FAULT_SIGBUS;
}

static inline void free_swap_and_cache(swp_entry_t entry)
{
}

#endif /* _LINUX_SWAP_H */
