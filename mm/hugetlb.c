// SPDX-License-Identifier: GPL-2.0
/*
 * mm/hugetlb.c - the persistent huge page pool, as in 4.8
 *
 * Writing N to /proc/sys/vm/nr_hugepages (or to
 * /sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages) resizes the
 * pool of 2 MiB pages.  Growing it takes one order-9 block at a time
 * from the buddy allocator, with 4.8's gfp (htlb_alloc_mask() |
 * __GFP_COMP | __GFP_THISNODE | __GFP_REPEAT | __GFP_NOWARN): the slow
 * path reclaims and compacts, and __GFP_REPEAT lets it retry a costly
 * order while should_reclaim_retry() and should_compact_retry() see a
 * chance (mm/page_alloc.c), without ever calling the OOM killer.  The
 * first block that cannot be had ends the growth: the write still
 * succeeds, and the file reads back what the pool obtained.  Shrinking
 * gives blocks back to the buddy allocator.  Each attempt counts in
 * /proc/vmstat as htlb_buddy_alloc_success or htlb_buddy_alloc_fail.
 *
 * This is the allocation that users, and the kernel's compaction
 * selftest, make to ask for huge pages: it is what compaction of
 * non-LRU movable pages serves.
 *
 * umm has the pool and no users of it (no hugetlbfs, no huge page
 * mappings), so every pool page is free, nothing is reserved, and there
 * are no surplus pages: resv_hugepages, surplus_hugepages and
 * nr_overcommit_hugepages read 0 (the last is read-only here).  Nor
 * compound pages: a pool page is a plain order-9 block, kept on the free
 * list by its first page and freed with its order.
 */
#include <linux/hugetlb.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/err.h>
#include <linux/mm.h>
#include <linux/page_kind.h>
#include <linux/pseudo_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/sysfs.h>
#include <linux/vmstat.h>

DEFINE_SPINLOCK(hugetlb_lock);

struct hstate default_hstate = {
	.order = HUGETLB_PAGE_ORDER,
	.hugepage_freelist = LIST_HEAD_INIT(default_hstate.hugepage_freelist),
};

/* Pool pages show in memory maps as their own kind. */
static struct page_kind hugetlb_kind = {
	.name = "hugetlb", .desc = "hugetlb pool", .letter = 'h',
	.colour = "#8b5a2b",	/* brown: the balloon has the purples */
};

/* Every page is free: the persistent pages are all of them. */
static unsigned long persistent_huge_pages(struct hstate *h)
{
	return h->nr_huge_pages;
}

/* Called with hugetlb_lock held. */
static void enqueue_huge_page(struct hstate *h, struct page *page)
{
	list_add(&page->lru, &h->hugepage_freelist);
	WRITE_ONCE(h->free_huge_pages, h->free_huge_pages + 1);
}

/* A block the buddy allocator just gave us joins the pool. */
static void prep_new_huge_page(struct hstate *h, struct page *page)
{
	page_kind_set(page, huge_page_order(h), &hugetlb_kind);
	spin_lock(&hugetlb_lock);
	WRITE_ONCE(h->nr_huge_pages, h->nr_huge_pages + 1);
	enqueue_huge_page(h, page);
	spin_unlock(&hugetlb_lock);
}

/*
 * One block of the hstate's order, as 4.8's alloc_fresh_huge_page_node()
 * asks for it.  Return: 1 if the pool grew by one page, 0 if not.
 */
static int alloc_fresh_huge_page(struct hstate *h)
{
	struct page *page;

	page = alloc_pages(htlb_alloc_mask(h) | __GFP_COMP | __GFP_THISNODE |
			   __GFP_REPEAT | __GFP_NOWARN, huge_page_order(h));
	if (!page) {
		count_vm_event(HTLB_BUDDY_PGALLOC_FAIL);
		return 0;
	}
	prep_new_huge_page(h, page);
	count_vm_event(HTLB_BUDDY_PGALLOC);
	return 1;
}

/*
 * Take one free page out of the pool and give it back to the buddy
 * allocator.  Called with hugetlb_lock held; drops it around the free.
 * Return: 1 if a page went, 0 if the pool has no free page.
 */
static int free_pool_huge_page(struct hstate *h)
{
	struct page *page;

	if (list_empty(&h->hugepage_freelist))
		return 0;
	page = list_first_entry(&h->hugepage_freelist, struct page, lru);
	list_del(&page->lru);
	WRITE_ONCE(h->free_huge_pages, h->free_huge_pages - 1);
	WRITE_ONCE(h->nr_huge_pages, h->nr_huge_pages - 1);
	spin_unlock(&hugetlb_lock);
	__free_pages(page, huge_page_order(h));
	spin_lock(&hugetlb_lock);
	return 1;
}

/**
 * set_max_huge_pages - grow or shrink the pool to @count pages
 * @h: the hstate
 * @count: the number of pages wanted
 *
 * Grows one page at a time, the lock dropped around each allocation,
 * and stops at the first allocation that fails (or at a signal: Ctrl-C
 * at the console); shrinks by freeing pool pages.  Two resizes may run
 * at once: each looks at the pool afresh under the lock before every
 * step, as 4.8's does.  Sets h->max_huge_pages to the result.
 *
 * Return: the number of pages in the pool afterwards.
 */
unsigned long set_max_huge_pages(struct hstate *h, unsigned long count)
{
	unsigned long ret;

	spin_lock(&hugetlb_lock);
	while (count > persistent_huge_pages(h)) {
		int got;

		spin_unlock(&hugetlb_lock);
		cond_resched();
		got = alloc_fresh_huge_page(h);
		spin_lock(&hugetlb_lock);
		if (!got || signal_pending(current))
			goto out;
	}
	while (count < persistent_huge_pages(h)) {
		if (!free_pool_huge_page(h))
			break;
	}
out:
	ret = persistent_huge_pages(h);
	WRITE_ONCE(h->max_huge_pages, ret);
	spin_unlock(&hugetlb_lock);
	return ret;
}

/**
 * hugetlb_total_pages - the pages that the pool holds, in base pages
 *
 * Return: pool pages times pages per huge page.
 */
unsigned long hugetlb_total_pages(void)
{
	struct hstate *h = &default_hstate;

	return READ_ONCE(h->nr_huge_pages) * pages_per_huge_page(h);
}

/**
 * hugetlb_report_meminfo - the huge page lines of /proc/meminfo
 * @m: the seq_file
 *
 * In 6.1's format: HugePages_Total, _Free, _Rsvd, _Surp, Hugepagesize,
 * and Hugetlb (all hstates' memory, 4.17's line).
 */
void hugetlb_report_meminfo(struct seq_file *m)
{
	struct hstate *h = &default_hstate;
	unsigned long total, free;

	spin_lock(&hugetlb_lock);
	total = h->nr_huge_pages;
	free = h->free_huge_pages;
	spin_unlock(&hugetlb_lock);
	seq_printf(m,
		   "HugePages_Total:   %5lu\n"
		   "HugePages_Free:    %5lu\n"
		   "HugePages_Rsvd:    %5lu\n"
		   "HugePages_Surp:    %5lu\n"
		   "Hugepagesize:   %8lu kB\n",
		   total, free, 0UL, 0UL, huge_page_size(h) / SZ_1K);
	seq_printf(m, "Hugetlb:        %8lu kB\n",
		   total * (huge_page_size(h) / SZ_1K));
}

/**
 * hugetlb_sysctl_handler - /proc/sys/vm/nr_hugepages
 * @table: the entry
 * @write: 1 to resize the pool
 * @buffer: the text
 * @length: its length
 * @ppos: the file position
 *
 * Reads give max_huge_pages, what the last resize obtained; a write
 * that parses resizes the pool and succeeds however much of it the
 * allocator could give.
 *
 * Return: 0, or -EINVAL (nothing changed) for text that is not one
 * unsigned number.
 */
int hugetlb_sysctl_handler(struct ctl_table *table, int write,
			   void __user *buffer, size_t *length, loff_t *ppos)
{
	struct hstate *h = &default_hstate;
	unsigned long tmp = READ_ONCE(h->max_huge_pages);
	struct ctl_table t = *table;	/* 4.8 pointed the shared entry at tmp */
	int ret;

	t.data = &tmp;
	t.maxlen = sizeof(unsigned long);
	ret = proc_doulongvec_minmax(&t, write, buffer, length, ppos);
	if (ret || !write || !*length)
		return ret;
	set_max_huge_pages(h, tmp);
	return 0;
}

static struct ctl_table hugetlb_sysctls[] = {
	{
		.procname	= "nr_hugepages",
		.data		= NULL,
		.maxlen		= sizeof(unsigned long),
		.mode		= 0644,
		.proc_handler	= hugetlb_sysctl_handler,
	},
	{ }
};

/* ---- /sys/kernel/mm/hugepages/hugepages-2048kB ------------------------- */

/* Linux's kobj_attribute, for the hstate's files. */
struct hstate_attribute {
	struct attribute attr;
	ssize_t (*show)(struct hstate *h, char *buf);
	ssize_t (*store)(struct hstate *h, const char *buf, size_t count);
};

/* umm has no kernel_kobj nor mm_kobj: "hugepages" hangs on the tree. */
static struct kobject hugepages_kobj = { .name = "hugepages" };
static struct kobject hstate_kobj = { .parent = &hugepages_kobj };

static ssize_t hstate_attr_show(struct kobject *kobj, struct attribute *attr,
				char *buf)
{
	struct hstate_attribute *a =
		container_of(attr, struct hstate_attribute, attr);

	return a->show(&default_hstate, buf);
}

static ssize_t hstate_attr_store(struct kobject *kobj, struct attribute *attr,
				 const char *buf, size_t count)
{
	struct hstate_attribute *a =
		container_of(attr, struct hstate_attribute, attr);

	if (!a->store)
		return -EIO;
	return a->store(&default_hstate, buf, count);
}

static const struct sysfs_ops hstate_sysfs_ops = {
	.show	= hstate_attr_show,
	.store	= hstate_attr_store,
};

static const struct kobj_type hstate_ktype = {
	.sysfs_ops = &hstate_sysfs_ops,
};

static ssize_t nr_hugepages_show(struct hstate *h, char *buf)
{
	return sprintf(buf, "%lu\n", READ_ONCE(h->nr_huge_pages));
}

/* As 4.8's nr_hugepages_store_common(): one decimal number. */
static ssize_t nr_hugepages_store(struct hstate *h, const char *buf,
				  size_t len)
{
	unsigned long count;
	int err;

	err = kstrtoul(buf, 10, &count);
	if (err)
		return err;
	set_max_huge_pages(h, count);
	return len;
}

static ssize_t free_hugepages_show(struct hstate *h, char *buf)
{
	return sprintf(buf, "%lu\n", READ_ONCE(h->free_huge_pages));
}

/* No mappings, no overcommit: these stay 0 (see the top of the file). */
static ssize_t zero_show(struct hstate *h, char *buf)
{
	return sprintf(buf, "0\n");
}

static struct hstate_attribute nr_hugepages_attr =
	__ATTR(nr_hugepages, 0644, nr_hugepages_show, nr_hugepages_store);
static struct hstate_attribute free_hugepages_attr =
	__ATTR_RO(free_hugepages);
static struct hstate_attribute resv_hugepages_attr =
	__ATTR(resv_hugepages, 0444, zero_show, NULL);
static struct hstate_attribute surplus_hugepages_attr =
	__ATTR(surplus_hugepages, 0444, zero_show, NULL);
static struct hstate_attribute nr_overcommit_hugepages_attr =
	__ATTR(nr_overcommit_hugepages, 0444, zero_show, NULL);

static struct attribute *hstate_attrs[] = {
	&nr_hugepages_attr.attr,
	&nr_overcommit_hugepages_attr.attr,
	&free_hugepages_attr.attr,
	&resv_hugepages_attr.attr,
	&surplus_hugepages_attr.attr,
	NULL,
};

static const struct attribute_group hstate_attr_group = {
	.attrs = hstate_attrs,
};

static int __init hugetlb_sysfs_init(struct hstate *h)
{
	struct dentry *dir = pseudo_mkdir_p("/sys/kernel/mm/hugepages");
	int err;

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	hugepages_kobj.sd = dir;
	hstate_kobj.name = h->name;
	hstate_kobj.ktype = &hstate_ktype;
	err = sysfs_create_dir(&hstate_kobj);
	if (err)
		return err;
	err = sysfs_create_group(&hstate_kobj, &hstate_attr_group);
	if (err)
		sysfs_remove_dir(&hstate_kobj);
	return err;
}

static int __init hugetlb_init(void)
{
	struct hstate *h = &default_hstate;
	int err;

	scnprintf(h->name, sizeof(h->name), "hugepages-%lukB",
		  huge_page_size(h) / SZ_1K);
	err = page_kind_register(&hugetlb_kind);
	if (!err)
		err = hugetlb_sysfs_init(h);
	if (!err)
		err = register_sysctl("vm", hugetlb_sysctls);
	if (err)
		pr_err("hugetlb: cannot set up the pool's files: error %d\n",
		       err);
	return err;
}
subsys_initcall(hugetlb_init);
