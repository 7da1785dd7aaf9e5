/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: the last migration steps of each page, for dump_page() (cf. page_owner). */
#ifndef _LINUX_PAGE_OWNER_H
#define _LINUX_PAGE_OWNER_H

#include <linux/types.h>
#include <linux/init.h>

struct page;
struct page_kind;

/*
 * Linux's page_owner (page_owner=on) records the stack that allocated
 * each page, and dump_page() prints it.  What a driver author needs to
 * know about a page in a bad state is rather which step of the movable
 * page contract touched it last: that is what umm records.  The last
 * step of every page is always kept (one byte a page); with
 * page_owner=on a trail of the last PAGE_OWNER_TRAIL steps, each with
 * its CPU and task, is kept too.  Steps are recorded under the page
 * lock, as every one of them is taken under it.
 */
enum page_step {
	PAGE_STEP_NONE,
	PAGE_STEP_SET_MOVABLE,		/* the driver: __SetPageMovable() */
	PAGE_STEP_ISOLATE_PAGE,		/* the VM calls ->isolate_page() */
	PAGE_STEP_ISOLATED,		/* ... which said yes: PG_isolated */
	PAGE_STEP_MIGRATEPAGE,		/* ->migratepage(), the old page */
	PAGE_STEP_MIGRATEPAGE_NEW,	/* ->migratepage(), the new page */
	PAGE_STEP_MIGRATED,		/* ... which succeeded */
	PAGE_STEP_PUTBACK_PAGE,		/* the VM calls ->putback_page() */
	PAGE_STEP_CLEAR_MOVABLE,	/* the driver: __ClearPageMovable() */
	PAGE_STEP_RELEASED_ISOLATED,	/* the VM found it released */
	NR_PAGE_STEPS,
};

#define PAGE_OWNER_TRAIL	4

void __init page_owner_init(unsigned long nr_pages);
void set_page_step(struct page *page, enum page_step step);
enum page_step page_last_step(struct page *page);
const char *page_step_name(enum page_step step);
enum page_step page_last_callback(struct page *page);
void dump_page_owner(struct page *page);
struct page_kind *page_owner_kind(struct page *page);	/* mm/debug.c */

#endif /* _LINUX_PAGE_OWNER_H */
