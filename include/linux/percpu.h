/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: per-cpu variables, laid out in per-CPU units as the kernel does. */

/*
 * The static per-cpu variables live in a section that is copied once per possible CPU at boot, and a
 * per-cpu pointer plus __per_cpu_offset[cpu] is that CPU's copy.
 */
#ifndef __LINUX_PERCPU_H
#define __LINUX_PERCPU_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/smp.h>
#include <linux/sched.h>

#define PER_CPU_SECTION		"data_percpu"

#define DECLARE_PER_CPU(type, name)	extern __typeof__(type) name
#define DEFINE_PER_CPU(type, name)	\
	__section(PER_CPU_SECTION) __typeof__(type) name

extern unsigned long __per_cpu_offset[NR_CPUS];

#define per_cpu_ptr(ptr, cpu)					\
	((__typeof__(*(ptr)) __kernel __force *)			\
	 ((unsigned long)(ptr) + __per_cpu_offset[(cpu)]))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), (cpu)))
#define this_cpu_ptr(ptr)	per_cpu_ptr((ptr), smp_processor_id())
#define raw_cpu_ptr(ptr)	this_cpu_ptr(ptr)

/* This CPU's copy, which stays this CPU's until put_cpu_ptr(). */
#define get_cpu_ptr(ptr)						\
({									\
	preempt_disable();						\
	this_cpu_ptr(ptr);						\
})
#define put_cpu_ptr(ptr)						\
do {									\
	(void)(ptr);							\
	preempt_enable();						\
} while (0)
#define get_cpu_var(var)	(*get_cpu_ptr(&(var)))
#define put_cpu_var(var)	put_cpu_ptr(&(var))

/*
 * Only the task running on a CPU writes that CPU's copy, and it cannot
 * lose the CPU in the middle of a read-modify-write (it does not sleep
 * there), so a counter update is a load and a store; other CPUs may read
 * it at any time.
 */
#define this_cpu_read(pcp)	READ_ONCE(*this_cpu_ptr(&(pcp)))
#define this_cpu_write(pcp, v)	WRITE_ONCE(*this_cpu_ptr(&(pcp)), (v))
#define this_cpu_add(pcp, v)						\
do {									\
	__typeof__(&(pcp)) __p = this_cpu_ptr(&(pcp));			\
	WRITE_ONCE(*__p, READ_ONCE(*__p) + (v));			\
} while (0)
#define this_cpu_sub(pcp, v)	this_cpu_add(pcp, -(v))
#define this_cpu_inc(pcp)	this_cpu_add(pcp, 1)
#define this_cpu_dec(pcp)	this_cpu_add(pcp, -1)
#define __this_cpu_read		this_cpu_read
#define __this_cpu_write	this_cpu_write
#define __this_cpu_add		this_cpu_add
#define __this_cpu_sub		this_cpu_sub
#define __this_cpu_inc		this_cpu_inc
#define __this_cpu_dec		this_cpu_dec
#define raw_cpu_inc		this_cpu_inc

/* mm/percpu.c */
void __percpu *__alloc_percpu(size_t size, size_t align);
void free_percpu(void __percpu *ptr);
#define alloc_percpu(type) \
	((__typeof__(type) __percpu *)__alloc_percpu(sizeof(type), \
						      __alignof__(type)))
void setup_per_cpu_areas(void);
unsigned long pcpu_nr_pages(void);

#endif /* __LINUX_PERCPU_H */
