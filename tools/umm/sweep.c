// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/sweep.c - umm sweep: a scenario over many seeds and settings
 *
 *	umm [param=value ...] sweep NAME|FILE.umm --seeds SPEC
 *	    [--set vm.NAME=VALUE ...] [--vary vm.NAME=V1,V2,...]
 *	    [--jobs N] [--dir DIR]
 *	umm sweep --merge DIR... [--dir OUT]
 *
 * Every combination of a seed, a value of the varied sysctl, and the
 * series on or off is one run: a worker process that runs the scenario
 * as --ab's runs are run (runner.c) and saves the run's record as
 * DIR/runs/seed-S-on[-V].txt (its console in a .log beside it, kept if
 * it failed).  Up to N workers at once, N the online CPUs unless --jobs
 * says.  Each worker leads a process group of its own, with the kernel
 * it started: Ctrl-C (SIGINT, SIGTERM, SIGHUP) kills every group, so no
 * run outlives the sweep (sweep_pool.c).  Then the records are read back
 * (sweep_data.c): the statistics and the comparison are printed, and
 * DIR gets sweep.txt, sweep.csv, sweep.json and sweep.html.  --merge
 * does only that last part, for records made elsewhere.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "runner.h"
#include "sweep.h"
#include "sweep_pool.h"
#include "commands.h"

#define SWEEP_MAX_RUNS		100000
#define SWEEP_DEFAULT_DIR	"umm-sweep"

static int sweep_error(const char *fmt, const char *arg)
{
	fputs("umm: sweep: ", stderr);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	return 2;
}

static int parse_ulong(const char *s, unsigned long *v, char **end)
{
	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	*v = strtoul(s, end, 10);
	return errno ? -EINVAL : 0;
}

static int add_seed(struct sweep *sw, unsigned long seed)
{
	unsigned long *p;

	if (sw->nr_seeds == SWEEP_MAX_RUNS)
		return -E2BIG;
	p = realloc(sw->seeds, (sw->nr_seeds + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	sw->seeds = p;
	p[sw->nr_seeds++] = seed;
	return 0;
}

/* "1-20", "7", "1,5,9-12": seeds from 1 up. */
static int parse_seeds(struct sweep *sw, const char *spec)
{
	const char *p = spec;
	unsigned long a, b, s;
	char *end;

	sw->nr_seeds = 0;
	while (1) {
		if (parse_ulong(p, &a, &end) || !a)
			return sweep_error("--seeds '%s': not a seed (1 or more) or a range A-B",
					   spec);
		b = a;
		if (*end == '-' && (parse_ulong(end + 1, &b, &end) || b < a))
			return sweep_error(b < a ? "--seeds '%s': the range ends before it starts" :
					   "--seeds '%s': not a seed (1 or more) or a range A-B",
					   spec);
		if (*end && *end != ',')
			return sweep_error("--seeds '%s': not a seed (1 or more) or a range A-B",
					   spec);
		if (b - a >= SWEEP_MAX_RUNS)
			return sweep_error("--seeds '%s': too many seeds", spec);
		for (s = a; s <= b; s++)
			if (add_seed(sw, s))
				return sweep_error("--seeds '%s': too many seeds",
						   spec);
		if (!*end)
			return 0;
		p = end + 1;
	}
}

/* "vm.NAME=V1,V2,...": each value checked as --set would check it. */
static int parse_vary(struct sweep *sw, const char *arg)
{
	const char *eq = strchr(arg, '=');
	struct runner check = { .nr_sets = 0 };
	char word[160], *v, *save;

	if (sw->vary[0])
		return sweep_error("--vary '%s': one --vary at a time", arg);
	if (!eq || eq == arg || (size_t)(eq - arg) >= sizeof(sw->vary) ||
	    !eq[1])
		return sweep_error("--vary '%s': not a sysctl and values (vm.NAME=V1,V2,...)",
				   arg);
	snprintf(sw->vary, sizeof(sw->vary), "%.*s", (int)(eq - arg), arg);
	sw->vary_buf = strdup(eq + 1);
	if (!sw->vary_buf)
		return sweep_error("%s", strerror(ENOMEM));
	if (strstr(eq + 1, ",,") || eq[1] == ',' ||
	    eq[strlen(eq) - 1] == ',')
		return sweep_error("--vary '%s': an empty value", arg);
	for (v = strtok_r(sw->vary_buf, ",", &save); v;
	     v = strtok_r(NULL, ",", &save)) {
		if (sw->nr_vary == SWEEP_MAX_VARY)
			return sweep_error("--vary '%s': too many values", arg);
		snprintf(word, sizeof(word), "%s=%s", sw->vary, v);
		check.nr_sets = 0;
		if (runner_add_set(&check, word))
			return 2;
		sw->vary_val[sw->nr_vary++] = v;
	}
	return 0;
}

static int parse_jobs(struct sweep *sw, const char *s)
{
	unsigned long n;
	char *end;

	if (parse_ulong(s, &n, &end) || *end || !n || n > SWEEP_MAX_JOBS)
		return sweep_error("--jobs '%s': not a number of jobs (1 to 256)",
				   s);
	sw->jobs = n;
	return 0;
}

/* Argument *@i (and its value); 0 or an exit status. */
static int parse_arg(struct sweep *sw, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	struct runner *r = &sw->r;

	if (!strcmp(a, "--merge")) {
		while (*i + 1 < argc && argv[*i + 1][0] != '-') {
			if (sw->nr_merge == SWEEP_MAX_MERGE)
				return sweep_error("%s: too many directories", a);
			sw->merge[sw->nr_merge++] = argv[++*i];
		}
		return sw->nr_merge ? 0 :
		       sweep_error("%s: missing a directory of run records", a);
	}
	if (a[0] != '-' && strchr(a, '=')) {
		if (r->nr_params == RUNNER_MAX_ARGS - 24)
			return sweep_error("%stoo many parameters", "");
		r->params[r->nr_params++] = argv[*i];
		return 0;
	}
	if (a[0] != '-') {
		if (r->name)
			return sweep_error("unexpected argument '%s' (one scenario)",
					   a);
		r->name = a;
		return 0;
	}
	if (strcmp(a, "--seeds") && strcmp(a, "--set") && strcmp(a, "--vary") &&
	    strcmp(a, "--jobs") && strcmp(a, "--dir"))
		return sweep_error("unknown argument '%s' (see 'umm --help')", a);
	if (++*i == argc)
		return sweep_error("%s: missing its value", a);
	if (!strcmp(a, "--seeds"))
		return parse_seeds(sw, argv[*i]);
	if (!strcmp(a, "--set"))
		return runner_add_set(r, argv[*i]);
	if (!strcmp(a, "--vary"))
		return parse_vary(sw, argv[*i]);
	if (!strcmp(a, "--jobs"))
		return parse_jobs(sw, argv[*i]);
	sw->dir = argv[*i];
	return 0;
}

/* The last path element of @name without ".umm", for the directory. */
static void default_dir(struct sweep *sw)
{
	const char *base = strrchr(sw->r.name, '/');
	size_t len;

	base = base ? base + 1 : sw->r.name;
	len = strlen(base);
	if (len > 4 && !strcmp(base + len - 4, ".umm"))
		len -= 4;
	snprintf(sw->dir_buf, sizeof(sw->dir_buf), "%s/%.*s",
		 SWEEP_DEFAULT_DIR, (int)len, base);
	sw->dir = sw->dir_buf;
}

static int check_vary(const struct sweep *sw)
{
	size_t len = strlen(sw->vary);
	int i;

	for (i = 0; i < sw->r.nr_sets; i++)
		if (!strncmp(sw->r.sets[i] + 7, sw->vary, len) &&
		    sw->r.sets[i][7 + len] == '=')
			return sweep_error("--vary %s: also given to --set",
					   sw->vary);
	return 0;
}

/* The place of the word "sweep": after boot parameters only; or -1. */
static int sweep_word(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "sweep"))
			return i;
		if (argv[i][0] == '-' || !strchr(argv[i], '='))
			break;
	}
	return -1;
}

/**
 * sweep_wanted - is this command line umm sweep's?
 * @argc: arguments after the program name
 * @argv: the arguments
 *
 * Return: true when its first word after the boot parameters is "sweep".
 */
int sweep_wanted(int argc, char **argv)
{
	return sweep_word(argc, argv) >= 0;
}

static int parse(struct sweep *sw, int argc, char **argv)
{
	int i, err;

	sw->jobs = sysconf(_SC_NPROCESSORS_ONLN);
	if (sw->jobs < 1)
		sw->jobs = 1;
	for (i = 0; i < argc; i++) {
		if (i == sweep_word(argc, argv))
			continue;
		err = parse_arg(sw, argc, argv, &i);
		if (err)
			return err;
	}
	if (sw->nr_merge)
		return sw->r.name || sw->nr_seeds || sw->r.nr_sets ||
		       sw->nr_vary || sw->r.nr_params ?
		       sweep_error("%s--merge takes directories, and --dir alone", "") : 0;
	if (!sw->r.name)
		return sweep_error("%smissing scenario name (see 'umm scenarios')", "");
	if (!sw->nr_seeds)
		return sweep_error("%smissing --seeds (e.g. --seeds 1-20)", "");
	sw->r.s = find_scenario(sw->r.name);
	if (!sw->r.s && scenario_is_file(sw->r.name)) {
		err = scenario_read_file(sw->r.name, &sw->r.file);
		if (err)
			return err;
		sw->r.s = &sw->r.file;
	}
	if (!sw->r.s)
		return sweep_error("unknown scenario '%s' (see 'umm scenarios', or give a FILE.umm)",
				   sw->r.name);
	if (sw->nr_vary && check_vary(sw))
		return 2;
	if (!sw->dir)
		default_dir(sw);
	return 0;
}

/* ---- checks and the directory ---------------------------------------- */

/* Boot once per varied value; the off switches from the first boot. */
static int check_settings(struct sweep *sw)
{
	struct runner *r = &sw->r;
	struct scenario_run boot;
	int i, err = 0;

	r->ab = 1;
	for (i = 0; i < (sw->nr_vary ? sw->nr_vary : 1) && !err; i++) {
		struct runner one = *r;

		if (sw->nr_vary) {
			char word[160];

			snprintf(word, sizeof(word), "%s=%s", sw->vary,
				 sw->vary_val[i]);
			if (runner_add_set(&one, word))
				return 2;
		}
		/* runner_check() boots only when there is something to check. */
		err = runner_check(&one);
	}
	if (err)
		return err;
	if (runner_boot(r, &boot))
		return 2;
	err = runner_off_switches(r, &boot) ? 2 : 0;
	/*
	 * The kinds' off switches point into @boot, which is about to go:
	 * the workers need copies of their own (freed as the header's are).
	 */
	for (i = 0; !err && !r->off_words && i < r->nr_off; i++) {
		r->off[i] = strdup(r->off[i]);
		if (!r->off[i])
			err = 2;
	}
	if (!err)
		r->off_words = 1;
	report_free_run(&boot);
	return err;
}

static int make_dirs(const char *dir)
{
	char path[PATH_MAX];
	char *p;

	snprintf(path, sizeof(path), "%s/runs", dir);
	for (p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) && errno != EEXIST)
			return -errno;
		*p = '/';
	}
	return mkdir(path, 0755) && errno != EEXIST ? -errno : 0;
}

/* What an earlier sweep left in DIR/runs: its records go. */
static void clear_runs(const char *dir)
{
	char path[PATH_MAX], file[PATH_MAX + 256];
	struct dirent *e;
	DIR *dp;

	snprintf(path, sizeof(path), "%s/runs", dir);
	dp = opendir(path);
	if (!dp)
		return;
	while ((e = readdir(dp))) {
		if (strncmp(e->d_name, "seed-", 5))
			continue;
		snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
		unlink(file);
	}
	closedir(dp);
}

static struct sweep_job *make_jobs(const struct sweep *sw, int *total)
{
	int nv = sw->nr_vary ? sw->nr_vary : 1, s, v, off, n = 0;
	struct sweep_job *jobs = calloc((size_t)sw->nr_seeds * nv * 2,
					sizeof(*jobs));

	if (!jobs)
		return NULL;
	for (s = 0; s < sw->nr_seeds; s++)
		for (v = 0; v < nv; v++)
			for (off = 0; off < 2; off++) {
				jobs[n].seed = sw->seeds[s];
				jobs[n].vary = sw->nr_vary ? v : -1;
				jobs[n++].off = off;
			}
	*total = n;
	return jobs;
}

/* ---- the results ------------------------------------------------------ */

static int results(const char *out, char **dirs, int nr)
{
	struct sweep_data d;
	int err;

	err = sweep_read_dirs(&d, dirs, nr);
	if (err)
		return 2;
	sweep_print_stats(stdout, &d);
	sweep_print_compare(stdout, &d);
	err = make_dirs(out);
	if (err)
		fprintf(stderr, "umm: sweep: cannot make '%s': %s\n", out,
			strerror(-err));
	else
		err = sweep_write_files(out, &d);
	if (!err)
		printf("\nsweep: %s/sweep.html, sweep.csv, sweep.json, sweep.txt\n",
		       out);
	sweep_free_data(&d);
	return err ? 2 : 0;
}

static void free_sweep(struct sweep *sw)
{
	if (sw->r.off_words)
		scenario_free_words(sw->r.off, 0, sw->r.nr_off);
	free((char *)sw->r.file.text);
	free(sw->seeds);
	free(sw->vary_buf);
}

/**
 * sweep_main - run a sweep, or merge the records of sweeps
 * @argc: arguments after the program name
 * @argv: the arguments
 *
 * Return: 0; 1 if a run failed or the sweep was interrupted (130 for
 * SIGINT); 2 for bad input.
 */
int sweep_main(int argc, char **argv)
{
	struct sweep_job *jobs = NULL;
	int err, total, failed;
	struct sweep sw;
	char *dirs[1];

	memset(&sw, 0, sizeof(sw));
	err = parse(&sw, argc, argv);
	if (err)
		goto out;
	if (sw.nr_merge) {
		err = results(sw.dir ? sw.dir : SWEEP_DEFAULT_DIR "/merged",
			      sw.merge, sw.nr_merge);
		goto out;
	}
	err = check_settings(&sw);
	if (err)
		goto out;
	err = make_dirs(sw.dir);
	if (err) {
		fprintf(stderr, "umm: sweep: cannot make '%s/runs': %s\n",
			sw.dir, strerror(-err));
		err = 2;
		goto out;
	}
	clear_runs(sw.dir);
	jobs = make_jobs(&sw, &total);
	err = 1;
	if (!jobs)
		goto out;
	sw.r.tty = isatty(1);
	printf("umm: sweep %s: %d runs (%d seed%s x %d setting%s x series on, off), %d at a time, in %s/runs\n",
	       sw.r.name, total, sw.nr_seeds, sw.nr_seeds > 1 ? "s" : "",
	       sw.nr_vary ? sw.nr_vary : 1, sw.nr_vary > 1 ? "s" : "",
	       sw.jobs, sw.dir);
	failed = sweep_run_jobs(&sw, jobs, total);
	if (failed < 0) {
		fprintf(stderr, "umm: sweep: interrupted; the runs were stopped, the finished ones' records are in %s/runs\n",
			sw.dir);
		err = failed == -SIGINT ? 130 : 1;
		goto out;
	}
	dirs[0] = (char *)sw.dir;
	err = results(sw.dir, dirs, 1);
	if (!err && failed) {
		fprintf(stderr, "umm: sweep: %d of %d runs failed (their figures are left out)\n",
			failed, total);
		err = 1;
	}
out:
	free(jobs);
	free_sweep(&sw);
	return err;
}
