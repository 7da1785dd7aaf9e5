/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/testing/umm/umm_stress.h - the threads that stress tests share
 *
 * A stress test runs its roles on kernel threads (umm_run_threads())
 * until one of them sets ->stop.  Two roles are the same in every such
 * test: the compactor, which writes compact_memory in a loop, and the
 * scanner, which isolates the movable pages of random pfn ranges and
 * migrates them, as the migrate scanner of another compactor (or CMA)
 * would.  A test keeps a struct umm_stress in its own state and passes
 * it to them.
 */
#ifndef _UMM_STRESS_H
#define _UMM_STRESS_H

#include <linux/atomic.h>
#include <linux/random.h>

struct umm_stress {
	atomic_t stop;			/* set: every role returns */
	atomic_t errors;		/* stress_error() calls */
	/* How long each shared role pauses between two rounds. */
	unsigned int compactor_pause_us;
	unsigned int scanner_pause_us;	/* after a round that isolated pages */
	unsigned int scanner_idle_us;	/* after one that found none */
	/* What they did. */
	atomic_long_t compactions;
	atomic_long_t scanner_rounds;
	atomic_long_t scanner_isolated;
	atomic_long_t scanner_migrated;
};

/* Print "# @what (@val)" and count an error. */
void stress_error(struct umm_stress *s, const char *what, long val);

/* compact_memory until ->stop. */
void compactor_thread(struct umm_stress *s);

/*
 * Until ->stop: up to 32 movable pages of a random 512-pfn range of
 * ZONE_NORMAL isolated (the lockless hint, then isolate_movable_page())
 * and migrated in a random mode; what is left goes back.
 */
void scanner_thread(struct umm_stress *s, struct rnd_state *rnd);

#endif /* _UMM_STRESS_H */
