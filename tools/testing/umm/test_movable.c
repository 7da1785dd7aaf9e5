// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_movable.c - the non-LRU movable page contract
 *
 * White-box tests of every rule of "The movable-page contract"
 * (DESIGN.md, Documentation/vm/page_migration.rst): the page->mapping
 * tag (__SetPageMovable, __PageMovable, PageMovable, __ClearPageMovable,
 * page_mapping), isolate_movable_page(), migrate_pages() and
 * putback_movable_pages() on a driver's pages, the three places where the
 * VM notices a page its driver released while isolated, two scanners
 * racing for one page, MIGRATE_ASYNC refusals, the contract violations
 * that must BUG, and the mm_isolate_movable_page / mm_migrate_pages
 * trace events.
 *
 * Most tests use "tdrv", a tiny driver of the test's own defined below:
 * its address_space_operations do what each test asks (refuse isolation,
 * return -EAGAIN N times, fail with -EBUSY, release the page from inside
 * a callback, misbehave with PG_isolated), count their calls, and check
 * at each call what the contract promises them (page locked, reference
 * held, page isolated).  The tests at the end drive the sample driver
 * (samples/movable/) through its debugfs knobs: compaction with and
 * without movable driver pages, and bad input to the knobs.
 *
 * Every test name contains "movable", so that `make check TESTS=movable`
 * runs all of them.
 */
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

	/* What the callbacks do; set by the tests. */
	bool refuse_isolate;		/* isolate_page() says no */
	int eagain;			/* -EAGAIN this often first; -1: always */
	int error;			/* then fail with this (0: migrate) */
	bool release_in_migratepage;	/* let go of the page, then fail */
	bool set_isolated;		/* misbehave: set PG_isolated */
	bool clear_isolated;		/* misbehave: clear PG_isolated */

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
	__SetPageMovable(newpage, mapping);
	if (drv->clear_isolated)
		__ClearPageIsolated(page);
	__ClearPageMovable(page);
	set_page_private(page, 0);
	put_page(page);				/* our reference to page */
	atomic_inc(&drv->migrated);
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

FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

/*
 * UMM_FIXTURE_SETUP's checks, after the test driver has given back its
 * pages (it must hold none of them isolated by then) and tracing its
 * buffer.  stdout is line buffered so that "# ..." lines survive a BUG.
 */
FIXTURE_SETUP(umm)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	self->free_at_boot = umm_free_pages();
	tdrv_init(16384);
}

FIXTURE_TEARDOWN(umm)
{
	EXPECT_EQ(0, tdrv_destroy());
	if (tracing_used)
		trace_release();
	EXPECT_EQ(0, check_zones());
	if (!self->expect_leak)
		EXPECT_EQ(self->free_at_boot, umm_free_pages());
	if (!self->expect_taint)
		EXPECT_EQ(0, get_taint());
}

/* ==== the tag: __SetPageMovable, PageMovable, __ClearPageMovable ==== */

TEST_F(umm, movable_tag_set_test_clear_and_page_mapping)
{
	struct tobj *obj = tdrv_add();
	struct page *page;

	ASSERT_NE(NULL, obj);
	page = obj->page;
	EXPECT_EQ((void *)((unsigned long)&drv->mapping | PAGE_MAPPING_MOVABLE),
		  page->mapping);
	/* Tag tests without the lock; PageMovable() with it. */
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(PageAnon(page));
	EXPECT_FALSE(PageKsm(page));
	EXPECT_TRUE(PageMappingFlags(page));
	EXPECT_TRUE(page_movable_locked(page));
	EXPECT_EQ(&drv->mapping, page_mapping(page));
	EXPECT_FALSE(PageLRU(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_EQ(1, page_count(page));

	/*
	 * __ClearPageMovable() forgets the address_space but keeps the tag,
	 * exactly: mapping becomes PAGE_MAPPING_MOVABLE and nothing else.
	 */
	get_page(page);
	tdrv_release(obj);
	EXPECT_EQ((void *)PAGE_MAPPING_MOVABLE, READ_ONCE(page->mapping));
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(page_movable_locked(page));
	EXPECT_EQ(NULL, page_mapping(page));
	EXPECT_EQ(1, page_count(page));

	/* The tag goes when the page is freed. */
	put_page(page);
	EXPECT_EQ(0, page_count(page));
	EXPECT_EQ(NULL, READ_ONCE(page->mapping));
	EXPECT_TRUE(page_is_free(page));
}

/* PageMovable() also wants an address_space whose a_ops can isolate. */
TEST_F(umm, movable_pagemovable_needs_isolate_page_operation)
{
	static const struct address_space_operations no_isolate = {
		.migratepage = tdrv_migratepage,
		.putback_page = tdrv_putback_page,
	};
	struct address_space bare = { .a_ops = NULL };
	struct address_space half = { .a_ops = &no_isolate };
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);

	ASSERT_NE(NULL, page);
	lock_page(page);
	EXPECT_FALSE(PageMovable(page));	/* no tag at all */
	__SetPageMovable(page, &bare);
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(PageMovable(page));
	page->mapping = NULL;
	__SetPageMovable(page, &half);
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(PageMovable(page));
	unlock_page(page);

	/* Not movable under the lock: the VM must not take it. */
	EXPECT_FALSE(isolate_movable_page(page, 0));
	EXPECT_EQ(1, page_count(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_FALSE(PageLocked(page));
	page->mapping = NULL;
	put_page(page);
}

/* The tag is 0x2 alone: 0x1 (anon) and 0x3 (KSM) are not movable pages. */
TEST_F(umm, movable_anon_and_ksm_tags_are_not_movable)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);
	unsigned long as = (unsigned long)&drv->mapping;

	ASSERT_NE(NULL, page);
	page->mapping = (void *)(as | PAGE_MAPPING_ANON);
	EXPECT_FALSE(__PageMovable(page));
	EXPECT_TRUE(PageAnon(page));
	EXPECT_EQ(NULL, page_mapping(page));
	EXPECT_FALSE(isolate_movable_page(page, 0));
	EXPECT_EQ(1, page_count(page));

	page->mapping = (void *)(as | PAGE_MAPPING_KSM);
	EXPECT_FALSE(__PageMovable(page));
	EXPECT_TRUE(PageKsm(page));
	EXPECT_EQ(NULL, page_mapping(page));
	EXPECT_FALSE(isolate_movable_page(page, 0));
	EXPECT_EQ(1, page_count(page));
	EXPECT_EQ(0, atomic_read(&drv->isolate_calls));

	/* A page without any mapping is nothing to the VM either. */
	page->mapping = NULL;
	EXPECT_FALSE(__PageMovable(page));
	EXPECT_EQ(NULL, page_mapping(page));
	EXPECT_FALSE(isolate_movable_page(page, 0));
	EXPECT_EQ(1, page_count(page));
	put_page(page);
}

/* An anonymous page of a workload, on the LRU, is never a movable page. */
TEST_F(umm, movable_anon_lru_page_is_never_movable)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct workload *w;
	unsigned long pfn, tried = 0;

	/* anon_vmas are type-stable: prime their slab before counting. */
	ASSERT_EQ(0, umm_prime_anon_vma_cache());
	self->free_at_boot = umm_free_pages();
	w = workload_start("anon");
	ASSERT_FALSE(IS_ERR(w));
	ASSERT_GE(workload_mmap(w, 64 * PAGE_SIZE), 0);
	ASSERT_EQ(64, workload_fill(w, 0, umm_test_seed));

	for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone); pfn++) {
		struct page *page = pfn_to_page(pfn);
		int count;

		if (!PageLRU(page) || !PageAnon(page))
			continue;
		count = page_count(page);
		EXPECT_FALSE(__PageMovable(page));
		EXPECT_EQ(NULL, page_mapping(page));
		EXPECT_FALSE(isolate_movable_page(page, 0));
		EXPECT_EQ(count, page_count(page));
		EXPECT_TRUE(PageLRU(page));
		EXPECT_FALSE(PageIsolated(page));
		tried++;
	}
	printf("# %lu anonymous LRU pages tried\n", tried);
	EXPECT_EQ(64, tried);
	EXPECT_EQ(0, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(0, workload_stop(w));
}

/* ---- contract violations BUG (the process dies with SIGILL) ---- */

TEST_F_SIGNAL(umm, movable_pagemovable_without_page_lock_bugs, SIGILL)
{
	struct tobj *obj = tdrv_add();

	ASSERT_NE(NULL, obj);
	PageMovable(obj->page);
}

TEST_F_SIGNAL(umm, movable_set_page_movable_without_page_lock_bugs, SIGILL)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);

	ASSERT_NE(NULL, page);
	__SetPageMovable(page, &drv->mapping);
}

TEST_F_SIGNAL(umm, movable_set_page_movable_with_tagged_mapping_bugs, SIGILL)
{
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);
	unsigned long as = (unsigned long)&drv->mapping;

	ASSERT_NE(NULL, page);
	lock_page(page);
	__SetPageMovable(page, (void *)(as | PAGE_MAPPING_MOVABLE));
}

TEST_F_SIGNAL(umm, movable_clear_page_movable_without_page_lock_bugs, SIGILL)
{
	struct tobj *obj = tdrv_add();

	ASSERT_NE(NULL, obj);
	__ClearPageMovable(obj->page);
}

/* A page already released is not the driver's to release again. */
TEST_F_SIGNAL(umm, movable_clear_page_movable_twice_bugs, SIGILL)
{
	struct tobj *obj = tdrv_add();
	struct page *page;

	ASSERT_NE(NULL, obj);
	page = obj->page;
	get_page(page);
	tdrv_release(obj);
	lock_page(page);
	__ClearPageMovable(page);
}

/* putback_movable_page() of a page that is not isolated. */
TEST_F_SIGNAL(umm, movable_putback_of_unisolated_page_bugs, SIGILL)
{
	struct tobj *obj = tdrv_add();

	ASSERT_NE(NULL, obj);
	lock_page(obj->page);
	putback_movable_page(obj->page);
}

/* PG_isolated is the VM's: a driver that clears it BUGs at migration. */
TEST_F_SIGNAL(umm, movable_driver_clearing_pg_isolated_bugs, SIGILL)
{
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	drv->clear_isolated = true;
	migrate_pages(&list, alloc_target, NULL, (unsigned long)&t,
		      MIGRATE_SYNC, MR_COMPACTION);
}

/* ... and one that sets it in isolate_page() gets a warning. */
TEST_F(umm, movable_driver_setting_pg_isolated_warns)
{
	struct tobj *obj = tdrv_add();
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	drv->set_isolated = true;
	EXPECT_EQ(0, get_taint());
	EXPECT_TRUE(isolate_obj(obj, &list, 0));
	EXPECT_NE(0, get_taint());
	self->expect_taint = true;
	EXPECT_TRUE(PageIsolated(obj->page));
	putback_movable_pages(&list);
	EXPECT_FALSE(PageIsolated(obj->page));
	EXPECT_EQ(1, page_count(obj->page));
}

/* ==== 1. the happy path ==== */

TEST_F(umm, movable_isolate_migrate_frees_old_page)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
	struct targets t = { 0 };
	struct page *old, *new;
	struct tobj *obj;
	LIST_HEAD(list);

	tdrv_add();
	obj = tdrv_add();
	ASSERT_NE(NULL, obj);
	old = obj->page;

	ASSERT_TRUE(isolate_obj(obj, &list, ISOLATE_UNEVICTABLE));
	EXPECT_EQ(1, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(ISOLATE_UNEVICTABLE, drv->last_isolate_mode);
	EXPECT_TRUE(obj->isolated);
	EXPECT_TRUE(PageIsolated(old));
	EXPECT_FALSE(PageLocked(old));
	EXPECT_EQ(2, page_count(old));		/* ours + the VM's */
	EXPECT_TRUE(page_movable_locked(old));

	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(1, t.nr_alloc);
	EXPECT_EQ(1, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(MIGRATE_SYNC, drv->last_migrate_mode);
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));

	/* The driver's record and data moved to the target. */
	new = obj->page;
	EXPECT_EQ(t.last, new);
	EXPECT_NE(old, new);
	EXPECT_TRUE(tdrv_check(new, obj->id));
	EXPECT_EQ(1, page_count(new));		/* the driver's only */
	EXPECT_EQ(obj, (struct tobj *)page_private(new));
	EXPECT_TRUE(__PageMovable(new));
	EXPECT_TRUE(page_movable_locked(new));
	EXPECT_EQ(&drv->mapping, page_mapping(new));
	EXPECT_FALSE(PageIsolated(new));
	EXPECT_FALSE(PageLocked(new));
	EXPECT_FALSE(PageLRU(new));

	/* The old page went back to the buddy allocator. */
	EXPECT_EQ(0, page_count(old));
	EXPECT_FALSE(PageIsolated(old));
	EXPECT_EQ(NULL, READ_ONCE(old->mapping));
	EXPECT_TRUE(page_is_free(old));

	EXPECT_EQ(success + 1, sum_vm_event(PGMIGRATE_SUCCESS));
	EXPECT_EQ(fail, sum_vm_event(PGMIGRATE_FAIL));

	/*
	 * Still the driver's movable page: it can move again.  This time a
	 * reference of somebody else's (a pfn walker's, here the test's)
	 * keeps the old page from being freed, so that its state after the
	 * migration can be seen: PG_isolated cleared by the VM, the tag
	 * kept, the address_space gone.
	 */
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	get_page(new);
	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC_LIGHT,
				   MR_COMPACTION));
	EXPECT_NE(new, obj->page);
	EXPECT_EQ(1, page_count(new));
	EXPECT_FALSE(PageIsolated(new));
	EXPECT_FALSE(PageLocked(new));
	EXPECT_EQ((void *)PAGE_MAPPING_MOVABLE, READ_ONCE(new->mapping));
	EXPECT_FALSE(page_movable_locked(new));
	EXPECT_EQ(NULL, page_mapping(new));
	put_page(new);
	EXPECT_TRUE(page_is_free(new));
	EXPECT_TRUE(tdrv_check(obj->page, obj->id));
	EXPECT_FALSE(PageIsolated(obj->page));
	EXPECT_EQ(2, atomic_read(&drv->migrated));
}

/* Many pages, every mode: all move, all data intact, none left behind. */
TEST_F(umm, movable_migrate_many_pages_in_every_mode)
{
	static const enum migrate_mode modes[] = {
		MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT, MIGRATE_SYNC,
	};
	struct page *old[64];
	struct targets t = { 0 };
	int m, i;

	for (i = 0; i < 64; i++)
		ASSERT_NE(NULL, tdrv_add());
	targets_pool(&t, 3 * 64);
	for (m = 0; m < ARRAY_SIZE(modes); m++) {
		unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
		LIST_HEAD(list);

		for (i = 0; i < 64; i++) {
			old[i] = drv->objs[i].page;
			ASSERT_TRUE(isolate_obj(&drv->objs[i], &list, 0));
		}
		EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
					   (unsigned long)&t, modes[m],
					   MR_COMPACTION));
		EXPECT_EQ(modes[m], drv->last_migrate_mode);
		EXPECT_EQ(success + 64, sum_vm_event(PGMIGRATE_SUCCESS));
		for (i = 0; i < 64; i++) {
			EXPECT_NE(old[i], drv->objs[i].page);
			EXPECT_EQ(0, page_count(old[i]));
			EXPECT_TRUE(page_is_free(old[i]));
			EXPECT_TRUE(tdrv_check(drv->objs[i].page, i));
			EXPECT_EQ(1, page_count(drv->objs[i].page));
		}
	}
	EXPECT_EQ(3 * 64, atomic_read(&drv->migrated));
	EXPECT_EQ(3 * 64, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	targets_release(&t);
}

/* ==== 2. isolate_page() refusing ==== */

TEST_F(umm, movable_isolate_refused_leaves_page_alone)
{
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	trace_start(TRACING "events/migrate/enable");
	drv->refuse_isolate = true;

	EXPECT_FALSE(isolate_obj(obj, &list, 0));
	EXPECT_EQ(1, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(1, page_count(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_FALSE(PageLocked(page));
	EXPECT_FALSE(obj->isolated);
	EXPECT_TRUE(list_empty(&list));
	EXPECT_TRUE(page_movable_locked(page));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(page), "refused"));
	EXPECT_EQ(0, trace_count("result=isolated"));

	/* Refusing is not forever: the next attempt may be taken. */
	drv->refuse_isolate = false;
	EXPECT_TRUE(isolate_obj(obj, &list, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(page), "isolated"));
	putback_movable_pages(&list);
	EXPECT_EQ(1, atomic_read(&drv->putback_calls));
	EXPECT_EQ(1, page_count(page));
}

/* A driver that refuses everything: compaction skips its pages. */
TEST_F(umm, movable_compaction_skips_refused_pages)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	struct page **where;
	int i, n;

	/* Every other page given back: holes for compaction to fill. */
	for (n = 0; n < 4096 && tdrv_add(); n++)
		;
	ASSERT_EQ(4096, n);
	for (i = 0; i < n; i += 2)
		tdrv_release(&drv->objs[i]);
	where = calloc(drv->max, sizeof(*where));
	for (i = 1; i < n; i += 2)
		where[i] = drv->objs[i].page;
	trace_start(TRACING "events/migrate/mm_isolate_movable_page/enable");
	drv->refuse_isolate = true;

	ASSERT_EQ(0, compact_memory());
	printf("# isolate_page() asked %d times\n",
	       atomic_read(&drv->isolate_calls));
	EXPECT_GT(atomic_read(&drv->isolate_calls), 0);
	EXPECT_EQ(atomic_read(&drv->isolate_calls), trace_count("result=refused"));
	EXPECT_EQ(0, trace_count("result=isolated"));
	EXPECT_EQ(0, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(success, sum_vm_event(PGMIGRATE_SUCCESS));
	for (i = 1; i < n; i += 2) {
		EXPECT_EQ(where[i], drv->objs[i].page);
		EXPECT_EQ(1, page_count(where[i]));
		EXPECT_FALSE(PageIsolated(where[i]));
	}
	free(where);
}

/* ==== 3. migratepage() failing ==== */

/*
 * -EAGAIN: busy, ask again.  migrate_pages() makes 10 passes, then leaves
 * the page on the list; the caller's putback_movable_pages() gives it
 * back, and putback_page() runs exactly once.
 */
TEST_F(umm, movable_eagain_is_retried_ten_passes_then_put_back_once)
{
	static const enum migrate_mode modes[] = {
		MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT, MIGRATE_SYNC,
	};
	struct tobj *obj = tdrv_add();
	int m;

	ASSERT_NE(NULL, obj);
	drv->eagain = -1;
	for (m = 0; m < ARRAY_SIZE(modes); m++) {
		unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
		unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
		struct targets t = { 0 };
		struct page *page = obj->page;
		LIST_HEAD(list);

		atomic_set(&drv->migrate_calls, 0);
		atomic_set(&drv->putback_calls, 0);
		ASSERT_TRUE(isolate_obj(obj, &list, 0));
		EXPECT_EQ(1, migrate_pages(&list, alloc_target, NULL,
					   (unsigned long)&t, modes[m],
					   MR_COMPACTION));
		EXPECT_EQ(10, atomic_read(&drv->migrate_calls));
		EXPECT_EQ(0, atomic_read(&drv->putback_calls));
		/* Still ours, still isolated, still on the caller's list. */
		EXPECT_FALSE(list_empty(&list));
		EXPECT_TRUE(PageIsolated(page));
		EXPECT_EQ(2, page_count(page));
		/* One target per pass, each given back unused. */
		EXPECT_EQ(10, t.nr_alloc);
		EXPECT_TRUE(page_is_free(t.last));

		putback_movable_pages(&list);
		EXPECT_TRUE(list_empty(&list));
		EXPECT_EQ(1, atomic_read(&drv->putback_calls));
		EXPECT_EQ(10, atomic_read(&drv->migrate_calls));
		EXPECT_FALSE(PageIsolated(page));
		EXPECT_FALSE(obj->isolated);
		EXPECT_EQ(1, page_count(page));
		EXPECT_EQ(page, obj->page);
		EXPECT_TRUE(tdrv_check(page, obj->id));
		EXPECT_EQ(fail + 1, sum_vm_event(PGMIGRATE_FAIL));
		EXPECT_EQ(success, sum_vm_event(PGMIGRATE_SUCCESS));
	}
}

/* -EAGAIN a few times, then success: retried until it works. */
TEST_F(umm, movable_eagain_then_success_is_migrated)
{
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	struct page *old;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	old = obj->page;
	drv->eagain = 3;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_EQ(4, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(4, t.nr_alloc);
	EXPECT_TRUE(list_empty(&list));
	EXPECT_NE(old, obj->page);
	EXPECT_TRUE(page_is_free(old));
	EXPECT_TRUE(tdrv_check(obj->page, obj->id));
}

/* Any other error is final: no retry, putback right away. */
TEST_F(umm, movable_ebusy_puts_back_without_retry)
{
	static const int errors[] = { -EBUSY, -ENOSPC, -EINVAL };
	struct tobj *obj = tdrv_add();
	int e;

	ASSERT_NE(NULL, obj);
	for (e = 0; e < ARRAY_SIZE(errors); e++) {
		unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
		struct targets t = { 0 };
		struct page *page = obj->page;
		LIST_HEAD(list);

		atomic_set(&drv->migrate_calls, 0);
		atomic_set(&drv->putback_calls, 0);
		drv->error = errors[e];
		ASSERT_TRUE(isolate_obj(obj, &list, 0));
		EXPECT_EQ(1, migrate_pages(&list, alloc_target, NULL,
					   (unsigned long)&t, MIGRATE_SYNC,
					   MR_COMPACTION));
		EXPECT_EQ(1, atomic_read(&drv->migrate_calls));
		EXPECT_EQ(1, atomic_read(&drv->putback_calls));
		EXPECT_EQ(1, t.nr_alloc);
		EXPECT_TRUE(page_is_free(t.last));
		/* migrate_pages() gave it back itself. */
		EXPECT_TRUE(list_empty(&list));
		EXPECT_FALSE(PageIsolated(page));
		EXPECT_EQ(1, page_count(page));
		EXPECT_EQ(page, obj->page);
		EXPECT_FALSE(obj->isolated);
		EXPECT_TRUE(page_movable_locked(page));
		EXPECT_EQ(fail + 1, sum_vm_event(PGMIGRATE_FAIL));
		/* A no from putback_movable_pages(): the list is empty. */
		putback_movable_pages(&list);
		EXPECT_EQ(1, atomic_read(&drv->putback_calls));
	}
}

/* ==== 4. the driver releases a page while the VM has it isolated ==== */

/*
 * After the release the VM sees the tag without an address_space; the
 * page's only reference is the isolation one, so unmap_and_move() frees
 * it at once (its page_count() == 1 path), without a single callback.
 */
TEST_F(umm, movable_released_while_isolated_is_freed_by_unmap_and_move)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	tdrv_release(obj);

	/* What the VM can see: tag kept, address_space gone. */
	EXPECT_EQ((void *)PAGE_MAPPING_MOVABLE, READ_ONCE(page->mapping));
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(page_movable_locked(page));
	EXPECT_EQ(NULL, page_mapping(page));
	EXPECT_TRUE(PageIsolated(page));
	EXPECT_EQ(1, page_count(page));

	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(0, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	/* Freed exactly once, and the unused target too. */
	EXPECT_EQ(0, page_count(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_TRUE(page_is_free(page));
	EXPECT_EQ(1, t.nr_alloc);
	EXPECT_TRUE(page_is_free(t.last));
	EXPECT_EQ(success + 1, sum_vm_event(PGMIGRATE_SUCCESS));
}

/*
 * Released after unmap_and_move() counted the references: someone else
 * (a scanner's speculative get_page_unless_zero(), here the test) holds
 * one more, so the count check passes and move_to_new_page() is where
 * the VM notices (!PageMovable under the page lock).
 */
TEST_F(umm, movable_released_after_count_check_is_noticed_by_move_to_new_page)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	get_page(page);
	tdrv_release(obj);
	EXPECT_EQ(2, page_count(page));

	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(0, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(success + 1, sum_vm_event(PGMIGRATE_SUCCESS));
	/* The isolation reference is gone, PG_isolated too; the tag stays. */
	EXPECT_EQ(1, page_count(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_FALSE(PageLocked(page));
	/* The target was not used, and is free again. */
	EXPECT_EQ(1, t.nr_alloc);
	EXPECT_EQ(0, page_count(t.last));
	EXPECT_TRUE(page_is_free(t.last));

	put_page(page);
	EXPECT_TRUE(page_is_free(page));
}

/* Released, then migration never happens: putback_movable_pages() frees. */
TEST_F(umm, movable_released_while_isolated_is_freed_by_putback)
{
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	tdrv_release(obj);
	putback_movable_pages(&list);
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(0, page_count(page));
	EXPECT_TRUE(page_is_free(page));
}

/* Same, with a reference held so that the page's state can be seen. */
TEST_F(umm, movable_released_while_isolated_putback_clears_isolated)
{
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	get_page(page);
	tdrv_release(obj);
	putback_movable_pages(&list);
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(1, page_count(page));
	EXPECT_FALSE(PageIsolated(page));
	EXPECT_FALSE(PageLocked(page));
	EXPECT_EQ((void *)PAGE_MAPPING_MOVABLE, READ_ONCE(page->mapping));
	put_page(page);
	EXPECT_TRUE(page_is_free(page));
}

/*
 * The driver lets go of the page inside migratepage() (it holds the
 * lock there) and fails: a final error sends the page to putback, which
 * must see the release and free the page without calling putback_page().
 */
TEST_F(umm, movable_released_inside_migratepage_then_error_is_freed)
{
	unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	drv->release_in_migratepage = true;
	drv->error = -EBUSY;
	EXPECT_EQ(1, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(1, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(0, page_count(page));
	EXPECT_TRUE(page_is_free(page));
	EXPECT_TRUE(page_is_free(t.last));
	EXPECT_EQ(fail + 1, sum_vm_event(PGMIGRATE_FAIL));
}

/*
 * ... or says -EAGAIN: on the next pass only the isolation reference is
 * left (page_count() == 1), and the page is freed with no more calls.
 */
TEST_F(umm, movable_released_inside_migratepage_then_eagain_is_freed)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	struct targets t = { 0 };
	struct tobj *obj = tdrv_add();
	struct page *page;
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	page = obj->page;
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	drv->release_in_migratepage = true;
	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(1, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
	EXPECT_EQ(2, t.nr_alloc);
	EXPECT_EQ(0, page_count(page));
	EXPECT_TRUE(page_is_free(page));
	EXPECT_EQ(success + 1, sum_vm_event(PGMIGRATE_SUCCESS));
}

/*
 * The driver releases pages while compaction has them isolated: here from
 * inside migratepage() of the pages compaction takes, in a full
 * compact_memory pass.  Every released page is freed, nothing is put back
 * to the driver, nothing leaks (the fixture counts).
 */
TEST_F(umm, movable_released_during_compaction_are_all_freed)
{
	int i, n, released = 0;

	for (n = 0; n < 2048 && tdrv_add(); n++)
		;
	ASSERT_EQ(2048, n);
	for (i = 0; i < n; i += 2)
		tdrv_release(&drv->objs[i]);
	drv->release_in_migratepage = true;
	ASSERT_EQ(0, compact_memory());
	for (i = 1; i < n; i += 2) {
		if (!drv->objs[i].page) {
			released++;
			continue;
		}
		EXPECT_FALSE(PageIsolated(drv->objs[i].page));
		EXPECT_EQ(1, page_count(drv->objs[i].page));
	}
	printf("# %d pages released inside migratepage()\n", released);
	EXPECT_GT(released, 0);
	EXPECT_EQ(released, atomic_read(&drv->migrate_calls));
	EXPECT_EQ(0, atomic_read(&drv->putback_calls));
}

/* ==== 5. two scanners, one page ==== */

#define RACE_PAGES	32
#define RACE_THREADS	4

struct isolation_race {
	atomic_t arrived;
	atomic_t wins[RACE_PAGES];
	atomic_t losses;
};

static int race_isolate(void *arg, int idx)
{
	struct isolation_race *r = arg;
	int i;

	/* Start together, so that the attempts overlap. */
	atomic_inc(&r->arrived);
	while (atomic_read(&r->arrived) < RACE_THREADS)
		sched_yield();
	for (i = 0; i < RACE_PAGES; i++) {
		/* Each thread goes through the pages in its own order. */
		int p = (idx & 1) ? RACE_PAGES - 1 - i : i;
		struct page *page = READ_ONCE(drv->objs[p].page);

		if (isolate_movable_page(page, 0))
			atomic_inc(&r->wins[p]);
		else
			atomic_inc(&r->losses);
	}
	return 0;
}

TEST_F(umm, movable_concurrent_isolation_has_one_winner)
{
	const int rounds = 100;
	unsigned long losses = 0;
	int round, i;

	for (i = 0; i < RACE_PAGES; i++)
		ASSERT_NE(NULL, tdrv_add());
	for (round = 0; round < rounds; round++) {
		struct isolation_race r;
		LIST_HEAD(list);

		memset(&r, 0, sizeof(r));
		ASSERT_EQ(0, umm_run_threads(RACE_THREADS, race_isolate, &r));
		losses += atomic_read(&r.losses);
		ASSERT_EQ(RACE_PAGES * (RACE_THREADS - 1), atomic_read(&r.losses));
		for (i = 0; i < RACE_PAGES; i++) {
			struct tobj *obj = &drv->objs[i];

			ASSERT_EQ(1, atomic_read(&r.wins[i]));
			ASSERT_EQ(round + 1, atomic_read(&obj->isolations));
			ASSERT_TRUE(PageIsolated(obj->page));
			/* The losers gave their references back. */
			ASSERT_EQ(2, page_count(obj->page));
			ASSERT_FALSE(PageLocked(obj->page));
			list_add_tail(&obj->page->lru, &list);
		}
		putback_movable_pages(&list);
	}
	printf("# %d rounds, %lu lost attempts\n", rounds, losses);
	EXPECT_EQ(rounds * RACE_PAGES, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(rounds * RACE_PAGES, atomic_read(&drv->putback_calls));
	for (i = 0; i < RACE_PAGES; i++) {
		EXPECT_FALSE(PageIsolated(drv->objs[i].page));
		EXPECT_EQ(1, page_count(drv->objs[i].page));
	}
}

/* Sequentially: a second isolation of an isolated page fails. */
TEST_F(umm, movable_isolating_twice_fails)
{
	struct tobj *obj = tdrv_add();
	LIST_HEAD(list);

	ASSERT_NE(NULL, obj);
	ASSERT_TRUE(isolate_obj(obj, &list, 0));
	EXPECT_FALSE(isolate_movable_page(obj->page, 0));
	EXPECT_EQ(1, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(2, page_count(obj->page));
	EXPECT_TRUE(PageIsolated(obj->page));
	putback_movable_pages(&list);
	EXPECT_EQ(1, page_count(obj->page));
}

/* The scanner never sleeps on a page lock: a locked page is busy. */
TEST_F(umm, movable_locked_page_is_not_isolated)
{
	struct tobj *obj = tdrv_add();

	ASSERT_NE(NULL, obj);
	lock_page(obj->page);
	EXPECT_FALSE(isolate_movable_page(obj->page, 0));
	EXPECT_EQ(0, atomic_read(&drv->isolate_calls));
	EXPECT_EQ(1, page_count(obj->page));
	EXPECT_TRUE(PageLocked(obj->page));
	unlock_page(obj->page);
}

/* ==== 7. MIGRATE_ASYNC: a driver may refuse, the rest goes on ==== */

TEST_F(umm, movable_async_migration_may_be_refused)
{
	struct page *old[16];
	struct targets t = { 0 };
	LIST_HEAD(list);
	int i;

	for (i = 0; i < 16; i++) {
		struct tobj *obj = tdrv_add();

		ASSERT_NE(NULL, obj);
		obj->refuse_async = i & 1;
		old[i] = obj->page;
		ASSERT_TRUE(isolate_obj(obj, &list, ISOLATE_ASYNC_MIGRATE));
	}
	EXPECT_EQ(ISOLATE_ASYNC_MIGRATE, drv->last_isolate_mode);
	EXPECT_EQ(8, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_ASYNC,
				   MR_COMPACTION));
	EXPECT_EQ(MIGRATE_ASYNC, drv->last_migrate_mode);
	EXPECT_EQ(8, atomic_read(&drv->migrated));
	putback_movable_pages(&list);
	EXPECT_EQ(8, atomic_read(&drv->putback_calls));
	for (i = 0; i < 16; i++) {
		struct tobj *obj = &drv->objs[i];

		if (obj->refuse_async) {
			EXPECT_EQ(old[i], obj->page);
		} else {
			EXPECT_NE(old[i], obj->page);
		}
		EXPECT_FALSE(PageIsolated(obj->page));
		EXPECT_EQ(1, page_count(obj->page));
		EXPECT_TRUE(tdrv_check(obj->page, obj->id));
	}

	/* The same pages move in a sync mode. */
	for (i = 0; i < 16; i++)
		ASSERT_TRUE(isolate_obj(&drv->objs[i], &list, 0));
	EXPECT_EQ(0, migrate_pages(&list, alloc_target, NULL,
				   (unsigned long)&t, MIGRATE_SYNC_LIGHT,
				   MR_COMPACTION));
	EXPECT_EQ(24, atomic_read(&drv->migrated));
}

/*
 * Async direct compaction for an order-9 block, with memory full of the
 * driver's pages, half of them released, and the driver refusing async
 * migration of its pages in the lowest quarter of the zone, where the
 * migrate scanner starts.  Compaction gets past the refusals: pages of
 * the blocks above migrate, and it runs to its end.
 */
TEST_F(umm, movable_async_compaction_goes_on_past_refusals)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct alloc_context ac = {
		.high_zoneidx = ZONE_NORMAL,
		.migratetype = MIGRATE_MOVABLE,
		.classzone_idx = ZONE_NORMAL,
	};
	unsigned long limit = zone->zone_start_pfn + zone->spanned_pages / 4;
	unsigned long before9, after9;
	enum compact_result ret;
	struct page **where;
	int i, n, refusing = 0, moved = 0, stayed = 0;

	/* All of memory, so that no free pageblock is left. */
	while (zone_page_state(zone, NR_FREE_PAGES) >
	       high_wmark_pages(zone) + 64 && tdrv_add())
		;
	n = drv->nr;
	for (i = 0; i < n; i += 2)
		tdrv_release(&drv->objs[i]);
	where = calloc(drv->max, sizeof(*where));
	for (i = 1; i < n; i += 2) {
		struct tobj *obj = &drv->objs[i];

		where[i] = obj->page;
		obj->refuse_async = page_to_pfn(obj->page) < limit;
		refusing += obj->refuse_async;
	}
	before9 = free_order9_units();
	printf("# %d pages, %d refusing async migration, %lu order-9 units free\n",
	       n / 2, refusing, before9);
	ASSERT_GT(refusing, 0);
	ASSERT_LT(refusing, n / 2);

	ret = try_to_compact_pages(GFP_HIGHUSER_MOVABLE, pageblock_order,
				   ALLOC_WMARK_LOW, &ac, COMPACT_PRIO_ASYNC);
	after9 = free_order9_units();
	for (i = 1; i < n; i += 2) {
		struct tobj *obj = &drv->objs[i];

		if (obj->page == where[i])
			stayed++;
		else
			moved++;
		if (obj->refuse_async) {
			EXPECT_EQ(where[i], obj->page);
		}
		EXPECT_FALSE(PageIsolated(obj->page));
		EXPECT_EQ(1, page_count(obj->page));
		EXPECT_TRUE(tdrv_check(obj->page, obj->id));
	}
	printf("# compaction: result %d, %d moved, %d stayed, %d putbacks, order-9 units %lu -> %lu\n",
	       ret, moved, stayed, atomic_read(&drv->putback_calls), before9,
	       after9);
	EXPECT_EQ(MIGRATE_ASYNC, drv->last_migrate_mode);
	EXPECT_TRUE(drv->last_isolate_mode & (__force int)ISOLATE_ASYNC_MIGRATE);
	/* Some refused (and went back to the driver), others moved. */
	EXPECT_GT(atomic_read(&drv->putback_calls), 0);
	EXPECT_GT(moved, 0);
	EXPECT_EQ(moved, atomic_read(&drv->migrated));
	/*
	 * It ran to its end (no abort on the refusals).  Whether an order-9
	 * block comes out is not the point: async direct compaction leaves
	 * a pageblock at its first failure (skip_on_failure), even one on a
	 * page its own migrations just freed.
	 */
	EXPECT_TRUE(ret == COMPACT_COMPLETE || ret == COMPACT_PARTIAL_SKIPPED ||
		    ret == COMPACT_SUCCESS);
	free(where);
}

/* ==== 10. the trace ==== */

/* Each reason isolate_movable_page() can fail for, provoked one by one. */
TEST_F(umm, movable_trace_isolate_reasons)
{
	struct tobj *a = tdrv_add(), *b = tdrv_add(), *c = tdrv_add();
	struct page *plain = alloc_page(GFP_HIGHUSER_MOVABLE), *pa;
	LIST_HEAD(list);

	ASSERT_NE(NULL, a);
	ASSERT_NE(NULL, b);
	ASSERT_NE(NULL, c);
	ASSERT_NE(NULL, plain);
	trace_start(TRACING "events/migrate/mm_isolate_movable_page/enable");

	/* isolated, then already_isolated */
	pa = a->page;
	ASSERT_TRUE(isolate_obj(a, &list, 0));
	EXPECT_FALSE(isolate_movable_page(pa, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(pa), "isolated"));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(pa), "already_isolated"));

	/* released: the driver let go while isolated, the VM still holds it */
	tdrv_release(a);
	EXPECT_FALSE(isolate_movable_page(pa, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(pa), "released"));
	putback_movable_pages(&list);

	/* freed: the reference count was 0 (pa is free now) */
	EXPECT_EQ(0, page_count(pa));
	EXPECT_FALSE(isolate_movable_page(pa, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(pa), "freed"));
	EXPECT_EQ(0, page_count(pa));

	/* locked: somebody holds the page lock */
	lock_page(b->page);
	EXPECT_FALSE(isolate_movable_page(b->page, 0));
	unlock_page(b->page);
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(b->page), "locked"));

	/* refused: the driver said no */
	drv->refuse_isolate = true;
	EXPECT_FALSE(isolate_movable_page(c->page, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(c->page), "refused"));

	/* not_movable: no tag (any more) */
	EXPECT_FALSE(isolate_movable_page(plain, 0));
	EXPECT_EQ(1, trace_isolate_count(page_to_pfn(plain), "not_movable"));
	put_page(plain);

	EXPECT_EQ(7, trace_count("mm_isolate_movable_page: "));
}

/*
 * compact_memory moves the driver's pages: mm_migrate_pages lines with
 * reason=compaction whose nr_succeeded add up to pgmigrate_success and
 * to the driver's count, and one "isolated" line per isolation.
 */
TEST_F(umm, movable_trace_compaction_migrations)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
	unsigned long succeeded = 0, failed = 0;
	char *trace, *p;
	int i, n, lines = 0;

	for (n = 0; n < 2048 && tdrv_add(); n++)
		;
	ASSERT_EQ(2048, n);
	for (i = 0; i < n; i += 2)
		tdrv_release(&drv->objs[i]);
	trace_start(TRACING "events/migrate/enable");
	ASSERT_EQ(0, compact_memory());

	trace = read_file(TRACING "trace");
	ASSERT_NE(NULL, trace);
	for (p = trace; (p = strstr(p, "mm_migrate_pages: ")); p++) {
		unsigned long s, f;
		char mode[32], reason[32];

		ASSERT_EQ(4, sscanf(p, "mm_migrate_pages: nr_succeeded=%lu nr_failed=%lu mode=%31s reason=%31s",
				    &s, &f, mode, reason));
		EXPECT_STREQ("MIGRATE_SYNC", mode);
		EXPECT_STREQ("compaction", reason);
		succeeded += s;
		failed += f;
		lines++;
	}
	free(trace);
	printf("# %d mm_migrate_pages lines: %lu succeeded, %lu failed\n",
	       lines, succeeded, failed);
	EXPECT_GT(succeeded, 0);
	EXPECT_EQ(sum_vm_event(PGMIGRATE_FAIL) - fail, failed);
	EXPECT_EQ(sum_vm_event(PGMIGRATE_SUCCESS) - success, succeeded);
	EXPECT_EQ(atomic_read(&drv->migrated), succeeded);
	EXPECT_EQ(atomic_read(&drv->isolate_calls),
		  trace_count("result=isolated"));
	/* Each isolated page was migrated, or (if targets ran out) put back. */
	EXPECT_EQ(atomic_read(&drv->migrated) +
		  atomic_read(&drv->putback_calls),
		  trace_count("result=isolated"));
	for (i = 1; i < n; i += 2)
		EXPECT_TRUE(tdrv_check(drv->objs[i].page, drv->objs[i].id));
}

/* ==== 8. the sample driver: compaction with and without the series ==== */

FIXTURE(sample) {
	unsigned long free_at_boot;
	bool movable;
};

FIXTURE_VARIANT(sample) {
	const char *params;
	bool movable;
};

FIXTURE_VARIANT_ADD(sample, movable) {
	.params = "mem=128M",
	.movable = true,
};

FIXTURE_VARIANT_ADD(sample, unmovable) {
	.params = "mem=128M movable_sample.movable=0",
	.movable = false,
};

FIXTURE_SETUP(sample)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	self->free_at_boot = umm_free_pages();
}

FIXTURE_TEARDOWN(sample)
{
	/* The driver gives everything back. */
	EXPECT_EQ(0, write_file(SAMPLE "pages", "0\n"));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "isolated"));
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

/*
 * The driver's pages in every pageblock, half of them released at random:
 * no free order-9 block anywhere.  compact_memory makes many when the
 * pages are movable, none when they are not.
 */
TEST_F(sample, movable_sample_compaction_makes_order9_blocks)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	unsigned long free_pages = umm_free_pages();
	unsigned long before, after, held;
	char num[32];

	EXPECT_EQ(variant->movable, file_value(SAMPLE "movable", NULL));
	/* Most of memory, leaving room for the driver's records. */
	held = free_pages - free_pages / 32;
	snprintf(num, sizeof(num), "%lu\n", held);
	ASSERT_EQ(0, write_file(SAMPLE "pages", num));
	snprintf(num, sizeof(num), "%lu\n", held / 2);
	ASSERT_EQ(0, write_file(SAMPLE "release", num));
	EXPECT_EQ(held - held / 2, file_value(SAMPLE "pages", NULL));
	before = free_order9_units();

	ASSERT_EQ(0, compact_memory());
	after = free_order9_units();
	printf("# %lu pages held, order-9 units free: %lu before, %lu after; %lu migrated\n",
	       held - held / 2, before, after,
	       sum_vm_event(PGMIGRATE_SUCCESS) - success);
	if (variant->movable) {
		EXPECT_GE(after, before + 16);
		EXPECT_GT(sum_vm_event(PGMIGRATE_SUCCESS), success);
		EXPECT_GT(file_value(SAMPLE "stats", "migrated"), 0);
	} else {
		EXPECT_LE(after, before);
		EXPECT_EQ(success, sum_vm_event(PGMIGRATE_SUCCESS));
		EXPECT_EQ(0, file_value(SAMPLE "stats", "migrated"));
	}
	EXPECT_EQ(held - held / 2, file_value(SAMPLE "verify", "pages"));
	EXPECT_EQ(0, file_value(SAMPLE "verify", "mismatches"));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "isolated"));
}

/* ==== 11. bad input to the sample's knobs ==== */

struct bad_input {
	const char *knob;
	const char *text;
	int err;
};

TEST_F(sample, movable_sample_knobs_refuse_bad_values)
{
	static const struct bad_input bad[] = {
		{ "fail_isolate", "101\n", -EINVAL },
		{ "fail_isolate", "-1\n", -EINVAL },
		{ "fail_isolate", "abc\n", -EINVAL },
		{ "fail_isolate", "12abc\n", -EINVAL },
		{ "fail_isolate", "\n", -EINVAL },
		{ "fail_migrate", "101\n", -EINVAL },
		{ "fail_migrate", "1000000000000000000000\n", -ERANGE },
		{ "fail_migrate", "5 6\n", -EINVAL },
		{ "movable", "2\n", -EINVAL },
		{ "movable", "yes\n", -EINVAL },
		{ "pages", "abc\n", -EINVAL },
		{ "pages", "-5\n", -EINVAL },
		{ "release", "11\n", -EINVAL },
		{ "release", "x\n", -EINVAL },
	};
	int i;

	ASSERT_EQ(0, write_file(SAMPLE "pages", "10\n"));
	ASSERT_EQ(0, write_file(SAMPLE "fail_isolate", "7\n"));
	ASSERT_EQ(0, write_file(SAMPLE "fail_migrate", "0x10\n"));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		char path[128];
		long before, after;

		snprintf(path, sizeof(path), SAMPLE "%s", bad[i].knob);
		before = strcmp(bad[i].knob, "release") ?
			 file_value(path, NULL) : file_value(SAMPLE "pages", NULL);
		EXPECT_EQ(bad[i].err, write_file(path, bad[i].text)) {
			TH_LOG("%s <- '%.*s'", bad[i].knob,
			       (int)strlen(bad[i].text) - 1, bad[i].text);
		}
		after = strcmp(bad[i].knob, "release") ?
			file_value(path, NULL) : file_value(SAMPLE "pages", NULL);
		EXPECT_EQ(before, after) {
			TH_LOG("%s changed by '%.*s'", bad[i].knob,
			       (int)strlen(bad[i].text) - 1, bad[i].text);
		}
	}
	EXPECT_EQ(7, file_value(SAMPLE "fail_isolate", NULL));
	EXPECT_EQ(16, file_value(SAMPLE "fail_migrate", NULL));
	EXPECT_EQ(variant->movable, file_value(SAMPLE "movable", NULL));
	EXPECT_EQ(10, file_value(SAMPLE "pages", NULL));
	/* The limits themselves are fine. */
	EXPECT_EQ(0, write_file(SAMPLE "fail_isolate", "100\n"));
	EXPECT_EQ(0, write_file(SAMPLE "fail_isolate", "0\n"));
	EXPECT_EQ(0, write_file(SAMPLE "release", "10\n"));
	EXPECT_EQ(0, file_value(SAMPLE "pages", NULL));
	EXPECT_EQ(-EINVAL, write_file(SAMPLE "release", "1\n"));
	/* Read-only and write-only files refuse the other direction. */
	EXPECT_GT(0, write_file(SAMPLE "stats", "0\n"));
	EXPECT_GT(0, write_file(SAMPLE "verify", "0\n"));
	EXPECT_EQ(NULL, read_file(SAMPLE "release"));
	EXPECT_EQ(0, file_value(SAMPLE "verify", "mismatches"));
}

/*
 * More pages than memory: the driver grows as far as it can, says -ENOMEM
 * and gives back every page this write took, so a refused write leaves
 * it as it was (issue 12, F3; it used to keep them, and the machine was
 * left without memory to read a file).
 */
TEST_F(sample, movable_sample_growth_beyond_memory_is_enomem)
{
	unsigned long free_before;
	char num[32];

	EXPECT_EQ(0, write_file(SAMPLE "pages", "100\n"));
	free_before = umm_free_pages();
	snprintf(num, sizeof(num), "%lu\n", 2 * totalram_pages);
	EXPECT_EQ(-ENOMEM, write_file(SAMPLE "pages", num));
	EXPECT_EQ(100, file_value(SAMPLE "pages", NULL));
	EXPECT_EQ(100, file_value(SAMPLE "verify", "pages"));
	EXPECT_EQ(0, file_value(SAMPLE "verify", "mismatches"));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "isolated"));
	/* Per-cpu lists hold a few; the rest is back in the buddy lists. */
	drain_all_pages(NULL);
	EXPECT_LE(free_before, umm_free_pages() + 64);
}

/* The boot parameter takes a boolean only: anything else stops the boot. */
TEST(movable_sample_boot_parameter_must_be_boolean)
{
	EXPECT_EQ(-EINVAL, umm_boot("mem=64M movable_sample.movable=2"));
}

UMM_TEST_MAIN
