/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): 4.8's persistent huge page pool, one 2 MiB hstate. */
/* newer: /proc/meminfo's Hugetlb line is 4.17's. */
#ifndef _LINUX_HUGETLB_H
#define _LINUX_HUGETLB_H

/*
 * The persistent huge page pool, as users set it through
 * /proc/sys/vm/nr_hugepages: pages of the hstate's order taken from the
 * buddy allocator and kept aside.  umm has the pool only: no hugetlbfs,
 * no mappings of huge pages, hence no reservations and no surplus pages
 * (overcommit); those counts read as 0.  One node, one hstate (x86_64's
 * 2 MiB default_hstate); no gigantic pages.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>

/* x86_64's HPAGE_SHIFT (21) - PAGE_SHIFT: the 2 MiB hstate. */
#define HUGETLB_PAGE_ORDER	9

struct seq_file;
struct ctl_table;

struct hstate {
	unsigned int order;
	/* What the last resize obtained: the sysctl reads this back. */
	unsigned long max_huge_pages;
	unsigned long nr_huge_pages;
	unsigned long free_huge_pages;
	/* 4.8 has one per node; every pool page is free here. */
	struct list_head hugepage_freelist;
	char name[32];		/* "hugepages-2048kB" */
};

extern struct hstate default_hstate;
/* Protects the counts and the free list of every hstate. */
extern spinlock_t hugetlb_lock;

static inline unsigned int huge_page_order(const struct hstate *h)
{
	return h->order;
}

static inline unsigned long pages_per_huge_page(const struct hstate *h)
{
	return 1UL << h->order;
}

static inline unsigned long huge_page_size(const struct hstate *h)
{
	return PAGE_SIZE << h->order;
}

/*
 * 4.8 allocates pool pages movable when hugepage_migration_supported():
 * on x86_64, for the PMD-sized (2 MiB) hstate, it is.  Otherwise only
 * with vm.hugepages_treat_as_movable, which umm does not have.
 */
static inline gfp_t htlb_alloc_mask(const struct hstate *h)
{
	return GFP_HIGHUSER_MOVABLE;
}

unsigned long set_max_huge_pages(struct hstate *h, unsigned long count);
void hugetlb_report_meminfo(struct seq_file *m);
unsigned long hugetlb_total_pages(void);
int hugetlb_sysctl_handler(struct ctl_table *table, int write,
			   void __user *buffer, size_t *length, loff_t *ppos);

#endif /* _LINUX_HUGETLB_H */
