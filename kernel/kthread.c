// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/kthread.c - kernel threads
 *
 * A kernel thread is a task without user memory (copy_process() with
 * PF_KTHREAD): creating one can fail as fork fails, when no order-2 block
 * is left for its stack.  It runs on whichever CPU the scheduler gives
 * it, and leaves it whenever it sleeps: there may be more kernel threads
 * than CPUs.
 *
 * umm.deterministic=1 (umm's own, see <linux/umm.h>) starts none of the
 * kernel threads that mm and the drivers wake: umm_kthread_run() returns
 * no task, and the work of each thread runs synchronously instead, in the
 * task that wakes it (umm_kthread_wake()) or at the next safe point
 * (umm_kthreads_run_pending(), after each console command).  That is the
 * one place where determinism changes how kernel code runs; mm/ only says
 * where a thread is woken and what one wake-up's work is.
 */
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/err.h>
#include <linux/umm.h>

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

static struct task_struct *__kthread_create(int (*threadfn)(void *data),
					    void *data, const char namefmt[],
					    va_list args)
{
	struct task_struct *tsk;
	char name[TASK_COMM_LEN];
	struct kthread *k;

	vscnprintf(name, sizeof(name), namefmt, args);
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
	va_list args;

	va_start(args, namefmt);
	tsk = __kthread_create(threadfn, data, namefmt, args);
	va_end(args);
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

/* ---- umm: deterministic runs ------------------------------------------- */

/*
 * What each thread does when woken, for deterministic runs: set by
 * umm_kthread_set_work() at boot, NULL otherwise.
 */
static struct umm_kthread {
	void (*work)(void *data);
	void *data;
} umm_kthreads[NR_UMM_KTHREADS];

/**
 * umm_kthread_run - start a kernel thread, unless runs are deterministic
 * @threadfn: the thread's function
 * @data: its argument
 * @namefmt: printf-style name
 *
 * kthread_run() for the threads that umm.deterministic=1 does without.
 * The caller does the thread's work itself when it has no thread: the
 * work of kswapd, kcompactd and the workqueue's worker is then run by
 * umm_kthread_wake() and umm_kthreads_run_pending() (see
 * umm_kthread_set_work()); a device's thread or the balloon's worker have
 * their own way (their wakers do the work, or queue it).
 *
 * Return: the running task; NULL in deterministic runs; or the error of
 * kthread_create().
 */
struct task_struct *umm_kthread_run(int (*threadfn)(void *data), void *data,
				    const char namefmt[], ...)
{
	struct task_struct *tsk;
	va_list args;

	if (umm_deterministic)
		return NULL;
	va_start(args, namefmt);
	tsk = __kthread_create(threadfn, data, namefmt, args);
	va_end(args);
	if (!IS_ERR(tsk))
		wake_up_process(tsk);
	return tsk;
}

/**
 * umm_kthread_set_work - say what a thread does when woken
 * @id: the thread
 * @work: does the thread's pending work, if it has any: what one
 *	wake-up of the thread does
 * @data: @work's argument
 *
 * Deterministic runs call @work where the thread would be woken; in other
 * runs this does nothing (the thread does the work).  Called at boot,
 * before the thread could be woken.
 */
void umm_kthread_set_work(enum umm_kthread_id id, void (*work)(void *data),
			  void *data)
{
	struct umm_kthread *ut = &umm_kthreads[id];

	if (!umm_deterministic)
		return;
	ut->data = data;
	/* Published last: umm_kthread_wake() reads the rest after it. */
	smp_store_release(&ut->work, work);
}

/**
 * umm_kthread_wake - the deterministic side of waking a kernel thread
 * @id: the thread
 * @here: whether the caller may do the thread's work (it may sleep, and
 *	holds nothing the work takes)
 *
 * Called where the thread is woken, after the request is recorded and
 * before the wake-up proper, which deterministic runs skip (no thread
 * waits).  In deterministic runs, if @here, the thread's work runs now,
 * in the caller; otherwise the request waits for the next wake-up that
 * may run it, or for the next safe point.  Tasks that run a thread's work
 * at the same time are not serialised here: the work does that itself
 * where it needs to (kcompactd's does).  In other runs this does nothing.
 */
void umm_kthread_wake(enum umm_kthread_id id, bool here)
{
	struct umm_kthread *ut = &umm_kthreads[id];
	/* Pairs with umm_kthread_set_work(). */
	void (*work)(void *data) = smp_load_acquire(&ut->work);

	if (work && here)
		work(ut->data);
}

/**
 * umm_kthreads_run_pending - a safe point of deterministic runs
 *
 * Runs what the kernel threads would have done meanwhile: each one's
 * pending work, in the order of enum umm_kthread_id.  The console calls
 * it after every command; tests call it to let the system settle.  Must
 * be called without locks.  Does nothing in other runs.
 */
void umm_kthreads_run_pending(void)
{
	int id;

	might_sleep();
	for (id = 0; id < NR_UMM_KTHREADS; id++)
		umm_kthread_wake(id, true);
}
