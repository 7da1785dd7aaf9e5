/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/testing/umm/swap_test.h - what the swap tests share
 *
 * The tests of reclaim and swap to zram (test_swap*.c) boot machines of
 * a few kinds (SWAP_FIXTURE), set swap devices up and take them down,
 * fill tasks, read zram's and /proc's books and check that they agree.
 * Included by one file per test binary, after the harness (umm_test.h),
 * hence static functions.
 *
 * Every test sets its swap devices up itself and takes them down at the
 * end, so that the fixture's leak check sees every page come back.  All
 * test names start with "swap_" (make check TESTS=swap); the tests with
 * real threads contain "concurrent" (CI runs those under ThreadSanitizer).
 */
#ifndef _SWAP_TEST_H
#define _SWAP_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/wait.h>

#include "umm_test.h"

#include <linux/workload.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/rmap.h>
#include <linux/compaction.h>
#include <linux/migrate.h>
#include <linux/page-flags.h>
#include <linux/pagemap.h>
#include <linux/pseudo_fs.h>
#include <linux/blkdev.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mman.h>
#include <linux/wait.h>
#include <linux/umm.h>
#include <linux/err.h>
#include "../../../mm/internal.h"
#include "../../../drivers/block/zram/zram_drv.h"
#include "../../../init/console.h"

/* ---- fixtures ------------------------------------------------------------ */

/*
 * One fixture per machine: the boot parameters differ (memory size,
 * deterministic or threaded, number of zram devices), and each test says
 * which machine it needs by its fixture.  Setup and teardown are those
 * of FIXTURE(umm) (umm_test.h), with a wait for the daemons to go idle
 * first in the threaded mode.
 */
static void settle(void);

static void swap_setup(struct __test_metadata *_metadata,
		       unsigned long *free_at_boot, const char *params)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(params));
	ASSERT_EQ(0, umm_prime_anon_vma_cache());
	*free_at_boot = umm_free_pages();
}

static void swap_teardown(struct __test_metadata *_metadata,
			  unsigned long free_at_boot, bool expect_leak)
{
	settle();
	EXPECT_EQ(0, check_zones());
	if (!expect_leak)
		EXPECT_EQ(free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

#define SWAP_FIXTURE(fix, var, boot)					\
FIXTURE(fix) {								\
	unsigned long free_at_boot;					\
	bool expect_leak;						\
};									\
FIXTURE_VARIANT(fix) {							\
	const char *params;						\
	const char *alg;						\
};									\
FIXTURE_VARIANT_ADD(fix, var) {						\
	.params = boot,							\
};									\
FIXTURE_SETUP(fix)							\
{									\
	swap_setup(_metadata, &self->free_at_boot, variant->params);	\
}									\
FIXTURE_TEARDOWN(fix)							\
{									\
	swap_teardown(_metadata, self->free_at_boot, self->expect_leak); \
}


/* ---- helpers: files ------------------------------------------------------ */

#define MB(n)		((unsigned long)(n) << 20)

#define OWNER_SEED	0x73776170	/* "swap" */

static long long meminfo_kb(const char *key)
{
	return file_value("/proc/meminfo", key);
}

/* mm_stat's fields, in order. */
enum {
	ORIG_DATA_SIZE, COMPR_DATA_SIZE, MEM_USED_TOTAL, MEM_LIMIT,
	MEM_USED_MAX, SAME_PAGES, PAGES_COMPACTED, HUGE_PAGES,
	HUGE_PAGES_SINCE, MM_STAT_FIELDS
};

/* io_stat's fields. */
enum { FAILED_READS, FAILED_WRITES, INVALID_IO, NOTIFY_FREE, IO_STAT_FIELDS };

static unsigned long long zstat(const char *dev, const char *file, int field)
{
	unsigned long long v[MM_STAT_FIELDS] = { 0 };
	char path[128], buf[512], *p, *end;
	int n;

	snprintf(path, sizeof(path), "/sys/block/%s/%s", dev, file);
	read_file_buf(path, buf, sizeof(buf));
	for (p = buf, n = 0; n < MM_STAT_FIELDS; p = end, n++) {
		v[n] = strtoull(p, &end, 10);
		if (end == p)
			return ~0ULL;
		if (n == field)
			return v[n];
	}
	return ~0ULL;
}

/* Pages zram holds data for (same-filled pages are not counted). */
static unsigned long long zpages(const char *dev)
{
	return zstat(dev, "mm_stat", ORIG_DATA_SIZE) >> PAGE_SHIFT;
}

/* zram's own count of writes (failed ones included), not in sysfs. */
static unsigned long long zram_writes(const char *dev)
{
	return atomic64_read(&zram_dev(dev)->stats.num_writes);
}

static unsigned long long zram_reads(const char *dev)
{
	return atomic64_read(&zram_dev(dev)->stats.num_reads);
}

/*
 * A column of /dev/@dev's line in /proc/swaps, in kB (2: Size, 3: Used),
 * or the priority (4); -1 if the device is not listed.
 */
static long swaps_field(const char *dev, int col)
{
	char buf[2048], name[64], *line;

	snprintf(name, sizeof(name), "/dev/%s ", dev);
	read_file_buf("/proc/swaps", buf, sizeof(buf));
	for (line = buf; line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		char *p = line, *end;
		int i;

		if (strncmp(line, name, strlen(name)))
			continue;
		/* Filename, Type, then the numbers. */
		p += strcspn(p, " \t");
		p += strspn(p, " \t");
		p += strcspn(p, " \t");
		for (i = 2; i <= col; i++) {
			long v = strtol(p, &end, 10);

			if (end == p)
				return -1;
			if (i == col)
				return v;
			p = end;
		}
	}
	return -1;
}

static long swap_used_pages(const char *dev)
{
	long kb = swaps_field(dev, 3);

	return kb < 0 ? kb : kb / 4;
}

static bool swaps_lists(const char *dev)
{
	return swaps_field(dev, 2) >= 0;
}

/* ---- helpers: the console ------------------------------------------------- */

/*
 * stderr without the kernel's log lines ("[    0.123456] ..."): what
 * the console itself said.
 */
static void console_lines(const char *err, char *buf, size_t size)
{
	const char *line, *next;
	size_t len = 0;

	buf[0] = '\0';
	for (line = err; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (*line == '[')
			continue;
		if (len + (next - line) + 1 > size)
			break;
		memcpy(buf + len, line, next - line);
		len += next - line;
		buf[len] = '\0';
	}
}

/* ---- helpers: swap devices ----------------------------------------------- */

/* @dev with @alg (NULL: the default) and @size, mkswap'ed and swapped on. */
static int swap_dev_on(const char *dev, const char *alg, const char *size,
		       int prio)
{
	int err;

	if (alg && zwrite(dev, "comp_algorithm", alg))
		return -EINVAL;
	err = zwrite(dev, "disksize", size);
	if (!err)
		err = mkswap(dev);
	if (!err)
		err = sys_swapon(dev, prio);
	return err;
}

/* swapoff (if it is on) and reset: the device gives every page back. */
static int swap_dev_off(const char *dev)
{
	int err = swaps_lists(dev) ? sys_swapoff(dev) : 0;

	return err ? err : zwrite(dev, "reset", "1");
}

/* ---- helpers: tasks ------------------------------------------------------ */

/* The task's mm, if it has not exited (task_lock: exit_mm() clears it). */
static unsigned long mm_count(struct workload *w, int member)
{
	unsigned long n = 0;

	task_lock(w->task);
	if (w->task->mm)
		n = member < 0 ? get_mm_rss(w->task->mm) :
				 get_mm_counter(w->task->mm, member);
	task_unlock(w->task);
	return n;
}

static unsigned long swapents(struct workload *w)
{
	return mm_count(w, MM_SWAPENTS);
}

static unsigned long rss(struct workload *w)
{
	return mm_count(w, -1);
}

/* What each pte of a task's first @nr pages holds (mm_pte_state()). */
struct pte_map {
	unsigned long addr;
	unsigned long nr;
	int *state;
	unsigned long *pfn;
};

static long read_ptes(struct workload *w, void *arg)
{
	struct pte_map *m = arg;
	unsigned long i;

	for (i = 0; i < m->nr; i++)
		m->state[i] = mm_pte_state(current->mm,
					   m->addr + i * PAGE_SIZE, &m->pfn[i]);
	return 0;
}

static unsigned long count_state(struct workload *w, struct pte_map *m,
				 int state)
{
	unsigned long i, n = 0;
	long ret;

	if (workload_call(w, read_ptes, m, &ret))
		return ~0UL;
	for (i = 0; i < m->nr; i++)
		n += m->state[i] == state;
	return n;
}

static void pte_map_init(struct pte_map *m, unsigned long addr,
			 unsigned long nr)
{
	m->addr = addr;
	m->nr = nr;
	m->state = calloc(nr, sizeof(*m->state));
	m->pfn = calloc(nr, sizeof(*m->pfn));
}

static void pte_map_free(struct pte_map *m)
{
	free(m->state);
	free(m->pfn);
}

#define TASK_BASE	0x10000000UL	/* where a task's first mmap goes */

/* ---- helpers: counters --------------------------------------------------- */

struct counters {
	unsigned long pswpin, pswpout, majflt, oom_kill, pageoutrun;
	unsigned long scan_kswapd, scan_direct, steal_kswapd, steal_direct;
	unsigned long scan_anon, steal_anon, kcompactd_wake, compact_stall;
	unsigned long migrated, allocstall;
};

static void take(struct counters *c)
{
	c->pswpin = sum_vm_event(PSWPIN);
	c->pswpout = sum_vm_event(PSWPOUT);
	c->majflt = sum_vm_event(PGMAJFAULT);
	c->oom_kill = sum_vm_event(OOM_KILL);
	c->pageoutrun = sum_vm_event(PAGEOUTRUN);
	c->scan_kswapd = sum_vm_event(PGSCAN_KSWAPD);
	c->scan_direct = sum_vm_event(PGSCAN_DIRECT);
	c->steal_kswapd = sum_vm_event(PGSTEAL_KSWAPD);
	c->steal_direct = sum_vm_event(PGSTEAL_DIRECT);
	c->scan_anon = sum_vm_event(PGSCAN_ANON);
	c->steal_anon = sum_vm_event(PGSTEAL_ANON);
	c->kcompactd_wake = sum_vm_event(KCOMPACTD_WAKE);
	c->compact_stall = sum_vm_event(COMPACTSTALL);
	c->migrated = sum_vm_event(PGMIGRATE_SUCCESS);
	c->allocstall = sum_vm_event(ALLOCSTALL_NORMAL) +
			sum_vm_event(ALLOCSTALL_MOVABLE);
}

/* The books of reclaim that hold whatever happened. */
static void check_reclaim_counters(struct __test_metadata *_metadata)
{
	struct counters c;

	take(&c);
	EXPECT_EQ(c.steal_anon, c.steal_kswapd + c.steal_direct);
	EXPECT_EQ(c.scan_anon, c.scan_kswapd + c.scan_direct);
	EXPECT_LE(c.steal_kswapd, c.scan_kswapd);
	EXPECT_LE(c.steal_direct, c.scan_direct);
	EXPECT_LE(c.pswpin, c.pswpout);
	EXPECT_EQ(0, global_node_page_state(NR_ISOLATED_ANON));
}

/*
 * With no write in flight: /proc/swaps, MM_SWAPENTS of @nr tasks,
 * zram's mm_stat (the header page besides) and /proc/meminfo agree.
 */
static void check_swap_books(struct __test_metadata *_metadata,
			     const char *dev, struct workload **w, int nr)
{
	unsigned long ents = 0, anon = 0;
	long used = swap_used_pages(dev);
	int i;

	for (i = 0; i < nr; i++) {
		if (!w[i])
			continue;
		ents += swapents(w[i]);
		anon += rss(w[i]);
	}
	EXPECT_EQ(used, (long)ents);
	EXPECT_EQ(used + 1, (long)zpages(dev));
	EXPECT_EQ(meminfo_kb("SwapTotal:") - used * 4,
		  meminfo_kb("SwapFree:"));
	EXPECT_EQ(anon, global_node_page_state(NR_ANON_MAPPED));
	EXPECT_EQ(anon, global_node_page_state(NR_ACTIVE_ANON) +
			global_node_page_state(NR_INACTIVE_ANON));
}

static bool kswapd_idle(struct pglist_data *pgdat)
{
	if (!pgdat->kswapd)
		return true;
	return waitqueue_active(&pgdat->kswapd_wait) &&
	       READ_ONCE(pgdat->kswapd_classzone_idx) == MAX_NR_ZONES;
}

static bool kcompactd_idle(struct pglist_data *pgdat)
{
	return !pgdat->kcompactd || waitqueue_active(&pgdat->kcompactd_wait);
}

/*
 * Make the numbers still before looking at them.
 *
 * kswapd's work runs whenever an allocation finds free memory below the
 * low watermark, the test's own included (reading a file allocates a
 * buffer).  So that looking at the counters does not change them, the
 * node is balanced first, as kswapd would balance it at the next
 * allocation: wakeup_kswapd() as an allocation does it.
 *
 * Deterministic: kswapd's work runs right there (and what is pending
 * runs too, as the console does after a command).  Threaded: wait (up
 * to 5 s) until kswapd and kcompactd sleep with nothing asked of them
 * and no page is isolated, three looks in a row.
 */
static void settle(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	int quiet = 0, ms;

	wakeup_kswapd(UMM_ZONE(ZONE_NORMAL), GFP_KERNEL, 0, ZONE_NORMAL);
	if (!pgdat->kswapd) {
		umm_kthreads_run_pending();
		return;
	}
	for (ms = 0; ms < 5000 && quiet < 3; ms += 5) {
		if (kswapd_idle(pgdat) && kcompactd_idle(pgdat) &&
		    !global_node_page_state(NR_ISOLATED_ANON))
			quiet++;
		else
			quiet = 0;
		if (quiet < 3)
			usleep(5000);
	}
}

#endif /* _SWAP_TEST_H */
