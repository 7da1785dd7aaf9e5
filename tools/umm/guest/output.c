// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/output.c - what a command prints
 *
 * A command's output (lines and its error line, in the order printed) is
 * collected while it runs and sent when it ends, followed by
 * "@@ END STATUS" (main.c).  The texts are umm's console's: an error is
 * "umm: CMD: MESSAGE", as console_cmd_err() prints it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "agent.h"

static char *out_buf;
static size_t out_len, out_cap;

const char *current_cmd = "";

/**
 * out_write - add bytes to the running command's output
 * @buf: the bytes
 * @len: how many
 *
 * Memory the agent cannot get loses output, not the agent.
 */
void out_write(const char *buf, size_t len)
{
	if (out_len + len + 1 > out_cap) {
		size_t cap = out_cap ? out_cap : 4096;
		char *p;

		while (cap < out_len + len + 1)
			cap *= 2;
		p = realloc(out_buf, cap);
		if (!p)
			return;
		out_buf = p;
		out_cap = cap;
	}
	memcpy(out_buf + out_len, buf, len);
	out_len += len;
	out_buf[out_len] = '\0';
}

void out_printf(const char *fmt, ...)
{
	char small[512], *big = NULL;
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(small, sizeof(small), fmt, args);
	va_end(args);
	if (len < 0)
		return;
	if ((size_t)len < sizeof(small)) {
		out_write(small, len);
		return;
	}
	va_start(args, fmt);
	len = vasprintf(&big, fmt, args);
	va_end(args);
	if (len >= 0)
		out_write(big, len);
	free(big);
}

/**
 * cmd_err - report why the running command failed
 * @err: what to return (a negative errno)
 * @fmt: the reason, without a newline
 *
 * Prints "umm: CMD: reason", one line, as umm's console does.
 *
 * Return: @err.
 */
int cmd_err(int err, const char *fmt, ...)
{
	char buf[512];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (len >= (int)sizeof(buf))
		memcpy(buf + sizeof(buf) - 4, "...", 4);
	out_printf("umm: %s: %s\n", current_cmd, buf);
	return err;
}

/**
 * cmd_unavailable - the running command cannot be run faithfully here
 * @why: the reason, without a newline
 *
 * Return: -ENOSYS, so the command fails (status 1).
 */
int cmd_unavailable(const char *why)
{
	return cmd_err(-38, "not available on Linux %s: %s", agent.release, why);
}

/**
 * out_take - hand over the output collected so far
 * @buf: set to the output (NUL-terminated; the caller frees it)
 *
 * Return: its length.  The next command starts with an empty output.
 */
size_t out_take(char **buf)
{
	size_t len = out_len;

	*buf = out_buf;
	out_buf = NULL;
	out_len = out_cap = 0;
	return len;
}
