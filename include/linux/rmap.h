/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): reverse mapping of anonymous pages. */
#ifndef _LINUX_RMAP_H
#define _LINUX_RMAP_H

#include <linux/list.h>
#include <linux/rwsem.h>
#include <linux/mm.h>

/*
 * The rmap of an anonymous page: page->mapping points here (tagged with
 * PAGE_MAPPING_ANON) and page->index is its virtual page number.  Tasks
 * never share anonymous memory here (no fork of user memory), so an
 * anon_vma has the VMAs of one task and a page has at most one mapping.
 */
struct anon_vma {
	struct rw_semaphore rwsem;	/* the list of VMAs */
	atomic_t refcount;
	struct list_head vmas;
};

enum ttu_flags {
	TTU_UNMAP = 1,			/* unmap mode */
	TTU_MIGRATION = 2,		/* migration mode */
	TTU_IGNORE_MLOCK = (1 << 8),
	TTU_IGNORE_ACCESS = (1 << 9),	/* don't age */
};

/* What walks the mappings of a page calls for each one. */
struct rmap_walk_control {
	void *arg;
	int (*rmap_one)(struct page *page, struct vm_area_struct *vma,
			unsigned long addr, void *arg);
};

#define SWAP_SUCCESS	0
#define SWAP_AGAIN	1
#define SWAP_FAIL	2

/* mm/rmap.c */
void anon_vma_init(void);
int anon_vma_prepare(struct vm_area_struct *vma);
void unlink_anon_vma(struct vm_area_struct *vma);
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address);
void page_remove_rmap(struct page *page);
struct anon_vma *page_get_anon_vma(struct page *page);
void put_anon_vma(struct anon_vma *anon_vma);
int rmap_walk(struct page *page, struct rmap_walk_control *rwc);
int try_to_unmap(struct page *page, enum ttu_flags flags);
void remove_swap_ptes(struct page *page);
void remove_migration_ptes(struct page *old, struct page *new);
int page_referenced(struct page *page, int is_locked,
		    unsigned long *vm_flags);
unsigned long vma_address(struct page *page, struct vm_area_struct *vma);

#endif /* _LINUX_RMAP_H */
