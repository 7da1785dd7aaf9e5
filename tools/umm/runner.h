/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/runner.h - one run of a scenario, in a child process
 *
 * scenario.c reads the command line into a struct runner; runner.c runs
 * the scenario once per call, series on or off.
 */
#ifndef _TOOLS_UMM_RUNNER_H
#define _TOOLS_UMM_RUNNER_H

#include "report.h"

#define RUNNER_MAX_ARGS		64

struct runner {
	const char *name;
	const struct scenario *s;
	unsigned long seed;
	const char *report;
	int ab;
	int nr_params;
	char *params[RUNNER_MAX_ARGS];
	int tty;
};

int runner_run(const struct runner *r, int off, struct scenario_run *run);

#endif /* _TOOLS_UMM_RUNNER_H */
