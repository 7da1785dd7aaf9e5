// SPDX-License-Identifier: GPL-2.0
/*
 * init/console_task.c - console verbs for workload tasks
 *
 *   task start NAME | task exit NAME | tasks
 *   mmap NAME SIZE       (SIZE: bytes with K/M/G, or N% of memory)
 *   fill NAME [ratio=R] [seed=S]
 *   touch NAME PCT
 *   madvise NAME dontneed PCT [random|stride=N]
 *   verify NAME
 *
 * NAME is a task; mmap gives it another mapping, and the other verbs act
 * on all of its memory.  The work runs in the task (kernel/workload.c).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/workload.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/err.h>
#include <linux/umm.h>
#include "console.h"

/* Requests vary their random choices, reproducibly for a given seed. */
static u64 request_seq;

static u64 next_seed(void)
{
	return umm_seed * 6364136223846793005ULL + ++request_seq;
}

static bool valid_task_name(const char *name)
{
	size_t i, len = strlen(name);

	if (!len || len >= TASK_COMM_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum(name[i]) && name[i] != '_' && name[i] != '-')
			return false;
	return true;
}

/* The workload named by @name, or NULL after saying why not. */
static struct workload *get_workload(const char *name)
{
	struct workload *w = workload_find(name);

	if (!w) {
		console_cmd_err(-ESRCH, "no task named '%s'", name);
		return NULL;
	}
	if (READ_ONCE(w->exited)) {
		console_cmd_err(-ESRCH, "task '%s' was killed by the OOM killer (reap it with 'task exit %s')",
				name, name);
		return NULL;
	}
	return w;
}

/*
 * Report a failed request: -ESRCH, or -EINTR with a SIGKILL, mean the
 * OOM killer; -EINTR alone, Ctrl-C at the shell (init/console_shell.c).
 */
static int request_err(struct workload *w, long err)
{
	if (err == -ESRCH || (err == -EINTR && fatal_signal_pending(w->task)))
		return console_cmd_err(-EINTR, "task '%s' was killed by the OOM killer",
				       w->name);
	if (err == -EINTR)
		return console_cmd_err(-EINTR, "interrupted; %s lives on", w->name);
	return console_cmd_err(err, "%s: %s", w->name, errno_text(err));
}

static int cmd_task(int argc, char **argv)
{
	struct workload *w;

	if (argc != 3 || (strcmp(argv[1], "start") && strcmp(argv[1], "exit")))
		return console_cmd_err(-EINVAL, "usage: task start|exit NAME");
	if (!strcmp(argv[1], "start")) {
		if (!valid_task_name(argv[2]))
			return console_cmd_err(-EINVAL,
				"bad task name '%s' (letters, digits, _ and -, up to %d)",
				argv[2], TASK_COMM_LEN - 1);
		w = workload_start(argv[2]);
		if (IS_ERR(w))
			return console_cmd_err(PTR_ERR(w), "cannot start '%s': %s",
					       argv[2], errno_text(PTR_ERR(w)));
		console_printf("%s: started, pid %d\n", w->name, w->task->pid);
		return 0;
	}
	w = workload_find(argv[2]);
	if (!w)
		return console_cmd_err(-ESRCH, "no task named '%s'", argv[2]);
	if (workload_stop(w))
		console_printf("%s: had been killed by the OOM killer\n", argv[2]);
	else
		console_printf("%s: exited\n", argv[2]);
	return 0;
}

static void print_task(struct workload *w, void *data)
{
	unsigned long rss = 0, total_vm = 0;
	struct task_struct *p = w->task;
	long nr_ptes = 0;
	bool alive;

	task_lock(p);
	alive = !READ_ONCE(w->exited) && p->mm;
	if (alive) {
		rss = get_mm_rss(p->mm);
		total_vm = p->mm->total_vm;
		nr_ptes = atomic_long_read(&p->mm->nr_ptes);
	}
	task_unlock(p);
	/* The console prints outside task_lock(): it may sleep. */
	if (!alive)
		console_printf("%-15s %6d  killed by the OOM killer\n", w->name,
			       p->pid);
	else
		console_printf("%-15s %6d  rss %lu pages, %lu mapped, %ld page tables\n",
			       w->name, p->pid, rss, total_vm, nr_ptes);
}

static void count_task(struct workload *w, void *data)
{
	(*(unsigned int *)data)++;
}

static int cmd_tasks(int argc, char **argv)
{
	unsigned int n = 0;

	workload_for_each(count_task, &n);
	if (!n)
		console_puts("no tasks (start one with 'task start NAME')\n");
	workload_for_each(print_task, NULL);
	return 0;
}

/*
 * SIZE is bytes (with K, M or G), or N% of memory (totalram_pages, the
 * MemTotal of /proc/meminfo), so that one script fits any mem=.
 */
static int parse_size(const char *s, unsigned long long *size)
{
	size_t len = strlen(s);
	unsigned long long pct;
	char num[8];

	/* No newline here: that is for what echo writes to a file. */
	if (strchr(s, '\n'))
		return -EINVAL;
	if (!len || s[len - 1] != '%')
		return memparse_strict(s, size);
	if (len < 2 || len > sizeof(num))
		return -EINVAL;
	memcpy(num, s, len - 1);
	num[len - 1] = '\0';
	if (kstrtoull(num, 10, &pct) || pct > 100)
		return -EINVAL;
	*size = ((unsigned long long)totalram_pages * pct / 100) << PAGE_SHIFT;
	return 0;
}

static int cmd_mmap(int argc, char **argv)
{
	unsigned long long size, limit;
	struct workload *w;
	long addr;

	if (argc != 3)
		return console_cmd_err(-EINVAL, "usage: mmap NAME SIZE");
	if (parse_size(argv[2], &size) || !size)
		return console_cmd_err(-EINVAL,
				       "bad size '%s' (bytes with K, M or G, or 1%%-100%% of memory)",
				       argv[2]);
	/* As the kernel's overcommit heuristic: no more than RAM + swap. */
	limit = ((unsigned long long)max_pfn + total_swap_pages) << PAGE_SHIFT;
	if (size > limit)
		return console_cmd_err(-EINVAL, "size %s is larger than memory%s (%lluM)",
				       argv[2], total_swap_pages ? " and swap" : "",
				       limit >> 20);
	w = get_workload(argv[1]);
	if (!w)
		return -ESRCH;
	addr = workload_mmap(w, size);
	if (addr < 0)
		return request_err(w, addr);
	console_printf("%s: mapped %llu KiB at %#lx\n", w->name, size >> 10, addr);
	return 0;
}

static int cmd_fill(int argc, char **argv)
{
	unsigned int ratio = 500;
	u64 seed = next_seed();
	struct workload *w;
	long n;
	int i;

	if (argc < 2 || argc > 4)
		return console_cmd_err(-EINVAL, "usage: fill NAME [ratio=R] [seed=S]");
	for (i = 2; i < argc; i++) {
		if (!strncmp(argv[i], "ratio=", 6)) {
			if (console_parse_ratio(argv[i] + 6, &ratio))
				return console_cmd_err(-EINVAL,
					"bad ratio '%s' (a number from 0 to 1)",
					argv[i] + 6);
		} else if (!strncmp(argv[i], "seed=", 5)) {
			if (kstrtoull(argv[i] + 5, 0, &seed))
				return console_cmd_err(-EINVAL, "bad seed '%s'",
						       argv[i] + 5);
		} else {
			return console_cmd_err(-EINVAL,
				"unknown option '%s' (ratio=R, seed=S)", argv[i]);
		}
	}
	w = get_workload(argv[1]);
	if (!w)
		return -ESRCH;
	n = workload_fill(w, ratio, seed);
	if (n < 0)
		return request_err(w, n);
	console_printf("%s: filled %ld pages\n", w->name, n);
	return 0;
}

static int parse_pct(const char *s, unsigned int *pct)
{
	return kstrtouint(s, 10, pct) || *pct > 100 ? -EINVAL : 0;
}

static int cmd_touch(int argc, char **argv)
{
	struct workload *w;
	unsigned int pct;
	long n;

	if (argc != 3)
		return console_cmd_err(-EINVAL, "usage: touch NAME PCT");
	if (parse_pct(argv[2], &pct))
		return console_cmd_err(-EINVAL, "bad percentage '%s' (0 to 100)",
				       argv[2]);
	w = get_workload(argv[1]);
	if (!w)
		return -ESRCH;
	n = workload_touch(w, pct, next_seed());
	if (n < 0)
		return request_err(w, n);
	console_printf("%s: touched %ld pages\n", w->name, n);
	return 0;
}

static int cmd_madvise(int argc, char **argv)
{
	unsigned int pct, stride = 0;
	struct workload *w;
	long n;

	if (argc < 4 || argc > 5 || strcmp(argv[2], "dontneed"))
		return console_cmd_err(-EINVAL,
			"usage: madvise NAME dontneed PCT [random|stride=N]");
	if (parse_pct(argv[3], &pct))
		return console_cmd_err(-EINVAL, "bad percentage '%s' (0 to 100)",
				       argv[3]);
	if (argc == 5 && strcmp(argv[4], "random")) {
		if (strncmp(argv[4], "stride=", 7) ||
		    kstrtouint(argv[4] + 7, 10, &stride) || !stride)
			return console_cmd_err(-EINVAL,
				"bad '%s' (random or stride=N, N >= 1)", argv[4]);
	}
	w = get_workload(argv[1]);
	if (!w)
		return -ESRCH;
	n = workload_dontneed(w, pct, stride, next_seed());
	if (n < 0)
		return request_err(w, n);
	console_printf("%s: gave back %ld pages\n", w->name, n);
	return 0;
}

static int cmd_verify(int argc, char **argv)
{
	struct verify_result res;
	struct workload *w;
	long err;

	if (argc != 2)
		return console_cmd_err(-EINVAL, "usage: verify NAME");
	w = get_workload(argv[1]);
	if (!w)
		return -ESRCH;
	err = workload_verify(w, &res);
	if (err)
		return request_err(w, err);
	console_printf("%s: %lu pages checked, %lu mismatches (%lu not present)\n",
		       w->name, res.checked, res.mismatches, res.absent);
	if (res.mismatches)
		return console_cmd_err(-EIO, "%s: %lu pages hold wrong data, the first at %#lx",
				       w->name, res.mismatches, res.first_bad);
	return 0;
}

const struct console_cmd console_task_cmds[] = {
	{ "task", "task start|exit NAME",
	  "create a workload task (as fork: kernel stack, page tables) or end it",
	  cmd_task },
	{ "tasks", "tasks", "list the workload tasks", cmd_tasks },
	{ "mmap", "mmap NAME SIZE", "give task NAME SIZE bytes of anonymous memory",
	  cmd_mmap },
	{ "fill", "fill NAME [ratio=R] [seed=S]",
	  "write all of NAME's memory; R: compressible share, 0 to 1", cmd_fill },
	{ "touch", "touch NAME PCT", "rewrite PCT% of NAME's pages", cmd_touch },
	{ "madvise", "madvise NAME dontneed PCT [random|stride=N]",
	  "give back PCT% of NAME's pages", cmd_madvise },
	{ "verify", "verify NAME", "read NAME's memory back and check every byte",
	  cmd_verify },
	{ }
};
