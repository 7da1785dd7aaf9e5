// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/kthread.c - kernel threads
 *
 * A kernel thread is a task without user memory (copy_process() with
 * PF_KTHREAD): creating one can fail as fork fails, when no order-2 block
 * is left for its stack.  It runs on whichever CPU the scheduler gives
 * it, and leaves it whenever it sleeps: there may be more kernel threads
 * than CPUs.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/err.h>

struct kthread {
	int (*threadfn)(void *data);
	void *data;
	bool should_stop;
};

static int kthread(void *arg)
{
	struct kthread *k = arg;

	/* Stopped before it ever ran: the function is not called. */
	if (READ_ONCE(k->should_stop))
		return -EINTR;
	return k->threadfn(k->data);
}

/**
 * kthread_create - create a kernel thread, not yet running
 * @threadfn: the function to run
 * @data: its argument
 * @namefmt: printf-style name
 *
 * Return: the task (start it with wake_up_process()), or ERR_PTR(-ENOMEM),
 * or ERR_PTR(-EAGAIN) when the host cannot start a thread.
 */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char namefmt[], ...)
{
	struct task_struct *tsk;
	char name[TASK_COMM_LEN];
	struct kthread *k;
	va_list args;

	va_start(args, namefmt);
	vscnprintf(name, sizeof(name), namefmt, args);
	va_end(args);

	k = kzalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return ERR_PTR(-ENOMEM);
	k->threadfn = threadfn;
	k->data = data;
	tsk = copy_process(name, kthread, k, PF_KTHREAD, NULL);
	if (IS_ERR(tsk)) {
		kfree(k);
		return tsk;
	}
	tsk->kthread = k;
	return tsk;
}

/**
 * kthread_should_stop - should this kernel thread return now?
 *
 * Return: true once kthread_stop() was called for the current task.
 */
bool kthread_should_stop(void)
{
	struct kthread *k = current->kthread;

	return k && READ_ONCE(k->should_stop);
}

void *kthread_data(struct task_struct *tsk)
{
	return tsk->kthread->data;
}

/**
 * kthread_stop - stop a kernel thread and reap it
 * @tsk: the thread, from kthread_create()
 *
 * Sets kthread_should_stop() for it, wakes it and waits for its function
 * to return.  The task is freed.
 *
 * Return: what the thread function returned (-EINTR if it never ran).
 */
int kthread_stop(struct task_struct *tsk)
{
	struct kthread *k = tsk->kthread;
	int ret;

	WRITE_ONCE(k->should_stop, true);
	wake_up_process(tsk);
	ret = wait_task_exit(tsk);
	kfree(k);
	return ret;
}
