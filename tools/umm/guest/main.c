// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/main.c - the guest agent: its channel and its loop
 *
 *   umm-agent [--stdio] [--lock] [--seed N] [DEVICE]
 *
 * /init execs it once the guest is set up.  It opens DEVICE (default
 * /dev/ttyS1) in raw mode, says "@@ READY RELEASE", then runs one command
 * per line and answers each with its output and "@@ END STATUS", until
 * "@@ QUIT", when it ends its tasks, syncs and powers the guest off
 * (Documentation/umm/compare.rst).  --stdio talks on stdin and stdout
 * instead and exits at "@@ QUIT" or end of input: the tests run it so.
 * --lock keeps the agent's pages in memory (/init passes it; below).
 *
 * The seed of umm's default choices is --seed, or umm.seed= on the
 * kernel's command line, as umm takes it from its own; without either
 * it is random, as umm's is.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/random.h>
#include <sys/reboot.h>
#include <sys/utsname.h>
#include <termios.h>
#include <unistd.h>
#include "agent.h"

struct agent agent;
int agent_fd = -1;

static bool stdio_mode, lock;
static struct utsname uts;

static void send_all(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(stdio_mode ? 1 : agent_fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

/*
 * Send a command's output line by line: a line that would start with
 * "@@" gets a space in front, and the last line its newline.
 */
static void send_output(const char *buf, size_t len)
{
	while (len) {
		const char *nl = memchr(buf, '\n', len);
		size_t n = nl ? (size_t)(nl - buf) + 1 : len;

		if (n >= 2 && buf[0] == '@' && buf[1] == '@')
			send_all(" ", 1);
		send_all(buf, n);
		if (!nl)
			send_all("\n", 1);
		buf += n;
		len -= n;
	}
}

/* The next line from the host, without "\r\n"; false at end of input. */
static bool read_line(char *line, size_t size)
{
	static char buf[8192];
	static size_t have;
	ssize_t r;
	char *nl;

	for (;;) {
		nl = memchr(buf, '\n', have);
		if (nl) {
			size_t n = nl - buf;

			buf[n] = '\0';
			if (n && buf[n - 1] == '\r')
				buf[n - 1] = '\0';
			if (n >= size)	/* refused whole, never cut */
				n = size - 1;
			memcpy(line, buf, n + 1);
			line[n] = '\0';
			have -= (nl + 1) - buf;
			memmove(buf, nl + 1, have);
			return true;
		}
		if (have == sizeof(buf))	/* longer than any command */
			have = 0;
		r = read(stdio_mode ? 0 : agent_fd, buf + have,
				 sizeof(buf) - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		have += r;
	}
}

static int open_channel(const char *dev)
{
	struct termios tio;

	agent_fd = open(dev, O_RDWR | O_NOCTTY);
	if (agent_fd < 0)
		return -errno;
	if (!tcgetattr(agent_fd, &tio)) {
		cfmakeraw(&tio);
		cfsetispeed(&tio, B115200);
		cfsetospeed(&tio, B115200);
		tio.c_cc[VMIN] = 1;
		tio.c_cc[VTIME] = 0;
		tcsetattr(agent_fd, TCSANOW, &tio);
	}
	return 0;
}

/* umm.seed=N on the kernel's command line, or 0. */
static uint64_t cmdline_seed(void)
{
	char buf[4096], *p;
	uint64_t seed = 0;
	ssize_t n;
	int fd = open("/proc/cmdline", O_RDONLY);

	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	for (p = strstr(buf, "umm.seed="); p; p = strstr(p + 1, "umm.seed="))
		if (p == buf || p[-1] == ' ')
			seed = strtoull(p + 9, NULL, 0);
	return seed;
}

/*
 * Run without address space randomisation, as umm's tasks do: a task's
 * mappings go at umm's addresses (task_child.c), and a randomised heap
 * of a static program can lie anywhere in the first gigabytes, in the
 * way.  Re-executes the agent once with ADDR_NO_RANDOMIZE set.
 */
static void no_randomize(char **argv)
{
	int persona = personality(0xffffffff);

	if (persona < 0 || (persona & ADDR_NO_RANDOMIZE))
		return;
	if (personality(persona | ADDR_NO_RANDOMIZE) < 0)
		return;
	execv("/proc/self/exe", argv);
	/* Still here: go on randomised; mmap falls back to any address. */
}

/* Keep the agent out of the OOM killer's choice: its tasks are the prey. */
static void protect_from_oom(void)
{
	int fd = open("/proc/self/oom_score_adj", O_WRONLY);

	if (fd >= 0) {
		ssize_t n = write(fd, "-1000\n", 6);

		(void)n;
		close(fd);
	}
}

/*
 * Keep the agent's own pages in memory.  Its program lives in the
 * initramfs's tmpfs, whose pages go to swap like anonymous ones: swapped
 * out under a script's pressure, the agent's next instruction can need
 * a page when there is none, and the OOM killer takes a task for it.
 * umm's console has no pages in the model's memory; this keeps the
 * agent as close to that as it can be.  Its tasks do not inherit the
 * lock (fork() does not pass it on).
 */
static void lock_in_memory(void)
{
	if (mlockall(MCL_CURRENT) < 0)
		fprintf(stderr, "umm-agent: mlockall: %s\n", strerror(errno));
}

static void quit(void)
{
	tasks_end_all();
	sync();
	if (stdio_mode)
		exit(0);
	reboot(RB_POWER_OFF);
	exit(0);
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/ttyS1";
	char line[2 * AGENT_LINE_MAX], ready[128];
	int i;

	no_randomize(argv);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--stdio"))
			stdio_mode = true;
		else if (!strcmp(argv[i], "--lock"))
			lock = true;
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			agent.seed = strtoull(argv[++i], NULL, 0);
		else if (argv[i][0] != '-')
			dev = argv[i];
		else {
			fprintf(stderr, "usage: umm-agent [--stdio] [--lock] [--seed N] [DEVICE]\n");
			return 2;
		}
	}
	signal(SIGPIPE, SIG_IGN);
	if (!stdio_mode && open_channel(dev)) {
		fprintf(stderr, "umm-agent: %s: %s\n", dev, strerror(errno));
		return 1;
	}
	uname(&uts);
	agent.release = uts.release;
	if (!agent.seed)
		agent.seed = cmdline_seed();
	if (!agent.seed && getrandom(&agent.seed, sizeof(agent.seed), 0) < 0)
		agent.seed = getpid();
	if (!agent.seed)
		agent.seed = 1;
	protect_from_oom();
	if (lock)
		lock_in_memory();
	alloc_probe();

	snprintf(ready, sizeof(ready), "@@ READY %s\n", agent.release);
	send_all(ready, strlen(ready));
	while (read_line(line, sizeof(line))) {
		char end[32], *out;
		size_t len;
		int err;

		if (!strcmp(line, "@@ QUIT"))
			quit();
		err = agent_run_line(line);
		len = out_take(&out);
		send_output(out, len);
		free(out);
		snprintf(end, sizeof(end), "@@ END %d\n", err ? 1 : 0);
		send_all(end, strlen(end));
	}
	quit();
	return 0;
}
