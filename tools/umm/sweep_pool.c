// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/sweep_pool.c - the worker processes of a sweep
 *
 * Each run of a sweep is a worker: a process that leads a process group
 * of its own (the kernel it boots is in it), runs the scenario as --ab's
 * runs are run (runner.c), and saves the run's record in DIR/runs.  Up
 * to sw->jobs run at once.  SIGINT, SIGTERM and SIGHUP kill every
 * group, so no run outlives the sweep.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "runner.h"
#include "sweep_pool.h"

/* ---- the workers ------------------------------------------------------ */

static void job_name(const struct sweep *sw, const struct sweep_job *j,
		     char *buf, size_t size)
{
	if (j->vary >= 0)
		snprintf(buf, size, "seed-%lu-%s-%d", j->seed,
			 j->off ? "off" : "on", j->vary + 1);
	else
		snprintf(buf, size, "seed-%lu-%s", j->seed,
			 j->off ? "off" : "on");
}

/* In the worker: run the job, save its record; the exit status. */
static int worker(struct sweep *sw, const struct sweep_job *j)
{
	char name[64], path[PATH_MAX + 96], tmp[PATH_MAX + 128];
	struct scenario_run *run = calloc(1, sizeof(*run));
	struct runner r = sw->r;
	struct report rep = { .scenario = r.name, .nr = 1 };
	int fd, err;
	FILE *f;

	job_name(sw, j, name, sizeof(name));
	snprintf(path, sizeof(path), "%s/runs/%s.log", sw->dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || !run)
		return 1;
	dup2(fd, 1);
	dup2(fd, 2);
	close(fd);
	r.seed = j->seed;
	r.tty = 0;
	if (j->vary >= 0) {
		char word[160];

		snprintf(word, sizeof(word), "%s=%s", sw->vary,
			 sw->vary_val[j->vary]);
		if (runner_add_set(&r, word))
			return 1;
	}
	err = runner_run(&r, j->off, run);
	rep.seed = r.seed;
	rep.runs = run;
	snprintf(path, sizeof(path), "%s/runs/%s.txt", sw->dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f)
		return 1;
	report_write_record(f, &rep, 0);
	if (fclose(f) || rename(tmp, path))
		return 1;
	fflush(stdout);
	if (!err) {
		snprintf(path, sizeof(path), "%s/runs/%s.log", sw->dir, name);
		unlink(path);
	}
	return err ? 1 : 0;
}

/*
 * The running workers, for the signal handler to kill.  The main loop
 * reads and writes them between system calls (fork, waitpid), which the
 * compiler cannot move memory accesses across, as compare.c's stop flag.
 */
static pid_t running[SWEEP_MAX_JOBS];
static sig_atomic_t interrupted;

static void on_signal(int sig)
{
	unsigned int i;

	interrupted = sig;
	for (i = 0; i < SWEEP_MAX_JOBS; i++)
		if (running[i] > 0)
			kill(-running[i], SIGKILL);
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static pid_t start_worker(struct sweep *sw, const struct sweep_job *j,
			  int slot)
{
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		_exit(interrupted ? 1 : worker(sw, j));
	}
	if (pid > 0) {
		/* Either side may be first: both set the group. */
		setpgid(pid, pid);
		running[slot] = pid;
	}
	return pid;
}

static void progress(const struct sweep *sw, int done, int total,
		     int failed)
{
	if (!sw->r.tty)
		return;
	printf("\r\033[K  sweep %s: %d/%d runs done", sw->r.name, done, total);
	if (failed)
		printf(", %d failed", failed);
	fflush(stdout);
}

/* Say which run failed, where its console is. */
static void failed_run(const struct sweep *sw, const struct sweep_job *j)
{
	char name[64];

	job_name(sw, j, name, sizeof(name));
	if (sw->r.tty)
		printf("\r\033[K");
	fflush(stdout);
	fprintf(stderr, "umm: sweep: run %s failed: see %s/runs/%s.log\n",
		name, sw->dir, name);
}

/**
 * sweep_run_jobs - run every job of a sweep, sw->jobs at a time
 * @sw: the sweep
 * @jobs: its runs
 * @total: how many
 *
 * Return: how many runs failed, or minus the signal that interrupted
 * the sweep (every worker's process group is killed first).
 */
int sweep_run_jobs(struct sweep *sw, struct sweep_job *jobs, int total)
{
	struct sweep_job *slot_job[SWEEP_MAX_JOBS];
	int next = 0, done = 0, failed = 0, busy = 0, i, status;
	pid_t pid;

	catch_signals();
	progress(sw, 0, total, 0);
	while ((next < total || busy) && !interrupted) {
		while (next < total && busy < sw->jobs && !interrupted) {
			for (i = 0; running[i] > 0; i++)
				;
			slot_job[i] = &jobs[next++];
			if (start_worker(sw, slot_job[i], i) < 0) {
				failed++;
				done++;
				continue;
			}
			busy++;
		}
		pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < SWEEP_MAX_JOBS && running[i] != pid; i++)
			;
		if (i == SWEEP_MAX_JOBS)
			continue;
		running[i] = 0;
		busy--;
		done++;
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			failed++;
			if (!interrupted)
				failed_run(sw, slot_job[i]);
		}
		progress(sw, done, total, failed);
	}
	if (interrupted) {
		on_signal(interrupted);
		while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
			;
	}
	if (sw->r.tty)
		printf("\r\033[K");
	fflush(stdout);
	return interrupted ? -interrupted : failed;
}
