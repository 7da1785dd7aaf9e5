/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/sweep_pool.h - a sweep's settings and its runs, shared by
 * sweep.c (the command line) and sweep_pool.c (the worker processes)
 */
#ifndef _TOOLS_UMM_SWEEP_POOL_H
#define _TOOLS_UMM_SWEEP_POOL_H

#include <limits.h>

#include "runner.h"

#define SWEEP_MAX_JOBS		256
#define SWEEP_MAX_VARY		32
#define SWEEP_MAX_MERGE		64

struct sweep {
	struct runner r;
	unsigned long *seeds;
	int nr_seeds;
	char vary[128];			/* the varied sysctl's name, or "" */
	char *vary_val[SWEEP_MAX_VARY];
	int nr_vary;
	char *vary_buf;
	int jobs;
	const char *dir;
	char dir_buf[PATH_MAX];
	char *merge[SWEEP_MAX_MERGE];
	int nr_merge;
};

/* One run of the sweep. */
struct sweep_job {
	unsigned long seed;
	int vary;			/* index in vary_val, or -1 */
	int off;
};

int sweep_run_jobs(struct sweep *sw, struct sweep_job *jobs, int total);

#endif /* _TOOLS_UMM_SWEEP_POOL_H */
