// SPDX-License-Identifier: GPL-2.0
/*
 * tools/fuzz/fuzz_zram.c - zsmalloc and zram: store, load, move, corrupt
 *
 * The kernel boots once (mem=64M, deterministic kernel threads).  Each
 * input sets zram0 up with the algorithm its first byte picks (lzo, lz4,
 * zstd) and a 1 MiB disk, then runs operations, one byte each followed
 * by their arguments:
 *
 *   write IDX KIND ...	  a page through bdev_write_page(): random bytes
 *			  (incompressible, stored whole), one repeated word
 *			  (same-filled), zeroes, the input's bytes repeated,
 *			  or a run of one word and then random bytes
 *   read IDX		  bdev_read_page()
 *   discard IDX	  swap_slot_free_notify(), as swap frees a slot
 *   corrupt IDX	  debugfs zram/zram0/corrupt: the stored data turns
 *			  to 0xff bytes
 *   compact, migrate	  zram's compact; compact_memory, which migrates
 *			  zsmalloc's pages
 *   mem_limit PAGES	  zram's limit on its pool (0: none)
 *   malloc SIZE, free, check, rewrite
 *			  zs_malloc()/zs_free()/zs_map_object() on a pool of
 *			  the target's own, sizes 0 to a page and beyond
 *   decompress LEN ...	  the input's bytes as compressed data
 *   round-trip ...	  compress a page of the input's bytes, decompress
 *
 * What it checks:
 *  - ASan and UBSan, kernel BUG()s and panics;
 *  - every page reads back what was last written to it (zeroes if
 *    never written or discarded), after compaction and migration too; a
 *    write that fails leaves the old data;
 *  - corrupt data fails the read with -EIO, or (a page stored whole)
 *    reads back as the 0xff bytes; the corrupt knob refuses only pages
 *    that hold no object (same-filled or never written);
 *  - zs_malloc() refuses a size of 0 or over a page; every object reads
 *    back what was written to it; a pool with every object freed holds
 *    no page;
 *  - decompressing any bytes returns 0 or -EINVAL and stays inside its
 *    buffers (they end at a page that is not mapped); a compressed page
 *    decompresses to itself;
 *  - after each input, zram is reset and fuzz_check_kernel() finds no
 *    page leaked, the free lists consistent, no taint.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "fuzz.h"

#include <linux/blkdev.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/zsmalloc.h>
#include <linux/workqueue.h>
#include <linux/err.h>
#include "../../drivers/block/zram/zcomp.h"

#define ZRAM		"/sys/block/zram0/"
#define NR_SLOTS	256		/* the disk's pages: 1 MiB */
#define MAX_OBJS	64
#define MAX_OPS		64

static const char * const algs[] = { "lzo", "lz4", "zstd" };

enum slot_state { SLOT_ZERO, SLOT_DATA, SLOT_CORRUPT };

static struct {
	enum slot_state state;
	bool touched;		/* by this input: checked at its end */
	/*
	 * zram stored it in zsmalloc: not same-filled when written (a page
	 * stored whole stays an object when corrupt turns it to 0xff).
	 */
	bool object;
	unsigned char data[PAGE_SIZE];
} slots[NR_SLOTS];

static struct {
	unsigned long handle;
	size_t size;
	uint32_t seed;
} objs[MAX_OBJS];
static int nr_objs;

static struct zs_pool *pool;
static struct page *io_page;
static struct zcomp *comps[3];
/* Page-sized buffers followed by a page that is not mapped. */
static unsigned char *guarded_src, *guarded_dst;

/* The input, consumed a byte at a time; zeroes once it runs out. */
struct input {
	const uint8_t *data;
	size_t size, pos;
};

static unsigned int next(struct input *in)
{
	return in->pos < in->size ? in->data[in->pos++] : 0;
}

static uint32_t next32(struct input *in)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 4; i++)
		v = v << 8 | next(in);
	return v;
}

static uint32_t xorshift(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void random_bytes(unsigned char *p, size_t len, uint32_t seed)
{
	size_t i;

	seed |= 1;
	for (i = 0; i < len; i++)
		p[i] = xorshift(&seed);
}

static void fill_words(unsigned char *p, size_t len, uint64_t word)
{
	size_t i;

	for (i = 0; i + sizeof(word) <= len; i += sizeof(word))
		memcpy(p + i, &word, sizeof(word));
}

/* zram's test: every unsigned long of the page the same. */
static bool same_filled(const unsigned char *p)
{
	unsigned long first, w;
	size_t i;

	memcpy(&first, p, sizeof(first));
	for (i = sizeof(w); i < PAGE_SIZE; i += sizeof(w)) {
		memcpy(&w, p + i, sizeof(w));
		if (w != first)
			return false;
	}
	return true;
}

/* Make a page's contents from the input: what KIND says. */
static void make_page(struct input *in, unsigned char *p)
{
	unsigned int kind = next(in) % 5, n, i;
	uint64_t word;

	switch (kind) {
	case 0:		/* incompressible */
		random_bytes(p, PAGE_SIZE, next32(in));
		break;
	case 1:		/* same-filled */
		word = (uint64_t)next32(in) << 32 | next32(in);
		fill_words(p, PAGE_SIZE, word);
		break;
	case 2:		/* zeroes */
		memset(p, 0, PAGE_SIZE);
		break;
	case 3:		/* the input's bytes, repeated */
		n = next(in) + 1;
		for (i = 0; i < n; i++)
			p[i] = next(in);
		for (; i < PAGE_SIZE; i++)
			p[i] = p[i % n];
		break;
	default:	/* a run of one word, then random bytes */
		n = next(in) * 16;
		word = next32(in);
		fill_words(p, n, word);
		random_bytes(p + n, PAGE_SIZE - n, next32(in));
		break;
	}
}

static sector_t slot_sector(unsigned int idx)
{
	return (sector_t)idx << (PAGE_SHIFT - 9);
}

static const char *state_name(unsigned int idx)
{
	static const char * const names[] = { "zeroes", "data", "corrupt" };

	return names[slots[idx].state];
}

/* Read slot @idx and check it against what it must hold. */
static void check_slot(struct block_device *bdev, unsigned int idx)
{
	unsigned char *p = page_address(io_page);
	int ret;

	memset(p, 0x5a, PAGE_SIZE);
	ret = bdev_read_page(bdev, slot_sector(idx), io_page);
	if (slots[idx].state == SLOT_CORRUPT) {
		if (ret != -EIO)
			fuzz_fail("zram0 page %u: corrupt data read with %d, not -EIO",
				  idx, ret);
		return;
	}
	if (ret)
		fuzz_fail("zram0 page %u (%s): read failed: %d", idx,
			  state_name(idx), ret);
	if (slots[idx].state == SLOT_ZERO) {
		if (memchr_inv(p, 0, PAGE_SIZE))
			fuzz_fail("zram0 page %u: not zeroes", idx);
	} else if (memcmp(p, slots[idx].data, PAGE_SIZE)) {
		fuzz_fail("zram0 page %u reads back other data than was written",
			  idx);
	}
}

static void op_write(struct input *in, struct block_device *bdev)
{
	unsigned int idx = next(in) % NR_SLOTS;
	unsigned char *p = page_address(io_page);
	int ret;

	make_page(in, p);
	ret = bdev_write_page(bdev, slot_sector(idx), io_page, NULL);
	if (ret && ret != -ENOMEM)
		fuzz_fail("zram0 page %u: write failed: %d", idx, ret);
	slots[idx].touched = true;
	if (!ret) {
		memcpy(slots[idx].data, p, PAGE_SIZE);
		slots[idx].state = memchr_inv(p, 0, PAGE_SIZE) ? SLOT_DATA : SLOT_ZERO;
		slots[idx].object = !same_filled(p);
	}
}

static void op_corrupt(struct input *in, struct block_device *bdev)
{
	unsigned int idx = next(in) % NR_SLOTS;
	unsigned char *p = page_address(io_page);
	char text[16];
	ssize_t ret;
	int err;

	slots[idx].touched = true;
	snprintf(text, sizeof(text), "%u\n", idx);
	ret = fuzz_write("/sys/kernel/debug/zram/zram0/corrupt", text,
			 strlen(text));
	if (ret == -ENOENT && !slots[idx].object)
		return;
	if (ret < 0 || !slots[idx].object)
		fuzz_fail("zram0 page %u (%s): corrupt said %zd", idx,
			  state_name(idx), ret);
	/* Compressed data must fail; a page stored whole is now 0xff bytes. */
	err = bdev_read_page(bdev, slot_sector(idx), io_page);
	if (err == -EIO) {
		slots[idx].state = SLOT_CORRUPT;
	} else if (!err && !memchr_inv(p, 0xff, PAGE_SIZE)) {
		memset(slots[idx].data, 0xff, PAGE_SIZE);
		slots[idx].state = SLOT_DATA;
	} else {
		fuzz_fail("zram0 page %u: corrupt data read with %d%s", idx, err,
			  err ? "" : " and other bytes than the corrupt ones");
	}
}

/* A pool limit of 0 (none) to 63 pages: writes past it fail, old data stays. */
static void op_mem_limit(struct input *in)
{
	char text[32];

	snprintf(text, sizeof(text), "%luK\n", (next(in) % 64) * (PAGE_SIZE >> 10));
	if (fuzz_write(ZRAM "mem_limit", text, strlen(text)) < 0)
		fuzz_fail("mem_limit %s refused", text);
}

static void op_discard(struct input *in, struct block_device *bdev)
{
	unsigned int idx = next(in) % NR_SLOTS;

	bdev->bd_disk->fops->swap_slot_free_notify(bdev, idx);
	slots[idx].state = SLOT_ZERO;
	slots[idx].object = false;
	slots[idx].touched = true;
}

/* ---- zsmalloc on its own ---------------------------------------------- */

static void obj_pattern(unsigned char *p, size_t size, uint32_t seed)
{
	random_bytes(p, size, seed);
}

static void check_obj(int i)
{
	unsigned char want[PAGE_SIZE];
	void *p;

	obj_pattern(want, objs[i].size, objs[i].seed);
	p = zs_map_object(pool, objs[i].handle, ZS_MM_RO);
	if (memcmp(p, want, objs[i].size))
		fuzz_fail("zsmalloc object of %zu bytes reads back other bytes",
			  objs[i].size);
	zs_unmap_object(pool, objs[i].handle);
}

static void op_malloc(struct input *in)
{
	size_t size = (next(in) << 8 | next(in)) % (PAGE_SIZE + 64);
	unsigned long handle;
	void *p;

	handle = zs_malloc(pool, size, GFP_KERNEL | __GFP_HIGHMEM |
			   __GFP_MOVABLE | __GFP_NOWARN);
	if (!size || size > PAGE_SIZE) {
		if (handle)
			fuzz_fail("zs_malloc() of %zu bytes gave a handle", size);
		return;
	}
	if (!handle || nr_objs == MAX_OBJS) {
		if (handle)
			zs_free(pool, handle);
		return;
	}
	objs[nr_objs].handle = handle;
	objs[nr_objs].size = size;
	objs[nr_objs].seed = next32(in);
	p = zs_map_object(pool, handle, ZS_MM_WO);
	obj_pattern(p, size, objs[nr_objs].seed);
	zs_unmap_object(pool, handle);
	nr_objs++;
}

static void op_free(struct input *in)
{
	int i;

	if (!nr_objs)
		return;
	i = next(in) % nr_objs;
	check_obj(i);
	zs_free(pool, objs[i].handle);
	objs[i] = objs[--nr_objs];
}

static void op_rewrite(struct input *in)
{
	unsigned char want[PAGE_SIZE];
	void *p;
	int i;

	if (!nr_objs)
		return;
	i = next(in) % nr_objs;
	obj_pattern(want, objs[i].size, objs[i].seed);
	p = zs_map_object(pool, objs[i].handle, ZS_MM_RW);
	if (memcmp(p, want, objs[i].size))
		fuzz_fail("zsmalloc object of %zu bytes changed under ZS_MM_RW",
			  objs[i].size);
	objs[i].seed = next32(in);
	obj_pattern(p, objs[i].size, objs[i].seed);
	zs_unmap_object(pool, objs[i].handle);
}

/* ---- the codecs ------------------------------------------------------- */

static void op_decompress(struct input *in, unsigned int alg)
{
	unsigned int len = (next(in) << 8 | next(in)) % (PAGE_SIZE + 1), i;
	unsigned char *src = guarded_src + PAGE_SIZE - len;
	struct zcomp_strm *zstrm;
	int ret;

	for (i = 0; i < len; i++)
		src[i] = next(in);
	zstrm = zcomp_stream_get(comps[alg]);
	if (IS_ERR(zstrm))
		fuzz_fail("no %s stream: %ld", algs[alg], PTR_ERR(zstrm));
	ret = zcomp_decompress(zstrm, src, len, guarded_dst);
	zcomp_stream_put(comps[alg]);
	if (ret && ret != -EINVAL)
		fuzz_fail("%s: decompressing %u bytes gave %d, not 0 or -EINVAL",
			  algs[alg], len, ret);
}

static void op_round_trip(struct input *in, unsigned int alg)
{
	unsigned char *p = page_address(io_page);
	struct zcomp_strm *zstrm;
	unsigned int clen;
	unsigned char *src;
	int ret;

	make_page(in, p);
	zstrm = zcomp_stream_get(comps[alg]);
	if (IS_ERR(zstrm))
		fuzz_fail("no %s stream: %ld", algs[alg], PTR_ERR(zstrm));
	ret = zcomp_compress(zstrm, p, &clen);
	if (ret)
		fuzz_fail("%s: compressing a page failed: %d", algs[alg], ret);
	if (clen > PAGE_SIZE * 2)
		fuzz_fail("%s: a page compressed to %u bytes", algs[alg], clen);
	/* The compressed bytes at the end of a buffer, the guard after. */
	if (clen <= PAGE_SIZE) {
		src = guarded_src + PAGE_SIZE - clen;
		memcpy(src, zstrm->buffer, clen);
	} else {
		src = zstrm->buffer;
	}
	ret = zcomp_decompress(zstrm, src, clen, guarded_dst);
	zcomp_stream_put(comps[alg]);
	if (ret)
		fuzz_fail("%s: a page compressed to %u bytes does not decompress: %d",
			  algs[alg], clen, ret);
	if (memcmp(guarded_dst, p, PAGE_SIZE))
		fuzz_fail("%s: a page decompresses to other bytes", algs[alg]);
}

/* ---- the target ------------------------------------------------------- */

static unsigned char *guarded_page(void)
{
	unsigned char *p = mmap(NULL, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED || mprotect(p + PAGE_SIZE, PAGE_SIZE, PROT_NONE))
		fuzz_fail("cannot map a guarded page");
	return p;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsigned int i;

	fuzz_boot(FUZZ_BOOT_PARAMS);
	pool = zs_create_pool("fuzz");
	io_page = alloc_page(GFP_KERNEL);
	for (i = 0; i < ARRAY_SIZE(algs); i++) {
		comps[i] = zcomp_create(algs[i]);
		if (IS_ERR(comps[i]))
			fuzz_fail("zcomp_create(%s): %ld", algs[i], PTR_ERR(comps[i]));
		/* A CPU's stream (and its buffer) is made at its first use. */
		if (IS_ERR(zcomp_stream_get(comps[i])))
			fuzz_fail("no %s stream", algs[i]);
		zcomp_stream_put(comps[i]);
	}
	if (!pool || !io_page)
		fuzz_fail("no pool or page");
	guarded_src = guarded_page();
	guarded_dst = guarded_page();
	fuzz_set_baseline();
	return 0;
}

static void setup_zram(unsigned int alg)
{
	char text[16];
	ssize_t ret;

	snprintf(text, sizeof(text), "%s\n", algs[alg]);
	ret = fuzz_write(ZRAM "comp_algorithm", text, strlen(text));
	if (ret < 0)
		fuzz_fail("comp_algorithm %s: %zd", algs[alg], ret);
	ret = fuzz_write(ZRAM "disksize", "1M\n", 3);
	if (ret < 0)
		fuzz_fail("disksize 1M: %zd", ret);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size, 0 };
	unsigned int alg = next(&in) % ARRAY_SIZE(algs), i, n;
	struct block_device *bdev;
	int err;

	fuzz_quiet_begin();
	setup_zram(alg);
	bdev = lookup_bdev("zram0");
	if (IS_ERR(bdev))
		fuzz_fail("no zram0: %ld", PTR_ERR(bdev));
	err = blkdev_get(bdev, FMODE_READ | FMODE_WRITE, NULL);
	if (err)
		fuzz_fail("cannot open zram0: %d", err);
	for (i = 0; i < NR_SLOTS; i++) {
		slots[i].state = SLOT_ZERO;
		slots[i].touched = false;
		slots[i].object = false;
	}

	for (n = 0; n < MAX_OPS && in.pos < in.size; n++) {
		switch (next(&in) % 13) {
		case 0:
		case 1:
			op_write(&in, bdev);
			break;
		case 2:
			check_slot(bdev, next(&in) % NR_SLOTS);
			break;
		case 3:
			op_discard(&in, bdev);
			break;
		case 4:
			op_corrupt(&in, bdev);
			break;
		case 5:
			fuzz_write(ZRAM "compact", "1\n", 2);
			break;
		case 6:
			fuzz_write("/proc/sys/vm/compact_memory", "1\n", 2);
			break;
		case 7:
			op_malloc(&in);
			break;
		case 8:
			op_free(&in);
			break;
		case 9:
			op_rewrite(&in);
			break;
		case 10:
			op_decompress(&in, alg);
			break;
		case 11:
			op_round_trip(&in, alg);
			break;
		default:
			op_mem_limit(&in);
			break;
		}
	}

	/* Everything still reads back; then everything goes. */
	for (i = 0; i < NR_SLOTS; i++)
		if (slots[i].touched)
			check_slot(bdev, i);
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
	while (nr_objs) {
		check_obj(nr_objs - 1);
		zs_free(pool, objs[--nr_objs].handle);
	}
	workqueue_run_pending();
	if (zs_get_total_pages(pool))
		fuzz_fail("a pool whose objects were all freed holds %lu pages",
			  zs_get_total_pages(pool));
	fuzz_restore();
	fuzz_check_kernel();
	fuzz_quiet_end();
	return 0;
}
