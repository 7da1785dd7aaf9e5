/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: umm's own boot parameters, which no kernel has. */
#ifndef _LINUX_UMM_H
#define _LINUX_UMM_H

#include <linux/types.h>

/* umm.seed=: seeds every pseudo-random choice (init/main.c). */
extern unsigned long umm_seed;

/*
 * umm.deterministic=1: kernel threads do their work synchronously at the
 * point where they would be woken, so that a script run twice with the
 * same seed prints the same numbers (init/main.c).
 */
extern bool umm_deterministic;

#endif /* _LINUX_UMM_H */
