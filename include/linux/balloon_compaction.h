/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: balloon pages, movable through the non-LRU movable page API. */
/* newer: balloon_page_alloc(), balloon_page_enqueue(info, page) and */
/* newer: balloon_page_push/pop() are a later kernel's (commit c7cdff0e8647); */
/* newer: 4.8's balloon_page_enqueue(info) allocates the page itself. */
#ifndef _LINUX_BALLOON_COMPACTION_H
#define _LINUX_BALLOON_COMPACTION_H

/*
 * include/linux/balloon_compaction.h - common interface for balloon drivers
 *
 * A balloon driver takes pages from the guest and gives their frames to
 * the host.  Such a page is the driver's: it is on the driver's list
 * (balloon_dev_info->pages), its _mapcount says PageBalloon, and
 * page_private() points at the balloon_dev_info.
 *
 * Since 4.8 these pages move the way any driver's pages do (see
 * Documentation/vm/page_migration.rst): balloon_page_insert() registers
 * them with __SetPageMovable(), and the VM reaches them through
 * balloon_aops, whose isolate and putback take the page off and back on
 * the list, and whose migratepage asks the driver to tell the host
 * (->migratepage: inflate the new frame, deflate the old one).  Neither
 * compaction nor migration knows balloons any more.
 *
 * Locking: the page lock, then b_dev_info->pages_lock.  The VM holds the
 * page lock when it calls the operations; balloon_page_dequeue(), which
 * holds pages_lock first, only trylocks pages.
 *
 * CONFIG_BALLOON_COMPACTION is chosen at boot here, not when building:
 * with virtio_balloon.movable=0, balloon_compaction_enabled is false and
 * balloon pages are allocated without __GFP_MOVABLE and never registered
 * as movable, as in a kernel built without it.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/migrate.h>
#include <linux/pagemap.h>
#include <linux/page-flags.h>
#include <linux/string.h>

/* mm/balloon_compaction.c; set from virtio_balloon.movable= at boot. */
extern bool balloon_compaction_enabled;
extern const struct address_space_operations balloon_aops;

/**
 * struct balloon_dev_info - a balloon's pages
 * @isolated_pages: pages the VM isolated for migration (off @pages)
 * @pages_lock: protects @pages and @isolated_pages
 * @pages: the pages given to the host, linked by page->lru
 * @migratepage: the driver moves a page (tells the host); may be NULL
 *	when balloon compaction is off
 * @mapping: what page->mapping of the balloon's pages points at; 4.8
 *	used the mapping of an anonymous inode of a pseudo filesystem, but
 *	all the VM needs of it is balloon_aops (set by balloon_devinfo_init())
 */
struct balloon_dev_info {
	unsigned long isolated_pages;
	spinlock_t pages_lock;
	struct list_head pages;
	int (*migratepage)(struct balloon_dev_info *b_dev_info,
			   struct page *newpage, struct page *page,
			   enum migrate_mode mode);
	struct address_space mapping;
};

struct page *balloon_page_alloc(void);
void balloon_page_enqueue(struct balloon_dev_info *b_dev_info,
			  struct page *page);
struct page *balloon_page_dequeue(struct balloon_dev_info *b_dev_info);

bool balloon_page_isolate(struct page *page, isolate_mode_t mode);
void balloon_page_putback(struct page *page);
int balloon_page_migrate(struct address_space *mapping, struct page *newpage,
			 struct page *page, enum migrate_mode mode);

static inline void balloon_devinfo_init(struct balloon_dev_info *balloon)
{
	balloon->isolated_pages = 0;
	spin_lock_init(&balloon->pages_lock);
	INIT_LIST_HEAD(&balloon->pages);
	balloon->migratepage = NULL;
	memset(&balloon->mapping, 0, sizeof(balloon->mapping));
	balloon->mapping.a_ops = &balloon_aops;
}

/* The balloon a page belongs to. */
static inline struct balloon_dev_info *balloon_page_device(struct page *page)
{
	return (struct balloon_dev_info *)page_private(page);
}

/* How balloon pages are allocated: movable only if they can move. */
static inline gfp_t balloon_mapping_gfp_mask(void)
{
	return balloon_compaction_enabled ? GFP_HIGHUSER_MOVABLE : GFP_HIGHUSER;
}

/*
 * balloon_page_insert - make @page a balloon page of @balloon
 *
 * Caller holds the page lock (__SetPageMovable() needs it, and the page
 * must be on the list before compaction can try to isolate it) and
 * @balloon->pages_lock.
 */
static inline void balloon_page_insert(struct balloon_dev_info *balloon,
				       struct page *page)
{
	__SetPageBalloon(page);
	if (balloon_compaction_enabled && balloon->migratepage)
		__SetPageMovable(page, &balloon->mapping);
	set_page_private(page, (unsigned long)balloon);
	list_add(&page->lru, &balloon->pages);
}

/*
 * balloon_page_delete - @page stops being a balloon page
 *
 * Caller holds the page lock and the balloon's pages_lock.  An isolated
 * page is on the VM's list, not ours: page->lru is left alone then.
 */
static inline void balloon_page_delete(struct page *page)
{
	__ClearPageBalloon(page);
	if (__PageMovable(page))
		__ClearPageMovable(page);
	set_page_private(page, 0);
	if (!PageIsolated(page))
		list_del(&page->lru);
}

/* A list of pages for a driver's batch (page->lru). */
static inline void balloon_page_push(struct list_head *pages,
				     struct page *page)
{
	list_add(&page->lru, pages);
}

static inline struct page *balloon_page_pop(struct list_head *pages)
{
	struct page *page = list_first_entry_or_null(pages, struct page, lru);

	if (!page)
		return NULL;
	list_del(&page->lru);
	return page;
}

#endif /* _LINUX_BALLOON_COMPACTION_H */
