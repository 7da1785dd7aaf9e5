/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): inodes, files, file_operations, struct address_space. */
/* newer: kernel_read() and kernel_write() take 4.14's arguments. */

#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/gfp.h>
#include <linux/migrate_mode.h>
#include <linux/kernel.h>
#include <asm/page.h>

#ifndef S_IFMT
#define S_IFMT		00170000
#define S_IFREG		0100000
#define S_IFDIR		0040000
#endif
/* Apart: glibc's <fcntl.h> defines S_IFMT but not these. */
#ifndef S_ISREG
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#endif

/* The kernel's own shorthands (libc has none of them). */
#define S_IRWXUGO	00777
#define S_IALLUGO	07777
#define S_IRUGO		00444
#define S_IWUGO		00222
#define S_IXUGO		00111

#ifndef SEEK_SET
#define SEEK_SET	0	/* from the start of the file */
#define SEEK_CUR	1	/* from the current position */
#define SEEK_END	2	/* from the end of the file */
#endif
#define SEEK_MAX	SEEK_END

/* d_type values that readdir hands to filldir_t, as in <dirent.h>. */
#define DT_UNKNOWN	0
#define DT_DIR		4
#define DT_REG		8

/* The largest single read or write, as in the kernel. */
#define MAX_RW_COUNT	(INT_MAX & PAGE_MASK)

#define FMODE_READ	((__force fmode_t)0x1)
#define FMODE_WRITE	((__force fmode_t)0x2)

struct file;
struct inode;
struct dentry;
struct page;
struct address_space;
struct dir_context;

/*
 * readdir's callback: called once per entry with the entry's position in
 * @offset; returns true to be given the next one, false to stop (the entry
 * is then offered again by the next iterate_dir() call).
 */
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name,
			  int namlen, loff_t offset, u64 ino,
			  unsigned int d_type);

struct dir_context {
	filldir_t actor;
	loff_t pos;
};

struct file_operations {
	int (*open)(struct inode *inode, struct file *file);
	ssize_t (*read)(struct file *file, char __user *buf, size_t count,
			loff_t *ppos);
	ssize_t (*write)(struct file *file, const char __user *buf,
			 size_t count, loff_t *ppos);
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	int (*release)(struct inode *inode, struct file *file);
	int (*iterate_shared)(struct file *file, struct dir_context *ctx);
};

/*
 * The operations of an address_space that umm uses: those of a driver
 * of non-LRU movable pages (see Documentation/vm/page_migration.rst).
 * The VM calls them with the page locked and a reference held.
 */
struct address_space_operations {
	/*
	 * Move @page's contents and the driver's references to @newpage
	 * (both locked; @page isolated).  Return MIGRATEPAGE_SUCCESS after
	 * registering @newpage with __SetPageMovable() and letting go of
	 * @page with __ClearPageMovable(); -EAGAIN for "busy, try again";
	 * another error to give up (the VM then calls putback_page()).
	 */
	int (*migratepage)(struct address_space *mapping, struct page *newpage,
			   struct page *page, enum migrate_mode mode);
	/*
	 * The VM wants to migrate @page: take it off the driver's lists and
	 * return true, or return false to keep it.  From then on the VM owns
	 * page->lru until migratepage() or putback_page().
	 */
	bool (*isolate_page)(struct page *page, isolate_mode_t mode);
	/* Migration of @page gave up: the driver takes it back. */
	void (*putback_page)(struct page *page);
};

/*
 * A driver of movable pages owns one of these and points page->mapping at
 * it (tagged with PAGE_MAPPING_MOVABLE); a_ops holds its callbacks.
 * Aligned so that the two low bits of a pointer to it are free.
 */
struct address_space {
	struct inode *host;
	const struct address_space_operations *a_ops;
	unsigned long flags;		/* gfp mask for allocations */
	spinlock_t private_lock;
	struct list_head private_list;
	void *private_data;
} __aligned(sizeof(long));

struct inode {
	umode_t i_mode;
	unsigned long i_ino;
	void *i_private;
	const struct file_operations *i_fop;
	struct dentry *i_dentry;
	struct address_space *i_mapping;
	struct address_space i_data;
};

struct file {
	struct inode *f_inode;
	const struct file_operations *f_op;
	fmode_t f_mode;
	unsigned int f_flags;	/* O_* given to filp_open(): O_TRUNC, O_APPEND */
	loff_t f_pos;
	void *private_data;
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

/* The dentry a file was opened through (the kernel's f_path.dentry). */
static inline struct dentry *file_dentry(const struct file *f)
{
	return f->f_inode->i_dentry;
}

/* Hand one entry to the readdir caller; false means "stop here". */
static inline bool dir_emit(struct dir_context *ctx, const char *name,
			    int namlen, u64 ino, unsigned int type)
{
	return ctx->actor(ctx, name, namlen, ctx->pos, ino, type);
}

/* fs/open.c */
struct file *filp_open(const char *filename, int flags, umode_t mode);
int filp_close(struct file *filp, void *id);

/* fs/read_write.c */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos);
ssize_t kernel_write(struct file *file, const void *buf, size_t count,
		     loff_t *pos);
loff_t vfs_llseek(struct file *file, loff_t offset, int whence);
loff_t no_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);

/* fs/readdir.c */
int iterate_dir(struct file *file, struct dir_context *ctx);

/* fs/libfs.c */
int simple_open(struct inode *inode, struct file *file);
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count);
int dcache_readdir(struct file *file, struct dir_context *ctx);
extern const struct file_operations simple_dir_operations;

#endif /* _LINUX_FS_H */
