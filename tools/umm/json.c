// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/json.c - report.json: every figure, for scripts
 *
 * Each run as parsed (probes, buddy samples, the chart's samples on the
 * work clock, stats, phases, maps and their pages by kind), the
 * legend of the maps' letters, and the table as printed, so that a
 * script can check one against the other.
 */
#include <string.h>

#include "internal.h"

/* The end of a run's list or object: on a line of its own if it has items. */
static void json_close(FILE *f, bool any, char c)
{
	if (any)
		fprintf(f, "\n      %c", c);
	else
		fputc(c, f);
}

static void json_alloc(FILE *f, const struct scenario_run *run)
{
	bool first = true;
	int o;

	fputs("\"alloc\": [", f);
	for (o = 0; o < REPORT_MAX_ORDER; o++) {
		if (!run->alloc_total[o])
			continue;
		fprintf(f, "%s\n        {\"order\": %d, \"ok\": %llu, "
			"\"total\": %llu}", first ? "" : ",", o,
			run->alloc_ok[o], run->alloc_total[o]);
		first = false;
	}
	json_close(f, !first, ']');
}

static void json_samples(FILE *f, const struct scenario_run *run)
{
	unsigned int s;
	int o;

	fputs("\"samples\": [", f);
	for (s = 0; s < run->nr_samples; s++) {
		const struct report_buddy *b = &run->samples[s];

		fputs(s ? ",\n        {\"label\": " : "\n        {\"label\": ", f);
		json_str(f, b->label);
		fprintf(f, ", \"t\": %.3f, \"nr_free\": [", b->t);
		for (o = 0; o < REPORT_MAX_ORDER; o++)
			fprintf(f, "%s%lu", o ? ", " : "", b->nr_free[o]);
		fputs("],\n         \"free_pages\": [", f);
		for (o = 0; o < REPORT_MAX_ORDER; o++)
			fprintf(f, "%s%llu", o ? ", " : "",
				report_free_pages(b, o));
		fprintf(f, "], \"free_pages_total\": %llu}",
			report_free_total(b));
	}
	json_close(f, run->nr_samples, ']');
}

static void json_stats(FILE *f, const struct scenario_run *run)
{
	unsigned int k;

	fputs("\"stats\": {", f);
	for (k = 0; k < run->nr_stats; k++) {
		fputs(k ? ",\n        " : "\n        ", f);
		json_str(f, run->stats[k].key);
		fprintf(f, ": %llu", run->stats[k].value);
	}
	json_close(f, run->nr_stats, '}');
}

static void json_phases(FILE *f, const struct scenario_run *run)
{
	unsigned int k;

	fputs("\"phases\": [", f);
	for (k = 0; k < run->nr_phases; k++) {
		fputs(k ? ",\n        {\"name\": " : "\n        {\"name\": ", f);
		json_str(f, run->phases[k].name);
		fprintf(f, ", \"start\": %.3f, \"seconds\": %.3f",
			run->phases[k].start, report_phase_seconds(run, k));
		if (run->phases[k].clocked)
			fprintf(f, ", \"clock\": %llu", run->phases[k].clock);
		fputc('}', f);
	}
	json_close(f, run->nr_phases, ']');
}

/* A map's pages by kind letter, per pageblock, if the record counted them. */
static void json_map_pages(FILE *f, const struct report_map *m)
{
	unsigned long i;
	unsigned int k;

	if (!m->nr_counts)
		return;
	fprintf(f, ",\n         \"block_pages\": %lu, \"pages\": {",
		m->block_pages);
	for (k = 0; k < m->nr_counts; k++) {
		char c[2] = { m->counts[k].letter, '\0' };

		fputs(k ? ",\n           " : "\n           ", f);
		json_str(f, c);
		fputs(": [", f);
		for (i = 0; i < m->nr_blocks; i++)
			fprintf(f, "%s%u", i ? ", " : "", m->counts[k].pages[i]);
		fputc(']', f);
	}
	fputc('}', f);
}

static void json_maps(FILE *f, const struct scenario_run *run)
{
	unsigned int k;

	fputs("\"maps\": [", f);
	for (k = 0; k < run->nr_maps; k++) {
		const struct report_map *m = &run->maps[k];

		fputs(k ? ",\n        {\"label\": " : "\n        {\"label\": ", f);
		json_str(f, m->label);
		fprintf(f, ", \"nr_blocks\": %lu,\n         \"classes\": ",
			m->nr_blocks);
		json_str(f, m->classes);
		fputs(",\n         \"types\": ", f);
		json_str(f, m->types);
		json_map_pages(f, m);
		fputc('}', f);
	}
	json_close(f, run->nr_maps, ']');
}

/*
 * The chart's samples: [clock, free blocks of order 0, ..., 10] each,
 * clock in pages allocated and freed since the record began.
 */
static void json_ticks(FILE *f, const struct scenario_run *run)
{
	unsigned int k;
	int o;

	fputs("\"clock_samples\": [", f);
	for (k = 0; k < run->nr_ticks; k++) {
		fprintf(f, "%s[%llu", k ? ",\n        " : "\n        ",
			run->ticks[k].clock);
		for (o = 0; o < REPORT_MAX_ORDER; o++)
			fprintf(f, ", %lu", run->ticks[k].nr_free[o]);
		fputc(']', f);
	}
	json_close(f, run->nr_ticks, ']');
}

/* The run's settings, a word each: "zsmalloc.movable=0", ... */
static void json_settings(FILE *f, const struct scenario_run *run)
{
	const char *p = run->settings;
	char word[REPORT_SETTINGS_LEN];
	int n = 0;

	fputs(",\n      \"settings\": [", f);
	while (*p) {
		size_t len = strcspn(p, " ");

		if (len) {
			snprintf(word, sizeof(word), "%.*s", (int)len, p);
			fputs(n++ ? ", " : "", f);
			json_str(f, word);
		}
		p += len + !!p[len];
	}
	fputc(']', f);
}

static void json_run(FILE *f, const struct scenario_run *runs, int i)
{
	const struct scenario_run *run = &runs[i];

	fputs(i ? ",\n    {\n      \"label\": " : "\n    {\n      \"label\": ", f);
	json_str(f, report_run_label(runs, i));
	/* "umm", or the Linux release the run was made in (--kernel). */
	fputs(",\n      \"kernel\": ", f);
	json_str(f, run->linux_release[0] ? run->linux_release : "umm");
	json_settings(f, run);
	fprintf(f, ",\n      \"ended\": %s,\n      \"exit_status\": %d,\n"
		"      \"wall\": %.3f,\n      ",
		run->ended ? "true" : "false", run->exit_status, run->wall);
	json_alloc(f, run);
	fputs(",\n      ", f);
	json_samples(f, run);
	fputs(",\n      ", f);
	json_ticks(f, run);
	fputs(",\n      ", f);
	json_stats(f, run);
	fputs(",\n      ", f);
	json_phases(f, run);
	fputs(",\n      ", f);
	json_maps(f, run);
	fputs("\n    }", f);
}

/* What the maps' letters mean; the colours are the HTML's business. */
static void json_legend(FILE *f, const struct legend *lg)
{
	unsigned int k;

	fputs("\n  \"legend\": {\n    \"classes\": {", f);
	for (k = 0; k < lg->nr_classes; k++) {
		char c[2] = { lg->classes[k].c, '\0' };

		fputs(k ? ", " : "", f);
		json_str(f, c);
		fputs(": ", f);
		json_str(f, lg->classes[k].name);
	}
	fputs(k ? ", " : "", f);
	fputs("\" \": \"no memory\"},\n    \"types\": {\"M\": \"Movable\"", f);
	for (k = 0; k < NR_LEGEND_TYPES; k++) {
		char c[2] = { legend_types[k].c, '\0' };

		fputs(", ", f);
		json_str(f, c);
		fputs(": ", f);
		json_str(f, legend_types[k].name);
	}
	fputs("}\n  },", f);
}

/* The table as printed, so that a script can check one against the other. */
static void json_table(FILE *f, const struct report *rep)
{
	const struct rows *r = rep->rows;
	int k, i;

	fputs("\n  \"table\": [", f);
	for (k = 0; k < r->nr; k++) {
		const struct row *row = &r->row[k];

		fputs(k ? ",\n    {\"row\": " : "\n    {\"row\": ", f);
		json_str(f, row->label);
		fputs(", \"values\": [", f);
		for (i = 0; i < rep->nr; i++) {
			fputs(i ? ", " : "", f);
			json_str(f, row->cell[i]);
		}
		fputs("]}", f);
	}
	fputs("\n  ]\n}\n", f);
}

void json_write(FILE *f, const struct report *rep)
{
	int i;

	fputs("{\n  \"scenario\": ", f);
	json_str(f, rep->scenario);
	fprintf(f, ",\n  \"seed\": %lu,\n  \"runs\": [", rep->seed);
	for (i = 0; i < rep->nr; i++)
		json_run(f, rep->runs, i);
	fputs("\n  ],", f);
	json_legend(f, rep->legend);
	json_table(f, rep);
}
