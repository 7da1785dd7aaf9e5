/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: entering the kernel from the host process. */
#ifndef _LINUX_START_KERNEL_H
#define _LINUX_START_KERNEL_H

/* init/main.c: boot and run the console; returns the exit status. */
int start_kernel(int argc, char **argv);

/*
 * init/main.c: boot with "name=value" parameters and return, without a
 * console (tests).  Returns 0 or -errno after printing one line.
 */
int kernel_boot(int argc, char **argv);

#endif
