// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/panic.c - BUG(), WARN(), panic() and taint
 *
 * A BUG() ends the process with SIGILL after printing the kernel's
 * "kernel BUG at file:line!" line: tests of the movable-page contract
 * match that text and the signal.  A WARN() prints the kernel's report,
 * taints the kernel (TAINT_WARN) and goes on; test teardowns check that
 * nothing tainted the kernel.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/moduleparam.h>
#include <asm/host_ops.h>

int panic_on_warn;
static unsigned long tainted_mask;

static int __init panic_on_warn_setup(char *s)
{
	panic_on_warn = 1;
	return 0;
}
early_param("panic_on_warn", panic_on_warn_setup);

/**
 * add_taint - record that something went wrong (TAINT_WARN, TAINT_BAD_PAGE)
 * @flag: TAINT_* bit number
 */
void add_taint(unsigned int flag)
{
	__atomic_fetch_or(&tainted_mask, 1UL << flag, __ATOMIC_RELAXED);
}

/**
 * get_taint - the taint bits, as /proc/sys/kernel/tainted shows them
 *
 * Return: the mask of TAINT_* bits set so far.
 */
unsigned long get_taint(void)
{
	return __atomic_load_n(&tainted_mask, __ATOMIC_RELAXED);
}

/**
 * panic - print a message and end the process
 * @fmt: what went wrong
 */
void panic(const char *fmt, ...)
{
	char buf[512];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	/* The console gets a panic whatever its log level. */
	console_loglevel = LOGLEVEL_DEBUG + 1;
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	host_ops.panic();
}

void __bug(const char *file, int line)
{
	console_loglevel = LOGLEVEL_DEBUG + 1;
	pr_emerg("------------[ cut here ]------------\n");
	pr_emerg("kernel BUG at %s:%d!\n", file, line);
	if (current)
		pr_emerg("CPU: %d PID: %d Comm: %s\n",
		       current->cpu, current->pid, current->comm);
	add_taint(TAINT_DIE);
	panic("Fatal exception");
}

void __warn_printk(const char *file, int line, const char *func,
		   const char *fmt, ...)
{
	va_list args;

	pr_warn("------------[ cut here ]------------\n");
	pr_warn("WARNING: CPU: %d PID: %d at %s:%d %s\n",
	       current ? current->cpu : 0, current ? current->pid : 0,
	       file, line, func);
	if (fmt) {
		va_start(args, fmt);
		vprintk(fmt, args);
		va_end(args);
	}
	add_taint(TAINT_WARN);
	if (panic_on_warn)
		panic("%s: panic_on_warn set", __func__);
	pr_warn("---[ end trace ]---\n");
}
