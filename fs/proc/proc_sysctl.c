// SPDX-License-Identifier: GPL-2.0
/*
 * fs/proc/proc_sysctl.c - /proc/sys: sysctl tables as files
 *
 * Each entry of a registered ctl_table becomes a file whose i_private is
 * the entry; reads and writes go through the entry's proc_handler with a
 * kernel buffer, NUL-terminated, as Linux does since 5.8 (the handlers of
 * kernel/sysctl.c never see the reader's memory).  The files are fixed
 * once registered: the tables are static, like the vm table.
 */

#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysctl.h>
#include <linux/uaccess.h>
#include "internal.h"

static ssize_t proc_sys_call_handler(struct file *file, void __user *ubuf,
				     size_t count, loff_t *ppos, int write)
{
	struct ctl_table *table = file_inode(file)->i_private;
	char *kbuf;
	ssize_t ret;

	if (!table->proc_handler)
		return -EINVAL;
	/* A value's text is short: a page is plenty, and bounds the copy. */
	if (write && count >= PAGE_SIZE)
		return -EINVAL;
	count = min_t(size_t, count, PAGE_SIZE - 1);
	kbuf = kzalloc(count + 1, GFP_KERNEL);
	if (!kbuf)
		return -ENOMEM;
	ret = -EFAULT;
	if (write && copy_from_user(kbuf, ubuf, count))
		goto out;
	ret = table->proc_handler(table, write, (void __force __user *)kbuf,
				  &count, ppos);
	if (ret)
		goto out;
	ret = -EFAULT;
	if (!write && copy_to_user(ubuf, kbuf, count))
		goto out;
	ret = count;
out:
	kfree(kbuf);
	return ret;
}

static ssize_t proc_sys_read(struct file *file, char __user *buf,
			     size_t count, loff_t *ppos)
{
	return proc_sys_call_handler(file, buf, count, ppos, 0);
}

static ssize_t proc_sys_write(struct file *file, const char __user *buf,
			      size_t count, loff_t *ppos)
{
	return proc_sys_call_handler(file, (void __user *)buf, count, ppos, 1);
}

static const struct file_operations proc_sys_file_operations = {
	.read		= proc_sys_read,
	.write		= proc_sys_write,
	.llseek		= default_llseek,
};

/**
 * proc_sys_init - create /proc/sys
 *
 * Called by proc_root_init().
 */
void __init proc_sys_init(void)
{
	struct dentry *dentry = pseudo_mkdir("sys", 0555, proc_root.dentry);

	if (IS_ERR(dentry))
		panic("proc: cannot create /proc/sys: %ld\n", PTR_ERR(dentry));
}

/* /proc/sys/@path, made with any missing directories. */
static struct dentry *proc_sys_mkdir(const char *path)
{
	static const char prefix[] = "/proc/sys/";
	size_t len = strlen(path);
	struct dentry *dir;
	char *full;

	proc_root_dentry();	/* /proc and /proc/sys with their modes */
	full = kmalloc(sizeof(prefix) + len, GFP_KERNEL);
	if (!full)
		return ERR_PTR(-ENOMEM);
	memcpy(full, prefix, sizeof(prefix) - 1);
	memcpy(full + sizeof(prefix) - 1, path, len + 1);
	dir = pseudo_mkdir_p(full);
	kfree(full);
	return dir;
}

/* Take back the files of @table before @end (a failed registration). */
static void proc_sys_unregister(struct dentry *dir, struct ctl_table *table,
				struct ctl_table *end)
{
	for (; table < end; table++) {
		struct dentry *dentry = pseudo_lookup_one(table->procname, dir);

		pseudo_remove(dentry);
		if (!IS_ERR(dentry))
			dput(dentry);
	}
}

/**
 * register_sysctl - make a sysctl table's entries files under /proc/sys
 * @path: the directory under /proc/sys: "vm", "kernel", "vm/foo"...
 * @table: the entries, ended by an entry without a procname; each becomes
 *	/proc/sys/@path/<procname> with the entry's mode, and is read and
 *	written through its proc_handler.  The table must stay (static).
 *
 * All or nothing: if one entry cannot be created, those created before
 * it are removed again.
 *
 * Return: 0, or -EEXIST if a name is taken, -ENOTDIR if @path names a
 * file, -EINVAL for a bad name, -ENOMEM.
 */
int register_sysctl(const char *path, struct ctl_table *table)
{
	struct ctl_table *entry;
	struct dentry *dir;

	dir = proc_sys_mkdir(path);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	for (entry = table; entry->procname; entry++) {
		struct dentry *dentry;

		dentry = pseudo_create_file(entry->procname, entry->mode, dir,
					    entry, &proc_sys_file_operations);
		if (IS_ERR(dentry)) {
			pr_err("sysctl: cannot register %s/%s: error %ld\n",
			       path, entry->procname, PTR_ERR(dentry));
			proc_sys_unregister(dir, table, entry);
			return PTR_ERR(dentry);
		}
	}
	return 0;
}

/* What a failed write of a sysctl boot parameter means, in words. */
static const char *sysctl_arg_error(int err)
{
	switch (err) {
	case -ENOENT:
		return "no such sysctl";
	case -EISDIR:
		return "a directory, not a sysctl";
	case -EACCES:
		return "read-only";
	case -EINVAL:
		return "invalid value";
	default:
		return "cannot write it";
	}
}

/* Write "sysctl.NAME=VALUE" to /proc/sys/NAME, dots made slashes. */
static int do_sysctl_arg(const char *arg)
{
	static const char prefix[] = "/proc/sys/";
	const char *name = arg + 7, *val = strchr(arg, '=');
	size_t len = val - name;
	char *path, *p;
	ssize_t ret;

	path = kmalloc(sizeof(prefix) + len, GFP_KERNEL);
	if (!path)
		return -ENOMEM;
	memcpy(path, prefix, sizeof(prefix) - 1);
	memcpy(path + sizeof(prefix) - 1, name, len);
	path[sizeof(prefix) - 1 + len] = '\0';
	for (p = path + sizeof(prefix) - 1; *p; p++)
		if (*p == '.')
			*p = '/';
	val++;
	ret = kernel_write_file_path(path, val, strlen(val));
	if (ret < 0)
		console_err("umm: cannot set sysctl %.*s to '%s' (%s): %s\n",
			    (int)len, name, val, path, sysctl_arg_error(ret));
	kfree(path);
	return ret < 0 ? ret : 0;
}

/**
 * do_sysctl_args - apply the sysctl.NAME=VALUE boot parameters
 * @argc: number of boot parameters
 * @argv: all of them ("name=value"); those not starting "sysctl." are
 *	another's, and parse_args() has checked that each sysctl one has
 *	a value
 *
 * Linux's way since 5.8: once the initcalls registered the tables, each
 * one is written to /proc/sys/NAME (vm.extfrag_threshold is
 * /proc/sys/vm/extfrag_threshold) as `echo VALUE >` would write it.
 * Linux warns and boots on; umm stops, as for any boot parameter it
 * cannot take: a setting silently not made would run the wrong
 * experiment.
 *
 * Return: 0, or -errno after one line naming the sysctl and why.
 */
int do_sysctl_args(int argc, char **argv)
{
	int i, err;

	for (i = 0; i < argc; i++) {
		if (strncmp(argv[i], "sysctl.", 7))
			continue;
		err = do_sysctl_arg(argv[i]);
		if (err)
			return err;
	}
	return 0;
}
