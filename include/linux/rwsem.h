/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: read-write semaphores (sleeping reader-writer locks). */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/spinlock.h>
#include <linux/kernel.h>

/*
 * The same lock word as rwlock_t: waiters spin briefly and then sleep in
 * the host, which is what a semaphore does.  The owner is the writer.
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

static inline void down_read(struct rw_semaphore *sem)
{
	might_sleep();
	read_lock(&sem->lock);
}

static inline void up_read(struct rw_semaphore *sem)
{
	read_unlock(&sem->lock);
}

static inline void down_write(struct rw_semaphore *sem)
{
	might_sleep();
	write_lock(&sem->lock);
}

static inline int down_write_trylock(struct rw_semaphore *sem)
{
	return write_trylock(&sem->lock);
}

static inline void up_write(struct rw_semaphore *sem)
{
	write_unlock(&sem->lock);
}

static inline int down_read_trylock(struct rw_semaphore *sem)
{
	u32 c = __atomic_load_n(&sem->lock.cnt, __ATOMIC_RELAXED);

	if (c & (RW_WRITER | RW_WAITERS))
		return 0;
	return __atomic_compare_exchange_n(&sem->lock.cnt, &c, c + 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return READ_ONCE(sem->lock.cnt) != 0;
}

#endif /* _LINUX_RWSEM_H */
