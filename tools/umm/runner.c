// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/runner.c - one run of a scenario, in a child process
 *
 * The child boots the kernel with umm.record=1 and runs the scenario's
 * script; the parent reads the child's record lines (asm/kernel_entry.h)
 * into a struct scenario_run, keeping them for the report's record file,
 * and shows the phases as they come.  A run is
 * a process of its own so that the two runs of an A/B comparison share
 * nothing but the seed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

/* The drivers' pages as they were before the series. */
static const char * const series_off[] = {
	"zsmalloc.movable=0", "virtio_balloon.movable=0",
	"movable_sample.movable=0", NULL,
};

static const char phase_line[] = RECORD_PREFIX "phase ";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
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

			for (tok = strtok_r(copy, " \t", &save);
			     tok && n < RUNNER_MAX_ARGS - 8;
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
	char *argv[RUNNER_MAX_ARGS];
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
	for (i = 0; i < r->nr_params && n < RUNNER_MAX_ARGS - 3; i++)
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

/* Fork the child; the parent reads its output from *@in. */
static pid_t start_child(const struct runner *r, int off, FILE **in)
{
	int fd[2];
	pid_t pid;

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
	*in = fdopen(fd[0], "r");
	return pid;
}

/* A phase begins: say so, on one line that a terminal rewrites. */
static void show_phase(const struct runner *r, const struct scenario_run *run,
		       const char *name, double t)
{
	if (r->tty)
		printf("\r\033[K  %-10s %6.1f s  %s", run->label, t, name);
	else
		printf("%s: %.2f s: phase %s\n", run->label, t, name);
	fflush(stdout);
}

/* Everything the child says, until it ends. */
static void read_child(const struct runner *r, struct scenario_run *run,
		       FILE *in, double t0, struct output_tail *tail)
{
	char line[1 << 16];

	while (fgets(line, sizeof(line), in)) {
		double t = now() - t0;

		if (strncmp(line, RECORD_PREFIX, strlen(RECORD_PREFIX))) {
			/* A single run shows its console; A/B only phases. */
			if (!r->ab)
				fputs(line, stdout);
			else
				tail_add(tail, line);
			continue;
		}
		line[strcspn(line, "\n")] = '\0';
		report_record_line(run, line, t);
		if (r->ab && !strncmp(line, phase_line, sizeof(phase_line) - 1))
			show_phase(r, run, line + sizeof(phase_line) - 1, t);
	}
}

/* Wait for the child; 0 if it ended well, else say why not. */
static int end_child(const struct runner *r, struct scenario_run *run,
		     pid_t pid, double t0, const struct output_tail *tail)
{
	int status;

	waitpid(pid, &status, 0);
	run->wall = now() - t0;
	run->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) :
			   128 + WTERMSIG(status);
	if (r->ab && r->tty)
		printf("\r\033[K  %-10s done in %.1f s\n", run->label, run->wall);
	else if (r->ab)
		printf("%s: done in %.2f s, status %d\n", run->label, run->wall,
		       run->exit_status);
	if (!run->exit_status && run->ended)
		return 0;
	fprintf(stderr, "umm: scenario %s (%s) failed: status %d%s%s\n",
		r->name, run->label, run->exit_status,
		run->ended ? "" : ", it did not finish",
		tail->nr ? "; it said:" : "");
	tail_print(tail);
	return -EIO;
}

/**
 * runner_run - run the scenario once, in a child process
 * @r: the scenario and its parameters
 * @off: with the series off (the drivers' pages not movable)
 * @run: filled in with what the run recorded
 *
 * Return: 0 if the run ended well, else -errno after saying why.
 */
int runner_run(const struct runner *r, int off, struct scenario_run *run)
{
	struct output_tail tail = { 0 };
	double t0 = now();
	FILE *in = NULL;
	pid_t pid;
	int err;

	memset(run, 0, sizeof(*run));
	snprintf(run->label, sizeof(run->label), "%s",
		 !r->ab ? "run" : off ? "series off" : "series on");
	pid = start_child(r, off, &in);
	if (pid < 0)
		return pid;
	read_child(r, run, in, t0, &tail);
	fclose(in);
	err = end_child(r, run, pid, t0, &tail);
	tail_free(&tail);
	return err;
}
