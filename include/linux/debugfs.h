/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): debugfs, mounted at /sys/kernel/debug. */
/* newer: debugfs_lookup() (4.11); debugfs_create_u32() and friends */
/* newer: return nothing, as later kernels' do. */
#ifndef _DEBUGFS_H_
#define _DEBUGFS_H_

#include <linux/fs.h>
#include <linux/seq_file.h>

struct dentry;

/* fs/debugfs/inode.c */
struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);
struct dentry *debugfs_create_file(const char *name, umode_t mode,
				   struct dentry *parent, void *data,
				   const struct file_operations *fops);
void debugfs_remove_recursive(struct dentry *dentry);
#define debugfs_remove	debugfs_remove_recursive
struct dentry *debugfs_lookup(const char *name, struct dentry *parent);

/* fs/debugfs/file.c */
void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent,
			u32 *value);
void debugfs_create_u64(const char *name, umode_t mode, struct dentry *parent,
			u64 *value);
void debugfs_create_ulong(const char *name, umode_t mode,
			  struct dentry *parent, unsigned long *value);
void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent,
			 bool *value);

/*
 * A file holding one number: get() fills it, set() takes a new one (and
 * returns 0 or -errno).  Reads print it with @fmt.
 */
struct simple_attr;
int simple_attr_open(struct inode *inode, struct file *file,
		     int (*get)(void *, u64 *), int (*set)(void *, u64),
		     const char *fmt);
int simple_attr_release(struct inode *inode, struct file *file);
ssize_t simple_attr_read(struct file *file, char __user *buf, size_t len,
			 loff_t *ppos);
ssize_t simple_attr_write(struct file *file, const char __user *buf,
			  size_t len, loff_t *ppos);

#define DEFINE_SIMPLE_ATTRIBUTE(__fops, __get, __set, __fmt)		\
static int __fops ## _open(struct inode *inode, struct file *file)	\
{									\
	return simple_attr_open(inode, file, __get, __set, __fmt);	\
}									\
static const struct file_operations __fops = {				\
	.open	 = __fops ## _open,					\
	.release = simple_attr_release,					\
	.read	 = simple_attr_read,					\
	.write	 = simple_attr_write,					\
	.llseek	 = default_llseek,					\
}
#define DEFINE_DEBUGFS_ATTRIBUTE DEFINE_SIMPLE_ATTRIBUTE

void debugfs_init(void);

#endif /* _DEBUGFS_H_ */
