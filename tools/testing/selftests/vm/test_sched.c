// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_sched.c - nr_cpus= as a user sees it
 *
 * Black-box: nr_cpus=N is the number of CPUs, which any number of tasks
 * share.  A machine of one or two CPUs boots with all its kernel threads,
 * starts as many tasks as asked, lists every CPU in /proc/zoneinfo, and
 * --help says so.  nr_cpus=0 and more than CONFIG_NR_CPUS are refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "umm_run.h"

/* What a boot says when a kernel thread or a device thread cannot start. */
static const char *const start_failures[] = {
	"Failed to start",
	"cannot start",
	"no thread",
	"returned -11",
};

static void boots_whole(struct __test_metadata *_metadata, const char *cpus)
{
	struct run r = run_umm("mem=64M", cpus, "virtio_balloon_dev.enable=1",
			       "-c", "balloon 40; balloon 64");
	size_t i;

	EXPECT_EQ(0, r.status);
	for (i = 0; i < ARRAY_SIZE(start_failures); i++)
		EXPECT_EQ(NULL, strstr(r.err, start_failures[i])) {
			TH_LOG("stderr was: %s", r.err);
		}
	free_run(&r);
}

TEST(two_cpus_boot_with_every_kernel_thread)
{
	boots_whole(_metadata, "nr_cpus=2");
}

TEST(one_cpu_boots_with_every_kernel_thread)
{
	boots_whole(_metadata, "nr_cpus=1");
}

TEST(two_cpus_start_200_tasks)
{
	struct run r = run_umm("mem=128M", "nr_cpus=2", "-c",
			       "spawn sh 200; reap sh 200");

	EXPECT_EQ(0, r.status);
	EXPECT_NE(NULL, strstr(r.out, "spawn sh: 200 of 200 tasks started\n"));
	EXPECT_NE(NULL, strstr(r.out, "reap sh: 200 tasks exited\n"));
	free_run(&r);
}

/* The per-cpu page lists of every CPU, online from boot, and no more. */
TEST(zoneinfo_lists_every_cpu)
{
	struct run r = run_umm("mem=64M", "nr_cpus=8", "-c",
			       "cat /proc/zoneinfo");

	EXPECT_EQ(0, r.status);
	EXPECT_NE(NULL, strstr(r.out, "\n    cpu: 0\n"));
	EXPECT_NE(NULL, strstr(r.out, "\n    cpu: 7\n"));
	EXPECT_EQ(NULL, strstr(r.out, "\n    cpu: 8\n"));
	free_run(&r);
}

TEST(nr_cpus_out_of_range_is_refused)
{
	static const char *const bad[] = { "nr_cpus=0", "nr_cpus=129" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct run r = run_umm(bad[i], "-c", "ls");

		EXPECT_EQ(2, r.status);
		EXPECT_NE(NULL, strstr(r.err, "must be between 1 and 128"));
		free_run(&r);
	}
}

TEST(help_says_what_nr_cpus_is)
{
	struct run r = run_umm("--help");

	EXPECT_EQ(0, r.status);
	EXPECT_NE(NULL, strstr(r.out,
		"  nr_cpus=N             CPUs the tasks run on, 1..128 (default 64)\n"));
	free_run(&r);
}

TEST_HARNESS_MAIN
