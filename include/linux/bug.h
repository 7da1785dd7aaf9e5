/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: BUG(), WARN() and compile-time assertions; taint on warning. */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

#define TAINT_BAD_PAGE	5
#define TAINT_DIE	7
#define TAINT_WARN	9

void add_taint(unsigned int flag);
unsigned long get_taint(void);

void __bug(const char *file, int line) __noreturn __cold;
__printf(4, 5) void __warn_printk(const char *file, int line, const char *func,
				  const char *fmt, ...) __cold;

#define BUG()		__bug(__FILE__, __LINE__)
#define BUG_ON(cond)	do { if (unlikely(cond)) BUG(); } while (0)

#define __WARN()	__warn_printk(__FILE__, __LINE__, __func__, NULL)

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN();						\
	unlikely(__ret_warn_on);					\
})

#define WARN(condition, format...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__warn_printk(__FILE__, __LINE__, __func__, format);	\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON_ONCE(condition) ({					\
	static bool __warned;						\
	int __ret_warn_once = !!(condition);				\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__WARN();						\
	}								\
	unlikely(__ret_warn_once);					\
})

#define WARN_ONCE(condition, format...) ({				\
	static bool __warned;						\
	int __ret_warn_once = !!(condition);				\
	if (unlikely(__ret_warn_once && !__warned)) {			\
		__warned = true;					\
		__warn_printk(__FILE__, __LINE__, __func__, format);	\
	}								\
	unlikely(__ret_warn_once);					\
})

#define BUILD_BUG_ON_MSG(cond, msg)	_Static_assert(!(cond), msg)
#define BUILD_BUG_ON(cond)	BUILD_BUG_ON_MSG(cond, "BUILD_BUG_ON failed: " #cond)
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int:(-!!(e)); })))

#endif /* _LINUX_BUG_H */
