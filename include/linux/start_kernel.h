/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: entering the kernel from the host process. */
#ifndef _LINUX_START_KERNEL_H
#define _LINUX_START_KERNEL_H

/*
 * start_kernel() and kernel_boot() are declared beside host_ops.h, where
 * host code that cannot see include/linux/ finds them too.
 */
#include <asm/kernel_entry.h>

#endif
