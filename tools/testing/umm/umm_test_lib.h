/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/testing/umm/umm_test_lib.h - helpers shared by the white-box tests
 *
 * Kept apart from umm_test.h because kselftest_harness.h defines functions
 * and may be included by one file of a test binary only.
 */
#ifndef _UMM_TEST_LIB_H
#define _UMM_TEST_LIB_H

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/start_kernel.h>

extern unsigned long umm_test_seed;

/* Boot with space-separated parameters; umm.seed= is added. 0 or -errno. */
int umm_boot(const char *params);

/*
 * Walk every zone: free lists against nr_free and NR_FREE_PAGES, PageBuddy
 * and order of every listed block, pageblock migratetypes in range, no page
 * left PG_isolated with a movable tag.  Prints each problem; returns their
 * number.
 */
int check_zones(void);

/* Free pages with every per-cpu list drained. */
unsigned long umm_free_pages(void);

/* Run @fn on @nr kernel threads at once and wait for all of them. */
int umm_run_threads(int nr, int (*fn)(void *arg, int idx), void *arg);

/* How many blocks of @order the zone has free, per migratetype list. */
unsigned long nr_free_blocks(struct zone *zone, unsigned int order, int mt);

/*
 * Fault one page in a throw-away workload task.  anon_vmas are type-stable
 * (mm/rmap.c): once the first one exists its slab page is never given
 * back, as SLAB_TYPESAFE_BY_RCU memory could not be without RCU.  Tests
 * of tasks call this before recording their free page count, so that the
 * leak check sees real leaks only.  Returns 0 or -errno.
 */
int umm_prime_anon_vma_cache(void);

/* Parses -s SEED (or $UMM_SEED), prints the seed; returns the new argc. */
int umm_test_args(int argc, char **argv);

/* What console commands printed, and their status. */
struct console_out {
	int ret;
	char out[16384];
	char err[16384];
};
/* Run console commands as a script would, capturing what they print. */
int console(const char *cmds, struct console_out *o);

#define UMM_ZONE(idx)	(&NODE_DATA(0)->node_zones[(idx)])

#endif /* _UMM_TEST_LIB_H */
