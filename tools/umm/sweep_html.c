// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/sweep_html.c - sweep.html: the spread of every row
 *
 * One XHTML page, SVG inline, no script.  For each row of the scenario's
 * table, a range plot: a line per configuration from its lowest run to
 * its highest, a mark at the mean, a band of one standard deviation
 * either side; each row on its own scale (the rows count pages, stalls
 * and seconds), from the lowest run of any configuration to the highest.
 * A tooltip (the SVG's <title>) gives the figures.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "sweep.h"

#define PLOT_W		420
#define PLOT_PAD	8
#define LANE_H		14

static const char * const colours[] = {
	"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
	"#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
};

static const char *colour(int c)
{
	return colours[c % ARRAY_SIZE(colours)];
}

static const char style[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222}"
	"table{border-collapse:collapse}"
	"td,th{padding:2px 8px;text-align:left;vertical-align:middle}"
	"td.n{text-align:right;font-family:monospace;white-space:pre}"
	"tr:nth-child(even){background:#f6f6f6}"
	".key{display:inline-block;width:1em;height:.6em;margin:0 .3em}";

/* x of @v in a plot from @lo to @hi. */
static double plot_x(double v, double lo, double hi)
{
	if (hi <= lo)
		return PLOT_W / 2.0;
	return PLOT_PAD + (v - lo) / (hi - lo) * (PLOT_W - 2 * PLOT_PAD);
}

static void range_plot(FILE *f, const struct sweep_data *d, int m)
{
	double lo = 0, hi = 0;
	struct sweep_stats s;
	int c, any = 0;

	for (c = 0; c < d->nr_configs; c++) {
		sweep_metric_stats(d, c, m, &s);
		if (!s.n)
			continue;
		if (!any || s.min < lo)
			lo = s.min;
		if (!any || s.max > hi)
			hi = s.max;
		any = 1;
	}
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">",
		PLOT_W, d->nr_configs * LANE_H + 4);
	for (c = 0; c < d->nr_configs; c++) {
		double y = c * LANE_H + LANE_H / 2.0 + 2, x0, x1, xm, sd0, sd1;

		sweep_metric_stats(d, c, m, &s);
		if (!s.n)
			continue;
		x0 = plot_x(s.min, lo, hi);
		x1 = plot_x(s.max, lo, hi);
		xm = plot_x(s.mean, lo, hi);
		sd0 = plot_x(fmax(s.mean - s.stddev, s.min), lo, hi);
		sd1 = plot_x(fmin(s.mean + s.stddev, s.max), lo, hi);
		fputs("<g><title>", f);
		xml_puts(f, d->configs[c].name);
		fprintf(f, ": mean %.2f, min %.2f, max %.2f, stddev %.2f, %d runs</title>",
			s.mean, s.min, s.max, s.stddev, s.n);
		fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>",
			x0, y, x1 + (x1 == x0 ? 0.5 : 0), y, colour(c));
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"6\" fill=\"%s\" fill-opacity=\"0.3\"/>",
			sd0, y - 3, fmax(sd1 - sd0, 0.5), colour(c));
		fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"3\" height=\"10\" fill=\"%s\"/></g>",
			xm - 1.5, y - 5, colour(c));
	}
	fputs("</svg>", f);
}

static void metric_row(FILE *f, const struct sweep_data *d, int m)
{
	struct sweep_stats s;
	int c;

	fputs("<tr><td>", f);
	xml_puts(f, d->metrics[m].name);
	fputs("</td><td>", f);
	range_plot(f, d, m);
	fputs("</td><td class=\"n\">", f);
	for (c = 0; c < d->nr_configs; c++) {
		sweep_metric_stats(d, c, m, &s);
		if (c)
			fputs("\n", f);
		if (s.n)
			fprintf(f, "%.2f &#177; %.2f  [%.2f, %.2f]", s.mean,
				s.stddev, s.min, s.max);
		else
			fputs("-", f);
	}
	fputs("</td></tr>\n", f);
}

/**
 * sweep_write_html - the sweep's page: a range plot per row
 * @f: where to
 * @d: the sweep
 */
void sweep_write_html(FILE *f, const struct sweep_data *d)
{
	const char *section = NULL;
	int c, m;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n"
	      "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
	      "<head>\n<meta charset=\"UTF-8\"/>\n<title>umm sweep: ", f);
	xml_puts(f, d->scenario);
	fprintf(f, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>sweep: ",
		style);
	xml_puts(f, d->scenario);
	fprintf(f, " <small>(%d runs)</small></h1>\n<p>Each row of the scenario's table over the runs of each configuration: a line from the lowest run to the highest, a mark at the mean, a band of one standard deviation (sample, n - 1) either side.  Each row has its own scale.  The figures: mean &#177; stddev [min, max].</p>\n<p>",
		d->nr_runs);
	for (c = 0; c < d->nr_configs; c++) {
		fprintf(f, "<span class=\"key\" style=\"background:%s\"></span><b>",
			colour(c));
		xml_puts(f, d->configs[c].name);
		fputs("</b> <code>", f);
		xml_puts(f, d->configs[c].settings[0] ? d->configs[c].settings :
			 "(the scenario's own settings)");
		fputs("</code><br/>\n", f);
	}
	fputs("</p>\n", f);
	for (m = 0; m < d->nr_metrics; m++) {
		if (!section || strcmp(section, d->metrics[m].section)) {
			if (section)
				fputs("</table>\n", f);
			section = d->metrics[m].section;
			fputs("<h2>", f);
			xml_puts(f, section);
			fputs("</h2>\n<table>\n", f);
		}
		metric_row(f, d, m);
	}
	if (section)
		fputs("</table>\n", f);
	fputs("</body>\n</html>\n", f);
}
