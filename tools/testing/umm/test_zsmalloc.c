// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_zsmalloc.c - zsmalloc, white-box: size classes,
 * handles, mapping, zs_compact(), page migration, statistics
 *
 * The tests carry their own model of zsmalloc's geometry (class sizes of
 * 32 + 16k bytes with the 8-byte handle header included, pages per zspage
 * chosen to waste least, classes of equal geometry merged upwards), so
 * that where an object lands, how many pages a pool holds and what the
 * debugfs classes file says are asserted as exact numbers, not read back
 * from the code under test.  They also look inside: a handle is a pointer
 * to a word holding (pfn, index) << 1, page->private of a zspage page is
 * its struct zspage (mm/zsmalloc.h, the very structure mm/zsmalloc.c
 * uses), and page->freelist chains its pages.  If mm/zsmalloc.c changes
 * where those live, zspage_of() notices (the magic number) and the tests
 * say so.
 *
 * Page migration is driven two ways: by compaction (compact_memory),
 * and page by page with isolate_movable_page() and migrate_pages() to a
 * target of the test's own, for the first, middle and last page of 2-, 3-
 * and 4-page zspages, for a page whose zspage empties while it is
 * isolated, and for migrations that fail (no target, a pinned object) or
 * have to wait (an object mapped on another thread).
 *
 * Four tests keep bugs that mm/zsmalloc.c once had from coming back
 * (their comments say what went wrong):
 * zsmalloc_tail_garbage_is_not_an_object_to_* and
 * zsmalloc_header_left_by_migration_is_not_an_object (page scans took
 * stale bytes in the tail of a zspage for an object), and
 * zsmalloc_nr_zspages_per_zone_follow_a_page_across_zones (NR_ZSPAGES
 * stayed with the old zone when a page migrated to another).  The bugs
 * are fixed: all four pass.
 *
 * The threaded stress tests (mapping while pages move) are in
 * test_zsmalloc_stress.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "umm_test.h"

#include <linux/zsmalloc.h>
#include <linux/compaction.h>
#include <linux/migrate.h>
#include <linux/page-flags.h>
#include <linux/pageblock-flags.h>
#include <linux/pagemap.h>
#include <linux/pseudo_fs.h>
#include <linux/bit_spinlock.h>
#include <linux/workqueue.h>
#include <linux/slab.h>
#include <linux/err.h>
#include "../../../mm/zsmalloc.h"

/* Series on, series off, and series on with a ZONE_MOVABLE to go to. */
FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

FIXTURE_VARIANT_ADD(umm, mem64m_movable0) {
	.params = "mem=64M zsmalloc.movable=0",
};

FIXTURE_VARIANT_ADD(umm, mem64m_movablecore) {
	.params = "mem=64M movablecore=24M",
};

UMM_FIXTURE_SETUP

/*
 * FIXTURE(mig): page-by-page migration, which needs the series on; with
 * and without a ZONE_MOVABLE (zram's __GFP_HIGHMEM | __GFP_MOVABLE puts
 * zspages there when it exists).
 */
FIXTURE(mig) {
	unsigned long free_at_boot;
};

FIXTURE_VARIANT(mig) {
	const char *params;
};

FIXTURE_VARIANT_ADD(mig, mem64m) {
	.params = "mem=64M",
};

FIXTURE_VARIANT_ADD(mig, mem64m_movablecore) {
	.params = "mem=64M movablecore=24M",
};

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

#define ZS_FIXTURE(name)						\
FIXTURE_SETUP(name)							\
{									\
	setvbuf(stdout, NULL, _IOLBF, 0);				\
	ASSERT_EQ(0, umm_boot(variant->params));			\
	self->free_at_boot = umm_free_pages();				\
}									\
									\
FIXTURE_TEARDOWN(name)							\
{									\
	EXPECT_EQ(0, check_zones());					\
	EXPECT_EQ(self->free_at_boot, umm_free_pages());		\
	EXPECT_EQ(0, get_taint());					\
}

ZS_FIXTURE(mig)
ZS_FIXTURE(zones)

/* What zram asks for (the series' last patch). */
#define ZS_GFP		(GFP_KERNEL | __GFP_MOVABLE | __GFP_HIGHMEM)

/* ---- the model: zsmalloc's geometry, computed here --------------------- */

#define ZS_HDR		8	/* ZS_HANDLE_SIZE: the header in each object */
#define ZS_MIN_SIZE	32
#define ZS_DELTA	16
#define ZS_NR_CLASSES	((PAGE_SIZE - ZS_MIN_SIZE) / ZS_DELTA + 1)
#define ZS_MAX_PAGES	4
/* A handle's word: ((pfn << ZS_INDEX_BITS) | index) << 1, bit 0 the pin. */
#define ZS_INDEX_BITS	(BITS_PER_LONG - (48 - PAGE_SHIFT) - 1)

struct zclass {
	int index;	/* in the pool's table: the largest index merged */
	int size;	/* object size, header included */
	int ppz;	/* pages per zspage */
	int opz;	/* objects per zspage */
};

/* zclass[i]: the class that serves index i (shared by merged indices). */
static struct zclass zclass[ZS_NR_CLASSES];
/* The distinct classes, by increasing size. */
static struct zclass *zdistinct[ZS_NR_CLASSES];
static int nr_zdistinct;

/*
 * The number of pages (1 to 4) whose total loses the smallest share to
 * the tail that cannot hold an object; ties go to fewer pages.  Percent
 * in integers, as zsmalloc compares them.
 */
static int least_waste_pages(int size)
{
	int pages, best = 1, best_pct = -1;

	for (pages = 1; pages <= ZS_MAX_PAGES; pages++) {
		int bytes = pages * PAGE_SIZE;
		int pct = (bytes - bytes % size) * 100 / bytes;

		if (pct > best_pct) {
			best_pct = pct;
			best = pages;
		}
	}
	return best;
}

static void model_classes(void)
{
	struct zclass *up = NULL;
	int i, n = 0;

	/* From the top: a class with the geometry of the one above joins it. */
	for (i = ZS_NR_CLASSES - 1; i >= 0; i--) {
		int size = min(ZS_MIN_SIZE + i * ZS_DELTA, (int)PAGE_SIZE);
		int ppz = least_waste_pages(size);
		int opz = ppz * PAGE_SIZE / size;

		if (up && up->ppz == ppz && up->opz == opz) {
			zclass[i] = *up;
			continue;
		}
		zclass[i] = (struct zclass){ i, size, ppz, opz };
		up = &zclass[i];
	}
	for (i = 0; i < ZS_NR_CLASSES; i++)
		if (zclass[i].index == i)
			zdistinct[n++] = &zclass[i];
	nr_zdistinct = n;
}

static const struct zclass *class_of(size_t size)
{
	size_t need = size + ZS_HDR;
	int i = 0;

	if (need > ZS_MIN_SIZE)
		i = (need - ZS_MIN_SIZE + ZS_DELTA - 1) / ZS_DELTA;
	return &zclass[min_t(int, i, ZS_NR_CLASSES - 1)];
}

/* The smallest request that gets a page to itself. */
static size_t model_huge_size(void)
{
	size_t s;

	for (s = 1; s <= PAGE_SIZE; s++)
		if (class_of(s)->opz == 1)
			return s;
	return 0;
}

/* The largest and smallest requests that @c serves. */
static size_t class_max_req(const struct zclass *c)
{
	return c->size - ZS_HDR;
}

static size_t class_min_req(const struct zclass *c)
{
	size_t s = class_max_req(c);

	while (s > 1 && class_of(s - 1) == c)
		s--;
	return s;
}

/* Offset in a zspage's page @i of the first object that starts there. */
static unsigned int first_obj_offset(const struct zclass *c, int i)
{
	unsigned int first = (i * PAGE_SIZE + c->size - 1) / c->size;

	return first * c->size - i * PAGE_SIZE;
}

static bool obj_spans(const struct zclass *c, unsigned int idx)
{
	unsigned long pos = (unsigned long)idx * c->size;

	return (pos & ~PAGE_MASK) + c->size > PAGE_SIZE;
}

/* Pages a class needs at the least for @live objects. */
static unsigned long min_pages(const struct zclass *c, unsigned long live)
{
	return (live + c->opz - 1) / c->opz * c->ppz;
}

/* ---- white-box access to zsmalloc's structures ------------------------- */

static unsigned long handle_word(unsigned long handle)
{
	return __atomic_load_n((unsigned long *)handle, __ATOMIC_RELAXED);
}

static struct page *obj_page(unsigned long word)
{
	return pfn_to_page(word >> 1 >> ZS_INDEX_BITS);
}

static unsigned int obj_index(unsigned long word)
{
	return (word >> 1) & ((1UL << ZS_INDEX_BITS) - 1);
}

static unsigned long make_obj(struct page *page, unsigned int idx)
{
	return ((page_to_pfn(page) << ZS_INDEX_BITS) | idx) << 1;
}

/* The zspage of a zspage page; NULL if the page does not look like one. */
static struct zspage *zspage_of(struct page *page)
{
	struct zspage *zs = (struct zspage *)page_private(page);

	if (!zs || ZS_FIELD(READ_ONCE(zs->flags), MAGIC) != ZSPAGE_MAGIC) {
		printf("# pfn %#lx: no zspage behind page->private (%p): has zsmalloc changed?\n",
		       page_to_pfn(page), zs);
		return NULL;
	}
	return zs;
}

/* The pages of a zspage in order; returns how many. */
static int zspage_pages(struct zspage *zs, struct page **pages)
{
	struct page *page = zs->first_page;
	int n = 0;

	while (page && n < ZS_MAX_PAGES) {
		pages[n++] = page;
		if (PagePrivate2(page))
			break;
		page = page->freelist;
	}
	return n;
}

static struct zspage *handle_zspage(unsigned long handle)
{
	return zspage_of(obj_page(handle_word(handle)));
}

/* ---- objects and their contents ---------------------------------------- */

struct tobj {
	unsigned long handle;
	unsigned int size;	/* requested */
	unsigned int tag;	/* what the contents derive from */
};

static u64 rng;

static u64 rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* splitmix64 of the seed, so that nearby seeds give unrelated streams. */
static void rnd_seed(u64 extra)
{
	u64 z = umm_test_seed + (extra + 1) * 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	rng = (z ^ (z >> 31)) | 1;
}

static unsigned char pattern(unsigned long tag, size_t i)
{
	u64 x = (tag + 1) * 0x9e3779b97f4a7c15ULL + (i >> 3) * 0xbf58476d1ce4e5b9ULL;

	return (unsigned char)(x >> (56 - (i & 7) * 8));
}

static void fill(void *p, size_t size, unsigned long tag)
{
	unsigned char *b = p;
	size_t i;

	for (i = 0; i < size; i++)
		b[i] = pattern(tag, i);
}

static bool same(const void *p, size_t size, unsigned long tag)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < size; i++)
		if (b[i] != pattern(tag, i))
			return false;
	return true;
}

static unsigned long zmalloc(struct zs_pool *pool, struct tobj *o, size_t size,
			     unsigned int tag, gfp_t gfp)
{
	void *p;

	o->size = size;
	o->tag = tag;
	o->handle = zs_malloc(pool, size, gfp);
	if (!o->handle)
		return 0;
	p = zs_map_object(pool, o->handle, ZS_MM_WO);
	fill(p, size, tag);
	zs_unmap_object(pool, o->handle);
	return o->handle;
}

/* Read an object through @mm and compare; RW also rewrites it (tag + 1). */
static bool zcheck(struct zs_pool *pool, struct tobj *o, enum zs_mapmode mm)
{
	void *p = zs_map_object(pool, o->handle, mm);
	bool ok = same(p, o->size, o->tag);

	if (mm == ZS_MM_RW) {
		o->tag++;
		fill(p, o->size, o->tag);
	}
	zs_unmap_object(pool, o->handle);
	return ok;
}

/* Objects of @o[0..n) with a handle whose contents are wrong. */
static unsigned long bad_objects(struct zs_pool *pool, struct tobj *o,
				 unsigned long n, enum zs_mapmode mm)
{
	unsigned long i, bad = 0;

	for (i = 0; i < n; i++) {
		if (!o[i].handle || zcheck(pool, &o[i], mm))
			continue;
		if (!bad)
			printf("# object %lu (size %u, handle %#lx) is wrong\n",
			       i, o[i].size, o[i].handle);
		bad++;
	}
	return bad;
}

static void free_all(struct zs_pool *pool, struct tobj *o, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		zs_free(pool, o[i].handle);
		o[i].handle = 0;
	}
}

static unsigned long nr_populated_zones(void)
{
	struct zone *zone;
	unsigned long n = 0;

	for_each_populated_zone(zone)
		n++;
	return n;
}

/* ---- migration targets ------------------------------------------------- */

struct targets {
	gfp_t gfp;
	bool fail;		/* hand out nothing */
	int allocated;
	int released;
	struct page *last;
};

static struct page *target_alloc(struct page *page, unsigned long private,
				 int **result)
{
	struct targets *t = (struct targets *)private;

	if (t->fail)
		return NULL;
	t->last = alloc_page(t->gfp ? t->gfp : GFP_HIGHUSER_MOVABLE);
	if (t->last)
		t->allocated++;
	return t->last;
}

static void target_free(struct page *page, unsigned long private)
{
	struct targets *t = (struct targets *)private;

	t->released++;
	put_page(page);
}

/* Isolate one page and migrate it; migrate_pages()'s return. */
static int migrate_one(struct page *page, struct targets *t,
		       struct list_head *leftover)
{
	LIST_HEAD(list);
	int rc;

	if (!isolate_movable_page(page, 0))
		return -EBUSY;
	list_add(&page->lru, &list);
	rc = migrate_pages(&list, target_alloc, target_free, (unsigned long)t,
			   MIGRATE_SYNC, MR_COMPACTION);
	if (!list_empty(&list))
		list_splice(&list, leftover);
	return rc;
}

/*
 * The flags and fields of every page of @zs as zsmalloc sets them.
 * Returns the number of problems, printed.
 */
static int check_zspage(struct zs_pool *pool, struct zspage *zs,
			const struct zclass *c)
{
	struct page *pages[ZS_MAX_PAGES];
	int i, n = zspage_pages(zs, pages), bad = 0;

#define ZBAD(cond, what) do {						\
	if (cond) {							\
		printf("# pfn %#lx (page %d of %d): %s\n",		\
		       page_to_pfn(pages[i]), i, n, what);		\
		bad++;							\
	}								\
} while (0)
	if (n != c->ppz) {
		printf("# zspage %p has %d pages, its class %d\n", zs, n,
		       c->ppz);
		return 1;
	}
	for (i = 0; i < n; i++) {
		struct page *p = pages[i];

		ZBAD(page_private(p) != (unsigned long)zs, "page->private");
		ZBAD(!!PagePrivate(p) != (i == 0), "PG_private");
		ZBAD(!!PagePrivate2(p) != (i == n - 1), "PG_private_2");
		ZBAD(!!PageOwnerPriv1(p) != (c->opz == 1), "huge flag");
		ZBAD(PageIsolated(p), "left isolated");
		ZBAD(page_count(p) != 1, "refcount");
		ZBAD(c->opz > 1 && (unsigned int)p->units !=
		     first_obj_offset(c, i), "first object offset");
		if (zs_movable) {
			ZBAD(!__PageMovable(p), "not movable");
			ZBAD(__PageMovable(p) &&
			     page_mapping(p)->private_data != (void *)pool,
			     "mapping is not the pool's");
		} else {
			ZBAD(p->mapping, "has a mapping with movable=0");
		}
	}
#undef ZBAD
	return bad;
}

/* Every zspage of the objects in @o: structure and class. */
static int check_zspages_of(struct zs_pool *pool, struct tobj *o,
			    unsigned long n)
{
	unsigned long i;
	int bad = 0;

	for (i = 0; i < n; i++) {
		struct zspage *zs;
		const struct zclass *c;
		struct page *pages[ZS_MAX_PAGES];
		unsigned long word;
		unsigned int idx;

		if (!o[i].handle)
			continue;
		word = handle_word(o[i].handle);
		zs = zspage_of(obj_page(word));
		c = class_of(o[i].size);
		idx = obj_index(word);
		if (!zs || ZS_FIELD(zs->flags, CLASS) != c->index || idx >= c->opz) {
			printf("# object %lu: class or index wrong\n", i);
			return bad + 1;
		}
		/* The first object of each zspage speaks for its zspage. */
		if (obj_page(word) == zs->first_page && idx == 0)
			bad += check_zspage(pool, zs, c);
		zspage_pages(zs, pages);
		if (obj_page(word) != pages[idx * c->size >> PAGE_SHIFT]) {
			printf("# object %lu: index %u is not in pfn %#lx\n",
			       i, idx, page_to_pfn(obj_page(word)));
			bad++;
		}
	}
	return bad;
}

/* ---- every size class -------------------------------------------------- */

/*
 * One object of every size from 1 to PAGE_SIZE, then each class topped up
 * to whole zspages so that every position in a zspage is used (objects
 * across each page boundary included).  In a fresh pool a class fills
 * one zspage at a time, from index 0: so each object's index, page and
 * header are known, and so is the page count.  Each object is written
 * through ZS_MM_WO, read through ZS_MM_RO, read and rewritten through
 * ZS_MM_RW and read again, after all others were written.
 */
TEST_F(umm, zsmalloc_every_size_from_1_to_page_size_round_trips)
{
	unsigned long cap = PAGE_SIZE + ZS_NR_CLASSES * 128, nr = 0, n;
	struct zs_pool *pool = zs_create_pool("sizes");
	struct tobj *o = calloc(cap, sizeof(*o));
	size_t *req = calloc(cap, sizeof(size_t));
	int *seq = calloc(ZS_NR_CLASSES, sizeof(int));
	struct zspage **cur = calloc(ZS_NR_CLASSES, sizeof(void *));
	unsigned long spanning = 0, huge = 0, expect_pages = 0, misplaced = 0;
	unsigned long expect_spanning = 0;
	size_t s;
	int k;

	ASSERT_NE(NULL, pool);
	model_classes();
	EXPECT_EQ(model_huge_size(), zs_huge_class_size(pool));
	printf("# %d classes, huge from %zu bytes\n", nr_zdistinct,
	       zs_huge_class_size(pool));

	/* Every size, then the top-up of each class to whole zspages. */
	for (s = 1; s <= PAGE_SIZE; s++) {
		req[nr++] = s;
		seq[class_of(s)->index]++;
	}
	for (k = 0; k < nr_zdistinct; k++) {
		const struct zclass *c = zdistinct[k];

		for (; seq[c->index] % c->opz; seq[c->index]++)
			req[nr++] = class_max_req(c);
	}
	memset(seq, 0, ZS_NR_CLASSES * sizeof(int));

	for (n = 0; n < nr; n++) {
		const struct zclass *c;
		struct zspage *zs;
		struct page *pages[ZS_MAX_PAGES];
		unsigned long word;
		unsigned int idx, off;
		size_t size = req[n];
		void *p;

		c = class_of(size);
		ASSERT_NE(0, zmalloc(pool, &o[n], size, n, ZS_GFP));
		word = handle_word(o[n].handle);
		idx = obj_index(word);
		zs = zspage_of(obj_page(word));
		ASSERT_NE(NULL, zs);
		ASSERT_EQ(c->index, ZS_FIELD(zs->flags, CLASS));
		/* Index k of the class's current zspage, a new one at 0. */
		EXPECT_EQ(seq[c->index] % c->opz, idx);
		if (idx == 0) {
			EXPECT_NE(cur[c->index], zs);
		} else {
			EXPECT_EQ(cur[c->index], zs);
		}
		cur[c->index] = zs;
		seq[c->index]++;
		ASSERT_EQ(c->ppz, zspage_pages(zs, pages));
		if (obj_page(word) != pages[(unsigned long)idx * c->size >>
					    PAGE_SHIFT])
			misplaced++;
		off = (unsigned long)idx * c->size & ~PAGE_MASK;
		p = zs_map_object(pool, o[n].handle, ZS_MM_RO);
		if (c->opz == 1) {
			/* Huge: the header is in page->index, data at 0. */
			huge++;
			EXPECT_TRUE(PageOwnerPriv1(obj_page(word)));
			EXPECT_EQ(o[n].handle | 1, obj_page(word)->index);
			EXPECT_EQ(page_address(obj_page(word)), p);
		} else {
			unsigned long *head = page_address(obj_page(word)) + off;

			EXPECT_FALSE(PageOwnerPriv1(obj_page(word)));
			EXPECT_EQ(o[n].handle | 1, *head);
			if (!obj_spans(c, idx)) {
				EXPECT_EQ((void *)head + ZS_HDR, p);
			}
		}
		zs_unmap_object(pool, o[n].handle);
		spanning += obj_spans(c, idx);
	}
	EXPECT_EQ(0, misplaced);
	for (k = 0; k < nr_zdistinct; k++) {
		const struct zclass *c = zdistinct[k];
		unsigned int idx, span = 0;

		for (idx = 0; idx < c->opz; idx++)
			span += obj_spans(c, idx);
		EXPECT_EQ(0, seq[c->index] % c->opz);
		expect_pages += seq[c->index] / c->opz * c->ppz;
		expect_spanning += seq[c->index] / c->opz * span;
	}
	printf("# %lu objects, %lu across two pages, %lu huge, %lu pages\n",
	       n, spanning, huge, zs_get_total_pages(pool));
	EXPECT_EQ(expect_pages, zs_get_total_pages(pool));
	EXPECT_EQ(expect_pages, nr_zspages());
	EXPECT_EQ(expect_spanning, spanning);
	EXPECT_LT(500, spanning);
	EXPECT_EQ(PAGE_SIZE - model_huge_size() + 1, huge);
	EXPECT_EQ(0, check_zspages_of(pool, o, n));

	/* Only now, with every neighbour written: read, rewrite, read. */
	EXPECT_EQ(0, bad_objects(pool, o, n, ZS_MM_RO));
	EXPECT_EQ(0, bad_objects(pool, o, n, ZS_MM_RW));
	EXPECT_EQ(0, bad_objects(pool, o, n, ZS_MM_RO));
	/* The headers survived the writes of the neighbours. */
	EXPECT_EQ(0, check_zspages_of(pool, o, n));

	free_all(pool, o, n);
	EXPECT_EQ(0, zs_get_total_pages(pool));
	EXPECT_EQ(0, nr_zspages());
	zs_destroy_pool(pool);
	free(o);
	free(req);
	free(seq);
	free(cur);
}

/* ---- zs_compact() ------------------------------------------------------ */

#define NR_RANDOM	6000

/* @n objects of random sizes, written; returns how many were allocated. */
static unsigned long alloc_random(struct zs_pool *pool, struct tobj *o,
				  unsigned long n, gfp_t gfp)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		if (!zmalloc(pool, &o[i], 1 + rnd() % PAGE_SIZE, i, gfp))
			break;
	return i;
}

static unsigned long free_random_half(struct zs_pool *pool, struct tobj *o,
				      unsigned long n)
{
	unsigned long i, freed = 0;

	for (i = 0; i < n; i++)
		if (rnd() & 1) {
			zs_free(pool, o[i].handle);
			o[i].handle = 0;
			freed++;
		}
	return freed;
}

/* The fewest pages the live objects of @o fit in. */
static unsigned long pages_needed(struct tobj *o, unsigned long n)
{
	unsigned long live[ZS_NR_CLASSES] = { 0 }, pages = 0, i;
	int k;

	for (i = 0; i < n; i++)
		if (o[i].handle)
			live[class_of(o[i].size)->index]++;
	for (k = 0; k < nr_zdistinct; k++)
		pages += min_pages(zdistinct[k], live[zdistinct[k]->index]);
	return pages;
}

static long classes_total_freeable(const char *pool_name);
static long classes_total_used(const char *pool_name);
static long total_used_of(const char *text);

/*
 * Free a random half, zs_compact(): the pages freed are exactly the
 * growth of pages_compacted, every class ends as small as its live
 * objects allow (nothing pinned, nothing else running), objects moved
 * yet every handle finds its data, and the pool keeps working.
 */
TEST_F(umm, zsmalloc_zs_compact_keeps_handles_and_data)
{
	struct tobj *o = calloc(2 * NR_RANDOM, sizeof(*o));
	struct zs_pool *pool = zs_create_pool("compact");
	unsigned long *word = calloc(NR_RANDOM, sizeof(long));
	unsigned long before, after, moved = 0, ret, i;
	struct zs_pool_stats st0, st1;

	ASSERT_NE(NULL, pool);
	model_classes();
	rnd_seed(2);
	ASSERT_EQ(NR_RANDOM, alloc_random(pool, o, NR_RANDOM, ZS_GFP));
	free_random_half(pool, o, NR_RANDOM);
	for (i = 0; i < NR_RANDOM; i++)
		if (o[i].handle)
			word[i] = handle_word(o[i].handle);

	before = zs_get_total_pages(pool);
	zs_pool_stats(pool, &st0);
	EXPECT_EQ(0, st0.pages_compacted);
	EXPECT_LT(0, classes_total_freeable("compact"));
	ret = zs_compact(pool);
	zs_pool_stats(pool, &st1);
	after = zs_get_total_pages(pool);
	printf("# %lu pages before, %lu after, %lu compacted\n", before, after,
	       st1.pages_compacted);

	EXPECT_EQ(ret, st1.pages_compacted);
	EXPECT_LT(after, before);
	EXPECT_EQ(before - after, st1.pages_compacted - st0.pages_compacted);
	EXPECT_EQ(pages_needed(o, NR_RANDOM), after);
	EXPECT_EQ(after, nr_zspages());
	EXPECT_EQ(0, classes_total_freeable("compact"));
	for (i = 0; i < NR_RANDOM; i++)
		if (o[i].handle && handle_word(o[i].handle) != word[i])
			moved++;
	printf("# %lu objects moved\n", moved);
	EXPECT_LT(0, moved);
	EXPECT_EQ(0, bad_objects(pool, o, NR_RANDOM, ZS_MM_RO));
	EXPECT_EQ(0, check_zspages_of(pool, o, NR_RANDOM));

	/* Nothing left to do. */
	EXPECT_EQ(ret, zs_compact(pool));
	EXPECT_EQ(after, zs_get_total_pages(pool));

	/* The compacted zspages' free lists still work. */
	ASSERT_EQ(NR_RANDOM, alloc_random(pool, o + NR_RANDOM, NR_RANDOM,
					  ZS_GFP));
	EXPECT_EQ(0, bad_objects(pool, o, 2 * NR_RANDOM, ZS_MM_RW));
	EXPECT_EQ(0, bad_objects(pool, o, 2 * NR_RANDOM, ZS_MM_RO));
	EXPECT_EQ(0, check_zspages_of(pool, o, 2 * NR_RANDOM));
	free_all(pool, o, 2 * NR_RANDOM);
	EXPECT_EQ(0, zs_get_total_pages(pool));
	zs_destroy_pool(pool);
	free(o);
	free(word);
}

/* ---- compaction of memory ---------------------------------------------- */

/* The pfns of a zspage's pages, to compare before and after. */
struct zsnap {
	struct zspage *zs;
	unsigned long pfn[ZS_MAX_PAGES];
	int n;
};

/* The distinct zspages of the live objects; returns how many. */
static int snapshot(struct tobj *o, unsigned long n, struct zsnap *snap,
		    int max)
{
	unsigned long i;
	int nr = 0, j, k;

	for (i = 0; i < n; i++) {
		struct page *pages[ZS_MAX_PAGES];
		struct zspage *zs;

		if (!o[i].handle)
			continue;
		zs = handle_zspage(o[i].handle);
		for (j = 0; j < nr; j++)
			if (snap[j].zs == zs)
				break;
		if (j < nr || nr == max)
			continue;
		snap[nr].zs = zs;
		snap[nr].n = zspage_pages(zs, pages);
		for (k = 0; k < snap[nr].n; k++)
			snap[nr].pfn[k] = page_to_pfn(pages[k]);
		nr++;
	}
	return nr;
}

static unsigned long pages_moved(struct zsnap *snap, int nr)
{
	unsigned long moved = 0;
	int j, k;

	for (j = 0; j < nr; j++) {
		struct page *pages[ZS_MAX_PAGES];

		zspage_pages(snap[j].zs, pages);
		for (k = 0; k < snap[j].n; k++)
			moved += page_to_pfn(pages[k]) != snap[j].pfn[k];
	}
	return moved;
}

/*
 * Objects allocated as zram does, a random half freed (holes), then
 * compact_memory.  With the series: zspage pages move, pgmigrate_success
 * counts exactly the pages that moved (nothing else is movable here),
 * each handle keeps its index and follows its page.  With
 * zsmalloc.movable=0: not one page moves.
 */
TEST_F(umm, zsmalloc_compact_memory_moves_zspage_pages_only_if_movable)
{
	struct tobj *o = calloc(NR_RANDOM, sizeof(*o));
	struct zs_pool *pool = zs_create_pool("compact_memory");
	struct zsnap *snap = calloc(NR_RANDOM, sizeof(*snap));
	unsigned long *word = calloc(NR_RANDOM, sizeof(long));
	unsigned long success, fail, moved, i, followed = 0;
	int nr;

	ASSERT_NE(NULL, pool);
	model_classes();
	rnd_seed(3);
	ASSERT_EQ(NR_RANDOM, alloc_random(pool, o, NR_RANDOM, ZS_GFP));
	free_random_half(pool, o, NR_RANDOM);
	nr = snapshot(o, NR_RANDOM, snap, NR_RANDOM);
	for (i = 0; i < NR_RANDOM; i++)
		if (o[i].handle)
			word[i] = handle_word(o[i].handle);
	success = sum_vm_event(PGMIGRATE_SUCCESS);
	fail = sum_vm_event(PGMIGRATE_FAIL);

	ASSERT_EQ(0, compact_memory());

	moved = pages_moved(snap, nr);
	printf("# %d zspages, %lu pages; %lu moved, pgmigrate_success +%lu\n",
	       nr, zs_get_total_pages(pool), moved,
	       sum_vm_event(PGMIGRATE_SUCCESS) - success);
	if (zs_movable) {
		EXPECT_LT(zs_get_total_pages(pool) / 8, moved);
		EXPECT_EQ(moved, sum_vm_event(PGMIGRATE_SUCCESS) - success);
	} else {
		EXPECT_EQ(0, moved);
		EXPECT_EQ(0, sum_vm_event(PGMIGRATE_SUCCESS) - success);
	}
	/*
	 * A failure is possible (and harmless) only where the free scanner
	 * met the migrate scanner: no target, -ENOMEM, once per zone.
	 */
	EXPECT_GE(nr_populated_zones(), sum_vm_event(PGMIGRATE_FAIL) - fail);
	/* Same index; the pfn changed exactly when the object's page moved. */
	for (i = 0; i < NR_RANDOM; i++) {
		unsigned long now;

		if (!o[i].handle)
			continue;
		now = handle_word(o[i].handle);
		EXPECT_EQ(obj_index(word[i]), obj_index(now));
		followed += now != word[i];
	}
	if (zs_movable) {
		EXPECT_LT(0, followed);
	}
	EXPECT_EQ(0, check_zspages_of(pool, o, NR_RANDOM));
	EXPECT_EQ(0, bad_objects(pool, o, NR_RANDOM, ZS_MM_RO));
	EXPECT_EQ(0, bad_objects(pool, o, NR_RANDOM, ZS_MM_RW));
	EXPECT_EQ(zs_get_total_pages(pool), nr_zspages());
	free_all(pool, o, NR_RANDOM);
	EXPECT_EQ(0, zs_get_total_pages(pool));
	EXPECT_EQ(0, nr_zspages());
	zs_destroy_pool(pool);
	free(o);
	free(snap);
	free(word);
}

/*
 * What a zspage page is, with and without the series: movable, in a
 * movable pageblock (and in ZONE_MOVABLE when there is one, for zram's
 * __GFP_HIGHMEM | __GFP_MOVABLE), and isolatable; or, with
 * zsmalloc.movable=0, none of that even though __GFP_MOVABLE was passed.
 */
TEST_F(umm, zsmalloc_zspage_pages_are_movable_only_if_movable)
{
	struct tobj *o = calloc(NR_RANDOM, sizeof(*o));
	struct zs_pool *pool = zs_create_pool("kinds");
	struct zsnap *snap = calloc(NR_RANDOM, sizeof(*snap));
	bool movable_zone = populated_zone(UMM_ZONE(ZONE_MOVABLE));
	unsigned long wrong_block = 0, wrong_zone = 0, wrong_tag = 0;
	unsigned long isolated = 0, pages = 0;
	int nr, j, k;

	ASSERT_NE(NULL, pool);
	model_classes();
	rnd_seed(8);
	ASSERT_EQ(2000, alloc_random(pool, o, 2000, ZS_GFP));
	nr = snapshot(o, 2000, snap, NR_RANDOM);
	for (j = 0; j < nr; j++) {
		for (k = 0; k < snap[j].n; k++) {
			struct page *page = pfn_to_page(snap[j].pfn[k]);
			int mt = get_pageblock_migratetype(page);
			enum zone_type zt = page_zonenum(page);
			LIST_HEAD(list);

			pages++;
			if (zs_movable) {
				wrong_block += mt != MIGRATE_MOVABLE;
				wrong_zone += zt != (movable_zone ? ZONE_MOVABLE :
						     ZONE_NORMAL);
				wrong_tag += !__PageMovable(page);
			} else {
				wrong_block += mt != MIGRATE_UNMOVABLE;
				wrong_zone += zt != ZONE_NORMAL;
				wrong_tag += page->mapping != NULL;
			}
			if (isolate_movable_page(page, 0)) {
				isolated++;
				list_add(&page->lru, &list);
				putback_movable_pages(&list);
			}
		}
	}
	printf("# %lu pages, %lu isolatable\n", pages, isolated);
	EXPECT_EQ(zs_get_total_pages(pool), pages);
	EXPECT_EQ(0, wrong_block);
	EXPECT_EQ(0, wrong_zone);
	EXPECT_EQ(0, wrong_tag);
	EXPECT_EQ(zs_movable ? pages : 0, isolated);
	/* Put back as they were. */
	EXPECT_EQ(0, check_zspages_of(pool, o, 2000));
	EXPECT_EQ(0, bad_objects(pool, o, 2000, ZS_MM_RO));
	free_all(pool, o, 2000);
	zs_destroy_pool(pool);
	free(o);
	free(snap);
}

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

/* ---- /sys/kernel/debug/zsmalloc/<pool>/classes ------------------------- */

#define CLASSES_DIR	"/sys/kernel/debug/zsmalloc/"

/* " %5s %5s %11s %12s %13s %10s %10s %16s %8s\n" of the column names */
#define LINUX_CLASSES_HEADER						\
	" class  size almost_full almost_empty obj_allocated   obj_used"	\
	" pages_used pages_per_zspage freeable\n"

struct class_row {
	unsigned long v[9];	/* class size almost_full ... freeable */
};

enum { C_CLASS, C_SIZE, C_AFULL, C_AEMPTY, C_ALLOC, C_USED, C_PAGES,
	C_PPZ, C_FREEABLE };

/* Parse the rows; @total gets the Total line.  Returns rows, or -1. */
static int parse_classes(const char *text, struct class_row *rows, int max,
			 struct class_row *total)
{
	const char *p = strchr(text, '\n');
	int n = 0;

	while (p && *++p) {
		struct class_row r;

		if (*p == '\n')
			continue;
		if (sscanf(p, " Total %lu %lu %lu %lu %lu %lu",
			   &r.v[C_AFULL], &r.v[C_AEMPTY], &r.v[C_ALLOC],
			   &r.v[C_USED], &r.v[C_PAGES], &r.v[C_FREEABLE]) == 6) {
			*total = r;
			return n;
		}
		if (n == max || sscanf(p, "%lu %lu %lu %lu %lu %lu %lu %lu %lu",
				       &r.v[0], &r.v[1], &r.v[2], &r.v[3],
				       &r.v[4], &r.v[5], &r.v[6], &r.v[7],
				       &r.v[8]) != 9)
			return -1;
		rows[n++] = r;
		p = strchr(p, '\n');
	}
	return -1;
}

static long classes_total_freeable(const char *pool_name)
{
	char path[128], *text;
	struct class_row rows[ZS_NR_CLASSES], total;
	long ret = -1;

	snprintf(path, sizeof(path), CLASSES_DIR "%s/classes", pool_name);
	text = read_file(path);
	if (text && parse_classes(text, rows, ZS_NR_CLASSES, &total) > 0)
		ret = total.v[C_FREEABLE];
	free(text);
	return ret;
}

static long classes_total_used(const char *pool_name)
{
	char path[128], *text;
	long ret;

	snprintf(path, sizeof(path), CLASSES_DIR "%s/classes", pool_name);
	text = read_file(path);
	ret = text ? total_used_of(text) : -1;
	free(text);
	return ret;
}

/* The Total line's obj_used of a classes file's text; -1 if unreadable. */
static long total_used_of(const char *text)
{
	struct class_row rows[ZS_NR_CLASSES], total;

	if (parse_classes(text, rows, ZS_NR_CLASSES, &total) <= 0)
		return -1;
	return total.v[C_USED];
}

/* What a class's row says, from the inuse count of each of its zspages. */
static void model_row(const struct zclass *c, const unsigned int *inuse,
		      int nr, struct class_row *r)
{
	int z;

	memset(r, 0, sizeof(*r));
	r->v[C_CLASS] = c->index;
	r->v[C_SIZE] = c->size;
	r->v[C_PPZ] = c->ppz;
	for (z = 0; z < nr; z++) {
		if (!inuse[z])
			continue;	/* freed */
		r->v[C_ALLOC] += c->opz;
		r->v[C_USED] += inuse[z];
		r->v[C_PAGES] += c->ppz;
		if (inuse[z] == c->opz)
			continue;
		/* At most three quarters in use: almost empty. */
		if (inuse[z] * 4 <= 3 * c->opz)
			r->v[C_AEMPTY]++;
		else
			r->v[C_AFULL]++;
	}
	r->v[C_FREEABLE] = (r->v[C_ALLOC] - r->v[C_USED]) / c->opz * c->ppz;
}

static void print_row(char *buf, size_t len, const struct class_row *r)
{
	snprintf(buf, len, " %5lu %5lu %11lu %12lu %13lu %10lu %10lu %16lu %8lu\n",
		 r->v[0], r->v[1], r->v[2], r->v[3], r->v[4], r->v[5],
		 r->v[6], r->v[7], r->v[8]);
}

/*
 * Every class gets a different number of objects (0 to 3 zspages' worth,
 * by a fixed rule), and in classes with two zspages or more all objects
 * but one of the first zspage are freed.  The file must be, byte for
 * byte, what Linux prints for that: the header line, one row per class
 * that is not merged (class, size and pages_per_zspage from the model;
 * the fullness counts, objects and pages from the zspages' fill), an
 * empty line, and a Total line that adds up.  /proc/vmstat's nr_zspages
 * is the pool's page count, and with a second pool, the sum.
 */
TEST_F(umm, zsmalloc_classes_file_is_linux_format_and_adds_up)
{
	struct zs_pool *pool = zs_create_pool("zs_classes"), *pool2;
	struct class_row rows[ZS_NR_CLASSES], total, sum, r;
	unsigned int *inuse;
	unsigned long live = 0, n = 0, i;
	char *text, *expect, *e, line[256];
	struct tobj *o, extra;
	int k, nr, z;

	ASSERT_NE(NULL, pool);
	model_classes();
	o = calloc(ZS_NR_CLASSES * 3 * 128, sizeof(*o));
	inuse = calloc(ZS_NR_CLASSES * 4, sizeof(*inuse));
	expect = calloc(1, 64 * 1024);
	e = expect;
	e += sprintf(e, " %5s %5s %11s %12s %13s %10s %10s %16s %8s\n",
		     "class", "size", "almost_full", "almost_empty",
		     "obj_allocated", "obj_used", "pages_used",
		     "pages_per_zspage", "freeable");
	memset(&sum, 0, sizeof(sum));
	for (k = 0; k < nr_zdistinct; k++) {
		const struct zclass *c = zdistinct[k];
		unsigned int *in = inuse + k * 4;
		unsigned long nobj = (k * 37UL) % (3 * c->opz + 1), first = n;
		size_t lo = class_min_req(c), hi = class_max_req(c);
		int nz = (nobj + c->opz - 1) / c->opz;

		for (i = 0; i < nobj; i++, n++) {
			ASSERT_NE(0, zmalloc(pool, &o[n], lo + i % (hi - lo + 1),
					     n, ZS_GFP));
			in[i / c->opz]++;
		}
		if (nz >= 2 && c->opz >= 2) {
			/* The first zspage's objects but its first. */
			for (i = first + 1; i < first + c->opz; i++) {
				zs_free(pool, o[i].handle);
				o[i].handle = 0;
			}
			in[0] = 1;
		}
		model_row(c, in, nz, &r);
		print_row(line, sizeof(line), &r);
		e += sprintf(e, "%s", line);
		for (i = 0; i < 9; i++)
			sum.v[i] += r.v[i];
		live += r.v[C_USED];
	}
	e += sprintf(e, "\n %5s %5s %11lu %12lu %13lu %10lu %10lu %16s %8lu\n",
		     "Total", "", sum.v[C_AFULL], sum.v[C_AEMPTY],
		     sum.v[C_ALLOC], sum.v[C_USED], sum.v[C_PAGES], "",
		     sum.v[C_FREEABLE]);

	text = read_file(CLASSES_DIR "zs_classes/classes");
	ASSERT_NE(NULL, text);
	EXPECT_STREQ(expect, text);
	if (strcmp(expect, text))
		printf("# got:\n%s# expected:\n%s", text, expect);
	/* The header alone, as Linux's format string gives it. */
	EXPECT_EQ(0, strncmp(text, LINUX_CLASSES_HEADER,
			     strlen(LINUX_CLASSES_HEADER)));

	/* Parsed back: the rows add up to the Total line. */
	nr = parse_classes(text, rows, ZS_NR_CLASSES, &total);
	ASSERT_EQ(nr_zdistinct, nr);
	memset(&sum, 0, sizeof(sum));
	for (z = 0; z < nr; z++)
		for (i = 0; i < 9; i++)
			sum.v[i] += rows[z].v[i];
	EXPECT_EQ(sum.v[C_AFULL], total.v[C_AFULL]);
	EXPECT_EQ(sum.v[C_AEMPTY], total.v[C_AEMPTY]);
	EXPECT_EQ(sum.v[C_ALLOC], total.v[C_ALLOC]);
	EXPECT_EQ(sum.v[C_USED], total.v[C_USED]);
	EXPECT_EQ(sum.v[C_PAGES], total.v[C_PAGES]);
	EXPECT_EQ(sum.v[C_FREEABLE], total.v[C_FREEABLE]);
	EXPECT_EQ(live, total.v[C_USED]);
	EXPECT_EQ(zs_get_total_pages(pool), total.v[C_PAGES]);
	EXPECT_LT(0, total.v[C_AFULL]);
	EXPECT_LT(0, total.v[C_AEMPTY]);
	EXPECT_LT(0, total.v[C_FREEABLE]);
	EXPECT_EQ((long)zs_get_total_pages(pool), vmstat_value("nr_zspages"));
	free(text);

	/* A second pool: its own directory, and nr_zspages is the sum. */
	pool2 = zs_create_pool("zs_classes2");
	ASSERT_NE(NULL, pool2);
	ASSERT_NE(0, zmalloc(pool2, &extra, 100, 1, ZS_GFP));
	text = read_file(CLASSES_DIR "zs_classes2/classes");
	ASSERT_NE(NULL, text);
	EXPECT_EQ(1, total_used_of(text));
	free(text);
	EXPECT_EQ((long)(zs_get_total_pages(pool) + zs_get_total_pages(pool2)),
		  vmstat_value("nr_zspages"));
	zs_free(pool2, extra.handle);
	zs_destroy_pool(pool2);
	EXPECT_EQ(NULL, read_file(CLASSES_DIR "zs_classes2/classes"));

	/* zs_compact() empties "freeable". */
	zs_compact(pool);
	EXPECT_EQ(0, classes_total_freeable("zs_classes"));
	EXPECT_EQ((long)zs_get_total_pages(pool), vmstat_value("nr_zspages"));
	free_all(pool, o, n);
	EXPECT_EQ(0, vmstat_value("nr_zspages"));
	zs_destroy_pool(pool);
	EXPECT_EQ(NULL, read_file(CLASSES_DIR "zs_classes/classes"));
	free(o);
	free(inuse);
	free(expect);
}

/* ---- bad input --------------------------------------------------------- */

/*
 * Sizes 0 and above PAGE_SIZE are refused with 0 and change nothing: no
 * handle allocated, no page, the classes file the same; zs_free(pool, 0)
 * does nothing.  1 and PAGE_SIZE themselves work, a PAGE_SIZE object
 * being writable to its last byte.
 */
TEST_F(umm, zsmalloc_bad_sizes_and_null_handle_change_nothing)
{
	struct zs_pool *pool = zs_create_pool("bad");
	unsigned long pages, free_pages;
	char *before, *after;
	struct tobj o[3];

	ASSERT_NE(NULL, pool);
	ASSERT_NE(0, zmalloc(pool, &o[0], 100, 1, ZS_GFP));
	pages = zs_get_total_pages(pool);
	free_pages = umm_free_pages();
	before = read_file(CLASSES_DIR "bad/classes");
	ASSERT_NE(NULL, before);

	EXPECT_EQ(0, zs_malloc(pool, 0, ZS_GFP));
	EXPECT_EQ(0, zs_malloc(pool, PAGE_SIZE + 1, ZS_GFP));
	EXPECT_EQ(0, zs_malloc(pool, (size_t)-1, ZS_GFP));
	zs_free(pool, 0);

	after = read_file(CLASSES_DIR "bad/classes");
	ASSERT_NE(NULL, after);
	EXPECT_STREQ(before, after);
	EXPECT_EQ(pages, zs_get_total_pages(pool));
	EXPECT_EQ(free_pages, umm_free_pages());
	EXPECT_EQ(pages, nr_zspages());
	EXPECT_EQ(0, bad_objects(pool, o, 1, ZS_MM_RO));

	ASSERT_NE(0, zmalloc(pool, &o[1], 1, 2, ZS_GFP));
	ASSERT_NE(0, zmalloc(pool, &o[2], PAGE_SIZE, 3, ZS_GFP));
	EXPECT_EQ(0, bad_objects(pool, o, 3, ZS_MM_RW));
	EXPECT_EQ(0, bad_objects(pool, o, 3, ZS_MM_RO));
	free_all(pool, o, 3);
	EXPECT_EQ(0, zs_get_total_pages(pool));
	zs_destroy_pool(pool);
	free(before);
	free(after);
}

/*
 * Out of memory (no reclaim allowed): zs_malloc() returns 0 and leaves
 * the pool consistent; a zspage whose third page could not be had gives
 * back the two it got (the fixture counts free pages at the end).
 */
TEST_F(umm, zsmalloc_zs_malloc_runs_out_of_memory_cleanly)
{
	struct zs_pool *pool = zs_create_pool("oom");
	const struct zclass *c = NULL;
	unsigned long max, n;
	struct tobj *o;
	int k;

	ASSERT_NE(NULL, pool);
	model_classes();
	/* The largest 4-page class: few objects per page. */
	for (k = 0; k < nr_zdistinct; k++)
		if (zdistinct[k]->ppz == 4)
			c = zdistinct[k];
	ASSERT_NE(NULL, c);
	/* Twice what all of RAM could hold. */
	max = 2 * (totalram_pages / c->ppz + 1) * c->opz;
	o = calloc(max, sizeof(*o));
	for (n = 0; n < max; n++)
		if (!zmalloc(pool, &o[n], class_max_req(c), n,
			     __GFP_MOVABLE | __GFP_NOWARN))
			break;
	printf("# class size %d: %lu objects, %lu pages before memory ran out\n",
	       c->size, n, zs_get_total_pages(pool));
	ASSERT_LT(n, max);
	EXPECT_LT(totalram_pages / 2, zs_get_total_pages(pool));
	EXPECT_EQ(min_pages(c, n), zs_get_total_pages(pool));
	EXPECT_EQ(zs_get_total_pages(pool), nr_zspages());
	EXPECT_EQ(0, bad_objects(pool, o, n, ZS_MM_RO));
	free_all(pool, o, n);
	EXPECT_EQ(0, zs_get_total_pages(pool));
	zs_destroy_pool(pool);
	free(o);
}

UMM_TEST_MAIN
