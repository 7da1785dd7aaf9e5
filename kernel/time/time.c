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

static void sleep_ns(u64 ns)
{
	u64 deadline = host_ops.time_ns() + ns;
	u32 never = 0;
	u64 now;

	while ((now = host_ops.time_ns()) < deadline)
		host_ops.futex_wait(&never, 0, deadline - now);
}

void msleep(unsigned int msecs)
{
	sleep_ns((u64)msecs * NSEC_PER_MSEC);
}

void usleep_range(unsigned long min, unsigned long max)
{
	sleep_ns((u64)min * NSEC_PER_USEC);
}
