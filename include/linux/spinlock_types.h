/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: the lock word layouts of spinlock_t and rwlock_t. */
#ifndef __LINUX_SPINLOCK_TYPES_H
#define __LINUX_SPINLOCK_TYPES_H

#include <linux/types.h>

struct task_struct;

/*
 * A spinlock is a futex word (0 free, 1 held, 2 held with sleepers) and
 * its owner.  Holders never sleep, so waiters spin briefly; they go to
 * sleep in the host only when the holder was descheduled by the host,
 * which a real CPU never is.  The owner makes lockdep_assert_held() real.
 */
typedef struct spinlock {
	u32 val;
	struct task_struct *owner;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name)	{ .val = 0, .owner = NULL }
#define DEFINE_SPINLOCK(x)	spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

/*
 * rwlock_t: bit 31 writer, bit 30 "someone sleeps", bits 0-29 readers.
 */
typedef struct {
	u32 cnt;
	struct task_struct *owner;	/* the writer */
} rwlock_t;

#define __RW_LOCK_UNLOCKED(name)	{ .cnt = 0, .owner = NULL }
#define DEFINE_RWLOCK(x)	rwlock_t x = __RW_LOCK_UNLOCKED(x)

#endif /* __LINUX_SPINLOCK_TYPES_H */
