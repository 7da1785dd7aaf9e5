/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: initcall levels and boot-time command line hooks. */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

/* Boot code is not discarded here; the markers stay for the reader. */
#define __init
#define __initdata
#define __exit
#define __meminit
#define __ref

typedef int (*initcall_t)(void);

/*
 * Initcalls run in level order after the core (mm, scheduler, pseudo
 * filesystems) is up, from kernel_init(); each level is a linker section
 * whose bounds the linker provides as __start_<name>/__stop_<name>.
 */
#define __define_initcall(fn, id)					\
	static initcall_t __initcall_##fn##id __used			\
	__section("initcall" #id) = fn

#define core_initcall(fn)		__define_initcall(fn, 1)
#define postcore_initcall(fn)		__define_initcall(fn, 2)
#define arch_initcall(fn)		__define_initcall(fn, 3)
#define subsys_initcall(fn)		__define_initcall(fn, 4)
#define fs_initcall(fn)			__define_initcall(fn, 5)
#define device_initcall(fn)		__define_initcall(fn, 6)
#define late_initcall(fn)		__define_initcall(fn, 7)
#define module_init(fn)			device_initcall(fn)
#define module_exit(fn)

/*
 * early_param("mem", fn) and __setup("foo=", fn): fn gets the text after
 * '=' (or "" for a bare word) and returns 0, or a negative errno for a
 * value it cannot take, which stops the boot with a message naming it.
 */
struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *val);
	int early;
};

#define __setup_param(str, unique_id, fn, early)			\
	static const char __setup_str_##unique_id[] = str;		\
	static const struct obs_kernel_param __setup_##unique_id	\
		__used __section("init_setup") __aligned(sizeof(long))	\
		= { __setup_str_##unique_id, fn, early }

#define __setup(str, fn)	__setup_param(str, fn, fn, 0)
#define early_param(str, fn)	__setup_param(str, fn, fn, 1)

int do_initcalls(void);

/* arch/user/kernel/setup.c: map RAM, fill in the zones' end pfns. */
int setup_arch(unsigned long *max_zone_pfn);

#endif /* _LINUX_INIT_H */
