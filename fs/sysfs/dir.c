// SPDX-License-Identifier: GPL-2.0
/*
 * fs/sysfs/dir.c - sysfs directories: one per kobject
 *
 * A kobject's directory is made under its parent's, or under /sys for a
 * kobject without a parent.  The kernel hangs every device under
 * /sys/devices and links it from its class directory (/sys/block/zram0
 * points to /sys/devices/virtual/block/zram0); the pseudo tree has no
 * links, so the directory is made where users look for it.
 */
#include <linux/sysfs.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/pseudo_fs.h>

/* The directory the children of @kobj's parent go in. */
static struct dentry *sysfs_parent_dir(struct kobject *kobj)
{
	if (kobj->parent)
		return kobj->parent->sd ?: ERR_PTR(-ENOENT);
	return pseudo_mkdir_p("/sys");
}

/**
 * sysfs_create_dir - create the directory of a kobject
 * @kobj: the kobject, with its name and parent set
 *
 * Return: 0, or -EEXIST if the name is taken, -ENOENT if the parent has
 * no directory, -EINVAL for a kobject without a name, -ENOMEM.
 */
int sysfs_create_dir(struct kobject *kobj)
{
	struct dentry *parent, *dir;

	if (!kobj->name || WARN_ON(kobj->sd))
		return -EINVAL;
	parent = sysfs_parent_dir(kobj);
	if (IS_ERR(parent))
		return PTR_ERR(parent);
	/* Not pseudo_mkdir(): that would take a directory already there. */
	dir = pseudo_create(kobj->name, S_IFDIR | 0755, parent, NULL, NULL,
			    NULL, NULL);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	kobj->sd = dir;
	return 0;
}

/**
 * sysfs_remove_dir - remove a kobject's directory and everything in it
 * @kobj: the kobject
 *
 * Waits for reads and writes in progress on its files (fs/pseudo.c), so
 * it must not be called from one of them nor with a lock their show() or
 * store() take.
 */
void sysfs_remove_dir(struct kobject *kobj)
{
	struct dentry *dir = kobj->sd;

	kobj->sd = NULL;
	pseudo_remove(dir);
}
