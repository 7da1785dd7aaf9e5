// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_movable_stress.c - endurance test of movable pages
 *
 * movable_concurrent_sample_driver_compaction_and_faults puts the sample
 * driver (samples/movable/) under everything at once, on real threads,
 * for a fixed number of driver rounds:
 *
 *   - the driver grows and shrinks (pages knob) and releases pages at
 *     random (release knob), isolated ones included;
 *   - compaction runs in a loop (/proc/sys/vm/compact_memory);
 *   - a second "scanner" isolates driver pages directly from random pfn
 *     ranges and migrates them, async or sync, as CMA or another
 *     compactor would;
 *   - fault injection flips fail_isolate and fail_migrate around 20%;
 *   - a reader checks, all along, that every page the driver holds
 *     verifies (verify: mismatches 0) and that the counters make sense.
 *
 * Afterwards: no page left isolated (stats and the zone walk), every page
 * verifies, and once the driver shrinks to 0 the free page count is back
 * to what it was at boot; no taint.  The run is seeded (-s SEED, printed
 * first) so that a failure can be replayed as closely as threads allow.
 *
 * Two smaller tests go after one race of the driver's own: a page must
 * not become movable before the driver can take it off its lists in
 * isolate_page().  One grows the driver while compaction runs; the other
 * aims at the window (a thread isolates the very page the driver is
 * adding, the moment it turns movable).
 *
 * The test names contain "concurrent": CI runs them under ThreadSanitizer
 * with `make SAN=tsan check TESTS=concurrent`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>

#include "umm_test.h"
#include "umm_stress.h"

#include <linux/migrate.h>
#include <linux/pagemap.h>
#include <linux/page-flags.h>
#include <linux/pseudo_fs.h>
#include <linux/random.h>
#include <linux/slab.h>

#define SAMPLE		"/sys/kernel/debug/movable_sample/"

FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

FIXTURE_SETUP(umm)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	self->free_at_boot = umm_free_pages();
}

FIXTURE_TEARDOWN(umm)
{
	/* Whatever happened, the driver gives everything back. */
	kernel_write_file_path(SAMPLE "fail_isolate", "0\n", 2);
	kernel_write_file_path(SAMPLE "fail_migrate", "0\n", 2);
	kernel_write_file_path(SAMPLE "pages", "0\n", 2);
	EXPECT_EQ(0, check_zones());
	if (!self->expect_leak)
		EXPECT_EQ(self->free_at_boot, umm_free_pages());
	if (!self->expect_taint)
		EXPECT_EQ(0, get_taint());
}

/* ---- the threads ------------------------------------------------------- */

enum { DRIVER, COMPACTOR, SCANNER, FAULTS, READER, NR_ROLES };

struct stress {
	unsigned long max_pages;	/* the driver grows up to this */
	int roles[NR_ROLES];		/* what each thread does */
	int nr_threads;
	int driver_rounds;		/* the fixed length of the run */
	/* The driver sets common.stop: the others stop when it is done. */
	struct umm_stress common;
	/* Results, per role; 0 is good. */
	atomic_t mismatches;
	atomic_long_t verified;
};

/* Grow, shrink and release at random; the knobs' answers must be right. */
static void driver_thread(struct stress *s, struct rnd_state *rnd)
{
	int i, err;

	for (i = 0; i < s->driver_rounds; i++) {
		unsigned long target = prandom_u32_state_max(rnd, s->max_pages);
		long held;

		err = write_knob(SAMPLE "pages", target);
		if (err) {
			stress_error(&s->common, "pages write failed", err);
			continue;
		}
		held = file_value(SAMPLE "pages", NULL);
		if (held != target)
			stress_error(&s->common, "pages reads back wrong", held);
		if (held > 0) {
			unsigned long n = prandom_u32_state_max(rnd, held / 2 + 1);

			err = write_knob(SAMPLE "release", n);
			if (err)
				stress_error(&s->common, "release failed", err);
			if (file_value(SAMPLE "pages", NULL) != held - n)
				stress_error(&s->common, "release left a wrong count",
					     file_value(SAMPLE "pages", NULL));
		}
	}
	atomic_set(&s->common.stop, 1);
}

/* Fault injection: each knob somewhere between 0 and 40%, about 20%. */
static void faults_thread(struct stress *s, struct rnd_state *rnd)
{
	while (!atomic_read(&s->common.stop)) {
		int err;

		err = write_knob(SAMPLE "fail_isolate",
				 prandom_u32_state_max(rnd, 41));
		err = err ?: write_knob(SAMPLE "fail_migrate",
					prandom_u32_state_max(rnd, 41));
		if (err)
			stress_error(&s->common, "fault knob refused a percentage", err);
		usleep(500);
	}
}

/*
 * At every moment, every page the driver holds has its data.  verify
 * checks all of them under the driver's lock, which stalls migration
 * meanwhile: not too often.
 */
static void reader_thread(struct stress *s)
{
	int i;

	for (i = 0; !atomic_read(&s->common.stop); i++) {
		long isolated = file_value(SAMPLE "stats", "isolated");

		if (isolated < 0 || isolated > s->max_pages)
			stress_error(&s->common, "stats isolated out of range", isolated);
		if (i % 20 == 0) {
			char *buf;
			long bad, pages;
			ssize_t len = kernel_read_file_path(SAMPLE "verify", &buf);

			if (len < 0 || sscanf(buf, "pages %ld\nmismatches %ld",
					      &pages, &bad) != 2) {
				stress_error(&s->common, "verify unreadable", len);
				continue;
			}
			kfree(buf);
			if (bad != 0) {
				stress_error(&s->common, "verify found mismatches", bad);
				atomic_inc(&s->mismatches);
			}
			if (pages > s->max_pages)
				stress_error(&s->common, "verify counted too many pages",
					     pages);
			atomic_long_add(pages, &s->verified);
		}
		usleep(1000);
	}
}

static int stress_thread(void *arg, int idx)
{
	struct stress *s = arg;
	struct rnd_state rnd;

	prandom_seed_state(&rnd, umm_test_seed * 31 + idx);
	switch (s->roles[idx]) {
	case DRIVER:
		driver_thread(s, &rnd);
		break;
	case COMPACTOR:
		compactor_thread(&s->common);
		break;
	case SCANNER:
		scanner_thread(&s->common, &rnd);
		break;
	case FAULTS:
		faults_thread(s, &rnd);
		break;
	case READER:
		reader_thread(s);
		break;
	}
	return 0;
}

/*
 * Sanitizer builds are slower (ThreadSanitizer about 20 times): the same
 * test, with fewer rounds and fewer pages.
 */
#if defined(__SANITIZE_THREAD__)
#define STRESS_SCALE	4
#define STRESS_MEM_DIV	4
#elif defined(__SANITIZE_ADDRESS__)
#define STRESS_SCALE	2
#define STRESS_MEM_DIV	1
#else
#define STRESS_SCALE	1
#define STRESS_MEM_DIV	1
#endif

/*
 * The driver growing while scanners isolate its pages: a page must not
 * be movable (visible to isolate_movable_page()) before the driver can
 * take it off its lists in isolate_page().
 */
static void growth_vs(struct __test_metadata *_metadata, int scanner_role,
		      unsigned long max_pages)
{
	struct stress s = {
		.roles = { DRIVER, scanner_role },
		.nr_threads = 2,
		.max_pages = max_pages,
		.driver_rounds = 32 / STRESS_SCALE,
		/* Two host CPUs may be all there is: room for the driver. */
		.common.compactor_pause_us = 200,
		.common.scanner_pause_us = 50,
	};

	ASSERT_EQ(0, umm_run_threads(s.nr_threads, stress_thread, &s));
	printf("# %ld compactions, %ld scanner rounds isolated %ld\n",
	       atomic_long_read(&s.common.compactions),
	       atomic_long_read(&s.common.scanner_rounds),
	       atomic_long_read(&s.common.scanner_isolated));
	EXPECT_EQ(0, atomic_read(&s.common.errors));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "isolated"));
	EXPECT_EQ(0, file_value(SAMPLE "verify", "mismatches"));
}

TEST_F(umm, movable_concurrent_sample_growth_vs_compaction)
{
	growth_vs(_metadata, COMPACTOR,
		  self->free_at_boot / 4 / STRESS_MEM_DIV);
}

/*
 * The same race, aimed: the driver's thread frees a page just before it
 * asks the driver for one more page, so the driver's alloc_page() gets
 * that page back from the thread's per-cpu list; another thread watches
 * that very page and isolates it the moment it turns movable.  If the
 * driver made it movable before putting it on its lists, isolate_page()
 * takes a page off a list it is not on.
 */
struct bait {
	struct page *page;		/* the page the driver should get */
	atomic_t ready;			/* round the watcher is waiting for */
	atomic_t round;			/* round whose page is published */
	atomic_t stop;			/* round whose knob write returned */
	atomic_t done;			/* round the watcher finished */
	int rounds;
	int hits;			/* rounds where the driver got the bait */
	atomic_t isolated;		/* and the watcher isolated it */
};

/* Wait for @v to reach @r (at once when the other thread has a CPU). */
static void wait_for(atomic_t *v, int r)
{
	while (atomic_read(v) < r)
		sched_yield();
}

static void bait_driver(struct bait *b, int r)
{
	struct page *page;
	char num[32];

	wait_for(&b->ready, r);
	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	WRITE_ONCE(b->page, page);
	put_page(page);
	atomic_set(&b->round, r);
	snprintf(num, sizeof(num), "%d\n", r);
	kernel_write_file_path(SAMPLE "pages", num, strlen(num));
	if (__PageMovable(page) && page_count(page) > 0)
		b->hits++;
	atomic_set(&b->stop, r);
	wait_for(&b->done, r);
}

static void bait_watcher(struct bait *b, int r)
{
	struct page *page;
	bool last = false;
	LIST_HEAD(list);

	atomic_set(&b->ready, r);
	/* Hot, not yielding: the two threads must run at the same time. */
	while (atomic_read(&b->round) < r)
		;
	page = READ_ONCE(b->page);
	/* Hammer the page until the driver is done with it, then once more. */
	while (!last) {
		last = atomic_read(&b->stop) >= r;
		if (!__PageMovable(page) || !isolate_movable_page(page, 0))
			continue;
		list_add(&page->lru, &list);
		atomic_inc(&b->isolated);
		putback_movable_pages(&list);
		break;
	}
	atomic_set(&b->done, r);
}

static int bait_thread(void *arg, int idx)
{
	struct bait *b = arg;
	int r;

	for (r = 1; r <= b->rounds; r++) {
		if (idx == 0)
			bait_driver(b, r);
		else
			bait_watcher(b, r);
	}
	return 0;
}

TEST_F(umm, movable_concurrent_sample_page_isolated_while_being_added)
{
	struct bait b = { .rounds = 4000 / STRESS_SCALE };

	ASSERT_EQ(0, umm_run_threads(2, bait_thread, &b));
	printf("# %d rounds: the driver got the bait %d times, isolated %d times\n",
	       b.rounds, b.hits, atomic_read(&b.isolated));
	EXPECT_GT(b.hits, b.rounds / 2);
	EXPECT_GT(atomic_read(&b.isolated), 0);
	EXPECT_EQ(b.rounds, file_value(SAMPLE "pages", NULL));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "isolated"));
	EXPECT_EQ(0, file_value(SAMPLE "verify", "mismatches"));
}

TEST_F(umm, movable_concurrent_sample_driver_compaction_and_faults)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	struct stress s = {
		.roles = { DRIVER, COMPACTOR, SCANNER, FAULTS, READER },
		.nr_threads = NR_ROLES,
		/* Most of memory: compaction has little room to spare. */
		.max_pages = self->free_at_boot * 3 / 4 / STRESS_MEM_DIV,
		.driver_rounds = 16 / STRESS_SCALE,
		.common.compactor_pause_us = 200,
		.common.scanner_pause_us = 50,
	};

	ASSERT_EQ(1, file_value(SAMPLE "movable", NULL));
	ASSERT_EQ(0, umm_run_threads(s.nr_threads, stress_thread, &s));
	printf("# %ld compactions, %ld scanner rounds isolated %ld and migrated %ld, %ld page checks, %lu migrations in all\n",
	       atomic_long_read(&s.common.compactions),
	       atomic_long_read(&s.common.scanner_rounds),
	       atomic_long_read(&s.common.scanner_isolated),
	       atomic_long_read(&s.common.scanner_migrated),
	       atomic_long_read(&s.verified),
	       sum_vm_event(PGMIGRATE_SUCCESS) - success);
	printf("# driver: migrated %ld, released while isolated %ld\n",
	       file_value(SAMPLE "stats", "migrated"),
	       file_value(SAMPLE "stats", "released_isolated"));
	EXPECT_EQ(0, atomic_read(&s.common.errors));
	EXPECT_EQ(0, atomic_read(&s.mismatches));
	EXPECT_GT(sum_vm_event(PGMIGRATE_SUCCESS), success);

	/* Quiet again: nothing isolated, everything verifies. */
	ASSERT_EQ(0, write_knob(SAMPLE "fail_isolate", 0));
	ASSERT_EQ(0, write_knob(SAMPLE "fail_migrate", 0));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "isolated"));
	EXPECT_EQ(0, file_value(SAMPLE "verify", "mismatches"));
	EXPECT_EQ(file_value(SAMPLE "pages", NULL),
		  file_value(SAMPLE "verify", "pages"));
	EXPECT_EQ(0, check_zones());

	/* One more compaction of what is left, then everything goes back. */
	ASSERT_EQ(0, kernel_write_file_path("/proc/sys/vm/compact_memory",
					    "1\n", 2) < 0);
	EXPECT_EQ(0, file_value(SAMPLE "verify", "mismatches"));
	ASSERT_EQ(0, write_knob(SAMPLE "pages", 0));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "pages"));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "isolated"));
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
}

UMM_TEST_MAIN
