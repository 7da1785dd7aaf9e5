// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/balloon.c - `balloon SIZE` and `info balloon` on Linux
 *
 * The same commands and texts as umm's console (init/console_balloon.c),
 * answered through QMP (qmp.c): the target is the guest's memory, in MiB
 * or with a K, M or G suffix, as QEMU's monitor takes it; the command
 * waits until "actual" gets there or makes no progress for stall_ms (a
 * guest under TCG is slower than umm's device model, so its patience is
 * longer).
 *
 * A scenario's guest may have more memory than the script says (the
 * MiB its own kernel uses, which pressure matching gives back: extra).
 * The script's sizes are umm's, so the balloon must leave the guest
 * those MiB too: QMP is asked for SIZE + extra, and `info balloon`
 * answers actual - extra.  Without it the first inflate would take the
 * guest's own kernel memory back and the guest would run under more
 * pressure than umm.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare.h"

#define NO_BALLOON	"No balloon device has been activated"

/**
 * qmp_parse_target - a size as QEMU's monitor takes it
 * @s: a number of MiB, or a number with a K, M or G suffix
 * @bytes: the size in bytes
 *
 * Return: 0, -EINVAL or -ERANGE (too large).
 */
int qmp_parse_target(const char *s, unsigned long long *bytes)
{
	unsigned long long n;
	unsigned int shift = 20;
	char *end;

	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	n = strtoull(s, &end, 10);
	if (errno || end - s > 20)
		return -ERANGE;
	switch (*end) {
	case '\0':
		break;
	case 'k': case 'K':
		shift = 10;
		end++;
		break;
	case 'm': case 'M':
		end++;
		break;
	case 'g': case 'G':
		shift = 30;
		end++;
		break;
	default:
		return -EINVAL;
	}
	if (*end)
		return -EINVAL;
	if (n > (~0ULL >> shift))
		return -ERANGE;
	*bytes = n << shift;
	return 0;
}

/* "umm: CMD: why" into @err: the console's error line. */
static int cmd_err(char *err, size_t size, int ret, const char *cmd,
		   const char *fmt, ...)
{
	int n = snprintf(err, size, "umm: %s: ", cmd);
	va_list ap;

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < size)
		vsnprintf(err + n, size - n, fmt, ap);
	va_end(ap);
	return ret;
}

/* The target of `balloon @arg`, or an error in @err. */
static int balloon_target(const char *arg, unsigned long long *target,
			  char *err, size_t size)
{
	int ret;

	if (arg[0] == '-')
		return cmd_err(err, size, -EINVAL, "balloon",
			       "bad size '%s': a target cannot be negative", arg);
	ret = qmp_parse_target(arg, target);
	if (ret == -ERANGE)
		return cmd_err(err, size, ret, "balloon", "bad size '%s': too large",
			       arg);
	if (ret)
		return cmd_err(err, size, ret, "balloon",
			       "bad size '%s' (MiB, or a number with K, M or G)",
			       arg);
	if (!*target)
		return cmd_err(err, size, -EINVAL, "balloon",
			       "bad size '%s': the target must be more than 0",
			       arg);
	return 0;
}

/* QEMU's @bytes as the script counts them, in MiB: without the extra. */
static unsigned long long script_mib(const struct qmp_balloon *b,
				     unsigned long long bytes)
{
	return bytes > b->extra ? (bytes - b->extra) >> 20 : 0;
}

/*
 * Poll "actual" until it is within a page of @target or has not moved for
 * b->stall_ms.  Returns 0 (reached), 1 (stalled) or -errno.
 */
static int balloon_wait(struct qmp_balloon *b, unsigned long long target,
			unsigned long long *actual)
{
	double last_move = compare_now();
	unsigned long long last = ~0ULL;
	int err;

	for (;;) {
		err = qmp_query_actual(b->m, actual);
		if (err)
			return err;
		if (*actual + 4096 > target && *actual < target + 4096)
			return 0;
		if (*actual != last) {
			last = *actual;
			last_move = compare_now();
		} else if ((compare_now() - last_move) * 1000 >= b->stall_ms) {
			return 1;
		}
		if (b->m->stop && *b->m->stop)
			return -EINTR;
		usleep(b->poll_ms * 1000);
	}
}

/**
 * qmp_cmd_balloon - `balloon SIZE`, as umm's console runs it
 * @b: QMP and the guest's memory
 * @argc: the command's words
 * @argv: "balloon", SIZE
 * @out: where what it prints goes
 * @err: its error line, on failure
 * @size: room in @err
 *
 * Return: 0, or -errno with the console's error line in @err.
 */
int qmp_cmd_balloon(struct qmp_balloon *b, int argc, char **argv,
		    FILE *out, char *err, size_t size)
{
	/* The guest's memory as the script counts it. */
	unsigned long long ram = b->ram - b->extra;
	unsigned long long target, actual;
	char cmd[128], reply[4096];
	int ret;

	if (argc != 2)
		return cmd_err(err, size, -EINVAL, "balloon",
			       "usage: balloon SIZE (MiB, or a number with K, M or G)");
	ret = balloon_target(argv[1], &target, err, size);
	if (ret)
		return ret;
	if (target > ram) {
		fprintf(out, "balloon: %lluM is more than the guest's memory (%lluM): asking for %lluM\n",
			target >> 20, ram >> 20, ram >> 20);
		target = ram;
	}
	target += b->extra;
	qmp_format_balloon(cmd, sizeof(cmd), target);
	ret = qmp_execute(b->m, cmd, reply, sizeof(reply), 10000);
	if (ret == QMP_ERROR)
		return cmd_err(err, size, -ENODEV, "balloon", NO_BALLOON);
	ret = ret < 0 ? ret : balloon_wait(b, target, &actual);
	if (ret < 0)
		return cmd_err(err, size, ret, "balloon", "QMP: %s", strerror(-ret));
	if (ret == 1)
		fprintf(out, "balloon: stopped at actual=%llu (target %llu): the guest made no more progress\n",
			script_mib(b, actual), script_mib(b, target));
	return 0;
}

/**
 * qmp_cmd_info - `info balloon`, as umm's console runs it
 * @b: QMP
 * @argc: the command's words
 * @argv: "info", "balloon"
 * @out: where "balloon: actual=N" goes (N in MiB)
 * @err: its error line, on failure
 * @size: room in @err
 *
 * Return: 0, or -errno with the console's error line in @err.
 */
int qmp_cmd_info(struct qmp_balloon *b, int argc, char **argv, FILE *out,
		 char *err, size_t size)
{
	unsigned long long actual;
	int ret;

	if (argc != 2)
		return cmd_err(err, size, -EINVAL, "info", "usage: info balloon");
	if (strcmp(argv[1], "balloon"))
		return cmd_err(err, size, -EINVAL, "info",
			       "unknown item '%s' (only 'balloon')", argv[1]);
	ret = qmp_query_actual(b->m, &actual);
	if (ret == -ENODEV)
		return cmd_err(err, size, ret, "info", NO_BALLOON);
	if (ret)
		return cmd_err(err, size, ret, "info", "QMP: %s", strerror(-ret));
	fprintf(out, "balloon: actual=%llu\n", script_mib(b, actual));
	return 0;
}
