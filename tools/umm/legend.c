// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/legend.c - the colours and names of the record's letters
 *
 * What fills a pageblock is a kind of page owner, registered in the
 * kernel (<linux/page_kind.h>); each run's record names the kinds it had
 * ("@ kind" lines), and the legend is made of those: the host keeps no
 * list of its own.  The maps (svg_map.c) draw with it, and report.json
 * carries its names (json.c).  The migratetypes' bars are the host's:
 * they are the kernel's fixed migratetypes, not owners.
 */
#include <string.h>

#include "internal.h"

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

static bool legend_has(const struct legend *lg, char c)
{
	unsigned int i;

	for (i = 0; i < lg->nr_classes; i++)
		if (lg->classes[i].c == c)
			return true;
	return false;
}

/**
 * legend_build - the legend of @nr runs: the kinds their records name
 * @lg: filled in; it points into @runs, which must outlive it
 * @runs: the runs
 * @nr: how many
 *
 * A letter is keyed once, as the first run that names it has it.
 */
void legend_build(struct legend *lg, const struct scenario_run *runs, int nr)
{
	unsigned int k;
	int i;

	memset(lg, 0, sizeof(*lg));
	for (i = 0; i < nr; i++) {
		for (k = 0; k < runs[i].nr_maps; k++)
			lg->shaded |= runs[i].maps[k].nr_counts > 0;
		for (k = 0; k < runs[i].nr_kinds; k++) {
			const struct report_kind *kind = &runs[i].kinds[k];
			struct legend_key *key;

			if (!lg->free_letter && !strcmp(kind->name, "free"))
				lg->free_letter = kind->letter;
			if (legend_has(lg, kind->letter) ||
			    lg->nr_classes == REPORT_MAX_KINDS)
				continue;
			key = &lg->classes[lg->nr_classes++];
			key->c = kind->letter;
			key->colour = kind->colour;
			key->name = kind->desc;
		}
	}
}

const char *legend_class_colour(const struct legend *lg, char c)
{
	unsigned int i;

	for (i = 0; i < lg->nr_classes; i++)
		if (lg->classes[i].c == c)
			return lg->classes[i].colour;
	return UNKNOWN_COLOUR;
}

/* What the legend calls the kind of letter @c, or "?". */
const char *legend_class_name(const struct legend *lg, char c)
{
	unsigned int i;

	for (i = 0; i < lg->nr_classes; i++)
		if (lg->classes[i].c == c)
			return lg->classes[i].name;
	return "?";
}

/* The name of migratetype letter @c (MT_*), Movable included. */
const char *legend_type_name(char c)
{
	unsigned int i;

	if (c == MT_MOVABLE)
		return "Movable";
	for (i = 0; i < NR_LEGEND_TYPES; i++)
		if (legend_types[i].c == c)
			return legend_types[i].name;
	return "unknown migratetype";
}

const char *legend_type_colour(char c)
{
	unsigned int i;

	for (i = 0; i < NR_LEGEND_TYPES; i++)
		if (legend_types[i].c == c)
			return legend_types[i].colour;
	return NULL;	/* movable, a hole, or unknown: no bar */
}
