/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: poison values for list pointers and freed memory. */
#ifndef _LINUX_POISON_H
#define _LINUX_POISON_H

#define POISON_POINTER_DELTA	0xdead000000000000UL
#define LIST_POISON1	((void *)(0x100 + POISON_POINTER_DELTA))
#define LIST_POISON2	((void *)(0x200 + POISON_POINTER_DELTA))

#define PAGE_POISON	0xaa
#define POISON_FREE	0x6b
#define POISON_INUSE	0x5a

#endif
