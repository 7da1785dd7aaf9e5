// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/svg_map.c - a memory map as SVG: a cell per pageblock
 *
 * The cells run in pfn order, MAP_COLS to a row, coloured by what fills
 * most of the pageblock; a bar under a cell marks a pageblock that is not
 * of the Movable migratetype.  A map drawn into index.html shares one
 * legend (svg_legend()); a standalone map-*.svg carries its own.
 */
#include "internal.h"

#define CELL	10	/* a pageblock's square, gap included */
#define MAP_COLS 64
#define MAP_TOP	18	/* room for the title */
#define NR_KEYS(lg)	((lg)->nr_classes + NR_LEGEND_TYPES)

static void map_cells(FILE *f, const struct legend *lg,
		      const struct report_map *m)
{
	unsigned long i;

	for (i = 0; i < m->nr_blocks; i++) {
		unsigned long x = (i % MAP_COLS) * CELL;
		unsigned long y = MAP_TOP + (i / MAP_COLS) * CELL;
		const char *tc = legend_type_colour(m->types[i]);

		if (m->classes[i] == MAP_HOLE)
			continue;
		fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"%d\" height=\"%d\" "
			"fill=\"%s\"/>", x, y, CELL - 1, CELL - 1,
			legend_class_colour(lg, m->classes[i]));
		if (tc)
			fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"%d\" "
				"height=\"3\" fill=\"%s\"/>", x, y + CELL - 4,
				CELL - 1, tc);
		fputc('\n', f);
	}
}

/* Key @k of a standalone map's legend, three to a row from @y. */
static void map_key(FILE *f, const struct legend *lg, unsigned int k,
		    unsigned long y)
{
	unsigned long x = (k % 3) * 190, yy = y + (k / 3) * 16;
	const struct legend_key *t;

	if (k < lg->nr_classes) {
		fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"10\" "
			"height=\"10\" fill=\"%s\" stroke=\"#868e96\" "
			"stroke-width=\"0.5\"/>", x, yy,
			lg->classes[k].colour);
		fprintf(f, "<text x=\"%lu\" y=\"%lu\">", x + 14, yy + 9);
		xml_puts(f, lg->classes[k].name);
		fputs("</text>\n", f);
		return;
	}
	t = &legend_types[k - lg->nr_classes];
	fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"10\" "
		"height=\"10\" fill=\"#ffffff\" stroke=\"#868e96\" "
		"stroke-width=\"0.5\"/><rect x=\"%lu\" y=\"%lu\" "
		"width=\"10\" height=\"2\" fill=\"%s\"/>",
		x, yy, x, yy + 7, t->colour);
	fprintf(f, "<text x=\"%lu\" y=\"%lu\">bar: %s "
		"pageblock</text>\n", x + 14, yy + 9, t->name);
}

static void map_keys(FILE *f, const struct legend *lg, unsigned long y)
{
	unsigned int k;

	for (k = 0; k < NR_KEYS(lg); k++)
		map_key(f, lg, k, y);
	fprintf(f, "<text x=\"%lu\" y=\"%lu\">no bar: Movable pageblock"
		"</text>\n", (unsigned long)((k % 3) * 190),
		y + (k / 3) * 16 + 9);
}

/**
 * svg_map - draw a memory map
 * @f: where to
 * @lg: the legend: the kinds of the runs
 * @m: the map
 * @title: its title, escaped here
 * @standalone: a file of its own, with its legend (else part of a page)
 */
void svg_map(FILE *f, const struct legend *lg, const struct report_map *m,
	     const char *title, bool standalone)
{
	unsigned long cols = m->nr_blocks < MAP_COLS ? m->nr_blocks : MAP_COLS;
	unsigned long rows = (m->nr_blocks + MAP_COLS - 1) / MAP_COLS;
	unsigned long w = cols * CELL, h = rows * CELL, top = MAP_TOP;
	/* The keys and the "no bar" line, three to a row. */
	unsigned long legend = standalone ? 16 * ((NR_KEYS(lg) + 1 + 2) / 3) + 8 : 0;

	if (w < 240)
		w = 240;
	if (standalone && w < 580)
		w = 580;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%lu\" "
		"height=\"%lu\" viewBox=\"0 0 %lu %lu\" font-family=\"sans-serif\" "
		"font-size=\"11\">\n", w, top + h + legend, w, top + h + legend);
	fputs("<title>", f);
	xml_puts(f, title);
	fputs("</title>\n<text x=\"0\" y=\"12\">", f);
	xml_puts(f, title);
	fprintf(f, " (%lu pageblocks)</text>\n", m->nr_blocks);
	map_cells(f, lg, m);
	if (standalone)
		map_keys(f, lg, top + h + 8);
	fputs("</svg>\n", f);
}

/* Key @k of the page's legend, four to a row. */
static void legend_key(FILE *f, const struct legend *lg, unsigned int k)
{
	unsigned int x = (k % 4) * 190, y = 2 + (k / 4) * 16;
	const struct legend_key *t;

	if (k < lg->nr_classes) {
		fprintf(f, "<rect x=\"%u\" y=\"%u\" width=\"11\" height=\"11\" "
			"fill=\"%s\" stroke=\"#868e96\" stroke-width=\"0.5\"/>"
			"<text x=\"%u\" y=\"%u\">", x, y,
			lg->classes[k].colour, x + 16, y + 10);
		xml_puts(f, lg->classes[k].name);
		fputs("</text>\n", f);
	} else if (k < NR_KEYS(lg)) {
		t = &legend_types[k - lg->nr_classes];
		fprintf(f, "<rect x=\"%u\" y=\"%u\" width=\"11\" height=\"11\" "
			"fill=\"#ffffff\" stroke=\"#868e96\" stroke-width=\"0.5\"/>"
			"<rect x=\"%u\" y=\"%u\" width=\"11\" height=\"2\" "
			"fill=\"%s\"/><text x=\"%u\" y=\"%u\">bar: %s</text>\n",
			x, y, x, y + 8, t->colour, x + 16, y + 10, t->name);
	} else {
		fprintf(f, "<text x=\"%u\" y=\"%u\">no bar: Movable</text>\n",
			x + 16, y + 10);
	}
}

/* The legend of the maps, once for the page. */
void svg_legend(FILE *f, const struct legend *lg)
{
	unsigned int k, n = NR_KEYS(lg) + 1;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" "
		"height=\"%u\" font-family=\"sans-serif\" font-size=\"12\">\n",
		16 * ((n + 3) / 4) + 4);
	for (k = 0; k < n; k++)
		legend_key(f, lg, k);
	fputs("</svg>\n", f);
}
