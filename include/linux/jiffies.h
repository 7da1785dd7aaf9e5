/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: jiffies, read from the host clock; comparisons that wrap. */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>

#define HZ		250
#define INITIAL_JIFFIES	((unsigned long)(unsigned int)(-300 * HZ))

/*
 * There is no timer interrupt to advance a variable: jiffies is computed
 * from the host's monotonic clock when read (kernel/time/time.c).
 */
unsigned long get_jiffies(void);
u64 get_jiffies_64(void);
#define jiffies		get_jiffies()

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)
#define time_is_before_jiffies(a)	time_after(jiffies, a)
#define time_is_after_jiffies(a)	time_before(jiffies, a)

static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return ((unsigned long)m * HZ + 999) / 1000;
}

static inline unsigned int jiffies_to_msecs(unsigned long j)
{
	return j * (1000 / HZ);
}

static inline u64 jiffies_to_nsecs(unsigned long j)
{
	return (u64)j * (1000000000ULL / HZ);
}

#endif /* _LINUX_JIFFIES_H */
