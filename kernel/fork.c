// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/fork.c - task structures, kernel stacks and the task list
 *
 * Every task, kernel thread or workload, gets a kernel stack of
 * THREAD_SIZE from the buddy allocator: an order-2 unmovable allocation.
 * The host thread runs on a stack of its own, so these pages hold no
 * data; they are allocated because fork allocates them, and their
 * failure is fork's failure when memory is fragmented.
 *
 * A task is not given a CPU of its own: the scheduler places it on one
 * of the CPUs (sched_fork()), and it runs there when it is woken and the
 * CPU is free (kernel/sched/core.c).  Any number of tasks can exist.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/vmstat.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/page_kind.h>
#include <asm/host_ops.h>

static struct kmem_cache *task_struct_cachep;
static atomic_t last_pid = ATOMIC_INIT(1);

LIST_HEAD(task_list);
DEFINE_RWLOCK(tasklist_lock);

void __init fork_init(void)
{
	task_struct_cachep = kmem_cache_create("task_struct",
					       sizeof(struct task_struct),
					       __alignof__(struct task_struct),
					       SLAB_PANIC, NULL);
}

/* THREADINFO_GFP of 4.8: unmovable, not accounted to a node's reserves. */
#define THREADINFO_GFP	(GFP_KERNEL | __GFP_NOTRACK)

static void *alloc_thread_stack(void)
{
	struct page *page = alloc_pages(THREADINFO_GFP, THREAD_SIZE_ORDER);

	if (!page)
		return NULL;
	page_kind_set(page, THREAD_SIZE_ORDER, &page_kind_tables);
	mod_node_page_state(page_pgdat(page), NR_KERNEL_STACK_KB,
			    THREAD_SIZE / 1024);
	return page_address(page);
}

static void free_thread_stack(void *stack)
{
	struct page *page = virt_to_page(stack);

	mod_node_page_state(page_pgdat(page), NR_KERNEL_STACK_KB,
			    -(long)(THREAD_SIZE / 1024));
	__free_pages(page, THREAD_SIZE_ORDER);
}

/**
 * alloc_task_struct - a new, not yet running task, with its kernel stack
 * @name: its comm
 *
 * Return: the task in TASK_NEW with one reference, or NULL when the task
 * structure or the order-2 stack cannot be allocated.
 */
struct task_struct *alloc_task_struct(const char *name)
{
	struct task_struct *tsk;

	tsk = kmem_cache_zalloc(task_struct_cachep, GFP_KERNEL);
	if (!tsk)
		return NULL;
	tsk->stack = alloc_thread_stack();
	if (!tsk->stack) {
		kmem_cache_free(task_struct_cachep, tsk);
		return NULL;
	}
	tsk->__state = TASK_NEW;
	INIT_LIST_HEAD(&tsk->run_list);
	tsk->pid = atomic_inc_return(&last_pid);
	atomic_set(&tsk->usage, 1);
	strscpy(tsk->comm, name, sizeof(tsk->comm));
	INIT_LIST_HEAD(&tsk->tasks);
	spin_lock_init(&tsk->alloc_lock);
	return tsk;
}

void free_task_struct(struct task_struct *tsk)
{
	if (tsk->stack)
		free_thread_stack(tsk->stack);
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

/**
 * attach_task - put a task on the task list
 * @tsk: the task
 */
void attach_task(struct task_struct *tsk)
{
	write_lock(&tasklist_lock);
	list_add_tail(&tsk->tasks, &task_list);
	write_unlock(&tasklist_lock);
}

/**
 * detach_task - take a task off the task list
 * @tsk: the task
 */
void detach_task(struct task_struct *tsk)
{
	write_lock(&tasklist_lock);
	list_del_init(&tsk->tasks);
	write_unlock(&tasklist_lock);
}

/*
 * How a new task starts and how its end is waited for: the host thread
 * runs ret_from_fork(), which waits for the first wake_up_process() and
 * a CPU, runs the task's function, gives up the task's memory, says it is
 * done, and gives up its CPU for good.
 */
struct task_start {
	int (*fn)(void *arg);
	void *arg;
	int result;
	struct completion exited;
};

static void ret_from_fork(void *p)
{
	struct task_struct *tsk = p;
	struct task_start *start = tsk->start;

	__current_task = tsk;
	sched_start();		/* until the first wake_up_process() */
	start->result = start->fn(start->arg);
	tsk->flags |= PF_EXITING;
	exit_mm(tsk);
	complete(&start->exited);
	do_task_dead();
}

/**
 * copy_process - create a task that will run @fn(@arg)
 * @name: its comm
 * @fn: what it runs
 * @arg: its argument
 * @flags: PF_* flags (PF_KTHREAD for kernel threads)
 * @mm: its address space (workload tasks), or NULL; taken over on success
 *
 * The task gets a kernel stack, a host thread and a CPU to run on, and
 * waits in TASK_NEW until wake_up_process().
 *
 * Return: the task, or ERR_PTR(-ENOMEM) when its structure or kernel
 * stack cannot be allocated, ERR_PTR(-EAGAIN) when the host cannot start
 * a thread.
 */
struct task_struct *copy_process(const char *name, int (*fn)(void *arg),
				 void *arg, unsigned int flags,
				 struct mm_struct *mm)
{
	struct task_struct *tsk;
	struct task_start *start;
	long handle;

	start = kzalloc(sizeof(*start), GFP_KERNEL);
	if (!start)
		return ERR_PTR(-ENOMEM);
	tsk = alloc_task_struct(name);
	if (!tsk) {
		kfree(start);
		return ERR_PTR(-ENOMEM);
	}
	start->fn = fn;
	start->arg = arg;
	init_completion(&start->exited);
	tsk->start = start;
	tsk->flags = flags;
	tsk->mm = mm;

	handle = host_ops.thread_create(ret_from_fork, tsk);
	if (handle < 0) {
		tsk->mm = NULL;
		free_task_struct(tsk);
		kfree(start);
		return ERR_PTR(-EAGAIN);
	}
	tsk->host_thread = handle;
	/* Its thread waits for a CPU: placing it now is soon enough. */
	sched_fork(tsk);
	attach_task(tsk);
	return tsk;
}

/**
 * wait_task_exit - wait for a task from copy_process() to end, and reap it
 * @tsk: the task (it must have been woken once)
 *
 * Return: what the task's function returned.
 */
int wait_task_exit(struct task_struct *tsk)
{
	struct task_start *start = tsk->start;
	int ret;

	wait_for_completion(&start->exited);
	/* The task may still be on its way out of its CPU. */
	sched_host_block();
	host_ops.thread_join(tsk->host_thread);
	sched_host_unblock();
	detach_task(tsk);
	ret = start->result;
	kfree(start);
	tsk->start = NULL;
	put_task_struct(tsk);
	return ret;
}
