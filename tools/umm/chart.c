// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/chart.c - free pages over time, as an SVG chart
 *
 * Free pages stacked by order group: the huge-page band at the bottom is
 * what compaction is for.  The scales are shared by the runs so that two
 * charts side by side compare; dashed lines mark where the phases begin,
 * that is where the picture changes, and why.
 */
#include "internal.h"

#define CH_W	420
#define CH_H	200
#define CH_L	64	/* room for the y labels */
#define CH_T	22
#define CH_B	34

static const struct {
	int lo, hi;
	const char *colour, *name;
} groups[] = {
	{ 9, REPORT_MAX_ORDER - 1, "#2f9e44", "order 9-10 (huge pages)" },
	{ 3, 8,	"#4c8bf5", "order 3-8" },
	{ 0, 2,	"#f08c00", "order 0-2" },
};

#define N_GROUPS	ARRAY_SIZE(groups)

/* The scales: seconds across, pages up. */
struct chart {
	double tmax, ymax;
};

static double chart_x(const struct chart *c, double t)
{
	return CH_L + t / c->tmax * CH_W;
}

static double chart_y(const struct chart *c, double v)
{
	return CH_T + CH_H - v / c->ymax * CH_H;
}

/* Free pages in orders lo..hi of a sample. */
static unsigned long long group_pages(const struct report_buddy *b, int lo, int hi)
{
	unsigned long long sum = 0;
	int o;

	for (o = lo; o <= hi; o++)
		sum += report_free_pages(b, o);
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

/* The grid, the ticks and their labels. */
static void chart_axes(FILE *f, const struct chart *c)
{
	double step, v;

	step = nice_step(c->ymax);
	for (v = 0; v <= c->ymax * 1.0001; v += step)
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
			"stroke=\"#dee2e6\"/><text x=\"%d\" y=\"%.1f\" "
			"text-anchor=\"end\">%.0f</text>\n", CH_L,
			chart_y(c, v), CH_L + CH_W, chart_y(c, v), CH_L - 4,
			chart_y(c, v) + 4, v);
	step = nice_step(c->tmax);
	for (v = 0; v <= c->tmax * 1.0001; v += step)
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
			"%g</text>\n", chart_x(c, v), CH_T + CH_H + 14, v);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds"
		"</text>\n", CH_L + CH_W / 2, CH_T + CH_H + 28);
}

/*
 * Point @p of band @g's outline: its top left to right, then its bottom
 * back.  A lone sample makes a thin column rather than nothing.
 */
static void band_point(FILE *f, const struct chart *c,
		       const struct scenario_run *run, unsigned int g,
		       unsigned int p)
{
	unsigned int n = run->nr_samples;
	unsigned int k = n == 1 ? 0 : p < n ? p : 2 * n - 1 - p;
	const struct report_buddy *b = &run->samples[k];
	bool top = n == 1 ? p == 1 || p == 2 : p < n;
	double x = chart_x(c, b->t), base = 0;
	unsigned int j;

	if (n == 1)
		x += p == 2 || p == 3 ? 3 : -3;
	for (j = 0; j < g + !!top; j++)
		base += group_pages(b, groups[j].lo, groups[j].hi);
	fprintf(f, "%.1f,%.1f ", x, chart_y(c, base));
}

static void chart_bands(FILE *f, const struct chart *c,
			const struct scenario_run *run)
{
	unsigned int n = run->nr_samples, g, p;

	if (!n) {
		fprintf(f, "<text x=\"%d\" y=\"%d\">no buddy samples</text>\n",
			CH_L + 10, CH_T + CH_H / 2);
		return;
	}
	for (g = 0; g < N_GROUPS; g++) {
		fprintf(f, "<polygon fill=\"%s\" fill-opacity=\"0.85\" "
			"points=\"", groups[g].colour);
		for (p = 0; p < 2 * n + (n == 1 ? 2 : 0); p++)
			band_point(f, c, run, g, p);
		fputs("\"/>\n", f);
	}
}

static void chart_phases(FILE *f, const struct chart *c,
			 const struct scenario_run *run)
{
	unsigned int i;

	for (i = 0; i < run->nr_phases; i++) {
		double x = chart_x(c, run->phases[i].start);

		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
			"stroke=\"#868e96\" stroke-dasharray=\"3,3\"/>"
			"<text x=\"%.1f\" y=\"%d\" font-size=\"9\" "
			"transform=\"rotate(90 %.1f %d)\">", x, CH_T, x,
			CH_T + CH_H, x + 2, CH_T + 2, x + 2, CH_T + 2);
		xml_puts(f, run->phases[i].name);
		fputs("</text>\n", f);
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
 * svg_chart - draw a run's free pages over time
 * @f: where to
 * @run: the run
 * @label: its name, escaped here
 * @tmax: seconds across, the same for every run of the report
 * @ymax: pages up, likewise
 */
void svg_chart(FILE *f, const struct scenario_run *run, const char *label,
	       double tmax, double ymax)
{
	struct chart c = {
		.tmax = tmax > 0 ? tmax : 1,
		.ymax = ymax > 0 ? ymax : 1,
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
