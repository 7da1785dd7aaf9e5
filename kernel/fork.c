// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fork.c - task structures
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/init.h>

static struct kmem_cache *task_struct_cachep;
static atomic_t last_pid = ATOMIC_INIT(1);

void __init fork_init(void)
{
	task_struct_cachep = kmem_cache_create("task_struct",
					       sizeof(struct task_struct),
					       __alignof__(struct task_struct),
					       SLAB_PANIC, NULL);
}

/**
 * alloc_task_struct - a new, not yet running task
 * @name: its comm
 *
 * Return: the task in TASK_NEW with one reference, or NULL.
 */
struct task_struct *alloc_task_struct(const char *name)
{
	struct task_struct *tsk;

	tsk = kmem_cache_zalloc(task_struct_cachep, GFP_KERNEL);
	if (!tsk)
		return NULL;
	tsk->__state = TASK_NEW;
	tsk->cpu = -1;
	tsk->pid = atomic_inc_return(&last_pid);
	atomic_set(&tsk->usage, 1);
	strscpy(tsk->comm, name, sizeof(tsk->comm));
	INIT_LIST_HEAD(&tsk->tasks);
	return tsk;
}

void free_task_struct(struct task_struct *tsk)
{
	kmem_cache_free(task_struct_cachep, tsk);
}

void get_task_struct(struct task_struct *t)
{
	atomic_inc(&t->usage);
}

void put_task_struct(struct task_struct *t)
{
	if (atomic_dec_and_test(&t->usage))
		free_task_struct(t);
}
