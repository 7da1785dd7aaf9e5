/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: wait queues and wait_event(). */
/* newer: 4.13's names: struct wait_queue_entry, wq_head->head, ->entry. */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry,
				 unsigned int mode, int flags, void *key);

#define WQ_FLAG_EXCLUSIVE	0x01

struct wait_queue_entry {
	unsigned int flags;
	void *private;
	wait_queue_func_t func;
	struct list_head entry;
};
typedef struct wait_queue_entry wait_queue_entry_t;

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) {				\
	.lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	.head = { &(name).head, &(name).head } }
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

/* kernel/sched/wait.c */
void init_waitqueue_head(struct wait_queue_head *wq_head);
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
void prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry, int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key);
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr);
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync, void *key);

static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry,
					struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = default_wake_function;
}

#define DEFINE_WAIT_FUNC(name, function)				\
	struct wait_queue_entry name = {				\
		.private	= current,				\
		.func		= function,				\
		.entry		= LIST_HEAD_INIT((name).entry),		\
	}
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)

/*
 * Lockless check for waiters.  The waker must order its condition store
 * before this load (smp_mb()); prepare_to_wait() orders the other side.
 */
static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

static inline bool wq_has_sleeper(struct wait_queue_head *wq_head)
{
	/* Pairs with set_current_state() in prepare_to_wait(). */
	smp_mb();
	/* Lockless: safe after the barrier, as explained above. */
	return waitqueue_active(wq_head);
}

#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)

#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd)	\
({									\
	long __ret = ret;						\
	DEFINE_WAIT(__wq_entry);					\
									\
	for (;;) {							\
		if (exclusive)						\
			prepare_to_wait_exclusive(&wq_head, &__wq_entry, state);\
		else							\
			prepare_to_wait(&wq_head, &__wq_entry, state);	\
		if (condition)						\
			break;						\
		cmd;							\
	}								\
	finish_wait(&wq_head, &__wq_entry);				\
	__ret;								\
})

#define wait_event(wq_head, condition)					\
do {									\
	might_sleep();							\
	if (condition)							\
		break;							\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, \
			    schedule());				\
} while (0)

/*
 * umm's signals (<linux/sched.h>) are the OOM killer's SIGKILL, which its
 * victims check for themselves, and the shell's SIGINT, which only the
 * places that check signal_pending() see.  So the interruptible and
 * killable waits never return -ERESTARTSYS; they still sleep in
 * TASK_INTERRUPTIBLE, because a waker using wake_up_interruptible() only
 * wakes sleepers in that state.
 */
#define wait_event_interruptible(wq_head, condition)			\
({									\
	might_sleep();							\
	if (!(condition))						\
		(void)___wait_event(wq_head, condition,			\
				    TASK_INTERRUPTIBLE, 0, 0, schedule()); \
	0;								\
})

#define wait_event_killable(wq_head, condition) \
	wait_event_interruptible(wq_head, condition)

/*
 * Returns 0 if @timeout elapsed with @condition still false, otherwise the
 * jiffies that were left (at least 1).  __ret below is the one declared by
 * ___wait_event(): the condition turns a success at the last jiffy into 1.
 */
#define ___wait_cond_timeout(condition)					\
({									\
	bool __cond = (condition);					\
	if (__cond && !__ret)						\
		__ret = 1;						\
	__cond || !__ret;						\
})

#define __wait_event_state_timeout(wq_head, condition, state, timeout)	\
({									\
	long __ret = (timeout);						\
	might_sleep();							\
	if (!___wait_cond_timeout(condition))				\
		__ret = ___wait_event(wq_head,				\
				___wait_cond_timeout(condition),	\
				state, 0, (timeout),			\
				__ret = schedule_timeout(__ret));	\
	__ret;								\
})

#define wait_event_timeout(wq_head, condition, timeout)			\
	__wait_event_state_timeout(wq_head, condition,			\
				   TASK_UNINTERRUPTIBLE, timeout)

#define wait_event_interruptible_timeout(wq_head, condition, timeout)	\
	__wait_event_state_timeout(wq_head, condition,			\
				   TASK_INTERRUPTIBLE, timeout)

#endif /* _LINUX_WAIT_H */
