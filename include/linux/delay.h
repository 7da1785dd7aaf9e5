/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: sleeping for a while. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

/* These sleep: the CPU goes to other tasks meanwhile. */
void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range(unsigned long min, unsigned long max);

/* This one spins, and may be used in atomic context. */
void __udelay(unsigned long usecs);
#define udelay(n)	__udelay(n)

#endif
