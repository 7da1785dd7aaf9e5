/* SPDX-License-Identifier: GPL-2.0 */
/* STUB: reclaim hooks; nothing is reclaimable until the LRU exists. */

/*
 * There is no LRU yet, so nothing can be reclaimed and
 * kswapd does not exist: the allocator's slow path calls these hooks and
 * gets "no progress", exactly what a kernel with nothing reclaimable gets.
 * The reclaim issue replaces them with mm/vmscan.c.
 */
#ifndef _LINUX_SWAP_H
#define _LINUX_SWAP_H

#include <linux/types.h>
#include <linux/mmzone.h>

static inline unsigned long try_to_free_pages(gfp_t gfp_mask, int order)
{
	return 0;
}

static inline void wakeup_kswapd(struct zone *zone, int order,
				 enum zone_type classzone_idx)
{
}

#endif /* _LINUX_SWAP_H */
