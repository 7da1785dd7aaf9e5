/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: the host functions behind host_ops' line operations. */
#ifndef _ARCH_USER_OS_LINE_USER_H
#define _ARCH_USER_OS_LINE_USER_H

/*
 * arch/user/os/line_user.h - the interactive shell's terminal
 *
 * Host side only: arch/user/os/line_user.c implements them and
 * host_user.c puts them in struct host_operations.
 */

int host_line_open(void);
long host_line_read(const char *prompt, char *buf, unsigned long size);
int host_line_intr_wait(void);
void host_line_close(void);

#endif /* _ARCH_USER_OS_LINE_USER_H */
