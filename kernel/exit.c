// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/exit.c - a task gives up its memory
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/mm.h>
#include <linux/oom.h>

/**
 * exit_mm - release the address space of an exiting task
 * @tsk: the task (current)
 *
 * An OOM victim is done once its memory is freed: the tasks waiting for
 * that memory are told.
 */
void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	task_lock(tsk);
	WRITE_ONCE(tsk->mm, NULL);	/* some look without the lock */
	task_unlock(tsk);
	mmput(mm);
	if (tsk->oom_victim)
		exit_oom_victim(tsk);
}
