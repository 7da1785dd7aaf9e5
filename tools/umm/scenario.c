// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/scenario.c - run a scenario, or two of it side by side
 *
 *	umm [scenario NAME] [--ab] [--seed N] [--report DIR] [param=value ...]
 *
 * Each run is a child process that boots the kernel with umm.record=1 and
 * runs the scenario's script; the parent reads the child's record lines
 * (report.h), shows the phases as they come, and at the end prints
 * the table and writes the report.  With --ab the scenario runs twice,
 * deterministic with the same seed: the series on, then off
 * (zsmalloc.movable=0, virtio_balloon.movable=0, movable_sample.movable=0:
 * the drivers' pages as they were before the series).  A run is a process
 * of its own so that the two runs share nothing but the seed.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <asm/kernel_entry.h>

#include "report.h"
#include "scenario.h"

#define MAX_ARGS	64
#define DEFAULT_SCENARIO "zram-frag"
#define DEFAULT_REPORT	"umm-report"

static const char * const series_off[] = {
	"zsmalloc.movable=0", "virtio_balloon.movable=0",
	"movable_sample.movable=0", NULL,
};

struct runner {
	const char *name;
	const struct scenario *s;
	unsigned long seed;
	const char *report;
	int ab;
	int nr_params;
	char *params[MAX_ARGS];
	int tty;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "umm: scenario: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return 2;
}

/* The scenario's "# boot: ..." words, appended to @argv. */
static int boot_words(const struct scenario *s, char **argv, int n)
{
	const char *line = s->text;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (!strncmp(line, "# boot:", 7)) {
			char *copy = strndup(line + 7, len - 7), *tok, *save;

			for (tok = strtok_r(copy, " \t", &save); tok && n < MAX_ARGS - 8;
			     tok = strtok_r(NULL, " \t", &save))
				argv[n++] = tok;
		}
		line = end ? end + 1 : NULL;
	}
	return n;
}

/* In the child: boot with the run's parameters and run the scenario. */
static void child(const struct runner *r, int off, int fd)
{
	char seed[48];
	char *argv[MAX_ARGS];
	int n = 0, i;

	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
	n = boot_words(r->s, argv, n);
	snprintf(seed, sizeof(seed), "umm.seed=%lu", r->seed);
	argv[n++] = "umm.deterministic=1";
	argv[n++] = seed;
	argv[n++] = "umm.record=1";
	for (i = 0; off && series_off[i]; i++)
		argv[n++] = (char *)series_off[i];
	/* The user's parameters last: they override the scenario's. */
	for (i = 0; i < r->nr_params && n < MAX_ARGS - 3; i++)
		argv[n++] = r->params[i];
	argv[n++] = "scenario";
	argv[n++] = (char *)r->name;
	argv[n] = NULL;
	fflush(stdout);
	_exit(start_kernel(n, argv));
}

/*
 * What an A/B run printed besides its record lines is not shown, but it
 * says why a run failed: the last lines are kept for the error.
 */
#define TAIL_LINES	8

struct output_tail {
	char *lines[TAIL_LINES];
	unsigned int nr;	/* lines seen */
};

static void tail_add(struct output_tail *t, const char *line)
{
	char **slot = &t->lines[t->nr++ % TAIL_LINES];

	free(*slot);
	*slot = strdup(line);
}

/* Print the kept lines, indented; the error lines alone if there are any. */
static void tail_print(const struct output_tail *t)
{
	unsigned int i, first = t->nr > TAIL_LINES ? t->nr - TAIL_LINES : 0;
	int errors = 0;

	for (i = first; i < t->nr; i++)
		errors += !strncmp(t->lines[i % TAIL_LINES], "umm: ", 5);
	for (i = first; i < t->nr; i++) {
		const char *l = t->lines[i % TAIL_LINES];

		if (l && (!errors || !strncmp(l, "umm: ", 5)))
			fprintf(stderr, "    %s%s", l,
				l[strcspn(l, "\n")] ? "" : "\n");
	}
}

static void tail_free(struct output_tail *t)
{
	unsigned int i;

	for (i = 0; i < TAIL_LINES; i++)
		free(t->lines[i]);
}

/* One run: fork, read its lines, wait.  Returns 0 if it ended well. */
static int run_once(const struct runner *r, int off, struct scenario_run *run)
{
	struct output_tail tail = { 0 };
	char line[1 << 16];
	double t0 = now();
	FILE *in;
	int fd[2], status;
	pid_t pid;

	memset(run, 0, sizeof(*run));
	snprintf(run->label, sizeof(run->label), "%s",
		 !r->ab ? "run" : off ? "series off" : "series on");
	if (pipe(fd))
		return -errno;
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		close(fd[0]);
		child(r, off, fd[1]);
	}
	close(fd[1]);
	in = fdopen(fd[0], "r");
	while (fgets(line, sizeof(line), in)) {
		double t = now() - t0;

		if (strncmp(line, RECORD_PREFIX, strlen(RECORD_PREFIX))) {
			/* A single run shows its console; A/B only phases. */
			if (!r->ab)
				fputs(line, stdout);
			else
				tail_add(&tail, line);
			continue;
		}
		line[strcspn(line, "\n")] = '\0';
		report_parse_line(run, line, t);
		if (r->ab && !strncmp(line, "@ phase ", 8)) {
			if (r->tty)
				printf("\r\033[K  %-10s %6.1f s  %s", run->label, t,
				       line + 8);
			else
				printf("%s: %.2f s: phase %s\n", run->label, t,
				       line + 8);
			fflush(stdout);
		}
	}
	fclose(in);
	waitpid(pid, &status, 0);
	run->wall = now() - t0;
	run->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if (r->ab && r->tty)
		printf("\r\033[K  %-10s done in %.1f s\n", run->label, run->wall);
	else if (r->ab)
		printf("%s: done in %.2f s, status %d\n", run->label, run->wall,
		       run->exit_status);
	if (run->exit_status || !run->ended) {
		fprintf(stderr, "umm: scenario %s (%s) failed: status %d%s%s\n",
			r->name, run->label, run->exit_status,
			run->ended ? "" : ", it did not finish",
			tail.nr ? "; it said:" : "");
		tail_print(&tail);
		tail_free(&tail);
		return -EIO;
	}
	tail_free(&tail);
	return 0;
}

/* Can a report be made at @dir?  Its parent must be a writable directory. */
static int check_report_dir(const char *dir)
{
	char parent[PATH_MAX];
	struct stat st;
	char *slash;

	if (strlen(dir) >= sizeof(parent) - 1)
		return usage_error("report directory name too long: '%s'", dir);
	snprintf(parent, sizeof(parent), "%s", dir);
	while (strlen(parent) > 1 && parent[strlen(parent) - 1] == '/')
		parent[strlen(parent) - 1] = '\0';
	slash = strrchr(parent, '/');
	if (!slash)
		strcpy(parent, ".");
	else if (slash == parent)
		parent[1] = '\0';
	else
		*slash = '\0';
	if (stat(parent, &st) || !S_ISDIR(st.st_mode) || access(parent, W_OK)) {
		fprintf(stderr, "umm: scenario: cannot write the report to '%s': %s\n",
			dir, strerror(errno ? errno : ENOTDIR));
		return 2;
	}
	if (!stat(dir, &st) && (!S_ISDIR(st.st_mode) || access(dir, W_OK))) {
		fprintf(stderr, "umm: scenario: cannot write the report to '%s': %s\n",
			dir, S_ISDIR(st.st_mode) ? strerror(EACCES) : strerror(ENOTDIR));
		return 2;
	}
	return 0;
}

static int parse_seed(const char *s, unsigned long *seed)
{
	char *end;

	errno = 0;
	if (!*s || *s == '-' || *s == '+')
		return -EINVAL;
	*seed = strtoul(s, &end, 10);
	if (errno || *end || !*seed)
		return -EINVAL;
	return 0;
}

static int parse(struct runner *r, int argc, char **argv)
{
	int i;

	memset(r, 0, sizeof(*r));
	r->name = DEFAULT_SCENARIO;
	r->seed = 1;
	r->report = NULL;
	r->ab = argc == 0;	/* ./umm alone: the flagship, A/B */
	for (i = 0; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "scenario")) {
			if (++i == argc)
				return usage_error("%smissing scenario name (see 'umm scenarios')", "");
			r->name = argv[i];
		} else if (!strcmp(a, "--ab")) {
			r->ab = 1;
		} else if (!strcmp(a, "--seed")) {
			if (++i == argc)
				return usage_error("%s: missing seed", a);
			if (parse_seed(argv[i], &r->seed))
				return usage_error("bad seed '%s' (a number from 1 to 2^64-1)",
						   argv[i]);
		} else if (!strcmp(a, "--report")) {
			if (++i == argc)
				return usage_error("%s: missing directory", a);
			r->report = argv[i];
		} else if (a[0] != '-' && strchr(a, '=')) {
			if (r->nr_params == MAX_ARGS - 24)
				return usage_error("%stoo many parameters", "");
			r->params[r->nr_params++] = argv[i];
		} else {
			return usage_error("unknown argument '%s' (see 'umm --help')", a);
		}
	}
	r->s = find_scenario(r->name);
	if (!r->s)
		return usage_error("unknown scenario '%s' (see 'umm scenarios')",
				   r->name);
	if (!r->report && r->ab)
		r->report = DEFAULT_REPORT;
	return 0;
}

/**
 * scenario_wanted - is this command line the runner's?
 * @argc: arguments after the program name
 * @argv: the arguments
 *
 * Return: true for no arguments (the flagship) and for "scenario".
 */
int scenario_wanted(int argc, char **argv)
{
	int i;

	if (argc == 0)
		return 1;
	for (i = 0; i < argc; i++)
		if (!strcmp(argv[i], "scenario"))
			return 1;
	return 0;
}

/**
 * scenario_main - run a scenario (twice with --ab), print, report
 * @argc: arguments after the program name
 * @argv: the arguments
 *
 * Return: the exit status: 0, 1 if a run failed, 2 for bad input.
 */
int scenario_main(int argc, char **argv)
{
	struct scenario_run runs[2];
	int nr, i, err = 0;
	struct runner r;

	memset(runs, 0, sizeof(runs));
	err = parse(&r, argc, argv);
	if (err)
		return err;
	if (r.report && check_report_dir(r.report))
		return 2;
	r.tty = isatty(1);
	nr = r.ab ? 2 : 1;
	if (r.ab)
		printf("umm: scenario %s, seed %lu: series on, then off\n",
		       r.name, r.seed);
	for (i = 0; i < nr && !err; i++)
		err = run_once(&r, i, &runs[i]);
	if (err) {
		for (i = 0; i < nr; i++)
			report_free_run(&runs[i]);
		return 1;
	}
	if (r.ab || r.report)
		report_print_table(stdout, r.name, r.seed, runs, nr);
	if (r.report) {
		err = report_write(r.report, r.name, r.seed, runs, nr);
		if (!err)
			printf("report: %s/index.html\n", r.report);
	}
	for (i = 0; i < nr; i++)
		report_free_run(&runs[i]);
	return err ? 2 : 0;
}
