// SPDX-License-Identifier: GPL-2.0
/*
 * drivers/block/zram/zram_drv.c - compressed RAM block devices
 *
 * zram0..zramN-1 (zram.num_devices=, default 1) are block devices whose
 * pages are kept compressed in memory, in a zsmalloc pool: swap on zram
 * turns anonymous memory into a few hundred bytes of zsmalloc object per
 * page.  The devices are set up through /sys/block/zramN/ as on Linux:
 * write comp_algorithm (optional), then disksize; reset frees everything.
 *
 * A write compresses the page with the CPU's stream and stores it in a
 * zsmalloc object, in two steps as in 4.8: first an allocation that may
 * not wait (the stream is held), then, if that failed, one that may
 * (GFP_NOIO) with the stream let go, and the page is compressed again.
 * The series' last patch made both allocations __GFP_MOVABLE |
 * __GFP_HIGHMEM, so zsmalloc pages come from movable pageblocks and can
 * be migrated; with zsmalloc.movable=0 zram asks as before that patch.
 * Two later additions are here too: a page filled with one repeated word
 * is kept as that word, with no allocation (4.13's "same" pages), and
 * pages stored uncompressed are counted (huge_pages, 6.1's mm_stat).
 *
 * Locking:
 * - init_lock (rwsem) guards meta, comp and disksize against
 *   disksize_store and reset.  The sysfs files that use the pool take it
 *   for reading.  I/O does not take it, as in 4.8: I/O comes through an
 *   open block device, and reset refuses an open device (bd_openers,
 *   under bd_mutex) and keeps it from being opened while it runs
 *   (claim).  disksize is published last (a release store), so I/O that
 *   sees it sees meta and comp.
 * - each table entry has a bit spinlock, ZRAM_ACCESS in its value word,
 *   around every look at or change of the entry.
 * - The stream is per CPU and has no lock; it is got before the entry
 *   lock because its first use allocates memory.
 * Order: bd_mutex -> init_lock -> entry lock -> zsmalloc's locks
 * (zs_map_object() to zs_unmap_object(), zs_free()).
 */
#define MODULE_PARAM_PREFIX "zram."

#include <linux/kernel.h>
#include <linux/bit_spinlock.h>
#include <linux/blkdev.h>
#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/zsmalloc.h>

#include "zram_drv.h"

/* 4.8's hot-add interface is not here: devices exist from boot. */
#define ZRAM_MAX_DEVICES	32

static int zram_major;
static struct zram *zram_devices[ZRAM_MAX_DEVICES];
static struct dentry *zram_debugfs_root;

/*
 * lzo is 4.8's default (lzo-rle took over in 5.1, and 6.1's Debian
 * kernel is configured for lz4): the algorithm of the series' time.
 */
static const char *default_compressor = "lzo";

static unsigned int num_devices = 1;

static int num_devices_set(const char *val, const struct kernel_param *kp)
{
	unsigned int n;

	if (kstrtouint(val, 0, &n) || n > ZRAM_MAX_DEVICES) {
		param_set_reason("must be between 0 and "
				 __stringify(ZRAM_MAX_DEVICES));
		return -EINVAL;
	}
	num_devices = n;
	return 0;
}

static int num_devices_get(char *buffer, const struct kernel_param *kp)
{
	return param_ops_uint.get(buffer, kp);
}

static const struct kernel_param_ops num_devices_ops = {
	.set	= num_devices_set,
	.get	= num_devices_get,
};
module_param_cb(num_devices, &num_devices_ops, &num_devices, 0444);

/* ---- the table --------------------------------------------------------- */

static struct zram_table_entry *zram_entry(struct zram_meta *meta, u32 index)
{
	return &meta->table[index / ZRAM_ENTRIES_PER_CHUNK]
			   [index % ZRAM_ENTRIES_PER_CHUNK];
}

static void zram_slot_lock(struct zram_meta *meta, u32 index)
{
	bit_spin_lock(ZRAM_ACCESS, &zram_entry(meta, index)->value);
}

static void zram_slot_unlock(struct zram_meta *meta, u32 index)
{
	bit_spin_unlock(ZRAM_ACCESS, &zram_entry(meta, index)->value);
}

/*
 * The value word is also the lock word, which other CPUs change with
 * atomic operations while they spin: it is only read and written with
 * atomics, and only by the lock's holder.
 */
static bool zram_test_flag(struct zram_meta *meta, u32 index,
			   enum zram_pageflags flag)
{
	return test_bit(flag, &zram_entry(meta, index)->value);
}

static void zram_set_flag(struct zram_meta *meta, u32 index,
			  enum zram_pageflags flag)
{
	set_bit(flag, &zram_entry(meta, index)->value);
}

static void zram_clear_flag(struct zram_meta *meta, u32 index,
			    enum zram_pageflags flag)
{
	clear_bit(flag, &zram_entry(meta, index)->value);
}

#define ZRAM_SIZE_MASK	(BIT(ZRAM_FLAG_SHIFT) - 1)

static size_t zram_get_obj_size(struct zram_meta *meta, u32 index)
{
	return READ_ONCE(zram_entry(meta, index)->value) & ZRAM_SIZE_MASK;
}

static void zram_set_obj_size(struct zram_meta *meta, u32 index, size_t size)
{
	unsigned long *value = &zram_entry(meta, index)->value;
	unsigned long old = READ_ONCE(*value);

	while (!__atomic_compare_exchange_n(value, &old,
					    (old & ~ZRAM_SIZE_MASK) | size,
					    false, __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED))
		;
}

/*
 * disksize says the device is set up.  It is published after meta and
 * comp, and I/O, which takes no lock, reads it before them: a size seen
 * means a table and streams seen.
 */
static u64 zram_disksize(struct zram *zram)
{
	/* Pairs with the release in zram_set_disksize(). */
	return smp_load_acquire(&zram->disksize);
}

static void zram_set_disksize(struct zram *zram, u64 disksize)
{
	/* meta and comp before the size: pairs with zram_disksize(). */
	smp_store_release(&zram->disksize, disksize);
}

static bool init_done(struct zram *zram)
{
	return zram_disksize(zram) != 0;
}

static struct zram *dev_to_zram(struct device *dev)
{
	return dev_to_disk(dev)->private_data;
}

static bool page_same_filled(const void *ptr, unsigned long *element)
{
	const unsigned long *page = ptr;
	unsigned long val = page[0];
	unsigned int pos;

	for (pos = 1; pos < PAGE_SIZE / sizeof(*page); pos++)
		if (page[pos] != val)
			return false;
	*element = val;
	return true;
}

static void zram_fill_page(void *ptr, unsigned long element)
{
	unsigned long *page = ptr;
	unsigned int pos;

	for (pos = 0; pos < PAGE_SIZE / sizeof(*page); pos++)
		page[pos] = element;
}

/*
 * Drop what entry @index holds, with the statistics; the entry is locked
 * (or the device is being torn down).
 */
static void zram_free_page(struct zram *zram, u32 index)
{
	struct zram_meta *meta = zram->meta;
	struct zram_table_entry *entry = zram_entry(meta, index);

	if (zram_test_flag(meta, index, ZRAM_SAME)) {
		zram_clear_flag(meta, index, ZRAM_SAME);
		entry->element = 0;
		atomic64_dec(&zram->stats.same_pages);
		return;
	}
	if (!entry->handle)
		return;
	if (zram_test_flag(meta, index, ZRAM_HUGE)) {
		zram_clear_flag(meta, index, ZRAM_HUGE);
		atomic64_dec(&zram->stats.huge_pages);
	}
	zs_free(meta->mem_pool, entry->handle);
	atomic64_sub(zram_get_obj_size(meta, index),
		     &zram->stats.compr_data_size);
	atomic64_dec(&zram->stats.pages_stored);
	entry->handle = 0;
	zram_set_obj_size(meta, index, 0);
}

static void zram_meta_free(struct zram_meta *meta, u64 disksize)
{
	unsigned long i, num_pages = disksize >> PAGE_SHIFT;

	/* Nothing else can reach the table now: no locks needed. */
	for (i = 0; meta->mem_pool && i < num_pages; i++) {
		struct zram_table_entry *entry = zram_entry(meta, i);

		if (zram_test_flag(meta, i, ZRAM_SAME) || !entry->handle)
			continue;
		zs_free(meta->mem_pool, entry->handle);
	}
	if (meta->mem_pool)
		zs_destroy_pool(meta->mem_pool);
	for (i = 0; i < meta->nr_chunks; i++)
		free_page((unsigned long)meta->table[i]);
	kfree(meta->table);
	kfree(meta);
}

/*
 * The table is page-sized chunks of zeroed entries: 4.8 vzalloc()s it,
 * which gives order-0 unmovable pages too, and umm has no vmalloc.
 */
static struct zram_meta *zram_meta_alloc(const char *pool_name, u64 disksize)
{
	unsigned long i = 0, num_pages = disksize >> PAGE_SHIFT;
	struct zram_meta *meta;

	meta = kzalloc(sizeof(*meta), GFP_KERNEL);
	if (!meta)
		return NULL;
	meta->nr_chunks = DIV_ROUND_UP(num_pages, ZRAM_ENTRIES_PER_CHUNK);
	meta->table = kcalloc(meta->nr_chunks, sizeof(*meta->table),
			      GFP_KERNEL | __GFP_NOWARN);
	if (!meta->table)
		goto fail;
	for (i = 0; i < meta->nr_chunks; i++) {
		meta->table[i] = (void *)__get_free_page(GFP_KERNEL | __GFP_ZERO |
							 __GFP_NOWARN);
		if (!meta->table[i])
			goto fail;
	}
	meta->mem_pool = zs_create_pool(pool_name);
	if (!meta->mem_pool) {
		pr_err("Error creating memory pool\n");
		goto fail;
	}
	/* Sizes from zs_huge_class_size() on get a page each anyway. */
	meta->huge_class_size = min_t(size_t,
				      zs_huge_class_size(meta->mem_pool) - 1,
				      ZRAM_MAX_ZPAGE_SIZE);
	return meta;
fail:
	meta->nr_chunks = i;	/* the chunks allocated so far */
	zram_meta_free(meta, 0);
	return NULL;
}

/* ---- I/O --------------------------------------------------------------- */

/* Aligned to the logical block, and inside the device. */
static bool valid_io_request(struct zram *zram, sector_t start,
			     unsigned int size)
{
	u64 end, bound;

	if (unlikely(start & (ZRAM_SECTOR_PER_LOGICAL_BLOCK - 1)))
		return false;
	if (unlikely(size & (ZRAM_LOGICAL_BLOCK_SIZE - 1)))
		return false;
	end = start + (size >> SECTOR_SHIFT);
	bound = zram_disksize(zram) >> SECTOR_SHIFT;
	return start < bound && end <= bound && start < end;
}

static void update_used_max(struct zram *zram, unsigned long pages)
{
	long cur = atomic_long_read(&zram->stats.max_used_pages);

	while ((unsigned long)cur < pages &&
	       !atomic_long_try_cmpxchg(&zram->stats.max_used_pages, &cur,
					pages))
		;
}

/*
 * zsmalloc.movable=0 gives the flags from before the series' last
 * patch: no __GFP_MOVABLE (and no __GFP_HIGHMEM, which only matters
 * together with it here), so zspages come from unmovable pageblocks.
 */
static gfp_t zram_gfp(gfp_t gfp)
{
	if (READ_ONCE(zs_movable))
		gfp |= __GFP_HIGHMEM | __GFP_MOVABLE;
	return gfp;
}

static int zram_read_page(struct zram *zram, struct page *page, u32 index)
{
	struct zram_meta *meta = zram->meta;
	struct zram_table_entry *entry = zram_entry(meta, index);
	struct zcomp_strm *zstrm;
	void *cmem, *dst;
	size_t size;
	int ret = 0;

	zstrm = zcomp_stream_get(zram->comp);
	if (IS_ERR(zstrm))
		return PTR_ERR(zstrm);
	zram_slot_lock(meta, index);
	dst = kmap_local_page(page);
	if (zram_test_flag(meta, index, ZRAM_SAME) || !entry->handle) {
		/* Same-filled, or never written (element is then 0). */
		zram_fill_page(dst, entry->element);
		goto out;
	}
	size = zram_get_obj_size(meta, index);
	cmem = zs_map_object(meta->mem_pool, entry->handle, ZS_MM_RO);
	if (size == PAGE_SIZE)
		memcpy(dst, cmem, PAGE_SIZE);
	else
		ret = zcomp_decompress(zstrm, cmem, size, dst);
	zs_unmap_object(meta->mem_pool, entry->handle);
out:
	kunmap_local(dst);
	zram_slot_unlock(meta, index);
	zcomp_stream_put(zram->comp);
	if (unlikely(ret)) {
		pr_err_ratelimited("Decompression failed! err=%d, page=%u\n",
				   ret, index);
		return -EIO;
	}
	return 0;
}

/* Keep the word of a same-filled page in place of its data. */
static void zram_write_same(struct zram *zram, u32 index,
			    unsigned long element)
{
	struct zram_meta *meta = zram->meta;

	zram_slot_lock(meta, index);
	zram_free_page(zram, index);
	zram_set_flag(meta, index, ZRAM_SAME);
	zram_entry(meta, index)->element = element;
	zram_slot_unlock(meta, index);
	atomic64_inc(&zram->stats.same_pages);
}

/* Put a stored object in entry @index, in place of what it held. */
static void zram_set_entry(struct zram *zram, u32 index,
			   unsigned long handle, unsigned int clen)
{
	struct zram_meta *meta = zram->meta;

	zram_slot_lock(meta, index);
	zram_free_page(zram, index);
	zram_entry(meta, index)->handle = handle;
	zram_set_obj_size(meta, index, clen);
	if (clen == PAGE_SIZE) {
		zram_set_flag(meta, index, ZRAM_HUGE);
		atomic64_inc(&zram->stats.huge_pages);
		atomic64_inc(&zram->stats.huge_pages_since);
	}
	zram_slot_unlock(meta, index);
	atomic64_add(clen, &zram->stats.compr_data_size);
	atomic64_inc(&zram->stats.pages_stored);
}

static int zram_write_page(struct zram *zram, struct page *page, u32 index)
{
	struct zram_meta *meta = zram->meta;
	unsigned long handle = 0, alloced_pages, element, limit;
	unsigned int clen, handle_len = 0;
	struct zcomp_strm *zstrm;
	void *src, *cmem;
	int ret;

	src = kmap_local_page(page);
	if (page_same_filled(src, &element)) {
		kunmap_local(src);
		zram_write_same(zram, index, element);
		return 0;
	}
	kunmap_local(src);

compress_again:
	zstrm = zcomp_stream_get(zram->comp);
	if (IS_ERR(zstrm)) {
		ret = PTR_ERR(zstrm);
		goto out_free;
	}
	src = kmap_local_page(page);
	ret = zcomp_compress(zstrm, src, &clen);
	kunmap_local(src);
	if (unlikely(ret)) {
		zcomp_stream_put(zram->comp);
		pr_err("Compression failed! err=%d\n", ret);
		goto out_free;
	}
	if (clen > meta->huge_class_size)
		clen = PAGE_SIZE;	/* store it whole */
	if (handle && clen != handle_len) {
		/* The page changed while the stream was let go. */
		zs_free(meta->mem_pool, handle);
		handle = 0;
	}
	if (!handle)
		handle = zs_malloc(meta->mem_pool, clen,
				   zram_gfp(__GFP_KSWAPD_RECLAIM | __GFP_NOWARN));
	if (!handle) {
		/* Let go of the stream: this allocation may wait. */
		zcomp_stream_put(zram->comp);
		atomic64_inc(&zram->stats.writestall);
		handle = zs_malloc(meta->mem_pool, clen, zram_gfp(GFP_NOIO));
		if (handle) {
			handle_len = clen;
			goto compress_again;
		}
		pr_err("Error allocating memory for compressed page: %u, size=%u\n",
		       index, clen);
		return -ENOMEM;
	}
	alloced_pages = zs_get_total_pages(meta->mem_pool);
	update_used_max(zram, alloced_pages);
	limit = READ_ONCE(zram->limit_pages);
	if (limit && alloced_pages > limit) {
		zcomp_stream_put(zram->comp);
		ret = -ENOMEM;
		goto out_free;
	}

	cmem = zs_map_object(meta->mem_pool, handle, ZS_MM_WO);
	if (clen == PAGE_SIZE) {
		src = kmap_local_page(page);
		memcpy(cmem, src, PAGE_SIZE);
		kunmap_local(src);
	} else {
		memcpy(cmem, zstrm->buffer, clen);
	}
	zcomp_stream_put(zram->comp);
	zs_unmap_object(meta->mem_pool, handle);

	zram_set_entry(zram, index, handle, clen);
	return 0;

out_free:
	if (handle)
		zs_free(meta->mem_pool, handle);
	return ret;
}

static int zram_open(struct block_device *bdev, fmode_t mode)
{
	struct zram *zram = bdev->bd_disk->private_data;

	lockdep_assert_held(&bdev->bd_mutex);
	/* A reset is running: nobody may open the device meanwhile. */
	return zram->claim ? -EBUSY : 0;
}

static int zram_rw_page(struct block_device *bdev, sector_t sector,
			struct page *page, bool is_write)
{
	struct zram *zram = bdev->bd_disk->private_data;
	u32 index;
	int err;

	if (!valid_io_request(zram, sector, PAGE_SIZE)) {
		atomic64_inc(&zram->stats.invalid_io);
		return -EINVAL;
	}
	index = sector >> SECTORS_PER_PAGE_SHIFT;
	if (is_write) {
		atomic64_inc(&zram->stats.num_writes);
		err = zram_write_page(zram, page, index);
		if (err)
			atomic64_inc(&zram->stats.failed_writes);
	} else {
		atomic64_inc(&zram->stats.num_reads);
		err = zram_read_page(zram, page, index);
		if (err)
			atomic64_inc(&zram->stats.failed_reads);
	}
	return err;
}

static void zram_slot_free_notify(struct block_device *bdev,
				  unsigned long index)
{
	struct zram *zram = bdev->bd_disk->private_data;
	struct zram_meta *meta;

	/* 4.8 trusts swap with the index; a bad one is just counted here. */
	if (index >= zram_disksize(zram) >> PAGE_SHIFT) {
		atomic64_inc(&zram->stats.invalid_io);
		return;
	}
	meta = zram->meta;
	zram_slot_lock(meta, index);
	zram_free_page(zram, index);
	zram_slot_unlock(meta, index);
	atomic64_inc(&zram->stats.notify_free);
}

static const struct block_device_operations zram_devops = {
	.open			= zram_open,
	.rw_page		= zram_rw_page,
	.swap_slot_free_notify	= zram_slot_free_notify,
};

/* ---- setting up and tearing down --------------------------------------- */

/*
 * A size with an optional K, M, G (or T) suffix, and nothing after it
 * but a newline.  memparse() alone would take "10Q" as 10, and a size
 * that overflows as what is left of it: refused here.
 */
static int zram_parse_size(const char *buf, u64 *size)
{
	unsigned long long val;
	int err = memparse_strict(buf, &val);

	if (err)
		return -EINVAL;
	*size = val;
	return 0;
}

static void zram_reset_device(struct zram *zram)
{
	struct zram_meta *meta;
	struct zcomp *comp;
	u64 disksize;

	down_write(&zram->init_lock);
	WRITE_ONCE(zram->limit_pages, 0);
	if (!init_done(zram)) {
		up_write(&zram->init_lock);
		return;
	}
	meta = zram->meta;
	comp = zram->comp;
	disksize = zram->disksize;
	zram_set_disksize(zram, 0);
	set_capacity(zram->disk, 0);
	zram->meta = NULL;
	zram->comp = NULL;
	memset(&zram->stats, 0, sizeof(zram->stats));
	up_write(&zram->init_lock);

	/* Nobody has the device open: the table is ours alone. */
	zram_meta_free(meta, disksize);
	zcomp_destroy(comp);
}

static ssize_t disksize_show(struct device *dev,
			     struct device_attribute *attr, char *buf)
{
	struct zram *zram = dev_to_zram(dev);

	return scnprintf(buf, PAGE_SIZE, "%llu\n",
			 (unsigned long long)zram_disksize(zram));
}

static ssize_t disksize_store(struct device *dev,
			      struct device_attribute *attr, const char *buf,
			      size_t len)
{
	struct zram *zram = dev_to_zram(dev);
	struct zram_meta *meta;
	struct zcomp *comp;
	u64 disksize;
	int err;

	if (zram_parse_size(buf, &disksize) || !disksize)
		return -EINVAL;
	disksize = PAGE_ALIGN(disksize);
	/* Entries are found by a 32-bit page index. */
	if (!disksize || (disksize >> PAGE_SHIFT) > U32_MAX)
		return -EINVAL;

	down_write(&zram->init_lock);
	if (init_done(zram)) {
		pr_info("Cannot change disksize for initialized device\n");
		err = -EBUSY;
		goto out_unlock;
	}
	meta = zram_meta_alloc(zram->disk->disk_name, disksize);
	if (!meta) {
		err = -ENOMEM;
		goto out_unlock;
	}
	comp = zcomp_create(zram->compressor);
	if (IS_ERR(comp)) {
		pr_err("Cannot initialise %s compressing backend\n",
		       zram->compressor);
		err = PTR_ERR(comp);
		zram_meta_free(meta, disksize);
		goto out_unlock;
	}
	zram->meta = meta;
	zram->comp = comp;
	zram_set_disksize(zram, disksize);
	set_capacity(zram->disk, disksize >> SECTOR_SHIFT);
	up_write(&zram->init_lock);
	return len;

out_unlock:
	up_write(&zram->init_lock);
	return err;
}

static ssize_t initstate_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct zram *zram = dev_to_zram(dev);
	u32 val;

	down_read(&zram->init_lock);
	val = init_done(zram);
	up_read(&zram->init_lock);
	return scnprintf(buf, PAGE_SIZE, "%u\n", val);
}

static ssize_t reset_store(struct device *dev, struct device_attribute *attr,
			   const char *buf, size_t len)
{
	struct zram *zram = dev_to_zram(dev);
	struct block_device *bdev;
	unsigned int do_reset;
	int err = 0;

	if (kstrtouint(buf, 10, &do_reset) || !do_reset)
		return -EINVAL;
	bdev = bdget_disk(zram->disk, 0);
	if (!bdev)
		return -ENOMEM;
	mutex_lock(&bdev->bd_mutex);
	/* Not a device in use (swap on it), nor one being reset already. */
	if (bdev->bd_openers || zram->claim)
		err = -EBUSY;
	else
		zram->claim = true;
	mutex_unlock(&bdev->bd_mutex);
	if (!err) {
		zram_reset_device(zram);
		mutex_lock(&bdev->bd_mutex);
		zram->claim = false;
		mutex_unlock(&bdev->bd_mutex);
	}
	bdput(bdev);
	return err ? err : len;
}

static ssize_t compact_store(struct device *dev,
			     struct device_attribute *attr, const char *buf,
			     size_t len)
{
	struct zram *zram = dev_to_zram(dev);

	down_read(&zram->init_lock);
	if (!init_done(zram)) {
		up_read(&zram->init_lock);
		return -EINVAL;
	}
	zs_compact(zram->meta->mem_pool);
	up_read(&zram->init_lock);
	return len;
}

static ssize_t mem_limit_store(struct device *dev,
			       struct device_attribute *attr, const char *buf,
			       size_t len)
{
	struct zram *zram = dev_to_zram(dev);
	u64 limit;

	if (zram_parse_size(buf, &limit))
		return -EINVAL;
	down_write(&zram->init_lock);
	WRITE_ONCE(zram->limit_pages, PAGE_ALIGN(limit) >> PAGE_SHIFT);
	up_write(&zram->init_lock);
	return len;
}

static ssize_t mem_used_max_store(struct device *dev,
				  struct device_attribute *attr,
				  const char *buf, size_t len)
{
	struct zram *zram = dev_to_zram(dev);
	unsigned long val;

	/* Only "0": start the high watermark again from the current use. */
	if (kstrtoul(buf, 10, &val) || val)
		return -EINVAL;
	down_read(&zram->init_lock);
	if (init_done(zram))
		atomic_long_set(&zram->stats.max_used_pages,
				zs_get_total_pages(zram->meta->mem_pool));
	up_read(&zram->init_lock);
	return len;
}

/* Ignored since 4.7's per-CPU streams; kept, as in 4.8, for scripts. */
static ssize_t max_comp_streams_show(struct device *dev,
				     struct device_attribute *attr, char *buf)
{
	return scnprintf(buf, PAGE_SIZE, "%u\n", num_online_cpus());
}

static ssize_t max_comp_streams_store(struct device *dev,
				      struct device_attribute *attr,
				      const char *buf, size_t len)
{
	return len;
}

static ssize_t comp_algorithm_show(struct device *dev,
				   struct device_attribute *attr, char *buf)
{
	struct zram *zram = dev_to_zram(dev);
	ssize_t sz;

	down_read(&zram->init_lock);
	sz = zcomp_available_show(zram->compressor, buf);
	up_read(&zram->init_lock);
	return sz;
}

static ssize_t comp_algorithm_store(struct device *dev,
				    struct device_attribute *attr,
				    const char *buf, size_t len)
{
	struct zram *zram = dev_to_zram(dev);
	char compressor[CRYPTO_MAX_ALG_NAME];
	size_t sz;

	strscpy(compressor, buf, sizeof(compressor));
	sz = strlen(compressor);
	if (sz > 0 && compressor[sz - 1] == '\n')
		compressor[sz - 1] = '\0';
	if (!zcomp_available_algorithm(compressor))
		return -EINVAL;

	down_write(&zram->init_lock);
	if (init_done(zram)) {
		up_write(&zram->init_lock);
		pr_info("Can't change algorithm for initialized device\n");
		return -EBUSY;
	}
	strscpy(zram->compressor, compressor, sizeof(zram->compressor));
	up_write(&zram->init_lock);
	return len;
}

static ssize_t io_stat_show(struct device *dev,
			    struct device_attribute *attr, char *buf)
{
	struct zram *zram = dev_to_zram(dev);
	ssize_t ret;

	down_read(&zram->init_lock);
	ret = scnprintf(buf, PAGE_SIZE, "%8llu %8llu %8llu %8llu\n",
			(u64)atomic64_read(&zram->stats.failed_reads),
			(u64)atomic64_read(&zram->stats.failed_writes),
			(u64)atomic64_read(&zram->stats.invalid_io),
			(u64)atomic64_read(&zram->stats.notify_free));
	up_read(&zram->init_lock);
	return ret;
}

/*
 * 6.1's nine fields.  orig_data_size leaves out same-filled pages, as the
 * documentation of every version says (4.8's code did; 6.1's counts them).
 */
static ssize_t mm_stat_show(struct device *dev,
			    struct device_attribute *attr, char *buf)
{
	struct zram *zram = dev_to_zram(dev);
	struct zs_pool_stats pool_stats = { 0 };
	u64 orig_size, mem_used = 0;
	long max_used;
	ssize_t ret;

	down_read(&zram->init_lock);
	if (init_done(zram)) {
		mem_used = zs_get_total_pages(zram->meta->mem_pool);
		zs_pool_stats(zram->meta->mem_pool, &pool_stats);
	}
	orig_size = atomic64_read(&zram->stats.pages_stored);
	max_used = atomic_long_read(&zram->stats.max_used_pages);
	ret = scnprintf(buf, PAGE_SIZE,
			"%8llu %8llu %8llu %8lu %8ld %8llu %8lu %8llu %8llu\n",
			orig_size << PAGE_SHIFT,
			(u64)atomic64_read(&zram->stats.compr_data_size),
			mem_used << PAGE_SHIFT,
			zram->limit_pages << PAGE_SHIFT,
			max_used << PAGE_SHIFT,
			(u64)atomic64_read(&zram->stats.same_pages),
			pool_stats.pages_compacted,
			(u64)atomic64_read(&zram->stats.huge_pages),
			(u64)atomic64_read(&zram->stats.huge_pages_since));
	up_read(&zram->init_lock);
	return ret;
}

/* No backing device here (CONFIG_ZRAM_WRITEBACK): nothing written back. */
static ssize_t bd_stat_show(struct device *dev,
			    struct device_attribute *attr, char *buf)
{
	return scnprintf(buf, PAGE_SIZE, "%8llu %8llu %8llu\n", 0ULL, 0ULL,
			 0ULL);
}

/* 4.8's layout: a version line, then the allocation stalls. */
static ssize_t debug_stat_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct zram *zram = dev_to_zram(dev);

	return scnprintf(buf, PAGE_SIZE, "version: %d\n%8llu\n", 1,
			 (u64)atomic64_read(&zram->stats.writestall));
}

static DEVICE_ATTR_RW(disksize);
static DEVICE_ATTR_RO(initstate);
static DEVICE_ATTR_WO(reset);
static DEVICE_ATTR_WO(compact);
static DEVICE_ATTR_WO(mem_limit);
static DEVICE_ATTR_WO(mem_used_max);
static DEVICE_ATTR_RW(max_comp_streams);
static DEVICE_ATTR_RW(comp_algorithm);
static DEVICE_ATTR_RO(io_stat);
static DEVICE_ATTR_RO(mm_stat);
static DEVICE_ATTR_RO(bd_stat);
static DEVICE_ATTR_RO(debug_stat);

static struct attribute *zram_disk_attrs[] = {
	&dev_attr_disksize.attr,
	&dev_attr_initstate.attr,
	&dev_attr_reset.attr,
	&dev_attr_compact.attr,
	&dev_attr_mem_limit.attr,
	&dev_attr_mem_used_max.attr,
	&dev_attr_max_comp_streams.attr,
	&dev_attr_comp_algorithm.attr,
	&dev_attr_io_stat.attr,
	&dev_attr_mm_stat.attr,
	&dev_attr_bd_stat.attr,
	&dev_attr_debug_stat.attr,
	NULL,
};

static const struct attribute_group zram_disk_attr_group = {
	.attrs = zram_disk_attrs,
};

/* ---- fault injection --------------------------------------------------- */

/*
 * /sys/kernel/debug/zram/zramN/corrupt is umm's, not Linux's: writing a
 * page index there overwrites that page's stored data with 0xff bytes,
 * which no codec takes for a valid stream, so the next read of the page
 * must fail with -EIO (and count in failed_reads) rather than crash or
 * run past a buffer.  A huge page is stored uncompressed: its data
 * changes, and reads back without an error.  -ENOENT if the page holds
 * no object (never written, or same-filled); -EINVAL past the end or
 * before disksize is set.
 */
static int zram_corrupt_set(void *data, u64 index)
{
	struct zram *zram = data;
	struct zram_meta *meta;
	unsigned long handle;
	void *cmem;
	int err = 0;

	down_read(&zram->init_lock);
	if (!init_done(zram) || index >= zram->disksize >> PAGE_SHIFT) {
		err = -EINVAL;
		goto out;
	}
	meta = zram->meta;
	zram_slot_lock(meta, index);
	handle = zram_entry(meta, index)->handle;
	if (zram_test_flag(meta, index, ZRAM_SAME) || !handle) {
		err = -ENOENT;
	} else {
		cmem = zs_map_object(meta->mem_pool, handle, ZS_MM_WO);
		memset(cmem, 0xff, zram_get_obj_size(meta, index));
		zs_unmap_object(meta->mem_pool, handle);
	}
	zram_slot_unlock(meta, index);
out:
	up_read(&zram->init_lock);
	return err;
}
DEFINE_DEBUGFS_ATTRIBUTE(zram_corrupt_fops, NULL, zram_corrupt_set, "%llu\n");

static void zram_debugfs_register(struct zram *zram)
{
	zram->debugfs_dir = debugfs_create_dir(zram->disk->disk_name,
					       zram_debugfs_root);
	debugfs_create_file("corrupt", 0200, zram->debugfs_dir, zram,
			    &zram_corrupt_fops);
}

/* ---- devices ----------------------------------------------------------- */

static int zram_add(int device_id)
{
	struct zram *zram;
	int err = -ENOMEM;

	zram = kzalloc(sizeof(*zram), GFP_KERNEL);
	if (!zram)
		return -ENOMEM;
	init_rwsem(&zram->init_lock);
	strscpy(zram->compressor, default_compressor,
		sizeof(zram->compressor));
	zram->disk = alloc_disk(1);
	if (!zram->disk)
		goto out_free;
	zram->disk->major = zram_major;
	zram->disk->first_minor = device_id;
	zram->disk->fops = &zram_devops;
	zram->disk->private_data = zram;
	snprintf(zram->disk->disk_name, DISK_NAME_LEN, "zram%d", device_id);
	set_capacity(zram->disk, 0);

	err = add_disk(zram->disk);
	if (err)
		goto out_put;
	err = sysfs_create_group(&disk_to_dev(zram->disk)->kobj,
				 &zram_disk_attr_group);
	if (err) {
		pr_err("Error creating sysfs group for device %d\n",
		       device_id);
		del_gendisk(zram->disk);
		goto out_put;
	}
	zram_debugfs_register(zram);
	zram_devices[device_id] = zram;
	pr_info("Added device: %s\n", zram->disk->disk_name);
	return 0;

out_put:
	put_disk(zram->disk);
out_free:
	kfree(zram);
	return err;
}

static int __init zram_init(void)
{
	unsigned int i;
	int err;

	zram_major = register_blkdev(0, "zram");
	if (zram_major <= 0) {
		pr_err("Unable to get major number\n");
		return -EBUSY;
	}
	zram_debugfs_root = debugfs_create_dir("zram", NULL);
	for (i = 0; i < num_devices; i++) {
		err = zram_add(i);
		if (err)
			return err;
	}
	return 0;
}
module_init(zram_init);
