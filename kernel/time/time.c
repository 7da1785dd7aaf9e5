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

/**
 * msleep_interruptible - sleep, unless a signal comes first
 * @msecs: how long
 *
 * The state is set before signal_pending() is looked at, so a send_sig()
 * between the look and the sleep still wakes the sleeper.
 *
 * Return: 0, or the milliseconds that were left when a signal (the
 * shell's SIGINT) ended the sleep.
 */
unsigned long msleep_interruptible(unsigned int msecs)
{
	ktime_t expires = ktime_get() + (u64)msecs * NSEC_PER_MSEC;
	ktime_t now;

	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (signal_pending(current))
			break;
		if (!schedule_hrtimeout(&expires, HRTIMER_MODE_ABS))
			return 0;
	}
	__set_current_state(TASK_RUNNING);
	now = ktime_get();
	return now < expires ? DIV_ROUND_UP(expires - now, NSEC_PER_MSEC) : 1;
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
