// SPDX-License-Identifier: GPL-2.0
/*
 * mm/migrate_kinds.c - what kinds of pages migration moved (umm's own)
 *
 * /proc/vmstat counts migrated pages all together (pgmigrate_success), and
 * balloon_migrate is the only per-kind counter Linux has.  To show what
 * the series changes, umm counts successful migrations by the owner of
 * the page: LRU pages, and each movable kind of the registry
 * (mm/page_kind.c), told by the address_space_operations it registered.  The counts are
 * in /sys/kernel/debug/umm/migrated, a file no kernel has:
 *
 *	lru 1234
 *	zsmalloc 56
 *	...
 *	other 0
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/migrate.h>
#include <linux/page_kind.h>
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/init.h>

static atomic_long_t lru_count, other_count;

/* One page was migrated: @a_ops are its driver's, NULL for an LRU page. */
static void migrate_kind_count(const struct address_space_operations *a_ops)
{
	struct page_kind *kind;

	if (!a_ops) {
		atomic_long_inc(&lru_count);
		return;
	}
	kind = page_kind_of_ops(a_ops);
	if (kind)
		atomic_long_inc(&kind->nr_migrated);
	else
		atomic_long_inc(&other_count);
}

/**
 * umm_page_migrated - migration moved @page's contents to @newpage
 * @newpage: the target (locked)
 * @page: the source (locked)
 * @a_ops: the operations of @page's driver, read before its
 *	->migratepage(); NULL for an LRU page
 *
 * umm's one hook in migration, called by move_to_new_page() on success,
 * for what umm shows and Linux does not: @newpage takes over @page's
 * kind (<linux/page_kind.h>), and the migration is counted by kind.
 */
void umm_page_migrated(struct page *newpage, struct page *page,
		       const struct address_space_operations *a_ops)
{
	migrate_kind_count(a_ops);
	page_kind_copy(newpage, page);
}

static int migrated_show(struct seq_file *m, void *v)
{
	struct page_kind *kind;
	unsigned int i;

	seq_printf(m, "lru %ld\n", atomic_long_read(&lru_count));
	for_each_page_kind(kind, i)
		if (kind->movable)
			seq_printf(m, "%s %ld\n", kind->name,
				   atomic_long_read(&kind->nr_migrated));
	seq_printf(m, "other %ld\n", atomic_long_read(&other_count));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(migrated);

static int __init migrate_kinds_init(void)
{
	struct dentry *dir = debugfs_lookup("umm", NULL);

	if (!dir)
		dir = debugfs_create_dir("umm", NULL);
	debugfs_create_file("migrated", 0444, dir, NULL, &migrated_fops);
	return 0;
}
fs_initcall(migrate_kinds_init);
