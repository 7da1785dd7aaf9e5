// SPDX-License-Identifier: GPL-2.0
/*
 * block/genhd.c - disks: registration, /sys/block and /dev
 *
 * A gendisk lives from alloc_disk() to the last put_disk(); each
 * reference to its block device (bdget_disk(), lookup_bdev()) holds a
 * reference to the disk too, dropped by bdput().  Between add_disk() and
 * del_gendisk() it is on the list of disks that lookup_bdev() searches,
 * with its directory in /sys/block and its node in /dev.
 *
 * Locking: disks_mutex protects the list of disks and the major table;
 * it is taken before the pseudo tree's mutex (files are created under
 * it) and never inside a block_device's bd_mutex.
 */
#include <linux/blkdev.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/pseudo_fs.h>
#include <linux/slab.h>
#include <linux/string.h>

#define BLKDEV_MAJOR_MAX	255
/* Dynamic majors are handed out downwards from here, as in the kernel. */
#define BLKDEV_MAJOR_DYN	254

static DEFINE_MUTEX(disks_mutex);
static LIST_HEAD(disks);
static const char *major_names[BLKDEV_MAJOR_MAX + 1];

/* /sys/block: the parent of every disk's directory. */
static struct kobject block_kobj = { .name = "block" };

/**
 * register_blkdev - reserve a major number for a block driver
 * @major: the major wanted, or 0 for any free one
 * @name: the driver's name
 *
 * Return: the major (the one given, or the one allocated when @major was
 * 0), or -EBUSY if it is taken or none is free, -EINVAL if out of range.
 */
int register_blkdev(unsigned int major, const char *name)
{
	int ret = -EBUSY;

	if (major > BLKDEV_MAJOR_MAX)
		return -EINVAL;
	mutex_lock(&disks_mutex);
	if (!major) {
		for (major = BLKDEV_MAJOR_DYN; major > 0; major--)
			if (!major_names[major])
				break;
	}
	if (major && !major_names[major]) {
		major_names[major] = name;
		ret = major;
	}
	mutex_unlock(&disks_mutex);
	return ret;
}

/**
 * unregister_blkdev - give back a major from register_blkdev()
 * @major: the major
 * @name: the name it was registered with
 */
void unregister_blkdev(unsigned int major, const char *name)
{
	mutex_lock(&disks_mutex);
	if (major <= BLKDEV_MAJOR_MAX && !WARN_ON(!major_names[major] ||
						  strcmp(major_names[major], name)))
		major_names[major] = NULL;
	mutex_unlock(&disks_mutex);
}

/**
 * alloc_disk - allocate a disk with its whole-disk block device
 * @minors: minor numbers it uses (partitions are not supported: 1)
 *
 * The caller fills in major, first_minor, disk_name, fops and
 * private_data, then calls add_disk().  The capacity starts at 0.
 *
 * Return: the disk with one reference (put_disk()), or NULL.
 */
struct gendisk *alloc_disk(int minors)
{
	struct gendisk *disk;

	WARN_ON(minors != 1);
	disk = kzalloc(sizeof(*disk), GFP_KERNEL);
	if (!disk)
		return NULL;
	disk->part0 = kzalloc(sizeof(*disk->part0), GFP_KERNEL);
	if (!disk->part0) {
		kfree(disk);
		return NULL;
	}
	disk->part0->bd_disk = disk;
	mutex_init(&disk->part0->bd_mutex);
	atomic_set(&disk->refs, 1);
	INIT_LIST_HEAD(&disk->list);
	device_initialize(disk_to_dev(disk));
	return disk;
}

static struct gendisk *get_disk_by_name(const char *name)
{
	struct gendisk *disk;

	lockdep_assert_held(&disks_mutex);
	list_for_each_entry(disk, &disks, list)
		if (!strcmp(disk->disk_name, name))
			return disk;
	return NULL;
}

static struct dentry *dev_dir(void)
{
	return pseudo_mkdir_p("/dev");
}

/**
 * add_disk - make a disk visible
 * @disk: from alloc_disk(), filled in
 *
 * Creates /sys/block/<disk_name> (the driver adds its attributes to
 * disk_to_dev(@disk) afterwards) and /dev/<disk_name>, and lets
 * lookup_bdev() find the disk.
 *
 * Return: 0, or -EEXIST if a disk has that name, or -ENOMEM.
 */
int add_disk(struct gendisk *disk)
{
	struct device *dev = disk_to_dev(disk);
	struct dentry *node;
	int err;

	mutex_lock(&disks_mutex);
	err = -EEXIST;
	if (get_disk_by_name(disk->disk_name))
		goto out;
	dev->kobj.name = disk->disk_name;
	dev->kobj.parent = &block_kobj;
	err = device_add(dev);
	if (err)
		goto out;
	node = pseudo_create_file(disk->disk_name, 0660, dev_dir(), disk, NULL);
	if (IS_ERR(node)) {
		err = PTR_ERR(node);
		device_del(dev);
		goto out;
	}
	disk->dev_node = node;
	WRITE_ONCE(disk->added, true);
	list_add_tail(&disk->list, &disks);
out:
	mutex_unlock(&disks_mutex);
	return err;
}

/**
 * del_gendisk - make a disk invisible again
 * @disk: a disk given to add_disk()
 *
 * Removes its /sys and /dev entries (waiting for reads and writes in
 * progress on them) and takes it off the list.  References and opens
 * taken earlier stay valid until they are put.
 */
void del_gendisk(struct gendisk *disk)
{
	mutex_lock(&disks_mutex);
	if (disk->added) {
		list_del_init(&disk->list);
		WRITE_ONCE(disk->added, false);
	}
	mutex_unlock(&disks_mutex);
	pseudo_remove(disk->dev_node);
	disk->dev_node = NULL;
	device_del(disk_to_dev(disk));
}

/**
 * put_disk - drop a reference to a disk
 * @disk: the disk, or NULL
 *
 * The last reference frees it, with its block device.
 */
void put_disk(struct gendisk *disk)
{
	if (disk && atomic_dec_and_test(&disk->refs)) {
		WARN_ON(disk->added);
		kfree(disk->part0);
		kfree(disk);
	}
}

/**
 * bdget_disk - the block device of a disk
 * @disk: the disk
 * @partno: the partition; only 0 (the whole disk) exists
 *
 * Return: the block device with a reference (bdput()), or NULL.
 */
struct block_device *bdget_disk(struct gendisk *disk, int partno)
{
	if (partno)
		return NULL;
	atomic_inc(&disk->refs);
	return disk->part0;
}

/**
 * bdput - drop a reference to a block device
 * @bdev: the block device
 */
void bdput(struct block_device *bdev)
{
	put_disk(bdev->bd_disk);
}

/**
 * lookup_bdev - find a block device by name
 * @path: "/dev/NAME" or just "NAME", e.g. "/dev/zram0" or "zram0"
 *
 * Return: the block device with a reference (bdput(), or given to
 * blkdev_get()), or ERR_PTR(-ENOENT) if no disk has that name, -EINVAL
 * for an empty name.
 */
struct block_device *lookup_bdev(const char *path)
{
	struct block_device *bdev = ERR_PTR(-ENOENT);
	struct gendisk *disk;
	const char *name = path;

	if (str_has_prefix(name, "/dev/"))
		name += strlen("/dev/");
	if (!*name)
		return ERR_PTR(-EINVAL);
	mutex_lock(&disks_mutex);
	disk = get_disk_by_name(name);
	if (disk)
		bdev = bdget_disk(disk, 0);
	mutex_unlock(&disks_mutex);
	return bdev;
}

static int __init genhd_device_init(void)
{
	int err = sysfs_create_dir(&block_kobj);

	if (err)
		pr_err("block: cannot create /sys/block: %d\n", err);
	return err;
}
subsys_initcall(genhd_device_init);
