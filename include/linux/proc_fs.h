/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): creating /proc entries. */
/* newer: proc_create_single() is 4.18's. */
#ifndef _LINUX_PROC_FS_H
#define _LINUX_PROC_FS_H

#include <linux/fs.h>
#include <linux/seq_file.h>

struct proc_dir_entry;

/* fs/proc/generic.c */
struct proc_dir_entry *proc_mkdir(const char *name,
				  struct proc_dir_entry *parent);
struct proc_dir_entry *proc_create_data(const char *name, umode_t mode,
					struct proc_dir_entry *parent,
					const struct file_operations *proc_fops,
					void *data);
struct proc_dir_entry *proc_create_single_data(const char *name, umode_t mode,
		struct proc_dir_entry *parent,
		int (*show)(struct seq_file *, void *), void *data);
void remove_proc_entry(const char *name, struct proc_dir_entry *parent);
int remove_proc_subtree(const char *name, struct proc_dir_entry *parent);
void proc_remove(struct proc_dir_entry *de);
void *PDE_DATA(const struct inode *inode);

static inline struct proc_dir_entry *proc_create(const char *name,
		umode_t mode, struct proc_dir_entry *parent,
		const struct file_operations *proc_fops)
{
	return proc_create_data(name, mode, parent, proc_fops, NULL);
}

#define proc_create_single(name, mode, parent, show) \
	proc_create_single_data(name, mode, parent, show, NULL)

void proc_root_init(void);

#endif /* _LINUX_PROC_FS_H */
