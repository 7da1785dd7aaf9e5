// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_driver_mistakes.c - a broken driver is named
 *
 * The mistakes driver authors make, one to a copy of the sample driver
 * (the sed scripts of tools/testing/selftests/vm/mistakes/, linked into
 * umm-mistakes): for each, movetorture on the copy must end, within
 * seconds and never hanging (the harness's timeout), with a report that
 * names the kind and the mistake:
 *
 *   nogetdrv   migratepage() without get_page(newpage)
 *   noclrdrv   release without __ClearPageMovable()
 *   sleepdrv   migratepage() sleeps in MIGRATE_ASYNC
 *   nolockdrv  putback_page() without the driver's lock
 *
 * And the sample itself, in the same binary, passes: the reports come
 * from the mistakes, not from the test.  A scenario run of a broken
 * driver fails too, with the kernel's report, rather than print figures
 * of a kernel that reported a bug.  Every test name contains "mistake".
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"
#include "umm_run.h"

static char umm_mistakes[PATH_MAX];

/* movetorture on @kind for up to @ms, with @threads migrators. */
static struct run torture(struct __test_metadata *_metadata, const char *kind,
			  int ms, int threads, double *seconds)
{
	char cmd[256];
	struct timespec a, b;
	struct run r;

	ASSERT_EQ(0, access(umm_mistakes, X_OK)) {
		TH_LOG("no %s: built by 'make tests'", umm_mistakes);
	}
	setenv("UMM", umm_mistakes, 1);
	snprintf(cmd, sizeof(cmd),
		 "echo %d > /sys/kernel/debug/movetorture/duration_ms; "
		 "echo %d > /sys/kernel/debug/movetorture/nr_threads; "
		 "echo %s > /sys/kernel/debug/movetorture/run", ms, threads, kind);
	clock_gettime(CLOCK_MONOTONIC, &a);
	r = run_umm("mem=128M", "-c", cmd);
	clock_gettime(CLOCK_MONOTONIC, &b);
	*seconds = b.tv_sec - a.tv_sec + (b.tv_nsec - a.tv_nsec) / 1e9;
	return r;
}

/* The run failed, saying each of @texts (NULL-terminated) on stderr. */
static void expect_report(struct __test_metadata *_metadata, const char *kind,
			  int ms, int threads, const char **texts)
{
	double seconds;
	struct run r = torture(_metadata, kind, ms, threads, &seconds);

	TH_LOG("%s: exit status %d after %.1f s", kind, r.status, seconds);
	EXPECT_NE(0, r.status);
	for (; *texts; texts++) {
		const char *text = *texts;

		if (!strstr(r.err, text))
			TH_LOG("stderr lacks \"%s\"; its start:\n%.1500s",
			       text, r.err);
		EXPECT_NE(NULL, strstr(r.err, text));
	}
	free_run(&r);
}

TEST(mistake_none_sample_passes)
{
	double seconds;
	struct run r = torture(_metadata, "movable_sample", 3000, 4, &seconds);

	EXPECT_EQ(0, r.status) {
		TH_LOG("stderr: %.2000s", r.err);
	}
	EXPECT_EQ(NULL, strstr(r.err, "BUG"));
	free_run(&r);
}

TEST(mistake_no_get_page_on_the_new_page)
{
	expect_report(_metadata, "nogetdrv", 3000, 4, (const char *[]){
		"BUG: Bad page state",
		"kind: nogetdrv a_ops: sample_aops",
		"movable page kind 'nogetdrv': freed still registered movable: no reference of its own to the new page (get_page(newpage) in migratepage?)",
		"last migration callback: migratepage (as the new page)",
		NULL });
}

TEST(mistake_release_without_clear_page_movable)
{
	expect_report(_metadata, "noclrdrv", 3000, 4, (const char *[]){
		"BUG: Bad page state",
		"movable page kind 'noclrdrv': freed still registered movable: released without __ClearPageMovable()",
		"movetorture: kind=noclrdrv FAILURE",
		NULL });
}

TEST(mistake_sleep_in_migrate_async)
{
	expect_report(_metadata, "sleepdrv", 3000, 4, (const char *[]){
		"BUG: movable page kind 'sleepdrv': migratepage slept in MIGRATE_ASYNC",
		"movetorture: kind=sleepdrv FAILURE",
		NULL });
}

/*
 * A race, not a certainty: the corruption needs two CPUs in the list at
 * once.  Eight migrators and the owner found it within 1.1 s in ten runs
 * of ten; the run may last 10 s (it ends at the first report).
 */
TEST(mistake_putback_without_the_driver_lock)
{
	expect_report(_metadata, "nolockdrv", 10000, 8, (const char *[]){
		"list_",
		" corruption",
		"kind: nolockdrv a_ops: sample_aops",
		NULL });
}

/* The A/B runner does not print the figures of a kernel that reported a bug. */
TEST(mistake_fails_a_scenario_run)
{
	struct run r;

	ASSERT_EQ(0, access(umm_mistakes, X_OK));
	setenv("UMM", umm_mistakes, 1);
	r = run_umm("scenario", "tools/testing/selftests/vm/mistakes/nogetdrv.umm",
		    "--ab");
	EXPECT_EQ(1, r.status);
	EXPECT_NE(NULL, strstr(r.err, "(series on) failed: the kernel reported a bug")) {
		TH_LOG("stderr: %.2000s", r.err);
	}
	EXPECT_NE(NULL, strstr(r.err, "movable page kind 'nogetdrv'"));
	EXPECT_EQ(NULL, strstr(r.out, "order-9 allocs"));
	free_run(&r);
}

int main(int argc, char **argv)
{
	char self[PATH_MAX - 16];
	ssize_t n;

	/* umm-mistakes is built beside the directory of the tests' binaries. */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return 1;
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	snprintf(umm_mistakes, sizeof(umm_mistakes), "%s/../umm-mistakes", self);
	return test_harness_run(argc, argv);
}
