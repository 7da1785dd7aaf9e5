// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/umm_stress.c - the threads that stress tests share
 *
 * See umm_stress.h.
 */
#include <stdio.h>
#include <unistd.h>

#include "umm_test_lib.h"
#include "umm_stress.h"

#include <linux/migrate.h>
#include <linux/page-flags.h>

void stress_error(struct umm_stress *s, const char *what, long val)
{
	printf("# %s (%ld)\n", what, val);
	atomic_inc(&s->errors);
}

void compactor_thread(struct umm_stress *s)
{
	while (!atomic_read(&s->stop)) {
		int ret = compact_memory();

		if (ret < 0)
			stress_error(s, "compact_memory failed", ret);
		atomic_long_inc(&s->compactions);
		/* Two host CPUs may be all there is: let the others run. */
		usleep(s->compactor_pause_us);
	}
}

static struct page *scanner_alloc(struct page *page, unsigned long private,
				  int **result)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN | __GFP_NORETRY);
}

void scanner_thread(struct umm_stress *s, struct rnd_state *rnd)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	unsigned long span = zone_end_pfn(zone) - zone->zone_start_pfn;

	while (!atomic_read(&s->stop)) {
		unsigned long start = zone->zone_start_pfn +
				      prandom_u32_state_max(rnd, span - 512);
		enum migrate_mode mode = prandom_u32_state_max(rnd, 3);
		unsigned long pfn, nr = 0;
		LIST_HEAD(list);
		int left;

		for (pfn = start; pfn < start + 512 && nr < 32; pfn++) {
			struct page *page = pfn_to_page(pfn);

			/* A hint only: isolate_movable_page() decides. */
			if (!__PageMovable(page) || PageIsolated(page))
				continue;
			if (isolate_movable_page(page, mode == MIGRATE_ASYNC ?
						 ISOLATE_ASYNC_MIGRATE : 0)) {
				list_add_tail(&page->lru, &list);
				nr++;
			}
		}
		atomic_long_inc(&s->scanner_rounds);
		atomic_long_add(nr, &s->scanner_isolated);
		if (!nr) {
			if (s->scanner_idle_us)
				usleep(s->scanner_idle_us);
			continue;
		}
		left = migrate_pages(&list, scanner_alloc, NULL, 0, mode,
				     MR_COMPACTION);
		if (left < 0)
			left = 0;
		atomic_long_add(nr - left, &s->scanner_migrated);
		putback_movable_pages(&list);
		usleep(s->scanner_pause_us);
	}
}
