// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/html.c - index.html: the report a person opens
 *
 * XHTML, so that xmllint can check it: the runs' memory maps side by
 * side, the table, a chart of free pages by order over each run, and
 * the phase times.
 */
#include <string.h>

#include "internal.h"

static const char html_style[] =
	"body { font-family: sans-serif; margin: 2em; color: #212529; }\n"
	"table.numbers { border-collapse: collapse; }\n"
	"table.numbers td, table.numbers th { padding: 2px 12px; }\n"
	"table.numbers tr:nth-child(even) td { background: #f8f9fa; }\n"
	"th.section { text-align: left; padding-top: 10px; "
	"border-bottom: 1px solid #adb5bd; }\n"
	"td.num { text-align: right; font-family: monospace; }\n"
	"table.side td { vertical-align: top; padding: 4px 16px 12px 0; }\n"
	/* Three charts do not fit a screen's width: they wrap. */
	"div.charts { display: flex; flex-wrap: wrap; gap: 4px 16px; }\n";


/*
 * The runs' settings (parameters, off switches, sysctls) besides the
 * scenario's: one line, each run's words after its label.
 */
static void html_settings(FILE *f, const struct report *rep)
{
	int i, any = 0;

	for (i = 0; i < rep->nr; i++)
		any |= !!rep->runs[i].settings[0];
	if (!any)
		return;
	fputs("<p class=\"settings\">settings:", f);
	for (i = 0; i < rep->nr; i++) {
		fputs(i ? "; <b>" : " <b>", f);
		xml_puts(f, report_run_label(rep->runs, i));
		fputs("</b> <code>", f);
		xml_puts(f, rep->runs[i].settings[0] ? rep->runs[i].settings :
			 "(the scenario's own)");
		fputs("</code>", f);
	}
	fputs("</p>\n", f);
}

/* A map's title: the scenario, the run, the snapshot. */
void report_map_title(char *buf, size_t size, const struct scenario_run *runs,
		      int i, const char *scenario, const char *label)
{
	snprintf(buf, size, "%s, %s: %s", scenario, report_run_label(runs, i),
		 label);
}

static void html_head(FILE *f, const struct report *rep)
{
	int i;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<!DOCTYPE html>\n"
	      "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
	      "<head>\n<meta charset=\"UTF-8\"/>\n<title>umm: ", f);
	xml_puts(f, rep->scenario);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
		html_style);
	xml_puts(f, rep->scenario);
	fprintf(f, " <small>(seed %lu)</small></h1>\n", rep->seed);
	fputs("<p>What the series changes: ", f);
	for (i = 0; i < rep->nr; i++) {
		if (i)
			fputs(" against ", f);
		fputs("<b>", f);
		xml_puts(f, report_run_label(rep->runs, i));
		fputs("</b>", f);
	}
	fputs(", same scenario, same seed.</p>\n", f);
	html_settings(f, rep);
	for (i = 0; i < rep->nr; i++) {
		const struct scenario_run *run = &rep->runs[i];

		if (!run->linux_release[0])
			continue;
		fputs("<p><b>", f);
		xml_puts(f, report_run_label(rep->runs, i));
		fputs("</b> is the same script in Debian's Linux ", f);
		xml_puts(f, run->linux_release);
		fputs(" under QEMU (<code>umm scenario --kernel</code>, "
		      "Documentation/umm/compare.rst): its figures are what "
		      "/proc/buddyinfo, /proc/vmstat and kprobes on the drivers' "
		      "migration callbacks said, its times are QEMU's.  It has no "
		      "memory maps: Linux has no file that says what owns each "
		      "page, and the maps are umm's alone.</p>\n", f);
	}
}

/* Run @i's map @label, inline and linked to its own file; or a note. */
static void html_map_cell(FILE *f, const struct report *rep, int i,
			  const char *label)
{
	const struct report_map *m = report_find_map(&rep->runs[i], label);
	char title[3 * REPORT_NAME_LEN + 64];
	char file[3 * REPORT_NAME_LEN + 16];

	fputs("<td>", f);
	if (m) {
		report_map_title(title, sizeof(title), rep->runs, i,
				 rep->scenario, m->label);
		svg_map(f, rep->legend, m, title, false);
		report_slug(file, REPORT_NAME_LEN, m->label);
		fprintf(f, "<br/><a href=\"map-%s-%s.svg\">map-%s-%s.svg</a>",
			rep->slugs[i], file, rep->slugs[i], file);
	} else {
		fputs("(no map &#8220;", f);
		xml_puts(f, label);
		fputs("&#8221;)", f);
	}
	fputs("</td>", f);
}

static void html_maps(FILE *f, const struct report *rep)
{
	const char *labels[2 * REPORT_MAX_MAPS];
	int n, k, i;

	fputs("<h2>Memory maps</h2>\n<p>One cell per pageblock, in pfn order, "
	      "coloured by the kind with the most pages in it and shaded by "
	      "how full it is (a pageblock with a few pages in use is pale); "
	      "a bar under the cell shows a pageblock that is not of the "
	      "Movable type.  Point at a cell for its pfns and its pages by "
	      "kind.</p>\n", f);
	svg_legend(f, rep->legend);
	n = report_map_labels(rep->runs, rep->nr, labels);
	if (!n)
		fputs("<p>No maps were recorded.</p>\n", f);
	fputs("<table class=\"side\">\n", f);
	for (k = 0; k < n; k++) {
		fputs("<tr>", f);
		/* A run in Linux has no maps: no column (the head says why). */
		for (i = 0; i < rep->nr; i++)
			if (!rep->runs[i].linux_release[0])
				html_map_cell(f, rep, i, labels[k]);
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/* The runs' column heads, @what after each name; the end of the row. */
static void html_run_heads(FILE *f, const struct report *rep, const char *what)
{
	int i;

	for (i = 0; i < rep->nr; i++) {
		fputs("<th>", f);
		xml_puts(f, report_run_label(rep->runs, i));
		fprintf(f, "%s</th>", what);
	}
	fputs("</tr>\n", f);
}

static void html_table(FILE *f, const struct report *rep)
{
	const struct rows *r = rep->rows;
	int k, i;

	fputs("<table class=\"numbers\">\n<tr><th></th>", f);
	html_run_heads(f, rep, "");
	for (k = 0; k < r->nr; k++) {
		const struct row *row = &r->row[k];

		if (row->section) {
			fprintf(f, "<tr><th class=\"section\" colspan=\"%d\">",
				rep->nr + 1);
			xml_puts(f, row->section);
			fputs("</th></tr>\n", f);
		}
		fputs("<tr><td>", f);
		xml_puts(f, row->label);
		fputs("</td>", f);
		for (i = 0; i < rep->nr; i++) {
			fputs("<td class=\"num\">", f);
			xml_puts(f, row->cell[i]);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

/*
 * One chart per run, on scales that fit them all: the umm runs share the
 * work clock's, the Linux runs (which have none) share seconds.
 */
static void html_charts(FILE *f, const struct report *rep)
{
	struct chart_scale scale = { 0 };
	int i;

	fputs("<h2>Free pages by order over the scenario</h2>\n"
	      "<p>Stacked: the bottom band is free memory in blocks of order "
	      "9 and more, what huge pages need; dashed lines mark the "
	      "phases (their names in full under the pointer).  Across is "
	      "the work the page allocator did, pages allocated and freed, "
	      "sampled at a fixed step of it: two runs of one seed draw the "
	      "same chart whatever the machine's load, and the runs side by "
	      "side share both scales.</p>\n<div class=\"charts\">", f);
	for (i = 0; i < rep->nr; i++)
		svg_chart_scale(&scale, &rep->runs[i]);
	for (i = 0; i < rep->nr; i++) {
		fputs("<div>", f);
		svg_chart(f, &rep->runs[i], report_run_label(rep->runs, i),
			  &scale);
		fputs("</div>", f);
	}
	fputs("</div>\n", f);
}

/* Phase @name of @run: its start and length, or "-". */
static void html_phase_cell(FILE *f, const struct scenario_run *run,
			    const char *name)
{
	unsigned int p;

	for (p = 0; p < run->nr_phases; p++)
		if (!strcmp(run->phases[p].name, name))
			break;
	if (p < run->nr_phases)
		fprintf(f, "<td class=\"num\">%.2f s, %.2f s</td>",
			run->phases[p].start, report_phase_seconds(run, p));
	else
		fputs("<td class=\"num\">-</td>", f);
}

static void html_phases(FILE *f, const struct report *rep)
{
	const char *names[2 * REPORT_MAX_PHASES];
	int n, k, i;

	fputs("<h2>Phases</h2>\n<table class=\"numbers\">\n<tr><th>phase</th>", f);
	html_run_heads(f, rep, " (start, seconds)");
	n = report_phase_names(rep->runs, rep->nr, names, REPORT_MAX_PHASES * 2);
	for (k = 0; k < n; k++) {
		fputs("<tr><td>", f);
		xml_puts(f, names[k]);
		fputs("</td>", f);
		for (i = 0; i < rep->nr; i++)
			html_phase_cell(f, &rep->runs[i], names[k]);
		fputs("</tr>\n", f);
	}
	fputs("<tr><td>wall time</td>", f);
	for (i = 0; i < rep->nr; i++)
		fprintf(f, "<td class=\"num\">%.2f s</td>", rep->runs[i].wall);
	fputs("</tr>\n</table>\n", f);
}

void html_write(FILE *f, const struct report *rep)
{
	html_head(f, rep);
	html_maps(f, rep);
	fputs("<h2>Numbers</h2>\n", f);
	html_table(f, rep);
	html_charts(f, rep);
	html_phases(f, rep);
	fputs("<p>Every figure is also in <a href=\"report.json\">report.json"
	      "</a>.</p>\n</body>\n</html>\n", f);
}
