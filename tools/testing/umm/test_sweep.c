// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_sweep.c - a sweep's statistics, from known runs
 *
 * tools/umm/sweep_stats.c and sweep_data.c are host code: no kernel is
 * booted.  The statistics are checked against values worked out by hand
 * (the standard deviation is the sample one, n - 1); the runs' records
 * are written here as a run would have saved them, then read back as a
 * sweep: configurations named and ordered, a failed run counted but its
 * figures left out, and the CSV one line per run per metric.
 *
 * Every test name contains "sweep".
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "umm_test.h"

#include "../../umm/report.h"
#include "../../umm/sweep.h"

TEST(sweep_stats_known_values)
{
	/* Mean 5; squares about it sum to 32; sample variance 32/7. */
	const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
	struct sweep_stats s;

	sweep_stats(v, 8, &s);
	EXPECT_EQ(8, s.n);
	EXPECT_EQ(5.0, s.mean);
	EXPECT_EQ(2.0, s.min);
	EXPECT_EQ(9.0, s.max);
	EXPECT_LT(fabs(s.stddev - sqrt(32.0 / 7)), 1e-12);
}

TEST(sweep_stats_edges)
{
	const double one[] = { 42 };
	const double gaps[] = { NAN, 3, NAN, 5, 10 };
	const double big[] = { 1e15 + 1, 1e15 + 1, 1e15 + 1 };
	const double neg[] = { -4, -2 };
	struct sweep_stats s;

	sweep_stats(one, 1, &s);
	EXPECT_EQ(1, s.n);
	EXPECT_EQ(42.0, s.mean);
	EXPECT_EQ(0.0, s.stddev);	/* no spread from one run */

	sweep_stats(one, 0, &s);
	EXPECT_EQ(0, s.n);
	EXPECT_EQ(0.0, s.mean);

	/* A run without the metric does not count. */
	sweep_stats(gaps, 5, &s);
	EXPECT_EQ(3, s.n);
	EXPECT_EQ(6.0, s.mean);
	EXPECT_EQ(3.0, s.min);
	EXPECT_EQ(10.0, s.max);
	EXPECT_LT(fabs(s.stddev - sqrt(13.0)), 1e-12);

	sweep_stats(big, 3, &s);
	EXPECT_EQ(0.0, s.stddev);

	sweep_stats(neg, 2, &s);
	EXPECT_EQ(-3.0, s.mean);
	EXPECT_LT(fabs(s.stddev - sqrt(2.0)), 1e-12);
}

TEST(sweep_stats_diff_pct)
{
	EXPECT_EQ(0.0, sweep_diff_pct(0, 0));
	EXPECT_TRUE(isnan(sweep_diff_pct(0, 3)));
	EXPECT_EQ(50.0, sweep_diff_pct(2, 3));
	EXPECT_EQ(-50.0, sweep_diff_pct(2, 1));
	/* Against a negative baseline, more is still a positive difference. */
	EXPECT_EQ(50.0, sweep_diff_pct(-2, -1));
}

static char dir[64];

static void record(const char *name, unsigned long seed, const char *label,
		   const char *settings, int ok9, int status)
{
	char path[160];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		abort();
	fprintf(f, "# scenario t\n# seed %lu\n# run 1 %s\n# wall 1.5\n"
		"# status %d\n", seed, label, status);
	if (settings)
		fprintf(f, "# settings %s\n", settings);
	fprintf(f, "0.5 @ alloc 9 %d 10\n", ok9);
	if (!status)
		fputs("1 @ end\n", f);
	fclose(f);
}

static int metric(const struct sweep_data *d, const char *name)
{
	int m;

	for (m = 0; m < d->nr_metrics; m++)
		if (!strcmp(d->metrics[m].name, name))
			return m;
	return -1;
}

TEST(sweep_records_read_back)
{
	struct sweep_data d;
	struct sweep_stats s;
	char *dirs[] = { dir }, *csv = NULL, path[192];
	size_t len = 0;
	int m, lines = 0;
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/umm-sweep-test-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(dir));
	record("seed-1-on.txt", 1, "series on", NULL, 3, 0);
	record("seed-2-on.txt", 2, "series on", NULL, 5, 0);
	record("seed-3-on.txt", 3, "series on", NULL, 10, 0);
	record("seed-1-off.txt", 1, "series off", "zsmalloc.movable=0", 1, 0);
	record("seed-2-off.txt", 2, "series off", "zsmalloc.movable=0", 1, 0);
	/* Failed: counted as a run, its figures left out. */
	record("seed-3-off.txt", 3, "series off", "zsmalloc.movable=0", 9, 1);

	ASSERT_EQ(0, sweep_read_dirs(&d, dirs, 1));
	EXPECT_STREQ("t", d.scenario);
	EXPECT_EQ(6, d.nr_runs);
	ASSERT_EQ(2, d.nr_configs);
	/* "series on" first: the baseline. */
	EXPECT_STREQ("on", d.configs[0].name);
	EXPECT_STREQ("off", d.configs[1].name);
	m = metric(&d, "order-9 allocs");
	ASSERT_LE(0, m);

	sweep_metric_stats(&d, 0, m, &s);
	EXPECT_EQ(3, s.n);
	EXPECT_EQ(6.0, s.mean);
	EXPECT_EQ(3.0, s.min);
	EXPECT_EQ(10.0, s.max);
	EXPECT_LT(fabs(s.stddev - sqrt(13.0)), 1e-12);

	sweep_metric_stats(&d, 1, m, &s);
	EXPECT_EQ(2, s.n);
	EXPECT_EQ(1.0, s.mean);
	EXPECT_EQ(0.0, s.stddev);

	f = open_memstream(&csv, &len);
	ASSERT_NE(NULL, f);
	sweep_write_csv(f, &d);
	fclose(f);
	for (m = 0; csv[m]; m++)
		lines += csv[m] == '\n';
	EXPECT_EQ(1 + d.nr_runs * d.nr_metrics, lines);
	EXPECT_NE(NULL, strstr(csv, "t,3,off,\"series off\",zsmalloc.movable=0,failed,\"allocation success\",\"order-9 allocs\",\n"));
	EXPECT_NE(NULL, strstr(csv, "t,3,on,\"series on\",,ok,\"allocation success\",\"order-9 allocs\",10\n"));
	free(csv);
	sweep_free_data(&d);

	/* A record of another scenario does not merge. */
	snprintf(path, sizeof(path), "%s/x.txt", dir);
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	fputs("# scenario other\n# seed 1\n# run 1 series on\n"
	      "# status 0\n1 @ end\n", f);
	fclose(f);
	EXPECT_EQ(-EINVAL, sweep_read_dirs(&d, dirs, 1));
	sweep_free_data(&d);

	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	EXPECT_EQ(0, system(path));
}

UMM_TEST_MAIN
