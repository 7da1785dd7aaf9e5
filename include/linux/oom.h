/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): the OOM killer. */
#ifndef __INCLUDE_LINUX_OOM_H
#define __INCLUDE_LINUX_OOM_H

#include <linux/types.h>
#include <linux/mutex.h>

struct task_struct;
struct notifier_block;

struct oom_control {
	gfp_t gfp_mask;		/* the allocation that failed */
	int order;
	struct task_struct *chosen;
	unsigned long chosen_points;
};

/* Serialises OOM kills (mm/oom_kill.c). */
extern struct mutex oom_lock;

bool out_of_memory(struct oom_control *oc);
void oom_wait_for_victims(void);
void exit_oom_victim(struct task_struct *tsk);

/*
 * Called before a task is chosen: a callback that can give memory back
 * (a balloon that deflates) adds the pages it freed to *(unsigned long *)
 * its data, and if any were freed nobody is killed this time.
 */
int register_oom_notifier(struct notifier_block *nb);
int unregister_oom_notifier(struct notifier_block *nb);

#endif /* __INCLUDE_LINUX_OOM_H */
