/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: umm's own boot parameters, which no kernel has, and what they change. */
#ifndef _LINUX_UMM_H
#define _LINUX_UMM_H

#include <linux/types.h>

struct task_struct;

/* umm.seed=: seeds every pseudo-random choice (init/main.c). */
extern unsigned long umm_seed;

/*
 * umm.deterministic=1: kernel threads do their work synchronously at the
 * point where they would be woken, so that a script run twice with the
 * same seed prints the same numbers (init/main.c).
 *
 * Only the scheduler (tasks keep their CPU) and kernel/kthread.c test it.
 * The threads start with umm_kthread_run(), which starts none in
 * deterministic runs, and their wakers call umm_kthread_wake(), which
 * does the work there.  In mm/ those lines are marked with a comment
 * that starts with "umm:".
 */
extern bool umm_deterministic;

/*
 * The kernel threads whose work deterministic runs do synchronously, in
 * the order a safe point runs it (what a command queued first, then
 * reclaim, then the compaction that reclaim asks for).
 */
enum umm_kthread_id {
	UMM_KWORKER,		/* the workqueue's worker (kernel/workqueue.c) */
	UMM_KSWAPD,		/* mm/vmscan.c */
	UMM_KCOMPACTD,		/* mm/compaction.c */
	NR_UMM_KTHREADS,
};

__printf(3, 4)
struct task_struct *umm_kthread_run(int (*threadfn)(void *data), void *data,
				    const char namefmt[], ...);
void umm_kthread_set_work(enum umm_kthread_id id, void (*work)(void *data),
			  void *data);
void umm_kthread_wake(enum umm_kthread_id id, bool here);
void umm_kthreads_run_pending(void);

/*
 * The work clock of the report's free-pages chart: pages allocated and
 * freed (init/console_sampler.c).  mm/page_alloc.c ticks it where it
 * counts pgalloc and pgfree; only record runs (umm.record=1) sample,
 * from their first record line (umm_sampler_start()).
 */
void umm_sampler_tick(unsigned long nr_pages);
void umm_sampler_start(void);
unsigned long umm_sampler_clock(void);

#endif /* _LINUX_UMM_H */
