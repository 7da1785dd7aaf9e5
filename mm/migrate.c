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
 * Non-LRU movable pages (a driver's, see __SetPageMovable() and
 * Documentation/vm/page_migration.rst) take the same path without the
 * rmap work: isolate_movable_page() asks the driver to let the VM have the
 * page, and move_to_new_page() asks it to move the contents
 * (a_ops->migratepage()).  A driver may release an isolated page at any
 * time; __ClearPageMovable() leaves the movable tag behind so that the VM
 * can tell, and then the page is simply freed.
 *
 * Lock order:
 *   page lock (of the page being moved)
 *     page lock (of the target: trylock only, it is fresh)
 *       anon_vma->rwsem, mm->page_table_lock (in the rmap walks)
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/migrate.h>
#include <linux/fs.h>
#include <linux/pagemap.h>
#include <linux/page_kind.h>
#include <linux/page_owner.h>
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
 * isolate_movable_page - take a driver's movable page for migration
 * @page: a page that looked movable to a lockless test
 * @mode: the isolation mode, passed to the driver
 *
 * On success the page is PG_isolated, off the driver's lists, and holds
 * an extra reference that migration or putback drops.  The scanner never
 * sleeps here: a locked page is busy.
 *
 * Return: true if the page was isolated.
 */
bool isolate_movable_page(struct page *page, isolate_mode_t mode)
{
	unsigned long pfn = page_to_pfn(page);
	struct address_space *mapping;
	int why;

	/*
	 * The reference first: a page being freed (count 0) is left alone,
	 * and while we hold it the page cannot be freed and reused.
	 */
	if (unlikely(!get_page_unless_zero(page))) {
		why = ISOLATE_MOVABLE_FREED;
		goto out;
	}
	/*
	 * The tag again before the lock: if the page changed owners since
	 * the scanner looked, its PG_locked is not ours to touch.
	 */
	if (unlikely(!__PageMovable(page))) {
		why = ISOLATE_MOVABLE_NOT_MOVABLE;
		goto out_putpage;
	}
	if (unlikely(!trylock_page(page))) {
		why = ISOLATE_MOVABLE_LOCKED;
		goto out_putpage;
	}
	/* Under the lock: released by its driver, or taken already? */
	if (!PageMovable(page)) {
		why = ISOLATE_MOVABLE_RELEASED;
		goto out_no_isolated;
	}
	if (PageIsolated(page)) {
		why = ISOLATE_MOVABLE_ISOLATED;
		goto out_no_isolated;
	}
	mapping = page_mapping(page);
	VM_BUG_ON_PAGE(!mapping, page);
	set_page_step(page, PAGE_STEP_ISOLATE_PAGE);
	if (!mapping->a_ops->isolate_page(page, mode)) {
		why = ISOLATE_MOVABLE_REFUSED;
		goto out_no_isolated;
	}
	/* PG_isolated is the VM's: a driver must not set it. */
	WARN_ON_ONCE(PageIsolated(page));
	__SetPageIsolated(page);
	set_page_step(page, PAGE_STEP_ISOLATED);
	unlock_page(page);
	trace_mm_isolate_movable_page(pfn, ISOLATE_MOVABLE_OK);
	return true;

out_no_isolated:
	unlock_page(page);
out_putpage:
	put_page(page);
out:
	trace_mm_isolate_movable_page(pfn, why);
	return false;
}

/**
 * putback_movable_page - give an isolated page back to its driver
 * @page: the page, locked, still movable and isolated
 */
void putback_movable_page(struct page *page)
{
	struct address_space *mapping;

	VM_BUG_ON_PAGE(!PageLocked(page), page);
	VM_BUG_ON_PAGE(!PageMovable(page), page);
	VM_BUG_ON_PAGE(!PageIsolated(page), page);

	mapping = page_mapping(page);
	set_page_step(page, PAGE_STEP_PUTBACK_PAGE);
	mapping->a_ops->putback_page(page);
	__ClearPageIsolated(page);
}

/*
 * An isolated non-LRU page goes back: to its driver if the driver still
 * has it, otherwise (released meanwhile) it only loses PG_isolated.
 * Either way the isolation reference goes; if the driver released the
 * page, that frees it.
 */
static void putback_movable_or_released(struct page *page)
{
	lock_page(page);
	if (PageMovable(page))
		putback_movable_page(page);
	else
		__ClearPageIsolated(page);
	unlock_page(page);
	put_page(page);
}

/**
 * putback_movable_pages - give back pages that were not migrated
 * @l: isolated pages, linked through page->lru
 */
void putback_movable_pages(struct list_head *l)
{
	struct page *page, *page2;

	list_for_each_entry_safe(page, page2, l, lru) {
		list_del(&page->lru);
		if (unlikely(__PageMovable(page))) {
			VM_BUG_ON_PAGE(!PageIsolated(page), page);
			putback_movable_or_released(page);
		} else {
			dec_node_page_state(page, NR_ISOLATED_ANON);
			putback_lru_page(page);
		}
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
 * A driver's ->migratepage(), with the steps recorded for dump_page()
 * and umm's check that it does not sleep in MIGRATE_ASYNC: async
 * compaction (direct compaction's first try) must not wait, and a
 * driver that sleeps there stalls every allocation that compacts.  A
 * kind whose driver sleeps there on purpose says so (async_sleeps).
 */
static unsigned long async_sleepers;	/* kinds reported, by id */

static int call_migratepage(struct address_space *mapping,
			    struct page *newpage, struct page *page,
			    enum migrate_mode mode)
{
	unsigned long nvcsw = current->nvcsw;
	struct page_kind *kind;
	int rc;

	set_page_step(page, PAGE_STEP_MIGRATEPAGE);
	set_page_step(newpage, PAGE_STEP_MIGRATEPAGE_NEW);
	rc = mapping->a_ops->migratepage(mapping, newpage, page, mode);
	if (rc == MIGRATEPAGE_SUCCESS)
		set_page_step(page, PAGE_STEP_MIGRATED);
	if (mode != MIGRATE_ASYNC || current->nvcsw == nvcsw)
		return rc;
	kind = page_kind_of_ops(mapping->a_ops);
	if (kind && kind->async_sleeps)
		return rc;
	add_taint(TAINT_BAD_PAGE);
	/* Once a kind: it sleeps at every call. */
	if (kind && test_and_set_bit(kind->id, &async_sleepers))
		return rc;
	pr_err("BUG: movable page kind '%s': migratepage slept in MIGRATE_ASYNC (pfn %#lx)\n",
	       kind ? kind->name : "(unregistered)", page_to_pfn(page));
	dump_stack();
	return rc;
}

/*
 * Move the contents and state.  Both pages are locked; an LRU page is
 * unmapped, a non-LRU one isolated.  On success, @page's mapping is
 * cleared unless it carries type bits (anon, movable): those stay, so
 * that PageAnon() and __PageMovable() still tell what the page was, until
 * free_pages_prepare() clears them.
 */
static int move_to_new_page(struct page *newpage, struct page *page,
			    enum migrate_mode mode)
{
	bool is_lru = !__PageMovable(page);
	/* umm: the driver's, for umm_page_migrated(); NULL for the LRU */
	const struct address_space_operations *owner = NULL;
	struct address_space *mapping;
	int rc;

	VM_BUG_ON_PAGE(!PageLocked(page), page);
	VM_BUG_ON_PAGE(!PageLocked(newpage), newpage);

	mapping = page_mapping(page);
	if (likely(is_lru)) {
		rc = migrate_page(mapping, newpage, page, mode);
	} else {
		VM_BUG_ON_PAGE(!PageIsolated(page), page);
		/*
		 * Released by its driver while isolated: nothing to move, and
		 * no driver to ask.  It counts as migrated and is freed.
		 */
		if (!PageMovable(page)) {
			__ClearPageIsolated(page);
			return MIGRATEPAGE_SUCCESS;
		}
		/* umm: once the page has moved, the mapping is not looked at */
		owner = mapping->a_ops;
		rc = call_migratepage(mapping, newpage, page, mode);
		/* PG_isolated is the VM's: the driver must leave it alone. */
		WARN_ON_ONCE(rc == MIGRATEPAGE_SUCCESS && !PageIsolated(page));
	}

	if (rc == MIGRATEPAGE_SUCCESS) {
		/* umm: page kinds, and /sys/kernel/debug/umm/migrated */
		umm_page_migrated(newpage, page, owner);
		if (__PageMovable(page)) {
			VM_BUG_ON_PAGE(!PageIsolated(page), page);
			/* Under the page lock: no scanner can take it now. */
			__ClearPageIsolated(page);
		}
		if (!PageMappingFlags(page))
			page->mapping = NULL;
	}
	return rc;
}

static int __unmap_and_move(struct page *page, struct page *newpage,
			    int force, enum migrate_mode mode)
{
	bool is_lru = !__PageMovable(page);
	struct anon_vma *anon_vma = NULL;
	int rc = -EAGAIN;
	bool page_was_mapped = false;

	if (!trylock_page(page)) {
		if (!force || mode == MIGRATE_ASYNC)
			goto out;
		/*
		 * Direct compaction (PF_MEMALLOC) does not sleep on a page
		 * lock: the allocating task may hold that very lock (a page
		 * it locked before it allocated), and would wait for itself.
		 */
		if (current->flags & PF_MEMALLOC)
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

	/* A driver's page: no ptes to swap, the driver moves it. */
	if (unlikely(!is_lru)) {
		rc = move_to_new_page(newpage, page, mode);
		goto out_unlock_both;
	}

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
out_unlock_both:
	unlock_page(newpage);
out_unlock:
	if (anon_vma)
		put_anon_vma(anon_vma);
	unlock_page(page);
out:
	/*
	 * The target is on its own now: its owner may unmap it, or its driver
	 * release it, at any moment.  So it is disposed of by what the
	 * *source* was, not by looking at the target again (4.8 looked at
	 * __PageMovable(newpage) here; that was replaced in 2019 for this
	 * reason).  A driver took its own reference in migratepage(): ours,
	 * from the allocation, is dropped.
	 */
	if (rc == MIGRATEPAGE_SUCCESS) {
		if (unlikely(!is_lru))
			put_page(newpage);
		else
			putback_lru_page(newpage);
	}
	return rc;
}

/*
 * umm's check: only the VM's isolation reference is left, so the driver
 * let go of the page, but without __ClearPageMovable(): the VM cannot
 * tell, and would hand the page back to a driver that forgot it.  The
 * page is freed isolated and registered, which free_pages_prepare()
 * reports as well; this says which mistake it was.
 */
static void released_still_movable(struct page *page)
{
	struct page_kind *kind = page_owner_kind(page);

	pr_err("BUG: movable page kind '%s': page released without __ClearPageMovable() while isolated (pfn %#lx)\n",
	       kind ? kind->name : "(unregistered)", page_to_pfn(page));
	__dump_page(page, "released by its driver, still registered movable");
	add_taint(TAINT_BAD_PAGE);
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
		 * Only our isolation reference is left: the task unmapped, or
		 * the driver released, the page while it was isolated.
		 * Nothing to move; the final put_page() below frees it, which
		 * counts as success.
		 */
		ClearPageActive(page);
		ClearPageUnevictable(page);
		if (unlikely(__PageMovable(page))) {
			lock_page(page);
			if (!PageMovable(page))
				__ClearPageIsolated(page);
			else
				released_still_movable(page);
			set_page_step(page, PAGE_STEP_RELEASED_ISOLATED);
			unlock_page(page);
		}
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
		/* Non-LRU pages are not counted as isolated. */
		if (likely(!__PageMovable(page)))
			dec_node_page_state(page, NR_ISOLATED_ANON);
	}
	if (rc == MIGRATEPAGE_SUCCESS) {
		put_page(page);		/* patch 1: free it, no putback */
	} else if (rc != -EAGAIN) {
		if (likely(!__PageMovable(page)))
			putback_lru_page(page);
		else
			putback_movable_or_released(page);
	}
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
