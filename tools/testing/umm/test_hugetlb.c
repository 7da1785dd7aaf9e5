// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_hugetlb.c - the persistent huge page pool
 *
 * /proc/sys/vm/nr_hugepages and the hstate's sysfs files grow and shrink
 * the pool; a request larger than memory succeeds in part and the file
 * reads back what was obtained; /proc/meminfo, the sysfs counts and the
 * pool's own list agree; bad text changes nothing; pool pages are
 * allocated movable (4.8's htlb_alloc_mask() on x86_64), so they come
 * from movable pageblocks and may use ZONE_MOVABLE; resizes racing each
 * other leave a consistent pool.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "umm_test.h"

#include <linux/hugetlb.h>
#include <linux/page_kind.h>
#include <linux/pageblock-flags.h>
#include <linux/vmstat.h>
#include "../../../mm/internal.h"

FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

FIXTURE_VARIANT_ADD(umm, mem64m_movablecore) {
	.params = "mem=64M movablecore=32M",
};

UMM_FIXTURE_SETUP

#define SYSCTL		"/proc/sys/vm/nr_hugepages"
#define HSTATE		"/sys/kernel/mm/hugepages/hugepages-2048kB/"
#define HPAGE_KB	2048

/* The number a one-value file holds; -1 if none. */
static long value_of(const char *path)
{
	return file_value(path, NULL);
}

static long meminfo(const char *key)
{
	return file_value("/proc/meminfo", key);
}

/* The pool's own free list, counted under its lock. */
static unsigned long pool_list_length(void)
{
	struct hstate *h = &default_hstate;
	unsigned long n = 0;
	struct page *page;

	spin_lock(&hugetlb_lock);
	list_for_each_entry(page, &h->hugepage_freelist, lru)
		n++;
	spin_unlock(&hugetlb_lock);
	return n;
}

/* Every view of the pool says @n pages. */
static void expect_pool(struct __test_metadata *_metadata, long n)
{
	EXPECT_EQ(n, value_of(SYSCTL));
	EXPECT_EQ(n, value_of(HSTATE "nr_hugepages"));
	EXPECT_EQ(n, value_of(HSTATE "free_hugepages"));
	EXPECT_EQ(n, meminfo("HugePages_Total:"));
	EXPECT_EQ(n, meminfo("HugePages_Free:"));
	EXPECT_EQ(n * HPAGE_KB, meminfo("Hugetlb:"));
	EXPECT_EQ((unsigned long)n, pool_list_length());
	EXPECT_EQ(n * 512, (long)hugetlb_total_pages());
}

TEST_F(umm, hugetlb_files_at_boot)
{
	expect_pool(_metadata, 0);
	EXPECT_EQ(0, meminfo("HugePages_Rsvd:"));
	EXPECT_EQ(0, meminfo("HugePages_Surp:"));
	EXPECT_EQ(HPAGE_KB, meminfo("Hugepagesize:"));
	/* Not modelled: no mappings, no overcommit (mm/hugetlb.c). */
	EXPECT_EQ(0, value_of(HSTATE "resv_hugepages"));
	EXPECT_EQ(0, value_of(HSTATE "surplus_hugepages"));
	EXPECT_EQ(0, value_of(HSTATE "nr_overcommit_hugepages"));
	EXPECT_EQ(0, vmstat_value("htlb_buddy_alloc_success"));
	EXPECT_EQ(0, vmstat_value("htlb_buddy_alloc_fail"));
}

TEST_F(umm, hugetlb_pool_up_and_down)
{
	long free_kb = meminfo("MemFree:");

	ASSERT_EQ(0, echo_file(SYSCTL, "8"));
	expect_pool(_metadata, 8);
	/* Pool pages are used memory. */
	EXPECT_LE(meminfo("MemFree:"), free_kb - 8 * HPAGE_KB);
	EXPECT_EQ(8, vmstat_value("htlb_buddy_alloc_success"));
	EXPECT_EQ(0, vmstat_value("htlb_buddy_alloc_fail"));

	/* Through sysfs, down and up again. */
	ASSERT_EQ(0, echo_file(HSTATE "nr_hugepages", "3"));
	expect_pool(_metadata, 3);
	ASSERT_EQ(0, echo_file(HSTATE "nr_hugepages", "5"));
	expect_pool(_metadata, 5);
	EXPECT_EQ(10, vmstat_value("htlb_buddy_alloc_success"));

	ASSERT_EQ(0, echo_file(SYSCTL, "0"));
	expect_pool(_metadata, 0);
	/* Every page went back to the buddy allocator (and the teardown). */
	EXPECT_EQ(free_kb, meminfo("MemFree:"));
}

/*
 * More than memory holds: the write succeeds, growth stopped at the first
 * failure (one htlb_buddy_alloc_fail), and the file says what was had.
 */
TEST_F(umm, hugetlb_partial_success_reads_back_what_was_obtained)
{
	long got;

	ASSERT_EQ(0, echo_file(SYSCTL, "100000"));
	got = value_of(SYSCTL);
	ASSERT_LT(0, got);
	ASSERT_GT(32, got);		/* 64M holds 32 at most */
	expect_pool(_metadata, got);
	EXPECT_EQ(got, vmstat_value("htlb_buddy_alloc_success"));
	EXPECT_EQ(1, vmstat_value("htlb_buddy_alloc_fail"));
	/* Most of memory: it was free, and compaction or not, it is had. */
	EXPECT_LE(20, got);

	/* Asking again for as much gets no more and fails once more. */
	ASSERT_EQ(0, echo_file(HSTATE "nr_hugepages", "100000"));
	EXPECT_EQ(got, value_of(HSTATE "nr_hugepages"));
	EXPECT_EQ(2, vmstat_value("htlb_buddy_alloc_fail"));
	ASSERT_EQ(0, echo_file(SYSCTL, "0"));
	expect_pool(_metadata, 0);
}

/*
 * 4.8's htlb_alloc_mask() is GFP_HIGHUSER_MOVABLE for this hstate: the
 * pages come from movable pageblocks, ZONE_MOVABLE is theirs too, and
 * each is a whole order-9 block of the hugetlb kind.
 */
TEST_F(umm, hugetlb_pages_are_movable_order9_blocks)
{
	struct hstate *h = &default_hstate;
	unsigned long in_movable = 0;
	struct page *page;

	ASSERT_EQ(0, echo_file(SYSCTL, "100000"));
	spin_lock(&hugetlb_lock);
	list_for_each_entry(page, &h->hugepage_freelist, lru) {
		unsigned long pfn = page_to_pfn(page);

		EXPECT_EQ(0, pfn & 511);
		EXPECT_EQ(MIGRATE_MOVABLE, get_pageblock_migratetype(page));
		EXPECT_STREQ("hugetlb", page_kind(page)->name);
		EXPECT_STREQ("hugetlb", page_kind(pfn_to_page(pfn + 511))->name);
		EXPECT_EQ(1, page_ref_count(page));
		in_movable += page_zonenum(page) == ZONE_MOVABLE;
	}
	spin_unlock(&hugetlb_lock);
	if (strstr(variant->params, "movablecore")) {
		EXPECT_LE(14, in_movable);	/* of ZONE_MOVABLE's 16 */
	} else {
		EXPECT_EQ(0, in_movable);
	}
	ASSERT_EQ(0, echo_file(SYSCTL, "0"));
}

/* Bad text: -EINVAL (or -ERANGE), one line at the console, the pool as it was. */
TEST_F(umm, hugetlb_bad_input_changes_nothing)
{
	static const char * const bad[] = {
		"abc", "-1", "-0", "3x", "0x", "", " ",
		"99999999999999999999999",
	};
	const char *files[] = { SYSCTL, HSTATE "nr_hugepages" };
	struct console_out *o = malloc(sizeof(*o));
	unsigned int i, f;

	ASSERT_NE(NULL, o);
	ASSERT_EQ(0, echo_file(SYSCTL, "3"));
	for (f = 0; f < ARRAY_SIZE(files); f++) {
		for (i = 0; i < ARRAY_SIZE(bad); i++) {
			/* kstrtoul() says -ERANGE for too large, as in Linux */
			int want = f && i == ARRAY_SIZE(bad) - 1 ? -ERANGE :
				   -EINVAL;

			EXPECT_EQ(want, echo_file(files[f], bad[i]))
				TH_LOG("%s: '%s'", files[f], bad[i]);
			expect_pool(_metadata, 3);
		}
	}
	/* The read-only counts refuse writes. */
	EXPECT_EQ(-EACCES, echo_file(HSTATE "free_hugepages", "1"));
	expect_pool(_metadata, 3);
	EXPECT_EQ(0, vmstat_value("htlb_buddy_alloc_fail"));

	/* The console says what was wrong in one line, status non-zero. */
	EXPECT_NE(0, console("echo abc > " SYSCTL, o));
	EXPECT_STREQ("umm: echo: " SYSCTL ": Invalid argument\n", o->err);
	EXPECT_NE(0, console("echo -1 > " SYSCTL, o));
	EXPECT_STREQ("umm: echo: " SYSCTL ": Invalid argument\n", o->err);
	expect_pool(_metadata, 3);
	ASSERT_EQ(0, echo_file(SYSCTL, "0"));
	free(o);
}

struct resize_race {
	int rounds;
};

static int resize_thread(void *arg, int idx)
{
	struct resize_race *r = arg;
	static const unsigned long sizes[] = { 7, 0, 12, 3, 100000, 1 };
	int i;

	for (i = 0; i < r->rounds; i++) {
		unsigned long n = sizes[(i + idx) % ARRAY_SIZE(sizes)];

		if (idx & 1)
			set_max_huge_pages(&default_hstate, n);
		else if (write_knob(SYSCTL, n))
			return -1;
	}
	return 0;
}

/*
 * Resizes race (the lock is dropped around each allocation and free):
 * whatever order they finish in, the counts and the list agree, and
 * after the last resize to 0 every page is back.
 */
TEST_F(umm, hugetlb_concurrent_resizes_keep_the_pool_consistent)
{
	struct resize_race r = { .rounds = 30 };
	long n;

	ASSERT_EQ(0, umm_run_threads(4, resize_thread, &r));
	n = default_hstate.nr_huge_pages;
	EXPECT_EQ(n, (long)default_hstate.free_huge_pages);
	EXPECT_EQ((unsigned long)n, pool_list_length());
	EXPECT_EQ(n, meminfo("HugePages_Total:"));
	ASSERT_EQ(0, echo_file(SYSCTL, "0"));
	expect_pool(_metadata, 0);
}

UMM_TEST_MAIN
