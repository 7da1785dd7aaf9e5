// SPDX-License-Identifier: GPL-2.0
/*
 * fs/debugfs/inode.c - debugfs: files for debugging, at /sys/kernel/debug
 *
 * Entries are plain dentries of the pseudo tree.  As in current kernels,
 * failures come back as ERR_PTR() values, and every function takes an
 * ERR_PTR() parent and hands it back, so callers need not check what
 * they create (debugfs is for debugging, never essential).
 */

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/pseudo_fs.h>

static struct dentry *debugfs_root;

/**
 * debugfs_init - create /sys/kernel/debug
 *
 * May run before or after vfs_caches_init(); an existing directory is
 * taken as it is.
 */
void __init debugfs_init(void)
{
	struct dentry *dentry = pseudo_mkdir_p("/sys/kernel/debug");

	if (IS_ERR(dentry))
		pr_err("debugfs: cannot create /sys/kernel/debug: %ld\n",
		       PTR_ERR(dentry));
	WRITE_ONCE(debugfs_root, dentry);
}

/* The directory that a NULL parent stands for. */
static struct dentry *debugfs_parent(struct dentry *parent)
{
	if (parent)
		return parent;
	if (!READ_ONCE(debugfs_root))
		debugfs_init();
	return READ_ONCE(debugfs_root);
}

static struct dentry *debugfs_create(const char *name, umode_t mode,
				     struct dentry *parent, void *data,
				     const struct file_operations *fops)
{
	struct dentry *dentry;

	if (IS_ERR(parent))
		return parent;
	parent = debugfs_parent(parent);
	if (IS_ERR(parent))
		return parent;
	dentry = pseudo_create(name, mode, parent, data, fops, NULL, NULL);
	if (IS_ERR(dentry))
		pr_err("debugfs: cannot create '%s' in '%s': error %ld\n",
		       name, parent->d_name, PTR_ERR(dentry));
	return dentry;
}

/**
 * debugfs_create_dir - create a directory in debugfs
 * @name: its name
 * @parent: the directory to create it in, or NULL for the debugfs root
 *
 * Return: the new directory, or an ERR_PTR() (-EEXIST if the name is
 * taken), or @parent if that is an ERR_PTR().
 */
struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
	return debugfs_create(name, S_IFDIR | 0755, parent, NULL, NULL);
}

/**
 * debugfs_create_file - create a file in debugfs
 * @name: its name
 * @mode: permission bits
 * @parent: the directory, or NULL for the debugfs root
 * @data: the inode's i_private, for @fops (simple_open() hands it on)
 * @fops: the file's operations
 *
 * Return: the new file, or an ERR_PTR(), or @parent if that is one.
 */
struct dentry *debugfs_create_file(const char *name, umode_t mode,
				   struct dentry *parent, void *data,
				   const struct file_operations *fops)
{
	return debugfs_create(name, (mode & ~S_IFMT) | S_IFREG, parent, data,
			      fops);
}

/**
 * debugfs_lookup - find a debugfs entry by name
 * @name: its name
 * @parent: its directory, or NULL for the debugfs root
 *
 * Return: the entry with a reference the caller drops with dput(), or
 * NULL if there is none.
 */
struct dentry *debugfs_lookup(const char *name, struct dentry *parent)
{
	struct dentry *dentry;

	if (IS_ERR(parent))
		return NULL;
	parent = debugfs_parent(parent);
	if (IS_ERR(parent))
		return NULL;
	dentry = pseudo_lookup_one(name, parent);
	return IS_ERR(dentry) ? NULL : dentry;
}

/**
 * debugfs_remove_recursive - remove a debugfs entry and all below it
 * @dentry: the entry; NULL and ERR_PTR() values are ignored
 *
 * Waits for reads and writes in progress on the removed files, so the
 * data behind them may be freed as soon as this returns.
 */
void debugfs_remove_recursive(struct dentry *dentry)
{
	pseudo_remove(dentry);
}
