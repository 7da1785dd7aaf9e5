/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: current, as a thread-local pointer (x86 keeps it per cpu). */
#ifndef _ASM_USER_CURRENT_H
#define _ASM_USER_CURRENT_H

struct task_struct;

/*
 * Every host thread that runs kernel code is a task: it was started by
 * kthread_create()/kernel_thread() or is the boot thread (init_task).
 */
extern __thread struct task_struct *__current_task;

static inline struct task_struct *get_current(void)
{
	return __current_task;
}

#define current get_current()

#endif /* _ASM_USER_CURRENT_H */
