/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the possible and online CPU masks. */
#ifndef __LINUX_CPUMASK_H
#define __LINUX_CPUMASK_H

#include <linux/types.h>
#include <linux/bitops.h>

struct cpumask {
	unsigned long bits[BITS_TO_LONGS(CONFIG_NR_CPUS)];
};

extern unsigned int nr_cpu_ids;
extern struct cpumask __cpu_online_mask;
#define cpu_online_mask		(&__cpu_online_mask)

static inline bool cpu_online(unsigned int cpu)
{
	return test_bit(cpu, cpu_online_mask->bits);
}

unsigned int num_online_cpus(void);
void set_cpu_online(unsigned int cpu, bool online);

/* kernel/cpu.c: bringing the CPUs up at boot */
void boot_cpu_init(void);
void smp_init(void);

#define for_each_possible_cpu(cpu) \
	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)
#define for_each_online_cpu(cpu) \
	for_each_set_bit(cpu, cpu_online_mask->bits, nr_cpu_ids)
#define for_each_cpu(cpu, mask) \
	for_each_set_bit(cpu, (mask)->bits, nr_cpu_ids)

static inline void cpumask_set_cpu(unsigned int cpu, struct cpumask *dstp)
{
	set_bit(cpu, dstp->bits);
}

static inline void cpumask_clear_cpu(unsigned int cpu, struct cpumask *dstp)
{
	clear_bit(cpu, dstp->bits);
}

static inline bool cpumask_test_cpu(unsigned int cpu,
				    const struct cpumask *cpumask)
{
	return test_bit(cpu, cpumask->bits);
}

static inline void cpumask_clear(struct cpumask *dstp)
{
	unsigned int i;

	for (i = 0; i < BITS_TO_LONGS(CONFIG_NR_CPUS); i++)
		dstp->bits[i] = 0;
}

#endif /* __LINUX_CPUMASK_H */
