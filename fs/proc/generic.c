// SPDX-License-Identifier: GPL-2.0
/*
 * fs/proc/generic.c - creating and removing /proc entries
 *
 * A proc_dir_entry is a dentry in the pseudo tree with procfs' extras
 * (see internal.h).  Functions here return NULL on failure, as procfs
 * always has; a NULL parent means /proc.
 */

#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/proc_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include "internal.h"

static void pde_release(struct dentry *dentry)
{
	kfree(dentry->d_fsdata);
}

static const struct dentry_operations proc_dentry_operations = {
	.d_release	= pde_release,
};

static struct dentry *pde_dir(struct proc_dir_entry *parent)
{
	return parent ? parent->dentry : proc_root_dentry();
}

static struct proc_dir_entry *proc_register(const char *name, umode_t mode,
		struct proc_dir_entry *parent,
		const struct file_operations *fops, void *data,
		int (*show)(struct seq_file *, void *))
{
	struct proc_dir_entry *pde;
	struct dentry *dentry;

	pde = kzalloc(sizeof(*pde), GFP_KERNEL);
	if (!pde)
		return NULL;
	pde->mode = mode;
	pde->data = data;
	pde->proc_fops = fops;
	pde->single_show = show;
	dentry = pseudo_create(name, mode, pde_dir(parent), data, fops, pde,
			       &proc_dentry_operations);
	if (IS_ERR(dentry)) {
		pr_warn("proc: cannot create '%s': error %ld\n", name,
			PTR_ERR(dentry));
		kfree(pde);
		return NULL;
	}
	pde->dentry = dentry;
	return pde;
}

/* The regular-file mode procfs gives for @mode: 0444 if none given. */
static umode_t proc_file_mode(umode_t mode)
{
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	if (!(mode & S_IALLUGO))
		mode |= 0444;
	return mode;
}

/**
 * proc_mkdir - create a directory in /proc
 * @name: its name
 * @parent: the directory to create it in, or NULL for /proc
 *
 * Return: the new entry, or NULL (an entry of that name exists, or no
 * memory).
 */
struct proc_dir_entry *proc_mkdir(const char *name,
				  struct proc_dir_entry *parent)
{
	return proc_register(name, S_IFDIR | 0555, parent, NULL, NULL, NULL);
}

/**
 * proc_create_data - create a file in /proc
 * @name: its name
 * @mode: permission bits (0444 if none)
 * @parent: the directory, or NULL for /proc
 * @proc_fops: the file's operations
 * @data: what PDE_DATA() (and i_private) of its inode give
 *
 * Return: the new entry, or NULL.
 */
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct file_operations *proc_fops,
					void *data)
{
	mode = proc_file_mode(mode);
	if (WARN_ON(!S_ISREG(mode)))
		return NULL;
	return proc_register(name, mode, parent, proc_fops, data, NULL);
}

static int proc_single_open(struct inode *inode, struct file *file)
{
	return single_open(file, PDE(inode)->single_show, PDE_DATA(inode));
}

static const struct file_operations proc_single_fops = {
	.open		= proc_single_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= single_release,
};

/**
 * proc_create_single_data - create a /proc file printed by one function
 * @name: its name
 * @mode: permission bits (0444 if none)
 * @parent: the directory, or NULL for /proc
 * @show: prints the whole file (through single_open())
 * @data: m->private for @show, and PDE_DATA()
 *
 * Return: the new entry, or NULL.
 */
struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
		struct proc_dir_entry *parent,
		int (*show)(struct seq_file *, void *), void *data)
{
	mode = proc_file_mode(mode);
	if (WARN_ON(!S_ISREG(mode)))
		return NULL;
	return proc_register(name, mode, parent, &proc_single_fops, data,
			     show);
}

/**
 * remove_proc_subtree - remove a /proc entry and everything under it
 * @name: the entry's name
 * @parent: its directory, or NULL for /proc
 *
 * Return: 0, or -ENOENT if there is no such entry.
 */
int remove_proc_subtree(const char *name, struct proc_dir_entry *parent)
{
	struct dentry *dentry = pseudo_lookup_one(name, pde_dir(parent));

	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	pseudo_remove(dentry);
	dput(dentry);
	return 0;
}

/**
 * remove_proc_entry - remove a /proc entry
 * @name: the entry's name
 * @parent: its directory, or NULL for /proc
 *
 * A directory is removed with what it still holds (the kernel warns and
 * leaks it instead).  Waits for reads and writes in progress on the
 * entry; files still open fail with -EIO from then on.
 */
void remove_proc_entry(const char *name, struct proc_dir_entry *parent)
{
	WARN(remove_proc_subtree(name, parent), "name '%s'\n", name);
}

/**
 * proc_remove - remove a /proc entry given by its proc_dir_entry
 * @de: the entry, or NULL
 */
void proc_remove(struct proc_dir_entry *de)
{
	if (de)
		pseudo_remove(de->dentry);
}

/**
 * PDE_DATA - the data a /proc file was created with
 * @inode: the file's inode
 *
 * Return: the @data given to proc_create_data() or
 * proc_create_single_data().
 */
void *PDE_DATA(const struct inode *inode)
{
	return inode->i_private;
}
