/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the configuration of this build, and IS_ENABLED(). */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

/*
 * There is no Kconfig here: this is the one configuration umm is built in,
 * the part of a 4.8 x86_64 defconfig that the mm slice cares about.  An
 * option that is not defined below takes the kernel's own !CONFIG_ branch
 * in the headers (see Documentation/umm/headers.rst).
 */
#define CONFIG_64BIT			1
#define CONFIG_SMP			1
#define CONFIG_NR_CPUS			128
#define CONFIG_MMU			1
#define CONFIG_DEBUG_VM			1
#define CONFIG_PREEMPT_COUNT		1
#define CONFIG_DEBUG_ATOMIC_SLEEP	1
#define CONFIG_PROC_FS			1
#define CONFIG_DEBUG_FS			1
#define CONFIG_SYSCTL			1
#define CONFIG_MEMORY_ISOLATION		1
#define CONFIG_PRINTK			1
#define CONFIG_PRINTK_TIME		1

#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)

/* IS_ENABLED(CONFIG_FOO): 1 if CONFIG_FOO is defined to 1, else 0. */
#define IS_ENABLED(option)		__is_defined(option)

#endif /* _LINUX_KCONFIG_H */
