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
 *   from one hot buffer (target: within 4x of memcpy);
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

#define BATCH	32

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double memcpy_ns(void)
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
 * The same copy over as much memory as the migration touches, so that it
 * misses the caches as migration does: the cost of moving the data.
 */
static double memcpy_cold_ns(unsigned long pages)
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

static struct page *new_target(struct page *page, unsigned long private,
			       int **result)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE);
}

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

static void bench_lru_migration(void)
{
	unsigned long pages = 32768, moved = 0;
	struct workload *w = workload_start("bench");
	double m, c, cold;
	long addr;

	addr = workload_mmap(w, pages * PAGE_SIZE);
	workload_fill(w, 500, 1);
	c = memcpy_ns();
	cold = memcpy_cold_ns(pages);
	m = migrate_ns(w, addr, pages, &moved);
	printf("bench_migrate: LRU page migration %.0f ns/page (batch %d, %lu pages); 4 KiB memcpy %.0f ns cache-cold, %.0f ns cache-hot\n",
	       m, BATCH, moved, cold, c);
	printf("bench_migrate: LRU migration / memcpy: %.2f (cold), %.2f (hot) (target <= 4.00)\n",
	       m / cold, m / c);
	workload_stop(w);
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

/*
 * Touch every free page once: the first touch of arena memory is a host
 * page fault (about a microsecond), a cost of the platform that a real
 * machine does not pay when it reuses RAM.
 */
static void warm_arena(void)
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

int main(void)
{
	char *argv[] = { "mem=1G", "umm.deterministic=1", "quiet", NULL };

	if (kernel_boot(3, argv))
		return 1;
	warm_arena();
	bench_lru_migration();
	bench_compact_memory();
	return 0;
}
