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
#define RUNNER_MAX_OFF		16
#define RUNNER_MAX_SETS		16

struct runner {
	const char *name;
	const struct scenario *s;
	struct scenario file;		/* s, when read from a file */
	/* The boot parameters of "series off" (runner_off_switches()). */
	int nr_off;
	char *off[RUNNER_MAX_OFF];
	int off_words;			/* off[] holds the header's words */
	/* The scenario's "# boot:" words, for the Linux side (--kernel). */
	int nr_kboot;
	char *kboot[RUNNER_MAX_ARGS];
	unsigned long seed;
	const char *report;
	int ab;
	int kernel;			/* --kernel: a Linux column too */
	int nr_params;
	char *params[RUNNER_MAX_ARGS];
	/* --set vm.NAME=VALUE, as the boot parameter sysctl.vm.NAME=VALUE */
	int nr_sets;
	char sets[RUNNER_MAX_SETS][128];
	int tty;
	const char *trace;		/* --trace FILE */
};

int runner_run(const struct runner *r, int off, struct scenario_run *run);
int runner_off_switches(struct runner *r, const struct scenario_run *on);
int runner_trace_path(const struct runner *r, int off, char *buf, size_t size);
int runner_boot(const struct runner *r, struct scenario_run *boot);

/* settings.c: the user's parameters and sysctls */
int runner_add_set(struct runner *r, const char *arg);
void runner_settings(const struct runner *r, int off, char *buf, size_t size);
int runner_check(const struct runner *r);

/* scenario_file.c: a scenario from a file, and any scenario's header */
int scenario_read_file(const char *path, struct scenario *s);
int scenario_header_words(const struct scenario *s, const char *key,
			  char **argv, int n, int max, int *found);
void scenario_free_words(char **argv, int from, int to);

#endif /* _TOOLS_UMM_RUNNER_H */
