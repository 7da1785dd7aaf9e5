// SPDX-License-Identifier: GPL-2.0
/*
 * fs/sysfs/device.c - struct device in sysfs
 *
 * What Linux's drivers/base/core.c does for sysfs in the kernel: a device's
 * directory is its kobject's, and its attribute files call the
 * device_attribute's show() and store() with the device.
 */
#include <linux/device.h>
#include <linux/kernel.h>

static ssize_t dev_attr_show(struct kobject *kobj, struct attribute *attr,
			     char *buf)
{
	struct device_attribute *dev_attr =
		container_of(attr, struct device_attribute, attr);
	struct device *dev = container_of(kobj, struct device, kobj);

	if (!dev_attr->show)
		return -EIO;
	return dev_attr->show(dev, dev_attr, buf);
}

static ssize_t dev_attr_store(struct kobject *kobj, struct attribute *attr,
			      const char *buf, size_t count)
{
	struct device_attribute *dev_attr =
		container_of(attr, struct device_attribute, attr);
	struct device *dev = container_of(kobj, struct device, kobj);

	if (!dev_attr->store)
		return -EIO;
	return dev_attr->store(dev, dev_attr, buf, count);
}

static const struct sysfs_ops dev_sysfs_ops = {
	.show	= dev_attr_show,
	.store	= dev_attr_store,
};

static const struct kobj_type device_ktype = {
	.sysfs_ops	= &dev_sysfs_ops,
};

/**
 * device_initialize - prepare a device for device_add()
 * @dev: the device, zeroed or with its fields set; the name is set by
 *	the caller in dev->kobj.name
 */
void device_initialize(struct device *dev)
{
	dev->kobj.ktype = &device_ktype;
}

/**
 * device_add - give a device its sysfs directory and attribute groups
 * @dev: the device, after device_initialize(), with a name; its
 *	directory goes under its parent's (or dev->kobj.parent's, or /sys)
 *
 * Return: 0, or -EEXIST if the name is taken, or another -errno.
 */
int device_add(struct device *dev)
{
	int err;

	if (dev->parent)
		dev->kobj.parent = &dev->parent->kobj;
	if (!dev->kobj.ktype)
		device_initialize(dev);
	err = sysfs_create_dir(&dev->kobj);
	if (err)
		return err;
	err = sysfs_create_groups(&dev->kobj, dev->groups);
	if (err)
		sysfs_remove_dir(&dev->kobj);
	return err;
}

/**
 * device_del - remove a device's sysfs directory with all its files
 * @dev: the device
 *
 * Waits for reads and writes in progress on its files; afterwards their
 * show() and store() are no longer called.
 */
void device_del(struct device *dev)
{
	sysfs_remove_dir(&dev->kobj);
}

/**
 * device_create_file - create one attribute file of a device
 * @dev: the device, after device_add()
 * @attr: the attribute; it must outlive the file
 *
 * Return: 0, or -errno as for sysfs_create_file().
 */
int device_create_file(struct device *dev,
		       const struct device_attribute *attr)
{
	return sysfs_create_file(&dev->kobj, &attr->attr);
}

/**
 * device_remove_file - remove one attribute file of a device
 * @dev: the device
 * @attr: the attribute
 */
void device_remove_file(struct device *dev,
			const struct device_attribute *attr)
{
	sysfs_remove_file(&dev->kobj, &attr->attr);
}
