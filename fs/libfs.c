// SPDX-License-Identifier: GPL-2.0
/*
 * fs/libfs.c - helpers that pseudo filesystems build their files from
 *
 * Copying to and from a reader's buffer at a position, the directory
 * operations of every pseudo directory, and "simple attributes": files
 * holding one number, read and written as text through get() and set().
 *
 * Lock order: a simple attribute's mutex, then whatever its get() and
 * set() take (set() may create pseudo files: then pseudo_lock).
 */

#include <linux/fs.h>
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/pseudo_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/**
 * simple_open - ->open() that hands i_private to the file
 * @inode: the file's inode
 * @file: the file; its private_data becomes @inode's i_private
 *
 * Return: 0.
 */
int simple_open(struct inode *inode, struct file *file)
{
	if (inode->i_private)
		file->private_data = inode->i_private;
	return 0;
}

/**
 * simple_read_from_buffer - copy part of a buffer to a reader
 * @to: the reader's buffer
 * @count: room at @to
 * @ppos: position in @from to copy from, advanced by what was copied
 * @from: the data
 * @available: its size
 *
 * Return: bytes copied, 0 at or past the end, -EINVAL for a negative
 * position, -EFAULT if nothing could be copied.
 */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available)
{
	loff_t pos = *ppos;
	size_t left;

	if (pos < 0)
		return -EINVAL;
	if (pos >= available || !count)
		return 0;
	count = min_t(size_t, count, available - pos);
	left = copy_to_user(to, (const char *)from + pos, count);
	if (left == count)
		return -EFAULT;
	count -= left;
	*ppos = pos + count;
	return count;
}

/**
 * simple_write_to_buffer - copy a writer's data into part of a buffer
 * @to: the buffer
 * @available: its size
 * @ppos: position in @to to copy to, advanced by what was copied
 * @from: the writer's data
 * @count: its length
 *
 * Return: bytes copied, 0 at or past the end, -EINVAL for a negative
 * position, -EFAULT if nothing could be copied.
 */
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count)
{
	loff_t pos = *ppos;
	size_t left;

	if (pos < 0)
		return -EINVAL;
	if (pos >= available || !count)
		return 0;
	count = min_t(size_t, count, available - pos);
	left = copy_from_user((char *)to + pos, from, count);
	if (left == count)
		return -EFAULT;
	count -= left;
	*ppos = pos + count;
	return count;
}

/**
 * dcache_readdir - ->iterate_shared() of a pseudo directory
 * @file: the directory
 * @ctx: the callback and the position (an index in name order)
 *
 * Each entry is passed to the callback without the tree's mutex held,
 * with a reference that keeps its name valid, so the callback may itself
 * open or list files.  No "." and ".." entries.
 *
 * Return: 0.
 */
int dcache_readdir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dir = file_dentry(file);
	struct dentry *child;

	while ((child = pseudo_child_at(dir, ctx->pos))) {
		struct inode *inode = d_inode(child);
		bool more;

		more = dir_emit(ctx, child->d_name, child->d_namelen,
				inode->i_ino,
				S_ISDIR(inode->i_mode) ? DT_DIR : DT_REG);
		dput(child);
		if (!more)
			break;
		ctx->pos++;
	}
	return 0;
}

const struct file_operations simple_dir_operations = {
	.llseek		= default_llseek,
	.iterate_shared	= dcache_readdir,
};

/*
 * An open simple attribute.  The text of a read is made at position 0
 * and kept, so that a reader taking it in small pieces gets pieces of the
 * same number.
 */
struct simple_attr {
	int (*get)(void *data, u64 *val);
	int (*set)(void *data, u64 val);
	char get_buf[24];	/* a u64 in decimal, "\n" and NUL */
	char set_buf[32];	/* room for 0-prefixed octal too */
	void *data;
	const char *fmt;	/* how a read prints the value */
	struct mutex mutex;	/* serialises users of the buffers */
};

/**
 * simple_attr_open - ->open() of a DEFINE_SIMPLE_ATTRIBUTE() file
 * @inode: the file's inode; i_private is passed to @get and @set
 * @file: the file
 * @get: reads the value, or NULL if the file cannot be read
 * @set: takes a new value (0 or -errno), or NULL if it cannot be written
 * @fmt: printf format for the value, with a u64 argument ("%llu\n")
 *
 * Return: 0 or -ENOMEM.
 */
int simple_attr_open(struct inode *inode, struct file *file,
		     int (*get)(void *, u64 *), int (*set)(void *, u64),
		     const char *fmt)
{
	struct simple_attr *attr = kzalloc(sizeof(*attr), GFP_KERNEL);

	if (!attr)
		return -ENOMEM;
	attr->get = get;
	attr->set = set;
	attr->data = inode->i_private;
	attr->fmt = fmt;
	mutex_init(&attr->mutex);
	file->private_data = attr;
	return 0;
}

/**
 * simple_attr_release - ->release() of a DEFINE_SIMPLE_ATTRIBUTE() file
 * @inode: the file's inode
 * @file: the file
 *
 * Return: 0.
 */
int simple_attr_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

/**
 * simple_attr_read - ->read() of a DEFINE_SIMPLE_ATTRIBUTE() file
 * @file: the file
 * @buf: where to put the text
 * @len: room at @buf
 * @ppos: the position
 *
 * Return: bytes read, -EACCES without a get(), or get()'s error.
 */
ssize_t simple_attr_read(struct file *file, char __user *buf, size_t len,
			 loff_t *ppos)
{
	struct simple_attr *attr = file->private_data;
	size_t size = 0;
	ssize_t ret = 0;
	u64 val;

	if (!attr->get)
		return -EACCES;
	mutex_lock(&attr->mutex);
	if (*ppos && attr->get_buf[0]) {
		size = strlen(attr->get_buf);	/* a later piece */
	} else {
		ret = attr->get(attr->data, &val);
		if (!ret)
			size = scnprintf(attr->get_buf, sizeof(attr->get_buf),
					 attr->fmt, (unsigned long long)val);
	}
	if (!ret)
		ret = simple_read_from_buffer(buf, len, ppos, attr->get_buf,
					      size);
	mutex_unlock(&attr->mutex);
	return ret;
}

/**
 * simple_attr_write - ->write() of a DEFINE_SIMPLE_ATTRIBUTE() file
 * @file: the file
 * @buf: the text: a number in C notation (decimal, 0x hex, 0 octal),
 *	optionally followed by one newline
 * @len: its length
 * @ppos: the position (ignored: every write is a whole number)
 *
 * The value changes only if the whole text is a number and set() takes
 * it.  Text too long to be a number is refused rather than cut.
 *
 * Return: @len, -EACCES without a set(), -EINVAL for text that is not a
 * number, -ERANGE for one beyond a u64, or set()'s error.
 */
ssize_t simple_attr_write(struct file *file, const char __user *buf,
			  size_t len, loff_t *ppos)
{
	struct simple_attr *attr = file->private_data;
	unsigned long long val;
	ssize_t ret;

	if (!attr->set)
		return -EACCES;
	if (len >= sizeof(attr->set_buf))
		return -EINVAL;
	mutex_lock(&attr->mutex);
	ret = -EFAULT;
	if (copy_from_user(attr->set_buf, buf, len))
		goto out;
	attr->set_buf[len] = '\0';
	/* kstrtoull() accepts one trailing newline, as echo adds. */
	ret = kstrtoull(attr->set_buf, 0, &val);
	if (ret)
		goto out;
	ret = attr->set(attr->data, val) ?: (ssize_t)len;
out:
	mutex_unlock(&attr->mutex);
	return ret;
}
