// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_cma.c - the CMA area, as a user sees it
 *
 * cma=SIZE at boot: bad values stop the boot with one line naming them
 * and status 2; a good one shows in /proc/meminfo (CmaTotal, CmaFree in
 * Linux's place and format), /proc/pagetypeinfo and
 * /sys/kernel/debug/cma/cma-0, whose alloc and free files take pages and
 * give them back, counted in /proc/vmstat.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"

#include "umm_run.h"

#define CMA_DIR		"/sys/kernel/debug/cma/cma-0/"

/* The boot stops: status 2, one line on stderr naming the value. */
TEST(bad_cma_values_are_refused_at_boot)
{
	static const char * const cases[][3] = {
		{ "cma=abc", "'cma=abc': not a size" },
		{ "cma=0x", "'cma=0x': not a size" },
		{ "cma=16Q", "'cma=16Q': not a size" },
		{ "cma=", "'cma=': not a size" },
		{ "cma=18446744073709551616", "'cma=18446744073709551616': too large" },
		{ "cma=16M@0x8000000", "'cma=16M@0x8000000': takes a size only" },
		{ "cma=1G", "'cma=1G': larger than the 256M of ZONE_NORMAL" },
		{ "cma=257M", "'cma=257M': larger than the 256M of ZONE_NORMAL" },
		{ "cma=4G", "'cma=4G': larger than the 256M" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct run r = run_umm(cases[i][0], "-c", "cat /proc/meminfo");

		EXPECT_EQ(2, r.status) {
			TH_LOG("%s: status %d", cases[i][0], r.status);
		}
		EXPECT_EQ(1, count_lines(r.err)) {
			TH_LOG("%s: stderr: %s", cases[i][0], r.err);
		}
		EXPECT_NE(NULL, strstr(r.err, cases[i][1])) {
			TH_LOG("%s: stderr: %s", cases[i][0], r.err);
		}
		EXPECT_STREQ("", r.out);
		free_run(&r);
	}
}

/* With movablecore= taking the top half, there is no room at all. */
TEST(cma_with_no_room_left_is_refused)
{
	struct run r = run_umm("mem=128M", "movablecore=64M", "cma=4M", "-c",
			       "cat /proc/meminfo");

	EXPECT_EQ(2, r.status);
	EXPECT_EQ(1, count_lines(r.err));
	EXPECT_NE(NULL, strstr(r.err, "'cma=4M': larger than the 0M")) {
		TH_LOG("stderr: %s", r.err);
	}
	free_run(&r);
}

/* The value of a "Name:   N kB" line of @text; -1 if absent. */
static long kb(const char *text, const char *name)
{
	const char *p = strstr(text, name);

	return p ? strtol(p + strlen(name), NULL, 10) : -1;
}

/*
 * CmaTotal and CmaFree, right after Percpu (Linux puts them after the
 * huge page lines umm lacks), in Linux's width; the size is rounded up
 * to a MAX_ORDER block (4M), and no cma= means 0 kB, as a CONFIG_CMA
 * kernel shows.
 */
TEST(meminfo_shows_the_area)
{
	static const struct {
		const char *param;
		long total;
	} cases[] = {
		{ "mem=128M", 0 }, { "cma=0", 0 }, { "cma=16M", 16384 },
		{ "cma=1M", 4096 }, { "cma=5M", 8192 }, { "cma=256M", 262144 },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct run r = run_umm(cases[i].param, "-c", "cat /proc/meminfo");
		char line[64];

		ASSERT_EQ(0, r.status);
		snprintf(line, sizeof(line), "Percpu:  ");
		EXPECT_NE(NULL, strstr(r.out, line));
		snprintf(line, sizeof(line), "\nCmaTotal:       %8ld kB\nCmaFree:        %8ld kB\n",
			 cases[i].total, cases[i].total);
		EXPECT_NE(NULL, strstr(r.out, line)) {
			TH_LOG("%s: %s", cases[i].param, r.out);
		}
		/* Right after Percpu. */
		EXPECT_NE(NULL, strstr(strstr(r.out, "Percpu:"), "kB\nCmaTotal:"));
		free_run(&r);
	}
}

/*
 * echo N > alloc takes N pages of the area: CmaFree and MemFree drop by
 * N pages, used says N, cma_alloc_success counts it; echo N > free gives
 * them back (those still on a per-cpu list are not counted free yet).  A second whole-area allocation fails: -ENOMEM, counted in
 * cma_alloc_fail.  The area's pageblocks show in pagetypeinfo's CMA
 * column.
 */
TEST(debugfs_alloc_and_free)
{
	struct run r = run_umm("mem=128M", "cma=16M", "-c",
			       "cat " CMA_DIR "count " CMA_DIR "order_per_bit " CMA_DIR "used\n"
			       "expect /proc/meminfo CmaFree: == 16384\n"
			       "echo 1024 > " CMA_DIR "alloc\n"
			       "cat " CMA_DIR "used " CMA_DIR "maxchunk\n"
			       "expect /proc/meminfo CmaFree: == 12288\n"
			       "expect /proc/vmstat cma_alloc_success == 1\n"
			       "expect /proc/vmstat nr_free_cma == 3072\n"
			       "echo 1024 > " CMA_DIR "free\n"
			       "cat " CMA_DIR "used\n"
			       /* Some of them wait on a per-cpu list, as in Linux. */
			       "expect /proc/meminfo CmaFree: >= 15872\n"
			       "expect /proc/vmstat cma_alloc_fail == 0\n"
			       "cat /proc/pagetypeinfo\n");

	ASSERT_EQ(0, r.status) {
		TH_LOG("stderr: %s", r.err);
	}
	EXPECT_EQ(0, strncmp(r.out, "4096\n0\n0\n1024\n3072\n0\n", 21)) {
		TH_LOG("stdout: %.200s", r.out);
	}
	EXPECT_NE(NULL, strstr(r.out, "Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate \n"));
	EXPECT_NE(NULL, strstr(r.out, "Node    0, zone   Normal, type          CMA "));
	/* 16M: 8 CMA pageblocks, none left isolated. */
	EXPECT_NE(NULL, strstr(r.out, "            8            0 \n")) {
		TH_LOG("stdout: %s", r.out);
	}
	free_run(&r);
}

/* Bad writes to alloc: one line each, nothing taken. */
TEST(debugfs_alloc_refuses_bad_counts)
{
	struct run r = run_umm_in("echo 0 > " CMA_DIR "alloc\n"
				  "echo 4097 > " CMA_DIR "alloc\n"
				  "echo abc > " CMA_DIR "alloc\n"
				  "echo -1 > " CMA_DIR "alloc\n"
				  "echo 4096 > " CMA_DIR "alloc\n"
				  "echo 1 > " CMA_DIR "alloc\n"
				  "cat " CMA_DIR "used\n"
				  "echo 4096 > " CMA_DIR "free\n"
				  "cat " CMA_DIR "used\n",
				  (const char *[]){ "mem=128M", "cma=16M",
						    "shell", NULL });

	EXPECT_EQ(0, r.status);
	EXPECT_STREQ("4096\n0\n", r.out);
	/* Four refusals (the first two with the kernel's reason) and -ENOMEM. */
	EXPECT_NE(NULL, strstr(r.err, "cma: alloc takes 1 to 4096 pages, not 0"));
	EXPECT_NE(NULL, strstr(r.err, "cma: alloc takes 1 to 4096 pages, not 4097"));
	EXPECT_NE(NULL, strstr(r.err, "alloc: Cannot allocate memory")) {
		TH_LOG("stderr: %s", r.err);
	}
	free_run(&r);
}

/* Without cma= the directory is empty, as in 4.8. */
TEST(no_area_empty_directory)
{
	struct run r = run_umm("mem=64M", "-c", "ls /sys/kernel/debug/cma");

	EXPECT_EQ(0, r.status);
	EXPECT_STREQ("", r.out);
	EXPECT_STREQ("", r.err);
	free_run(&r);
}

TEST_HARNESS_MAIN
