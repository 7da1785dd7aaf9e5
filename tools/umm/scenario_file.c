// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/scenario_file.c - a scenario from a file, and any scenario's header
 *
 * A scenario is a console script whose first line is a comment that
 * describes it, embedded at build time (scripts/embed-scenarios.sh) or
 * read from a file (`umm scenario PATH.umm`).  Its header comments may
 * say how it runs:
 *
 *	# boot: mem=256M nr_cpus=2	boot parameters of every run
 *	# off: mydrv.movable=0		the boot parameters of "series off"
 *
 * Without "# off:", "series off" is the off switch of every kind of page
 * owner the kernel registered (the run's "@ kind" lines).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runner.h"

/* A scenario file is a script, not a disk image: a generous bound. */
#define SCENARIO_MAX_SIZE	(1 << 20)

static int not_a_scenario(const char *path, const char *why)
{
	fprintf(stderr, "umm: scenario: '%s' is not a scenario: %s\n",
		path, why);
	return 2;
}

/* The whole of @path, its @size; NULL after saying why not. */
static char *read_text(const char *path, size_t *size)
{
	struct stat st;
	char *text;
	FILE *f;

	if (stat(path, &st)) {
		fprintf(stderr, "umm: scenario: cannot read '%s': %s\n",
			path, strerror(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		not_a_scenario(path, "not a regular file");
		return NULL;
	}
	if (st.st_size > SCENARIO_MAX_SIZE) {
		not_a_scenario(path, "larger than 1 MiB");
		return NULL;
	}
	f = fopen(path, "r");
	text = f ? calloc(1, st.st_size + 1) : NULL;
	if (!f || !text || fread(text, 1, st.st_size, f) != (size_t)st.st_size) {
		fprintf(stderr, "umm: scenario: cannot read '%s': %s\n", path,
			strerror(errno ? errno : EIO));
		free(text);
		text = NULL;
	}
	if (f)
		fclose(f);
	*size = st.st_size;
	return text;
}

/**
 * scenario_read_file - read a scenario from a file
 * @path: the file
 * @s: filled in: its name is @path, its text allocated (free s->text)
 *
 * A scenario is text (no NUL byte) whose first line is a comment, its
 * description, as `umm scenarios` shows for the embedded ones.
 *
 * Return: 0, or an exit status (2) after printing one line.
 */
int scenario_read_file(const char *path, struct scenario *s)
{
	size_t size;
	char *text = read_text(path, &size);

	if (!text)
		return 2;
	if (strlen(text) != size) {
		free(text);
		return not_a_scenario(path, "it is not text");
	}
	if (text[0] != '#') {
		free(text);
		return not_a_scenario(path,
			"its first line is not a '#' comment that describes it");
	}
	s->name = path;
	s->text = text;
	return 0;
}

/**
 * scenario_header_words - the words of a scenario's "# KEY: ..." lines
 * @s: the scenario
 * @key: "boot" or "off"
 * @argv: where the words go, from @n on
 * @n: words already in @argv
 * @max: room in @argv
 * @found: set if the scenario has such a line (even an empty one)
 *
 * Each word is allocated; scenario_free_words() frees them.
 *
 * Return: the number of words in @argv now.
 */
int scenario_header_words(const struct scenario *s, const char *key,
			  char **argv, int n, int max, int *found)
{
	const char *line = s->text;
	size_t klen = strlen(key);

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (len > klen + 2 && !strncmp(line, "# ", 2) &&
		    !strncmp(line + 2, key, klen) && line[klen + 2] == ':') {
			char *copy = strndup(line + klen + 3, len - klen - 3);
			char *tok, *save;

			if (found)
				*found = 1;
			for (tok = copy ? strtok_r(copy, " \t", &save) : NULL;
			     tok && n < max;
			     tok = strtok_r(NULL, " \t", &save)) {
				argv[n] = strdup(tok);
				n += argv[n] != NULL;
			}
			free(copy);
		}
		line = end ? end + 1 : NULL;
	}
	return n;
}

/**
 * scenario_free_words - free what scenario_header_words() put in @argv
 * @argv: the words
 * @from: the first of them
 * @to: one past the last
 */
void scenario_free_words(char **argv, int from, int to)
{
	for (; from < to; from++) {
		free(argv[from]);
		argv[from] = NULL;
	}
}
