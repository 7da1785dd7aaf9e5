// SPDX-License-Identifier: GPL-2.0
/*
 * tools/bench/bench_migrate.c - LRU page migration and compaction
 *
 * All of RAM is touched once before measuring (see warm_arena()).
 *
 * Prints, for one run on this machine:
 *   LRU page migration, ns per page in batches of 32 (isolate, unmap,
 *   copy, remap, free), against a 4 KiB memcpy measured in the same run,
 *   both over as much memory (cache-cold, as migration's copy is) and
 *   from one hot buffer (target: within 4x of the hot memcpy);
 *   non-LRU page migration of the sample driver's pages
 *   (samples/movable), same batches, against the same memcpy (target:
 *   within 3x of the hot one) and against LRU migration;
 *   compact_memory on a 1 GiB zone half fragmented by movable pages:
 *   time, pages migrated per second, and scan efficiency (pages scanned
 *   by both scanners per page migrated).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/swap.h>
#include <linux/migrate.h>
#include <linux/vmstat.h>
#include <linux/workload.h>
#include <linux/pseudo_fs.h>
#include <linux/start_kernel.h>

#include "bench.h"

#define BATCH	32

/* Isolate the pages of a workload in batches and migrate them. */
static double migrate_ns(struct workload *w, unsigned long start,
			 unsigned long pages, unsigned long *moved)
{
	unsigned long addr, done = 0;
	double t, elapsed = 0;
	LIST_HEAD(list);

	while (done < pages) {
		int n = 0;

		for (addr = start + done * PAGE_SIZE;
		     n < BATCH && done < pages; done++, addr += PAGE_SIZE) {
			unsigned long pfn;
			struct page *page;

			if (mm_pte_state(w->task->mm, addr, &pfn) != 1)
				continue;
			page = pfn_to_page(pfn);
			if (isolate_lru_page(page))
				continue;
			inc_node_page_state(page, NR_ISOLATED_ANON);
			list_add_tail(&page->lru, &list);
			n++;
		}
		t = now();
		if (migrate_pages(&list, new_target, NULL, 0, MIGRATE_SYNC,
				  MR_SYSCALL))
			putback_movable_pages(&list);
		elapsed += now() - t;
		*moved += n;
	}
	return elapsed / *moved * 1e9;
}

static double bench_lru_migration(double *cold_ns, double *hot_ns)
{
	unsigned long pages = 32768, moved = 0;
	struct workload *w = workload_start("bench");
	double m, c, cold;
	long addr;

	addr = workload_mmap(w, pages * PAGE_SIZE);
	workload_fill(w, 500, 1);
	c = memcpy_hot_ns();
	cold = memcpy_cold_ns(pages);
	m = migrate_ns(w, addr, pages, &moved);
	printf("bench_migrate: LRU page migration %.0f ns/page (batch %d, %lu pages); 4 KiB memcpy %.0f ns cache-cold, %.0f ns cache-hot\n",
	       m, BATCH, moved, cold, c);
	printf("bench_migrate: LRU migration / memcpy: %.2f cache-cold; %.2f cache-hot %s\n",
	       m / cold, m / c, bench_target(m / c, "<=", 4, 2, "").text);
	workload_stop(w);
	*cold_ns = cold;
	*hot_ns = c;
	return m;
}

/*
 * The sample driver's pages are the only non-LRU movable pages of this
 * boot: isolate them by pfn, BATCH at a time, and migrate them.
 */
static void bench_nonlru_migration(double lru, double cold, double hot)
{
	const char *knob = "/sys/kernel/debug/movable_sample/pages";
	unsigned long moved, pages = 32768;
	double t, elapsed;

	if (write_knob(knob, pages)) {
		printf("bench_migrate: non-LRU: cannot grow the sample driver\n");
		return;
	}
	elapsed = migrate_movable_pages(NULL, BATCH, MR_SYSCALL, &moved);
	write_knob(knob, 0);
	if (!moved) {
		printf("bench_migrate: non-LRU: nothing migrated\n");
		return;
	}
	t = elapsed / moved * 1e9;
	printf("bench_migrate: non-LRU page migration (sample driver) %.0f ns/page (batch %d, %lu pages)\n",
	       t, BATCH, moved);
	printf("bench_migrate: non-LRU migration / memcpy: %.2f cache-cold; %.2f cache-hot %s; / LRU migration: %.2f\n",
	       t / cold, t / hot, bench_target(t / hot, "<=", 3, 2, "").text,
	       t / lru);
}

static void bench_compact_memory(void)
{
	unsigned long ms0, fs0, mig0, ms1, fs1, mig1;
	struct workload *w = workload_start("frag");
	unsigned long bytes = 700UL << 20;
	double t;

	workload_mmap(w, bytes);
	workload_fill(w, 500, 2);
	workload_dontneed(w, 50, 2, 3);
	drain_all_pages(NULL);
	ms0 = sum_vm_event(COMPACTMIGRATE_SCANNED);
	fs0 = sum_vm_event(COMPACTFREE_SCANNED);
	mig0 = sum_vm_event(PGMIGRATE_SUCCESS);
	t = now();
	kernel_write_file_path("/proc/sys/vm/compact_memory", "1\n", 2);
	t = now() - t;
	ms1 = sum_vm_event(COMPACTMIGRATE_SCANNED) - ms0;
	fs1 = sum_vm_event(COMPACTFREE_SCANNED) - fs0;
	mig1 = sum_vm_event(PGMIGRATE_SUCCESS) - mig0;
	printf("bench_migrate: compact_memory, 1 GiB zone half fragmented: %.3f s, %lu pages migrated, %.0f pages/s\n",
	       t, mig1, mig1 / t);
	printf("bench_migrate: scan efficiency: %.2f migrate-scanned and %.2f free-scanned per page migrated\n",
	       (double)ms1 / mig1, (double)fs1 / mig1);
	workload_stop(w);
}

int main(void)
{
	char *argv[] = { "mem=1G", "umm.deterministic=1", "quiet", NULL };
	double lru, cold, hot;

	if (kernel_boot(3, argv))
		return 1;
	warm_arena();
	lru = bench_lru_migration(&cold, &hot);
	bench_nonlru_migration(lru, cold, hot);
	bench_compact_memory();
	return 0;
}
