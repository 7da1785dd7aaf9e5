// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/report_cmd.c - umm report: a report made again from its records
 *
 *	umm report [--report OUT] DIR
 *	umm report [--report OUT] RECORD [RECORD [RECORD]]
 *
 * A report directory keeps each run's record (record-RUN.txt, see
 * record_file.c).  From them this prints the same table and writes the
 * same report again without running anything, with the report code of
 * this binary: how a change to the report is seen on runs made before.
 *
 * DIR: the records in it, in their runs' order; the report is written
 * in DIR again unless --report names another place.  RECORD files: one
 * run, or up to three side by side in the order given (so any runs of
 * one scenario and seed can be compared); the report goes to OUT,
 * ./umm-report/ by default, as the runner's does.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "internal.h"

#define MAX_RECORDS	REPORT_MAX_RUNS
#define DEFAULT_REPORT	"umm-report"

struct report_cmd {
	const char *out;		/* where the report goes */
	const char *dir;		/* the report directory read, if one */
	int nr;				/* records */
	char path[MAX_RECORDS][PATH_MAX];
};

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "umm: report: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return 2;
}

/* A record file or a report directory, as named on the command line. */
static int add_path(struct report_cmd *c, const char *path)
{
	struct stat st;

	if (c->dir || (c->nr && !stat(path, &st) && S_ISDIR(st.st_mode)))
		return usage_error("%sone report directory, or record files",
				   "");
	if (stat(path, &st)) {
		fprintf(stderr, "umm: report: cannot read '%s': %s\n", path,
			strerror(errno));
		return 2;
	}
	if (S_ISDIR(st.st_mode)) {
		c->dir = path;
		return 0;
	}
	if (c->nr == MAX_RECORDS)
		return usage_error("%sat most three records side by side", "");
	snprintf(c->path[c->nr++], PATH_MAX, "%s", path);
	return 0;
}

static int parse(struct report_cmd *c, int argc, char **argv)
{
	int i, err;

	memset(c, 0, sizeof(*c));
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--report")) {
			if (++i == argc)
				return usage_error("%s: missing directory",
						   argv[i - 1]);
			c->out = argv[i];
		} else if (argv[i][0] == '-') {
			return usage_error("unknown argument '%s' (see 'umm --help')",
					   argv[i]);
		} else {
			err = add_path(c, argv[i]);
			if (err)
				return err;
		}
	}
	if (!c->dir && !c->nr)
		return usage_error("%smissing a report directory or record files",
				   "");
	if (!c->out)
		c->out = c->dir ? c->dir : DEFAULT_REPORT;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The records in the report directory, in name order. */
static int find_records(struct report_cmd *c)
{
	DIR *d = opendir(c->dir);
	struct dirent *de;
	int many = 0;

	if (!d) {
		fprintf(stderr, "umm: report: cannot read '%s': %s\n", c->dir,
			strerror(errno));
		return 2;
	}
	while ((de = readdir(d))) {
		if (!report_record_file(de->d_name))
			continue;
		if (c->nr == MAX_RECORDS)
			many = 1;
		else
			snprintf(c->path[c->nr++], PATH_MAX, "%s/%s", c->dir,
				 de->d_name);
	}
	closedir(d);
	if (!c->nr || many)
		return usage_error(many ? "'%s' holds more than three run records" :
				   "'%s' holds no run records (record-*.txt)",
				   c->dir);
	qsort(c->path, c->nr, sizeof(c->path[0]), by_name);
	return 0;
}

/* Read the records; the runs must be of one scenario and one seed. */
static int load(const struct report_cmd *c, struct scenario_run *runs,
		struct report_origin *o)
{
	int i;

	for (i = 0; i < c->nr; i++) {
		if (report_read_record(c->path[i], &runs[i], &o[i]))
			return 2;
		if (i && (strcmp(o[i].scenario, o[0].scenario) ||
			  o[i].seed != o[0].seed)) {
			fprintf(stderr, "umm: report: '%s' is a run of %s, seed "
				"%lu; '%s' one of %s, seed %lu\n", c->path[0],
				o[0].scenario, o[0].seed, c->path[i],
				o[i].scenario, o[i].seed);
			return 2;
		}
	}
	return 0;
}

/* A directory's runs go back to their places in the report. */
static void order_runs(struct scenario_run *runs, struct report_origin *o,
		       int nr)
{
	struct scenario_run run;
	struct report_origin origin;
	int i, j;

	for (i = 1; i < nr; i++)
		for (j = i; j > 0 && o[j - 1].place > o[j].place; j--) {
			run = runs[j];
			runs[j] = runs[j - 1];
			runs[j - 1] = run;
			origin = o[j];
			o[j] = o[j - 1];
			o[j - 1] = origin;
		}
}

/**
 * report_wanted - is this command line `umm report`?
 * @argc: arguments after the program name
 * @argv: the arguments
 *
 * Return: true if the first argument is "report".
 */
int report_wanted(int argc, char **argv)
{
	return argc > 0 && !strcmp(argv[0], "report");
}

/**
 * report_main - make a report again from saved run records
 * @argc: arguments after the program name, "report" first
 * @argv: the arguments
 *
 * Return: the exit status: 0, or 2 for bad input or a report that
 * could not be written.
 */
int report_main(int argc, char **argv)
{
	struct scenario_run runs[MAX_RECORDS];
	struct report_origin o[MAX_RECORDS];
	struct report_cmd c;
	int err, i;

	memset(runs, 0, sizeof(runs));
	err = parse(&c, argc, argv);
	if (!err && c.dir)
		err = find_records(&c);
	if (!err)
		err = load(&c, runs, o);
	if (!err && c.dir)
		order_runs(runs, o, c.nr);
	if (!err) {
		report_print_table(stdout, o[0].scenario, o[0].seed, runs, c.nr);
		err = report_write(c.out, o[0].scenario, o[0].seed, runs, c.nr);
		if (!err)
			printf("report: %s/index.html\n", c.out);
		err = err ? 2 : 0;
	}
	for (i = 0; i < MAX_RECORDS; i++)
		report_free_run(&runs[i]);
	return err;
}
