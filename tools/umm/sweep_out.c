// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/sweep_out.c - a sweep's tables, sweep.csv and sweep.json
 *
 * The statistics table has a block per configuration: each row of the
 * scenario's table with its mean, min, max and sample standard
 * deviation over the runs.  The comparison table is mmtests' compare
 * output: one "Amean" line per metric, the first configuration (the
 * baseline) then each other, a mean and its difference from the
 * baseline's in percent.  Unlike mmtests, the sign is the plain
 * difference ((other - base) / base): umm does not know which way is
 * better for a row.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "sweep.h"

/* How many distinct seeds, and the lowest and highest. */
static int seed_range(const struct sweep_data *d, unsigned long *lo,
		      unsigned long *hi)
{
	int i, j, n = 0;

	*lo = *hi = 0;
	for (i = 0; i < d->nr_runs; i++) {
		unsigned long s = d->runs[i].seed;

		for (j = 0; j < i && d->runs[j].seed != s; j++)
			;
		n += j == i;
		if (!i || s < *lo)
			*lo = s;
		if (!i || s > *hi)
			*hi = s;
	}
	return n;
}

static int config_runs(const struct sweep_data *d, int c, int *failed)
{
	int i, n = 0;

	*failed = 0;
	for (i = 0; i < d->nr_runs; i++) {
		if (d->runs[i].config != c)
			continue;
		n++;
		*failed += !d->runs[i].ok;
	}
	return n;
}

static void print_head(FILE *f, const struct sweep_data *d)
{
	unsigned long lo, hi;
	int seeds = seed_range(d, &lo, &hi);

	fprintf(f, "%s: %d run%s, %d seed%s (%lu-%lu), %d configuration%s\n",
		d->scenario, d->nr_runs, d->nr_runs == 1 ? "" : "s", seeds,
		seeds == 1 ? "" : "s", lo, hi, d->nr_configs,
		d->nr_configs == 1 ? "" : "s");
}

/**
 * sweep_print_stats - per configuration, each row's mean, min, max, stddev
 * @f: where to
 * @d: the sweep
 */
void sweep_print_stats(FILE *f, const struct sweep_data *d)
{
	struct sweep_stats s;
	const char *section;
	int c, m, n, failed;

	print_head(f, d);
	for (c = 0; c < d->nr_configs; c++) {
		n = config_runs(d, c, &failed);
		fprintf(f, "\n%s: %d run%s", d->configs[c].name, n,
			n == 1 ? "" : "s");
		if (failed)
			fprintf(f, ", %d failed (left out)", failed);
		fprintf(f, "\n%-36s %14s %14s %14s %12s\n", "", "mean", "min",
			"max", "stddev");
		section = NULL;
		for (m = 0; m < d->nr_metrics; m++) {
			const struct sweep_metric *mt = &d->metrics[m];

			if (!section || strcmp(section, mt->section)) {
				section = mt->section;
				fprintf(f, "%s\n", section);
			}
			sweep_metric_stats(d, c, m, &s);
			if (!s.n) {
				fprintf(f, "  %-34.34s %14s\n", mt->name, "-");
				continue;
			}
			fprintf(f, "  %-34.34s %14.2f %14.2f %14.2f %12.2f\n",
				mt->name, s.mean, s.min, s.max, s.stddev);
		}
	}
}

/**
 * sweep_print_compare - mmtests-style comparison of the configurations
 * @f: where to
 * @d: the sweep; its first configuration is the baseline
 */
void sweep_print_compare(FILE *f, const struct sweep_data *d)
{
	struct sweep_stats base, s;
	int c, m;

	fprintf(f, "\n%-44s", "");
	for (c = 0; c < d->nr_configs; c++)
		fprintf(f, " %25.25s", d->configs[c].name);
	fputc('\n', f);
	for (m = 0; m < d->nr_metrics; m++) {
		fprintf(f, "Amean     %-34.34s", d->metrics[m].name);
		sweep_metric_stats(d, 0, m, &base);
		for (c = 0; c < d->nr_configs; c++) {
			double pct;

			sweep_metric_stats(d, c, m, &s);
			if (!s.n) {
				fprintf(f, " %25s", "-");
				continue;
			}
			pct = base.n ? sweep_diff_pct(base.mean, s.mean) : NAN;
			if (isnan(pct))
				fprintf(f, " %14.2f (%8s)", s.mean, "n/a");
			else if (fabs(pct) < 1000)
				fprintf(f, " %14.2f (%7.2f%%)", s.mean, pct);
			else	/* the hundredths of a huge change say nothing */
				fprintf(f, " %14.2f (%7.0f%%)", s.mean, pct);
		}
		fputc('\n', f);
	}
}

/* A CSV field: quoted when it holds a comma, a quote or a space. */
static void csv_field(FILE *f, const char *s)
{
	if (!strpbrk(s, ",\" ")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/**
 * sweep_write_csv - one line per run per metric, after a header line
 * @f: where to
 * @d: the sweep
 *
 * Columns: scenario, seed, config, label, settings, status (ok or
 * failed), section, metric, value (empty when the run has none).
 */
void sweep_write_csv(FILE *f, const struct sweep_data *d)
{
	int i, m;

	fputs("scenario,seed,config,label,settings,status,section,metric,value\n",
	      f);
	for (i = 0; i < d->nr_runs; i++) {
		const struct sweep_run *r = &d->runs[i];
		const struct sweep_config *c = &d->configs[r->config];

		for (m = 0; m < d->nr_metrics; m++) {
			csv_field(f, d->scenario);
			fprintf(f, ",%lu,", r->seed);
			csv_field(f, c->name);
			fputc(',', f);
			csv_field(f, c->label);
			fputc(',', f);
			csv_field(f, c->settings);
			fprintf(f, ",%s,", r->ok ? "ok" : "failed");
			csv_field(f, d->metrics[m].section);
			fputc(',', f);
			csv_field(f, d->metrics[m].name);
			fputc(',', f);
			if (!isnan(r->value[m]))
				fprintf(f, "%.17g", r->value[m]);
			fputc('\n', f);
		}
	}
}

static void json_num(FILE *f, double v)
{
	if (isfinite(v))
		fprintf(f, "%.17g", v);
	else
		fputs("null", f);
}

/**
 * sweep_write_json - the configurations, the runs and each metric's
 * statistics per configuration
 * @f: where to
 * @d: the sweep
 */
void sweep_write_json(FILE *f, const struct sweep_data *d)
{
	struct sweep_stats base, s;
	int c, i, m;

	fputs("{\n  \"scenario\": ", f);
	json_str(f, d->scenario);
	fputs(",\n  \"stddev\": \"sample (n - 1)\",\n  \"configs\": [", f);
	for (c = 0; c < d->nr_configs; c++) {
		fputs(c ? ",\n    {\"name\": " : "\n    {\"name\": ", f);
		json_str(f, d->configs[c].name);
		fputs(", \"label\": ", f);
		json_str(f, d->configs[c].label);
		fputs(", \"settings\": ", f);
		json_str(f, d->configs[c].settings);
		fputc('}', f);
	}
	fputs("\n  ],\n  \"runs\": [", f);
	for (i = 0; i < d->nr_runs; i++)
		fprintf(f, "%s\n    {\"seed\": %lu, \"config\": %d, \"ok\": %s}",
			i ? "," : "", d->runs[i].seed, d->runs[i].config,
			d->runs[i].ok ? "true" : "false");
	fputs("\n  ],\n  \"metrics\": [", f);
	for (m = 0; m < d->nr_metrics; m++) {
		fputs(m ? ",\n    {\"section\": " : "\n    {\"section\": ", f);
		json_str(f, d->metrics[m].section);
		fputs(", \"name\": ", f);
		json_str(f, d->metrics[m].name);
		fputs(", \"stats\": [", f);
		sweep_metric_stats(d, 0, m, &base);
		for (c = 0; c < d->nr_configs; c++) {
			sweep_metric_stats(d, c, m, &s);
			fprintf(f, "%s\n      {\"config\": %d, \"n\": %d, \"mean\": ",
				c ? "," : "", c, s.n);
			json_num(f, s.n ? s.mean : NAN);
			fputs(", \"min\": ", f);
			json_num(f, s.n ? s.min : NAN);
			fputs(", \"max\": ", f);
			json_num(f, s.n ? s.max : NAN);
			fputs(", \"stddev\": ", f);
			json_num(f, s.n ? s.stddev : NAN);
			fputs(", \"diff_pct\": ", f);
			json_num(f, s.n && base.n ?
				 sweep_diff_pct(base.mean, s.mean) : NAN);
			fputc('}', f);
		}
		fputs("]}", f);
	}
	fputs("\n  ]\n}\n", f);
}

/* Write @dir/@name through a temporary file; 0 or -errno, said. */
static int write_file(const char *dir, const char *name,
		      void (*fn)(FILE *, const struct sweep_data *),
		      const struct sweep_data *d)
{
	char path[PATH_MAX], tmp[PATH_MAX + 16];
	FILE *f;
	int err = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (!f) {
		err = errno;
	} else {
		fn(f, d);
		if (ferror(f))
			err = EIO;
		if (fclose(f) && !err)
			err = errno;
		if (!err && rename(tmp, path))
			err = errno;
	}
	if (err) {
		fprintf(stderr, "umm: sweep: cannot write '%s': %s\n", path,
			strerror(err));
		unlink(tmp);
	}
	return -err;
}

static void text_fn(FILE *f, const struct sweep_data *d)
{
	sweep_print_stats(f, d);
	sweep_print_compare(f, d);
}

/**
 * sweep_write_files - sweep.csv, sweep.json, sweep.html and sweep.txt
 * @dir: the sweep's directory
 * @d: the sweep
 *
 * Return: 0, or -errno after one line naming the file.
 */
int sweep_write_files(const char *dir, const struct sweep_data *d)
{
	return write_file(dir, "sweep.csv", sweep_write_csv, d) ? :
	       write_file(dir, "sweep.json", sweep_write_json, d) ? :
	       write_file(dir, "sweep.html", sweep_write_html, d) ? :
	       write_file(dir, "sweep.txt", text_fn, d);
}
