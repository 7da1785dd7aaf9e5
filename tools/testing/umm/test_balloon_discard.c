// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_balloon_discard.c - when the host gives
 * ballooned memory back to its OS
 *
 * The device (arch/user/drivers/virtio_balloon_dev.c) acknowledges an
 * inflate at once and discards the frames later, in batches, one
 * madvise() per run of consecutive frames.  The rules it must keep:
 *
 *   - runs are coalesced across buffers and whatever the order the
 *     frames came in; nothing is discarded before a flush;
 *   - a frame deflated while its discard is pending is never discarded:
 *     the guest writes to it at once, and what it writes stays;
 *   - flushes: a full batch, the I/O thread idle for a moment, the
 *     monitor (balloon, info balloon, statistics), a reset (also how the
 *     device goes at exit: unplugged, the driver resets it);
 *   - the process's resident memory drops at the flush, not before;
 *   - deterministic runs give exact numbers; a bad discard_batch stops
 *     the boot.
 *
 * Every test name contains "balloon_discard".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "umm_test.h"

#include <linux/balloon_compaction.h>
#include <linux/migrate.h>
#include <linux/err.h>
#include "../../../drivers/virtio/virtio_balloon_drv.h"
#include "../../../arch/user/drivers/virtio_balloon_dev.h"

#define DEV		"virtio_balloon_dev.enable=1"

static struct vbdev_state host(void)
{
	struct vbdev_state st;

	vbdev_get_state(&st);
	return st;
}

/* The driver is between batches once its lock is free. */
static void quiesce(void)
{
	struct virtio_balloon *vb = the_balloon();

	mutex_lock(&vb->balloon_lock);
	mutex_unlock(&vb->balloon_lock);
}

static int balloon_frames(unsigned long frames)
{
	enum vbdev_balloon_result res;
	int err = vbdev_balloon(vbdev_ram_size() - (frames << PAGE_SHIFT),
				&res);

	quiesce();
	return err ? err : (int)res;
}

static bool page_is(struct page *page, u8 c)
{
	return !memchr_inv(page_address(page), c, PAGE_SIZE);
}

/* Frame numbers of @nr pages from @page on, into @pfns in @order. */
static void pfns_of(u32 *pfns, struct page *page, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		pfns[i] = page_to_pfn(page) + i;
}

static struct page *last_target;

/* migrate_pages()'s allocator, which remembers the page it gave. */
static struct page *target_page(struct page *page, unsigned long private,
				int **result)
{
	last_target = alloc_page(GFP_HIGHUSER_MOVABLE);
	return last_target;
}

/* Migrate balloon page @page by hand; returns the new page. */
static struct page *migrate_balloon_page(struct page *page)
{
	LIST_HEAD(list);

	if (!isolate_movable_page(page, 0))
		return NULL;
	list_add(&page->lru, &list);
	last_target = NULL;
	if (migrate_pages(&list, target_page, NULL, 0, MIGRATE_SYNC,
			  MR_COMPACTION)) {
		putback_movable_pages(&list);
		return NULL;
	}
	return last_target;
}

static struct page *first_balloon_page(void)
{
	struct balloon_dev_info *b = &the_balloon()->vb_dev_info;
	struct page *page;

	spin_lock(&b->pages_lock);
	page = list_first_entry_or_null(&b->pages, struct page, lru);
	spin_unlock(&b->pages_lock);
	return page;
}

/* Allocate until @want comes back (it was just freed), at most 1024 tries. */
static bool alloc_that_page(struct page *want)
{
	LIST_HEAD(others);
	struct page *page, *next;
	bool found = false;
	int i;

	for (i = 0; i < 1024 && !found; i++) {
		page = alloc_page(GFP_HIGHUSER_MOVABLE);
		if (!page)
			break;
		if (page == want)
			found = true;
		else
			list_add(&page->lru, &others);
	}
	list_for_each_entry_safe(page, next, &others, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	return found;
}

/* Fill every free page with @c (what a page holds when allocated). */
static void fill_free_memory(u8 c)
{
	LIST_HEAD(pages);
	struct page *page, *next;

	while ((page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN |
				  __GFP_NORETRY))) {
		memset(page_address(page), c, PAGE_SIZE);
		list_add(&page->lru, &pages);
	}
	list_for_each_entry_safe(page, next, &pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
}

FIXTURE(discard) {
	unsigned long free_at_boot;
};

FIXTURE_VARIANT(discard) {
	const char *params;
	bool deterministic;
};

FIXTURE_VARIANT_ADD(discard, deterministic) {
	.params = "mem=64M umm.deterministic=1 " DEV,
	.deterministic = true,
};

FIXTURE_VARIANT_ADD(discard, threaded) {
	.params = "mem=64M " DEV,
	.deterministic = false,
};

FIXTURE_SETUP(discard)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	ASSERT_NE(NULL, the_balloon());
	self->free_at_boot = umm_free_pages();
}

FIXTURE_TEARDOWN(discard)
{
	EXPECT_EQ(VBDEV_REACHED, balloon_frames(0));
	EXPECT_EQ(0, balloon_sets_disagree(the_balloon()));
	EXPECT_EQ(0, host().ballooned);
	EXPECT_EQ(0, host().discard_pending);
	EXPECT_EQ(0, host().errors);
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

/*
 * 16 consecutive frames sent backwards in two buffers, and two frames
 * apart from them and from each other: three discards at the flush,
 * none before; each frame reads as zeroes afterwards, not before.
 */
TEST_F(discard, balloon_discard_coalesces_runs_across_buffers)
{
	struct page *block = alloc_pages(GFP_HIGHUSER_MOVABLE, 4);
	/* Frames 2 and 5 of an order-3 block adjoin nothing inflated. */
	struct page *pair = alloc_pages(GFP_HIGHUSER_MOVABLE, 3);
	struct vbdev_state st0, st;
	u32 pfns[16], rev[16];
	unsigned int i;

	ASSERT_NE(NULL, block);
	ASSERT_NE(NULL, pair);
	for (i = 0; i < 16; i++)
		memset(page_address(block + i), 0xa5, PAGE_SIZE);
	memset(page_address(pair), 0xa5, 8 * PAGE_SIZE);
	pfns_of(pfns, block, 16);
	for (i = 0; i < 16; i++)
		rev[i] = pfns[15 - i];
	st0 = host();

	vbdev_process_pfns(VBDEV_INFLATE_Q, rev, 8);
	pfns[0] = page_to_pfn(pair) + 5;
	pfns[1] = page_to_pfn(pair) + 2;
	vbdev_process_pfns(VBDEV_INFLATE_Q, pfns, 2);
	vbdev_process_pfns(VBDEV_INFLATE_Q, rev + 8, 8);
	st = host();
	EXPECT_EQ(st0.inflated + 18, st.inflated);
	EXPECT_EQ(18, st.discard_pending);
	EXPECT_EQ(st0.discards, st.discards);
	/* Acknowledged but still there: nothing was given back yet. */
	EXPECT_TRUE(page_is(block, 0xa5));
	EXPECT_TRUE(page_is(block + 15, 0xa5));

	vbdev_flush();
	st = host();
	EXPECT_EQ(0, st.discard_pending);
	EXPECT_EQ(st0.discards + 3, st.discards);
	EXPECT_EQ(st0.discarded + 18, st.discarded);
	for (i = 0; i < 16; i++)
		EXPECT_TRUE(page_is(block + i, 0));
	EXPECT_TRUE(page_is(pair + 2, 0));
	EXPECT_TRUE(page_is(pair + 3, 0xa5));
	EXPECT_TRUE(page_is(pair + 5, 0));

	/* Back from the host, untouched: the MUST_TELL_HOST check is quiet. */
	pfns_of(pfns, block, 16);
	vbdev_process_pfns(VBDEV_DEFLATE_Q, pfns, 16);
	pfns[0] = page_to_pfn(pair) + 5;
	pfns[1] = page_to_pfn(pair) + 2;
	vbdev_process_pfns(VBDEV_DEFLATE_Q, pfns, 2);
	EXPECT_EQ(0, host().reused);
	EXPECT_EQ(0, host().discard_cancelled);
	__free_pages(block, 4);
	__free_pages(pair, 3);
}

/*
 * Migration inflates the new frame (pending) and deflates the old one.
 * Migrating the new page again deflates a frame whose discard is still
 * pending: it is dropped from the set, never discarded, and the data the
 * guest writes to the page afterwards survives the next flush.  It still
 * holds what the guest left in it (0x5a here): no MUST_TELL_HOST error.
 */
TEST_F(discard, balloon_discard_deflate_cancels_pending_and_keeps_data)
{
	struct page *a, *b, *c;
	struct vbdev_state st0, st;

	fill_free_memory(0x5a);
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(16));
	EXPECT_EQ(0, host().discard_pending);
	a = first_balloon_page();
	ASSERT_NE(NULL, a);
	st0 = host();

	b = migrate_balloon_page(a);
	ASSERT_NE(NULL, b);
	/* With the I/O thread, b may be discarded first if it goes idle. */
	if (variant->deterministic)
		EXPECT_EQ(1, host().discard_pending);
	c = migrate_balloon_page(b);
	ASSERT_NE(NULL, c);
	EXPECT_FALSE(vbdev_pfn_ballooned(page_to_pfn(b)));
	EXPECT_TRUE(vbdev_pfn_ballooned(page_to_pfn(c)));
	st = host();
	if (variant->deterministic) {
		EXPECT_EQ(st0.discard_cancelled + 1, st.discard_cancelled);
		EXPECT_EQ(1, st.discard_pending);
		EXPECT_EQ(st0.discards, st.discards);
	}

	/* The guest has b back: it writes to it, then the host flushes. */
	ASSERT_TRUE(alloc_that_page(b));
	memset(page_address(b), 0xc3, PAGE_SIZE);
	vbdev_flush();
	st = host();
	EXPECT_TRUE(page_is(b, 0xc3));
	EXPECT_TRUE(page_is(c, 0));
	EXPECT_EQ(0, st.discard_pending);
	EXPECT_EQ(st0.discarded + 2 - (st.discard_cancelled -
				       st0.discard_cancelled),
		  st.discarded);
	EXPECT_EQ(0, st.reused);
	__free_page(b);
}

/*
 * With the host's thread, a discard left pending by a migration is made
 * once the thread has had nothing to do for a moment, with no one
 * asking.
 */
TEST_F(discard, balloon_discard_flushed_when_the_device_is_idle)
{
	unsigned long discarded;
	struct page *page;
	int i;

	if (variant->deterministic)
		SKIP(return, "no I/O thread to go idle");
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(16));
	discarded = host().discarded;
	page = migrate_balloon_page(first_balloon_page());
	ASSERT_NE(NULL, page);
	for (i = 0; i < 100 && host().discard_pending; i++)
		usleep(10000);
	EXPECT_EQ(0, host().discard_pending);
	EXPECT_EQ(discarded + 1, host().discarded);
	EXPECT_TRUE(page_is(page, 0));
}

/*
 * The monitor flushes before it reports: statistics, info balloon
 * (vbdev_actual_bytes()).
 */
TEST_F(discard, balloon_discard_flushed_by_the_monitor)
{
	struct virtio_balloon_stat s[VIRTIO_BALLOON_S_NR];

	if (!variant->deterministic)
		SKIP(return, "the I/O thread may flush first");
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(16));
	ASSERT_NE(NULL, migrate_balloon_page(first_balloon_page()));
	EXPECT_EQ(1, host().discard_pending);
	ASSERT_EQ(0, vbdev_request_stats(s));
	EXPECT_EQ(0, host().discard_pending);

	ASSERT_NE(NULL, migrate_balloon_page(first_balloon_page()));
	EXPECT_EQ(1, host().discard_pending);
	EXPECT_EQ(vbdev_ram_size() - 16 * PAGE_SIZE, vbdev_actual_bytes());
	EXPECT_EQ(0, host().discard_pending);
}

/*
 * A reset flushes.  The frame pending here is one the test inflated
 * behind the driver's back, so the driver's last "actual" (0) disagrees
 * with the host's set (1 frame): that one protocol error is expected.
 */
TEST(balloon_discard_flushed_at_reset)
{
	struct page *page;
	u32 pfn;

	ASSERT_EQ(0, umm_boot("mem=64M umm.deterministic=1 " DEV));
	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	ASSERT_NE(NULL, page);
	memset(page_address(page), 0xa5, PAGE_SIZE);
	pfn = page_to_pfn(page);
	vbdev_process_pfns(VBDEV_INFLATE_Q, &pfn, 1);
	EXPECT_EQ(1, host().discard_pending);
	EXPECT_TRUE(page_is(page, 0xa5));
	vbdev_unplug();
	EXPECT_EQ(0, host().discard_pending);
	EXPECT_EQ(1, host().discarded);
	EXPECT_EQ(0, host().ballooned);
	EXPECT_EQ(1, host().errors);
	EXPECT_TRUE(page_is(page, 0));
	__free_page(page);
	EXPECT_EQ(0, vbdev_plug());
	EXPECT_NE(NULL, the_balloon());
}

/*
 * The process's resident memory drops at the flush, not at the inflate:
 * 4096 frames (16 MiB) held pending with a batch larger than that.
 */
TEST(balloon_discard_resident_memory_drops_at_the_flush)
{
	const unsigned int frames = 4096, per_block = 1024;
	struct page *blocks[4];
	long before, pending, flushed;
	unsigned int i;
	u32 *pfns;

#if defined(__SANITIZE_THREAD__)
	SKIP(return, "RSS includes ThreadSanitizer's bookkeeping");
#endif
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot("mem=64M umm.deterministic=1 " DEV
			      " virtio_balloon_dev.discard_batch=100000"));
	pfns = malloc(frames * sizeof(*pfns));
	ASSERT_NE(NULL, pfns);
	for (i = 0; i < 4; i++) {
		blocks[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 10);
		ASSERT_NE(NULL, blocks[i]);
		memset(page_address(blocks[i]), 0x77,
		       (size_t)per_block * PAGE_SIZE);
		pfns_of(pfns + i * per_block, blocks[i], per_block);
	}

	before = rss_bytes();
	vbdev_process_pfns(VBDEV_INFLATE_Q, pfns, frames);
	pending = rss_bytes();
	EXPECT_EQ(frames, host().discard_pending);
	vbdev_flush();
	flushed = rss_bytes();
	printf("# RSS %ld KiB, after the inflate %ld KiB, after the flush %ld KiB (%lu discards)\n",
	       before >> 10, pending >> 10, flushed >> 10, host().discards);
	EXPECT_LT(before - pending, (long)(frames * PAGE_SIZE / 10));
	EXPECT_GE(pending - flushed, (long)(frames * PAGE_SIZE * 9 / 10));
	/* Four blocks of 1024 frames: four runs at most. */
	EXPECT_GE(4, host().discards);
	EXPECT_EQ(frames, host().discarded);

	vbdev_process_pfns(VBDEV_DEFLATE_Q, pfns, frames);
	EXPECT_EQ(0, host().errors);
	EXPECT_EQ(0, host().ballooned);
	free(pfns);
	for (i = 0; i < 4; i++)
		__free_pages(blocks[i], 10);
}

/*
 * Batches of 8: 20 scattered frames are discarded at the 8th and the
 * 16th, 4 stay pending.  Exact in a deterministic run.
 */
TEST(balloon_discard_full_batch_flushes)
{
	struct page *pages[20];
	struct vbdev_state st;
	u32 pfns[20];
	unsigned int i;

	ASSERT_EQ(0, umm_boot("mem=64M umm.deterministic=1 " DEV
			      " virtio_balloon_dev.discard_batch=8"));
	for (i = 0; i < 20; i++) {
		/* Order 1, the second page left out: no two frames adjoin. */
		pages[i] = alloc_pages(GFP_HIGHUSER_MOVABLE, 1);
		ASSERT_NE(NULL, pages[i]);
		pfns[i] = page_to_pfn(pages[i]);
	}
	vbdev_process_pfns(VBDEV_INFLATE_Q, pfns, 20);
	st = host();
	EXPECT_EQ(16, st.discards);
	EXPECT_EQ(16, st.discarded);
	EXPECT_EQ(4, st.discard_pending);
	vbdev_process_pfns(VBDEV_DEFLATE_Q, pfns, 20);
	st = host();
	EXPECT_EQ(4, st.discard_cancelled);
	EXPECT_EQ(0, st.discard_pending);
	EXPECT_EQ(0, st.ballooned);
	EXPECT_EQ(0, st.errors);
	for (i = 0; i < 20; i++)
		__free_pages(pages[i], 1);
}

/* discard_batch=1: each frame at once, as QEMU does. */
TEST(balloon_discard_batch_of_one_discards_at_once)
{
	struct page *block;
	u32 pfns[4];

	ASSERT_EQ(0, umm_boot("mem=64M umm.deterministic=1 " DEV
			      " virtio_balloon_dev.discard_batch=1"));
	block = alloc_pages(GFP_HIGHUSER_MOVABLE, 2);
	ASSERT_NE(NULL, block);
	pfns_of(pfns, block, 4);
	vbdev_process_pfns(VBDEV_INFLATE_Q, pfns, 4);
	EXPECT_EQ(4, host().discards);
	EXPECT_EQ(0, host().discard_pending);
	vbdev_process_pfns(VBDEV_DEFLATE_Q, pfns, 4);
	EXPECT_EQ(0, host().errors);
	__free_pages(block, 2);
}

TEST(balloon_discard_bad_batch_stops_the_boot)
{
	EXPECT_EQ(-EINVAL, umm_boot("mem=64M " DEV
				    " virtio_balloon_dev.discard_batch=-1"));
	EXPECT_EQ(-EINVAL, umm_boot("mem=64M " DEV
				    " virtio_balloon_dev.discard_batch=lots"));
}

TEST_HARNESS_MAIN
