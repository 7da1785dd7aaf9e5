// SPDX-License-Identifier: GPL-2.0
/*
 * mm/balloon_compaction.c - balloon pages for balloon drivers, movable
 *
 * A balloon driver allocates pages with balloon_page_alloc(), hands each
 * to balloon_page_enqueue() (it becomes PageBalloon, movable, and goes on
 * the balloon's list) and tells the host; to deflate it takes pages back
 * with balloon_page_dequeue(), tells the host, and frees them.
 *
 * Balloon pages have no contents worth keeping (the host took their
 * frames), so moving one is only a matter of bookkeeping, which the
 * driver does in ->migratepage: the new page goes on the list and to the
 * host, the old page leaves both.  The three operations of balloon_aops
 * are the non-LRU movable page API's (Documentation/vm/page_migration.rst):
 * before the series compaction and migration had a branch of their own
 * for balloon pages; now they have none.
 *
 * Locking: page lock, then b_dev_info->pages_lock (the VM calls the
 * operations with the page locked).  balloon_page_dequeue() walks the
 * list under pages_lock and only trylocks pages, skipping busy ones.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/migrate.h>
#include <linux/vmstat.h>
#include <linux/balloon_compaction.h>

/*
 * CONFIG_BALLOON_COMPACTION, chosen at boot: virtio_balloon.movable=0
 * clears it (drivers/virtio/virtio_balloon.c declares the parameter).
 */
bool balloon_compaction_enabled = true;

/**
 * balloon_page_alloc - allocate a page for a balloon
 *
 * Movable if balloon compaction is on.  The allocation does not dig into
 * the reserves, does not retry, and does not warn: a balloon that cannot
 * get pages simply stops growing.
 *
 * Return: the page, or NULL.
 */
struct page *balloon_page_alloc(void)
{
	return alloc_page(balloon_mapping_gfp_mask() | __GFP_NOMEMALLOC |
			  __GFP_NORETRY | __GFP_NOWARN);
}

/**
 * balloon_page_enqueue - put a page into a balloon
 * @b_dev_info: the balloon
 * @page: a page from balloon_page_alloc(), which the caller then gives
 *	to the host
 *
 * The page becomes PageBalloon and (with balloon compaction) movable;
 * counted in balloon_inflate.
 */
void balloon_page_enqueue(struct balloon_dev_info *b_dev_info,
			  struct page *page)
{
	unsigned long flags;

	/*
	 * The page is fresh: nobody else can hold its lock (compaction
	 * locks only pages that carry the movable tag).  Holding it, the
	 * page is on the list before it can be isolated.
	 */
	BUG_ON(!trylock_page(page));
	spin_lock_irqsave(&b_dev_info->pages_lock, flags);
	balloon_page_insert(b_dev_info, page);
	__count_vm_event(BALLOON_INFLATE);
	spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
	unlock_page(page);
}

/**
 * balloon_page_dequeue - take a page out of a balloon
 * @b_dev_info: the balloon
 *
 * The first page of the list that is not busy (locked, or isolated by
 * the VM) stops being a balloon page; counted in balloon_deflate.  The
 * caller tells the host, then frees it.
 *
 * Return: the page, or NULL if every page is busy.  A balloon with no
 * page on its list and none isolated has lost pages it still counts:
 * that is a bug, and it is not survivable (the driver would loop).
 */
struct page *balloon_page_dequeue(struct balloon_dev_info *b_dev_info)
{
	struct page *page, *tmp;
	unsigned long flags;

	spin_lock_irqsave(&b_dev_info->pages_lock, flags);
	list_for_each_entry_safe(page, tmp, &b_dev_info->pages, lru) {
		if (!trylock_page(page))
			continue;
		/*
		 * Defensive: the VM isolates a balloon page under pages_lock
		 * and takes it off this list, so no page here can be isolated.
		 */
		if (PageIsolated(page)) {
			unlock_page(page);
			continue;
		}
		balloon_page_delete(page);
		__count_vm_event(BALLOON_DEFLATE);
		unlock_page(page);
		spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
		return page;
	}
	if (unlikely(list_empty(&b_dev_info->pages) &&
		     !b_dev_info->isolated_pages)) {
		spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
		pr_emerg("balloon: dequeue from a balloon with no pages: balloon pages lost\n");
		BUG();
	}
	spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
	return NULL;
}

/**
 * balloon_page_isolate - the VM wants to migrate a balloon page
 * @page: the page, locked, with the VM's reference
 * @mode: the isolation mode
 *
 * Always agrees: the page leaves the list (so that the driver does not
 * dequeue it meanwhile) and counts as isolated.
 *
 * Return: true.
 */
bool balloon_page_isolate(struct page *page, isolate_mode_t mode)
{
	struct balloon_dev_info *b_dev_info = balloon_page_device(page);
	unsigned long flags;

	spin_lock_irqsave(&b_dev_info->pages_lock, flags);
	list_del(&page->lru);
	b_dev_info->isolated_pages++;
	spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
	return true;
}

/**
 * balloon_page_putback - migration gave a balloon page back
 * @page: the page, locked
 */
void balloon_page_putback(struct page *page)
{
	struct balloon_dev_info *b_dev_info = balloon_page_device(page);
	unsigned long flags;

	spin_lock_irqsave(&b_dev_info->pages_lock, flags);
	list_add(&page->lru, &b_dev_info->pages);
	b_dev_info->isolated_pages--;
	spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
}

/**
 * balloon_page_migrate - move a balloon page
 * @mapping: the balloon's mapping
 * @newpage: the target, locked
 * @page: the isolated balloon page, locked
 * @mode: the migration mode
 *
 * Nothing is copied: the host has the frame, and what the page held is
 * gone.  The driver's ->migratepage does the rest: @newpage into the
 * balloon and to the host, @page out of both.
 *
 * Return: what the driver returns (-EAGAIN when it is busy).
 */
int balloon_page_migrate(struct address_space *mapping, struct page *newpage,
			 struct page *page, enum migrate_mode mode)
{
	struct balloon_dev_info *balloon = balloon_page_device(page);

	VM_BUG_ON_PAGE(!PageLocked(page), page);
	VM_BUG_ON_PAGE(!PageLocked(newpage), newpage);
	/* Registered movable only if it has one; never NULL here. */
	if (WARN_ON_ONCE(!balloon->migratepage))
		return -EINVAL;
	return balloon->migratepage(balloon, newpage, page, mode);
}

const struct address_space_operations balloon_aops = {
	.migratepage	= balloon_page_migrate,
	.isolate_page	= balloon_page_isolate,
	.putback_page	= balloon_page_putback,
};

