// SPDX-License-Identifier: GPL-2.0
/*
 * init/console_shell.c - the shell on a terminal: editing and Ctrl-C
 *
 * `umm shell` with a terminal on stdin and stdout reads its lines
 * through the host's line editor (host_ops.line_read): editing keys,
 * the history of ~/.umm_history, and Tab completion, whose words come
 * from init/console_complete.c.  Without a terminal the shell reads plain
 * lines (run_shell() in init/console.c), so that piped scripts run as
 * they always did.
 *
 * Ctrl-C is the terminal's interrupt, as on a real system: at the prompt
 * the host's editor drops the line; while a command runs, the host wakes
 * the "ttyintr" kernel thread, which sends SIGINT to the command's tasks
 * (as n_tty's isig() sends it to the foreground process group): the
 * shell's own task and the workload task running the request the shell
 * waits for.  Each stops at its next check of signal_pending() with
 * "interrupted" and lives on, its memory as far as the command got: the
 * kernel keeps running and the prompt comes back.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/cpumask.h>
#include <linux/mm.h>
#include <linux/delay.h>
#include <linux/workload.h>
#include <asm/host_ops.h>
#include "console.h"

/* The task that runs the shell: the console's, init's. */
static struct task_struct *shell_task;

/* Ctrl-C while a command runs: SIGINT for its tasks. */
static int intr_thread(void *unused)
{
	for (;;) {
		int err;

		/* Ctrl-C may be long in coming: the CPU is not ours meanwhile. */
		sched_host_block();
		err = host_ops.line_intr_wait();
		sched_host_unblock();
		if (err)
			return 0;	/* the shell gave the terminal back */
		send_sig(SIGINT, shell_task, 0);
		workload_interrupt();
	}
}

static void print_banner(void)
{
	console_printf("umm: %lu MiB of RAM, %u CPUs.  'help' lists the commands.\n"
		       "Tab completes, Up recalls, Ctrl-C interrupts, Ctrl-D leaves.\n",
		       (max_pfn << PAGE_SHIFT) >> 20, nr_cpu_ids);
}

/**
 * console_shell_tty - the interactive shell, if there is a terminal
 *
 * Return: the exit status (0), or -ENOTTY when stdin or stdout is not a
 * terminal, or the line editor could not be set up: the caller reads
 * plain lines instead.
 */
int console_shell_tty(void)
{
	struct task_struct *intr;
	char *line;
	long len;
	int err;

	if (!host_ops.isatty(HOST_STDIN) || !host_ops.isatty(HOST_STDOUT))
		return -ENOTTY;
	line = kmalloc(CONSOLE_LINE_MAX + 1, GFP_KERNEL);
	if (!line)
		return -ENOTTY;
	err = host_ops.line_open();
	if (err) {
		console_err("umm: shell: no line editing: %s\n", errno_text(err));
		kfree(line);
		return -ENOTTY;
	}
	shell_task = current;
	intr = kthread_run(intr_thread, NULL, "ttyintr");
	if (IS_ERR(intr)) {
		console_err("umm: shell: Ctrl-C cannot interrupt commands: %s\n",
			    errno_text(PTR_ERR(intr)));
		intr = NULL;
	}
	print_banner();
	for (;;) {
		/* A line may be long in coming: the CPU is not ours meanwhile. */
		sched_host_block();
		len = host_ops.line_read(CONSOLE_PROMPT, line, CONSOLE_LINE_MAX + 1);
		sched_host_unblock();
		if (len == -EINTR)
			continue;	/* Ctrl-C dropped the line */
		if (len < 0 && len != -E2BIG) {
			console_puts("\n");	/* Ctrl-D: off the prompt's line */
			break;
		}
		/* A Ctrl-C that came after the last command ended was for it. */
		flush_signals(current);
		if (!console_shell_line(line, len == -E2BIG))
			break;
	}
	host_ops.line_close();
	if (intr)
		kthread_stop(intr);
	flush_signals(current);
	kfree(line);
	return 0;
}

/* sleep SECONDS: up to 3 decimals, at most a day. */
static int parse_seconds(const char *s, unsigned int *msecs)
{
	unsigned int whole = 0, frac = 0, digits = 0;
	const char *p = s;

	if (!isdigit(*p) && *p != '.')
		return -EINVAL;
	while (isdigit(*p) && whole <= 86400)
		whole = whole * 10 + (*p++ - '0');
	if (*p == '.')
		for (p++; isdigit(*p) && digits < 3; p++, digits++)
			frac = frac * 10 + (*p - '0');
	if (*p || whole > 86400 || (p - s == 1 && *s == '.'))
		return -EINVAL;
	while (digits++ < 3)
		frac *= 10;
	*msecs = whole * 1000 + frac;
	return *msecs > 86400 * 1000 ? -EINVAL : 0;
}

static int cmd_sleep(int argc, char **argv)
{
	unsigned int msecs;

	if (argc != 2)
		return console_cmd_err(-EINVAL, "usage: sleep SECONDS");
	if (parse_seconds(argv[1], &msecs))
		return console_cmd_err(-EINVAL,
			"bad time '%s' (seconds, up to 3 decimals, at most 86400)",
			argv[1]);
	if (msleep_interruptible(msecs))
		return console_cmd_err(-EINTR, "interrupted");
	return 0;
}

const struct console_cmd console_shell_cmds[] = {
	{ "sleep", "sleep SECONDS",
	  "wait (kernel threads work meanwhile); Ctrl-C ends it", cmd_sleep },
	{ }
};
