/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: zram's devices, page table and statistics (4.8, 6.1 stats). */
#ifndef _ZRAM_DRV_H_
#define _ZRAM_DRV_H_

/*
 * drivers/block/zram/zram_drv.h - compressed RAM block devices
 *
 * The structures of the zram driver: a table with one entry per page of
 * the device, the zsmalloc pool holding the compressed pages, and the
 * statistics behind mm_stat and io_stat.
 */

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/blkdev.h>
#include <linux/rwsem.h>
#include <linux/zsmalloc.h>

#include "zcomp.h"

/* zram's block size is the page: I/O is whole, aligned pages. */
#define ZRAM_LOGICAL_BLOCK_SHIFT	PAGE_SHIFT
#define ZRAM_LOGICAL_BLOCK_SIZE		(1 << ZRAM_LOGICAL_BLOCK_SHIFT)
#define ZRAM_SECTOR_PER_LOGICAL_BLOCK	\
	(1 << (ZRAM_LOGICAL_BLOCK_SHIFT - SECTOR_SHIFT))

/*
 * A compressed page at most this big shares a zspage with others; above
 * it, the page is stored uncompressed, as a whole page ("huge page").
 */
#define ZRAM_MAX_ZPAGE_SIZE	(PAGE_SIZE / 4 * 3)

/*
 * The low ZRAM_FLAG_SHIFT bits of zram_table_entry.value hold the
 * compressed size; the flags are the bits above.
 */
#define ZRAM_FLAG_SHIFT		24

enum zram_pageflags {
	/* One repeated word fills the page: ->element holds it (4.13). */
	ZRAM_SAME = ZRAM_FLAG_SHIFT,
	/* The entry's bit spinlock (4.8's ZRAM_ACCESS). */
	ZRAM_ACCESS,
	/* Stored uncompressed: it did not compress well enough. */
	ZRAM_HUGE,

	__NR_ZRAM_PAGEFLAGS,
};

/* One page of the device. */
struct zram_table_entry {
	union {
		unsigned long handle;	/* zsmalloc's, or 0: no data */
		unsigned long element;	/* ZRAM_SAME: the word */
	};
	unsigned long value;		/* size and flags */
};

/* Entries are kept in page-sized chunks (4.8 vzalloc()s one array). */
#define ZRAM_ENTRIES_PER_CHUNK	(PAGE_SIZE / sizeof(struct zram_table_entry))

struct zram_stats {
	atomic64_t compr_data_size;	/* compressed bytes stored */
	atomic64_t num_reads;		/* failures included */
	atomic64_t num_writes;
	atomic64_t failed_reads;
	atomic64_t failed_writes;
	atomic64_t invalid_io;		/* out of range or unaligned */
	atomic64_t notify_free;		/* slots freed by swap or discard */
	atomic64_t same_pages;		/* same-filled pages, no memory */
	atomic64_t huge_pages;		/* pages stored uncompressed */
	atomic64_t huge_pages_since;	/* ... ever, since disksize was set */
	atomic64_t pages_stored;	/* pages with memory (not same ones) */
	atomic_long_t max_used_pages;	/* high watermark of the pool */
	atomic64_t writestall;		/* writes that had to wait for memory */
};

struct zram_meta {
	struct zram_table_entry **table;	/* chunks of entries */
	unsigned long nr_chunks;
	struct zs_pool *mem_pool;
	/* Compressed sizes above this are stored as huge pages. */
	size_t huge_class_size;
};

struct zram {
	struct zram_meta *meta;
	struct zcomp *comp;
	struct gendisk *disk;
	/*
	 * Protects disksize, meta and comp against reset and against
	 * setting disksize; I/O does not take it (see zram_drv.c).
	 */
	struct rw_semaphore init_lock;
	/* Pool size limit in pages, 0 for none; also under init_lock. */
	unsigned long limit_pages;
	struct zram_stats stats;
	/* 0 until initialised: the device's size in bytes. */
	u64 disksize;
	char compressor[CRYPTO_MAX_ALG_NAME];
	/* Reset is running: the device refuses opens (4.8's claim). */
	bool claim;
	struct dentry *debugfs_dir;
};

#endif /* _ZRAM_DRV_H_ */
