/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: the self-describing page data of fill, shared with the guest agent. */
#ifndef _LINUX_FILL_PATTERN_H
#define _LINUX_FILL_PATTERN_H

#include <linux/types.h>

/*
 * A filled page is a header (magic, owner, address, generation, ratio,
 * seed) and a body generated from it: the first ratio/1000 of the body
 * one repeated word, the rest pseudo-random bytes.  The generator is
 * plain C over lib/random32.c, so that the guest agent of './umm
 * compare' (tools/umm/guest/) builds the very same file and a page of a
 * given ratio compresses the same in umm and in Linux.
 */
#define FILL_PATTERN_SIZE	4096

void fill_pattern_page(void *page, u32 owner, u64 vaddr, u32 gen,
		       unsigned int ratio, u64 seed);
bool fill_pattern_valid(const void *page, u32 owner, u64 vaddr);

#endif /* _LINUX_FILL_PATTERN_H */
