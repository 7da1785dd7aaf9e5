// SPDX-License-Identifier: GPL-2.0
/*
 * mm/page_io.c - reading and writing swap pages
 *
 * Swap devices here are synchronous (zram): a page is written or read
 * through the driver's rw_page (bdev_write_page()/bdev_read_page()), and
 * the I/O is done when the call returns.  There is no bio path.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/swap.h>
#include <linux/swapops.h>
#include <linux/blkdev.h>
#include <linux/pagemap.h>
#include <linux/vmstat.h>

static sector_t swap_page_sector(swp_entry_t entry)
{
	return (sector_t)swp_offset(entry) << SECTORS_PER_PAGE_SHIFT;
}

/**
 * swap_writepage - write a page of reclaim to its swap slot
 * @page: the page, locked, with its entry in page_private()
 *
 * Return: 0, or the device's error (the page then stays dirty).
 */
int swap_writepage(struct page *page)
{
	swp_entry_t entry = { .val = page_private(page) };
	struct swap_info_struct *si = swp_swap_info(entry);
	int err;

	VM_BUG_ON_PAGE(!PageLocked(page), page);
	VM_BUG_ON_PAGE(!PageSwapCache(page), page);
	ClearPageDirty(page);
	err = bdev_write_page(si->bdev, swap_page_sector(entry), page, NULL);
	if (err) {
		SetPageDirty(page);
		pr_err_ratelimited("Write-error on swap-device (%u:%u:%llu)\n",
				     si->bdev->bd_disk->major,
				     si->bdev->bd_disk->first_minor,
				     (unsigned long long)swap_page_sector(entry));
		return err;
	}
	count_vm_event(PSWPOUT);
	return 0;
}

/**
 * swap_readpage - read a swap slot into a page
 * @page: a new page, locked
 * @entry: the slot
 *
 * The caller holds the slot (a pte's count keeps it from being freed).
 *
 * pswpin is counted by the caller once the page is mapped: without a
 * swap cache a fault and swapoff may both read a slot, and only one read
 * is used (Linux reads it once, into the swap cache).
 *
 * Return: 0 with the page uptodate, or the device's error.
 */
int swap_readpage(struct page *page, swp_entry_t entry)
{
	struct swap_info_struct *si = swp_swap_info(entry);
	int err;

	VM_BUG_ON_PAGE(!PageLocked(page), page);
	err = bdev_read_page(si->bdev, swap_page_sector(entry), page);
	if (err)
		return err;
	SetPageUptodate(page);
	return 0;
}
