/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: memory barriers (x86's, or C11 fences elsewhere). */
#ifndef _ASM_USER_BARRIER_H
#define _ASM_USER_BARRIER_H

#if defined(__x86_64__)
/*
 * As Linux's arch/x86: a locked instruction is a full barrier, and x86's ordering
 * (TSO) makes the read and write barriers compiler barriers.  Written as
 * instructions rather than C11 fences also because ThreadSanitizer does
 * not support fences.
 */
#define mb()	__asm__ __volatile__("lock; addl $0,-4(%%rsp)" ::: "memory", "cc")
#define rmb()	__asm__ __volatile__("" ::: "memory")
#define wmb()	__asm__ __volatile__("" ::: "memory")
#else
#define mb()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb()	__atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb()	__atomic_thread_fence(__ATOMIC_RELEASE)
#endif

#define smp_mb()	mb()
#define smp_rmb()	rmb()
#define smp_wmb()	wmb()
#define smp_mb__before_atomic()	smp_mb()
#define smp_mb__after_atomic()	smp_mb()

#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_store_mb(var, value) \
	__atomic_store_n(&(var), (value), __ATOMIC_SEQ_CST)

#endif /* _ASM_USER_BARRIER_H */
