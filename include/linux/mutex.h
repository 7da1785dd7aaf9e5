/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: struct mutex, a sleeping lock on a host futex, with its owner. */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include <linux/kernel.h>
#include <linux/spinlock.h>

/*
 * The lock word of a spinlock (0 free, 1 held, 2 held with sleepers), but
 * a mutex sleeps: its holder may sleep too, and a waiter gives up its CPU
 * while it waits (kernel/locking/spinlock.c).
 */
struct mutex {
	u32 val;
	struct task_struct *owner;
};

/* kernel/locking/spinlock.c */
void __mutex_lock_slowpath(struct mutex *lock);

#define __MUTEX_INITIALIZER(name)	{ .val = 0, .owner = NULL }
#define DEFINE_MUTEX(name)	struct mutex name = __MUTEX_INITIALIZER(name)

static inline void mutex_init(struct mutex *lock)
{
	lock->val = 0;
	lock->owner = NULL;
}

static inline void mutex_lock(struct mutex *lock)
{
	might_sleep();
	if (unlikely(!__lock_trylock(&lock->val)))
		__mutex_lock_slowpath(lock);
	WRITE_ONCE(lock->owner, current);
}

static inline int mutex_trylock(struct mutex *lock)
{
	if (!__lock_trylock(&lock->val))
		return 0;
	WRITE_ONCE(lock->owner, current);
	return 1;
}

static inline void mutex_unlock(struct mutex *lock)
{
	WARN_ON(READ_ONCE(lock->owner) != current);
	WRITE_ONCE(lock->owner, NULL);
	__lock_unlock(&lock->val);
}

static inline bool mutex_is_locked(struct mutex *lock)
{
	return READ_ONCE(lock->val) != 0;
}

#define mutex_lock_nested(l, s)	mutex_lock(l)

#endif /* __LINUX_MUTEX_H */
