// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/umm_task.c - workload tasks for the tests
 *
 * Tasks that map and fill memory, the check of what they hold, and the
 * frames behind their pages, read from their own page tables.
 */
#include <stdio.h>
#include <unistd.h>

#include "umm_test_lib.h"

#include <linux/workload.h>
#include <linux/sched.h>
#include <linux/err.h>

struct workload *task_filled(const char *name, unsigned long bytes,
			     unsigned int ratio, u64 seed, unsigned long *addr)
{
	struct workload *w = workload_start(name);
	long a, n;

	if (IS_ERR(w)) {
		printf("# workload_start(%s): %ld\n", name, PTR_ERR(w));
		return NULL;
	}
	a = workload_mmap(w, bytes);
	n = a < 0 ? a : workload_fill(w, ratio, seed);
	if (a < 0 || n != (long)(bytes >> PAGE_SHIFT)) {
		printf("# %s: mmap %ld, fill %ld\n", name, a, n);
		workload_stop(w);
		return NULL;
	}
	if (addr)
		*addr = a;
	return w;
}

long verify_mismatches(struct workload *w, struct verify_result *res)
{
	struct verify_result local;
	long err;

	if (!res)
		res = &local;
	err = workload_verify(w, res);
	if (err)
		return err;
	if (res->mismatches)
		printf("# %s: %lu mismatches, the first at %#lx\n", w->name,
		       res->mismatches, res->first_bad);
	return res->mismatches;
}

bool wait_exited(struct workload *w)
{
	int ms;

	for (ms = 0; ms < 5000 && !READ_ONCE(w->exited); ms++)
		usleep(1000);
	return READ_ONCE(w->exited);
}

/* Runs in the task (workload_call()): its mm is current->mm. */
static long read_pfns(struct workload *w, void *arg)
{
	struct pfn_map *m = arg;
	unsigned long i, pfn;

	for (i = 0; i < m->nr; i++) {
		int state = mm_pte_state(current->mm, m->addr + i * PAGE_SIZE,
					 &pfn);

		/* pfn 0 is reserved memory: never a workload page. */
		m->pfn[i] = state == 1 ? pfn : 0;
	}
	return 0;
}

int get_pfns(struct workload *w, struct pfn_map *m)
{
	long ret;
	int err = workload_call(w, read_pfns, m, &ret);

	return err ? err : (int)ret;
}
