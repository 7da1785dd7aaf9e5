/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: workload tasks, the stand-in for user-space programs. */
#ifndef _LINUX_WORKLOAD_H
#define _LINUX_WORKLOAD_H

#include <linux/types.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/completion.h>

/*
 * A workload task is a task with an mm, whose "program" runs requests
 * sent by the console: map memory, fill it with checkable data, touch
 * it, give part of it back, verify it.  Each request runs in the task's
 * own thread, so its page faults happen in its own context, as a
 * program's would.
 */
struct workload_request;

struct workload {
	struct task_struct *task;
	char name[TASK_COMM_LEN];
	u32 owner;			/* identity stamped into its pages */
	u32 gen;			/* fill generation */
	wait_queue_head_t wait;		/* the task waits here for requests */
	spinlock_t lock;		/* req, stop and exited */
	struct workload_request *req;
	bool stop;
	bool exited;
	int exit_signal;		/* SIGKILL if the OOM killer ended it */
	void *buf;			/* a page of scratch space */
	struct list_head list;		/* on the workload list */
};

/* Statistics of a verification. */
struct verify_result {
	unsigned long checked;		/* pages with data, compared */
	unsigned long absent;		/* never written, or given back */
	unsigned long mismatches;
	unsigned long first_bad;	/* address of the first mismatch */
};

/* kernel/workload.c */
struct workload *workload_start(const char *name);
struct workload *workload_find(const char *name);
int workload_stop(struct workload *w);
void workload_reap_exited(void);
int workload_call(struct workload *w, long (*fn)(struct workload *w, void *arg),
		  void *arg, long *ret);
void workload_kick(struct task_struct *tsk);
void workload_interrupt(void);
void workload_for_each(void (*fn)(struct workload *w, void *data), void *data);

/* Requests, run in the task (mm/ and kernel/workload.c). */
long workload_mmap(struct workload *w, unsigned long size);
long workload_fill(struct workload *w, unsigned int ratio_permille, u64 seed);
long workload_touch(struct workload *w, unsigned int pct, u64 seed);
long workload_dontneed(struct workload *w, unsigned int pct,
		       unsigned int stride, u64 seed);
long workload_verify(struct workload *w, struct verify_result *res);

/*
 * The data a filled page holds, for tests that check pages directly and
 * for the console's block device verbs.
 */
void workload_fill_page(void *page, u32 owner, unsigned long vaddr, u32 gen,
			unsigned int ratio, u64 seed);
bool workload_page_valid(const void *page, u32 owner, unsigned long vaddr);

#endif /* _LINUX_WORKLOAD_H */
