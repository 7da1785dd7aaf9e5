// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/linebuf.c - lines from a socket, with a deadline
 *
 * The guest agent and QMP both speak in lines over a unix socket, and a
 * guest may hang or die at any moment: every read has a deadline, ends
 * when the other side closes, and gives up as soon as a signal sets
 * *stop (Ctrl-C), so that QEMU is always stopped by the caller.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "compare.h"

/**
 * compare_lb_init - a line reader on @fd
 * @lb: the reader
 * @fd: a connected socket
 * @stop: set by a signal handler to give up (may be NULL)
 */
void compare_lb_init(struct compare_lb *lb, int fd, sig_atomic_t *stop)
{
	memset(lb, 0, sizeof(*lb));
	lb->fd = fd;
	lb->stop = stop;
}

/* Take one line out of the buffer, if it holds one: its length, or -1. */
static int take_line(struct compare_lb *lb, char *line, size_t size)
{
	char *nl = memchr(lb->buf, '\n', lb->len);
	size_t n, keep;

	if (!nl) {
		/* A line longer than the buffer comes in pieces. */
		if (lb->len < sizeof(lb->buf))
			return -1;
		nl = lb->buf + lb->len - 1;
	}
	n = nl - lb->buf;
	keep = n < size ? n : size - 1;
	memcpy(line, lb->buf, keep);
	if (keep && line[keep - 1] == '\r')
		keep--;
	line[keep] = '\0';
	lb->len -= n + 1;
	memmove(lb->buf, nl + 1, lb->len);
	return keep;
}

/* Wait for more bytes until @deadline (compare_now()); 0 or -errno. */
static int fill(struct compare_lb *lb, double deadline)
{
	struct pollfd p = { .fd = lb->fd, .events = POLLIN };
	double left = deadline - compare_now();
	ssize_t n;
	int r;

	if (lb->stop && *lb->stop)
		return -EINTR;
	if (left <= 0)
		return -ETIMEDOUT;
	r = poll(&p, 1, left > 1 ? 1000 : (int)(left * 1000) + 1);
	if (r < 0)
		return errno == EINTR ? 0 : -errno;
	if (r == 0)
		return 0;
	n = read(lb->fd, lb->buf + lb->len, sizeof(lb->buf) - lb->len);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -errno;
	if (n == 0)
		return -EPIPE;
	lb->len += n;
	return 0;
}

/**
 * compare_lb_read - the next line, without its newline
 * @lb: the reader
 * @line: where to put it (cut at @size - 1 bytes)
 * @size: room in @line
 * @timeout_ms: how long to wait for it
 *
 * Return: the line's length, -ETIMEDOUT, -EPIPE (the other side closed),
 * -EINTR (*stop was set) or another -errno.
 */
int compare_lb_read(struct compare_lb *lb, char *line, size_t size,
		    int timeout_ms)
{
	double deadline = compare_now() + timeout_ms / 1000.0;

	for (;;) {
		int n = take_line(lb, line, size);

		if (n >= 0)
			return n;
		n = fill(lb, deadline);
		if (n)
			return n;
	}
}

/**
 * compare_write_all - write all of @buf
 * @fd: where to
 * @buf: what
 * @len: its length
 *
 * Return: 0 or -errno (-EPIPE when the other side is gone).
 */
int compare_write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		/* A guest gone is an error to report, not a SIGPIPE. */
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		if (n < 0 && errno == ENOTSOCK)
			n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		buf += n;
		len -= n;
	}
	return 0;
}

/**
 * compare_now - a monotonic clock, in seconds
 *
 * Return: the time.
 */
double compare_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}
