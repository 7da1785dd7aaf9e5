// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/report.c - write a report directory
 *
 * Every file is written into the temporary directory of report_dir.c,
 * index.html last, and the directory is put in place only when all of
 * them were written: a failed run leaves the old report, or none.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct out {
	const char *dir;	/* the name the user gave, for messages */
	const char *tmp;
	int err;
};

/* Write tmp/@name with @fn; on failure, say so once and remember why. */
static void out_file(struct out *o, const char *name,
		     void (*fn)(FILE *f, const void *arg), const void *arg)
{
	char path[PATH_MAX];
	FILE *f;
	int err = 0;

	if (o->err)
		return;
	snprintf(path, sizeof(path), "%s/%s", o->tmp, name);
	f = fopen(path, "w");
	if (!f) {
		err = errno;
	} else {
		fn(f, arg);
		if (ferror(f))
			err = errno ? errno : EIO;
		if (fclose(f) && !err)
			err = errno ? errno : EIO;
	}
	if (err) {
		fprintf(stderr, "umm: report: cannot write '%s/%s': %s\n",
			o->dir, name, strerror(err));
		o->err = -err;
	}
}

static void html_fn(FILE *f, const void *arg)
{
	html_write(f, arg);
}

static void json_fn(FILE *f, const void *arg)
{
	json_write(f, arg);
}

struct map_file {
	const struct legend *legend;
	const struct report_map *map;
	const char *title;
};

static void map_fn(FILE *f, const void *arg)
{
	const struct map_file *mf = arg;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	svg_map(f, mf->legend, mf->map, mf->title, true);
}

/* The runs' names in file names: two runs with one label get two. */
static void run_slugs(char (*slugs)[REPORT_NAME_LEN],
		      const struct scenario_run *runs, int nr)
{
	int i, j;

	for (i = 0; i < nr; i++) {
		report_slug(slugs[i], REPORT_NAME_LEN, report_run_label(runs, i));
		for (j = 0; j < i; j++)
			if (!strcmp(slugs[j], slugs[i]))
				snprintf(slugs[i], REPORT_NAME_LEN, "run%d", i + 1);
	}
}

/* map-RUN-LABEL.svg for each map of each run. */
static void write_maps(struct out *o, const struct report *rep)
{
	char title[3 * REPORT_NAME_LEN + 64];
	char label[REPORT_NAME_LEN], name[3 * REPORT_NAME_LEN];
	struct map_file mf = { .title = title, .legend = rep->legend };
	unsigned int k;
	int i;

	for (i = 0; i < rep->nr; i++) {
		for (k = 0; k < rep->runs[i].nr_maps; k++) {
			mf.map = &rep->runs[i].maps[k];
			report_slug(label, sizeof(label), mf.map->label);
			snprintf(name, sizeof(name), "map-%s-%s.svg",
				 rep->slugs[i], label);
			report_map_title(title, sizeof(title), rep->runs, i,
					 rep->scenario, mf.map->label);
			out_file(o, name, map_fn, &mf);
		}
	}
}

struct record_file {
	const struct report *rep;
	int i;
};

static void record_fn(FILE *f, const void *arg)
{
	const struct record_file *rf = arg;

	report_write_record(f, rf->rep, rf->i);
}

/* record-RUN.txt for each run that kept its record. */
static void write_records(struct out *o, const struct report *rep)
{
	struct record_file rf = { .rep = rep };
	char name[REPORT_NAME_LEN + 16];

	for (rf.i = 0; rf.i < rep->nr; rf.i++) {
		if (!rep->runs[rf.i].record)
			continue;
		snprintf(name, sizeof(name), "record-%s.txt", rep->slugs[rf.i]);
		out_file(o, name, record_fn, &rf);
	}
}

/* Every file of the report @rep, into @o's temporary directory. */
static void write_files(struct out *o, struct report *rep)
{
	char slugs[REPORT_MAX_RUNS][REPORT_NAME_LEN];
	struct rows *r = calloc(1, sizeof(*r));
	struct legend lg;

	if (!r) {
		o->err = -ENOMEM;
		report_dir_fail(o->dir, ENOMEM);
		return;
	}
	report_build_rows(r, rep->runs, rep->nr);
	run_slugs(slugs, rep->runs, rep->nr);
	legend_build(&lg, rep->runs, rep->nr);
	rep->rows = r;
	rep->slugs = slugs;
	rep->legend = &lg;
	write_maps(o, rep);
	write_records(o, rep);
	out_file(o, "report.json", json_fn, rep);
	/* Last: a directory with index.html in it is a whole report. */
	out_file(o, "index.html", html_fn, rep);
	rep->rows = NULL;
	rep->slugs = NULL;
	rep->legend = NULL;
	free(r);
}

int report_write(const char *dir, const char *scenario, unsigned long seed,
		 const struct scenario_run *runs, int nr)
{
	struct report rep = {
		.scenario = scenario ? scenario : "scenario",
		.seed = seed,
		.runs = runs,
		.nr = report_clamp_runs(nr),
	};
	struct report_dir d;
	struct out o = { .dir = dir };
	int err;

	if (!rep.nr) {
		report_dir_fail(dir, EINVAL);
		return -EINVAL;
	}
	err = report_dir_begin(&d, dir);
	if (err)
		return err;
	o.tmp = d.tmp;
	write_files(&o, &rep);
	if (o.err) {
		report_dir_cancel(&d);
		return o.err;
	}
	return report_dir_commit(&d);
}
