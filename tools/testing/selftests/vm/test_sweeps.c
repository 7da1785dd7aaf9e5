// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_sweeps.c - umm sweep, end to end
 *
 * A 3-seed sweep of a tiny scenario whose figures depend on the seed:
 * sweep.csv has one line per run per metric, and the statistics printed
 * are those this test works out again from the CSV's per-run values
 * (mean, min, max, sample standard deviation); sweep.json and
 * sweep.html are well-formed; --merge of the sweep's records prints the
 * same.  Bad input is one line, status 2, nothing made.  A sweep
 * interrupted (SIGINT) leaves no process behind.
 */
#include <dirent.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"
#include "umm_run.h"

static char dir[64], scen[128];

static int __attribute__((format(printf, 1, 2))) sh(const char *fmt, ...)
{
	char cmd[512];
	va_list args;
	int ret;

	va_start(args, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, args);
	va_end(args);
	ret = system(cmd);
	return WIFEXITED(ret) ? WEXITSTATUS(ret) : -1;
}

/* One CSV line's fields (quotes undone), at most @max; how many. */
static int csv_fields(const char *line, char fields[][160], int max)
{
	int n = 0, len;

	while (n < max) {
		len = 0;
		if (*line == '"') {
			for (line++; *line && !(*line == '"' && line[1] != '"');
			     line++) {
				if (*line == '"')
					line++;
				if (len < 159)
					fields[n][len++] = *line;
			}
			line += *line == '"';
		} else {
			for (; *line && *line != ',' && *line != '\n'; line++)
				if (len < 159)
					fields[n][len++] = *line;
		}
		fields[n++][len] = '\0';
		if (*line != ',')
			break;
		line++;
	}
	return n;
}

#define MAX_KEYS	256
#define MAX_VALS	16

/* The per-run values of one configuration's metric, from the CSV. */
struct key {
	char config[160], metric[160];
	double v[MAX_VALS];
	int n;
};

static struct key keys[MAX_KEYS];
static int nr_keys;

static struct key *find_key(const char *config, const char *metric)
{
	int i;

	for (i = 0; i < nr_keys; i++)
		if (!strcmp(keys[i].config, config) &&
		    !strcmp(keys[i].metric, metric))
			return &keys[i];
	if (nr_keys == MAX_KEYS)
		return NULL;
	snprintf(keys[nr_keys].config, 160, "%s", config);
	snprintf(keys[nr_keys].metric, 160, "%s", metric);
	keys[nr_keys].n = 0;
	return &keys[nr_keys++];
}

/* The line of @out's block for @config that gives @metric's figures. */
static const char *stats_line(const char *out, const char *config,
			      const char *metric)
{
	char head[200], row[200];
	const char *p, *end;

	snprintf(head, sizeof(head), "\n%s: ", config);
	p = strstr(out, head);
	if (!p)
		return NULL;
	end = strstr(p + 1, "\n\n");
	snprintf(row, sizeof(row), "\n  %.34s ", metric);
	p = strstr(p, row);
	return p && (!end || p < end) ? p + 1 : NULL;
}

FIXTURE(sweep) {
	int unused;
};

FIXTURE_SETUP(sweep)
{
}

FIXTURE_TEARDOWN(sweep)
{
}

TEST_F_TIMEOUT(sweep, sweep_three_seeds, UMM_TIMEOUT(120))
{
	char out[128], path[192], line[1024], f[9][160], want[160];
	const char *got;
	struct run r, m;
	int lines = 0, i, k, metrics;
	FILE *csv;

	snprintf(out, sizeof(out), "%s/three", dir);
	r = run_umm("sweep", scen, "--seeds", "1-3", "--jobs", "2", "--dir",
		    out);
	ASSERT_EQ(0, r.status) {
		TH_LOG("stderr: %s", r.err);
	}
	EXPECT_NE(NULL, strstr(r.out, "tiny.umm: 6 runs, 3 seeds (1-3), 2 configurations"));

	snprintf(path, sizeof(path), "%s/sweep.csv", out);
	csv = fopen(path, "r");
	ASSERT_NE(NULL, csv);
	ASSERT_NE(NULL, fgets(line, sizeof(line), csv));
	EXPECT_STREQ("scenario,seed,config,label,settings,status,section,metric,value\n",
		     line);
	nr_keys = 0;
	while (fgets(line, sizeof(line), csv)) {
		struct key *key;

		lines++;
		ASSERT_EQ(9, csv_fields(line, f, 9));
		EXPECT_STREQ("ok", f[5]);
		key = find_key(f[2], f[7]);
		ASSERT_NE(NULL, key);
		ASSERT_LT(key->n, MAX_VALS);
		key->v[key->n++] = strtod(f[8], NULL);
	}
	fclose(csv);
	/* Two configurations of three runs: six lines per metric. */
	metrics = nr_keys / 2;
	EXPECT_EQ(0, nr_keys % 2);
	EXPECT_LT(8, metrics);
	EXPECT_EQ(6 * metrics, lines);

	/* Each printed row is what the CSV's values give. */
	for (k = 0; k < nr_keys; k++) {
		double sum = 0, sq = 0, lo = keys[k].v[0], hi = keys[k].v[0], mean;

		EXPECT_EQ(3, keys[k].n);
		for (i = 0; i < keys[k].n; i++) {
			sum += keys[k].v[i];
			lo = fmin(lo, keys[k].v[i]);
			hi = fmax(hi, keys[k].v[i]);
		}
		mean = sum / keys[k].n;
		for (i = 0; i < keys[k].n; i++)
			sq += (keys[k].v[i] - mean) * (keys[k].v[i] - mean);
		snprintf(want, sizeof(want), " %14.2f %14.2f %14.2f %12.2f\n",
			 mean, lo, hi, sqrt(sq / (keys[k].n - 1)));
		got = stats_line(r.out, keys[k].config, keys[k].metric);
		ASSERT_NE(NULL, got) {
			TH_LOG("no row %s / %s", keys[k].config, keys[k].metric);
		}
		EXPECT_EQ(0, strncmp(got + 2 + 34, want, strlen(want))) {
			TH_LOG("%s / %s: got '%.80s', want '%s'",
			       keys[k].config, keys[k].metric, got, want);
		}
	}
	/* The seed moves the probe: a spread the table must show. */
	got = stats_line(r.out, "on", "order-3 allocs");
	ASSERT_NE(NULL, got);
	snprintf(want, sizeof(want), "%.*s", (int)strcspn(got, "\n"), got);
	EXPECT_NE(0, strcmp(want + strlen(want) - 5, " 0.00")) {
		TH_LOG("no spread: '%s'", want);
	}

	EXPECT_EQ(0, sh("python3 -m json.tool '%s/sweep.json' >/dev/null", out));
	EXPECT_EQ(0, sh("xmllint --noout '%s/sweep.html'", out));
	EXPECT_EQ(0, sh("test $(ls '%s/runs' | grep -c '^seed-.*\\.txt$') = 6", out));
	EXPECT_EQ(0, sh("! ls '%s/runs' | grep -q '\\.log$'", out));

	/* The records merged again: the same tables. */
	snprintf(path, sizeof(path), "%s/merged", dir);
	m = run_umm("sweep", "--merge", out, "--dir", path);
	EXPECT_EQ(0, m.status);
	EXPECT_EQ(0, strncmp(m.out, r.out + (strchr(r.out, '\n') - r.out) + 1,
			     strstr(m.out, "\nsweep: ") - m.out)) {
		TH_LOG("merged:\n%s\nswept:\n%s", m.out, r.out);
	}
	free_run(&m);
	free_run(&r);
}

static void expect_refused(struct __test_metadata *_metadata, struct run r,
			   const char *text)
{
	struct stat st;
	char path[128];

	EXPECT_EQ(2, r.status);
	EXPECT_EQ(1, count_lines(r.err)) {
		TH_LOG("stderr: %s", r.err);
	}
	EXPECT_NE(NULL, strstr(r.err, text)) {
		TH_LOG("stderr: %s", r.err);
	}
	snprintf(path, sizeof(path), "%s/bad", dir);
	EXPECT_NE(0, stat(path, &st));
	free_run(&r);
}

TEST(sweep_bad_input)
{
	char out[128];

	snprintf(out, sizeof(out), "%s/bad", dir);
	expect_refused(_metadata, run_umm("sweep", scen, "--seeds", "5-1",
					  "--dir", out),
		       "--seeds '5-1': the range ends before it starts");
	expect_refused(_metadata, run_umm("sweep", scen, "--seeds", "x",
					  "--dir", out),
		       "--seeds 'x': not a seed");
	expect_refused(_metadata, run_umm("sweep", scen, "--seeds", "0",
					  "--dir", out),
		       "--seeds '0': not a seed");
	expect_refused(_metadata, run_umm("sweep", scen, "--seeds", "1-3",
					  "--jobs", "0", "--dir", out),
		       "--jobs '0': not a number of jobs");
	expect_refused(_metadata, run_umm("sweep", scen, "--dir", out),
		       "missing --seeds");
	expect_refused(_metadata, run_umm("sweep", "nope", "--seeds", "1",
					  "--dir", out),
		       "unknown scenario 'nope'");
	expect_refused(_metadata, run_umm("sweep", scen, "--seeds", "1",
					  "--set", "vm.nosuch=1", "--dir", out),
		       "vm.nosuch to '1' (/proc/sys/vm/nosuch): no such sysctl");
	expect_refused(_metadata, run_umm("sweep", scen, "--seeds", "1",
					  "--vary", "vm.extfrag_threshold=0,abc",
					  "--dir", out),
		       "vm.extfrag_threshold to 'abc'");
	expect_refused(_metadata, run_umm("sweep", scen, "--seeds", "1",
					  "--vary", "vm.extfrag_threshold=0,,1",
					  "--dir", out),
		       "an empty value");
	expect_refused(_metadata, run_umm("sweep", scen, "--seeds", "1",
					  "--set", "vm.extfrag_threshold=1",
					  "--vary", "vm.extfrag_threshold=0,1",
					  "--dir", out),
		       "also given to --set");
	expect_refused(_metadata, run_umm("zsmalloc.movable=1", "sweep", scen,
					  "--seeds", "1", "--dir", out),
		       "sets the \"series off\" switch");
	expect_refused(_metadata, run_umm("sweep", "--merge", "/nonexistent",
					  "--dir", out),
		       "cannot read '/nonexistent'");
}

/* "sweep" is the command only as the first word after parameters. */
TEST(sweep_only_as_command)
{
	char out[128], path[160];
	struct stat st;
	struct run r;

	snprintf(out, sizeof(out), "%s/sweep", dir);
	r = run_umm("scenario", "demo", "--report", out);
	EXPECT_EQ(0, r.status) {
		TH_LOG("stderr: %s", r.err);
	}
	snprintf(path, sizeof(path), "%s/index.html", out);
	EXPECT_EQ(0, stat(path, &st));
	free_run(&r);
	r = run_umm("mem=256M", "sweep", scen, "--seeds", "x");
	EXPECT_EQ(2, r.status);
	EXPECT_NE(NULL, strstr(r.err, "umm: sweep: --seeds 'x'"));
	free_run(&r);
}

/* Is a process running whose command line holds @s? */
static int process_with(const char *s)
{
	char path[300], buf[4096];
	struct dirent *e;
	int found = 0;
	DIR *d = opendir("/proc");

	while (d && (e = readdir(d)) && !found) {
		size_t n, i;
		FILE *f;

		if (e->d_name[0] < '1' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/cmdline", e->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		for (i = 0; i < n; i++)
			if (!buf[i])
				buf[i] = ' ';
		buf[n] = '\0';
		/* A zombie not yet reaped has no command line. */
		found = n && strstr(buf, s);
	}
	if (d)
		closedir(d);
	return found;
}

TEST_F_TIMEOUT(sweep, sweep_interrupted, UMM_TIMEOUT(60))
{
	const char *umm = getenv("UMM") ? getenv("UMM") : "./umm";
	struct timespec pause = { 0, 50 * 1000 * 1000 };
	char out[128];
	int status, i;
	pid_t pid;

	snprintf(out, sizeof(out), "%s/interrupted", dir);
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		if (!freopen("/dev/null", "w", stdout) ||
		    !freopen("/dev/null", "w", stderr))
			_exit(127);
		execl(umm, umm, "sweep", scen, "--seeds", "1-400", "--jobs",
		      "2", "--dir", out, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 6; i++)
		nanosleep(&pause, NULL);
	EXPECT_TRUE(process_with(out));
	kill(pid, SIGINT);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status));
	EXPECT_EQ(130, WEXITSTATUS(status));
	/* Every worker and kernel was in a group the sweep killed. */
	for (i = 0; i < 40 && process_with(out); i++)
		nanosleep(&pause, NULL);
	EXPECT_FALSE(process_with(out));
}

int main(int argc, char **argv)
{
	FILE *f;
	int ret;

	snprintf(dir, sizeof(dir), "/tmp/umm-sweeps-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(scen, sizeof(scen), "%s/tiny.umm", dir);
	f = fopen(scen, "w");
	if (!f)
		return 1;
	/* Random frees, then a probe: its successes depend on the seed. */
	fputs("# A tiny sweep scenario: order-3 blocks after random frees.\n"
	      "# boot: mem=64M\n"
	      "phase fill\n"
	      "alloc a 0 14000 unmovable\n"
	      "free a random=50\n"
	      "phase probe\n"
	      "alloc b 3 1500 unmovable\n", f);
	fclose(f);
	ret = test_harness_run(argc, argv);
	sh("rm -rf '%s'", dir);
	return ret;
}
