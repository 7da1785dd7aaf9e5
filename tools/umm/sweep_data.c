// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/sweep_data.c - a sweep's runs, read back from their records
 *
 * Every run of a sweep saved its record (record_file.c); whatever ran
 * them (`umm sweep` here, GNU parallel or a Slurm array on other
 * machines), the records are the sweep.  A run's configuration is its
 * label ("series on", "series off") and its settings (the "# settings"
 * line: parameters, off switches, sysctls), so records from several
 * directories merge by themselves.  Its metrics are the rows of the
 * scenario's table (table.c), the same figures `umm scenario` prints,
 * read from the cells: "OK/TOTAL (P%)" counts OK, "A -> B" is two
 * metrics (before, after), "1.25 s" is 1.25.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"
#include "sweep.h"

static int find_metric(struct sweep_data *d, const char *section,
		       const char *name)
{
	struct sweep_metric *m;
	int i;

	for (i = 0; i < d->nr_metrics; i++)
		if (!strcmp(d->metrics[i].name, name) &&
		    !strcmp(d->metrics[i].section, section))
			return i;
	m = realloc(d->metrics, (d->nr_metrics + 1) * sizeof(*m));
	if (!m)
		return -ENOMEM;
	d->metrics = m;
	m = &d->metrics[d->nr_metrics];
	snprintf(m->section, sizeof(m->section), "%s", section);
	snprintf(m->name, sizeof(m->name), "%s", name);
	return d->nr_metrics++;
}

/* Room in @r for every metric so far, NAN where it has none. */
static int grow_values(struct sweep_run *r, int nr)
{
	double *p;

	if (r->nr_values >= nr)
		return 0;
	p = realloc(r->value, nr * sizeof(*p));
	if (!p)
		return -ENOMEM;
	r->value = p;
	while (r->nr_values < nr)
		p[r->nr_values++] = NAN;
	return 0;
}

/* Give run @r metric (@section, @name) the value @v. */
static int set_value(struct sweep_data *d, struct sweep_run *r,
		     const char *section, const char *name, double v)
{
	int m = find_metric(d, section, name);

	if (m < 0)
		return m;
	if (grow_values(r, d->nr_metrics))
		return -ENOMEM;
	r->value[m] = v;
	return 0;
}

/* A cell as one or two numbers; 0, 1 or 2 of them. */
static int cell_values(const char *cell, double *a, double *b)
{
	const char *arrow = strstr(cell, " -> ");
	char *end;

	*a = strtod(cell, &end);
	if (end == cell)
		return 0;
	if (!arrow)
		return 1;
	*b = strtod(arrow + 4, &end);
	return end == arrow + 4 ? 1 : 2;
}

static int add_metrics(struct sweep_data *d, struct sweep_run *r,
		       const struct scenario_run *run)
{
	struct rows *rows = malloc(sizeof(*rows));
	const char *section = "";
	char name[80];
	double a, b;
	int k, n, err = 0;

	if (!rows)
		return -ENOMEM;
	report_build_rows(rows, run, 1);
	for (k = 0; k < rows->nr && !err; k++) {
		const struct row *row = &rows->row[k];

		if (row->section)
			section = row->section;
		n = cell_values(row->cell[0], &a, &b);
		if (n == 1) {
			err = set_value(d, r, section, row->label, a);
		} else if (n == 2) {
			snprintf(name, sizeof(name), "%s, before", row->label);
			err = set_value(d, r, section, name, a);
			snprintf(name, sizeof(name), "%s, after", row->label);
			err = err ? : set_value(d, r, section, name, b);
		}
	}
	free(rows);
	return err;
}

static int find_config(struct sweep_data *d, const struct scenario_run *run)
{
	struct sweep_config *c;
	char key[sizeof(c->key)];
	int i;

	snprintf(key, sizeof(key), "%s\n%s", run->label, run->settings);
	for (i = 0; i < d->nr_configs; i++)
		if (!strcmp(d->configs[i].key, key))
			return i;
	c = realloc(d->configs, (d->nr_configs + 1) * sizeof(*c));
	if (!c)
		return -ENOMEM;
	d->configs = c;
	c = &d->configs[d->nr_configs];
	memset(c, 0, sizeof(*c));
	snprintf(c->key, sizeof(c->key), "%s", key);
	snprintf(c->label, sizeof(c->label), "%s", run->label);
	snprintf(c->settings, sizeof(c->settings), "%s", run->settings);
	return d->nr_configs++;
}

/* One record file into @d; 0, or -errno after one line naming it. */
static int read_one(struct sweep_data *d, const char *path)
{
	struct scenario_run *run = malloc(sizeof(*run));
	struct report_origin o;
	struct sweep_run *r;
	int err;

	if (!run)
		return -ENOMEM;
	err = report_read_record(path, run, &o);
	if (err)
		goto out;
	err = -EINVAL;
	if (d->scenario[0] && strcmp(d->scenario, o.scenario)) {
		fprintf(stderr, "umm: sweep: '%s' is a run of %s, not of %s\n",
			path, o.scenario, d->scenario);
		goto out_free;
	}
	snprintf(d->scenario, sizeof(d->scenario), "%s", o.scenario);
	err = -ENOMEM;
	r = realloc(d->runs, (d->nr_runs + 1) * sizeof(*r));
	if (!r)
		goto out_free;
	d->runs = r;
	r = &d->runs[d->nr_runs++];
	memset(r, 0, sizeof(*r));
	r->seed = o.seed;
	r->ok = run->ended && !run->exit_status;
	r->config = find_config(d, run);
	err = r->config < 0 ? r->config : 0;
	/* A failed run counts, but its figures do not. */
	if (!err && r->ok)
		err = add_metrics(d, r, run);
out_free:
	report_free_run(run);
out:
	free(run);
	return err;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char * const *)a, *(char * const *)b);
}

/* The record files of @dir (or of @dir/runs), in name order. */
static int read_dir(struct sweep_data *d, const char *dir)
{
	char sub[PATH_MAX], path[PATH_MAX + 256];
	char **names = NULL;
	struct dirent *e;
	struct stat st;
	int nr = 0, i, err = 0;
	DIR *dp;

	snprintf(sub, sizeof(sub), "%s/runs", dir);
	if (stat(sub, &st) || !S_ISDIR(st.st_mode))
		snprintf(sub, sizeof(sub), "%s", dir);
	dp = opendir(sub);
	if (!dp) {
		err = errno;
		fprintf(stderr, "umm: sweep: cannot read '%s': %s\n", dir,
			strerror(err));
		return -err;
	}
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		char **p;

		if (len < 5 || strcmp(e->d_name + len - 4, ".txt"))
			continue;
		p = realloc(names, (nr + 1) * sizeof(*p));
		if (!p) {
			err = ENOMEM;
			break;
		}
		names = p;
		names[nr] = strdup(e->d_name);
		if (!names[nr]) {
			err = ENOMEM;
			break;
		}
		nr++;
	}
	closedir(dp);
	if (!err)
		qsort(names, nr, sizeof(*names), by_name);
	for (i = 0; i < nr; i++) {
		snprintf(path, sizeof(path), "%s/%s", sub, names[i]);
		if (!err)
			err = -read_one(d, path);
		free(names[i]);
	}
	free(names);
	if (!err && !nr) {
		fprintf(stderr, "umm: sweep: '%s' holds no run records\n", dir);
		return -ENOENT;
	}
	return -err;
}

/* Does config @c have settings word @w? */
static int has_word(const struct sweep_config *c, const char *w, size_t len)
{
	const char *p = c->settings;

	while ((p = strstr(p, w))) {
		if ((p == c->settings || p[-1] == ' ') &&
		    (p[len] == ' ' || !p[len]))
			return 1;
		p++;
	}
	return 0;
}

/*
 * A configuration's name: "on" or "off", then its settings that another
 * configuration of the same label lacks (the varied one), "sysctl."
 * left out: "on vm.extfrag_threshold=0".
 */
static void name_config(struct sweep_data *d, struct sweep_config *c)
{
	const char *p = c->settings;
	int i;

	snprintf(c->name, sizeof(c->name), "%s",
		 !strncmp(c->label, "series ", 7) ? c->label + 7 : c->label);
	while (*p) {
		size_t len = strcspn(p, " "), have = strlen(c->name);
		char w[SWEEP_SETTINGS_LEN];
		int common = 1;

		snprintf(w, sizeof(w), "%.*s", (int)len, p);
		for (i = 0; i < d->nr_configs && common; i++)
			if (!strcmp(d->configs[i].label, c->label))
				common = has_word(&d->configs[i], w, len);
		if (!common)
			snprintf(c->name + have, sizeof(c->name) - have, " %s",
				 strncmp(w, "sysctl.", 7) ? w : w + 7);
		p += len + !!p[len];
	}
}

/* "series on" first, then the settings in version order (0 < 500 < 1000). */
static int config_order(const struct sweep_config *a,
			const struct sweep_config *b)
{
	int on_a = !strcmp(a->label, "series on");
	int on_b = !strcmp(b->label, "series on");

	if (on_a != on_b)
		return on_b - on_a;
	if (strcmp(a->label, b->label))
		return strcmp(a->label, b->label);
	return strverscmp(a->settings, b->settings);
}

/* Put the configurations in order, the runs' indexes with them. */
static void sort_configs(struct sweep_data *d)
{
	int *to = calloc(d->nr_configs, sizeof(*to));
	struct sweep_config tmp;
	int i, j;

	if (!to)
		return;
	for (i = 0; i < d->nr_configs; i++)
		to[i] = i;
	/* Few configurations: a plain insertion sort, keeping the map. */
	for (i = 1; i < d->nr_configs; i++) {
		for (j = i; j > 0 &&
		     config_order(&d->configs[j - 1], &d->configs[j]) > 0; j--) {
			int t = to[j - 1];

			tmp = d->configs[j - 1];
			d->configs[j - 1] = d->configs[j];
			d->configs[j] = tmp;
			to[j - 1] = to[j];
			to[j] = t;
		}
	}
	/* to[new] = old: turn it round for the runs. */
	for (i = 0; i < d->nr_runs; i++)
		for (j = 0; j < d->nr_configs; j++)
			if (to[j] == d->runs[i].config) {
				d->runs[i].config = j;
				break;
			}
	free(to);
}

/**
 * sweep_read_dirs - read the run records of one sweep or several
 * @d: filled in; sweep_free_data() it
 * @dirs: directories: a sweep's (its runs/ is read) or any holding
 *	record files (*.txt)
 * @nr: how many
 *
 * Return: 0, or -errno after one line saying what was wrong.
 */
int sweep_read_dirs(struct sweep_data *d, char **dirs, int nr)
{
	int i, err = 0;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < nr && !err; i++)
		err = read_dir(d, dirs[i]);
	if (err == -ENOMEM)
		fprintf(stderr, "umm: sweep: %s\n", strerror(ENOMEM));
	if (err)
		return err;
	sort_configs(d);
	for (i = 0; i < d->nr_configs; i++)
		name_config(d, &d->configs[i]);
	/* Runs that lack a metric's row (or failed) have NAN there. */
	for (i = 0; i < d->nr_runs; i++)
		if (grow_values(&d->runs[i], d->nr_metrics + 1))
			return -ENOMEM;
	return 0;
}

/**
 * sweep_metric_stats - one metric of one configuration, over its runs
 * @d: the sweep
 * @config: the configuration
 * @metric: the metric
 * @s: the statistics (sweep_stats())
 */
void sweep_metric_stats(const struct sweep_data *d, int config, int metric,
			struct sweep_stats *s)
{
	double *v = calloc(d->nr_runs + 1, sizeof(*v));
	int i, n = 0;

	if (!v) {
		memset(s, 0, sizeof(*s));
		return;
	}
	for (i = 0; i < d->nr_runs; i++)
		if (d->runs[i].config == config && d->runs[i].ok)
			v[n++] = d->runs[i].value[metric];
	sweep_stats(v, n, s);
	free(v);
}

void sweep_free_data(struct sweep_data *d)
{
	int i;

	for (i = 0; i < d->nr_runs; i++)
		free(d->runs[i].value);
	free(d->runs);
	free(d->configs);
	free(d->metrics);
	memset(d, 0, sizeof(*d));
}
