// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/time/time.c - clocks and sleeping
 *
 * jiffies has no timer interrupt behind it: it is derived from the host's
 * monotonic clock whenever it is read.
 */
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/hrtimer.h>
#include <asm/processor.h>
#include <asm/host_ops.h>

static u64 boot_ns;

void time_init(void)
{
	boot_ns = host_ops.time_ns();
}

u64 ktime_get_ns(void)
{
	return host_ops.time_ns();
}

u64 local_clock(void)
{
	return boot_ns ? host_ops.time_ns() - boot_ns : 0;
}

u64 get_jiffies_64(void)
{
	return INITIAL_JIFFIES + local_clock() / (NSEC_PER_SEC / HZ);
}

unsigned long get_jiffies(void)
{
	return (unsigned long)get_jiffies_64();
}

/* A sleep gives the CPU to other tasks (kernel/sched/core.c). */
static void sleep_ns(u64 ns)
{
	ktime_t expires = ktime_get() + ns;

	do {
		__set_current_state(TASK_UNINTERRUPTIBLE);
	} while (schedule_hrtimeout(&expires, HRTIMER_MODE_ABS));
}

void msleep(unsigned int msecs)
{
	sleep_ns((u64)msecs * NSEC_PER_MSEC);
}

void usleep_range(unsigned long min, unsigned long max)
{
	sleep_ns((u64)min * NSEC_PER_USEC);
}

/* A delay does not sleep: it may be used in atomic context. */
void __udelay(unsigned long usecs)
{
	u64 deadline = host_ops.time_ns() + (u64)usecs * NSEC_PER_USEC;

	while (host_ops.time_ns() < deadline)
		cpu_relax();
}
