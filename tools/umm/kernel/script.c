// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/script.c - a console script, one command at a time
 *
 * The guest agent takes one command per line and never a comment, so the
 * host splits the script as umm's console does (init/console.c): at
 * newlines and at ';' outside quotes, a '#' at the start of a word
 * beginning a comment to the end of the line.  Some commands the host
 * runs itself on the Linux side: compare_where() says which.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

/* Keep @cmd (@len bytes, spaces trimmed) as the script's next command. */
static int add_cmd(struct compare_script *s, const char *cmd, size_t len)
{
	char **bigger;

	while (len && isspace((unsigned char)*cmd)) {
		cmd++;
		len--;
	}
	while (len && isspace((unsigned char)cmd[len - 1]))
		len--;
	if (!len)
		return 0;
	bigger = realloc(s->cmd, (s->nr + 1) * sizeof(*s->cmd));
	if (!bigger)
		return -ENOMEM;
	s->cmd = bigger;
	s->cmd[s->nr] = strndup(cmd, len);
	if (!s->cmd[s->nr])
		return -ENOMEM;
	s->nr++;
	return 0;
}

/*
 * One command of @text into @out (at least strlen(@text) + 1 bytes), as
 * console_run_text() reads it.  Returns where the next one starts.
 */
static const char *next_cmd(const char *text, char *out, size_t *len)
{
	char quote = 0, prev = ' ';
	bool comment = false;
	size_t n = 0;

	while (*text && (quote || comment || *text != ';') && *text != '\n') {
		char c = *text++;

		if (!comment && !quote && c == '#' && isspace((unsigned char)prev))
			comment = true;
		else if (!comment && quote && c == quote)
			quote = 0;
		else if (!comment && !quote && (c == '\'' || c == '"'))
			quote = c;
		if (comment)
			continue;
		prev = c;
		out[n++] = c;
	}
	*len = n;
	return *text ? text + 1 : text;
}

/**
 * compare_split_script - split a console script into its commands
 * @text: the script, as -c or a file gives it
 * @s: filled in; free with compare_free_script()
 *
 * Return: 0 or -ENOMEM.
 */
int compare_split_script(const char *text, struct compare_script *s)
{
	char *buf = malloc(strlen(text) + 1);
	int err = 0;

	memset(s, 0, sizeof(*s));
	if (!buf)
		return -ENOMEM;
	while (*text && !err) {
		size_t len;

		text = next_cmd(text, buf, &len);
		err = add_cmd(s, buf, len);
	}
	free(buf);
	if (err)
		compare_free_script(s);
	return err;
}

/**
 * compare_free_script - free what compare_split_script() made
 * @s: the script
 */
void compare_free_script(struct compare_script *s)
{
	int i;

	for (i = 0; i < s->nr; i++)
		free(s->cmd[i]);
	free(s->cmd);
	memset(s, 0, sizeof(*s));
}

/*
 * Copy one word starting at *@src into @out, as the console's
 * split_words() does: quotes group, '>' and '>>' are words of their own.
 */
static char *one_word(const char **src, char *out)
{
	const char *p = *src;
	char quote = 0;

	if (*p == '>' && p[1] != '=') {
		*out++ = *p++;
		if (*p == '>')
			*out++ = *p++;
		*src = p;
		*out++ = '\0';
		return out;
	}
	while (*p && (quote || (!isspace((unsigned char)*p) &&
				(*p != '>' || p[1] == '=')))) {
		if (quote && *p == quote)
			quote = 0;
		else if (!quote && (*p == '\'' || *p == '"'))
			quote = *p;
		else
			*out++ = *p;
		p++;
	}
	*src = p;
	*out++ = '\0';
	return quote ? NULL : out;
}

/**
 * compare_cmd_words - split one command into words, as the console does
 * @cmd: the command
 * @argv: the words, pointing into @buf
 * @max: room in @argv
 * @buf: at least 2 * strlen(@cmd) + 2 bytes
 * @size: its size
 *
 * Return: the number of words, -E2BIG or -EINVAL (an unbalanced quote).
 */
int compare_cmd_words(const char *cmd, char **argv, int max, char *buf,
		      size_t size)
{
	int argc = 0;

	if (size < 2 * strlen(cmd) + 2)
		return -E2BIG;
	for (;;) {
		while (isspace((unsigned char)*cmd))
			cmd++;
		if (!*cmd)
			return argc;
		if (argc == max)
			return -E2BIG;
		argv[argc++] = buf;
		buf = one_word(&cmd, buf);
		if (!buf)
			return -EINVAL;
	}
}

/**
 * compare_where - who runs @cmd on the Linux side
 * @cmd: one command, as compare_split_script() gives it
 *
 * The balloon is QEMU's, driven from outside (QMP); a phase is the
 * host's clock; a snapshot is a map only umm can draw.
 *
 * Return: COMPARE_AGENT, or the COMPARE_HOST_* the host runs itself.
 */
enum compare_where compare_where(const char *cmd)
{
	static const struct {
		const char *name;
		enum compare_where where;
	} host_cmds[] = {
		{ "balloon",	COMPARE_HOST_BALLOON },
		{ "info",	COMPARE_HOST_INFO },
		{ "phase",	COMPARE_HOST_PHASE },
		{ "snapshot",	COMPARE_HOST_SNAPSHOT },
	};
	size_t len = strcspn(cmd, " \t>");
	size_t i;

	for (i = 0; i < COMPARE_ARRAY_SIZE(host_cmds); i++)
		if (strlen(host_cmds[i].name) == len &&
		    !strncmp(cmd, host_cmds[i].name, len))
			return host_cmds[i].where;
	return COMPARE_AGENT;
}
