// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/cpu.c - virtual CPUs
 *
 * A CPU is brought online when a task (a host thread) starts and goes
 * offline when it exits; up to nr_cpu_ids (nr_cpus=, default 64) are
 * online at once.  Coming online runs the hotplug startup callbacks
 * (zsmalloc allocates the CPU's mapping buffer); going offline runs the
 * teardown callbacks, so the page allocator can drain that CPU's lists
 * as on a real CPU unplug.
 */
#include <linux/kernel.h>
#include <linux/cpumask.h>
#include <linux/cpuhotplug.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/errno.h>

unsigned int nr_cpu_ids = 64;
struct cpumask __cpu_online_mask;
/*
 * cpuhp_mutex serialises CPUs coming and going with the registration of
 * callbacks, so that every online CPU has run exactly the startup
 * callbacks registered; cpu_add_remove_lock guards the online mask, which
 * others read without cpuhp_mutex.  Order: cpuhp_mutex, then
 * cpu_add_remove_lock.
 */
static DEFINE_MUTEX(cpuhp_mutex);
static DEFINE_SPINLOCK(cpu_add_remove_lock);

static struct {
	const char *name;
	int (*startup)(unsigned int cpu);
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

/* Tear down @cpu's states below @upto, highest first. */
static void cpuhp_teardown_below(unsigned int cpu, int upto)
{
	int state;

	for (state = upto - 1; state >= 0; state--)
		if (cpuhp_states[state].teardown)
			cpuhp_states[state].teardown(cpu);
}

/* Run @cpu's startup callbacks; on a failure undo the ones that ran. */
static int cpuhp_bringup(unsigned int cpu)
{
	int state, ret;

	for (state = 0; state < CPUHP_NR_STATES; state++) {
		if (!cpuhp_states[state].startup)
			continue;
		ret = cpuhp_states[state].startup(cpu);
		if (ret) {
			cpuhp_teardown_below(cpu, state);
			return ret;
		}
	}
	return 0;
}

/**
 * cpuhp_setup_state_nocalls - register callbacks for CPUs coming and going
 * @state: the slot
 * @name: for messages
 * @startup: called for a CPU coming online, or NULL
 * @teardown: called for a CPU going offline, or NULL
 *
 * The CPUs already online are not called.
 *
 * Return: 0.
 */
int cpuhp_setup_state_nocalls(enum cpuhp_state state, const char *name,
			      int (*startup)(unsigned int cpu),
			      int (*teardown)(unsigned int cpu))
{
	mutex_lock(&cpuhp_mutex);
	cpuhp_states[state].name = name;
	cpuhp_states[state].startup = startup;
	cpuhp_states[state].teardown = teardown;
	mutex_unlock(&cpuhp_mutex);
	return 0;
}

/**
 * cpuhp_setup_state - register callbacks and start up the online CPUs
 * @state: the slot
 * @name: for messages
 * @startup: called for a CPU coming online, and now for each online CPU
 * @teardown: called for a CPU going offline, or NULL
 *
 * If @startup fails for an online CPU, the CPUs already started are torn
 * down again and nothing stays registered.
 *
 * Return: 0, or the error of @startup.
 */
int cpuhp_setup_state(enum cpuhp_state state, const char *name,
		      int (*startup)(unsigned int cpu),
		      int (*teardown)(unsigned int cpu))
{
	unsigned int cpu, undo;
	int ret = 0;

	mutex_lock(&cpuhp_mutex);
	for_each_online_cpu(cpu) {
		ret = startup ? startup(cpu) : 0;
		if (ret)
			break;
	}
	if (ret) {
		for_each_online_cpu(undo) {
			if (undo == cpu)
				break;
			if (teardown)
				teardown(undo);
		}
	} else {
		cpuhp_states[state].name = name;
		cpuhp_states[state].startup = startup;
		cpuhp_states[state].teardown = teardown;
	}
	mutex_unlock(&cpuhp_mutex);
	return ret;
}

/**
 * cpuhp_remove_state - tear down every online CPU and forget the callbacks
 * @state: the slot
 */
void cpuhp_remove_state(enum cpuhp_state state)
{
	unsigned int cpu;

	mutex_lock(&cpuhp_mutex);
	if (cpuhp_states[state].teardown)
		for_each_online_cpu(cpu)
			cpuhp_states[state].teardown(cpu);
	cpuhp_states[state].startup = NULL;
	cpuhp_states[state].teardown = NULL;
	mutex_unlock(&cpuhp_mutex);
}

/**
 * cpu_up_any - bring a free virtual CPU online for a new task
 *
 * Runs the startup callbacks for it, in the caller.
 *
 * Return: the CPU number; -EAGAIN when nr_cpu_ids CPUs are online; or the
 * error of a startup callback.
 */
int cpu_up_any(void)
{
	unsigned int cpu;
	int ret;

	mutex_lock(&cpuhp_mutex);
	spin_lock(&cpu_add_remove_lock);
	cpu = find_first_zero_bit(__cpu_online_mask.bits, nr_cpu_ids);
	if (cpu < nr_cpu_ids)
		set_bit(cpu, __cpu_online_mask.bits);
	spin_unlock(&cpu_add_remove_lock);
	if (cpu >= nr_cpu_ids) {
		mutex_unlock(&cpuhp_mutex);
		return -EAGAIN;
	}
	ret = cpuhp_bringup(cpu);
	if (ret) {
		spin_lock(&cpu_add_remove_lock);
		clear_bit(cpu, __cpu_online_mask.bits);
		spin_unlock(&cpu_add_remove_lock);
	}
	mutex_unlock(&cpuhp_mutex);
	return ret ? ret : (int)cpu;
}

/**
 * cpuhp_cpu_dead - take a CPU offline once its task is done with it
 * @cpu: the CPU
 *
 * Runs the teardown callbacks in reverse order of their states.
 */
void cpuhp_cpu_dead(unsigned int cpu)
{
	mutex_lock(&cpuhp_mutex);
	cpuhp_teardown_below(cpu, CPUHP_NR_STATES);
	spin_lock(&cpu_add_remove_lock);
	clear_bit(cpu, __cpu_online_mask.bits);
	spin_unlock(&cpu_add_remove_lock);
	mutex_unlock(&cpuhp_mutex);
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
