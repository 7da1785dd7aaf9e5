// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/record_file.c - a run's record, saved with its report
 *
 * The runner keeps every record line a run printed, with the time it
 * arrived (report_record_line()); report_write() saves them beside the
 * report as record-RUN.txt, and `umm report` reads them back
 * (report_read_record()) to make the same table and report again without
 * running anything.  The file is text:
 *
 *   # umm run record: 'umm report' makes its report again
 *   # scenario zram-frag
 *   # seed 1
 *   # run 1 series on          its place in the report, and its label
 *   # wall 10.183012733        seconds, the whole run
 *   # status 0                 its exit status
 *   # linux 6.1.0-57-amd64     a run in Linux (--kernel): its release
 *   # settings zsmalloc.movable=0 sysctl.vm.extfrag_threshold=500
 *                              its boot parameters and sysctls (--set)
 *                              besides the scenario's, if it had any
 *   0.061234 @ phase setup     seconds, then the line the kernel printed
 *   ...
 *
 * Times have 17 significant digits, which a double survives unchanged, so
 * that the report made again is the same report to the byte.  Another
 * "# " line is a comment.  A record line the parser refuses is kept and
 * skipped, as the runner skipped it.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Append "SECONDS LINE\n" to the run's record. */
static int keep_line(struct scenario_run *run, const char *line, double t)
{
	int len = snprintf(NULL, 0, "%.17g %s\n", t, line);
	size_t need = run->record_len + len + 1;

	if (need > run->record_size) {
		size_t size = run->record_size ? run->record_size : 4096;
		char *p;

		while (size < need)
			size *= 2;
		p = realloc(run->record, size);
		if (!p)
			return -ENOMEM;
		run->record = p;
		run->record_size = size;
	}
	snprintf(run->record + run->record_len, len + 1, "%.17g %s\n", t, line);
	run->record_len += len;
	return 0;
}

/**
 * report_record_line - keep a record line for the record file, and parse it
 * @run: the run
 * @line: the line as the kernel printed it, without its newline
 * @t: seconds since the run started
 *
 * Return: what report_parse_line() returns, or -ENOMEM.
 */
int report_record_line(struct scenario_run *run, const char *line, double t)
{
	int err = keep_line(run, line, t);

	return err ? err : report_parse_line(run, line, t);
}

/* The record file of run @i of @rep. */
void report_write_record(FILE *f, const struct report *rep, int i)
{
	const struct scenario_run *run = &rep->runs[i];

	fprintf(f, "# umm run record: 'umm report' makes its report again\n"
		"# scenario %s\n# seed %lu\n# run %d %s\n# wall %.17g\n"
		"# status %d\n", rep->scenario, rep->seed, i + 1,
		report_run_label(rep->runs, i), run->wall, run->exit_status);
	if (run->linux_release[0])
		fprintf(f, "# linux %s\n", run->linux_release);
	if (run->settings[0])
		fprintf(f, "# settings %s\n", run->settings);
	fwrite(run->record, 1, run->record_len, f);
}

/* A number of seconds: finite and not negative. */
static int parse_seconds(const char *s, double *t, char **end)
{
	if (*s < '0' || *s > '9')
		return -EINVAL;
	*t = strtod(s, end);
	return *end == s || !isfinite(*t) ? -EINVAL : 0;
}

/* A whole field of digits, at most @max. */
static int parse_number(const char *s, unsigned long long max,
			unsigned long long *val)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	*val = strtoull(s, &end, 10);
	return errno || *end || *val > max ? -EINVAL : 0;
}

/* "N LABEL": the run's place in its report, and its label. */
static int parse_place(const char *s, struct scenario_run *run,
		       struct report_origin *o)
{
	if (s[0] < '1' || s[0] > '0' + REPORT_MAX_RUNS || s[1] != ' ')
		return -EINVAL;
	o->place = s[0] - '0';
	return report_copy_text(run->label, sizeof(run->label), s + 2);
}

/* "# KEY VALUE": what the runner knew of the run; other keys are comments. */
static int read_header(char *line, struct scenario_run *run,
		       struct report_origin *o)
{
	char *key = line + 2, *val = strchr(key, ' ');
	unsigned long long v;
	char *end;

	if (!val)
		return 0;
	*val++ = '\0';
	if (!strcmp(key, "scenario"))
		return report_copy_text(o->scenario, sizeof(o->scenario), val);
	if (!strcmp(key, "seed")) {
		if (parse_number(val, ULONG_MAX, &v) || !v)
			return -EINVAL;
		o->seed = v;
		return 0;
	}
	if (!strcmp(key, "run"))
		return parse_place(val, run, o);
	if (!strcmp(key, "linux"))
		return report_copy_text(run->linux_release, sizeof(run->linux_release),
				 val);
	if (!strcmp(key, "settings"))
		return report_copy_text(run->settings, sizeof(run->settings),
					val);
	if (!strcmp(key, "wall"))
		return parse_seconds(val, &run->wall, &end) || *end ? -EINVAL : 0;
	if (!strcmp(key, "status")) {
		if (parse_number(val, 255, &v))
			return -EINVAL;
		run->exit_status = v;
	}
	return 0;
}

/* "SECONDS @ ...": a record line and when it came. */
static int read_line(char *line, struct scenario_run *run)
{
	char *rest;
	double t;
	int err;

	if (parse_seconds(line, &t, &rest) || *rest != ' ' ||
	    strncmp(rest + 1, RECORD_PREFIX, strlen(RECORD_PREFIX)))
		return -EINVAL;
	err = report_record_line(run, rest + 1, t);
	return err == -ENOMEM ? err : 0;
}

/* Every line of @f into @run and @o; the number of the bad one, or 0. */
static int read_lines(FILE *f, struct scenario_run *run,
		      struct report_origin *o, int *err)
{
	size_t size = 0;
	char *line = NULL;
	int nr = 0;

	*err = 0;
	while (!*err && getline(&line, &size, f) >= 0) {
		nr++;
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "# ", 2))
			*err = read_header(line, run, o);
		else
			*err = read_line(line, run);
	}
	free(line);
	return *err ? nr : 0;
}

/**
 * report_read_record - read a record file that report_write() saved
 * @path: the file
 * @run: filled in, as the runner filled it in; report_free_run() it
 * @o: what the file says of the run besides
 *
 * Return: 0, or -errno after printing one line that names the file.
 */
int report_read_record(const char *path, struct scenario_run *run,
		       struct report_origin *o)
{
	FILE *f = fopen(path, "r");
	int bad, err;

	memset(run, 0, sizeof(*run));
	memset(o, 0, sizeof(*o));
	if (!f) {
		err = errno;
		fprintf(stderr, "umm: report: cannot read '%s': %s\n", path,
			strerror(err));
		return -err;
	}
	bad = read_lines(f, run, o, &err);
	fclose(f);
	if (bad)
		fprintf(stderr, "umm: report: %s:%d: %s\n", path, bad,
			err == -ENOMEM ? strerror(ENOMEM) : "not a run record line");
	else if (!o->scenario[0] || !o->seed || !o->place)
		fprintf(stderr, "umm: report: '%s' is not a run record (it needs "
			"'# scenario', '# seed' and '# run' lines)\n", path);
	else
		return 0;
	report_free_run(run);
	return err ? err : -EINVAL;
}
