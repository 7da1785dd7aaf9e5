// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/drivers/virtio_balloon_dev.c - the host's virtio-balloon device
 *
 * What QEMU is to a guest's balloon, this is to umm's: a virtio-mmio
 * device (device ID 5; the transport is virtio_mmio_dev.c) with the
 * balloon's rules.  It is host code in spirit: it knows the guest only
 * as RAM (frames at __va()) and registers, never its struct pages or its
 * lists, and it keeps its own state in host memory
 * (host_ops.mem_zalloc()).
 *
 * The balloon proper:
 *   - a set of frames the host has (a bitmap over guest RAM);
 *   - inflate: each frame number must be inside guest RAM and not in the
 *     set already; it joins the set, the buffer is acknowledged, and its
 *     memory goes back to the host's OS later (see "discards" below);
 *   - deflate: the frame must be in the set; it leaves it.  With
 *     VIRTIO_BALLOON_F_MUST_TELL_HOST the guest must not have touched it
 *     meanwhile: a discarded frame must still read as zeroes, as the
 *     discard left it (the host writes nothing into frames, and discards
 *     only frames it has);
 *   - config: num_pages is the host's target, set by the monitor's
 *     "balloon" (balloon_monitor.c); actual is written by the driver,
 *     and must equal the size of the set whenever the driver writes it;
 *   - stats: the host keeps the buffer the driver leaves on the stats
 *     queue and hands it back when it wants statistics.
 *
 * Discards: when the host gives an inflated frame's memory back
 * (host_ops.ram_discard(), MADV_DONTNEED: the process's resident memory
 * drops) is the VMM's choice, not the protocol's.  QEMU discards each page
 * as the buffer comes, a system call per 4 KiB page; Linux's free page
 * reporting hands the host 2 MiB and larger chunks in batches.  This
 * device acknowledges at once and keeps the frame in a pending set; the
 * set is flushed, sorted and in runs of consecutive frames (one discard
 * per run), once it holds discard_batch frames, when the I/O thread has
 * been idle for a moment, when the monitor acts or reports (balloon,
 * info balloon, statistics) and at reset.  A frame deflated while still
 * pending leaves the set and is never discarded: the guest is about to
 * use it again, and a late discard would wipe what it writes.  Such a
 * frame still holds what the guest left in it, so the MUST_TELL_HOST
 * check cannot apply to it.  discard_batch=1 discards each frame as it
 * comes, as QEMU does.
 *
 * Protocol errors (a frame outside RAM, inflated twice, deflated without
 * having been inflated, a buffer that is not whole frame numbers) are
 * reported on the console, counted, and the offending item skipped.
 *
 * The device's I/O thread is "vballoon-host"; with umm.deterministic=1
 * there is none (see virtio_mmio_dev.c).
 *
 * Locking: the device's (virtio_mmio_dev.h): process_lock covers the set,
 * the pending discards, the statistics and the test faults; lock covers
 * the config space.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <linux/virtio_byteorder.h>
#include <linux/virtio_ids.h>
#include <asm/host_ops.h>
#include "virtio_balloon_dev.h"

#define VBDEV_QUEUE_SIZE	128	/* QEMU's balloon queues */
#define VBDEV_IRQ		5

/* Boot parameters: the device's properties, as QEMU's -device takes them. */
static bool enable;
module_param(enable, bool, 0444);
MODULE_PARM_DESC(enable, "plug a virtio-balloon device (QEMU's -device virtio-balloon)");
static bool deflate_on_oom;
module_param(deflate_on_oom, bool, 0444);
MODULE_PARM_DESC(deflate_on_oom, "offer VIRTIO_BALLOON_F_DEFLATE_ON_OOM");
static bool stats = true;
module_param(stats, bool, 0444);
MODULE_PARM_DESC(stats, "offer VIRTIO_BALLOON_F_STATS_VQ");
static bool must_tell_host = true;
module_param(must_tell_host, bool, 0444);
MODULE_PARM_DESC(must_tell_host, "offer VIRTIO_BALLOON_F_MUST_TELL_HOST");
static unsigned int discard_batch = VBDEV_DISCARD_BATCH;
module_param(discard_batch, uint, 0444);
MODULE_PARM_DESC(discard_batch, "inflated frames held before the host discards them (0 or 1: each at once)");

static const char * const vbdev_queue_names[] = {
	"inflate", "deflate", "stats"
};

struct vbdev *vbdev;

static struct vbdev *to_vbdev(struct virtio_mmio_dev *vmd)
{
	return container_of(vmd, struct vbdev, vmd);
}

/* ---- the config space ------------------------------------------------------ */

/**
 * vbdev_set_target - the host changes its target: a config change
 * @dev: the device
 * @num_pages: frames the host wants
 */
void vbdev_set_target(struct vbdev *dev, u32 num_pages)
{
	spin_lock(&dev->vmd.lock);
	dev->num_pages = num_pages;
	dev->vmd.config_generation++;
	spin_unlock(&dev->vmd.lock);
	virtio_mmio_dev_interrupt(&dev->vmd, VIRTIO_MMIO_INT_CONFIG);
}

/* The config space as bytes: num_pages, then actual, little-endian. */
static void vbdev_config_image(struct vbdev *dev, u8 cfg[8])
{
	__le32 v;

	v = (__force __le32)__cpu_to_virtio32(true, dev->num_pages);
	memcpy(cfg, &v, 4);
	v = (__force __le32)__cpu_to_virtio32(true, dev->actual);
	memcpy(cfg + 4, &v, 4);
}

static u32 vbdev_config_read(struct virtio_mmio_dev *vmd, unsigned int off,
			     unsigned int size)
{
	struct vbdev *dev = to_vbdev(vmd);
	u8 cfg[sizeof(struct virtio_balloon_config)];
	u32 val = 0;

	if (off + size > sizeof(cfg)) {
		virtio_mmio_dev_error(vmd, "%u-byte config read at %u, past the config space",
				      size, off);
		return 0;
	}
	spin_lock(&vmd->lock);
	vbdev_config_image(dev, cfg);
	spin_unlock(&vmd->lock);
	memcpy(&val, cfg + off, size);
	return val;
}

/*
 * The driver writes actual.  When it does, its count and the host's set
 * must agree: the driver writes it between batches, never in the middle
 * of one.
 */
static void vbdev_config_write(struct virtio_mmio_dev *vmd, unsigned int off,
			       u32 value, unsigned int size)
{
	const unsigned int actual_off =
		offsetof(struct virtio_balloon_config, actual);
	struct vbdev *dev = to_vbdev(vmd);
	u8 cfg[sizeof(struct virtio_balloon_config)];
	unsigned long ballooned;
	__le32 v;
	u32 actual;

	if (off < actual_off || off + size > sizeof(cfg)) {
		virtio_mmio_dev_error(vmd, "%u-byte config write at %u: only actual is the driver's",
				      size, off);
		return;
	}
	mutex_lock(&vmd->process_lock);
	spin_lock(&vmd->lock);
	vbdev_config_image(dev, cfg);
	memcpy(cfg + off, &value, size);
	memcpy(&v, cfg + actual_off, 4);
	actual = __virtio32_to_cpu(true, (__force __virtio32)v);
	WRITE_ONCE(dev->actual, actual);
	spin_unlock(&vmd->lock);
	ballooned = dev->nr_ballooned;
	mutex_unlock(&vmd->process_lock);

	if (size == 4 && actual != ballooned)
		virtio_mmio_dev_error(vmd, "the driver says the host has %u frames, it has %lu",
				      actual, ballooned);
	wake_up_all(&dev->monitor_wait);
}

/* ---- the balloon ---------------------------------------------------------- */

/*
 * Give the pending frames' memory back to the host's OS: sorted, one
 * discard per run of consecutive frames.  Under process_lock.
 */
static void __vbdev_flush_discards(struct vbdev *dev)
{
	unsigned long start = dev->pending_lo, end, limit = dev->pending_hi + 1;
	u64 t;

	if (!dev->nr_pending)
		return;
	t = host_ops.time_ns();
	for (;;) {
		start = find_next_bit(dev->discard_pending, limit, start);
		if (start >= limit)
			break;
		end = find_next_zero_bit(dev->discard_pending, limit, start);
		bitmap_clear(dev->discard_pending, start, end - start);
		host_ops.ram_discard(pfn_to_virt(start),
				     (end - start) << PAGE_SHIFT);
		dev->discards++;
		dev->discarded += end - start;
		start = end;
	}
	dev->nr_pending = 0;
	dev->discard_ns += host_ops.time_ns() - t;
}

/**
 * vbdev_flush_discards - give every pending frame back to the host's OS now
 * @dev: the device
 *
 * The monitor calls it before it acts or reports, the I/O thread once it
 * is idle: the process's resident memory then shows what the balloon holds.
 */
void vbdev_flush_discards(struct vbdev *dev)
{
	mutex_lock(&dev->vmd.process_lock);
	__vbdev_flush_discards(dev);
	mutex_unlock(&dev->vmd.process_lock);
}

/* The host got frame @pfn: discard it, now or with the batch. */
static void vbdev_discard_later(struct vbdev *dev, unsigned long pfn)
{
	__set_bit(pfn, dev->discard_pending);
	if (!dev->nr_pending++) {
		dev->pending_lo = pfn;
		dev->pending_hi = pfn;
	} else {
		dev->pending_lo = min(dev->pending_lo, pfn);
		dev->pending_hi = max(dev->pending_hi, pfn);
	}
	if (dev->nr_pending >= discard_batch)
		__vbdev_flush_discards(dev);
}

/*
 * Frame @pfn is deflated: if its discard is still pending, it never
 * happens.  Returns true if it was pending (its memory was never given
 * back).
 */
static bool vbdev_discard_cancel(struct vbdev *dev, unsigned long pfn)
{
	if (!dev->nr_pending || !test_bit(pfn, dev->discard_pending))
		return false;
	__clear_bit(pfn, dev->discard_pending);
	dev->nr_pending--;
	dev->discard_cancelled++;
	return true;
}

/* Under process_lock. */
static void vbdev_inflate(struct vbdev *dev, const u32 *pfns, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned long pfn = pfns[i];

		if (pfn >= max_pfn) {
			virtio_mmio_dev_error(&dev->vmd, "inflate of frame %lu, outside guest memory (%lu frames)",
					      pfn, max_pfn);
			continue;
		}
		if (test_bit(pfn, dev->ballooned)) {
			virtio_mmio_dev_error(&dev->vmd, "frame %lu inflated twice",
					      pfn);
			continue;
		}
		__set_bit(pfn, dev->ballooned);
		dev->nr_ballooned++;
		WRITE_ONCE(dev->inflated, dev->inflated + 1);
		vbdev_discard_later(dev, pfn);
	}
}

/* Under process_lock. */
static void vbdev_deflate(struct vbdev *dev, const u32 *pfns, unsigned int n)
{
	bool check = (dev->vmd.driver_features &
		      BIT_ULL(VIRTIO_BALLOON_F_MUST_TELL_HOST)) ||
		     dev->fault == VBDEV_FAULT_CHECK_REUSE;
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned long pfn = pfns[i];
		bool kept;

		if (pfn >= max_pfn) {
			virtio_mmio_dev_error(&dev->vmd, "deflate of frame %lu, outside guest memory (%lu frames)",
					      pfn, max_pfn);
			continue;
		}
		if (!test_bit(pfn, dev->ballooned)) {
			virtio_mmio_dev_error(&dev->vmd, "deflate of frame %lu, which the host never got",
					      pfn);
			continue;
		}
		/* Never discarded, it holds what the guest left: no check. */
		kept = vbdev_discard_cancel(dev, pfn);
		/* Still as the discard left it, or the guest used it early. */
		if (check && !kept &&
		    memchr_inv(pfn_to_virt(pfn), 0, PAGE_SIZE)) {
			virtio_mmio_dev_error(&dev->vmd, "frame %lu was written by the guest while the host had it",
					      pfn);
			WRITE_ONCE(dev->reused, dev->reused + 1);
		}
		__clear_bit(pfn, dev->ballooned);
		dev->nr_ballooned--;
		WRITE_ONCE(dev->deflated, dev->deflated + 1);
	}
}

/* Frame numbers for queue @qi (inflate or deflate); under process_lock. */
static void vbdev_pfns(struct vbdev *dev, unsigned int qi, const u32 *pfns,
		       unsigned int n)
{
	if (qi == VBDEV_INFLATE_Q)
		vbdev_inflate(dev, pfns, n);
	else
		vbdev_deflate(dev, pfns, n);
}

/* A buffer of frame numbers (little-endian u32s), under process_lock. */
static void vbdev_pfn_buffer(struct vbdev *dev, unsigned int qi,
			     const void *buf, u32 len)
{
	u32 pfns[64];
	unsigned int n = len / 4, i, chunk;

	for (i = 0; i < n; i += chunk) {
		unsigned int j;

		chunk = min_t(unsigned int, n - i, ARRAY_SIZE(pfns));
		for (j = 0; j < chunk; j++) {
			__virtio32 v;

			memcpy(&v, (const u8 *)buf + (i + j) * 4, 4);
			pfns[j] = __virtio32_to_cpu(true, v);
		}
		vbdev_pfns(dev, qi, pfns, chunk);
	}
}

/* The driver's statistics, as (tag, value) pairs; under process_lock. */
static void vbdev_stats_buffer(struct vbdev *dev, const void *buf, u32 len)
{
	const unsigned int size = sizeof(struct virtio_balloon_stat);
	unsigned int i;

	if (len % size) {
		virtio_mmio_dev_error(&dev->vmd, "stats buffer of %u bytes, not a multiple of %u",
				      len, size);
		return;
	}
	for (i = 0; i < len / size; i++) {
		struct virtio_balloon_stat s;
		u16 tag;

		memcpy(&s, (const u8 *)buf + i * size, size);
		tag = __virtio16_to_cpu(true, s.tag);
		/* Tags the device does not know are ignored, as the spec says. */
		if (tag < VIRTIO_BALLOON_S_NR)
			dev->stats[tag] = s;
	}
	WRITE_ONCE(dev->stats_updates, dev->stats_updates + 1);
}

/* ---- the queues ------------------------------------------------------------ */

static int vbdev_buffer(struct virtio_mmio_dev *vmd, unsigned int qi,
			const void *buf, u32 len)
{
	struct vbdev *dev = to_vbdev(vmd);

	if (qi == VBDEV_STATS_Q) {
		vbdev_stats_buffer(dev, buf, len);
		return 0;
	}
	if (len % 4) {
		virtio_mmio_dev_error(vmd, "%s queue: buffer of %u bytes, not whole frame numbers",
				      vbdev_queue_names[qi], len);
		return -EINVAL;
	}
	vbdev_pfn_buffer(dev, qi, buf, len);
	return 0;
}

/* The stats buffer is kept until the host wants statistics again. */
static bool vbdev_chain(struct virtio_mmio_dev *vmd, unsigned int qi,
			u16 head)
{
	struct vbdev *dev = to_vbdev(vmd);

	if (qi == VBDEV_STATS_Q)
		return true;
	if (qi == VBDEV_INFLATE_Q && dev->fault == VBDEV_FAULT_RETARGET &&
	    !--dev->fault_arg) {
		dev->fault = VBDEV_FAULT_NONE;
		dev->retarget_pending = true;
		dev->retarget_to = dev->fault_arg2;
	}
	return false;
}

static void vbdev_processed(struct virtio_mmio_dev *vmd, unsigned int qi)
{
	struct vbdev *dev = to_vbdev(vmd);
	bool retarget;
	u32 target;

	wake_up_all(&dev->monitor_wait);
	mutex_lock(&vmd->process_lock);
	retarget = dev->retarget_pending;
	target = dev->retarget_to;
	dev->retarget_pending = false;
	mutex_unlock(&vmd->process_lock);
	if (retarget)
		vbdev_set_target(dev, target);
}

/* The I/O thread has been idle for a while: the batch need not wait. */
static void vbdev_idle(struct virtio_mmio_dev *vmd)
{
	vbdev_flush_discards(to_vbdev(vmd));
}

/*
 * The driver reset the device: the guest has all its frames again.  What
 * the host still had pending is discarded first, as it would have been.
 */
static void vbdev_reset(struct virtio_mmio_dev *vmd)
{
	struct vbdev *dev = to_vbdev(vmd);

	__vbdev_flush_discards(dev);
	spin_lock(&vmd->lock);
	WRITE_ONCE(dev->actual, 0);
	spin_unlock(&vmd->lock);
	bitmap_zero(dev->ballooned, max_pfn);
	dev->nr_ballooned = 0;
	dev->fault = VBDEV_FAULT_NONE;
	wake_up_all(&dev->monitor_wait);
}

static const struct virtio_mmio_dev_ops vbdev_ops = {
	.config_read	= vbdev_config_read,
	.config_write	= vbdev_config_write,
	.buffer		= vbdev_buffer,
	.chain		= vbdev_chain,
	.processed	= vbdev_processed,
	.idle		= vbdev_idle,
	.reset		= vbdev_reset,
};

/* ---- for tests ----------------------------------------------------------- */

/**
 * vbdev_set_num_pages - write the target as is, absurd or not (tests)
 * @num_pages: frames the host asks for
 */
void vbdev_set_num_pages(u32 num_pages)
{
	if (vbdev)
		vbdev_set_target(vbdev, num_pages);
}

/**
 * vbdev_inject - make the device misbehave on purpose (tests)
 * @fault: what to do (VBDEV_FAULT_NONE clears it)
 * @arg: its argument
 * @arg2: its second argument
 */
void vbdev_inject(enum vbdev_fault fault, unsigned long arg,
		  unsigned long arg2)
{
	if (!vbdev)
		return;
	mutex_lock(&vbdev->vmd.process_lock);
	vbdev->fault = fault;
	vbdev->fault_arg = arg;
	vbdev->fault_arg2 = arg2;
	vbdev->vmd.bad_used_id = fault == VBDEV_FAULT_USED_ID;
	vbdev->vmd.used_id = arg;
	mutex_unlock(&vbdev->vmd.process_lock);
}

/**
 * vbdev_process_pfns - take frame numbers as if they came on a queue (tests)
 * @qi: VBDEV_INFLATE_Q or VBDEV_DEFLATE_Q
 * @pfns: frame numbers
 * @n: how many
 */
void vbdev_process_pfns(unsigned int qi, const u32 *pfns, unsigned int n)
{
	if (!vbdev)
		return;
	mutex_lock(&vbdev->vmd.process_lock);
	vbdev_pfns(vbdev, qi, pfns, n);
	mutex_unlock(&vbdev->vmd.process_lock);
}

/**
 * vbdev_unplug - take the device away
 *
 * The guest's driver is unbound: it gives every frame back and resets
 * the device.
 */
void vbdev_unplug(void)
{
	if (vbdev)
		virtio_mmio_dev_unplug(&vbdev->vmd);
}

/**
 * vbdev_plug - bring the device (back)
 *
 * Return: 0; -ENODEV without virtio_balloon_dev.enable=1; -EBUSY if it is
 * plugged; or what probing the window returned.
 */
int vbdev_plug(void)
{
	if (!vbdev)
		return -ENODEV;
	return virtio_mmio_dev_plug(&vbdev->vmd);
}

/* ---- boot ------------------------------------------------------------------- */

static int __init vbdev_init(void)
{
	struct vbdev *dev;
	struct virtio_mmio_dev *vmd;

	if (!enable)
		return 0;
	dev = host_ops.mem_zalloc(sizeof(*dev));
	if (dev) {
		dev->ballooned = host_ops.mem_zalloc(BITS_TO_LONGS(max_pfn) *
						     sizeof(long));
		dev->discard_pending =
			host_ops.mem_zalloc(BITS_TO_LONGS(max_pfn) *
					    sizeof(long));
	}
	if (!dev || !dev->ballooned || !dev->discard_pending) {
		pr_err("virtio_balloon_dev: no host memory for the device\n");
		if (dev) {
			host_ops.mem_free(dev->ballooned);
			host_ops.mem_free(dev->discard_pending);
		}
		host_ops.mem_free(dev);
		return -ENOMEM;
	}
	init_waitqueue_head(&dev->monitor_wait);
	vmd = &dev->vmd;
	vmd->name = "virtio_balloon_dev";
	vmd->ops = &vbdev_ops;
	vmd->device_id = VIRTIO_ID_BALLOON;
	vmd->host_features = BIT_ULL(VIRTIO_F_VERSION_1);
	if (must_tell_host)
		vmd->host_features |= BIT_ULL(VIRTIO_BALLOON_F_MUST_TELL_HOST);
	if (stats)
		vmd->host_features |= BIT_ULL(VIRTIO_BALLOON_F_STATS_VQ);
	if (deflate_on_oom)
		vmd->host_features |= BIT_ULL(VIRTIO_BALLOON_F_DEFLATE_ON_OOM);
	vmd->nr_queues = stats ? 3 : 2;
	vmd->queue_names = vbdev_queue_names;
	vmd->queue_num_max = VBDEV_QUEUE_SIZE;
	vmd->window.name = "virtio-balloon";
	vmd->window.irq = VBDEV_IRQ;
	virtio_mmio_dev_init(vmd, "vballoon-host");

	vbdev = dev;
	vbdev_debugfs_init(dev);
	return vbdev_plug();
}
arch_initcall(vbdev_init);
