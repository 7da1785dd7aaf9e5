// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_zsmalloc.c - zsmalloc: classes, handles, compaction
 *
 * Every size class round trips, through each mapping mode; zs_compact()
 * keeps every handle and its data; compact_memory moves zspage pages
 * only with the series on (zsmalloc.movable=1), and then each of them is
 * a movable page of the pool's mapping; the debugfs classes file has
 * Linux's format and adds up; bad sizes, a NULL handle and running out
 * of memory change nothing.  Each test runs with the series on, with it
 * off, and with a ZONE_MOVABLE.
 *
 * Page migration, page by page, is in test_zsmalloc_migrate.c, what page
 * scans must not take for an object in test_zsmalloc_stale.c, and the
 * threaded stress tests (mapping while pages move) in
 * test_zsmalloc_stress.c; zsmalloc_test.h has what they share.
 */
#include "zsmalloc_test.h"

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

/* ---- the classes file -------------------------------------------------- */

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
