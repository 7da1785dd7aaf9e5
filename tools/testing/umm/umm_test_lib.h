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

/*
 * A kernel thread whose work is done waits here for kthread_stop(),
 * which must not find it gone.
 */
void umm_wait_for_stop(void);

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

/* The next number of the xorshift64 stream at *@state (never 0). */
u64 xorshift64(u64 *state);

/*
 * The first state of stream @stream: splitmix64 of the test's seed, so
 * that nearby seeds and streams give unrelated numbers.
 */
u64 seed_stream(u64 stream);

/* CLOCK_MONOTONIC in milliseconds. */
u64 now_ms(void);

/* Let allocations take the very last page: no reserve, no gap. */
void lower_watermarks(void);

/* Free blocks of order >= pageblock_order, in pageblocks, in every zone. */
unsigned long free_order9_units(void);

/* The process's resident memory in bytes (/proc/self/statm); -1. */
long rss_bytes(void);

/* A field of the host's /proc/self/smaps_rollup, in KiB; -1 if absent. */
long smaps_rollup_kb(const char *key);

/* How many newlines @s holds. */
unsigned long count_lines(const char *s);

/* ---- pseudo files (umm_file.c) ------------------------------------------ */

/* A file's text, malloc'ed; NULL if it cannot be read. */
char *read_file(const char *path);

/* A file's text in @buf, cut to @size; "" if it cannot be read.  @buf. */
char *read_file_buf(const char *path, char *buf, size_t size);

/* Write @text as it is: 0 or -errno. */
int write_file(const char *path, const char *text);

/* Write @val and a newline, as echo does: 0 or -errno. */
int echo_file(const char *path, const char *val);

/* Write the number @val and a newline (a knob): 0 or -errno. */
int write_knob(const char *path, unsigned long val);

/*
 * The number after @key (followed by a space or a tab) at the start of a
 * line of @path; with a NULL @key, the number the file starts with.  -1
 * if there is none or the file cannot be read.
 */
long file_value(const char *path, const char *key);

/* A value of /proc/vmstat, read as a script would read it; -1. */
long vmstat_value(const char *key);

/*
 * Pages the migration core moved for one kind of page, from
 * /sys/kernel/debug/umm/migrated ("balloon 12"); -1 if the kind has no
 * line (its driver did not register).
 */
long migrated_pages(const char *kind);

/* echo 1 > /proc/sys/vm/compact_memory: 0 or -errno. */
int compact_memory(void);

/* Every trace event off and the ring buffer's pages given back. */
void trace_release(void);

/* ---- workload tasks (umm_task.c) ---------------------------------------- */

struct workload;
struct verify_result;

/*
 * A started task with @bytes mapped and filled (@ratio per mille
 * compressible, from @seed), its address in *@addr if @addr; NULL.
 */
struct workload *task_filled(const char *name, unsigned long bytes,
			     unsigned int ratio, u64 seed, unsigned long *addr);

/*
 * workload_verify()'s mismatches (printed), or its error.  @res may be
 * NULL.
 */
long verify_mismatches(struct workload *w, struct verify_result *res);

/* Wait up to 5 s for a killed task to have exited. */
bool wait_exited(struct workload *w);

/* The frames behind [addr, addr + nr pages) of a task; 0: none. */
struct pfn_map {
	unsigned long addr;
	unsigned long nr;
	unsigned long *pfn;
};

/* Fill @m->pfn from the task's page table: 0 or -errno. */
int get_pfns(struct workload *w, struct pfn_map *m);

/* ---- devices: zram, zsmalloc, the balloon (umm_dev.c) ------------------- */

struct zram;
struct virtio_balloon;

/* Write @val and a newline to /sys/block/@dev/@attr: 0 or -errno. */
int zwrite(const char *dev, const char *attr, const char *val);

/* The zram device of /dev/@name; NULL. */
struct zram *zram_dev(const char *name);

/* Pages in zspages, every pool (NR_ZSPAGES). */
unsigned long nr_zspages(void);

/* The balloon driver's state; the device is "virtio0", or later after replugs. */
struct virtio_balloon *the_balloon(void);

/*
 * The host's set against the driver's list, at a quiescent point:
 * every page the driver holds is a balloon page and a frame the host
 * has, none is isolated, and there are as many of each.  Returns the
 * number of disagreements (and prints them).
 */
long balloon_sets_disagree(struct virtio_balloon *vb);

#endif /* _UMM_TEST_LIB_H */
