// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/task.c - the console's tasks as processes
 *
 *   task start NAME | task exit NAME | tasks
 *   mmap NAME SIZE
 *   fill NAME [ratio=R] [seed=S]
 *   touch NAME PCT
 *   madvise NAME dontneed PCT [random|stride=N]
 *   verify NAME
 *   spawn PREFIX COUNT | reap PREFIX COUNT
 *
 * Each task is a child process (task_child.c) that does the work in its
 * own address space, so its page faults, reclaim and swap-in are a real
 * process's.  Its identity is umm's (kernel/workload.c: the n-th task
 * started, hashed with umm.seed=), so the same script writes the same
 * bytes.  A task the OOM killer ends is reported, never waited for.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>
#include "agent.h"
#include "task.h"

#define GOLDEN_RATIO_64	0x61C8864680B583EBULL

struct task {
	char name[AGENT_NAME_LEN];
	pid_t pid;
	int req_fd, reply_fd;
	bool killed;		/* by a signal: the OOM killer */
	struct task *next;
};

static struct task *tasks;

static struct task *find_task(const char *name)
{
	struct task *t;

	for (t = tasks; t; t = t->next)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

/* Has @t died since we last looked?  Reaps it if so. */
static bool task_dead(struct task *t)
{
	int status;

	if (t->killed)
		return true;
	if (waitpid(t->pid, &status, WNOHANG) == t->pid) {
		t->killed = true;
		close(t->req_fd);
		close(t->reply_fd);
		t->req_fd = t->reply_fd = -1;
	}
	return t->killed;
}

static int task_start(const char *name, struct task **out)
{
	int req[2], reply[2];
	struct task *t, *o;
	uint32_t owner;

	if (find_task(name))
		return -EEXIST;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -ENOMEM;
	if (pipe(req)) {
		free(t);
		return -errno;
	}
	if (pipe(reply)) {
		close(req[0]);
		close(req[1]);
		free(t);
		return -errno;
	}
	snprintf(t->name, sizeof(t->name), "%s", name);
	/* As workload_start(): numbered, so the bytes do not depend on pids. */
	owner = (uint32_t)(((++agent.tasks_started ^ agent.seed) *
			    GOLDEN_RATIO_64) >> 32) | 1;
	t->pid = fork();
	if (t->pid < 0) {
		int err = -errno;

		close(req[0]);
		close(req[1]);
		close(reply[0]);
		close(reply[1]);
		free(t);
		return err;
	}
	if (t->pid == 0) {
		if (agent_fd > 2)
			close(agent_fd);
		for (o = tasks; o; o = o->next) {
			if (o->req_fd >= 0)
				close(o->req_fd);
			if (o->reply_fd >= 0)
				close(o->reply_fd);
		}
		close(req[1]);
		close(reply[0]);
		task_child_main(req[0], reply[1], owner);
	}
	close(req[0]);
	close(reply[1]);
	t->req_fd = req[1];
	t->reply_fd = reply[0];
	/* At the end of the list: tasks prints them in start order. */
	if (!tasks) {
		tasks = t;
	} else {
		for (o = tasks; o->next; o = o->next)
			;
		o->next = t;
	}
	*out = t;
	return 0;
}

/* End @t; true if it had been killed before. */
static bool task_stop(struct task *t)
{
	bool killed = task_dead(t);
	struct task **p;
	int status;

	if (!killed) {
		close(t->req_fd);
		close(t->reply_fd);
		while (waitpid(t->pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	for (p = &tasks; *p != t; p = &(*p)->next)
		;
	*p = t->next;
	free(t);
	return killed;
}

/* End every task, at @@ QUIT. */
void tasks_end_all(void)
{
	while (tasks) {
		kill(tasks->pid, SIGKILL);
		task_stop(tasks);
	}
}

static bool io_full(int fd, void *buf, size_t len, bool out)
{
	char *p = buf;

	while (len) {
		ssize_t n = out ? write(fd, p, len) : read(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		p += n;
		len -= n;
	}
	return true;
}

/*
 * Run a request in @t.  Return: 0 with @rep filled in, or -EINTR when
 * the task died (the pipe closed under us).
 */
static int task_call(struct task *t, struct task_req *req,
		     struct task_reply *rep)
{
	if (io_full(t->req_fd, req, sizeof(*req), true) &&
	    io_full(t->reply_fd, rep, sizeof(*rep), false))
		return 0;
	while (!task_dead(t))
		usleep(1000);
	return -EINTR;
}

/* The task named @name, alive, or NULL after saying why not. */
static struct task *get_task(const char *name)
{
	struct task *t = find_task(name);

	if (!t) {
		cmd_err(-ESRCH, "no task named '%s'", name);
		return NULL;
	}
	if (task_dead(t)) {
		cmd_err(-ESRCH, "task '%s' was killed by the OOM killer (reap it with 'task exit %s')",
			name, name);
		return NULL;
	}
	return t;
}

/* A request that failed: the OOM killer, or an error of the task's. */
static int request_err(struct task *t, long err)
{
	if (err == -EINTR || err == -ESRCH)
		return cmd_err(-EINTR, "task '%s' was killed by the OOM killer",
			       t->name);
	return cmd_err(err, "%s: %s", t->name, strerror(-err));
}

/* Send a request; on success its reply. */
static int request(struct task *t, struct task_req *req,
		   struct task_reply *rep)
{
	int err = task_call(t, req, rep);

	if (!err && rep->ret < 0)
		err = rep->ret;
	return err ? request_err(t, err) : 0;
}

static int cmd_task(int argc, char **argv)
{
	struct task *t;
	int err;

	if (argc != 3 || (strcmp(argv[1], "start") && strcmp(argv[1], "exit")))
		return cmd_err(-EINVAL, "usage: task start|exit NAME");
	if (!strcmp(argv[1], "start")) {
		if (!valid_name(argv[2], AGENT_NAME_LEN))
			return cmd_err(-EINVAL,
				"bad task name '%s' (letters, digits, _ and -, up to %d)",
				argv[2], AGENT_NAME_LEN - 1);
		err = task_start(argv[2], &t);
		if (err)
			return cmd_err(err, "cannot start '%s': %s", argv[2],
				       strerror(-err));
		out_printf("%s: started, pid %d\n", t->name, t->pid);
		return 0;
	}
	t = find_task(argv[2]);
	if (!t)
		return cmd_err(-ESRCH, "no task named '%s'", argv[2]);
	if (task_stop(t))
		out_printf("%s: had been killed by the OOM killer\n", argv[2]);
	else
		out_printf("%s: exited\n", argv[2]);
	return 0;
}

static int cmd_tasks(int argc, char **argv)
{
	struct task_req req = { .op = TASK_STAT };
	struct task_reply rep;
	struct task *t;

	for (t = tasks; t; t = t->next) {
		if (task_dead(t) || task_call(t, &req, &rep))
			out_printf("%-15s %6d  killed by the OOM killer\n",
				   t->name, t->pid);
		else
			out_printf("%-15s %6d  rss %lu pages, %lu mapped, %ld page tables\n",
				   t->name, t->pid, (unsigned long)rep.a,
				   (unsigned long)rep.b, (long)rep.c);
	}
	return 0;
}

static int cmd_mmap(int argc, char **argv)
{
	struct task_req req = { .op = TASK_MMAP };
	unsigned long long size, limit;
	struct task_reply rep;
	struct sysinfo si;
	struct task *t;

	if (argc != 3)
		return cmd_err(-EINVAL, "usage: mmap NAME SIZE");
	if (parse_size(argv[2], &size) || !size)
		return cmd_err(-EINVAL, "bad size '%s'", argv[2]);
	/* As umm's console: no more than RAM + swap. */
	if (!sysinfo(&si)) {
		limit = ((unsigned long long)si.totalram +
			 si.totalswap) * si.mem_unit;
		if (size > limit)
			return cmd_err(-EINVAL, "size %s is larger than memory%s (%lluM)",
				       argv[2], si.totalswap ? " and swap" : "",
				       limit >> 20);
	}
	t = get_task(argv[1]);
	if (!t)
		return -ESRCH;
	req.size = size;
	if (request(t, &req, &rep))
		return -EIO;
	out_printf("%s: mapped %llu KiB at %#lx\n", t->name, size >> 10,
		   (unsigned long)rep.a);
	return 0;
}

static int cmd_fill(int argc, char **argv)
{
	struct task_req req = { .op = TASK_FILL, .ratio = 500, .pct = 100 };
	unsigned long long seed = agent_next_seed();
	struct task_reply rep;
	struct task *t;
	int i;

	if (argc < 2 || argc > 4)
		return cmd_err(-EINVAL, "usage: fill NAME [ratio=R] [seed=S]");
	for (i = 2; i < argc; i++) {
		if (!strncmp(argv[i], "ratio=", 6)) {
			if (parse_ratio(argv[i] + 6, &req.ratio))
				return cmd_err(-EINVAL,
					"bad ratio '%s' (a number from 0 to 1)",
					argv[i] + 6);
		} else if (!strncmp(argv[i], "seed=", 5)) {
			if (parse_uint(argv[i] + 5, 0, ~0ULL, &seed))
				return cmd_err(-EINVAL, "bad seed '%s'",
					       argv[i] + 5);
		} else {
			return cmd_err(-EINVAL,
				"unknown option '%s' (ratio=R, seed=S)", argv[i]);
		}
	}
	t = get_task(argv[1]);
	if (!t)
		return -ESRCH;
	req.seed = seed;
	if (request(t, &req, &rep))
		return -EIO;
	out_printf("%s: filled %ld pages\n", t->name, (long)rep.ret);
	return 0;
}

static int parse_pct(const char *s, unsigned int *pct)
{
	unsigned long long v;

	if (parse_uint(s, 10, 100, &v))
		return -EINVAL;
	*pct = v;
	return 0;
}

static int cmd_touch(int argc, char **argv)
{
	struct task_req req = { .op = TASK_FILL, .ratio = 500 };
	struct task_reply rep;
	struct task *t;

	if (argc != 3)
		return cmd_err(-EINVAL, "usage: touch NAME PCT");
	if (parse_pct(argv[2], &req.pct))
		return cmd_err(-EINVAL, "bad percentage '%s' (0 to 100)", argv[2]);
	t = get_task(argv[1]);
	if (!t)
		return -ESRCH;
	req.seed = agent_next_seed();
	if (request(t, &req, &rep))
		return -EIO;
	out_printf("%s: touched %ld pages\n", t->name, (long)rep.ret);
	return 0;
}

static int cmd_madvise(int argc, char **argv)
{
	struct task_req req = { .op = TASK_DONTNEED };
	struct task_reply rep;
	unsigned long long stride;
	struct task *t;

	if (argc < 4 || argc > 5 || strcmp(argv[2], "dontneed"))
		return cmd_err(-EINVAL,
			"usage: madvise NAME dontneed PCT [random|stride=N]");
	if (parse_pct(argv[3], &req.pct))
		return cmd_err(-EINVAL, "bad percentage '%s' (0 to 100)", argv[3]);
	if (argc == 5 && strcmp(argv[4], "random")) {
		if (strncmp(argv[4], "stride=", 7) ||
		    parse_uint(argv[4] + 7, 10, ~0U, &stride) || !stride)
			return cmd_err(-EINVAL,
				"bad '%s' (random or stride=N, N >= 1)", argv[4]);
		req.stride = stride;
	}
	t = get_task(argv[1]);
	if (!t)
		return -ESRCH;
	req.seed = agent_next_seed();
	if (request(t, &req, &rep))
		return -EIO;
	out_printf("%s: gave back %ld pages\n", t->name, (long)rep.ret);
	return 0;
}

static int cmd_verify(int argc, char **argv)
{
	struct task_req req = { .op = TASK_VERIFY };
	struct task_reply rep;
	struct task *t;

	if (argc != 2)
		return cmd_err(-EINVAL, "usage: verify NAME");
	t = get_task(argv[1]);
	if (!t)
		return -ESRCH;
	if (request(t, &req, &rep))
		return -EIO;
	out_printf("%s: %lu pages checked, %lu mismatches (%lu not present)\n",
		   t->name, (unsigned long)rep.a, (unsigned long)rep.c,
		   (unsigned long)rep.b);
	if (rep.c)
		return cmd_err(-EIO, "%s: %lu pages hold wrong data, the first at %#lx",
			       t->name, (unsigned long)rep.c,
			       (unsigned long)rep.d);
	return 0;
}

/* PREFIX and COUNT of spawn and reap. */
static int spawn_args(int argc, char **argv, unsigned int *count)
{
	unsigned long long v;

	if (argc != 3 || !valid_name(argv[1], AGENT_LABEL_MAX + 1) ||
	    strlen(argv[1]) > 8 || parse_uint(argv[2], 10, 4096, &v) || !v)
		return -EINVAL;
	*count = v;
	return 0;
}

static int cmd_spawn(int argc, char **argv)
{
	char name[AGENT_NAME_LEN];
	unsigned int count, i, ok = 0;
	struct task *t;

	if (spawn_args(argc, argv, &count))
		return cmd_err(-EINVAL,
			"usage: spawn PREFIX COUNT (PREFIX up to 8 letters, COUNT 1 to 4096)");
	for (i = 0; i < count; i++) {
		int err;

		snprintf(name, sizeof(name), "%s%u", argv[1], i);
		err = task_start(name, &t);
		if (err == -EEXIST)
			return cmd_err(-EEXIST, "spawn: '%s' exists", name);
		if (!err)
			ok++;
	}
	out_printf("spawn %s: %u of %u tasks started\n", argv[1], ok, count);
	return 0;
}

static int cmd_reap(int argc, char **argv)
{
	char name[AGENT_NAME_LEN];
	unsigned int count, i, n = 0;
	struct task *t;

	if (spawn_args(argc, argv, &count))
		return cmd_err(-EINVAL, "usage: reap PREFIX COUNT (as given to spawn)");
	for (i = 0; i < count; i++) {
		snprintf(name, sizeof(name), "%s%u", argv[1], i);
		t = find_task(name);
		if (!t)
			continue;
		task_stop(t);
		n++;
	}
	out_printf("reap %s: %u tasks exited\n", argv[1], n);
	return 0;
}

const struct agent_cmd task_cmds[] = {
	{ "task", cmd_task },
	{ "tasks", cmd_tasks },
	{ "mmap", cmd_mmap },
	{ "fill", cmd_fill },
	{ "touch", cmd_touch },
	{ "madvise", cmd_madvise },
	{ "verify", cmd_verify },
	{ "spawn", cmd_spawn },
	{ "reap", cmd_reap },
	{ }
};
