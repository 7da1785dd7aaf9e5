// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/soak/soak.c - everything at once, for minutes, then the books
 *
 *   soak [-s SEED] [-t SECONDS] [-c NR_CPUS,...] [-b BOOTS] [-m MEM_MB]
 *        [-p 'PARAM=VALUE ...'] [-T MIGRATIONS]
 *
 * The soak boots umm several times, each boot in a child process of its
 * own (booting is process-global) with its own nr_cpus= and seed, and
 * shares the time out among them.  In each boot, on real threads (kernel
 * threads, each its own virtual CPU as the tests' umm_run_threads() has
 * them), all of these run at once until the boot's time is up:
 *
 *   - workload tasks on zram swap (zram0 is swap, and the tasks want more
 *     memory than there is, so kswapd and direct reclaim swap them out):
 *     each task maps, fills with checkable data, touches, gives part back
 *     with madvise(DONTNEED) and verifies, round after round, now and
 *     then exiting and starting afresh.  Besides workload_verify(), a
 *     stricter check of our own runs in the task: a mapped page that
 *     reads as zeroes (lost, not just stale) counts as a mismatch too;
 *   - block I/O on zram1: pages written, read back and discarded, with
 *     our own record of the generation each page must hold (zeroes when
 *     discarded), so that a stale page is caught as well as a corrupt one;
 *   - the virtio balloon: the host moves its target up and down, mostly
 *     without waiting, sometimes waiting for the guest to get there;
 *   - the sample driver (samples/movable/): grows, shrinks, releases
 *     pages at random (isolated ones included) and verifies, while fault
 *     injection flips fail_isolate and fail_migrate, with storms of
 *     failing migrations during which compaction keeps driver pages
 *     isolated across migrate_pages()' -EAGAIN retry passes; the driver
 *     releases in bursts while compaction holds its pages, so that
 *     releases of isolated pages happen for real (released_isolated);
 *   - compaction: compact_memory writes, high-order allocations (direct
 *     compaction; a few order-3 unmovable blocks are kept for a while so
 *     that memory stays fragmented), zram's own compaction, with kswapd
 *     and kcompactd (umm.deterministic=0) on their own threads.
 *
 * At the end of each boot, everything is taken down and checked:
 *
 *   - every verification found 0 mismatches (tasks, block device, driver);
 *   - nothing is left isolated: NR_ISOLATED_ANON, the driver's "isolated",
 *     the balloon's isolated_pages, and no page PG_isolated (check_zones(),
 *     which also checks the free lists against the counters);
 *   - the counters balance: the balloon's vm events against the host
 *     device's, migrations by kind against the drivers' own counts, swap
 *     usage back to 0 once the tasks exited;
 *   - free pages back to what they were right after boot once everything
 *     is freed (tasks exited, swapoff, zram reset, balloon deflated,
 *     driver at 0 pages, per-cpu lists drained); no taint;
 *
 * The soak as a whole must have done what it is for: pages of each of
 * the four kinds migrated, swap out and in, direct compaction stalls,
 * kcompactd woken, balloon pages migrated, and a release that found a
 * driver page isolated (a race window: a short boot on a loaded machine
 * may miss it, so it is not asked of each boot).  A boot still running five
 * minutes past its time is aborted by a watchdog that says what each
 * thread was doing; a task killed by the OOM killer fails the boot with
 * the state of memory at that moment.
 *
 * Each boot prints a summary: pages migrated per kind (from
 * /sys/kernel/debug/umm/migrated), the driver's released_isolated,
 * pswpin/pswpout, the compact_* counters, balloon_migrate, the time and
 * the migrations per second; the parent adds it all up and says when the
 * soak passed 10^6 migrations.  The exit status is 0 only if every boot
 * passed; a boot that could not start all its threads is reported as
 * such, with the reason, and fails the soak.  The first line gives the seed: -s SEED
 * replays the run (as closely as threads allow); each boot's line says
 * how to replay just that boot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <pthread.h>
#include <sys/wait.h>

#include "umm_test_lib.h"

#include <linux/blkdev.h>
#include <linux/balloon_compaction.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/mm.h>
#include <linux/pseudo_fs.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/swap.h>
#include <linux/virtio.h>
#include <linux/workload.h>
#include "../../../drivers/virtio/virtio_balloon_drv.h"
#include "../../../arch/user/drivers/virtio_balloon_dev.h"

/* printk.c: the retained kernel log. */
size_t log_buf_copy(char *buf, size_t size);

#define SAMPLE		"/sys/kernel/debug/movable_sample/"
#define MB(n)		((unsigned long)(n) << 20)

/*
 * Exit statuses of a boot's child; others mean it died: 1 is what
 * AddressSanitizer and UBSan exit with, 66 ThreadSanitizer.
 */
#define BOOT_PASSED	0
#define BOOT_FAILED	10
#define BOOT_NOSTART	11
#define TSAN_EXITCODE	66

/*
 * The machine of one boot.  Sanitizer builds run the same soak on a
 * smaller machine: ThreadSanitizer is 5 to 20 times slower.
 */
struct soak_size {
	unsigned long mem_mb;
	unsigned long task_mb;		/* each task's mapping */
	unsigned long swap_mb;		/* zram0 */
	unsigned long blk_pages;	/* zram1 */
	unsigned long sample_max;	/* the driver's pages, at most */
	unsigned long balloon_max;	/* the host's target, at most */
};

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
static const struct soak_size default_size = {
	.mem_mb = 64, .task_mb = 28, .swap_mb = 128, .blk_pages = 2048,
	.sample_max = 1536, .balloon_max = 2048,
};
#else
static const struct soak_size default_size = {
	.mem_mb = 128, .task_mb = 56, .swap_mb = 256, .blk_pages = 4096,
	.sample_max = 3072, .balloon_max = 4096,
};
#endif

#define NR_TASKS	2

/* ---- what a boot sends its parent --------------------------------------- */

enum { KIND_LRU, KIND_BALLOON, KIND_ZSMALLOC, KIND_SAMPLE, NR_KINDS };
static const char *const kind_names[NR_KINDS] = {
	"lru", "balloon", "zsmalloc", "movable_sample",
};

enum {
	EV_PSWPIN, EV_PSWPOUT, EV_MIGRATE_SCANNED, EV_FREE_SCANNED,
	EV_ISOLATED, EV_STALL, EV_FAIL, EV_SUCCESS, EV_DAEMON_WAKE,
	EV_BALLOON_MIGRATE, EV_BALLOON_INFLATE, EV_BALLOON_DEFLATE,
	EV_PGMIGRATE_SUCCESS, EV_PGMIGRATE_FAIL, NR_EVENTS
};
/* Their names in /proc/vmstat. */
static const char *const event_names[NR_EVENTS] = {
	"pswpin", "pswpout", "compact_migrate_scanned", "compact_free_scanned",
	"compact_isolated", "compact_stall", "compact_fail",
	"compact_success", "compact_daemon_wake", "balloon_migrate",
	"balloon_inflate", "balloon_deflate", "pgmigrate_success",
	"pgmigrate_fail",
};

struct soak_result {
	long kinds[NR_KINDS];
	long events[NR_EVENTS];
	long released_isolated;
	double load_s;			/* the threads' run */
	double boot_s;			/* boot to the end of the checks */
};

enum { MSG_PROGRESS, MSG_NOSTART, MSG_RESULT };

/*
 * What a boot tells its parent, down a pipe: progress (so that the
 * parent can tell when the soak passed 10^6 migrations), why it could not
 * start, or its results.  Smaller than PIPE_BUF: written atomically.
 */
struct soak_msg {
	int type;
	u64 when_ms;			/* CLOCK_MONOTONIC */
	u64 migrated;			/* the four kinds, so far */
	char why[256];
	struct soak_result res;
};

/* ---- the state of one boot ----------------------------------------------- */

enum role {
	ROLE_CONTROL, ROLE_TASK0, ROLE_TASK1 = ROLE_TASK0 + NR_TASKS - 1,
	ROLE_BLK, ROLE_DRIVER, ROLE_BALLOON, ROLE_COMPACT, NR_ROLES
};

static const char *const role_names[NR_ROLES] = {
	[ROLE_CONTROL] = "control", [ROLE_TASK0] = "task0",
	[ROLE_TASK1] = "task1", [ROLE_BLK] = "blk", [ROLE_DRIVER] = "driver",
	[ROLE_BALLOON] = "balloon", [ROLE_COMPACT] = "compact",
};

struct soak_task {
	struct workload *w;
	unsigned long addr;
	unsigned long nr;		/* pages mapped */
	int generation;			/* tasks started in this slot */
	long rounds, verified, restarts;
};

struct soak_blk {
	struct block_device *bdev;
	struct page *page;
	u32 *gen;			/* per page; 0: must read as zeroes */
	u8 *same;			/* per page: written "same" */
	u32 next_gen;
	u32 owner;
	long writes, reads, discards, mismatches, errors;
};

struct soak {
	/* configuration */
	unsigned long seed;
	unsigned int nr_cpus;
	struct soak_size size;
	u64 start_ms, deadline_ms;
	int report_fd;
	const char *extra_params;	/* -p */

	atomic_t stop;
	atomic_t failures;

	/* per role: what it is doing, for the watchdog */
	const char *doing[NR_ROLES];
	u64 since_ms[NR_ROLES];

	struct soak_task task[NR_TASKS];
	struct soak_blk blk;
	struct virtio_balloon *vb;

	/* counts of the threads, for the summary */
	atomic_long_t compactions, high_order_tries, high_order_ok;
	atomic_long_t driver_verified, driver_mismatches;
	atomic_long_t release_bursts, releases;
	atomic_long_t balloon_targets, balloon_waits;
	atomic_long_t storms;
	atomic_long_t task_mismatch_total;
	long kinds_load0[NR_KINDS];	/* migrations before the load */
};

static struct soak soak;

static double secs(u64 ms)
{
	return ms / 1000.0;
}

/* Something is wrong: say what, and the boot fails. */
static void __printf(2, 3) soak_fail(int role, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("# FAIL [%s] %s\n", role >= 0 ? role_names[role] : "check", msg);
	fflush(stdout);
	atomic_inc(&soak.failures);
}

static void doing(int role, const char *what)
{
	WRITE_ONCE(soak.doing[role], what);
	WRITE_ONCE(soak.since_ms[role], now_ms());
}

static bool stopping(void)
{
	return atomic_read(&soak.stop);
}

/* Sleep as a kernel thread does, so that the CPU is the others'. */
static void pause_us(unsigned long us)
{
	usleep_range(us, us + us / 4);
}

/* ---- files ---------------------------------------------------------------- */

static void read_kinds(long kinds[NR_KINDS])
{
	int i;

	for (i = 0; i < NR_KINDS; i++)
		kinds[i] = migrated_pages(kind_names[i]);
}

static long kinds_total(const long kinds[NR_KINDS])
{
	long n = 0;
	int i;

	for (i = 0; i < NR_KINDS; i++)
		n += max(kinds[i], 0L);
	return n;
}

static void read_events(long ev[NR_EVENTS])
{
	int i;

	for (i = 0; i < NR_EVENTS; i++)
		ev[i] = file_value("/proc/vmstat", event_names[i]);
}

static void report(struct soak_msg *msg)
{
	msg->when_ms = now_ms();
	if (soak.report_fd >= 0 &&
	    write(soak.report_fd, msg, sizeof(*msg)) != sizeof(*msg))
		soak.report_fd = -1;	/* the parent is gone: keep going */
}

/* ---- workload tasks --------------------------------------------------------- */

/* kernel/workload.c's page header, as far as we look at it. */
struct fill_header_view {
	u32 magic;
	u32 owner;
	u64 vaddr;
	u32 gen;
};

struct strict_args {
	struct soak_task *t;
	unsigned long checked, absent, zero, bad, first_bad;
};

/*
 * In the task: every page of the mapping is absent (given back), or holds
 * data that verifies and is not from the future.  Unlike
 * workload_verify(), a mapped page of zeroes is an error: every page the
 * soak maps is written before anything else happens to it, so zeroes
 * mean the data was lost (a swap slot read back empty, say).
 */
static long strict_check_fn(struct workload *w, void *arg)
{
	struct strict_args *a = arg;
	const struct fill_header_view *h = w->buf;
	unsigned long i;

	for (i = 0; i < a->t->nr; i++) {
		unsigned long addr = a->t->addr + i * PAGE_SIZE;
		bool ok;
		int err;

		if (!mm_pte_state(current->mm, addr, NULL)) {
			a->absent++;
			continue;
		}
		err = access_mm(current->mm, addr, w->buf, PAGE_SIZE, false);
		if (err)
			return err;
		a->checked++;
		if (!memchr_inv(w->buf, 0, PAGE_SIZE)) {
			a->zero++;
			ok = false;
		} else {
			ok = workload_page_valid(w->buf, w->owner, addr) &&
			     h->gen <= w->gen;
		}
		if (!ok && !a->bad++)
			a->first_bad = addr;
		if (fatal_signal_pending(current))
			return -EINTR;
	}
	return 0;
}

/* Print a file of the kernel's, each line after a "#   ". */
static void dump_file(const char *path)
{
	char *buf, *line, *next;

	if (kernel_read_file_path(path, &buf) < 0)
		return;
	printf("#   %s:\n", path);
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		printf("#     %s\n", line);
	}
	kfree(buf);
}

/*
 * The OOM killer ended a task: with swap left, that is a failure of
 * reclaim, and what memory held at that moment is what explains it.
 */
static void oom_report(void)
{
	static atomic_t once;

	if (atomic_xchg(&once, 1))
		return;
	printf("#   the state after the kill:\n");
	dump_file("/proc/meminfo");
	dump_file("/proc/buddyinfo");
	dump_file("/proc/swaps");
	dump_file("/sys/block/zram0/mm_stat");
	dump_file("/sys/block/zram1/mm_stat");
	dump_file(SAMPLE "stats");
	printf("#     balloon pages %u; vmstat: oom_kill %ld, allocstall %ld, pgsteal_direct %ld, pgsteal_kswapd %ld, nr_isolated_anon %ld\n",
	       soak.vb ? soak.vb->num_pages : 0,
	       file_value("/proc/vmstat", "oom_kill"),
	       file_value("/proc/vmstat", "allocstall_normal") +
	       file_value("/proc/vmstat", "allocstall_movable"),
	       file_value("/proc/vmstat", "pgsteal_direct"),
	       file_value("/proc/vmstat", "pgsteal_kswapd"),
	       file_value("/proc/vmstat", "nr_isolated_anon"));
	fflush(stdout);
}

static const char *task_err(long err)
{
	if (err != -ESRCH && err != -EINTR)
		return "error";
	oom_report();
	return "the task was killed (OOM killer?)";
}

/* A new task in slot @i, with nothing mapped yet. */
static int task_start(struct soak_task *t, int i)
{
	char name[32];		/* the task's comm keeps TASK_COMM_LEN of it */
	int err;

	snprintf(name, sizeof(name), "soak%d.%d", i, t->generation++);
	t->w = workload_start(name);
	if (!IS_ERR(t->w))
		return 0;
	err = PTR_ERR(t->w);
	t->w = NULL;
	return err;
}

/* The task's memory: mapped and filled. */
static int task_fill(int role, struct soak_task *t, struct rnd_state *rnd)
{
	unsigned long bytes = MB(soak.size.task_mb);
	long ret;

	ret = workload_mmap(t->w, bytes);
	if (ret < 0)
		return ret;
	t->addr = ret;
	t->nr = bytes >> PAGE_SHIFT;
	/* At least half compressible: swapping must free memory. */
	ret = workload_fill(t->w, 500 + prandom_u32_state_max(rnd, 501),
			    prandom_u32_state(rnd));
	if (ret < 0)
		return ret;
	if (ret != (long)t->nr) {
		soak_fail(role, "fill of %s wrote %ld pages of %lu", t->w->name,
			  ret, t->nr);
		return -EIO;
	}
	return 0;
}

static void task_end(int role, struct soak_task *t)
{
	if (!t->w)
		return;
	if (workload_stop(t->w))
		soak_fail(role, "task %s had been killed", t->w->name);
	t->w = NULL;
}

/* Both checks of a task's memory; false if something was wrong. */
static bool task_verify(int role, struct soak_task *t, bool strict)
{
	struct verify_result res;
	struct strict_args a = { .t = t };
	long ret, err;

	doing(role, "verify");
	ret = workload_verify(t->w, &res);
	if (ret) {
		soak_fail(role, "verify of %s: %ld: %s", t->w->name, ret,
			  task_err(ret));
		return false;
	}
	t->verified += res.checked;
	if (res.mismatches || res.checked + res.absent != t->nr) {
		soak_fail(role, "verify of %s: %lu mismatches (first at %#lx), %lu checked + %lu absent of %lu pages",
			  t->w->name, res.mismatches, res.first_bad,
			  res.checked, res.absent, t->nr);
		atomic_long_add(res.mismatches ?: 1, &soak.task_mismatch_total);
		return false;
	}
	if (!strict)
		return true;
	doing(role, "strict check");
	err = workload_call(t->w, strict_check_fn, &a, &ret);
	if (err || ret) {
		soak_fail(role, "strict check of %s: %ld: %s", t->w->name,
			  err ?: ret, task_err(err ?: ret));
		return false;
	}
	if (a.bad) {
		soak_fail(role, "strict check of %s: %lu bad pages (%lu of them zeroes), the first at %#lx",
			  t->w->name, a.bad, a.zero, a.first_bad);
		atomic_long_add(a.bad, &soak.task_mismatch_total);
		return false;
	}
	return true;
}

/*
 * A task's round: touch a share of the pages, give some back, verify;
 * every few rounds the strict check, every twenty or so a new task.
 */
static void task_thread(int role, struct rnd_state *rnd)
{
	int i = role - ROLE_TASK0;
	struct soak_task *t = &soak.task[i];
	long ret;

	while (!stopping()) {
		unsigned int pct = 5 + prandom_u32_state_max(rnd, 46);
		unsigned int drop = 1 + prandom_u32_state_max(rnd, 15);
		unsigned int stride = prandom_u32_state_max(rnd, 2) ?
				      0 : 2 + prandom_u32_state_max(rnd, 15);

		doing(role, "touch");
		ret = workload_touch(t->w, pct, prandom_u32_state(rnd));
		if (ret < 0) {
			soak_fail(role, "touch of %s: %ld: %s", t->w->name, ret,
				  task_err(ret));
			return;
		}
		doing(role, "madvise dontneed");
		ret = workload_dontneed(t->w, drop, stride,
					prandom_u32_state(rnd));
		if (ret < 0) {
			soak_fail(role, "dontneed of %s: %ld: %s", t->w->name,
				  ret, task_err(ret));
			return;
		}
		if (!task_verify(role, t, t->rounds % 3 == 0))
			return;
		t->rounds++;
		if (prandom_u32_state_max(rnd, 20) || stopping())
			continue;
		/* Exit (its swap slots go) and start afresh. */
		doing(role, "restart");
		task_end(role, t);
		ret = task_start(t, i) ?: task_fill(role, t, rnd);
		if (ret) {
			soak_fail(role, "restart of task %d: %ld", i, ret);
			return;
		}
		t->restarts++;
	}
}

/* ---- block I/O on zram1 ----------------------------------------------------- */

#define BLK_DEV		"zram1"

static unsigned long same_word(unsigned long index, u32 gen)
{
	return (unsigned long)gen << 32 | (u32)index;
}

static void blk_fill(struct soak_blk *b, unsigned long index, bool same,
		     unsigned int ratio, u64 seed)
{
	unsigned long *word = page_address(b->page);
	unsigned int i;

	if (!same) {
		workload_fill_page(word, b->owner, index << PAGE_SHIFT,
				   b->next_gen, ratio, seed);
		return;
	}
	for (i = 0; i < PAGE_SIZE / sizeof(*word); i++)
		word[i] = same_word(index, b->next_gen);
}

static bool blk_valid(struct soak_blk *b, unsigned long index)
{
	const unsigned long *word = page_address(b->page);
	const struct fill_header_view *h = (const void *)word;
	unsigned long want = b->same[index] ?
			     same_word(index, b->gen[index]) : 0;
	unsigned int i;

	if (b->gen[index] && !b->same[index])
		return workload_page_valid(word, b->owner,
					   index << PAGE_SHIFT) &&
		       h->gen == b->gen[index];
	for (i = 0; i < PAGE_SIZE / sizeof(*word); i++)
		if (word[i] != want)
			return false;
	return true;
}

static int blk_open(struct soak_blk *b)
{
	int err;

	b->bdev = lookup_bdev(BLK_DEV);
	if (IS_ERR(b->bdev))
		return PTR_ERR(b->bdev);
	err = blkdev_get(b->bdev, FMODE_READ | FMODE_WRITE, NULL);
	if (err)
		b->bdev = NULL;
	return err;
}

static void blk_close(struct soak_blk *b)
{
	blkdev_put(b->bdev, FMODE_READ | FMODE_WRITE);
	b->bdev = NULL;
}

static sector_t blk_sector(unsigned long index)
{
	return (sector_t)index << SECTORS_PER_PAGE_SHIFT;
}

/* Read pages [start, start + n) back and check each against the record. */
static void blk_check(int role, struct soak_blk *b, unsigned long start,
		      unsigned long n)
{
	unsigned long i;

	for (i = start; i < start + n; i++) {
		int err = bdev_read_page(b->bdev, blk_sector(i), b->page);

		b->reads++;
		if (err) {
			if (!b->errors++)
				soak_fail(role, "read of page %lu: %d", i, err);
			continue;
		}
		if (!blk_valid(b, i) && !b->mismatches++)
			soak_fail(role, "page %lu does not hold generation %u%s",
				  i, b->gen[i],
				  b->gen[i] ? (b->same[i] ? " (same-filled)" : "")
					    : " (zeroes)");
	}
}

/*
 * Write, read back and discard runs of pages at random; now and then
 * check the whole device.  The device is opened around each batch, as a
 * user of it would.
 */
static void blk_thread(int role, struct rnd_state *rnd)
{
	struct soak_blk *b = &soak.blk;
	unsigned long nr = soak.size.blk_pages;
	long round;

	for (round = 0; !stopping(); round++) {
		unsigned long start = prandom_u32_state_max(rnd, nr);
		unsigned long n = min(nr - start,
				      1 + (unsigned long)prandom_u32_state_max(rnd, 128));
		unsigned int op = prandom_u32_state_max(rnd, 10);
		unsigned long i;
		int err;

		err = blk_open(b);
		if (err) {
			soak_fail(role, "open of %s: %d", BLK_DEV, err);
			return;
		}
		if (op < 5) {
			bool same = !prandom_u32_state_max(rnd, 8);
			unsigned int ratio = prandom_u32_state_max(rnd, 1001);
			u64 seed = prandom_u32_state(rnd);

			doing(role, "write");
			b->next_gen++;
			for (i = start; i < start + n; i++) {
				blk_fill(b, i, same, ratio, seed);
				err = bdev_write_page(b->bdev, blk_sector(i),
						      b->page, NULL);
				b->writes++;
				if (err) {
					/* The record stays what it was. */
					if (!b->errors++)
						soak_fail(role, "write of page %lu: %d",
							  i, err);
					continue;
				}
				b->gen[i] = b->next_gen;
				b->same[i] = same;
			}
		} else if (op < 8) {
			doing(role, "read");
			blk_check(role, b, start, n);
		} else {
			const struct block_device_operations *ops =
				b->bdev->bd_disk->fops;
			unsigned long stride = 1 + prandom_u32_state_max(rnd, 3);

			doing(role, "discard");
			for (i = start; i < start + n; i += stride) {
				ops->swap_slot_free_notify(b->bdev, i);
				b->gen[i] = 0;
				b->same[i] = 0;
				b->discards++;
			}
		}
		if (round % 200 == 199) {
			doing(role, "check all");
			blk_check(role, b, 0, nr);
		}
		blk_close(b);
		/* A device among others: leave the CPUs to them too. */
		doing(role, "pause");
		pause_us(500 + prandom_u32_state_max(rnd, 1000));
	}
}

/* ---- the sample driver ---------------------------------------------------- */

/* Driver pages the VM holds isolated right now. */
static long sample_isolated(void)
{
	return file_value(SAMPLE "stats", "isolated");
}

static void driver_verify(int role)
{
	long pages, bad;
	char *buf;

	doing(role, "verify");
	if (kernel_read_file_path(SAMPLE "verify", &buf) < 0 ||
	    sscanf(buf, "pages %ld\nmismatches %ld", &pages, &bad) != 2) {
		soak_fail(role, "the driver's verify is unreadable");
		return;
	}
	kfree(buf);
	atomic_long_add(pages, &soak.driver_verified);
	if (bad) {
		atomic_long_add(bad, &soak.driver_mismatches);
		soak_fail(role, "the driver's verify: %ld mismatches of %ld pages",
			  bad, pages);
	}
}

/*
 * Grow and shrink the driver, release pages at random, verify.  When
 * compaction holds driver pages isolated (the driver's own "isolated"
 * count says so), release a burst: pages are chosen at random among all
 * the driver holds, so some of them are the isolated ones, and the
 * release finds them isolated (sample_release() counts
 * released_isolated).  That is the race of the contract's rule about
 * __ClearPageMovable(), made to happen often enough to be seen.
 */
static void driver_thread(int role, struct rnd_state *rnd)
{
	unsigned long max = soak.size.sample_max;
	long op;

	for (op = 0; !stopping(); op++) {
		long held = file_value(SAMPLE "pages", NULL);
		unsigned int what = prandom_u32_state_max(rnd, 16);
		int err = 0;

		if (held < 0) {
			soak_fail(role, "pages is unreadable");
			return;
		}
		if (sample_isolated() > 0 && held > 0) {
			unsigned long n = 1 + prandom_u32_state_max(rnd,
						min(held, 64L));

			doing(role, "release burst");
			err = write_knob(SAMPLE "release", n);
			atomic_long_inc(&soak.release_bursts);
			atomic_long_add(n, &soak.releases);
		} else if (what < 6) {
			unsigned long target = max / 4 +
				prandom_u32_state_max(rnd, max - max / 4 + 1);

			doing(role, "pages");
			err = write_knob(SAMPLE "pages", target);
			if (!err && file_value(SAMPLE "pages", NULL) != (long)target)
				soak_fail(role, "pages reads back %ld, not %lu",
					  file_value(SAMPLE "pages", NULL), target);
		} else if (what < 12 && held > 0) {
			unsigned long n = 1 + prandom_u32_state_max(rnd,
						held / 8 + 1);

			if (n > (unsigned long)held)
				n = held;
			doing(role, "release");
			err = write_knob(SAMPLE "release", n);
			atomic_long_add(n, &soak.releases);
		} else if (what == 12) {
			driver_verify(role);
		} else {
			doing(role, "wait");
			pause_us(200 + prandom_u32_state_max(rnd, 2000));
		}
		/* -ENOMEM: the memory is full; a grow that fails undoes itself. */
		if (err && err != -ENOMEM) {
			soak_fail(role, "knob write: %d", err);
			return;
		}
	}
}

/* ---- the balloon's host ------------------------------------------------------ */

static void balloon_thread(int role, struct rnd_state *rnd)
{
	while (!stopping()) {
		u32 target = prandom_u32_state_max(rnd, soak.size.balloon_max);

		atomic_long_inc(&soak.balloon_targets);
		if (!prandom_u32_state_max(rnd, 8)) {
			enum vbdev_balloon_result res;

			doing(role, "balloon (waiting)");
			if (vbdev_balloon(vbdev_ram_size() -
					  ((u64)target << PAGE_SHIFT), &res))
				soak_fail(role, "balloon refused a target");
			atomic_long_inc(&soak.balloon_waits);
			continue;
		}
		doing(role, "set target");
		vbdev_set_num_pages(target);
		pause_us(prandom_u32_state_max(rnd, 50000));
	}
}

/* ---- compaction -------------------------------------------------------------- */

#define NR_HELD		16

/*
 * compact_memory, high-order allocations (direct compaction, and kswapd
 * woken for the order, which wakes kcompactd), zram's compaction.  A few
 * order-3 unmovable blocks are kept for a while, as kernel stacks would
 * be: memory stays fragmented, and compaction has work.
 */
static void compact_thread(int role, struct rnd_state *rnd)
{
	struct page *held[NR_HELD] = { NULL };
	long round;
	int i;

	for (round = 0; !stopping(); round++) {
		unsigned int order = 2 + prandom_u32_state_max(rnd, 3);
		struct page *page;

		doing(role, "compact_memory");
		if (compact_memory())
			soak_fail(role, "compact_memory refused");
		atomic_long_inc(&soak.compactions);

		doing(role, "high-order allocations");
		for (i = 0; i < 4 && !stopping(); i++) {
			bool pageblock = !prandom_u32_state_max(rnd, 4);
			unsigned int o = pageblock ? pageblock_order : order;
			gfp_t gfp = (pageblock ? GFP_HIGHUSER_MOVABLE : GFP_KERNEL) |
				    __GFP_NOWARN | __GFP_NORETRY;

			atomic_long_inc(&soak.high_order_tries);
			page = alloc_pages(gfp, o);
			if (!page)
				continue;
			atomic_long_inc(&soak.high_order_ok);
			if (pageblock || o != 3) {
				__free_pages(page, o);
				continue;
			}
			/* An order-3 unmovable block: keep it, free an old one. */
			i = prandom_u32_state_max(rnd, NR_HELD);
			if (held[i])
				__free_pages(held[i], 3);
			held[i] = page;
		}
		if (round % 16 == 15) {
			doing(role, "zram compact");
			if (zwrite("zram0", "compact", "1") ||
			    zwrite(BLK_DEV, "compact", "1"))
				soak_fail(role, "zram compact refused");
		}
	}
	for (i = 0; i < NR_HELD; i++)
		if (held[i])
			__free_pages(held[i], 3);
}

/* ---- control: fault injection, progress, time -------------------------------- */

/*
 * Fault injection in the driver: mostly mild (fail_isolate and
 * fail_migrate up to 20%), with storms where most migrations of driver
 * pages fail with -EAGAIN, so that compaction keeps them isolated through
 * migrate_pages()' retry passes.  Progress to the parent every 250 ms,
 * and to the terminal every 10 s.
 */
static void control_thread(int role, struct rnd_state *rnd)
{
	u64 next_report = 0, next_print = now_ms() + 10000, storm_end = 0;
	long kinds[NR_KINDS];

	while (now_ms() < soak.deadline_ms && !stopping()) {
		u64 now = now_ms();

		doing(role, "fault knobs");
		if (now >= storm_end && !prandom_u32_state_max(rnd, 40)) {
			storm_end = now + 100 + prandom_u32_state_max(rnd, 400);
			atomic_long_inc(&soak.storms);
		}
		if (write_knob(SAMPLE "fail_isolate",
			       prandom_u32_state_max(rnd, 21)) ||
		    write_knob(SAMPLE "fail_migrate", now < storm_end ?
			       60 + prandom_u32_state_max(rnd, 36) :
			       prandom_u32_state_max(rnd, 21)))
			soak_fail(role, "a fault knob refused a percentage");
		if (now >= next_report) {
			struct soak_msg msg = { .type = MSG_PROGRESS };

			doing(role, "progress");
			read_kinds(kinds);
			msg.migrated = kinds_total(kinds) -
				       kinds_total(soak.kinds_load0);
			report(&msg);
			next_report = now + 250;
			if (now >= next_print) {
				printf("# %5.1f s: %ld migrations (lru %ld, balloon %ld, zsmalloc %ld, movable_sample %ld), released_isolated %ld\n",
				       secs(now - soak.start_ms), (long)msg.migrated,
				       kinds[KIND_LRU] - soak.kinds_load0[KIND_LRU],
				       kinds[KIND_BALLOON] - soak.kinds_load0[KIND_BALLOON],
				       kinds[KIND_ZSMALLOC] - soak.kinds_load0[KIND_ZSMALLOC],
				       kinds[KIND_SAMPLE] - soak.kinds_load0[KIND_SAMPLE],
				       file_value(SAMPLE "stats",
						  "released_isolated"));
				next_print = now + 10000;
			}
		}
		doing(role, "sleep");
		pause_us(20000);
	}
	atomic_set(&soak.stop, 1);
}

/*
 * Why a thread could not be created.  Tasks are scheduled onto the CPUs,
 * as many as memory allows: with nr_cpus=1 to 16 every boot must start.
 */
static void cannot_create(char *why, size_t len, const char *what)
{
	snprintf(why, len, "%s: -EAGAIN with nr_cpus=%u", what, nr_cpu_ids);
}

/* ---- threads ----------------------------------------------------------------- */

struct soak_thread {
	struct task_struct *tsk;
	int role;
	struct completion done;
};

static int soak_thread_fn(void *data)
{
	struct soak_thread *th = data;
	struct rnd_state rnd;

	prandom_seed_state(&rnd, soak.seed * 1000003 + th->role);
	switch (th->role) {
	case ROLE_CONTROL:
		control_thread(th->role, &rnd);
		break;
	case ROLE_BLK:
		blk_thread(th->role, &rnd);
		break;
	case ROLE_DRIVER:
		driver_thread(th->role, &rnd);
		break;
	case ROLE_BALLOON:
		balloon_thread(th->role, &rnd);
		break;
	case ROLE_COMPACT:
		compact_thread(th->role, &rnd);
		break;
	default:
		task_thread(th->role, &rnd);
		break;
	}
	doing(th->role, "done");
	/* A thread that gave up stops the others: its failure is reported. */
	atomic_set(&soak.stop, 1);
	complete(&th->done);
	/* kthread_stop() reaps us; it must not find us gone before it. */
	umm_wait_for_stop();
	return 0;
}

static struct soak_thread threads[NR_ROLES];

/*
 * Create every role's thread, not running yet: a virtual CPU each, taken
 * before the set-up, so that a boot without enough of them says so at
 * once.  Returns 0, or the error of the thread that could not be created
 * (the others are gone again).
 */
static int create_threads(char *why, size_t why_len)
{
	struct soak_thread *th;
	char what[64];
	int i, err;

	for (i = 0; i < NR_ROLES; i++) {
		th = &threads[i];
		th->role = i;
		init_completion(&th->done);
		th->tsk = kthread_create(soak_thread_fn, th, "soak/%s",
					 role_names[i]);
		if (!IS_ERR(th->tsk))
			continue;
		err = PTR_ERR(th->tsk);
		snprintf(what, sizeof(what), "cannot start soak thread '%s'",
			 role_names[i]);
		if (err == -EAGAIN)
			cannot_create(why, why_len, what);
		else
			snprintf(why, why_len, "%s: %d", what, err);
		while (i--)
			kthread_stop(threads[i].tsk);	/* never ran */
		return err;
	}
	return 0;
}

/* The set-up failed: the threads go without having run. */
static void drop_threads(void)
{
	int i;

	for (i = 0; i < NR_ROLES; i++)
		kthread_stop(threads[i].tsk);
}

/* Let the threads run until the deadline (or a failure), then reap them. */
static void run_threads(void)
{
	int i;

	for (i = 0; i < NR_ROLES; i++)
		wake_up_process(threads[i].tsk);
	for (i = 0; i < NR_ROLES; i++)
		wait_for_completion(&threads[i].done);
	for (i = 0; i < NR_ROLES; i++)
		kthread_stop(threads[i].tsk);
}

/*
 * The watchdog (a host thread, not a kernel one: it only reads): if the
 * boot runs far past its time, say what each thread was doing and abort,
 * so that a deadlock is a report, not a hung CI job.
 */
static u64 watchdog_ms;

static void *watchdog(void *arg)
{
	int i;

	while (now_ms() < READ_ONCE(watchdog_ms))
		sleep(1);
	printf("# FAIL [watchdog] boot still running %.0f s after its end; the threads:\n",
	       secs(now_ms() - soak.deadline_ms));
	for (i = 0; i < NR_ROLES; i++)
		printf("#   %-8s %s for %.1f s\n", role_names[i],
		       READ_ONCE(soak.doing[i]) ?: "(not started)",
		       secs(now_ms() - READ_ONCE(soak.since_ms[i])));
	fflush(stdout);
	abort();
	return NULL;
}

/* ---- setting up, taking down --------------------------------------------------- */

/*
 * Which of the boot's own threads are missing, from the log lines that
 * say so; empty if none.
 */
static void missing_kthreads(char *why, size_t len)
{
	static char log[1 << 16];
	size_t n = log_buf_copy(log, sizeof(log) - 1);
	char *line, *next;
	size_t used = 0;

	why[0] = '\0';
	log[n] = '\0';
	for (line = log; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		if (!strstr(line, "Failed to start") &&
		    !strstr(line, "cannot start") && !strstr(line, "no thread ("))
			continue;
		while (*line == '[' && strchr(line, ']'))
			line = strchr(line, ']') + 1;
		while (*line == ' ')
			line++;
		used += snprintf(why + used, used < len ? len - used : 0, "%s%s",
				 used ? "; " : "", line);
	}
	if (!why[0] && (!NODE_DATA(0)->kswapd || !NODE_DATA(0)->kcompactd))
		snprintf(why, len, "kswapd0 or kcompactd0 is not running");
	if (!why[0] && soak.vb && !soak.vb->thread)
		snprintf(why, len, "the balloon's worker is not running");
}

static int setup(char *why, size_t len, struct rnd_state *rnd)
{
	char size[32];
	int i, err;

	snprintf(size, sizeof(size), "%luM", soak.size.swap_mb);
	err = zwrite("zram0", "disksize", size);
	err = err ?: mkswap("zram0");
	err = err ?: sys_swapon("zram0", -1);
	if (err) {
		snprintf(why, len, "zram0 as swap: %d", err);
		return err;
	}
	snprintf(size, sizeof(size), "%luK", soak.size.blk_pages * 4);
	err = zwrite(BLK_DEV, "comp_algorithm",
			prandom_u32_state_max(rnd, 2) ? "zstd" : "lz4");
	err = err ?: zwrite(BLK_DEV, "disksize", size);
	if (err) {
		snprintf(why, len, "%s: %d", BLK_DEV, err);
		return err;
	}
	soak.blk.gen = calloc(soak.size.blk_pages, sizeof(*soak.blk.gen));
	soak.blk.same = calloc(soak.size.blk_pages, 1);
	soak.blk.page = alloc_page(GFP_KERNEL);
	soak.blk.owner = 0x736f616b;	/* "soak" */
	if (!soak.blk.gen || !soak.blk.same || !soak.blk.page) {
		snprintf(why, len, "out of memory");
		return -ENOMEM;
	}
	/* Every task first: a boot short of CPUs says so before the fills. */
	for (i = 0; i < NR_TASKS; i++) {
		err = task_start(&soak.task[i], i);
		if (err == -EAGAIN) {
			cannot_create(why, len, "cannot start a workload task");
			return err;
		}
		if (err) {
			snprintf(why, len, "workload task %d: %d", i, err);
			return err;
		}
	}
	for (i = 0; i < NR_TASKS; i++) {
		err = task_fill(ROLE_TASK0 + i, &soak.task[i], rnd);
		if (err) {
			snprintf(why, len, "workload task %d: %d", i, err);
			return err;
		}
	}
	return 0;
}

/*
 * Wait (up to 10 s) until kswapd and kcompactd sleep and nothing is
 * isolated, three looks in a row.  A daemon asleep is one waiting on its
 * queue: waitqueue_active() without a barrier is enough for a hint that
 * is confirmed three times, 5 ms apart.
 */
static void settle(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	int quiet = 0, ms;

	wakeup_kswapd(UMM_ZONE(ZONE_NORMAL), GFP_KERNEL, 0, ZONE_NORMAL);
	for (ms = 0; ms < 10000 && quiet < 3; ms += 5) {
		bool kswapd = !pgdat->kswapd ||
			      (waitqueue_active(&pgdat->kswapd_wait) &&
			       READ_ONCE(pgdat->kswapd_classzone_idx) == MAX_NR_ZONES);
		bool kcompactd = !pgdat->kcompactd ||
				 waitqueue_active(&pgdat->kcompactd_wait);

		if (kswapd && kcompactd &&
		    !global_node_page_state(NR_ISOLATED_ANON))
			quiet++;
		else
			quiet = 0;
		if (quiet < 3)
			pause_us(5000);
	}
}

static void expect_eq(const char *what, long long want, long long got)
{
	if (want != got)
		soak_fail(-1, "%s: %lld, expected %lld", what, got, want);
}

/* Take everything down, checking as we go. */
static void teardown(unsigned long free_at_boot, const long kinds0[NR_KINDS])
{
	struct virtio_balloon *vb = soak.vb;
	long kinds[NR_KINDS], ev[NR_EVENTS];
	struct vbdev_state st;
	int i;

	printf("# taking down, checking\n");
	write_file(SAMPLE "fail_isolate", "0\n");
	write_file(SAMPLE "fail_migrate", "0\n");

	/* The tasks: one last look at every page, then exit. */
	for (i = 0; i < NR_TASKS; i++) {
		struct soak_task *t = &soak.task[i];

		if (t->w && READ_ONCE(t->w->exited)) {
			soak_fail(-1, "task %s was killed", t->w->name);
			oom_report();
		}
		else if (t->w)
			task_verify(ROLE_TASK0 + i, t, true);
		task_end(ROLE_TASK0 + i, t);
	}

	/* No anonymous page is left, on the LRU or mapped. */
	expect_eq("NR_ANON_MAPPED after the tasks exited", 0,
		  global_node_page_state(NR_ANON_MAPPED));
	expect_eq("anon LRU pages after the tasks exited", 0,
		  global_node_page_state(NR_ACTIVE_ANON) +
		  global_node_page_state(NR_INACTIVE_ANON));

	/* zram1: every page as recorded, then reset. */
	if (soak.blk.gen && !blk_open(&soak.blk)) {
		blk_check(ROLE_BLK, &soak.blk, 0, soak.size.blk_pages);
		blk_close(&soak.blk);
	}
	expect_eq("zram1 mismatches", 0, soak.blk.mismatches);
	expect_eq("zram1 I/O errors", 0, soak.blk.errors);
	if (soak.blk.page)
		__free_page(soak.blk.page);
	free(soak.blk.gen);
	free(soak.blk.same);
	if (zwrite(BLK_DEV, "reset", "1"))
		soak_fail(-1, "reset of %s refused", BLK_DEV);

	/* The balloon: empty, and its books with the host's. */
	vbdev_set_num_pages(0);
	vbdev_wait_guest();
	mutex_lock(&vb->balloon_lock);
	mutex_unlock(&vb->balloon_lock);
	vbdev_get_state(&st);
	expect_eq("balloon pages (driver)", 0, vb->num_pages);
	expect_eq("balloon frames (host)", 0, st.ballooned);
	expect_eq("balloon isolated_pages", 0, vb->vb_dev_info.isolated_pages);
	expect_eq("balloon protocol errors (host)", 0, st.errors);

	/* The driver: everything verifies, nothing isolated, then empty. */
	driver_verify(ROLE_DRIVER);
	expect_eq("movable_sample isolated", 0, sample_isolated());
	if (write_file(SAMPLE "pages", "0\n"))
		soak_fail(-1, "the driver would not shrink to 0");
	expect_eq("movable_sample pages", 0, file_value(SAMPLE "stats", "pages"));
	expect_eq("movable_sample isolated after release", 0, sample_isolated());

	/* Swap: nothing used once the tasks are gone; off, and reset. */
	expect_eq("SwapFree = SwapTotal (kB)",
		  file_value("/proc/meminfo", "SwapTotal:"),
		  file_value("/proc/meminfo", "SwapFree:"));
	if (sys_swapoff("zram0"))
		soak_fail(-1, "swapoff zram0 failed");
	if (zwrite("zram0", "reset", "1"))
		soak_fail(-1, "reset of zram0 refused");
	expect_eq("NR_ZSPAGES after reset", 0,
		  global_zone_page_state(NR_ZSPAGES));

	settle();
	expect_eq("NR_ISOLATED_ANON", 0, global_node_page_state(NR_ISOLATED_ANON));

	/* Migration counts by kind against the drivers' and the vm events. */
	read_kinds(kinds);
	read_events(ev);
	expect_eq("balloon pages migrated (by kind) = balloon_migrate",
		  ev[EV_BALLOON_MIGRATE], kinds[KIND_BALLOON] - kinds0[KIND_BALLOON]);
	expect_eq("movable_sample pages migrated (by kind) = driver's count",
		  file_value(SAMPLE "stats", "migrated"),
		  kinds[KIND_SAMPLE] - kinds0[KIND_SAMPLE]);
	expect_eq("balloon_inflate - balloon_deflate", 0,
		  ev[EV_BALLOON_INFLATE] - ev[EV_BALLOON_DEFLATE]);
	expect_eq("host's inflated = balloon_inflate + balloon_migrate",
		  ev[EV_BALLOON_INFLATE] + ev[EV_BALLOON_MIGRATE], st.inflated);
	expect_eq("host's deflated = balloon_deflate + balloon_migrate",
		  ev[EV_BALLOON_DEFLATE] + ev[EV_BALLOON_MIGRATE], st.deflated);
	if (ev[EV_PSWPIN] > ev[EV_PSWPOUT])
		soak_fail(-1, "pswpin %ld > pswpout %ld", ev[EV_PSWPIN],
			  ev[EV_PSWPOUT]);
	expect_eq("other pages migrated (by kind)", 0,
		  migrated_pages("other"));

	/* The zones, and every page back. */
	expect_eq("problems found walking the zones", 0, check_zones());
	expect_eq("free pages (boot baseline)", free_at_boot, umm_free_pages());
	expect_eq("taint", 0, get_taint());
}

/* ---- one boot ---------------------------------------------------------------- */

/* The boot cannot run the soak: say why, to the terminal and the parent. */
static int nostart(const char *why)
{
	struct soak_msg msg = { .type = MSG_NOSTART };

	printf("# COULD NOT START with nr_cpus=%u: %s\n", soak.nr_cpus, why);
	snprintf(msg.why, sizeof(msg.why), "%s", why);
	report(&msg);
	return BOOT_NOSTART;
}

static int boot_child(int fd)
{
	char params[512], why[1024] = "";
	long kinds0[NR_KINDS], kinds[NR_KINDS];
	struct soak_msg msg = { .type = MSG_RESULT };
	struct soak_result *res = &msg.res;
	unsigned long free_at_boot;
	struct rnd_state rnd;
	pthread_t wd;
	u64 t0 = now_ms(), load0, load1;
	int i, err;

	setvbuf(stdout, NULL, _IOLBF, 0);
	soak.report_fd = fd;
	umm_test_seed = soak.seed;
	snprintf(params, sizeof(params),
		 "mem=%luM nr_cpus=%u zram.num_devices=2 virtio_balloon_dev.enable=1 umm.deterministic=0 %s",
		 soak.size.mem_mb, soak.nr_cpus, soak.extra_params ?: "");
	if (umm_boot(params)) {
		printf("# FAIL [boot] cannot boot with %s\n", params);
		return BOOT_FAILED;
	}
	soak.vb = the_balloon();
	if (!soak.vb) {
		printf("# FAIL [boot] no balloon device\n");
		return BOOT_FAILED;
	}
	missing_kthreads(why, sizeof(why));
	if (why[0])
		return nostart(why);
	err = umm_prime_anon_vma_cache();
	if (err == -EAGAIN) {
		cannot_create(why, sizeof(why), "cannot start a workload task");
		return nostart(why);
	}
	if (err) {
		printf("# FAIL [boot] cannot start a task: %d\n", err);
		return BOOT_FAILED;
	}
	free_at_boot = umm_free_pages();
	read_kinds(kinds0);
	prandom_seed_state(&rnd, soak.seed);

	WRITE_ONCE(watchdog_ms, soak.deadline_ms + 300000);
	pthread_create(&wd, NULL, watchdog, NULL);
	pthread_detach(wd);

	err = create_threads(why, sizeof(why));
	if (err)
		return nostart(why);
	printf("# setting up: %lu MiB RAM, %d tasks of %lu MiB on %lu MiB of zram swap, %s of %lu pages, driver up to %lu pages, balloon up to %lu pages\n",
	       soak.size.mem_mb, NR_TASKS, soak.size.task_mb, soak.size.swap_mb,
	       BLK_DEV, soak.size.blk_pages, soak.size.sample_max,
	       soak.size.balloon_max);
	err = setup(why, sizeof(why), &rnd);
	if (err) {
		drop_threads();
		for (i = 0; i < NR_TASKS; i++)
			task_end(ROLE_TASK0 + i, &soak.task[i]);
		if (err == -EAGAIN)
			return nostart(why);
		printf("# FAIL [setup] %s\n", why);
		return BOOT_FAILED;
	}

	read_kinds(soak.kinds_load0);
	load0 = now_ms();
	printf("# running until %.1f s (set up in %.1f s)\n",
	       secs(soak.deadline_ms - soak.start_ms), secs(load0 - t0));
	run_threads();
	load1 = now_ms();
	WRITE_ONCE(watchdog_ms, load1 + 300000);

	read_kinds(kinds);
	res->released_isolated = file_value(SAMPLE "stats", "released_isolated");
	teardown(free_at_boot, kinds0);

	for (i = 0; i < NR_KINDS; i++)
		res->kinds[i] = kinds[i] - soak.kinds_load0[i];
	read_events(res->events);
	res->load_s = secs(load1 - load0);
	res->boot_s = secs(now_ms() - t0);
	report(&msg);

	printf("# migrated: lru %ld, balloon %ld, zsmalloc %ld, movable_sample %ld: %ld in %.1f s of load, %.0f/s\n",
	       res->kinds[KIND_LRU], res->kinds[KIND_BALLOON],
	       res->kinds[KIND_ZSMALLOC], res->kinds[KIND_SAMPLE],
	       kinds_total(res->kinds), res->load_s,
	       kinds_total(res->kinds) / max(res->load_s, 0.001));
	printf("# movable_sample: released_isolated %ld; %ld releases (%ld bursts while compaction held pages), %ld pages verified; %ld fault storms\n",
	       res->released_isolated, atomic_long_read(&soak.releases),
	       atomic_long_read(&soak.release_bursts),
	       atomic_long_read(&soak.driver_verified),
	       atomic_long_read(&soak.storms));
	printf("# tasks: %ld rounds, %ld restarts; %s: %ld writes, %ld discards\n",
	       soak.task[0].rounds + soak.task[1].rounds,
	       soak.task[0].restarts + soak.task[1].restarts, BLK_DEV,
	       soak.blk.writes, soak.blk.discards);
	printf("# pswpin %ld, pswpout %ld; balloon_migrate %ld (inflate %ld, deflate %ld; %ld targets, %ld waited)\n",
	       res->events[EV_PSWPIN], res->events[EV_PSWPOUT],
	       res->events[EV_BALLOON_MIGRATE], res->events[EV_BALLOON_INFLATE],
	       res->events[EV_BALLOON_DEFLATE],
	       atomic_long_read(&soak.balloon_targets),
	       atomic_long_read(&soak.balloon_waits));
	printf("# compact_stall %ld, compact_fail %ld, compact_success %ld, compact_daemon_wake %ld, compact_isolated %ld, compact_migrate_scanned %ld, compact_free_scanned %ld; %ld compact_memory, %ld/%ld high-order allocations\n",
	       res->events[EV_STALL], res->events[EV_FAIL],
	       res->events[EV_SUCCESS], res->events[EV_DAEMON_WAKE],
	       res->events[EV_ISOLATED], res->events[EV_MIGRATE_SCANNED],
	       res->events[EV_FREE_SCANNED],
	       atomic_long_read(&soak.compactions),
	       atomic_long_read(&soak.high_order_ok),
	       atomic_long_read(&soak.high_order_tries));
	printf("# verified: tasks %ld pages, %ld mismatches; %s %ld reads, %ld mismatches; driver %ld pages, %ld mismatches\n",
	       soak.task[0].verified + soak.task[1].verified,
	       atomic_long_read(&soak.task_mismatch_total), BLK_DEV,
	       soak.blk.reads, soak.blk.mismatches,
	       atomic_long_read(&soak.driver_verified),
	       atomic_long_read(&soak.driver_mismatches));
	printf("# pgmigrate_success %ld, pgmigrate_fail %ld; boot %.1f s\n",
	       res->events[EV_PGMIGRATE_SUCCESS], res->events[EV_PGMIGRATE_FAIL],
	       res->boot_s);
	return atomic_read(&soak.failures) ? BOOT_FAILED : BOOT_PASSED;
}

/* ---- the parent: boots, time, totals ---------------------------------------- */

struct boot_outcome {
	unsigned int nr_cpus;
	unsigned long seed;
	int status;			/* BOOT_* or -1: died */
	char how[256];			/* why it died, or could not start */
	bool have_result;
	struct soak_result res;
};

static struct {
	unsigned long seed;
	unsigned long seconds;
	unsigned int cpus[32];
	unsigned int nr_cpus_list;
	unsigned int nr_boots;
	const char *cpu_list;
	long target;			/* -T */
	u64 start_ms;
	u64 million_ms;			/* when the soak passed 10^6 */
	long done_before;		/* migrations of the boots before */
} run = {
	.seconds = 120,
	.cpu_list = "2,3,4,8,16",
};

static void usage(void)
{
	fprintf(stderr,
		"usage: soak [-s SEED] [-t SECONDS] [-c NR_CPUS,...] [-b BOOTS] [-m MEM_MB]\n"
		"            [-p 'PARAM=VALUE ...'] [-T MIGRATIONS]\n"
		"  -t  the whole soak's time (default 120), shared among the boots\n"
		"  -c  nr_cpus of the boots, in turn (default 2,3,4,8,16)\n"
		"  -b  number of boots (default: one per nr_cpus value)\n"
		"  -m  RAM of each boot in MiB (default %lu; the load scales with it)\n"
		"  -p  more boot parameters (page_poison=on, movablecore=32M...)\n"
		"  -T  fail unless the boots migrate this many pages in all\n",
		default_size.mem_mb);
	exit(2);
}

static void parse_cpu_list(const char *list)
{
	const char *p = list;
	char *end;

	while (*p && run.nr_cpus_list < ARRAY_SIZE(run.cpus)) {
		unsigned long n = strtoul(p, &end, 10);

		if (end == p || n < 2 || n > 64 || (*end && *end != ','))
			usage();
		run.cpus[run.nr_cpus_list++] = n;
		p = *end ? end + 1 : end;
	}
	if (!run.nr_cpus_list)
		usage();
}

/* Everything in proportion to the RAM: a bigger machine, the same soak. */
static void scale_size(unsigned long mem_mb)
{
	const struct soak_size *d = &default_size;

	if (mem_mb < 64 || mem_mb > 4096)
		usage();
	soak.size.mem_mb = mem_mb;
	soak.size.task_mb = d->task_mb * mem_mb / d->mem_mb;
	soak.size.swap_mb = d->swap_mb * mem_mb / d->mem_mb;
	soak.size.blk_pages = d->blk_pages * mem_mb / d->mem_mb;
	soak.size.sample_max = d->sample_max * mem_mb / d->mem_mb;
	soak.size.balloon_max = d->balloon_max * mem_mb / d->mem_mb;
}

static void parse_args(int argc, char **argv)
{
	int opt;

	soak.size = default_size;
	while ((opt = getopt(argc, argv, "s:t:c:b:m:p:T:")) != -1) {
		switch (opt) {
		case 's':
			run.seed = strtoul(optarg, NULL, 0);
			break;
		case 't':
			run.seconds = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			run.cpu_list = optarg;
			break;
		case 'b':
			run.nr_boots = strtoul(optarg, NULL, 0);
			break;
		case 'm':
			scale_size(strtoul(optarg, NULL, 0));
			break;
		case 'p':
			soak.extra_params = optarg;
			break;
		case 'T':
			run.target = strtol(optarg, NULL, 0);
			break;
		default:
			usage();
		}
	}
	if (optind != argc || !run.seconds)
		usage();
	parse_cpu_list(run.cpu_list);
	if (!run.nr_boots)
		run.nr_boots = run.nr_cpus_list;
	if (!run.seed && getenv("UMM_SEED"))
		run.seed = strtoul(getenv("UMM_SEED"), NULL, 0);
	if (!run.seed)
		run.seed = ((unsigned long)time(NULL) ^
			    ((unsigned long)getpid() << 16)) | 1;
}

/* What the child's exit status says. */
static void boot_status(struct boot_outcome *o, int status)
{
	if (WIFEXITED(status) &&
	    (WEXITSTATUS(status) == BOOT_PASSED ||
	     WEXITSTATUS(status) == BOOT_FAILED ||
	     WEXITSTATUS(status) == BOOT_NOSTART)) {
		o->status = WEXITSTATUS(status);
		return;
	}
	o->status = -1;
	if (WIFSIGNALED(status))
		snprintf(o->how, sizeof(o->how), "killed by signal %d",
			 WTERMSIG(status));
	else if (WEXITSTATUS(status) == TSAN_EXITCODE)
		snprintf(o->how, sizeof(o->how),
			 "ThreadSanitizer reported (exit status %d)",
			 TSAN_EXITCODE);
	else
		snprintf(o->how, sizeof(o->how),
			 "exit status %d (an AddressSanitizer or UBSan report?)",
			 WEXITSTATUS(status));
}

/* Boot @b in a child, for its share of the time left; collect what it says. */
static void run_boot(int b, struct boot_outcome *o)
{
	u64 now = now_ms(), end = run.start_ms + run.seconds * 1000;
	u64 share = end > now ? (end - now) / (run.nr_boots - b) : 0;

	/*
	 * On a loaded machine (sanitizers, other jobs) early boots can eat
	 * the later ones' time: each gets at least a quarter of a fair share.
	 */
	share = max_t(u64, share, run.seconds * 1000 / run.nr_boots / 4);
	struct soak_msg msg;
	int fds[2], status;
	pid_t pid;

	o->nr_cpus = run.cpus[b % run.nr_cpus_list];
	o->seed = run.seed + b;
	printf("# ---- boot %d/%u: nr_cpus=%u, seed %lu, %.0f s (replay: soak -s %lu -c %u -b 1 -t %.0f -m %lu%s%s%s)\n",
	       b + 1, run.nr_boots, o->nr_cpus, o->seed, secs(share), o->seed,
	       o->nr_cpus, secs(share), soak.size.mem_mb,
	       soak.extra_params ? " -p '" : "", soak.extra_params ?: "",
	       soak.extra_params ? "'" : "");
	if (pipe(fds)) {
		perror("pipe");
		exit(1);
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		exit(1);
	}
	if (!pid) {
		close(fds[0]);
		soak.seed = o->seed;
		soak.nr_cpus = o->nr_cpus;
		soak.start_ms = now;
		soak.deadline_ms = now + share;
		_exit(boot_child(fds[1]));
	}
	close(fds[1]);
	while (read(fds[0], &msg, sizeof(msg)) == sizeof(msg)) {
		if (msg.type == MSG_RESULT) {
			o->res = msg.res;
			o->have_result = true;
		} else if (msg.type == MSG_NOSTART) {
			snprintf(o->how, sizeof(o->how), "%s", msg.why);
		} else if (!run.million_ms &&
			   run.done_before + (long)msg.migrated >= 1000000) {
			run.million_ms = msg.when_ms - run.start_ms;
		}
	}
	close(fds[0]);
	waitpid(pid, &status, 0);
	boot_status(o, status);
	if (o->have_result) {
		run.done_before += kinds_total(o->res.kinds);
		if (!run.million_ms && run.done_before >= 1000000)
			run.million_ms = now_ms() - run.start_ms;
	}
}

/* One line per boot; returns whether any of them counts as a failure. */
static bool boot_lines(struct boot_outcome *out, int *nostart)
{
	bool failed = false;
	int b;

	for (b = 0; b < (int)run.nr_boots; b++) {
		struct boot_outcome *o = &out[b];
		const struct soak_result *r = &o->res;

		printf("# boot %d nr_cpus=%-2u seed %lu: ", b + 1, o->nr_cpus,
		       o->seed);
		switch (o->status) {
		case BOOT_PASSED:
			printf("passed, %ld migrations in %.1f s of load (%.0f/s)\n",
			       kinds_total(r->kinds), r->load_s,
			       kinds_total(r->kinds) / max(r->load_s, 0.001));
			break;
		case BOOT_NOSTART:
			printf("COULD NOT START: %s\n", o->how);
			(*nostart)++;
			failed = true;
			break;
		case BOOT_FAILED:
			printf("FAILED (see its FAIL lines above)\n");
			failed = true;
			break;
		default:
			printf("DIED: %s\n", o->how);
			failed = true;
			break;
		}
	}
	return failed;
}

/*
 * The totals of the boots that ran, and what the soak as a whole must
 * have done: every kind of page migrated, swap both ways, direct
 * compaction and kcompactd, releases of isolated pages.  Returns whether
 * something is missing.
 */
static bool totals(struct boot_outcome *out)
{
	static const int must[] = {
		EV_PSWPIN, EV_PSWPOUT, EV_STALL, EV_DAEMON_WAKE,
		EV_BALLOON_MIGRATE,
	};
	long kinds[NR_KINDS] = { 0 }, ev[NR_EVENTS] = { 0 }, released = 0;
	double load = 0;
	bool failed = false;
	int b, i, ran = 0;

	for (b = 0; b < (int)run.nr_boots; b++) {
		if (!out[b].have_result)
			continue;
		ran++;
		for (i = 0; i < NR_KINDS; i++)
			kinds[i] += out[b].res.kinds[i];
		for (i = 0; i < NR_EVENTS; i++)
			ev[i] += out[b].res.events[i];
		released += max(out[b].res.released_isolated, 0L);
		load += out[b].res.load_s;
	}
	printf("# migrated: lru %ld, balloon %ld, zsmalloc %ld, movable_sample %ld: %ld in %.1f s of load (%.0f/s)\n",
	       kinds[KIND_LRU], kinds[KIND_BALLOON], kinds[KIND_ZSMALLOC],
	       kinds[KIND_SAMPLE], kinds_total(kinds), load,
	       kinds_total(kinds) / (load > 0 ? load : 1));
	printf("# released_isolated %ld; pswpin %ld, pswpout %ld; balloon_migrate %ld; compact_stall %ld, compact_success %ld, compact_daemon_wake %ld\n",
	       released, ev[EV_PSWPIN], ev[EV_PSWPOUT], ev[EV_BALLOON_MIGRATE],
	       ev[EV_STALL], ev[EV_SUCCESS], ev[EV_DAEMON_WAKE]);
	if (run.million_ms)
		printf("# 10^6 migrations reached after %.1f s\n",
		       secs(run.million_ms));
	else
		printf("# 10^6 migrations not reached\n");
	if (!ran)
		return false;
	for (i = 0; i < NR_KINDS; i++) {
		if (kinds[i] > 0)
			continue;
		printf("# FAIL: no %s page was migrated\n", kind_names[i]);
		failed = true;
	}
	for (i = 0; i < (int)ARRAY_SIZE(must); i++) {
		if (ev[must[i]] > 0)
			continue;
		printf("# FAIL: %s stayed 0: the soak did not exercise it\n",
		       event_names[must[i]]);
		failed = true;
	}
	/* A race window: one boot may miss it, the soak as a whole may not. */
	if (released <= 0) {
		printf("# FAIL: no release ever found a page isolated (released_isolated 0)\n");
		failed = true;
	}
	if (run.target && kinds_total(kinds) < run.target) {
		printf("# FAIL: %ld migrations, fewer than the %ld asked for (-T)\n",
		       kinds_total(kinds), run.target);
		failed = true;
	}
	return failed;
}

int main(int argc, char **argv)
{
	struct boot_outcome *out;
	bool failed;
	int b, nostart = 0;

	parse_args(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# seed: %lu (rerun with -s %lu)\n", run.seed, run.seed);
	printf("# soak: %u boots, nr_cpus %s, %lu s in all\n", run.nr_boots,
	       run.cpu_list, run.seconds);
	out = calloc(run.nr_boots, sizeof(*out));
	run.start_ms = now_ms();
	for (b = 0; b < (int)run.nr_boots; b++)
		run_boot(b, &out[b]);

	printf("# ---- soak summary (seed %lu, %.1f s)\n", run.seed,
	       secs(now_ms() - run.start_ms));
	failed = boot_lines(out, &nostart);
	failed |= totals(out);
	if (nostart == (int)run.nr_boots) {
		printf("# FAIL: no boot could start\n");
		failed = true;
	}
	printf("# soak %s\n", failed ? "FAILED" : "passed");
	free(out);
	return failed ? 1 : 0;
}
