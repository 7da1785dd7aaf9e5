// SPDX-License-Identifier: GPL-2.0
/*
 * block/bdev.c - opening block devices and page-sized I/O on them
 *
 * What 4.8 keeps in 4.8's fs/block_dev.c (later kernels, here):
 * blkdev_get() and blkdev_put() count the opens of a block device
 * (bd_openers) and let one holder claim it exclusively (swapon does, with
 * FMODE_EXCL); drivers look at bd_openers to refuse a reset of a device
 * in use.  bdev_read_page() and bdev_write_page() do a page of I/O
 * through the driver's rw_page.
 *
 * Lock order: bd_mutex, then whatever the driver's open() and release()
 * take.
 */
#include <linux/blkdev.h>
#include <linux/kernel.h>

/**
 * blkdev_get - open a block device
 * @bdev: the block device, with a reference (lookup_bdev(), bdget_disk())
 *	that the open takes over: blkdev_put() drops it, and so does a
 *	failure here
 * @mode: FMODE_READ, FMODE_WRITE, and FMODE_EXCL for an exclusive claim
 * @holder: with FMODE_EXCL, who claims it (any unique pointer)
 *
 * Return: 0, or -ENXIO if the disk was deleted, -EBUSY if another holder
 * claimed it, or the error of the driver's open().
 */
int blkdev_get(struct block_device *bdev, fmode_t mode, void *holder)
{
	struct gendisk *disk = bdev->bd_disk;
	int err = 0;

	WARN_ON((mode & FMODE_EXCL) && !holder);
	mutex_lock(&bdev->bd_mutex);
	if (!READ_ONCE(disk->added))
		err = -ENXIO;
	else if ((mode & FMODE_EXCL) && bdev->bd_holder &&
		 bdev->bd_holder != holder)
		err = -EBUSY;
	else if (disk->fops->open)
		err = disk->fops->open(bdev, mode);
	if (!err) {
		bdev->bd_openers++;
		if (mode & FMODE_EXCL) {
			bdev->bd_holder = holder;
			bdev->bd_holders++;
		}
	}
	mutex_unlock(&bdev->bd_mutex);
	if (err)
		bdput(bdev);
	return err;
}

/**
 * blkdev_put - close a block device opened with blkdev_get()
 * @bdev: the block device
 * @mode: the mode it was opened with
 *
 * Drops the claim (with FMODE_EXCL) and the reference the open held.
 */
void blkdev_put(struct block_device *bdev, fmode_t mode)
{
	struct gendisk *disk = bdev->bd_disk;

	mutex_lock(&bdev->bd_mutex);
	if (mode & FMODE_EXCL) {
		WARN_ON(!bdev->bd_holders);
		if (!--bdev->bd_holders)
			bdev->bd_holder = NULL;
	}
	WARN_ON(!bdev->bd_openers);
	bdev->bd_openers--;
	if (disk->fops->release)
		disk->fops->release(disk, mode);
	mutex_unlock(&bdev->bd_mutex);
	bdput(bdev);
}

/**
 * bdev_read_page - read one page from a block device
 * @bdev: the block device, opened
 * @sector: where, in 512-byte sectors (page aligned)
 * @page: the page to fill
 *
 * Synchronous.  The page's flags are the caller's to set.
 *
 * Return: 0, -EOPNOTSUPP if the driver has no rw_page, or the driver's
 * error (-EIO for data it cannot read back, -EINVAL for a bad sector).
 */
int bdev_read_page(struct block_device *bdev, sector_t sector,
		   struct page *page)
{
	const struct block_device_operations *ops = bdev->bd_disk->fops;

	if (!ops->rw_page)
		return -EOPNOTSUPP;
	return ops->rw_page(bdev, sector, page, false);
}

/**
 * bdev_write_page - write one page to a block device
 * @bdev: the block device, opened
 * @sector: where, in 512-byte sectors (page aligned)
 * @page: the data
 * @wbc: writeback control of the caller, or NULL (unused here)
 *
 * Synchronous: the data is on the device when this returns 0.  Unlike
 * 4.8, page writeback state is not touched: the caller does that.
 *
 * Return: 0, -EOPNOTSUPP if the driver has no rw_page, or the driver's
 * error (-ENOMEM when it has no room, -EINVAL for a bad sector).
 */
int bdev_write_page(struct block_device *bdev, sector_t sector,
		    struct page *page, struct writeback_control *wbc)
{
	const struct block_device_operations *ops = bdev->bd_disk->fops;

	if (!ops->rw_page)
		return -EOPNOTSUPP;
	return ops->rw_page(bdev, sector, page, true);
}
