/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): sleeping until a time in nanoseconds. */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H

#include <linux/types.h>

/* How schedule_hrtimeout() reads its time: since boot, or from now. */
enum hrtimer_mode {
	HRTIMER_MODE_ABS	= 0x00,
	HRTIMER_MODE_REL	= 0x01,
};

/* kernel/sched/core.c */
int schedule_hrtimeout(ktime_t *expires, const enum hrtimer_mode mode);

#endif /* _LINUX_HRTIMER_H */
