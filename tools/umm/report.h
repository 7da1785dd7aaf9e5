/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/report.h - a scenario's results: parsed, compared, written
 *
 * A scenario run (a child process that booted the kernel, see runner.c)
 * prints, besides its console output, record lines that start with "@ ";
 * their format and letters are the kernel's and the host's contract, in
 * asm/kernel_entry.h.  The runner parses them (record.c) into a struct
 * scenario_run, then prints a table that puts one or two runs side by
 * side and writes a report directory:
 *
 *   index.html              XHTML: memory maps, the table, a chart of free
 *                           pages by order over time, phase times (html.c)
 *   map-RUN-LABEL.svg       each memory map on its own (svg_map.c)
 *   report.json             every figure, for scripts (json.c)
 *   record-RUN.txt          each run's record lines with their times, and
 *                           what the runner knew besides: `umm report`
 *                           makes the same report from them again
 *                           (record_file.c, report_cmd.c)
 *
 * The table is built once as rows of strings (table.c) and printed three
 * times, as text, as HTML and as JSON, so that the three cannot disagree
 * on a number.  What a figure means (a phase's length, free pages of an
 * order) is worked out once too, in figures.c.
 *
 * Everything written is well-formed XML or JSON whatever the labels hold:
 * the parser accepts only printable ASCII in names, and the writers escape
 * what they print anyway (escape.c), since run labels and scenario names
 * come from the caller.
 *
 * The directory is written under a temporary name and put in place in
 * one step when complete (report_dir.c), so that there is a report at
 * every moment and a failed run never leaves one that looks whole.
 */
#ifndef _TOOLS_UMM_REPORT_H
#define _TOOLS_UMM_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include <asm/kernel_entry.h>

#define REPORT_MAX_ORDER	RECORD_NR_ORDERS
#define REPORT_MAX_RUNS		3	/* on, off, Linux */
#define REPORT_MAX_PHASES	32
#define REPORT_MAX_SAMPLES	64
#define REPORT_MAX_MAPS		8
#define REPORT_MAX_STATS	256
#define REPORT_NAME_LEN		32
#define REPORT_MAX_KINDS	32
#define REPORT_DESC_LEN		48
#define REPORT_OFF_LEN		64
#define REPORT_MAX_TICKS	4096	/* "@ free" samples; the kernel prints <= 400 */
#define REPORT_SETTINGS_LEN	512

struct report_buddy {
	char label[REPORT_NAME_LEN];
	double t;			/* seconds since the run started */
	unsigned long nr_free[REPORT_MAX_ORDER];	/* blocks per order */
};

/* A sample of the free-pages chart, on the run's work clock ("@ free"). */
struct report_tick {
	unsigned long long clock;	/* pages allocated and freed so far */
	unsigned long nr_free[REPORT_MAX_ORDER];	/* blocks per order */
};

/* The pages of one kind in each pageblock of a map ("@ mapcount"). */
struct report_map_count {
	char letter;
	unsigned short *pages;		/* nr_blocks of them */
};

struct report_map {
	char label[REPORT_NAME_LEN];
	unsigned long nr_blocks;
	char *classes;			/* nr_blocks chars, MAP_* */
	char *types;			/* nr_blocks chars, MT_* */
	/* Pages by kind, if the run said (a Linux run does not). */
	unsigned long block_pages;	/* pages in a pageblock, or 0 */
	unsigned int nr_counts;
	struct report_map_count counts[REPORT_MAX_KINDS];
};

struct report_phase {
	char name[REPORT_NAME_LEN];
	double start, seconds;
	bool clocked;			/* the record gave its work clock: */
	unsigned long long clock;	/* report_tick.clock where it began */
};

struct report_stat {
	char key[REPORT_NAME_LEN];
	unsigned long long value;
};

/* A kind of page owner the run had ("@ kind", <linux/page_kind.h>). */
struct report_kind {
	char name[REPORT_NAME_LEN];
	char letter;			/* its cells in maps */
	char colour[8];			/* "#rrggbb" */
	int movable;
	char off[REPORT_OFF_LEN];	/* its "series off" switch, or "" */
	char desc[REPORT_DESC_LEN];	/* what the legend says */
};

/* One run of a scenario. */
struct scenario_run {
	char label[REPORT_NAME_LEN];	/* "series on", "series off" */
	/* A run in Linux under QEMU (--kernel): its release; else "". */
	char linux_release[REPORT_NAME_LEN];
	/*
	 * What the run was set up with besides its scenario: boot
	 * parameters, the series' off switches, sysctl.vm.NAME=VALUE
	 * (--set); words separated by spaces, or "".
	 */
	char settings[REPORT_SETTINGS_LEN];
	unsigned long long alloc_ok[REPORT_MAX_ORDER];
	unsigned long long alloc_total[REPORT_MAX_ORDER];
	unsigned int nr_phases, nr_samples, nr_maps, nr_stats, nr_kinds;
	struct report_phase phases[REPORT_MAX_PHASES];
	struct report_buddy samples[REPORT_MAX_SAMPLES];
	/* The chart's samples, in clock order (malloc'd). */
	struct report_tick *ticks;
	unsigned int nr_ticks, ticks_size;
	struct report_map maps[REPORT_MAX_MAPS];
	struct report_stat stats[REPORT_MAX_STATS];
	struct report_kind kinds[REPORT_MAX_KINDS];
	double wall;			/* seconds, the whole run */
	int exit_status;
	int ended;			/* "@ end" seen */
	char *record;			/* the lines, for record-RUN.txt */
	size_t record_len, record_size;
};

/* What a record file says of its run besides the run itself. */
struct report_origin {
	char scenario[128];
	unsigned long seed;
	int place;			/* 1 or 2: its column in the report */
};

/*
 * Parse one record line (with or without its "@ " prefix); @t: its time.
 * Returns 0, -EINVAL for an unknown or malformed line (the run is left
 * as it was), -ENOSPC when the run has no room left for it (phases, maps,
 * stats; buddy samples are thinned out first), or -ENOMEM.
 */
int report_parse_line(struct scenario_run *run, const char *line, double t);
/* A stat by key, or 0 when the run did not report it. */
unsigned long long report_stat(const struct scenario_run *run, const char *key);
/*
 * The last buddy sample named @label (free blocks per order: a block of
 * order N is 1 << N pages), or NULL.
 */
const struct report_buddy *report_buddy(const struct scenario_run *run,
					const char *label);
/*
 * A record line as the runner read it at @t: kept for the run's record
 * file, then parsed (report_parse_line()'s return, or -ENOMEM).
 */
int report_record_line(struct scenario_run *run, const char *line, double t);
/*
 * Read a record file that report_write() saved into @run and @o.
 * Returns 0, or -errno after printing one line that names the file.
 */
int report_read_record(const char *path, struct scenario_run *run,
		       struct report_origin *o);
/* Free what parsing allocated (maps, ticks, the record), not @run itself. */
void report_free_run(struct scenario_run *run);

/* The side-by-side table of @nr (1 to REPORT_MAX_RUNS) runs. */
void report_print_table(FILE *f, const char *scenario, unsigned long seed,
			const struct scenario_run *runs, int nr);

/*
 * Write DIR/index.html (SVG maps, the table, a chart), DIR/report.json,
 * and the record of each run that kept one (report_record_line()).
 * Written into a temporary directory next to DIR and renamed at the end,
 * so that a failed run leaves no report that looks complete.  Returns 0,
 * or -errno after printing one line saying what was wrong.
 */
int report_write(const char *dir, const char *scenario, unsigned long seed,
		 const struct scenario_run *runs, int nr);

#endif /* _TOOLS_UMM_REPORT_H */
