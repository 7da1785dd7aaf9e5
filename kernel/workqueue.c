// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/workqueue.c - deferred work on a kernel worker thread
 *
 * One pool serves every workqueue: a FIFO list of pending work items and
 * one worker thread, "kworker/u:0", that takes them in order and calls
 * their functions.  The kernel has a pool per CPU and per priority and
 * creates workers on demand; umm's users (zsmalloc's deferred free, the
 * drivers' housekeeping) queue a little work now and then, and one worker
 * gives them what they rely on: the work runs later, in process context,
 * without the locks its queuer held.
 *
 * Deterministic mode (umm.deterministic=1) has no worker thread (it
 * starts with umm_kthread_run(), kernel/kthread.c): pending work runs at
 * safe points, in the task that reaches one -- flush_work(),
 * flush_workqueue(), and the end of each console command, where
 * umm_kthreads_run_pending() calls workqueue_run_pending().  (Should the
 * worker fail to start, for want of memory, the flushes still run the
 * work.)  queue_work() itself never runs work, because its callers hold
 * locks (zsmalloc queues its free work under a class lock that the work
 * takes too).  Tasks that run work at the same time take turns on
 * run_mutex, so the order is the queue order on every run.
 *
 * Whoever runs a work item (the worker, or a task at a safe point) is a
 * struct worker on the pool's busy list while the function runs, so that
 * flush_work() can wait for it and a work item queued again meanwhile is
 * not started a second time alongside the first.  A work item may be
 * freed by its own function: after the call, only the pointer is compared.
 *
 * Lock order: run_mutex, then pool.lock, then the wait queues' locks.
 * Work functions are called with none of them held except run_mutex (a
 * task running deterministic work holds it across the functions it
 * calls; a work function that flushes runs the work it waits for itself).
 */
#include <linux/workqueue.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/err.h>
#include <linux/umm.h>

struct workqueue_struct {
	const char *name;
};

static struct workqueue_struct system_workqueue = { .name = "events" };
static struct workqueue_struct system_unbound_workqueue = {
	.name = "events_unbound",
};
struct workqueue_struct *system_wq = &system_workqueue;
struct workqueue_struct *system_unbound_wq = &system_unbound_workqueue;

/* Whoever is running a work item's function right now. */
struct worker {
	struct list_head node;		/* on worker_pool.busy */
	struct work_struct *current_work;
	work_func_t current_func;
	struct task_struct *task;
};

static struct worker_pool {
	spinlock_t lock;		/* worklist, busy */
	struct list_head worklist;	/* pending work, in queue order */
	struct list_head busy;		/* workers inside a work function */
	wait_queue_head_t done;		/* flushers wait here */
	struct mutex run_mutex;		/* deterministic runners take turns */
	struct task_struct *runner;	/* who holds run_mutex */
	struct task_struct *kworker;	/* the worker thread */
} pool = {
	.lock		= __SPIN_LOCK_UNLOCKED(pool.lock),
	.worklist	= LIST_HEAD_INIT(pool.worklist),
	.busy		= LIST_HEAD_INIT(pool.busy),
	.done		= __WAIT_QUEUE_HEAD_INITIALIZER(pool.done),
	.run_mutex	= __MUTEX_INITIALIZER(pool.run_mutex),
};

static struct worker *find_worker_executing_work(struct work_struct *work)
{
	struct worker *worker;

	lockdep_assert_held(&pool.lock);
	list_for_each_entry(worker, &pool.busy, node)
		if (worker->current_work == work &&
		    worker->current_func == work->func)
			return worker;
	return NULL;
}

/* The first pending item that is not running already, or NULL. */
static struct work_struct *next_work(void)
{
	struct work_struct *work;

	lockdep_assert_held(&pool.lock);
	list_for_each_entry(work, &pool.worklist, entry)
		if (!find_worker_executing_work(work))
			return work;
	return NULL;
}

/*
 * Take @work off the list and call its function, with pool.lock dropped
 * around the call.  PENDING is cleared before the call, so the function
 * (or anyone) may queue the item again.
 */
static void process_one_work(struct worker *worker, struct work_struct *work)
	__must_hold(&pool.lock)
{
	work_func_t func = work->func;

	list_del_init(&work->entry);
	worker->current_work = work;
	worker->current_func = func;
	worker->task = current;
	list_add(&worker->node, &pool.busy);
	clear_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
	/* The function sees everything stored before the item was queued. */
	smp_mb();
	spin_unlock(&pool.lock);

	func(work);

	spin_lock(&pool.lock);
	list_del(&worker->node);
	worker->current_work = NULL;
	worker->current_func = NULL;
	wake_up_all(&pool.done);
}

/* Run pending work in the caller until none is left that it may start. */
static void run_worklist(void)
{
	struct worker worker;
	struct work_struct *work;

	spin_lock(&pool.lock);
	while ((work = next_work()))
		process_one_work(&worker, work);
	spin_unlock(&pool.lock);
}

/**
 * workqueue_run_pending - run the pending work items here and now
 *
 * For deterministic mode: called at the safe points (flushes, and the
 * console after each command) to do what the worker thread would have
 * done meanwhile.  Must be called without locks that work functions take.
 * A work function that calls it runs the remaining items itself.
 */
void workqueue_run_pending(void)
{
	might_sleep();
	if (READ_ONCE(pool.runner) == current) {
		run_worklist();
		return;
	}
	mutex_lock(&pool.run_mutex);
	WRITE_ONCE(pool.runner, current);
	run_worklist();
	WRITE_ONCE(pool.runner, NULL);
	mutex_unlock(&pool.run_mutex);
}

/**
 * queue_work - queue work to be run later
 * @wq: the workqueue (all share one pool here)
 * @work: the work; must stay valid until its function has started
 *
 * Never runs @work in the caller, which may hold locks.
 *
 * Return: false if @work was already pending, true if it was queued.
 */
bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	struct task_struct *worker;

	if (test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work)))
		return false;
	spin_lock(&pool.lock);
	list_add_tail(&work->entry, &pool.worklist);
	spin_unlock(&pool.lock);
	worker = READ_ONCE(pool.kworker);
	if (worker)
		wake_up_process(worker);
	return true;
}

/*
 * Without a worker thread (deterministic mode, or none could be
 * started), flushes run the pending work themselves.
 */
static bool pool_has_worker(void)
{
	return READ_ONCE(pool.kworker) != NULL;
}

/*
 * Sleep until @done(@work) is true; process_one_work() wakes us after
 * each item.  The entry stays queued until we take it off under the
 * queue's lock, so the waker is done with it by then.
 */
static void pool_wait(bool (*done)(struct work_struct *work),
		      struct work_struct *work)
{
	struct wait_queue_entry wait;

	init_waitqueue_entry(&wait, current);
	add_wait_queue(&pool.done, &wait);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (done(work))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	remove_wait_queue(&pool.done, &wait);
}

/* Queued, or being run by someone. */
static bool work_busy(struct work_struct *work)
{
	bool busy;

	spin_lock(&pool.lock);
	busy = !list_empty(&work->entry) || find_worker_executing_work(work);
	spin_unlock(&pool.lock);
	return busy;
}

static bool work_idle(struct work_struct *work)
{
	return !work_busy(work);
}

static bool work_not_running(struct work_struct *work)
{
	bool running;

	spin_lock(&pool.lock);
	running = find_worker_executing_work(work) != NULL;
	spin_unlock(&pool.lock);
	return !running;
}

/* Waiting for @work from inside its own function would never end. */
static bool work_running_here(struct work_struct *work)
{
	struct worker *worker;
	bool here;

	spin_lock(&pool.lock);
	worker = find_worker_executing_work(work);
	here = worker && worker->task == current;
	spin_unlock(&pool.lock);
	return here;
}

/**
 * flush_work - wait until a work item has finished running
 * @work: the work
 *
 * Waits for the last queueing of @work to have run to completion; in
 * deterministic mode, runs the pending work (@work with the items queued
 * before it) in the caller.  Must not be called with a lock that @work's
 * function takes, nor from @work's own function.
 *
 * Return: true if @work was pending or running, false if it was idle.
 */
bool flush_work(struct work_struct *work)
{
	might_sleep();
	if (!work_busy(work))
		return false;
	if (WARN_ON(work_running_here(work)))
		return false;
	if (!pool_has_worker()) {
		/* Another task may be running it: then wait for its turn. */
		do {
			workqueue_run_pending();
		} while (work_busy(work));
		return true;
	}
	pool_wait(work_idle, work);
	return true;
}

/**
 * cancel_work_sync - cancel a work item and wait for it to finish
 * @work: the work
 *
 * If @work is pending it is taken off the queue without running; if it
 * is running, this waits until its function returns.  Afterwards @work is
 * idle (unless queued again meanwhile) and may be freed.  Must not be
 * called from @work's own function.
 *
 * Return: true if @work was pending.
 */
bool cancel_work_sync(struct work_struct *work)
{
	bool pending = false;

	might_sleep();
	spin_lock(&pool.lock);
	if (!list_empty(&work->entry)) {
		list_del_init(&work->entry);
		clear_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
		pending = true;
	}
	spin_unlock(&pool.lock);
	if (!WARN_ON(work_running_here(work)))
		pool_wait(work_not_running, work);
	return pending;
}

/* Nothing is pending and nothing is running (@unused: for pool_wait()). */
static bool worklist_drained(struct work_struct *unused)
{
	bool drained;

	spin_lock(&pool.lock);
	drained = list_empty(&pool.worklist) && list_empty(&pool.busy);
	spin_unlock(&pool.lock);
	return drained;
}

/**
 * flush_workqueue - wait until the pending work has run
 * @wq: the workqueue (all share one pool: this waits for all work)
 *
 * In deterministic mode the pending work runs in the caller; called from
 * a work function, it runs the rest of the list and returns.  Work that
 * keeps queueing itself would keep this waiting, as in the kernel.
 */
void flush_workqueue(struct workqueue_struct *wq)
{
	might_sleep();
	if (pool_has_worker()) {
		pool_wait(worklist_drained, NULL);
		return;
	}
	if (READ_ONCE(pool.runner) == current) {
		workqueue_run_pending();
		return;
	}
	do {
		workqueue_run_pending();
	} while (!worklist_drained(NULL));
}

/*
 * The worker sleeps until queue_work() wakes it (wake_up_process(), as
 * the kernel wakes an idle worker); the state is set before the list is
 * looked at, so a wake-up in between is not lost.
 */
static int worker_thread(void *unused)
{
	struct worker worker;
	struct work_struct *work;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		spin_lock(&pool.lock);
		work = next_work();
		if (!work) {
			spin_unlock(&pool.lock);
			schedule();
			continue;
		}
		__set_current_state(TASK_RUNNING);
		do {
			process_one_work(&worker, work);
		} while ((work = next_work()));
		spin_unlock(&pool.lock);
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* umm: what the worker would do, for deterministic runs' safe points */
static void workqueue_umm_work(void *unused)
{
	workqueue_run_pending();
}

/*
 * The worker starts with the other kernel threads; deterministic runs
 * have none (work waits for a safe point, see above).  Work queued before
 * the worker exists simply waits for it.
 */
static int __init workqueue_init(void)
{
	struct task_struct *tsk;

	umm_kthread_set_work(UMM_KWORKER, workqueue_umm_work, NULL);
	tsk = umm_kthread_run(worker_thread, NULL, "kworker/u:0");
	if (IS_ERR(tsk)) {
		pr_err("workqueue: cannot start kworker/u:0: %ld\n",
		       PTR_ERR(tsk));
		return PTR_ERR(tsk);
	}
	WRITE_ONCE(pool.kworker, tsk);
	return 0;
}
core_initcall(workqueue_init);
