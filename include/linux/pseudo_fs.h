/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: the in-memory tree behind /proc, /sys and debugfs. */
#ifndef _LINUX_PSEUDO_FS_H
#define _LINUX_PSEUDO_FS_H

/*
 * include/linux/pseudo_fs.h - the one filesystem umm has.
 *
 * A kernel has a dcache over many filesystems; umm needs only the
 * pseudo ones (procfs, sysfs, debugfs), whose files exist because code
 * registered them and whose contents are produced on demand.  So there is
 * one tree of dentries, each owning its inode, kept in memory under one
 * mutex (fs/pseudo.c); procfs, sysctl and debugfs are thin layers that
 * create entries in it, and the console reaches them by path through
 * filp_open(), kernel_read(), kernel_write() and iterate_dir().
 *
 * Lifetime: a linked dentry holds one reference for the tree, plus one
 * for each child (a child pins its parent, as in the kernel).  Creation
 * returns the dentry without an extra reference (the tree's reference
 * stands for it, as with debugfs); pseudo_lookup() and filp_open() take
 * one.  pseudo_remove() unlinks a subtree, waits for reads and writes
 * already in progress on it, and drops the tree's references; an open
 * file keeps its dentry and inode alive until the last close, but every
 * read, write or seek on it fails with -EIO from then on (readdir with
 * -ENOENT), so the owner may free what i_private points to as soon as
 * pseudo_remove() returns.  ->release() still runs at the last close and
 * must not use that data.
 */

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/fs.h>

#ifndef NAME_MAX
#define NAME_MAX	255	/* the longest name of one entry */
#endif
#ifndef PATH_MAX
#define PATH_MAX	4096	/* the longest path pseudo_lookup() takes */
#endif

struct completion;
struct dentry;

struct dentry_operations {
	/* Called once, when the last reference to the dentry goes away. */
	void (*d_release)(struct dentry *dentry);
};

struct dentry {
	char *d_name;			/* kmalloc'ed, NUL-terminated */
	unsigned int d_namelen;
	struct dentry *d_parent;	/* the root is its own parent */
	struct list_head d_child;	/* in d_parent->d_subdirs */
	struct list_head d_subdirs;	/* children, sorted by name */
	atomic_t d_count;		/* references (see above) */
	unsigned int d_flags;		/* DCACHE_*, under the tree mutex */
	/*
	 * Operations in progress on the inode (open, read, write, readdir);
	 * removal adds a large negative bias so that no new one starts, and
	 * waits on *d_drain for those in flight.
	 */
	atomic_t d_active;
	struct completion *d_drain;
	struct inode *d_inode;
	const struct dentry_operations *d_op;
	void *d_fsdata;			/* the filesystem's own data */
};

#define DCACHE_UNLINKED		0x0001	/* removed from the tree */

static inline struct inode *d_inode(const struct dentry *dentry)
{
	return dentry->d_inode;
}

static inline bool d_is_dir(const struct dentry *dentry)
{
	return S_ISDIR(dentry->d_inode->i_mode);
}

/**
 * dget - take a reference on a dentry the caller already holds one on
 * @dentry: the dentry, or NULL
 *
 * Return: @dentry.
 */
static inline struct dentry *dget(struct dentry *dentry)
{
	if (dentry)
		atomic_inc(&dentry->d_count);
	return dentry;
}

/* fs/pseudo.c */
void dput(struct dentry *dentry);
struct dentry *pseudo_mkdir(const char *name, umode_t mode,
			    struct dentry *parent);
struct dentry *pseudo_mkdir_p(const char *path);
struct dentry *pseudo_create_file(const char *name, umode_t mode,
				  struct dentry *parent, void *data,
				  const struct file_operations *fops);
struct dentry *pseudo_create(const char *name, umode_t mode,
			     struct dentry *parent, void *data,
			     const struct file_operations *fops,
			     void *fsdata, const struct dentry_operations *d_op);
struct dentry *pseudo_lookup(const char *path);
struct dentry *pseudo_lookup_one(const char *name, struct dentry *parent);
struct dentry *pseudo_child_at(struct dentry *dir, loff_t pos);
void pseudo_remove(struct dentry *dentry);
bool pseudo_use(struct dentry *dentry);
void pseudo_unuse(struct dentry *dentry);
void vfs_caches_init(void);

/* fs/read_write.c: the console's cat and echo. */
ssize_t kernel_read_file_path(const char *path, char **bufp);
ssize_t kernel_write_file_path(const char *path, const char *buf, size_t len);
ssize_t __kernel_write_file_path(const char *path, const char *buf,
				 size_t len, int flags);

#endif /* _LINUX_PSEUDO_FS_H */
