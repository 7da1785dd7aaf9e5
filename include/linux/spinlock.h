/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: spinlock_t and rwlock_t on host futexes, with owner tracking. */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/spinlock_types.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/lockdep.h>
#include <asm/current.h>
#include <asm/barrier.h>

/* kernel/locking/spinlock.c */
void __lock_slowpath(u32 *val);
void __lock_wake(u32 *val);
void __read_lock_slowpath(rwlock_t *lock);
void __write_lock_slowpath(rwlock_t *lock);
void __rwlock_wake(rwlock_t *lock);

static inline void spin_lock_init(spinlock_t *lock)
{
	lock->val = 0;
	lock->owner = NULL;
}

static inline bool __lock_trylock(u32 *val)
{
	u32 zero = 0;

	return __atomic_compare_exchange_n(val, &zero, 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void __lock_unlock(u32 *val)
{
	if (unlikely(__atomic_exchange_n(val, 0, __ATOMIC_RELEASE) == 2))
		__lock_wake(val);
}

/*
 * As in the kernel, holding a spinlock or rwlock_t is atomic context: the
 * preemption count is raised (<linux/preempt.h>), and the holder must not
 * sleep.  That is also what lets a waiter spin, and sleep in the host
 * without giving up its CPU: the holder is running on a CPU of its own.
 */
static inline void spin_lock(spinlock_t *lock) __acquires(lock)
{
	preempt_disable();
	if (unlikely(!__lock_trylock(&lock->val)))
		__lock_slowpath(&lock->val);
	WRITE_ONCE(lock->owner, current);
	__acquire(lock);
}

static inline int spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (!__lock_trylock(&lock->val)) {
		preempt_enable();
		return 0;
	}
	WRITE_ONCE(lock->owner, current);
	__acquire(lock);
	return 1;
}

static inline void spin_unlock(spinlock_t *lock) __releases(lock)
{
	WRITE_ONCE(lock->owner, NULL);
	__release(lock);
	__lock_unlock(&lock->val);
	preempt_enable();
}

static inline int spin_is_locked(spinlock_t *lock)
{
	return READ_ONCE(lock->val) != 0;
}

/* No interrupts: the _irq/_bh variants are the plain ones. */
#define spin_lock_irq(l)		spin_lock(l)
#define spin_unlock_irq(l)		spin_unlock(l)
#define spin_lock_bh(l)			spin_lock(l)
#define spin_unlock_bh(l)		spin_unlock(l)
#define spin_lock_irqsave(l, flags)	\
	do { local_irq_save(flags); spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) \
	do { spin_unlock(l); local_irq_restore(flags); } while (0)
#define spin_trylock_irqsave(l, flags)	\
	({ local_irq_save(flags); spin_trylock(l); })

#define RW_WRITER	0x80000000U
#define RW_WAITERS	0x40000000U
#define RW_READERS	0x3fffffffU

static inline void rwlock_init(rwlock_t *lock)
{
	lock->cnt = 0;
	lock->owner = NULL;
}

/*
 * The lock word operations, shared with struct rw_semaphore, which uses
 * the same word but sleeps instead of spinning (<linux/rwsem.h>).
 */
static inline bool __rw_read_trylock(rwlock_t *lock)
{
	u32 c = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

	return !(c & (RW_WRITER | RW_WAITERS)) &&
	       __atomic_compare_exchange_n(&lock->cnt, &c, c + 1, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void __rw_read_unlock(rwlock_t *lock)
{
	u32 c = __atomic_sub_fetch(&lock->cnt, 1, __ATOMIC_RELEASE);

	if (unlikely((c & RW_WAITERS) && !(c & RW_READERS)))
		__rwlock_wake(lock);
}

static inline bool __rw_write_trylock(rwlock_t *lock)
{
	u32 zero = 0;

	return __atomic_compare_exchange_n(&lock->cnt, &zero, RW_WRITER, false,
					   __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static inline void __rw_write_unlock(rwlock_t *lock)
{
	WRITE_ONCE(lock->owner, NULL);
	if (unlikely(__atomic_exchange_n(&lock->cnt, 0, __ATOMIC_RELEASE) &
		     RW_WAITERS))
		__rwlock_wake(lock);
}

static inline void read_lock(rwlock_t *lock) __acquires(lock)
{
	preempt_disable();
	if (unlikely(!__rw_read_trylock(lock)))
		__read_lock_slowpath(lock);
	__acquire(lock);
}

static inline void read_unlock(rwlock_t *lock) __releases(lock)
{
	__release(lock);
	__rw_read_unlock(lock);
	preempt_enable();
}

static inline void write_lock(rwlock_t *lock) __acquires(lock)
{
	preempt_disable();
	if (unlikely(!__rw_write_trylock(lock)))
		__write_lock_slowpath(lock);
	WRITE_ONCE(lock->owner, current);
	__acquire(lock);
}

static inline int write_trylock(rwlock_t *lock)
{
	preempt_disable();
	if (!__rw_write_trylock(lock)) {
		preempt_enable();
		return 0;
	}
	WRITE_ONCE(lock->owner, current);
	__acquire(lock);
	return 1;
}

static inline void write_unlock(rwlock_t *lock) __releases(lock)
{
	__release(lock);
	__rw_write_unlock(lock);
	preempt_enable();
}

#define read_lock_irqsave(l, f)		do { (f) = 0; read_lock(l); } while (0)
#define read_unlock_irqrestore(l, f)	read_unlock(l)
#define write_lock_irqsave(l, f)	do { (f) = 0; write_lock(l); } while (0)
#define write_unlock_irqrestore(l, f)	write_unlock(l)

#endif /* __LINUX_SPINLOCK_H */
