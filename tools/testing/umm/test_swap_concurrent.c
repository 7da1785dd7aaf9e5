// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_swap_concurrent.c - swap on real threads
 *
 * Reclaim, compaction, zsmalloc's page migration, swapoff and swapon
 * while tasks touch and verify their memory.  The tests keep their own
 * record of what each page must hold, generation included, so that a
 * page lost or stale shows too.  The names contain "concurrent": CI runs
 * them under ThreadSanitizer.
 */
#include "swap_test.h"

SWAP_FIXTURE(thr64, threaded, "mem=64M")

/* ---- concurrency ------------------------------------------------------------------ */

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

/* In the task: rewrite pct% of the pages at random, drop 1% of them. */
static long tracked_touch_fn(struct workload *w, void *arg)
{
	struct tracked *t = arg;
	unsigned long i;
	int err;

	t->next_gen++;
	for (i = 0; i < t->nr; i++) {
		unsigned long addr = TASK_BASE + i * PAGE_SIZE;
		unsigned int r = xorshift64(&t->rnd) % 1000;

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
