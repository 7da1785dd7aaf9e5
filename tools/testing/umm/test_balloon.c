// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_balloon.c - the virtio balloon, end to end
 *
 * The guest's driver (drivers/virtio/virtio_balloon.c) against the host's
 * device model (arch/user/drivers/virtio_balloon_dev.c), through the
 * virtio-mmio transport and split rings in guest memory:
 *
 *   - inflating to a target and deflating back: exact counts on both
 *     sides, and the host's set of frames equal to the driver's list at
 *     every quiescent point;
 *   - the process's resident memory drops with inflation (the host gives
 *     the frames back to the OS) and returns when the guest uses them;
 *   - compaction with balloon pages scattered through memory makes
 *     order-9 blocks when they are movable and cannot when they are not;
 *     each migration is an inflate of the new frame and a deflate of the
 *     old one at the host;
 *   - a balloon page through the movable-page API by hand: isolate,
 *     migrate, putback, -EAGAIN while the driver is busy;
 *   - MUST_TELL_HOST: no deflated frame is used before the host has
 *     acknowledged it (page_poison=on would show it), and the host does
 *     notice a guest that breaks the rule;
 *   - deflate on OOM: the task is saved when the feature is negotiated,
 *     killed when not;
 *   - feature negotiation, statistics (the buffer written only while
 *     the driver owns it);
 *   - bad input: absurd targets, a target changed in the middle of an
 *     inflation, protocol errors a host must reject, a broken ring the
 *     guest must not trust, bad boot parameters.
 *
 * Most tests run twice: deterministic (the host processes each kick in
 * the kicker, exact numbers) and threaded (the host's own thread, the
 * balloon worker's own thread).  Every test name contains "balloon".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "umm_test.h"

#include <linux/balloon_compaction.h>
#include <linux/migrate.h>
#include <linux/pagemap.h>
#include <linux/pseudo_fs.h>
#include <linux/slab.h>
#include <linux/umm.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_mmio.h>
#include <linux/workload.h>
#include <linux/workqueue.h>
#include <linux/err.h>
#include "../../../drivers/virtio/virtio_balloon_drv.h"
#include "../../../arch/user/drivers/virtio_balloon_dev.h"
#include "../../../init/console.h"

#define MB		(1ULL << 20)
#define DEV		"virtio_balloon_dev.enable=1"

/* ---- helpers ------------------------------------------------------------ */

static struct vbdev_state host(void)
{
	struct vbdev_state st;

	vbdev_get_state(&st);
	return st;
}

/*
 * The host's "actual" moves as soon as the driver writes it, while the
 * driver still holds balloon_lock: taking the lock once waits for the
 * driver to be done with its batch (a quiescent point).
 */
static void quiesce(void)
{
	struct virtio_balloon *vb = the_balloon();

	if (vb) {
		mutex_lock(&vb->balloon_lock);
		mutex_unlock(&vb->balloon_lock);
	}
}

/* Ask for @bytes of guest memory; the monitor's answer. */
static int balloon_to(u64 bytes)
{
	enum vbdev_balloon_result res;
	int err = vbdev_balloon(bytes, &res);

	quiesce();
	return err ? err : (int)res;
}

/* Frames in the balloon: the host's target is RAM minus this. */
static int balloon_frames(unsigned long frames)
{
	return balloon_to(vbdev_ram_size() - (frames << PAGE_SHIFT));
}

static unsigned long list_len(struct virtio_balloon *vb)
{
	struct balloon_dev_info *b = &vb->vb_dev_info;
	unsigned long n = 0;
	struct page *page;

	spin_lock(&b->pages_lock);
	list_for_each_entry(page, &b->pages, lru)
		n++;
	spin_unlock(&b->pages_lock);
	return n;
}

static bool dmesg_has(const char *text)
{
	size_t size = 1 << 20;
	char *buf = malloc(size);
	bool found;

	buf[log_buf_copy(buf, size - 1)] = '\0';
	found = strstr(buf, text) != NULL;
	free(buf);
	return found;
}

/* Write every free page once (the host must back it again). */
static unsigned long touch_free_memory(void)
{
	LIST_HEAD(pages);
	struct page *page, *next;
	unsigned long n = 0;

	while ((page = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN |
				  __GFP_NORETRY))) {
		memset(page_address(page), 0x5a, PAGE_SIZE);
		list_add(&page->lru, &pages);
		n++;
	}
	list_for_each_entry_safe(page, next, &pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	return n;
}

static bool vq_broken(struct virtio_balloon *vb)
{
	return virtqueue_is_broken(vb->inflate_vq) ||
	       virtqueue_is_broken(vb->deflate_vq);
}

/* The page of the balloon list at position @idx. */
static struct page *balloon_page_at(struct virtio_balloon *vb, unsigned long idx)
{
	struct balloon_dev_info *b = &vb->vb_dev_info;
	struct page *page, *found = NULL;

	spin_lock(&b->pages_lock);
	list_for_each_entry(page, &b->pages, lru)
		if (!idx--) {
			found = page;
			break;
		}
	spin_unlock(&b->pages_lock);
	return found;
}

static struct page *target_page(struct page *page, unsigned long private,
				int **result)
{
	return alloc_page(GFP_HIGHUSER_MOVABLE);
}

/* ---- the fixture: a guest with a balloon device ------------------------- */

FIXTURE(balloon) {
	unsigned long free_at_boot;
	unsigned long expect_errors;
	bool expect_leak;
};

FIXTURE_VARIANT(balloon) {
	const char *params;
	bool deterministic;
};

FIXTURE_VARIANT_ADD(balloon, deterministic) {
	.params = "mem=64M umm.deterministic=1 " DEV,
	.deterministic = true,
};

FIXTURE_VARIANT_ADD(balloon, threaded) {
	.params = "mem=64M " DEV,
	.deterministic = false,
};

FIXTURE_SETUP(balloon)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	ASSERT_TRUE(vbdev_present());
	ASSERT_NE(NULL, the_balloon());
	self->free_at_boot = umm_free_pages();
	self->expect_errors = 0;
	self->expect_leak = false;
}

FIXTURE_TEARDOWN(balloon)
{
	struct virtio_balloon *vb = the_balloon();

	/* Everything back to the guest, both sides agreeing. */
	if (vb && !vq_broken(vb)) {
		EXPECT_EQ(VBDEV_REACHED, balloon_to(vbdev_ram_size()));
		EXPECT_EQ(0, balloon_sets_disagree(vb));
	}
	EXPECT_EQ(0, host().ballooned);
	EXPECT_EQ(self->expect_errors, host().errors);
	EXPECT_EQ(0, check_zones());
	if (!self->expect_leak)
		EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

/* ==== 1. inflate and deflate ==== */

/*
 * 16 MiB out, then back to 4 MiB, then all of it back: at each step the
 * driver, the host and the vm events agree to the frame, and the guest's
 * free and managed memory moved by exactly that much.
 */
TEST_F(balloon, balloon_inflate_and_deflate_exact_counts)
{
	struct virtio_balloon *vb = the_balloon();
	unsigned long inflate = sum_vm_event(BALLOON_INFLATE);
	unsigned long deflate = sum_vm_event(BALLOON_DEFLATE);
	unsigned long total = totalram_pages;
	struct vbdev_state st;

	EXPECT_EQ(VBDEV_REACHED, balloon_frames(4096));
	st = host();
	EXPECT_EQ(4096, st.num_pages);
	EXPECT_EQ(4096, st.actual);
	EXPECT_EQ(4096, st.ballooned);
	EXPECT_EQ(4096, st.inflated);
	EXPECT_EQ(0, st.deflated);
	EXPECT_EQ(4096, vb->num_pages);
	EXPECT_EQ(4096, list_len(vb));
	EXPECT_EQ(inflate + 4096, sum_vm_event(BALLOON_INFLATE));
	EXPECT_EQ(deflate, sum_vm_event(BALLOON_DEFLATE));
	EXPECT_EQ(self->free_at_boot - 4096, umm_free_pages());
	/* Without DEFLATE_ON_OOM the pages leave the guest's memory. */
	EXPECT_EQ(total - 4096, totalram_pages);
	EXPECT_EQ(vbdev_ram_size() - 16 * MB, vbdev_actual_bytes());
	EXPECT_EQ(0, balloon_sets_disagree(vb));
	if (variant->deterministic)
		/* 16 buffers of 256 frames, and nothing else. */
		EXPECT_EQ(16 + 1, st.kicks);

	EXPECT_EQ(VBDEV_REACHED, balloon_frames(1024));
	st = host();
	EXPECT_EQ(1024, st.actual);
	EXPECT_EQ(1024, st.ballooned);
	EXPECT_EQ(4096, st.inflated);
	EXPECT_EQ(3072, st.deflated);
	EXPECT_EQ(deflate + 3072, sum_vm_event(BALLOON_DEFLATE));
	EXPECT_EQ(self->free_at_boot - 1024, umm_free_pages());
	EXPECT_EQ(total - 1024, totalram_pages);
	EXPECT_EQ(0, balloon_sets_disagree(vb));

	EXPECT_EQ(VBDEV_REACHED, balloon_to(vbdev_ram_size()));
	EXPECT_EQ(0, host().ballooned);
	EXPECT_EQ(0, vb->num_pages);
	EXPECT_EQ(deflate + 4096, sum_vm_event(BALLOON_DEFLATE));
	EXPECT_EQ(total, totalram_pages);
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(vbdev_ram_size(), vbdev_actual_bytes());
}

/*
 * The host really gives the frames back: resident memory of the process
 * drops by at least 90% of what was inflated, and comes back once the
 * guest uses the memory again after deflating.
 */
TEST_F(balloon, balloon_resident_memory_drops_and_comes_back)
{
	const unsigned long frames = 8192;	/* 32 MiB of 64 */
	long before, inflated, deflated;

#if defined(__SANITIZE_THREAD__)
	/*
	 * ThreadSanitizer's own memory (shadow, sync objects) grows with
	 * every access the inflation makes: the process's RSS says nothing
	 * about the guest's frames.  The plain and ASan builds check it.
	 */
	SKIP(return, "RSS includes ThreadSanitizer's bookkeeping");
#endif

	touch_free_memory();
	before = rss_bytes();
	/*
	 * The arena asks the host for transparent huge pages: then each
	 * 4 KiB frame given back splits a huge page's mapping, and must
	 * still drop from RSS.  Say which case this run tested.
	 */
	printf("# arena in host huge pages: %ld KiB\n",
	       smaps_rollup_kb("AnonHugePages"));
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(frames));
	/* The device discards in batches; the monitor had it flush them. */
	EXPECT_EQ(0, host().discard_pending);
	inflated = rss_bytes();
	printf("# RSS %ld KiB, inflated %ld KiB, drop %ld KiB of %lu KiB (%lu host discards)\n",
	       before >> 10, inflated >> 10, (before - inflated) >> 10,
	       frames * 4, host().discards);
	EXPECT_GE(before - inflated, (long)(frames * PAGE_SIZE * 9 / 10));

	ASSERT_EQ(VBDEV_REACHED, balloon_to(vbdev_ram_size()));
	touch_free_memory();
	deflated = rss_bytes();
	printf("# RSS after deflating and using the memory: %ld KiB\n",
	       deflated >> 10);
	EXPECT_GE(deflated - inflated, (long)(frames * PAGE_SIZE * 9 / 10));
}

/* ==== 2. a balloon page through the movable-page API ==== */

/*
 * Migrate one balloon page by hand: the host sees an inflate of the new
 * frame and a deflate of the old one, the driver's list holds the new
 * page, the old one is freed.
 */
TEST_F(balloon, balloon_page_migration_moves_the_frame_at_the_host)
{
	struct virtio_balloon *vb = the_balloon();
	unsigned long migrate = sum_vm_event(BALLOON_MIGRATE);
	long by_kind = migrated_pages("balloon");
	unsigned long old_pfn, new_pfn;
	struct vbdev_state st;
	struct page *page;
	LIST_HEAD(list);

	ASSERT_EQ(VBDEV_REACHED, balloon_frames(16));
	page = balloon_page_at(vb, 5);
	ASSERT_NE(NULL, page);
	old_pfn = page_to_pfn(page);
	EXPECT_TRUE(PageBalloon(page));
	EXPECT_TRUE(__PageMovable(page));
	EXPECT_TRUE(vbdev_pfn_ballooned(old_pfn));

	ASSERT_TRUE(isolate_movable_page(page, 0));
	EXPECT_EQ(1, vb->vb_dev_info.isolated_pages);
	EXPECT_EQ(15, list_len(vb));
	list_add(&page->lru, &list);
	EXPECT_EQ(0, migrate_pages(&list, target_page, NULL, 0, MIGRATE_SYNC,
				   MR_COMPACTION));
	EXPECT_TRUE(list_empty(&list));

	st = host();
	EXPECT_EQ(17, st.inflated);
	EXPECT_EQ(1, st.deflated);
	EXPECT_EQ(16, st.ballooned);
	EXPECT_EQ(migrate + 1, sum_vm_event(BALLOON_MIGRATE));
	/* The migration core knows the page by its a_ops: a balloon page. */
	EXPECT_LE(0, by_kind);
	EXPECT_EQ(by_kind + 1, migrated_pages("balloon"));
	EXPECT_FALSE(vbdev_pfn_ballooned(old_pfn));
	EXPECT_EQ(0, vb->vb_dev_info.isolated_pages);
	EXPECT_EQ(16, list_len(vb));
	/* The new page is the list's first (inserted last). */
	new_pfn = page_to_pfn(balloon_page_at(vb, 0));
	EXPECT_NE(old_pfn, new_pfn);
	EXPECT_TRUE(vbdev_pfn_ballooned(new_pfn));
	EXPECT_TRUE(PageBalloon(pfn_to_page(new_pfn)));
	/* The old page went back to the allocator. */
	EXPECT_FALSE(PageBalloon(pfn_to_page(old_pfn)));
	EXPECT_EQ(0, balloon_sets_disagree(vb));
}

/*
 * Migration while the driver is busy (balloon_lock held): migratepage
 * says -EAGAIN, ten passes, then the page goes back on the list,
 * untouched at the host.  An isolated page is not deflated meanwhile.
 */
TEST_F(balloon, balloon_busy_driver_makes_migration_put_the_page_back)
{
	struct virtio_balloon *vb = the_balloon();
	unsigned long fail = sum_vm_event(PGMIGRATE_FAIL);
	struct page *page;
	LIST_HEAD(list);

	ASSERT_EQ(VBDEV_REACHED, balloon_frames(4));
	page = balloon_page_at(vb, 0);
	ASSERT_TRUE(isolate_movable_page(page, 0));
	list_add(&page->lru, &list);

	mutex_lock(&vb->balloon_lock);
	EXPECT_EQ(1, migrate_pages(&list, target_page, NULL, 0, MIGRATE_SYNC,
				   MR_COMPACTION));
	mutex_unlock(&vb->balloon_lock);
	EXPECT_EQ(fail + 1, sum_vm_event(PGMIGRATE_FAIL));
	/* Still busy at the end: the caller puts it back. */
	putback_movable_pages(&list);
	EXPECT_EQ(0, vb->vb_dev_info.isolated_pages);
	EXPECT_EQ(4, list_len(vb));
	EXPECT_EQ(4, host().inflated);
	EXPECT_EQ(0, host().deflated);
	EXPECT_TRUE(vbdev_pfn_ballooned(page_to_pfn(page)));

	/* Isolated pages are skipped by the deflation. */
	ASSERT_TRUE(isolate_movable_page(page, 0));
	EXPECT_EQ(VBDEV_STALLED, balloon_to(vbdev_ram_size()));
	EXPECT_EQ(1, vb->num_pages);
	EXPECT_EQ(1, host().ballooned);
	EXPECT_TRUE(vbdev_pfn_ballooned(page_to_pfn(page)));
	list_add(&page->lru, &list);
	putback_movable_pages(&list);
	EXPECT_EQ(0, balloon_sets_disagree(vb));
}

/* ==== 3. MUST_TELL_HOST ==== */

/*
 * The host checks, for each deflated frame, that the guest did not write
 * it before the host acknowledged it.  With page_poison=on a freed page
 * is written at once, so a driver that freed before telling would be
 * caught.  The driver tells first: nothing is caught.
 */
FIXTURE(tell) {
	unsigned long free_at_boot;
};

FIXTURE_VARIANT(tell) {
	const char *params;
	bool negotiated;
};

FIXTURE_VARIANT_ADD(tell, deterministic) {
	.params = "mem=64M page_poison=on umm.deterministic=1 " DEV,
	.negotiated = true,
};

FIXTURE_VARIANT_ADD(tell, threaded) {
	.params = "mem=64M page_poison=on " DEV,
	.negotiated = true,
};

FIXTURE_VARIANT_ADD(tell, not_offered) {
	.params = "mem=64M page_poison=on umm.deterministic=1 " DEV
		  " virtio_balloon_dev.must_tell_host=0",
	.negotiated = false,
};

FIXTURE_SETUP(tell)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	self->free_at_boot = umm_free_pages();
}

FIXTURE_TEARDOWN(tell)
{
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

TEST_F(tell, balloon_must_tell_host_no_frame_reused_before_the_ack)
{
	struct virtio_balloon *vb = the_balloon();
	struct vbdev_state st;
	struct page *page;
	unsigned long pfn;
	u32 frame;

	EXPECT_EQ(variant->negotiated, host().must_tell_host);
	EXPECT_EQ(variant->negotiated,
		  virtio_has_feature(vb->vdev, VIRTIO_BALLOON_F_MUST_TELL_HOST));
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(8192));
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(0));
	st = host();
	EXPECT_EQ(8192, st.deflated);
	EXPECT_EQ(0, st.reused);
	EXPECT_EQ(0, st.errors);

	/*
	 * Now a guest that breaks the rule: take a page out of the balloon
	 * and free it (poisoning it) before the host hears of it.
	 */
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(4));
	mutex_lock(&vb->balloon_lock);
	page = balloon_page_dequeue(&vb->vb_dev_info);
	ASSERT_NE(NULL, page);
	pfn = page_to_pfn(page);
	WRITE_ONCE(vb->num_pages, vb->num_pages - 1);
	adjust_managed_page_count(page, 1);
	put_page(page);
	frame = pfn;
	vbdev_process_pfns(VBDEV_DEFLATE_Q, &frame, 1);
	mutex_unlock(&vb->balloon_lock);
	st = host();
	/* Caught only when the feature says the guest must wait. */
	EXPECT_EQ(variant->negotiated ? 1 : 0, st.reused);
	EXPECT_EQ(variant->negotiated ? 1 : 0, st.errors);
	EXPECT_EQ(variant->negotiated,
		  dmesg_has("was written by the guest while the host had it"));
	EXPECT_EQ(3, st.ballooned);
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(0));
	EXPECT_EQ(0, host().ballooned);
}

/* ==== 4. deflate on OOM ==== */

FIXTURE(oom) {
	unsigned long free_at_boot;
};

FIXTURE_VARIANT(oom) {
	const char *params;
	bool deflate_on_oom;
};

FIXTURE_VARIANT_ADD(oom, deflate_on_oom) {
	.params = "mem=128M umm.deterministic=1 " DEV
		  " virtio_balloon_dev.deflate_on_oom=1",
	.deflate_on_oom = true,
};

FIXTURE_VARIANT_ADD(oom, no_deflate_on_oom) {
	.params = "mem=128M umm.deterministic=1 " DEV,
	.deflate_on_oom = false,
};

FIXTURE_SETUP(oom)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	ASSERT_EQ(0, umm_prime_anon_vma_cache());
	self->free_at_boot = umm_free_pages();
}

FIXTURE_TEARDOWN(oom)
{
	EXPECT_EQ(VBDEV_REACHED, balloon_to(vbdev_ram_size()));
	EXPECT_EQ(0, host().ballooned);
	EXPECT_EQ(0, host().errors);
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

/*
 * 80 MiB in the balloon, 48 left to the guest, and a task that needs 64:
 * with DEFLATE_ON_OOM the balloon gives back frames, 256 at a time,
 * each time the OOM killer would have killed, and the task lives; without
 * it the task is killed and the balloon keeps its frames.
 */
TEST_F(oom, balloon_deflate_on_oom_saves_the_task)
{
	struct virtio_balloon *vb = the_balloon();
	unsigned long oom = sum_vm_event(OOM_KILL);
	struct verify_result res;
	struct vbdev_state st;
	struct workload *w;
	long filled;

	EXPECT_EQ(variant->deflate_on_oom, host().deflate_on_oom);
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(20480));
	w = workload_start("hungry");
	ASSERT_FALSE(IS_ERR(w));
	ASSERT_LE(0, workload_mmap(w, 64 * MB));
	filled = workload_fill(w, 500, umm_test_seed);
	st = host();
	printf("# fill: %ld; balloon %u frames; oom kills %lu\n", filled,
	       vb->num_pages, sum_vm_event(OOM_KILL) - oom);
	if (variant->deflate_on_oom) {
		EXPECT_EQ(16384, filled);
		EXPECT_EQ(oom, sum_vm_event(OOM_KILL));
		EXPECT_LT(vb->num_pages, 20480);
		/* Given back in steps of oom_pages. */
		EXPECT_EQ(0, (20480 - vb->num_pages) % 256);
		EXPECT_EQ(vb->num_pages, st.actual);
		EXPECT_EQ(vb->num_pages, st.ballooned);
		/* The host's target is still what it was. */
		EXPECT_EQ(20480, st.num_pages);
		EXPECT_EQ(0, workload_verify(w, &res));
		EXPECT_EQ(0, res.mismatches);
		EXPECT_EQ(0, workload_stop(w));
	} else {
		EXPECT_EQ(-EINTR, filled);
		EXPECT_EQ(oom + 1, sum_vm_event(OOM_KILL));
		EXPECT_EQ(20480, vb->num_pages);
		EXPECT_EQ(20480, st.ballooned);
		EXPECT_EQ(-EINTR, workload_stop(w));
	}
	EXPECT_EQ(0, balloon_sets_disagree(vb));
}

/* ==== 5. compaction with balloon pages scattered through memory ==== */

FIXTURE(compact) {
	unsigned long free_at_boot;
};

FIXTURE_VARIANT(compact) {
	const char *params;
	bool movable;
};

FIXTURE_VARIANT_ADD(compact, movable) {
	.params = "mem=128M umm.deterministic=1 " DEV,
	.movable = true,
};

FIXTURE_VARIANT_ADD(compact, unmovable) {
	.params = "mem=128M umm.deterministic=1 virtio_balloon.movable=0 " DEV,
	.movable = false,
};

FIXTURE_SETUP(compact)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	ASSERT_EQ(0, umm_prime_anon_vma_cache());
	self->free_at_boot = umm_free_pages();
}

FIXTURE_TEARDOWN(compact)
{
	EXPECT_EQ(VBDEV_REACHED, balloon_to(vbdev_ram_size()));
	EXPECT_EQ(0, host().ballooned);
	EXPECT_EQ(0, host().errors);
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

/*
 * A task fills most of memory and gives every other page back; the
 * balloon inflates into those holes; the task exits.  Balloon pages are
 * then in every pageblock.  compact_memory moves them out of the way
 * when they are movable (each move an inflate and a deflate at the host)
 * and can do nothing when they are not.
 */
TEST_F(compact, balloon_compaction_with_scattered_balloon_pages)
{
	struct virtio_balloon *vb = the_balloon();
	unsigned long migrate, success, before, after;
	struct vbdev_state st0, st1;
	long by_kind;
	struct workload *w;

	w = workload_start("holes");
	ASSERT_FALSE(IS_ERR(w));
	ASSERT_LE(0, workload_mmap(w, 112 * MB));
	ASSERT_EQ(28672, workload_fill(w, 500, umm_test_seed));
	ASSERT_EQ(14336, workload_dontneed(w, 50, 2, 0));
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(16384));
	ASSERT_EQ(0, workload_stop(w));
	EXPECT_EQ(0, balloon_sets_disagree(vb));
	EXPECT_EQ(variant->movable, __PageMovable(balloon_page_at(vb, 0)));

	st0 = host();
	migrate = sum_vm_event(BALLOON_MIGRATE);
	success = sum_vm_event(PGMIGRATE_SUCCESS);
	by_kind = migrated_pages("balloon");
	EXPECT_LE(0, by_kind);
	before = free_order9_units();
	ASSERT_EQ(0, compact_memory());
	after = free_order9_units();
	st1 = host();
	printf("# order-9 units free: %lu before, %lu after; %lu balloon pages migrated\n",
	       before, after, sum_vm_event(BALLOON_MIGRATE) - migrate);

	if (variant->movable) {
		EXPECT_GE(after, before + 16);
		EXPECT_GT(sum_vm_event(BALLOON_MIGRATE), migrate);
		/* Each migration: the new frame inflated, the old deflated. */
		EXPECT_EQ(sum_vm_event(BALLOON_MIGRATE) - migrate,
			  st1.inflated - st0.inflated);
		EXPECT_EQ(sum_vm_event(BALLOON_MIGRATE) - migrate,
			  st1.deflated - st0.deflated);
		EXPECT_EQ(sum_vm_event(BALLOON_MIGRATE) - migrate,
			  sum_vm_event(PGMIGRATE_SUCCESS) - success);
		/* Counted as balloon pages by the migration core too. */
		EXPECT_EQ(sum_vm_event(BALLOON_MIGRATE) - migrate,
			  migrated_pages("balloon") - by_kind);
	} else {
		EXPECT_EQ(before, after);
		EXPECT_EQ(migrate, sum_vm_event(BALLOON_MIGRATE));
		EXPECT_EQ(success, sum_vm_event(PGMIGRATE_SUCCESS));
		EXPECT_EQ(by_kind, migrated_pages("balloon"));
		EXPECT_EQ(st0.inflated, st1.inflated);
		EXPECT_EQ(st0.deflated, st1.deflated);
	}
	EXPECT_EQ(16384, st1.ballooned);
	EXPECT_EQ(16384, vb->num_pages);
	EXPECT_EQ(0, st1.errors);
	EXPECT_EQ(0, balloon_sets_disagree(vb));
}

/* ==== 6. features and statistics ==== */

/* What the device offers is what is negotiated (the driver knows all). */
TEST(balloon_features_follow_the_device_offer)
{
	struct virtio_balloon_stat s[VIRTIO_BALLOON_S_NR];
	struct virtio_balloon *vb;
	struct vbdev_state st;
	unsigned long total;

	ASSERT_EQ(0, umm_boot("mem=64M umm.deterministic=1 " DEV
			      " virtio_balloon_dev.must_tell_host=0"
			      " virtio_balloon_dev.stats=0"
			      " virtio_balloon_dev.deflate_on_oom=1"));
	st = host();
	vb = the_balloon();
	ASSERT_NE(NULL, vb);
	EXPECT_FALSE(st.must_tell_host);
	EXPECT_FALSE(st.stats_vq);
	EXPECT_TRUE(st.deflate_on_oom);
	EXPECT_TRUE(virtio_has_feature(vb->vdev, VIRTIO_F_VERSION_1));
	EXPECT_EQ(NULL, vb->stats_vq);
	EXPECT_EQ(VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
		  VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK,
		  st.status);
	EXPECT_EQ(-ENODEV, vbdev_request_stats(s));
	/* DEFLATE_ON_OOM: inflated pages stay in the guest's memory. */
	total = totalram_pages;
	EXPECT_EQ(VBDEV_REACHED, balloon_frames(1000));
	EXPECT_EQ(total, totalram_pages);
	EXPECT_EQ(VBDEV_REACHED, balloon_frames(0));
	EXPECT_EQ(0, host().errors);
}

TEST_F(balloon, balloon_statistics_on_request)
{
	struct virtio_balloon_stat s[VIRTIO_BALLOON_S_NR];
	unsigned long updates;

	EXPECT_TRUE(host().stats_vq);
	/* The buffer the driver left at probe came with numbers too. */
	if (variant->deterministic)
		EXPECT_EQ(1, host().stats_updates);
	ASSERT_EQ(VBDEV_REACHED, balloon_frames(2048));
	updates = host().stats_updates;
	ASSERT_EQ(0, vbdev_request_stats(s));
	EXPECT_EQ(updates + 1, host().stats_updates);
	EXPECT_EQ(VIRTIO_BALLOON_S_MEMTOT,
		  virtio16_to_cpu(the_balloon()->vdev, s[VIRTIO_BALLOON_S_MEMTOT].tag));
	EXPECT_EQ((u64)totalram_pages << PAGE_SHIFT,
		  s[VIRTIO_BALLOON_S_MEMTOT].val);
	if (variant->deterministic) {
		/* Nothing ran between the guest's answer and now. */
		EXPECT_EQ(global_zone_page_state(NR_FREE_PAGES) << PAGE_SHIFT,
			  s[VIRTIO_BALLOON_S_MEMFREE].val);
		EXPECT_EQ(sum_vm_event(PGFAULT), s[VIRTIO_BALLOON_S_MINFLT].val);
	}
	EXPECT_LE(s[VIRTIO_BALLOON_S_AVAIL].val, s[VIRTIO_BALLOON_S_MEMTOT].val);
	/* Asked twice, answered twice. */
	ASSERT_EQ(0, vbdev_request_stats(s));
	EXPECT_EQ(updates + 2, host().stats_updates);
}

/*
 * Any VRING interrupt calls every queue's callback, so a stats request
 * can be signalled again while its used entry is still there.  By the
 * time the worker looks the second time, it has given the buffer back
 * and the host may be reading it: the driver must not write into it.
 * Deterministic only: the second signal is made by hand, after the
 * first was answered; the buffer must stay as the host got it.
 */
TEST_F(balloon, balloon_stats_buffer_untouched_while_the_host_has_it)
{
	struct virtio_balloon_stat s[VIRTIO_BALLOON_S_NR];
	struct virtio_balloon_stat sent[VIRTIO_BALLOON_S_NR];
	struct virtio_balloon *vb = the_balloon();
	unsigned long updates;
	struct page *page;

	if (!variant->deterministic)
		SKIP(return, "the second signal cannot be timed with threads");
	ASSERT_EQ(0, vbdev_request_stats(s));
	updates = host().stats_updates;
	memcpy(sent, vb->stats, sizeof(sent));
	/* Free memory moves: numbers written now would differ. */
	page = alloc_pages(GFP_KERNEL, 4);
	ASSERT_NE(NULL, page);
	smp_store_release(&vb->need_stats, true);
	smp_store_release(&vb->need_work, true);
	queue_work(system_wq, &vb->update_balloon_work);
	flush_workqueue(system_wq);
	EXPECT_EQ(0, memcmp(sent, vb->stats, sizeof(sent)));
	EXPECT_EQ(updates, host().stats_updates);
	__free_pages(page, 4);
	/* The host still holds the buffer: the next request is answered. */
	ASSERT_EQ(0, vbdev_request_stats(s));
	EXPECT_EQ(updates + 1, host().stats_updates);
}

/* ==== 7. bad input ==== */

/*
 * A host asking for more frames than the guest has: the driver clamps
 * to its RAM and says so once, inflates until it cannot get more, and
 * the guest lives; asking for 0 brings everything back.
 */
TEST_F(balloon, balloon_absurd_num_pages_is_clamped)
{
	struct virtio_balloon *vb = the_balloon();
	struct vbdev_state st;

	vbdev_set_num_pages(0xffffffffU);
	vbdev_wait_guest();
	quiesce();
	st = host();
	printf("# %u frames given of %lu; out of puff %lu times\n",
	       st.actual, vb->guest_pages, vb->out_of_puff);
	EXPECT_TRUE(dmesg_has("the host asks for 4294967295 pages, more than the guest's RAM (16384): clamped"));
	EXPECT_GT(st.actual, 14000);
	EXPECT_LT(st.actual, vb->guest_pages);
	EXPECT_GT(vb->out_of_puff, 0);
	EXPECT_EQ(0, st.errors);
	EXPECT_EQ(0, balloon_sets_disagree(vb));
	vbdev_set_num_pages(0);
	vbdev_wait_guest();
	quiesce();
	EXPECT_EQ(0, host().ballooned);
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
}

/*
 * The target changes while an inflation is under way (after its third
 * buffer): the driver follows the new target, and both sides end there.
 */
TEST_F(balloon, balloon_target_change_during_inflate)
{
	struct virtio_balloon *vb = the_balloon();
	unsigned long inflate = sum_vm_event(BALLOON_INFLATE);
	unsigned long deflate = sum_vm_event(BALLOON_DEFLATE);
	struct vbdev_state st;

	vbdev_inject(VBDEV_FAULT_RETARGET, 3, 512);
	vbdev_set_num_pages(8192);
	vbdev_wait_guest();
	quiesce();
	st = host();
	EXPECT_EQ(512, st.num_pages);
	EXPECT_EQ(512, st.actual);
	EXPECT_EQ(512, st.ballooned);
	EXPECT_EQ(512, vb->num_pages);
	if (variant->deterministic) {
		/* Three buffers in, then one back out. */
		EXPECT_EQ(inflate + 768, sum_vm_event(BALLOON_INFLATE));
		EXPECT_EQ(deflate + 256, sum_vm_event(BALLOON_DEFLATE));
	}
	EXPECT_EQ(0, balloon_sets_disagree(vb));
}

/*
 * The host breaks its ring: the used entry of the first inflate buffer
 * names a descriptor that does not exist.  The guest reports it, stops
 * using the queue (its pages stay in the balloon: whether the host has
 * them is unknown), and loses nothing; unplugging the device gives every
 * page back, and a new device works.
 */
TEST_F(balloon, balloon_broken_ring_is_reported_not_trusted)
{
	struct virtio_balloon *vb = the_balloon();

	vbdev_inject(VBDEV_FAULT_USED_ID, 200, 0);
	EXPECT_EQ(VBDEV_STALLED, balloon_frames(2048));
	EXPECT_TRUE(virtqueue_is_broken(vb->inflate_vq));
	EXPECT_TRUE(dmesg_has("inflate: id 200 out of range (queue of 128)"));
	EXPECT_TRUE(dmesg_has("inflate queue is broken"));
	EXPECT_EQ(256, vb->num_pages);
	EXPECT_EQ(256, list_len(vb));
	/* Nothing more goes through it, either way. */
	EXPECT_EQ(VBDEV_STALLED, balloon_frames(0));
	EXPECT_EQ(256, vb->num_pages);
	EXPECT_EQ(self->free_at_boot - 256, umm_free_pages());

	/* The driver's own memory goes too; the teardown counts it back. */
	vbdev_unplug();
	EXPECT_FALSE(vbdev_present());
	EXPECT_EQ(NULL, the_balloon());
	EXPECT_EQ(0, host().ballooned);
	EXPECT_LE(self->free_at_boot, umm_free_pages());
	ASSERT_EQ(0, vbdev_plug());
	vb = the_balloon();
	ASSERT_NE(NULL, vb);
	EXPECT_EQ(VBDEV_REACHED, balloon_frames(1024));
	EXPECT_EQ(0, balloon_sets_disagree(vb));
}

/*
 * What a host must refuse, loudly: a frame outside guest memory, a frame
 * inflated twice, a frame deflated that it never got.  First straight
 * into the device, then from a rogue guest through the real ring.
 * Nothing changes in the host's set but what was valid.
 */
TEST_F(balloon, balloon_host_rejects_protocol_errors)
{
	struct virtio_balloon *vb = the_balloon();
	struct page *mine = alloc_page(GFP_KERNEL);
	unsigned long pfn = page_to_pfn(mine);
	u32 bad[] = { max_pfn + 5 };
	u32 one[] = { pfn };
	struct scatterlist sg;
	unsigned int len;

	ASSERT_NE(NULL, mine);
	vbdev_process_pfns(VBDEV_INFLATE_Q, bad, 1);
	EXPECT_TRUE(dmesg_has("inflate of frame"));
	EXPECT_EQ(0, host().ballooned);
	vbdev_process_pfns(VBDEV_INFLATE_Q, one, 1);
	vbdev_process_pfns(VBDEV_INFLATE_Q, one, 1);
	EXPECT_TRUE(dmesg_has("inflated twice"));
	EXPECT_EQ(1, host().ballooned);
	vbdev_process_pfns(VBDEV_DEFLATE_Q, one, 1);
	vbdev_process_pfns(VBDEV_DEFLATE_Q, one, 1);
	EXPECT_TRUE(dmesg_has("which the host never got"));
	vbdev_process_pfns(VBDEV_DEFLATE_Q, bad, 1);
	EXPECT_EQ(0, host().ballooned);
	EXPECT_EQ(4, host().errors);

	/* A rogue guest: the same frame twice in one inflate buffer. */
	mutex_lock(&vb->balloon_lock);
	vb->pfns[0] = cpu_to_virtio32(vb->vdev, pfn);
	vb->pfns[1] = cpu_to_virtio32(vb->vdev, pfn);
	sg_init_one(&sg, vb->pfns, 2 * sizeof(vb->pfns[0]));
	ASSERT_EQ(0, virtqueue_add_outbuf(vb->inflate_vq, &sg, 1, vb,
					  GFP_KERNEL));
	virtqueue_kick(vb->inflate_vq);
	while (!virtqueue_get_buf(vb->inflate_vq, &len))
		usleep(100);
	EXPECT_EQ(1, host().ballooned);
	EXPECT_EQ(5, host().errors);
	/* And a deflate of it plus a frame past the end of memory. */
	vb->pfns[1] = cpu_to_virtio32(vb->vdev, max_pfn);
	sg_init_one(&sg, vb->pfns, 2 * sizeof(vb->pfns[0]));
	ASSERT_EQ(0, virtqueue_add_outbuf(vb->deflate_vq, &sg, 1, vb,
					  GFP_KERNEL));
	virtqueue_kick(vb->deflate_vq);
	while (!virtqueue_get_buf(vb->deflate_vq, &len))
		usleep(100);
	mutex_unlock(&vb->balloon_lock);
	EXPECT_EQ(0, host().ballooned);
	EXPECT_EQ(6, host().errors);
	EXPECT_FALSE(vq_broken(vb));
	__free_page(mine);
	self->expect_errors = 6;

	/* The driver is unharmed. */
	EXPECT_EQ(VBDEV_REACHED, balloon_frames(300));
	EXPECT_EQ(0, balloon_sets_disagree(vb));
}

/* A guest that misuses the registers is told so, and nothing breaks. */
TEST_F(balloon, balloon_register_misuse_is_reported)
{
	struct virtio_balloon *vb = the_balloon();
	struct vbdev_state st = host();

	EXPECT_EQ(VIRTIO_CONFIG_S_ACKNOWLEDGE | VIRTIO_CONFIG_S_DRIVER |
		  VIRTIO_CONFIG_S_FEATURES_OK | VIRTIO_CONFIG_S_DRIVER_OK,
		  vb->vdev->config->get_status(vb->vdev));
	/* num_pages is the host's: a driver writing it is refused. */
	virtio_cwrite32(vb->vdev, 0, 12345);
	EXPECT_EQ(st.errors + 1, host().errors);
	EXPECT_EQ(st.num_pages, host().num_pages);
	EXPECT_TRUE(dmesg_has("only actual is the driver's"));
	self->expect_errors = st.errors + 1;
	EXPECT_EQ(VBDEV_REACHED, balloon_frames(10));
}

/*
 * The monitor's words: "info balloon" in MiB; a target beyond memory is
 * clamped and said; a target the guest cannot reach is waited for until
 * progress stops, and where it stopped is said.
 */
TEST_F(balloon, balloon_monitor_says_what_it_did)
{
	struct console_out o;
	char want[128];
	unsigned int actual;

	EXPECT_EQ(0, console("info balloon", &o));
	EXPECT_STREQ("balloon: actual=64\n", o.out);
	EXPECT_EQ(0, console("balloon 40; info balloon", &o));
	EXPECT_STREQ("balloon: actual=40\n", o.out);
	EXPECT_STREQ("", o.err);
	EXPECT_EQ(0, console("balloon 1G", &o));
	EXPECT_STREQ("balloon: 1024M is more than the guest's memory (64M): asking for 64M\n",
		     o.out);
	EXPECT_EQ(0, host().ballooned);

	EXPECT_EQ(0, console("balloon 1", &o));
	actual = vbdev_actual_bytes() >> 20;
	printf("# %s", o.out);
	EXPECT_LT(1, actual);
	EXPECT_GT(8, actual);
	snprintf(want, sizeof(want),
		 "balloon: stopped at actual=%u (target 1): the guest made no more progress\n",
		 actual);
	EXPECT_STREQ(want, o.out);
	quiesce();
	EXPECT_EQ(0, balloon_sets_disagree(the_balloon()));

	EXPECT_EQ(-EINVAL, console("balloon 3X", &o));
	EXPECT_STREQ("umm: balloon: bad size '3X' (MiB, or a number with K, M or G)\n",
		     o.err);
	EXPECT_EQ(-EINVAL, console("balloon -1", &o));
	EXPECT_STREQ("umm: balloon: bad size '-1': a target cannot be negative\n",
		     o.err);
	/* Refused: the balloon stayed where it was. */
	EXPECT_EQ(actual, vbdev_actual_bytes() >> 20);
}

/* Boot parameters take booleans and numbers only. */
TEST(balloon_bad_boot_parameters_stop_the_boot)
{
	EXPECT_EQ(-EINVAL, umm_boot("mem=64M virtio_balloon.movable=2 " DEV));
}

TEST(balloon_bad_device_parameter_stops_the_boot)
{
	EXPECT_EQ(-EINVAL, umm_boot("mem=64M virtio_balloon_dev.enable=maybe"));
}

TEST(balloon_bad_oom_pages_stops_the_boot)
{
	EXPECT_EQ(-EINVAL, umm_boot("mem=64M virtio_balloon.oom_pages=-1 " DEV));
}

/* Without the device there is no balloon, and the monitor says so. */
TEST(balloon_without_device_is_absent)
{
	enum vbdev_balloon_result res;

	ASSERT_EQ(0, umm_boot("mem=64M"));
	EXPECT_FALSE(vbdev_present());
	EXPECT_EQ(NULL, virtio_find_device_by_name("virtio0"));
	EXPECT_EQ(-ENODEV, vbdev_balloon(32 * MB, &res));
}

UMM_TEST_MAIN
