/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/kernel/linux.h - one run of the Linux side, between its files
 *
 * linux_boot.c starts the guest and waits for its agent; linux.c runs
 * the session in it.
 */
#ifndef _TOOLS_UMM_KERNEL_LINUX_H
#define _TOOLS_UMM_KERNEL_LINUX_H

#include "compare.h"

struct linux_run {
	const struct compare_opts *o;
	struct compare_side *side;
	struct qemu q;
	struct compare_lb data, qmp;
	struct qmp_balloon balloon;
	double t0;		/* the script's start */
};

int linux_session(struct linux_run *r, const struct compare_script *s);

#endif /* _TOOLS_UMM_KERNEL_LINUX_H */
