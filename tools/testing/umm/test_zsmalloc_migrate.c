// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_zsmalloc_migrate.c - zsmalloc's page migration
 *
 * isolate_movable_page() and migrate_pages() to a target of the test's
 * own, for the first, middle and last page of 2-, 3- and 4-page zspages,
 * for a page whose zspage empties while it is isolated, and for
 * migrations that fail (no target, a pinned object) or have to wait (an
 * object mapped on another thread).  NR_ZSPAGES of each zone follows a
 * page that migrates from ZONE_MOVABLE to ZONE_NORMAL: that test keeps a
 * bug that mm/zsmalloc.c once had (the count stayed with the old zone)
 * from coming back.
 */
#include "zsmalloc_test.h"

ZS_MIG_FIXTURE

/* FIXTURE(zones): migration from ZONE_MOVABLE to ZONE_NORMAL. */
FIXTURE(zones) {
	unsigned long free_at_boot;
};

FIXTURE_VARIANT(zones) {
	const char *params;
};

FIXTURE_VARIANT_ADD(zones, mem64m_movablecore) {
	.params = "mem=64M movablecore=24M",
};

ZS_FIXTURE(zones)

/* ---- migration of each page of a zspage -------------------------------- */

/* The first class of @ppz pages with an object across every boundary. */
static const struct zclass *class_spanning_all(int ppz)
{
	int k, b;

	for (k = 0; k < nr_zdistinct; k++) {
		const struct zclass *c = zdistinct[k];

		if (c->ppz != ppz || c->opz == 1)
			continue;
		for (b = 1; b < ppz; b++)
			if (first_obj_offset(c, b) == 0)
				break;
		if (b == ppz)
			return c;
	}
	return NULL;
}

/* Does object @idx lie, wholly or in part, in page @p of its zspage? */
static bool touches_page(const struct zclass *c, unsigned int idx, int p)
{
	unsigned long start = (unsigned long)idx * c->size;
	unsigned long end = start + c->size - 1;

	return (int)(start >> PAGE_SHIFT) == p || (int)(end >> PAGE_SHIFT) == p;
}

/*
 * One full zspage of class @c but for two objects freed (one across a
 * page boundary when there is one); each of its pages in turn, first to
 * last, isolated and migrated to a page of our own: that page takes the
 * old one's place in the chain with the same fields, the old page is
 * freed, every handle keeps its index and follows its page, every object
 * reads back (those across the moved page's edges included) and can be
 * rewritten, and the free objects are still free where they were.
 */
static void migrate_every_page(struct __test_metadata *_metadata,
			       const struct zclass *c)
{
	struct zs_pool *pool = zs_create_pool("each_page");
	struct tobj *o = calloc(c->opz + 2, sizeof(*o));
	struct page *pages[ZS_MAX_PAGES], *now[ZS_MAX_PAGES];
	unsigned int freed[2] = { 0, 0 }, nr_freed = 0, i, got[2];
	struct zspage *zs;
	int p, q;

	ASSERT_NE(NULL, pool);
	printf("# class %d: size %d, %d pages, %d objects\n", c->index,
	       c->size, c->ppz, c->opz);
	for (i = 0; i < c->opz; i++) {
		size_t size = class_min_req(c) + i % (class_max_req(c) -
						      class_min_req(c) + 1);

		ASSERT_NE(0, zmalloc(pool, &o[i], size, i, ZS_GFP));
	}
	zs = handle_zspage(o[0].handle);
	ASSERT_NE(NULL, zs);
	for (i = 0; i < c->opz; i++) {
		ASSERT_EQ(zs, handle_zspage(o[i].handle));
		ASSERT_EQ(i, obj_index(handle_word(o[i].handle)));
	}
	ASSERT_EQ(c->ppz, zspage_pages(zs, pages));
	EXPECT_EQ(ZS_FULL, ZS_FIELD(zs->flags, FULLNESS));
	if (c->opz >= 4) {
		freed[nr_freed++] = 1;
		for (i = 2; i < c->opz - 1 && !obj_spans(c, i); i++)
			;
		freed[nr_freed++] = i;
		for (i = 0; i < nr_freed; i++) {
			zs_free(pool, o[freed[i]].handle);
			o[freed[i]].handle = 0;
		}
	}

	for (p = 0; p < c->ppz; p++) {
		struct page *old = pages[p], *new;
		unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
		struct targets t = { .gfp = GFP_HIGHUSER_MOVABLE };
		LIST_HEAD(leftover);

		ASSERT_TRUE(isolate_movable_page(old, 0));
		EXPECT_TRUE(PageIsolated(old));
		EXPECT_EQ(1, ZS_FIELD(zs->flags, ISOLATED));
		list_add(&old->lru, &leftover);
		EXPECT_EQ(0, migrate_pages(&leftover, target_alloc, target_free,
					   (unsigned long)&t, MIGRATE_SYNC,
					   MR_COMPACTION));
		ASSERT_TRUE(list_empty(&leftover));
		EXPECT_EQ(1, sum_vm_event(PGMIGRATE_SUCCESS) - success);
		EXPECT_EQ(1, t.allocated);
		EXPECT_EQ(0, t.released);
		new = t.last;

		/* The new page in the old one's place, nothing else moved. */
		ASSERT_EQ(c->ppz, zspage_pages(zs, now));
		for (q = 0; q < c->ppz; q++) {
			EXPECT_EQ(q == p ? new : pages[q], now[q]);
		}
		EXPECT_EQ(0, ZS_FIELD(zs->flags, ISOLATED));
		EXPECT_EQ(0, page_count(old));
		EXPECT_FALSE(PagePrivate(old));
		EXPECT_EQ(0, check_zspage(pool, zs, c));
		pages[p] = new;

		for (i = 0; i < c->opz; i++) {
			unsigned long word;

			if (!o[i].handle)
				continue;
			word = handle_word(o[i].handle);
			EXPECT_EQ(i, obj_index(word));
			EXPECT_EQ(pages[(unsigned long)i * c->size >> PAGE_SHIFT],
				  obj_page(word));
			EXPECT_TRUE(zcheck(pool, &o[i], ZS_MM_RO));
			/* Those in the moved page are written there again. */
			if (touches_page(c, i, p)) {
				EXPECT_TRUE(zcheck(pool, &o[i], ZS_MM_RW));
			}
		}
		if (c->ppz > 1) {
			EXPECT_EQ(0, bad_objects(pool, o, c->opz, ZS_MM_RO));
		}
	}

	/* The free objects were carried along: new ones go there. */
	for (i = 0; i < nr_freed; i++) {
		ASSERT_NE(0, zmalloc(pool, &o[c->opz + i], class_max_req(c),
				     1000 + i, ZS_GFP));
		EXPECT_EQ(zs, handle_zspage(o[c->opz + i].handle));
		got[i] = obj_index(handle_word(o[c->opz + i].handle));
	}
	if (nr_freed == 2) {
		EXPECT_TRUE((got[0] == freed[0] && got[1] == freed[1]) ||
			    (got[0] == freed[1] && got[1] == freed[0]));
	}
	EXPECT_EQ(c->ppz, zs_get_total_pages(pool));
	EXPECT_EQ(ZS_FULL, ZS_FIELD(zs->flags, FULLNESS));
	EXPECT_EQ(0, bad_objects(pool, o, c->opz + nr_freed, ZS_MM_RO));
	free_all(pool, o, c->opz + nr_freed);
	EXPECT_EQ(0, zs_get_total_pages(pool));
	EXPECT_EQ(0, nr_zspages());
	zs_destroy_pool(pool);
	free(o);
}

TEST_F(mig, zsmalloc_migrate_each_page_of_a_2_page_zspage)
{
	model_classes();
	ASSERT_NE(NULL, class_spanning_all(2));
	migrate_every_page(_metadata, class_spanning_all(2));
}

TEST_F(mig, zsmalloc_migrate_each_page_of_a_3_page_zspage)
{
	model_classes();
	ASSERT_NE(NULL, class_spanning_all(3));
	migrate_every_page(_metadata, class_spanning_all(3));
}

TEST_F(mig, zsmalloc_migrate_each_page_of_a_4_page_zspage)
{
	model_classes();
	ASSERT_NE(NULL, class_spanning_all(4));
	migrate_every_page(_metadata, class_spanning_all(4));
}

/* One page, many small objects; and one page, one huge object. */
TEST_F(mig, zsmalloc_migrate_a_1_page_zspage_and_a_huge_one)
{
	model_classes();
	migrate_every_page(_metadata, class_of(ZS_MIN_SIZE - ZS_HDR));
	migrate_every_page(_metadata, class_of(PAGE_SIZE));
}

/* ---- a zspage that empties while one of its pages is isolated ---------- */

enum after_isolation { MIGRATE_IT, PUT_IT_BACK };

/*
 * Fill one zspage of a 3-page class, isolate page @p, free every object.
 * The zspage cannot go while the VM holds its page: it stays counted,
 * and a new object goes to a new zspage.  Once the page is migrated or
 * put back, free_work frees the zspage: nothing left, nothing leaked
 * (the fixture counts free pages).
 */
static void empty_while_isolated(struct __test_metadata *_metadata, int p,
				 enum after_isolation how)
{
	const struct zclass *c;
	struct zs_pool *pool = zs_create_pool("emptied");
	struct page *pages[ZS_MAX_PAGES];
	struct targets t = { .gfp = GFP_HIGHUSER_MOVABLE };
	struct zspage *zs;
	struct tobj *o, extra;
	LIST_HEAD(list);
	unsigned int i;

	model_classes();
	c = class_spanning_all(3);
	ASSERT_NE(NULL, c);
	ASSERT_NE(NULL, pool);
	o = calloc(c->opz, sizeof(*o));
	for (i = 0; i < c->opz; i++) {
		ASSERT_NE(0, zmalloc(pool, &o[i], class_max_req(c), i, ZS_GFP));
	}
	zs = handle_zspage(o[0].handle);
	ASSERT_EQ(3, zspage_pages(zs, pages));

	ASSERT_TRUE(isolate_movable_page(pages[p], 0));
	list_add(&pages[p]->lru, &list);
	free_all(pool, o, c->opz);
	EXPECT_EQ(0, zs->inuse);
	EXPECT_EQ(3, zs_get_total_pages(pool));
	EXPECT_EQ(3, nr_zspages());
	flush_scheduled_work();
	EXPECT_EQ(3, zs_get_total_pages(pool));
	EXPECT_TRUE(PageIsolated(pages[p]));

	/* The emptied zspage is not offered to new objects. */
	ASSERT_NE(0, zmalloc(pool, &extra, class_max_req(c), 77, ZS_GFP));
	EXPECT_NE(zs, handle_zspage(extra.handle));
	EXPECT_EQ(6, zs_get_total_pages(pool));
	zs_free(pool, extra.handle);
	EXPECT_EQ(3, zs_get_total_pages(pool));

	if (how == MIGRATE_IT) {
		EXPECT_EQ(0, migrate_pages(&list, target_alloc, target_free,
					   (unsigned long)&t, MIGRATE_SYNC,
					   MR_COMPACTION));
		EXPECT_TRUE(list_empty(&list));
	} else {
		putback_movable_pages(&list);
	}
	flush_scheduled_work();
	EXPECT_EQ(0, zs_get_total_pages(pool));
	EXPECT_EQ(0, nr_zspages());
	for (i = 0; i < 3; i++) {
		EXPECT_EQ(0, page_count(pages[i]));
	}
	if (t.last) {
		EXPECT_EQ(0, page_count(t.last));
	}
	zs_destroy_pool(pool);
	free(o);
}

TEST_F(mig, zsmalloc_zspage_emptied_while_isolated_is_freed_after_migration)
{
	empty_while_isolated(_metadata, 0, MIGRATE_IT);
	empty_while_isolated(_metadata, 1, MIGRATE_IT);
	empty_while_isolated(_metadata, 2, MIGRATE_IT);
}

TEST_F(mig, zsmalloc_zspage_emptied_while_isolated_is_freed_after_putback)
{
	empty_while_isolated(_metadata, 0, PUT_IT_BACK);
	empty_while_isolated(_metadata, 2, PUT_IT_BACK);
}

/*
 * Two pages of one zspage isolated, the zspage emptied: migrating one of
 * them is not enough, the zspage goes when the second comes back.
 */
TEST_F(mig, zsmalloc_zspage_with_two_isolated_pages_goes_when_both_are_back)
{
	const struct zclass *c;
	struct zs_pool *pool = zs_create_pool("two");
	struct targets t = { .gfp = GFP_HIGHUSER_MOVABLE };
	struct page *pages[ZS_MAX_PAGES];
	LIST_HEAD(first);
	LIST_HEAD(last);
	struct zspage *zs;
	struct tobj *o;
	unsigned int i;

	model_classes();
	c = class_spanning_all(4);
	ASSERT_NE(NULL, c);
	ASSERT_NE(NULL, pool);
	o = calloc(c->opz, sizeof(*o));
	for (i = 0; i < c->opz; i++) {
		ASSERT_NE(0, zmalloc(pool, &o[i], class_max_req(c), i, ZS_GFP));
	}
	zs = handle_zspage(o[0].handle);
	ASSERT_EQ(4, zspage_pages(zs, pages));
	ASSERT_TRUE(isolate_movable_page(pages[0], 0));
	list_add(&pages[0]->lru, &first);
	ASSERT_TRUE(isolate_movable_page(pages[3], 0));
	list_add(&pages[3]->lru, &last);
	EXPECT_EQ(2, ZS_FIELD(zs->flags, ISOLATED));
	/* A third page of an isolated zspage can be isolated too. */
	EXPECT_TRUE(isolate_movable_page(pages[1], 0));
	list_add(&pages[1]->lru, &first);
	free_all(pool, o, c->opz);

	EXPECT_EQ(0, migrate_pages(&first, target_alloc, target_free,
				   (unsigned long)&t, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_EQ(2, t.allocated);
	flush_scheduled_work();
	EXPECT_EQ(4, zs_get_total_pages(pool));
	EXPECT_EQ(1, ZS_FIELD(zs->flags, ISOLATED));
	putback_movable_pages(&last);
	flush_scheduled_work();
	EXPECT_EQ(0, zs_get_total_pages(pool));
	EXPECT_EQ(0, nr_zspages());
	zs_destroy_pool(pool);
	free(o);
}

/* ---- migrations that fail, and one that must wait ---------------------- */

/* A zspage of class @c with every object but the last; its pages. */
static struct zspage *almost_full_zspage(struct __test_metadata *_metadata,
					      struct zs_pool *pool,
					      const struct zclass *c,
					      struct tobj *o,
					      struct page **pages)
{
	struct zspage *zs;
	unsigned int i;

	for (i = 0; i + 1 < c->opz; i++)
		if (!zmalloc(pool, &o[i], class_max_req(c), i, ZS_GFP))
			return NULL;
	zs = handle_zspage(o[0].handle);
	if (zspage_pages(zs, pages) != c->ppz)
		return NULL;
	return zs;
}

/*
 * No target page: migrate_pages() gives up with -ENOMEM and leaves the
 * page on the list.  While the page is out, the zspage takes no new
 * object; once put back it does (it has one free), and nothing moved.
 */
TEST_F(mig, zsmalloc_no_target_then_putback_returns_the_zspage)
{
	const struct zclass *c;
	struct zs_pool *pool = zs_create_pool("no_target");
	struct targets t = { .fail = true };
	struct page *pages[ZS_MAX_PAGES];
	struct zspage *zs;
	unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
	struct tobj *o;
	LIST_HEAD(list);

	model_classes();
	c = class_spanning_all(2);
	ASSERT_NE(NULL, pool);
	o = calloc(c->opz + 2, sizeof(*o));
	zs = almost_full_zspage(_metadata, pool, c, o, pages);
	ASSERT_NE(NULL, zs);

	EXPECT_EQ(-ENOMEM, migrate_one(pages[1], &t, &list));
	EXPECT_EQ(1, sum_vm_event(PGMIGRATE_FAIL) - fail);
	ASSERT_FALSE(list_empty(&list));
	EXPECT_TRUE(PageIsolated(pages[1]));

	ASSERT_NE(0, zmalloc(pool, &o[c->opz], class_max_req(c), 500, ZS_GFP));
	EXPECT_NE(zs, handle_zspage(o[c->opz].handle));

	putback_movable_pages(&list);
	EXPECT_FALSE(PageIsolated(pages[1]));
	EXPECT_EQ(0, ZS_FIELD(zs->flags, ISOLATED));
	EXPECT_EQ(0, check_zspage(pool, zs, c));
	/* The fuller of the two zspages gets the next object. */
	ASSERT_NE(0, zmalloc(pool, &o[c->opz + 1], class_max_req(c), 501,
			     ZS_GFP));
	EXPECT_EQ(zs, handle_zspage(o[c->opz + 1].handle));
	EXPECT_EQ(c->opz - 1, obj_index(handle_word(o[c->opz + 1].handle)));
	EXPECT_EQ(0, bad_objects(pool, o, c->opz + 2, ZS_MM_RO));
	EXPECT_EQ(2 * c->ppz, zs_get_total_pages(pool));
	free_all(pool, o, c->opz + 2);
	EXPECT_EQ(0, zs_get_total_pages(pool));
	zs_destroy_pool(pool);
	free(o);
}

/*
 * An object whose header is in the page is pinned by someone (a mapper
 * between zs_map_object()'s pin and its migrate lock, or a freer): the
 * migrate callback says -EAGAIN every time, migrate_pages() retries ten
 * times with a fresh target each and leaves the page on the list.
 * Putback returns it; once unpinned, the page migrates.
 */
TEST_F(mig, zsmalloc_pinned_object_fails_migration_then_putback_and_retry)
{
	const struct zclass *c;
	struct zs_pool *pool = zs_create_pool("pinned");
	struct targets t = { .gfp = GFP_HIGHUSER_MOVABLE };
	struct page *pages[ZS_MAX_PAGES];
	unsigned long fail, success, word;
	struct zspage *zs;
	struct tobj *o, *victim = NULL;
	LIST_HEAD(list);
	unsigned int i;

	model_classes();
	c = class_spanning_all(2);
	ASSERT_NE(NULL, pool);
	o = calloc(c->opz + 1, sizeof(*o));
	zs = almost_full_zspage(_metadata, pool, c, o, pages);
	ASSERT_NE(NULL, zs);
	/* An object that starts in page 1. */
	for (i = 0; i + 1 < c->opz && !victim; i++)
		if ((unsigned long)i * c->size >> PAGE_SHIFT == 1)
			victim = &o[i];
	ASSERT_NE(NULL, victim);
	word = handle_word(victim->handle);

	/*
	 * The pin bit alone, as a user on another CPU holds it: this task
	 * goes on to migrate, which may sleep (bit_spin_lock() would make
	 * that sleeping in atomic context).
	 */
	ASSERT_FALSE(test_and_set_bit_lock(0, (unsigned long *)victim->handle));
	fail = sum_vm_event(PGMIGRATE_FAIL);
	success = sum_vm_event(PGMIGRATE_SUCCESS);
	EXPECT_EQ(1, migrate_one(pages[1], &t, &list));
	EXPECT_EQ(1, sum_vm_event(PGMIGRATE_FAIL) - fail);
	EXPECT_EQ(0, sum_vm_event(PGMIGRATE_SUCCESS) - success);
	EXPECT_EQ(10, t.allocated);
	EXPECT_EQ(10, t.released);
	ASSERT_FALSE(list_empty(&list));
	putback_movable_pages(&list);
	clear_bit_unlock(0, (unsigned long *)victim->handle);

	EXPECT_EQ(word, handle_word(victim->handle));
	EXPECT_EQ(0, check_zspage(pool, zs, c));
	EXPECT_EQ(0, bad_objects(pool, o, c->opz - 1, ZS_MM_RO));
	/* Back on its list: it takes the next object. */
	ASSERT_NE(0, zmalloc(pool, &o[c->opz - 1], class_max_req(c), 900,
			     ZS_GFP));
	EXPECT_EQ(zs, handle_zspage(o[c->opz - 1].handle));
	EXPECT_EQ(c->ppz, zs_get_total_pages(pool));

	/* Unpinned, it moves. */
	t = (struct targets){ .gfp = GFP_HIGHUSER_MOVABLE };
	EXPECT_EQ(0, migrate_one(pages[1], &t, &list));
	EXPECT_TRUE(list_empty(&list));
	EXPECT_EQ(make_obj(t.last, obj_index(word)),
		  handle_word(victim->handle));
	EXPECT_EQ(0, bad_objects(pool, o, c->opz, ZS_MM_RO));
	free_all(pool, o, c->opz);
	zs_destroy_pool(pool);
	free(o);
}

/*
 * A mapper holds an object that lies across the page being migrated (its
 * header in the page before, or in this page), and rewrites it slowly.
 * Migration must wait for the unmap and carry the new contents: a copy
 * made under the mapper would lose its write.  (A mapper does not make
 * the migrate callback fail: it holds the migrate lock for reading, which
 * the callback waits for.  Only the short window between unlock and
 * unpin in zs_unmap_object() can give -EAGAIN.)
 */
struct wait_ctx {
	struct zs_pool *pool;
	struct tobj *obj;
	struct page *page;
	struct targets t;
	atomic_t mapped;
	atomic_t unmapping;
	int rc;
	int unmapped_first;
};

static int wait_fn(void *arg, int idx)
{
	struct wait_ctx *w = arg;

	if (idx == 0) {
		void *p = zs_map_object(w->pool, w->obj->handle, ZS_MM_RW);

		atomic_set(&w->mapped, 1);
		usleep(100 * 1000);
		w->obj->tag++;
		fill(p, w->obj->size, w->obj->tag);
		atomic_set(&w->unmapping, 1);
		zs_unmap_object(w->pool, w->obj->handle);
	} else {
		LIST_HEAD(list);

		while (!atomic_read(&w->mapped))
			usleep(1000);
		w->rc = migrate_one(w->page, &w->t, &list);
		w->unmapped_first = atomic_read(&w->unmapping);
		if (!list_empty(&list))
			putback_movable_pages(&list);
	}
	return 0;
}

TEST_F_TIMEOUT(mig, zsmalloc_migration_waits_for_a_mapper_across_the_page,
	       UMM_TIMEOUT(60))
{
	const struct zclass *c;
	struct zs_pool *pool = zs_create_pool("wait");
	struct page *pages[ZS_MAX_PAGES];
	struct zspage *zs;
	LIST_HEAD(leftover);
	struct tobj *o;
	unsigned int i;
	int head_page;

	model_classes();
	c = class_spanning_all(3);
	ASSERT_NE(NULL, pool);
	o = calloc(c->opz, sizeof(*o));
	for (i = 0; i < c->opz; i++) {
		ASSERT_NE(0, zmalloc(pool, &o[i], class_max_req(c), i, ZS_GFP));
	}
	zs = handle_zspage(o[0].handle);
	ASSERT_EQ(3, zspage_pages(zs, pages));

	/* The object across 0|1 while page 1 moves, then across 1|2. */
	for (head_page = 0; head_page < 2; head_page++) {
		struct wait_ctx w = { .pool = pool,
				      .t = { .gfp = GFP_HIGHUSER_MOVABLE } };

		for (i = 0; i < c->opz; i++)
			if (obj_spans(c, i) &&
			    (int)((unsigned long)i * c->size >> PAGE_SHIFT) ==
			    head_page)
				break;
		ASSERT_LT(i, c->opz);
		w.obj = &o[i];
		w.page = pages[1];
		ASSERT_EQ(0, umm_run_threads(2, wait_fn, &w));
		EXPECT_TRUE(w.unmapped_first);
		if (head_page == 1 && w.rc == 1) {
			/*
			 * zs_unmap_object() drops the migrate lock before the
			 * pin: in between, migration may find the object
			 * still pinned, ten times over.  Then the page was
			 * put back, unmoved; now it moves.
			 */
			printf("# migration gave up between unlock and unpin\n");
			ASSERT_EQ(3, zspage_pages(zs, pages));
			EXPECT_NE(w.t.last, pages[1]);
			EXPECT_EQ(0, bad_objects(pool, o, c->opz, ZS_MM_RO));
			w.t = (struct targets){ .gfp = GFP_HIGHUSER_MOVABLE };
			w.rc = migrate_one(pages[1], &w.t, &leftover);
			EXPECT_TRUE(list_empty(&leftover));
		}
		EXPECT_EQ(0, w.rc);
		ASSERT_EQ(3, zspage_pages(zs, pages));
		EXPECT_EQ(w.t.last, pages[1]);
		EXPECT_EQ(0, bad_objects(pool, o, c->opz, ZS_MM_RO));
	}
	free_all(pool, o, c->opz);
	zs_destroy_pool(pool);
	free(o);
}

/* ---- NR_ZSPAGES of each zone ------------------------------------------- */

/*
 * zram's zspages live in ZONE_MOVABLE when there is one.  Migrating one
 * of their pages to a ZONE_NORMAL page (as memory offlining does) moves
 * a page of NR_ZSPAGES from one zone to the other: /proc/zoneinfo's
 * nr_zspages of each zone must say where the pages are, during and
 * after.
 */
TEST_F(zones, zsmalloc_nr_zspages_per_zone_follow_a_page_across_zones)
{
	struct zone *normal = UMM_ZONE(ZONE_NORMAL);
	struct zone *movable = UMM_ZONE(ZONE_MOVABLE);
	struct targets t = { .gfp = GFP_KERNEL | __GFP_MOVABLE };
	struct zs_pool *pool = zs_create_pool("zones");
	struct page *pages[ZS_MAX_PAGES];
	const struct zclass *c;
	struct zspage *zs;
	LIST_HEAD(list);
	struct tobj *o;
	unsigned int i;
	int p;

	model_classes();
	ASSERT_TRUE(populated_zone(movable));
	c = class_spanning_all(4);
	ASSERT_NE(NULL, pool);
	o = calloc(c->opz, sizeof(*o));
	for (i = 0; i < c->opz; i++) {
		ASSERT_NE(0, zmalloc(pool, &o[i], class_max_req(c), i, ZS_GFP));
	}
	zs = handle_zspage(o[0].handle);
	ASSERT_EQ(4, zspage_pages(zs, pages));
	for (p = 0; p < 4; p++) {
		ASSERT_EQ(ZONE_MOVABLE, page_zonenum(pages[p]));
	}
	EXPECT_EQ(4, (long)zone_page_state(movable, NR_ZSPAGES));
	EXPECT_EQ(0, (long)zone_page_state(normal, NR_ZSPAGES));

	EXPECT_EQ(0, migrate_one(pages[2], &t, &list));
	ASSERT_TRUE(list_empty(&list));
	ASSERT_EQ(ZONE_NORMAL, page_zonenum(t.last));
	EXPECT_EQ(3, (long)zone_page_state(movable, NR_ZSPAGES));
	EXPECT_EQ(1, (long)zone_page_state(normal, NR_ZSPAGES));
	EXPECT_EQ(0, bad_objects(pool, o, c->opz, ZS_MM_RO));

	free_all(pool, o, c->opz);
	EXPECT_EQ(0, (long)zone_page_state(movable, NR_ZSPAGES));
	EXPECT_EQ(0, (long)zone_page_state(normal, NR_ZSPAGES));
	EXPECT_EQ(0, nr_zspages());
	zs_destroy_pool(pool);
	free(o);
}

UMM_TEST_MAIN
