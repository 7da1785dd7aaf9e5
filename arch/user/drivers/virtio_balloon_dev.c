// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/drivers/virtio_balloon_dev.c - the host's virtio-balloon device
 *
 * What QEMU is to a guest's balloon, this is to umm's: a virtio-mmio
 * device (version 2, device ID 5) behind a register window, answering
 * the guest's register accesses (<linux/virtio_mmio.h>), reading the
 * guest's rings in guest memory, and interrupting it.  It is host code in
 * spirit: it knows the guest only as RAM (frames at __va()) and
 * registers, never its struct pages or its lists, and it keeps its own
 * state in host memory (host_ops.mem_zalloc()).
 *
 * The balloon proper:
 *   - a set of frames the host has (a bitmap over guest RAM);
 *   - inflate: each frame number must be inside guest RAM and not in the
 *     set already; it joins the set and its memory goes back to the host
 *     (host_ops.ram_discard(), i.e. MADV_DONTNEED), so the process's
 *     resident memory drops; runs of consecutive frames are discarded at
 *     once;
 *   - deflate: the frame must be in the set; it leaves it.  With
 *     VIRTIO_BALLOON_F_MUST_TELL_HOST the guest must not have touched it
 *     meanwhile: the frame must still read as zeroes, as the discard
 *     left it (the host writes nothing into frames, and discards only
 *     frames it has);
 *   - config: num_pages is the host's target, set by the monitor's
 *     "balloon"; actual is written by the driver, and must equal the
 *     size of the set whenever the driver writes it;
 *   - stats: the host keeps the buffer the driver leaves on the stats
 *     queue and hands it back when it wants statistics.
 * Protocol errors (a frame outside RAM, inflated twice, deflated without
 * having been inflated, a malformed ring or buffer, a register misused)
 * are reported on the console, counted, and the offending item skipped.
 *
 * Threads: by default the device has its own thread, "vballoon-host"
 * (a kernel thread only so that it may take the kernel's locks; it plays
 * the VMM's I/O thread).  A kick (QUEUE_NOTIFY) sets a bit in a doorbell
 * word and wakes the thread through the host's futex, like an ioeventfd;
 * the thread processes the queue and raises the interrupt, so the guest's
 * interrupt handler runs in the device's thread.  With
 * umm.deterministic=1 there is no thread: a kick is processed at once, in
 * the context of the guest code that kicked, and the interrupt is raised
 * there too; the monitor's waits let the guest's deferred work run
 * (flush_workqueue()) instead of sleeping.  Either way a kick before
 * DRIVER_OK is kept until DRIVER_OK.
 *
 * Locking: process_lock (a mutex: queue processing, the set, ring
 * mappings, statistics), then lock (a spinlock: registers, config,
 * interrupt status).  No device lock is held while the guest's interrupt
 * handler runs.  The guest may hold its own locks when it kicks (the
 * balloon's balloon_lock, page locks during migration): the device never
 * calls back into the guest with process_lock held.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/wait.h>
#include <linux/kthread.h>
#include <linux/workqueue.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/ktime.h>
#include <linux/umm.h>
#include <linux/virtio_byteorder.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_mmio.h>
#include <linux/virtio_ring.h>
#include <linux/virtio_balloon.h>
#include <asm/host_ops.h>
#include "virtio_balloon_dev.h"

#define VBDEV_NR_QUEUES		3
#define VBDEV_QUEUE_SIZE	128	/* QEMU's balloon queues */
#define VBDEV_VENDOR_ID		0x006d6d75	/* "umm" */
#define VBDEV_IRQ		5
/* Errors printed; the rest are only counted. */
#define VBDEV_MAX_REPORTS	20
/* The monitor's patience: this long without progress means stalled. */
#define VBDEV_STALL_NS		(2ULL * NSEC_PER_SEC)

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


struct vbdev_queue {
	/* Registers (under lock; fixed while ready). */
	u32 num;
	u32 ready;
	u64 desc_addr, avail_addr, used_addr;
	/* The rings, in guest memory; the rest under process_lock. */
	struct vring vring;
	u16 last_avail_idx;
	u16 used_idx;
	/* The stats queue: the buffer the device keeps. */
	bool holding;
	u16 held_head;
};

struct vbdev {
	struct virtio_mmio_window window;
	bool plugged;

	struct mutex process_lock;
	spinlock_t lock;

	/* Registers and config, under lock. */
	u32 status;
	u32 device_features_sel, driver_features_sel, queue_sel;
	u64 host_features, driver_features;
	u32 isr;
	u32 config_generation;
	u32 num_pages, actual;
	u32 pending_kicks;		/* before DRIVER_OK */
	struct vbdev_queue vqs[VBDEV_NR_QUEUES];

	/* The balloon, under process_lock. */
	unsigned long *ballooned;	/* bitmap over guest frames */
	unsigned long nr_ballooned;
	unsigned long inflated, deflated, reused;
	struct virtio_balloon_stat stats[VIRTIO_BALLOON_S_NR];
	unsigned long stats_updates;

	atomic_long_t errors;
	atomic_long_t kicks;
	atomic_long_t interrupts;

	/* Test faults, under process_lock. */
	enum vbdev_fault fault;
	unsigned long fault_arg, fault_arg2;
	bool retarget_pending;
	u32 retarget_to;

	/* The device's thread and its doorbell (a futex word). */
	struct task_struct *thread;
	u32 doorbell;

	/* The monitor waits here for actual and statistics to change. */
	wait_queue_head_t monitor_wait;
	struct dentry *debugfs;
};

static struct vbdev *vbdev;

static void vbdev_error(struct vbdev *dev, const char *fmt, ...)
	__printf(2, 3);

/* Report a protocol error (the first ones in full) and count it. */
static void vbdev_error(struct vbdev *dev, const char *fmt, ...)
{
	long n = atomic_long_inc_return(&dev->errors);
	char buf[160];
	va_list args;

	if (n > VBDEV_MAX_REPORTS + 1)
		return;
	if (n == VBDEV_MAX_REPORTS + 1) {
		pr_err("virtio_balloon_dev: further protocol errors are counted, not printed\n");
		return;
	}
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_err("virtio_balloon_dev: protocol error: %s\n", buf);
}

static u16 le16_val(__virtio16 v)
{
	return __virtio16_to_cpu(true, v);
}

static u32 le32_val(__virtio32 v)
{
	return __virtio32_to_cpu(true, v);
}

/* Is [@addr, @addr + @len) inside guest RAM? */
static bool vbdev_guest_range(u64 addr, u64 len)
{
	u64 ram = (u64)max_pfn << PAGE_SHIFT;

	return addr < ram && len <= ram - addr;
}

/* ---- interrupts and the config space ------------------------------------- */

static void vbdev_interrupt(struct vbdev *dev, u32 bits)
{
	spin_lock(&dev->lock);
	dev->isr |= bits;
	spin_unlock(&dev->lock);
	atomic_long_inc(&dev->interrupts);
	virtio_mmio_raise_irq(&dev->window);
}

/* The host changes its target: a config change. */
static void vbdev_set_target(struct vbdev *dev, u32 num_pages)
{
	spin_lock(&dev->lock);
	dev->num_pages = num_pages;
	dev->config_generation++;
	spin_unlock(&dev->lock);
	vbdev_interrupt(dev, VIRTIO_MMIO_INT_CONFIG);
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

static u32 vbdev_config_read(struct vbdev *dev, unsigned int off,
			     unsigned int size)
{
	u8 cfg[sizeof(struct virtio_balloon_config)];
	u32 val = 0;

	if (off + size > sizeof(cfg)) {
		vbdev_error(dev, "%u-byte config read at %u, past the config space",
			    size, off);
		return 0;
	}
	spin_lock(&dev->lock);
	vbdev_config_image(dev, cfg);
	spin_unlock(&dev->lock);
	memcpy(&val, cfg + off, size);
	return val;
}

/*
 * The driver writes actual.  When it does, its count and the host's set
 * must agree: the driver writes it between batches, never in the middle
 * of one.
 */
static void vbdev_config_write(struct vbdev *dev, unsigned int off,
			       u32 value, unsigned int size)
{
	const unsigned int actual_off =
		offsetof(struct virtio_balloon_config, actual);
	u8 cfg[sizeof(struct virtio_balloon_config)];
	unsigned long ballooned;
	__le32 v;
	u32 actual;

	if (off < actual_off || off + size > sizeof(cfg)) {
		vbdev_error(dev, "%u-byte config write at %u: only actual is the driver's",
			    size, off);
		return;
	}
	mutex_lock(&dev->process_lock);
	spin_lock(&dev->lock);
	vbdev_config_image(dev, cfg);
	memcpy(cfg + off, &value, size);
	memcpy(&v, cfg + actual_off, 4);
	actual = __virtio32_to_cpu(true, (__force __virtio32)v);
	WRITE_ONCE(dev->actual, actual);
	spin_unlock(&dev->lock);
	ballooned = dev->nr_ballooned;
	mutex_unlock(&dev->process_lock);

	if (size == 4 && actual != ballooned)
		vbdev_error(dev, "the driver says the host has %u frames, it has %lu",
			    actual, ballooned);
	wake_up_all(&dev->monitor_wait);
}

/* ---- the balloon ---------------------------------------------------------- */

static void vbdev_discard(unsigned long pfn, unsigned long nr)
{
	if (nr)
		host_ops.ram_discard(pfn_to_virt(pfn), nr << PAGE_SHIFT);
}

/* Under process_lock. */
static void vbdev_inflate(struct vbdev *dev, const u32 *pfns, unsigned int n)
{
	unsigned long run_start = 0, run_len = 0;
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned long pfn = pfns[i];

		if (pfn >= max_pfn) {
			vbdev_error(dev, "inflate of frame %lu, outside guest memory (%lu frames)",
				    pfn, max_pfn);
			continue;
		}
		if (test_bit(pfn, dev->ballooned)) {
			vbdev_error(dev, "frame %lu inflated twice", pfn);
			continue;
		}
		__set_bit(pfn, dev->ballooned);
		dev->nr_ballooned++;
		WRITE_ONCE(dev->inflated, dev->inflated + 1);
		if (run_len && pfn == run_start + run_len) {
			run_len++;
			continue;
		}
		vbdev_discard(run_start, run_len);
		run_start = pfn;
		run_len = 1;
	}
	vbdev_discard(run_start, run_len);
}

/* Under process_lock. */
static void vbdev_deflate(struct vbdev *dev, const u32 *pfns, unsigned int n)
{
	bool check = (dev->driver_features &
		      BIT_ULL(VIRTIO_BALLOON_F_MUST_TELL_HOST)) ||
		     dev->fault == VBDEV_FAULT_CHECK_REUSE;
	unsigned int i;

	for (i = 0; i < n; i++) {
		unsigned long pfn = pfns[i];

		if (pfn >= max_pfn) {
			vbdev_error(dev, "deflate of frame %lu, outside guest memory (%lu frames)",
				    pfn, max_pfn);
			continue;
		}
		if (!test_bit(pfn, dev->ballooned)) {
			vbdev_error(dev, "deflate of frame %lu, which the host never got",
				    pfn);
			continue;
		}
		/* Still as the discard left it, or the guest used it early. */
		if (check && memchr_inv(pfn_to_virt(pfn), 0, PAGE_SIZE)) {
			vbdev_error(dev, "frame %lu was written by the guest while the host had it",
				    pfn);
			WRITE_ONCE(dev->reused, dev->reused + 1);
		}
		__clear_bit(pfn, dev->ballooned);
		dev->nr_ballooned--;
		WRITE_ONCE(dev->deflated, dev->deflated + 1);
	}
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
			pfns[j] = le32_val(v);
		}
		if (qi == VBDEV_INFLATE_Q)
			vbdev_inflate(dev, pfns, chunk);
		else
			vbdev_deflate(dev, pfns, chunk);
	}
}

/* The driver's statistics, as (tag, value) pairs; under process_lock. */
static void vbdev_stats_buffer(struct vbdev *dev, const void *buf, u32 len)
{
	const unsigned int size = sizeof(struct virtio_balloon_stat);
	unsigned int i;

	if (len % size) {
		vbdev_error(dev, "stats buffer of %u bytes, not a multiple of %u",
			    len, size);
		return;
	}
	for (i = 0; i < len / size; i++) {
		struct virtio_balloon_stat s;
		u16 tag;

		memcpy(&s, (const u8 *)buf + i * size, size);
		tag = le16_val(s.tag);
		/* Tags the device does not know are ignored, as the spec says. */
		if (tag < VIRTIO_BALLOON_S_NR)
			dev->stats[tag] = s;
	}
	WRITE_ONCE(dev->stats_updates, dev->stats_updates + 1);
}

/*
 * Read the chain at @head: every buffer must be device-readable and in
 * guest RAM.  Returns 0; -ERANGE if @head names no descriptor (nothing
 * to give back); -EINVAL for a bad chain (given back unprocessed).
 */
static int vbdev_walk_chain(struct vbdev *dev, unsigned int qi,
			    struct vbdev_queue *q, u16 head)
{
	static const char * const names[] = { "inflate", "deflate", "stats" };
	unsigned int n = 0;
	u16 i = head;

	if (head >= q->num) {
		vbdev_error(dev, "%s queue: head %u out of range (queue of %u)",
			    names[qi], head, q->num);
		return -ERANGE;
	}
	for (;;) {
		struct vring_desc *d = &q->vring.desc[i];
		u64 addr = __virtio64_to_cpu(true, READ_ONCE(d->addr));
		u32 len = le32_val(READ_ONCE(d->len));
		u16 flags = le16_val(READ_ONCE(d->flags));

		if (flags & (VRING_DESC_F_INDIRECT | VRING_DESC_F_WRITE)) {
			vbdev_error(dev, "%s queue: descriptor %u is %s", names[qi], i,
				    flags & VRING_DESC_F_WRITE ?
				    "device-writable" : "indirect (not negotiated)");
			return -EINVAL;
		}
		if (!vbdev_guest_range(addr, len)) {
			vbdev_error(dev, "%s queue: descriptor %u points at [%#llx, +%u), outside guest memory",
				    names[qi], i, (unsigned long long)addr, len);
			return -EINVAL;
		}
		if (qi != VBDEV_STATS_Q && len % 4) {
			vbdev_error(dev, "%s queue: buffer of %u bytes, not whole frame numbers",
				    names[qi], len);
			return -EINVAL;
		}
		if (qi == VBDEV_STATS_Q)
			vbdev_stats_buffer(dev, __va(addr), len);
		else
			vbdev_pfn_buffer(dev, qi, __va(addr), len);
		if (!(flags & VRING_DESC_F_NEXT))
			return 0;
		i = le16_val(READ_ONCE(d->next));
		if (i >= q->num || ++n >= q->num) {
			vbdev_error(dev, "%s queue: descriptor chain from %u %s",
				    names[qi], head,
				    i >= q->num ? "leaves the table" : "loops");
			return -EINVAL;
		}
	}
}

/* Put @head in the used ring (published by vbdev_publish_used()). */
static void vbdev_push_used(struct vbdev *dev, struct vbdev_queue *q,
			    u16 head)
{
	struct vring_used_elem *e = &q->vring.used->ring[q->used_idx &
							 (q->num - 1)];
	u32 id = head;

	if (dev->fault == VBDEV_FAULT_USED_ID) {
		/* A broken device: the entry names something else. */
		id = dev->fault_arg;
		dev->fault = VBDEV_FAULT_NONE;
	}
	WRITE_ONCE(e->id, __cpu_to_virtio32(true, id));
	WRITE_ONCE(e->len, __cpu_to_virtio32(true, 0));
	q->used_idx++;
}

/*
 * The new used index, after the entries; true if the driver wants an
 * interrupt for it.
 */
static bool vbdev_publish_used(struct vbdev_queue *q)
{
	/* The entries before the index; pairs with the driver's acquire. */
	vring_idx_store_release(&q->vring.used->idx,
				__cpu_to_virtio16(true, q->used_idx));
	return !(le16_val(READ_ONCE(q->vring.avail->flags)) &
		 VRING_AVAIL_F_NO_INTERRUPT);
}

/*
 * Take what the driver made available on queue @qi.  Under process_lock.
 * Returns true if the driver is to be interrupted.
 */
static bool __vbdev_process_queue(struct vbdev *dev, unsigned int qi)
{
	struct vbdev_queue *q = &dev->vqs[qi];
	unsigned int used = 0;
	u16 avail_idx;

	if (!q->ready)
		return false;
	/* Pairs with the driver's release: its entries are complete. */
	avail_idx = le16_val(vring_idx_load_acquire(&q->vring.avail->idx));
	if ((u16)(avail_idx - q->last_avail_idx) > q->num) {
		vbdev_error(dev, "queue %u: available index %u is %u entries past %u (queue of %u)",
			    qi, avail_idx, (u16)(avail_idx - q->last_avail_idx),
			    q->last_avail_idx, q->num);
		/* Believe nothing of it: catch up and wait for a reset. */
		q->last_avail_idx = avail_idx;
		return false;
	}
	while (q->last_avail_idx != avail_idx) {
		u16 head = le16_val(READ_ONCE(q->vring.avail->ring[
				q->last_avail_idx & (q->num - 1)]));

		q->last_avail_idx++;
		if (vbdev_walk_chain(dev, qi, q, head) == -ERANGE)
			continue;
		if (qi == VBDEV_STATS_Q) {
			/* Kept until the host wants statistics again. */
			if (q->holding) {
				vbdev_error(dev, "stats queue: a second buffer while one is held");
				vbdev_push_used(dev, q, q->held_head);
				used++;
			}
			q->holding = true;
			q->held_head = head;
			continue;
		}
		vbdev_push_used(dev, q, head);
		used++;
		if (qi == VBDEV_INFLATE_Q && dev->fault == VBDEV_FAULT_RETARGET &&
		    !--dev->fault_arg) {
			dev->fault = VBDEV_FAULT_NONE;
			dev->retarget_pending = true;
			dev->retarget_to = dev->fault_arg2;
		}
	}
	return used && vbdev_publish_used(q);
}

static void vbdev_process_queue(struct vbdev *dev, unsigned int qi)
{
	bool irq, retarget;
	u32 target;

	mutex_lock(&dev->process_lock);
	irq = __vbdev_process_queue(dev, qi);
	retarget = dev->retarget_pending;
	target = dev->retarget_to;
	dev->retarget_pending = false;
	mutex_unlock(&dev->process_lock);
	wake_up_all(&dev->monitor_wait);

	if (irq)
		vbdev_interrupt(dev, VIRTIO_MMIO_INT_VRING);
	if (retarget)
		vbdev_set_target(dev, target);
}

static void vbdev_process_queues(struct vbdev *dev, u32 bits)
{
	unsigned int qi;

	for (qi = 0; qi < VBDEV_NR_QUEUES; qi++)
		if (bits & BIT(qi))
			vbdev_process_queue(dev, qi);
}

/* Queues @bits were kicked (and the device is live). */
static void vbdev_kick(struct vbdev *dev, u32 bits)
{
	if (!dev->thread) {
		vbdev_process_queues(dev, bits);
		return;
	}
	__atomic_fetch_or(&dev->doorbell, bits, __ATOMIC_RELEASE);
	host_ops.futex_wake(&dev->doorbell, 1);
}

/*
 * "vballoon-host": processes the queues the doorbell names, for as long
 * as the machine runs (the device outlives unplugging: it is the VMM's).
 */
static int vbdev_thread(void *data)
{
	struct vbdev *dev = data;

	for (;;) {
		u32 bits = __atomic_exchange_n(&dev->doorbell, 0,
					       __ATOMIC_ACQUIRE);

		if (!bits) {
			host_ops.futex_wait(&dev->doorbell, 0, -1);
			continue;
		}
		vbdev_process_queues(dev, bits);
	}
	return 0;
}

/* ---- registers -------------------------------------------------------------- */

static unsigned int vbdev_nr_queues(struct vbdev *dev)
{
	return dev->host_features & BIT_ULL(VIRTIO_BALLOON_F_STATS_VQ) ? 3 : 2;
}

/* The selected queue, or NULL; under lock. */
static struct vbdev_queue *vbdev_queue(struct vbdev *dev)
{
	return dev->queue_sel < vbdev_nr_queues(dev) ?
	       &dev->vqs[dev->queue_sel] : NULL;
}

/*
 * QUEUE_READY=1: check what the driver set up, and map the rings.  Under
 * process_lock and lock.  Returns true if the queue may be used.
 */
static bool vbdev_map_queue(struct vbdev *dev, struct vbdev_queue *q)
{
	u64 desc_size = 16ULL * q->num;
	u64 avail_size = 6 + 2ULL * q->num;
	u64 used_size = 6 + 8ULL * q->num;

	if (!(dev->status & VIRTIO_CONFIG_S_FEATURES_OK)) {
		vbdev_error(dev, "queue %u made ready before FEATURES_OK",
			    dev->queue_sel);
		return false;
	}
	if (!q->num || q->num > VBDEV_QUEUE_SIZE || (q->num & (q->num - 1))) {
		vbdev_error(dev, "queue %u: size %u (a power of two up to %u)",
			    dev->queue_sel, q->num, VBDEV_QUEUE_SIZE);
		return false;
	}
	if (!IS_ALIGNED(q->desc_addr, VRING_DESC_ALIGN_SIZE) ||
	    !IS_ALIGNED(q->avail_addr, VRING_AVAIL_ALIGN_SIZE) ||
	    !IS_ALIGNED(q->used_addr, VRING_USED_ALIGN_SIZE)) {
		vbdev_error(dev, "queue %u: misaligned rings", dev->queue_sel);
		return false;
	}
	if (!vbdev_guest_range(q->desc_addr, desc_size) ||
	    !vbdev_guest_range(q->avail_addr, avail_size) ||
	    !vbdev_guest_range(q->used_addr, used_size)) {
		vbdev_error(dev, "queue %u: rings outside guest memory",
			    dev->queue_sel);
		return false;
	}
	q->vring.num = q->num;
	q->vring.desc = __va(q->desc_addr);
	q->vring.avail = __va(q->avail_addr);
	q->vring.used = __va(q->used_addr);
	q->last_avail_idx = 0;
	q->used_idx = 0;
	q->holding = false;
	return true;
}

static void vbdev_queue_ready(struct vbdev *dev, u32 val)
{
	struct vbdev_queue *q;

	mutex_lock(&dev->process_lock);
	spin_lock(&dev->lock);
	q = vbdev_queue(dev);
	if (!q)
		vbdev_error(dev, "QUEUE_READY of queue %u, which does not exist",
			    dev->queue_sel);
	else if (!val)
		q->ready = 0;
	else if (!q->ready)
		q->ready = vbdev_map_queue(dev, q);
	spin_unlock(&dev->lock);
	mutex_unlock(&dev->process_lock);
}

/* Status 0: back to the state of a device just plugged. */
static void vbdev_reset(struct vbdev *dev)
{
	mutex_lock(&dev->process_lock);
	spin_lock(&dev->lock);
	memset(dev->vqs, 0, sizeof(dev->vqs));
	dev->status = 0;
	dev->device_features_sel = 0;
	dev->driver_features_sel = 0;
	dev->queue_sel = 0;
	dev->driver_features = 0;
	dev->isr = 0;
	dev->pending_kicks = 0;
	/* The guest has all its frames again. */
	WRITE_ONCE(dev->actual, 0);
	spin_unlock(&dev->lock);
	bitmap_zero(dev->ballooned, max_pfn);
	dev->nr_ballooned = 0;
	dev->fault = VBDEV_FAULT_NONE;
	mutex_unlock(&dev->process_lock);
	wake_up_all(&dev->monitor_wait);
}

static void vbdev_write_status(struct vbdev *dev, u32 val)
{
	u32 pending = 0;

	if (!val) {
		vbdev_reset(dev);
		return;
	}
	spin_lock(&dev->lock);
	if ((val & VIRTIO_CONFIG_S_FEATURES_OK) &&
	    !(dev->status & VIRTIO_CONFIG_S_FEATURES_OK)) {
		u64 extra = dev->driver_features & ~dev->host_features;

		if (extra) {
			vbdev_error(dev, "the driver accepted features %#llx, which were not offered",
				    (unsigned long long)extra);
			val &= ~VIRTIO_CONFIG_S_FEATURES_OK;
		} else if (!(dev->driver_features & BIT_ULL(VIRTIO_F_VERSION_1))) {
			vbdev_error(dev, "the driver did not accept VIRTIO_F_VERSION_1");
			val &= ~VIRTIO_CONFIG_S_FEATURES_OK;
		}
	}
	if ((val & VIRTIO_CONFIG_S_DRIVER_OK) &&
	    !(dev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
		pending = dev->pending_kicks;
		dev->pending_kicks = 0;
	}
	dev->status = val;
	spin_unlock(&dev->lock);
	/* Kicks the driver made before it was ready. */
	if (pending)
		vbdev_kick(dev, pending);
}

static void vbdev_notify(struct vbdev *dev, u32 qi)
{
	atomic_long_inc(&dev->kicks);
	spin_lock(&dev->lock);
	if (qi >= vbdev_nr_queues(dev) || !dev->vqs[qi].ready) {
		spin_unlock(&dev->lock);
		vbdev_error(dev, "kick of queue %u, which is not ready", qi);
		return;
	}
	if (!(dev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
		dev->pending_kicks |= BIT(qi);
		spin_unlock(&dev->lock);
		return;
	}
	spin_unlock(&dev->lock);
	vbdev_kick(dev, BIT(qi));
}

/* Guest loads from the window. */
static u32 vbdev_read(struct virtio_mmio_window *w, unsigned int offset,
		      unsigned int size)
{
	struct vbdev *dev = container_of(w, struct vbdev, window);
	struct vbdev_queue *q;
	u32 val = 0;

	if (offset >= VIRTIO_MMIO_CONFIG)
		return vbdev_config_read(dev, offset - VIRTIO_MMIO_CONFIG, size);
	if (size != 4 || (offset & 3)) {
		vbdev_error(dev, "%u-byte read of register %#x", size, offset);
		return 0;
	}
	spin_lock(&dev->lock);
	q = vbdev_queue(dev);
	switch (offset) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		val = VIRTIO_MMIO_MAGIC;
		break;
	case VIRTIO_MMIO_VERSION:
		val = 2;
		break;
	case VIRTIO_MMIO_DEVICE_ID:
		val = VIRTIO_ID_BALLOON;
		break;
	case VIRTIO_MMIO_VENDOR_ID:
		val = VBDEV_VENDOR_ID;
		break;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		if (dev->device_features_sel < 2)
			val = dev->host_features >> (32 * dev->device_features_sel);
		break;
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		val = q ? VBDEV_QUEUE_SIZE : 0;
		break;
	case VIRTIO_MMIO_QUEUE_READY:
		val = q ? q->ready : 0;
		break;
	case VIRTIO_MMIO_INTERRUPT_STATUS:
		val = dev->isr;
		break;
	case VIRTIO_MMIO_STATUS:
		val = dev->status;
		break;
	case VIRTIO_MMIO_CONFIG_GENERATION:
		val = dev->config_generation;
		break;
	default:
		spin_unlock(&dev->lock);
		vbdev_error(dev, "read of register %#x (write-only or none)",
			    offset);
		return 0;
	}
	spin_unlock(&dev->lock);
	return val;
}

/* A half of a 64-bit address register. */
static void set_half(u64 *addr, unsigned int offset, u32 val)
{
	if (offset & 4)
		*addr = (*addr & 0xffffffffULL) | ((u64)val << 32);
	else
		*addr = (*addr & ~0xffffffffULL) | val;
}

/* Guest stores to the window. */
static void vbdev_write(struct virtio_mmio_window *w, unsigned int offset,
			u32 val, unsigned int size)
{
	struct vbdev *dev = container_of(w, struct vbdev, window);
	struct vbdev_queue *q;
	const char *bad = NULL;

	if (offset >= VIRTIO_MMIO_CONFIG) {
		vbdev_config_write(dev, offset - VIRTIO_MMIO_CONFIG, val, size);
		return;
	}
	if (size != 4 || (offset & 3)) {
		vbdev_error(dev, "%u-byte write of register %#x", size, offset);
		return;
	}
	switch (offset) {
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		vbdev_notify(dev, val);
		return;
	case VIRTIO_MMIO_STATUS:
		vbdev_write_status(dev, val);
		return;
	case VIRTIO_MMIO_QUEUE_READY:
		vbdev_queue_ready(dev, val);
		return;
	}

	spin_lock(&dev->lock);
	q = vbdev_queue(dev);
	switch (offset) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		dev->device_features_sel = val;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		dev->driver_features_sel = val;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		if (dev->status & VIRTIO_CONFIG_S_FEATURES_OK)
			bad = "features written after FEATURES_OK";
		else if (dev->driver_features_sel < 2)
			set_half(&dev->driver_features,
				 4 * dev->driver_features_sel, val);
		else if (val)
			bad = "features beyond bit 63";
		break;
	case VIRTIO_MMIO_QUEUE_SEL:
		dev->queue_sel = val;
		break;
	case VIRTIO_MMIO_QUEUE_NUM:
	case VIRTIO_MMIO_QUEUE_DESC_LOW:
	case VIRTIO_MMIO_QUEUE_DESC_HIGH:
	case VIRTIO_MMIO_QUEUE_AVAIL_LOW:
	case VIRTIO_MMIO_QUEUE_AVAIL_HIGH:
	case VIRTIO_MMIO_QUEUE_USED_LOW:
	case VIRTIO_MMIO_QUEUE_USED_HIGH:
		if (!q) {
			bad = "set-up of a queue that does not exist";
			break;
		}
		if (q->ready) {
			bad = "set-up of a queue that is ready";
			break;
		}
		if (offset == VIRTIO_MMIO_QUEUE_NUM)
			q->num = val;
		else if (offset < VIRTIO_MMIO_QUEUE_AVAIL_LOW)
			set_half(&q->desc_addr, offset, val);
		else if (offset < VIRTIO_MMIO_QUEUE_USED_LOW)
			set_half(&q->avail_addr, offset, val);
		else
			set_half(&q->used_addr, offset, val);
		break;
	case VIRTIO_MMIO_INTERRUPT_ACK:
		dev->isr &= ~val;
		break;
	default:
		bad = "write of a read-only or unknown register";
		break;
	}
	spin_unlock(&dev->lock);
	if (bad)
		vbdev_error(dev, "%s (%#x)", bad, offset);
}

/* ---- the monitor and the tests -------------------------------------------- */

/**
 * vbdev_present - is a balloon device plugged?
 *
 * Return: true with virtio_balloon_dev.enable=1 (and not unplugged).
 */
bool vbdev_present(void)
{
	return vbdev && vbdev->plugged;
}

/**
 * vbdev_ram_size - the guest's RAM, as the VM was given it
 *
 * Return: bytes.
 */
u64 vbdev_ram_size(void)
{
	return (u64)max_pfn << PAGE_SHIFT;
}

static u32 vbdev_actual(struct vbdev *dev)
{
	return READ_ONCE(dev->actual);
}

/**
 * vbdev_actual_bytes - the guest's memory, as "info balloon" says it
 *
 * Return: RAM minus the frames the guest says the host has, bytes.
 */
u64 vbdev_actual_bytes(void)
{
	u64 ram = vbdev_ram_size();

	if (!vbdev)
		return ram;
	return ram - ((u64)vbdev_actual(vbdev) << VIRTIO_BALLOON_PFN_SHIFT);
}

/*
 * Wait until actual reaches @num_pages, or makes no progress for
 * VBDEV_STALL_NS.  In deterministic mode the guest's balloon work is a
 * work item waiting for a safe point: running the pending work is what
 * waiting means.
 */
static void vbdev_wait_actual(struct vbdev *dev, u32 num_pages)
{
	u64 idle_since = ktime_get_ns();
	u32 last = vbdev_actual(dev);

	if (!dev->thread) {
		flush_workqueue(system_wq);
		return;
	}
	while (last != num_pages) {
		u64 now;

		wait_event_timeout(dev->monitor_wait,
				   vbdev_actual(dev) != last, HZ / 10);
		now = ktime_get_ns();
		if (vbdev_actual(dev) != last) {
			last = vbdev_actual(dev);
			idle_since = now;
		} else if (now - idle_since >= VBDEV_STALL_NS) {
			break;
		}
	}
}

/**
 * vbdev_balloon - the monitor's "balloon": set the guest's memory target
 * @target: bytes of memory the guest is to keep (clamped to the RAM size;
 *	at least one frame)
 * @result: VBDEV_REACHED, or VBDEV_STALLED when the guest stopped short
 *
 * Return: 0, or -ENODEV without a device.
 */
int vbdev_balloon(u64 target, enum vbdev_balloon_result *result)
{
	struct vbdev *dev = vbdev;
	u64 ram = vbdev_ram_size();
	u32 num_pages;

	if (!vbdev_present())
		return -ENODEV;
	target = clamp_t(u64, target, 1ULL << VIRTIO_BALLOON_PFN_SHIFT, ram);
	num_pages = (ram - target) >> VIRTIO_BALLOON_PFN_SHIFT;
	vbdev_set_target(dev, num_pages);
	vbdev_wait_actual(dev, num_pages);
	*result = vbdev_actual(dev) == num_pages ? VBDEV_REACHED : VBDEV_STALLED;
	return 0;
}

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
 * vbdev_wait_guest - let the guest catch up with the target (tests)
 *
 * Deterministic mode: runs the guest's pending work.  Otherwise waits
 * until actual equals the target or stalls.
 */
void vbdev_wait_guest(void)
{
	struct vbdev *dev = vbdev;
	u32 num_pages;

	if (!dev)
		return;
	spin_lock(&dev->lock);
	num_pages = dev->num_pages;
	spin_unlock(&dev->lock);
	vbdev_wait_actual(dev, num_pages);
}

/**
 * vbdev_get_state - a snapshot of the device
 * @st: filled in (all zero but @present's false without a device)
 */
void vbdev_get_state(struct vbdev_state *st)
{
	struct vbdev *dev = vbdev;

	memset(st, 0, sizeof(*st));
	if (!dev)
		return;
	st->present = dev->plugged;
	mutex_lock(&dev->process_lock);
	spin_lock(&dev->lock);
	st->status = dev->status;
	st->must_tell_host = dev->driver_features &
			     BIT_ULL(VIRTIO_BALLOON_F_MUST_TELL_HOST);
	st->stats_vq = dev->driver_features & BIT_ULL(VIRTIO_BALLOON_F_STATS_VQ);
	st->deflate_on_oom = dev->driver_features &
			     BIT_ULL(VIRTIO_BALLOON_F_DEFLATE_ON_OOM);
	st->num_pages = dev->num_pages;
	st->actual = dev->actual;
	spin_unlock(&dev->lock);
	st->ballooned = dev->nr_ballooned;
	st->inflated = dev->inflated;
	st->deflated = dev->deflated;
	st->reused = dev->reused;
	st->stats_updates = dev->stats_updates;
	mutex_unlock(&dev->process_lock);
	st->errors = atomic_long_read(&dev->errors);
	st->kicks = atomic_long_read(&dev->kicks);
	st->interrupts = atomic_long_read(&dev->interrupts);
}

/**
 * vbdev_pfn_ballooned - does the host have frame @pfn?
 * @pfn: a frame number
 *
 * Return: true if it is in the host's set.
 */
bool vbdev_pfn_ballooned(unsigned long pfn)
{
	bool ret;

	if (!vbdev || pfn >= max_pfn)
		return false;
	mutex_lock(&vbdev->process_lock);
	ret = test_bit(pfn, vbdev->ballooned);
	mutex_unlock(&vbdev->process_lock);
	return ret;
}

static bool vbdev_stats_negotiated(struct vbdev *dev)
{
	bool ret;

	spin_lock(&dev->lock);
	ret = dev->driver_features & BIT_ULL(VIRTIO_BALLOON_F_STATS_VQ);
	spin_unlock(&dev->lock);
	return ret;
}

/**
 * vbdev_request_stats - ask the guest for its memory statistics
 * @out: the statistics, by tag (tags the guest did not send are zero)
 *
 * Return: 0; -ENODEV without the stats queue; -EAGAIN if the guest left
 * no buffer, or did not answer (within a second, threaded).
 */
int vbdev_request_stats(struct virtio_balloon_stat out[VIRTIO_BALLOON_S_NR])
{
	struct vbdev *dev = vbdev;
	struct vbdev_queue *q;
	unsigned long before;
	bool irq;

	if (!vbdev_present() || !vbdev_stats_negotiated(dev))
		return -ENODEV;
	mutex_lock(&dev->process_lock);
	q = &dev->vqs[VBDEV_STATS_Q];
	if (!q->ready || !q->holding) {
		mutex_unlock(&dev->process_lock);
		return -EAGAIN;
	}
	before = dev->stats_updates;
	q->holding = false;
	vbdev_push_used(dev, q, q->held_head);
	irq = vbdev_publish_used(q);
	mutex_unlock(&dev->process_lock);
	if (irq)
		vbdev_interrupt(dev, VIRTIO_MMIO_INT_VRING);

	if (!dev->thread)
		flush_workqueue(system_wq);
	else
		wait_event_timeout(dev->monitor_wait,
				   READ_ONCE(dev->stats_updates) != before, HZ);

	mutex_lock(&dev->process_lock);
	memcpy(out, dev->stats, sizeof(dev->stats));
	irq = dev->stats_updates != before;
	mutex_unlock(&dev->process_lock);
	return irq ? 0 : -EAGAIN;
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
	mutex_lock(&vbdev->process_lock);
	vbdev->fault = fault;
	vbdev->fault_arg = arg;
	vbdev->fault_arg2 = arg2;
	mutex_unlock(&vbdev->process_lock);
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
	mutex_lock(&vbdev->process_lock);
	if (qi == VBDEV_INFLATE_Q)
		vbdev_inflate(vbdev, pfns, n);
	else
		vbdev_deflate(vbdev, pfns, n);
	mutex_unlock(&vbdev->process_lock);
}

/**
 * vbdev_unplug - take the device away
 *
 * The guest's driver is unbound: it gives every frame back and resets
 * the device.
 */
void vbdev_unplug(void)
{
	if (!vbdev_present())
		return;
	virtio_mmio_remove_device(&vbdev->window);
	vbdev->plugged = false;
}

/**
 * vbdev_plug - bring the device (back)
 *
 * Return: 0; -ENODEV without virtio_balloon_dev.enable=1; -EBUSY if it is
 * plugged; or what probing the window returned.
 */
int vbdev_plug(void)
{
	int err;

	if (!vbdev)
		return -ENODEV;
	if (vbdev->plugged)
		return -EBUSY;
	err = virtio_mmio_add_device(&vbdev->window);
	vbdev->plugged = !err;
	return err;
}

/* ---- debugfs: the host's view -------------------------------------------- */

static int state_show(struct seq_file *m, void *v)
{
	struct vbdev_state st;

	vbdev_get_state(&st);
	seq_printf(m, "present %d\nstatus %u\nmust_tell_host %d\nstats_vq %d\ndeflate_on_oom %d\n",
		   st.present, st.status, st.must_tell_host, st.stats_vq,
		   st.deflate_on_oom);
	seq_printf(m, "num_pages %u\nactual %u\nballooned %lu\ninflated %lu\ndeflated %lu\n",
		   st.num_pages, st.actual, st.ballooned, st.inflated,
		   st.deflated);
	seq_printf(m, "errors %lu\nreused %lu\nkicks %lu\ninterrupts %lu\nstats_updates %lu\n",
		   st.errors, st.reused, st.kicks, st.interrupts,
		   st.stats_updates);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(state);

/* QEMU's names for the statistics (its guest-stats property). */
static const char * const vbdev_stat_names[VIRTIO_BALLOON_S_NR] = {
	"stat-swap-in", "stat-swap-out", "stat-major-faults",
	"stat-minor-faults", "stat-free-memory", "stat-total-memory",
	"stat-available-memory",
};

/* Reading asks the guest for fresh statistics. */
static int guest_stats_show(struct seq_file *m, void *v)
{
	struct virtio_balloon_stat s[VIRTIO_BALLOON_S_NR];
	unsigned int i;
	int err;

	err = vbdev_request_stats(s);
	if (err)
		return err;
	for (i = 0; i < VIRTIO_BALLOON_S_NR; i++)
		seq_printf(m, "%s %llu\n", vbdev_stat_names[i],
			   (unsigned long long)__virtio64_to_cpu(true, s[i].val));
	seq_printf(m, "last-update %lu\n", READ_ONCE(vbdev->stats_updates));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(guest_stats);

/* ---- boot ------------------------------------------------------------------- */

static int __init vbdev_init(void)
{
	struct vbdev *dev;

	if (!enable)
		return 0;
	dev = host_ops.mem_zalloc(sizeof(*dev));
	if (dev)
		dev->ballooned = host_ops.mem_zalloc(BITS_TO_LONGS(max_pfn) *
						     sizeof(long));
	if (!dev || !dev->ballooned) {
		pr_err("virtio_balloon_dev: no host memory for the device\n");
		host_ops.mem_free(dev);
		return -ENOMEM;
	}
	mutex_init(&dev->process_lock);
	spin_lock_init(&dev->lock);
	init_waitqueue_head(&dev->monitor_wait);
	atomic_long_set(&dev->errors, 0);
	atomic_long_set(&dev->kicks, 0);
	atomic_long_set(&dev->interrupts, 0);
	dev->window.name = "virtio-balloon";
	dev->window.read = vbdev_read;
	dev->window.write = vbdev_write;
	dev->window.irq = VBDEV_IRQ;
	spin_lock_init(&dev->window.irq_lock);
	dev->host_features = BIT_ULL(VIRTIO_F_VERSION_1);
	if (must_tell_host)
		dev->host_features |= BIT_ULL(VIRTIO_BALLOON_F_MUST_TELL_HOST);
	if (stats)
		dev->host_features |= BIT_ULL(VIRTIO_BALLOON_F_STATS_VQ);
	if (deflate_on_oom)
		dev->host_features |= BIT_ULL(VIRTIO_BALLOON_F_DEFLATE_ON_OOM);

	if (!umm_deterministic) {
		dev->thread = kthread_run(vbdev_thread, dev, "vballoon-host");
		if (IS_ERR(dev->thread)) {
			pr_warn("virtio_balloon_dev: no thread (%ld): kicks are processed by the kicker\n",
				PTR_ERR(dev->thread));
			dev->thread = NULL;
		}
	}
	vbdev = dev;
	dev->debugfs = debugfs_create_dir("virtio_balloon_dev", NULL);
	debugfs_create_file("state", 0444, dev->debugfs, NULL, &state_fops);
	debugfs_create_file("guest_stats", 0444, dev->debugfs, NULL,
			    &guest_stats_fops);
	return vbdev_plug();
}
arch_initcall(vbdev_init);
