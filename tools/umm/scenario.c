// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/scenario.c - run a scenario, or two of it side by side
 *
 *	umm [scenario NAME|FILE.umm] [--ab] [--kernel] [--seed N]
 *	    [--report DIR] [--trace FILE] [--set vm.NAME=VALUE ...]
 *	    [param=value ...]
 *
 * Each run is a child process that boots the kernel (runner.c); at the
 * end the parent prints the table and writes the report (report.h).  With
 * --ab the scenario runs twice, deterministic with the same seed: the
 * series on, then off: with the scenario's "# off:" boot parameters, or
 * else the off switch of every kind of page owner the first run's
 * record names (zsmalloc.movable=0, ...: the drivers' pages as they were
 * before the series).  If a kind whose pages migrated has no off switch,
 * the second run would be the first again: it is not made, and a line
 * says why.  With --kernel the same script runs in Linux under QEMU as
 * well, a column of its own (tools/umm/kernel/kscenario.c).  With
 * --trace FILE every mm trace event is on from boot, and each umm run's
 * trace (what its tracing/trace file holds at the end, header included)
 * goes to FILE, or FILE.on and FILE.off with --ab, apart from what the
 * run prints (Documentation/umm/tracing.rst).
 * Parameters and sysctls (--set) are checked by one boot before any
 * run (settings.c).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"
#include "commands.h"
#include "kernel/compare.h"

#define DEFAULT_SCENARIO "zram-frag"
#define DEFAULT_REPORT	"umm-report"

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "umm: scenario: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return 2;
}

static int cannot_write(const char *dir, int err)
{
	fprintf(stderr, "umm: scenario: cannot write the report to '%s': %s\n",
		dir, strerror(err));
	return 2;
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
	if (stat(parent, &st) || !S_ISDIR(st.st_mode) || access(parent, W_OK))
		return cannot_write(dir, errno ? errno : ENOTDIR);
	if (!stat(dir, &st) && (!S_ISDIR(st.st_mode) || access(dir, W_OK)))
		return cannot_write(dir, S_ISDIR(st.st_mode) ? EACCES : ENOTDIR);
	return 0;
}

/* Can the trace files be written?  Found out before anything runs. */
static int check_trace_files(const struct runner *r)
{
	char path[PATH_MAX];
	int off;
	FILE *f;

	for (off = 0; off <= r->ab; off++) {
		if (runner_trace_path(r, off, path, sizeof(path)))
			return usage_error("trace file name too long: '%s'",
					   r->trace);
		f = fopen(path, "w");
		if (!f) {
			fprintf(stderr, "umm: scenario: cannot write the trace to '%s': %s\n",
				path, strerror(errno));
			return 2;
		}
		fclose(f);
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

/* Argument *@i (and its value, which it steps over); 0 or an exit status. */
static int parse_arg(struct runner *r, int argc, char **argv, int *i)
{
	const char *a = argv[*i];

	if (!strcmp(a, "scenario")) {
		if (++*i == argc)
			return usage_error("%smissing scenario name (see 'umm scenarios')", "");
		r->name = argv[*i];
	} else if (!strcmp(a, "--ab")) {
		r->ab = 1;
	} else if (!strcmp(a, "--kernel")) {
		r->kernel = 1;
	} else if (!strcmp(a, "--seed")) {
		if (++*i == argc)
			return usage_error("%s: missing seed", a);
		if (parse_seed(argv[*i], &r->seed))
			return usage_error("bad seed '%s' (a number from 1 to 2^64-1)",
					   argv[*i]);
	} else if (!strcmp(a, "--trace")) {
		if (++*i == argc)
			return usage_error("%s: missing file", a);
		r->trace = argv[*i];
	} else if (!strcmp(a, "--report")) {
		if (++*i == argc)
			return usage_error("%s: missing directory", a);
		r->report = argv[*i];
	} else if (!strcmp(a, "--set")) {
		if (++*i == argc)
			return usage_error("%s: missing vm.NAME=VALUE", a);
		return runner_add_set(r, argv[*i]);
	} else if (a[0] != '-' && strchr(a, '=')) {
		if (r->nr_params == RUNNER_MAX_ARGS - 24)
			return usage_error("%stoo many parameters", "");
		r->params[r->nr_params++] = argv[*i];
	} else {
		return usage_error("unknown argument '%s' (see 'umm --help')", a);
	}
	return 0;
}

static int parse(struct runner *r, int argc, char **argv)
{
	int i, err;

	memset(r, 0, sizeof(*r));
	r->name = DEFAULT_SCENARIO;
	r->seed = 1;
	r->report = NULL;
	r->ab = argc == 0;	/* ./umm alone: the flagship, A/B */
	for (i = 0; i < argc; i++) {
		err = parse_arg(r, argc, argv, &i);
		if (err)
			return err;
	}
	r->s = find_scenario(r->name);
	if (!r->s && scenario_is_file(r->name)) {
		err = scenario_read_file(r->name, &r->file);
		if (err)
			return err;
		r->s = &r->file;
	}
	if (!r->s)
		return usage_error("unknown scenario '%s' (see 'umm scenarios', or give a FILE.umm)",
				   r->name);
	if (!r->report && (r->ab || r->kernel))
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

/* The table, and the report if one was asked for; 0 or an exit status. */
static int show(const struct runner *r, const struct scenario_run *runs,
		int nr)
{
	if (r->ab || r->kernel || r->report)
		report_print_table(stdout, r->name, r->seed, runs, nr);
	if (!r->report)
		return 0;
	if (report_write(r->report, r->name, r->seed, runs, nr))
		return 2;
	printf("report: %s/index.html\n", r->report);
	return 0;
}

/*
 * The scenario's Linux side made ready (its boot parameters and the
 * user's, the umm runs' seed), before umm runs; NULL after saying why
 * not.
 */
static struct kscenario *prepare_kernel(struct runner *r)
{
	char *params[RUNNER_MAX_ARGS + RUNNER_MAX_SETS];
	struct compare_scenario cs = {
		.name = r->name, .text = r->s->text, .params = params,
		.seed = r->seed,
	};
	int i;

	/* The words stay in @r until the Linux run is over. */
	r->nr_kboot = scenario_header_words(r->s, "boot", r->kboot, 0,
					    RUNNER_MAX_ARGS - r->nr_params,
					    NULL);
	for (i = 0; i < r->nr_kboot; i++)
		params[cs.nr_params++] = r->kboot[i];
	for (i = 0; i < r->nr_params; i++)
		params[cs.nr_params++] = r->params[i];
	/* Linux takes sysctl.vm.NAME=VALUE on its command line too. */
	for (i = 0; i < r->nr_sets; i++)
		params[cs.nr_params++] = r->sets[i];
	return compare_scenario_prepare(&cs);
}

/* The Linux column: compare_scenario_run()'s status. */
static int run_kernel(const struct runner *r, struct kscenario *k,
		      struct scenario_run *run)
{
	if (r->tty)
		printf("Linux: the scenario under QEMU (a minute or more; cached after)\n");
	fflush(stdout);
	return compare_scenario_run(k, run);
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
	struct scenario_run runs[REPORT_MAX_RUNS];
	int nr, i, err = 0, no_ab = 0, kst = 0;
	struct kscenario *k = NULL;
	struct runner r;

	memset(runs, 0, sizeof(runs));
	err = parse(&r, argc, argv);
	if (err)
		goto out;
	err = 2;
	if (r.report && check_report_dir(r.report))
		goto out;
	if ((r.trace && check_trace_files(&r)) || runner_check(&r))
		goto out;
	r.tty = isatty(1);
	if (r.kernel) {
		k = prepare_kernel(&r);
		if (!k)
			goto out;
	}
	nr = r.ab ? 2 : 1;
	if (r.ab || r.kernel)
		printf("umm: scenario %s, seed %lu: %s%s\n", r.name, r.seed,
		       r.ab ? "series on, then off" : "umm",
		       r.kernel ? ", then Linux" : "");
	err = runner_run(&r, 0, &runs[0]);
	if (!err && r.ab && runner_off_switches(&r, &runs[0])) {
		nr = 1;		/* the one run, and the line that said why */
		no_ab = 2;
	}
	if (!err && nr == 2)
		err = runner_run(&r, 1, &runs[1]);
	if (!err && k) {
		kst = run_kernel(&r, k, &runs[nr]);
		if (kst <= 1)
			nr++;
	} else {
		compare_scenario_free(k);
	}
	if (!err)
		err = show(&r, runs, nr) ? : kst ? : no_ab;
	else
		err = 1;
	for (i = 0; i < REPORT_MAX_RUNS; i++)
		report_free_run(&runs[i]);
out:
	scenario_free_words(r.kboot, 0, r.nr_kboot);
	if (r.off_words)
		scenario_free_words(r.off, 0, r.nr_off);
	free((char *)r.file.text);
	return err;
}
