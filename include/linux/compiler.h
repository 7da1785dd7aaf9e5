/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: likely(), barrier(), READ_ONCE()/WRITE_ONCE(). */
#ifndef __LINUX_COMPILER_H
#define __LINUX_COMPILER_H

#include <linux/compiler_types.h>

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define barrier()	__asm__ __volatile__("" : : : "memory")

/*
 * READ_ONCE()/WRITE_ONCE() are relaxed atomic accesses here rather than
 * volatile ones: the code is the same (a plain load or store on x86), and
 * ThreadSanitizer then knows that the racy access is deliberate, as a
 * kernel reader knows it from the macro's name.
 */
#ifdef __CHECKER__
#define READ_ONCE(x)	(*(volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)	((*(volatile __typeof__(x) *)&(x)) = (val))
#else
#define READ_ONCE(x)	__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, val)						\
do {									\
	__typeof__(x) __wo_val = (val);					\
	__atomic_store_n(&(x), __wo_val, __ATOMIC_RELAXED);		\
} while (0)
#endif

#define __same_type(a, b)	__builtin_types_compatible_p(__typeof__(a), __typeof__(b))

/* Prevent the compiler from merging or refetching accesses: an alias. */
#define ACCESS_ONCE(x)		(*(volatile __typeof__(x) *)&(x))

#define OPTIMIZER_HIDE_VAR(var)	__asm__ ("" : "=r" (var) : "0" (var))

#endif /* __LINUX_COMPILER_H */
