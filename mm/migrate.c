// SPDX-License-Identifier: GPL-2.0
/*
 * mm/migrate.c - moving the contents of pages to other pages
 *
 * The caller isolates pages (takes them off the LRU with a reference) and
 * hands a list of them to migrate_pages() with a function that supplies
 * target pages.  For each page: lock it, replace its ptes by migration
 * entries (try_to_unmap()), check that only the isolation reference is
 * left, copy the data and the page state to the target, point the entries
 * at the target (remove_migration_ptes()), and free the old page with
 * put_page().  A task that touches the page meanwhile waits on the page
 * lock in migration_entry_wait() and then sees the target.
 *
 * Lock order:
 *   page lock (of the page being moved)
 *     page lock (of the target: trylock only, it is fresh)
 *       anon_vma->rwsem, mm->page_table_lock (in the rmap walks)
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/migrate.h>
#include <linux/pagemap.h>
#include <linux/highmem.h>
#include <linux/rmap.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <trace/events/migrate.h>
#include "internal.h"

const char * const migrate_reason_names[MR_TYPES] = {
	"compaction",
	"memory_failure",
	"memory_hotplug",
	"syscall_or_cpuset",
	"mempolicy_mbind",
	"numa_misplaced",
	"cma",
};

/* Migration tries a page up to this many times while it is busy. */
#define MIGRATE_PASSES	10

/**
 * putback_movable_pages - give back pages that were not migrated
 * @l: isolated pages, linked through page->lru
 */
void putback_movable_pages(struct list_head *l)
{
	struct page *page, *page2;

	list_for_each_entry_safe(page, page2, l, lru) {
		list_del(&page->lru);
		dec_node_page_state(page, NR_ISOLATED_ANON);
		putback_lru_page(page);
	}
}

/**
 * migration_entry_wait - a task found a migration entry: wait for the move
 * @mm: its mm
 * @address: the address it touched
 *
 * The entry names the old page, which migration keeps locked until the
 * ptes point at the new one; waiting for the lock is waiting for that.
 */
void migration_entry_wait(struct mm_struct *mm, unsigned long address)
{
	struct page *page;
	swp_entry_t entry;
	pte_t *pte;

	spin_lock(&mm->page_table_lock);
	pte = lookup_pte(mm, address);
	if (!pte || !is_swap_pte(*pte))
		goto out;
	entry = pte_to_swp_entry(*pte);
	if (!is_migration_entry(entry))
		goto out;
	page = migration_entry_to_page(entry);
	/* Freed already (migration finished and dropped it): just retry. */
	if (!get_page_unless_zero(page))
		goto out;
	spin_unlock(&mm->page_table_lock);
	wait_on_page_locked(page);
	put_page(page);
	return;
out:
	spin_unlock(&mm->page_table_lock);
}

/**
 * migrate_page_move_mapping - make @newpage take @page's place
 * @mapping: the page's address_space (NULL for anonymous pages)
 * @newpage: the target, locked
 * @page: the page, locked and unmapped
 * @extra_count: references the caller holds beyond the isolation one
 *
 * Anonymous pages live in no mapping here (there is no swap cache), so
 * only the reference count can stop us: any reference beyond the
 * isolation one is somebody still looking at the page.
 *
 * Return: MIGRATEPAGE_SUCCESS, or -EAGAIN if the page is busy.
 */
int migrate_page_move_mapping(struct address_space *mapping,
			      struct page *newpage, struct page *page,
			      int extra_count)
{
	int expected_count = 1 + extra_count;

	if (mapping)
		return -EINVAL;
	if (page_count(page) != expected_count)
		return -EAGAIN;
	newpage->index = page->index;
	WRITE_ONCE(newpage->mapping, READ_ONCE(page->mapping));
	if (PageSwapBacked(page))
		__SetPageSwapBacked(newpage);
	return MIGRATEPAGE_SUCCESS;
}

/**
 * migrate_page_copy - copy a page's data and state
 * @newpage: the target
 * @page: the source
 */
void migrate_page_copy(struct page *newpage, struct page *page)
{
	copy_highpage(newpage, page);
	if (PageError(page))
		SetPageError(newpage);
	if (PageReferenced(page))
		SetPageReferenced(newpage);
	if (PageUptodate(page))
		SetPageUptodate(newpage);
	if (TestClearPageActive(page))
		SetPageActive(newpage);
	if (PageChecked(page))
		SetPageChecked(newpage);
	if (PageDirty(page)) {
		ClearPageDirty(page);
		SetPageDirty(newpage);
	}
}

/**
 * migrate_page - the migratepage operation of pages without a special one
 * @mapping: the page's address_space
 * @newpage: the target (locked)
 * @page: the source (locked, unmapped)
 * @mode: migration mode
 *
 * Return: MIGRATEPAGE_SUCCESS or a negative errno.
 */
int migrate_page(struct address_space *mapping, struct page *newpage,
		 struct page *page, enum migrate_mode mode)
{
	int rc;

	rc = migrate_page_move_mapping(mapping, newpage, page, 0);
	if (rc != MIGRATEPAGE_SUCCESS)
		return rc;
	migrate_page_copy(newpage, page);
	return MIGRATEPAGE_SUCCESS;
}

/*
 * Move the contents and state.  Both pages are locked and @page is
 * unmapped.  On success, @page's mapping is cleared unless it carries
 * type bits (anon): those stay for PageAnon() until the page is freed.
 */
static int move_to_new_page(struct page *newpage, struct page *page,
			    enum migrate_mode mode)
{
	int rc;

	VM_BUG_ON_PAGE(!PageLocked(page), page);
	VM_BUG_ON_PAGE(!PageLocked(newpage), newpage);

	rc = migrate_page(page_mapping(page), newpage, page, mode);
	if (rc == MIGRATEPAGE_SUCCESS && !PageMappingFlags(page))
		page->mapping = NULL;
	return rc;
}

static int __unmap_and_move(struct page *page, struct page *newpage,
			    int force, enum migrate_mode mode)
{
	struct anon_vma *anon_vma = NULL;
	int rc = -EAGAIN;
	bool page_was_mapped = false;

	if (!trylock_page(page)) {
		if (!force || mode == MIGRATE_ASYNC)
			goto out;
		lock_page(page);
	}

	/*
	 * Hold the anon_vma: when the task unmaps the page while we work,
	 * the walk that puts the ptes back must still find its VMAs.
	 */
	if (PageAnon(page))
		anon_vma = page_get_anon_vma(page);

	/* Fresh from the free lists: nobody else can hold its lock. */
	if (unlikely(!trylock_page(newpage)))
		goto out_unlock;

	if (page_mapped(page)) {
		try_to_unmap(page, TTU_MIGRATION | TTU_IGNORE_MLOCK |
			     TTU_IGNORE_ACCESS);
		page_was_mapped = true;
	}
	if (!page_mapped(page))
		rc = move_to_new_page(newpage, page, mode);
	if (page_was_mapped)
		remove_migration_ptes(page, rc == MIGRATEPAGE_SUCCESS ?
				      newpage : page);
	unlock_page(newpage);
out_unlock:
	if (anon_vma)
		put_anon_vma(anon_vma);
	unlock_page(page);
out:
	/*
	 * The target is on its own now: a task may unmap and free it at any
	 * moment, so it goes back on the LRU with the reference the
	 * allocation gave it, and is not looked at again.
	 */
	if (rc == MIGRATEPAGE_SUCCESS)
		putback_lru_page(newpage);
	return rc;
}

/* Give back a target that was not used. */
static void release_new_page(struct page *newpage, free_page_t put_new_page,
			     unsigned long private)
{
	if (put_new_page)
		put_new_page(newpage, private);
	else
		put_page(newpage);
}

/*
 * Get a target for one page and move it.  The page leaves the list unless
 * it is to be retried (-EAGAIN).
 */
static int unmap_and_move(new_page_t get_new_page, free_page_t put_new_page,
			  unsigned long private, struct page *page,
			  int force, enum migrate_mode mode, int reason)
{
	int rc = MIGRATEPAGE_SUCCESS;
	int *result = NULL;
	struct page *newpage;

	newpage = get_new_page(page, private, &result);
	if (!newpage)
		return -ENOMEM;

	if (page_count(page) == 1) {
		/*
		 * Only our isolation reference is left: the task freed the
		 * page while it was isolated.  Nothing to move; the final
		 * put_page() below frees it, which counts as success.
		 */
		ClearPageActive(page);
		ClearPageUnevictable(page);
		release_new_page(newpage, put_new_page, private);
		goto out;
	}

	rc = __unmap_and_move(page, newpage, force, mode);
	/* A busy page gets a fresh target on the next pass. */
	if (rc != MIGRATEPAGE_SUCCESS)
		release_new_page(newpage, put_new_page, private);
out:
	if (rc != -EAGAIN) {
		list_del(&page->lru);
		dec_node_page_state(page, NR_ISOLATED_ANON);
	}
	if (rc == MIGRATEPAGE_SUCCESS)
		put_page(page);		/* patch 1: free it, no putback */
	else if (rc != -EAGAIN)
		putback_lru_page(page);
	if (result)
		*result = rc;
	return rc;
}

/**
 * migrate_pages - migrate the pages of a list
 * @from: isolated pages, linked by page->lru
 * @get_new_page: allocates a target for a page
 * @put_new_page: gives back an unused target (NULL: put_page())
 * @private: passed to both
 * @mode: MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT or MIGRATE_SYNC
 * @reason: MR_*, for the counters and the trace
 *
 * Busy pages (-EAGAIN) are retried up to 10 times; from the fourth pass
 * on, a busy page lock is waited for (unless async).  Pages that fail for
 * good are put back; pages still busy at the end stay on @from, and the
 * caller puts them back with putback_movable_pages().
 *
 * Return: the number of pages not migrated, or -ENOMEM if no target
 * could be had.
 */
int migrate_pages(struct list_head *from, new_page_t get_new_page,
		  free_page_t put_new_page, unsigned long private,
		  enum migrate_mode mode, int reason)
{
	int retry = 1, nr_failed = 0, nr_succeeded = 0, pass, rc;
	struct page *page, *page2;

	for (pass = 0; pass < MIGRATE_PASSES && retry; pass++) {
		retry = 0;
		list_for_each_entry_safe(page, page2, from, lru) {
			cond_resched();
			rc = unmap_and_move(get_new_page, put_new_page, private,
					    page, pass > 2, mode, reason);
			switch (rc) {
			case -ENOMEM:
				nr_failed++;
				goto out;
			case -EAGAIN:
				retry++;
				break;
			case MIGRATEPAGE_SUCCESS:
				nr_succeeded++;
				break;
			default:
				nr_failed++;
				break;
			}
		}
	}
	nr_failed += retry;
	rc = nr_failed;
out:
	if (nr_succeeded)
		count_vm_events(PGMIGRATE_SUCCESS, nr_succeeded);
	if (nr_failed)
		count_vm_events(PGMIGRATE_FAIL, nr_failed);
	trace_mm_migrate_pages(nr_succeeded, nr_failed, mode, reason);
	return rc;
}
