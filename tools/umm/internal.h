/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/internal.h - what the files of the report share
 *
 * report.h is the report's interface; this is how its parts reach each
 * other.  All of it is host code linked into libumm.a beside the kernel,
 * so every name here carries a prefix of its own (report_, svg_, html_,
 * json_, xml_, legend_) that no kernel symbol has.
 */
#ifndef _TOOLS_UMM_INTERNAL_H
#define _TOOLS_UMM_INTERNAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "report.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* figures.c: what a parsed run says, as the writers need it */
const char *report_run_label(const struct scenario_run *runs, int i);
int report_clamp_runs(int nr);
const struct report_stat *report_find_stat(const struct scenario_run *run,
					   const char *key);
const struct report_map *report_find_map(const struct scenario_run *run,
					 const char *label);
/* @labels: room for 2 * REPORT_MAX_MAPS */
int report_map_labels(const struct scenario_run *runs, int nr,
		      const char **labels);
unsigned long long report_free_pages(const struct report_buddy *b, int order);
unsigned long long report_free_total(const struct report_buddy *b);
double report_phase_seconds(const struct scenario_run *run, unsigned int i);
int report_phase_names(const struct scenario_run *runs, int nr,
		       const char **names, int max);

/* table.c: the table, built once as rows of strings */
#define ROW_LABEL_LEN	40
#define CELL_LEN	64
#define MAX_ROWS	(3 * REPORT_MAX_ORDER + 24 + 2 * REPORT_MAX_PHASES + \
			 REPORT_MAX_KINDS)

struct row {
	const char *section;	/* set on the first row of a section */
	char label[ROW_LABEL_LEN];
	char cell[REPORT_MAX_RUNS][CELL_LEN];
};

struct rows {
	struct row row[MAX_ROWS];
	int nr;
	const char *section;
};

void report_build_rows(struct rows *r, const struct scenario_run *runs,
		       int nr);

/* escape.c: text that stays well-formed whatever the labels hold */
void xml_puts(FILE *f, const char *s);
void json_str(FILE *f, const char *s);
void report_slug(char *dst, size_t size, const char *src);
int report_copy_text(char *dst, size_t size, const char *src);

/* legend.c: the colours and names of the record's letters */
struct legend_key {
	char c;
	const char *colour, *name;
};

#define NR_LEGEND_TYPES		5

/* The kinds of the runs' records: what the maps' letters are. */
struct legend {
	unsigned int nr_classes;
	struct legend_key classes[REPORT_MAX_KINDS];
	char free_letter;	/* the kind named "free", or 0 */
	bool shaded;		/* some map counts its pages: cells shaded */
};

extern const struct legend_key legend_types[NR_LEGEND_TYPES];
void legend_build(struct legend *lg, const struct scenario_run *runs, int nr);
const char *legend_class_colour(const struct legend *lg, char c);
const char *legend_class_name(const struct legend *lg, char c);
const char *legend_type_colour(char c);
const char *legend_type_name(char c);

/* A report being written: what every file of it is made from. */
struct report {
	const char *scenario;
	unsigned long seed;
	const struct scenario_run *runs;
	int nr;
	const struct rows *rows;
	char (*slugs)[REPORT_NAME_LEN];	/* the runs' names in file names */
	const struct legend *legend;	/* the runs' kinds */
};

/* svg_map.c, chart.c: the pictures */
void svg_map(FILE *f, const struct legend *lg, const struct report_map *m,
	     const char *title, bool standalone);
void svg_legend(FILE *f, const struct legend *lg);
/* The charts' shared scales: the largest of each (see chart.c). */
struct chart_scale {
	double clock_max;	/* pages allocated and freed, runs that have it */
	double tmax;		/* seconds, the runs that have no work clock */
	double ymax;		/* free pages */
};

void svg_chart_scale(struct chart_scale *scale, const struct scenario_run *run);
void svg_chart(FILE *f, const struct scenario_run *run, const char *label,
	       const struct chart_scale *scale);

/* html.c, json.c: the two documents */
void report_map_title(char *buf, size_t size, const struct scenario_run *runs,
		      int i, const char *scenario, const char *label);
void html_write(FILE *f, const struct report *rep);
void json_write(FILE *f, const struct report *rep);

/* record_file.c: record-RUN.txt, what run @i printed */
void report_write_record(FILE *f, const struct report *rep, int i);

/* report_dir.c: a report directory, replaced in one step */
struct report_dir {
	const char *name;	/* as the caller gave it, for messages */
	char base[PATH_MAX];	/* the directory, without trailing slashes */
	char tmp[PATH_MAX + 32];	/* BASE.tmp.PID: the new report */
	char old[PATH_MAX + 32];	/* BASE.old.PID: the old one, set aside */
	bool replace;		/* BASE exists and holds a report */
};

bool report_record_file(const char *name);
void report_dir_fail(const char *dir, int err);
int report_dir_begin(struct report_dir *d, const char *dir);
int report_dir_commit(struct report_dir *d);
void report_dir_cancel(struct report_dir *d);

#endif /* _TOOLS_UMM_INTERNAL_H */
