/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): struct device and its sysfs attributes. */
#ifndef _DEVICE_H_
#define _DEVICE_H_

/*
 * include/linux/device.h - devices, as far as sysfs sees them
 *
 * A device is a kobject (its /sys directory) plus the driver's data.
 * Drivers describe their files with DEVICE_ATTR_RO/RW/WO, whose show()
 * and store() get the device back; the dispatch from kobject to device is
 * fs/sysfs/device.c's (Linux's drivers/base/core.c).  There are no
 * buses, classes or uevents here.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/sysfs.h>

struct device {
	struct kobject kobj;
	struct device *parent;
	void *driver_data;
	/* Created by device_add(), removed by device_del(); may be NULL. */
	const struct attribute_group **groups;
};

struct device_attribute {
	struct attribute attr;
	ssize_t (*show)(struct device *dev, struct device_attribute *attr,
			char *buf);
	ssize_t (*store)(struct device *dev, struct device_attribute *attr,
			 const char *buf, size_t count);
};

#define DEVICE_ATTR(_name, _mode, _show, _store) \
	struct device_attribute dev_attr_##_name = \
		__ATTR(_name, _mode, _show, _store)
#define DEVICE_ATTR_RO(_name) \
	struct device_attribute dev_attr_##_name = __ATTR_RO(_name)
#define DEVICE_ATTR_WO(_name) \
	struct device_attribute dev_attr_##_name = __ATTR_WO(_name)
#define DEVICE_ATTR_RW(_name) \
	struct device_attribute dev_attr_##_name = __ATTR_RW(_name)

static inline const char *dev_name(const struct device *dev)
{
	return kobject_name(&dev->kobj);
}

static inline void *dev_get_drvdata(const struct device *dev)
{
	return dev->driver_data;
}

static inline void dev_set_drvdata(struct device *dev, void *data)
{
	dev->driver_data = data;
}

/* fs/sysfs/device.c */
void device_initialize(struct device *dev);
int device_add(struct device *dev);
void device_del(struct device *dev);
int device_create_file(struct device *dev,
		       const struct device_attribute *attr);
void device_remove_file(struct device *dev,
			const struct device_attribute *attr);

#endif /* _DEVICE_H_ */
