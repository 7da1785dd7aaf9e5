/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: the id of the CPU a task runs on; tasks are scheduled onto CPUs. */
#ifndef __LINUX_SMP_H
#define __LINUX_SMP_H

#include <linux/types.h>
#include <linux/cpumask.h>
#include <linux/preempt.h>

#define NR_CPUS		CONFIG_NR_CPUS

/*
 * A task runs kernel code only on a CPU it holds, and only one task holds
 * a CPU at a time (kernel/sched/core.c), so nothing else touches this
 * CPU's per-cpu data meanwhile.  The task can lose the CPU only when it
 * sleeps or is preempted at cond_resched(), and may then come back on
 * another one, as in the kernel: code that keeps using one CPU's data
 * across such a point holds get_cpu() (or a spinlock), and may not sleep.
 */
#define raw_smp_processor_id()	(current->cpu)
#define smp_processor_id()	raw_smp_processor_id()

#define get_cpu()		({ preempt_disable(); smp_processor_id(); })
#define put_cpu()		preempt_enable()

typedef void (*smp_call_func_t)(void *info);

/*
 * kernel/smp.c: run @func on each CPU of @mask, as an IPI would, but by
 * moving the caller there in turn; so it may sleep (see kernel/smp.c).
 */
void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t func,
		      void *info, bool wait);

#endif /* __LINUX_SMP_H */
