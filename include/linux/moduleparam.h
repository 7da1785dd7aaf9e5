/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: module_param(); built-in modules take "module.param=value". */
#ifndef _LINUX_MODULE_PARAMS_H
#define _LINUX_MODULE_PARAMS_H

#include <linux/init.h>
#include <linux/stringify.h>
#include <linux/kernel.h>

#ifndef MODULE_PARAM_PREFIX
#ifdef KBUILD_MODNAME
#define MODULE_PARAM_PREFIX KBUILD_MODNAME "."
#else
#define MODULE_PARAM_PREFIX ""
#endif
#endif

struct kernel_param;

struct kernel_param_ops {
	/* Returns 0, or -EINVAL (and leaves the value alone) on bad input. */
	int (*set)(const char *val, const struct kernel_param *kp);
	/* Writes the value and a newline into buffer; returns its length. */
	int (*get)(char *buffer, const struct kernel_param *kp);
};

struct kernel_param {
	const char *name;
	const struct kernel_param_ops *ops;
	u16 perm;
	void *arg;
};

extern const struct kernel_param_ops param_ops_int;
extern const struct kernel_param_ops param_ops_uint;
extern const struct kernel_param_ops param_ops_long;
extern const struct kernel_param_ops param_ops_ulong;
extern const struct kernel_param_ops param_ops_ullong;
extern const struct kernel_param_ops param_ops_bool;

#define param_check_int(name, p)	__param_check(name, p, int)
#define param_check_uint(name, p)	__param_check(name, p, unsigned int)
#define param_check_long(name, p)	__param_check(name, p, long)
#define param_check_ulong(name, p)	__param_check(name, p, unsigned long)
#define param_check_ullong(name, p)	__param_check(name, p, unsigned long long)
#define param_check_bool(name, p)	__param_check(name, p, bool)
#define __param_check(name, p, type) \
	static inline type __always_unused *__check_##name(void) { return (p); }

#define module_param_cb(name, ops, arg, perm)				\
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm)

#define __module_param_call(prefix, name, ops, arg, perm)		\
	static const char __param_str_##name[] = prefix #name;		\
	static const struct kernel_param __param_##name			\
	__used __section("__param") __aligned(sizeof(void *))		\
	= { __param_str_##name, ops, perm, arg }

#define module_param_named(name, value, type, perm)			\
	param_check_##type(name, &(value));				\
	module_param_cb(name, &param_ops_##type, &value, perm)

#define module_param(name, type, perm)	module_param_named(name, name, type, perm)

#define MODULE_PARM_DESC(_parm, desc)

/* kernel/params.c */
int parse_args(const char *doing, int argc, char **argv);
const struct kernel_param *find_kernel_param(const char *name);
void param_set_reason(const char *reason);
int param_parse_bool(const char *val, bool *res);

#endif /* _LINUX_MODULE_PARAMS_H */
