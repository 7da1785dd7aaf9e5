/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): callbacks for CPUs coming online and going offline. */
/* newer: CPUHP_PAGE_ALLOC_DEAD and CPUHP_MM_ZS_PREPARE are a later */
/* newer: kernel's hotplug states (4.8's page_alloc and zsmalloc use notifiers). */
#ifndef __CPUHOTPLUG_H
#define __CPUHOTPLUG_H

/* Startup callbacks run in this order, teardown callbacks in reverse. */
enum cpuhp_state {
	CPUHP_PAGE_ALLOC_DEAD,
	CPUHP_MM_ZS_PREPARE,
	CPUHP_NR_STATES
};

/*
 * Every CPU comes online at boot, before the initcalls (kernel/cpu.c), so
 * a startup callback registered with cpuhp_setup_state() runs once per
 * CPU, in the registering task; it may allocate, and its failure fails
 * the registration.  CPUs do not go offline afterwards: a teardown
 * callback runs when its state is removed.
 */
int cpuhp_setup_state(enum cpuhp_state state, const char *name,
		      int (*startup)(unsigned int cpu),
		      int (*teardown)(unsigned int cpu));
int cpuhp_setup_state_nocalls(enum cpuhp_state state, const char *name,
			      int (*startup)(unsigned int cpu),
			      int (*teardown)(unsigned int cpu));
void cpuhp_remove_state(enum cpuhp_state state);

#endif
