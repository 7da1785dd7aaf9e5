// SPDX-License-Identifier: GPL-2.0
/*
 * tools/bench/bench_swap.c - swap to zram: throughput and reclaim cost
 *
 * For each codec (lzo, lz4, zstd), on a 256 MiB machine with a 512 MiB
 * zram swap device, against the codec alone on the same data (the
 * task's own pages, regenerated with workload_fill_page(), compressed
 * and decompressed through the host operations zram uses), in the same
 * run:
 *
 * - pressure: a task maps 1.5x RAM and fills it.  The fill is
 *   swap-out-driven (kswapd and direct reclaim write the older pages
 *   while the task writes new ones), the verify that follows is
 *   swap-in-driven (each fault reads a page back, and reclaim pushes
 *   others out to make room).  MB/s = pages swapped * 4096 / wall time
 *   of the fill or the verify, whose own work (generating or checking
 *   the data, faulting fresh pages) is in it too; so the time beyond
 *   that work, measured on a task that fits in RAM, is given per page
 *   swapped as well (deterministic mode only: with kswapd on its own
 *   thread, reclaim overlaps the fill and wall time cannot be split).
 *   Reclaim cost:
 *   pages scanned per page stolen, by kswapd and direct reclaim, and
 *   active pages aged (pgrefill) per page stolen.
 * - reclaim alone: a task that fits is pushed out with
 *   shrink_all_memory() (the reclaim path and zram's write, nothing
 *   else), then read back by one read per page (the fault and zram's
 *   read, nothing else): ns per page and MB/s.
 *
 * 1 MB = 10^6 bytes.  umm.deterministic=1 for stable numbers (kswapd's
 * work runs in the allocating task); then the pressure case again in
 * the threaded mode (kswapd0 on its own thread: wall time only), in a
 * second process, since a process boots once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/workload.h>
#include <linux/pseudo_fs.h>
#include <linux/start_kernel.h>
#include <linux/err.h>
#include <asm/host_ops.h>

#include "bench.h"

#define RAM_MB		256
#define SWAP_SIZE	"512M"
#define BIG_MB		(RAM_MB * 3 / 2)	/* the task of 1.5x RAM */
#define FIT_MB		(RAM_MB / 2)		/* a task that fits */
#define SAMPLE		16384			/* codec baseline pages */
#define RATIO		500			/* per mille compressible */
#define SEED		0x5eedULL
#define TASK_BASE	0x10000000UL

static const char * const algs[] = { "lzo", "lz4", "zstd" };

struct snap {
	unsigned long in, out, scan_k, steal_k, scan_d, steal_d, refill;
};

static void take(struct snap *s)
{
	s->in = sum_vm_event(PSWPIN);
	s->out = sum_vm_event(PSWPOUT);
	s->scan_k = sum_vm_event(PGSCAN_KSWAPD);
	s->steal_k = sum_vm_event(PGSTEAL_KSWAPD);
	s->scan_d = sum_vm_event(PGSCAN_DIRECT);
	s->steal_d = sum_vm_event(PGSTEAL_DIRECT);
	s->refill = sum_vm_event(PGREFILL);
}

static void delta(struct snap *d, const struct snap *a, const struct snap *b)
{
	d->in = b->in - a->in;
	d->out = b->out - a->out;
	d->scan_k = b->scan_k - a->scan_k;
	d->steal_k = b->steal_k - a->steal_k;
	d->scan_d = b->scan_d - a->scan_d;
	d->steal_d = b->steal_d - a->steal_d;
	d->refill = b->refill - a->refill;
}

static double mbps(unsigned long pages, double secs)
{
	return secs > 0 ? pages * 4096.0 / secs / 1e6 : 0;
}

static double ratio(unsigned long a, unsigned long b)
{
	return b ? (double)a / b : 0;
}

static int swap_on(const char *alg)
{
	if (zwrite("zram0", "comp_algorithm", alg) ||
	    zwrite("zram0", "disksize", SWAP_SIZE))
		return -1;
	return mkswap("zram0") || sys_swapon("zram0", -1) ? -1 : 0;
}

static int swap_off(void)
{
	return sys_swapoff("zram0") || zwrite("zram0", "reset", "1") ? -1 : 0;
}

/* Let the threaded daemons finish what they are at (no-op otherwise). */
static void quiesce(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	int ms;

	if (!pgdat->kswapd)
		return;
	for (ms = 0; ms < 2000; ms++) {
		if (waitqueue_active(&pgdat->kswapd_wait) &&
		    waitqueue_active(&pgdat->kcompactd_wait))
			break;
		usleep(1000);
	}
}

/* ---- the codec alone, on the task's own data ---------------------------- */

struct codec_speed {
	double comp, decomp;	/* MB/s */
};

static int codec_baseline(const char *alg, struct workload *w,
			  struct codec_speed *cs)
{
	static char *data, *cdata[SAMPLE];
	static long len[SAMPLE];
	static char out[4096];
	void *ctx = host_ops.codec_create(alg);
	double t, best_c = 1e9, best_d = 1e9;
	int run, i;

	if (!ctx)
		return -1;
	if (!data) {
		data = malloc((size_t)SAMPLE * 4096);
		for (i = 0; i < SAMPLE; i++)
			cdata[i] = malloc(2 * 4096);
	}
	/* The bytes the task's first SAMPLE pages hold. */
	for (i = 0; i < SAMPLE; i++)
		workload_fill_page(data + (size_t)i * 4096, w->owner,
				   TASK_BASE + (unsigned long)i * 4096, w->gen,
				   RATIO, SEED);
	for (run = 0; run < 3; run++) {
		t = now();
		for (i = 0; i < SAMPLE; i++)
			len[i] = host_ops.codec_compress(ctx,
					data + (size_t)i * 4096, 4096,
					cdata[i], 2 * 4096);
		t = now() - t;
		if (t < best_c)
			best_c = t;
		t = now();
		for (i = 0; i < SAMPLE; i++)
			if (len[i] > 0 && host_ops.codec_decompress(ctx,
					cdata[i], len[i], out, 4096))
				return -1;
		t = now() - t;
		if (t < best_d)
			best_d = t;
	}
	host_ops.codec_destroy(ctx);
	cs->comp = mbps(SAMPLE, best_c);
	cs->decomp = mbps(SAMPLE, best_d);
	return 0;
}

/* ---- a task's fill and verify, timed ------------------------------------ */

static struct workload *task_mapped(const char *name, unsigned long mb)
{
	struct workload *w = workload_start(name);

	if (IS_ERR(w))
		return NULL;
	if (workload_mmap(w, mb << 20) != (long)TASK_BASE) {
		workload_stop(w);
		return NULL;
	}
	return w;
}

static double timed_fill(struct workload *w, unsigned long mb)
{
	double t = now();

	if (workload_fill(w, RATIO, SEED) != (long)(mb << 20 >> PAGE_SHIFT))
		return -1;
	return now() - t;
}

static double timed_verify(struct workload *w)
{
	struct verify_result res;
	double t = now();

	if (workload_verify(w, &res) || res.mismatches)
		return -1;
	return now() - t;
}

/*
 * What a fill and a verify cost per page without any swapping: a task
 * that fits, filled (fresh pages faulted, data generated) and verified
 * (data checked), in seconds per page; best of three.
 */
static int plain_costs(double *fill_s, double *verify_s)
{
	unsigned long pages = (unsigned long)FIT_MB << 20 >> PAGE_SHIFT;
	int run;

	*fill_s = *verify_s = 1e9;
	for (run = 0; run < 3; run++) {
		struct workload *w = task_mapped("plain", FIT_MB);
		double f, v;

		if (!w)
			return -1;
		f = timed_fill(w, FIT_MB);
		v = timed_verify(w);
		workload_stop(w);
		if (f < 0 || v < 0)
			return -1;
		if (f / pages < *fill_s)
			*fill_s = f / pages;
		if (v / pages < *verify_s)
			*verify_s = v / pages;
	}
	return 0;
}

/* ---- the scenarios ------------------------------------------------------ */

/* A task of 1.5x RAM: the fill swaps out, the verify swaps in. */
static int pressure(const char *mode, const char *alg, double plain_fill,
		    double plain_verify, const struct codec_speed *cs)
{
	unsigned long pages = (unsigned long)BIG_MB << 20 >> PAGE_SHIFT;
	struct snap s0, s1, df, dv;
	double tf, tv, net;
	struct workload *w;

	if (swap_on(alg))
		return -1;
	w = task_mapped("big", BIG_MB);
	if (!w)
		return -1;
	take(&s0);
	tf = timed_fill(w, BIG_MB);
	quiesce();
	take(&s1);
	delta(&df, &s0, &s1);
	take(&s0);
	tv = timed_verify(w);
	quiesce();
	take(&s1);
	delta(&dv, &s0, &s1);
	workload_stop(w);
	if (tf < 0 || tv < 0 || swap_off())
		return -1;

	/* What the swapping cost: the time beyond the fill's own work. */
	net = tf - pages * plain_fill;
	printf("bench_swap: %s %-4s pressure fill (%d MiB task, %d MiB RAM): %.2f s, %lu pages out: swap-out %5.0f MB/s",
	       mode, alg, BIG_MB, RAM_MB, tf, df.out, mbps(df.out, tf));
	if (cs)
		printf(" vs compress %5.0f MB/s: %.2f; %.0f ns per page out beyond the fill's own work",
		       cs->comp, mbps(df.out, tf) / cs->comp,
		       net / df.out * 1e9);
	printf("\n");
	net = tv - pages * plain_verify;
	printf("bench_swap: %s %-4s pressure verify: %.2f s, %lu pages in (%lu out): swap-in %5.0f MB/s",
	       mode, alg, tv, dv.in, dv.out, mbps(dv.in, tv));
	if (cs)
		printf(" vs decompress %5.0f MB/s: %.2f; %.0f ns per page in (and one out) beyond the verify's own work",
		       cs->decomp, mbps(dv.in, tv) / cs->decomp,
		       net / dv.in * 1e9);
	printf("\n");
	printf("bench_swap: %s %-4s reclaim cost (fill and verify): kswapd %lu stolen, %.2f scanned per page; direct %lu stolen, %.2f scanned per page; %.2f aged (pgrefill) per page stolen\n",
	       mode, alg, df.steal_k + dv.steal_k,
	       ratio(df.scan_k + dv.scan_k, df.steal_k + dv.steal_k),
	       df.steal_d + dv.steal_d,
	       ratio(df.scan_d + dv.scan_d, df.steal_d + dv.steal_d),
	       ratio(df.refill + dv.refill, df.steal_k + dv.steal_k +
		     df.steal_d + dv.steal_d));
	return 0;
}

/* In the task: read one word of each page, faulting it in if it is out. */
static long touch_pages(struct workload *w, void *arg)
{
	unsigned long pages = *(unsigned long *)arg, i;
	u64 word;
	int err;

	for (i = 0; i < pages; i++) {
		err = access_mm(current->mm, TASK_BASE + i * PAGE_SIZE, &word,
				sizeof(word), false);
		if (err)
			return err;
	}
	return 0;
}

static double timed_touch(struct workload *w, unsigned long pages)
{
	double t = now();
	long ret;

	if (workload_call(w, touch_pages, &pages, &ret) || ret)
		return -1;
	return now() - t;
}

/*
 * A task that fits, pushed out by shrink_all_memory() (the reclaim path
 * and zram's write, nothing else: the swap-out cost per page), then
 * read back by faults on one word of each page (the fault, a new page,
 * zram's read: the swap-in cost per page).  Best of three.
 */
static int reclaim_alone(const char *alg, const struct codec_speed *cs)
{
	unsigned long pages = (unsigned long)FIT_MB << 20 >> PAGE_SHIFT;
	double best_out = 0, best_in = 0, out_ns = 0, in_ns = 0;
	unsigned long reclaimed = 0, in = 0, scanned = 0;
	struct snap s0, s1, d;
	int run;

	if (swap_on(alg))
		return -1;
	for (run = 0; run < 3; run++) {
		struct workload *w = task_mapped("fit", FIT_MB);
		double t;

		if (!w || timed_fill(w, FIT_MB) < 0)
			return -1;
		take(&s0);
		t = now();
		reclaimed = shrink_all_memory(pages);
		t = now() - t;
		take(&s1);
		delta(&d, &s0, &s1);
		if (mbps(d.out, t) > best_out) {
			best_out = mbps(d.out, t);
			out_ns = t / d.out * 1e9;
			scanned = d.scan_d + d.scan_k;
		}
		take(&s0);
		t = timed_touch(w, pages);
		take(&s1);
		delta(&d, &s0, &s1);
		in = d.in;
		if (t > 0 && mbps(d.in, t) > best_in) {
			best_in = mbps(d.in, t);
			in_ns = t / d.in * 1e9;
		}
		/* Not timed: every byte came back. */
		if (timed_verify(w) < 0 || workload_stop(w))
			return -1;
	}
	if (swap_off())
		return -1;
	printf("bench_swap: det  %-4s reclaim alone (shrink_all_memory): %lu of %lu pages out, %.0f ns/page, swap-out %5.0f MB/s vs compress %5.0f MB/s: %.2f; %.2f scanned per page stolen\n",
	       alg, reclaimed, pages, out_ns, best_out, cs->comp,
	       best_out / cs->comp, ratio(scanned, reclaimed));
	printf("bench_swap: det  %-4s faults alone (one read per page): %lu pages in, %.0f ns/page, swap-in %5.0f MB/s vs decompress %5.0f MB/s: %.2f\n",
	       alg, in, in_ns, best_in, cs->decomp, best_in / cs->decomp);
	return 0;
}

static int boot(bool deterministic)
{
	char mem[32];
	char *argv[] = { mem, "quiet", "umm.deterministic=1", NULL };

	snprintf(mem, sizeof(mem), "mem=%dM", RAM_MB);
	if (kernel_boot(deterministic ? 3 : 2, argv))
		return -1;
	warm_arena();
	return 0;
}

/* Deterministic: the codec baseline, both scenarios, every codec. */
static int run_deterministic(void)
{
	double plain_fill, plain_verify;
	unsigned int i;

	if (boot(true) || plain_costs(&plain_fill, &plain_verify))
		return 1;
	printf("bench_swap: without swapping, fill %.0f ns/page, verify %.0f ns/page\n",
	       plain_fill * 1e9, plain_verify * 1e9);
	for (i = 0; i < ARRAY_SIZE(algs); i++) {
		struct codec_speed cs;
		struct workload *w = task_mapped("sample", 1);

		/* A task's identity and generation, for the sample data. */
		if (!w || workload_fill(w, RATIO, SEED) != 256 ||
		    codec_baseline(algs[i], w, &cs)) {
			printf("bench_swap: %s: codec baseline failed\n", algs[i]);
			return 1;
		}
		workload_stop(w);
		if (pressure("det ", algs[i], plain_fill, plain_verify, &cs) ||
		    reclaim_alone(algs[i], &cs))
			printf("bench_swap: %s: failed\n", algs[i]);
	}
	return 0;
}

/* Threaded: kswapd0 on its own thread; the pressure case, wall time. */
static int run_threaded(void)
{
	double plain_fill, plain_verify;
	unsigned int i;

	if (boot(false) || plain_costs(&plain_fill, &plain_verify))
		return 1;
	for (i = 0; i < ARRAY_SIZE(algs); i++)
		if (pressure("thr ", algs[i], plain_fill, plain_verify, NULL))
			printf("bench_swap: %s: threaded: failed\n", algs[i]);
	return 0;
}

static int in_child(int (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		status = fn();
		fflush(stdout);
		_exit(status);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

int main(void)
{
	int err = in_child(run_deterministic);

	return in_child(run_threaded) || err;
}
