/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: sparse annotations and the attribute shorthands of the kernel. */
/* newer: 4.15's split of compiler.h; fallthrough is 5.4's. */
#ifndef __LINUX_COMPILER_TYPES_H
#define __LINUX_COMPILER_TYPES_H

#ifdef __CHECKER__
# define __user		__attribute__((noderef, address_space(__user)))
# define __kernel	__attribute__((address_space(0)))
# define __iomem	__attribute__((noderef, address_space(__iomem)))
# define __percpu	__attribute__((noderef, address_space(__percpu)))
# define __rcu		__attribute__((noderef, address_space(__rcu)))
# define __force	__attribute__((force))
# define __bitwise	__attribute__((bitwise))
# define __must_hold(x)	__attribute__((context(x, 1, 1)))
# define __acquires(x)	__attribute__((context(x, 0, 1)))
# define __releases(x)	__attribute__((context(x, 1, 0)))
# define __acquire(x)	__context__(x, 1)
# define __release(x)	__context__(x, -1)
# define __cond_lock(x, c)	((c) ? ({ __acquire(x); 1; }) : 0)
#else
# define __user
# define __kernel
# define __iomem
# define __percpu
# define __rcu
# define __force
# define __bitwise
# define __must_hold(x)
# define __acquires(x)
# define __releases(x)
# define __acquire(x)	((void)0)
# define __release(x)	((void)0)
# define __cond_lock(x, c)	(c)
#endif

/* glibc's <sys/cdefs.h> has some of these too; tests see both. */
#ifndef __always_inline
# define __always_inline	inline __attribute__((__always_inline__))
#endif
#ifndef __attribute_const__
# define __attribute_const__	__attribute__((__const__))
#endif
#define noinline		__attribute__((__noinline__))
#define __noreturn		__attribute__((__noreturn__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __scanf(a, b)		__attribute__((__format__(scanf, a, b)))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __used			__attribute__((__used__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __packed		__attribute__((__packed__))
#define __weak			__attribute__((__weak__))
#define __cold			__attribute__((__cold__))
#define __section(s)		__attribute__((__section__(s)))
#define __pure			__attribute__((__pure__))
#define __malloc		__attribute__((__malloc__))
#define __fallthrough		__attribute__((__fallthrough__))
#ifndef fallthrough
# define fallthrough		__attribute__((__fallthrough__))
#endif

#endif /* __LINUX_COMPILER_TYPES_H */
