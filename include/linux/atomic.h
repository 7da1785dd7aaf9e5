/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: atomic_t, atomic_long_t, atomic64_t with the kernel's ordering. */
/* newer: atomic_try_cmpxchg() is a later kernel's (2017). */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <asm/cmpxchg.h>

/*
 * As in Linux's Documentation/atomic_t.txt: operations that return nothing are
 * relaxed; operations that return a value are fully ordered; read and set
 * are plain single accesses.
 */
#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC_LONG_INIT(i)	{ (i) }
#define ATOMIC64_INIT(i)	{ (i) }

#define __ATOMIC_OPS(pfx, atype, ctype)					\
static inline ctype pfx##_read(const atype *v)				\
{									\
	return READ_ONCE(v->counter);					\
}									\
static inline void pfx##_set(atype *v, ctype i)				\
{									\
	WRITE_ONCE(v->counter, i);					\
}									\
static inline void pfx##_set_release(atype *v, ctype i)			\
{									\
	__atomic_store_n(&v->counter, i, __ATOMIC_RELEASE);		\
}									\
static inline void pfx##_add(ctype i, atype *v)				\
{									\
	__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_sub(ctype i, atype *v)				\
{									\
	__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_inc(atype *v)					\
{									\
	__atomic_fetch_add(&v->counter, 1, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_dec(atype *v)					\
{									\
	__atomic_fetch_sub(&v->counter, 1, __ATOMIC_RELAXED);		\
}									\
static inline ctype pfx##_add_return(ctype i, atype *v)			\
{									\
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline ctype pfx##_sub_return(ctype i, atype *v)			\
{									\
	return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline ctype pfx##_fetch_add(ctype i, atype *v)			\
{									\
	return __atomic_fetch_add(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline ctype pfx##_inc_return(atype *v)				\
{									\
	return pfx##_add_return(1, v);					\
}									\
static inline ctype pfx##_dec_return(atype *v)				\
{									\
	return pfx##_sub_return(1, v);					\
}									\
static inline bool pfx##_dec_and_test(atype *v)				\
{									\
	return pfx##_sub_return(1, v) == 0;				\
}									\
static inline bool pfx##_inc_and_test(atype *v)				\
{									\
	return pfx##_add_return(1, v) == 0;				\
}									\
static inline bool pfx##_sub_and_test(ctype i, atype *v)		\
{									\
	return pfx##_sub_return(i, v) == 0;				\
}									\
static inline bool pfx##_add_negative(ctype i, atype *v)		\
{									\
	return pfx##_add_return(i, v) < 0;				\
}									\
static inline ctype pfx##_xchg(atype *v, ctype n)			\
{									\
	return __atomic_exchange_n(&v->counter, n, __ATOMIC_SEQ_CST);	\
}									\
static inline ctype pfx##_cmpxchg(atype *v, ctype old, ctype n)		\
{									\
	__atomic_compare_exchange_n(&v->counter, &old, n, false,	\
				    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);\
	return old;							\
}									\
static inline bool pfx##_try_cmpxchg(atype *v, ctype *old, ctype n)	\
{									\
	return __atomic_compare_exchange_n(&v->counter, old, n, false,	\
				    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);\
}									\
/* Add @a unless the value is @u; true if it added. */			\
static inline bool pfx##_add_unless(atype *v, ctype a, ctype u)	\
{									\
	ctype c = pfx##_read(v);					\
									\
	do {								\
		if (c == u)						\
			return false;					\
	} while (!pfx##_try_cmpxchg(v, &c, c + a));			\
	return true;							\
}									\
static inline bool pfx##_inc_not_zero(atype *v)				\
{									\
	return pfx##_add_unless(v, 1, 0);				\
}

__ATOMIC_OPS(atomic, atomic_t, int)
__ATOMIC_OPS(atomic_long, atomic_long_t, long)
__ATOMIC_OPS(atomic64, atomic64_t, s64)

#undef __ATOMIC_OPS

#endif /* _LINUX_ATOMIC_H */
