/* SPDX-License-Identifier: GPL-2.0 */
/*
 * fs/proc/internal.h - what procfs' own files share
 */
#ifndef _FS_PROC_INTERNAL_H
#define _FS_PROC_INTERNAL_H

#include <linux/proc_fs.h>
#include <linux/pseudo_fs.h>

/*
 * A /proc entry: the dentry in the pseudo tree, plus what procfs needs
 * to open it.  The dentry's d_fsdata points back here, and releasing the
 * dentry frees it, so it lives exactly as long as the file (an open file
 * keeps it after removal).  The inode's i_private is @data itself, so
 * PDE_DATA() and file operations written for debugfs (i_private) agree.
 */
struct proc_dir_entry {
	struct dentry *dentry;
	umode_t mode;
	void *data;
	const struct file_operations *proc_fops;
	int (*single_show)(struct seq_file *m, void *v);
};

static inline struct proc_dir_entry *PDE(const struct inode *inode)
{
	return inode->i_dentry->d_fsdata;
}

/* root.c */
extern struct proc_dir_entry proc_root;
struct dentry *proc_root_dentry(void);

/* proc_sysctl.c */
void proc_sys_init(void);

#endif /* _FS_PROC_INTERNAL_H */
