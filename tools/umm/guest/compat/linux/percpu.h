/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/guest/compat/linux/percpu.h - one CPU, for the guest agent
 *
 * The agent compiles lib/random32.c and lib/fill_pattern.c as they are,
 * against umm's include/, with this directory first: the per-cpu
 * generator of random32.c then has a single copy and no CPU numbers,
 * and nothing pulls in umm's scheduler.  The agent only uses the
 * *_state functions.
 */
#ifndef __LINUX_PERCPU_H
#define __LINUX_PERCPU_H

#define DEFINE_PER_CPU(type, name)	__typeof__(type) name
#define per_cpu_ptr(ptr, cpu)		((void)(cpu), (ptr))
#define this_cpu_ptr(ptr)		(ptr)
#define for_each_possible_cpu(cpu)	for ((cpu) = 0; (cpu) < 1; (cpu)++)

#endif /* __LINUX_PERCPU_H */
