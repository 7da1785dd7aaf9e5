// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/settings.c - what a scenario run is set up with
 *
 * Besides the scenario's own "# boot:" words, a run takes the user's boot
 * parameters (name=value) and sysctls (--set vm.NAME=VALUE, as sysctl(8)
 * names them).  A sysctl reaches the child as the boot parameter
 * sysctl.vm.NAME=VALUE, which the kernel writes to /proc/sys/vm/NAME
 * once it is up, before the script (do_sysctl_args(), as Linux does
 * since 5.8); a Linux column (--kernel) gets the same word on its kernel
 * command line.
 *
 * Before any run, one child boots with all of it and stops
 * (runner_check()): a parameter or sysctl the kernel refuses is then
 * said in the kernel's own line, status 2, and nothing has run.  The same
 * child names the kinds of page owner and their "series off" switches,
 * so that --ab can refuse a parameter that sets one of them: "series
 * off" would then be "series on", or the other way round, under the
 * wrong label.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

/* A sysctl's name as sysctl(8) takes it: words of [a-z0-9_-], '.' or '/'. */
static int valid_sysctl_name(const char *s, size_t len)
{
	size_t i;

	if (!len || s[0] == '.' || s[0] == '/' || !strchr(s, '.'))
		return 0;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && !strchr("_-./", s[i]))
			return 0;
	return s[len - 1] != '.' && s[len - 1] != '/';
}

/**
 * runner_add_set - take one --set argument
 * @r: the runner; the sysctl is added to r->sets
 * @arg: "vm.NAME=VALUE"
 *
 * Only the form is checked here: whether the kernel has the sysctl and
 * takes the value is for runner_check() to find out.
 *
 * Return: 0, or 2 after one line saying what is wrong with @arg.
 */
int runner_add_set(struct runner *r, const char *arg)
{
	const char *eq = strchr(arg, '=');
	size_t i;

	if (!eq || !valid_sysctl_name(arg, eq - arg) || !eq[1]) {
		fprintf(stderr, "umm: --set '%s': not a sysctl and a value (NAME=VALUE, e.g. vm.extfrag_threshold=500)\n",
			arg);
		return 2;
	}
	for (i = 1; eq[i]; i++) {
		if (!isgraph((unsigned char)eq[i])) {
			fprintf(stderr, "umm: --set '%s': the value has a space or a control character\n",
				arg);
			return 2;
		}
	}
	if (r->nr_sets == RUNNER_MAX_SETS ||
	    strlen(arg) + 8 > sizeof(r->sets[0])) {
		fprintf(stderr, "umm: --set '%s': %s\n", arg,
			r->nr_sets == RUNNER_MAX_SETS ? "too many --set" :
			"too long");
		return 2;
	}
	snprintf(r->sets[r->nr_sets++], sizeof(r->sets[0]), "sysctl.%s", arg);
	return 0;
}

/* Append @word to @buf (@size bytes), a space between words. */
static void add_word(char *buf, size_t size, const char *word)
{
	size_t len = strlen(buf);

	if (len + !!len + strlen(word) < size)
		snprintf(buf + len, size - len, "%s%s", len ? " " : "", word);
}

/**
 * runner_settings - what run @off was set up with, for the report
 * @r: the runner
 * @off: the "series off" run: its off switches come first
 * @buf: where the words go, separated by spaces
 * @size: its size
 *
 * The scenario's own "# boot:" words and the runner's (seed, record) are
 * not settings: they are the same for every run of the scenario.
 */
void runner_settings(const struct runner *r, int off, char *buf, size_t size)
{
	int i;

	buf[0] = '\0';
	for (i = 0; off && i < r->nr_off; i++)
		add_word(buf, size, r->off[i]);
	for (i = 0; i < r->nr_params; i++)
		add_word(buf, size, r->params[i]);
	for (i = 0; i < r->nr_sets; i++)
		add_word(buf, size, r->sets[i]);
}

/* Do boot parameters @a and @b set the same thing? */
static int same_param(const char *a, const char *b)
{
	size_t la = strcspn(a, "="), lb = strcspn(b, "=");

	return la == lb && !strncmp(a, b, la);
}

/* The user's parameter that sets @off_switch, or NULL. */
static const char *param_setting(const struct runner *r,
				 const char *off_switch)
{
	int i;

	for (i = 0; i < r->nr_params; i++)
		if (same_param(r->params[i], off_switch))
			return r->params[i];
	return NULL;
}

static int refuse(const struct runner *r, const char *param,
		  const char *off_switch)
{
	fprintf(stderr, "umm: scenario %s: '%s' sets the \"series off\" switch (%s): series on and off would be the same run; leave it out\n",
		r->name, param, off_switch);
	return 2;
}

/*
 * --ab: refuse a parameter that sets an off switch: the scenario's
 * "# off:" words if it has them, else the switches of the kinds @boot
 * named.  0 or 2.
 */
static int check_off_switches(const struct runner *r,
			      const struct scenario_run *boot)
{
	char *words[RUNNER_MAX_OFF];
	const char *p;
	int n, i, found = 0, err = 0;
	unsigned int k;

	n = scenario_header_words(r->s, "off", words, 0, RUNNER_MAX_OFF,
				  &found);
	for (i = 0; i < n && !err; i++) {
		p = param_setting(r, words[i]);
		if (p)
			err = refuse(r, p, words[i]);
	}
	scenario_free_words(words, 0, n);
	if (found && n)
		return err;
	for (k = 0; k < boot->nr_kinds && !err; k++) {
		const char *off = boot->kinds[k].off;

		p = off[0] ? param_setting(r, off) : NULL;
		if (p)
			err = refuse(r, p, off);
	}
	return err;
}

/**
 * runner_check - boot once with the run's settings, before any run
 * @r: the runner, its parameters and sysctls given
 *
 * Nothing to check without parameters or sysctls: the scenario's own
 * boot words are checked by its tests.
 *
 * Return: 0, or 2 after the kernel's line saying what it refused, or
 * after saying which parameter --ab cannot take.
 */
int runner_check(const struct runner *r)
{
	struct scenario_run boot;
	int err;

	if (!r->nr_params && !r->nr_sets)
		return 0;
	err = runner_boot(r, &boot);
	if (!err && r->ab)
		err = check_off_switches(r, &boot);
	report_free_run(&boot);
	return err ? 2 : 0;
}
