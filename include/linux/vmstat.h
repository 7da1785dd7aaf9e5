/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: vm events and zone/node counters. */
/* newer: global_zone_page_state() is 4.14's name for global_page_state(). */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/types.h>
#include <linux/percpu.h>
#include <linux/mmzone.h>
#include <linux/vm_event_item.h>
#include <linux/atomic.h>

struct vm_event_state {
	unsigned long event[NR_VM_EVENT_ITEMS];
};

DECLARE_PER_CPU(struct vm_event_state, vm_event_states);

/* Events are per-cpu; only the CPU's own task writes its copy. */
static inline void __count_vm_event(enum vm_event_item item)
{
	this_cpu_inc(vm_event_states.event[item]);
}

static inline void count_vm_event(enum vm_event_item item)
{
	this_cpu_inc(vm_event_states.event[item]);
}

static inline void __count_vm_events(enum vm_event_item item, long delta)
{
	this_cpu_add(vm_event_states.event[item], delta);
}

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	this_cpu_add(vm_event_states.event[item], delta);
}

#define __count_zid_vm_events(item, zid, delta) \
	__count_vm_events(item##_NORMAL - ZONE_NORMAL + zid, delta)

void all_vm_events(unsigned long *ret);
unsigned long sum_vm_event(enum vm_event_item item);

/*
 * Zone and node counters.  Linux batches updates in per-cpu differentials
 * with a threshold; umm's threshold is 0 (see "vm stats threshold" in
 * /proc/zoneinfo): every update goes straight to the atomic counters, so
 * the values read are exact.
 */
extern atomic_long_t vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
extern atomic_long_t vm_node_stat[NR_VM_NODE_STAT_ITEMS];

static inline unsigned long global_zone_page_state(enum zone_stat_item item)
{
	long x = atomic_long_read(&vm_zone_stat[item]);

	return x < 0 ? 0 : x;
}
#define global_page_state(item)	global_zone_page_state(item)

static inline unsigned long global_node_page_state(enum node_stat_item item)
{
	long x = atomic_long_read(&vm_node_stat[item]);

	return x < 0 ? 0 : x;
}

static inline unsigned long zone_page_state(struct zone *zone,
					    enum zone_stat_item item)
{
	long x = atomic_long_read(&zone->vm_stat[item]);

	return x < 0 ? 0 : x;
}
#define zone_page_state_snapshot(zone, item)	zone_page_state(zone, item)

static inline unsigned long node_page_state(struct pglist_data *pgdat,
					    enum node_stat_item item)
{
	long x = atomic_long_read(&pgdat->vm_stat[item]);

	return x < 0 ? 0 : x;
}

static inline void __mod_zone_page_state(struct zone *zone,
					 enum zone_stat_item item, long delta)
{
	atomic_long_add(delta, &zone->vm_stat[item]);
	atomic_long_add(delta, &vm_zone_stat[item]);
}

static inline void __mod_node_page_state(struct pglist_data *pgdat,
					 enum node_stat_item item, long delta)
{
	atomic_long_add(delta, &pgdat->vm_stat[item]);
	atomic_long_add(delta, &vm_node_stat[item]);
}

#define mod_zone_page_state	__mod_zone_page_state
#define mod_node_page_state	__mod_node_page_state
#define __inc_zone_page_state(page, item) \
	__mod_zone_page_state(page_zone(page), item, 1)
#define __dec_zone_page_state(page, item) \
	__mod_zone_page_state(page_zone(page), item, -1)
#define inc_zone_page_state	__inc_zone_page_state
#define dec_zone_page_state	__dec_zone_page_state
#define __inc_node_page_state(page, item) \
	__mod_node_page_state(page_pgdat(page), item, 1)
#define __dec_node_page_state(page, item) \
	__mod_node_page_state(page_pgdat(page), item, -1)
#define inc_node_page_state	__inc_node_page_state
#define dec_node_page_state	__dec_node_page_state
#define mod_node_page_state_page(page, item, d) \
	__mod_node_page_state(page_pgdat(page), item, d)

static inline void __mod_zone_freepage_state(struct zone *zone, int nr_pages,
					     int migratetype)
{
	__mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
	if (is_migrate_cma(migratetype))
		__mod_zone_page_state(zone, NR_FREE_CMA_PAGES, nr_pages);
}

extern const char * const vmstat_text[];

/* mm/vmstat.c */
struct contig_page_info {
	unsigned long free_pages;
	unsigned long free_blocks_total;
	unsigned long free_blocks_suitable;
};
void fill_contig_page_info(struct zone *zone, unsigned int suitable_order,
			   struct contig_page_info *info);
int fragmentation_index(struct zone *zone, unsigned int order);

#endif /* _LINUX_VMSTAT_H */
