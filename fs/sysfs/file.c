// SPDX-License-Identifier: GPL-2.0
/*
 * fs/sysfs/file.c - sysfs attribute files and attribute groups
 *
 * An attribute file is a pseudo file whose inode's i_private is the
 * struct attribute and whose dentry's d_fsdata is the kobject; reads and
 * writes go to the kobject's sysfs_ops.  As in kernfs, a read at offset 0
 * asks show() for the value afresh (into a page-sized buffer kept with
 * the open file) and reads further on serve the rest of that text; each
 * write is one store() of what was written, NUL-terminated, so "echo 1 >
 * file" hands store() "1\n".  store()'s return value is the write's: a
 * store() that refuses the text returns -errno and must leave the
 * object as it was.
 *
 * Files are removed with their directory or by name; removal waits for
 * the reads and writes running in them (fs/pseudo.c), after which the
 * kobject may go away.
 */
#include <linux/sysfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/pseudo_fs.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

/* The text of the last show(), for an open file. */
struct sysfs_open_file {
	char *page;
	size_t len;
	bool valid;
};

static struct kobject *sysfs_file_kobj(struct file *file)
{
	return file_dentry(file)->d_fsdata;
}

static struct attribute *sysfs_file_attr(struct file *file)
{
	return file_inode(file)->i_private;
}

static int sysfs_open(struct inode *inode, struct file *file)
{
	struct sysfs_open_file *of = NULL;

	if (file->f_mode & FMODE_READ) {
		of = kzalloc(sizeof(*of), GFP_KERNEL);
		if (!of)
			return -ENOMEM;
		of->page = kmalloc(PAGE_SIZE, GFP_KERNEL);
		if (!of->page) {
			kfree(of);
			return -ENOMEM;
		}
	}
	file->private_data = of;
	return 0;
}

static int sysfs_release(struct inode *inode, struct file *file)
{
	struct sysfs_open_file *of = file->private_data;

	if (of)
		kfree(of->page);
	kfree(of);
	return 0;
}

/* Ask the owner for the value. */
static int sysfs_fill(struct file *file, struct sysfs_open_file *of)
{
	struct kobject *kobj = sysfs_file_kobj(file);
	const struct sysfs_ops *ops = kobj->ktype->sysfs_ops;
	ssize_t len;

	if (!ops->show)
		return -EIO;
	memset(of->page, 0, PAGE_SIZE);
	len = ops->show(kobj, sysfs_file_attr(file), of->page);
	if (len < 0)
		return len;
	if (len >= PAGE_SIZE) {
		pr_warn("sysfs: %s/%s: show() returned %zd bytes\n",
			kobject_name(kobj), sysfs_file_attr(file)->name, len);
		len = PAGE_SIZE - 1;
	}
	of->len = len;
	of->valid = true;
	return 0;
}

static ssize_t sysfs_read(struct file *file, char __user *buf, size_t count,
			  loff_t *ppos)
{
	struct sysfs_open_file *of = file->private_data;

	if (!of->valid || *ppos == 0) {
		int err = sysfs_fill(file, of);

		if (err)
			return err;
	}
	return simple_read_from_buffer(buf, count, ppos, of->page, of->len);
}

static ssize_t sysfs_write(struct file *file, const char __user *buf,
			   size_t count, loff_t *ppos)
{
	struct kobject *kobj = sysfs_file_kobj(file);
	const struct sysfs_ops *ops = kobj->ktype->sysfs_ops;
	ssize_t ret;
	char *page;

	if (!ops->store)
		return -EIO;
	count = min_t(size_t, count, PAGE_SIZE - 1);
	page = kmalloc(count + 1, GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	if (copy_from_user(page, buf, count)) {
		kfree(page);
		return -EFAULT;
	}
	page[count] = '\0';
	ret = ops->store(kobj, sysfs_file_attr(file), page, count);
	kfree(page);
	if (ret > 0)
		*ppos += ret;
	return ret;
}

static const struct file_operations sysfs_file_operations = {
	.open		= sysfs_open,
	.read		= sysfs_read,
	.write		= sysfs_write,
	.llseek		= default_llseek,
	.release	= sysfs_release,
};

static int sysfs_add_file(struct dentry *dir, struct kobject *kobj,
			  const struct attribute *attr)
{
	struct dentry *dentry;

	dentry = pseudo_create(attr->name, (attr->mode & S_IALLUGO) | S_IFREG,
			       dir, (void *)attr, &sysfs_file_operations,
			       kobj, NULL);
	return PTR_ERR_OR_ZERO(dentry);
}

static void sysfs_remove_name(struct dentry *dir, const char *name)
{
	struct dentry *dentry;

	if (IS_ERR_OR_NULL(dir))
		return;
	dentry = pseudo_lookup_one(name, dir);
	if (IS_ERR(dentry))
		return;
	pseudo_remove(dentry);
	dput(dentry);
}

/**
 * sysfs_create_file - create an attribute file in a kobject's directory
 * @kobj: the kobject, whose directory exists
 * @attr: the attribute (name and mode); it must outlive the file
 *
 * Return: 0, or -ENOENT if @kobj has no directory, -EEXIST if the name is
 * taken, -ENOMEM.
 */
int sysfs_create_file(struct kobject *kobj, const struct attribute *attr)
{
	if (!kobj->sd)
		return -ENOENT;
	return sysfs_add_file(kobj->sd, kobj, attr);
}

/**
 * sysfs_remove_file - remove an attribute file
 * @kobj: the kobject
 * @attr: the attribute
 *
 * Waits for reads and writes in progress on the file.
 */
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr)
{
	sysfs_remove_name(kobj->sd, attr->name);
}

/* The directory a group's files go in: its own, or the kobject's. */
static struct dentry *sysfs_group_dir(struct kobject *kobj,
				      const struct attribute_group *grp,
				      bool create)
{
	struct dentry *dir;

	if (!kobj->sd)
		return ERR_PTR(-ENOENT);
	if (!grp->name)
		return kobj->sd;
	if (create)
		return pseudo_create(grp->name, S_IFDIR | 0755, kobj->sd, NULL,
				     NULL, NULL, NULL);
	dir = pseudo_lookup_one(grp->name, kobj->sd);
	if (!IS_ERR(dir))
		dput(dir);	/* the tree's reference keeps it */
	return dir;
}

/**
 * sysfs_create_group - create the files of an attribute group
 * @kobj: the kobject, whose directory exists
 * @grp: the group; with a name, its files go in a subdirectory of it
 *
 * All or nothing: on failure, the files already made are removed.
 *
 * Return: 0, or -errno as for sysfs_create_file().
 */
int sysfs_create_group(struct kobject *kobj,
		       const struct attribute_group *grp)
{
	struct attribute *const *attr;
	struct dentry *dir;
	int err = 0;

	dir = sysfs_group_dir(kobj, grp, true);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	for (attr = grp->attrs; *attr; attr++) {
		err = sysfs_add_file(dir, kobj, *attr);
		if (err)
			break;
	}
	if (err) {
		if (grp->name)
			pseudo_remove(dir);
		else
			while (attr-- != grp->attrs)
				sysfs_remove_name(dir, (*attr)->name);
	}
	return err;
}

/**
 * sysfs_remove_group - remove the files of an attribute group
 * @kobj: the kobject
 * @grp: the group
 *
 * Waits for reads and writes in progress on the files.
 */
void sysfs_remove_group(struct kobject *kobj,
			const struct attribute_group *grp)
{
	struct attribute *const *attr;
	struct dentry *dir;

	dir = sysfs_group_dir(kobj, grp, false);
	if (IS_ERR(dir))
		return;
	if (grp->name) {
		pseudo_remove(dir);
		return;
	}
	for (attr = grp->attrs; *attr; attr++)
		sysfs_remove_name(dir, (*attr)->name);
}

/**
 * sysfs_create_groups - create the files of several attribute groups
 * @kobj: the kobject
 * @groups: NULL-terminated array of groups (NULL: none)
 *
 * Return: 0, or the first error (the groups made so far are removed).
 */
int sysfs_create_groups(struct kobject *kobj,
			const struct attribute_group **groups)
{
	int i, err;

	for (i = 0; groups && groups[i]; i++) {
		err = sysfs_create_group(kobj, groups[i]);
		if (err) {
			while (--i >= 0)
				sysfs_remove_group(kobj, groups[i]);
			return err;
		}
	}
	return 0;
}

/**
 * sysfs_remove_groups - remove the files of several attribute groups
 * @kobj: the kobject
 * @groups: NULL-terminated array of groups (NULL: none)
 */
void sysfs_remove_groups(struct kobject *kobj,
			 const struct attribute_group **groups)
{
	int i;

	for (i = 0; groups && groups[i]; i++)
		sysfs_remove_group(kobj, groups[i]);
}
