// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/umm_alloc/umm_alloc.c - alloc and free for the guest
 * agent of './umm compare'
 *
 * umm's console keeps named sets of page blocks (init/console_mm.c):
 * "alloc SET ORDER COUNT TYPE" tries COUNT allocations of 2^ORDER pages
 * of a migratetype and keeps those that succeed, "free SET HOW" gives
 * back all or part of them.  A program cannot hold kernel pages, so this
 * module does it for the agent, behind one file:
 *
 *   /sys/kernel/debug/umm_alloc/ctl
 *
 * Write one command ("alloc SET ORDER COUNT unmovable|movable|
 * reclaimable", "free SET all|half|every=N|random=PCT", "sets"), then
 * read what it printed, in the words of umm's console.  A free of a set
 * that does not exist fails with ENOENT.  The agent has checked the
 * words already; the module checks them again and answers EINVAL.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#define SET_NAME_LEN	32
#define CMD_MAX		128
#define OUT_MAX		(64 << 10)

struct page_set {
	char name[SET_NAME_LEN];
	struct list_head pages;		/* blocks, through page->lru */
	unsigned long nr_blocks;
	unsigned long nr_pages;
	struct list_head list;
};

static LIST_HEAD(page_sets);
static DEFINE_MUTEX(ctl_lock);		/* the sets and the output */
static char *out;			/* what the last command printed */
static size_t out_len;
static struct dentry *dir;

static __printf(1, 2) void out_printf(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	out_len += vscnprintf(out + out_len, OUT_MAX - out_len, fmt, args);
	va_end(args);
}

static struct page_set *find_set(const char *name)
{
	struct page_set *set;

	list_for_each_entry(set, &page_sets, list)
		if (!strcmp(set->name, name))
			return set;
	return NULL;
}

static const struct {
	const char *name;
	gfp_t gfp;
} alloc_types[] = {
	{ "unmovable", GFP_KERNEL },
	{ "movable", GFP_HIGHUSER_MOVABLE },
	{ "reclaimable", GFP_KERNEL | __GFP_RECLAIMABLE },
};

static int do_alloc(char *name, char *order_s, char *count_s, char *type)
{
	unsigned int order, count, i, ok = 0;
	struct page_set *set;
	gfp_t gfp = 0;

	if (!name || !order_s || !count_s || !type ||
	    kstrtouint(order_s, 10, &order) || order >= MAX_ORDER ||
	    kstrtouint(count_s, 10, &count) || !count ||
	    strlen(name) >= SET_NAME_LEN)
		return -EINVAL;
	for (i = 0; i < ARRAY_SIZE(alloc_types); i++)
		if (!strcmp(type, alloc_types[i].name))
			gfp = alloc_types[i].gfp;
	if (!gfp)
		return -EINVAL;

	set = find_set(name);
	if (!set) {
		set = kzalloc(sizeof(*set), GFP_KERNEL);
		if (!set)
			return -ENOMEM;
		strscpy(set->name, name, sizeof(set->name));
		INIT_LIST_HEAD(&set->pages);
		list_add_tail(&set->list, &page_sets);
	}
	for (i = 0; i < count; i++) {
		/* As umm's console: one try, no OOM kill, no warning. */
		struct page *page = alloc_pages(gfp | __GFP_NOWARN |
						__GFP_NORETRY, order);

		if (!page)
			continue;
		set_page_private(page, order);
		list_add_tail(&page->lru, &set->pages);
		set->nr_blocks++;
		set->nr_pages += 1UL << order;
		ok++;
		cond_resched();
	}
	out_printf("%s: %u/%u order-%u allocations succeeded\n", set->name,
		   ok, count, order);
	return 0;
}

static void free_block(struct page_set *set, struct page *page)
{
	unsigned int order = page_private(page);

	list_del(&page->lru);
	set_page_private(page, 0);
	set->nr_blocks--;
	set->nr_pages -= 1UL << order;
	__free_pages(page, order);
}

static void free_set(struct page_set *set)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, &set->pages, lru)
		free_block(set, page);
	list_del(&set->list);
	kfree(set);
}

static int do_free(char *name, char *how)
{
	unsigned long before, n = 0, every = 0, pct = 0;
	struct page *page, *next;
	struct page_set *set;
	bool random = false;

	if (!name)
		return -EINVAL;
	if (!how)
		how = "all";
	set = find_set(name);
	if (!set)
		return -ENOENT;
	if (!strncmp(how, "every=", 6)) {
		if (kstrtoul(how + 6, 10, &every) || !every)
			return -EINVAL;
	} else if (!strncmp(how, "random=", 7)) {
		if (kstrtoul(how + 7, 10, &pct) || pct > 100)
			return -EINVAL;
		random = true;
	} else if (strcmp(how, "all") && strcmp(how, "half")) {
		return -EINVAL;
	}

	before = set->nr_blocks;
	list_for_each_entry_safe(page, next, &set->pages, lru) {
		bool drop;

		if (every)
			drop = (n + 1) % every == 0;
		else if (random)
			drop = get_random_u32() % 100 < pct;
		else if (!strcmp(how, "half"))
			drop = n < before / 2;
		else
			drop = true;
		n++;
		if (drop)
			free_block(set, page);
	}
	out_printf("%s: freed %lu of %lu allocations, %lu left\n", set->name,
		   before - set->nr_blocks, before, set->nr_blocks);
	if (!set->nr_blocks)
		free_set(set);
	return 0;
}

static void do_sets(void)
{
	struct page_set *set;

	list_for_each_entry(set, &page_sets, list)
		out_printf("%s: %lu allocations, %lu pages\n", set->name,
			   set->nr_blocks, set->nr_pages);
}

static ssize_t ctl_write(struct file *file, const char __user *ubuf,
			 size_t len, loff_t *ppos)
{
	char buf[CMD_MAX], *p = buf, *verb;
	int err = 0;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	strim(buf);
	verb = strsep(&p, " ");

	mutex_lock(&ctl_lock);
	out_len = 0;
	out[0] = '\0';
	if (!strcmp(verb, "alloc")) {
		char *name = strsep(&p, " "), *order = strsep(&p, " ");
		char *count = strsep(&p, " ");

		err = do_alloc(name, order, count, strsep(&p, " "));
	} else if (!strcmp(verb, "free")) {
		char *name = strsep(&p, " ");

		err = do_free(name, strsep(&p, " "));
	} else if (!strcmp(verb, "sets")) {
		do_sets();
	} else {
		err = -EINVAL;
	}
	mutex_unlock(&ctl_lock);
	return err ? err : len;
}

static ssize_t ctl_read(struct file *file, char __user *ubuf, size_t len,
			loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&ctl_lock);
	ret = simple_read_from_buffer(ubuf, len, ppos, out, out_len);
	mutex_unlock(&ctl_lock);
	return ret;
}

static const struct file_operations ctl_fops = {
	.owner = THIS_MODULE,
	.read = ctl_read,
	.write = ctl_write,
	.llseek = default_llseek,
};

static int __init umm_alloc_init(void)
{
	out = kzalloc(OUT_MAX, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	dir = debugfs_create_dir("umm_alloc", NULL);
	debugfs_create_file("ctl", 0600, dir, NULL, &ctl_fops);
	return 0;
}

static void __exit umm_alloc_exit(void)
{
	debugfs_remove_recursive(dir);
	while (!list_empty(&page_sets))
		free_set(list_first_entry(&page_sets, struct page_set, list));
	kfree(out);
}

module_init(umm_alloc_init);
module_exit(umm_alloc_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("alloc and free of umm's console, for './umm compare'");
