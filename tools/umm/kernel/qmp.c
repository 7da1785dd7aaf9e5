// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/qmp.c - the balloon, through the QEMU monitor protocol
 *
 * A VM's balloon is driven from outside, so on the Linux side the host
 * answers `balloon SIZE` and `info balloon` itself, as umm's console does
 * (init/console_balloon.c, the same texts): QMP's "balloon" command with
 * the guest's target memory in bytes, then "query-balloon" until "actual"
 * reaches the target or stops moving.  QMP is JSON, a message per line;
 * only the few fields read here are parsed.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

/**
 * qmp_format_balloon - the QMP command that sets the balloon's target
 * @buf: the command, a line with its newline
 * @size: room in @buf
 * @bytes: the guest's target memory, in bytes
 *
 * Return: the command's length, or -E2BIG.
 */
int qmp_format_balloon(char *buf, size_t size, unsigned long long bytes)
{
	int n = snprintf(buf, size,
			 "{\"execute\": \"balloon\", \"arguments\": {\"value\": %llu}}\n",
			 bytes);

	return n < 0 || (size_t)n >= size ? -E2BIG : n;
}

/* The first key of the JSON object @msg into @key; -EINVAL if none. */
static int first_key(const char *msg, char *key, size_t size)
{
	size_t n;

	while (isspace((unsigned char)*msg))
		msg++;
	if (*msg++ != '{')
		return -EINVAL;
	while (isspace((unsigned char)*msg))
		msg++;
	if (*msg++ != '"')
		return -EINVAL;
	n = strcspn(msg, "\"");
	if (!msg[n] || n >= size)
		return -EINVAL;
	memcpy(key, msg, n);
	key[n] = '\0';
	return 0;
}

/**
 * qmp_reply_kind - what a message from QEMU is
 * @msg: one JSON message
 *
 * Return: QMP_GREETING, QMP_RETURN, QMP_ERROR, QMP_EVENT or -EINVAL.
 */
int qmp_reply_kind(const char *msg)
{
	static const char * const kinds[] = {
		[QMP_GREETING] = "QMP", [QMP_RETURN] = "return",
		[QMP_ERROR] = "error", [QMP_EVENT] = "event",
	};
	char key[16];
	unsigned int i;

	/* An event names its timestamp first: look for the key anywhere. */
	if (strstr(msg, "\"event\"") && !strstr(msg, "\"return\""))
		return QMP_EVENT;
	if (first_key(msg, key, sizeof(key)))
		return -EINVAL;
	for (i = 0; i < COMPARE_ARRAY_SIZE(kinds); i++)
		if (!strcmp(key, kinds[i]))
			return i;
	return -EINVAL;
}

/* The text after "@key": in @msg, or NULL. */
static const char *value_of(const char *msg, const char *key)
{
	char quoted[64];
	const char *p;

	snprintf(quoted, sizeof(quoted), "\"%s\"", key);
	p = strstr(msg, quoted);
	if (!p)
		return NULL;
	p += strlen(quoted);
	while (isspace((unsigned char)*p))
		p++;
	if (*p++ != ':')
		return NULL;
	while (isspace((unsigned char)*p))
		p++;
	return p;
}

/**
 * qmp_reply_actual - "actual" of a query-balloon reply
 * @msg: {"return": {"actual": BYTES}}
 * @actual: BYTES
 *
 * Return: 0 or -EINVAL.
 */
int qmp_reply_actual(const char *msg, unsigned long long *actual)
{
	const char *p = value_of(msg, "actual");
	char *end;

	if (qmp_reply_kind(msg) != QMP_RETURN || !p || !isdigit((unsigned char)*p))
		return -EINVAL;
	*actual = strtoull(p, &end, 10);
	return 0;
}

/**
 * qmp_reply_error - the description of an error reply
 * @msg: {"error": {"class": ..., "desc": "TEXT"}}
 * @desc: TEXT (escapes kept as they are but \")
 * @size: room in @desc
 *
 * Return: 0, or -EINVAL when @msg is not an error.
 */
int qmp_reply_error(const char *msg, char *desc, size_t size)
{
	const char *p = value_of(msg, "desc");
	size_t n = 0;

	if (qmp_reply_kind(msg) != QMP_ERROR || !p || *p++ != '"' || !size)
		return -EINVAL;
	while (*p && *p != '"' && n < size - 1) {
		if (*p == '\\' && p[1])
			p++;
		desc[n++] = *p++;
	}
	desc[n] = '\0';
	return 0;
}

/* The next message that is not an event: its kind, or -errno. */
static int next_reply(struct compare_lb *m, char *reply, size_t size,
		      int timeout_ms)
{
	for (;;) {
		int kind, n = compare_lb_read(m, reply, size, timeout_ms);

		if (n < 0)
			return n;
		kind = qmp_reply_kind(reply);
		if (kind != QMP_EVENT)
			return kind < 0 ? -EPROTO : kind;
	}
}

/**
 * qmp_handshake - QEMU's greeting, then capabilities negotiation
 * @m: the QMP socket
 * @timeout_ms: how long each step may take
 *
 * Return: 0 or -errno.
 */
int qmp_handshake(struct compare_lb *m, int timeout_ms)
{
	char reply[4096];
	int kind = next_reply(m, reply, sizeof(reply), timeout_ms);

	if (kind < 0)
		return kind;
	if (kind != QMP_GREETING)
		return -EPROTO;
	kind = qmp_execute(m, "{\"execute\": \"qmp_capabilities\"}\n", reply,
			   sizeof(reply), timeout_ms);
	return kind == QMP_RETURN ? 0 : kind < 0 ? kind : -EPROTO;
}

/**
 * qmp_execute - send a command, wait for its reply
 * @m: the QMP socket
 * @cmd: one JSON command and its newline
 * @reply: the reply (events skipped)
 * @size: room in @reply
 * @timeout_ms: how long to wait
 *
 * Return: QMP_RETURN or QMP_ERROR, or -errno.
 */
int qmp_execute(struct compare_lb *m, const char *cmd, char *reply,
		size_t size, int timeout_ms)
{
	int err = compare_write_all(m->fd, cmd, strlen(cmd));

	return err ? err : next_reply(m, reply, size, timeout_ms);
}

/**
 * qmp_query_actual - the guest's memory as the balloon leaves it
 * @m: the QMP socket
 * @actual: in bytes
 *
 * Return: 0, -ENODEV (no balloon) or -errno.
 */
int qmp_query_actual(struct compare_lb *m, unsigned long long *actual)
{
	char reply[4096];
	int kind = qmp_execute(m, "{\"execute\": \"query-balloon\"}\n", reply,
			       sizeof(reply), 10000);

	if (kind < 0)
		return kind;
	if (kind == QMP_ERROR)
		return -ENODEV;
	return qmp_reply_actual(reply, actual) ? -EPROTO : 0;
}
