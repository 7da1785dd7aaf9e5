// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_balloon_stress.c - the balloon under everything
 *
 * balloon_concurrent_inflate_deflate_compaction runs, on real threads,
 * for a fixed number of target changes:
 *
 *   - the host moves its target up and down at random, sometimes waiting
 *     for the guest to get there, mostly not (so that targets change in
 *     the middle of inflations and deflations);
 *   - compaction in a loop (/proc/sys/vm/compact_memory), migrating
 *     balloon pages while the worker fills and leaks;
 *   - a scanner isolating balloon pages by pfn and migrating them, in
 *     every mode, as another compactor would;
 *   - memory churn: allocations of order 0 and 3 come and go, so that
 *     the balloon competes for memory and compaction has work;
 *   - the host asking for statistics now and then;
 *
 * all of it with the host device's own thread and the balloon worker's.
 * Afterwards, at a quiescent point: the driver's count, its list, the
 * host's set and "actual" agree; no page is left isolated; the vm events
 * add up with the host's counters (every migration an inflate and a
 * deflate at the host) and with the migration core's count of balloon
 * pages moved; no protocol error; and once the balloon is empty
 * the free page count is back to what it was at boot.
 *
 * The name contains "concurrent": CI runs it under ThreadSanitizer with
 * `make SAN=tsan check TESTS=concurrent`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "umm_test.h"
#include "umm_stress.h"

#include <linux/balloon_compaction.h>
#include <linux/migrate.h>
#include <linux/pseudo_fs.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/virtio.h>
#include "../../../drivers/virtio/virtio_balloon_drv.h"
#include "../../../arch/user/drivers/virtio_balloon_dev.h"

#if defined(__SANITIZE_THREAD__)
#define ROUNDS		60
#elif defined(__SANITIZE_ADDRESS__)
#define ROUNDS		120
#else
#define ROUNDS		300
#endif

/* 128 MiB: 32768 frames; the balloon moves within this. */
#define MAX_TARGET	20000
#define CHURN_PAGES	2048

FIXTURE_VARIANT_ADD(umm, mem128m) {
	.params = "mem=128M virtio_balloon_dev.enable=1",
};

UMM_FIXTURE_SETUP

enum { HOST, COMPACTOR, SCANNER, CHURN, STATS, NR_ROLES };

struct stress {
	struct umm_stress common;	/* the host sets common.stop */
	atomic_long_t stats_answers;
	atomic_long_t waits_reached;
};

static void host_thread(struct stress *s, struct rnd_state *rnd)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		u32 target = prandom_u32_state_max(rnd, MAX_TARGET);

		if (i % 10 == 9) {
			enum vbdev_balloon_result res;
			u64 bytes = vbdev_ram_size() -
				    ((u64)target << PAGE_SHIFT);

			if (vbdev_balloon(bytes, &res))
				stress_error(&s->common, "balloon refused", target);
			else if (res == VBDEV_REACHED)
				atomic_long_inc(&s->waits_reached);
			continue;
		}
		vbdev_set_num_pages(target);
		usleep(prandom_u32_state_max(rnd, 3000));
	}
	atomic_set(&s->common.stop, 1);
}

/* Blocks of order 0 and 3 come and go. */
static void churn_thread(struct stress *s, struct rnd_state *rnd)
{
	struct page **held = calloc(CHURN_PAGES, sizeof(*held));
	unsigned int i;

	while (!atomic_read(&s->common.stop)) {
		i = prandom_u32_state_max(rnd, CHURN_PAGES);
		if (held[i]) {
			__free_pages(held[i], page_private(held[i]));
			held[i] = NULL;
		} else {
			unsigned int order = i % 4 ? 0 : 3;
			gfp_t gfp = (i % 3 ? GFP_HIGHUSER_MOVABLE : GFP_KERNEL) |
				    __GFP_NOWARN | __GFP_NORETRY;

			held[i] = alloc_pages(gfp, order);
			if (held[i])
				set_page_private(held[i], order);
		}
		if (!(i % 64))
			usleep(100);
	}
	for (i = 0; i < CHURN_PAGES; i++)
		if (held[i]) {
			unsigned int order = page_private(held[i]);

			set_page_private(held[i], 0);
			__free_pages(held[i], order);
		}
	free(held);
}

static void stats_thread(struct stress *s)
{
	struct virtio_balloon_stat st[VIRTIO_BALLOON_S_NR];

	while (!atomic_read(&s->common.stop)) {
		int err = vbdev_request_stats(st);

		if (!err)
			atomic_long_inc(&s->stats_answers);
		else if (err != -EAGAIN)
			stress_error(&s->common, "stats request failed", err);
		usleep(5000);
	}
}

static const int roles[] = { HOST, COMPACTOR, SCANNER, CHURN, STATS };

static int stress_thread(void *arg, int idx)
{
	struct stress *s = arg;
	struct rnd_state rnd;

	prandom_seed_state(&rnd, umm_test_seed * 131 + idx);
	switch (roles[idx]) {
	case HOST:
		host_thread(s, &rnd);
		break;
	case COMPACTOR:
		compactor_thread(&s->common);
		break;
	case SCANNER:
		scanner_thread(&s->common, &rnd);
		break;
	case CHURN:
		churn_thread(s, &rnd);
		break;
	case STATS:
		stats_thread(s);
		break;
	}
	return 0;
}

/* Wait for the guest to reach the target, then for its lock. */
static void settle(struct virtio_balloon *vb, u32 target)
{
	vbdev_set_num_pages(target);
	vbdev_wait_guest();
	mutex_lock(&vb->balloon_lock);
	mutex_unlock(&vb->balloon_lock);
}

TEST_F(umm, balloon_concurrent_inflate_deflate_compaction)
{
	unsigned long inflate0 = sum_vm_event(BALLOON_INFLATE);
	unsigned long deflate0 = sum_vm_event(BALLOON_DEFLATE);
	unsigned long migrate0 = sum_vm_event(BALLOON_MIGRATE);
	long by_kind0 = migrated_pages("balloon");
	unsigned long inflate, deflate, migrate;
	struct virtio_balloon *vb = the_balloon();
	struct vbdev_state st;
	struct stress s;

	ASSERT_NE(NULL, vb);
	memset(&s, 0, sizeof(s));
	s.common.compactor_pause_us = 2000;
	s.common.scanner_pause_us = 300;
	s.common.scanner_idle_us = 300;
	ASSERT_EQ(0, umm_run_threads(ARRAY_SIZE(roles), stress_thread, &s));

	settle(vb, 5000);
	vbdev_get_state(&st);
	inflate = sum_vm_event(BALLOON_INFLATE) - inflate0;
	deflate = sum_vm_event(BALLOON_DEFLATE) - deflate0;
	migrate = sum_vm_event(BALLOON_MIGRATE) - migrate0;
	printf("# %lu inflated, %lu deflated, %lu migrated (scanner %ld of %ld isolated); %ld compactions; %ld stats; %ld waits reached\n",
	       inflate, deflate, migrate,
	       atomic_long_read(&s.common.scanner_migrated),
	       atomic_long_read(&s.common.scanner_isolated),
	       atomic_long_read(&s.common.compactions),
	       atomic_long_read(&s.stats_answers),
	       atomic_long_read(&s.waits_reached));
	EXPECT_EQ(0, atomic_read(&s.common.errors));
	EXPECT_EQ(5000, st.num_pages);
	EXPECT_EQ(5000, st.actual);
	EXPECT_EQ(5000, vb->num_pages);
	EXPECT_EQ(0, balloon_sets_disagree(vb));
	EXPECT_EQ(0, vb->vb_dev_info.isolated_pages);
	/* The events add up, and with the host's counters. */
	EXPECT_EQ(5000, inflate - deflate);
	EXPECT_EQ(inflate + migrate, st.inflated);
	EXPECT_EQ(deflate + migrate, st.deflated);
	EXPECT_GT(migrate, 0);
	/* The migration core saw every one of them as a balloon page. */
	EXPECT_LE(0, by_kind0);
	EXPECT_EQ(migrate, migrated_pages("balloon") - by_kind0);
	EXPECT_EQ(0, st.errors);
	EXPECT_EQ(0, st.reused);

	settle(vb, 0);
	vbdev_get_state(&st);
	EXPECT_EQ(0, st.ballooned);
	EXPECT_EQ(0, vb->num_pages);
	EXPECT_EQ(0, balloon_sets_disagree(vb));
}

UMM_TEST_MAIN
