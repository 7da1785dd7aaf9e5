/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the kernel's basic types (int-ll64), list heads, atomic_t. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

/* Compiler-provided headers only: valid with and without -nostdinc. */
#include <stddef.h>
#include <linux/compiler_types.h>

#ifdef __KERNEL__
/*
 * As in the kernel: bool is a type, not <stdbool.h>'s macro, so that it
 * survives token pasting (module_param(x, bool, ...) -> param_ops_bool).
 */
typedef _Bool bool;
enum {
	false	= 0,
	true	= 1
};
#else
#include <stdbool.h>
#endif

typedef unsigned char		__u8;
typedef signed char		__s8;
typedef unsigned short		__u16;
typedef signed short		__s16;
typedef unsigned int		__u32;
typedef signed int		__s32;
typedef unsigned long long	__u64;
typedef signed long long	__s64;

typedef __u8	u8;
typedef __s8	s8;
typedef __u16	u16;
typedef __s16	s16;
typedef __u32	u32;
typedef __s32	s32;
typedef __u64	u64;
typedef __s64	s64;

typedef __u16 __bitwise __le16;
typedef __u32 __bitwise __le32;
typedef __u64 __bitwise __le64;
typedef __u16 __bitwise __virtio16;
typedef __u32 __bitwise __virtio32;
typedef __u64 __bitwise __virtio64;

typedef long			ssize_t;
typedef long			loff_t;	/* long long in the kernel; same width */
typedef int			pid_t;
typedef unsigned short		umode_t;
typedef unsigned long		uintptr_t;
typedef unsigned long		pgoff_t;
typedef unsigned long		phys_addr_t;
typedef s64			ktime_t;
typedef s64			time64_t;

typedef unsigned int __bitwise gfp_t;
typedef unsigned int __bitwise fmode_t;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

typedef struct {
	s64 counter;
} atomic64_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
};
#define rcu_head callback_head

#endif /* _LINUX_TYPES_H */
