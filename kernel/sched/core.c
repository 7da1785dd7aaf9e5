// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sched/core.c - sleeping and waking tasks
 *
 * There is no run queue: every task is a host thread and the host
 * schedules them.  What remains of the scheduler is the task state
 * protocol every kernel wait is built on.  A sleeper sets its state
 * (set_current_state()), checks its condition, and calls schedule(),
 * which sleeps on the state word in the host until a waker has set it to
 * TASK_RUNNING.  Because the waker writes the state before it wakes the
 * host futex, a wake-up that comes between the check and the sleep makes
 * the sleep return at once: no wake-up is lost.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <asm/host_ops.h>

__thread struct task_struct *__current_task;

struct task_struct init_task = {
	.__state	= TASK_RUNNING,
	.cpu		= 0,
	.pid		= 1,
	.usage		= ATOMIC_INIT(2),
	.comm		= "swapper/0",
	.tasks		= LIST_HEAD_INIT(init_task.tasks),
	.alloc_lock	= __SPIN_LOCK_UNLOCKED(init_task.alloc_lock),
};

/**
 * schedule - sleep until woken, if the current state says so
 *
 * Returns at once if the task is TASK_RUNNING (a wake-up already came).
 */
void schedule(void)
{
	struct task_struct *tsk = current;
	unsigned int state;

	/* Acquire: what the waker wrote before waking us is visible. */
	while ((state = smp_load_acquire(&tsk->__state)) != TASK_RUNNING)
		host_ops.futex_wait(&tsk->__state, state, -1);
}

/**
 * schedule_timeout - sleep until woken or @timeout jiffies have passed
 * @timeout: jiffies to sleep, or MAX_SCHEDULE_TIMEOUT
 *
 * The task state must have been set before calling.
 *
 * Return: 0 if the timeout elapsed, otherwise the jiffies that were left.
 */
long schedule_timeout(long timeout)
{
	struct task_struct *tsk = current;
	u64 deadline, now;
	unsigned int state;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout <= 0) {
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	deadline = ktime_get_ns() + jiffies_to_nsecs(timeout);
	/* Acquire, as in schedule(). */
	while ((state = smp_load_acquire(&tsk->__state)) != TASK_RUNNING) {
		now = ktime_get_ns();
		if (now >= deadline) {
			/* Whoever wakes us now finds us running: harmless. */
			__atomic_compare_exchange_n(&tsk->__state, &state,
						    TASK_RUNNING, false,
						    __ATOMIC_SEQ_CST,
						    __ATOMIC_RELAXED);
			return 0;
		}
		host_ops.futex_wait(&tsk->__state, state, deadline - now);
	}
	now = ktime_get_ns();
	if (now >= deadline)
		return 1;
	return DIV_ROUND_UP(deadline - now, NSEC_PER_SEC / HZ);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

/**
 * wake_up_state - wake a task if it sleeps in one of @state
 * @p: the task
 * @state: mask of states to wake from
 *
 * Return: 1 if the task was woken, 0 if it was not in such a state.
 */
int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned int cur = READ_ONCE(p->__state);

	do {
		if (!(cur & state))
			return 0;
	} while (!__atomic_compare_exchange_n(&p->__state, &cur, TASK_RUNNING,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	host_ops.futex_wake(&p->__state, 1);
	return 1;
}

/**
 * wake_up_process - wake a task that sleeps in any state
 * @p: the task
 *
 * Return: 1 if the task was woken.
 */
int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL | TASK_NEW);
}

void yield(void)
{
	host_ops.yield();
}

/* Give other host threads a chance in long loops (it is not a preemption point). */
int _cond_resched(void)
{
	return 0;
}

/**
 * __might_sleep - check that sleeping is allowed here
 * @file: caller's file
 * @line: caller's line
 *
 * Sleeping needs a task: a host thread that never became one (see
 * kthread_create()) must not call into code that can sleep.
 */
void __might_sleep(const char *file, int line)
{
	if (unlikely(!current))
		panic("sleeping function called from a non-task at %s:%d",
		      file, line);
}
