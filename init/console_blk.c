// SPDX-License-Identifier: GPL-2.0
/*
 * init/console_blk.c - console verbs for block devices
 *
 *   blkwrite DEV START COUNT [ratio=R] [seed=S] [same] [stride=N]
 *   blkverify DEV START COUNT [zero] [stride=N]
 *   blkdiscard DEV START COUNT [stride=N]
 *
 * DEV is a block device ("zram0" or "/dev/zram0"); START and COUNT are
 * in pages.  blkwrite writes pages of self-describing data (the format of
 * workload tasks' pages, kernel/workload.c: a header naming the disk, the
 * page's offset and how the body was made, then a body whose first R of
 * it is one repeated word and the rest random bytes), or with "same"
 * pages filled with one repeated word that encodes the page's index.
 * blkverify reads the pages back and checks them, whichever way they were
 * written ("zero": expect zero-filled pages, as after blkdiscard).
 * blkdiscard frees the pages as swap does when it frees a slot.
 * stride=N touches every Nth page of the range only (START, START + N...):
 * discarding every other page of what was written leaves every zspage
 * half used, which is how swap slots come and go.
 *
 * The device is opened around the I/O (blkdev_get()), as a user of it
 * would; arguments are checked before anything is written.
 */
#include <linux/kernel.h>
#include <linux/blkdev.h>
#include <linux/ctype.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/umm.h>
#include <linux/workload.h>
#include "console.h"

/* The identity in the header of the pages a disk holds: "blk" + minor. */
#define BLK_OWNER(disk)		(0x626c6b00U | ((disk)->first_minor & 0xff))
/* A same-filled page's word: this in the high half, the index below. */
#define BLK_SAME_MAGIC		0x53414d45UL	/* "SAME" */

struct blk_args {
	const char *name;
	struct block_device *bdev;
	unsigned long start;
	unsigned long count;
	unsigned int ratio;		/* per mille */
	u64 seed;
	bool same;			/* blkwrite same */
	bool zero;			/* blkverify zero */
	unsigned long stride;		/* every stride-th page */
};

/* The pages of the range a command touches. */
static unsigned long blk_nr_touched(const struct blk_args *a)
{
	return DIV_ROUND_UP(a->count, a->stride);
}

/* blkwrite's default seed differs per command, reproducibly. */
static u64 blk_seq;

static int parse_option(const char *cmd, const char *opt, struct blk_args *a)
{
	if (!strcmp(cmd, "blkwrite") && !strncmp(opt, "ratio=", 6)) {
		if (console_parse_ratio(opt + 6, &a->ratio))
			return console_cmd_err(-EINVAL,
				"bad ratio '%s' (a number from 0 to 1)", opt + 6);
		return 0;
	}
	if (!strcmp(cmd, "blkwrite") && !strncmp(opt, "seed=", 5)) {
		if (kstrtoull(opt + 5, 0, &a->seed))
			return console_cmd_err(-EINVAL, "bad seed '%s'", opt + 5);
		return 0;
	}
	if (!strcmp(cmd, "blkwrite") && !strcmp(opt, "same")) {
		a->same = true;
		return 0;
	}
	if (!strcmp(cmd, "blkverify") && !strcmp(opt, "zero")) {
		a->zero = true;
		return 0;
	}
	if (!strncmp(opt, "stride=", 7)) {
		if (kstrtoul(opt + 7, 10, &a->stride) || !a->stride)
			return console_cmd_err(-EINVAL,
				"bad stride '%s' (a number of pages, at least 1)",
				opt + 7);
		return 0;
	}
	return console_cmd_err(-EINVAL, "unknown option '%s'", opt);
}

/*
 * Parse "CMD DEV START COUNT [options]", find DEV and check the range;
 * on success the device is open (blk_close() closes it).
 */
static int blk_open(int argc, char **argv, int max_args, const char *usage,
		    struct blk_args *a)
{
	unsigned long nr_pages;
	int i, err;

	memset(a, 0, sizeof(*a));
	a->ratio = 500;
	a->stride = 1;
	a->seed = umm_seed * 6364136223846793005ULL + ++blk_seq;
	if (argc < 4 || argc > max_args)
		return console_cmd_err(-EINVAL, "usage: %s", usage);
	a->name = argv[1];
	if (kstrtoul(argv[2], 10, &a->start))
		return console_cmd_err(-EINVAL, "bad start page '%s'", argv[2]);
	if (kstrtoul(argv[3], 10, &a->count) || !a->count)
		return console_cmd_err(-EINVAL, "bad page count '%s'", argv[3]);
	for (i = 4; i < argc; i++) {
		err = parse_option(argv[0], argv[i], a);
		if (err)
			return err;
	}

	a->bdev = lookup_bdev(a->name);
	if (IS_ERR(a->bdev))
		return console_cmd_err(-ENODEV, "no block device '%s'", a->name);
	err = blkdev_get(a->bdev, FMODE_READ | FMODE_WRITE, NULL);
	if (err)
		return console_cmd_err(err, "%s: %s", a->name, errno_text(err));
	nr_pages = get_capacity(a->bdev->bd_disk) >> SECTORS_PER_PAGE_SHIFT;
	if (!nr_pages)
		err = console_cmd_err(-EINVAL, "%s is not initialised (set its disksize first)",
				      a->name);
	else if (a->start >= nr_pages || a->count > nr_pages - a->start)
		err = console_cmd_err(-EINVAL, "pages %lu..%lu are past the end of %s (%lu pages)",
				      a->start, a->start + a->count - 1,
				      a->name, nr_pages);
	if (err)
		blkdev_put(a->bdev, FMODE_READ | FMODE_WRITE);
	return err;
}

static void blk_close(struct blk_args *a)
{
	blkdev_put(a->bdev, FMODE_READ | FMODE_WRITE);
}

static sector_t page_sector(unsigned long index)
{
	return (sector_t)index << SECTORS_PER_PAGE_SHIFT;
}

static unsigned long same_word(unsigned long index)
{
	return BLK_SAME_MAGIC << 32 | (u32)index;
}

static void fill_blk_page(void *buf, struct blk_args *a, unsigned long index)
{
	unsigned long *word = buf;
	unsigned int i;

	if (!a->same) {
		workload_fill_page(buf, BLK_OWNER(a->bdev->bd_disk),
				   index << PAGE_SHIFT, (u32)blk_seq, a->ratio,
				   a->seed);
		return;
	}
	for (i = 0; i < PAGE_SIZE / sizeof(*word); i++)
		word[i] = same_word(index);
}

static bool page_filled_with(const void *buf, unsigned long val)
{
	const unsigned long *word = buf;
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / sizeof(*word); i++)
		if (word[i] != val)
			return false;
	return true;
}

/* Does page @index hold what blkwrite (or, with zero, discard) left? */
static bool blk_page_valid(const void *buf, struct blk_args *a,
			   unsigned long index)
{
	if (a->zero)
		return page_filled_with(buf, 0);
	if (page_filled_with(buf, same_word(index)))
		return true;
	return workload_page_valid(buf, BLK_OWNER(a->bdev->bd_disk),
				   index << PAGE_SHIFT);
}

static int cmd_blkwrite(int argc, char **argv)
{
	struct blk_args a;
	struct page *page;
	unsigned long i;
	int err;

	err = blk_open(argc, argv, 8,
		       "blkwrite DEV START COUNT [ratio=R] [seed=S] [same] [stride=N]",
		       &a);
	if (err)
		return err;
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	if (!page) {
		blk_close(&a);
		return console_cmd_err(-ENOMEM, "out of memory");
	}
	for (i = a.start; i < a.start + a.count; i += a.stride) {
		fill_blk_page(page_address(page), &a, i);
		err = bdev_write_page(a.bdev, page_sector(i), page, NULL);
		if (err) {
			console_cmd_err(err, "%s: write of page %lu failed: %s (%lu pages written)",
					a.name, i, errno_text(err),
					(i - a.start) / a.stride);
			break;
		}
	}
	__free_page(page);
	blk_close(&a);
	if (!err)
		console_printf("%s: wrote %lu pages\n", a.name,
			       blk_nr_touched(&a));
	return err;
}

static int cmd_blkverify(int argc, char **argv)
{
	unsigned long i, bad = 0, failed = 0, first_bad = 0;
	struct blk_args a;
	struct page *page;
	int err;

	err = blk_open(argc, argv, 6,
		       "blkverify DEV START COUNT [zero] [stride=N]", &a);
	if (err)
		return err;
	page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
	if (!page) {
		blk_close(&a);
		return console_cmd_err(-ENOMEM, "out of memory");
	}
	for (i = a.start; i < a.start + a.count; i += a.stride) {
		err = bdev_read_page(a.bdev, page_sector(i), page);
		if (!err && blk_page_valid(page_address(page), &a, i))
			continue;
		if (!bad && !failed)
			first_bad = i;
		if (err)
			failed++;
		else
			bad++;
	}
	__free_page(page);
	blk_close(&a);
	console_printf("%s: %lu pages checked, %lu mismatches, %lu read errors\n",
		       a.name, blk_nr_touched(&a), bad, failed);
	if (failed)
		return console_cmd_err(-EIO, "%s: %lu pages could not be read (first: page %lu)",
				       a.name, failed, first_bad);
	if (bad)
		return console_cmd_err(-EINVAL, "%s: %lu pages do not hold what was written (first: page %lu)",
				       a.name, bad, first_bad);
	return 0;
}

static int cmd_blkdiscard(int argc, char **argv)
{
	const struct block_device_operations *ops;
	struct blk_args a;
	unsigned long i;
	int err;

	err = blk_open(argc, argv, 5, "blkdiscard DEV START COUNT [stride=N]", &a);
	if (err)
		return err;
	ops = a.bdev->bd_disk->fops;
	if (!ops->swap_slot_free_notify) {
		blk_close(&a);
		return console_cmd_err(-EOPNOTSUPP, "%s cannot discard pages",
				       a.name);
	}
	for (i = a.start; i < a.start + a.count; i += a.stride)
		ops->swap_slot_free_notify(a.bdev, i);
	blk_close(&a);
	console_printf("%s: discarded %lu pages\n", a.name, blk_nr_touched(&a));
	return 0;
}

const struct console_cmd console_blk_cmds[] = {
	{ "blkwrite", "blkwrite DEV START COUNT [ratio=R] [seed=S] [same] [stride=N]",
	  "write checkable pages to a block device", cmd_blkwrite },
	{ "blkverify", "blkverify DEV START COUNT [zero] [stride=N]",
	  "read pages back and check them", cmd_blkverify },
	{ "blkdiscard", "blkdiscard DEV START COUNT [stride=N]",
	  "free pages of a block device, as swap frees its slots", cmd_blkdiscard },
	{ }
};
