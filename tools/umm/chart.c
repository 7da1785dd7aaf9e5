// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/chart.c - free pages over a run, as an SVG chart
 *
 * Free pages stacked by order group: the huge-page band at the bottom is
 * what compaction is for.  Across is the run's work clock, pages
 * allocated and freed ("@ free" samples, init/console_sampler.c), so that
 * two runs of one seed draw the same chart and a phase is as wide as the
 * work it did, not as the host's load made it last.  A run that has no
 * such samples (Linux under QEMU) is drawn from its phase-boundary
 * samples against seconds.  The scales are shared by the runs so that
 * charts side by side compare; dashed lines mark where the phases begin,
 * that is where the picture changes, and why.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define CH_W	420
#define CH_H	200
#define CH_L	64	/* room for the y labels */
#define LABEL_ROWS	4	/* phase names, staggered above the plot */
#define LABEL_H		11
#define CH_T	(22 + LABEL_ROWS * LABEL_H)
#define CH_B	34
#define LABEL_MAX	14	/* characters of a phase name shown */
#define CHAR_W		5.2	/* a character at font-size 9, about */

static const struct {
	int lo, hi;
	const char *colour, *name;
} groups[] = {
	{ 9, REPORT_MAX_ORDER - 1, "#2f9e44", "order 9-10 (huge pages)" },
	{ 3, 8,	"#4c8bf5", "order 3-8" },
	{ 0, 2,	"#f08c00", "order 0-2" },
};

#define N_GROUPS	ARRAY_SIZE(groups)

/* The scales: work (or seconds) across, pages up. */
struct chart {
	double xmax, ymax;
	bool clocked;
};

/* A sample as drawn: where across, and the free blocks per order. */
struct chart_point {
	double x;
	const unsigned long *nr_free;
};

static double chart_x(const struct chart *c, double v)
{
	return CH_L + v / c->xmax * CH_W;
}

static double chart_y(const struct chart *c, double v)
{
	return CH_T + CH_H - v / c->ymax * CH_H;
}

/* Free pages in orders lo..hi of a sample. */
static unsigned long long group_pages(const unsigned long *nr_free, int lo,
				      int hi)
{
	unsigned long long sum = 0;
	int o;

	for (o = lo; o <= hi; o++)
		sum += (unsigned long long)nr_free[o] << o;
	return sum;
}

/* A tick step of 1, 2 or 5 times a power of ten, about @span / 5. */
static double nice_step(double span)
{
	double step = 1, raw = span / 5;

	if (raw <= 0)
		return 1;
	while (step * 10 <= raw)
		step *= 10;
	while (step > raw)
		step /= 10;
	if (step * 5 <= raw)
		return step * 5;
	if (step * 2 <= raw)
		return step * 2;
	return step;
}

/* An x tick's label: pages as 250k or 1.5M, seconds as they are. */
static void x_label(char *buf, size_t size, const struct chart *c, double v,
		    double step)
{
	if (!c->clocked || step < 1000)
		snprintf(buf, size, "%g", v);
	else if (step < 1e6)
		snprintf(buf, size, "%gk", v / 1e3);
	else
		snprintf(buf, size, "%gM", v / 1e6);
}

/* The grid, the ticks and their labels. */
static void chart_axes(FILE *f, const struct chart *c)
{
	double step, v;
	char buf[32];

	step = nice_step(c->ymax);
	for (v = 0; v <= c->ymax * 1.0001; v += step)
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
			"stroke=\"#dee2e6\"/><text x=\"%d\" y=\"%.1f\" "
			"text-anchor=\"end\">%.0f</text>\n", CH_L,
			chart_y(c, v), CH_L + CH_W, chart_y(c, v), CH_L - 4,
			chart_y(c, v) + 4, v);
	step = nice_step(c->xmax);
	for (v = 0; v <= c->xmax * 1.0001; v += step) {
		x_label(buf, sizeof(buf), c, v, step);
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
			"%s</text>\n", chart_x(c, v), CH_T + CH_H + 14, buf);
	}
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
		"</text>\n", CH_L + CH_W / 2, CH_T + CH_H + 28,
		c->clocked ? "pages allocated and freed (the run's work clock)" :
		"seconds");
}

/*
 * The run's samples as points: its "@ free" samples on the work clock if
 * it has them, else its labelled samples against seconds.  NULL if it
 * has none (or no memory: the chart says so either way).
 */
static struct chart_point *chart_points(const struct scenario_run *run,
					bool clocked, unsigned int *n)
{
	struct chart_point *pts;
	unsigned int i;

	*n = clocked ? run->nr_ticks : run->nr_samples;
	pts = *n ? calloc(*n, sizeof(*pts)) : NULL;
	if (!pts) {
		*n = 0;
		return NULL;
	}
	for (i = 0; i < *n; i++) {
		if (clocked) {
			pts[i].x = run->ticks[i].clock;
			pts[i].nr_free = run->ticks[i].nr_free;
		} else {
			pts[i].x = run->samples[i].t;
			pts[i].nr_free = run->samples[i].nr_free;
		}
	}
	return pts;
}

/*
 * Point @p of band @g's outline: its top left to right, then its bottom
 * back.  A lone sample makes a thin column rather than nothing.
 */
static void band_point(FILE *f, const struct chart *c,
		       const struct chart_point *pts, unsigned int n,
		       unsigned int g, unsigned int p)
{
	unsigned int k = n == 1 ? 0 : p < n ? p : 2 * n - 1 - p;
	bool top = n == 1 ? p == 1 || p == 2 : p < n;
	double x = chart_x(c, pts[k].x), base = 0;
	unsigned int j;

	if (n == 1)
		x += p == 2 || p == 3 ? 3 : -3;
	for (j = 0; j < g + !!top; j++)
		base += group_pages(pts[k].nr_free, groups[j].lo, groups[j].hi);
	fprintf(f, "%.1f,%.1f ", x, chart_y(c, base));
}

static void chart_bands(FILE *f, const struct chart *c,
			const struct scenario_run *run)
{
	struct chart_point *pts;
	unsigned int n, g, p;

	pts = chart_points(run, c->clocked, &n);
	if (!n) {
		fprintf(f, "<text x=\"%d\" y=\"%d\">no buddy samples</text>\n",
			CH_L + 10, CH_T + CH_H / 2);
		return;
	}
	for (g = 0; g < N_GROUPS; g++) {
		fprintf(f, "<polygon fill=\"%s\" fill-opacity=\"0.85\" "
			"points=\"", groups[g].colour);
		for (p = 0; p < 2 * n + (n == 1 ? 2 : 0); p++)
			band_point(f, c, pts, n, g, p);
		fputs("\"/>\n", f);
	}
	free(pts);
}

/* Where phase @p begins across: its clock, or its start in seconds. */
static double phase_x(const struct chart *c, const struct report_phase *p)
{
	return chart_x(c, c->clocked ? (double)p->clock : p->start);
}

/*
 * The row of a phase's label: the first whose last label ends before
 * @x; if none, the one that ends first (the labels then touch, rarely:
 * four phases within a label's width).  @ends: each row's right end.
 */
static int label_row(double *ends, double x, double width)
{
	int r, best = 0;

	for (r = 0; r < LABEL_ROWS; r++) {
		if (ends[r] < x) {
			best = r;
			break;
		}
		if (ends[r] < ends[best])
			best = r;
	}
	ends[best] = x + width + 4;
	return best;
}

/*
 * The phases: a dashed line where each begins, its name above the plot,
 * staggered in rows so that close phases do not overwrite each other, cut
 * at LABEL_MAX characters; the whole name is in the tooltip.
 */
static void chart_phases(FILE *f, const struct chart *c,
			 const struct scenario_run *run)
{
	double ends[LABEL_ROWS];
	unsigned int i;
	int r;

	for (r = 0; r < LABEL_ROWS; r++)
		ends[r] = -1;
	for (i = 0; i < run->nr_phases; i++) {
		const struct report_phase *p = &run->phases[i];
		size_t len = strlen(p->name);
		bool cut = len > LABEL_MAX;
		char shown[LABEL_MAX + 1];
		double x = phase_x(c, p);
		int y;

		if (c->clocked && !p->clocked)
			continue;	/* a record that mixes: no place for it */
		if (cut)
			len = LABEL_MAX - 1;
		memcpy(shown, p->name, len);
		shown[len] = '\0';
		r = label_row(ends, x, (len + cut) * CHAR_W);
		y = 22 + r * LABEL_H + 8;
		fprintf(f, "<g><title>phase ");
		xml_puts(f, p->name);
		if (c->clocked)
			fprintf(f, ": begins at %llu pages allocated and freed",
				p->clock);
		else
			fprintf(f, ": begins at %.2f s", p->start);
		fprintf(f, "</title><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
			"y2=\"%d\" stroke=\"#868e96\" stroke-dasharray=\"3,3\"/>"
			"<text x=\"%.1f\" y=\"%d\" font-size=\"9\">", x,
			y + 2, x, CH_T + CH_H, x + 1, y);
		xml_puts(f, shown);
		fprintf(f, "%s</text></g>\n", cut ? "&#8230;" : "");
	}
}

/* The frame, and what the bands' colours mean. */
static void chart_key(FILE *f)
{
	unsigned int g;

	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		"fill=\"none\" stroke=\"#495057\"/>\n", CH_L, CH_T, CH_W, CH_H);
	for (g = 0; g < N_GROUPS; g++) {
		int y = CH_T + CH_H + CH_B + 16 * g;

		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"11\" height=\"11\" "
			"fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
			CH_L, y, groups[g].colour, CH_L + 16, y + 10,
			groups[g].name);
	}
}

/**
 * svg_chart_scale - widen @scale to hold @run
 * @scale: the scale of the charts drawn together, zeroed at first
 * @run: one of them
 *
 * The runs with work-clock samples share one scale, the others (Linux
 * runs, in seconds) another: a run under QEMU takes far longer.
 */
void svg_chart_scale(struct chart_scale *scale, const struct scenario_run *run)
{
	bool clocked = run->nr_ticks;
	double *x = clocked ? &scale->clock_max : &scale->tmax;
	unsigned int i;

	for (i = 0; i < run->nr_ticks; i++) {
		double total = group_pages(run->ticks[i].nr_free, 0,
					   REPORT_MAX_ORDER - 1);

		*x = run->ticks[i].clock > *x ? run->ticks[i].clock : *x;
		scale->ymax = total > scale->ymax ? total : scale->ymax;
	}
	for (i = 0; i < run->nr_samples; i++) {
		const struct report_buddy *b = &run->samples[i];
		double total = report_free_total(b);

		if (!clocked)
			*x = b->t > *x ? b->t : *x;
		scale->ymax = total > scale->ymax ? total : scale->ymax;
	}
	for (i = 0; clocked && i < run->nr_phases; i++)
		if (run->phases[i].clocked && run->phases[i].clock > *x)
			*x = run->phases[i].clock;
	if (!clocked)
		*x = run->wall > *x ? run->wall : *x;
}

/**
 * svg_chart - draw a run's free pages over its work (or time)
 * @f: where to
 * @run: the run
 * @label: its name, escaped here
 * @scale: the scales, the same for every run of the report
 *	(svg_chart_scale())
 */
void svg_chart(FILE *f, const struct scenario_run *run, const char *label,
	       const struct chart_scale *scale)
{
	bool clocked = run->nr_ticks;
	double xmax = clocked ? scale->clock_max : scale->tmax;
	struct chart c = {
		.xmax = xmax > 0 ? xmax : 1,
		.ymax = scale->ymax > 0 ? scale->ymax : 1,
		.clocked = clocked,
	};

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">\n",
		CH_L + CH_W + 10, CH_T + CH_H + CH_B + 16 * (int)N_GROUPS);
	fputs("<text x=\"0\" y=\"12\">free pages, ", f);
	xml_puts(f, label);
	fputs("</text>\n", f);
	chart_axes(f, &c);
	chart_bands(f, &c, run);
	chart_phases(f, &c, run);
	chart_key(f);
	fputs("</svg>\n", f);
}
