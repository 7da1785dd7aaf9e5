/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): disks, block devices and synchronous page I/O. */
#ifndef _LINUX_BLKDEV_H
#define _LINUX_BLKDEV_H

/*
 * include/linux/blkdev.h - the block layer, as much of it as zram and
 * swap need
 *
 * A driver allocates a gendisk, fills in its name, operations and
 * private_data, and registers it with add_disk(): the disk gets its sysfs
 * directory /sys/block/<name> (disk_to_dev()) and a device node
 * /dev/<name>.  A user finds it with lookup_bdev("zram0") or
 * lookup_bdev("/dev/zram0"), opens it with blkdev_get() and does I/O a
 * page at a time with bdev_read_page() and bdev_write_page(): 4.8's
 * rw_page shortcut, which swap uses on zram.  There are no request queues
 * and no bios: rw_page is the only I/O path, so it is synchronous and
 * its error is final (in 4.8 a failed rw_page falls back to a bio).
 *
 * Sizes are in 512-byte sectors; a page is SECTORS_PER_PAGE of them.
 */
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <asm/page.h>

typedef u64 sector_t;

#define SECTOR_SHIFT		9
#define SECTOR_SIZE		(1 << SECTOR_SHIFT)
#define SECTORS_PER_PAGE_SHIFT	(PAGE_SHIFT - SECTOR_SHIFT)
#define SECTORS_PER_PAGE	(1 << SECTORS_PER_PAGE_SHIFT)

#define DISK_NAME_LEN		32

/* An exclusive open: one holder at a time (swapon claims its device). */
#ifndef FMODE_EXCL
#define FMODE_EXCL		((__force fmode_t)0x80)
#endif

struct page;
struct gendisk;
struct writeback_control;

struct block_device {
	struct gendisk *bd_disk;
	struct mutex bd_mutex;		/* opens and closes, the holder */
	int bd_openers;			/* blkdev_get()s not yet put */
	void *bd_holder;		/* who opened it FMODE_EXCL */
	int bd_holders;
};

struct block_device_operations {
	/* Called under bd_mutex at every blkdev_get(); an error refuses it. */
	int (*open)(struct block_device *bdev, fmode_t mode);
	/* Called under bd_mutex at every blkdev_put(). */
	void (*release)(struct gendisk *disk, fmode_t mode);
	/*
	 * Read or write one page at @sector (page aligned), synchronously.
	 * Returns 0 or -errno.  umm: it does not touch the page's flags
	 * (4.8's drivers call page_endio() on success); the caller does.
	 */
	int (*rw_page)(struct block_device *bdev, sector_t sector,
		       struct page *page, bool is_write);
	/* Swap freed the slot at page @index: the data may be dropped. */
	void (*swap_slot_free_notify)(struct block_device *bdev,
				      unsigned long index);
};

struct gendisk {
	int major;
	int first_minor;
	char disk_name[DISK_NAME_LEN];
	const struct block_device_operations *fops;
	void *private_data;		/* the driver's */
	sector_t capacity;		/* 4.8: part0.nr_sects */
	struct device disk_dev;		/* 4.8: part0.__dev */
	struct block_device *part0;	/* the whole-disk block device */
	struct dentry *dev_node;	/* /dev/<disk_name> */
	atomic_t refs;
	struct list_head list;		/* on the list of added disks */
	bool added;
};

#define disk_to_dev(disk)	(&(disk)->disk_dev)
#define dev_to_disk(device)	container_of((device), struct gendisk, disk_dev)

static inline void set_capacity(struct gendisk *disk, sector_t size)
{
	WRITE_ONCE(disk->capacity, size);
}

static inline sector_t get_capacity(struct gendisk *disk)
{
	return READ_ONCE(disk->capacity);
}

/* block/genhd.c */
int register_blkdev(unsigned int major, const char *name);
void unregister_blkdev(unsigned int major, const char *name);
struct gendisk *alloc_disk(int minors);
int add_disk(struct gendisk *disk);
void del_gendisk(struct gendisk *disk);
void put_disk(struct gendisk *disk);
struct block_device *bdget_disk(struct gendisk *disk, int partno);
void bdput(struct block_device *bdev);
struct block_device *lookup_bdev(const char *path);

/* block/bdev.c (4.8's fs/block_dev.c) */
int blkdev_get(struct block_device *bdev, fmode_t mode, void *holder);
void blkdev_put(struct block_device *bdev, fmode_t mode);
int bdev_read_page(struct block_device *bdev, sector_t sector,
		   struct page *page);
int bdev_write_page(struct block_device *bdev, sector_t sector,
		    struct page *page, struct writeback_control *wbc);

#endif /* _LINUX_BLKDEV_H */
