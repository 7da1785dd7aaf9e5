/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: read-write semaphores (sleeping reader-writer locks). */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/spinlock.h>
#include <linux/kernel.h>

/*
 * The same lock word as rwlock_t, but a semaphore sleeps: holding one is
 * not atomic context, and a waiter that cannot have it gives up its CPU
 * until it is released (kernel/locking/spinlock.c).  The owner is the
 * writer.
 */
struct rw_semaphore {
	rwlock_t lock;
};

#define __RWSEM_INITIALIZER(name)	{ .lock = __RW_LOCK_UNLOCKED(name.lock) }
#define DECLARE_RWSEM(name)	struct rw_semaphore name = __RWSEM_INITIALIZER(name)

static inline void init_rwsem(struct rw_semaphore *sem)
{
	rwlock_init(&sem->lock);
}

/* kernel/locking/spinlock.c */
void __down_read_slowpath(struct rw_semaphore *sem);
void __down_write_slowpath(struct rw_semaphore *sem);

static inline void down_read(struct rw_semaphore *sem)
{
	might_sleep();
	if (unlikely(!__rw_read_trylock(&sem->lock)))
		__down_read_slowpath(sem);
}

static inline void up_read(struct rw_semaphore *sem)
{
	__rw_read_unlock(&sem->lock);
}

static inline void down_write(struct rw_semaphore *sem)
{
	might_sleep();
	if (unlikely(!__rw_write_trylock(&sem->lock)))
		__down_write_slowpath(sem);
	WRITE_ONCE(sem->lock.owner, current);
}

static inline int down_write_trylock(struct rw_semaphore *sem)
{
	if (!__rw_write_trylock(&sem->lock))
		return 0;
	WRITE_ONCE(sem->lock.owner, current);
	return 1;
}

static inline void up_write(struct rw_semaphore *sem)
{
	__rw_write_unlock(&sem->lock);
}

static inline int down_read_trylock(struct rw_semaphore *sem)
{
	return __rw_read_trylock(&sem->lock);
}

static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return READ_ONCE(sem->lock.cnt) != 0;
}

#endif /* _LINUX_RWSEM_H */
