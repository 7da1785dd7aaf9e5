// SPDX-License-Identifier: GPL-2.0
/*
 * fs/read_write.c - reading, writing and seeking pseudo files
 *
 * Every call into a file's operations is bracketed by pseudo_use() and
 * pseudo_unuse(): once the file is removed they fail with -EIO and
 * pseudo_remove() waits for those already running (fs/pseudo.c).
 */

#include <linux/fs.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/pseudo_fs.h>
#include <linux/slab.h>
#include <linux/string.h>

/**
 * kernel_read - read from an open file
 * @file: the file, opened for reading
 * @buf: where to put the data
 * @count: room at @buf (at most MAX_RW_COUNT is read at once)
 * @pos: the position to read at, advanced by what was read (usually
 *	&file->f_pos)
 *
 * Return: bytes read, 0 at the end, or -EBADF (not open for reading),
 * -EISDIR, -EINVAL (no ->read(), or a negative position), -EIO (the file
 * was removed), or the error of ->read().
 */
ssize_t kernel_read(struct file *file, void *buf, size_t count, loff_t *pos)
{
	struct dentry *dentry = file_dentry(file);
	ssize_t ret;

	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (S_ISDIR(file_inode(file)->i_mode))
		return -EISDIR;
	if (!file->f_op->read || *pos < 0)
		return -EINVAL;
	if (!count)
		return 0;
	count = min_t(size_t, count, MAX_RW_COUNT);
	if (!pseudo_use(dentry))
		return -EIO;
	ret = file->f_op->read(file, (char __force __user *)buf, count, pos);
	pseudo_unuse(dentry);
	return ret;
}

/**
 * kernel_write - write to an open file
 * @file: the file, opened for writing
 * @buf: the data
 * @count: its length (at most MAX_RW_COUNT is written at once)
 * @pos: the position to write at, advanced by what was written
 *
 * Return: bytes written, or -EBADF (not open for writing), -EISDIR,
 * -EINVAL (no ->write(), or a negative position), -EIO (the file was
 * removed), or the error of ->write().
 */
ssize_t kernel_write(struct file *file, const void *buf, size_t count,
		     loff_t *pos)
{
	struct dentry *dentry = file_dentry(file);
	ssize_t ret;

	if (!(file->f_mode & FMODE_WRITE))
		return -EBADF;
	if (S_ISDIR(file_inode(file)->i_mode))
		return -EISDIR;
	if (!file->f_op->write || *pos < 0)
		return -EINVAL;
	if (!count)
		return 0;
	count = min_t(size_t, count, MAX_RW_COUNT);
	if (!pseudo_use(dentry))
		return -EIO;
	ret = file->f_op->write(file, (const char __force __user *)buf, count,
				pos);
	pseudo_unuse(dentry);
	return ret;
}

/**
 * vfs_llseek - move the position of an open file
 * @file: the file
 * @offset: the new position, or a distance
 * @whence: SEEK_SET, SEEK_CUR or SEEK_END
 *
 * Return: the new position, -ESPIPE if the file has no ->llseek(), -EIO
 * if it was removed, or the error of ->llseek().
 */
loff_t vfs_llseek(struct file *file, loff_t offset, int whence)
{
	struct dentry *dentry = file_dentry(file);
	loff_t ret;

	if (!file->f_op->llseek)
		return no_llseek(file, offset, whence);
	if (!pseudo_use(dentry))
		return -EIO;
	ret = file->f_op->llseek(file, offset, whence);
	pseudo_unuse(dentry);
	return ret;
}

/**
 * no_llseek - ->llseek() of a file that cannot seek
 * @file: the file
 * @offset: ignored
 * @whence: ignored
 *
 * Return: -ESPIPE.
 */
loff_t no_llseek(struct file *file, loff_t offset, int whence)
{
	return -ESPIPE;
}

/**
 * default_llseek - ->llseek() of a file whose position is just a number
 * @file: the file
 * @offset: the new position, or a distance
 * @whence: SEEK_SET, SEEK_CUR or SEEK_END
 *
 * Pseudo files have no size (like those of procfs, they are 0 bytes
 * long to stat), so SEEK_END counts from 0.
 *
 * Return: the new position, or -EINVAL if it would be negative or
 * @whence is unknown.
 */
loff_t default_llseek(struct file *file, loff_t offset, int whence)
{
	switch (whence) {
	case SEEK_END:
		break;
	case SEEK_CUR:
		if (!offset)
			return file->f_pos;
		offset += file->f_pos;
		break;
	case SEEK_SET:
		break;
	default:
		return -EINVAL;
	}
	if (offset < 0)
		return -EINVAL;
	file->f_pos = offset;
	return offset;
}

/* Double a buffer, keeping its first @used bytes. */
static char *grow_buffer(char *buf, size_t used, size_t *size)
{
	char *bigger = kmalloc(*size * 2, GFP_KERNEL);

	if (bigger) {
		memcpy(bigger, buf, used);
		*size *= 2;
	}
	kfree(buf);
	return bigger;
}

/**
 * kernel_read_file_path - read a whole pseudo file: the console's cat
 * @path: absolute path of the file
 * @bufp: set to a kmalloc'ed buffer holding the text and a final NUL,
 *	which the caller kfree()s; set to NULL on error
 *
 * Reads until end of file with as many reads as it takes, so seq_files of
 * any size come out whole.
 *
 * Return: the length of the text, or -errno from filp_open() or
 * kernel_read() (-EISDIR for a directory), or -ENOMEM.
 */
ssize_t kernel_read_file_path(const char *path, char **bufp)
{
	size_t size = PAGE_SIZE, len = 0;
	struct file *file;
	ssize_t ret;
	char *buf;

	*bufp = NULL;
	file = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(file))
		return PTR_ERR(file);
	buf = kmalloc(size, GFP_KERNEL);
	ret = buf ? 0 : -ENOMEM;
	while (buf) {
		if (len + 1 == size) {
			buf = grow_buffer(buf, len, &size);
			ret = buf ? 0 : -ENOMEM;
			if (!buf)
				break;
		}
		/* One byte always stays free for the NUL. */
		ret = kernel_read(file, buf + len, size - len - 1,
				  &file->f_pos);
		if (ret <= 0)
			break;
		len += ret;
	}
	filp_close(file, NULL);
	if (ret < 0) {
		kfree(buf);
		return ret;
	}
	buf[len] = '\0';
	*bufp = buf;
	return len;
}

/**
 * __kernel_write_file_path - write text to a pseudo file with open flags
 * @path: absolute path of the file
 * @buf: the text (the console passes it with its newline, as echo does)
 * @len: its length
 * @flags: O_TRUNC for a shell's "echo text > file", O_APPEND for ">>";
 *	pseudo files have no length, but some look at the flags (opened
 *	with O_TRUNC, tracing's set_event starts from no events enabled)
 *
 * One write at position 0.  A file that rejects the text leaves its value
 * as it was and returns the error.
 *
 * Return: bytes the file took, or -errno from filp_open() (-EACCES for a
 * read-only file, -EISDIR, -ENOENT) or from the file's ->write()
 * (-EINVAL for text it cannot parse).
 */
ssize_t __kernel_write_file_path(const char *path, const char *buf,
				 size_t len, int flags)
{
	struct file *file;
	ssize_t ret;

	file = filp_open(path, O_WRONLY | (flags & (O_TRUNC | O_APPEND)), 0);
	if (IS_ERR(file))
		return PTR_ERR(file);
	ret = kernel_write(file, buf, len, &file->f_pos);
	filp_close(file, NULL);
	return ret;
}

/**
 * kernel_write_file_path - write text to a pseudo file as "echo text > file"
 * @path: absolute path of the file
 * @buf: the text
 * @len: its length
 *
 * Return: as __kernel_write_file_path().
 */
ssize_t kernel_write_file_path(const char *path, const char *buf, size_t len)
{
	return __kernel_write_file_path(path, buf, len, O_TRUNC);
}
