/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): sysfs attributes and groups on a minimal kobject. */
#ifndef _SYSFS_H_
#define _SYSFS_H_

/*
 * include/linux/sysfs.h - sysfs: one directory per object, one file per
 * attribute
 *
 * An attribute file holds one value as text.  Reading it calls the
 * owner's show(), which fills a page-sized buffer; writing it calls
 * store() with the text written (NUL-terminated, at most PAGE_SIZE - 1
 * bytes), and store()'s return value is write()'s: the byte count, or a
 * negative errno that the writer sees (and then nothing has changed).
 *
 * The kobject here is reduced to what sysfs needs of it (the kernel's
 * lives in kobject.h with reference counting and ksets): a name, a parent
 * and the directory; kobj_type says how to show and store its attributes.
 * The files live in the pseudo tree (fs/pseudo.c) under /sys.
 */
#include <linux/types.h>
#include <linux/stringify.h>

struct dentry;
struct kobject;

struct attribute {
	const char *name;
	umode_t mode;
};

struct attribute_group {
	const char *name;		/* a subdirectory, or NULL */
	struct attribute **attrs;	/* NULL-terminated */
};

struct sysfs_ops {
	ssize_t (*show)(struct kobject *kobj, struct attribute *attr,
			char *buf);
	ssize_t (*store)(struct kobject *kobj, struct attribute *attr,
			 const char *buf, size_t count);
};

struct kobj_type {
	const struct sysfs_ops *sysfs_ops;
};

struct kobject {
	const char *name;
	struct kobject *parent;		/* NULL: directly under /sys */
	const struct kobj_type *ktype;
	struct dentry *sd;		/* our directory, once created */
};

static inline const char *kobject_name(const struct kobject *kobj)
{
	return kobj->name;
}

#define __ATTR(_name, _mode, _show, _store) {				\
	.attr = { .name = __stringify(_name), .mode = (_mode) },	\
	.show	= _show,						\
	.store	= _store,						\
}

#define __ATTR_RO(_name)	__ATTR(_name, 0444, _name##_show, NULL)
#define __ATTR_WO(_name)	__ATTR(_name, 0200, NULL, _name##_store)
#define __ATTR_RW(_name)	__ATTR(_name, 0644, _name##_show, _name##_store)

/* fs/sysfs/dir.c */
int sysfs_create_dir(struct kobject *kobj);
void sysfs_remove_dir(struct kobject *kobj);

/* fs/sysfs/file.c */
int sysfs_create_file(struct kobject *kobj, const struct attribute *attr);
void sysfs_remove_file(struct kobject *kobj, const struct attribute *attr);
int sysfs_create_group(struct kobject *kobj,
		       const struct attribute_group *grp);
void sysfs_remove_group(struct kobject *kobj,
			const struct attribute_group *grp);
int sysfs_create_groups(struct kobject *kobj,
			const struct attribute_group **groups);
void sysfs_remove_groups(struct kobject *kobj,
			 const struct attribute_group **groups);

#endif /* _SYSFS_H_ */
