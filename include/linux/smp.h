/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: virtual CPUs: each task runs on a CPU id of its own. */
#ifndef __LINUX_SMP_H
#define __LINUX_SMP_H

#include <linux/types.h>
#include <linux/cpumask.h>

#define NR_CPUS		CONFIG_NR_CPUS

/*
 * Every task owns its virtual CPU for its lifetime, so per-cpu data needs
 * no preemption control: nothing else runs on that CPU.  Other CPUs'
 * per-cpu data is only read (counters) or taken under its lock (the page
 * allocator's per-cpu lists).
 */
#define smp_processor_id()	(current->cpu)
#define raw_smp_processor_id()	(current->cpu)
#define get_cpu()		smp_processor_id()
#define put_cpu()		do { } while (0)

#endif /* __LINUX_SMP_H */
