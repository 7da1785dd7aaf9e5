// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_zsmalloc_stress.c - zsmalloc objects mapped on
 * real threads while their pages move
 *
 * Mapper threads own objects of random sizes (a good share of them lie
 * across two pages).  Each object's contents derive from its id and a
 * generation number that only its owner bumps, on every ZS_MM_RW map; so
 * any byte that is not what the owner last wrote is a torn copy (a page
 * copied while the object was written) or a stale one (a write lost to a
 * migration).  Meanwhile one thread moves the pages under them, in a
 * loop: compact_memory, zs_compact(), and a scanner of its own that
 * isolates every zsmalloc page it finds by pfn and migrates it, as a
 * second compactor or CMA would; and another thread runs reclaim's
 * shrink_slab() in a loop, whose zsmalloc shrinker compacts the pool
 * alongside the explicit zs_compact().  The run lasts at least a second and
 * until every thread has done its share, so that a slow sanitizer build
 * still overlaps them.
 *
 * zsmalloc_concurrent_map_while_zspage_pages_migrate maps only;
 * zsmalloc_concurrent_alloc_free_map_while_compacting also frees and
 * allocates objects, so that zspages empty (and are freed by free_work) while
 * their pages are isolated, and zs_compact() always has work.
 *
 * The names contain "concurrent": CI runs these tests under
 * ThreadSanitizer (make SAN=tsan check TESTS=concurrent).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "umm_test.h"

#include <linux/zsmalloc.h>
#include <linux/compaction.h>
#include <linux/migrate.h>
#include <linux/page-flags.h>
#include <linux/pagemap.h>
#include <linux/shrinker.h>
#include <linux/swap.h>
#include <linux/pseudo_fs.h>
#include <linux/workqueue.h>
#include "../../../mm/zsmalloc.h"
#include "../../../mm/internal.h"

FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

UMM_FIXTURE_SETUP

#define ZS_GFP		(GFP_KERNEL | __GFP_MOVABLE | __GFP_HIGHMEM)
#define ZS_MIN_SIZE	32
#define ZS_DELTA	16
/* See test_zsmalloc.c: the handle word. */
#define ZS_INDEX_BITS	(BITS_PER_LONG - (48 - PAGE_SHIFT) - 1)

#define NR_MAPPERS	4
#define NR_OBJS		1500		/* per mapper */
#define MIN_MS		1000
#define MAX_MS		60000
#define MIN_ROUNDS	2000		/* maps per mapper */
#define MIN_PASSES	3		/* compactor loops */
#define SCAN_BATCH	32

struct sobj {
	unsigned long handle;
	unsigned int size;
	unsigned int gen;
	unsigned long id;
};

struct stress {
	struct zs_pool *pool;
	struct sobj *objs[NR_MAPPERS];
	bool churn;
	atomic_t stop;
	atomic_t rounds[NR_MAPPERS];
	atomic_t passes;
	atomic_long_t bad;
	atomic_long_t spanning_maps;
	atomic_long_t rw_maps;
	atomic_long_t churned;
	atomic_long_t alloc_failed;
	atomic_long_t scanned_migrated;
	atomic_long_t scanned_failed;
	atomic_long_t shrinker_passes;
	atomic_long_t shrinker_freed;
	unsigned long next_id[NR_MAPPERS];
};

/* Byte @i of object @id at generation @gen: every byte depends on both. */
static unsigned char pattern(unsigned long id, unsigned int gen, size_t i)
{
	u64 x = (id + 1) * 0x9e3779b97f4a7c15ULL ^
		((u64)gen + 1) * 0xc2b2ae3d27d4eb4fULL;

	x += (i >> 3) * 0xbf58476d1ce4e5b9ULL;
	return (unsigned char)(x >> (56 - (i & 7) * 8));
}

static void fill(void *p, struct sobj *o)
{
	unsigned char *b = p;
	size_t i;

	for (i = 0; i < o->size; i++)
		b[i] = pattern(o->id, o->gen, i);
}

/* The first wrong byte, or -1. */
static long first_bad(const void *p, struct sobj *o)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < o->size; i++)
		if (b[i] != pattern(o->id, o->gen, i))
			return i;
	return -1;
}

/* Half the sizes uniform, half the largest of a random class. */
static unsigned int random_size(u64 *s)
{
	unsigned int size = 1 + xorshift64(s) % PAGE_SIZE;

	if (xorshift64(s) & 1)
		size = round_up(size + 8, ZS_DELTA) - 8;
	return min_t(unsigned int, size, PAGE_SIZE);
}

static bool alloc_obj(struct stress *st, int m, struct sobj *o, u64 *s)
{
	void *p;

	o->size = random_size(s);
	o->gen = 0;
	o->id = st->next_id[m]++ * NR_MAPPERS + m;
	o->handle = zs_malloc(st->pool, o->size, ZS_GFP | __GFP_NOWARN);
	if (!o->handle)
		return false;
	p = zs_map_object(st->pool, o->handle, ZS_MM_WO);
	fill(p, o);
	zs_unmap_object(st->pool, o->handle);
	return true;
}

/*
 * Whether the mapped object lies across two pages: read from its handle
 * and zspage (white-box), which stay put while it is mapped.
 */
static bool mapped_obj_spans(unsigned long handle)
{
	unsigned long word = __atomic_load_n((unsigned long *)handle,
					     __ATOMIC_RELAXED);
	struct page *page = pfn_to_page(word >> 1 >> ZS_INDEX_BITS);
	unsigned long idx = (word >> 1) & ((1UL << ZS_INDEX_BITS) - 1);
	struct zspage *zs = (struct zspage *)page_private(page);
	unsigned int class = ZS_FIELD(READ_ONCE(zs->flags), CLASS);
	unsigned long size = min_t(unsigned long,
				   ZS_MIN_SIZE + class * ZS_DELTA, PAGE_SIZE);

	return ((idx * size) & ~PAGE_MASK) + size > PAGE_SIZE;
}

/* Map one object, check it, rewrite it on RW. */
static void map_and_check(struct stress *st, struct sobj *o, bool rw)
{
	void *p = zs_map_object(st->pool, o->handle, rw ? ZS_MM_RW : ZS_MM_RO);
	long bad = first_bad(p, o);

	if (mapped_obj_spans(o->handle))
		atomic_long_inc(&st->spanning_maps);
	if (bad >= 0) {
		/* Say which generation the bytes are from, if any. */
		unsigned int g;

		for (g = o->gen > 3 ? o->gen - 3 : 0; g <= o->gen + 1; g++)
			if (((unsigned char *)p)[bad] == pattern(o->id, g, bad))
				break;
		printf("# object %lu (size %u, gen %u): byte %ld wrong, %s\n",
		       o->id, o->size, o->gen, bad,
		       g <= o->gen + 1 ? "stale" : "garbage");
		atomic_long_inc(&st->bad);
	}
	if (rw) {
		o->gen++;
		fill(p, o);
		atomic_long_inc(&st->rw_maps);
	}
	zs_unmap_object(st->pool, o->handle);
}

static void mapper(struct stress *st, int m)
{
	struct sobj *objs = st->objs[m];
	u64 s = seed_stream(100 + m);

	while (!atomic_read(&st->stop)) {
		struct sobj *o = &objs[xorshift64(&s) % NR_OBJS];
		unsigned int r = xorshift64(&s) % 100;

		if (st->churn && r < 8) {
			zs_free(st->pool, o->handle);
			o->handle = 0;
			if (!alloc_obj(st, m, o, &s))
				atomic_long_inc(&st->alloc_failed);
			atomic_long_inc(&st->churned);
		} else if (o->handle) {
			map_and_check(st, o, r >= 60);
		}
		atomic_inc(&st->rounds[m]);
	}
}

static struct page *new_target(struct page *page, unsigned long private,
			       int **result)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN);
}

/*
 * Isolate every movable page of the zones (only zsmalloc's exist here)
 * and migrate them, SCAN_BATCH at a time.
 */
static void scan_and_migrate(struct stress *st)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long pfn, end = zone_end_pfn(zone);
		LIST_HEAD(list);
		int n = 0;

		for (pfn = zone->zone_start_pfn; pfn < end; pfn++) {
			struct page *page = pfn_to_page(pfn);
			int left;

			if (atomic_read(&st->stop))
				break;
			if (!__PageMovable(page) || !isolate_movable_page(page, 0))
				continue;
			list_add_tail(&page->lru, &list);
			if (++n < SCAN_BATCH && pfn + 1 < end)
				continue;
			left = migrate_pages(&list, new_target, NULL, 0,
					     MIGRATE_SYNC, MR_COMPACTION);
			if (left > 0)
				atomic_long_add(left, &st->scanned_failed);
			atomic_long_add(n - max(left, 0),
					&st->scanned_migrated);
			putback_movable_pages(&list);
			n = 0;
		}
		if (n) {
			migrate_pages(&list, new_target, NULL, 0, MIGRATE_SYNC,
				      MR_COMPACTION);
			putback_movable_pages(&list);
		}
	}
}

static bool all_rounds(struct stress *st)
{
	int m;

	for (m = 0; m < NR_MAPPERS; m++)
		if (atomic_read(&st->rounds[m]) < MIN_ROUNDS)
			return false;
	return atomic_read(&st->passes) >= MIN_PASSES;
}

static void compactor(struct stress *st)
{
	u64 start = now_ms();

	while (now_ms() - start < MIN_MS || !all_rounds(st)) {
		if (now_ms() - start > MAX_MS)
			break;	/* stuck: all_rounds() fails the test */
		kernel_write_file_path("/proc/sys/vm/compact_memory", "1\n", 2);
		zs_compact(st->pool);
		scan_and_migrate(st);
		atomic_inc(&st->passes);
	}
	atomic_set(&st->stop, 1);
}

/*
 * Reclaim's shrinkers, as if an LRU of one page had been scanned: every
 * call asks each shrinker for everything it can free.
 */
static void shrinker_loop(struct stress *st)
{
	while (!atomic_read(&st->stop)) {
		atomic_long_add(shrink_slab(GFP_KERNEL, 0, SWAP_CLUSTER_MAX, 1),
				&st->shrinker_freed);
		atomic_long_inc(&st->shrinker_passes);
		cond_resched();
	}
}

static int stress_fn(void *arg, int idx)
{
	struct stress *st = arg;

	if (idx == 0)
		compactor(st);
	else if (idx == NR_MAPPERS + 1)
		shrinker_loop(st);
	else
		mapper(st, idx - 1);
	return 0;
}

static unsigned long bad_after(struct stress *st)
{
	unsigned long bad = 0;
	int m, i;

	for (m = 0; m < NR_MAPPERS; m++)
		for (i = 0; i < NR_OBJS; i++) {
			struct sobj *o = &st->objs[m][i];
			void *p;

			if (!o->handle)
				continue;
			p = zs_map_object(st->pool, o->handle, ZS_MM_RO);
			bad += first_bad(p, o) >= 0;
			zs_unmap_object(st->pool, o->handle);
		}
	return bad;
}

static void run_stress(struct __test_metadata *_metadata, bool churn)
{
	unsigned long success, live = 0, ms;
	struct zs_pool_stats stats;
	struct stress *st = calloc(1, sizeof(*st));
	u64 s = seed_stream(7), start;
	int m, i;

	st->churn = churn;
	st->pool = zs_create_pool("stress");
	ASSERT_NE(NULL, st->pool);
	for (m = 0; m < NR_MAPPERS; m++) {
		st->objs[m] = calloc(NR_OBJS, sizeof(struct sobj));
		for (i = 0; i < NR_OBJS; i++)
			ASSERT_TRUE(alloc_obj(st, m, &st->objs[m][i], &s));
		/* Holes and sparse zspages: work for both compactions. */
		for (i = 0; i < NR_OBJS; i += 2) {
			zs_free(st->pool, st->objs[m][i].handle);
			st->objs[m][i].handle = 0;
		}
	}
	success = sum_vm_event(PGMIGRATE_SUCCESS);
	start = now_ms();

	ASSERT_EQ(0, umm_run_threads(NR_MAPPERS + 2, stress_fn, st));

	ms = now_ms() - start;
	zs_pool_stats(st->pool, &stats);
	printf("# %lu ms: %d compactor passes; maps per mapper %d %d %d %d (%ld RW, %ld across pages); %ld freed and reallocated (%ld failed)\n",
	       ms, atomic_read(&st->passes), atomic_read(&st->rounds[0]),
	       atomic_read(&st->rounds[1]), atomic_read(&st->rounds[2]),
	       atomic_read(&st->rounds[3]), atomic_long_read(&st->rw_maps),
	       atomic_long_read(&st->spanning_maps),
	       atomic_long_read(&st->churned),
	       atomic_long_read(&st->alloc_failed));
	printf("# pgmigrate_success +%lu (scanner %ld, %ld not migrated); zs_compact freed %lu pages; %lu pages now\n",
	       sum_vm_event(PGMIGRATE_SUCCESS) - success,
	       atomic_long_read(&st->scanned_migrated),
	       atomic_long_read(&st->scanned_failed), stats.pages_compacted,
	       zs_get_total_pages(st->pool));
	printf("# shrink_slab: %ld passes, %ld freed\n",
	       atomic_long_read(&st->shrinker_passes),
	       atomic_long_read(&st->shrinker_freed));

	EXPECT_EQ(0, atomic_long_read(&st->bad));
	EXPECT_TRUE(all_rounds(st));
	/* Pages really moved, under objects really mapped across pages. */
	EXPECT_LT(success, sum_vm_event(PGMIGRATE_SUCCESS));
	EXPECT_LT(0, atomic_long_read(&st->scanned_migrated));
	EXPECT_LT(0, atomic_long_read(&st->spanning_maps));
	EXPECT_LT(0, atomic_long_read(&st->rw_maps));
	EXPECT_LT(0, stats.pages_compacted);
	EXPECT_LT(0, atomic_long_read(&st->shrinker_passes));
	if (churn) {
		EXPECT_LT(0, atomic_long_read(&st->churned));
	}

	/* Afterwards, quiet: everything reads back and the books balance. */
	flush_scheduled_work();
	EXPECT_EQ(0, bad_after(st));
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(zs_get_total_pages(st->pool),
		  global_zone_page_state(NR_ZSPAGES));
	for (m = 0; m < NR_MAPPERS; m++)
		for (i = 0; i < NR_OBJS; i++)
			live += st->objs[m][i].handle != 0;
	EXPECT_LE(live, zs_get_total_pages(st->pool) * PAGE_SIZE / 32);
	for (m = 0; m < NR_MAPPERS; m++) {
		for (i = 0; i < NR_OBJS; i++)
			zs_free(st->pool, st->objs[m][i].handle);
		free(st->objs[m]);
	}
	flush_scheduled_work();
	EXPECT_EQ(0, zs_get_total_pages(st->pool));
	EXPECT_EQ(0, global_zone_page_state(NR_ZSPAGES));
	zs_destroy_pool(st->pool);
	free(st);
}

TEST_F_TIMEOUT(umm, zsmalloc_concurrent_map_while_zspage_pages_migrate, UMM_TIMEOUT(180))
{
	run_stress(_metadata, false);
}

TEST_F_TIMEOUT(umm, zsmalloc_concurrent_alloc_free_map_while_compacting, UMM_TIMEOUT(180))
{
	run_stress(_metadata, true);
}

UMM_TEST_MAIN
