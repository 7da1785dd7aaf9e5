// SPDX-License-Identifier: GPL-2.0
/*
 * tools/bench/bench_balloon.c - the virtio balloon's speed
 *
 * A 1 GiB guest with a balloon device; all of RAM is touched once before
 * measuring (see warm_arena()).  Prints, for one run on this machine:
 *
 *   inflate and deflate rates in MiB/s, from the monitor's "balloon"
 *   command to the guest reaching the target: allocation, the balloon
 *   list, 256 frames per buffer through the inflate or deflate ring, the
 *   host's set and its madvise(MADV_DONTNEED) of the frames (inflate),
 *   its check that deflated frames are untouched (MUST_TELL_HOST,
 *   deflate), the frees; in deterministic mode (the host processes each
 *   kick in the kicking thread) and with the host's own thread (a child
 *   process boots that one);
 *
 *   balloon page migration, ns per page, in batches of 32
 *   (isolate_movable_page() outside the clock, migrate_pages() inside):
 *   each page is two host notifications (inflate the new frame, deflate
 *   the old one) and a discard, and no copy; against a 4 KiB memcpy,
 *   cache-cold and cache-hot, measured in the same run (target: at most
 *   3x the cold copy), and beside the host's own 4 KiB discard (one
 *   madvise(MADV_DONTNEED)), the floor of the host's half.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/migrate.h>
#include <linux/vmstat.h>
#include <linux/start_kernel.h>
#include <linux/balloon_compaction.h>
#include "../../arch/user/drivers/virtio_balloon_dev.h"

#include "bench.h"

#define BATCH		32
#define GUEST		(1ULL << 30)
#define INFLATE		(768ULL << 20)

/* Seconds to reach @bytes of guest memory (the monitor's wait included). */
static double balloon_secs(u64 bytes)
{
	enum vbdev_balloon_result res;
	double t = now();

	if (vbdev_balloon(bytes, &res) || res != VBDEV_REACHED)
		return -1;
	return now() - t;
}

static void bench_rates(const char *mode)
{
	double in, out;

	in = balloon_secs(GUEST - INFLATE);
	out = balloon_secs(GUEST);
	if (in < 0 || out < 0) {
		printf("bench_balloon: %s: the balloon did not reach its target\n",
		       mode);
		return;
	}
	printf("bench_balloon: %s: inflate %.0f MiB/s, deflate %.0f MiB/s (%llu MiB of a %llu MiB guest)\n",
	       mode, (INFLATE >> 20) / in, (INFLATE >> 20) / out,
	       INFLATE >> 20, GUEST >> 20);
}

static bool balloon_page(struct page *page)
{
	return PageBalloon(page);
}

/* Isolate the balloon's pages by pfn, BATCH at a time, and migrate them. */
/*
 * What the host's half of one migrated page costs at least: discarding
 * one 4 KiB frame of a touched mapping (madvise(MADV_DONTNEED), what
 * the device does for the new frame), best of 3 over 4096 frames, every
 * other one, so that each is a separate range as in migration.
 */
static double host_discard_ns(void)
{
	const unsigned long frames = 4096, len = frames * 2 * 4096;
	double best = 0;
	int run;

	for (run = 0; run < 3; run++) {
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		unsigned long i;
		double t;

		if (p == MAP_FAILED)
			return -1;
		memset(p, 1, len);
		t = now();
		for (i = 0; i < frames; i++)
			madvise(p + i * 2 * 4096, 4096, MADV_DONTNEED);
		t = (now() - t) / frames * 1e9;
		munmap(p, len);
		if (!run || t < best)
			best = t;
	}
	return best;
}

static void bench_migration(void)
{
	unsigned long moved, pages = 32768, inflated0;
	double elapsed, cold, hot, ns, discard;
	struct vbdev_state st;

	if (balloon_secs(GUEST - ((u64)pages << PAGE_SHIFT)) < 0) {
		printf("bench_balloon: migration: no balloon\n");
		return;
	}
	hot = memcpy_hot_ns();
	cold = memcpy_cold_ns(pages);
	discard = host_discard_ns();
	vbdev_get_state(&st);
	inflated0 = st.inflated;
	elapsed = migrate_movable_pages(balloon_page, BATCH, MR_COMPACTION,
					&moved);
	vbdev_get_state(&st);
	if (!moved) {
		printf("bench_balloon: migration: nothing migrated\n");
		return;
	}
	ns = elapsed / moved * 1e9;
	printf("bench_balloon: balloon page migration %.0f ns/page (batch %d, %lu pages, %lu host inflates + as many deflates); 4 KiB memcpy %.0f ns cache-cold, %.0f ns cache-hot\n",
	       ns, BATCH, moved, st.inflated - inflated0, cold, hot);
	printf("bench_balloon: balloon migration / memcpy: %.2f (cold) %s, %.2f (hot)\n",
	       ns / cold, bench_target(ns / cold, "<=", 3, 0, "").text,
	       ns / hot);
	printf("bench_balloon: the host's 4 KiB discard alone: %.0f ns (%.2f of a migrated page)\n",
	       discard, discard / ns);
	balloon_secs(GUEST);
}

static int boot(bool deterministic)
{
	char *argv[] = { "mem=1G", "quiet", "virtio_balloon_dev.enable=1",
			 "umm.deterministic=1", NULL };

	return kernel_boot(deterministic ? 4 : 3, argv);
}

int main(void)
{
	pid_t child;
	int status;

	/* The threaded device in a process of its own (one boot each). */
	fflush(stdout);
	child = fork();
	if (child == 0) {
		if (boot(false))
			_exit(1);
		warm_arena();
		bench_rates("threaded");
		fflush(stdout);
		_exit(0);
	}
	waitpid(child, &status, 0);

	if (boot(true))
		return 1;
	warm_arena();
	bench_rates("deterministic");
	bench_migration();
	return 0;
}
