/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): callbacks for a CPU going away (a task exiting). */
#ifndef __CPUHOTPLUG_H
#define __CPUHOTPLUG_H

/* Startup callbacks run in this order, teardown callbacks in reverse. */
enum cpuhp_state {
	CPUHP_PAGE_ALLOC_DEAD,
	CPUHP_MM_ZS_PREPARE,
	CPUHP_NR_STATES
};

/*
 * A virtual CPU lives as long as the task that owns it.  When a task is
 * created its CPU comes online and the startup callbacks run for it (in
 * the creating task: they may allocate, and a failure fails the task's
 * creation); when the task exits the CPU goes offline and the teardown
 * callbacks run for it (from the exiting task, on its own CPU).
 */
int cpuhp_setup_state(enum cpuhp_state state, const char *name,
		      int (*startup)(unsigned int cpu),
		      int (*teardown)(unsigned int cpu));
int cpuhp_setup_state_nocalls(enum cpuhp_state state, const char *name,
			      int (*startup)(unsigned int cpu),
			      int (*teardown)(unsigned int cpu));
void cpuhp_remove_state(enum cpuhp_state state);
void cpuhp_cpu_dead(unsigned int cpu);
int cpu_up_any(void);

#endif
