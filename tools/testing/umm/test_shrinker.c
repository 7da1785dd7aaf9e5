// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_shrinker.c - shrinkers, and zsmalloc's
 *
 * shrink_slab() against a test shrinker that records its calls: how many
 * objects each call asks for follows 4.8's arithmetic (the share of the
 * LRU scanned, times 4 / seeks, times what could be freed; batches of
 * SHRINK_BATCH or the shrinker's own; work carried in nr_deferred; at
 * most half the cache for deferred work alone, never more than twice
 * it), SHRINK_STOP ends a round, nothing is asked of a shrinker with
 * nothing to free, and an unregistered shrinker is never called again.
 * The expected figures are worked out here by hand, not by the formula.
 *
 * zsmalloc's shrinker (4.8): a pool registers it, its count is the
 * "freeable" column of the pool's classes file, its scan compacts and
 * answers the pages freed or SHRINK_STOP, and zram's reset takes it away.
 * Under memory pressure with sparse zspages (a task swapped out to zram,
 * then every other page of it given back) reclaim compacts the pool by
 * itself: mm_stat's pages_compacted grows with no write to the compact
 * file, and the task's data reads back intact.
 *
 * The threaded run of the shrinker against zs_compact() and page
 * migration is in test_zsmalloc_stress.c.  All test names start with
 * "shrinker_" (make check TESTS=shrinker).
 */
#include "swap_test.h"

#include <linux/shrinker.h>

SWAP_FIXTURE(det64, deterministic, "mem=64M umm.deterministic=1")

/* ---- a shrinker that records its calls ---------------------------------- */

#define MAX_CALLS	64

struct test_shrinker {
	struct shrinker shrinker;
	unsigned long freeable;		/* what count_objects() answers */
	bool stop;			/* scan_objects() answers SHRINK_STOP */
	int counts, scans;
	unsigned long asked[MAX_CALLS];	/* nr_to_scan of each scan */
};

static unsigned long ts_count(struct shrinker *s, struct shrink_control *sc)
{
	struct test_shrinker *t = container_of(s, struct test_shrinker,
					       shrinker);

	t->counts++;
	return t->freeable;
}

static unsigned long ts_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct test_shrinker *t = container_of(s, struct test_shrinker,
					       shrinker);

	if (t->scans < MAX_CALLS)
		t->asked[t->scans] = sc->nr_to_scan;
	t->scans++;
	return t->stop ? SHRINK_STOP : sc->nr_to_scan;
}

static int ts_register(struct test_shrinker *t, unsigned long freeable,
		       long batch)
{
	memset(t, 0, sizeof(*t));
	t->freeable = freeable;
	t->shrinker.count_objects = ts_count;
	t->shrinker.scan_objects = ts_scan;
	t->shrinker.seeks = DEFAULT_SEEKS;
	t->shrinker.batch = batch;
	return register_shrinker(&t->shrinker);
}

static long deferred(struct test_shrinker *t)
{
	return atomic_long_read(&t->shrinker.nr_deferred[0]);
}

static void reset_calls(struct test_shrinker *t)
{
	t->counts = 0;
	t->scans = 0;
	memset(t->asked, 0, sizeof(t->asked));
}

/* ---- shrink_slab()'s arithmetic ----------------------------------------- */

/*
 * 1000 of 1000 LRU pages scanned, 1000 objects, seeks 2: the wanted scan
 * is 2000 * 1000 / 1001 = 1998, fifteen batches of 128 (1920 objects,
 * counted in slabs_scanned) and 78 deferred.  The next round scans the
 * default 32 pages: 64 * 1000 / 1001 = 63 more, 141 in all, one batch,
 * 13 left.
 */
TEST_F(det64, shrinker_shrink_slab_scans_in_batches_and_defers_the_rest)
{
	unsigned long slabs = sum_vm_event(SLABS_SCANNED), freed;
	struct test_shrinker t;
	int i;

	ASSERT_EQ(0, ts_register(&t, 1000, 0));
	freed = shrink_slab(GFP_KERNEL, 0, 1000, 1000);
	EXPECT_EQ(1, t.counts);
	EXPECT_EQ(15, t.scans);
	for (i = 0; i < 15; i++)
		EXPECT_EQ(128, t.asked[i]);
	EXPECT_LE(15 * 128, freed);
	EXPECT_EQ(78, deferred(&t));
	EXPECT_EQ(15 * 128, sum_vm_event(SLABS_SCANNED) - slabs);

	reset_calls(&t);
	shrink_slab(GFP_KERNEL, 0, 0, 1000);
	EXPECT_EQ(1, t.scans);
	EXPECT_EQ(128, t.asked[0]);
	EXPECT_EQ(13, deferred(&t));
	unregister_shrinker(&t.shrinker);
}

/*
 * Deferred work alone may take at most half the cache: 300 deferred,
 * 1000 objects and a wanted scan of 0 (1 page of 1000000) give 300, two
 * batches and 44 deferred; with 800 deferred only 500 are scanned (three
 * batches, 116 left) and the rest of the 800 is dropped.
 */
TEST_F(det64, shrinker_deferred_work_alone_takes_at_most_half)
{
	struct test_shrinker t;

	ASSERT_EQ(0, ts_register(&t, 1000, 0));
	atomic_long_set(&t.shrinker.nr_deferred[0], 300);
	shrink_slab(GFP_KERNEL, 0, 1, 1000000);
	EXPECT_EQ(2, t.scans);
	EXPECT_EQ(44, deferred(&t));

	reset_calls(&t);
	atomic_long_set(&t.shrinker.nr_deferred[0], 800);
	shrink_slab(GFP_KERNEL, 0, 1, 1000000);
	EXPECT_EQ(3, t.scans);
	EXPECT_EQ(500 - 3 * 128, deferred(&t));
	unregister_shrinker(&t.shrinker);
}

/*
 * A cache smaller than a batch, under heavy pressure (32 pages scanned of
 * an empty LRU: 64 * 10 wanted), is scanned whole: twice its 10 objects
 * at most, in one call of 20.  With its own batch of 16, the same 20 are
 * one call of 16 and 4 deferred: 4 is neither a batch nor the cache.
 */
TEST_F(det64, shrinker_small_cache_scanned_whole_and_own_batch)
{
	struct test_shrinker t;

	ASSERT_EQ(0, ts_register(&t, 10, 0));
	shrink_slab(GFP_KERNEL, 0, 32, 0);
	EXPECT_EQ(1, t.scans);
	EXPECT_EQ(20, t.asked[0]);
	EXPECT_EQ(0, deferred(&t));
	unregister_shrinker(&t.shrinker);

	ASSERT_EQ(0, ts_register(&t, 10, 16));
	shrink_slab(GFP_KERNEL, 0, 32, 0);
	EXPECT_EQ(1, t.scans);
	EXPECT_EQ(16, t.asked[0]);
	EXPECT_EQ(4, deferred(&t));
	unregister_shrinker(&t.shrinker);
}

/*
 * SHRINK_STOP ends the round after one call, the wanted work deferred;
 * a count of 0 means no scan call and the deferred work left as it was.
 */
TEST_F(det64, shrinker_stop_and_nothing_to_free)
{
	unsigned long slabs = sum_vm_event(SLABS_SCANNED);
	struct test_shrinker t;

	ASSERT_EQ(0, ts_register(&t, 1000, 0));
	t.stop = true;
	EXPECT_EQ(0, shrink_slab(GFP_KERNEL, 0, 1000, 1000));
	EXPECT_EQ(1, t.scans);
	EXPECT_EQ(1998, deferred(&t));
	EXPECT_EQ(slabs, sum_vm_event(SLABS_SCANNED));

	reset_calls(&t);
	t.freeable = 0;
	EXPECT_EQ(0, shrink_slab(GFP_KERNEL, 0, 1000, 1000));
	EXPECT_EQ(1, t.counts);
	EXPECT_EQ(0, t.scans);
	EXPECT_EQ(1998, deferred(&t));
	unregister_shrinker(&t.shrinker);
}

/*
 * Registered shrinkers are called in order; one unregistered is not
 * called any more, the others still are.
 */
TEST_F(det64, shrinker_register_unregister_and_busy_list)
{
	struct test_shrinker a, b;

	ASSERT_EQ(0, ts_register(&a, 10, 0));
	ASSERT_EQ(0, ts_register(&b, 10, 0));
	EXPECT_EQ(&b.shrinker.list, a.shrinker.list.next);
	shrink_slab(GFP_KERNEL, 0, 32, 0);
	EXPECT_EQ(1, a.scans);
	EXPECT_EQ(1, b.scans);

	unregister_shrinker(&a.shrinker);
	EXPECT_EQ(NULL, a.shrinker.nr_deferred);
	shrink_slab(GFP_KERNEL, 0, 32, 0);
	EXPECT_EQ(1, a.counts);
	EXPECT_EQ(1, a.scans);
	EXPECT_EQ(2, b.scans);
	unregister_shrinker(&b.shrinker);
}

/* ---- zsmalloc's shrinker ----------------------------------------------- */

/* The Total line's last column (freeable) of a pool's classes file. */
static long pool_freeable(const char *name)
{
	char path[128], buf[16384], *line;
	long v = -1;

	snprintf(path, sizeof(path), "/sys/kernel/debug/zsmalloc/%s/classes",
		 name);
	if (!read_file_buf(path, buf, sizeof(buf)))
		return -1;
	line = strstr(buf, "Total");
	if (!line)
		return -1;
	line = strchr(line, '\n') ? (*strchr(line, '\n') = 0, line) : line;
	line = strrchr(line, ' ');
	if (line)
		v = strtol(line + 1, NULL, 10);
	return v;
}

/*
 * The shrinker registered after @before, found by its place on the list:
 * shrinkers are added at the tail.
 */
static struct shrinker *next_shrinker(struct test_shrinker *before)
{
	return container_of(before->shrinker.list.next, struct shrinker, list);
}

#define NR_OBJS		4000

/*
 * A pool registers its shrinker: DEFAULT_SEEKS, the default batch.  With
 * every other object freed, its count is the classes file's freeable
 * total; a scan compacts: it answers the pages freed, which are what
 * pages_compacted grew by, after which the count is 0 and a second scan
 * answers SHRINK_STOP.  Every object reads back; destroying the pool
 * takes its shrinker off the list.
 */
TEST_F(det64, shrinker_zsmalloc_pool_count_scan_and_destroy)
{
	unsigned long *h = calloc(NR_OBJS, sizeof(*h)), freed;
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL };
	struct test_shrinker first, last;
	struct zs_pool_stats st;
	struct zs_pool *pool;
	struct shrinker *s;
	long count;
	int i, bad = 0;

	ASSERT_NE(NULL, h);
	ASSERT_EQ(0, ts_register(&first, 0, 0));
	pool = zs_create_pool("shrink");
	ASSERT_NE(NULL, pool);
	ASSERT_EQ(0, ts_register(&last, 0, 0));
	s = next_shrinker(&first);
	ASSERT_NE(&last.shrinker, s);
	EXPECT_EQ(DEFAULT_SEEKS, s->seeks);
	EXPECT_EQ(0, s->batch);
	EXPECT_EQ(0, s->count_objects(s, &sc));

	for (i = 0; i < NR_OBJS; i++) {
		size_t size = 100 + (i * 37) % 1500;
		char *p;

		h[i] = zs_malloc(pool, size, GFP_KERNEL);
		ASSERT_NE(0, h[i]);
		p = zs_map_object(pool, h[i], ZS_MM_WO);
		memset(p, i & 0xff, size);
		zs_unmap_object(pool, h[i]);
	}
	for (i = 0; i < NR_OBJS; i += 2) {
		zs_free(pool, h[i]);
		h[i] = 0;
	}
	count = s->count_objects(s, &sc);
	printf("# count %ld, classes file freeable %ld, %lu pages\n", count,
	       pool_freeable("shrink"), zs_get_total_pages(pool));
	EXPECT_LT(0, count);
	EXPECT_EQ(pool_freeable("shrink"), count);

	freed = s->scan_objects(s, &sc);
	zs_pool_stats(pool, &st);
	EXPECT_NE(SHRINK_STOP, freed);
	EXPECT_EQ(st.pages_compacted, freed);
	EXPECT_LE(count, (long)freed);
	EXPECT_EQ(0, s->count_objects(s, &sc));
	EXPECT_EQ(SHRINK_STOP, s->scan_objects(s, &sc));

	for (i = 1; i < NR_OBJS; i += 2) {
		size_t size = 100 + (i * 37) % 1500;
		unsigned char *p = zs_map_object(pool, h[i], ZS_MM_RO);

		if (memchr_inv(p, i & 0xff, size))
			bad++;
		zs_unmap_object(pool, h[i]);
		zs_free(pool, h[i]);
	}
	EXPECT_EQ(0, bad);
	zs_destroy_pool(pool);
	EXPECT_EQ(&last.shrinker.list, first.shrinker.list.next);
	unregister_shrinker(&first.shrinker);
	unregister_shrinker(&last.shrinker);
	free(h);
}

/* ---- reclaim compacts zram's pool ---------------------------------------- */

/*
 * A task's 24M swapped out to zram (reclaimed as if memory were short),
 * then every other page of it given back: zram's zspages are half empty.
 * Allocations with direct reclaim (2M more than is free) then push free memory below the
 * watermarks; reclaim's shrink_slab() finds zram's pool compactable
 * against a small LRU and compacts it: pages_compacted grows (no write to
 * the compact file), slabs_scanned counts it, the pool shrinks, and the
 * task's remaining pages read back intact.  Then zram's reset takes the
 * pool's shrinker off the list: reclaim calls only ours.
 */
TEST_F_TIMEOUT(det64, shrinker_reclaim_compacts_zram_under_pressure, UMM_TIMEOUT(60))
{
	const gfp_t gfp = (GFP_HIGHUSER_MOVABLE & ~__GFP_KSWAPD_RECLAIM) |
			  __GFP_NOWARN;
	struct page **held = calloc(max_pfn, sizeof(*held));
	unsigned long long compacted0, compacted1, used0, used1;
	unsigned long slabs, stalls, target, n = 0, i;
	struct test_shrinker first, last;
	struct verify_result res;
	struct workload *a;
	long freeable;

	ASSERT_NE(NULL, held);
	ASSERT_EQ(0, ts_register(&first, 0, 0));
	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	ASSERT_EQ(0, ts_register(&last, 0, 0));
	/* zram's pool put its shrinker between ours. */
	EXPECT_NE(&last.shrinker.list, first.shrinker.list.next);

	a = task_filled("a", MB(24), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	shrink_all_memory(MB(24) / PAGE_SIZE);
	printf("# %lu swap entries\n", swapents(a));
	EXPECT_LT(MB(12) / PAGE_SIZE, swapents(a));
	EXPECT_EQ(MB(12) / PAGE_SIZE, workload_dontneed(a, 50, 2, 0));
	settle();

	freeable = pool_freeable("zram0");
	compacted0 = zstat("zram0", "mm_stat", PAGES_COMPACTED);
	used0 = zstat("zram0", "mm_stat", MEM_USED_TOTAL);
	slabs = sum_vm_event(SLABS_SCANNED);
	stalls = sum_vm_event(ALLOCSTALL_NORMAL) +
		 sum_vm_event(ALLOCSTALL_MOVABLE);
	printf("# freeable %ld pages, pages_compacted %llu, mem_used %llu\n",
	       freeable, compacted0, used0);
	EXPECT_LT(0, freeable);
	EXPECT_EQ(0, compacted0);

	/* 2M more than is free now: reclaim must run. */
	target = MB(2) / PAGE_SIZE + global_zone_page_state(NR_FREE_PAGES);
	while (n < target) {
		struct page *page = alloc_page(gfp);

		if (!page)
			break;
		held[n++] = page;
	}
	compacted1 = zstat("zram0", "mm_stat", PAGES_COMPACTED);
	used1 = zstat("zram0", "mm_stat", MEM_USED_TOTAL);
	printf("# %lu pages allocated, %lu stalls: pages_compacted %llu, mem_used %llu, slabs_scanned +%lu\n",
	       n, sum_vm_event(ALLOCSTALL_NORMAL) +
	       sum_vm_event(ALLOCSTALL_MOVABLE) - stalls, compacted1, used1,
	       sum_vm_event(SLABS_SCANNED) - slabs);
	EXPECT_LT(stalls, sum_vm_event(ALLOCSTALL_NORMAL) +
		  sum_vm_event(ALLOCSTALL_MOVABLE));
	EXPECT_LT(0, compacted1);
	EXPECT_LT(used1, used0);
	EXPECT_LT(0, sum_vm_event(SLABS_SCANNED) - slabs);
	for (i = 0; i < n; i++)
		__free_page(held[i]);
	free(held);

	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(MB(12) / PAGE_SIZE, res.checked);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));

	/* The pool is gone, and so is its shrinker. */
	EXPECT_EQ(&last.shrinker.list, first.shrinker.list.next);
	first.freeable = last.freeable = 10;
	shrink_slab(GFP_KERNEL, 0, 32, 0);
	EXPECT_EQ(1, first.scans);
	EXPECT_EQ(1, last.scans);
	unregister_shrinker(&first.shrinker);
	unregister_shrinker(&last.shrinker);
}

UMM_TEST_MAIN
