// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sched/core.c - scheduling tasks onto CPUs
 *
 * Every task is a host thread, but a task runs kernel code only on a CPU,
 * and there are nr_cpu_ids CPUs whatever the number of tasks: a CPU is
 * held by one task at a time.  A task gives its CPU up when it sleeps
 * (schedule(), under every wait queue, completion, page lock and
 * workqueue flush), when it blocks in the host (sleeping locks, see
 * sched_host_block()), when a waiting task preempts it at cond_resched(),
 * and when it exits; the CPU goes to the first task waiting for it.  So
 * at most nr_cpu_ids host threads run kernel code at once, a CPU's
 * per-cpu data has one user at a time, and smp_processor_id() changes
 * only where the task may sleep, as in the kernel, where a task may come
 * back on another CPU after a sleep.  (LKL runs one CPU this way; this is
 * the same with nr_cpu_ids of them.)  The host still decides which of the
 * running threads gets a host CPU: the kernel is not preemptible, so a
 * task loses its CPU only at those points.
 *
 * Each CPU has a run queue: the task holding the CPU (->curr, or NULL:
 * idle) and the runnable tasks waiting for it, first come first served.
 * Where tasks go, as in the kernel:
 *   - at fork, to the CPU with the fewest tasks (the lowest one among
 *     equals), so that tasks spread over the CPUs;
 *   - at wake-up, back to their CPU, at once if it is idle; if it is not,
 *     to an idle CPU (the task migrates), or else to the end of their
 *     CPU's queue;
 *   - a CPU that is given up goes to the first task in its queue, or,
 *     if none waits there, to the first one waiting for the busiest
 *     other CPU (idle balancing).
 * With umm.deterministic=1 tasks do not migrate: a task runs on the CPU
 * it was given at fork, so which CPU's per-cpu lists and counters it uses
 * does not depend on the host's timing.  A task may still move itself on
 * purpose (sched_move_to_cpu(), to run code on another CPU), and a
 * pinned task (->pinned) is never taken by an idle CPU.
 *
 * Sleeping and waking.  A sleeper sets its state (set_current_state()),
 * checks its condition and calls schedule().  A waker changes the
 * condition, sets the state to TASK_RUNNING (wake_up_state()) and, if the
 * sleeper has given its CPU up, queues it.  schedule() looks at the state
 * under the run queue lock: a wake-up that came before finds the sleeper
 * on its CPU, which it keeps; one that comes after finds it off-CPU and
 * queues it.  No wake-up is lost.  An off-CPU host thread sleeps on its
 * task's ->on_cpu, which whoever gives it a CPU sets, with a release that
 * makes everything done on that CPU before visible to it.
 *
 * One lock, rq_lock, guards every run queue and the placement of tasks
 * (->cpu, ->on_cpu, ->on_rq, ->run_list, ->pinned).  It is a lock word without the
 * preemption count of spinlock_t, taken last, by wakers in any context.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/list.h>
#include <linux/cpumask.h>
#include <linux/spinlock.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/hrtimer.h>
#include <linux/init.h>
#include <linux/umm.h>
#include <asm/host_ops.h>

__thread struct task_struct *__current_task;
__thread int __preempt_count;

struct task_struct init_task = {
	.__state	= TASK_RUNNING,
	.cpu		= 0,
	.on_cpu		= 1,
	.run_list	= LIST_HEAD_INIT(init_task.run_list),
	.pid		= 1,
	.usage		= ATOMIC_INIT(2),
	.comm		= "swapper/0",
	.tasks		= LIST_HEAD_INIT(init_task.tasks),
	.alloc_lock	= __SPIN_LOCK_UNLOCKED(init_task.alloc_lock),
};

struct rq {
	struct task_struct *curr;	/* holds the CPU; NULL: idle */
	struct list_head queue;		/* runnable tasks waiting for it */
	unsigned int nr_queued;		/* on ->queue (read locklessly) */
	unsigned int nr_tasks;		/* tasks whose task_cpu() this is */
	unsigned long nr_switches;	/* times the CPU was given up */
};

static struct rq runqueues[NR_CPUS];
static u32 rq_lock_word;
static unsigned int nr_queued_total;	/* over all CPUs (read locklessly) */

#define cpu_rq(cpu)	(&runqueues[(cpu)])

static void rq_lock(void)
{
	if (unlikely(!__lock_trylock(&rq_lock_word)))
		__lock_slowpath(&rq_lock_word);
}

static void rq_unlock(void)
{
	__lock_unlock(&rq_lock_word);
}

/**
 * sched_init - the run queues, with the boot task on CPU 0
 *
 * Called at boot once nr_cpus= is known, before anything may sleep or
 * wake; the boot task (init_task, on CPU 0 statically) holds CPU 0.
 */
void __init sched_init(void)
{
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		INIT_LIST_HEAD(&cpu_rq(cpu)->queue);
	cpu_rq(0)->curr = &init_task;
	cpu_rq(0)->nr_tasks = 1;
}

/* Move @p's placement to @cpu.  rq_lock held, @p off-CPU. */
static void set_task_cpu(struct task_struct *p, unsigned int cpu)
{
	if (p->cpu == cpu)
		return;
	cpu_rq(p->cpu)->nr_tasks--;
	cpu_rq(cpu)->nr_tasks++;
	WRITE_ONCE(p->cpu, cpu);
}

/*
 * Give idle @cpu to @p and wake its host thread.  rq_lock held.  The
 * wake-up is done under the lock: @p cannot exit before it has run.
 */
static void set_rq_curr(unsigned int cpu, struct task_struct *p)
{
	struct rq *rq = cpu_rq(cpu);

	BUG_ON(rq->curr);
	rq->curr = p;
	set_task_cpu(p, cpu);
	/* What ran on the CPU before is visible: pairs with wait_for_cpu(). */
	smp_store_release(&p->on_cpu, 1);
	if (p != current)
		host_ops.futex_wake(&p->on_cpu, 1);
}

static void enqueue_task(struct task_struct *p)
{
	struct rq *rq = cpu_rq(p->cpu);

	list_add_tail(&p->run_list, &rq->queue);
	p->on_rq = true;
	WRITE_ONCE(rq->nr_queued, rq->nr_queued + 1);
	WRITE_ONCE(nr_queued_total, nr_queued_total + 1);
}

static void dequeue_task(struct task_struct *p)
{
	struct rq *rq = cpu_rq(p->cpu);

	list_del_init(&p->run_list);
	p->on_rq = false;
	WRITE_ONCE(rq->nr_queued, rq->nr_queued - 1);
	WRITE_ONCE(nr_queued_total, nr_queued_total - 1);
}

/* The CPU where runnable @p should go.  rq_lock held. */
static unsigned int select_task_rq(struct task_struct *p)
{
	unsigned int cpu;

	if (!cpu_rq(p->cpu)->curr || umm_deterministic || p->pinned)
		return p->cpu;
	for_each_online_cpu(cpu)
		if (!cpu_rq(cpu)->curr)
			return cpu;
	return p->cpu;
}

/*
 * @p is runnable, off-CPU and not queued: give it a CPU, or queue it for
 * one.  rq_lock held.
 */
static void activate_task(struct task_struct *p)
{
	unsigned int cpu = select_task_rq(p);

	if (!cpu_rq(cpu)->curr) {
		set_rq_curr(cpu, p);
		return;
	}
	enqueue_task(p);
}

/* The first task in @rq's queue that may move to another CPU, or NULL. */
static struct task_struct *first_movable_task(struct rq *rq)
{
	struct task_struct *p;

	list_for_each_entry(p, &rq->queue, run_list)
		if (!p->pinned)
			return p;
	return NULL;
}

/* Who gets @cpu now that its task gives it up.  rq_lock held. */
static struct task_struct *pick_next_task(unsigned int cpu)
{
	struct task_struct *next = NULL, *p;
	unsigned int i, most = 0;

	if (cpu_rq(cpu)->nr_queued) {
		next = list_first_entry(&cpu_rq(cpu)->queue,
					struct task_struct, run_list);
	} else if (nr_queued_total && !umm_deterministic) {
		/* A pinned task waits for its own CPU, not for this one. */
		for_each_online_cpu(i) {
			if (cpu_rq(i)->nr_queued <= most)
				continue;
			p = first_movable_task(cpu_rq(i));
			if (!p)
				continue;
			most = cpu_rq(i)->nr_queued;
			next = p;
		}
	}
	if (next)
		dequeue_task(next);
	return next;
}

/* @prev, the current task, gives up its CPU.  rq_lock held. */
static void put_prev_task(struct task_struct *prev)
{
	unsigned int cpu = prev->cpu;
	struct task_struct *next;

	WRITE_ONCE(prev->on_cpu, 0);
	cpu_rq(cpu)->curr = NULL;
	cpu_rq(cpu)->nr_switches++;
	next = pick_next_task(cpu);
	if (next)
		set_rq_curr(cpu, next);
}

/* Sleep in the host until a CPU is given to the current task. */
static void wait_for_cpu(struct task_struct *p)
{
	/* Pairs with set_rq_curr(): this CPU's per-cpu data is as left. */
	while (!smp_load_acquire(&p->on_cpu))
		host_ops.futex_wait(&p->on_cpu, 0, -1);
}

/*
 * Sleeping with the preemption count raised would let another task run
 * on this CPU while this one holds a spinlock or uses the CPU's per-cpu
 * data, and bring it back on another CPU.
 */
static void schedule_debug(struct task_struct *prev)
{
	if (unlikely(preempt_count())) {
		pr_err("BUG: scheduling while atomic: %s/%d/0x%08x\n",
		       prev->comm, prev->pid, preempt_count());
		BUG();
	}
}

/*
 * Give the CPU up if the current task is to sleep; false if a wake-up
 * came first and it keeps running.
 */
static bool schedule_out(struct task_struct *prev)
{
	schedule_debug(prev);
	rq_lock();
	/*
	 * Acquire: a waker's CAS of the state came first, maybe before it
	 * took rq_lock, and what it did before it must be visible here.
	 */
	if (smp_load_acquire(&prev->__state) == TASK_RUNNING) {
		rq_unlock();
		return false;
	}
	prev->nvcsw++;
	put_prev_task(prev);
	rq_unlock();
	return true;
}

/**
 * schedule - sleep until woken, if the current state says so
 *
 * Returns at once if the task is TASK_RUNNING (a wake-up already came).
 * Otherwise the CPU goes to another task, and the task runs again, maybe
 * on another CPU, once it has been woken and given a CPU.
 */
void schedule(void)
{
	struct task_struct *prev = current;

	if (schedule_out(prev))
		wait_for_cpu(prev);
}

/*
 * The timer of a timed sleep went off: wake the current task, off-CPU,
 * unless someone did.  Returns true if it was the timer.
 */
static bool wake_up_self(struct task_struct *p)
{
	unsigned int state = READ_ONCE(p->__state);

	while (state != TASK_RUNNING) {
		if (__atomic_compare_exchange_n(&p->__state, &state,
						TASK_RUNNING, false,
						__ATOMIC_SEQ_CST,
						__ATOMIC_RELAXED)) {
			rq_lock();
			activate_task(p);
			rq_unlock();
			return true;
		}
	}
	return false;
}

/*
 * schedule(), but wake up by itself at @deadline (ktime_get_ns()).
 * Returns true if it did.
 */
static bool schedule_deadline(u64 deadline)
{
	struct task_struct *prev = current;
	bool timed_out = false;
	u64 now;

	if (!schedule_out(prev))
		return false;
	/* Pairs with set_rq_curr(), as in wait_for_cpu(). */
	while (!smp_load_acquire(&prev->on_cpu)) {
		now = ktime_get_ns();
		if (now >= deadline) {
			timed_out = wake_up_self(prev);
			break;
		}
		host_ops.futex_wait(&prev->on_cpu, 0, deadline - now);
	}
	wait_for_cpu(prev);
	return timed_out;
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
	u64 deadline, now;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout <= 0) {
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	deadline = ktime_get_ns() + jiffies_to_nsecs(timeout);
	if (schedule_deadline(deadline))
		return 0;
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
 * schedule_hrtimeout - sleep until woken or until a time
 * @expires: the time, in ktime_get() nanoseconds, or NULL for no limit
 * @mode: HRTIMER_MODE_ABS, or HRTIMER_MODE_REL: @expires from now
 *
 * The task state must have been set before calling.
 *
 * Return: 0 if the time came, -EINTR if the task was woken before.
 */
int schedule_hrtimeout(ktime_t *expires, const enum hrtimer_mode mode)
{
	u64 deadline;

	if (!expires) {
		schedule();
		return -EINTR;
	}
	deadline = *expires;
	if (mode == HRTIMER_MODE_REL)
		deadline += ktime_get_ns();
	return schedule_deadline(deadline) ? 0 : -EINTR;
}

/**
 * wake_up_state - wake a task if it sleeps in one of @state
 * @p: the task
 * @state: mask of states to wake from
 *
 * A full barrier orders what the caller stored before (the condition
 * the task waits for) before the look at the task's state.
 *
 * Return: 1 if the task was woken, 0 if it was not in such a state.
 */
int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned int cur;

	/* The caller's condition before the state: see set_current_state(). */
	smp_mb();
	cur = READ_ONCE(p->__state);
	do {
		if (!(cur & state))
			return 0;
	} while (!__atomic_compare_exchange_n(&p->__state, &cur, TASK_RUNNING,
					      false, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	rq_lock();
	/* Still on its CPU, before schedule(): it will not sleep. */
	if (!p->on_cpu && !p->on_rq)
		activate_task(p);
	rq_unlock();
	return 1;
}

/**
 * wake_up_process - wake a task that sleeps in any state
 * @p: the task
 *
 * Also starts a new task (TASK_NEW) for the first time.
 *
 * Return: 1 if the task was woken.
 */
int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL | TASK_NEW);
}

/**
 * sched_host_block - give up the CPU to block in the host
 *
 * For waits that are not a schedule() (see <linux/sched.h>): the task
 * stays TASK_RUNNING, so no wake-up is needed; sched_host_unblock() gets
 * it a CPU again.  Not in atomic context, as any sleep.
 */
void sched_host_block(void)
{
	struct task_struct *p = current;

	schedule_debug(p);
	rq_lock();
	p->nvcsw++;
	put_prev_task(p);
	rq_unlock();
}

/**
 * sched_host_unblock - the host wait is over: get a CPU to run on
 *
 * Waits for it if none is free.
 */
void sched_host_unblock(void)
{
	struct task_struct *p = current;

	rq_lock();
	/* A wake-up of an outer sleep may have queued it meanwhile. */
	if (!p->on_cpu && !p->on_rq)
		activate_task(p);
	rq_unlock();
	wait_for_cpu(p);
}

/**
 * sched_move_to_cpu - the current task moves to another CPU
 * @cpu: the online CPU to run on
 * @pin: stay there: no idle CPU takes the task while it waits for @cpu,
 *	and after a sleep it waits for @cpu again, until the next call
 *
 * The task gives its CPU up and runs on @cpu as soon as that CPU is
 * given up by the task holding it (at once if idle; otherwise behind the
 * tasks queued there, and its holder sees need_resched() at its next
 * preemption point).  So a task can run code on a CPU that another task
 * holds, as an IPI or a bound kworker would in the kernel.  Without @pin
 * the task is placed as a woken one is: on @cpu if it is idle, else on
 * another idle CPU, else in @cpu's queue (with umm.deterministic=1 tasks
 * do not move: always @cpu).  Already on @cpu, it keeps the CPU.
 *
 * It sleeps, so not in atomic context.
 *
 * Return: 0, or -EINVAL (and a warning) if @cpu is not an online CPU.
 */
int sched_move_to_cpu(unsigned int cpu, bool pin)
{
	struct task_struct *p = current;

	if (WARN(cpu >= nr_cpu_ids || !cpu_online(cpu),
		 "%s: CPU %u is not online\n", __func__, cpu))
		return -EINVAL;
	might_sleep();
	rq_lock();
	p->pinned = pin;
	if (p->cpu == cpu) {
		rq_unlock();
		return 0;
	}
	schedule_debug(p);
	p->nvcsw++;
	put_prev_task(p);
	set_task_cpu(p, cpu);
	activate_task(p);
	rq_unlock();
	wait_for_cpu(p);
	return 0;
}

/**
 * need_resched - does a task wait for this task's CPU?
 *
 * Lockless, as a hint: a task queued just now is seen at the next look.
 * With umm.deterministic=1, only the tasks queued for this very CPU
 * count (they do not move to others).
 *
 * Return: true if the current task should let another one run.
 */
bool need_resched(void)
{
	if (READ_ONCE(cpu_rq(current->cpu)->nr_queued))
		return true;
	return !umm_deterministic && READ_ONCE(nr_queued_total);
}

/**
 * _cond_resched - a preemption point: let a waiting task have the CPU
 *
 * The kernel is not preemptible; long loops call cond_resched() so that
 * tasks waiting for a CPU are not held up behind them.  If one waits (and
 * the task is not in atomic context), it gets this CPU, and the current
 * task queues for a CPU again.
 *
 * Return: 1 if the task let another one run, else 0.
 */
int _cond_resched(void)
{
	struct task_struct *p = current;

	if (preempt_count() || !need_resched())
		return 0;
	rq_lock();
	p->nivcsw++;
	put_prev_task(p);
	activate_task(p);
	rq_unlock();
	wait_for_cpu(p);
	return 1;
}

/**
 * yield - let another task run, or another host thread
 *
 * For loops that wait for another task's progress: if a task waits for
 * a CPU, it gets this one; otherwise the host runs another thread.
 */
void yield(void)
{
	if (!_cond_resched())
		host_ops.yield();
}

/**
 * sched_fork - place a new task on a CPU
 * @p: the task, whose host thread waits in sched_start()
 *
 * The CPU with the fewest tasks, the lowest among equals: with fewer
 * tasks than CPUs every task has a CPU to itself.
 */
void sched_fork(struct task_struct *p)
{
	unsigned int cpu, best = 0, fewest = UINT_MAX;

	rq_lock();
	for_each_online_cpu(cpu) {
		if (cpu_rq(cpu)->nr_tasks < fewest) {
			fewest = cpu_rq(cpu)->nr_tasks;
			best = cpu;
		}
	}
	WRITE_ONCE(p->cpu, best);
	cpu_rq(best)->nr_tasks++;
	rq_unlock();
}

/**
 * sched_start - a new task waits to be woken and given a CPU
 *
 * The first thing its host thread does: the task is TASK_NEW until
 * wake_up_process().
 */
void sched_start(void)
{
	wait_for_cpu(current);
}

/**
 * do_task_dead - the current task is done: it gives its CPU up for good
 *
 * Its host thread returns afterwards, without touching kernel data.
 */
void do_task_dead(void)
{
	struct task_struct *p = current;

	if (unlikely(preempt_count())) {
		pr_err("note: %s[%d] exited with preempt_count %d\n",
		       p->comm, p->pid, preempt_count());
		__preempt_count = 0;
	}
	rq_lock();
	/* Wakers read the state without rq_lock: they now leave it alone. */
	smp_store_release(&p->__state, TASK_DEAD);
	cpu_rq(p->cpu)->nr_tasks--;
	put_prev_task(p);
	rq_unlock();
}

/**
 * nr_running - how many tasks are runnable
 *
 * Return: the tasks holding a CPU plus those waiting for one.
 */
unsigned long nr_running(void)
{
	unsigned long n;
	unsigned int cpu;

	rq_lock();
	n = nr_queued_total;
	for_each_possible_cpu(cpu)
		n += cpu_rq(cpu)->curr != NULL;
	rq_unlock();
	return n;
}

/**
 * nr_context_switches - how many times CPUs changed hands
 *
 * Return: the number of times a task gave up a CPU, over all CPUs.
 */
unsigned long nr_context_switches(void)
{
	unsigned long n = 0;
	unsigned int cpu;

	rq_lock();
	for_each_possible_cpu(cpu)
		n += cpu_rq(cpu)->nr_switches;
	rq_unlock();
	return n;
}

/**
 * __might_sleep - check that sleeping is allowed here
 * @file: caller's file
 * @line: caller's line
 *
 * Sleeping needs a task: a host thread that never became one (see
 * kthread_create()) must not call into code that can sleep.  A task must
 * not sleep in atomic context (the kernel's CONFIG_DEBUG_ATOMIC_SLEEP
 * report), nor start another sleep on the way to one (it would run on
 * in the state it set for the first).
 */
void __might_sleep(const char *file, int line)
{
	struct task_struct *p = current;
	unsigned int state;

	if (unlikely(!p))
		panic("sleeping function called from a non-task at %s:%d",
		      file, line);
	state = READ_ONCE(p->__state);
	if (unlikely(state != TASK_RUNNING))
		WARN_ONCE(1, "do not call blocking ops when !TASK_RUNNING; state=%x at %s:%d\n",
			  state, file, line);
	if (likely(!preempt_count()))
		return;
	pr_err("BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, pid: %d, name: %s\n",
	       in_atomic(), irqs_disabled(), p->pid, p->comm);
	add_taint(TAINT_WARN);
}
