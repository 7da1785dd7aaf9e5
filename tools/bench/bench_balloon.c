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
 *   the host's wake-up latency on its own: one notification round trip
 *   with nothing for the host to do (an empty buffer on the inflate
 *   queue: kick, the host takes it and fills the used ring, interrupt,
 *   the guest wakes), with the host's thread and in deterministic mode
 *   (the kick is processed in the kicker);
 *
 *   balloon page migration, ns per page, in batches of 32
 *   (isolate_movable_page() outside the clock, migrate_pages() inside):
 *   each page is two host notifications (inflate the new frame, deflate
 *   the old one) and no copy; against a 4 KiB memcpy, cache-cold and
 *   cache-hot, measured in the same run, and beside the host's own 4 KiB
 *   discard (one madvise(MADV_DONTNEED)).  Three times: with the device
 *   discarding each frame as it comes and without
 *   VIRTIO_BALLOON_F_MUST_TELL_HOST, which QEMU never offers, as QEMU
 *   does (virtio_balloon_dev.discard_batch=1 must_tell_host=0, a child
 *   process); in batches of coalesced runs without the feature (a
 *   child); and as umm's device runs by default, batched and offering
 *   it.  Each says how many discards the host made and what they cost
 *   it.  The second is
 *   held to the target (at most 3x the cold copy): the cost of the two
 *   notifications per page that 4.8's protocol makes.  The third adds
 *   umm's check of that feature's rule on every deflated frame (it
 *   reads the frame, and reading a discarded frame is a host page
 *   fault, which a real VMM does not take): the difference is what the
 *   check costs.
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
#include <linux/scatterlist.h>
#include <linux/virtio.h>
#include <linux/wait.h>
#include "../../drivers/virtio/virtio_balloon_drv.h"
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

/*
 * The host's wake-up latency: @n notification round trips with nothing
 * for the host to do, as the driver's tell_host() makes them (an empty
 * buffer on the inflate queue, kick, wait for the used buffer), under
 * balloon_lock so that the driver's own traffic waits.  ns per trip.
 */
static double round_trip_ns(unsigned int n)
{
	struct virtio_balloon *vb = the_balloon();
	struct virtqueue *vq;
	struct scatterlist sg;
	unsigned int i, len;
	double t;

	if (!vb)
		return -1;
	vq = vb->inflate_vq;
	mutex_lock(&vb->balloon_lock);
	t = now();
	for (i = 0; i < n; i++) {
		sg_init_one(&sg, vb->pfns, 0);
		if (virtqueue_add_outbuf(vq, &sg, 1, vb, GFP_KERNEL))
			break;
		virtqueue_kick(vq);
		wait_event(vb->acked, virtqueue_get_buf(vq, &len) ||
			   virtqueue_is_broken(vq));
		if (virtqueue_is_broken(vq))
			break;
	}
	t = now() - t;
	mutex_unlock(&vb->balloon_lock);
	return i == n ? t / n * 1e9 : -1;
}

static void bench_round_trip(const char *mode, unsigned int n)
{
	double ns = round_trip_ns(n);

	if (ns < 0) {
		printf("bench_balloon: %s: the notification round trip failed\n",
		       mode);
		return;
	}
	printf("bench_balloon: %s: host wake-up latency %.0f ns per notification round trip (kick, host, used buffer, guest wakes; no discard; %u trips)\n",
	       mode, ns, n);
}

static bool balloon_page(struct page *page)
{
	return PageBalloon(page);
}

/*
 * What the host's half of one migrated page costs at least: discarding
 * one 4 KiB frame of a touched mapping (madvise(MADV_DONTNEED), what
 * QEMU does for each inflated page), best of 3 over 4096 frames, every
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

/*
 * Migrate 32768 balloon pages; @how says how the device is set up.  Only
 * the batched device without umm's deflate check (@judged) is held to
 * the target; the others are there to compare with.
 */
static void bench_migration(const char *how, bool judged)
{
	unsigned long moved, pages = 32768;
	double elapsed, cold, hot, ns, discard;
	struct vbdev_state st0, st;

	if (balloon_secs(GUEST - ((u64)pages << PAGE_SHIFT)) < 0) {
		printf("bench_balloon: migration: no balloon\n");
		return;
	}
	hot = memcpy_hot_ns();
	cold = memcpy_cold_ns(pages);
	discard = host_discard_ns();
	vbdev_get_state(&st0);
	elapsed = migrate_movable_pages(balloon_page, BATCH, MR_COMPACTION,
					&moved);
	/* What is still pending is the host's cost too. */
	vbdev_flush();
	vbdev_get_state(&st);
	if (!moved) {
		printf("bench_balloon: migration: nothing migrated\n");
		return;
	}
	ns = elapsed / moved * 1e9;
	printf("bench_balloon: %s: balloon page migration %.0f ns/page (batch %d, %lu pages, %lu host inflates + as many deflates); 4 KiB memcpy %.0f ns cache-cold, %.0f ns cache-hot\n",
	       how, ns, BATCH, moved, st.inflated - st0.inflated, cold, hot);
	printf("bench_balloon: %s: balloon migration / memcpy: %.2f (cold)%s%s, %.2f (hot)\n",
	       how, ns / cold, judged ? " " : "",
	       judged ? bench_target(ns / cold, "<=", 3, 0, "").text : "",
	       ns / hot);
	printf("bench_balloon: %s: host discards %lu for %lu frames, %.0f ns per frame discarded; the host's 4 KiB discard alone: %.0f ns (%.2f of a migrated page)\n",
	       how, st.discards - st0.discards, st.discarded - st0.discarded,
	       st.discarded > st0.discarded ?
	       (st.discard_ns - st0.discard_ns) /
	       (double)(st.discarded - st0.discarded) : 0.0,
	       discard, discard / ns);
	balloon_secs(GUEST);
}

#define MAX_EXTRA	2

/* Boot the guest, with up to MAX_EXTRA more parameters (NULL-ended). */
static int boot(bool deterministic, const char *const *extra)
{
	char *argv[4 + MAX_EXTRA + 1] = {
		"mem=1G", "quiet", "virtio_balloon_dev.enable=1",
	};
	int argc = 3, i;

	if (deterministic)
		argv[argc++] = "umm.deterministic=1";
	for (i = 0; extra && extra[i] && i < MAX_EXTRA; i++)
		argv[argc++] = (char *)extra[i];
	argv[argc] = NULL;
	return kernel_boot(argc, argv);
}

/* Run @fn after a boot of its own, in a child process. */
static void in_child(bool deterministic, const char *const *extra,
		     void (*fn)(void))
{
	pid_t child;
	int status;

	fflush(stdout);
	child = fork();
	if (child == 0) {
		if (boot(deterministic, extra))
			_exit(1);
		warm_arena();
		fn();
		fflush(stdout);
		_exit(0);
	}
	waitpid(child, &status, 0);
}

static void threaded(void)
{
	bench_rates("threaded");
	bench_round_trip("threaded", 20000);
}

static void per_frame(void)
{
	bench_migration("as QEMU: discard each frame, no MUST_TELL_HOST (discard_batch=1)",
			false);
}

static void no_check(void)
{
	bench_migration("batched, no MUST_TELL_HOST (discard_batch=1024)", true);
}

int main(void)
{
	/*
	 * The threaded device, QEMU's device, and the device without the
	 * deflate check, each in a process of its own.
	 */
	static const char *const as_qemu[] = {
		"virtio_balloon_dev.discard_batch=1",
		"virtio_balloon_dev.must_tell_host=0", NULL,
	};
	static const char *const batched_no_tell[] = {
		"virtio_balloon_dev.must_tell_host=0", NULL,
	};

	in_child(false, NULL, threaded);
	in_child(true, as_qemu, per_frame);
	in_child(true, batched_no_tell, no_check);

	if (boot(true, NULL))
		return 1;
	warm_arena();
	bench_rates("deterministic");
	bench_round_trip("deterministic", 200000);
	bench_migration("umm's default: batched, MUST_TELL_HOST checked on each deflate",
			false);
	return 0;
}
