// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/figures.c - what a parsed run says, as the writers need it
 *
 * The table, the HTML, the JSON and the charts all read a run through
 * these, so that a phase's length or a free-page count is worked out in
 * one place.
 */
#include <string.h>

#include "internal.h"

/* A run's label; an unlabelled one is named by its place. */
const char *report_run_label(const struct scenario_run *runs, int i)
{
	return runs[i].label[0] ? runs[i].label : (i ? "run 2" : "run 1");
}

/* A report shows 1 to REPORT_MAX_RUNS runs; 0: there is nothing to show. */
int report_clamp_runs(int nr)
{
	return nr < 1 ? 0 : nr > REPORT_MAX_RUNS ? REPORT_MAX_RUNS : nr;
}

const struct report_stat *report_find_stat(const struct scenario_run *run,
					   const char *key)
{
	unsigned int i;

	for (i = 0; i < run->nr_stats; i++)
		if (!strcmp(run->stats[i].key, key))
			return &run->stats[i];
	return NULL;
}

const struct report_map *report_find_map(const struct scenario_run *run,
					 const char *label)
{
	unsigned int i;

	for (i = 0; i < run->nr_maps; i++)
		if (!strcmp(run->maps[i].label, label))
			return &run->maps[i];
	return NULL;
}

/* @names with @name added, unless it is there already or @names is full. */
static int add_name(const char **names, int n, int max, const char *name)
{
	int k;

	for (k = 0; k < n; k++)
		if (!strcmp(names[k], name))
			return n;
	if (n < max)
		names[n++] = name;
	return n;
}

/* The maps' labels, in the order the runs first show them. */
int report_map_labels(const struct scenario_run *runs, int nr,
		      const char **labels)
{
	int n = 0, r;
	unsigned int i;

	for (r = 0; r < nr; r++)
		for (i = 0; i < runs[r].nr_maps; i++)
			n = add_name(labels, n, 2 * REPORT_MAX_MAPS,
				     runs[r].maps[i].label);
	return n;
}

/* Free pages in blocks of @order: a block of order N is 1 << N pages. */
unsigned long long report_free_pages(const struct report_buddy *b, int order)
{
	return (unsigned long long)b->nr_free[order] << order;
}

unsigned long long report_free_total(const struct report_buddy *b)
{
	unsigned long long sum = 0;
	int o;

	for (o = 0; o < REPORT_MAX_ORDER; o++)
		sum += report_free_pages(b, o);
	return sum;
}

/* A phase's seconds; a run that crashed in it ran it until its end. */
double report_phase_seconds(const struct scenario_run *run, unsigned int i)
{
	const struct report_phase *p = &run->phases[i];

	if (i == run->nr_phases - 1 && !run->ended && !p->seconds &&
	    run->wall > p->start)
		return run->wall - p->start;
	return p->seconds;
}

/* The phases' names, in the order the runs first show them. */
int report_phase_names(const struct scenario_run *runs, int nr,
		       const char **names, int max)
{
	int n = 0, r;
	unsigned int i;

	for (r = 0; r < nr; r++)
		for (i = 0; i < runs[r].nr_phases; i++)
			n = add_name(names, n, max, runs[r].phases[i].name);
	return n;
}
