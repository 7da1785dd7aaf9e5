/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: printk() into the log buffer and onto the console (host stderr). */
#ifndef __KERNEL_PRINTK__
#define __KERNEL_PRINTK__

#include <stdarg.h>
#include <stddef.h>
#include <linux/compiler_types.h>
#include <linux/kern_levels.h>
#include <linux/ratelimit.h>

extern int console_printk[];
#define console_loglevel	(console_printk[0])
#define default_message_loglevel (console_printk[1])

__printf(1, 2) __cold int printk(const char *fmt, ...);
__printf(1, 0) int vprintk(const char *fmt, va_list args);
void dump_stack(void);
__printf(1, 2) void console_err(const char *fmt, ...);
size_t log_buf_copy(char *buf, size_t size);

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_emerg(fmt, ...)	printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...)	printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...)	printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warning		pr_warn
#define pr_notice(fmt, ...)	printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)

#define printk_once(fmt, ...) ({			\
	static bool __print_once;			\
	bool __ret_print_once = !__print_once;		\
							\
	if (!__print_once) {				\
		__print_once = true;			\
		printk(fmt, ##__VA_ARGS__);		\
	}						\
	__ret_print_once; })
#define pr_warn_once(fmt, ...)	printk_once(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_once(fmt, ...)	printk_once(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_once(fmt, ...)	printk_once(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)

#define printk_ratelimited(fmt, ...)				\
({								\
	static DEFINE_RATELIMIT_STATE(_rs, 5 * HZ, 10);		\
								\
	if (__ratelimit(&_rs))					\
		printk(fmt, ##__VA_ARGS__);			\
})
#define pr_warn_ratelimited(fmt, ...) \
	printk_ratelimited(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_ratelimited(fmt, ...) \
	printk_ratelimited(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)

#endif /* __KERNEL_PRINTK__ */
