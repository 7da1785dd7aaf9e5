// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/cpu.c - the CPUs and their hotplug callbacks
 *
 * nr_cpus= (default 64) CPUs exist, and all of them come online at boot:
 * the boot CPU first (boot_cpu_init(), before anything is allocated),
 * the others in smp_init(), before the initcalls, as in the kernel.
 * Tasks are not tied to CPUs: they are scheduled onto them
 * (kernel/sched/core.c), any number of tasks on any number of CPUs.
 *
 * A subsystem with per-cpu state registers startup and teardown callbacks
 * with cpuhp_setup_state(): the startup callback runs for every CPU as it
 * comes online (and at registration for the CPUs online already), the
 * teardown callback when a CPU goes offline or the state is removed.
 * CPUs stay online once up; the teardown callbacks run only on
 * cpuhp_remove_state().
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
 * cpuhp_mutex serialises CPUs coming online with the registration of
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

	if (kstrtouint(str, 0, &n) || n < 1 || n > CONFIG_NR_CPUS) {
		param_set_reason("must be between 1 and " __stringify(CONFIG_NR_CPUS));
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

/* Bring @cpu online and run its startup callbacks. */
static int cpu_up(unsigned int cpu)
{
	int ret;

	mutex_lock(&cpuhp_mutex);
	ret = cpuhp_bringup(cpu);
	if (!ret)
		set_cpu_online(cpu, true);
	mutex_unlock(&cpuhp_mutex);
	return ret;
}

/**
 * set_cpu_online - mark a CPU online or offline
 * @cpu: the CPU
 * @online: its new state
 */
void set_cpu_online(unsigned int cpu, bool online)
{
	spin_lock(&cpu_add_remove_lock);
	if (online)
		set_bit(cpu, __cpu_online_mask.bits);
	else
		clear_bit(cpu, __cpu_online_mask.bits);
	spin_unlock(&cpu_add_remove_lock);
}

/**
 * boot_cpu_init - the boot CPU is online
 *
 * Called before anything is allocated: no callback is registered yet.
 */
void __init boot_cpu_init(void)
{
	set_cpu_online(0, true);
}

/**
 * smp_init - bring the other CPUs online
 *
 * Called before the initcalls, so that subsystems registering their
 * callbacks there find every CPU online; a CPU whose startup callback
 * fails stays offline, and tasks are not scheduled onto it.
 */
void __init smp_init(void)
{
	unsigned int cpu;
	int ret;

	for_each_possible_cpu(cpu) {
		if (cpu_online(cpu))
			continue;
		ret = cpu_up(cpu);
		if (ret)
			pr_err("smp: CPU %u failed to come online: %d\n", cpu,
			       ret);
	}
	pr_info("smp: Brought up 1 node, %u CPUs\n", num_online_cpus());
}

/**
 * num_online_cpus - how many CPUs are online
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
