/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): memory advice (MADV_DONTNEED). */
#ifndef _LINUX_MMAN_H
#define _LINUX_MMAN_H

#include <linux/mm_types.h>

/* mm/madvise.c */
int madvise_dontneed(struct mm_struct *mm, unsigned long start,
		     unsigned long end);

#endif /* _LINUX_MMAN_H */
