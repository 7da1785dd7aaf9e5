/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: a spinlock in one bit of a word (zsmalloc's handle pin). */
#ifndef __LINUX_BIT_SPINLOCK_H
#define __LINUX_BIT_SPINLOCK_H

#include <linux/bitops.h>
#include <linux/preempt.h>
#include <asm/processor.h>

void bit_spin_lock_contended(int bitnum, unsigned long *addr);

static inline void bit_spin_lock(int bitnum, unsigned long *addr)
{
	preempt_disable();
	if (unlikely(test_and_set_bit_lock(bitnum, addr)))
		bit_spin_lock_contended(bitnum, addr);
}

static inline int bit_spin_trylock(int bitnum, unsigned long *addr)
{
	preempt_disable();
	if (unlikely(test_and_set_bit_lock(bitnum, addr))) {
		preempt_enable();
		return 0;
	}
	return 1;
}

static inline void bit_spin_unlock(int bitnum, unsigned long *addr)
{
	clear_bit_unlock(bitnum, addr);
	preempt_enable();
}

/* Non-atomic unlock: nobody else may change the word meanwhile. */
static inline void __bit_spin_unlock(int bitnum, unsigned long *addr)
{
	__clear_bit_unlock(bitnum, addr);
	preempt_enable();
}

static inline int bit_spin_is_locked(int bitnum, unsigned long *addr)
{
	return test_bit(bitnum, addr);
}

#endif /* __LINUX_BIT_SPINLOCK_H */
