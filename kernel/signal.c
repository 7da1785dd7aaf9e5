// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/signal.c - sending SIGINT to a task, and flushing it
 *
 * umm's tasks have two signals and no handlers (<linux/sched.h>).  The
 * OOM killer marks its victim with SIGKILL itself (mm/oom_kill.c).
 * SIGINT is the terminal's: the interactive shell sends it to the tasks
 * of the command that runs when Ctrl-C is typed (init/console_shell.c).
 * A task sees it in signal_pending() at the points where it checks (a
 * long loop, an interruptible sleep such as msleep_interruptible()), and
 * whoever runs the next command flushes it: the task itself lives on.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/errno.h>

/**
 * send_sig - send a signal to a task
 * @sig: SIGINT (the only one sent this way)
 * @p: the task
 * @priv: unused: there are no permissions to check
 *
 * Wakes @p if it sleeps interruptibly, as signal_wake_up() does.
 *
 * Return: 0, or -EINVAL for another signal.
 */
int send_sig(int sig, struct task_struct *p, int priv)
{
	if (sig != SIGINT)
		return -EINVAL;
	WRITE_ONCE(p->sigint, 1);
	/* Its full barrier orders the store before the look at p's state. */
	wake_up_state(p, TASK_INTERRUPTIBLE);
	return 0;
}

/**
 * flush_signals - forget a task's pending SIGINT
 * @t: the task
 *
 * A SIGKILL stays: nothing survives the OOM killer.
 */
void flush_signals(struct task_struct *t)
{
	WRITE_ONCE(t->sigint, 0);
}
