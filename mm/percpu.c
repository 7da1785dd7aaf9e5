// SPDX-License-Identifier: GPL-2.0
/*
 * mm/percpu.c - per-cpu areas
 *
 * Each possible CPU gets a unit of the same size, carved from boot
 * memory: the static per-cpu variables (the data_percpu section) are
 * copied to the start of every unit, and the rest of the unit is the
 * dynamic area that alloc_percpu() hands out, at the same offset in every
 * unit.  A per-cpu pointer is an address in the section's image; adding
 * __per_cpu_offset[cpu] gives that CPU's copy, as in the kernel.
 */
#include <linux/kernel.h>
#include <linux/percpu.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/init.h>
#include <asm/sections.h>

#define PCPU_DYNAMIC_SIZE	(8 << 10)
#define PCPU_MIN_ALLOC_SHIFT	3	/* granule: 8 bytes */
#define PCPU_GRANULES		(PCPU_DYNAMIC_SIZE >> PCPU_MIN_ALLOC_SHIFT)

unsigned long __per_cpu_offset[NR_CPUS];

static char *pcpu_base;
static size_t pcpu_static_size, pcpu_unit_size;
static DECLARE_BITMAP(pcpu_used, PCPU_GRANULES);
static unsigned short pcpu_len[PCPU_GRANULES];	/* granules of an area */
static DEFINE_SPINLOCK(pcpu_lock);

static unsigned long pcpu_template(void)
{
	return (unsigned long)__start_data_percpu;
}

void __init setup_per_cpu_areas(void)
{
	unsigned int cpu;

	pcpu_static_size = __stop_data_percpu - __start_data_percpu;
	pcpu_unit_size = PAGE_ALIGN(ALIGN(pcpu_static_size, 64) +
				    PCPU_DYNAMIC_SIZE);
	pcpu_base = memblock_alloc(pcpu_unit_size * nr_cpu_ids, PAGE_SIZE);
	for_each_possible_cpu(cpu) {
		char *unit = pcpu_base + cpu * pcpu_unit_size;

		memcpy(unit, __start_data_percpu, pcpu_static_size);
		__per_cpu_offset[cpu] = (unsigned long)unit - pcpu_template();
	}
}

/**
 * __alloc_percpu - allocate zeroed memory in every CPU's unit
 * @size: bytes
 * @align: alignment (at most the unit's 64-byte alignment)
 *
 * Return: a per-cpu pointer for per_cpu_ptr()/this_cpu_ptr(), or NULL.
 */
void __percpu *__alloc_percpu(size_t size, size_t align)
{
	size_t dyn = ALIGN(pcpu_static_size, 64);
	unsigned long n = DIV_ROUND_UP(size, 1 << PCPU_MIN_ALLOC_SHIFT);
	unsigned long step = max_t(unsigned long, 1,
				   align >> PCPU_MIN_ALLOC_SHIFT);
	unsigned long start;
	unsigned int cpu;

	spin_lock(&pcpu_lock);
	for (start = 0; start + n <= PCPU_GRANULES; start += step) {
		if (find_next_bit(pcpu_used, start + n, start) >= start + n)
			break;
	}
	if (start + n > PCPU_GRANULES) {
		spin_unlock(&pcpu_lock);
		return NULL;
	}
	bitmap_set(pcpu_used, start, n);
	pcpu_len[start] = n;
	spin_unlock(&pcpu_lock);

	start = dyn + (start << PCPU_MIN_ALLOC_SHIFT);
	for_each_possible_cpu(cpu)
		memset(pcpu_base + cpu * pcpu_unit_size + start, 0, size);
	return (void __percpu *)(pcpu_template() + start);
}

/**
 * free_percpu - free memory from __alloc_percpu()
 * @ptr: the per-cpu pointer (NULL is ignored)
 */
void free_percpu(void __percpu *ptr)
{
	size_t dyn = ALIGN(pcpu_static_size, 64);
	unsigned long start;

	if (!ptr)
		return;
	start = ((unsigned long __force)ptr - pcpu_template() - dyn) >>
		PCPU_MIN_ALLOC_SHIFT;
	spin_lock(&pcpu_lock);
	bitmap_clear(pcpu_used, start, pcpu_len[start]);
	pcpu_len[start] = 0;
	spin_unlock(&pcpu_lock);
}

/**
 * pcpu_nr_pages - pages used by the per-cpu areas ("Percpu:" in meminfo)
 *
 * Return: the number of pages.
 */
unsigned long pcpu_nr_pages(void)
{
	return (pcpu_unit_size * nr_cpu_ids) >> PAGE_SHIFT;
}
