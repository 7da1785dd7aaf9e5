/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/testing/umm/zsmalloc_test.h - what the zsmalloc tests share
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
 * Included by one file per test binary (test_zsmalloc*.c), after the
 * harness, hence static functions.
 */
#ifndef _ZSMALLOC_TEST_H
#define _ZSMALLOC_TEST_H

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

/* Boot with the variant's parameters; at the end, every page is back. */
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

/*
 * FIXTURE(mig): page-by-page migration, which needs the series on; with
 * and without a ZONE_MOVABLE (zram's __GFP_HIGHMEM | __GFP_MOVABLE puts
 * zspages there when it exists).  The files of such tests say
 * ZS_MIG_FIXTURE.
 */
#define ZS_MIG_FIXTURE							\
FIXTURE(mig) {								\
	unsigned long free_at_boot;					\
};									\
									\
FIXTURE_VARIANT(mig) {							\
	const char *params;						\
};									\
									\
FIXTURE_VARIANT_ADD(mig, mem64m) {					\
	.params = "mem=64M",						\
};									\
									\
FIXTURE_VARIANT_ADD(mig, mem64m_movablecore) {				\
	.params = "mem=64M movablecore=24M",				\
};									\
									\
ZS_FIXTURE(mig)

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
	return xorshift64(&rng);
}

static void rnd_seed(u64 extra)
{
	rng = seed_stream(extra);
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

/* The Total line's obj_used of a classes file's text; -1 if unreadable. */
static long total_used_of(const char *text)
{
	struct class_row rows[ZS_NR_CLASSES], total;

	if (parse_classes(text, rows, ZS_NR_CLASSES, &total) <= 0)
		return -1;
	return total.v[C_USED];
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

#endif /* _ZSMALLOC_TEST_H */
