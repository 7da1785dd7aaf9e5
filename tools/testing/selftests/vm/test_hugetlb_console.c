// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_hugetlb_console.c - nr_hugepages by hand
 *
 * What a user types at the console: echo a number into
 * /proc/sys/vm/nr_hugepages and cat it back; ask for more than memory
 * and read what was obtained; give bad text and get one line and a
 * failure, with the pool unchanged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"
#include "umm_run.h"

/* The numbers @out prints on lines of their own, in order. */
static int numbers(const char *out, long *v, int max)
{
	const char *p = out;
	int n = 0;

	while (*p && n < max) {
		char *end;
		long x = strtol(p, &end, 10);

		if (end != p && *end == '\n' && (p == out || p[-1] == '\n'))
			v[n++] = x;
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return n;
}

#define NR	"/proc/sys/vm/nr_hugepages"
#define HS	"/sys/kernel/mm/hugepages/hugepages-2048kB/"

TEST(nr_hugepages_up_and_down)
{
	struct run r = run_umm("mem=128M", "-c",
		"cat " NR "; echo 20 > " NR "; cat " NR "; "
		"cat " HS "nr_hugepages " HS "free_hugepages; "
		"echo 7 > " NR "; cat " NR "; "
		"echo 0 > " HS "nr_hugepages; cat " NR);
	long v[8];

	ASSERT_EQ(0, r.status) {
		TH_LOG("stderr: %s", r.err);
	}
	ASSERT_EQ(6, numbers(r.out, v, 8)) {
		TH_LOG("stdout: %s", r.out);
	}
	EXPECT_EQ(0, v[0]);
	EXPECT_EQ(20, v[1]);
	EXPECT_EQ(20, v[2]);
	EXPECT_EQ(20, v[3]);
	EXPECT_EQ(7, v[4]);
	EXPECT_EQ(0, v[5]);
	EXPECT_STREQ("", r.err);
	free_run(&r);
}

/* Linux's answer to too much: the write succeeds, the file says how many. */
TEST(nr_hugepages_partial_success)
{
	struct run r = run_umm("mem=128M", "-c",
		"echo 100000 > " NR "; cat " NR "; cat " HS "free_hugepages");
	long v[4];

	ASSERT_EQ(0, r.status) {
		TH_LOG("stderr: %s", r.err);
	}
	ASSERT_EQ(2, numbers(r.out, v, 4));
	/* 128M holds 64 at most; most of it is free at boot. */
	EXPECT_LT(0, v[0]);
	EXPECT_GT(64, v[0]);
	EXPECT_LE(50, v[0]);
	EXPECT_EQ(v[0], v[1]);
	free_run(&r);
}

static void expect_refused(struct __test_metadata *_metadata,
			   const char *value, const char *file)
{
	char cmd[256];
	struct run r;
	long v[2];

	snprintf(cmd, sizeof(cmd), "echo 3 > " NR "; echo %s > %s; cat " NR,
		 value, file);
	r = run_umm("mem=64M", "-c", cmd);
	EXPECT_EQ(1, r.status);
	EXPECT_EQ(1, count_lines(r.err)) {
		TH_LOG("'%s': stderr: %s", value, r.err);
	}
	EXPECT_NE(NULL, strstr(r.err, file));
	/* The script stops at the failure: nothing changed, nothing read. */
	EXPECT_EQ(0, numbers(r.out, v, 2));
	free_run(&r);

	/* At the shell, the pool is as it was after the refusal. */
	snprintf(cmd, sizeof(cmd), "echo 3 > " NR "\necho %s > %s\ncat " NR
		 "\n", value, file);
	r = run_umm_in(cmd, (const char *[]){ "mem=64M", "shell", NULL });
	ASSERT_EQ(1, numbers(r.out, v, 2)) {
		TH_LOG("'%s': stdout: %s", value, r.out);
	}
	EXPECT_EQ(3, v[0]);
	free_run(&r);
}

TEST(nr_hugepages_bad_input)
{
	expect_refused(_metadata, "abc", NR);
	expect_refused(_metadata, "-1", NR);
	expect_refused(_metadata, "abc", HS "nr_hugepages");
	expect_refused(_metadata, "-1", HS "nr_hugepages");
}

TEST_HARNESS_MAIN
