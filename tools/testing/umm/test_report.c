// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_report.c - a scenario's results: parsing, table, report
 *
 * tools/umm/report.c is host code that the scenario runner's
 * parent calls, so these tests boot no kernel: they feed it record lines
 * as a child would print them and check
 *
 *   - the parsed numbers, for two runs (series on and off);
 *   - that malformed record lines are rejected and change nothing;
 *   - the table: the same numbers, at most 100 columns;
 *   - the report directory: index.html and every SVG well-formed XML
 *     (xmllint), report.json valid JSON (python3) carrying the parsed
 *     numbers and the table's cells;
 *   - a report written over an old one replaces it; a directory holding
 *     other files is left alone;
 *   - an unwritable report directory: an error, one line on stderr, and
 *     neither the directory nor a temporary one left behind;
 *   - a run killed at any moment of writing its report leaves a report,
 *     and what it left beside it is cleaned up by the next one;
 *   - the runs' records saved with the report read back into the same
 *     runs and the same report; a file that is not a record is refused.
 *
 * Every test name contains "report".
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <dirent.h>

#include "umm_test.h"

#include "../../umm/report.h"

/*
 * The kinds of page owners a kernel registered, as it names them (the
 * kernel prints them first; the parser takes them anywhere).
 */
#define KINDS								\
	"@ kind free . #f1f3f5 - - free",				\
	"@ kind anon a #4c8bf5 - - anonymous LRU",			\
	"@ kind tables p #e03131 - - page tables, stacks",		\
	"@ kind unmovable u #495057 - - other unmovable",			\
	"@ kind zsmalloc z #f08c00 movable zsmalloc.movable=0 zsmalloc (zram)", \
	"@ kind balloon b #9c36b5 movable virtio_balloon.movable=0 balloon", \
	"@ kind movable_sample d #2f9e44 movable movable_sample.movable=0 movable driver"

/* Order-2, -3 and -9 probes: the series helps them all. */
static const char *const stream_on[] = {
	"@ phase boot",
	"@ buddy before 10 20 30 40 50 60 70 80 90 2 1",
	"@ map before 8 .aazzbdu MMMMMMUU",
	"@ phase apps",
	"@ taskfail app3",
	"@ phase burst",
	"@ alloc 2 100 150",
	"@ alloc 2 23 50",
	"@ alloc 3 80 100",
	"@ alloc 9 7 10",
	"@ buddy after 1 2 3 4 5 6 7 8 9 10 11",
	"@ map after 8 ..aazz.u MMMMMMMU",
	"@ stat compact_stall 12",
	"@ stat compact_success 9",
	"@ stat compact_fail 3",
	"@ stat compact_migrate_scanned 4567",
	"@ stat compact_free_scanned 8910",
	"@ stat compact_isolated 1112",
	"@ stat pgmigrate_success 1314",
	"@ stat migrated_lru 500",
	"@ stat migrated_zsmalloc 777",
	"@ stat migrated_balloon 0",
	"@ stat migrated_movable_sample 37",
	"@ stat oom_kill 1",
	KINDS,
	"@ end",
};

/* The same scenario with the series off; a hole in its map. */
static const char *const stream_off[] = {
	"@ phase boot",
	"@ buddy before 10 20 30 40 50 60 70 80 90 2 1",
	"@ map before 8 .aazzb u UMMUUMUU",
	"@ phase apps",
	"@ phase burst",
	"@ alloc 2 50 200",
	"@ alloc 3 10 100",
	"@ alloc 9 0 10",
	"@ buddy after 100 50 25 12 6 3 1 0 0 0 0",
	"@ map after 8 .zazzb u UUMUUMUU",
	"@ stat compact_stall 40",
	"@ stat compact_success 1",
	"@ stat compact_fail 39",
	"@ stat migrated_zsmalloc 0",
	"@ stat task_failures 4",
	KINDS,
	"@ end",
};

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/*
 * @lines into @run, a second per line as the parent would time them; or,
 * with @keep, as the runner reads them: kept for the record, at odd times.
 */
static void parse_stream(struct __test_metadata *_metadata,
			 struct scenario_run *run, const char *label,
			 const char *const *lines, int n, bool keep)
{
	int i;

	memset(run, 0, sizeof(*run));
	snprintf(run->label, sizeof(run->label), "%s", label);
	for (i = 0; i < n; i++)
		ASSERT_EQ(0, keep ? report_record_line(run, lines[i], i / 3.0 + 0.01) :
				    report_parse_line(run, lines[i], i)) {
			TH_LOG("line %d: '%s'", i, lines[i]);
		}
	run->wall = n;
	if (!keep)
		return;
	/* A line the parser refuses is kept, and skipped again when read. */
	EXPECT_EQ(-EINVAL, report_record_line(run, "@ bogus 1", n / 3.0));
	run->wall = n / 3.0 + 0.123456789;
}

static void parse_both(struct __test_metadata *_metadata,
		       struct scenario_run runs[2])
{
	parse_stream(_metadata, &runs[0], "series on", stream_on, N(stream_on),
		     false);
	parse_stream(_metadata, &runs[1], "series off", stream_off,
		     N(stream_off), false);
}

/* The table of @nr runs, as a string. */
static char *capture_table(const struct scenario_run *runs, int nr)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	report_print_table(f, "zram-frag", 42, runs, nr);
	fclose(f);
	return buf;
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long len;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	rewind(f);
	buf = malloc(len + 1);
	if (buf && fread(buf, 1, len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[len] = '\0';
	fclose(f);
	return buf;
}

/* Run a shell command with stdout and stderr kept out of TAP; its status. */
static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int status;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	status = system(cmd);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A fresh directory for a test's files. */
static void make_tmpdir(char *buf, size_t size)
{
	snprintf(buf, size, "%s/umm-report-test.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(buf))
		buf[0] = '\0';
}

static int count_entries(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	closedir(d);
	return n;
}

/* Send stderr to a temporary file; its fd, or -1.  *@saved: the old one. */
static int stderr_to_file(int *saved)
{
	char path[] = "/tmp/umm-report-err.XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		return -1;
	unlink(path);
	fflush(stderr);
	*saved = dup(2);
	dup2(fd, 2);
	return fd;
}

/* Put stderr back; what was written to it goes to @err. */
static void stderr_back(int fd, int saved, char *err, size_t size)
{
	ssize_t len;

	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	len = pread(fd, err, size - 1, 0);
	err[len > 0 ? len : 0] = '\0';
	close(fd);
}

/*
 * report_write() with stderr into a file; returns its result and puts
 * what it printed in @err.
 */
static int write_capturing(const char *dir, const struct scenario_run *runs,
			   int nr, char *err, size_t size)
{
	int saved, fd = stderr_to_file(&saved), ret;

	if (fd < 0)
		return -9999;
	ret = report_write(dir, "zram-frag", 42, runs, nr);
	stderr_back(fd, saved, err, size);
	return ret;
}

/* report_read_record() likewise. */
static int read_capturing(const char *path, struct scenario_run *run,
			  struct report_origin *o, char *err, size_t size)
{
	int saved, fd = stderr_to_file(&saved), ret;

	if (fd < 0)
		return -9999;
	ret = report_read_record(path, run, o);
	stderr_back(fd, saved, err, size);
	return ret;
}

TEST(report_parse_two_runs)
{
	struct scenario_run runs[2];
	const struct report_buddy *b;

	parse_both(_metadata, runs);

	/* alloc records add up per order. */
	EXPECT_EQ(123, runs[0].alloc_ok[2]);
	EXPECT_EQ(200, runs[0].alloc_total[2]);
	EXPECT_EQ(80, runs[0].alloc_ok[3]);
	EXPECT_EQ(7, runs[0].alloc_ok[9]);
	EXPECT_EQ(10, runs[0].alloc_total[9]);
	EXPECT_EQ(0, runs[0].alloc_total[4]);
	EXPECT_EQ(50, runs[1].alloc_ok[2]);
	EXPECT_EQ(0, runs[1].alloc_ok[9]);

	/* Samples, with their times, and lookup by label. */
	EXPECT_EQ(2, runs[0].nr_samples);
	b = report_buddy(&runs[0], "before");
	ASSERT_NE(NULL, b);
	EXPECT_EQ(1.0, b->t);
	EXPECT_EQ(10, b->nr_free[0]);
	EXPECT_EQ(1, b->nr_free[10]);
	b = report_buddy(&runs[1], "after");
	ASSERT_NE(NULL, b);
	EXPECT_EQ(100, b->nr_free[0]);
	EXPECT_EQ(0, b->nr_free[10]);
	EXPECT_EQ(NULL, report_buddy(&runs[0], "nonesuch"));

	/* Maps: copies, and a hole (a space) inside the classes. */
	ASSERT_EQ(2, runs[1].nr_maps);
	EXPECT_STREQ("before", runs[1].maps[0].label);
	EXPECT_EQ(8, runs[1].maps[0].nr_blocks);
	EXPECT_STREQ(".aazzb u", runs[1].maps[0].classes);
	EXPECT_STREQ("UMMUUMUU", runs[1].maps[0].types);
	EXPECT_STREQ("..aazz.u", runs[0].maps[1].classes);

	/* Phases: each ends where the next starts, the last at "end". */
	ASSERT_EQ(3, runs[0].nr_phases);
	EXPECT_STREQ("boot", runs[0].phases[0].name);
	EXPECT_EQ(0.0, runs[0].phases[0].start);
	EXPECT_EQ(3.0, runs[0].phases[0].seconds);
	EXPECT_EQ(2.0, runs[0].phases[1].seconds);
	EXPECT_EQ(5.0, runs[0].phases[2].start);
	EXPECT_EQ(N(stream_on) - 1 - 5.0, runs[0].phases[2].seconds);

	/* Stats; a taskfail counts until a final stat says otherwise. */
	EXPECT_EQ(12, report_stat(&runs[0], "compact_stall"));
	EXPECT_EQ(1314, report_stat(&runs[0], "pgmigrate_success"));
	EXPECT_EQ(777, report_stat(&runs[0], "migrated_zsmalloc"));
	EXPECT_EQ(1, report_stat(&runs[0], "task_failures"));
	EXPECT_EQ(4, report_stat(&runs[1], "task_failures"));
	EXPECT_EQ(0, report_stat(&runs[1], "pgmigrate_success"));
	EXPECT_EQ(1, runs[0].ended);
	EXPECT_EQ(1, runs[1].ended);

	/* A stat overwrites; a map of the same name replaces the old one. */
	EXPECT_EQ(0, report_parse_line(&runs[0], "stat compact_stall 13\n", 30));
	EXPECT_EQ(13, report_stat(&runs[0], "compact_stall"));
	EXPECT_EQ(0, report_parse_line(&runs[0], "@ map after 2 zz MM", 30));
	EXPECT_EQ(2, runs[0].nr_maps);
	EXPECT_STREQ("zz", runs[0].maps[1].classes);

	report_free_run(&runs[0]);
	report_free_run(&runs[1]);
	EXPECT_EQ(0, runs[0].nr_maps);
}

TEST(report_parse_rejects_malformed)
{
	static const char *const bad[] = {
		"", "@ ", "@", "@ bogus", "@ phase", "@ phase a b",
		"@ phase  a", "@ phase a ", "@ alloc 2 3", "@ alloc 2 3 4 5",
		"@ alloc x 1 2", "@ alloc 11 1 2", "@ alloc 2 5 4",
		"@ alloc 2 -1 4", "@ alloc 2 0x1 4", "@ alloc 2 1 99999999999999999999",
		"@ buddy before 1 2 3 4 5 6 7 8 9 10",
		"@ buddy before 1 2 3 4 5 6 7 8 9 10 11 12",
		"@ buddy before 1 2 3 4 5 6 7 8 9 10 x",
		"@ map m 4 ..aa MMM", "@ map m 4 ..aa MMMMM", "@ map m 4 ..aaMMMM",
		"@ map m 0  ", "@ map m x .. MM", "@ map m", "@ map m 2",
		"@ map m 2 .\001 MM",
		"@ stat", "@ stat key", "@ stat key 1 2", "@ stat key -3",
		"@ stat thisnameislongerthanthirtyonecharacters 1",
		"@ end now", "@ taskfail", "@ phase a\nphase b",
		"phase caf\xc3\xa9",
		/* A kind: one letter, "#rrggbb", "movable" or "-", a text. */
		"@ kind", "@ kind k", "@ kind k x #000000 - -",
		"@ kind k x #000000 - - ", "@ kind k xy #000000 - - text",
		"@ kind k   #000000 - - text", "@ kind k x red - - text",
		"@ kind k x #00000g - - text", "@ kind k x #0000000 - - text",
		"@ kind k x #000000 yes - text", "@ kind k x #000000 - - caf\xc3\xa9",
		"@ kind thisnameislongerthanthirtyonecharacters x #000000 - - t",
		/* Another kind with the letter of one the run has. */
		"@ kind other b #000000 - - text",
	};
	struct scenario_run run, copy;
	unsigned int i;

	memset(&run, 0, sizeof(run));
	ASSERT_EQ(0, report_parse_line(&run, "@ phase boot", 0));
	ASSERT_EQ(0, report_parse_line(&run, "@ kind balloon b #9c36b5 movable - balloon", 0));
	memcpy(&copy, &run, sizeof(run));
	for (i = 0; i < N(bad); i++) {
		EXPECT_EQ(-EINVAL, report_parse_line(&run, bad[i], 1)) {
			TH_LOG("accepted '%s'", bad[i]);
		}
	}
	/* Nothing that was rejected left a trace. */
	EXPECT_EQ(0, memcmp(&copy, &run, sizeof(run)));

	/* Full: an error, not an overflow. */
	for (i = 1; i < REPORT_MAX_PHASES; i++)
		ASSERT_EQ(0, report_parse_line(&run, "@ phase p", i));
	EXPECT_EQ(-ENOSPC, report_parse_line(&run, "@ phase q", 99));
	EXPECT_EQ(REPORT_MAX_PHASES, run.nr_phases);
}

/* Periodic samples beyond the limit thin out, keeping the labelled ones. */
TEST(report_parse_thins_samples)
{
	struct scenario_run run;
	unsigned int i;

	memset(&run, 0, sizeof(run));
	ASSERT_EQ(0, report_parse_line(&run, "@ buddy before 1 1 1 1 1 1 1 1 1 1 1", 0));
	for (i = 1; i <= 3 * REPORT_MAX_SAMPLES; i++)
		ASSERT_EQ(0, report_parse_line(&run,
				"@ buddy tick 2 2 2 2 2 2 2 2 2 2 2", i));
	ASSERT_EQ(0, report_parse_line(&run, "@ buddy after 3 3 3 3 3 3 3 3 3 3 3", i));
	EXPECT_GE(REPORT_MAX_SAMPLES, run.nr_samples);
	EXPECT_LT(REPORT_MAX_SAMPLES / 4, run.nr_samples);
	ASSERT_NE(NULL, report_buddy(&run, "before"));
	EXPECT_EQ(0.0, report_buddy(&run, "before")->t);
	ASSERT_NE(NULL, report_buddy(&run, "after"));
	EXPECT_EQ((double)i, report_buddy(&run, "after")->t);
	/* In time order still. */
	for (i = 1; i < run.nr_samples; i++)
		EXPECT_LT(run.samples[i - 1].t, run.samples[i].t);
}

TEST(report_table)
{
	struct scenario_run runs[2];
	char *table, *line;
	int width;

	parse_both(_metadata, runs);
	table = capture_table(runs, 2);
	ASSERT_NE(NULL, table);
	/* Into the log as TAP comments, for a person to look at. */
	for (line = strtok(strdup(table), "\n"); line; line = strtok(NULL, "\n"))
		printf("# %s\n", line);
	fflush(stdout);

	EXPECT_NE(NULL, strstr(table, "series on"));
	EXPECT_NE(NULL, strstr(table, "series off"));
	EXPECT_NE(NULL, strstr(table, "123/200 (61%)"));
	EXPECT_NE(NULL, strstr(table, "50/200 (25%)"));
	EXPECT_NE(NULL, strstr(table, "7/10 (70%)"));
	EXPECT_NE(NULL, strstr(table, "0/10 (0%)"));
	/* order-10 before: 1 block = 1024 pages; after 11 = 11264 and 0. */
	EXPECT_NE(NULL, strstr(table, "1024 -> 11264"));
	EXPECT_NE(NULL, strstr(table, "1024 -> 0"));
	EXPECT_NE(NULL, strstr(table, "compact_migrate_scanned"));
	EXPECT_NE(NULL, strstr(table, "4567"));
	EXPECT_NE(NULL, strstr(table, "777"));
	EXPECT_NE(NULL, strstr(table, "wall time"));
	EXPECT_NE(NULL, strstr(table, "phase burst"));
	EXPECT_EQ(NULL, strstr(table, "order-4 allocs"));

	/* Aligned, and fits a terminal. */
	for (line = table; *line; ) {
		char *nl = strchr(line, '\n');

		width = nl ? nl - line : (int)strlen(line);
		EXPECT_GE(100, width);
		line = nl ? nl + 1 : line + width;
	}
	free(table);

	/* One run alone. */
	table = capture_table(runs, 1);
	ASSERT_NE(NULL, table);
	EXPECT_NE(NULL, strstr(table, "123/200 (61%)"));
	EXPECT_EQ(NULL, strstr(table, "series off"));
	free(table);
	report_free_run(&runs[0]);
	report_free_run(&runs[1]);
}

/*
 * "huge pages via nr_hugepages": a run's htlb_buddy_alloc_success, in
 * the allocation section, only when a run grew the pool.
 */
TEST(report_table_hugetlb_row)
{
	struct scenario_run runs[2];
	char *table, *row;
	long on, off;

	parse_both(_metadata, runs);
	table = capture_table(runs, 2);
	ASSERT_NE(NULL, table);
	EXPECT_EQ(NULL, strstr(table, "nr_hugepages"));
	free(table);

	ASSERT_EQ(0, report_parse_line(&runs[1],
			"@ stat htlb_buddy_alloc_success 0", 40));
	table = capture_table(runs, 2);
	ASSERT_NE(NULL, table);
	EXPECT_EQ(NULL, strstr(table, "nr_hugepages"));
	free(table);

	ASSERT_EQ(0, report_parse_line(&runs[0],
			"@ stat htlb_buddy_alloc_success 70", 40));
	table = capture_table(runs, 2);
	ASSERT_NE(NULL, table);
	row = strstr(table, "huge pages via nr_hugepages");
	ASSERT_NE(NULL, row);
	ASSERT_EQ(2, sscanf(row + strlen("huge pages via nr_hugepages"),
			    "%ld %ld", &on, &off));
	EXPECT_EQ(70, on);
	EXPECT_EQ(0, off);
	/* Under "allocation success", before the free pages. */
	EXPECT_LT(strstr(table, "order-9 allocs"), row);
	EXPECT_GT(strstr(table, "free pages by order"), row);
	free(table);
	report_free_run(&runs[0]);
	report_free_run(&runs[1]);
}

/* A python3 check that report.json carries the parsed numbers. */
static const char json_check[] =
	"import json, sys\n"
	"r = json.load(open(sys.argv[1]))\n"
	"on, off = r['runs']\n"
	"assert r['scenario'] == 'zram-frag' and r['seed'] == 42\n"
	"assert on['label'] == 'series on' and off['label'] == 'series off'\n"
	"a = {x['order']: (x['ok'], x['total']) for x in on['alloc']}\n"
	"assert a == {2: (123, 200), 3: (80, 100), 9: (7, 10)}, a\n"
	"assert on['stats']['compact_migrate_scanned'] == 4567\n"
	"assert on['stats']['migrated_zsmalloc'] == 777\n"
	"assert off['stats']['task_failures'] == 4\n"
	"assert [s['label'] for s in on['samples']] == ['before', 'after']\n"
	"assert on['samples'][1]['nr_free'][10] == 11\n"
	"assert on['samples'][1]['free_pages'][10] == 11264\n"
	"assert [p['name'] for p in on['phases']] == ['boot', 'apps', 'burst']\n"
	"assert on['phases'][0]['seconds'] == 3.0\n"
	"assert on['wall'] == 32.0\n"	/* a second for each of its 32 lines */
	"assert off['maps'][0]['classes'] == '.aazzb u'\n"
	"assert off['maps'][0]['types'] == 'UMMUUMUU'\n"
	"t = {row['row']: row['values'] for row in r['table']}\n"
	"assert t['order-2 allocs'] == ['123/200 (61%)', '50/200 (25%)'], t\n"
	"assert t['compact_stall'] == ['12', '40']\n"
	"assert t['migrated: zsmalloc'] == ['777', '0']\n";

TEST(report_write_files)
{
	struct scenario_run runs[2];
	char top[256], dir[300], err[512];
	char *html, *table;
	FILE *f;

	parse_both(_metadata, runs);
	make_tmpdir(top, sizeof(top));
	ASSERT_NE(0, top[0]);
	snprintf(dir, sizeof(dir), "%s/out/", top);	/* a trailing slash too */

	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));
	EXPECT_STREQ("", err);
	snprintf(dir, sizeof(dir), "%s/out", top);
	/* The report, and nothing else beside it. */
	EXPECT_EQ(1, count_entries(top));
	EXPECT_EQ(0, sh("test -s %s/index.html && test -s %s/report.json", dir, dir));
	EXPECT_EQ(0, sh("test -s %s/map-series-on-before.svg && "
			"test -s %s/map-series-off-after.svg", dir, dir));
	EXPECT_EQ(6, count_entries(dir));

	if (sh("command -v xmllint >/dev/null") != 0) {
		TH_LOG("xmllint missing (Debian: libxml2-utils); XML unchecked");
	} else {
		EXPECT_EQ(0, sh("xmllint --noout %s/index.html", dir));
		EXPECT_EQ(0, sh("xmllint --noout %s/map-*.svg", dir));
	}
	EXPECT_EQ(0, sh("python3 -m json.tool %s/report.json >/dev/null", dir));

	/* The JSON carries the same numbers. */
	snprintf(err, sizeof(err), "%s/check.py", top);
	f = fopen(err, "w");
	ASSERT_NE(NULL, f);
	fputs(json_check, f);
	fclose(f);
	EXPECT_EQ(0, sh("python3 %s %s/report.json", err, dir));
	unlink(err);

	/* The HTML carries the table's cells and the maps. */
	snprintf(err, sizeof(err), "%s/index.html", dir);
	html = read_all(err);
	ASSERT_NE(NULL, html);
	EXPECT_NE(NULL, strstr(html, "123/200 (61%)"));
	EXPECT_NE(NULL, strstr(html, "1024 -&gt; 11264"));
	EXPECT_NE(NULL, strstr(html, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	EXPECT_NE(NULL, strstr(html, "polygon"));
	EXPECT_NE(NULL, strstr(html, "map-series-off-before.svg"));
	table = capture_table(runs, 2);
	ASSERT_NE(NULL, table);
	EXPECT_NE(NULL, strstr(table, "4567"));
	EXPECT_NE(NULL, strstr(html, "4567"));
	free(table);
	free(html);

	/* Written again: replaced, still one directory. */
	runs[0].alloc_ok[2] = 124;
	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));
	EXPECT_EQ(1, count_entries(top));
	snprintf(err, sizeof(err), "%s/index.html", dir);
	html = read_all(err);
	ASSERT_NE(NULL, html);
	EXPECT_NE(NULL, strstr(html, "124/200 (62%)"));
	free(html);

	/* One run alone is a report too. */
	snprintf(dir, sizeof(dir), "%s/one", top);
	ASSERT_EQ(0, write_capturing(dir, runs, 1, err, sizeof(err)));
	EXPECT_EQ(0, sh("python3 -m json.tool %s/report.json >/dev/null", dir));
	if (sh("command -v xmllint >/dev/null") == 0)
		EXPECT_EQ(0, sh("xmllint --noout %s/index.html", dir));

	sh("rm -rf %s", top);
	report_free_run(&runs[0]);
	report_free_run(&runs[1]);
}

/* Labels with XML's and JSON's special characters stay well-formed. */
TEST(report_write_escapes)
{
	struct scenario_run runs[2];
	char top[256], dir[300], err[512];

	parse_both(_metadata, runs);
	snprintf(runs[0].label, sizeof(runs[0].label), "on <&>\"\\ caf\xc3\xa9");
	ASSERT_EQ(0, report_parse_line(&runs[1], "@ phase a<b&c>\"", 30));
	ASSERT_EQ(0, report_parse_line(&runs[1], "@ map x&<y> 2 \"\\ MM", 30));
	make_tmpdir(top, sizeof(top));
	ASSERT_NE(0, top[0]);
	snprintf(dir, sizeof(dir), "%s/out", top);
	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));
	if (sh("command -v xmllint >/dev/null") == 0) {
		EXPECT_EQ(0, sh("xmllint --noout %s/index.html", dir));
		EXPECT_EQ(0, sh("xmllint --noout %s/map-*.svg", dir));
	}
	EXPECT_EQ(0, sh("python3 -m json.tool %s/report.json >/dev/null", dir));
	sh("rm -rf %s", top);
	report_free_run(&runs[0]);
	report_free_run(&runs[1]);
}

/* Count the non-overlapping occurrences of @needle in @s. */
static int count_str(const char *s, const char *needle)
{
	int n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/*
 * Every migratetype letter the kernel writes (asm/kernel_entry.h) but
 * Movable's is drawn as a bar under its cell, and named in the legends:
 * a letter the report did not know would pass for Movable.
 */
TEST(report_map_draws_every_migratetype)
{
	static const char types[] = {
		MT_UNMOVABLE, MT_RECLAIMABLE, MT_HIGHATOMIC, MT_CMA, MT_ISOLATE,
	};
	struct scenario_run runs[2];
	char top[256], dir[300], err[512], line[64], *svg, *json;

	parse_both(_metadata, runs);
	snprintf(line, sizeof(line), "@ map every 6 aaaaaa %.5sM", types);
	ASSERT_EQ(0, report_parse_line(&runs[0], line, 30));
	make_tmpdir(top, sizeof(top));
	ASSERT_NE(0, top[0]);
	snprintf(dir, sizeof(dir), "%s/out", top);
	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));

	snprintf(err, sizeof(err), "%s/map-series-on-every.svg", dir);
	svg = read_all(err);
	ASSERT_NE(NULL, svg);
	/* Five bars under the cells, none under the Movable one. */
	EXPECT_EQ(5, count_str(svg, "height=\"3\""));
	EXPECT_NE(NULL, strstr(svg, "bar: HighAtomic pageblock"));
	free(svg);

	snprintf(err, sizeof(err), "%s/report.json", dir);
	json = read_all(err);
	ASSERT_NE(NULL, json);
	EXPECT_NE(NULL, strstr(json, "\"H\": \"HighAtomic\""));
	free(json);

	sh("rm -rf %s", top);
	report_free_run(&runs[0]);
	report_free_run(&runs[1]);
}

/*
 * The legend, the maps' colours and the rows of migrated pages come from
 * the kinds the runs' records name: a kind the host never heard of
 * (mydrv) is drawn in its colour, named in both legends and counted in
 * the table; a letter no kind names gets the colour of the unknown.
 */
TEST(report_legend_from_kinds)
{
	struct scenario_run runs[2];
	char top[256], dir[300], path[400], err[512];
	char *svg, *html, *json, *table;

	parse_both(_metadata, runs);
	ASSERT_EQ(0, report_parse_line(&runs[0],
		"@ kind mydrv m #123abc movable mydrv.movable=0 my <driver>", 40));
	ASSERT_EQ(0, report_parse_line(&runs[0], "@ stat migrated_mydrv 4242", 40));
	ASSERT_EQ(0, report_parse_line(&runs[0], "@ map mine 3 mdX MMM", 40));
	ASSERT_EQ(8, runs[0].nr_kinds);
	EXPECT_EQ('m', runs[0].kinds[7].letter);
	EXPECT_EQ(1, runs[0].kinds[7].movable);
	EXPECT_STREQ("mydrv.movable=0", runs[0].kinds[7].off);
	EXPECT_STREQ("my <driver>", runs[0].kinds[7].desc);
	EXPECT_STREQ("", runs[0].kinds[0].off);

	table = capture_table(runs, 2);
	ASSERT_NE(NULL, table);
	EXPECT_NE(NULL, strstr(table, "migrated: mydrv"));
	EXPECT_NE(NULL, strstr(table, "4242"));
	EXPECT_NE(NULL, strstr(table, "migrated: movable_sample"));
	/* Kinds that are not movable migrate nothing: no row. */
	EXPECT_EQ(NULL, strstr(table, "migrated: tables"));
	free(table);

	make_tmpdir(top, sizeof(top));
	ASSERT_NE(0, top[0]);
	snprintf(dir, sizeof(dir), "%s/out", top);
	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));

	snprintf(path, sizeof(path), "%s/map-series-on-mine.svg", dir);
	svg = read_all(path);
	ASSERT_NE(NULL, svg);
	EXPECT_NE(NULL, strstr(svg, "fill=\"#123abc\""));	/* m */
	EXPECT_NE(NULL, strstr(svg, "fill=\"#2f9e44\""));	/* d */
	EXPECT_NE(NULL, strstr(svg, "fill=\"#ffd8a8\""));	/* X: unknown */
	EXPECT_NE(NULL, strstr(svg, "my &lt;driver&gt;"));
	free(svg);

	snprintf(path, sizeof(path), "%s/index.html", dir);
	html = read_all(path);
	ASSERT_NE(NULL, html);
	EXPECT_NE(NULL, strstr(html, "my &lt;driver&gt;"));
	EXPECT_NE(NULL, strstr(html, "zsmalloc (zram)"));
	free(html);

	snprintf(path, sizeof(path), "%s/report.json", dir);
	json = read_all(path);
	ASSERT_NE(NULL, json);
	EXPECT_NE(NULL, strstr(json, "\"m\": \"my <driver>\""));
	EXPECT_NE(NULL, strstr(json, "\"d\": \"movable driver\""));
	free(json);

	sh("rm -rf %s", top);
	report_free_run(&runs[0]);
	report_free_run(&runs[1]);
}

TEST(report_write_unwritable)
{
	struct scenario_run runs[2];
	char top[256], dir[300], err[512], path[320];
	int fd;

	parse_both(_metadata, runs);
	make_tmpdir(top, sizeof(top));
	ASSERT_NE(0, top[0]);

	/* Under a regular file. */
	snprintf(path, sizeof(path), "%s/file", top);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	snprintf(dir, sizeof(dir), "%s/file/report", top);
	EXPECT_EQ(-ENOTDIR, write_capturing(dir, runs, 2, err, sizeof(err)));
	EXPECT_EQ(1, count_lines(err));
	EXPECT_EQ(0, strncmp(err, "umm: report: cannot create '", 28)) {
		TH_LOG("stderr: %s", err);
	}
	EXPECT_NE(NULL, strstr(err, dir));
	EXPECT_NE(NULL, strstr(err, "Not a directory"));
	EXPECT_EQ(1, count_entries(top));	/* only the file */

	/* Where nothing can be created. */
	EXPECT_GT(0, write_capturing("/proc/nonexistent/report", runs, 2, err,
				     sizeof(err)));
	EXPECT_EQ(1, count_lines(err));
	EXPECT_EQ(0, strncmp(err, "umm: report: cannot create '/proc/nonexistent/report'", 52));
	EXPECT_EQ(0, sh("! ls -d /proc/nonexistent* 2>/dev/null | grep -q ."));

	/* A file in the way of DIR itself. */
	EXPECT_EQ(-ENOTDIR, write_capturing(path, runs, 2, err, sizeof(err)));
	EXPECT_EQ(1, count_lines(err));
	EXPECT_EQ(1, count_entries(top));

	/* A directory with someone else's files is not replaced. */
	snprintf(dir, sizeof(dir), "%s/home", top);
	ASSERT_EQ(0, mkdir(dir, 0755));
	snprintf(path, sizeof(path), "%s/home/notes.txt", top);
	fd = open(path, O_CREAT | O_WRONLY, 0644);
	ASSERT_LE(0, fd);
	close(fd);
	EXPECT_EQ(-ENOTEMPTY, write_capturing(dir, runs, 2, err, sizeof(err)));
	EXPECT_EQ(1, count_lines(err));
	EXPECT_EQ(1, count_entries(dir));
	EXPECT_EQ(2, count_entries(top));	/* no temporary directory */

	/* Unwritable for a user (root writes anyway: skip that part). */
	if (geteuid()) {
		snprintf(dir, sizeof(dir), "%s/ro", top);
		ASSERT_EQ(0, mkdir(dir, 0555));
		snprintf(path, sizeof(path), "%s/ro/report", top);
		EXPECT_EQ(-EACCES, write_capturing(path, runs, 2, err, sizeof(err)));
		EXPECT_NE(NULL, strstr(err, "Permission denied"));
		EXPECT_EQ(0, count_entries(dir));
	}

	sh("chmod -R u+w %s; rm -rf %s", top, top);
	report_free_run(&runs[0]);
	report_free_run(&runs[1]);
}

/*
 * A report's runs keep their records (record-RUN.txt); read back, they
 * give the same runs, and written again, the same report to the byte.
 */
TEST(report_record_round_trip)
{
	struct scenario_run runs[2], back[2];
	struct report_origin o[2];
	char top[256], dir[300], again[300], path[340], err[512];
	int i;

	parse_stream(_metadata, &runs[0], "series on", stream_on, N(stream_on),
		     true);
	parse_stream(_metadata, &runs[1], "series off", stream_off,
		     N(stream_off), true);
	runs[1].exit_status = 3;
	make_tmpdir(top, sizeof(top));
	ASSERT_NE(0, top[0]);
	snprintf(dir, sizeof(dir), "%s/out", top);
	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));
	EXPECT_EQ(8, count_entries(dir));

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/record-series-%s.txt", dir,
			 i ? "off" : "on");
		ASSERT_EQ(0, report_read_record(path, &back[i], &o[i]));
		EXPECT_STREQ("zram-frag", o[i].scenario);
		EXPECT_EQ(42, o[i].seed);
		EXPECT_EQ(i + 1, o[i].place);
		EXPECT_STREQ(runs[i].label, back[i].label);
		EXPECT_EQ(runs[i].wall, back[i].wall);
		EXPECT_EQ(runs[i].exit_status, back[i].exit_status);
		EXPECT_EQ(runs[i].nr_phases, back[i].nr_phases);
		EXPECT_EQ(runs[i].phases[1].start, back[i].phases[1].start);
		EXPECT_EQ(runs[i].nr_maps, back[i].nr_maps);
		EXPECT_EQ(1, back[i].ended);
		EXPECT_EQ(runs[i].record_len, back[i].record_len);
	}
	snprintf(again, sizeof(again), "%s/again", top);
	ASSERT_EQ(0, write_capturing(again, back, 2, err, sizeof(err)));
	EXPECT_EQ(0, sh("diff -r %s %s", dir, again));

	sh("rm -rf %s", top);
	for (i = 0; i < 2; i++) {
		report_free_run(&runs[i]);
		report_free_run(&back[i]);
	}
}

/*
 * Three runs, the third from Linux (umm scenario --kernel): three columns,
 * no map of the Linux run, its release in its record and in the JSON,
 * and the same report again from the records.
 */
TEST(report_three_runs_one_from_linux)
{
	struct scenario_run runs[3], back[3];
	struct report_origin o[3];
	char top[256], dir[300], again[300], path[340], err[512];
	char *table;
	int i;

	parse_stream(_metadata, &runs[0], "umm series on", stream_on,
		     N(stream_on), true);
	parse_stream(_metadata, &runs[1], "umm series off", stream_off,
		     N(stream_off), true);
	/* A run with no map and no kinds, as the Linux side records one. */
	memset(&runs[2], 0, sizeof(runs[2]));
	snprintf(runs[2].label, sizeof(runs[2].label), "Linux 6.1.0-test");
	snprintf(runs[2].linux_release, sizeof(runs[2].linux_release),
		 "6.1.0-test");
	for (i = 0; i < (int)N(stream_on); i++)
		if (strncmp(stream_on[i], "@ map", 5) &&
		    strncmp(stream_on[i], "@ kind", 6))
			ASSERT_EQ(0, report_record_line(&runs[2], stream_on[i], i));
	runs[2].wall = 40;

	table = capture_table(runs, 3);
	ASSERT_NE(NULL, table);
	EXPECT_NE(NULL, strstr(table, "umm series off  Linux 6.1.0-test")) {
		TH_LOG("%s", table);
	}
	free(table);
	make_tmpdir(top, sizeof(top));
	ASSERT_NE(0, top[0]);
	snprintf(dir, sizeof(dir), "%s/out", top);
	ASSERT_EQ(0, write_capturing(dir, runs, 3, err, sizeof(err)));
	EXPECT_STREQ("", err);
	EXPECT_EQ(0, sh("grep -q '^# linux 6.1.0-test$' %s/record-linux-6-1-0-test.txt", dir));
	EXPECT_EQ(0, sh("grep -q '\"kernel\": \"6.1.0-test\"' %s/report.json", dir));
	EXPECT_EQ(0, sh("grep -q 'It has no memory maps' %s/index.html", dir));
	EXPECT_NE(0, sh("ls %s/map-linux-* >/dev/null 2>&1", dir));

	for (i = 0; i < 3; i++) {
		static const char *const files[] = {
			"umm-series-on", "umm-series-off", "linux-6-1-0-test",
		};

		snprintf(path, sizeof(path), "%s/record-%s.txt", dir, files[i]);
		ASSERT_EQ(0, report_read_record(path, &back[i], &o[i])) {
			TH_LOG("%s", path);
		}
		EXPECT_EQ(i + 1, o[i].place);
		EXPECT_STREQ(runs[i].linux_release, back[i].linux_release);
	}
	snprintf(again, sizeof(again), "%s/again", top);
	ASSERT_EQ(0, write_capturing(again, back, 3, err, sizeof(err)));
	EXPECT_EQ(0, sh("diff -r %s %s", dir, again));

	sh("rm -rf %s", top);
	for (i = 0; i < 3; i++) {
		report_free_run(&runs[i]);
		report_free_run(&back[i]);
	}
}

/* A file that is not a run record: refused whole, in one line that names it. */
TEST(report_read_record_rejects)
{
	static const char *const bad[] = {
		"",
		"# scenario zram-frag\n# seed 1\n",
		"# scenario zram-frag\n# seed 0\n# run 1 on\n",
		"# scenario zram-frag\n# seed x\n# run 1 on\n",
		"# scenario zram-frag\n# seed 1\n# run 4 on\n",
		"# scenario zram-frag\n# seed 1\n# run 1 on\n# wall -1\n",
		"# scenario zram-frag\n# seed 1\n# run 1 on\n# status 300\n",
		"# scenario zram-frag\n# seed 1\n# run 1 on\n@ phase a\n",
		"# scenario zram-frag\n# seed 1\n# run 1 on\n0.5 phase a\n",
		"# scenario zram-frag\n# seed 1\n# run 1 on\nx @ phase a\n",
		"# scenario zram-frag\n# seed 1\n# run 1 on\n\n",
	};
	char top[256], path[300], err[512];
	struct scenario_run run;
	struct report_origin o;
	unsigned int i;
	FILE *f;

	make_tmpdir(top, sizeof(top));
	ASSERT_NE(0, top[0]);
	snprintf(path, sizeof(path), "%s/record-x.txt", top);
	for (i = 0; i < N(bad); i++) {
		f = fopen(path, "w");
		ASSERT_NE(NULL, f);
		fputs(bad[i], f);
		fclose(f);
		EXPECT_GT(0, read_capturing(path, &run, &o, err, sizeof(err))) {
			TH_LOG("accepted: '%s'", bad[i]);
		}
		EXPECT_EQ(1, count_lines(err));
		EXPECT_NE(NULL, strstr(err, path)) {
			TH_LOG("stderr: %s", err);
		}
		EXPECT_EQ(NULL, run.record);
	}
	/* The smallest record: its run, with nothing in it. */
	f = fopen(path, "w");
	ASSERT_NE(NULL, f);
	fputs("# a comment\n# scenario s\n# seed 7\n# run 2 a b\n", f);
	fclose(f);
	ASSERT_EQ(0, report_read_record(path, &run, &o));
	EXPECT_STREQ("a b", run.label);
	EXPECT_EQ(2, o.place);
	EXPECT_EQ(0, run.ended);
	report_free_run(&run);
	EXPECT_GT(0, read_capturing("/nonexistent/record-x.txt", &run, &o, err,
				    sizeof(err)));
	EXPECT_NE(NULL, strstr(err, "No such file"));
	sh("rm -rf %s", top);
}

/* The pid of a process that has ended. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

/*
 * What a run killed between its renames left: the old report moved aside
 * (DIR.old.PID, no DIR) and the new one (DIR.tmp.PID), or a new one half
 * written.  The next run puts the old report back before replacing it and
 * removes the rest.
 */
TEST(report_write_cleans_up_after_a_killed_run)
{
	struct scenario_run runs[2];
	char top[256], dir[300], path[340], err[512];
	pid_t pid = dead_pid();
	char *html;

	parse_both(_metadata, runs);
	make_tmpdir(top, sizeof(top));
	ASSERT_NE(0, top[0]);
	snprintf(dir, sizeof(dir), "%s/out", top);

	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));
	snprintf(path, sizeof(path), "%s.old.%d", dir, (int)pid);
	ASSERT_EQ(0, rename(dir, path));
	snprintf(path, sizeof(path), "%s.tmp.%d", dir, (int)pid);
	ASSERT_EQ(0, mkdir(path, 0755));
	ASSERT_EQ(0, sh("echo '{' > %s/report.json", path));
	EXPECT_EQ(2, count_entries(top));

	runs[0].alloc_ok[2] = 124;
	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));
	EXPECT_STREQ("", err);
	EXPECT_EQ(1, count_entries(top));
	EXPECT_EQ(6, count_entries(dir));
	snprintf(path, sizeof(path), "%s/index.html", dir);
	html = read_all(path);
	ASSERT_NE(NULL, html);
	EXPECT_NE(NULL, strstr(html, "124/200 (62%)"));
	free(html);

	/* A live process's temporary directory is its own: left alone. */
	snprintf(path, sizeof(path), "%s.tmp.%d", dir, (int)getppid());
	ASSERT_EQ(0, mkdir(path, 0755));
	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));
	EXPECT_EQ(2, count_entries(top));

	sh("rm -rf %s", top);
	report_free_run(&runs[0]);
	report_free_run(&runs[1]);
}

/*
 * Kill a process that writes the report over and over, at random
 * moments: DIR always holds a whole report, and once a run has finished,
 * nothing else is left beside it.
 */
TEST(report_write_killed_at_random_keeps_a_report)
{
	struct scenario_run runs[2];
	char top[256], dir[300], path[340], err[512];
	unsigned int seed = umm_test_seed, i, missing = 0;

	parse_both(_metadata, runs);
	make_tmpdir(top, sizeof(top));
	ASSERT_NE(0, top[0]);
	snprintf(dir, sizeof(dir), "%s/out", top);
	snprintf(path, sizeof(path), "%s/index.html", dir);
	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));

	for (i = 0; i < 200; i++) {
		pid_t pid = fork();

		ASSERT_LE(0, pid);
		if (pid == 0) {
			fclose(stderr);
			for (;;)
				report_write(dir, "zram-frag", 42, runs, 2);
		}
		usleep(rand_r(&seed) % 3000);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		if (access(path, F_OK))
			missing++;
	}
	EXPECT_EQ(0, missing);
	ASSERT_EQ(0, write_capturing(dir, runs, 2, err, sizeof(err)));
	EXPECT_EQ(1, count_entries(top));
	EXPECT_EQ(6, count_entries(dir));

	sh("rm -rf %s", top);
	report_free_run(&runs[0]);
	report_free_run(&runs[1]);
}

UMM_TEST_MAIN
