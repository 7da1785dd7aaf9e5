/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: work items run later by kernel worker threads (or at safe points). */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

/*
 * include/linux/workqueue.h - deferred work
 *
 * A work item is a function to call later, in process context, from a
 * kernel worker thread ("kworker/u:0"): code that holds a spinlock and
 * needs to do something that sleeps queues it (zsmalloc frees empty
 * zspages this way, because their page locks cannot be taken under its
 * class lock).  A queued item is "pending" until a worker takes it; it
 * may be queued again while it runs, and then runs once more.
 *
 * With umm.deterministic=1 there is no worker thread.  Queued work waits
 * for a safe point and runs there, in the task that reaches it:
 *   - flush_work(), flush_workqueue() and flush_scheduled_work();
 *   - the end of every console command (umm_kthreads_run_pending(),
 *     <linux/umm.h>, calls workqueue_run_pending()).
 * queue_work() never runs the work itself: its callers hold locks.
 */

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/bitops.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

/* Bits of work_struct.data. */
enum {
	WORK_STRUCT_PENDING_BIT	= 0,	/* queued, not yet taken by a worker */
};

struct work_struct {
	atomic_long_t data;
	struct list_head entry;		/* on the pool's worklist */
	work_func_t func;
};

#define work_data_bits(work)	((unsigned long *)(&(work)->data))

#define __WORK_INITIALIZER(n, f) {					\
	.data	= ATOMIC_LONG_INIT(0),					\
	.entry	= { &(n).entry, &(n).entry },				\
	.func	= (f),							\
}

#define DECLARE_WORK(n, f)						\
	struct work_struct n = __WORK_INITIALIZER(n, f)

#define INIT_WORK(_work, _func)						\
do {									\
	atomic_long_set(&(_work)->data, 0);				\
	INIT_LIST_HEAD(&(_work)->entry);				\
	(_work)->func = (_func);					\
} while (0)

/* Queued and not yet started (it may also be running meanwhile). */
#define work_pending(work) \
	test_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work))

/*
 * All workqueues share one pool of workers here; a workqueue is a name
 * for the callers' sake.
 */
struct workqueue_struct;
extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_unbound_wq;

/* kernel/workqueue.c */
bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
bool flush_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
void flush_workqueue(struct workqueue_struct *wq);
void workqueue_run_pending(void);

/**
 * schedule_work - queue work on the system workqueue
 * @work: the work
 *
 * Return: false if @work was already pending, true otherwise.
 */
static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}

/**
 * flush_scheduled_work - wait for all work queued on the system workqueue
 */
static inline void flush_scheduled_work(void)
{
	flush_workqueue(system_wq);
}

#endif /* _LINUX_WORKQUEUE_H */
