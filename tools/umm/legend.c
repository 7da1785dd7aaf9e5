// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/legend.c - the colours and names of the record's letters
 *
 * The letters are the kernel's (asm/kernel_entry.h); how they look is
 * the report's.  The maps (svg_map.c) draw with these, and report.json
 * carries the names as its legend (json.c).
 */
#include "internal.h"

/* What fills a pageblock: the cell's colour. */
const struct legend_key legend_classes[] = {
	{ MAP_FREE,	 "#f1f3f5", "free" },
	{ MAP_ANON_LRU,	 "#4c8bf5", "anonymous LRU" },
	{ MAP_ZSMALLOC,	 "#f08c00", "zsmalloc (zram)" },
	{ MAP_BALLOON,	 "#9c36b5", "balloon" },
	{ MAP_DRIVER,	 "#2f9e44", "movable driver" },
	{ MAP_TABLES,	 "#e03131", "page tables, stacks" },
	{ MAP_UNMOVABLE, "#495057", "other unmovable" },
};

#define UNKNOWN_COLOUR	"#ffd8a8"

/*
 * The pageblock's migratetype: a bar under the cell.  Movable is the
 * rule and has no bar: the eye goes to the exceptions.
 */
const struct legend_key legend_types[] = {
	{ MT_UNMOVABLE,	  "#000000", "Unmovable" },
	{ MT_RECLAIMABLE, "#fcc419", "Reclaimable" },
	{ MT_HIGHATOMIC,  "#d6336c", "HighAtomic" },
	{ MT_CMA,	  "#15aabf", "CMA" },
	{ MT_ISOLATE,	  "#ff00ff", "Isolate" },
};

const char *legend_class_colour(char c)
{
	unsigned int i;

	for (i = 0; i < NR_LEGEND_CLASSES; i++)
		if (legend_classes[i].c == c)
			return legend_classes[i].colour;
	return UNKNOWN_COLOUR;
}

const char *legend_type_colour(char c)
{
	unsigned int i;

	for (i = 0; i < NR_LEGEND_TYPES; i++)
		if (legend_types[i].c == c)
			return legend_types[i].colour;
	return NULL;	/* movable, a hole, or unknown: no bar */
}
