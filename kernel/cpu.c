// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/cpu.c - virtual CPUs
 *
 * A CPU is brought online when a task (a host thread) starts and goes
 * offline when it exits; up to nr_cpu_ids (nr_cpus=, default 64) are
 * online at once.  Going offline runs the hotplug teardown callbacks, so
 * the page allocator can drain that CPU's lists as on a real CPU unplug.
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/cpuhotplug.h>
#include <linux/spinlock.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/errno.h>

unsigned int nr_cpu_ids = 64;
struct cpumask __cpu_online_mask;
static DEFINE_SPINLOCK(cpu_add_remove_lock);

static struct {
	const char *name;
	int (*teardown)(unsigned int cpu);
} cpuhp_states[CPUHP_NR_STATES];

static int __init nr_cpus_setup(char *str)
{
	unsigned int n;

	if (kstrtouint(str, 0, &n) || n < 2 || n > CONFIG_NR_CPUS) {
		param_set_reason("must be between 2 and " __stringify(CONFIG_NR_CPUS));
		return -EINVAL;
	}
	nr_cpu_ids = n;
	return 0;
}
early_param("nr_cpus", nr_cpus_setup);

/**
 * cpuhp_setup_state_nocalls - register callbacks for CPUs coming and going
 * @state: the slot
 * @name: for messages
 * @startup: unused here (CPUs start with zeroed per-cpu state)
 * @teardown: called for a CPU going offline
 *
 * Return: 0.
 */
int cpuhp_setup_state_nocalls(enum cpuhp_state state, const char *name,
			      int (*startup)(unsigned int cpu),
			      int (*teardown)(unsigned int cpu))
{
	cpuhp_states[state].name = name;
	cpuhp_states[state].teardown = teardown;
	return 0;
}

/**
 * cpu_up_any - bring a free virtual CPU online for a new task
 *
 * Return: the CPU number, or -EAGAIN when nr_cpu_ids CPUs are online.
 */
int cpu_up_any(void)
{
	unsigned int cpu;

	spin_lock(&cpu_add_remove_lock);
	cpu = find_first_zero_bit(__cpu_online_mask.bits, nr_cpu_ids);
	if (cpu < nr_cpu_ids)
		set_bit(cpu, __cpu_online_mask.bits);
	spin_unlock(&cpu_add_remove_lock);
	return cpu < nr_cpu_ids ? (int)cpu : -EAGAIN;
}

/**
 * cpuhp_cpu_dead - take a CPU offline once its task is done with it
 * @cpu: the CPU
 *
 * Runs the teardown callbacks in reverse order of their states.
 */
void cpuhp_cpu_dead(unsigned int cpu)
{
	int state;

	for (state = CPUHP_NR_STATES - 1; state >= 0; state--)
		if (cpuhp_states[state].teardown)
			cpuhp_states[state].teardown(cpu);
	spin_lock(&cpu_add_remove_lock);
	clear_bit(cpu, __cpu_online_mask.bits);
	spin_unlock(&cpu_add_remove_lock);
}

/**
 * num_online_cpus - how many virtual CPUs (tasks) are running
 *
 * Return: the number of online CPUs.
 */
unsigned int num_online_cpus(void)
{
	unsigned int cpu, n = 0;

	for_each_online_cpu(cpu)
		n++;
	return n;
}
