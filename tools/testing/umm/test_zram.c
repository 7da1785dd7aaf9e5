// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_zram.c - zram, its codecs, and what it stands on
 *
 * zram through its own interfaces: the files of /sys/block/zram0 (their
 * text, what they accept and refuse), page I/O through the block layer
 * (bdev_write_page()/bdev_read_page(), as swap will do it), the numbers
 * of mm_stat and io_stat against what was written, the memory limit,
 * same-filled and incompressible pages, reset giving every page back,
 * and corrupt data turning into -EIO, never into a crash.  The codecs
 * are checked on their own too, with broken input under ASan's eye.
 * The "infra" tests cover the workqueue (with and without
 * umm.deterministic=1) and the block layer's open/claim rules.
 *
 * Every test sets the device up itself and resets it at the end, so the
 * fixture's leak check sees every page come back.  Every test name
 * contains "zram": `make check TESTS=zram` runs them all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "umm_test.h"

#include <linux/blkdev.h>
#include <linux/highmem.h>
#include <linux/pseudo_fs.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/workload.h>
#include <linux/workqueue.h>
#include <linux/zsmalloc.h>
#include <linux/umm.h>
#include <linux/err.h>
#include "../../../drivers/block/zram/zram_drv.h"
#include "../../../init/console.h"

#define ZRAM0		"/sys/block/zram0/"
#define OWNER		0x7a72616d	/* "zram" */
#define MM_STAT_FIELDS	9

/* mm_stat's fields, in order. */
enum {
	ORIG_DATA_SIZE, COMPR_DATA_SIZE, MEM_USED_TOTAL, MEM_LIMIT,
	MEM_USED_MAX, SAME_PAGES, PAGES_COMPACTED, HUGE_PAGES,
	HUGE_PAGES_SINCE,
};

/* io_stat's fields. */
enum { FAILED_READS, FAILED_WRITES, INVALID_IO, NOTIFY_FREE };

FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

FIXTURE_VARIANT_ADD(umm, deterministic_unmovable_two_devices) {
	.params = "mem=64M umm.deterministic=1 zsmalloc.movable=0 zram.num_devices=2",
};

UMM_FIXTURE_SETUP

/* ---- helpers ------------------------------------------------------------ */

static const char *zread(const char *attr, char *buf, size_t size)
{
	char path[128];

	snprintf(path, sizeof(path), ZRAM0 "%s", attr);
	return read_file_buf(path, buf, size);
}

/* The numbers of a file of numbers (mm_stat, io_stat); how many. */
static int read_numbers(const char *attr, unsigned long long *v, int max)
{
	char buf[512], *p, *end;
	int n = 0;

	zread(attr, buf, sizeof(buf));
	for (p = buf; n < max; p = end) {
		v[n] = strtoull(p, &end, 10);
		if (end == p)
			break;
		n++;
	}
	return n;
}

static unsigned long long mm_stat(int field)
{
	unsigned long long v[MM_STAT_FIELDS] = { 0 };

	if (read_numbers("mm_stat", v, MM_STAT_FIELDS) != MM_STAT_FIELDS)
		return ~0ULL;
	return v[field];
}

static unsigned long long io_stat(int field)
{
	unsigned long long v[4] = { 0 };

	if (read_numbers("io_stat", v, 4) != 4)
		return ~0ULL;
	return v[field];
}

/* zram0 with its disksize set and open, as swapon would hold it. */
static struct block_device *zram_setup(const char *alg, const char *size)
{
	struct block_device *bdev;

	if (alg && zwrite("zram0", "comp_algorithm", alg) < 0)
		return NULL;
	if (zwrite("zram0", "disksize", size) < 0)
		return NULL;
	bdev = lookup_bdev("zram0");
	if (IS_ERR(bdev) || blkdev_get(bdev, FMODE_READ | FMODE_WRITE, NULL))
		return NULL;
	return bdev;
}

static int zram_teardown(struct block_device *bdev)
{
	if (bdev)
		blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
	return zwrite("zram0", "reset", "1") < 0 ? -1 : 0;
}

static sector_t sector_of(unsigned long index)
{
	return (sector_t)index << SECTORS_PER_PAGE_SHIFT;
}

/* Write page @index of self-describing data, @ratio per mille compressible. */
static int write_data(struct block_device *bdev, struct page *page,
		      unsigned long index, unsigned int ratio)
{
	workload_fill_page(page_address(page), OWNER, index << PAGE_SHIFT, 1,
			   ratio, umm_test_seed + index);
	return bdev_write_page(bdev, sector_of(index), page, NULL);
}

/* 0 if page @index reads back as written, 1 if not, or the read's error. */
static int check_data(struct block_device *bdev, struct page *page,
		      unsigned long index)
{
	int err;

	memset(page_address(page), 0x5a, PAGE_SIZE);
	err = bdev_read_page(bdev, sector_of(index), page);
	if (err)
		return err;
	return workload_page_valid(page_address(page), OWNER,
				   index << PAGE_SHIFT) ? 0 : 1;
}

static int write_same(struct block_device *bdev, struct page *page,
		      unsigned long index, unsigned long word)
{
	unsigned long *p = page_address(page);
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / sizeof(*p); i++)
		p[i] = word;
	return bdev_write_page(bdev, sector_of(index), page, NULL);
}

static bool page_is(struct page *page, unsigned long word)
{
	unsigned long *p = page_address(page);
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / sizeof(*p); i++)
		if (p[i] != word)
			return false;
	return true;
}

/* ---- the sysfs files ---------------------------------------------------- */

TEST_F(umm, zram_sysfs_initial_state)
{
	static const char * const files[] = {
		"disksize", "initstate", "reset", "compact", "mem_limit",
		"mem_used_max", "max_comp_streams", "comp_algorithm",
		"io_stat", "mm_stat", "bd_stat", "debug_stat",
	};
	struct block_device *a, *b;
	struct dentry *d;
	char buf[256], *text;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		snprintf(buf, sizeof(buf), ZRAM0 "%s", files[i]);
		d = pseudo_lookup(buf);
		EXPECT_FALSE(IS_ERR(d));
		if (!IS_ERR(d))
			dput(d);
		else
			printf("# %s is missing\n", buf);
	}
	EXPECT_STREQ("[lzo] lz4 zstd \n", zread("comp_algorithm", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", zread("initstate", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", zread("disksize", buf, sizeof(buf)));
	/* 6.1's layouts (linux-6.1-files/zram_*.txt). */
	EXPECT_STREQ("       0        0        0        0        0        0        0        0        0\n",
		     zread("mm_stat", buf, sizeof(buf)));
	EXPECT_STREQ("       0        0        0        0\n",
		     zread("io_stat", buf, sizeof(buf)));
	EXPECT_STREQ("       0        0        0\n",
		     zread("bd_stat", buf, sizeof(buf)));
	EXPECT_STREQ("version: 1\n       0\n", zread("debug_stat", buf, sizeof(buf)));
	/* Write-only and read-only files say so. */
	EXPECT_EQ(-EACCES, kernel_read_file_path(ZRAM0 "reset", &text));
	EXPECT_EQ(-EACCES, kernel_read_file_path(ZRAM0 "mem_limit", &text));
	EXPECT_EQ(-EACCES, zwrite("zram0", "mm_stat", "0"));
	EXPECT_EQ(-EACCES, zwrite("zram0", "initstate", "1"));

	/* The device node and the lookup by either name. */
	d = pseudo_lookup("/dev/zram0");
	ASSERT_FALSE(IS_ERR(d));
	dput(d);
	a = lookup_bdev("zram0");
	b = lookup_bdev("/dev/zram0");
	ASSERT_FALSE(IS_ERR(a));
	ASSERT_FALSE(IS_ERR(b));
	EXPECT_EQ(a, b);
	EXPECT_STREQ("zram0", a->bd_disk->disk_name);
	EXPECT_EQ(0, get_capacity(a->bd_disk));
	bdput(a);
	bdput(b);
	EXPECT_EQ(-ENOENT, PTR_ERR(lookup_bdev("zram9")));
	EXPECT_EQ(-EINVAL, PTR_ERR(lookup_bdev("/dev/")));
}

TEST_F(umm, zram_num_devices)
{
	bool two = strstr(variant->params, "zram.num_devices=2");
	struct block_device *bdev0, *bdev1;
	struct page *page;
	char buf[64];

	bdev1 = lookup_bdev("zram1");
	if (!two) {
		EXPECT_EQ(-ENOENT, PTR_ERR(bdev1));
		return;
	}
	ASSERT_FALSE(IS_ERR(bdev1));
	/* Each device has its own state. */
	ASSERT_LT(0, kernel_write_file_path("/sys/block/zram1/disksize", "1M\n", 3));
	EXPECT_STREQ("1\n", read_file_buf("/sys/block/zram1/initstate", buf,
					  sizeof(buf)));
	EXPECT_STREQ("0\n", zread("initstate", buf, sizeof(buf)));
	ASSERT_EQ(0, blkdev_get(bdev1, FMODE_READ | FMODE_WRITE, NULL));
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	EXPECT_EQ(0, write_data(bdev1, page, 3, 500));
	EXPECT_EQ(0, check_data(bdev1, page, 3));
	bdev0 = zram_setup(NULL, "1M");
	ASSERT_NE(NULL, bdev0);
	EXPECT_EQ(0, mm_stat(ORIG_DATA_SIZE));
	EXPECT_EQ(0, check_data(bdev1, page, 3));
	__free_page(page);
	blkdev_put(bdev1, FMODE_READ | FMODE_WRITE);
	EXPECT_LT(0, kernel_write_file_path("/sys/block/zram1/reset", "1\n", 2));
	EXPECT_EQ(0, zram_teardown(bdev0));
}

/* ---- round trips and mm_stat -------------------------------------------- */

/* Ratios (per mille) that give huge, middling, small and tiny pages. */
static const unsigned int ratios[] = { 0, 500, 900, 1000 };

static void round_trip(struct __test_metadata *_metadata, const char *alg)
{
	unsigned long nr = 200, i, huge = 0, bad = 0;
	unsigned long long compr, used;
	struct block_device *bdev;
	struct page *page;
	char buf[64], want[64];

	bdev = zram_setup(alg, "4M");
	ASSERT_NE(NULL, bdev);
	snprintf(want, sizeof(want), "%s%s%s\n",
		 !strcmp(alg, "lzo") ? "[lzo] " : "lzo ",
		 !strcmp(alg, "lz4") ? "[lz4] " : "lz4 ",
		 !strcmp(alg, "zstd") ? "[zstd] " : "zstd ");
	EXPECT_STREQ(want, zread("comp_algorithm", buf, sizeof(buf)));
	EXPECT_STREQ("1\n", zread("initstate", buf, sizeof(buf)));
	EXPECT_STREQ("4194304\n", zread("disksize", buf, sizeof(buf)));
	EXPECT_EQ(4194304 >> SECTOR_SHIFT, get_capacity(bdev->bd_disk));
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);

	for (i = 0; i < nr; i++) {
		unsigned int ratio = ratios[i % ARRAY_SIZE(ratios)];

		ASSERT_EQ(0, write_data(bdev, page, i, ratio));
		huge += ratio == 0;
	}
	for (i = 0; i < nr; i++)
		bad += check_data(bdev, page, i) != 0;
	EXPECT_EQ(0, bad);

	/* Every page was stored; none was same-filled. */
	EXPECT_EQ(nr * PAGE_SIZE, mm_stat(ORIG_DATA_SIZE));
	EXPECT_EQ(0, mm_stat(SAME_PAGES));
	EXPECT_EQ(huge, mm_stat(HUGE_PAGES));
	EXPECT_EQ(huge, mm_stat(HUGE_PAGES_SINCE));
	/* Huge pages take a page each; the rest at most 3/4 of one. */
	compr = mm_stat(COMPR_DATA_SIZE);
	EXPECT_LT(huge * PAGE_SIZE, compr);
	EXPECT_GE(huge * PAGE_SIZE + (nr - huge) * (PAGE_SIZE * 3 / 4), compr);
	/* The pool holds it all, with some waste. */
	used = mm_stat(MEM_USED_TOTAL);
	EXPECT_EQ(zs_get_total_pages(zram_dev("zram0")->meta->mem_pool) *
		  PAGE_SIZE, used);
	EXPECT_GE(used, compr);
	EXPECT_GE(mm_stat(MEM_USED_MAX), used);
	EXPECT_EQ(0, mm_stat(MEM_LIMIT));
	EXPECT_EQ(nr_zspages() * PAGE_SIZE, used);
	EXPECT_EQ(0, io_stat(FAILED_READS));
	EXPECT_EQ(0, io_stat(FAILED_WRITES));

	/* Rewriting changes nothing in the totals but the content. */
	for (i = 0; i < nr; i++)
		ASSERT_EQ(0, write_data(bdev, page, i,
					ratios[i % ARRAY_SIZE(ratios)]));
	EXPECT_EQ(compr, mm_stat(COMPR_DATA_SIZE));
	EXPECT_EQ(huge, mm_stat(HUGE_PAGES));
	EXPECT_EQ(2 * huge, mm_stat(HUGE_PAGES_SINCE));
	for (i = 0; i < nr; i++)
		bad += check_data(bdev, page, i) != 0;
	EXPECT_EQ(0, bad);

	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));
	EXPECT_EQ(0, nr_zspages());
}

TEST_F(umm, zram_round_trip_lzo)
{
	round_trip(_metadata, "lzo");
}

TEST_F(umm, zram_round_trip_lz4)
{
	round_trip(_metadata, "lz4");
}

TEST_F(umm, zram_round_trip_zstd)
{
	round_trip(_metadata, "zstd");
}

TEST_F(umm, zram_mm_stat_layout)
{
	unsigned long long v[MM_STAT_FIELDS];
	struct block_device *bdev;
	struct page *page;
	char buf[256], want[256];
	int i;

	bdev = zram_setup("lz4", "1M");
	ASSERT_NE(NULL, bdev);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	for (i = 0; i < 100; i++)
		ASSERT_EQ(0, write_data(bdev, page, i, ratios[i % 4]));
	ASSERT_EQ(0, write_same(bdev, page, 200, 0));
	ASSERT_EQ(0, zwrite("zram0", "mem_limit", "2M"));
	ASSERT_EQ(MM_STAT_FIELDS, read_numbers("mm_stat", v, MM_STAT_FIELDS));
	/* Fields of 8 characters or more, separated by one space. */
	snprintf(want, sizeof(want),
		 "%8llu %8llu %8llu %8llu %8llu %8llu %8llu %8llu %8llu\n",
		 v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
	EXPECT_STREQ(want, zread("mm_stat", buf, sizeof(buf)));
	EXPECT_EQ(2 << 20, v[MEM_LIMIT]);
	EXPECT_EQ(1, v[SAME_PAGES]);
	EXPECT_EQ(100 * PAGE_SIZE, v[ORIG_DATA_SIZE]);
	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));
}

TEST_F(umm, zram_unwritten_pages_read_as_zeroes)
{
	struct block_device *bdev = zram_setup(NULL, "1M");
	struct page *page = alloc_page(GFP_KERNEL);

	ASSERT_NE(NULL, bdev);
	ASSERT_NE(NULL, page);
	memset(page_address(page), 0x77, PAGE_SIZE);
	EXPECT_EQ(0, bdev_read_page(bdev, sector_of(17), page));
	EXPECT_TRUE(page_is(page, 0));
	EXPECT_EQ(0, io_stat(FAILED_READS));
	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));
}

/* ---- same-filled and huge pages ----------------------------------------- */

TEST_F(umm, zram_same_pages_take_no_memory)
{
	static const unsigned long words[] = {
		0, ~0UL, 0x0101010101010101UL, 0xdeadbeefcafef00dUL,
	};
	unsigned long before, i;
	struct block_device *bdev;
	struct page *page;

	bdev = zram_setup(NULL, "1M");
	ASSERT_NE(NULL, bdev);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	before = nr_zspages();
	for (i = 0; i < 64; i++)
		ASSERT_EQ(0, write_same(bdev, page, i, words[i % 4] + i / 4));
	/* Nothing allocated: the word is kept in the table entry. */
	EXPECT_EQ(before, nr_zspages());
	EXPECT_EQ(0, mm_stat(MEM_USED_TOTAL));
	EXPECT_EQ(0, mm_stat(ORIG_DATA_SIZE));
	EXPECT_EQ(0, mm_stat(COMPR_DATA_SIZE));
	EXPECT_EQ(64, mm_stat(SAME_PAGES));
	for (i = 0; i < 64; i++) {
		ASSERT_EQ(0, bdev_read_page(bdev, sector_of(i), page));
		EXPECT_TRUE(page_is(page, words[i % 4] + i / 4));
	}
	/* Data over a same page: one less same page, one stored page. */
	ASSERT_EQ(0, write_data(bdev, page, 5, 500));
	EXPECT_EQ(63, mm_stat(SAME_PAGES));
	EXPECT_EQ(PAGE_SIZE, mm_stat(ORIG_DATA_SIZE));
	EXPECT_LT(0, mm_stat(MEM_USED_TOTAL));
	/* And back. */
	ASSERT_EQ(0, write_same(bdev, page, 5, 42));
	EXPECT_EQ(64, mm_stat(SAME_PAGES));
	EXPECT_EQ(0, mm_stat(ORIG_DATA_SIZE));
	EXPECT_EQ(0, mm_stat(COMPR_DATA_SIZE));
	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));
	EXPECT_EQ(before, nr_zspages());
}

TEST_F(umm, zram_incompressible_pages_are_stored_whole)
{
	struct block_device *bdev;
	struct page *page;
	unsigned long i;

	bdev = zram_setup("zstd", "1M");
	ASSERT_NE(NULL, bdev);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	for (i = 0; i < 20; i++)
		ASSERT_EQ(0, write_data(bdev, page, i, 0));
	EXPECT_EQ(20, mm_stat(HUGE_PAGES));
	EXPECT_EQ(20, mm_stat(HUGE_PAGES_SINCE));
	EXPECT_EQ(20 * PAGE_SIZE, mm_stat(COMPR_DATA_SIZE));
	EXPECT_EQ(20 * PAGE_SIZE, mm_stat(ORIG_DATA_SIZE));
	/* Half of them rewritten compressible: no longer huge. */
	for (i = 0; i < 10; i++)
		ASSERT_EQ(0, write_data(bdev, page, i, 1000));
	EXPECT_EQ(10, mm_stat(HUGE_PAGES));
	EXPECT_EQ(20, mm_stat(HUGE_PAGES_SINCE));
	EXPECT_GT(10 * PAGE_SIZE + 10 * 200, mm_stat(COMPR_DATA_SIZE));
	for (i = 0; i < 20; i++)
		EXPECT_EQ(0, check_data(bdev, page, i));
	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));
	/* Reset starts the count again. */
	EXPECT_EQ(0, mm_stat(HUGE_PAGES_SINCE));
}

/*
 * zspages come from movable pageblocks (the series' last patch), or,
 * with zsmalloc.movable=0, from unmovable ones as before it.  A huge
 * object fills its zspage's page, so its mapping gives the page.
 */
TEST_F(umm, zram_allocates_movable_unless_zsmalloc_movable_0)
{
	struct block_device *bdev;
	struct zram *zram;
	struct page *page, *zpage;
	unsigned long handle;
	void *cmem;
	int mt;

	bdev = zram_setup(NULL, "1M");
	ASSERT_NE(NULL, bdev);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	ASSERT_EQ(0, write_data(bdev, page, 0, 0));
	zram = zram_dev("zram0");
	handle = zram->meta->table[0][0].handle;
	ASSERT_NE(0, handle);
	cmem = zs_map_object(zram->meta->mem_pool, handle, ZS_MM_RO);
	zpage = virt_to_page(cmem);
	zs_unmap_object(zram->meta->mem_pool, handle);
	mt = get_pageblock_migratetype(zpage);
	if (strstr(variant->params, "zsmalloc.movable=0")) {
		EXPECT_FALSE(zs_movable);
		EXPECT_EQ(MIGRATE_UNMOVABLE, mt);
	} else {
		EXPECT_TRUE(zs_movable);
		EXPECT_EQ(MIGRATE_MOVABLE, mt);
	}
	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));
}

/* ---- the memory limit --------------------------------------------------- */

TEST_F(umm, zram_mem_limit_fails_writes_and_keeps_data)
{
	unsigned long i, written = 0;
	unsigned long long max_used;
	struct block_device *bdev;
	struct page *page;
	int err = 0;

	bdev = zram_setup(NULL, "4M");
	ASSERT_NE(NULL, bdev);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	ASSERT_EQ(0, write_data(bdev, page, 900, 0));
	ASSERT_EQ(0, zwrite("zram0", "mem_limit", "64K"));
	EXPECT_EQ(64 << 10, mm_stat(MEM_LIMIT));

	/* Incompressible pages: a page of pool each, 16 fit. */
	for (i = 0; i < 100; i++) {
		err = write_data(bdev, page, i, 0);
		if (err)
			break;
		written++;
	}
	EXPECT_EQ(-ENOMEM, err);
	EXPECT_GE(16, written);
	EXPECT_LT(0, written);
	EXPECT_EQ(1, io_stat(FAILED_WRITES));
	EXPECT_GE(64 << 10, mm_stat(MEM_USED_TOTAL));
	/* Overwriting a page that is stored fails too, and keeps it. */
	EXPECT_EQ(-ENOMEM, write_data(bdev, page, 900, 500));
	EXPECT_EQ(2, io_stat(FAILED_WRITES));
	/* Earlier data is intact, the failed page holds nothing. */
	for (i = 0; i < written; i++)
		EXPECT_EQ(0, check_data(bdev, page, i));
	EXPECT_EQ(0, check_data(bdev, page, 900));
	EXPECT_EQ(1, check_data(bdev, page, written));
	EXPECT_EQ((written + 1) * PAGE_SIZE, mm_stat(ORIG_DATA_SIZE));
	/* Same pages need no memory: they still go in. */
	EXPECT_EQ(0, write_same(bdev, page, 500, 7));

	/* mem_used_max: write 0 to start again from the current use. */
	max_used = mm_stat(MEM_USED_MAX);
	EXPECT_LE(mm_stat(MEM_USED_TOTAL), max_used);
	EXPECT_EQ(-EINVAL, zwrite("zram0", "mem_used_max", "1"));
	EXPECT_EQ(max_used, mm_stat(MEM_USED_MAX));
	ASSERT_EQ(0, zwrite("zram0", "mem_used_max", "0"));
	EXPECT_EQ(mm_stat(MEM_USED_TOTAL), mm_stat(MEM_USED_MAX));

	/* No limit: writes go in again. */
	EXPECT_EQ(-EINVAL, zwrite("zram0", "mem_limit", "lots"));
	EXPECT_EQ(64 << 10, mm_stat(MEM_LIMIT));
	ASSERT_EQ(0, zwrite("zram0", "mem_limit", "0"));
	EXPECT_EQ(0, write_data(bdev, page, written, 0));
	EXPECT_EQ(0, check_data(bdev, page, written));
	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));
	EXPECT_EQ(0, mm_stat(MEM_LIMIT));
}

/* ---- corrupt data ------------------------------------------------------- */

static void corrupt_reads_fail(struct __test_metadata *_metadata,
			       const char *alg)
{
	struct block_device *bdev;
	struct page *page;
	unsigned long i;
	char text[32];

	bdev = zram_setup(alg, "1M");
	ASSERT_NE(NULL, bdev);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	for (i = 0; i < 10; i++)
		ASSERT_EQ(0, write_data(bdev, page, i, ratios[1 + i % 3]));
	ASSERT_EQ(0, write_data(bdev, page, 10, 0));	/* huge */
	ASSERT_EQ(0, write_same(bdev, page, 11, 3));

	for (i = 3; i < 6; i++) {
		snprintf(text, sizeof(text), "%lu\n", i);
		ASSERT_LT(0, kernel_write_file_path("/sys/kernel/debug/zram/zram0/corrupt",
						    text, strlen(text)));
	}
	for (i = 0; i < 10; i++) {
		int want = i >= 3 && i < 6 ? -EIO : 0;

		EXPECT_EQ(want, check_data(bdev, page, i));
	}
	EXPECT_EQ(3, io_stat(FAILED_READS));
	/* A huge page is kept raw: it reads, wrong. */
	ASSERT_LT(0, kernel_write_file_path("/sys/kernel/debug/zram/zram0/corrupt",
					    "10\n", 3));
	EXPECT_EQ(1, check_data(bdev, page, 10));
	/* Nothing to corrupt: a same page, an empty one, past the end. */
	EXPECT_EQ(-ENOENT, kernel_write_file_path("/sys/kernel/debug/zram/zram0/corrupt",
						  "11\n", 3));
	EXPECT_EQ(-ENOENT, kernel_write_file_path("/sys/kernel/debug/zram/zram0/corrupt",
						  "12\n", 3));
	EXPECT_EQ(-EINVAL, kernel_write_file_path("/sys/kernel/debug/zram/zram0/corrupt",
						  "256\n", 4));
	/* Rewriting a corrupt page mends it. */
	ASSERT_EQ(0, write_data(bdev, page, 4, 500));
	EXPECT_EQ(0, check_data(bdev, page, 4));
	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));
}

TEST_F(umm, zram_corrupt_data_reads_as_eio_lzo)
{
	corrupt_reads_fail(_metadata, "lzo");
}

TEST_F(umm, zram_corrupt_data_reads_as_eio_lz4)
{
	corrupt_reads_fail(_metadata, "lz4");
}

TEST_F(umm, zram_corrupt_data_reads_as_eio_zstd)
{
	corrupt_reads_fail(_metadata, "zstd");
}

/*
 * The codecs on their own, with exact-size buffers so that ASan sees any
 * read past the input or write past the output: cut short, flipped and
 * garbage input must give 0 or -EINVAL, nothing else.
 */
TEST_F(umm, zram_codecs_survive_broken_input)
{
	static const char * const algs[] = { "lzo", "lz4", "zstd" };
	struct rnd_state rnd;
	unsigned int a, i, clen;
	char *src, *cbuf, *dst;

	prandom_seed_state(&rnd, umm_test_seed);
	src = malloc(PAGE_SIZE);
	dst = malloc(PAGE_SIZE);
	ASSERT_NE(NULL, src);
	ASSERT_NE(NULL, dst);
	for (a = 0; a < ARRAY_SIZE(algs); a++) {
		struct zcomp *comp = zcomp_create(algs[a]);
		struct zcomp_strm *zstrm;

		ASSERT_FALSE(IS_ERR(comp));
		zstrm = zcomp_stream_get(comp);
		ASSERT_FALSE(IS_ERR(zstrm));
		workload_fill_page(src, OWNER, 0, 1, 700, umm_test_seed);
		ASSERT_EQ(0, zcomp_compress(zstrm, src, &clen));
		ASSERT_GT(PAGE_SIZE, clen);
		cbuf = malloc(clen);
		ASSERT_NE(NULL, cbuf);
		memcpy(cbuf, zstrm->buffer, clen);
		EXPECT_EQ(0, zcomp_decompress(zstrm, cbuf, clen, dst));
		EXPECT_EQ(0, memcmp(src, dst, PAGE_SIZE));
		/* Cut short at every length. */
		for (i = 0; i < clen; i++)
			EXPECT_EQ(-EINVAL, zcomp_decompress(zstrm, cbuf, i, dst));
		/* Bytes flipped: garbage maybe, but safely. */
		for (i = 0; i < 2000; i++) {
			unsigned int at = prandom_u32_state(&rnd) % clen;
			int ret;

			cbuf[at] ^= 1 + prandom_u32_state(&rnd) % 255;
			ret = zcomp_decompress(zstrm, cbuf, clen, dst);
			EXPECT_TRUE(ret == 0 || ret == -EINVAL);
		}
		/* What the corrupt knob writes is refused by every codec. */
		memset(cbuf, 0xff, clen);
		EXPECT_EQ(-EINVAL, zcomp_decompress(zstrm, cbuf, clen, dst));
		free(cbuf);
		zcomp_stream_put(comp);
		zcomp_destroy(comp);
	}
	EXPECT_TRUE(IS_ERR(zcomp_create("lzo-rle")));
	EXPECT_FALSE(zcomp_available_algorithm("deflate"));
	EXPECT_TRUE(zcomp_available_algorithm("zstd"));
	free(src);
	free(dst);
}

/* ---- discard, reset ----------------------------------------------------- */

TEST_F(umm, zram_slot_free_notify_drops_the_page)
{
	struct block_device *bdev;
	unsigned long used;
	struct page *page;
	int i;

	bdev = zram_setup(NULL, "1M");
	ASSERT_NE(NULL, bdev);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	for (i = 0; i < 8; i++)
		ASSERT_EQ(0, write_data(bdev, page, i, 0));
	ASSERT_EQ(0, write_same(bdev, page, 8, 9));
	used = nr_zspages();
	for (i = 0; i < 4; i++)
		bdev->bd_disk->fops->swap_slot_free_notify(bdev, i);
	bdev->bd_disk->fops->swap_slot_free_notify(bdev, 8);
	/* Never written: counted, nothing to free. */
	bdev->bd_disk->fops->swap_slot_free_notify(bdev, 100);
	EXPECT_EQ(6, io_stat(NOTIFY_FREE));
	EXPECT_EQ(4 * PAGE_SIZE, mm_stat(ORIG_DATA_SIZE));
	EXPECT_EQ(4, mm_stat(HUGE_PAGES));
	EXPECT_EQ(0, mm_stat(SAME_PAGES));
	EXPECT_GT(used, nr_zspages());
	for (i = 0; i < 4; i++) {
		ASSERT_EQ(0, bdev_read_page(bdev, sector_of(i), page));
		EXPECT_TRUE(page_is(page, 0));
	}
	for (i = 4; i < 8; i++)
		EXPECT_EQ(0, check_data(bdev, page, i));
	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));
}

TEST_F(umm, zram_reset_frees_every_page)
{
	unsigned long zspages = nr_zspages();
	struct block_device *bdev;
	struct page *page;
	char buf[256];
	int i;

	EXPECT_EQ(0, zspages);
	ASSERT_EQ(0, zwrite("zram0", "comp_algorithm", "zstd"));
	bdev = zram_setup(NULL, "8M");
	ASSERT_NE(NULL, bdev);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	for (i = 0; i < 1000; i++)
		ASSERT_EQ(0, write_data(bdev, page, i, ratios[i % 4]));
	EXPECT_LT(0, nr_zspages());
	EXPECT_GT(self->free_at_boot, umm_free_pages());
	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));

	/* Every page back (the fixture checks it too), no zspage left. */
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, nr_zspages());
	EXPECT_STREQ("0\n", zread("initstate", buf, sizeof(buf)));
	EXPECT_STREQ("0\n", zread("disksize", buf, sizeof(buf)));
	EXPECT_STREQ("       0        0        0        0        0        0        0        0        0\n",
		     zread("mm_stat", buf, sizeof(buf)));
	EXPECT_STREQ("       0        0        0        0\n",
		     zread("io_stat", buf, sizeof(buf)));
	bdev = lookup_bdev("zram0");
	EXPECT_EQ(0, get_capacity(bdev->bd_disk));
	bdput(bdev);
	/* The algorithm stays; a reset device is reset again harmlessly. */
	EXPECT_STREQ("lzo lz4 [zstd] \n", zread("comp_algorithm", buf, sizeof(buf)));
	EXPECT_EQ(0, zwrite("zram0", "reset", "1"));
	/* And it can be set up again. */
	bdev = zram_setup("lz4", "2M");
	ASSERT_NE(NULL, bdev);
	EXPECT_EQ(0, zram_teardown(bdev));
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
}

/* In use (swapon holds it open): reset is refused, and nothing changes. */
TEST_F(umm, zram_reset_refused_while_open)
{
	struct block_device *bdev, *other;
	struct page *page;
	int holder, intruder;
	char buf[64];

	bdev = zram_setup(NULL, "1M");
	ASSERT_NE(NULL, bdev);
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	ASSERT_EQ(0, write_data(bdev, page, 1, 500));
	EXPECT_EQ(-EBUSY, zwrite("zram0", "reset", "1"));
	EXPECT_STREQ("1\n", zread("initstate", buf, sizeof(buf)));
	EXPECT_EQ(0, check_data(bdev, page, 1));
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);

	/* An exclusive holder, as swapon is; a second one is refused. */
	bdev = lookup_bdev("/dev/zram0");
	ASSERT_EQ(0, blkdev_get(bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL,
				&holder));
	other = lookup_bdev("zram0");
	EXPECT_EQ(-EBUSY, blkdev_get(other, FMODE_READ | FMODE_EXCL,
				     &intruder));
	EXPECT_EQ(-EBUSY, zwrite("zram0", "reset", "1"));
	EXPECT_EQ(1, bdev->bd_openers);
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE | FMODE_EXCL);
	EXPECT_EQ(0, bdev->bd_openers);
	EXPECT_EQ(NULL, bdev->bd_holder);
	EXPECT_EQ(0, zwrite("zram0", "reset", "1"));
	__free_page(page);
}

/* ---- bad input ---------------------------------------------------------- */

TEST_F(umm, zram_bad_input_changes_nothing)
{
	struct block_device *bdev;
	struct zram *zram = zram_dev("zram0");
	struct page *page;
	char buf[64];

	/* Before disksize is set. */
	EXPECT_EQ(-EINVAL, zwrite("zram0", "comp_algorithm", "lzo-rle"));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "comp_algorithm", ""));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "comp_algorithm", "lz4 zstd"));
	EXPECT_STREQ("[lzo] lz4 zstd \n", zread("comp_algorithm", buf, sizeof(buf)));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "disksize", "abc"));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "disksize", "0"));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "disksize", "10Q"));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "disksize", "-1M"));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "disksize", ""));
	EXPECT_STREQ("0\n", zread("initstate", buf, sizeof(buf)));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "compact", "1"));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "reset", "0"));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "reset", "yes"));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "mem_limit", "x"));
	EXPECT_EQ(0, zram->limit_pages);

	/* Not initialised: I/O is out of range. */
	bdev = lookup_bdev("zram0");
	ASSERT_EQ(0, blkdev_get(bdev, FMODE_READ | FMODE_WRITE, NULL));
	page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, page);
	EXPECT_EQ(-EINVAL, write_data(bdev, page, 0, 500));
	EXPECT_EQ(1, io_stat(INVALID_IO));
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);

	/* After: the size and the algorithm are fixed until reset. */
	bdev = zram_setup("lz4", "1M");
	ASSERT_NE(NULL, bdev);
	ASSERT_EQ(0, write_data(bdev, page, 0, 500));
	EXPECT_EQ(-EBUSY, zwrite("zram0", "comp_algorithm", "zstd"));
	EXPECT_EQ(-EINVAL, zwrite("zram0", "comp_algorithm", "nonsense"));
	EXPECT_STREQ("lzo [lz4] zstd \n", zread("comp_algorithm", buf, sizeof(buf)));
	EXPECT_EQ(-EBUSY, zwrite("zram0", "disksize", "2M"));
	EXPECT_STREQ("1048576\n", zread("disksize", buf, sizeof(buf)));
	/* Past the end, unaligned: refused and counted. */
	EXPECT_EQ(-EINVAL, write_data(bdev, page, 256, 500));
	EXPECT_EQ(-EINVAL, bdev_read_page(bdev, sector_of(256), page));
	EXPECT_EQ(-EINVAL, bdev_write_page(bdev, 1, page, NULL));
	EXPECT_EQ(-EINVAL, bdev_read_page(bdev, 4, page));
	EXPECT_EQ(0, write_data(bdev, page, 255, 500));
	EXPECT_EQ(5, io_stat(INVALID_IO));
	EXPECT_EQ(0, io_stat(FAILED_WRITES));
	EXPECT_EQ(0, check_data(bdev, page, 0));
	EXPECT_EQ(0, check_data(bdev, page, 255));
	EXPECT_EQ(2 * PAGE_SIZE, mm_stat(ORIG_DATA_SIZE));
	EXPECT_EQ(0, zwrite("zram0", "compact", "1"));
	EXPECT_EQ(0, check_data(bdev, page, 0));
	__free_page(page);
	EXPECT_EQ(0, zram_teardown(bdev));
}

/* ---- concurrency -------------------------------------------------------- */

#define NR_WRITERS	6
#define PAGES_EACH	64

static int concurrent_io(void *arg, int idx)
{
	struct block_device *bdev = arg;
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long first = idx * PAGES_EACH, i;
	int round, err = 0;

	if (!page)
		return -ENOMEM;
	for (round = 0; round < 4 && !err; round++) {
		for (i = first; i < first + PAGES_EACH && !err; i++)
			err = write_data(bdev, page, i,
					 ratios[(i + round) % ARRAY_SIZE(ratios)]);
		for (i = first; i < first + PAGES_EACH && !err; i++)
			err = check_data(bdev, page, i) ? -EIO : 0;
		/* Drop a quarter, as swap frees slots. */
		for (i = first; i < first + PAGES_EACH / 4; i++)
			bdev->bd_disk->fops->swap_slot_free_notify(bdev, i);
	}
	__free_page(page);
	return err;
}

TEST_F(umm, zram_concurrent_writers_keep_their_data)
{
	struct block_device *bdev = zram_setup("lz4", "4M");
	unsigned long stored;

	ASSERT_NE(NULL, bdev);
	ASSERT_EQ(0, umm_run_threads(NR_WRITERS, concurrent_io, bdev));
	stored = NR_WRITERS * (PAGES_EACH - PAGES_EACH / 4);
	EXPECT_EQ(stored * PAGE_SIZE, mm_stat(ORIG_DATA_SIZE));
	EXPECT_EQ(4 * NR_WRITERS * PAGES_EACH / 4, io_stat(NOTIFY_FREE));
	EXPECT_EQ(0, io_stat(FAILED_READS));
	EXPECT_EQ(0, zram_teardown(bdev));
}

/* ---- the console verbs -------------------------------------------------- */

TEST_F(umm, zram_console_verbs)
{
	unsigned long long invalid;

	EXPECT_EQ(-EINVAL, console_run_text("blkwrite zram0 0 1", "t", true));
	EXPECT_EQ(-ENODEV, console_run_text("blkwrite zram7 0 1", "t", true));
	ASSERT_EQ(0, console_run_text("echo 1M > /sys/block/zram0/disksize",
				      "t", true));
	EXPECT_EQ(0, console_run_text("blkwrite zram0 0 100 ratio=0.25 seed=7; blkwrite /dev/zram0 100 20 same; blkverify zram0 0 120",
				      "t", true));
	EXPECT_EQ(100 * PAGE_SIZE, mm_stat(ORIG_DATA_SIZE));
	EXPECT_EQ(20, mm_stat(SAME_PAGES));
	invalid = io_stat(INVALID_IO);
	EXPECT_EQ(-EINVAL, console_run_text("blkwrite zram0 250 7", "t", true));
	EXPECT_EQ(-EINVAL, console_run_text("blkwrite zram0 0 1 ratio=1.5", "t", true));
	EXPECT_EQ(-EINVAL, console_run_text("blkwrite zram0 0 1 zero", "t", true));
	EXPECT_EQ(-EINVAL, console_run_text("blkverify zram0 0 121", "t", true));
	EXPECT_EQ(invalid, io_stat(INVALID_IO));
	EXPECT_EQ(100 * PAGE_SIZE, mm_stat(ORIG_DATA_SIZE));
	EXPECT_EQ(0, console_run_text("blkdiscard zram0 10 20; blkverify zram0 10 20 zero; blkverify zram0 30 90",
				      "t", true));
	EXPECT_EQ(-EINVAL, console_run_text("blkverify zram0 0 11", "t", true));
	EXPECT_EQ(20, io_stat(NOTIFY_FREE));
	EXPECT_EQ(80 * PAGE_SIZE, mm_stat(ORIG_DATA_SIZE));
	EXPECT_EQ(0, console_run_text("echo 1 > /sys/block/zram0/reset", "t", true));
}

/* ---- infrastructure: the workqueue -------------------------------------- */

struct test_work {
	struct work_struct work;
	atomic_t runs;
	int order;			/* when it ran, among the others */
	int requeue;			/* queue itself again this often */
};

static atomic_t work_clock;

static void test_work_fn(struct work_struct *work)
{
	struct test_work *tw = container_of(work, struct test_work, work);

	atomic_inc(&tw->runs);
	tw->order = atomic_inc_return(&work_clock);
	if (tw->requeue > 0) {
		tw->requeue--;
		schedule_work(&tw->work);
	}
}

static void init_test_work(struct test_work *tw)
{
	memset(tw, 0, sizeof(*tw));
	INIT_WORK(&tw->work, test_work_fn);
}

TEST_F(umm, zram_infra_workqueue_runs_work_once)
{
	struct test_work a, b, c;
	bool busy;

	init_test_work(&a);
	init_test_work(&b);
	init_test_work(&c);
	EXPECT_FALSE(flush_work(&a.work));
	EXPECT_TRUE(schedule_work(&a.work));
	if (umm_deterministic) {
		/* Queued only: no worker thread, and never run inline. */
		EXPECT_TRUE(work_pending(&a.work));
		EXPECT_FALSE(schedule_work(&a.work));
		EXPECT_EQ(0, atomic_read(&a.runs));
	}
	/* The worker thread may have run it already: then it is idle. */
	busy = flush_work(&a.work);
	EXPECT_TRUE(busy || !umm_deterministic);
	EXPECT_EQ(1, atomic_read(&a.runs));
	EXPECT_FALSE(work_pending(&a.work));
	EXPECT_FALSE(flush_work(&a.work));

	/* Queue order is run order; a requeued item runs again. */
	b.requeue = 2;
	EXPECT_TRUE(schedule_work(&b.work));
	EXPECT_TRUE(schedule_work(&c.work));
	flush_scheduled_work();
	EXPECT_EQ(3, atomic_read(&b.runs));
	EXPECT_EQ(1, atomic_read(&c.runs));
	EXPECT_FALSE(work_pending(&b.work));
	if (umm_deterministic)
		EXPECT_LT(c.order, b.order);
}

TEST_F(umm, zram_infra_workqueue_cancel)
{
	struct test_work a;

	init_test_work(&a);
	EXPECT_FALSE(cancel_work_sync(&a.work));
	schedule_work(&a.work);
	if (umm_deterministic) {
		EXPECT_TRUE(cancel_work_sync(&a.work));
		EXPECT_FALSE(flush_work(&a.work));
		EXPECT_EQ(0, atomic_read(&a.runs));
	} else {
		/* The worker may have taken it already: either way, idle. */
		cancel_work_sync(&a.work);
		EXPECT_GE(1, atomic_read(&a.runs));
	}
	EXPECT_FALSE(work_pending(&a.work));
	EXPECT_FALSE(flush_work(&a.work));
}

/* The console's command boundary is a safe point in deterministic mode. */
TEST_F(umm, zram_infra_workqueue_console_safe_point)
{
	struct test_work a;

	init_test_work(&a);
	schedule_work(&a.work);
	ASSERT_EQ(0, console_run_text("expect /proc/vmstat nr_free_pages > 0",
				      "t", true));
	if (umm_deterministic)
		EXPECT_EQ(1, atomic_read(&a.runs));
	flush_work(&a.work);
	EXPECT_EQ(1, atomic_read(&a.runs));
}

static int flush_from_threads(void *arg, int idx)
{
	struct test_work *works = arg;
	int i;

	for (i = 0; i < 50; i++) {
		schedule_work(&works[idx].work);
		if (i % 2)
			flush_work(&works[idx].work);
		else
			flush_scheduled_work();
	}
	return 0;
}

TEST_F(umm, zram_infra_workqueue_concurrent_flushes)
{
	struct test_work works[4];
	int i;

	for (i = 0; i < 4; i++)
		init_test_work(&works[i]);
	ASSERT_EQ(0, umm_run_threads(4, flush_from_threads, works));
	flush_scheduled_work();
	for (i = 0; i < 4; i++) {
		EXPECT_LE(1, atomic_read(&works[i].runs));
		EXPECT_GE(50, atomic_read(&works[i].runs));
		EXPECT_FALSE(work_pending(&works[i].work));
	}
}

UMM_TEST_MAIN
