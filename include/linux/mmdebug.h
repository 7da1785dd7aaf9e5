/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: VM_BUG_ON() and friends; CONFIG_DEBUG_VM is always on. */
#ifndef LINUX_MM_DEBUG_H
#define LINUX_MM_DEBUG_H 1

#include <linux/bug.h>
#include <linux/stringify.h>

struct page;

/* mm/debug.c */
void dump_page(struct page *page, const char *reason);
void __dump_page(struct page *page, const char *reason);
bool dump_page_containing(const void *addr, const char *reason);

#define VM_BUG_ON(cond)		BUG_ON(cond)
#define VM_BUG_ON_PAGE(cond, page)					\
	do {								\
		if (unlikely(cond)) {					\
			dump_page(page, "VM_BUG_ON_PAGE(" __stringify(cond)")");\
			BUG();						\
		}							\
	} while (0)
#define VM_WARN_ON(cond)	(void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond)	(void)WARN_ON_ONCE(cond)
#define VM_WARN_ONCE(cond, format...) (void)WARN_ONCE(cond, format)
#define VM_WARN(cond, format...) (void)WARN(cond, format)

#endif
