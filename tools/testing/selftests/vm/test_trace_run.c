// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_trace_run.c - umm scenario --trace FILE
 *
 * A small scenario of two phases, run as a user would: the trace goes to
 * FILE (FILE.on and FILE.off with --ab) and nowhere else, has each phase
 * as a trace_marker line in order, and is read by the parser Linux ships
 * for such text (trace_linux_parser.pl, with Linux's script from
 * Debian's linux-source-6.1; skipped if that is not installed).  Bad
 * input: one line, status 2, nothing run.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"
#include "umm_run.h"

#define LINUX_SOURCE	"/usr/src/linux-source-6.1.tar.xz"
#define VMSCAN_PL	"linux-source-6.1/Documentation/trace/postprocess/trace-vmscan-postprocess.pl"

static const char scenario[] =
	"# Two phases, and compaction in the first\n"
	"# boot: mem=64M\n"
	"# off: zsmalloc.movable=0\n"
	"phase one\n"
	"echo 1 > /proc/sys/vm/compact_memory\n"
	"phase two\n"
	"cat /proc/buddyinfo\n";

FIXTURE(tr) {
	char dir[64];
	char umm[4096];
	char file[256];
	char src[4096];		/* the tree, where the tests start */
};

FIXTURE_SETUP(tr)
{
	const char *umm = getenv("UMM") ? getenv("UMM") : "./umm";
	FILE *f;

	snprintf(self->dir, sizeof(self->dir), "/tmp/umm-trace-XXXXXX");
	ASSERT_NE(NULL, mkdtemp(self->dir));
	ASSERT_NE(NULL, realpath(umm, self->umm));
	ASSERT_NE(NULL, getcwd(self->src, sizeof(self->src)));
	snprintf(self->file, sizeof(self->file), "%s/small.umm", self->dir);
	f = fopen(self->file, "w");
	ASSERT_NE(NULL, f);
	fputs(scenario, f);
	fclose(f);
	/* The runner writes its report in the working directory. */
	ASSERT_EQ(0, chdir(self->dir));
	setenv("UMM", self->umm, 1);
}

FIXTURE_TEARDOWN(tr)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", self->dir);
	if (system(cmd))
		printf("# could not remove %s\n", self->dir);
}

static char *slurp_path(const char *path)
{
	FILE *f = fopen(path, "r");
	char *text;

	if (!f)
		return NULL;
	text = slurp(f);
	fclose(f);
	return text;
}

/* The trace has both phases, in order, and compaction between them. */
static int check_trace(const char *path)
{
	char *text = slurp_path(path), *one, *two, *ev;
	int ok;

	if (!text)
		return 0;
	one = strstr(text, ": tracing_mark_write: phase one\n");
	two = strstr(text, ": tracing_mark_write: phase two\n");
	ev = strstr(text, ": mm_compaction_begin: ");
	ok = one && two && ev && one < ev && ev < two && !strstr(text, "@ ") &&
	     !strstr(text, "Node 0, zone");
	if (!ok)
		printf("# %s:\n%.2000s\n", path, text);
	free(text);
	return ok;
}

TEST_F_TIMEOUT(tr, trace_run_saves_the_trace_apart_from_the_output, UMM_TIMEOUT(120))
{
	struct run r = run_umm("scenario", self->file, "--trace", "t.txt");

	ASSERT_EQ(0, r.status) {
		printf("# %s%s\n", r.out, r.err);
	}
	/* The console's output is the scenario's, without the trace. */
	EXPECT_NE(NULL, strstr(r.out, "Node 0, zone"));
	EXPECT_EQ(NULL, strstr(r.out, "tracing_mark_write"));
	EXPECT_EQ(NULL, strstr(r.out, "mm_compaction"));
	EXPECT_TRUE(check_trace("t.txt"));
	free_run(&r);
}

TEST_F_TIMEOUT(tr, trace_run_ab_writes_one_file_per_run, UMM_TIMEOUT(120))
{
	struct run r = run_umm("scenario", self->file, "--ab", "--trace", "t");
	struct stat st;

	ASSERT_EQ(0, r.status) {
		printf("# %s%s\n", r.out, r.err);
	}
	EXPECT_EQ(NULL, strstr(r.out, "tracing_mark_write"));
	EXPECT_TRUE(check_trace("t.on"));
	EXPECT_TRUE(check_trace("t.off"));
	EXPECT_NE(0, stat("t", &st));
	free_run(&r);
}

TEST_F(tr, trace_run_bad_input)
{
	struct run r = run_umm("scenario", self->file, "--trace");

	EXPECT_EQ(2, r.status);
	EXPECT_NE(NULL, strstr(r.err, "--trace: missing file"));
	EXPECT_EQ(1, count_lines(r.err));
	free_run(&r);

	r = run_umm("scenario", self->file, "--trace", "/nonexistent/dir/t");
	EXPECT_EQ(2, r.status);
	EXPECT_STREQ("umm: scenario: cannot write the trace to '/nonexistent/dir/t': No such file or directory\n",
		     r.err);
	EXPECT_EQ(NULL, strstr(r.out, "Node 0"));
	free_run(&r);
}

/* Save the format file of @event (SYSTEM/EVENT) under events/. */
static int save_format(const char *event)
{
	char path[512], arg[512];
	struct run r;
	FILE *f;

	snprintf(path, sizeof(path), "mkdir -p events/%s", event);
	if (system(path))
		return -1;
	snprintf(arg, sizeof(arg), "cat /sys/kernel/debug/tracing/events/%s/format",
		 event);
	r = run_umm("-c", arg);
	snprintf(path, sizeof(path), "events/%s/format", event);
	f = fopen(path, "w");
	if (!f || r.status)
		return -1;
	fputs(r.out, f);
	fclose(f);
	free_run(&r);
	return 0;
}

/* What @cmd printed; its exit status in *@status. */
static char *run_parser(const char *cmd, int *status)
{
	FILE *f = popen(cmd, "r");
	char *out;

	if (!f) {
		*status = -1;
		return strdup("");
	}
	out = slurp(f);
	*status = pclose(f);
	return out;
}

TEST_F_TIMEOUT(tr, trace_run_reads_with_linux_parser, UMM_TIMEOUT(120))
{
	static const char *const events[] = {
		"compaction/mm_compaction_migratepages",
		"compaction/mm_compaction_kcompactd_sleep",
		"compaction/mm_compaction_try_to_compact_pages",
		"migrate/mm_migrate_pages",
	};
	char cmd[16384];
	struct run r;
	unsigned int i;
	int status;
	char *out;
	FILE *f;

	if (access(LINUX_SOURCE, R_OK))
		SKIP(return, "%s not installed (apt-get install linux-source-6.1): no Linux parser to read the trace with",
		     LINUX_SOURCE);
	snprintf(cmd, sizeof(cmd), "tar -xJf %s %s", LINUX_SOURCE, VMSCAN_PL);
	ASSERT_EQ(0, system(cmd));
	for (i = 0; i < ARRAY_SIZE(events); i++)
		ASSERT_EQ(0, save_format(events[i]));
	r = run_umm("scenario", self->file, "--trace", "t.txt");
	ASSERT_EQ(0, r.status);
	free_run(&r);

	snprintf(cmd, sizeof(cmd), "perl %s/tools/testing/selftests/vm/trace_linux_parser.pl %s events t.txt",
		 self->src, VMSCAN_PL);
	out = run_parser(cmd, &status);
	EXPECT_EQ(0, status) {
		printf("# %s\n", out);
	}
	EXPECT_NE(NULL, strstr(out, "parsed ")) {
		printf("# %s\n", out);
	}
	printf("# %s", out);
	free(out);

	/* And the parser does fail: a line cut short is reported. */
	f = fopen("t.txt", "a");
	ASSERT_NE(NULL, f);
	fputs("   app-1   [000] .....     9.000000: mm_compaction_migratepages: nr_migrated=\n", f);
	fclose(f);
	out = run_parser(cmd, &status);
	EXPECT_NE(0, status);
	EXPECT_NE(NULL, strstr(out, "details not as its format says"));
	free(out);
}

TEST_HARNESS_MAIN
