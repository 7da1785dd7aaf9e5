/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/guest/task.h - the requests a task process serves
 *
 * A task of the console is a child process of the agent, which maps,
 * fills and checks memory in its own address space when asked, over a
 * pair of pipes: one struct task_req in, one struct task_reply out.
 */
#ifndef UMM_AGENT_TASK_H
#define UMM_AGENT_TASK_H

#include <stdint.h>

enum task_op {
	TASK_MMAP,		/* size: reply a = address */
	TASK_FILL,		/* ratio, pct, seed: reply ret = pages */
	TASK_DONTNEED,		/* pct, stride, seed: reply ret = pages */
	TASK_VERIFY,		/* reply a checked, b absent, c bad, d first */
	TASK_STAT,		/* reply a rss, b mapped, c page tables */
};

struct task_req {
	uint32_t op;
	uint32_t ratio;		/* per mille */
	uint32_t pct;
	uint32_t stride;
	uint64_t size;
	uint64_t seed;
};

struct task_reply {
	int64_t ret;		/* >= 0, or a negative errno */
	uint64_t a, b, c, d;
};

/* task_child.c: the child's side, until its request pipe closes. */
void task_child_main(int req_fd, int reply_fd, uint32_t owner);

#endif /* UMM_AGENT_TASK_H */
