// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/kthread.c - kernel threads
 *
 * A kernel thread is a host thread that is a task: it gets a virtual CPU
 * when created (so creation can fail when all nr_cpu_ids are taken, as
 * fork fails when a limit is hit), waits in TASK_NEW until
 * wake_up_process(), runs its function, and on return takes its CPU
 * offline and signals kthread_stop().
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/cpuhotplug.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <asm/host_ops.h>

struct kthread {
	int (*threadfn)(void *data);
	void *data;
	bool should_stop;
	int result;
	struct completion exited;
};

static void kthread_trampoline(void *arg)
{
	struct task_struct *tsk = arg;
	struct kthread *k = tsk->kthread;

	__current_task = tsk;
	schedule();		/* until the first wake_up_process() */
	if (!READ_ONCE(k->should_stop))
		k->result = k->threadfn(k->data);
	else
		k->result = -EINTR;
	tsk->flags |= PF_EXITING;
	cpuhp_cpu_dead(tsk->cpu);
	complete(&k->exited);
}

/**
 * kthread_create - create a kernel thread, not yet running
 * @threadfn: the function to run
 * @data: its argument
 * @namefmt: printf-style name
 *
 * Return: the task (start it with wake_up_process()), or ERR_PTR(-EAGAIN)
 * when no virtual CPU is free, or ERR_PTR(-ENOMEM).
 */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char namefmt[], ...)
{
	struct task_struct *tsk;
	struct kthread *k;
	char name[TASK_COMM_LEN];
	va_list args;
	long handle;
	int cpu;

	va_start(args, namefmt);
	vscnprintf(name, sizeof(name), namefmt, args);
	va_end(args);

	k = kzalloc(sizeof(*k), GFP_KERNEL);
	if (!k)
		return ERR_PTR(-ENOMEM);
	tsk = alloc_task_struct(name);
	if (!tsk) {
		kfree(k);
		return ERR_PTR(-ENOMEM);
	}
	cpu = cpu_up_any();
	if (cpu < 0) {
		free_task_struct(tsk);
		kfree(k);
		return ERR_PTR(cpu);
	}
	k->threadfn = threadfn;
	k->data = data;
	init_completion(&k->exited);
	tsk->kthread = k;
	tsk->cpu = cpu;
	tsk->flags = PF_KTHREAD;

	handle = host_ops.thread_create(kthread_trampoline, tsk);
	if (handle < 0) {
		cpuhp_cpu_dead(cpu);
		free_task_struct(tsk);
		kfree(k);
		return ERR_PTR(-EAGAIN);
	}
	tsk->host_thread = handle;
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
	wait_for_completion(&k->exited);
	host_ops.thread_join(tsk->host_thread);
	ret = k->result;
	kfree(k);
	put_task_struct(tsk);
	return ret;
}
