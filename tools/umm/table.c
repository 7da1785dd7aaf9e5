// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/table.c - the side-by-side table, as rows of strings
 *
 * The rows are built once and printed three times: as text here, as HTML
 * (html.c) and as JSON (json.c), so that the three cannot disagree on a
 * number.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static struct row *add_row(struct rows *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static struct row *add_row(struct rows *r, const char *fmt, ...)
{
	struct row *row;
	va_list ap;

	if (r->nr >= MAX_ROWS)
		return NULL;
	row = &r->row[r->nr++];
	memset(row, 0, sizeof(*row));
	row->section = r->section;
	r->section = NULL;
	va_start(ap, fmt);
	vsnprintf(row->label, sizeof(row->label), fmt, ap);
	va_end(ap);
	return row;
}

/* The compaction counters, as /proc/vmstat names them. */
static const char *const compaction_keys[] = {
	"compact_stall", "compact_success", "compact_fail",
	"compact_migrate_scanned", "compact_free_scanned",
	"compact_isolated", "pgmigrate_success",
};

/* After "migrated: LRU" and a row per movable kind of the runs. */
static const struct {
	const char *key, *label;
} other_keys[] = {
	{ "task_failures",	"tasks that failed to start" },
	{ "oom_kill",		"OOM kills" },
};

static void stat_cell(char *cell, const struct scenario_run *run, const char *key)
{
	const struct report_stat *s = report_find_stat(run, key);

	if (s)
		snprintf(cell, CELL_LEN, "%llu", s->value);
	else
		snprintf(cell, CELL_LEN, "-");
}

static void before_after_cell(char *cell, const struct report_buddy *before,
			      const struct report_buddy *after, int order)
{
	char a[24] = "-", b[24] = "-";

	if (before)
		snprintf(a, sizeof(a), "%llu", order < 0 ?
			 report_free_total(before) :
			 report_free_pages(before, order));
	if (after)
		snprintf(b, sizeof(b), "%llu", order < 0 ?
			 report_free_total(after) :
			 report_free_pages(after, order));
	snprintf(cell, CELL_LEN, "%s -> %s", a, b);
}

static double phase_total(const struct scenario_run *run, const char *name,
			  bool *found)
{
	double sum = 0;
	unsigned int i;

	*found = false;
	for (i = 0; i < run->nr_phases; i++) {
		if (!strcmp(run->phases[i].name, name)) {
			sum += report_phase_seconds(run, i);
			*found = true;
		}
	}
	return sum;
}

static void alloc_cell(char *cell, const struct scenario_run *run, int o)
{
	unsigned long long ok = run->alloc_ok[o];
	unsigned long long total = run->alloc_total[o];

	if (total)
		/* Rounded down: 100% means every one. */
		snprintf(cell, CELL_LEN, "%llu/%llu (%llu%%)", ok, total,
			 ok * 100 / total);
	else
		snprintf(cell, CELL_LEN, "-");
}

/*
 * The huge pages the pool obtained (echo N > /proc/sys/vm/nr_hugepages,
 * mm/hugetlb.c): each is one htlb_buddy_alloc_success, in umm and in
 * Linux alike.  Only if a run grew the pool.
 */
static void hugetlb_row(struct rows *r, const struct scenario_run *runs,
			int nr)
{
	static const char key[] = "htlb_buddy_alloc_success";
	const struct report_stat *s;
	bool probed = false;
	struct row *row;
	int i;

	for (i = 0; i < nr; i++) {
		s = report_find_stat(&runs[i], key);
		probed |= s && s->value;
	}
	if (!probed)
		return;
	row = add_row(r, "huge pages via nr_hugepages");
	for (i = 0; row && i < nr; i++)
		stat_cell(row->cell[i], &runs[i], key);
}

/* A row per order that either run probed. */
static void alloc_rows(struct rows *r, const struct scenario_run *runs, int nr)
{
	struct row *row;
	int o, i;

	r->section = "allocation success";
	for (o = 0; o < REPORT_MAX_ORDER; o++) {
		bool probed = false;

		for (i = 0; i < nr; i++)
			probed |= runs[i].alloc_total[o] != 0;
		if (!probed)
			continue;
		row = add_row(r, "order-%d allocs", o);
		for (i = 0; row && i < nr; i++)
			alloc_cell(row->cell[i], &runs[i], o);
	}
	hugetlb_row(r, runs, nr);
	r->section = NULL;
}

/* Free pages at the "before" and "after" snapshots, if there are any. */
static void free_rows(struct rows *r, const struct scenario_run *runs, int nr)
{
	bool any_sample = false;
	struct row *row;
	int o, i;

	for (i = 0; i < nr; i++)
		any_sample |= report_buddy(&runs[i], "before") ||
			      report_buddy(&runs[i], "after");
	if (!any_sample)
		return;
	r->section = "free pages by order (before -> after)";
	for (o = -1; o < REPORT_MAX_ORDER; o++) {
		row = o < 0 ? add_row(r, "free pages, all orders") :
			      add_row(r, "order-%d free pages", o);
		for (i = 0; row && i < nr; i++)
			before_after_cell(row->cell[i],
					  report_buddy(&runs[i], "before"),
					  report_buddy(&runs[i], "after"), o);
	}
}

static void stat_row(struct rows *r, const struct scenario_run *runs, int nr,
		     const char *key, const char *label)
{
	struct row *row = add_row(r, "%s", label);
	int i;

	for (i = 0; row && i < nr; i++)
		stat_cell(row->cell[i], &runs[i], key);
}

/* Did a run before @i (or @i itself, before @k) name kind @name? */
static bool kind_seen(const struct scenario_run *runs, int i, unsigned int k,
		      const char *name)
{
	unsigned int j;
	int n;

	for (n = 0; n <= i; n++)
		for (j = 0; j < (n < i ? runs[n].nr_kinds : k); j++)
			if (!strcmp(runs[n].kinds[j].name, name))
				return true;
	return false;
}

/* A row per movable kind the runs' records name, in their order. */
static void kind_rows(struct rows *r, const struct scenario_run *runs, int nr)
{
	char key[REPORT_NAME_LEN + 16], label[ROW_LABEL_LEN];
	unsigned int k;
	int i;

	for (i = 0; i < nr; i++) {
		for (k = 0; k < runs[i].nr_kinds; k++) {
			const struct report_kind *kind = &runs[i].kinds[k];

			if (!kind->movable || kind_seen(runs, i, k, kind->name))
				continue;
			snprintf(key, sizeof(key), "migrated_%s", kind->name);
			snprintf(label, sizeof(label), "migrated: %s",
				 kind->name);
			stat_row(r, runs, nr, key, label);
		}
	}
}

static void stat_rows(struct rows *r, const struct scenario_run *runs, int nr)
{
	struct row *row;
	unsigned int k;
	int i;

	r->section = "compaction";
	for (k = 0; k < ARRAY_SIZE(compaction_keys); k++) {
		row = add_row(r, "%s", compaction_keys[k]);
		for (i = 0; row && i < nr; i++)
			stat_cell(row->cell[i], &runs[i], compaction_keys[k]);
	}
	r->section = "pages migrated by kind, tasks";
	stat_row(r, runs, nr, "migrated_lru", "migrated: LRU");
	kind_rows(r, runs, nr);
	for (k = 0; k < ARRAY_SIZE(other_keys); k++)
		stat_row(r, runs, nr, other_keys[k].key, other_keys[k].label);
}

static void time_rows(struct rows *r, const struct scenario_run *runs, int nr)
{
	const char *names[REPORT_MAX_PHASES * 2];
	struct row *row;
	int i, k, n;

	r->section = "time";
	row = add_row(r, "wall time");
	for (i = 0; row && i < nr; i++)
		snprintf(row->cell[i], CELL_LEN, "%.2f s", runs[i].wall);
	n = report_phase_names(runs, nr, names, REPORT_MAX_PHASES * 2);
	for (k = 0; k < n; k++) {
		row = add_row(r, "phase %s", names[k]);
		for (i = 0; row && i < nr; i++) {
			bool found;
			double s = phase_total(&runs[i], names[k], &found);

			if (found)
				snprintf(row->cell[i], CELL_LEN, "%.2f s", s);
			else
				snprintf(row->cell[i], CELL_LEN, "-");
		}
	}
}

/* A row that says which run did not finish, if one did not. */
static void status_row(struct rows *r, const struct scenario_run *runs, int nr)
{
	bool crashed = false;
	struct row *row;
	int i;

	for (i = 0; i < nr; i++)
		crashed |= !runs[i].ended;
	if (!crashed)
		return;
	row = add_row(r, "run");
	for (i = 0; row && i < nr; i++) {
		if (runs[i].ended)
			snprintf(row->cell[i], CELL_LEN, "completed");
		else
			snprintf(row->cell[i], CELL_LEN, "INCOMPLETE (status %d)",
				 runs[i].exit_status);
	}
}

void report_build_rows(struct rows *r, const struct scenario_run *runs, int nr)
{
	r->nr = 0;
	alloc_rows(r, runs, nr);
	free_rows(r, runs, nr);
	stat_rows(r, runs, nr);
	time_rows(r, runs, nr);
	status_row(r, runs, nr);
}

static int max(int a, int b)
{
	return a > b ? a : b;
}

/* The widths of the label column and of each run's column. */
static void column_widths(const struct rows *r, const struct scenario_run *runs,
			  int nr, int *lw, int cw[REPORT_MAX_RUNS])
{
	int i, k;

	*lw = 0;
	for (i = 0; i < REPORT_MAX_RUNS; i++)
		cw[i] = 0;
	for (k = 0; k < r->nr; k++) {
		*lw = max(*lw, strlen(r->row[k].label));
		for (i = 0; i < nr; i++)
			cw[i] = max(cw[i], strlen(r->row[k].cell[i]));
	}
	*lw += 2;	/* room for the section indent */
	for (i = 0; i < nr; i++)
		cw[i] = max(max(cw[i], strlen(report_run_label(runs, i))), 12);
}

static void print_rows(FILE *f, const struct rows *r, int nr, int lw,
		       const int cw[REPORT_MAX_RUNS])
{
	int i, k;

	for (k = 0; k < r->nr; k++) {
		const struct row *row = &r->row[k];

		if (row->section)
			fprintf(f, "%s%s\n", k ? "\n" : "", row->section);
		fprintf(f, "  %-*s", lw - 2, row->label);
		for (i = 0; i < nr; i++)
			fprintf(f, "  %*s", cw[i], row->cell[i]);
		fputc('\n', f);
	}
}

void report_print_table(FILE *f, const char *scenario, unsigned long seed,
			const struct scenario_run *runs, int nr)
{
	struct rows *r = calloc(1, sizeof(*r));
	int lw, cw[REPORT_MAX_RUNS], width, i, k;

	nr = report_clamp_runs(nr);
	if (!r || !nr) {
		free(r);
		return;
	}
	report_build_rows(r, runs, nr);
	column_widths(r, runs, nr, &lw, cw);
	width = lw;
	for (i = 0; i < nr; i++)
		width += 2 + cw[i];

	fprintf(f, "%s, seed %lu\n", scenario ? scenario : "scenario", seed);
	fprintf(f, "%-*s", lw, "");
	for (i = 0; i < nr; i++)
		fprintf(f, "  %*s", cw[i], report_run_label(runs, i));
	fputc('\n', f);
	for (k = 0; k < width; k++)
		fputc('-', f);
	fputc('\n', f);
	print_rows(f, r, nr, lw, cw);
	free(r);
}
