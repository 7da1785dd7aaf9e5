/* SPDX-License-Identifier: GPL-2.0 */
/* STUB: the OOM killer; nothing to kill until tasks exist. */

/*
 * There are no user tasks to kill yet: the slow path asks and is told
 * that nothing could be freed.  mm/oom_kill.c will replace this.
 */
#ifndef __INCLUDE_LINUX_OOM_H
#define __INCLUDE_LINUX_OOM_H

#include <linux/types.h>

struct oom_control {
	gfp_t gfp_mask;
	int order;
};

static inline bool out_of_memory(struct oom_control *oc)
{
	return false;
}

#endif
