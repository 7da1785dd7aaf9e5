/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: sleeping for a while. */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

void msleep(unsigned int msecs);
void usleep_range(unsigned long min, unsigned long max);
static inline void udelay(unsigned long usecs)
{
	usleep_range(usecs, usecs);
}

#endif
