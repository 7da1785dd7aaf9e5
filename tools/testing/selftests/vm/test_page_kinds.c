// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_page_kinds.c - a driver of one's own, end to end
 *
 * As a driver author would: a renamed copy of the sample driver (mydrv,
 * made from samples/movable by tools/testing/selftests/vm/mydrv/mydrv.sed
 * and linked into umm-mydrv, beside the tree's drivers) and a scenario
 * file for it, run with `umm scenario FILE --ab`.  Nothing in umm knows
 * mydrv but its registration, yet
 *
 *   - the run names it in the record ("@ kind"), with its off switch;
 *   - the A/B table counts its migrations, series on and off, and the
 *     series helps;
 *   - the report's legend names it and draws it in its colour;
 *   - a copy registered without an off switch (nooffdrv) gets one line
 *     saying so instead of two equal columns, unless the scenario
 *     declares one ("# off: nooffdrv.movable=0").
 *
 * And `umm scenario FILE` refuses, in one line, what is not a scenario.
 * Every test name contains "page_kind".
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"
#include "umm_run.h"

#define SCENARIOS	"tools/testing/selftests/vm/mydrv/"

static char dir[64];
static char umm_mydrv[PATH_MAX];

/* The values of a table row "  NAME   A   B" (plain numbers only). */
static int row(const char *out, const char *name, long *a, long *b)
{
	const char *p = strstr(out, name);

	if (!p)
		return -1;
	return sscanf(p + strlen(name), "%ld %ld", a, b) == 2 ? 0 : -1;
}

/* The first number of a row "  NAME  OK/TOTAL (P%)  OK/TOTAL (P%)". */
static int alloc_row(const char *out, const char *name, long *a, long *b)
{
	const char *p = strstr(out, name);

	if (!p)
		return -1;
	return sscanf(p + strlen(name), "%ld/%*d (%*d%%) %ld", a, b) == 2 ? 0 : -1;
}

static int __attribute__((format(printf, 1, 2))) sh(const char *fmt, ...)
{
	char cmd[1024];
	va_list args;
	int ret;

	va_start(args, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, args);
	va_end(args);
	ret = system(cmd);
	return WIFEXITED(ret) ? WEXITSTATUS(ret) : -1;
}

/* $UMM is umm-mydrv for what follows. */
static void use_mydrv(struct __test_metadata *_metadata)
{
	ASSERT_EQ(0, access(umm_mydrv, X_OK)) {
		TH_LOG("no %s: built by 'make tests'", umm_mydrv);
	}
	setenv("UMM", umm_mydrv, 1);
}

FIXTURE(kinds) {
};

FIXTURE_SETUP(kinds)
{
	use_mydrv(_metadata);
}

FIXTURE_TEARDOWN(kinds)
{
}

/* The record names every kind, the copies too, before anything else. */
TEST_F(kinds, page_kind_record_names_the_copies)
{
	struct run r;
	char *phase;

	r = run_umm("mem=64M", "umm.record=1", "-c", "phase x");
	ASSERT_EQ(0, r.status);
	phase = strstr(r.out, "@ phase x");
	ASSERT_NE(NULL, phase);
	EXPECT_NE(NULL, strstr(r.out,
		"@ kind mydrv m #e8590c movable mydrv.movable=0 mydrv, a copy of the sample\n"));
	EXPECT_NE(NULL, strstr(r.out,
		"@ kind nooffdrv n #1098ad movable - nooffdrv, no off switch\n"));
	EXPECT_NE(NULL, strstr(r.out,
		"@ kind zsmalloc z #f08c00 movable zsmalloc.movable=0 zsmalloc (zram)\n"));
	EXPECT_GT(strstr(r.out, "@ kind"), r.out - 1);
	EXPECT_LT(strstr(r.out, "@ kind movable_sample"), phase);
	free_run(&r);

	r = run_umm("mem=64M", "-c", "cat /sys/kernel/debug/umm/migrated");
	EXPECT_EQ(0, r.status);
	EXPECT_NE(NULL, strstr(r.out, "\nmydrv 0\nnooffdrv 0\n"));
	free_run(&r);
}

/* mydrv, A/B: its pages migrate only with the series on, which helps. */
TEST_F_TIMEOUT(kinds, page_kind_mydrv_ab, UMM_TIMEOUT(300))
{
	char report[128], path[160];
	long on, off;
	struct run r;

	snprintf(report, sizeof(report), "%s/mydrv", dir);
	r = run_umm("scenario", SCENARIOS "mydrv.umm", "--ab", "--seed", "3",
		    "--report", report);
	ASSERT_EQ(0, r.status) {
		TH_LOG("stderr: %s", r.err);
	}
	ASSERT_EQ(0, row(r.out, "migrated: mydrv", &on, &off)) {
		TH_LOG("%s", r.out);
	}
	TH_LOG("migrated: mydrv: on %ld, off %ld", on, off);
	EXPECT_LT(1000, on);
	EXPECT_EQ(0, off);
	ASSERT_EQ(0, alloc_row(r.out, "order-9 allocs", &on, &off));
	TH_LOG("order-9 allocs: on %ld, off %ld", on, off);
	EXPECT_GT(on, off);
	EXPECT_NE(NULL, strstr(r.out, "series off\n"));
	free_run(&r);

	snprintf(path, sizeof(path), "%s/index.html", report);
	EXPECT_EQ(0, sh("grep -q 'mydrv, a copy of the sample' '%s'", path));
	EXPECT_EQ(0, sh("grep -q '#e8590c' '%s'", path));
	EXPECT_EQ(0, sh("xmllint --noout '%s'", path));
	snprintf(path, sizeof(path), "%s/report.json", report);
	EXPECT_EQ(0, sh("grep -q '\"m\": \"mydrv, a copy of the sample\"' '%s'",
			path));
}

/* nooffdrv has no off switch: one line says so, no column "series off". */
TEST_F_TIMEOUT(kinds, page_kind_without_off_switch_says_so, UMM_TIMEOUT(300))
{
	const char *p;
	long on, off;
	struct run r;

	r = run_umm("scenario", SCENARIOS "nooffdrv.umm", "--ab", "--seed", "3");
	EXPECT_EQ(2, r.status);
	EXPECT_EQ(1, count_lines(r.err)) {
		TH_LOG("stderr: %s", r.err);
	}
	EXPECT_NE(NULL, strstr(r.err,
		"kind 'nooffdrv' has no \"series off\" switch"));
	/* The one run's table, its pages counted; no second column. */
	EXPECT_NE(NULL, strstr(r.out, "series on\n"));
	EXPECT_EQ(NULL, strstr(r.out, "series off\n"));
	EXPECT_EQ(NULL, strstr(r.out, "series off:"));
	p = strstr(r.out, "migrated: nooffdrv");
	ASSERT_NE(NULL, p);
	EXPECT_EQ(1, sscanf(p + strlen("migrated: nooffdrv"), "%ld", &on));
	EXPECT_LT(1000, on);
	free_run(&r);

	/* The scenario can declare the switch the kind lacks. */
	r = run_umm("scenario", SCENARIOS "nooffdrv-off.umm", "--ab", "--seed", "3");
	EXPECT_EQ(0, r.status) {
		TH_LOG("stderr: %s", r.err);
	}
	ASSERT_EQ(0, row(r.out, "migrated: nooffdrv", &on, &off));
	TH_LOG("migrated: nooffdrv: on %ld, off %ld", on, off);
	EXPECT_LT(1000, on);
	EXPECT_EQ(0, off);
	free_run(&r);
}

static void expect_refused(struct __test_metadata *_metadata, const char *path,
			   const char *text)
{
	struct run r = run_umm("scenario", path, "--ab");

	EXPECT_EQ(2, r.status);
	EXPECT_EQ(1, count_lines(r.err)) {
		TH_LOG("stderr: %s", r.err);
	}
	EXPECT_NE(NULL, strstr(r.err, text)) {
		TH_LOG("stderr: %s", r.err);
	}
	EXPECT_EQ(0, strlen(r.out));
	free_run(&r);
}

/* What is not a scenario file: one line, status 2, nothing run. */
TEST_F(kinds, page_kind_scenario_file_bad_input)
{
	char path[128];
	FILE *f;

	expect_refused(_metadata, "/nonexistent/x.umm",
		       "cannot read '/nonexistent/x.umm'");
	expect_refused(_metadata, dir, "is not a scenario: not a regular file");
	snprintf(path, sizeof(path), "%s/hello.umm", dir);
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	fputs("echo hello\n", f);
	fclose(f);
	expect_refused(_metadata, path, "its first line is not a '#' comment");
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	fputs("# binary\n", f);
	fputc('\0', f);
	fclose(f);
	expect_refused(_metadata, path, "is not a scenario: it is not text");
	expect_refused(_metadata, "nonesuch", "unknown scenario 'nonesuch'");
}

int main(int argc, char **argv)
{
	char self[PATH_MAX - 16];
	ssize_t n;
	int ret;

	/* umm-mydrv is built beside the directory of the tests' binaries. */
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return 1;
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	snprintf(umm_mydrv, sizeof(umm_mydrv), "%s/../umm-mydrv", self);
	snprintf(dir, sizeof(dir), "/tmp/umm-kinds-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	ret = test_harness_run(argc, argv);
	sh("rm -rf '%s'", dir);
	return ret;
}
