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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

static const char phase_line[] = RECORD_PREFIX "phase ";

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* @on's kind @k migrated pages, and nothing can turn it off? */
static bool kind_needs_off(const struct scenario_run *on,
			   const struct report_kind *k)
{
	char key[REPORT_NAME_LEN + 16];

	snprintf(key, sizeof(key), "migrated_%s", k->name);
	return k->movable && !k->off[0] && report_stat(on, key);
}

/**
 * runner_off_switches - the boot parameters of "series off"
 * @r: the scenario; its off switches are set here
 * @on: the run with the series on, whose record names its kinds
 *
 * The scenario's "# off:" words if it has that line; else the off switch
 * of every kind the run had.  The host knows no kind of its own.
 *
 * Return: 0, or -ENOENT after saying in one line that a kind whose
 * pages migrated has no off switch (or that no kind has one): series
 * off would be series on again.
 */
int runner_off_switches(struct runner *r, const struct scenario_run *on)
{
	unsigned int k;
	int found = 0;

	r->nr_off = scenario_header_words(r->s, "off", r->off, 0,
					  RUNNER_MAX_OFF, &found);
	r->off_words = 1;
	if (found && r->nr_off)
		return 0;
	scenario_free_words(r->off, 0, r->nr_off);
	r->nr_off = 0;
	r->off_words = 0;
	for (k = 0; !found && k < on->nr_kinds; k++) {
		const struct report_kind *kind = &on->kinds[k];

		if (kind_needs_off(on, kind)) {
			fprintf(stderr, "umm: scenario %s: kind '%s' has no \"series off\" switch (register one, or say '# off: PARAM' in the scenario): no A/B comparison\n",
				r->name, kind->name);
			return -ENOENT;
		}
		if (kind->off[0] && r->nr_off < RUNNER_MAX_OFF)
			r->off[r->nr_off++] = (char *)kind->off;
	}
	if (!r->nr_off) {
		fprintf(stderr, "umm: scenario %s: no \"series off\" switch is known (no kind registered one, and no '# off: PARAM' in the scenario): no A/B comparison\n",
			r->name);
		return -ENOENT;
	}
	return 0;
}

/*
 * In the child: boot with the run's parameters and run the scenario; or,
 * @boot_only, stop once booted, after the record's kinds (runner_boot()).
 */
static void child(const struct runner *r, int off, bool boot_only, int fd)
{
	char seed[48];
	char *argv[RUNNER_MAX_ARGS + RUNNER_MAX_SETS];
	int n = 0, i;

	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
	n = scenario_header_words(r->s, "boot", argv, n, RUNNER_MAX_ARGS - 8,
				  NULL);
	snprintf(seed, sizeof(seed), "umm.seed=%lu", r->seed);
	argv[n++] = "umm.deterministic=1";
	argv[n++] = seed;
	argv[n++] = "umm.record=1";
	if (r->trace) {
		/* Every mm event, and the trace sent back at the end. */
		argv[n++] = "trace_event=compaction,migrate";
		argv[n++] = "umm.record_trace=1";
	}
	for (i = 0; off && i < r->nr_off && n < RUNNER_MAX_ARGS - 3; i++)
		argv[n++] = r->off[i];
	/* The user's parameters last: they override the scenario's. */
	for (i = 0; i < r->nr_params && n < RUNNER_MAX_ARGS - 3; i++)
		argv[n++] = r->params[i];
	for (i = 0; i < r->nr_sets; i++)
		argv[n++] = (char *)r->sets[i];
	argv[n++] = boot_only ? "-c" : "scenario";
	argv[n++] = boot_only ? "phase boot" : (char *)r->name;
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
static pid_t start_child(const struct runner *r, int off, bool boot_only,
			 FILE **in)
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
		child(r, off, boot_only, fd[1]);
	}
	close(fd[1]);
	*in = fdopen(fd[0], "r");
	return pid;
}

/*
 * A phase begins: say so, on one line that a terminal rewrites.  @name
 * is followed by the phase's work clock, which is the report's business.
 */
static void show_phase(const struct runner *r, const struct scenario_run *run,
		       const char *name, double t)
{
	int len = strcspn(name, " ");

	if (r->tty)
		printf("\r\033[K  %-10s %6.1f s  %.*s", run->label, t, len, name);
	else
		printf("%s: %.2f s: phase %.*s\n", run->label, t, len, name);
	fflush(stdout);
}

/**
 * runner_trace_path - the file a run's trace goes to (--trace FILE)
 * @r: the scenario and its options
 * @off: the run with the series off
 * @buf: the path
 * @size: its room
 *
 * FILE itself for a single run; FILE.on and FILE.off for the two runs of
 * --ab.
 *
 * Return: 0, or -ENAMETOOLONG.
 */
int runner_trace_path(const struct runner *r, int off, char *buf, size_t size)
{
	const char *suffix = !r->ab ? "" : off ? ".off" : ".on";

	if ((size_t)snprintf(buf, size, "%s%s", r->trace, suffix) >= size)
		return -ENAMETOOLONG;
	return 0;
}

static const char trace_line[] = RECORD_PREFIX "trace ";

/* Everything the child says, until it ends; its trace goes to @trace. */
static void read_child(const struct runner *r, struct scenario_run *run,
		       FILE *in, double t0, struct output_tail *tail,
		       FILE *trace)
{
	bool quiet = r->ab || !r->name;
	char line[1 << 16];

	while (fgets(line, sizeof(line), in)) {
		double t = now() - t0;

		if (trace && !strncmp(line, trace_line, sizeof(trace_line) - 1)) {
			fputs(line + sizeof(trace_line) - 1, trace);
			continue;
		}

		if (strncmp(line, RECORD_PREFIX, strlen(RECORD_PREFIX))) {
			/* A single run shows its console; A/B only phases. */
			if (!quiet)
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
	if (!run->exit_status && run->ended && !report_stat(run, "tainted"))
		return 0;
	if (!run->exit_status && run->ended)
		fprintf(stderr, "umm: scenario %s (%s) failed: the kernel reported a bug (tainted: %llu), its figures are not to be trusted%s\n",
			r->name, run->label, report_stat(run, "tainted"),
			tail->nr ? "; it said:" : "");
	else
		fprintf(stderr, "umm: scenario %s (%s) failed: status %d%s%s\n",
			r->name, run->label, run->exit_status,
			run->ended ? "" : ", it did not finish",
			tail->nr ? "; it said:" : "");
	tail_print(tail);
	return -EIO;
}

/* A run's column head; beside Linux (--kernel), it names umm. */
static const char *run_label(const struct runner *r, int off)
{
	if (!r->ab)
		return r->kernel ? "umm" : "run";
	if (r->kernel)
		return off ? "umm series off" : "umm series on";
	return off ? "series off" : "series on";
}

/**
 * runner_run - run the scenario once, in a child process
 * @r: the scenario and its parameters
 * @off: with the series off (r->off: the drivers' pages not movable)
 * @run: filled in with what the run recorded
 *
 * Return: 0 if the run ended well, else -errno after saying why.
 */
int runner_run(const struct runner *r, int off, struct scenario_run *run)
{
	struct output_tail tail = { 0 };
	FILE *in = NULL, *trace = NULL;
	char path[4096];
	double t0 = now();
	pid_t pid;
	int err;

	memset(run, 0, sizeof(*run));
	snprintf(run->label, sizeof(run->label), "%s", run_label(r, off));
	runner_settings(r, off, run->settings, sizeof(run->settings));
	if (r->trace) {
		err = runner_trace_path(r, off, path, sizeof(path));
		trace = err ? NULL : fopen(path, "w");
		if (!trace) {
			err = err ? : -errno;
			fprintf(stderr, "umm: scenario: cannot write the trace to '%s': %s\n",
				r->trace, strerror(-err));
			return err;
		}
	}
	pid = start_child(r, off, false, &in);
	if (pid < 0) {
		if (trace)
			fclose(trace);
		return pid;
	}
	read_child(r, run, in, t0, &tail, trace);
	fclose(in);
	if (trace && fclose(trace) && !r->ab)
		fprintf(stderr, "umm: scenario: writing the trace to '%s': %s\n",
			path, strerror(errno));
	err = end_child(r, run, pid, t0, &tail);
	tail_free(&tail);
	return err;
}

/**
 * runner_boot - boot once with the runs' settings, and stop
 * @r: the scenario and its parameters
 * @boot: filled in with the record's kinds; report_free_run() it
 *
 * The kernel checks every parameter and sysctl as it boots; a run is
 * then sure to get past its boot.
 *
 * Return: 0, or -EINVAL after passing on the kernel's own error line.
 */
int runner_boot(const struct runner *r, struct scenario_run *boot)
{
	struct output_tail tail = { 0 };
	struct runner quiet = *r;
	FILE *in = NULL;
	unsigned int i;
	pid_t pid;
	int status;

	memset(boot, 0, sizeof(*boot));
	/* No name: read_child() keeps its console for the error, shows nothing. */
	quiet.name = NULL;
	quiet.ab = 0;
	quiet.trace = NULL;
	pid = start_child(&quiet, 0, true, &in);
	if (pid < 0)
		return pid;
	read_child(&quiet, boot, in, now(), &tail, NULL);
	fclose(in);
	waitpid(pid, &status, 0);
	if (WIFEXITED(status) && !WEXITSTATUS(status)) {
		tail_free(&tail);
		return 0;
	}
	for (i = 0; i < tail.nr && i < TAIL_LINES; i++)
		if (!strncmp(tail.lines[i], "umm: ", 5))
			break;
	if (i < tail.nr && i < TAIL_LINES)
		fputs(tail.lines[i], stderr);
	else
		fprintf(stderr, "umm: scenario %s: the kernel did not boot with these parameters (status %d)\n",
			r->name, WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	tail_free(&tail);
	return -EINVAL;
}
