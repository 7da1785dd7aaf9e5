// SPDX-License-Identifier: GPL-2.0
/*
 * fs/open.c - opening and closing files of the pseudo filesystem
 *
 * There are no file descriptors here: the console holds struct file
 * pointers.  An open file holds a reference on its dentry, so a file that
 * is removed while open is freed at its last close (fs/pseudo.c).
 */

#include <linux/fs.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/pseudo_fs.h>
#include <linux/slab.h>

static int open_fmode(int flags, fmode_t *fmode)
{
	switch (flags & O_ACCMODE) {
	case O_RDONLY:
		*fmode = FMODE_READ;
		return 0;
	case O_WRONLY:
		*fmode = FMODE_WRITE;
		return 0;
	case O_RDWR:
		*fmode = FMODE_READ | FMODE_WRITE;
		return 0;
	}
	return -EINVAL;
}

/*
 * The console is root, and root passes the kernel's permission checks on
 * most files; but sysctl checks the owner's bits even for root, and a
 * pseudo file that cannot take a write fails one anyway.  So the owner's
 * bits decide, and a file without ->write() counts as not writable: an
 * echo into /proc/buddyinfo says "Permission denied", as on Linux.
 */
static int may_open(const struct inode *inode, fmode_t fmode)
{
	if (S_ISDIR(inode->i_mode))
		return (fmode & FMODE_WRITE) ? -EISDIR : 0;
	if ((fmode & FMODE_WRITE) &&
	    (!(inode->i_mode & 0200) || !inode->i_fop->write))
		return -EACCES;
	if ((fmode & FMODE_READ) && !(inode->i_mode & 0400))
		return -EACCES;
	return 0;
}

static int do_open(struct dentry *dentry, struct file *file)
{
	int err;

	if (!file->f_op->open)
		return 0;
	/* Removed between lookup and here: as if the lookup had failed. */
	if (!pseudo_use(dentry))
		return -ENOENT;
	err = file->f_op->open(d_inode(dentry), file);
	pseudo_unuse(dentry);
	return err;
}

/**
 * filp_open - open a file of the pseudo filesystem by path
 * @filename: absolute path
 * @flags: O_RDONLY, O_WRONLY or O_RDWR; with O_CREAT | O_EXCL an
 *	existing file is -EEXIST (nothing can be created by open here)
 * @mode: unused: pseudo files are created by the code that provides them
 *
 * Return: the open file, or ERR_PTR(-ENOENT) or -ENOTDIR from the
 * lookup, -EISDIR for a directory opened for writing, -EACCES for a file
 * without the needed owner permission bit (or without ->write() for
 * writing), -EINVAL for bad @flags, -ENOMEM, or the error of ->open().
 */
struct file *filp_open(const char *filename, int flags, umode_t mode)
{
	struct dentry *dentry;
	struct file *file;
	fmode_t fmode;
	int err;

	err = open_fmode(flags, &fmode);
	if (err)
		return ERR_PTR(err);
	dentry = pseudo_lookup(filename);
	if (IS_ERR(dentry))
		return ERR_PTR(PTR_ERR(dentry));

	err = -EEXIST;
	if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		goto put;
	err = may_open(d_inode(dentry), fmode);
	if (err)
		goto put;
	err = -ENOMEM;
	file = kzalloc(sizeof(*file), GFP_KERNEL);
	if (!file)
		goto put;
	file->f_inode = d_inode(dentry);
	file->f_op = file->f_inode->i_fop;
	file->f_mode = fmode;
	file->f_flags = flags;
	err = do_open(dentry, file);
	if (err) {
		kfree(file);
		goto put;
	}
	return file;
put:
	dput(dentry);
	return ERR_PTR(err);
}

/**
 * filp_close - close a file opened with filp_open()
 * @filp: the file
 * @id: unused (the kernel's files_struct owner)
 *
 * Calls ->release(), even when the file was removed meanwhile: release
 * functions free what ->open() allocated and must not use the data of
 * the file's owner, which may be gone.
 *
 * Return: 0, or -EBADF for a bad @filp.
 */
int filp_close(struct file *filp, void *id)
{
	struct dentry *dentry;

	if (WARN_ON(IS_ERR_OR_NULL(filp)))
		return -EBADF;
	dentry = file_dentry(filp);
	if (filp->f_op->release)
		filp->f_op->release(filp->f_inode, filp);
	kfree(filp);
	dput(dentry);
	return 0;
}
