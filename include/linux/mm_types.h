/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: struct page (the 4.8 fields umm uses, at most 64 bytes). */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/spinlock_types.h>
#include <linux/rwsem.h>
#include <asm/pgtable.h>

struct address_space;
struct kmem_cache;
struct anon_vma;
struct mm_struct;
struct task_struct;

/* A swap entry: (type, offset); see <linux/swapops.h>. */
typedef struct {
	unsigned long val;
} swp_entry_t;

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
				/*
				 * slab: the word above as a whole, for
				 * updates that lockless readers of
				 * _mapcount (PageBuddy()) may race with.
				 */
				unsigned int counters;
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

#define VM_READ		0x00000001
#define VM_WRITE	0x00000002

/*
 * One mapping of a task's address space.  Only private anonymous memory
 * exists here: vm_pgoff is vm_start in pages, so a page's index is its
 * virtual page number, as in the kernel.
 */
struct vm_area_struct {
	unsigned long vm_start;
	unsigned long vm_end;		/* first byte after the area */
	struct mm_struct *vm_mm;
	unsigned long vm_flags;
	pgoff_t vm_pgoff;
	struct anon_vma *anon_vma;	/* the rmap of its pages */
	struct list_head vm_list;	/* on mm->mmap, by address */
	struct list_head anon_vma_node;	/* on anon_vma->vmas */
	char name[16];			/* the console's name for it */
};

enum {
	MM_ANONPAGES,	/* resident anonymous pages */
	MM_SWAPENTS,	/* anonymous swap entries */
	NR_MM_COUNTERS
};

struct mm_struct {
	pgd_t *pgd;
	struct list_head mmap;		/* the VMAs, by address */
	int map_count;
	unsigned long free_area_start;	/* where the next mmap goes */
	atomic_t mm_users;		/* tasks using it */
	atomic_t mm_count;		/* references to the struct */
	/*
	 * Protects the page tables (the kernel's split pte locks are off:
	 * !USE_SPLIT_PTE_PTLOCKS), and so is the TLB of this "MMU": an
	 * access to user memory holds it, so once a pte is changed under it
	 * no access can still go through the old translation.
	 */
	spinlock_t page_table_lock;
	struct rw_semaphore mmap_sem;	/* the VMA list */
	atomic_long_t nr_ptes;		/* page table pages */
	atomic_long_t rss_stat[NR_MM_COUNTERS];
	unsigned long total_vm;		/* pages mapped */
	struct task_struct *owner;
};

#endif /* _LINUX_MM_TYPES_H */
