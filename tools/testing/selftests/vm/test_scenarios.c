// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_scenarios.c - the A/B scenarios, end to end
 *
 * Runs `umm scenario NAME --ab` as a user does and checks what it
 * measured, not what it was told: the series on must do strictly better
 * at the orders each scenario is about, non-LRU pages must be migrated
 * only when they are movable, the same seed must give the same figures,
 * and the report must be well-formed and agree with the table.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"
#include "umm_run.h"

/* The two values of a table row "  NAME   A   B" (text before the cells). */
static int row(const char *out, const char *name, char *a, char *b, size_t n)
{
	const char *p = out;

	while ((p = strstr(p, name))) {
		if ((p == out || p[-1] == ' ') && p[strlen(name)] == ' ') {
			/* Cells like "12/64 (18%)" are three words: take the first. */
			if (sscanf(p + strlen(name), "%63s", a) != 1)
				return -1;
			p += strlen(name);
			p = strstr(p, a) + strlen(a);
			/* Skip the rest of cell A: "(NN%)" when it has one. */
			while (*p == ' ')
				p++;
			if (*p == '(')
				p = strchr(p, ')') + 1;
			return sscanf(p, "%63s", b) == 1 ? 0 : -1;
		}
		p++;
	}
	return -1;
}

/* "OK/TOTAL" -> OK; a number -> itself. */
static long cell(const char *s)
{
	return strtol(s, NULL, 10);
}

struct ab {
	long on, off;
};

static struct ab ab_row(struct __test_metadata *_metadata, const char *out,
			const char *name)
{
	char a[64], b[64];
	struct ab v = { -1, -1 };

	if (row(out, name, a, b, sizeof(a))) {
		TH_LOG("no row '%s' in:\n%s", name, out);
		return v;
	}
	v.on = cell(a);
	v.off = cell(b);
	TH_LOG("%-28s on %ld, off %ld", name, v.on, v.off);
	return v;
}

/* Does @line carry a time: a number, then " s" as a word? */
static int timed(const char *line)
{
	const char *p;

	for (p = line; (p = strstr(p, " s")); p++)
		if (p > line && isdigit((unsigned char)p[-1]) && !isalpha((unsigned char)p[2]))
			return 1;
	return 0;
}

/* The table without the lines that carry times (they differ run to run). */
static char *untimed(const char *out)
{
	char *copy = strdup(out), *dst = copy;
	const char *line = out;

	while (*line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line + 1) : strlen(line);
		char buf[512];

		snprintf(buf, sizeof(buf), "%.*s", (int)len, line);
		if (!timed(buf) && !strstr(buf, "report:")) {
			memcpy(dst, line, len);
			dst += len;
		}
		line += len;
	}
	*dst = '\0';
	return copy;
}

/* Run a shell command made like printf; its exit status. */
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

static char dir[64];

FIXTURE(scen) {
	char report[128];
};

FIXTURE_SETUP(scen)
{
	snprintf(self->report, sizeof(self->report), "%s/report", dir);
}

FIXTURE_TEARDOWN(scen)
{
	sh("rm -rf '%s'", self->report);
}

/* One A/B run; its stdout (the table), asserted to have succeeded. */
static char *ab_run(struct __test_metadata *_metadata, const char *name,
		    const char *seed, const char *report)
{
	struct run r = run_umm("scenario", name, "--ab", "--seed", seed,
			       "--report", report);

	EXPECT_EQ(0, r.status) {
		TH_LOG("stderr: %s", r.err);
	}
	free(r.err);
	return r.out;
}

/* Both HTML and JSON well-formed, the JSON with the table's own rows. */
static void check_report(struct __test_metadata *_metadata, const char *report,
			 const char *out)
{
	char path[256], *json, line[512];
	const char *p;
	FILE *f;

	EXPECT_EQ(0, sh("xmllint --noout '%s/index.html'", report));
	EXPECT_EQ(0, sh("for f in '%s'/*.svg; do xmllint --noout \"$f\" || exit 1; done",
			report));
	EXPECT_EQ(0, sh("python3 -m json.tool '%s/report.json' >/dev/null", report));
	snprintf(path, sizeof(path), "%s/report.json", report);
	f = fopen(path, "r");
	ASSERT_NE(NULL, f);
	json = slurp(f);
	fclose(f);
	/* Every allocation cell of the table is in the JSON's table. */
	for (p = out; (p = strstr(p, " allocs ")); p++) {
		char a[64], b[64], name[32];
		const char *start = p;

		while (start > out && start[-1] != '\n')
			start--;
		snprintf(name, sizeof(name), "%.*s", (int)(p - start + 7), start);
		if (row(out, name + strspn(name, " "), a, b, sizeof(a)))
			continue;
		snprintf(line, sizeof(line), "\"%s", a);
		EXPECT_NE(NULL, strstr(json, line)) {
			TH_LOG("%s not in report.json", line);
		}
		snprintf(line, sizeof(line), "\"%s", b);
		EXPECT_NE(NULL, strstr(json, line));
	}
	free(json);
}

/*
 * `umm report` makes the report again from its runs' records, running
 * nothing: the same table, times and all, and the same files; in place
 * too; and one record alone is a report of one run.
 */
static void check_remade(struct __test_metadata *_metadata, const char *name,
			 const char *report, const char *out)
{
	char again[160], first[64], record[192];
	const char *table;
	struct run r;

	snprintf(again, sizeof(again), "%s-again", report);
	r = run_umm("report", report, "--report", again);
	EXPECT_EQ(0, r.status) {
		TH_LOG("stderr: %s", r.err);
	}
	/* The runner's table follows its progress lines. */
	snprintf(first, sizeof(first), "%s, seed 3\n", name);
	table = strstr(out, first);
	ASSERT_NE(NULL, table);
	ASSERT_NE(NULL, strstr(r.out, "report: "));
	EXPECT_EQ(0, strncmp(table, r.out, strstr(r.out, "report: ") - r.out));
	EXPECT_EQ(0, sh("diff -r '%s' '%s'", report, again));
	free_run(&r);

	r = run_umm("report", report);
	EXPECT_EQ(0, r.status);
	EXPECT_EQ(0, sh("diff -r '%s' '%s'", report, again));
	free_run(&r);

	snprintf(record, sizeof(record), "%s/record-series-off.txt", report);
	r = run_umm("report", record, "--report", again);
	EXPECT_EQ(0, r.status);
	EXPECT_NE(NULL, strstr(r.out, "series off"));
	EXPECT_EQ(NULL, strstr(r.out, "series on"));
	free_run(&r);
	sh("rm -rf '%s'", again);
}

/* Run @name again with the same seed: the same table, times aside. */
static void expect_same_again(struct __test_metadata *_metadata,
			      const char *name, const char *one,
			      const char *report)
{
	char *two = ab_run(_metadata, name, "3", report);
	char *a = untimed(one), *b = untimed(two);

	EXPECT_STREQ(a, b);
	free(a);
	free(b);
	free(two);
}

/*
 * zram-frag: order-2, order-3 and order-9 all do strictly better with
 * the series; zsmalloc pages were migrated only when movable; the same
 * seed gives the same table (times aside), and the report is sound.
 */
TEST_F_TIMEOUT(scen, scenario_zram_frag_ab, UMM_TIMEOUT(600))
{
	char *one = ab_run(_metadata, "zram-frag", "3", self->report);
	struct ab v;

	check_report(_metadata, self->report, one);
	check_remade(_metadata, "zram-frag", self->report, one);
	v = ab_row(_metadata, one, "order-2 allocs");
	EXPECT_GT(v.on, v.off);
	v = ab_row(_metadata, one, "order-3 allocs");
	EXPECT_GT(v.on, v.off);
	v = ab_row(_metadata, one, "order-9 allocs");
	EXPECT_GT(v.on, v.off);
	v = ab_row(_metadata, one, "migrated: zsmalloc");
	EXPECT_LT(0, v.on);
	EXPECT_EQ(0, v.off);

	expect_same_again(_metadata, "zram-frag", one, self->report);
	free(one);
}

/* balloon-frag: order-9 strictly better; balloon pages moved only when on. */
TEST_F_TIMEOUT(scen, scenario_balloon_frag_ab, UMM_TIMEOUT(600))
{
	char *one = ab_run(_metadata, "balloon-frag", "3", self->report);
	struct ab v;

	check_report(_metadata, self->report, one);
	v = ab_row(_metadata, one, "order-9 allocs");
	EXPECT_GT(v.on, v.off);
	v = ab_row(_metadata, one, "migrated: balloon");
	EXPECT_LT(0, v.on);
	EXPECT_EQ(0, v.off);
	expect_same_again(_metadata, "balloon-frag", one, self->report);
	free(one);
}

/* driver and mixed: order-9 better, their kinds moved only when on. */
TEST_F_TIMEOUT(scen, scenario_driver_and_mixed_ab, UMM_TIMEOUT(600))
{
	static const char * const names[] = { "driver", "mixed" };
	unsigned int i;

	for (i = 0; i < 2; i++) {
		char *one = ab_run(_metadata, names[i], "3", self->report);
		struct ab v;

		expect_same_again(_metadata, names[i], one, self->report);
		v = ab_row(_metadata, one, "order-9 allocs");
		EXPECT_GT(v.on, v.off);
		v = ab_row(_metadata, one, i ? "migrated: balloon" :
					      "migrated: movable_sample");
		EXPECT_LT(0, v.on);
		EXPECT_EQ(0, v.off);
		free(one);
	}
}

/* `umm scenarios` lists every scenario with its one-line description. */
TEST(scenario_list)
{
	static const char * const names[] = {
		"zram-frag", "balloon-frag", "driver", "mixed",
	};
	struct run r = run_umm("scenarios");
	unsigned int i;

	EXPECT_EQ(0, r.status);
	for (i = 0; i < 4; i++)
		EXPECT_NE(NULL, strstr(r.out, names[i]));
	free_run(&r);
}

static void expect_refused(struct __test_metadata *_metadata, struct run r,
			   const char *text)
{
	EXPECT_EQ(2, r.status);
	EXPECT_EQ(1, count_lines(r.err)) {
		TH_LOG("stderr: %s", r.err);
	}
	EXPECT_NE(NULL, strstr(r.err, text)) {
		TH_LOG("stderr: %s", r.err);
	}
	free_run(&r);
}

/* Bad input: one line, status 2, and no report left behind. */
TEST_F(scen, scenario_bad_input)
{
	char file[160], under[200];
	struct stat st;
	FILE *f;

	expect_refused(_metadata, run_umm("scenario", "nope", "--ab"),
		       "unknown scenario 'nope'");
	expect_refused(_metadata, run_umm("scenario", "zram-frag", "--seed", "x1"),
		       "bad seed 'x1'");
	expect_refused(_metadata, run_umm("scenario", "zram-frag", "--seed", "-3"),
		       "bad seed '-3'");
	expect_refused(_metadata, run_umm("scenario", "zram-frag", "--seed", "0"),
		       "bad seed '0'");
	expect_refused(_metadata, run_umm("scenario", "zram-frag", "--seed"),
		       "missing seed");
	expect_refused(_metadata, run_umm("scenario", "zram-frag", "--bogus"),
		       "unknown argument '--bogus'");

	/* A report directory under a file cannot be made. */
	snprintf(file, sizeof(file), "%s/a-file", dir);
	f = fopen(file, "w");
	ASSERT_NE(NULL, f);
	fclose(f);
	snprintf(under, sizeof(under), "%s/report", file);
	expect_refused(_metadata,
		       run_umm("scenario", "zram-frag", "--ab", "--report", under),
		       "cannot write the report");
	EXPECT_NE(0, stat(under, &st));
	expect_refused(_metadata,
		       run_umm("scenario", "zram-frag", "--ab", "--report",
			       "/proc/nonexistent/report"),
		       "cannot write the report");
	/* Nothing that looks like a report, nor a temporary one. */
	EXPECT_NE(0, sh("ls -d '%s'/report* >/dev/null 2>&1", dir));
	unlink(file);
}

/* `umm report` refuses what is not a report or a record: one line, status 2. */
TEST_F(scen, report_bad_input)
{
	char file[160];
	FILE *f;

	expect_refused(_metadata, run_umm("report"),
		       "missing a report directory or record files");
	expect_refused(_metadata, run_umm("report", "--bogus"),
		       "unknown argument '--bogus'");
	expect_refused(_metadata, run_umm("report", "/nonexistent/report"),
		       "cannot read '/nonexistent/report'");
	ASSERT_EQ(0, mkdir(self->report, 0755));
	expect_refused(_metadata, run_umm("report", self->report),
		       "holds no run records");
	snprintf(file, sizeof(file), "%s/record-x.txt", self->report);
	f = fopen(file, "w");
	ASSERT_NE(NULL, f);
	fputs("hello\n", f);
	fclose(f);
	expect_refused(_metadata, run_umm("report", self->report),
		       "record-x.txt:1: not a run record line");
	expect_refused(_metadata, run_umm("report", file, file, file, file),
		       "at most three records");
}

int main(int argc, char **argv)
{
	int ret;

	/* Made here: each test runs in a child of this process. */
	snprintf(dir, sizeof(dir), "/tmp/umm-scen-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	ret = test_harness_run(argc, argv);
	sh("rm -rf '%s'", dir);
	return ret;
}
