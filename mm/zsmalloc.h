/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm/zsmalloc.h - struct zspage, for mm/zsmalloc.c and its white-box tests
 *
 * page->private of every page of a zspage points to its struct zspage.
 * Nobody outside mm/zsmalloc.c has any business with it, but the tests
 * (tools/testing/umm/test_zsmalloc*.c) look inside, and they must see the
 * structure the code has, not a copy that may drift away from it.
 */
#ifndef __MM_ZSMALLOC_H
#define __MM_ZSMALLOC_H

#include <linux/list.h>
#include <linux/mm_types.h>
#include <linux/spinlock.h>

enum fullness_group {
	ZS_EMPTY,
	ZS_ALMOST_EMPTY,
	ZS_ALMOST_FULL,
	ZS_FULL,
	NR_ZS_FULLNESS,
};

/* The class index lives in CLASS_BITS of zspage->flags. */
#define CLASS_BITS		8

/*
 * zspage->flags: fullness group, class index, number of isolated pages
 * and a magic number, in one word so that the lockless readers of the
 * class index can use READ_ONCE().
 */
#define FULLNESS_SHIFT		0
#define FULLNESS_BITS		2
#define CLASS_SHIFT		(FULLNESS_SHIFT + FULLNESS_BITS)
#define ISOLATED_SHIFT		(CLASS_SHIFT + CLASS_BITS)
#define ISOLATED_BITS		3	/* up to ZS_MAX_PAGES_PER_ZSPAGE */
#define MAGIC_SHIFT		(ISOLATED_SHIFT + ISOLATED_BITS)
#define MAGIC_BITS		8
#define ZSPAGE_MAGIC		0x58

#define ZS_FIELD(flags, f) \
	(((flags) >> f##_SHIFT) & ((1U << f##_BITS) - 1))

struct zspage {
	unsigned int flags;
	unsigned int inuse;		/* live objects, under class->lock */
	unsigned int freeobj;		/* first free object, or beyond */
	struct page *first_page;
	struct list_head list;		/* on a fullness list of the class */
	rwlock_t lock;			/* the migrate lock, see mm/zsmalloc.c */
};

/* mm/zsmalloc_torture.c: how movetorture allocates and frees objects. */
struct page_kind_torture;
extern const struct page_kind_torture zs_torture;

#endif /* __MM_ZSMALLOC_H */
