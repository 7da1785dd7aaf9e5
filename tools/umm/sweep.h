/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/sweep.h - many runs of a scenario, and their statistics
 *
 * `umm sweep` (sweep.c) runs a scenario for every seed of a range, with
 * the series on and off, and for each value of one varied sysctl: each
 * run a process of its own (sweep_pool.c), several at once, each saving
 * its record (record_file.c) in the sweep's directory.  sweep_data.c reads the
 * records back, from one sweep or several merged (`umm sweep --merge`),
 * into metrics: one per row of the scenario's table; sweep_stats.c sums
 * them up; sweep_out.c prints the tables and writes sweep.csv and
 * sweep.json, sweep_html.c the page with the spread of each row.
 */
#ifndef _TOOLS_UMM_SWEEP_H
#define _TOOLS_UMM_SWEEP_H

#include <stddef.h>
#include <stdio.h>

/* sweep_stats.c: one metric of one configuration, over its runs */
struct sweep_stats {
	int n;			/* runs that have the metric */
	double mean, min, max;
	double stddev;		/* sample standard deviation (n - 1); 0 if n < 2 */
};

void sweep_stats(const double *v, int n, struct sweep_stats *s);
double sweep_diff_pct(double base, double val);

/* sweep_data.c: the runs, their configurations and metrics */
#define SWEEP_NAME_LEN		96
#define SWEEP_SETTINGS_LEN	512

struct sweep_config {
	char key[SWEEP_SETTINGS_LEN + 40];	/* label and settings: its identity */
	char label[32];				/* "series on" */
	char settings[SWEEP_SETTINGS_LEN];
	char name[SWEEP_NAME_LEN];		/* what the tables call it */
};

struct sweep_run {
	int config;
	unsigned long seed;
	int ok;				/* ended well */
	double *value;			/* per metric; NAN when it had none */
	int nr_values;
};

struct sweep_metric {
	char section[48];
	char name[64];
};

struct sweep_data {
	char scenario[128];
	int nr_configs, nr_runs, nr_metrics;
	struct sweep_config *configs;
	struct sweep_run *runs;
	struct sweep_metric *metrics;
};

int sweep_read_dirs(struct sweep_data *d, char **dirs, int nr);
void sweep_free_data(struct sweep_data *d);
void sweep_metric_stats(const struct sweep_data *d, int config, int metric,
			struct sweep_stats *s);

/* sweep_out.c, sweep_html.c: what a sweep gives */
void sweep_print_stats(FILE *f, const struct sweep_data *d);
void sweep_print_compare(FILE *f, const struct sweep_data *d);
void sweep_write_csv(FILE *f, const struct sweep_data *d);
void sweep_write_json(FILE *f, const struct sweep_data *d);
void sweep_write_html(FILE *f, const struct sweep_data *d);
int sweep_write_files(const char *dir, const struct sweep_data *d);

#endif /* _TOOLS_UMM_SWEEP_H */
