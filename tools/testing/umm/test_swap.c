// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_swap.c - reclaim, and swap to zram
 *
 * Workload tasks map more memory than the machine has; reclaim (kswapd
 * and direct reclaim) writes their pages to a zram swap device, faults
 * read them back, swapoff brings everything home.  The tests check:
 *
 * - the data: every byte verifies after swapping out and back in, with
 *   each of zram's codecs, and a page is never lost or stale (the
 *   concurrency tests keep their own record of what each page must hold,
 *   generation included, so a lost write shows too);
 * - the failures: a write refused by zram (mem_limit) or a full device
 *   leaves the page mapped and intact; the OOM killer acts only when
 *   nothing is left, and kills the right task; swapoff without room
 *   fails with ENOMEM and changes nothing;
 * - the protocol of a write-out (include/linux/swap.h): a fault on a
 *   slot that reclaim is still writing waits for it, a write that fails
 *   maps the page back;
 * - the books: pswpout against zram's writes and mm_stat, /proc/swaps
 *   Used against MM_SWAPENTS, pgscan/pgsteal by kswapd and direct
 *   reclaim, SwapTotal/SwapFree, and nothing left behind at the end;
 * - kswapd: balances to the high watermark, wakes kcompactd for a high
 *   order, runs in the background in the threaded mode;
 * - vm.swappiness, swap priorities, the console verbs' bad input, and
 *   umm.deterministic=1 giving the same numbers on every run.
 *
 * Every test sets its swap devices up itself and takes them down at the
 * end, so that the fixture's leak check sees every page come back.  All
 * names start with "swap_" (make check TESTS=swap); the tests with real
 * threads contain "concurrent" (CI runs those under ThreadSanitizer).
 */
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

SWAP_FIXTURE(det64, deterministic, "mem=64M umm.deterministic=1")
SWAP_FIXTURE(det128, deterministic, "mem=128M umm.deterministic=1")
SWAP_FIXTURE(thr64, threaded, "mem=64M")
SWAP_FIXTURE(two, deterministic_two_devices,
	     "mem=64M umm.deterministic=1 zram.num_devices=2")

/* The 1.5x-of-RAM round trip, once per codec, with kswapd on its thread. */
FIXTURE(codec) {
	unsigned long free_at_boot;
	bool expect_leak;
};

FIXTURE_VARIANT(codec) {
	const char *params;
	const char *alg;
};

FIXTURE_VARIANT_ADD(codec, lz4) {
	.params = "mem=128M", .alg = "lz4",
};

FIXTURE_VARIANT_ADD(codec, zstd) {
	.params = "mem=128M", .alg = "zstd",
};

FIXTURE_VARIANT_ADD(codec, lzo) {
	.params = "mem=128M", .alg = "lzo",
};

FIXTURE_SETUP(codec)
{
	swap_setup(_metadata, &self->free_at_boot, variant->params);
}

FIXTURE_TEARDOWN(codec)
{
	swap_teardown(_metadata, self->free_at_boot, self->expect_leak);
}

/* ---- helpers: files ------------------------------------------------------ */

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
		kswapd_run_pending();
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

/* ---- 1. tasks of 1.5x RAM, swapped out and back in, per codec ------------- */

#define MB(n)		((unsigned long)(n) << 20)

/*
 * mem=128M, zram of 256M: two tasks of 96M each fill in turn.  b's fill
 * pushes a out (at least 192M - 128M must be in swap at the end), and
 * a's verify brings it back in, pushing b out: every byte of both is
 * right, with the device's codec.  Then the books, and the end: tasks
 * gone, swap empty, zram holds the header page only.
 */
TEST_F_TIMEOUT(codec, swap_tasks_of_1_5x_ram_verify_after_swapping_back_in, UMM_TIMEOUT(120))
{
	struct counters c0, c1;
	struct verify_result res;
	struct workload *w[2];
	char buf[256], want[64];

	take(&c0);
	ASSERT_EQ(0, swap_dev_on("zram0", variant->alg, "256M", -1));
	snprintf(want, sizeof(want), "[%s]", variant->alg);
	EXPECT_NE(NULL, strstr(read_file_buf("/sys/block/zram0/comp_algorithm", buf,
				     sizeof(buf)), want));
	EXPECT_EQ(262140, meminfo_kb("SwapTotal:"));
	EXPECT_EQ(262140, meminfo_kb("SwapFree:"));

	w[0] = task_filled("a", MB(96), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, w[0]);
	w[1] = task_filled("b", MB(96), 500, umm_test_seed + 1, NULL);
	ASSERT_NE(NULL, w[1]);
	settle();
	take(&c1);
	printf("# after the fills: %ld pages in swap, pswpout %lu, a %lu/%lu b %lu/%lu (rss/swap)\n",
	       swap_used_pages("zram0"), c1.pswpout - c0.pswpout,
	       rss(w[0]), swapents(w[0]), rss(w[1]), swapents(w[1]));
	/* 192M of data in 128M of RAM: at least 64M of it is in swap. */
	EXPECT_LE(16384, swap_used_pages("zram0"));
	EXPECT_LE(16384, c1.pswpout - c0.pswpout);
	EXPECT_LT(0, swapents(w[0]));
	EXPECT_EQ(24576, rss(w[0]) + swapents(w[0]));
	EXPECT_EQ(24576, rss(w[1]) + swapents(w[1]));

	/* a was pushed out by b: its verify swaps in, and pushes b out. */
	EXPECT_EQ(0, verify_mismatches(w[0], &res));
	EXPECT_EQ(24576, res.checked);
	EXPECT_EQ(0, res.absent);
	EXPECT_EQ(0, verify_mismatches(w[1], &res));
	EXPECT_EQ(24576, res.checked);
	EXPECT_EQ(0, res.absent);
	settle();
	take(&c1);
	EXPECT_LE(swapents(w[0]) ? 16384UL : 1UL, c1.pswpin - c0.pswpin);
	EXPECT_EQ(c1.pswpin - c0.pswpin, c1.majflt - c0.majflt);
	EXPECT_EQ(0, c1.oom_kill - c0.oom_kill);
	check_swap_books(_metadata, "zram0", w, 2);
	check_reclaim_counters(_metadata);
	EXPECT_EQ(swap_used_pages("zram0"),
		  (long)((c1.pswpout - c0.pswpout) - (c1.pswpin - c0.pswpin)));

	/* Exit frees every slot; zram keeps only mkswap's header. */
	EXPECT_EQ(0, workload_stop(w[0]));
	EXPECT_EQ(0, workload_stop(w[1]));
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_EQ(262140, meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, swap_dev_off("zram0"));
	EXPECT_FALSE(swaps_lists("zram0"));
	EXPECT_EQ(0, meminfo_kb("SwapTotal:"));
	EXPECT_EQ(0, global_zone_page_state(NR_ZSPAGES));
}

/* ---- 2. swapoff ------------------------------------------------------------ */

/*
 * a (96M) is pushed out by b, b exits: a's swapped pages fit in RAM.
 * swapoff reads every one back (pswpin, not major faults: no task
 * faulted), frees every slot (zram drops each: notify_free), and the
 * device goes: /proc/swaps, SwapTotal and SwapFree say so.  a's data is
 * whole, and a swapon without mkswap works again, empty.
 */
TEST_F_TIMEOUT(det128, swap_swapoff_brings_every_page_back, UMM_TIMEOUT(120))
{
	unsigned long out, notify0, majflt0;
	struct verify_result res;
	struct workload *a, *b;
	struct counters c0, c1;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "256M", -1));
	a = task_filled("a", MB(96), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	b = task_filled("b", MB(64), 500, umm_test_seed + 1, NULL);
	ASSERT_NE(NULL, b);
	EXPECT_EQ(0, workload_stop(b));
	out = swapents(a);
	printf("# a has %lu pages in swap\n", out);
	ASSERT_LT(0, out);
	EXPECT_EQ((long)out, swap_used_pages("zram0"));
	notify0 = zstat("zram0", "io_stat", NOTIFY_FREE);
	majflt0 = sum_vm_event(PGMAJFAULT);

	take(&c0);
	EXPECT_EQ(0, sys_swapoff("zram0"));
	take(&c1);
	EXPECT_EQ(out, c1.pswpin - c0.pswpin);
	EXPECT_EQ(majflt0, sum_vm_event(PGMAJFAULT));
	EXPECT_EQ(0, swapents(a));
	EXPECT_EQ(24576, rss(a));
	EXPECT_EQ(notify0 + out, zstat("zram0", "io_stat", NOTIFY_FREE));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_FALSE(swaps_lists("zram0"));
	EXPECT_EQ(0, meminfo_kb("SwapTotal:"));
	EXPECT_EQ(0, meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, get_nr_swap_pages());
	EXPECT_EQ(0, c1.oom_kill - c0.oom_kill);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(24576, res.checked);

	/* The header is still there: swapon again, empty. */
	EXPECT_EQ(0, sys_swapon("zram0", -1));
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(262140, meminfo_kb("SwapTotal:"));
	EXPECT_EQ(262140, meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * a (80M) in 64M of RAM: its pages cannot all come back.  swapoff must
 * fail with ENOMEM and leave everything as it was: the device on, in
 * /proc/swaps and SwapTotal, and a alive with all its data.  As in
 * Linux (security_vm_enough_memory_mm() in swapoff, and swapoff's task
 * being the OOM killer's first choice), swapoff must not make the OOM
 * killer take a task's memory to get its pages back.
 */
TEST_F_TIMEOUT(det64, swap_swapoff_without_room_fails_with_enomem_and_loses_nothing, UMM_TIMEOUT(120))
{
	unsigned long oom0 = sum_vm_event(OOM_KILL);
	struct verify_result res;
	struct workload *a;
	int err;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "128M", -1));
	a = task_filled("a", MB(80), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	ASSERT_LT(0, swapents(a));

	err = sys_swapoff("zram0");
	EXPECT_EQ(-ENOMEM, err);
	EXPECT_EQ(oom0, sum_vm_event(OOM_KILL));
	EXPECT_FALSE(READ_ONCE(a->exited));
	EXPECT_TRUE(swaps_lists("zram0"));
	EXPECT_EQ(131068, meminfo_kb("SwapTotal:"));
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(20480, res.checked);
	if (!err)
		EXPECT_EQ(0, sys_swapon("zram0", -1));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* ---- 3. a write refused, a full device, the OOM killer -------------------- */

/*
 * zram's mem_limit at what it already uses: every write of an
 * incompressible page (a new zspage each) fails.  Reclaim gives up on
 * each page cleanly: nothing reclaimed, nothing in swap, every pte
 * present again, the data intact.  With the limit lifted, the same
 * reclaim swaps pages out: exactly what it reports, all of it written.
 */
TEST_F_TIMEOUT(det64, swap_write_failure_keeps_the_page_mapped, UMM_TIMEOUT(60))
{
	unsigned long long writes0, failed0;
	unsigned long reclaimed, out0, steal0;
	struct verify_result res;
	struct workload *a;
	struct pte_map m;
	char limit[32];

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(8), 0, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	pte_map_init(&m, TASK_BASE, 2048);
	snprintf(limit, sizeof(limit), "%llu",
		 zstat("zram0", "mm_stat", MEM_USED_TOTAL));
	ASSERT_EQ(0, zwrite("zram0", "mem_limit", limit));

	writes0 = zram_writes("zram0");
	failed0 = zstat("zram0", "io_stat", FAILED_WRITES);
	out0 = sum_vm_event(PSWPOUT);
	steal0 = sum_vm_event(PGSTEAL_ANON);
	reclaimed = shrink_all_memory(256);
	printf("# %llu writes refused\n",
	       zstat("zram0", "io_stat", FAILED_WRITES) - failed0);
	EXPECT_EQ(0, reclaimed);
	EXPECT_EQ(out0, sum_vm_event(PSWPOUT));
	EXPECT_EQ(steal0, sum_vm_event(PGSTEAL_ANON));
	EXPECT_LT(0, zstat("zram0", "io_stat", FAILED_WRITES) - failed0);
	EXPECT_EQ(zram_writes("zram0") - writes0,
		  zstat("zram0", "io_stat", FAILED_WRITES) - failed0);
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(meminfo_kb("SwapTotal:"), meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, swapents(a));
	EXPECT_EQ(2048, rss(a));
	EXPECT_EQ(2048, count_state(a, &m, 1));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(2048, res.checked);

	/* No limit: the same reclaim works, and says what it did. */
	ASSERT_EQ(0, zwrite("zram0", "mem_limit", "0"));
	out0 = sum_vm_event(PSWPOUT);
	reclaimed = shrink_all_memory(256);
	EXPECT_LE(256, reclaimed);
	EXPECT_EQ(reclaimed, sum_vm_event(PSWPOUT) - out0);
	EXPECT_EQ((long)reclaimed, swap_used_pages("zram0"));
	EXPECT_EQ(reclaimed, swapents(a));
	EXPECT_EQ(reclaimed, count_state(a, &m, 2));
	check_swap_books(_metadata, "zram0", &a, 1);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(2048, res.checked);
	EXPECT_EQ(0, swap_used_pages("zram0"));
	pte_map_free(&m);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * A 4M device has 1023 slots.  Reclaim fills exactly those, then has
 * nothing to scan (no swap left: may_scan_anon()); a further slot cannot
 * be had; the rest of the task stays in memory; verify brings every
 * page back and frees every slot.
 */
TEST_F_TIMEOUT(det64, swap_full_device_stops_reclaim_cleanly, UMM_TIMEOUT(60))
{
	unsigned long reclaimed, out0, in0, scan0;
	struct verify_result res;
	struct workload *a;
	struct pte_map m;
	swp_entry_t entry;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "4M", -1));
	EXPECT_EQ(4092, meminfo_kb("SwapTotal:"));
	a = task_filled("a", MB(16), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	pte_map_init(&m, TASK_BASE, 4096);
	out0 = sum_vm_event(PSWPOUT);
	in0 = sum_vm_event(PSWPIN);

	reclaimed = shrink_all_memory(2048);
	EXPECT_EQ(1023, reclaimed);
	EXPECT_EQ(1023, sum_vm_event(PSWPOUT) - out0);
	EXPECT_EQ(1023, swap_used_pages("zram0"));
	EXPECT_EQ(0, meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, get_nr_swap_pages());
	EXPECT_EQ(1023, swapents(a));
	EXPECT_EQ(4096 - 1023, rss(a));
	EXPECT_EQ(1023, count_state(a, &m, 2));
	EXPECT_EQ(4096 - 1023, count_state(a, &m, 1));
	entry = get_swap_page();
	EXPECT_EQ(0, entry.val);
	if (entry.val)
		swapcache_free(entry);

	/* Full: reclaim does not even scan. */
	scan0 = sum_vm_event(PGSCAN_ANON);
	EXPECT_EQ(0, shrink_all_memory(64));
	EXPECT_EQ(scan0, sum_vm_event(PGSCAN_ANON));
	EXPECT_EQ(1023, swap_used_pages("zram0"));

	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(4096, res.checked);
	EXPECT_EQ(1023, sum_vm_event(PSWPIN) - in0);
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(4092, meminfo_kb("SwapFree:"));
	EXPECT_EQ(1, zpages("zram0"));
	pte_map_free(&m);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * Under real pressure: a (24M) then b, which wants 64M, on 64M of RAM
 * with a 16M device (4095 slots).  Reclaim fills the device to the last
 * slot (nothing is swapped in meanwhile, so pswpout counts the slots
 * ever used) before the OOM killer acts, once, on b (the task with the
 * most); a keeps every byte, and b's slots come back.
 */
TEST_F_TIMEOUT(det64, swap_oom_killer_only_once_swap_is_full, UMM_TIMEOUT(120))
{
	struct verify_result res;
	struct workload *w[2];
	struct counters c0, c1;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "16M", -1));
	w[0] = task_filled("a", MB(24), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, w[0]);
	w[1] = workload_start("b");
	ASSERT_FALSE(IS_ERR(w[1]));
	ASSERT_LE(0, workload_mmap(w[1], MB(64)));
	take(&c0);
	EXPECT_EQ(-EINTR, workload_fill(w[1], 500, umm_test_seed + 1));
	take(&c1);
	printf("# pswpout %lu, failed writes %llu, a in swap %lu\n",
	       c1.pswpout - c0.pswpout,
	       zstat("zram0", "io_stat", FAILED_WRITES), swapents(w[0]));
	EXPECT_EQ(1, c1.oom_kill - c0.oom_kill);
	EXPECT_EQ(4095, c1.pswpout - c0.pswpout);
	EXPECT_EQ(0, c1.pswpin - c0.pswpin);
	ASSERT_TRUE(wait_exited(w[1]));
	EXPECT_EQ(SIGKILL, READ_ONCE(w[1]->exit_signal));
	EXPECT_FALSE(READ_ONCE(w[0]->exited));
	EXPECT_EQ(-EINTR, workload_stop(w[1]));
	w[1] = NULL;

	EXPECT_LT(0, swapents(w[0]));
	check_swap_books(_metadata, "zram0", w, 1);
	EXPECT_EQ(0, verify_mismatches(w[0], &res));
	EXPECT_EQ(6144, res.checked);
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(c1.oom_kill, sum_vm_event(OOM_KILL));
	EXPECT_EQ(0, workload_stop(w[0]));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * zram may use 8M at most: writes start failing while the device has
 * plenty of slots.  The failures are clean (the pages stay), reclaim
 * goes on with other pages, and only when none can go anywhere does
 * the OOM killer act, once, on b; a keeps every byte.
 */
TEST_F_TIMEOUT(det64, swap_zram_mem_limit_then_oom_killer_loses_nothing_else, UMM_TIMEOUT(120))
{
	struct verify_result res;
	struct workload *w[2];
	struct counters c0, c1;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "128M", -1));
	ASSERT_EQ(0, zwrite("zram0", "mem_limit", "8M"));
	w[0] = task_filled("a", MB(16), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, w[0]);
	w[1] = workload_start("b");
	ASSERT_FALSE(IS_ERR(w[1]));
	ASSERT_LE(0, workload_mmap(w[1], MB(64)));
	take(&c0);
	EXPECT_EQ(-EINTR, workload_fill(w[1], 500, umm_test_seed + 1));
	take(&c1);
	printf("# pswpout %lu, failed writes %llu, zram used max %lluK\n",
	       c1.pswpout - c0.pswpout,
	       zstat("zram0", "io_stat", FAILED_WRITES),
	       zstat("zram0", "mm_stat", MEM_USED_MAX) >> 10);
	EXPECT_EQ(1, c1.oom_kill - c0.oom_kill);
	EXPECT_LT(0, zstat("zram0", "io_stat", FAILED_WRITES));
	/* The pool did reach its limit. */
	EXPECT_LE(MB(8), zstat("zram0", "mm_stat", MEM_USED_MAX));
	EXPECT_GE(MB(8), zstat("zram0", "mm_stat", MEM_USED_TOTAL));
	ASSERT_TRUE(wait_exited(w[1]));
	EXPECT_EQ(SIGKILL, READ_ONCE(w[1]->exit_signal));
	EXPECT_FALSE(READ_ONCE(w[0]->exited));
	EXPECT_EQ(-EINTR, workload_stop(w[1]));
	w[1] = NULL;
	check_swap_books(_metadata, "zram0", w, 1);
	EXPECT_EQ(0, verify_mismatches(w[0], &res));
	EXPECT_EQ(4096, res.checked);
	EXPECT_EQ(0, workload_stop(w[0]));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* ---- the write-out protocol (include/linux/swap.h) ------------------------ */

/*
 * Reclaim of one page by hand, with the steps of shrink_page_list():
 * lock, slot (SWAP_HAS_CACHE), unmap.  Meanwhile the task reads the page:
 * its fault must wait until the write is done (not read a slot that was
 * never written), then find the data.  With @fail, reclaim gives up
 * instead (as after a write error) and maps the page back: the fault
 * then finds the page itself, and no I/O happens.
 */
struct handmade {
	struct workload *w;
	struct page *page;
	bool fail;
	atomic_t unmapped;		/* reclaim has taken the pte */
	atomic_t verified;		/* the task's verify returned */
	bool verified_early;		/* ...before reclaim let go */
	long verify_ret;
	struct verify_result res;
	int unmap_ret;
};

static int handmade_fn(void *arg, int idx)
{
	struct handmade *h = arg;
	struct page *page = h->page;
	int ms;

	if (idx == 1) {
		for (ms = 0; ms < 10000 && !atomic_read(&h->unmapped); ms++)
			usleep(1000);
		h->verify_ret = workload_verify(h->w, &h->res);
		atomic_set(&h->verified, 1);
		return 0;
	}
	lock_page(page);
	if (!add_to_swap(page)) {
		unlock_page(page);
		h->unmap_ret = -ENOSPC;
		atomic_set(&h->unmapped, 1);
		return 0;
	}
	h->unmap_ret = try_to_unmap(page, TTU_UNMAP | TTU_IGNORE_ACCESS);
	atomic_set(&h->unmapped, 1);
	/* Long enough for the fault to have come and to be waiting. */
	usleep(200 * 1000);
	h->verified_early = atomic_read(&h->verified);
	if (!h->fail && !swap_writepage(page) && page_ref_freeze(page, 1)) {
		delete_from_swap_cache(page);
		__ClearPageLocked(page);
		__ClearPageActive(page);
		free_hot_cold_page(page, false);
		return 0;
	}
	remove_swap_ptes(page);
	delete_from_swap_cache(page);
	unlock_page(page);
	putback_lru_page(page);
	return 0;
}

static void run_handmade(struct __test_metadata *_metadata, bool fail)
{
	struct handmade h = { .fail = fail };
	struct counters c0, c1;
	struct pte_map m;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "8M", -1));
	h.w = task_filled("a", 4 * PAGE_SIZE, 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, h.w);
	pte_map_init(&m, TASK_BASE, 4);
	ASSERT_EQ(4, count_state(h.w, &m, 1));
	h.page = pfn_to_page(m.pfn[0]);
	ASSERT_EQ(0, isolate_lru_page(h.page));

	take(&c0);
	ASSERT_EQ(0, umm_run_threads(2, handmade_fn, &h));
	take(&c1);
	EXPECT_EQ(SWAP_SUCCESS, h.unmap_ret);
	EXPECT_FALSE(h.verified_early);
	EXPECT_EQ(0, h.verify_ret);
	EXPECT_EQ(0, h.res.mismatches);
	EXPECT_EQ(4, h.res.checked);
	EXPECT_EQ(fail ? 0 : 1, c1.pswpout - c0.pswpout);
	EXPECT_EQ(fail ? 0 : 1, c1.pswpin - c0.pswpin);
	EXPECT_EQ(fail ? 0 : 1, c1.majflt - c0.majflt);
	/* The page is mapped (the old one, or the one read in), slot free. */
	EXPECT_EQ(4, count_state(h.w, &m, 1));
	if (fail)
		EXPECT_EQ(page_to_pfn(h.page), m.pfn[0]);
	EXPECT_EQ(0, swapents(h.w));
	EXPECT_EQ(4, rss(h.w));
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_EQ(meminfo_kb("SwapTotal:"), meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, global_node_page_state(NR_ISOLATED_ANON));
	pte_map_free(&m);
	EXPECT_EQ(0, workload_stop(h.w));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

TEST_F_TIMEOUT(det64, swap_fault_waits_for_the_slot_reclaim_is_writing, UMM_TIMEOUT(60))
{
	run_handmade(_metadata, false);
}

TEST_F_TIMEOUT(det64, swap_failed_writeout_maps_the_page_back, UMM_TIMEOUT(60))
{
	run_handmade(_metadata, true);
}

/* ---- 5. the books ----------------------------------------------------------- */

/*
 * Deterministic, so that every relation is exact: every page stolen was
 * written (pswpout == pgsteal), every write reached zram (its num_writes
 * count has mkswap's header besides), each swap-in is a major fault and
 * a read of zram, each freed slot a notify_free, and /proc/swaps Used,
 * the tasks' MM_SWAPENTS and zram's stored pages agree at every step:
 * after the fills, after a verify, after madvise(DONTNEED) drops swapped
 * pages, after the tasks exit, after swapoff and reset.
 */
TEST_F_TIMEOUT(det128, swap_counters_agree_with_zram_and_proc_swaps, UMM_TIMEOUT(120))
{
	unsigned long long writes0, reads0, notify0;
	unsigned long out, in, ents, dropped;
	struct verify_result res;
	struct counters c0, c1;
	struct workload *w[2];

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "256M", -1));
	EXPECT_EQ(1, zram_writes("zram0"));	/* mkswap's header */
	writes0 = zram_writes("zram0");
	reads0 = zram_reads("zram0");
	notify0 = zstat("zram0", "io_stat", NOTIFY_FREE);
	take(&c0);

	w[0] = task_filled("a", MB(96), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, w[0]);
	w[1] = task_filled("b", MB(96), 500, umm_test_seed + 1, NULL);
	ASSERT_NE(NULL, w[1]);
	settle();
	take(&c1);
	out = c1.pswpout - c0.pswpout;
	printf("# fills: pswpout %lu, kswapd %lu/%lu, direct %lu/%lu (steal/scan), allocstall %lu, pageoutrun %lu\n",
	       out, c1.steal_kswapd - c0.steal_kswapd,
	       c1.scan_kswapd - c0.scan_kswapd,
	       c1.steal_direct - c0.steal_direct,
	       c1.scan_direct - c0.scan_direct,
	       c1.allocstall - c0.allocstall, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LE(16384, out);
	EXPECT_EQ(0, c1.pswpin - c0.pswpin);
	EXPECT_EQ(out, c1.steal_anon - c0.steal_anon);
	EXPECT_EQ(out, zram_writes("zram0") - writes0);
	EXPECT_EQ(0, zstat("zram0", "io_stat", FAILED_WRITES));
	EXPECT_EQ((long)out, swap_used_pages("zram0"));
	EXPECT_EQ(out, swapents(w[0]) + swapents(w[1]));
	EXPECT_EQ(out + 1, zpages("zram0"));
	/*
	 * The tasks' faults woke kswapd, whose work (inline) kept the
	 * node balanced: they never had to reclaim themselves.  Direct
	 * reclaim has its own test below.
	 */
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	check_swap_books(_metadata, "zram0", w, 2);
	check_reclaim_counters(_metadata);

	/* Swap-ins: major faults, zram reads, freed slots. */
	EXPECT_EQ(0, verify_mismatches(w[0], &res));
	settle();
	take(&c1);
	in = c1.pswpin - c0.pswpin;
	out = c1.pswpout - c0.pswpout;
	EXPECT_LT(0, in);
	EXPECT_EQ(in, c1.majflt - c0.majflt);
	EXPECT_EQ(in, zram_reads("zram0") - reads0);
	EXPECT_EQ(in, zstat("zram0", "io_stat", NOTIFY_FREE) - notify0);
	EXPECT_EQ(out, zram_writes("zram0") - writes0);
	EXPECT_EQ(out, c1.steal_anon - c0.steal_anon);
	EXPECT_EQ((long)(out - in), swap_used_pages("zram0"));
	check_swap_books(_metadata, "zram0", w, 2);
	check_reclaim_counters(_metadata);

	/* Dropping swapped pages frees their slots, and zram's copies. */
	ents = swapents(w[1]);
	ASSERT_LT(0, ents);
	notify0 = zstat("zram0", "io_stat", NOTIFY_FREE);
	ASSERT_EQ(12288, workload_dontneed(w[1], 50, 2, 0));
	settle();
	dropped = ents - swapents(w[1]);
	EXPECT_LT(0, dropped);
	EXPECT_EQ(dropped, zstat("zram0", "io_stat", NOTIFY_FREE) - notify0);
	EXPECT_EQ((long)(out - in - dropped), swap_used_pages("zram0"));
	check_swap_books(_metadata, "zram0", w, 2);

	/* Exit: every slot free, zram holds mkswap's header and no more. */
	take(&c1);
	EXPECT_EQ(0, workload_stop(w[0]));
	EXPECT_EQ(0, workload_stop(w[1]));
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_EQ(c1.pswpout - c0.pswpout + 1 - 1,
		  zstat("zram0", "io_stat", NOTIFY_FREE));
	EXPECT_EQ(0, global_node_page_state(NR_ANON_MAPPED));
	EXPECT_EQ(meminfo_kb("SwapTotal:"), meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, sys_swapoff("zram0"));
	EXPECT_EQ(0, meminfo_kb("SwapTotal:"));
	EXPECT_LT(0, global_zone_page_state(NR_ZSPAGES));
	EXPECT_EQ(0, zwrite("zram0", "reset", "1"));
	EXPECT_EQ(0, global_zone_page_state(NR_ZSPAGES));
	EXPECT_EQ(0, zpages("zram0"));
}

/* ---- 6. bad input ------------------------------------------------------------ */

/* What must not change when a command is refused. */
struct swap_state {
	char swaps[1024];
	long long total, free;
	char mm_stat[256];
	char disksize[64];
};

static void swap_state(struct swap_state *s)
{
	read_file_buf("/proc/swaps", s->swaps, sizeof(s->swaps));
	s->total = meminfo_kb("SwapTotal:");
	s->free = meminfo_kb("SwapFree:");
	read_file_buf("/sys/block/zram0/mm_stat", s->mm_stat, sizeof(s->mm_stat));
	read_file_buf("/sys/block/zram0/disksize", s->disksize, sizeof(s->disksize));
}

static const struct {
	int state;		/* 0: zram0 fresh; 1: disksize set; 2: swapped on */
	const char *cmd;
	const char *err;	/* what the console says, exactly */
} bad_input[] = {
	{ 0, "swapon zram0",
	  "umm: swapon: zram0: read swap header failed (run mkswap first)\n" },
	{ 1, "swapon zram0",
	  "umm: swapon: zram0: read swap header failed (run mkswap first)\n" },
	{ 1, "swapon /dev/zram0 -p 3",
	  "umm: swapon: /dev/zram0: read swap header failed (run mkswap first)\n" },
	{ 0, "mkswap zram0",
	  "umm: mkswap: zram0: not initialised or too small (set its disksize first)\n" },
	{ 0, "swapoff zram0",
	  "umm: swapoff: zram0: swapoff failed: not a swap device\n" },
	{ 1, "swapoff /dev/zram0",
	  "umm: swapoff: /dev/zram0: swapoff failed: not a swap device\n" },
	{ 2, "swapon zram0",
	  "umm: swapon: zram0: swapon failed: Device or resource busy\n" },
	{ 2, "swapon /dev/zram0 -p 7",
	  "umm: swapon: /dev/zram0: swapon failed: Device or resource busy\n" },
	{ 2, "mkswap zram0",
	  "umm: mkswap: zram0: device is in use (swapon?)\n" },
	{ 2, "echo 1 > /sys/block/zram0/reset",
	  "umm: echo: /sys/block/zram0/reset: Device or resource busy\n" },
	{ 2, "echo 8M > /sys/block/zram0/disksize",
	  "umm: echo: /sys/block/zram0/disksize: Device or resource busy\n" },
	{ 1, "swapon zram0 -p 32768",
	  "umm: swapon: bad priority '32768' (0 to 32767)\n" },
	{ 1, "swapon zram0 -p -1",
	  "umm: swapon: bad priority '-1' (0 to 32767)\n" },
	{ 1, "swapon zram0 -p high",
	  "umm: swapon: bad priority 'high' (0 to 32767)\n" },
	{ 1, "swapon zram0 -p",
	  "umm: swapon: usage: swapon DEV [-p PRIO]\n" },
	{ 1, "swapon zram0 -q 1",
	  "umm: swapon: usage: swapon DEV [-p PRIO]\n" },
	{ 1, "swapon", "umm: swapon: usage: swapon DEV [-p PRIO]\n" },
	{ 1, "mkswap", "umm: mkswap: usage: mkswap DEV\n" },
	{ 1, "mkswap zram0 zram0", "umm: mkswap: usage: mkswap DEV\n" },
	{ 1, "swapoff", "umm: swapoff: usage: swapoff DEV\n" },
	{ 2, "mkswap zram7", "umm: mkswap: zram7: No such file or directory\n" },
	{ 2, "swapon zram7", "umm: swapon: zram7: swapon failed: No such file or directory\n" },
	{ 2, "swapoff zram7", "umm: swapoff: zram7: swapoff failed: No such file or directory\n" },
	{ 2, "swapon /dev/sda", "umm: swapon: /dev/sda: swapon failed: No such file or directory\n" },
	{ 2, "echo 101 > /proc/sys/vm/swappiness",
	  "umm: echo: /proc/sys/vm/swappiness: Invalid argument\n" },
};

/*
 * Each refused command: status != 0, one line from the console (kernel
 * log lines aside), nothing on stdout, and no change to /proc/swaps,
 * SwapTotal/SwapFree, zram's mm_stat and disksize.
 */
TEST_F(det64, swap_bad_input_one_line_and_nothing_changed)
{
	struct swap_state before, after;
	struct console_out *o = malloc(sizeof(*o));
	char said[1024];
	unsigned int i;
	int state = -1;

	for (i = 0; i < ARRAY_SIZE(bad_input); i++) {
		if (bad_input[i].state != state) {
			/* Reach the state from a fresh device. */
			ASSERT_EQ(0, swap_dev_off("zram0"));
			state = bad_input[i].state;
			if (state >= 1)
				ASSERT_EQ(0, zwrite("zram0", "disksize", "4M"));
			if (state == 2) {
				ASSERT_EQ(0, mkswap("zram0"));
				ASSERT_EQ(0, sys_swapon("zram0", -1));
			}
		}
		swap_state(&before);
		EXPECT_NE(0, console(bad_input[i].cmd, o)) {
			TH_LOG("'%s' succeeded", bad_input[i].cmd);
		}
		console_lines(o->err, said, sizeof(said));
		EXPECT_STREQ(bad_input[i].err, said) {
			TH_LOG("command '%s' (state %d)", bad_input[i].cmd,
			       state);
		}
		EXPECT_STREQ("", o->out);
		swap_state(&after);
		EXPECT_STREQ(before.swaps, after.swaps);
		EXPECT_EQ(before.total, after.total);
		EXPECT_EQ(before.free, after.free);
		EXPECT_STREQ(before.mm_stat, after.mm_stat) {
			TH_LOG("'%s' changed mm_stat", bad_input[i].cmd);
		}
		EXPECT_STREQ(before.disksize, after.disksize);
	}
	EXPECT_EQ(60, vm_swappiness);
	free(o);
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* The verbs that work print what util-linux prints, or nothing. */
TEST_F(det64, swap_verbs_and_proc_swaps_format)
{
	struct console_out *o = malloc(sizeof(*o));

	EXPECT_EQ(0, console("echo 8M > /sys/block/zram0/disksize; mkswap zram0", o));
	EXPECT_STREQ("Setting up swapspace version 1 on zram0\n", o->out);
	EXPECT_EQ(0, console("swapon /dev/zram0 -p 12", o));
	EXPECT_STREQ("", o->out);
	EXPECT_EQ(0, console("cat /proc/swaps", o));
	EXPECT_STREQ("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
		     "/dev/zram0                              partition\t8188\t\t0\t\t12\n",
		     o->out);
	EXPECT_EQ(0, console("expect /proc/meminfo SwapTotal: == 8188; expect /proc/meminfo SwapFree: == 8188", o));
	EXPECT_EQ(0, console("swapoff zram0", o));
	EXPECT_STREQ("", o->out);
	EXPECT_EQ(0, console("cat /proc/swaps", o));
	EXPECT_STREQ("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n", o->out);
	/* Default priorities count down from -2, as in Linux. */
	EXPECT_EQ(0, console("swapon zram0", o));
	EXPECT_EQ(-2, swaps_field("zram0", 4));
	EXPECT_EQ(0, console("swapoff zram0; swapon zram0", o));
	EXPECT_EQ(-3, swaps_field("zram0", 4));
	free(o);
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* mmap may ask for RAM plus swap, not more (the overcommit heuristic). */
TEST_F(det64, swap_mmap_limit_is_ram_plus_swap)
{
	struct console_out *o = malloc(sizeof(*o));

	EXPECT_NE(0, console("task start a; mmap a 100M", o));
	EXPECT_STREQ("umm: mmap: size 100M is larger than memory (64M)\n", o->err);
	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	EXPECT_EQ(0, console("mmap a 100M", o));
	EXPECT_NE(0, console("mmap a 129M", o));
	EXPECT_STREQ("umm: mmap: size 129M is larger than memory and swap (127M)\n",
		     o->err);
	EXPECT_EQ(0, console("task exit a", o));
	free(o);
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* ---- 7. determinism ------------------------------------------------------------ */

#define DET_SCRIPT							\
	"echo lz4 > /sys/block/zram0/comp_algorithm\n"			\
	"echo 256M > /sys/block/zram0/disksize\n"			\
	"mkswap zram0\n"						\
	"swapon zram0\n"						\
	"task start a\n"						\
	"mmap a 80M\n"							\
	"fill a ratio=0.5\n"						\
	"task start b\n"						\
	"mmap b 80M\n"							\
	"fill b ratio=0.7 seed=2\n"					\
	"touch a 20\n"							\
	"madvise b dontneed 10 random\n"				\
	"verify a\n"							\
	"verify b\n"							\
	"alloc hi 4 50 unmovable\n"					\
	"cat /proc/vmstat /proc/swaps /proc/meminfo /proc/buddyinfo\n"	\
	"cat /sys/block/zram0/mm_stat /sys/block/zram0/io_stat\n"

/* Boot in a child, run DET_SCRIPT, return what it printed (malloc'ed). */
static char *run_in_child(const char *params)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	int fd[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fd))
		return NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		close(fd[0]);
		dup2(fd[1], 1);
		dup2(null, 2);
		if (umm_boot(params))
			_exit(2);
		status = console_run_text(DET_SCRIPT, "det", true);
		fflush(stdout);
		_exit(status ? 1 : 0);
	}
	close(fd[1]);
	while ((n = read(fd[0], buf + len, cap - len - 1)) > 0) {
		len += n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("# child: status %#x\n", status);
		free(buf);
		return NULL;
	}
	return buf;
}

/* The value of @key in @text (a line "key value"), or -1. */
static long long text_value(const char *text, const char *key)
{
	size_t len = strlen(key);
	const char *line;

	for (line = text; line && *line; line = strchr(line, '\n'),
	     line = line ? line + 1 : NULL)
		if (!strncmp(line, key, len) && line[len] == ' ')
			return strtoll(line + len, NULL, 10);
	return -1;
}

/* Tell where two outputs part, for the log. */
static void show_difference(const char *a, const char *b)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	size_t i = 0, start;

	while (a[i] && a[i] == b[i])
		i++;
	start = i;
	while (start && a[start - 1] != '\n')
		start--;
	printf("# first difference:\n#   %.*s\n#   %.*s\n",
	       (int)strcspn(a + start, "\n"), a + start,
	       (int)strcspn(b + start, "\n"), b + start);
}

/*
 * umm.deterministic=1 with a fixed seed: two boots of the same script
 * print the same numbers, every counter of /proc/vmstat (pswpout,
 * pgscan_*, pgsteal_*, allocstall, compaction...), /proc/swaps, meminfo,
 * buddyinfo and zram's statistics.
 */
TEST(swap_deterministic_counters_repeat_across_boots)
{
	const char *params = "mem=128M umm.deterministic=1";
	char *one = run_in_child(params), *two = run_in_child(params);

	ASSERT_NE(NULL, one);
	ASSERT_NE(NULL, two);
	EXPECT_LT(16384, text_value(one, "pswpout"));
	EXPECT_LT(0, text_value(one, "pswpin"));
	EXPECT_LT(0, text_value(one, "pgsteal_kswapd"));
	EXPECT_NE(NULL, strstr(one, "0 mismatches"));
	EXPECT_EQ(0, strcmp(one, two)) {
		show_difference(one, two);
	}
	free(one);
	free(two);
}

/* Run $UMM (./umm) with @argv on DET_SCRIPT (stdin); its stdout. */
static char *run_umm(const char *const *args)
{
	const char *umm = getenv("UMM") ? getenv("UMM") : "./umm";
	size_t cap = 1 << 16, len = 0;
	int in[2], out[2], status;
	char *buf = malloc(cap);
	ssize_t n;
	pid_t pid;

	if (pipe(in) || pipe(out))
		return NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		const char *argv[16] = { umm };
		int i, null = open("/dev/null", O_WRONLY);

		for (i = 0; args[i] && i < 14; i++)
			argv[i + 1] = args[i];
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(null, 2);
		close(in[1]);
		close(out[0]);
		execv(umm, (char **)argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	if (write(in[1], DET_SCRIPT, strlen(DET_SCRIPT)) < 0)
		abort();
	close(in[1]);
	while ((n = read(out[0], buf + len, cap - len - 1)) > 0) {
		len += n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	close(out[0]);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("# %s: status %#x\n", umm, status);
		free(buf);
		return NULL;
	}
	return buf;
}

/*
 * The same, as a user runs it: ./umm twice, two processes, each with
 * its own host address layout.  Nothing the kernel prints may depend on
 * where the host put its memory.
 */
TEST(swap_deterministic_numbers_repeat_across_processes)
{
	static const char *const args[] = {
		"mem=128M", "umm.deterministic=1", "umm.seed=7", "shell", NULL,
	};
	char *one = run_umm(args), *two = run_umm(args);

	ASSERT_NE(NULL, one);
	ASSERT_NE(NULL, two);
	EXPECT_LT(16384, text_value(one, "pswpout"));
	EXPECT_EQ(0, strcmp(one, two)) {
		show_difference(one, two);
	}
	free(one);
	free(two);
}

/* ---- 8. swappiness --------------------------------------------------------------- */

TEST_F(det64, swap_swappiness_is_0_to_100)
{
	static const char * const bad[] = { "101", "-1", "1000", "abc", "", "5x" };
	char buf[32];
	unsigned int i;

	EXPECT_STREQ("60\n", read_file_buf("/proc/sys/vm/swappiness", buf, sizeof(buf)));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, echo_file("/proc/sys/vm/swappiness", bad[i])) {
			TH_LOG("swappiness '%s'", bad[i]);
		}
		EXPECT_EQ(60, vm_swappiness);
	}
	EXPECT_EQ(0, echo_file("/proc/sys/vm/swappiness", "0"));
	EXPECT_STREQ("0\n", read_file_buf("/proc/sys/vm/swappiness", buf, sizeof(buf)));
	EXPECT_EQ(0, echo_file("/proc/sys/vm/swappiness", "100"));
	EXPECT_EQ(100, vm_swappiness);
	EXPECT_EQ(0, echo_file("/proc/sys/vm/swappiness", "60"));
}

/*
 * vm.swappiness=0: with free memory above the high watermark, reclaim
 * does not touch anonymous memory (may_scan_anon(): nothing else is
 * reclaimable here, so 4.8 scans anon only once free memory is at the
 * high watermark).  With memory at the watermark it does, and with
 * swappiness 1 it does whatever the free memory.
 */
TEST_F_TIMEOUT(det64, swap_swappiness_zero_swaps_nothing_above_the_high_watermark, UMM_TIMEOUT(60))
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	unsigned long out0, scan0, reclaimed, n = 0, i;
	struct page **held = calloc(max_pfn, sizeof(*held));
	struct verify_result res;
	struct workload *a;
	struct page *page;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(16), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	ASSERT_EQ(0, echo_file("/proc/sys/vm/swappiness", "0"));
	ASSERT_LT(high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));

	out0 = sum_vm_event(PSWPOUT);
	scan0 = sum_vm_event(PGSCAN_ANON);
	EXPECT_EQ(0, shrink_all_memory(512));
	EXPECT_EQ(0, try_to_free_pages(GFP_KERNEL, 0));
	EXPECT_EQ(out0, sum_vm_event(PSWPOUT));
	EXPECT_EQ(scan0, sum_vm_event(PGSCAN_ANON));
	EXPECT_EQ(0, swapents(a));

	/*
	 * Down to the high watermark, without waking kswapd (no reclaim
	 * flags): now swappiness 0 swaps too.
	 */
	while (zone_page_state(zone, NR_FREE_PAGES) > high_wmark_pages(zone) &&
	       (page = alloc_page(__GFP_NOWARN)))
		held[n++] = page;
	ASSERT_GE(high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	reclaimed = shrink_all_memory(512);
	printf("# at the high watermark: %lu reclaimed, free %lu (high %lu)\n",
	       reclaimed, zone_page_state(zone, NR_FREE_PAGES),
	       high_wmark_pages(zone));
	EXPECT_LT(0, reclaimed);
	EXPECT_EQ(reclaimed, sum_vm_event(PSWPOUT) - out0);
	EXPECT_EQ(reclaimed, swapents(a));
	/* ...and stops once free memory is above the watermark again. */
	EXPECT_LT(high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	EXPECT_GE(high_wmark_pages(zone) + SWAP_CLUSTER_MAX,
		  zone_page_state(zone, NR_FREE_PAGES));
	for (i = 0; i < n; i++)
		__free_page(held[i]);
	free(held);

	/* Plenty free again, but swappiness 1: anon is scanned. */
	ASSERT_LT(high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	ASSERT_EQ(0, echo_file("/proc/sys/vm/swappiness", "1"));
	out0 = sum_vm_event(PSWPOUT);
	reclaimed = shrink_all_memory(256);
	EXPECT_LE(256, reclaimed);
	EXPECT_EQ(reclaimed, sum_vm_event(PSWPOUT) - out0);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(4096, res.checked);
	EXPECT_EQ(0, echo_file("/proc/sys/vm/swappiness", "60"));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* Without swap there is nothing to reclaim, whatever the swappiness. */
TEST_F(det64, swap_no_swap_no_reclaim)
{
	unsigned long scan0 = sum_vm_event(PGSCAN_ANON);
	struct workload *a = task_filled("a", MB(8), 500, umm_test_seed, NULL);

	ASSERT_NE(NULL, a);
	EXPECT_EQ(0, zone_reclaimable_pages(UMM_ZONE(ZONE_NORMAL)));
	EXPECT_EQ(0, shrink_all_memory(512));
	EXPECT_EQ(scan0, sum_vm_event(PGSCAN_ANON));
	EXPECT_EQ(0, workload_stop(a));
}

/* ---- kswapd ------------------------------------------------------------------------ */

/*
 * An allocation that does not wake kswapd (no __GFP_KSWAPD_RECLAIM, as
 * Linux's light THP allocations) and finds the node below its
 * watermark reclaims by itself: direct reclaim (allocstall,
 * pgsteal_direct), every stolen page written to swap, kswapd idle, and
 * the task whose pages went out still reads them back intact.
 */
TEST_F_TIMEOUT(det64, swap_direct_reclaim_without_kswapd, UMM_TIMEOUT(60))
{
	const gfp_t gfp = (GFP_HIGHUSER_MOVABLE & ~__GFP_KSWAPD_RECLAIM) |
			  __GFP_NOWARN;
	struct page **held = calloc(max_pfn, sizeof(*held));
	struct counters c0, c1;
	struct verify_result res;
	unsigned long n = 0, i;
	struct workload *a;

	ASSERT_NE(NULL, held);
	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(40), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);

	take(&c0);
	/* 24M more than is free now: reclaim must make the room. */
	while (n < MB(24) / PAGE_SIZE + global_zone_page_state(NR_FREE_PAGES)) {
		struct page *page = alloc_page(gfp);

		if (!page)
			break;
		held[n++] = page;
	}
	take(&c1);
	printf("# %lu pages allocated: direct %lu/%lu (steal/scan), allocstall %lu, kswapd %lu\n",
	       n, c1.steal_direct - c0.steal_direct,
	       c1.scan_direct - c0.scan_direct, c1.allocstall - c0.allocstall,
	       c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.steal_direct - c0.steal_direct);
	EXPECT_LT(0, c1.allocstall - c0.allocstall);
	EXPECT_EQ(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_EQ(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_EQ(c1.steal_direct - c0.steal_direct, c1.pswpout - c0.pswpout);
	EXPECT_EQ(c1.pswpout - c0.pswpout, swapents(a));
	for (i = 0; i < n; i++)
		__free_page(held[i]);
	free(held);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(MB(40) / PAGE_SIZE, res.checked);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * Free memory pushed below the low watermark behind kswapd's back (no
 * reclaim flags), then kswapd woken as an allocation would: its work
 * (inline, deterministic) leaves the node balanced at the high
 * watermark, by kswapd's reclaim alone.
 */
TEST_F_TIMEOUT(det64, swap_kswapd_balances_to_the_high_watermark, UMM_TIMEOUT(60))
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct page **held = calloc(max_pfn, sizeof(*held));
	struct counters c0, c1;
	struct verify_result res;
	unsigned long n = 0, i;
	struct workload *a;
	struct page *page;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(32), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	while (zone_page_state(zone, NR_FREE_PAGES) >= low_wmark_pages(zone) &&
	       (page = alloc_page(__GFP_NOWARN)))
		held[n++] = page;
	ASSERT_GT(low_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));

	take(&c0);
	wakeup_kswapd(zone, GFP_KERNEL, 0, ZONE_NORMAL);
	take(&c1);
	printf("# kswapd: %lu scanned, %lu stolen, free %lu (low %lu high %lu)\n",
	       c1.scan_kswapd - c0.scan_kswapd,
	       c1.steal_kswapd - c0.steal_kswapd,
	       zone_page_state(zone, NR_FREE_PAGES), low_wmark_pages(zone),
	       high_wmark_pages(zone));
	EXPECT_LE(high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_EQ(0, c1.steal_direct - c0.steal_direct);
	EXPECT_EQ(c1.steal_kswapd - c0.steal_kswapd, c1.pswpout - c0.pswpout);
	EXPECT_EQ(c1.steal_kswapd - c0.steal_kswapd, swapents(a));
	/* Balanced: another wake-up does nothing. */
	take(&c0);
	wakeup_kswapd(zone, GFP_KERNEL, 0, ZONE_NORMAL);
	take(&c1);
	EXPECT_EQ(c0.pageoutrun, c1.pageoutrun);
	for (i = 0; i < n; i++)
		__free_page(held[i]);
	free(held);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * A high-order allocation in a memory full of order-0 holes between task
 * pages, with no free block of the order: kswapd is woken for the order
 * and reclaims until the block exists or enough is free for compaction
 * (compact_gap()); here its reclaim makes the block (the pages it frees
 * lie next to the holes), and the allocation succeeds without stalling
 * in direct compaction.  Then, with nothing to reclaim (swap off),
 * kswapd gives up and hands the order to kcompactd, whose compaction
 * (inline, deterministic) builds the block: again no stall.
 */
static bool free_block_from(struct zone *zone, unsigned int order)
{
	for (; order < MAX_ORDER; order++)
		if (zone->free_area[order].nr_free)
			return true;
	return false;
}

/* Take every free block of order 4 and up (no reclaim flags). */
static void take_big_blocks(struct zone *zone, struct list_head *held)
{
	struct page *page;

	drain_all_pages(NULL);
	while (free_block_from(zone, 4) &&
	       (page = alloc_pages(__GFP_MOVABLE | __GFP_NOWARN, 4)))
		list_add(&page->lru, held);
	drain_all_pages(NULL);
}

TEST_F_TIMEOUT(det64, swap_kswapd_reclaims_for_a_high_order_then_wakes_kcompactd, UMM_TIMEOUT(60))
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct verify_result res;
	struct page *page, *next;
	struct counters c0, c1;
	struct workload *a;
	LIST_HEAD(held);

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(64), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	/* Every other page back: holes of one page everywhere. */
	ASSERT_LT(0, workload_dontneed(a, 50, 2, 0));
	settle();
	take_big_blocks(zone, &held);
	ASSERT_FALSE(free_block_from(zone, 4));
	ASSERT_LT(high_wmark_pages(zone) + 1000,
		  zone_page_state(zone, NR_FREE_PAGES));

	take(&c0);
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4);
	take(&c1);
	printf("# with swap: kswapd %lu stolen, kcompactd wakes %lu, compact stalls %lu, migrated %lu\n",
	       c1.steal_kswapd - c0.steal_kswapd,
	       c1.kcompactd_wake - c0.kcompactd_wake,
	       c1.compact_stall - c0.compact_stall,
	       c1.migrated - c0.migrated);
	EXPECT_NE(NULL, page);
	if (page)
		__free_pages(page, 4);
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_GE(compact_gap(4), c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_EQ(0, c1.compact_stall - c0.compact_stall);
	EXPECT_EQ(0, c1.steal_direct - c0.steal_direct);

	/* Nothing to reclaim: kcompactd's turn. */
	ASSERT_EQ(0, sys_swapoff("zram0"));
	settle();
	take_big_blocks(zone, &held);
	ASSERT_FALSE(free_block_from(zone, 4));
	take(&c0);
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4);
	take(&c1);
	printf("# without swap: kswapd %lu stolen, kcompactd wakes %lu, compact stalls %lu, migrated %lu\n",
	       c1.steal_kswapd - c0.steal_kswapd,
	       c1.kcompactd_wake - c0.kcompactd_wake,
	       c1.compact_stall - c0.compact_stall,
	       c1.migrated - c0.migrated);
	EXPECT_NE(NULL, page);
	if (page)
		__free_pages(page, 4);
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_EQ(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_LT(0, c1.kcompactd_wake - c0.kcompactd_wake);
	EXPECT_LT(0, c1.migrated - c0.migrated);
	EXPECT_EQ(0, c1.compact_stall - c0.compact_stall);

	list_for_each_entry_safe(page, next, &held, lru) {
		list_del(&page->lru);
		__free_pages(page, 4);
	}
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * Task memory is GFP_HIGHUSER_MOVABLE, whose highest zone is
 * ZONE_MOVABLE, empty without movablecore=.  A task's page fault that
 * finds free memory below the low watermark must wake kswapd all the
 * same (Linux wakes the kswapd of every populated zone up to that
 * one): its work runs inline (deterministic) and balances the node.
 */
TEST_F_TIMEOUT(det64, swap_task_page_fault_below_low_watermark_wakes_kswapd, UMM_TIMEOUT(60))
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct page **held = calloc(max_pfn, sizeof(*held));
	struct verify_result res;
	struct counters c0, c1;
	unsigned long n = 0, i;
	struct workload *a;
	struct page *page;

	ASSERT_EQ(ZONE_MOVABLE, gfp_zone(GFP_HIGHUSER_MOVABLE));
	ASSERT_FALSE(managed_zone(UMM_ZONE(ZONE_MOVABLE)));
	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(32), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	/* Holes where the page tables exist: faults allocate the page only. */
	ASSERT_EQ(82, workload_dontneed(a, 1, 100, 0));
	while (zone_page_state(zone, NR_FREE_PAGES) >= low_wmark_pages(zone) &&
	       (page = alloc_page(__GFP_NOWARN)))
		held[n++] = page;
	ASSERT_GT(low_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));

	take(&c0);
	EXPECT_EQ(8192, workload_fill(a, 500, 1));
	take(&c1);
	printf("# pageoutrun %lu, kswapd stole %lu, free %lu (low %lu high %lu)\n",
	       c1.pageoutrun - c0.pageoutrun,
	       c1.steal_kswapd - c0.steal_kswapd,
	       zone_page_state(zone, NR_FREE_PAGES), low_wmark_pages(zone),
	       high_wmark_pages(zone));
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_LE(low_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	for (i = 0; i < n; i++)
		__free_page(held[i]);
	free(held);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * The threaded mode: kswapd0 is a thread of its own, woken by the
 * allocations of a task that grows past the low watermark; it reclaims
 * in the background (pgsteal_kswapd), and once the node is balanced it
 * sleeps again.
 */
TEST_F_TIMEOUT(thr64, swap_kswapd_thread_reclaims_in_the_background, UMM_TIMEOUT(60))
{
	struct pglist_data *pgdat = NODE_DATA(0);
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct verify_result res;
	struct counters c0, c1;
	struct workload *a;

	ASSERT_NE(NULL, pgdat->kswapd);
	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	take(&c0);
	a = task_filled("a", MB(72), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	settle();
	take(&c1);
	printf("# kswapd %lu/%lu, direct %lu/%lu (steal/scan), pageoutrun %lu\n",
	       c1.steal_kswapd - c0.steal_kswapd,
	       c1.scan_kswapd - c0.scan_kswapd,
	       c1.steal_direct - c0.steal_direct,
	       c1.scan_direct - c0.scan_direct, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_TRUE(kswapd_idle(pgdat));
	EXPECT_LE(low_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	check_swap_books(_metadata, "zram0", &a, 1);
	check_reclaim_counters(_metadata);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(18432, res.checked);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* ---- priorities: two devices -------------------------------------------------------- */

/*
 * zram0 at priority 5, zram1 at 10: reclaim writes to zram1 only.
 * swapoff of zram1 then brings its pages in, and reclaim, to make room,
 * sends pages to zram0: swapoff succeeds, nothing is lost.
 */
TEST_F_TIMEOUT(two, swap_higher_priority_first_and_swapoff_moves_pages_over, UMM_TIMEOUT(120))
{
	struct verify_result res;
	struct workload *a;
	long used1;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", 5));
	ASSERT_EQ(0, swap_dev_on("zram1", NULL, "64M", 10));
	EXPECT_EQ(5, swaps_field("zram0", 4));
	EXPECT_EQ(10, swaps_field("zram1", 4));
	EXPECT_EQ(2 * 65532, meminfo_kb("SwapTotal:"));
	a = task_filled("a", MB(72), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	used1 = swap_used_pages("zram1");
	EXPECT_LT(0, used1);
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_EQ(used1, (long)swapents(a));

	EXPECT_EQ(0, sys_swapoff("zram1"));
	EXPECT_FALSE(swaps_lists("zram1"));
	EXPECT_EQ(1, zpages("zram1"));
	EXPECT_LT(0, swap_used_pages("zram0"));
	EXPECT_EQ(swap_used_pages("zram0"), (long)swapents(a));
	EXPECT_EQ(65532, meminfo_kb("SwapTotal:"));
	check_swap_books(_metadata, "zram0", &a, 1);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(18432, res.checked);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
	EXPECT_EQ(0, swap_dev_off("zram1"));
}

/*
 * Two devices of the same priority: as swapon(8) documents, "pages are
 * allocated on a round-robin basis between them" (4.8 requeues the
 * device it used behind its equals in get_swap_page()).  Both fill.
 */
TEST_F_TIMEOUT(two, swap_equal_priorities_share_round_robin, UMM_TIMEOUT(60))
{
	struct verify_result res;
	struct workload *a;
	long used0, used1;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", 7));
	ASSERT_EQ(0, swap_dev_on("zram1", NULL, "64M", 7));
	a = task_filled("a", MB(16), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	EXPECT_LE(1024, shrink_all_memory(1024));
	used0 = swap_used_pages("zram0");
	used1 = swap_used_pages("zram1");
	printf("# zram0 %ld, zram1 %ld pages\n", used0, used1);
	EXPECT_LE(used0 + used1 - 1, 2 * min(used0, used1) + 1);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
	EXPECT_EQ(0, swap_dev_off("zram1"));
}

/* ---- 4. concurrency ------------------------------------------------------------------ */

/*
 * A task's memory with a record of what each page must hold: the
 * generation the test last wrote there (0: never written, or given
 * back, so it must read as zeroes).  The test writes and checks pages
 * itself, through the task (workload_call()), so that a page that comes
 * back from swap with older contents, self-consistent but stale, is
 * caught too: workload_verify() alone would not see it.
 */
struct fill_header_view {		/* kernel/workload.c's header */
	u32 magic;
	u32 owner;
	u64 vaddr;
	u32 gen;
};

struct tracked {
	struct workload *w;
	unsigned long nr;
	u32 *gen;			/* per page */
	u32 next_gen;
	u64 rnd;
	/* the request being run */
	unsigned int pct;
	unsigned long bad, first_bad, checked, written, dropped;
	long err;
};

static u64 xorshift(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* In the task: rewrite pct% of the pages at random, drop 1% of them. */
static long tracked_touch_fn(struct workload *w, void *arg)
{
	struct tracked *t = arg;
	unsigned long i;
	int err;

	t->next_gen++;
	for (i = 0; i < t->nr; i++) {
		unsigned long addr = TASK_BASE + i * PAGE_SIZE;
		unsigned int r = xorshift(&t->rnd) % 1000;

		if (r < 10) {
			err = madvise_dontneed(current->mm, addr,
					       addr + PAGE_SIZE);
			if (err)
				return err;
			t->gen[i] = 0;
			t->dropped++;
		} else if (r < 10 + t->pct * 10) {
			workload_fill_page(w->buf, w->owner, addr, t->next_gen,
					   500, t->rnd);
			err = access_mm(current->mm, addr, w->buf, PAGE_SIZE,
					true);
			if (err)
				return err;
			t->gen[i] = t->next_gen;
			t->written++;
		}
		if (fatal_signal_pending(current))
			return -EINTR;
	}
	return 0;
}

/* In the task: every page holds the generation last written, or zeroes. */
static long tracked_check_fn(struct workload *w, void *arg)
{
	struct tracked *t = arg;
	unsigned long i;

	for (i = 0; i < t->nr; i++) {
		unsigned long addr = TASK_BASE + i * PAGE_SIZE;
		const struct fill_header_view *h = w->buf;
		bool ok;
		int err;

		err = access_mm(current->mm, addr, w->buf, PAGE_SIZE, false);
		if (err)
			return err;
		if (t->gen[i])
			ok = workload_page_valid(w->buf, w->owner, addr) &&
			     h->gen == t->gen[i];
		else
			ok = !memchr_inv(w->buf, 0, PAGE_SIZE);
		if (!ok && !t->bad++)
			t->first_bad = addr;
		t->checked++;
	}
	return 0;
}

static int tracked_call(struct tracked *t,
			long (*fn)(struct workload *w, void *arg))
{
	long ret;
	int err = workload_call(t->w, fn, t, &ret);

	return err ? err : (int)ret;
}

/* A task with @bytes mapped at TASK_BASE and all of it written. */
static int tracked_start(struct tracked *t, const char *name,
			 unsigned long bytes, u64 seed)
{
	long addr;
	int err;

	memset(t, 0, sizeof(*t));
	t->w = workload_start(name);
	if (IS_ERR(t->w)) {
		err = PTR_ERR(t->w);
		t->w = NULL;
		return err;
	}
	addr = workload_mmap(t->w, bytes);
	if (addr != (long)TASK_BASE)
		return addr < 0 ? addr : -EINVAL;
	t->nr = bytes >> PAGE_SHIFT;
	t->gen = calloc(t->nr, sizeof(*t->gen));
	t->rnd = seed | 1;
	t->pct = 99;	/* and 1% dropped */
	return tracked_call(t, tracked_touch_fn);
}

static void tracked_end(struct __test_metadata *_metadata, struct tracked *t)
{
	if (t->w)
		EXPECT_EQ(0, workload_stop(t->w));
	free(t->gen);
	t->w = NULL;
}

#define NR_CTASKS	3

struct conc {
	struct tracked t[NR_CTASKS];
	int nr_tasks;
	atomic_t stop;
	atomic_t rounds[NR_CTASKS];
	atomic_long_t bad;
	atomic_long_t errors;
	atomic_long_t zs_migrated;
	atomic_long_t reclaimed;
	atomic_t compactions, high_order_ok;
	atomic_t swapoffs;
	u64 start;
};

static bool conc_rounds(struct conc *c, int min)
{
	int i;

	for (i = 0; i < c->nr_tasks; i++)
		if (atomic_read(&c->rounds[i]) < min)
			return false;
	return true;
}

/*
 * Whether the thread that keeps time should end the run: after a second
 * and a half once every task has done three rounds (so that a slow
 * sanitizer build still overlaps everything), or after 60 s, when the
 * tasks are stuck (the missing rounds then fail the test).
 */
static bool conc_done(struct conc *c, bool more)
{
	u64 ms = now_ms() - c->start;

	return (ms >= 1500 && conc_rounds(c, 3) && !more) || ms > 60000;
}

static void conc_error(struct conc *c, const char *what, long err)
{
	printf("# %s: %ld\n", what, err);
	atomic_long_inc(&c->errors);
}

/* A task's driver: rewrite 20% of the pages, drop 1%, check all. */
static void conc_driver(struct conc *c, int i)
{
	struct tracked *t = &c->t[i];
	int err;

	t->pct = 20;
	while (!atomic_read(&c->stop)) {
		t->bad = 0;
		err = tracked_call(t, tracked_touch_fn);
		if (!err)
			err = tracked_call(t, tracked_check_fn);
		if (err) {
			conc_error(c, t->w->name, err);
			break;
		}
		if (t->bad) {
			printf("# %s: %lu pages wrong, the first at %#lx (round %d)\n",
			       t->w->name, t->bad, t->first_bad,
			       atomic_read(&c->rounds[i]));
			atomic_long_add(t->bad, &c->bad);
		}
		atomic_inc(&c->rounds[i]);
	}
}

/*
 * Compaction from outside: compact_memory, zram's own compaction
 * (zs_compact()), and order-3 and order-9 allocations, whose slow path
 * wakes kswapd for the order, and kswapd kcompactd.
 */
static void conc_compactor(struct conc *c)
{
	unsigned int order;
	struct page *page;

	if (compact_memory())
		conc_error(c, "compact_memory", -1);
	if (zwrite("zram0", "compact", "1"))
		conc_error(c, "zram compact", -1);
	order = atomic_inc_return(&c->compactions) & 1 ? 3 : pageblock_order;
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN | __GFP_NORETRY, order);
	if (page) {
		atomic_inc(&c->high_order_ok);
		__free_pages(page, order);
	}
}

static struct page *conc_target(struct page *page, unsigned long private,
				int **result)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN);
}

/*
 * Migrate every zsmalloc page there is, by pfn, as a second compactor
 * or CMA would: zspages move while zram writes and reads them for swap.
 */
static void conc_zs_scanner(struct conc *c)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	unsigned long pfn, end = zone_end_pfn(zone);
	LIST_HEAD(list);
	int n = 0, left;

	for (pfn = zone->zone_start_pfn; pfn < end && !atomic_read(&c->stop);
	     pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (!__PageMovable(page) || !isolate_movable_page(page, 0))
			continue;
		list_add_tail(&page->lru, &list);
		if (++n < 16)
			continue;
		left = migrate_pages(&list, conc_target, NULL, 0, MIGRATE_SYNC,
				     MR_COMPACTION);
		atomic_long_add(n - max(left, 0), &c->zs_migrated);
		putback_movable_pages(&list);
		n = 0;
	}
	if (n) {
		left = migrate_pages(&list, conc_target, NULL, 0, MIGRATE_SYNC,
				     MR_COMPACTION);
		atomic_long_add(n - max(left, 0), &c->zs_migrated);
		putback_movable_pages(&list);
	}
}

/*
 * Threads 0..nr_tasks-1 drive the tasks; then the compactor (which
 * keeps time) and the zsmalloc scanner.  kswapd0 and kcompactd0 run on
 * their own threads meanwhile.
 */
static int reclaim_conc_fn(void *arg, int idx)
{
	struct conc *c = arg;

	if (idx < c->nr_tasks) {
		conc_driver(c, idx);
		return 0;
	}
	while (!atomic_read(&c->stop)) {
		if (idx == c->nr_tasks) {
			conc_compactor(c);
			if (conc_done(c, false))
				break;
		} else {
			conc_zs_scanner(c);
		}
	}
	atomic_set(&c->stop, 1);
	return 0;
}

/* Every task checks out once more, and the books balance. */
static void conc_finish(struct __test_metadata *_metadata, struct conc *c)
{
	struct workload *w[NR_CTASKS];
	int i;

	settle();
	EXPECT_EQ(0, atomic_long_read(&c->errors));
	EXPECT_EQ(0, atomic_long_read(&c->bad));
	EXPECT_TRUE(conc_rounds(c, 3));
	for (i = 0; i < c->nr_tasks; i++) {
		c->t[i].bad = 0;
		EXPECT_EQ(0, tracked_call(&c->t[i], tracked_check_fn));
		EXPECT_EQ(0, c->t[i].bad);
		w[i] = c->t[i].w;
	}
	/* The checks swapped pages in, and reclaim may be at work again. */
	settle();
	if (swaps_lists("zram0"))
		check_swap_books(_metadata, "zram0", w, c->nr_tasks);
	check_reclaim_counters(_metadata);
	EXPECT_EQ(0, check_zones());
	for (i = 0; i < c->nr_tasks; i++)
		tracked_end(_metadata, &c->t[i]);
}

/*
 * Three tasks of 24M on 64M of RAM with a 128M zram swap: they rewrite
 * and drop random pages and check every page, while kswapd and direct
 * reclaim swap them out and faults bring them back, compact_memory and
 * kcompactd move LRU pages, and zsmalloc's pages move under zram's
 * swap I/O (zram's compaction, and a scanner that migrates them by
 * pfn).  Afterwards no page was ever wrong, and every count agrees.
 */
TEST_F_TIMEOUT(thr64, swap_concurrent_reclaim_and_compaction_while_tasks_touch_and_verify, UMM_TIMEOUT(300))
{
	struct conc *c = calloc(1, sizeof(*c));
	struct counters c0, c1;
	char name[16];
	int i;

	ASSERT_EQ(0, swap_dev_on("zram0", "lz4", "128M", -1));
	c->nr_tasks = NR_CTASKS;
	for (i = 0; i < c->nr_tasks; i++) {
		snprintf(name, sizeof(name), "conc%d", i);
		ASSERT_EQ(0, tracked_start(&c->t[i], name, MB(24),
					   umm_test_seed + i));
	}
	settle();
	take(&c0);
	c->start = now_ms();
	ASSERT_EQ(0, umm_run_threads(c->nr_tasks + 2, reclaim_conc_fn, c));
	settle();
	take(&c1);
	printf("# rounds %d/%d/%d; pswpout %lu pswpin %lu; kswapd %lu/%lu direct %lu/%lu; migrated %lu (zsmalloc by scanner %ld); kcompactd wakes %lu; %d compactions, %d order-3 ok\n",
	       atomic_read(&c->rounds[0]), atomic_read(&c->rounds[1]),
	       atomic_read(&c->rounds[2]), c1.pswpout - c0.pswpout,
	       c1.pswpin - c0.pswpin, c1.steal_kswapd - c0.steal_kswapd,
	       c1.scan_kswapd - c0.scan_kswapd,
	       c1.steal_direct - c0.steal_direct,
	       c1.scan_direct - c0.scan_direct, c1.migrated - c0.migrated,
	       atomic_long_read(&c->zs_migrated),
	       c1.kcompactd_wake - c0.kcompactd_wake,
	       atomic_read(&c->compactions), atomic_read(&c->high_order_ok));
	/* Everything the test is about did happen meanwhile. */
	EXPECT_LT(0, c1.pswpout - c0.pswpout);
	EXPECT_LT(0, c1.pswpin - c0.pswpin);
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_LT(0, c1.migrated - c0.migrated);
	EXPECT_LT(0, atomic_long_read(&c->zs_migrated));
	conc_finish(_metadata, c);
	free(c);
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * Threads of the second test: the tasks' drivers, a reclaimer pushing
 * pages out (shrink_all_memory()), a thread turning swap off and on
 * again (swapoff swaps everything in under the tasks' faults; the tasks
 * fit in RAM, so it must always succeed), and compact_memory.
 */
static int swapoff_conc_fn(void *arg, int idx)
{
	struct conc *c = arg;
	int err;

	if (idx < c->nr_tasks) {
		conc_driver(c, idx);
		return 0;
	}
	while (!atomic_read(&c->stop)) {
		switch (idx - c->nr_tasks) {
		case 0:
			atomic_long_add(shrink_all_memory(1024), &c->reclaimed);
			break;
		case 1:
			usleep(20000);
			err = sys_swapoff("zram0");
			if (err)
				conc_error(c, "swapoff", err);
			usleep(5000);
			err = sys_swapon("zram0", -1);
			if (err)
				conc_error(c, "swapon", err);
			if (atomic_inc_return(&c->swapoffs) >= 1000 ||
			    conc_done(c, atomic_read(&c->swapoffs) < 3))
				atomic_set(&c->stop, 1);
			break;
		default:
			if (compact_memory())
				conc_error(c, "compact_memory", -1);
			atomic_inc(&c->compactions);
			break;
		}
	}
	atomic_set(&c->stop, 1);
	return 0;
}

TEST_F_TIMEOUT(thr64, swap_concurrent_swapoff_and_swapon_while_tasks_fault, UMM_TIMEOUT(300))
{
	struct conc *c = calloc(1, sizeof(*c));
	struct counters c0, c1;
	char name[16];
	int i;

	ASSERT_EQ(0, swap_dev_on("zram0", "lz4", "64M", -1));
	c->nr_tasks = 2;
	for (i = 0; i < c->nr_tasks; i++) {
		snprintf(name, sizeof(name), "off%d", i);
		ASSERT_EQ(0, tracked_start(&c->t[i], name, MB(16),
					   umm_test_seed + i));
	}
	take(&c0);
	c->start = now_ms();
	ASSERT_EQ(0, umm_run_threads(c->nr_tasks + 3, swapoff_conc_fn, c));
	settle();
	take(&c1);
	printf("# rounds %d/%d; %d swapoff/swapon cycles; reclaimed %ld; pswpout %lu pswpin %lu; %d compactions\n",
	       atomic_read(&c->rounds[0]), atomic_read(&c->rounds[1]),
	       atomic_read(&c->swapoffs), atomic_long_read(&c->reclaimed),
	       c1.pswpout - c0.pswpout, c1.pswpin - c0.pswpin,
	       atomic_read(&c->compactions));
	EXPECT_LE(3, atomic_read(&c->swapoffs));
	EXPECT_LT(0, c1.pswpout - c0.pswpout);
	EXPECT_LT(0, c1.pswpin - c0.pswpin);
	EXPECT_EQ(0, c1.oom_kill - c0.oom_kill);
	EXPECT_TRUE(swaps_lists("zram0"));
	conc_finish(_metadata, c);
	free(c);
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

UMM_TEST_MAIN
