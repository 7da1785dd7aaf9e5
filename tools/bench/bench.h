/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/bench/bench.h - what the benchmarks share: the clock, the 4 KiB
 * memcpy baselines that migration is measured against, the verdict on a
 * target, a migration target allocator, migrating movable pages in
 * batches, and warming the arena.  Helpers the tests have too come from the tests' library
 * (umm_test_lib.h).
 *
 * Included by one file per benchmark binary, hence static functions.
 */
#ifndef _BENCH_H
#define _BENCH_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/list.h>
#include <linux/migrate.h>

#include "umm_test_lib.h"

static inline double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A 4 KiB memcpy from one hot buffer to another: best of 5 runs. */
static inline double memcpy_hot_ns(void)
{
	static char src[4096], dst[4096];
	double best = 1e9;
	int run, i;

	memset(src, 1, sizeof(src));
	for (run = 0; run < 5; run++) {
		double t = now();

		for (i = 0; i < 200000; i++) {
			memcpy(dst, src, sizeof(dst));
			__asm__ __volatile__("" : : "r"(dst) : "memory");
		}
		t = (now() - t) / 200000 * 1e9;
		if (t < best)
			best = t;
	}
	return best;
}

/*
 * The same copy over as much memory as a migration run touches, so that
 * it misses the caches as migration does: the cost of moving the data.
 */
static inline double memcpy_cold_ns(unsigned long pages)
{
	char *src = malloc(pages * 4096), *dst = malloc(pages * 4096);
	double best = 1e9;
	unsigned long i;
	int run;

	memset(src, 1, pages * 4096);
	memset(dst, 2, pages * 4096);
	for (run = 0; run < 3; run++) {
		double t = now();

		for (i = 0; i < pages; i++)
			memcpy(dst + i * 4096, src + i * 4096, 4096);
		__asm__ __volatile__("" : : "r"(dst) : "memory");
		t = (now() - t) / pages * 1e9;
		if (t < best)
			best = t;
	}
	free(src);
	free(dst);
	return best;
}

/*
 * A benchmark's target, judged: "(target >= 1.00): met" or "...: MISSED",
 * printed right after the value it judges.  scripts/run-bench.sh counts
 * the verdicts for its summary, so every target is printed through this.
 * @op is ">=", "<=" or "<"; @limit is shown with @decimals and @unit.
 */
struct bench_verdict {
	char text[64];
};

static inline struct bench_verdict bench_target(double value, const char *op,
						double limit, int decimals,
						const char *unit)
{
	struct bench_verdict v;
	bool met;

	if (!strcmp(op, ">="))
		met = value >= limit;
	else if (!strcmp(op, "<="))
		met = value <= limit;
	else
		met = value < limit;
	snprintf(v.text, sizeof(v.text), "(target %s %.*f%s): %s", op,
		 decimals, limit, unit, met ? "met" : "MISSED");
	return v;
}

/* migrate_pages()'s allocator of targets. */
static inline struct page *new_target(struct page *page,
				      unsigned long private, int **result)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE);
}

/*
 * Isolate every movable page (that @want accepts, if @want) by pfn, @batch
 * at a time, and migrate each batch for @reason; what fails goes back.
 * Returns the time migrate_pages() took, in seconds; the pages it was
 * given in *@moved.
 */
static inline double migrate_movable_pages(bool (*want)(struct page *page),
					   int batch, int reason,
					   unsigned long *moved)
{
	unsigned long pfn;
	double t, elapsed = 0;
	LIST_HEAD(list);
	int n = 0;

	*moved = 0;
	for (pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if ((want && !want(page)) || !__PageMovable(page) ||
		    !isolate_movable_page(page, 0))
			continue;
		list_add_tail(&page->lru, &list);
		if (++n < batch)
			continue;
		t = now();
		if (migrate_pages(&list, new_target, NULL, 0, MIGRATE_SYNC,
				  reason))
			putback_movable_pages(&list);
		elapsed += now() - t;
		*moved += n;
		n = 0;
	}
	if (n)
		putback_movable_pages(&list);
	return elapsed;
}

/*
 * Touch every free page once: the first touch of arena memory is a host
 * page fault (about a microsecond), a cost of the platform that a real
 * machine does not pay when it reuses RAM.
 */
static inline void warm_arena(void)
{
	LIST_HEAD(pages);
	struct page *page, *next;

	while ((page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN |
				  __GFP_NORETRY))) {
		memset(page_address(page), 0, PAGE_SIZE);
		list_add(&page->lru, &pages);
	}
	list_for_each_entry_safe(page, next, &pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

#endif /* _BENCH_H */
