// SPDX-License-Identifier: GPL-2.0
/*
 * tools/bench/bench_zram.c - zram write and read speed against its codec
 *
 * For each algorithm: the same pages (the workload format, half of each
 * body compressible) are compressed and decompressed by the codec alone,
 * through the host operations zram itself uses, and written to and read
 * from zram0 with bdev_write_page() / bdev_read_page(), as swap does.
 * zram adds the page table, zsmalloc (allocation, mapping), the
 * same-filled check and its statistics.  Prints MB/s (1 MB = 10^6 bytes)
 * for both and their ratio (target: zram at least 70% of the codec).
 * Best of 5 runs, codec and zram alternating: the machines are shared
 * and noisy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/blkdev.h>
#include <linux/err.h>
#include <linux/workload.h>
#include <linux/pseudo_fs.h>
#include <linux/start_kernel.h>
#include <asm/host_ops.h>

#include "bench.h"

#define NR_PAGES	16384		/* 64 MiB of data */
#define RUNS		5

static struct page *pages[NR_PAGES];

static double mbps(double seconds)
{
	return (double)NR_PAGES * PAGE_SIZE / seconds / 1e6;
}

/*
 * The codec alone: compress every page into one hot buffer (the codec's
 * own speed: the stricter baseline, zram also stores the result), then
 * into a buffer per page (the output stored, as zram must), then time
 * decompressing those.
 */
static int codec_pass(void *ctx, double *comp, double *comp_store,
		      double *decomp)
{
	static char *cdata[NR_PAGES];
	static long len[NR_PAGES];
	static char dst[2 * 4096], out[4096];
	double t;
	int i;

	if (!cdata[0])
		for (i = 0; i < NR_PAGES; i++)
			cdata[i] = malloc(2 * PAGE_SIZE);
	t = now();
	for (i = 0; i < NR_PAGES; i++)
		if (host_ops.codec_compress(ctx, page_address(pages[i]),
					    PAGE_SIZE, dst, sizeof(dst)) < 0)
			return -1;
	*comp = now() - t;
	t = now();
	for (i = 0; i < NR_PAGES; i++)
		len[i] = host_ops.codec_compress(ctx, page_address(pages[i]),
						 PAGE_SIZE, cdata[i],
						 2 * PAGE_SIZE);
	*comp_store = now() - t;
	t = now();
	for (i = 0; i < NR_PAGES; i++)
		if (len[i] > 0 && host_ops.codec_decompress(ctx, cdata[i],
						len[i], out, PAGE_SIZE))
			return -1;
	*decomp = now() - t;
	return 0;
}

/* zram: write every page to a fresh device, read every page, reset. */
static int zram_pass(const char *alg, struct page *buf, double *wr,
		     double *rd)
{
	struct block_device *bdev;
	double t;
	int i;

	if (zwrite("zram0", "comp_algorithm", alg) ||
	    zwrite("zram0", "disksize", "128M"))
		return -1;
	bdev = lookup_bdev("zram0");
	if (IS_ERR(bdev) || blkdev_get(bdev, FMODE_READ | FMODE_WRITE, NULL))
		return -1;
	t = now();
	for (i = 0; i < NR_PAGES; i++)
		if (bdev_write_page(bdev, (sector_t)i << SECTORS_PER_PAGE_SHIFT,
				    pages[i], NULL))
			return -1;
	*wr = now() - t;
	t = now();
	for (i = 0; i < NR_PAGES; i++)
		if (bdev_read_page(bdev, (sector_t)i << SECTORS_PER_PAGE_SHIFT,
				   buf))
			return -1;
	*rd = now() - t;
	/* Drops lookup_bdev()'s reference too, as in the kernel. */
	blkdev_put(bdev, FMODE_READ | FMODE_WRITE);
	return zwrite("zram0", "reset", "1");
}

/*
 * Codec and zram passes alternate, best of RUNS each, so that a noisy
 * moment of the machine hits both sides alike.
 */
enum { COMP, COMP_STORE, DECOMP, WRITE, READ, NR_TIMES };

static int bench_alg(const char *alg, double best[NR_TIMES])
{
	struct page *buf = alloc_page(GFP_KERNEL);
	void *ctx = host_ops.codec_create(alg);
	int run, i, err = -1;

	if (!ctx || !buf)
		goto out;
	for (i = 0; i < NR_TIMES; i++)
		best[i] = 1e9;
	for (run = 0; run < RUNS; run++) {
		double t[NR_TIMES];

		if (codec_pass(ctx, &t[COMP], &t[COMP_STORE], &t[DECOMP]) ||
		    zram_pass(alg, buf, &t[WRITE], &t[READ]))
			goto out;
		for (i = 0; i < NR_TIMES; i++)
			if (t[i] < best[i])
				best[i] = t[i];
	}
	err = 0;
out:
	if (ctx)
		host_ops.codec_destroy(ctx);
	if (buf)
		__free_page(buf);
	return err;
}

int main(void)
{
	char *argv[] = { "mem=1G", "umm.deterministic=1", "quiet", NULL };
	static const char * const algs[] = { "lzo", "lz4", "zstd" };
	unsigned int i;

	if (kernel_boot(3, argv))
		return 1;
	warm_arena();
	for (i = 0; i < NR_PAGES; i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		if (!pages[i])
			return 1;
		workload_fill_page(page_address(pages[i]), 0x62656e63,
				   (unsigned long)i << PAGE_SHIFT, 1, 500,
				   0x5eed + i);
	}
	for (i = 0; i < ARRAY_SIZE(algs); i++) {
		double t[NR_TIMES];

		if (bench_alg(algs[i], t)) {
			printf("bench_zram: %s: failed\n", algs[i]);
			continue;
		}
		printf("bench_zram: %-4s write %5.0f MB/s vs compress %5.0f MB/s: %.2f %s (vs compress and store %5.0f MB/s: %.2f); read %5.0f MB/s vs decompress %5.0f MB/s: %.2f %s\n",
		       algs[i], mbps(t[WRITE]), mbps(t[COMP]),
		       t[COMP] / t[WRITE],
		       bench_target(t[COMP] / t[WRITE], ">=", 0.7, 2, "").text,
		       mbps(t[COMP_STORE]), t[COMP_STORE] / t[WRITE],
		       mbps(t[READ]), mbps(t[DECOMP]), t[DECOMP] / t[READ],
		       bench_target(t[DECOMP] / t[READ], ">=", 0.7, 2, "").text);
	}
	return 0;
}
