// SPDX-License-Identifier: GPL-2.0
/*
 * mm/rmap.c - from a page to the ptes that map it
 *
 * An anonymous page points at its anon_vma (page->mapping, tagged
 * PAGE_MAPPING_ANON) and knows its virtual page number (page->index).
 * The anon_vma lists the VMAs that may map it; vma_address() turns the
 * index into an address in each, and the pte there either maps the page
 * or not.  Migration uses this to swap a page's ptes for migration entries
 * and back.
 *
 * anon_vmas are type-stable, as SLAB_TYPESAFE_BY_RCU makes them in the
 * kernel: the memory of a freed anon_vma is only ever reused for another
 * anon_vma, so page_get_anon_vma() may look at one it read from a page's
 * mapping even if it was freed meanwhile, and then check.
 *
 * Lock order:
 *   page lock
 *     anon_vma->rwsem
 *       mm->page_table_lock
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/rmap.h>
#include <linux/slab.h>
#include <linux/pagemap.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/vmstat.h>
#include <linux/init.h>
#include "internal.h"

static struct kmem_cache *anon_vma_cachep;

void __init anon_vma_init(void)
{
	anon_vma_cachep = kmem_cache_create("anon_vma", sizeof(struct anon_vma),
					    0, SLAB_TYPESAFE_BY_RCU | SLAB_PANIC,
					    NULL);
}

static struct anon_vma *anon_vma_alloc(void)
{
	struct anon_vma *anon_vma = kmem_cache_alloc(anon_vma_cachep, GFP_KERNEL);

	if (!anon_vma)
		return NULL;
	init_rwsem(&anon_vma->rwsem);
	INIT_LIST_HEAD(&anon_vma->vmas);
	atomic_set(&anon_vma->refcount, 1);
	return anon_vma;
}

/**
 * put_anon_vma - drop a reference to an anon_vma
 * @anon_vma: the anon_vma
 */
void put_anon_vma(struct anon_vma *anon_vma)
{
	if (atomic_dec_and_test(&anon_vma->refcount)) {
		VM_BUG_ON(!list_empty(&anon_vma->vmas));
		kmem_cache_free(anon_vma_cachep, anon_vma);
	}
}

/**
 * anon_vma_prepare - give a VMA an anon_vma before its first page
 * @vma: the area (mmap_sem held)
 *
 * Return: 0, or -ENOMEM.
 */
int anon_vma_prepare(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;
	struct anon_vma *anon_vma;
	bool installed = false;

	if (likely(READ_ONCE(vma->anon_vma)))
		return 0;
	anon_vma = anon_vma_alloc();
	if (!anon_vma)
		return -ENOMEM;
	/*
	 * Two faults of the task may race here: one installs, one frees.
	 * The rwsem sleeps, so it is taken outside the spinlock (the lock
	 * order above); nobody else can see the new anon_vma yet.
	 */
	down_write(&anon_vma->rwsem);
	spin_lock(&mm->page_table_lock);
	if (!vma->anon_vma) {
		list_add(&vma->anon_vma_node, &anon_vma->vmas);
		WRITE_ONCE(vma->anon_vma, anon_vma);
		installed = true;
	}
	spin_unlock(&mm->page_table_lock);
	up_write(&anon_vma->rwsem);
	if (!installed)
		put_anon_vma(anon_vma);
	return 0;
}

/**
 * unlink_anon_vma - detach a VMA that is going away from its anon_vma
 * @vma: the area, whose pages are all unmapped
 */
void unlink_anon_vma(struct vm_area_struct *vma)
{
	struct anon_vma *anon_vma = vma->anon_vma;

	if (!anon_vma)
		return;
	down_write(&anon_vma->rwsem);
	list_del(&vma->anon_vma_node);
	up_write(&anon_vma->rwsem);
	vma->anon_vma = NULL;
	put_anon_vma(anon_vma);
}

/**
 * vma_address - where @page would be mapped in @vma
 * @page: an anonymous page
 * @vma: an area of its anon_vma
 *
 * Return: the address (possibly outside @vma).
 */
unsigned long vma_address(struct page *page, struct vm_area_struct *vma)
{
	return vma->vm_start + ((page->index - vma->vm_pgoff) << PAGE_SHIFT);
}

static struct anon_vma *page_anon_vma(struct page *page)
{
	unsigned long mapping = (unsigned long)READ_ONCE(page->mapping);

	if ((mapping & PAGE_MAPPING_FLAGS) != PAGE_MAPPING_ANON)
		return NULL;
	return (struct anon_vma *)(mapping - PAGE_MAPPING_ANON);
}

/**
 * page_add_new_anon_rmap - map a new anonymous page for the first time
 * @page: the page, not yet visible to anyone
 * @vma: the area
 * @address: the address it is mapped at
 *
 * Called under mm->page_table_lock, before the pte is set.
 */
void page_add_new_anon_rmap(struct page *page, struct vm_area_struct *vma,
			    unsigned long address)
{
	atomic_set(&page->_mapcount, 0);
	__mod_node_page_state(page_pgdat(page), NR_ANON_MAPPED, 1);
	page->index = linear_page_index(vma, address);
	WRITE_ONCE(page->mapping,
		   (void *)((unsigned long)vma->anon_vma | PAGE_MAPPING_ANON));
}

/* Map an anonymous page again (after migration), under page_table_lock. */
static void page_add_anon_rmap(struct page *page)
{
	if (atomic_inc_and_test(&page->_mapcount))
		__mod_node_page_state(page_pgdat(page), NR_ANON_MAPPED, 1);
}

/**
 * page_remove_rmap - a pte no longer maps @page
 * @page: the page
 *
 * page->mapping stays: the page may still be under migration, and it is
 * cleared when the page is freed.
 */
void page_remove_rmap(struct page *page)
{
	if (atomic_add_negative(-1, &page->_mapcount))
		__mod_node_page_state(page_pgdat(page), NR_ANON_MAPPED, -1);
}

/**
 * page_get_anon_vma - take a reference on a mapped page's anon_vma
 * @page: the page (locked or with a reference held)
 *
 * Return: the anon_vma, or NULL if the page is not a mapped anonymous page.
 */
struct anon_vma *page_get_anon_vma(struct page *page)
{
	struct anon_vma *anon_vma = page_anon_vma(page);

	if (!anon_vma)
		return NULL;
	if (!atomic_inc_not_zero(&anon_vma->refcount))
		return NULL;
	/*
	 * If the page is not mapped any more, its anon_vma may have been
	 * freed and reused before we got our reference: let it go.
	 */
	if (!page_mapped(page)) {
		put_anon_vma(anon_vma);
		return NULL;
	}
	return anon_vma;
}

/**
 * rmap_walk - call @rwc->rmap_one for every VMA that may map @page
 * @page: a locked anonymous page
 * @rwc: what to do
 *
 * Return: SWAP_AGAIN when the walk went through, otherwise what
 * rmap_one returned to stop it.
 */
int rmap_walk(struct page *page, struct rmap_walk_control *rwc)
{
	struct anon_vma *anon_vma = page_anon_vma(page);
	struct vm_area_struct *vma;
	int ret = SWAP_AGAIN;

	VM_BUG_ON_PAGE(!PageLocked(page), page);
	if (!anon_vma)
		return ret;
	down_read(&anon_vma->rwsem);
	list_for_each_entry(vma, &anon_vma->vmas, anon_vma_node) {
		unsigned long address = vma_address(page, vma);

		if (address < vma->vm_start || address >= vma->vm_end)
			continue;
		ret = rwc->rmap_one(page, vma, address, rwc->arg);
		if (ret != SWAP_AGAIN)
			break;
	}
	up_read(&anon_vma->rwsem);
	return ret;
}

struct unmap_arg {
	enum ttu_flags flags;
};

/*
 * Take @page out of one pte.  For migration, the pte becomes a migration
 * entry that remembers whether it was writable; a task touching it waits
 * for the page lock and then finds the new page.
 */
static int try_to_unmap_one(struct page *page, struct vm_area_struct *vma,
			    unsigned long address, void *arg)
{
	struct unmap_arg *ua = arg;
	struct mm_struct *mm = vma->vm_mm;
	pte_t *pte, pteval;
	int ret = SWAP_AGAIN;

	spin_lock(&mm->page_table_lock);
	pte = lookup_pte(mm, address);
	if (!pte || !pte_present(*pte) || pte_pfn(*pte) != page_to_pfn(page))
		goto out;
	pteval = *pte;
	if (!(ua->flags & TTU_IGNORE_ACCESS) && pte_young(pteval)) {
		/* Recently used: reclaim should not take it now. */
		WRITE_ONCE(pte_val(*pte), pte_val(pte_mkold(pteval)));
		ret = SWAP_FAIL;
		goto out;
	}
	if (pte_dirty(pteval))
		SetPageDirty(page);
	if (ua->flags & TTU_MIGRATION) {
		swp_entry_t entry = make_migration_entry(page, pte_write(pteval));

		WRITE_ONCE(pte_val(*pte), pte_val(swp_entry_to_pte(entry)));
	} else {
		swp_entry_t entry = { .val = page_private(page) };

		/*
		 * Reclaim: the pte will find the page's data in its swap
		 * slot, which the pte now holds a count of.
		 */
		VM_BUG_ON_PAGE(!PageSwapCache(page), page);
		if (swap_duplicate(entry)) {
			ret = SWAP_FAIL;
			goto out;
		}
		WRITE_ONCE(pte_val(*pte), pte_val(swp_entry_to_pte(entry)));
		add_mm_counter(mm, MM_ANONPAGES, -1);
		add_mm_counter(mm, MM_SWAPENTS, 1);
	}
	page_remove_rmap(page);
	spin_unlock(&mm->page_table_lock);
	/* The reference the pte held (after the "TLB flush"). */
	put_page(page);
	return SWAP_AGAIN;
out:
	spin_unlock(&mm->page_table_lock);
	return ret;
}

/**
 * try_to_unmap - remove every pte of a page
 * @page: the locked page
 * @flags: TTU_MIGRATION (ptes become migration entries) or TTU_UNMAP
 *
 * Return: SWAP_SUCCESS if the page is mapped nowhere now, SWAP_AGAIN if
 * some mapping remains, SWAP_FAIL if it should not be unmapped now.
 */
int try_to_unmap(struct page *page, enum ttu_flags flags)
{
	struct unmap_arg ua = { .flags = flags };
	struct rmap_walk_control rwc = {
		.rmap_one = try_to_unmap_one,
		.arg = &ua,
	};
	int ret;

	ret = rmap_walk(page, &rwc);
	if (ret != SWAP_FAIL && !page_mapped(page))
		ret = SWAP_SUCCESS;
	return ret;
}

/* Replace the migration entry for @arg (the old page) by @new. */
static int remove_migration_pte(struct page *new, struct vm_area_struct *vma,
				unsigned long address, void *arg)
{
	struct page *old = arg;
	struct mm_struct *mm = vma->vm_mm;
	swp_entry_t entry;
	pte_t *pte, pteval;

	spin_lock(&mm->page_table_lock);
	pte = lookup_pte(mm, address);
	if (!pte || !is_swap_pte(*pte))
		goto out;
	entry = pte_to_swp_entry(*pte);
	if (!is_migration_entry(entry) || migration_entry_to_page(entry) != old)
		goto out;

	get_page(new);
	pteval = pte_mkold(pfn_pte(page_to_pfn(new), PAGE_READONLY));
	if (is_write_migration_entry(entry))
		pteval = pte_mkwrite(pteval);
	page_add_anon_rmap(new);
	WRITE_ONCE(pte_val(*pte), pte_val(pteval));
out:
	spin_unlock(&mm->page_table_lock);
	return SWAP_AGAIN;
}

/**
 * remove_migration_ptes - put a page back where its migration entries are
 * @old: the page that was unmapped (its entries name it)
 * @new: the page to map there: @old itself if migration failed
 *
 * Both pages are locked; @new has @old's mapping and index.
 */
void remove_migration_ptes(struct page *old, struct page *new)
{
	struct rmap_walk_control rwc = {
		.rmap_one = remove_migration_pte,
		.arg = old,
	};

	rmap_walk(new, &rwc);
}

/* Replace a pte holding @page's swap entry by @page again. */
static int remove_swap_pte(struct page *page, struct vm_area_struct *vma,
			   unsigned long address, void *arg)
{
	swp_entry_t entry = { .val = page_private(page) };
	struct mm_struct *mm = vma->vm_mm;
	pte_t *pte, pteval;

	spin_lock(&mm->page_table_lock);
	pte = lookup_pte(mm, address);
	if (!pte || !is_swap_pte(*pte) ||
	    pte_to_swp_entry(*pte).val != entry.val) {
		spin_unlock(&mm->page_table_lock);
		return SWAP_AGAIN;
	}
	get_page(page);
	pteval = pte_mkdirty(pfn_pte(page_to_pfn(page), PAGE_SHARED));
	page_add_anon_rmap(page);
	add_mm_counter(mm, MM_SWAPENTS, -1);
	add_mm_counter(mm, MM_ANONPAGES, 1);
	WRITE_ONCE(pte_val(*pte), pte_val(pteval));
	spin_unlock(&mm->page_table_lock);
	swap_free(entry);
	return SWAP_AGAIN;
}

/**
 * remove_swap_ptes - map a page of reclaim again where it was unmapped
 * @page: the page, locked, still carrying its swap entry
 *
 * For a write-out that failed or was given up after try_to_unmap(): every
 * pte that holds the page's swap entry gets the page back.
 */
void remove_swap_ptes(struct page *page)
{
	struct rmap_walk_control rwc = {
		.rmap_one = remove_swap_pte,
	};

	VM_BUG_ON_PAGE(!PageSwapCache(page), page);
	rmap_walk(page, &rwc);
}

struct referenced_arg {
	int referenced;
};

static int page_referenced_one(struct page *page, struct vm_area_struct *vma,
			       unsigned long address, void *arg)
{
	struct referenced_arg *ra = arg;
	struct mm_struct *mm = vma->vm_mm;
	pte_t *pte;

	spin_lock(&mm->page_table_lock);
	pte = lookup_pte(mm, address);
	if (pte && pte_present(*pte) && pte_pfn(*pte) == page_to_pfn(page) &&
	    pte_young(*pte)) {
		WRITE_ONCE(pte_val(*pte), pte_val(pte_mkold(*pte)));
		ra->referenced++;
	}
	spin_unlock(&mm->page_table_lock);
	return SWAP_AGAIN;
}

/**
 * page_referenced - test and clear the accessed bits of a page's ptes
 * @page: the page
 * @is_locked: the caller holds the page lock
 * @vm_flags: unused (no VM_LOCKED here)
 *
 * Return: the number of ptes that had the accessed bit set.
 */
int page_referenced(struct page *page, int is_locked, unsigned long *vm_flags)
{
	struct referenced_arg ra = { 0 };
	struct rmap_walk_control rwc = {
		.rmap_one = page_referenced_one,
		.arg = &ra,
	};

	if (!page_mapped(page) || !PageAnon(page))
		return 0;
	if (!is_locked && !trylock_page(page))
		return 1;	/* busy: call it referenced, as the kernel does */
	rmap_walk(page, &rwc);
	if (!is_locked)
		unlock_page(page);
	return ra.referenced;
}
