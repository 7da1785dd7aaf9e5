// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/svg_map.c - a memory map as SVG: a cell per pageblock
 *
 * The cells run in pfn order, MAP_COLS to a row, coloured by what fills
 * most of the pageblock; a bar under a cell marks a pageblock that is not
 * of the Movable migratetype.  Where the record counted the pages of each
 * kind ("@ mapcount"), a cell is shaded by how full its pageblock is: a
 * pageblock with a few slab pages in it is pale, not drawn as solid slab,
 * for it is nearly free even though it cannot serve a huge page.  Each
 * cell's tooltip gives its pfns, migratetype and pages by kind.  A map
 * drawn into index.html shares one legend (svg_legend()); a standalone
 * map-*.svg carries its own.
 */
#include "internal.h"

#define CELL	10	/* a pageblock's square, gap included */
#define MAP_COLS 64
#define MAP_TOP	18	/* room for the title */
#define NR_KEYS(lg)	((lg)->nr_classes + NR_LEGEND_TYPES)

/* The lightest shade: a pageblock with one page in use still shows. */
#define SHADE_MIN	0.15

/*
 * How full pageblock @i is, 0 to 1: its pages that are not free over all
 * its pages; @total gets the latter.  -1 if the record did not count them.
 */
static double block_fill(const struct legend *lg, const struct report_map *m,
			 unsigned long i, unsigned long *total)
{
	unsigned long free = 0;
	unsigned int k;

	*total = 0;
	if (!m->nr_counts || !lg->free_letter)
		return -1;
	for (k = 0; k < m->nr_counts; k++) {
		*total += m->counts[k].pages[i];
		if (m->counts[k].letter == lg->free_letter)
			free += m->counts[k].pages[i];
	}
	if (!*total)
		return -1;
	return (double)(*total - free) / *total;
}

/* A cell's tooltip: where the pageblock is, its type, what is in it. */
static void cell_title(FILE *f, const struct legend *lg,
		       const struct report_map *m, unsigned long i)
{
	unsigned long first = i * m->block_pages;
	unsigned int k;
	char sep = ':';

	fprintf(f, "<title>pageblock %lu", i);
	if (m->block_pages)
		fprintf(f, ", pfn %#lx-%#lx", first, first + m->block_pages - 1);
	fputs(", ", f);
	xml_puts(f, legend_type_name(m->types[i]));
	if (!m->nr_counts) {
		fputs(": mostly ", f);
		xml_puts(f, legend_class_name(lg, m->classes[i]));
	}
	for (k = 0; k < m->nr_counts; k++) {
		if (!m->counts[k].pages[i])
			continue;
		fprintf(f, "%c ", sep);
		xml_puts(f, legend_class_name(lg, m->counts[k].letter));
		fprintf(f, " %u", m->counts[k].pages[i]);
		sep = ',';
	}
	fputs("</title>", f);
}

static void map_cells(FILE *f, const struct legend *lg,
		      const struct report_map *m)
{
	unsigned long i, total;

	for (i = 0; i < m->nr_blocks; i++) {
		unsigned long x = (i % MAP_COLS) * CELL;
		unsigned long y = MAP_TOP + (i / MAP_COLS) * CELL;
		const char *tc = legend_type_colour(m->types[i]);
		double fill = block_fill(lg, m, i, &total);

		if (m->classes[i] == MAP_HOLE)
			continue;
		fputs("<g>", f);
		cell_title(f, lg, m, i);
		if (fill < 0 || m->classes[i] == lg->free_letter) {
			fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"%d\" "
				"height=\"%d\" fill=\"%s\"/>", x, y, CELL - 1,
				CELL - 1, legend_class_colour(lg, m->classes[i]));
		} else {
			/* The free colour under, the owner's over it. */
			fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"%d\" "
				"height=\"%d\" fill=\"%s\"/><rect x=\"%lu\" "
				"y=\"%lu\" width=\"%d\" height=\"%d\" "
				"fill=\"%s\" fill-opacity=\"%.2f\"/>", x, y,
				CELL - 1, CELL - 1,
				legend_class_colour(lg, lg->free_letter), x, y,
				CELL - 1, CELL - 1,
				legend_class_colour(lg, m->classes[i]),
				SHADE_MIN + (1 - SHADE_MIN) * fill);
		}
		if (tc)
			fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"%d\" "
				"height=\"3\" fill=\"%s\"/>", x, y + CELL - 4,
				CELL - 1, tc);
		fputs("</g>\n", f);
	}
}

/*
 * What the shading means, at (@x, @y): the same colour a quarter, half
 * and wholly full.
 */
static void shade_key(FILE *f, unsigned long x, unsigned long y)
{
	static const double fills[] = { 0.1, 0.5, 1 };
	unsigned int k;

	for (k = 0; k < ARRAY_SIZE(fills); k++)
		fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"10\" "
			"height=\"10\" fill=\"#495057\" fill-opacity=\"%.2f\" "
			"stroke=\"#868e96\" stroke-width=\"0.5\"/>",
			x + 12 * k, y, SHADE_MIN + (1 - SHADE_MIN) * fills[k]);
	fprintf(f, "<text x=\"%lu\" y=\"%lu\">shade: how much of the "
		"pageblock is in use (pale: a few pages, solid: all of it)"
		"</text>\n", x + 40, y + 9);
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
	if (lg->shaded)
		shade_key(f, 0, y + (k / 3 + 1) * 16);
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
	unsigned long legend = standalone ? 16 * ((NR_KEYS(lg) + 1 + 2) / 3 +
						  lg->shaded) + 8 : 0;

	if (w < 240)
		w = 240;
	if (standalone && w < 640)
		w = 640;
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
	unsigned int k, n = NR_KEYS(lg) + 1, rows = (n + 3) / 4;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" "
		"height=\"%u\" font-family=\"sans-serif\" font-size=\"12\">\n",
		16 * (rows + lg->shaded) + 4);
	for (k = 0; k < n; k++)
		legend_key(f, lg, k);
	if (lg->shaded)
		shade_key(f, 0, 2 + rows * 16);
	fputs("</svg>\n", f);
}
