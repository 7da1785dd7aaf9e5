// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_bad_input.c - hostile input, as a user types it
 *
 * The findings of a fuzzing campaign, each a reproducer (issue 12, F1 to
 * F10): every one must get a clear one-line error that names what was
 * wrong, a non-zero status, and change nothing.  Under `make SAN=asan
 * check` these also catch the undefined behaviour the campaign found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"

#include "umm_run.h"

#define SYSCTL_VM	"/proc/sys/vm/"
#define SAMPLE		"/sys/kernel/debug/movable_sample/"

/* Run @script in the shell (which goes on after errors) on a small machine. */
static struct run shell(const char *script)
{
	return run_umm_in(script, (const char *[]){ "mem=64M", "umm.seed=1",
						    "shell", NULL });
}

/* A string of @n copies of @c, to be freed. */
static char *repeat(char c, size_t n)
{
	char *s = malloc(n + 1);

	memset(s, c, n);
	s[n] = '\0';
	return s;
}

/*
 * F1: numbers beyond every integer type, negative ones included, written
 * to every file of /proc/sys/vm: refused, the value as it was (UBSan
 * aborted on the negation of LONG_MIN).
 */
TEST(sysctl_numbers_out_of_range_keep_the_value)
{
	static const char * const files[] = {
		"compact_unevictable_allowed", "extfrag_threshold",
		"min_free_kbytes", "swappiness", "watermark_scale_factor",
	};
	static const char * const values[] = {
		"-9223372036854775808", "9223372036854775808",
		"-2147483649", "2147483648", "18446744073709551616", "-1",
	};
	unsigned int f, v;

	for (f = 0; f < ARRAY_SIZE(files); f++) {
		char script[1024], *first, *last;
		size_t len = 0;
		struct run r;

		len += snprintf(script + len, sizeof(script) - len,
				"cat " SYSCTL_VM "%s\n", files[f]);
		for (v = 0; v < ARRAY_SIZE(values); v++)
			len += snprintf(script + len, sizeof(script) - len,
					"echo %s > " SYSCTL_VM "%s\n",
					values[v], files[f]);
		snprintf(script + len, sizeof(script) - len,
			 "cat " SYSCTL_VM "%s\n", files[f]);
		r = shell(script);
		EXPECT_EQ(0, r.status) {
			TH_LOG("%s: stderr: %s", files[f], r.err);
		}
		/* Some values fit an unsigned long, not the entry's range. */
		EXPECT_EQ(ARRAY_SIZE(values), count_lines(r.err)) {
			TH_LOG("%s: stderr: %s", files[f], r.err);
		}
		EXPECT_EQ(2, count_lines(r.out));
		first = r.out;
		last = strchr(r.out, '\n');
		ASSERT_NE(NULL, last);
		*last++ = '\0';
		EXPECT_EQ(0, strncmp(first, last, strlen(first))) {
			TH_LOG("%s: was %s, now %s", files[f], first, last);
		}
		free_run(&r);
	}
}

/*
 * F3: a write the sample driver cannot carry out (more pages than there
 * is memory) gives back what it took: the page count as before, and the
 * machine still has its memory.
 */
TEST(refused_driver_write_gives_everything_back)
{
	struct run r = shell("echo 5 > " SAMPLE "pages\n"
			     "echo 1000000000 > " SAMPLE "pages\n"
			     "cat " SAMPLE "pages\n"
			     "expect /proc/meminfo MemFree: > 40000\n"
			     "cat /proc/meminfo\n");

	EXPECT_EQ(0, r.status);
	EXPECT_EQ(0, strncmp(r.out, "5\n", 2)) {
		TH_LOG("stdout: %.200s", r.out);
	}
	EXPECT_NE(NULL, strstr(r.out, "MemTotal:"));
	EXPECT_NE(NULL, strstr(r.err, "umm: echo: " SAMPLE "pages: Cannot allocate memory"));
	/* The allocation failure report is kernel log, not a console error. */
	EXPECT_EQ(NULL, strstr(r.err, "umm: expect"));
	EXPECT_EQ(NULL, strstr(r.err, "umm: cat"));
	free_run(&r);
}

/*
 * F3: set_event takes a list of events or nothing.  With '>' it starts
 * from no events enabled, as Linux does (O_TRUNC); a list with a word
 * that names no event is refused and leaves the enabled events alone.
 */
TEST(refused_set_event_write_keeps_the_events)
{
	struct run r = shell("echo compaction:mm_compaction_begin > /sys/kernel/debug/tracing/set_event\n"
			     "echo foo:bar > /sys/kernel/debug/tracing/set_event\n"
			     "echo 'migrate:mm_migrate_pages foo:bar' >> /sys/kernel/debug/tracing/set_event\n"
			     "cat /sys/kernel/debug/tracing/set_event\n"
			     "echo '-- appended'\n"
			     "echo migrate:mm_migrate_pages >> /sys/kernel/debug/tracing/set_event\n"
			     "cat /sys/kernel/debug/tracing/set_event\n"
			     "echo '-- cleared'\n"
			     "echo > /sys/kernel/debug/tracing/set_event\n"
			     "cat /sys/kernel/debug/tracing/set_event\n");

	EXPECT_EQ(0, r.status);
	EXPECT_STREQ("compaction:mm_compaction_begin\n"
		     "-- appended\n"
		     "compaction:mm_compaction_begin\n"
		     "migrate:mm_migrate_pages\n"
		     "-- cleared\n", r.out);
	EXPECT_EQ(2, count_lines(r.err));
	EXPECT_NE(NULL, strstr(r.err, "umm: echo: /sys/kernel/debug/tracing/set_event: Invalid argument"));
	free_run(&r);
}

/*
 * F6: a command longer than the console takes is refused whole with an
 * error that names it; nothing of it runs.  One of exactly the limit runs.
 */
TEST(overlong_command_is_refused_not_cut)
{
	char *digits = repeat('7', 5000), *cmd, *word = repeat('x', 4090);
	struct run r;

	cmd = malloc(5100);
	snprintf(cmd, 5100, "echo %s > " SYSCTL_VM "swappiness; echo after", digits);
	r = run_umm("mem=64M", "-c", cmd);
	EXPECT_EQ(1, r.status);
	EXPECT_STREQ("", r.out);
	EXPECT_EQ(1, count_lines(r.err));
	EXPECT_NE(NULL, strstr(r.err, "umm: echo: command longer than 4095 bytes")) {
		TH_LOG("stderr: %.300s", r.err);
	}
	free_run(&r);

	/* Without '>' echo would print the digits: it must not. */
	snprintf(cmd, 5100, "echo %s", digits);
	r = run_umm("mem=64M", "-c", cmd);
	EXPECT_EQ(1, r.status);
	EXPECT_STREQ("", r.out);
	free_run(&r);

	/* The shell refuses the line and goes on. */
	snprintf(cmd, 5100, "echo %s\necho after\n", digits);
	r = run_umm_in(cmd, (const char *[]){ "mem=64M", "shell", NULL });
	EXPECT_EQ(0, r.status);
	EXPECT_STREQ("after\n", r.out);
	EXPECT_NE(NULL, strstr(r.err, "umm: echo: line longer than 4095 bytes"));
	free_run(&r);

	/* "echo " and 4090 bytes: 4095, the limit. */
	snprintf(cmd, 5100, "echo %s", word);
	r = run_umm("mem=64M", "-c", cmd);
	EXPECT_EQ(0, r.status);
	EXPECT_EQ(4091, strlen(r.out));
	free_run(&r);
	free(cmd);
	free(digits);
	free(word);
}

/*
 * A '#' after a command cut at the limit, with a ';' in the comment:
 * the shell refuses the line, -c stops at the refused command, so
 * nothing after it runs (test_console_text.c checks the splitting
 * itself, where the fuzzer found the comment taken for a command).
 */
TEST(comment_after_overlong_command_stays_a_comment)
{
	char *word = repeat('x', 4095), *cmd = malloc(4200);
	struct run r;

	snprintf(cmd, 4200, "%s #;alloc s 0 1\necho after\n", word);
	r = run_umm_in(cmd, (const char *[]){ "mem=64M", "shell", NULL });
	EXPECT_EQ(0, r.status);
	EXPECT_STREQ("after\n", r.out);
	EXPECT_EQ(1, count_lines(r.err));
	free_run(&r);
	r = run_umm("mem=64M", "-c", cmd);
	EXPECT_EQ(1, r.status);
	EXPECT_STREQ("", r.out);
	free_run(&r);
	free(cmd);
	free(word);
}

/*
 * '>>' opens without O_TRUNC: appending to trace (or set_event) keeps
 * what is there, as on Linux; '>' clears.
 */
TEST(append_to_trace_keeps_it)
{
	struct run r = shell("echo migrate:mm_isolate_movable_page > /sys/kernel/debug/tracing/set_event\n"
			     "echo 16 > " SAMPLE "pages\n"
			     "echo 1 > /proc/sys/vm/compact_memory\n"
			     "echo >> /sys/kernel/debug/tracing/trace\n"
			     "cat /sys/kernel/debug/tracing/trace\n"
			     "echo '-- cleared'\n"
			     "echo > /sys/kernel/debug/tracing/trace\n"
			     "cat /sys/kernel/debug/tracing/trace\n");
	char *cleared;

	EXPECT_EQ(0, r.status);
	EXPECT_STREQ("", r.err);
	cleared = strstr(r.out, "-- cleared\n");
	ASSERT_NE(NULL, cleared) {
		TH_LOG("stdout: %.300s, stderr: %.300s", r.out, r.err);
	}
	*cleared = '\0';
	EXPECT_NE(NULL, strstr(r.out, "mm_isolate_movable_page")) {
		TH_LOG("before: %.500s", r.out);
	}
	EXPECT_EQ(NULL, strstr(cleared + 1, "mm_isolate_movable_page"));
	free_run(&r);
}

/* F7: errors longer than a line buffer stay one line each. */
TEST(long_errors_keep_their_newline)
{
	char *name = repeat('x', 2000), *script = malloc(4200);
	struct run r;

	snprintf(script, 4200, "cat /proc/%s\n%s\nfree %s\n", name, name, name);
	r = run_umm_in(script, (const char *[]){ "mem=64M", "shell", NULL });
	EXPECT_EQ(0, r.status);
	EXPECT_EQ(3, count_lines(r.err)) {
		TH_LOG("stderr: %.400s", r.err);
	}
	EXPECT_EQ(0, strncmp(r.err, "umm: cat: /proc/xxx", 19));
	EXPECT_NE(NULL, strstr(r.err, "\numm: xxx"));
	EXPECT_NE(NULL, strstr(r.err, "\numm: free: "));
	free_run(&r);
	free(script);
	free(name);
}

/* F7: the help is whole, from --help and from the shell alike. */
TEST(help_is_not_cut)
{
	static const char end[] = "with exit status 1.\n";
	struct run a = run_umm("--help"), b = run_umm("mem=64M", "-c", "help");

	EXPECT_EQ(0, a.status);
	EXPECT_EQ(0, b.status);
	EXPECT_LT(2048, strlen(a.out));
	EXPECT_STREQ(end, a.out + strlen(a.out) - strlen(end));
	EXPECT_NE(NULL, strstr(a.out, "  umm.record=1 "));
	EXPECT_NE(NULL, strstr(a.out, "  snapshot NAME "));
	EXPECT_STREQ(a.out, b.out);
	free_run(&a);
	free_run(&b);
}

/* F8: numbers that overflow, and booleans with junk after them, stop the boot. */
TEST(overflowing_boot_parameters_are_refused)
{
	static const char * const cases[][2] = {
		{ "mem=18446744073709551680M", "'mem=18446744073709551680M': too large" },
		{ "mem=16E", "'mem=16E': too large" },
		{ "movablecore=18446744073709551616", "'movablecore=18446744073709551616': too large" },
		{ "movablecore=18446744073709551615", "'movablecore=18446744073709551615': larger than half" },
		{ "trace_buf_size=18446744073709551617", "'trace_buf_size=18446744073709551617'" },
		{ "umm.seed=18446744073709551616", "'umm.seed=18446744073709551616': out of range" },
		{ "zram.num_devices=4294967297", "'zram.num_devices=4294967297'" },
		{ "zsmalloc.movable=1x", "'zsmalloc.movable=1x': not a boolean" },
		{ "zsmalloc.movable=yellow", "'zsmalloc.movable=yellow': not a boolean" },
		{ "page_poison=onion", "'page_poison=onion'" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct run r = run_umm(cases[i][0], "-c", "cat /proc/buddyinfo");

		EXPECT_EQ(2, r.status) {
			TH_LOG("%s: status %d", cases[i][0], r.status);
		}
		EXPECT_EQ(1, count_lines(r.err));
		EXPECT_NE(NULL, strstr(r.err, cases[i][1])) {
			TH_LOG("%s: stderr: %s", cases[i][0], r.err);
		}
		EXPECT_STREQ("", r.out);
		free_run(&r);
	}
}

/* F8: the words of the boolean parameters that are meant are still taken. */
TEST(boolean_boot_parameters_take_their_words)
{
	static const char * const ok[] = {
		"zsmalloc.movable=0", "zsmalloc.movable=N", "zsmalloc.movable=no",
		"zsmalloc.movable=off", "zsmalloc.movable=1", "zsmalloc.movable=y",
		"zsmalloc.movable=yes", "zsmalloc.movable=on", "page_poison=off",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		struct run r = run_umm(ok[i], "mem=64M", "-c", "echo ok");

		EXPECT_EQ(0, r.status) {
			TH_LOG("%s: stderr: %s", ok[i], r.err);
		}
		free_run(&r);
	}
}

/* F8: sizes of the workload verbs and of zram that overflow are refused. */
TEST(overflowing_sizes_are_refused)
{
	static const char * const cases[][2] = {
		{ "task start t; mmap t 18446744073709551617", "umm: mmap: bad size '18446744073709551617'" },
		{ "task start t; mmap t 17179869184G", "umm: mmap: bad size '17179869184G'" },
		{ "echo 18446744073709551616 > /sys/block/zram0/disksize", "disksize: Invalid argument" },
		{ "echo 16E > /sys/block/zram0/mem_limit", "mem_limit: Invalid argument" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct run r = run_umm("mem=64M", "-c", cases[i][0]);

		EXPECT_EQ(1, r.status);
		EXPECT_EQ(1, count_lines(r.err));
		EXPECT_NE(NULL, strstr(r.err, cases[i][1])) {
			TH_LOG("'%s': stderr: %s", cases[i][0], r.err);
		}
		free_run(&r);
	}
}

/* mmap's N% of memory: 1 to 100, and nothing else with the sign. */
TEST(mmap_percent_of_memory)
{
	static const char * const bad[] = { "0%", "101%", "%", "5x%", "-5%",
					    "1000000000000%", "50%%" };
	struct run r = run_umm("mem=64M", "-c",
			       "cat /proc/meminfo; task start t; mmap t 50%; mmap t 100%");
	unsigned long total_kb = 0, mapped_kb = 0;
	const char *p;
	unsigned int i;
	char cmd[64];

	EXPECT_EQ(0, r.status);
	/* MemTotal (managed pages) is a little under mem=: 50% of it. */
	p = strstr(r.out, "MemTotal:");
	if (p)
		sscanf(p, "MemTotal: %lu kB", &total_kb);
	p = strstr(r.out, "t: mapped ");
	if (p)
		sscanf(p, "t: mapped %lu KiB", &mapped_kb);
	EXPECT_NE(0, total_kb);
	EXPECT_EQ(total_kb / 2 / 4 * 4, mapped_kb) {
		TH_LOG("stdout: %s stderr: %s", r.out, r.err);
	}
	free_run(&r);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		snprintf(cmd, sizeof(cmd), "task start t; mmap t %s; tasks", bad[i]);
		r = run_umm("mem=64M", "-c", cmd);
		EXPECT_EQ(1, r.status);
		EXPECT_EQ(1, count_lines(r.err));
		EXPECT_NE(NULL, strstr(r.err, "bad size")) {
			TH_LOG("'%s': stderr: %s", bad[i], r.err);
		}
		free_run(&r);
	}
}

/* F10: a line that cannot be split into words still names its command. */
TEST(parse_errors_name_the_command)
{
	char many[256] = "echo";
	static const char * const cases[][2] = {
		{ "echo 'unbalanced", "umm: echo: unbalanced quote\n" },
		{ "'echo x", "umm: 'echo: unbalanced quote\n" },
		{ "'' foo", "umm: '': command not found (try 'help')\n" },
		{ NULL, "umm: echo: too many words (at most 32)\n" },
	};
	unsigned int i;

	for (i = 0; i < 40; i++)
		strcat(many, " w");
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct run r = run_umm("mem=64M", "-c", cases[i][0] ? cases[i][0] : many);

		EXPECT_EQ(1, r.status);
		EXPECT_STREQ(cases[i][1], r.err);
		EXPECT_STREQ("", r.out);
		free_run(&r);
	}
}

/*
 * F9: an A/B run that fails says why: the child's own error.  A boot
 * parameter the kernel refuses is found before any run (settings.c):
 * the kernel's line alone, status 2.
 */
TEST(ab_run_failure_gives_the_reason)
{
	static const char script[] = "# fails at once\ncat /proc/nosuch\n";
	char path[] = "/tmp/umm-fails-XXXXXX.umm";
	int fd = mkstemps(path, 4);
	struct run r = run_umm("scenario", "zram-frag", "--ab", "frobnicate=1");

	EXPECT_EQ(2, r.status);
	EXPECT_STREQ("umm: unknown boot parameter 'frobnicate=1'\n", r.err);
	EXPECT_EQ(NULL, strstr(r.out, "done in"));
	free_run(&r);

	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(script), write(fd, script, strlen(script)));
	close(fd);
	r = run_umm("scenario", path, "--ab", "--report", "/tmp/umm-fails-report");
	EXPECT_EQ(1, r.status);
	EXPECT_NE(NULL, strstr(r.err, "(series on) failed: status 1")) {
		TH_LOG("stderr: %s", r.err);
	}
	EXPECT_NE(NULL, strstr(r.err, "    umm: cat: /proc/nosuch: No such file or directory")) {
		TH_LOG("stderr: %s", r.err);
	}
	free_run(&r);
	unlink(path);
}

TEST_HARNESS_MAIN
