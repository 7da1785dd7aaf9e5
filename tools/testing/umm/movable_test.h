/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/testing/umm/movable_test.h - what the movable page tests share
 *
 * "tdrv", a tiny driver of movable pages of the tests' own: its
 * address_space_operations do what each test asks (refuse isolation,
 * return -EAGAIN N times, fail with -EBUSY, release the page from inside
 * a callback, misbehave with PG_isolated), count their calls, and check
 * at each call what the contract promises them (page locked, reference
 * held, page isolated).  Besides: migration targets, the allocator's
 * side, the trace, and the fixture (TDRV_FIXTURE) that gives every test
 * a fresh driver.
 *
 * Included by one file per test binary (test_movable*.c), after the
 * harness, hence static functions.
 */
#ifndef _MOVABLE_TEST_H
#define _MOVABLE_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>

#include "umm_test.h"

#include <linux/compaction.h>
#include <linux/fs.h>
#include <linux/highmem.h>
#include <linux/migrate.h>
#include <linux/pagemap.h>
#include <linux/page-flags.h>
#include <linux/pseudo_fs.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workload.h>
#include <linux/err.h>
#include "../../../mm/internal.h"

#define TRACING		"/sys/kernel/debug/tracing/"
#define SAMPLE		"/sys/kernel/debug/movable_sample/"
#define MIGRATED	"/sys/kernel/debug/umm/migrated"

/* ---- tdrv: a driver of movable pages whose behaviour the test sets ---- */

/* The driver's record of one of its pages. */
struct tobj {
	struct page *page;	/* NULL once the driver released it */
	u32 id;
	bool isolated;		/* handed to the VM by isolate_page() */
	bool refuse_async;	/* migratepage() says -EAGAIN in MIGRATE_ASYNC */
	atomic_t isolations;	/* isolate_page() calls that said yes */
};

struct tdrv {
	struct address_space mapping;	/* page->mapping of our pages */
	struct address_space new_mapping;	/* for retire_mapping */

	/* What the callbacks do; set by the tests. */
	bool refuse_isolate;		/* isolate_page() says no */
	int eagain;			/* -EAGAIN this often first; -1: always */
	int error;			/* then fail with this (0: migrate) */
	bool release_in_migratepage;	/* let go of the page, then fail */
	bool set_isolated;		/* misbehave: set PG_isolated */
	bool clear_isolated;		/* misbehave: clear PG_isolated */
	bool retire_mapping;		/* move to new_mapping, drop the old */

	/* What the VM did. */
	atomic_t isolate_calls;
	atomic_t migrate_calls;
	atomic_t putback_calls;
	atomic_t migrated;
	atomic_t broken_promises;	/* a callback found the contract broken */
	int last_isolate_mode;
	int last_migrate_mode;

	int nr, max;
	struct tobj objs[];
};

static struct tdrv *drv;

/* Each page holds a pattern derived from its id: copies can be checked. */
static void tdrv_fill(struct page *page, u32 id)
{
	u32 *p = kmap(page);
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / sizeof(u32); i++)
		p[i] = id * 2654435761u + i;
	kunmap(page);
}

static bool tdrv_check(struct page *page, u32 id)
{
	u32 *p = kmap(page);
	unsigned int i;
	bool ok = true;

	for (i = 0; ok && i < PAGE_SIZE / sizeof(u32); i++)
		ok = p[i] == id * 2654435761u + i;
	kunmap(page);
	return ok;
}

/* A callback found the VM not keeping its side of the contract. */
static void broken_promise(const char *what, struct page *page)
{
	printf("# contract broken: %s (pfn %#lx)\n", what, page_to_pfn(page));
	atomic_inc(&drv->broken_promises);
}

/*
 * isolate_page: called with the page locked and a reference of the VM's
 * on top of ours.  Say yes unless told otherwise.
 */
static bool tdrv_isolate_page(struct page *page, isolate_mode_t mode)
{
	struct tobj *obj = (struct tobj *)page_private(page);

	if (!PageLocked(page))
		broken_promise("isolate_page() without the page lock", page);
	if (page_count(page) < 2)
		broken_promise("isolate_page() without the VM's reference", page);
	if (PageIsolated(page))
		broken_promise("isolate_page() on an isolated page", page);
	if (!obj || obj->page != page)
		broken_promise("isolate_page() on a page we do not hold", page);
	atomic_inc(&drv->isolate_calls);
	WRITE_ONCE(drv->last_isolate_mode, (__force int)mode);
	if (READ_ONCE(drv->refuse_isolate))
		return false;
	obj->isolated = true;
	atomic_inc(&obj->isolations);
	if (drv->set_isolated)
		__SetPageIsolated(page);
	return true;
}

/* Let go of a page the VM holds (it is locked, by us or by the VM). */
static void tdrv_forget(struct tobj *obj)
{
	struct page *page = obj->page;

	__ClearPageMovable(page);
	set_page_private(page, 0);
	obj->page = NULL;
	obj->isolated = false;
	put_page(page);		/* ours; the VM's keeps it alive */
}

static int tdrv_migratepage(struct address_space *mapping,
			    struct page *newpage, struct page *page,
			    enum migrate_mode mode)
{
	struct tobj *obj = (struct tobj *)page_private(page);

	if (!PageLocked(page) || !PageLocked(newpage))
		broken_promise("migratepage() without both page locks", page);
	if (!PageIsolated(page))
		broken_promise("migratepage() on a page not isolated", page);
	if (mapping != &drv->mapping)
		broken_promise("migratepage() with another mapping", page);
	if (!obj || obj->page != page || !obj->isolated)
		broken_promise("migratepage() on a page we did not hand over",
			       page);
	atomic_inc(&drv->migrate_calls);
	WRITE_ONCE(drv->last_migrate_mode, mode);

	if (drv->release_in_migratepage) {
		tdrv_forget(obj);
		return drv->error ? drv->error : -EAGAIN;
	}
	if (mode == MIGRATE_ASYNC && obj->refuse_async)
		return -EAGAIN;
	if (drv->eagain) {
		if (drv->eagain > 0)
			drv->eagain--;
		return -EAGAIN;
	}
	if (drv->error)
		return drv->error;

	copy_highpage(newpage, page);
	get_page(newpage);			/* our reference to newpage */
	set_page_private(newpage, (unsigned long)obj);
	obj->page = newpage;
	obj->isolated = false;
	__SetPageMovable(newpage, drv->retire_mapping ? &drv->new_mapping :
							mapping);
	if (drv->clear_isolated)
		__ClearPageIsolated(page);
	__ClearPageMovable(page);
	set_page_private(page, 0);
	put_page(page);				/* our reference to page */
	atomic_inc(&drv->migrated);
	/* Nothing of ours is left there: the VM must not look at it now. */
	if (drv->retire_mapping)
		WRITE_ONCE(mapping->a_ops, NULL);
	return MIGRATEPAGE_SUCCESS;
}

static void tdrv_putback_page(struct page *page)
{
	struct tobj *obj = (struct tobj *)page_private(page);

	if (!PageLocked(page))
		broken_promise("putback_page() without the page lock", page);
	if (!PageIsolated(page))
		broken_promise("putback_page() on a page not isolated", page);
	if (!obj || obj->page != page || !obj->isolated)
		broken_promise("putback_page() of a page we did not hand over",
			       page);
	atomic_inc(&drv->putback_calls);
	if (obj)
		obj->isolated = false;
}

static const struct address_space_operations tdrv_aops = {
	.isolate_page	= tdrv_isolate_page,
	.migratepage	= tdrv_migratepage,
	.putback_page	= tdrv_putback_page,
};

static void tdrv_init(int max)
{
	drv = calloc(1, sizeof(*drv) + max * sizeof(struct tobj));
	drv->mapping.a_ops = &tdrv_aops;
	drv->new_mapping.a_ops = &tdrv_aops;
	drv->max = max;
}

/* A new page, filled and registered movable, as a driver does it. */
static struct tobj *tdrv_add(void)
{
	struct tobj *obj;
	struct page *page;

	if (drv->nr == drv->max)
		return NULL;
	page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN | __GFP_NORETRY);
	if (!page)
		return NULL;
	obj = &drv->objs[drv->nr];
	obj->id = drv->nr++;
	obj->page = page;
	tdrv_fill(page, obj->id);
	set_page_private(page, (unsigned long)obj);
	lock_page(page);
	__SetPageMovable(page, &drv->mapping);
	unlock_page(page);
	return obj;
}

/* The driver lets go of a page: lock, __ClearPageMovable, unlock, put. */
static void tdrv_release(struct tobj *obj)
{
	struct page *page = obj->page;

	lock_page(page);
	__ClearPageMovable(page);
	set_page_private(page, 0);
	obj->page = NULL;
	obj->isolated = false;
	unlock_page(page);
	put_page(page);
}

/* Release everything; returns how many callbacks saw the contract broken. */
static int tdrv_destroy(void)
{
	int i, broken;

	if (!drv)
		return 0;
	for (i = 0; i < drv->nr; i++)
		if (drv->objs[i].page)
			tdrv_release(&drv->objs[i]);
	broken = atomic_read(&drv->broken_promises);
	free(drv);
	drv = NULL;
	return broken;
}

/* PageMovable() wants the page lock. */
static int page_movable_locked(struct page *page)
{
	int ret;

	lock_page(page);
	ret = PageMovable(page);
	unlock_page(page);
	return ret;
}

/* Isolate @obj's page onto @list as a scanner would; true on success. */
static bool isolate_obj(struct tobj *obj, struct list_head *list,
			isolate_mode_t mode)
{
	if (!isolate_movable_page(obj->page, mode))
		return false;
	list_add_tail(&obj->page->lru, list);
	return true;
}

/* ---- migration targets ---------------------------------------------- */

/*
 * Targets come from the page allocator, or from a pool taken beforehand
 * (as compaction takes its targets from its own free list), so that a
 * page freed by one migration is not the next migration's target.
 */
struct targets {
	int nr_alloc;
	struct page *last;
	struct list_head pool;
	bool use_pool;
};

static void targets_pool(struct targets *t, int nr)
{
	INIT_LIST_HEAD(&t->pool);
	t->use_pool = true;
	while (nr--) {
		struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);

		if (page)
			list_add_tail(&page->lru, &t->pool);
	}
}

static void targets_release(struct targets *t)
{
	struct page *page, *next;

	if (!t->use_pool)
		return;
	list_for_each_entry_safe(page, next, &t->pool, lru) {
		list_del(&page->lru);
		put_page(page);
	}
}

static struct page *alloc_target(struct page *page, unsigned long private,
				 int **result)
{
	struct targets *t = (struct targets *)private;
	struct page *newpage = NULL;

	if (!t->use_pool) {
		newpage = alloc_page(GFP_HIGHUSER_MOVABLE);
	} else if (!list_empty(&t->pool)) {
		newpage = list_first_entry(&t->pool, struct page, lru);
		list_del(&newpage->lru);
	}
	t->nr_alloc++;
	t->last = newpage;
	return newpage;
}

/* ---- the allocator's side --------------------------------------------- */

/* Is @page in the buddy allocator (alone or inside a larger free block)? */
static bool page_is_free(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	struct zone *zone = page_zone(page);
	unsigned int order;
	bool found = false;

	drain_all_pages(NULL);
	spin_lock(&zone->lock);
	for (order = 0; order < MAX_ORDER && !found; order++) {
		struct page *head = pfn_to_page(pfn & ~((1UL << order) - 1));

		found = PageBuddy(head) && page_private(head) >= order;
	}
	spin_unlock(&zone->lock);
	return found;
}

/* ---- tracing ------------------------------------------------------------ */

static bool tracing_used;

static void trace_start(const char *enable_file)
{
	tracing_used = true;
	write_file(TRACING "trace", "\n");
	write_file(enable_file, "1\n");
}

/* How many trace lines contain @text. */
static int trace_count(const char *text)
{
	char *trace = read_file(TRACING "trace"), *p;
	int n = 0;

	for (p = trace; p && (p = strstr(p, text)); p += strlen(text))
		n++;
	free(trace);
	return n;
}

/* Does the trace hold the isolation line of @pfn with @result? */
static int trace_isolate_count(unsigned long pfn, const char *result)
{
	char want[128];

	snprintf(want, sizeof(want),
		 "mm_isolate_movable_page: pfn=0x%lx result=%s\n", pfn, result);
	return trace_count(want);
}

/* ---- the fixture ------------------------------------------------------- */

/*
 * UMM_FIXTURE_SETUP's checks, after the test driver has given back its
 * pages (it must hold none of them isolated by then) and tracing its
 * buffer.  stdout is line buffered so that "# ..." lines survive a BUG.
 */
#define TDRV_FIXTURE							\
FIXTURE_VARIANT_ADD(umm, mem64m) {					\
	.params = "mem=64M",						\
};									\
									\
FIXTURE_SETUP(umm)							\
{									\
	setvbuf(stdout, NULL, _IOLBF, 0);				\
	ASSERT_EQ(0, umm_boot(variant->params));			\
	self->free_at_boot = umm_free_pages();				\
	tdrv_init(16384);						\
}									\
									\
FIXTURE_TEARDOWN(umm)							\
{									\
	EXPECT_EQ(0, tdrv_destroy());					\
	if (tracing_used)						\
		trace_release();					\
	EXPECT_EQ(0, check_zones());					\
	if (!self->expect_leak)						\
		EXPECT_EQ(self->free_at_boot, umm_free_pages());	\
	if (!self->expect_taint)					\
		EXPECT_EQ(0, get_taint());				\
}

#endif /* _MOVABLE_TEST_H */
