/* SPDX-License-Identifier: GPL-2.0 */
/* HOSTED: task_struct, task states and the sleep/wake-up primitives. */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/smp.h>
#include <linux/spinlock_types.h>
#include <asm/page.h>
#include <asm/current.h>

#define TASK_RUNNING		0x0000
#define TASK_INTERRUPTIBLE	0x0001
#define TASK_UNINTERRUPTIBLE	0x0002
#define TASK_DEAD		0x0080
#define TASK_NEW		0x0800
#define TASK_KILLABLE		TASK_UNINTERRUPTIBLE
#define TASK_NORMAL		(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

/* task_struct->flags */
#define PF_EXITING		0x00000004
#define PF_MEMALLOC		0x00000800
#define PF_KSWAPD		0x00020000
#define PF_MEMALLOC_NOIO	0x00080000
#define PF_KTHREAD		0x00200000

#define TASK_COMM_LEN		16
#define MAX_SCHEDULE_TIMEOUT	LONG_MAX

/* Kernel stacks: 16 KiB, an order-2 allocation, as on x86-64. */
#define THREAD_SIZE_ORDER	2
#define THREAD_SIZE		(PAGE_SIZE << THREAD_SIZE_ORDER)

struct mm_struct;
struct kthread;
struct workload;
struct task_start;

/*
 * One host thread per task, which runs kernel code only while the task
 * holds a CPU (kernel/sched/core.c).  A task sleeps by setting ->__state
 * and calling schedule(), which gives its CPU to another task; whoever
 * wakes it sets TASK_RUNNING and puts it on a CPU's run queue, and it
 * runs again when it is given that CPU (->on_cpu, the futex word its host
 * thread waits on).
 */
struct task_struct {
	unsigned int __state;
	unsigned int flags;
	/*
	 * The CPU it runs on, or last ran on, or will run on when queued:
	 * changes only while the task is off-CPU, under the run queue lock.
	 */
	int cpu;
	u32 on_cpu;		/* holds ->cpu (1) or not (0) */
	bool on_rq;		/* queued for ->cpu */
	bool pinned;		/* stays on ->cpu: sched_move_to_cpu() */
	struct list_head run_list;	/* on the queue of ->cpu */
	unsigned long nvcsw;	/* switches away: it slept */
	unsigned long nivcsw;	/* it was preempted, at cond_resched() */
	pid_t pid;
	atomic_t usage;
	char comm[TASK_COMM_LEN];
	/*
	 * ->alloc_lock (task_lock()) keeps ->mm from being released while
	 * another task looks at it (the OOM killer, the console).
	 */
	spinlock_t alloc_lock;
	struct mm_struct *mm;
	void *stack;		/* THREAD_SIZE from the buddy allocator */
	long host_thread;
	struct kthread *kthread;
	struct task_start *start;	/* kernel/fork.c: start and exit */
	struct workload *workload;	/* a workload task's program */
	struct list_head tasks;	/* on the task list */
	int exit_code;
	/*
	 * Two signals.  SIGKILL: the OOM killer sends it; the task notices
	 * it in fatal_signal_pending() and exits.  SIGINT: Ctrl-C at the
	 * shell's terminal (init/console_shell.c) sends it to the running
	 * command's tasks; a long loop that checks signal_pending() stops
	 * there with -EINTR, and the task flushes it and lives on.
	 */
	int sigkill;
	int sigint;
	bool oom_victim;
};

extern struct task_struct init_task;

/* Users include <linux/spinlock.h>. */
#define task_lock(p)		spin_lock(&(p)->alloc_lock)
#define task_unlock(p)		spin_unlock(&(p)->alloc_lock)

#define __set_current_state(state_value) \
	WRITE_ONCE(current->__state, (state_value))
/*
 * The full barrier orders the state store before the sleeper's test of its
 * condition, against the waker's store of the condition before its wake-up.
 */
#define set_current_state(state_value)					\
	/* full barrier, see above */					\
	smp_store_mb(current->__state, (state_value))
#define task_is_running(task)	(READ_ONCE((task)->__state) == TASK_RUNNING)

/* kernel/sched/core.c */
void sched_init(void);
void schedule(void);
long schedule_timeout(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_interruptible(long timeout);
int wake_up_process(struct task_struct *tsk);
int wake_up_state(struct task_struct *tsk, unsigned int state);
void yield(void);
int _cond_resched(void);
bool need_resched(void);
#define cond_resched()					\
({							\
	might_sleep();					\
	_cond_resched();				\
})
unsigned long nr_running(void);
unsigned long nr_context_switches(void);

/*
 * A task that waits in the host for something other than its own
 * wake-up (a sleeping lock's futex word, a host thread to end) is
 * sleeping all the same: it gives its CPU up before, with
 * sched_host_block(), and gets one back after, with sched_host_unblock(),
 * which may wait for it.  In between it must not touch kernel data that
 * needs a CPU (per-cpu data).
 */
void sched_host_block(void);
void sched_host_unblock(void);

/*
 * The current task moves to a given CPU, waiting for it as for any CPU
 * (kernel/smp.c's on_each_cpu_mask() runs a function on other CPUs so).
 */
int sched_move_to_cpu(unsigned int cpu, bool pin);

/* A task's life on the CPUs: placed at fork, started, gone at exit. */
void sched_fork(struct task_struct *p);
void sched_start(void);
void do_task_dead(void);
static inline int fatal_signal_pending(struct task_struct *p)
{
	return p && READ_ONCE(p->sigkill);
}

static inline int signal_pending(struct task_struct *p)
{
	return fatal_signal_pending(p) || (p && READ_ONCE(p->sigint));
}

#define SIGINT	2
#define SIGKILL	9

/* kernel/signal.c: SIGINT only; the OOM killer sets ->sigkill itself. */
int send_sig(int sig, struct task_struct *p, int priv);
void flush_signals(struct task_struct *t);
static inline int task_cpu(const struct task_struct *p) { return READ_ONCE(p->cpu); }

struct task_struct *alloc_task_struct(const char *name);
void free_task_struct(struct task_struct *tsk);
void get_task_struct(struct task_struct *t);
void put_task_struct(struct task_struct *t);

/* kernel/fork.c: the task list (workload tasks and kernel threads) */
extern struct list_head task_list;
extern rwlock_t tasklist_lock;
#define for_each_process(p) list_for_each_entry(p, &task_list, tasks)
void attach_task(struct task_struct *tsk);
void detach_task(struct task_struct *tsk);

struct task_struct *copy_process(const char *name, int (*fn)(void *arg),
				 void *arg, unsigned int flags,
				 struct mm_struct *mm);
int wait_task_exit(struct task_struct *tsk);

/* kernel/exit.c */
void exit_mm(struct task_struct *tsk);
void fork_init(void);


#endif /* _LINUX_SCHED_H */
