/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the preemption count (CONFIG_PREEMPT_COUNT, without CONFIG_PREEMPT). */

/*
 * A task keeps its CPU until it sleeps or reaches a preemption point
 * (cond_resched()): the kernel is not preemptible, as a 4.8 kernel built
 * with CONFIG_PREEMPT_NONE.  The count is kept all the same, as
 * CONFIG_DEBUG_ATOMIC_SLEEP keeps it: spin_lock(), get_cpu() and
 * bit_spin_lock() raise it, and sleeping with it raised is a bug
 * ("scheduling while atomic", kernel/sched/core.c).  That is what makes
 * per-cpu data safe: while the count is up the task cannot lose its CPU,
 * so nothing else runs there, and it cannot come back on another one.
 *
 * Each task is one host thread for all its life, so the count is a
 * thread-local variable (x86 keeps it per CPU and switches it with the
 * task, which comes to the same).
 */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

#include <linux/compiler.h>

extern __thread int __preempt_count;

static __always_inline int preempt_count(void)
{
	return __preempt_count;
}

#define preempt_count_add(val)	(__preempt_count += (val))
#define preempt_count_sub(val)	(__preempt_count -= (val))
#define preempt_count_inc()	preempt_count_add(1)
#define preempt_count_dec()	preempt_count_sub(1)

#define preempt_disable()			\
do {						\
	preempt_count_inc();			\
	barrier();				\
} while (0)

/* No kernel preemption: leaving the section is not a preemption point. */
#define preempt_enable()			\
do {						\
	barrier();				\
	preempt_count_dec();			\
} while (0)

#define preempt_enable_no_resched()	preempt_enable()

#define in_atomic()		(preempt_count() != 0)
#define in_interrupt()		0
#define in_task()		1

#endif /* __LINUX_PREEMPT_H */
