// SPDX-License-Identifier: GPL-2.0
/*
 * tools/bench/bench_page_alloc.c - the page allocator against glibc
 *
 * Prints, for one run on this machine:
 *   order-0 alloc+free pairs per second, and malloc(4096)+free's
 *   order-3 alloc+free pairs per second, and malloc(32768)+free's
 *   boot time to a ready console at mem=16G (metadata set-up)
 *   bytes of metadata per page
 * Ratios are ours / glibc's: above 1.00 means faster than glibc.
 * Targets (from the issue): order-0 and order-3 ratios >= 1.00, boot at
 * 16G < 1 s, metadata <= 64 bytes per page.
 *
 * Order 0 goes through this CPU's per-cpu lists, which take no lock (only
 * the CPU's holder touches them).  Order 3 has no per-cpu lists in 4.8
 * (they came for order > 0 in 5.14, and umm does not add them): every
 * order-3 alloc and free takes zone->lock, and in a fresh zone the block
 * is split off an order-10 block and merged back, seven levels each way.
 * That is what the order-3 line measures; the note line under it says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/memblock.h>
#include <linux/pageblock-flags.h>
#include <linux/start_kernel.h>

#include "bench.h"

/* Best of 5 runs of @iters pairs: the machines are shared and noisy. */
static double pairs_per_sec_kernel(unsigned int order, long iters)
{
	double best = 0;
	int run;

	for (run = 0; run < 5; run++) {
		double t = now(), rate;
		long i;

		for (i = 0; i < iters; i++) {
			struct page *page = alloc_pages(GFP_KERNEL, order);

			__free_pages(page, order);
		}
		rate = iters / (now() - t);
		if (rate > best)
			best = rate;
	}
	return best;
}

static double pairs_per_sec_malloc(size_t size, long iters)
{
	double best = 0;
	int run;

	for (run = 0; run < 5; run++) {
		double t = now(), rate;
		long i;

		for (i = 0; i < iters; i++) {
			void *volatile p = malloc(size);

			/* Touch it, as a page allocation's user would. */
			*(volatile char *)p = 1;
			free(p);
		}
		rate = iters / (now() - t);
		if (rate > best)
			best = rate;
	}
	return best;
}

static double boot_seconds(const char *mem)
{
	int fds[2];
	double t = 0;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		char arg[32];
		char *argv[] = { arg, "quiet", NULL };
		double start;

		snprintf(arg, sizeof(arg), "mem=%s", mem);
		start = now();
		if (kernel_boot(2, argv))
			_exit(1);
		t = now() - start;
		if (write(fds[1], &t, sizeof(t)) != sizeof(t))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (read(fds[0], &t, sizeof(t)) != sizeof(t))
		t = -1;
	waitpid(pid, NULL, 0);
	close(fds[0]);
	return t;
}

int main(void)
{
	char *argv[] = { "mem=1G", "quiet", NULL };
	double k0, m0, k3, m3, boot16;
	double meta;
	long iters = 2000000;

	boot16 = boot_seconds("16G");
	if (kernel_boot(2, argv))
		return 1;

	k0 = pairs_per_sec_kernel(0, iters);
	m0 = pairs_per_sec_malloc(4096, iters);
	k3 = pairs_per_sec_kernel(3, iters / 4);
	m3 = pairs_per_sec_malloc(32768, iters / 4);

	/* struct page plus the pageblock bits, per page. */
	meta = sizeof(struct page) + (double)NR_PAGEBLOCK_BITS / 8 / pageblock_nr_pages;

	printf("bench_page_alloc: order-0 alloc+free  %.2f Mpairs/s, malloc(4096)+free  %.2f Mpairs/s, ratio %.2f %s\n",
	       k0 / 1e6, m0 / 1e6, k0 / m0,
	       bench_target(k0 / m0, ">=", 1, 2, "").text);
	printf("bench_page_alloc: order-3 alloc+free  %.2f Mpairs/s, malloc(32768)+free %.2f Mpairs/s, ratio %.2f %s\n",
	       k3 / 1e6, m3 / 1e6, k3 / m3,
	       bench_target(k3 / m3, ">=", 1, 2, "").text);
	printf("bench_page_alloc: order-3 is 4.8's buddy path: no per-cpu lists above order 0, zone->lock and a split and merge over %d orders per pair\n",
	       MAX_ORDER - 1 - 3);
	/* A boot that failed (-1) misses too. */
	printf("bench_page_alloc: boot to console at mem=16G: %.3f s %s\n",
	       boot16, bench_target(boot16 < 0 ? 1e9 : boot16, "<", 1, 0, " s").text);
	printf("bench_page_alloc: metadata per page: %.2f bytes (struct page %zu) %s\n",
	       meta, sizeof(struct page), bench_target(meta, "<=", 64, 0, "").text);
	return 0;
}
