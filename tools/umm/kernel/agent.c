// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/agent.c - the host's end of the guest agent's protocol
 *
 * Over the guest's second serial port, a line at a time: the agent says
 * "@@ READY RELEASE" once the guest is set up; the host sends one console
 * command per line and reads what it prints until "@@ END STATUS"; an
 * output line that would begin with "@@" comes with a space in front,
 * which is taken off here; "@@ QUIT" ends the guest.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

#define MARK		"@@ "
#define READY		MARK "READY "
#define END		MARK "END "
#define LINE_MAX_LEN	4096

/* Milliseconds left until @deadline, at least 1 (0 would not wait). */
static int left_ms(double deadline)
{
	double left = deadline - compare_now();

	return left <= 0 ? 0 : (int)(left * 1000) + 1;
}

/**
 * agent_unescape - an output line as the command printed it
 * @line: as the agent sent it
 *
 * Return: @line, without the space the agent puts before a line that
 * would begin with "@@".
 */
const char *agent_unescape(const char *line)
{
	return !strncmp(line, " @@", 3) ? line + 1 : line;
}

/**
 * agent_wait_ready - wait for the agent to say the guest is up
 * @a: the data channel
 * @release: the guest kernel's release, from "@@ READY RELEASE"
 * @size: room in @release
 * @timeout_ms: how long the guest may take to boot
 *
 * Lines before it (the guest's own messages) are passed over.
 *
 * Return: 0, -ETIMEDOUT, -EPIPE (the guest is gone) or -EINTR.
 */
int agent_wait_ready(struct compare_lb *a, char *release, size_t size,
		     int timeout_ms)
{
	double deadline = compare_now() + timeout_ms / 1000.0;
	char line[LINE_MAX_LEN];

	for (;;) {
		int n = compare_lb_read(a, line, sizeof(line), left_ms(deadline));

		if (n < 0)
			return n;
		if (!strncmp(line, READY, strlen(READY))) {
			snprintf(release, size, "%s", line + strlen(READY));
			return 0;
		}
	}
}

/* "@@ END N": N (0 or 1), or -EPROTO for any other "@@" line. */
static int end_status(const char *line)
{
	char *end;
	long st;

	if (strncmp(line, END, strlen(END)))
		return -EPROTO;
	st = strtol(line + strlen(END), &end, 10);
	if (end == line + strlen(END) || *end || (st != 0 && st != 1))
		return -EPROTO;
	return st;
}

/**
 * agent_command - run one console command in the guest
 * @a: the data channel
 * @cmd: the command (one line, no comment)
 * @timeout_ms: how long it may take, all of its output included
 * @out: called with each line it prints (no newline), may be NULL
 * @arg: for @out
 *
 * Return: the agent's status (0 done, 1 the command failed), or
 * -ETIMEDOUT (the guest hangs), -EPIPE (it is gone), -EPROTO (it said
 * something the protocol does not have), -EINTR.
 */
int agent_command(struct compare_lb *a, const char *cmd, int timeout_ms,
		  void (*out)(void *, const char *), void *arg)
{
	double deadline = compare_now() + timeout_ms / 1000.0;
	char line[LINE_MAX_LEN];
	int err;

	if (strchr(cmd, '\n'))
		return -EINVAL;
	err = compare_write_all(a->fd, cmd, strlen(cmd));
	if (!err)
		err = compare_write_all(a->fd, "\n", 1);
	if (err)
		return err;
	for (;;) {
		int n = compare_lb_read(a, line, sizeof(line), left_ms(deadline));

		if (n < 0)
			return n;
		if (!strncmp(line, "@@", 2))
			return end_status(line);
		if (out)
			out(arg, agent_unescape(line));
	}
}

/**
 * agent_quit - ask the agent to end its tasks and power the guest off
 * @a: the data channel
 *
 * Return: 0 or -errno.
 */
int agent_quit(struct compare_lb *a)
{
	return compare_write_all(a->fd, MARK "QUIT\n", strlen(MARK "QUIT\n"));
}
