// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_zsmalloc_stale.c - stale bytes are not objects
 *
 * The scans of a page for live objects (page migration, zs_compact())
 * must not take stale bytes in the tail of a zspage, or a header that an
 * earlier migration left in a freed page, for an object.  These tests
 * keep bugs that mm/zsmalloc.c once had from coming back (their comments
 * say what went wrong); the bugs are fixed and the tests pass.
 */
#include "zsmalloc_test.h"

ZS_MIG_FIXTURE

/* ---- what zsmalloc must not take for an object ------------------------- */

/*
 * The tail of a zspage, past its last object, is never written by
 * zsmalloc: it holds whatever the page's previous owner left.  The scans
 * of a page for live objects (page migration, zs_compact()) step through
 * the page in object-size strides to its end, and so also look at the
 * word where an object would start in that tail.  If the old contents
 * there have bit 0 set, the word passes for the header of an allocated
 * object, and zsmalloc pins and rewrites whatever it points to.
 *
 * Here the previous owner of the pages left, in every word, a pointer to
 * a word of ours, tagged as zsmalloc tags a header.  The pages are freed
 * and zsmalloc gets them back at once (the per-cpu free list is LIFO).
 */
static unsigned long ours __aligned(16);

/* Fill @n fresh pages with @word everywhere and free them, the last first. */
static void leave_pages(unsigned long word, int n, unsigned long *pfns)
{
	struct page *pages[16];
	unsigned long *w;
	int i;

	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(ZS_GFP);
		for (w = page_address(pages[i]);
		     w < (unsigned long *)(page_address(pages[i]) + PAGE_SIZE);
		     w++)
			*w = word;
	}
	for (i = n - 1; i >= 0; i--) {
		pfns[i] = page_to_pfn(pages[i]);
		__free_page(pages[i]);
	}
}

static bool left_page(struct page *page, unsigned long *pfns, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (pfns[i] == page_to_pfn(page))
			return true;
	return false;
}

/* A 2-page class with room after its last object. */
static const struct zclass *class_with_tail(void)
{
	int k;

	for (k = 0; k < nr_zdistinct; k++)
		if (zdistinct[k]->ppz == 2 &&
		    zdistinct[k]->opz * zdistinct[k]->size < 2 * PAGE_SIZE)
			return zdistinct[k];
	return NULL;
}

TEST_F(mig, zsmalloc_tail_garbage_is_not_an_object_to_migration)
{
	struct zs_pool *pool = zs_create_pool("tail");
	struct page *pages[ZS_MAX_PAGES], *last;
	struct targets t = { .gfp = GFP_HIGHUSER_MOVABLE };
	const struct zclass *c;
	struct zspage *zs;
	unsigned long pfns[2], word;
	LIST_HEAD(list);
	struct tobj *o;
	unsigned int i;

	model_classes();
	c = class_with_tail();
	ASSERT_NE(NULL, c);
	ASSERT_NE(NULL, pool);
	o = calloc(c->opz, sizeof(*o));
	leave_pages((unsigned long)&ours | 1, 2, pfns);
	for (i = 0; i < c->opz; i++)
		ASSERT_NE(0, zmalloc(pool, &o[i], class_max_req(c), i, ZS_GFP));
	zs = handle_zspage(o[0].handle);
	ASSERT_EQ(2, zspage_pages(zs, pages));
	last = pages[1];
	ASSERT_TRUE(left_page(last, pfns, 2));
	printf("# class size %d: %d objects, the last page's tail at %lu holds %#lx\n",
	       c->size, c->opz, c->opz * c->size - PAGE_SIZE,
	       *(unsigned long *)(page_address(last) +
				  c->opz * c->size - PAGE_SIZE));
	/* Our word looks like a handle of an object in that page. */
	ours = make_obj(last, 0);

	EXPECT_EQ(0, migrate_one(last, &t, &list));
	if (!list_empty(&list))
		putback_movable_pages(&list);
	word = ours;
	EXPECT_EQ(make_obj(last, 0), word);
	if (word != make_obj(last, 0))
		printf("# zsmalloc rewrote a word it does not own: %#lx -> %#lx\n",
		       make_obj(last, 0), word);
	EXPECT_EQ(0, bad_objects(pool, o, c->opz, ZS_MM_RO));
	free_all(pool, o, c->opz);
	zs_destroy_pool(pool);
	free(o);
}

/*
 * The same for zs_compact(): two sparse zspages on such pages, one
 * compacted into the other.  Nothing but the live objects may move.
 */
TEST_F(mig, zsmalloc_tail_garbage_is_not_an_object_to_zs_compact)
{
	struct zs_pool *pool = zs_create_pool("tail_compact");
	const struct zclass *c;
	unsigned long pfns[4];
	struct tobj *o;
	unsigned int i;

	model_classes();
	c = class_with_tail();
	ASSERT_NE(NULL, c);
	ASSERT_NE(NULL, pool);
	o = calloc(2 * c->opz, sizeof(*o));
	ours = 0;
	leave_pages((unsigned long)&ours | 1, 4, pfns);
	for (i = 0; i < 2 * c->opz; i++)
		ASSERT_NE(0, zmalloc(pool, &o[i], class_max_req(c), i, ZS_GFP));
	ASSERT_TRUE(left_page(handle_zspage(o[0].handle)->first_page, pfns, 4));
	ASSERT_TRUE(left_page(handle_zspage(o[c->opz].handle)->first_page,
			      pfns, 4));
	/* Keep two objects of the first zspage and three of the second. */
	for (i = 0; i < 2 * c->opz; i++) {
		if (i == 0 || i == c->opz - 1 || i == c->opz ||
		    i == c->opz + 1 || i == 2 * c->opz - 1)
			continue;
		zs_free(pool, o[i].handle);
		o[i].handle = 0;
	}
	EXPECT_EQ(4, zs_get_total_pages(pool));
	EXPECT_EQ(2, zs_compact(pool));
	EXPECT_EQ(0, ours);
	EXPECT_EQ(2, zs_get_total_pages(pool));
	EXPECT_EQ(5, classes_total_used("tail_compact"));
	EXPECT_EQ(0, bad_objects(pool, o, 2 * c->opz, ZS_MM_RO));
	free_all(pool, o, 2 * c->opz);
	EXPECT_EQ(0, zs_get_total_pages(pool));
	zs_destroy_pool(pool);
	free(o);
}

/*
 * The same with nothing but API calls.  Page migration frees the old
 * page with its contents: the headers of live objects, each a tagged
 * handle.  A zspage of a class whose tail falls on one of those headers
 * then reads a live object of another zspage as its own: migrating that
 * zspage's last page pins the stranger's handle and (CONFIG_DEBUG_VM)
 * hits VM_BUG_ON(), or else rewrites the stranger's handle.
 */
TEST_F(mig, zsmalloc_header_left_by_migration_is_not_an_object)
{
	struct targets t = { .gfp = ZS_GFP };
	struct zs_pool *pool = zs_create_pool("left");
	struct page *pa[ZS_MAX_PAGES], *pb[ZS_MAX_PAGES], *spare, *old;
	const struct zclass *a, *b;
	struct zspage *za, *zb;
	unsigned long tail, word;
	unsigned int i, stranger;
	LIST_HEAD(list);
	struct tobj *o;

	model_classes();
	a = class_of(48 - ZS_HDR);
	b = class_of(112 - ZS_HDR);
	o = calloc(a->opz + b->opz, sizeof(*o));
	ASSERT_NE(NULL, pool);
	/* Class 48's object 85 starts where class 112's tail does. */
	tail = (unsigned long)b->opz * b->size - (b->ppz - 1) * PAGE_SIZE;
	ASSERT_EQ(2, b->ppz);
	ASSERT_EQ(0, tail % a->size);
	stranger = tail / a->size;
	for (i = 0; i < a->opz; i++)
		ASSERT_NE(0, zmalloc(pool, &o[i], class_max_req(a), i, ZS_GFP));
	za = handle_zspage(o[0].handle);
	ASSERT_EQ(a->ppz, zspage_pages(za, pa));
	word = handle_word(o[stranger].handle);
	ASSERT_EQ(pa[0], obj_page(word));

	/* Page 0 moves; the old one, headers and all, is freed... */
	spare = alloc_page(ZS_GFP);
	ASSERT_NE(NULL, spare);
	old = pa[0];
	EXPECT_EQ(0, migrate_one(old, &t, &list));
	ASSERT_TRUE(list_empty(&list));
	__free_page(spare);

	/* ...and becomes the last page of a class-112 zspage. */
	for (i = 0; i < b->opz; i++)
		ASSERT_NE(0, zmalloc(pool, &o[a->opz + i], class_max_req(b),
				     a->opz + i, ZS_GFP));
	zb = handle_zspage(o[a->opz].handle);
	ASSERT_EQ(2, zspage_pages(zb, pb));
	printf("# old page %#lx is %s; its word at %lu: %#lx (object %u's header: %#lx)\n",
	       page_to_pfn(old), pb[1] == old ? "the new zspage's last page" :
	       "elsewhere", tail, *(unsigned long *)(page_address(old) + tail),
	       stranger, o[stranger].handle | 1);
	ASSERT_EQ(old, pb[1]);

	word = handle_word(o[stranger].handle);
	t = (struct targets){ .gfp = ZS_GFP };
	EXPECT_EQ(0, migrate_one(pb[1], &t, &list));
	if (!list_empty(&list))
		putback_movable_pages(&list);
	EXPECT_EQ(word, handle_word(o[stranger].handle));
	EXPECT_EQ(0, bad_objects(pool, o, a->opz + b->opz, ZS_MM_RO));
	free_all(pool, o, a->opz + b->opz);
	zs_destroy_pool(pool);
	free(o);
}

UMM_TEST_MAIN
