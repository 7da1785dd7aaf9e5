// SPDX-License-Identifier: GPL-2.0
/*
 * mm/vmstat.c - vm counters and the files that show them
 *
 * /proc/vmstat, /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo and
 * /sys/kernel/debug/extfrag/{extfrag_index,unusable_index}, laid out
 * byte for byte as Linux prints them, so that the scripts that parse
 * Linux's files parse these.  Only counters that umm maintains are shown.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/proc_fs.h>
#include <linux/debugfs.h>
#include <linux/init.h>
#include "internal.h"

DEFINE_PER_CPU(struct vm_event_state, vm_event_states);
atomic_long_t vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
atomic_long_t vm_node_stat[NR_VM_NODE_STAT_ITEMS];

#define TEXTS_FOR_ZONES(xx) xx "_normal", xx "_movable",

/* Must follow enum zone_stat_item, enum node_stat_item, enum vm_event_item. */
const char * const vmstat_text[] = {
	/* enum zone_stat_item */
	"nr_free_pages",
	"nr_zone_inactive_anon",
	"nr_zone_active_anon",
	"nr_zspages",
	"nr_free_cma",

	/* enum node_stat_item */
	"nr_inactive_anon",
	"nr_active_anon",
	"nr_slab_reclaimable",
	"nr_slab_unreclaimable",
	"nr_isolated_anon",
	"nr_anon_pages",
	"nr_kernel_stack",
	"nr_page_table_pages",

	/* enum vm_event_item */
	"pswpin",
	"pswpout",
	TEXTS_FOR_ZONES("pgalloc")
	TEXTS_FOR_ZONES("allocstall")
	TEXTS_FOR_ZONES("pgskip")
	"pgfree",
	"pgactivate",
	"pgdeactivate",
	"pgfault",
	"pgmajfault",
	"pgrefill",
	"pgsteal_kswapd",
	"pgsteal_direct",
	"pgscan_kswapd",
	"pgscan_direct",
	"pgscan_anon",
	"pgsteal_anon",
	"slabs_scanned",
	"pageoutrun",
	"oom_kill",
	"pgmigrate_success",
	"pgmigrate_fail",
	"compact_migrate_scanned",
	"compact_free_scanned",
	"compact_isolated",
	"compact_stall",
	"compact_fail",
	"compact_success",
	"compact_daemon_wake",
	"compact_daemon_migrate_scanned",
	"compact_daemon_free_scanned",
	"htlb_buddy_alloc_success",
	"htlb_buddy_alloc_fail",
	/* Linux counts these from 5.12 ("mm: vmstat: add cma statistics"). */
	"cma_alloc_success",
	"cma_alloc_fail",
	"balloon_inflate",
	"balloon_deflate",
	"balloon_migrate",
};

#define NR_VMSTAT_ITEMS (NR_VM_ZONE_STAT_ITEMS + NR_VM_NODE_STAT_ITEMS + \
			 NR_VM_EVENT_ITEMS)

/**
 * all_vm_events - sum every CPU's event counters
 * @ret: NR_VM_EVENT_ITEMS values
 *
 * Counters of CPUs that went offline stay in their per-cpu copies (they
 * count again if the CPU comes back), so every possible CPU is summed.
 */
void all_vm_events(unsigned long *ret)
{
	unsigned int cpu;
	int i;

	memset(ret, 0, NR_VM_EVENT_ITEMS * sizeof(unsigned long));
	for_each_possible_cpu(cpu) {
		struct vm_event_state *this = &per_cpu(vm_event_states, cpu);

		for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
			ret[i] += READ_ONCE(this->event[i]);
	}
}

/**
 * sum_vm_event - one event counter, summed over CPUs
 * @item: the event
 *
 * Return: the sum.
 */
unsigned long sum_vm_event(enum vm_event_item item)
{
	unsigned long sum = 0;
	unsigned int cpu;

	for_each_possible_cpu(cpu)
		sum += READ_ONCE(per_cpu(vm_event_states, cpu).event[item]);
	return sum;
}

/* ---- /proc/vmstat ---------------------------------------------------- */

static int vmstat_show(struct seq_file *m, void *arg)
{
	unsigned long events[NR_VM_EVENT_ITEMS];
	int i, n = 0;

	BUILD_BUG_ON(ARRAY_SIZE(vmstat_text) != NR_VMSTAT_ITEMS);
	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vmstat_text[n++],
			   global_zone_page_state(i));
	for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vmstat_text[n++],
			   global_node_page_state(i));
	all_vm_events(events);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vmstat_text[n++], events[i]);
	return 0;
}

/* ---- /proc/buddyinfo ------------------------------------------------- */

static int frag_show(struct seq_file *m, void *arg)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long nr[MAX_ORDER];
		unsigned int order;

		spin_lock(&zone->lock);
		for (order = 0; order < MAX_ORDER; order++)
			nr[order] = zone->free_area[order].nr_free;
		spin_unlock(&zone->lock);
		seq_printf(m, "Node %d, zone %8s ", 0, zone->name);
		for (order = 0; order < MAX_ORDER; order++)
			seq_printf(m, "%6lu ", nr[order]);
		seq_putc(m, '\n');
	}
	return 0;
}

/* ---- /proc/pagetypeinfo ---------------------------------------------- */

static void pagetypeinfo_showfree(struct seq_file *m)
{
	struct zone *zone;
	unsigned int order;
	int mtype;

	seq_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (order = 0; order < MAX_ORDER; ++order)
		seq_printf(m, "%6d ", order);
	seq_putc(m, '\n');

	for_each_populated_zone(zone) {
		for (mtype = 0; mtype < MIGRATE_TYPES; mtype++) {
			seq_printf(m, "Node %4d, zone %8s, type %12s ", 0,
				   zone->name, migratetype_names[mtype]);
			for (order = 0; order < MAX_ORDER; ++order) {
				struct free_area *area = &zone->free_area[order];
				unsigned long freecount = 0;
				struct list_head *curr;
				bool overflow = false;

				spin_lock(&zone->lock);
				list_for_each(curr, &area->free_list[mtype]) {
					/* Linux stops counting here, too. */
					if (++freecount >= 100000) {
						overflow = true;
						break;
					}
				}
				spin_unlock(&zone->lock);
				seq_printf(m, "%s%6lu ", overflow ? ">" : "",
					   freecount);
			}
			seq_putc(m, '\n');
		}
	}
}

static void pagetypeinfo_showblockcount(struct seq_file *m)
{
	struct zone *zone;
	int mtype;

	seq_printf(m, "\n%-23s", "Number of blocks type ");
	for (mtype = 0; mtype < MIGRATE_TYPES; mtype++)
		seq_printf(m, "%12s ", migratetype_names[mtype]);
	seq_putc(m, '\n');

	for_each_populated_zone(zone) {
		unsigned long count[MIGRATE_TYPES] = { 0 };
		unsigned long pfn;

		for (pfn = zone->zone_start_pfn; pfn < zone_end_pfn(zone);
		     pfn += pageblock_nr_pages) {
			struct page *page = pfn_to_page(pfn);

			count[get_pageblock_migratetype(page)]++;
		}
		seq_printf(m, "Node %d, zone %8s ", 0, zone->name);
		for (mtype = 0; mtype < MIGRATE_TYPES; mtype++)
			seq_printf(m, "%12lu ", count[mtype]);
		seq_putc(m, '\n');
	}
}

static int pagetypeinfo_show(struct seq_file *m, void *arg)
{
	seq_printf(m, "Page block order: %d\n", pageblock_order);
	seq_printf(m, "Pages per block:  %lu\n", pageblock_nr_pages);
	seq_putc(m, '\n');
	pagetypeinfo_showfree(m);
	pagetypeinfo_showblockcount(m);
	return 0;
}

/* ---- /proc/zoneinfo -------------------------------------------------- */

static void zoneinfo_show_zone(struct seq_file *m, struct zone *zone,
			       bool first)
{
	pg_data_t *pgdat = zone->zone_pgdat;
	unsigned int cpu;
	int i;

	seq_printf(m, "Node %d, zone %8s", 0, zone->name);
	if (first) {
		seq_puts(m, "\n  per-node stats");
		for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
			seq_printf(m, "\n      %-12s %lu",
				   vmstat_text[NR_VM_ZONE_STAT_ITEMS + i],
				   node_page_state(pgdat, i));
	}
	seq_printf(m,
		   "\n  pages free     %lu"
		   "\n        boost    %lu"
		   "\n        min      %lu"
		   "\n        low      %lu"
		   "\n        high     %lu"
		   "\n        spanned  %lu"
		   "\n        present  %lu"
		   "\n        managed  %lu"
		   "\n        cma      %lu",
		   zone_page_state(zone, NR_FREE_PAGES), 0UL,
		   min_wmark_pages(zone), low_wmark_pages(zone),
		   high_wmark_pages(zone), zone->spanned_pages,
		   zone->present_pages, zone_managed_pages(zone), 0UL);

	seq_printf(m, "\n        protection: (%ld",
		   READ_ONCE(zone->lowmem_reserve[0]));
	for (i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(m, ", %ld", READ_ONCE(zone->lowmem_reserve[i]));
	seq_putc(m, ')');

	if (!populated_zone(zone)) {
		seq_putc(m, '\n');
		return;
	}
	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(m, "\n      %-12s %lu", vmstat_text[i],
			   zone_page_state(zone, i));

	seq_puts(m, "\n  pagesets");
	for_each_online_cpu(cpu) {
		struct per_cpu_pages *pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;

		seq_printf(m,
			   "\n    cpu: %i"
			   "\n              count: %i"
			   "\n              high:  %i"
			   "\n              batch: %i",
			   cpu, READ_ONCE(pcp->count), pcp->high, pcp->batch);
	}
	/* Counters are folded at once here: Linux's threshold 0 behaviour. */
	seq_printf(m,
		   "\n  vm stats threshold: %d"
		   "\n  node_unreclaimable:  %u"
		   "\n  start_pfn:           %lu"
		   "\n", 0, 0, zone->zone_start_pfn);
}

static int zoneinfo_show(struct seq_file *m, void *arg)
{
	struct zone *zone;
	bool first = true;

	for_each_zone(zone) {
		zoneinfo_show_zone(m, zone, first && populated_zone(zone));
		if (populated_zone(zone))
			first = false;
	}
	return 0;
}

/* ---- fragmentation indices ------------------------------------------- */

/**
 * fill_contig_page_info - summarise a zone's free blocks for an order
 * @zone: the zone
 * @suitable_order: the order of interest
 * @info: filled in: free pages, free blocks, and free blocks that could
 *	  serve an allocation of @suitable_order (counted in such blocks)
 */
void fill_contig_page_info(struct zone *zone, unsigned int suitable_order,
			   struct contig_page_info *info)
{
	unsigned int order;

	info->free_pages = 0;
	info->free_blocks_total = 0;
	info->free_blocks_suitable = 0;
	for (order = 0; order < MAX_ORDER; order++) {
		unsigned long blocks = READ_ONCE(zone->free_area[order].nr_free);

		info->free_blocks_total += blocks;
		info->free_pages += blocks << order;
		if (order >= suitable_order)
			info->free_blocks_suitable += blocks <<
						(order - suitable_order);
	}
}

/*
 * The fragmentation index of Mel Gorman's anti-fragmentation work: for a
 * failing allocation, towards 0 means it failed for lack of memory,
 * towards 1000 for fragmentation; -1000 means it would succeed.
 */
static int __fragmentation_index(unsigned int order,
				 struct contig_page_info *info)
{
	unsigned long requested = 1UL << order;

	if (!info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -1000;
	return 1000 - (int)((1000 + (info->free_pages * 1000ULL / requested)) /
			    info->free_blocks_total);
}

/**
 * fragmentation_index - why would an allocation of @order fail in @zone?
 * @zone: the zone
 * @order: the order
 *
 * Return: -1000 if it would not fail, otherwise 0 (no memory) to 1000
 * (fragmentation).
 */
int fragmentation_index(struct zone *zone, unsigned int order)
{
	struct contig_page_info info;

	fill_contig_page_info(zone, order, &info);
	return __fragmentation_index(order, &info);
}

/* The share of free memory in blocks too small for @order, 0..1000. */
static int unusable_free_index(unsigned int order,
			       struct contig_page_info *info)
{
	if (info->free_pages == 0)
		return 1000;
	return (int)((info->free_pages -
		      (info->free_blocks_suitable << order)) * 1000ULL /
		     info->free_pages);
}

static void print_index(struct seq_file *m, int index)
{
	int a = index < 0 ? -index : index;

	/* Linux prints -1000 as "-1.000". */
	seq_printf(m, "%s%d.%03d ", index < 0 ? "-" : "", a / 1000, a % 1000);
}

/* One line per zone: an index for every order, as Linux prints them. */
static void zone_index_show(struct seq_file *m,
			    int (*index)(unsigned int order,
					 struct contig_page_info *info))
{
	struct zone *zone;
	unsigned int order;

	for_each_populated_zone(zone) {
		struct contig_page_info info;

		seq_printf(m, "Node %d, zone %8s ", 0, zone->name);
		for (order = 0; order < MAX_ORDER; ++order) {
			fill_contig_page_info(zone, order, &info);
			print_index(m, index(order, &info));
		}
		seq_putc(m, '\n');
	}
}

static int extfrag_show(struct seq_file *m, void *arg)
{
	zone_index_show(m, __fragmentation_index);
	return 0;
}

static int unusable_show(struct seq_file *m, void *arg)
{
	zone_index_show(m, unusable_free_index);
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(extfrag);
DEFINE_SHOW_ATTRIBUTE(unusable);

static int __init vmstat_proc_init(void)
{
	struct dentry *extfrag_debug_root;

	proc_create_single("buddyinfo", 0444, NULL, frag_show);
	proc_create_single("pagetypeinfo", 0400, NULL, pagetypeinfo_show);
	proc_create_single("vmstat", 0444, NULL, vmstat_show);
	proc_create_single("zoneinfo", 0444, NULL, zoneinfo_show);

	extfrag_debug_root = debugfs_create_dir("extfrag", NULL);
	debugfs_create_file("unusable_index", 0444, extfrag_debug_root, NULL,
			    &unusable_fops);
	debugfs_create_file("extfrag_index", 0444, extfrag_debug_root, NULL,
			    &extfrag_fops);
	return 0;
}
fs_initcall(vmstat_proc_init);
