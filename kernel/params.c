// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/params.c - the boot command line
 *
 * Every argument of the form name=value (or a bare name) is a boot
 * parameter: first the early_param()/__setup() hooks, then the
 * module_param()s of built-in code, named "module.param".  An argument
 * that matches nothing, or a value a parameter cannot take, stops the boot
 * with one line naming it (exit status 2): umm has no init process to pass
 * leftovers to, and a typo silently ignored would run the wrong experiment.
 * As in Linux since 5.8, sysctl.NAME=VALUE (sysctl.vm.extfrag_threshold=500)
 * sets /proc/sys/NAME once the kernel is up: do_sysctl_args() writes it.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/sections.h>

/* Why the last parameter was refused, if its handler said so. */
const char *param_error_reason;

/**
 * param_set_reason - explain why a parameter's value was refused
 * @reason: a short phrase, e.g. "must be at least 64M"
 *
 * Called by early_param()/__setup() handlers and kernel_param_ops->set()
 * before they return an error; the boot error line then carries it.
 */
void param_set_reason(const char *reason)
{
	param_error_reason = reason;
}

/* '-' and '_' are the same in parameter names, as in the kernel. */
static bool parameq(const char *a, const char *b, size_t blen)
{
	size_t i;

	for (i = 0; i < blen; i++, a++) {
		char ca = *a == '-' ? '_' : *a;
		char cb = b[i] == '-' ? '_' : b[i];

		if (ca != cb)
			return false;
	}
	return *a == '\0';
}

static const struct obs_kernel_param *find_setup(const char *name, size_t len)
{
	const struct obs_kernel_param *p;

	for (p = __start_init_setup; p < __stop_init_setup; p++) {
		size_t n = strlen(p->str);

		if (n && p->str[n - 1] == '=')
			n--;
		if (n == len && !strncmp(p->str, name, len))
			return p;
	}
	return NULL;
}

/**
 * find_kernel_param - look up a module parameter
 * @name: "module.param"
 *
 * Return: the parameter, or NULL.
 */
const struct kernel_param *find_kernel_param(const char *name)
{
	const struct kernel_param *kp;

	for (kp = __start___param; kp < __stop___param; kp++)
		if (parameq(kp->name, name, strlen(name)))
			return kp;
	return NULL;
}

static int parse_one(char *param, char *val)
{
	const struct obs_kernel_param *p;
	const struct kernel_param *kp;

	/* sysctl.NAME=VALUE: kept for do_sysctl_args(), after the initcalls. */
	if (!strncmp(param, "sysctl.", 7)) {
		if (!val || !param[7]) {
			param_set_reason("a sysctl needs a name and a value");
			return -EINVAL;
		}
		return 0;
	}
	p = find_setup(param, strlen(param));
	if (p)
		return p->setup_func(val ? val : (char *)"");
	kp = find_kernel_param(param);
	if (kp) {
		/* A bare boolean parameter means "on", as in the kernel. */
		if (!val && kp->ops != &param_ops_bool) {
			param_set_reason("needs a value");
			return -EINVAL;
		}
		return kp->ops->set(val ? val : "1", kp);
	}
	return -ENOENT;
}

/**
 * parse_args - apply boot parameters
 * @doing: what for, used in error messages ("umm")
 * @argc: number of parameters
 * @argv: "name=value" strings
 *
 * Return: 0, or -errno after printing one line that names the parameter.
 */
int parse_args(const char *doing, int argc, char **argv)
{
	char buf[256];
	int i, err;

	for (i = 0; i < argc; i++) {
		char *eq;

		if (strscpy(buf, argv[i], sizeof(buf)) < 0) {
			console_err("%s: boot parameter too long: '%.40s...'\n",
			       doing, argv[i]);
			return -E2BIG;
		}
		eq = strchr(buf, '=');
		if (eq)
			*eq++ = '\0';
		param_error_reason = NULL;
		err = parse_one(buf, eq);
		if (err == -ENOENT) {
			console_err("%s: unknown boot parameter '%s'\n",
			       doing, argv[i]);
			return err;
		}
		if (err) {
			console_err("%s: bad boot parameter '%s': %s\n",
			       doing, argv[i], param_error_reason ?
			       param_error_reason : "invalid value");
			return err;
		}
	}
	return 0;
}

/* Standard parameter types. */

#define STANDARD_PARAM_DEF(name, type, format, strtolfn)		\
static int param_set_##name(const char *val,				\
			    const struct kernel_param *kp)		\
{									\
	type v;								\
	int err = strtolfn(val, 0, &v);					\
									\
	if (err == -ERANGE) {						\
		param_set_reason("out of range for type " #type);	\
		return -EINVAL;						\
	}								\
	if (err) {							\
		param_set_reason("not a number of type " #type);	\
		return -EINVAL;						\
	}								\
	*(type *)kp->arg = v;						\
	return 0;							\
}									\
static int param_get_##name(char *buffer,				\
			    const struct kernel_param *kp)		\
{									\
	return scnprintf(buffer, 64, format "\n", *(type *)kp->arg);	\
}									\
const struct kernel_param_ops param_ops_##name = {			\
	.set = param_set_##name,					\
	.get = param_get_##name,					\
}

STANDARD_PARAM_DEF(int, int, "%i", kstrtoint);
STANDARD_PARAM_DEF(uint, unsigned int, "%u", kstrtouint);
STANDARD_PARAM_DEF(long, long, "%li", kstrtol);
STANDARD_PARAM_DEF(ulong, unsigned long, "%lu", kstrtoul);
STANDARD_PARAM_DEF(ullong, unsigned long long, "%llu", kstrtoull);

/**
 * param_parse_bool - read a boolean boot parameter, the whole word
 * @val: the value
 * @res: set on success
 *
 * kstrtobool() looks at the first characters only, as the kernel's does,
 * so "=1x" or "=yellow" would be taken as true.  A mistyped boot parameter
 * should stop the boot instead: the whole value must be one of the words
 * kstrtobool() means, 1/0, y/n, yes/no, on/off (either case of y and n).
 * umm's; Linux's boot parameters take kstrtobool()'s answer.
 *
 * Return: 0, or -EINVAL.
 */
int param_parse_bool(const char *val, bool *res)
{
	static const char * const words[] = {
		"1", "0", "y", "n", "Y", "N", "yes", "no", "on", "off",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(val, words[i]))
			return kstrtobool(val, res);
	return -EINVAL;
}

static int param_set_bool(const char *val, const struct kernel_param *kp)
{
	bool v;

	if (param_parse_bool(val, &v)) {
		param_set_reason("not a boolean (0/1, y/n, yes/no, on/off)");
		return -EINVAL;
	}
	*(bool *)kp->arg = v;
	return 0;
}

static int param_get_bool(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, 4, "%c\n", *(bool *)kp->arg ? 'Y' : 'N');
}

const struct kernel_param_ops param_ops_bool = {
	.set = param_set_bool,
	.get = param_get_bool,
};
