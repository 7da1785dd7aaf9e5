/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: the monotonic clock in nanoseconds. */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/types.h>

#define NSEC_PER_USEC	1000L
#define NSEC_PER_MSEC	1000000L
#define NSEC_PER_SEC	1000000000L

u64 ktime_get_ns(void);
static inline ktime_t ktime_get(void)
{
	return (ktime_t)ktime_get_ns();
}

/* ns since boot: what printk timestamps show. */
u64 local_clock(void);
void time_init(void);

#endif
