/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: struct page (the 4.8 fields umm uses, at most 64 bytes). */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>

struct address_space;
struct kmem_cache;

/*
 * One per physical page frame, in mem_map[].  Unions as in 4.8: who owns
 * the page decides which member is live.
 */
struct page {
	unsigned long flags;		/* PG_* bits, zone number on top */
	/*
	 * NULL, or a tagged pointer: see PAGE_MAPPING_* in page-flags.h.
	 * Read it through page_mapping() unless you own the page.
	 */
	struct address_space *mapping;
	union {
		pgoff_t index;		/* anon: virtual page number */
		/* slab: first free object; zsmalloc: next page of a zspage */
		void *freelist;
	};
	union {
		struct {
			union {
				/*
				 * Count of ptes mapping the page, minus one;
				 * or a page type (PageBuddy, PageBalloon...).
				 */
				atomic_t _mapcount;
				struct {		/* slab */
					unsigned inuse:16;
					unsigned objects:15;
					unsigned frozen:1;
				};
				int units;	/* zsmalloc: first object offset */
			};
			/* Usage count: do not use directly, see page_ref.h */
			atomic_t _refcount;
		};
	};
	union {
		/*
		 * LRU list, or the buddy free list, or the owner's list.
		 * While a non-LRU movable page is isolated, the VM owns it.
		 */
		struct list_head lru;
		struct rcu_head rcu_head;
	};
	union {
		/*
		 * Buddy: order of a free block.  Swap cache: swp_entry_t.
		 * Balloon: the balloon_dev_info.  zsmalloc: the zspage.
		 */
		unsigned long private;
		struct kmem_cache *slab_cache;	/* slab: the cache */
	};
};

#endif /* _LINUX_MM_TYPES_H */
