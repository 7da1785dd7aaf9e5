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

#endif /* __LINUX_CPUMASK_H */
