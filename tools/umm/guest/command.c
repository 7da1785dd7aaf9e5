// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/command.c - one command line: its words and its verb
 *
 * Lines are split as umm's console splits them (init/console.c): quotes
 * group words, '>' and '>>' are words of their own.  A verb umm knows
 * but the agent cannot run faithfully fails with "not available on
 * Linux RELEASE: why"; a word umm does not know fails as umm's console
 * fails it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "agent.h"

/**
 * split_words - split a command line into words
 * @line: the line
 * @out: room for the words (at least twice @line's size)
 * @argv: set to the words
 * @max: room in @argv
 *
 * Return: the number of words, -E2BIG or -EINVAL (unbalanced quote).
 */
int split_words(const char *line, char *out, char **argv, int max)
{
	const char *src = line;
	int argc = 0;

	for (;;) {
		char quote = 0;

		while (isspace((unsigned char)*src))
			src++;
		if (!*src)
			break;
		if (argc == max)
			return -E2BIG;
		argv[argc++] = out;
		if (*src == '>' && src[1] != '=') {
			*out++ = *src++;
			if (*src == '>')
				*out++ = *src++;
			*out++ = '\0';
			continue;
		}
		while (*src && (quote || (!isspace((unsigned char)*src) &&
					  (*src != '>' || src[1] == '=')))) {
			if (quote && *src == quote)
				quote = 0;
			else if (!quote && (*src == '\'' || *src == '"'))
				quote = *src;
			else
				*out++ = *src;
			src++;
		}
		if (quote)
			return -EINVAL;
		*out++ = '\0';
	}
	return argc;
}

/* phase NAME: the host notes the time; here it is acknowledged. */
static int cmd_phase(int argc, char **argv)
{
	if (argc != 2 || !valid_name(argv[1], AGENT_LABEL_MAX + 1))
		return cmd_err(-EINVAL,
			"usage: phase NAME (letters, digits, - and _, up to 24)");
	out_printf("== %s\n", argv[1]);
	return 0;
}

/* Verbs of umm's console that have no faithful equivalent here. */
static const struct {
	const char *name;
	const char *why;
} unavailable[] = {
	{ "balloon", "the host drives the balloon through QMP" },
	{ "info", "the host asks QEMU (QMP query-balloon)" },
	{ "snapshot", "a map of umm's pageblocks; the kernel has no such file" },
	{ "help", "the host prints umm's help" },
};

static const struct agent_cmd misc_cmds[] = {
	{ "phase", cmd_phase },
	{ }
};

static const struct agent_cmd *const tables[] = {
	task_cmds, file_cmds, swap_cmds, blk_cmds, alloc_cmds, misc_cmds,
};

static const struct agent_cmd *find_cmd(const char *name)
{
	const struct agent_cmd *c;
	size_t t;

	for (t = 0; t < ARRAY_SIZE(tables); t++)
		for (c = tables[t]; c->name; c++)
			if (!strcmp(c->name, name))
				return c;
	return NULL;
}

/* The first word as typed, for an error about a line that will not split. */
static int line_err(const char *line, int err, const char *why)
{
	size_t n = 0;

	while (isspace((unsigned char)*line))
		line++;
	while (line[n] && !isspace((unsigned char)line[n]) && line[n] != '>' &&
	       n < 40)
		n++;
	out_printf("umm: %.*s: %s\n", (int)n, line, why);
	return err;
}

/**
 * agent_run_line - run one command line
 * @line: the command, without its newline
 *
 * Return: 0, or a negative errno when the command failed.
 */
int agent_run_line(const char *line)
{
	char words[2 * AGENT_LINE_MAX + 2];
	char *argv[AGENT_MAX_ARGS];
	const struct agent_cmd *cmd;
	size_t i;
	int argc;

	if (strlen(line) > AGENT_LINE_MAX)
		return line_err(line, -E2BIG, "command longer than 4096 bytes");
	argc = split_words(line, words, argv, AGENT_MAX_ARGS);
	if (argc == -E2BIG)
		return line_err(line, argc, "too many words (at most 32)");
	if (argc < 0)
		return line_err(line, argc, "unbalanced quote");
	if (argc == 0 || argv[0][0] == '#')
		return 0;
	current_cmd = argv[0];
	cmd = find_cmd(argv[0]);
	if (cmd)
		return cmd->fn(argc, argv);
	for (i = 0; i < ARRAY_SIZE(unavailable); i++)
		if (!strcmp(argv[0], unavailable[i].name))
			return cmd_unavailable(unavailable[i].why);
	out_printf("umm: %s: command not found (try 'help')\n",
		   argv[0][0] ? argv[0] : "''");
	return -ENOENT;
}
