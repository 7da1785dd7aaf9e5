// SPDX-License-Identifier: GPL-2.0
/*
 * mm/memory.c - page tables, page faults, and the MMU of workload tasks
 *
 * A workload task's memory is reached only through access_mm(), which
 * does what a CPU's MMU does: walk the page tables, and on a missing or
 * non-present entry take a page fault (handle_mm_fault()).  The walk and
 * the data access happen under mm->page_table_lock, so the lock plays the
 * TLB's part: after try_to_unmap() changed a pte under it, no access can
 * still reach the old page, as after a TLB shootdown.
 *
 * Lock order:
 *   mm->mmap_sem (read for faults and accesses)
 *     page lock (migration_entry_wait() sleeps on it, holding nothing else)
 *     mm->page_table_lock
 *       pgdat->lru_lock (a new page goes on the LRU at fault time)
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/pagemap.h>
#include <linux/rmap.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/migrate.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <linux/string.h>
#include "internal.h"

/* ---- page table pages ---------------------------------------------- */

/*
 * Page table pages come from the buddy allocator as unmovable pages, as
 * in the kernel: they are a large part of what pins pageblocks.
 */
static struct page *pgtable_alloc(struct mm_struct *mm)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return NULL;
	__SetPageTable(page);
	inc_node_page_state(page, NR_PAGETABLE);
	atomic_long_inc(&mm->nr_ptes);
	return page;
}

static void pgtable_free(struct mm_struct *mm, struct page *page)
{
	__ClearPageTable(page);
	dec_node_page_state(page, NR_PAGETABLE);
	atomic_long_dec(&mm->nr_ptes);
	__free_page(page);
}

/**
 * pgd_alloc - the top level table of a new mm
 * @mm: the mm
 *
 * Return: the table, or NULL.
 */
pgd_t *pgd_alloc(struct mm_struct *mm)
{
	struct page *page = pgtable_alloc(mm);

	return page ? page_address(page) : NULL;
}

static void *table_of(unsigned long entry)
{
	return __va(entry & PTE_PFN_MASK);
}

static unsigned long table_entry(struct page *table)
{
	return (page_to_pfn(table) << PAGE_SHIFT) | _PAGE_TABLE;
}

/*
 * Find the pte for @address, allocating the tables on the way when
 * @alloc.  The tables are allocated without the lock (that may sleep) and
 * installed under it; a racing fault may have installed one first.
 * Returns the pte, NULL if a table is missing (!@alloc), or
 * ERR_PTR(-ENOMEM).
 */
static pte_t *walk_pte(struct mm_struct *mm, unsigned long address, bool alloc)
{
	unsigned long *entry = &pgd_val(mm->pgd[pgd_index(address)]);
	static const unsigned int shifts[] = { PUD_SHIFT, PMD_SHIFT, PAGE_SHIFT };
	unsigned int level;

	for (level = 0; level < ARRAY_SIZE(shifts); level++) {
		unsigned long *table;

		if (!READ_ONCE(*entry)) {
			struct page *new;

			if (!alloc)
				return NULL;
			new = pgtable_alloc(mm);
			if (!new)
				return ERR_PTR(-ENOMEM);
			spin_lock(&mm->page_table_lock);
			if (!*entry) {
				WRITE_ONCE(*entry, table_entry(new));
				new = NULL;
			}
			spin_unlock(&mm->page_table_lock);
			if (new)
				pgtable_free(mm, new);
		}
		table = table_of(READ_ONCE(*entry));
		entry = &table[(address >> shifts[level]) & (PTRS_PER_PTE - 1)];
	}
	return (pte_t *)entry;
}

/* The pte of @address if its tables exist.  page_table_lock held. */
pte_t *lookup_pte(struct mm_struct *mm, unsigned long address)
{
	return walk_pte(mm, address, false);
}

static void free_table(struct mm_struct *mm, unsigned long entry, int level)
{
	unsigned long *table = table_of(entry);
	int i;

	if (level < 3)
		for (i = 0; i < PTRS_PER_PTE; i++)
			if (table[i])
				free_table(mm, table[i], level + 1);
	pgtable_free(mm, virt_to_page(table));
}

/**
 * free_pgtables - free every page table of an mm whose ptes are all empty
 * @mm: the mm (its VMAs already zapped)
 *
 * The pgd itself goes too: the mm is on its way out.
 */
void free_pgtables(struct mm_struct *mm)
{
	int i;

	for (i = 0; i < PTRS_PER_PGD; i++)
		if (pgd_val(mm->pgd[i]))
			free_table(mm, pgd_val(mm->pgd[i]), 1);
	pgtable_free(mm, virt_to_page(mm->pgd));
	mm->pgd = NULL;
}

/* ---- faults ---------------------------------------------------------- */

static vm_fault_t do_anonymous_page(struct vm_area_struct *vma,
				    unsigned long address, pte_t *pte,
				    unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *page;
	pte_t entry;

	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_ZERO);
	if (!page)
		return VM_FAULT_OOM;
	__SetPageSwapBacked(page);

	entry = pfn_pte(page_to_pfn(page), PAGE_SHARED);
	if (flags & FAULT_FLAG_WRITE)
		entry = pte_mkdirty(entry);

	spin_lock(&mm->page_table_lock);
	if (!pte_none(*pte)) {
		/* Another access of this task faulted it in first. */
		spin_unlock(&mm->page_table_lock);
		put_page(page);
		return 0;
	}
	add_mm_counter(mm, MM_ANONPAGES, 1);
	page_add_new_anon_rmap(page, vma, address);
	lru_cache_add_active_or_unevictable(page, vma);
	WRITE_ONCE(pte_val(*pte), pte_val(entry));
	spin_unlock(&mm->page_table_lock);
	return 0;
}

/* swapin_pte() with the device held. */
static vm_fault_t __swapin_pte(struct vm_area_struct *vma,
			       unsigned long address, pte_t *pte, pte_t orig,
			       bool fault)
{
	struct mm_struct *mm = vma->vm_mm;
	swp_entry_t entry = pte_to_swp_entry(orig);
	struct page *page;
	pte_t pteval;

	/* Reclaim still writing the slot: wait for it, then retry. */
	if (swap_slot_has_cache(entry)) {
		schedule_timeout_uninterruptible(1);
		return 0;
	}
	if (anon_vma_prepare(vma))
		return VM_FAULT_OOM;
	/*
	 * swapoff (!fault) must not have the OOM killer take a task's
	 * memory to make room for pages coming back: Linux marks the
	 * swapoff task as the OOM killer's first choice.  The console has
	 * no task to kill, so swapoff gives up on ENOMEM instead.
	 */
	page = alloc_page(fault ? GFP_HIGHUSER_MOVABLE :
			  GFP_HIGHUSER_MOVABLE | __GFP_NORETRY);
	if (!page)
		return VM_FAULT_OOM;
	__SetPageLocked(page);
	__SetPageSwapBacked(page);
	if (swap_readpage(page, entry)) {
		unlock_page(page);
		put_page(page);
		/* The data is gone: as Linux does, the task gets SIGBUS. */
		return pte_same(__pte(READ_ONCE(pte_val(*pte))), orig) ? VM_FAULT_SIGBUS : 0;
	}

	spin_lock(&mm->page_table_lock);
	if (!pte_same(*pte, orig)) {
		/* Another fault, or swapoff, was first. */
		spin_unlock(&mm->page_table_lock);
		unlock_page(page);
		put_page(page);
		return 0;
	}
	pteval = pte_mkdirty(pfn_pte(page_to_pfn(page), PAGE_SHARED));
	add_mm_counter(mm, MM_SWAPENTS, -1);
	add_mm_counter(mm, MM_ANONPAGES, 1);
	page_add_new_anon_rmap(page, vma, address);
	lru_cache_add_active_or_unevictable(page, vma);
	WRITE_ONCE(pte_val(*pte), pte_val(pteval));
	spin_unlock(&mm->page_table_lock);
	unlock_page(page);
	swap_free(entry);
	count_vm_event(PSWPIN);
	if (fault)
		count_vm_event(PGMAJFAULT);
	return 0;
}

/*
 * Read the page behind swap pte @orig into a new page and map it.  The
 * slot is freed: without a swap cache the page is its only copy from now
 * on, hence mapped dirty.  Returns 0 when the pte is resolved (by us or
 * by a racing fault) or must be looked at again, or VM_FAULT_* bits.  A
 * fault (@fault) counts a major fault when it read the page; swapoff
 * does not.  mmap_sem held.
 */
static vm_fault_t swapin_pte(struct vm_area_struct *vma, unsigned long address,
			     pte_t *pte, pte_t orig, bool fault)
{
	swp_entry_t entry = pte_to_swp_entry(orig);
	struct swap_info_struct *si;
	vm_fault_t ret;

	/*
	 * Device gone: swapoff brought the page in first (the pte changed),
	 * or the entry never was valid.
	 */
	si = get_swap_device(entry);
	if (!si)
		return pte_same(__pte(READ_ONCE(pte_val(*pte))), orig) ?
		       VM_FAULT_SIGBUS : 0;
	ret = __swapin_pte(vma, address, pte, orig, fault);
	put_swap_device(si);
	return ret;
}

/**
 * do_swap_page - a fault on a swapped-out page
 * @vma: the area
 * @address: the page's address
 * @pte: its pte
 * @orig_pte: the swap pte that was found there
 * @flags: FAULT_FLAG_*
 *
 * Return: 0 (the access is retried), or VM_FAULT_* bits.
 */
vm_fault_t do_swap_page(struct vm_area_struct *vma, unsigned long address,
			pte_t *pte, pte_t orig_pte, unsigned int flags)
{
	return swapin_pte(vma, address, pte, orig_pte, true);
}

/**
 * unuse_mm - swap in every page of swap type @type that @mm has out
 * @mm: the mm (a reference held)
 * @type: the swap device's type
 *
 * For swapoff.  Return: 0, or -ENOMEM / -EIO.
 */
int unuse_mm(struct mm_struct *mm, unsigned int type)
{
	struct vm_area_struct *vma;
	int err = 0;

	down_read(&mm->mmap_sem);
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long addr;

		for (addr = vma->vm_start; addr < vma->vm_end && !err;
		     addr += PAGE_SIZE) {
			vm_fault_t fault;
			pte_t *pte, orig;

			spin_lock(&mm->page_table_lock);
			pte = lookup_pte(mm, addr);
			orig = pte ? *pte : __pte(0);
			spin_unlock(&mm->page_table_lock);
			if (!pte) {
				/* No pte table here: on to the next one. */
				addr = (addr | (PMD_SIZE - 1)) + 1 - PAGE_SIZE;
				continue;
			}
			if (!is_swap_pte(orig) ||
			    is_migration_entry(pte_to_swp_entry(orig)) ||
			    swp_type(pte_to_swp_entry(orig)) != type)
				continue;
			fault = swapin_pte(vma, addr, pte, orig, false);
			if (fault & VM_FAULT_OOM)
				err = -ENOMEM;
			else if (fault & VM_FAULT_ERROR)
				err = -EIO;
			/* Waited for reclaim: look at this pte again. */
			else if (pte_same(__pte(READ_ONCE(pte_val(*pte))), orig))
				addr -= PAGE_SIZE;
			cond_resched();
		}
		if (err)
			break;
	}
	up_read(&mm->mmap_sem);
	return err;
}

/**
 * handle_mm_fault - resolve a fault on a task's address
 * @vma: the area containing @address
 * @address: the faulting address
 * @flags: FAULT_FLAG_WRITE for a write
 *
 * mmap_sem must be held for reading.  A fault on a page under migration
 * waits for the migration and returns 0: the access is retried and finds
 * the new page.
 *
 * Return: 0 or VM_FAULT_* error bits.
 */
vm_fault_t handle_mm_fault(struct vm_area_struct *vma, unsigned long address,
			   unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	swp_entry_t entry;
	pte_t *pte, orig;

	count_vm_event(PGFAULT);
	pte = walk_pte(mm, address, true);
	if (IS_ERR(pte))
		return VM_FAULT_OOM;

	spin_lock(&mm->page_table_lock);
	orig = *pte;
	if (pte_none(orig)) {
		spin_unlock(&mm->page_table_lock);
		return do_anonymous_page(vma, address, pte, flags);
	}
	if (pte_present(orig)) {
		/* Raced with another fault that mapped it: done. */
		spin_unlock(&mm->page_table_lock);
		return 0;
	}
	spin_unlock(&mm->page_table_lock);

	entry = pte_to_swp_entry(orig);
	if (is_migration_entry(entry)) {
		migration_entry_wait(mm, address);
		return 0;
	}
	return do_swap_page(vma, address, pte, orig, flags);
}

/* ---- the MMU --------------------------------------------------------- */

/*
 * Copy between @buf and one page of user memory, if it is mapped for the
 * access.  Returns true if done; false if the access must fault first.
 * A read of an address that was never touched reads zeroes, as from the
 * kernel's zero page, without allocating anything.
 */
static bool access_one(struct mm_struct *mm, unsigned long addr, void *buf,
		       size_t len, bool write)
{
	unsigned long off = addr & ~PAGE_MASK;
	pte_t *pte, entry;
	void *kaddr;
	bool done = false;

	spin_lock(&mm->page_table_lock);
	pte = lookup_pte(mm, addr);
	entry = pte ? *pte : __pte(0);
	if (pte_present(entry) && (!write || pte_write(entry))) {
		kaddr = page_address(pfn_to_page(pte_pfn(entry))) + off;
		if (write) {
			memcpy(kaddr, buf, len);
			entry = pte_mkdirty(entry);
		} else {
			memcpy(buf, kaddr, len);
		}
		/* The accessed bit, as the hardware sets it. */
		WRITE_ONCE(pte_val(*pte), pte_val(pte_mkyoung(entry)));
		done = true;
	} else if (!write && pte_none(entry)) {
		memset(buf, 0, len);
		done = true;
	}
	spin_unlock(&mm->page_table_lock);
	return done;
}

/**
 * access_mm - read or write a task's memory as the task would
 * @mm: the task's mm (the caller is the task: current->mm)
 * @addr: user address
 * @buf: kernel buffer
 * @len: bytes
 * @write: true to store @buf at @addr
 *
 * Faults pages in as needed.  mmap_sem is taken for reading.
 *
 * Return: 0, -EFAULT for an address outside every VMA, -ENOMEM when a
 * fault could not get memory, -EINTR if the task was killed meanwhile.
 */
int access_mm(struct mm_struct *mm, unsigned long addr, void *buf, size_t len,
	      bool write)
{
	int ret = 0;

	down_read(&mm->mmap_sem);
	while (len) {
		size_t chunk = min_t(size_t, len, PAGE_SIZE - (addr & ~PAGE_MASK));
		struct vm_area_struct *vma;
		vm_fault_t fault;

		if (fatal_signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		if (access_one(mm, addr, buf, chunk, write)) {
			addr += chunk;
			buf += chunk;
			len -= chunk;
			continue;
		}
		vma = find_vma(mm, addr);
		if (!vma || addr < vma->vm_start) {
			ret = -EFAULT;
			break;
		}
		fault = handle_mm_fault(vma, addr & PAGE_MASK,
					write ? FAULT_FLAG_WRITE : 0);
		if (fault & VM_FAULT_OOM) {
			ret = fatal_signal_pending(current) ? -EINTR : -ENOMEM;
			break;
		}
		if (fault & VM_FAULT_ERROR) {
			ret = -EFAULT;
			break;
		}
	}
	up_read(&mm->mmap_sem);
	return ret;
}

/**
 * mm_pte_state - what the pte of a user address holds (for tools)
 * @mm: the mm
 * @addr: user address
 * @pfn: set to the page frame when the page is present
 *
 * Return: 0 none, 1 present, 2 swap entry, 3 migration entry.
 */
int mm_pte_state(struct mm_struct *mm, unsigned long addr, unsigned long *pfn)
{
	pte_t *pte, entry;

	spin_lock(&mm->page_table_lock);
	pte = lookup_pte(mm, addr);
	entry = pte ? *pte : __pte(0);
	spin_unlock(&mm->page_table_lock);
	if (pte_none(entry))
		return 0;
	if (pte_present(entry)) {
		if (pfn)
			*pfn = pte_pfn(entry);
		return 1;
	}
	return is_migration_entry(pte_to_swp_entry(entry)) ? 3 : 2;
}

/* ---- unmapping ------------------------------------------------------- */

/*
 * Clear one pte.  Present pages lose their mapping and their reference,
 * which is dropped after the lock (the kernel's mmu_gather frees them after
 * the TLB flush).  A migration entry is just dropped: migration finds no
 * mapping to restore and frees the page.  page_table_lock held.
 */
static struct page *zap_pte(struct mm_struct *mm, pte_t *pte)
{
	pte_t entry = *pte;
	struct page *page;

	if (pte_none(entry))
		return NULL;
	WRITE_ONCE(pte_val(*pte), 0);
	if (!pte_present(entry)) {
		swp_entry_t swp = pte_to_swp_entry(entry);

		if (is_migration_entry(swp)) {
			add_mm_counter(mm, MM_ANONPAGES, -1);
			return NULL;
		}
		add_mm_counter(mm, MM_SWAPENTS, -1);
		free_swap_and_cache(swp);
		return NULL;
	}
	page = pfn_to_page(pte_pfn(entry));
	if (pte_dirty(entry))
		SetPageDirty(page);
	page_remove_rmap(page);
	add_mm_counter(mm, MM_ANONPAGES, -1);
	return page;
}

#define ZAP_BATCH	64

/**
 * zap_page_range - unmap and release the pages of a range
 * @vma: the area
 * @start: first address
 * @end: end of the range (exclusive)
 *
 * The VMA stays; a later access faults in a fresh zeroed page
 * (MADV_DONTNEED semantics).  mmap_sem held.
 */
void zap_page_range(struct vm_area_struct *vma, unsigned long start,
		    unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	struct page *batch[ZAP_BATCH];
	unsigned long addr = start;

	while (addr < end) {
		int n = 0, i;

		spin_lock(&mm->page_table_lock);
		for (; addr < end && n < ZAP_BATCH; addr += PAGE_SIZE) {
			pte_t *pte = lookup_pte(mm, addr);
			struct page *page;

			if (!pte) {
				/* No pte table: skip to the next one. */
				addr = (addr | (PMD_SIZE - 1)) + 1 - PAGE_SIZE;
				continue;
			}
			page = zap_pte(mm, pte);
			if (page)
				batch[n++] = page;
		}
		spin_unlock(&mm->page_table_lock);
		for (i = 0; i < n; i++)
			put_page(batch[i]);
		cond_resched();
	}
}
