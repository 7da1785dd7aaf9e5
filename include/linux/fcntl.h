/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: open() flags (the asm-generic values). */
#ifndef _LINUX_FCNTL_H
#define _LINUX_FCNTL_H

/*
 * Tests see glibc's <fcntl.h> as well, which defines the same names with
 * the same values: whichever header comes first wins, and the spelling
 * below matches glibc's token for token, so that a later definition of
 * the same macro is an identical (hence silent) redefinition.
 */
#ifndef O_RDONLY
#define O_ACCMODE	   0003
#define O_RDONLY	     00
#define O_WRONLY	     01
#define O_RDWR		     02
#endif
#ifndef O_CREAT
#define O_CREAT		   0100
#endif
#ifndef O_EXCL
#define O_EXCL		   0200
#endif
#ifndef O_TRUNC
#define O_TRUNC		  01000
#endif
#ifndef O_APPEND
#define O_APPEND	  02000
#endif
#ifndef O_NONBLOCK
#define O_NONBLOCK	  04000
#endif

#endif /* _LINUX_FCNTL_H */
