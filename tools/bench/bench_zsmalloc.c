// SPDX-License-Identifier: GPL-2.0
/*
 * tools/bench/bench_zsmalloc.c - zsmalloc against glibc, and its page
 * migration against a memcpy
 *
 * The object sizes are those zram would store: 4 KiB pages of mixed
 * data compressed with LZ4 (liblz4, as zram's lz4 backend uses it).  Each
 * synthetic page is made of 64-byte runs, each either random bytes or, in
 * the other runs, zeros, a repeated 8-byte value or text-like bytes
 * (synth_page()); the share of random runs cycles through 0, 0, 5, 10,
 * 15, 20, 25, 30, 40, 60 and 100% (random_pct[]); a page that compresses to
 * zs_huge_class_size() or more is stored whole (PAGE_SIZE), as zram does.
 *
 * Prints, for one run on this machine:
 *   zs_malloc + zs_free pairs per second in steady state (a working set
 *   of objects, each pair frees a random one and allocates the next size)
 *   against malloc + free with the same sizes and order;
 *   memory efficiency, live object bytes / bytes of memory holding them:
 *   zsmalloc's pages after freeing a random half and zs_compact(), and
 *   malloc's RSS growth (/proc/self/statm of a child process that does
 *   only that) after the same frees, and after malloc_trim(0);
 *   zsmalloc page migration, ns per page (isolate_movable_page() outside
 *   the clock, migrate_pages() in batches of 32 inside), against a 4 KiB
 *   memcpy measured in the same run, cache-cold and cache-hot, as
 *   bench_migrate.c does for LRU pages.
 * Ratios are zsmalloc's / glibc's (or memcpy's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <lz4.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/migrate.h>
#include <linux/page-flags.h>
#include <linux/vmstat.h>
#include <linux/zsmalloc.h>
#include <linux/start_kernel.h>

#include "bench.h"

#define ZS_GFP		(GFP_KERNEL | __GFP_MOVABLE | __GFP_HIGHMEM)
#define NR_SIZES	65536		/* the size sequence, reused in a loop */
#define WORKING_SET	16384		/* live objects during the pair loops */
#define NR_PAIRS	(4 * 1024 * 1024)
#define NR_EFFICIENCY	65536		/* objects for the efficiency figure */
#define BATCH		32

/* What objects are filled with: writing them is part of the cost. */
#define FILL_BYTE	0xa5

static unsigned int sizes[NR_SIZES];
static u64 rng = 0x2545f4914f6cdd1dULL;

static u64 rnd(void)
{
	return xorshift64(&rng);
}

/* ---- the size distribution --------------------------------------------- */

static const char *const words[] = {
	"the ", "page ", "of ", "memory ", "zone ", "is ", "free ", "and ",
	"a ", "compaction ", "moves ", "it ", "to ", "an ", "order ", "block ",
};

/*
 * The share of random runs, page after page: mostly compressible, as
 * swapped-out anonymous memory is (zram reports 2:1 to 4:1 on such data),
 * with a tail of incompressible pages.
 */
static const int random_pct[] = { 0, 0, 5, 10, 15, 20, 25, 30, 40, 60, 100 };

/*
 * A page with @pct percent of its 64-byte runs random; the others are
 * zeros (half of them), one repeated 8-byte value (a quarter: pointers,
 * counters) or text (a quarter).
 */
static void synth_page(unsigned char *page, int pct)
{
	u64 value = rnd();
	int run, i;

	for (run = 0; run < 4096 / 64; run++) {
		unsigned char *b = page + run * 64;
		unsigned int kind = rnd() % 4;

		if ((int)(rnd() % 100) < pct) {
			for (i = 0; i < 64; i++)
				b[i] = rnd();
		} else if (kind < 2) {
			memset(b, 0, 64);
		} else if (kind == 2) {
			for (i = 0; i < 64; i += 8)
				memcpy(b + i, &value, 8);
		} else {
			for (i = 0; i < 64; ) {
				const char *w = words[rnd() % 16];
				int n = min_t(int, strlen(w), 64 - i);

				memcpy(b + i, w, n);
				i += n;
			}
		}
	}
}

/* Fill sizes[] with LZ4-compressed sizes; returns the mean. */
static double make_sizes(size_t huge)
{
	static unsigned char page[4096], out[LZ4_COMPRESSBOUND(4096)];
	unsigned long total = 0, stored_whole = 0;
	int i;

	for (i = 0; i < NR_SIZES; i++) {
		int len;

		synth_page(page, random_pct[i % ARRAY_SIZE(random_pct)]);
		len = LZ4_compress_default((const char *)page, (char *)out,
					   4096, sizeof(out));
		if (len <= 0 || (size_t)len >= huge) {
			len = PAGE_SIZE;
			stored_whole++;
		}
		sizes[i] = len;
		total += len;
	}
	printf("bench_zsmalloc: sizes: LZ4 (liblz4 %s) of 4 KiB pages, 0-100%% random 64-byte runs: mean %.0f bytes, %.1f%% stored whole (>= %zu)\n",
	       LZ4_versionString(), (double)total / NR_SIZES,
	       100.0 * stored_whole / NR_SIZES, huge);
	return (double)total / NR_SIZES;
}

/* ---- alloc + free pairs ------------------------------------------------ */

/* Best of 3 runs of NR_PAIRS pairs over a working set of WORKING_SET. */
static double zs_pairs_per_sec(struct zs_pool *pool)
{
	static unsigned long h[WORKING_SET];
	double best = 0;
	int run;

	for (run = 0; run < 3; run++) {
		unsigned long i, s = 0;
		double t, rate;

		for (i = 0; i < WORKING_SET; i++)
			h[i] = zs_malloc(pool, sizes[s++ % NR_SIZES], ZS_GFP);
		rng = 42;
		t = now();
		for (i = 0; i < NR_PAIRS; i++) {
			unsigned long k = rnd() % WORKING_SET;

			zs_free(pool, h[k]);
			h[k] = zs_malloc(pool, sizes[s++ % NR_SIZES], ZS_GFP);
		}
		rate = NR_PAIRS / (now() - t);
		for (i = 0; i < WORKING_SET; i++)
			zs_free(pool, h[i]);
		if (rate > best)
			best = rate;
	}
	return best;
}

static double malloc_pairs_per_sec(void)
{
	static void *p[WORKING_SET];
	double best = 0;
	int run;

	for (run = 0; run < 3; run++) {
		unsigned long i, s = 0;
		double t, rate;

		for (i = 0; i < WORKING_SET; i++)
			p[i] = malloc(sizes[s++ % NR_SIZES]);
		rng = 42;
		t = now();
		for (i = 0; i < NR_PAIRS; i++) {
			unsigned long k = rnd() % WORKING_SET;

			free(p[k]);
			p[k] = malloc(sizes[s++ % NR_SIZES]);
			__asm__ __volatile__("" : : "r"(p[k]) : "memory");
		}
		rate = NR_PAIRS / (now() - t);
		for (i = 0; i < WORKING_SET; i++)
			free(p[i]);
		if (rate > best)
			best = rate;
	}
	return best;
}

/* ---- memory efficiency ------------------------------------------------- */

/* Which of the NR_EFFICIENCY objects are freed: the same for both. */
static bool freed_half(unsigned long i)
{
	return (i * 0x9e3779b97f4a7c15ULL) >> 63;
}

static double zs_efficiency(struct zs_pool *pool, double *before_compact)
{
	unsigned long *h = calloc(NR_EFFICIENCY, sizeof(long));
	unsigned long i, live = 0;
	double eff;

	for (i = 0; i < NR_EFFICIENCY; i++) {
		void *p;

		h[i] = zs_malloc(pool, sizes[i % NR_SIZES], ZS_GFP);
		p = zs_map_object(pool, h[i], ZS_MM_WO);
		memset(p, FILL_BYTE, sizes[i % NR_SIZES]);
		zs_unmap_object(pool, h[i]);
	}
	for (i = 0; i < NR_EFFICIENCY; i++) {
		if (freed_half(i)) {
			zs_free(pool, h[i]);
			h[i] = 0;
		} else {
			live += sizes[i % NR_SIZES];
		}
	}
	*before_compact = (double)live / (zs_get_total_pages(pool) * PAGE_SIZE);
	zs_compact(pool);
	eff = (double)live / (zs_get_total_pages(pool) * PAGE_SIZE);
	for (i = 0; i < NR_EFFICIENCY; i++)
		zs_free(pool, h[i]);
	free(h);
	return eff;
}

/*
 * In a child that does nothing else, so that its RSS growth is malloc's
 * alone: [0] after the frees, [1] after malloc_trim(0).
 */
static int malloc_efficiency(double eff[2])
{
	int fds[2];
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		void **p = calloc(NR_EFFICIENCY, sizeof(void *));
		unsigned long i, live = 0;
		long rss0;
		double e[2];

		rss0 = rss_bytes();
		for (i = 0; i < NR_EFFICIENCY; i++) {
			p[i] = malloc(sizes[i % NR_SIZES]);
			memset(p[i], FILL_BYTE, sizes[i % NR_SIZES]);
		}
		for (i = 0; i < NR_EFFICIENCY; i++) {
			if (freed_half(i)) {
				free(p[i]);
				p[i] = NULL;
			} else {
				live += sizes[i % NR_SIZES];
			}
		}
		e[0] = (double)live / (rss_bytes() - rss0);
		malloc_trim(0);
		e[1] = (double)live / (rss_bytes() - rss0);
		if (write(fds[1], e, sizeof(e)) != sizeof(e))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], eff, 2 * sizeof(double)) != 2 * sizeof(double))
		eff[0] = eff[1] = -1;
	waitpid(pid, NULL, 0);
	close(fds[0]);
	return 0;
}

/* ---- page migration ---------------------------------------------------- */

/*
 * Fill a pool with about @pages pages of objects, note every movable page
 * (all of them zsmalloc's), then isolate and migrate them BATCH at a time.
 */
static double zs_migrate_ns(struct zs_pool *pool, unsigned long pages,
			    unsigned long *moved, unsigned long *failed)
{
	unsigned long *h, *pfns, n = 0, nr_pfns = 0, i, pfn, max = pages * 8;
	struct zone *zone;
	double elapsed = 0;

	h = calloc(max, sizeof(long));
	pfns = calloc(2 * pages, sizeof(long));
	while (zs_get_total_pages(pool) < pages && n < max) {
		void *p;

		h[n] = zs_malloc(pool, sizes[n % NR_SIZES], ZS_GFP);
		p = zs_map_object(pool, h[n], ZS_MM_WO);
		memset(p, FILL_BYTE, sizes[n % NR_SIZES]);
		zs_unmap_object(pool, h[n]);
		n++;
	}
	for_each_populated_zone(zone)
		for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone) &&
		     nr_pfns < 2 * pages; pfn++)
			if (__PageMovable(pfn_to_page(pfn)))
				pfns[nr_pfns++] = pfn;

	for (i = 0; i < nr_pfns; ) {
		LIST_HEAD(list);
		int nr = 0, left;
		double t;

		for (; i < nr_pfns && nr < BATCH; i++) {
			struct page *page = pfn_to_page(pfns[i]);

			if (isolate_movable_page(page, 0)) {
				list_add_tail(&page->lru, &list);
				nr++;
			}
		}
		t = now();
		left = migrate_pages(&list, new_target, NULL, 0, MIGRATE_SYNC,
				     MR_COMPACTION);
		elapsed += now() - t;
		/* -ENOMEM: none of the batch counted as moved. */
		if (left < 0)
			left = nr;
		if (left)
			putback_movable_pages(&list);
		*failed += left;
		*moved += nr - left;
	}
	for (i = 0; i < n; i++)
		zs_free(pool, h[i]);
	free(h);
	free(pfns);
	return elapsed / *moved * 1e9;
}

int main(void)
{
	char *argv[] = { "mem=1G", "umm.deterministic=1", "quiet", NULL };
	unsigned long moved = 0, failed = 0, pages = 32768;
	double zs, ml, zs_eff, zs_eff0, ml_eff[2], mig, hot, cold;
	struct zs_pool *pool;

	if (kernel_boot(3, argv))
		return 1;
	warm_arena();
	pool = zs_create_pool("bench");
	if (!pool)
		return 1;
	make_sizes(zs_huge_class_size(pool));

	zs = zs_pairs_per_sec(pool);
	ml = malloc_pairs_per_sec();
	printf("bench_zsmalloc: zs_malloc+zs_free %.2f Mpairs/s, malloc+free %.2f Mpairs/s (working set %d, same sizes), ratio %.2f\n",
	       zs / 1e6, ml / 1e6, WORKING_SET, zs / ml);

	zs_eff = zs_efficiency(pool, &zs_eff0);
	malloc_efficiency(ml_eff);
	printf("bench_zsmalloc: memory efficiency (live bytes / memory used), %d objects, half freed: zsmalloc %.3f after zs_compact (%.3f before), malloc %.3f (RSS growth; %.3f after malloc_trim)\n",
	       NR_EFFICIENCY, zs_eff, zs_eff0, ml_eff[0], ml_eff[1]);
	printf("bench_zsmalloc: efficiency zsmalloc / malloc: %.2f (%.2f against malloc_trim)\n",
	       zs_eff / ml_eff[0], zs_eff / ml_eff[1]);

	hot = memcpy_hot_ns();
	cold = memcpy_cold_ns(pages);
	mig = zs_migrate_ns(pool, pages, &moved, &failed);
	printf("bench_zsmalloc: zsmalloc page migration %.0f ns/page (batch %d, %lu pages, %lu failed); 4 KiB memcpy %.0f ns cache-cold, %.0f ns cache-hot\n",
	       mig, BATCH, moved, failed, cold, hot);
	printf("bench_zsmalloc: zsmalloc migration / memcpy: %.2f (cold), %.2f (hot)\n",
	       mig / cold, mig / hot);
	zs_destroy_pool(pool);
	return 0;
}
