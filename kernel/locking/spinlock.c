// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/locking/spinlock.c - contended paths of spinlock_t, rwlock_t,
 * struct mutex, struct rw_semaphore and bit spinlocks
 *
 * On real hardware a spinlock holder runs until it unlocks.  Here the
 * host may deschedule it at any time, so a waiter spins for a short while
 * (the common, short critical section) and then sleeps in the host on the
 * lock word (the futex protocol of "Futexes are tricky": 0 free, 1 locked,
 * 2 locked with possible sleepers).  A mutex uses the same word, and a
 * read-write semaphore the word of rwlock_t.
 *
 * Spinning and sleeping locks differ in what the waiter does with its CPU
 * (kernel/sched/core.c).  A spinlock's waiter keeps it, even asleep in the
 * host, as a spinning CPU would: the holder may not sleep, so it is
 * running on a CPU of its own and will unlock.  A mutex's or semaphore's
 * holder may sleep, and may need a CPU to get to its unlock, so their
 * waiters give up their CPU before sleeping in the host
 * (sched_host_block()) and wait for one again after.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/bit_spinlock.h>
#include <asm/processor.h>
#include <asm/host_ops.h>

#define SPIN_BEFORE_SLEEP	200

void __lock_slowpath(u32 *val)
{
	int spins;
	u32 c;

	for (spins = 0; spins < SPIN_BEFORE_SLEEP; spins++) {
		cpu_relax();
		if (__atomic_load_n(val, __ATOMIC_RELAXED) == 0 &&
		    __lock_trylock(val))
			return;
	}
	/* Announce a sleeper (2); whoever unlocks then wakes one. */
	c = __atomic_exchange_n(val, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		host_ops.futex_wait(val, 2, -1);
		c = __atomic_exchange_n(val, 2, __ATOMIC_ACQUIRE);
	}
}

void __lock_wake(u32 *val)
{
	host_ops.futex_wake(val, 1);
}

/* As __lock_slowpath(), but the sleeps are off-CPU. */
void __mutex_lock_slowpath(struct mutex *lock)
{
	u32 *val = &lock->val;
	int spins;
	u32 c;

	/* The holder may be about to unlock: the kernel's optimistic spin. */
	for (spins = 0; spins < SPIN_BEFORE_SLEEP; spins++) {
		cpu_relax();
		if (__atomic_load_n(val, __ATOMIC_RELAXED) == 0 &&
		    __lock_trylock(val))
			return;
	}
	c = __atomic_exchange_n(val, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		sched_host_block();
		host_ops.futex_wait(val, 2, -1);
		sched_host_unblock();
		c = __atomic_exchange_n(val, 2, __ATOMIC_ACQUIRE);
	}
}

static bool rw_can_read(u32 c)
{
	return !(c & RW_WRITER);
}

static bool rw_can_write(u32 c)
{
	return !(c & (RW_WRITER | RW_READERS));
}

/*
 * Readers and writers both sleep on ->cnt after setting RW_WAITERS; every
 * unlock that finds RW_WAITERS wakes them all and they race again.
 * Simple rather than fair: the per-zspage migrate lock of zsmalloc and
 * the semaphores (mmap_sem) are rarely contended.
 */
static void rw_wait(rwlock_t *lock, bool (*can)(u32), bool off_cpu)
{
	int spins = 0;

	for (;;) {
		u32 c = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);
		u32 n;

		if (can(c)) {
			n = (can == rw_can_read) ? c + 1 : (c | RW_WRITER);
			if (__atomic_compare_exchange_n(&lock->cnt, &c, n, false,
							__ATOMIC_ACQUIRE,
							__ATOMIC_RELAXED))
				return;
			continue;
		}
		if (spins++ < SPIN_BEFORE_SLEEP) {
			cpu_relax();
			continue;
		}
		if (!(c & RW_WAITERS) &&
		    !__atomic_compare_exchange_n(&lock->cnt, &c, c | RW_WAITERS,
						 false, __ATOMIC_RELAXED,
						 __ATOMIC_RELAXED))
			continue;
		if (off_cpu)
			sched_host_block();
		host_ops.futex_wait(&lock->cnt, c | RW_WAITERS, -1);
		if (off_cpu)
			sched_host_unblock();
	}
}

void __read_lock_slowpath(rwlock_t *lock)
{
	rw_wait(lock, rw_can_read, false);
}

void __write_lock_slowpath(rwlock_t *lock)
{
	rw_wait(lock, rw_can_write, false);
}

void __down_read_slowpath(struct rw_semaphore *sem)
{
	rw_wait(&sem->lock, rw_can_read, true);
}

void __down_write_slowpath(struct rw_semaphore *sem)
{
	rw_wait(&sem->lock, rw_can_write, true);
}

void __rwlock_wake(rwlock_t *lock)
{
	__atomic_fetch_and(&lock->cnt, ~RW_WAITERS, __ATOMIC_RELAXED);
	host_ops.futex_wake(&lock->cnt, INT_MAX);
}

void bit_spin_lock_contended(int bitnum, unsigned long *addr)
{
	int spins = 0;

	do {
		while (test_bit(bitnum, addr)) {
			if (++spins % SPIN_BEFORE_SLEEP == 0)
				host_ops.yield();
			else
				cpu_relax();
		}
	} while (test_and_set_bit_lock(bitnum, addr));
}
