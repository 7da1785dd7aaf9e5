// SPDX-License-Identifier: GPL-2.0
/*
 * fs/proc/meminfo.c - /proc/meminfo
 *
 * Linux's layout ("Name:" padded to 16 columns, the value in 8, " kB"),
 * with the lines whose subject exists in umm.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/swap.h>
#include <linux/percpu.h>
#include <linux/seq_file.h>
#include <linux/proc_fs.h>
#include <linux/init.h>
#include <linux/hugetlb.h>
#include <linux/cma.h>

static void show_val_kb(struct seq_file *m, const char *s, unsigned long num)
{
	seq_put_decimal_ull_width(m, s, num << (PAGE_SHIFT - 10), 8);
	seq_write(m, " kB\n", 4);
}

static int meminfo_proc_show(struct seq_file *m, void *v)
{
	unsigned long sreclaimable = global_node_page_state(NR_SLAB_RECLAIMABLE);
	unsigned long sunreclaim = global_node_page_state(NR_SLAB_UNRECLAIMABLE);
	unsigned long active = global_node_page_state(NR_ACTIVE_ANON);
	unsigned long inactive = global_node_page_state(NR_INACTIVE_ANON);
	unsigned long swap_total, swap_free;

	si_swapinfo(&swap_total, &swap_free);
	show_val_kb(m, "MemTotal:       ", totalram_pages);
	show_val_kb(m, "MemFree:        ", global_zone_page_state(NR_FREE_PAGES));
	show_val_kb(m, "MemAvailable:   ", si_mem_available());
	/* No swap cache that outlives a write-out: see mm/swap_state.c. */
	show_val_kb(m, "SwapCached:     ", 0);
	show_val_kb(m, "Active:         ", active);
	show_val_kb(m, "Inactive:       ", inactive);
	show_val_kb(m, "Active(anon):   ", active);
	show_val_kb(m, "Inactive(anon): ", inactive);
	show_val_kb(m, "SwapTotal:      ", swap_total);
	show_val_kb(m, "SwapFree:       ", swap_free);
	show_val_kb(m, "AnonPages:      ", global_node_page_state(NR_ANON_MAPPED));
	show_val_kb(m, "Slab:           ", sreclaimable + sunreclaim);
	show_val_kb(m, "SReclaimable:   ", sreclaimable);
	show_val_kb(m, "SUnreclaim:     ", sunreclaim);
	seq_printf(m, "KernelStack:    %8lu kB\n",
		   global_node_page_state(NR_KERNEL_STACK_KB));
	show_val_kb(m, "PageTables:     ", global_node_page_state(NR_PAGETABLE));
	show_val_kb(m, "Percpu:         ", pcpu_nr_pages());
	/* As Linux: after the transparent huge page lines umm lacks. */
	show_val_kb(m, "CmaTotal:       ", totalcma_pages);
	show_val_kb(m, "CmaFree:        ",
		    global_zone_page_state(NR_FREE_CMA_PAGES));
	hugetlb_report_meminfo(m);
	return 0;
}

static int __init proc_meminfo_init(void)
{
	proc_create_single("meminfo", 0444, NULL, meminfo_proc_show);
	return 0;
}
fs_initcall(proc_meminfo_init);
