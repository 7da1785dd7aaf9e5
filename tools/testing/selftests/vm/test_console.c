// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_console.c - umm as a user runs it
 *
 * Black-box: runs the umm binary (path in $UMM) with arguments and checks
 * exit status, stdout and stderr.  Bad boot parameters and bad commands
 * must give one clear line and the documented status; the kernel's files
 * must have Linux's layout.
 */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"

#include "umm_run.h"

/* --- boot parameters --------------------------------------------------- */

static void expect_boot_error(struct __test_metadata *_metadata,
			      const char *param, const char *text)
{
	struct run r = run_umm(param, "-c", "cat /proc/buddyinfo");

	EXPECT_EQ(2, r.status);
	EXPECT_EQ(1, count_lines(r.err));
	EXPECT_NE(NULL, strstr(r.err, text)) {
		TH_LOG("stderr was: %s", r.err);
	}
	EXPECT_EQ(0, strlen(r.out));
	free_run(&r);
}

TEST(bad_mem_suffix)
{
	expect_boot_error(_metadata, "mem=12Q", "mem=12Q");
}

TEST(mem_too_small)
{
	expect_boot_error(_metadata, "mem=1M", "at least 64M");
}

TEST(mem_not_a_number)
{
	expect_boot_error(_metadata, "mem=lots", "mem=lots");
}

TEST(movablecore_larger_than_memory)
{
	struct run r = run_umm("mem=128M", "movablecore=1G", "-c", "ls");

	EXPECT_EQ(2, r.status);
	EXPECT_EQ(1, count_lines(r.err));
	EXPECT_NE(NULL, strstr(r.err, "movablecore"));
	free_run(&r);
}

TEST(unknown_parameter)
{
	expect_boot_error(_metadata, "frobnicate=1", "unknown boot parameter 'frobnicate=1'");
}

TEST(bad_module_parameter_value)
{
	expect_boot_error(_metadata, "umm.seed=abc", "umm.seed=abc");
}

TEST(unknown_mode)
{
	struct run r = run_umm("bogus");

	EXPECT_EQ(2, r.status);
	EXPECT_EQ(1, count_lines(r.err));
	free_run(&r);
}

TEST(help_works_without_booting)
{
	struct run r = run_umm("--help");

	EXPECT_EQ(0, r.status);
	EXPECT_NE(NULL, strstr(r.out, "usage: umm"));
	EXPECT_NE(NULL, strstr(r.out, "alloc SET ORDER COUNT"));
	free_run(&r);
}

/* --- commands ---------------------------------------------------------- */

TEST(script_stops_at_first_failure)
{
	struct run r = run_umm("mem=64M", "-c",
		"echo first; alloc a 99 1; echo never");

	EXPECT_EQ(1, r.status);
	EXPECT_STREQ("first\n", r.out);
	EXPECT_EQ(1, count_lines(r.err));
	EXPECT_NE(NULL, strstr(r.err, "umm: alloc: bad order '99'"));
	free_run(&r);
}

TEST(command_errors_name_the_command)
{
	static const char * const cases[][2] = {
		{ "alloc", "umm: alloc: usage" },
		{ "alloc x 0", "umm: alloc: usage" },
		{ "alloc x 0 0", "umm: alloc: bad count '0'" },
		{ "alloc x 0 10 sideways", "umm: alloc: bad type 'sideways'" },
		{ "alloc 'a b' 0 1", "umm: alloc: bad set name" },
		{ "free nosuchset", "umm: free: no set named 'nosuchset'" },
		{ "alloc a 0 1; free a every=0", "umm: free: bad 'every=0'" },
		{ "alloc a 0 1; free a random=101", "umm: free: bad 'random=101'" },
		{ "cat", "umm: cat: missing file operand" },
		{ "cat /proc/nope", "umm: cat: /proc/nope: No such file or directory" },
		{ "cat /proc", "umm: cat: /proc: Is a directory" },
		{ "expect /proc/vmstat nr_free_pages ~ 1", "umm: expect: bad operator" },
		{ "expect /proc/vmstat nr_free_pages > x", "umm: expect: bad number 'x'" },
		{ "expect /proc/vmstat no_such_key > 1", "no line starting with 'no_such_key'" },
		{ "expect /proc/vmstat nr_free_pages < 0", "nr_free_pages is" },
		{ "frob", "umm: frob: command not found" },
		{ "echo 'unbalanced", "unbalanced quote" },
		{ "ls /nope", "umm: ls: cannot access '/nope'" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct run r = run_umm("mem=64M", "-c", cases[i][0]);

		EXPECT_EQ(1, r.status) {
			TH_LOG("'%s' exited %d", cases[i][0], r.status);
		}
		EXPECT_EQ(1, count_lines(r.err)) {
			TH_LOG("'%s' stderr: %s", cases[i][0], r.err);
		}
		EXPECT_NE(NULL, strstr(r.err, cases[i][1])) {
			TH_LOG("'%s' stderr: %s", cases[i][0], r.err);
		}
		free_run(&r);
	}
}

TEST(shell_goes_on_after_errors)
{
	struct run r = run_umm_in("alloc a 99 1\necho still here\nfree nope\n"
				  "echo and here\n",
				  (const char *[]){ "mem=64M", "shell", NULL });

	EXPECT_EQ(0, r.status);
	EXPECT_STREQ("still here\nand here\n", r.out);
	EXPECT_EQ(2, count_lines(r.err));
	free_run(&r);
}

TEST(echo_to_read_only_file_keeps_it)
{
	struct run r = run_umm("mem=64M", "-c",
		"echo 1 > /proc/buddyinfo");

	EXPECT_EQ(1, r.status);
	EXPECT_NE(NULL, strstr(r.err, "umm: echo: /proc/buddyinfo: Permission denied"));
	free_run(&r);
}

TEST(echo_bad_value_keeps_old_value)
{
	struct run before = run_umm("mem=64M", "-c", "cat /proc/sys/vm/min_free_kbytes");
	struct run r = run_umm("mem=64M", "shell");
	struct run after;

	free_run(&r);
	r = run_umm_in("echo banana > /proc/sys/vm/min_free_kbytes\n"
		       "echo -5 > /proc/sys/vm/min_free_kbytes\n"
		       "cat /proc/sys/vm/min_free_kbytes\n",
		       (const char *[]){ "mem=64M", "shell", NULL });
	EXPECT_EQ(0, before.status);
	EXPECT_STREQ(before.out, r.out);
	EXPECT_EQ(2, count_lines(r.err));
	EXPECT_NE(NULL, strstr(r.err, "umm: echo: /proc/sys/vm/min_free_kbytes: Invalid argument"));
	after = run_umm("mem=64M", "-c",
			"echo 4096 > /proc/sys/vm/min_free_kbytes; cat /proc/sys/vm/min_free_kbytes");
	EXPECT_EQ(0, after.status);
	EXPECT_STREQ("4096\n", after.out);
	free_run(&before);
	free_run(&r);
	free_run(&after);
}

TEST(min_free_kbytes_moves_the_watermarks)
{
	struct run r = run_umm("mem=64M", "-c",
		"echo 8192 > /proc/sys/vm/min_free_kbytes; cat /proc/zoneinfo");
	const char *min;

	ASSERT_EQ(0, r.status);
	min = strstr(r.out, "        min      ");
	ASSERT_NE(NULL, min);
	/* All of 8192k (2048 pages) lands in the only zone. */
	EXPECT_EQ(2048, atoi(min + strlen("        min      ")));
	free_run(&r);
}

/* --- the files ---------------------------------------------------------- */

static bool line_matches(const char *line, const char *pattern)
{
	regex_t re;
	bool ok;

	if (regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB))
		return false;
	ok = regexec(&re, line, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

/* Every line of @text must match one of @patterns; returns bad lines. */
static int check_lines(const char *text, const char * const *patterns)
{
	char *copy = strdup(text), *line, *save = NULL;
	int bad = 0;

	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		int i;
		bool ok = false;

		for (i = 0; patterns[i] && !ok; i++)
			ok = line_matches(line, patterns[i]);
		if (!ok) {
			printf("# unexpected line: '%s'\n", line);
			bad++;
		}
	}
	free(copy);
	return bad;
}

#define COL6 "( {1,6}[0-9]+ )"

TEST(buddyinfo_layout)
{
	static const char * const p[] = {
		"^Node 0, zone +(Normal|Movable) " COL6 "{11}$",
		NULL
	};
	struct run r = run_umm("mem=128M", "movablecore=32M", "-c", "cat /proc/buddyinfo");

	ASSERT_EQ(0, r.status);
	EXPECT_EQ(0, check_lines(r.out, p));
	EXPECT_EQ(2, count_lines(r.out));
	/* Same column positions as Linux: "Node 0, zone   Normal " is 22 chars. */
	EXPECT_EQ(0, strncmp(r.out, "Node 0, zone   Normal ", 22));
	free_run(&r);
}

TEST(pagetypeinfo_layout)
{
	static const char * const p[] = {
		"^Page block order: 9$",
		"^Pages per block:  512$",
		"^Free pages count per migrate type at order       0      1      2      3      4      5      6      7      8      9     10 $",
		"^Node    0, zone +(Normal|Movable), type +(Unmovable|Movable|Reclaimable|HighAtomic|CMA|Isolate) " COL6 "{11}$",
		"^Number of blocks type     Unmovable      Movable  Reclaimable   HighAtomic          CMA      Isolate $",
		"^Node 0, zone +(Normal|Movable) ( {1,12}[0-9]+ ){6}$",
		NULL
	};
	struct run r = run_umm("mem=64M", "-c", "cat /proc/pagetypeinfo");

	ASSERT_EQ(0, r.status);
	EXPECT_EQ(0, check_lines(r.out, p));
	/* 3 header lines + 6 types (CMA as 6.1 with CONFIG_CMA) + 1 + 1 zone. */
	EXPECT_EQ(13, count_lines(r.out));
	free_run(&r);
}

TEST(extfrag_layout)
{
	static const char * const p[] = {
		"^Node 0, zone +Normal (-?[01]\\.[0-9]{3} ){11}$",
		NULL
	};
	struct run r = run_umm("mem=64M", "-c",
		"cat /sys/kernel/debug/extfrag/extfrag_index /sys/kernel/debug/extfrag/unusable_index");

	ASSERT_EQ(0, r.status);
	EXPECT_EQ(0, check_lines(r.out, p));
	/* Fresh memory: every order would succeed. */
	EXPECT_NE(NULL, strstr(r.out, "-1.000 -1.000"));
	free_run(&r);
}

TEST(vmstat_and_zoneinfo_and_meminfo)
{
	static const char * const vm[] = { "^[a-z_]+ [0-9]+$", NULL };
	static const char * const mi[] = {
		"^[A-Za-z()_]+: +[0-9]+ kB$",
		/* Counts of huge pages, as Linux prints them: no unit. */
		"^HugePages_(Total|Free|Rsvd|Surp): +[0-9]+$",
		NULL
	};
	struct run r = run_umm("mem=64M", "-c", "cat /proc/vmstat");
	struct run z = run_umm("mem=64M", "-c", "cat /proc/zoneinfo");
	struct run m = run_umm("mem=64M", "-c", "cat /proc/meminfo");

	ASSERT_EQ(0, r.status);
	EXPECT_EQ(0, check_lines(r.out, vm));
	EXPECT_NE(NULL, strstr(r.out, "\nnr_free_pages ") ? strstr(r.out, "\nnr_free_pages ") :
		  strstr(r.out, "nr_free_pages "));
	ASSERT_EQ(0, z.status);
	EXPECT_NE(NULL, strstr(z.out, "Node 0, zone   Normal\n  per-node stats\n"));
	EXPECT_NE(NULL, strstr(z.out, "\n  pages free     "));
	EXPECT_NE(NULL, strstr(z.out, "\n        protection: (0, 0)\n"));
	EXPECT_NE(NULL, strstr(z.out, "\n  pagesets\n    cpu: 0\n              count: "));
	EXPECT_NE(NULL, strstr(z.out, "Node 0, zone  Movable\n  pages free     0\n"));
	ASSERT_EQ(0, m.status);
	EXPECT_EQ(0, check_lines(m.out, mi));
	EXPECT_EQ(0, strncmp(m.out, "MemTotal:          ", 19));
	/* Byte for byte as in compare-data/linux-6.1-meminfo.txt. */
	EXPECT_NE(NULL, strstr(m.out, "\nHugePages_Total:       0\n"
				      "HugePages_Free:        0\n"
				      "HugePages_Rsvd:        0\n"
				      "HugePages_Surp:        0\n"
				      "Hugepagesize:       2048 kB\n"
				      "Hugetlb:               0 kB\n"));
	free_run(&r);
	free_run(&z);
	free_run(&m);
}

/* The "done when" command: unmovable holes show in the files. */
TEST(fragmenting_changes_the_files)
{
	struct run before = run_umm("mem=1G", "-c", "cat /proc/buddyinfo");
	struct run r = run_umm("mem=1G", "-c",
		"alloc a 0 1000 unmovable; free a every=2; cat /proc/buddyinfo /proc/pagetypeinfo");
	unsigned long o0_before, o0_after;

	ASSERT_EQ(0, r.status);
	EXPECT_NE(NULL, strstr(r.out, "a: 1000/1000 order-0 allocations succeeded"));
	EXPECT_NE(NULL, strstr(r.out, "a: freed 500 of 1000 allocations, 500 left"));
	o0_before = strtoul(before.out + 22, NULL, 10);
	o0_after = strtoul(strstr(r.out, "Node 0, zone   Normal ") + 22, NULL, 10);
	/* Up to 500 order-0 holes, less what the per-cpu lists still hold. */
	EXPECT_GE(o0_after, o0_before + 250);
	free_run(&before);
	free_run(&r);
}

TEST_HARNESS_MAIN
