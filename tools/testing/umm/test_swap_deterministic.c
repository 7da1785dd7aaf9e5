// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_swap_deterministic.c - swap: the same numbers every run
 *
 * umm.deterministic=1 with a fixed seed gives the same counters on
 * every boot of one process and in every process: the A/B comparisons
 * and the benchmarks rely on it.
 */
#include "swap_test.h"

/* ---- determinism ------------------------------------------------------------ */

#define DET_SCRIPT							\
	"echo lz4 > /sys/block/zram0/comp_algorithm\n"			\
	"echo 256M > /sys/block/zram0/disksize\n"			\
	"mkswap zram0\n"						\
	"swapon zram0\n"						\
	"task start a\n"						\
	"mmap a 80M\n"							\
	"fill a ratio=0.5\n"						\
	"task start b\n"						\
	"mmap b 80M\n"							\
	"fill b ratio=0.7 seed=2\n"					\
	"touch a 20\n"							\
	"madvise b dontneed 10 random\n"				\
	"verify a\n"							\
	"verify b\n"							\
	"alloc hi 4 50 unmovable\n"					\
	"cat /proc/vmstat /proc/swaps /proc/meminfo /proc/buddyinfo\n"	\
	"cat /sys/block/zram0/mm_stat /sys/block/zram0/io_stat\n"

/* Boot in a child, run DET_SCRIPT, return what it printed (malloc'ed). */
static char *run_in_child(const char *params)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	int fd[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fd))
		return NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		close(fd[0]);
		dup2(fd[1], 1);
		dup2(null, 2);
		if (umm_boot(params))
			_exit(2);
		status = console_run_text(DET_SCRIPT, "det", true);
		fflush(stdout);
		_exit(status ? 1 : 0);
	}
	close(fd[1]);
	while ((n = read(fd[0], buf + len, cap - len - 1)) > 0) {
		len += n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("# child: status %#x\n", status);
		free(buf);
		return NULL;
	}
	return buf;
}

/* The value of @key in @text (a line "key value"), or -1. */
static long long text_value(const char *text, const char *key)
{
	size_t len = strlen(key);
	const char *line;

	for (line = text; line && *line; line = strchr(line, '\n'),
	     line = line ? line + 1 : NULL)
		if (!strncmp(line, key, len) && line[len] == ' ')
			return strtoll(line + len, NULL, 10);
	return -1;
}

/* Tell where two outputs part, for the log. */
static void show_difference(const char *a, const char *b)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	size_t i = 0, start;

	while (a[i] && a[i] == b[i])
		i++;
	start = i;
	while (start && a[start - 1] != '\n')
		start--;
	printf("# first difference:\n#   %.*s\n#   %.*s\n",
	       (int)strcspn(a + start, "\n"), a + start,
	       (int)strcspn(b + start, "\n"), b + start);
}

/*
 * umm.deterministic=1 with a fixed seed: two boots of the same script
 * print the same numbers, every counter of /proc/vmstat (pswpout,
 * pgscan_*, pgsteal_*, allocstall, compaction...), /proc/swaps, meminfo,
 * buddyinfo and zram's statistics.
 */
TEST(swap_deterministic_counters_repeat_across_boots)
{
	const char *params = "mem=128M umm.deterministic=1";
	char *one = run_in_child(params), *two = run_in_child(params);

	ASSERT_NE(NULL, one);
	ASSERT_NE(NULL, two);
	EXPECT_LT(16384, text_value(one, "pswpout"));
	EXPECT_LT(0, text_value(one, "pswpin"));
	EXPECT_LT(0, text_value(one, "pgsteal_kswapd"));
	EXPECT_NE(NULL, strstr(one, "0 mismatches"));
	EXPECT_EQ(0, strcmp(one, two)) {
		show_difference(one, two);
	}
	free(one);
	free(two);
}

/* Run $UMM (./umm) with @argv on DET_SCRIPT (stdin); its stdout. */
static char *run_umm(const char *const *args)
{
	const char *umm = getenv("UMM") ? getenv("UMM") : "./umm";
	size_t cap = 1 << 16, len = 0;
	int in[2], out[2], status;
	char *buf = malloc(cap);
	ssize_t n;
	pid_t pid;

	if (pipe(in) || pipe(out))
		return NULL;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		const char *argv[16] = { umm };
		int i, null = open("/dev/null", O_WRONLY);

		for (i = 0; args[i] && i < 14; i++)
			argv[i + 1] = args[i];
		dup2(in[0], 0);
		dup2(out[1], 1);
		dup2(null, 2);
		close(in[1]);
		close(out[0]);
		execv(umm, (char **)argv);
		_exit(127);
	}
	close(in[0]);
	close(out[1]);
	if (write(in[1], DET_SCRIPT, strlen(DET_SCRIPT)) < 0)
		abort();
	close(in[1]);
	while ((n = read(out[0], buf + len, cap - len - 1)) > 0) {
		len += n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	close(out[0]);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		printf("# %s: status %#x\n", umm, status);
		free(buf);
		return NULL;
	}
	return buf;
}

/*
 * The same, as a user runs it: ./umm twice, two processes, each with
 * its own host address layout.  Nothing the kernel prints may depend on
 * where the host put its memory.
 */
TEST(swap_deterministic_numbers_repeat_across_processes)
{
	static const char *const args[] = {
		"mem=128M", "umm.deterministic=1", "umm.seed=7", "shell", NULL,
	};
	char *one = run_umm(args), *two = run_umm(args);

	ASSERT_NE(NULL, one);
	ASSERT_NE(NULL, two);
	EXPECT_LT(16384, text_value(one, "pswpout"));
	EXPECT_EQ(0, strcmp(one, two)) {
		show_difference(one, two);
	}
	free(one);
	free(two);
}

UMM_TEST_MAIN
