/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arch/user/os/report_user.h - a scenario's results: parsed, compared, written
 *
 * A scenario run (a child process that booted the kernel) prints, besides
 * its console output, record lines that start with "@ " (see
 * init/console_record.c).  The parent parses them into a struct
 * scenario_run, prints the side-by-side table and writes the report.
 *
 * Record lines, one per line, fields separated by single spaces:
 *
 *   @ phase NAME                 a phase starts (the parent times it)
 *   @ alloc ORDER OK TOTAL       an `alloc` probe: OK of TOTAL succeeded
 *   @ taskfail NAME              `task start NAME` failed (fork failed)
 *   @ buddy LABEL N0 N1 ... N10  free blocks per order, all zones summed,
 *                                as /proc/buddyinfo counts them; LABEL is
 *                                a phase or snapshot name
 *   @ map LABEL NBLOCKS CLASSES TYPES
 *                                a memory map: CLASSES and TYPES are
 *                                NBLOCKS characters, one per pageblock in
 *                                pfn order (see MAP_* and MT_* below)
 *   @ stat KEY VALUE             a final counter (vmstat names, and
 *                                migrated_lru, migrated_zsmalloc,
 *                                migrated_balloon, migrated_driver,
 *                                task_failures)
 *   @ end                        the run finished (absent: it crashed)
 */
#ifndef _ARCH_USER_OS_REPORT_USER_H
#define _ARCH_USER_OS_REPORT_USER_H

#include <stdio.h>

#define REPORT_MAX_ORDER	11
#define REPORT_MAX_PHASES	32
#define REPORT_MAX_SAMPLES	64
#define REPORT_MAX_MAPS		8
#define REPORT_MAX_STATS	64
#define REPORT_NAME_LEN		32

/* What fills a pageblock: free only if wholly free, else the kind with most pages. */
#define MAP_FREE	'.'	/* free (in the buddy allocator) */
#define MAP_ANON_LRU 'a'	/* anonymous LRU pages of tasks */
#define MAP_ZSMALLOC	'z'	/* zsmalloc (zram's compressed pages) */
#define MAP_BALLOON	'b'	/* inflated balloon pages */
#define MAP_DRIVER	'd'	/* the sample movable driver's pages */
#define MAP_TABLES	'p'	/* page tables and kernel stacks */
#define MAP_UNMOVABLE	'u'	/* other kernel memory (slab, ...) */
#define MAP_HOLE	' '	/* no memory there */

/* The pageblock's migratetype. */
#define MT_UNMOVABLE	'U'
#define MT_MOVABLE	'M'
#define MT_RECLAIMABLE	'R'
#define MT_CMA		'C'
#define MT_ISOLATE	'I'

struct report_buddy {
	char label[REPORT_NAME_LEN];
	double t;			/* seconds since the run started */
	unsigned long nr_free[REPORT_MAX_ORDER];	/* blocks per order */
};

struct report_map {
	char label[REPORT_NAME_LEN];
	unsigned long nr_blocks;
	char *classes;			/* nr_blocks chars, MAP_* */
	char *types;			/* nr_blocks chars, MT_* */
};

struct report_phase {
	char name[REPORT_NAME_LEN];
	double start, seconds;
};

struct report_stat {
	char key[REPORT_NAME_LEN];
	unsigned long long value;
};

/* One run of a scenario. */
struct scenario_run {
	char label[REPORT_NAME_LEN];	/* "series on", "series off" */
	unsigned long long alloc_ok[REPORT_MAX_ORDER];
	unsigned long long alloc_total[REPORT_MAX_ORDER];
	unsigned int nr_phases, nr_samples, nr_maps, nr_stats;
	struct report_phase phases[REPORT_MAX_PHASES];
	struct report_buddy samples[REPORT_MAX_SAMPLES];
	struct report_map maps[REPORT_MAX_MAPS];
	struct report_stat stats[REPORT_MAX_STATS];
	double wall;			/* seconds, the whole run */
	int exit_status;
	int ended;			/* "@ end" seen */
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
/* Free what parsing allocated (the maps' strings), not @run itself. */
void report_free_run(struct scenario_run *run);

/* The side-by-side table of @nr (1 or 2) runs. */
void report_print_table(FILE *f, const char *scenario, unsigned long seed,
			const struct scenario_run *runs, int nr);

/*
 * Write DIR/index.html (SVG maps, the table, a chart) and DIR/report.json.
 * Written into a temporary directory next to DIR and renamed at the end,
 * so that a failed run leaves no report that looks complete.  Returns 0,
 * or -errno after printing one line saying what was wrong.
 */
int report_write(const char *dir, const char *scenario, unsigned long seed,
		 const struct scenario_run *runs, int nr);

#endif /* _ARCH_USER_OS_REPORT_USER_H */
