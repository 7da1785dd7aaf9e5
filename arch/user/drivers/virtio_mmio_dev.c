// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/drivers/virtio_mmio_dev.c - a virtio-mmio device, host side
 *
 * The part of a VMM's virtio device that does not depend on what the
 * device is: it answers the guest's register accesses
 * (<linux/virtio_mmio.h>, version 2), maps the rings the driver set up
 * in guest memory, takes what the driver makes available, walks each
 * descriptor chain and hands its buffers to the device model, puts the
 * chains back in the used ring, and interrupts the guest.  It knows the
 * guest only as RAM (at __va()) and registers, never its struct pages.
 *
 * Protocol errors (a malformed ring or chain, a register misused) are
 * reported on the console, counted, and the offending item skipped; the
 * device model reports its own through virtio_mmio_dev_error().
 *
 * Threads: by default the device has its own thread (a kernel thread
 * only so that it may take the kernel's locks; it plays the VMM's I/O
 * thread, and takes a CPU only while it works).  A kick (QUEUE_NOTIFY)
 * sets a bit in a doorbell word and wakes the thread, like an ioeventfd; the
 * thread processes the queue and raises the interrupt, so the guest's
 * interrupt handler runs in the device's thread.  With
 * umm.deterministic=1 there is no thread: a kick is processed at once,
 * in the context of the guest code that kicked, and the interrupt is
 * raised there too.  Either way a kick before DRIVER_OK is kept until
 * DRIVER_OK.
 *
 * Locking: see virtio_mmio_dev.h.  The guest may hold its own locks when
 * it kicks (the balloon's balloon_lock, page locks during migration):
 * the device never calls back into the guest with process_lock held.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <linux/kthread.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/umm.h>
#include <linux/virtio_byteorder.h>
#include <linux/virtio_config.h>
#include "virtio_mmio_dev.h"

#define VMD_VENDOR_ID		0x006d6d75	/* "umm" */
/* Errors printed; the rest are only counted. */
#define VMD_MAX_REPORTS		20

/**
 * virtio_mmio_dev_error - report a protocol error and count it
 * @vmd: the device
 * @fmt: what was wrong, printf-style
 *
 * The first errors are printed in full, the rest only counted.
 */
void virtio_mmio_dev_error(struct virtio_mmio_dev *vmd, const char *fmt, ...)
{
	long n = atomic_long_inc_return(&vmd->errors);
	char buf[160];
	va_list args;

	if (n > VMD_MAX_REPORTS + 1)
		return;
	if (n == VMD_MAX_REPORTS + 1) {
		pr_err("%s: further protocol errors are counted, not printed\n",
		       vmd->name);
		return;
	}
	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	pr_err("%s: protocol error: %s\n", vmd->name, buf);
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
static bool vmd_guest_range(u64 addr, u64 len)
{
	u64 ram = (u64)max_pfn << PAGE_SHIFT;

	return addr < ram && len <= ram - addr;
}

/**
 * virtio_mmio_dev_interrupt - interrupt the guest
 * @vmd: the device
 * @bits: VIRTIO_MMIO_INT_VRING and/or VIRTIO_MMIO_INT_CONFIG
 *
 * The guest's handler runs in the caller's context: no device lock may
 * be held.
 */
void virtio_mmio_dev_interrupt(struct virtio_mmio_dev *vmd, u32 bits)
{
	spin_lock(&vmd->lock);
	vmd->isr |= bits;
	spin_unlock(&vmd->lock);
	atomic_long_inc(&vmd->interrupts);
	virtio_mmio_raise_irq(&vmd->window);
}

/**
 * virtio_mmio_dev_negotiated - did the driver accept a feature?
 * @vmd: the device
 * @fbit: the feature's bit number
 *
 * Return: true if the driver accepted it.
 */
bool virtio_mmio_dev_negotiated(struct virtio_mmio_dev *vmd,
				unsigned int fbit)
{
	bool ret;

	spin_lock(&vmd->lock);
	ret = vmd->driver_features & BIT_ULL(fbit);
	spin_unlock(&vmd->lock);
	return ret;
}

/* ---- the queues ---------------------------------------------------------- */

/*
 * Read the chain at @head: every buffer must be device-readable and in
 * guest RAM.  Returns 0; -ERANGE if @head names no descriptor (nothing
 * to give back); -EINVAL for a bad chain (given back unprocessed).
 */
static int vmd_walk_chain(struct virtio_mmio_dev *vmd, unsigned int qi,
			  struct virtio_mmio_dev_queue *q, u16 head)
{
	const char *name = vmd->queue_names[qi];
	unsigned int n = 0;
	u16 i = head;

	if (head >= q->num) {
		virtio_mmio_dev_error(vmd, "%s queue: head %u out of range (queue of %u)",
				      name, head, q->num);
		return -ERANGE;
	}
	for (;;) {
		struct vring_desc *d = &q->vring.desc[i];
		u64 addr = __virtio64_to_cpu(true, READ_ONCE(d->addr));
		u32 len = le32_val(READ_ONCE(d->len));
		u16 flags = le16_val(READ_ONCE(d->flags));

		if (flags & (VRING_DESC_F_INDIRECT | VRING_DESC_F_WRITE)) {
			virtio_mmio_dev_error(vmd, "%s queue: descriptor %u is %s",
					      name, i,
					      flags & VRING_DESC_F_WRITE ?
					      "device-writable" :
					      "indirect (not negotiated)");
			return -EINVAL;
		}
		if (!vmd_guest_range(addr, len)) {
			virtio_mmio_dev_error(vmd, "%s queue: descriptor %u points at [%#llx, +%u), outside guest memory",
					      name, i, (unsigned long long)addr,
					      len);
			return -EINVAL;
		}
		if (vmd->ops->buffer(vmd, qi, __va(addr), len))
			return -EINVAL;
		if (!(flags & VRING_DESC_F_NEXT))
			return 0;
		i = le16_val(READ_ONCE(d->next));
		if (i >= q->num || ++n >= q->num) {
			virtio_mmio_dev_error(vmd, "%s queue: descriptor chain from %u %s",
					      name, head,
					      i >= q->num ? "leaves the table" :
					      "loops");
			return -EINVAL;
		}
	}
}

/* Put @head in the used ring (published by vmd_publish_used()). */
static void vmd_push_used(struct virtio_mmio_dev *vmd,
			  struct virtio_mmio_dev_queue *q, u16 head)
{
	struct vring_used_elem *e = &q->vring.used->ring[q->used_idx &
							 (q->num - 1)];
	u32 id = head;

	if (vmd->bad_used_id) {
		/* A broken device: the entry names something else. */
		id = vmd->used_id;
		vmd->bad_used_id = false;
	}
	WRITE_ONCE(e->id, __cpu_to_virtio32(true, id));
	WRITE_ONCE(e->len, __cpu_to_virtio32(true, 0));
	q->used_idx++;
}

/*
 * The new used index, after the entries; true if the driver wants an
 * interrupt for it.
 */
static bool vmd_publish_used(struct virtio_mmio_dev_queue *q)
{
	/* The entries before the index; pairs with the driver's acquire. */
	vring_idx_store_release(&q->vring.used->idx,
				__cpu_to_virtio16(true, q->used_idx));
	return !(le16_val(READ_ONCE(q->vring.avail->flags)) &
		 VRING_AVAIL_F_NO_INTERRUPT);
}

/**
 * __virtio_mmio_dev_give_back - put the chain a queue kept in the used ring
 * @vmd: the device, process_lock held
 * @qi: the queue
 *
 * Return: -EAGAIN if the queue is not ready or keeps no chain; otherwise
 * 1 if the driver is to be interrupted (once process_lock is dropped),
 * 0 if not.
 */
int __virtio_mmio_dev_give_back(struct virtio_mmio_dev *vmd, unsigned int qi)
{
	struct virtio_mmio_dev_queue *q = &vmd->vqs[qi];

	if (!q->ready || !q->holding)
		return -EAGAIN;
	q->holding = false;
	vmd_push_used(vmd, q, q->held_head);
	return vmd_publish_used(q);
}

/*
 * Take what the driver made available on queue @qi.  Under process_lock.
 * Returns true if the driver is to be interrupted.
 */
static bool __vmd_process_queue(struct virtio_mmio_dev *vmd, unsigned int qi)
{
	struct virtio_mmio_dev_queue *q = &vmd->vqs[qi];
	unsigned int used = 0;
	u16 avail_idx;

	if (!q->ready)
		return false;
	/* Pairs with the driver's release: its entries are complete. */
	avail_idx = le16_val(vring_idx_load_acquire(&q->vring.avail->idx));
	if ((u16)(avail_idx - q->last_avail_idx) > q->num) {
		virtio_mmio_dev_error(vmd, "queue %u: available index %u is %u entries past %u (queue of %u)",
				      qi, avail_idx,
				      (u16)(avail_idx - q->last_avail_idx),
				      q->last_avail_idx, q->num);
		/* Believe nothing of it: catch up and wait for a reset. */
		q->last_avail_idx = avail_idx;
		return false;
	}
	while (q->last_avail_idx != avail_idx) {
		u16 head = le16_val(READ_ONCE(q->vring.avail->ring[
				q->last_avail_idx & (q->num - 1)]));

		q->last_avail_idx++;
		if (vmd_walk_chain(vmd, qi, q, head) == -ERANGE)
			continue;
		if (!vmd->ops->chain(vmd, qi, head)) {
			vmd_push_used(vmd, q, head);
			used++;
			continue;
		}
		/* Kept until the device answers it. */
		if (q->holding) {
			virtio_mmio_dev_error(vmd, "%s queue: a second buffer while one is held",
					      vmd->queue_names[qi]);
			vmd_push_used(vmd, q, q->held_head);
			used++;
		}
		q->holding = true;
		q->held_head = head;
	}
	return used && vmd_publish_used(q);
}

static void vmd_process_queue(struct virtio_mmio_dev *vmd, unsigned int qi)
{
	bool irq;

	mutex_lock(&vmd->process_lock);
	irq = __vmd_process_queue(vmd, qi);
	mutex_unlock(&vmd->process_lock);
	if (irq)
		virtio_mmio_dev_interrupt(vmd, VIRTIO_MMIO_INT_VRING);
	vmd->ops->processed(vmd, qi);
}

static void vmd_process_queues(struct virtio_mmio_dev *vmd, u32 bits)
{
	unsigned int qi;

	for (qi = 0; qi < vmd->nr_queues; qi++)
		if (bits & BIT(qi))
			vmd_process_queue(vmd, qi);
}

/* Queues @bits were kicked (and the device is live). */
static void vmd_kick(struct virtio_mmio_dev *vmd, u32 bits)
{
	if (!vmd->thread) {
		vmd_process_queues(vmd, bits);
		return;
	}
	__atomic_fetch_or(&vmd->doorbell, bits, __ATOMIC_RELEASE);
	wake_up_process(vmd->thread);
}

/*
 * The I/O thread: processes the queues the doorbell names, for as long
 * as the machine runs (the device outlives unplugging: it is the VMM's).
 * After a burst of kicks it waits VIRTIO_MMIO_DEV_IDLE_MS for the next
 * one; if none comes, the device model gets its ->idle() call.
 */
static int vmd_thread(void *data)
{
	struct virtio_mmio_dev *vmd = data;
	long idle_timeout = msecs_to_jiffies(VIRTIO_MMIO_DEV_IDLE_MS);
	bool busy = false;

	for (;;) {
		u32 bits;

		/* Asleep off-CPU, as an I/O thread blocks in the host. */
		set_current_state(TASK_INTERRUPTIBLE);
		bits = __atomic_exchange_n(&vmd->doorbell, 0, __ATOMIC_ACQUIRE);
		if (bits) {
			__set_current_state(TASK_RUNNING);
			vmd_process_queues(vmd, bits);
			busy = vmd->ops->idle != NULL;
			continue;
		}
		if (!busy) {
			schedule();
			continue;
		}
		/* Woken before the time is up: a kick, processed above. */
		if (schedule_timeout(idle_timeout))
			continue;
		if (READ_ONCE(vmd->doorbell))
			continue;
		busy = false;
		vmd->ops->idle(vmd);
	}
	return 0;
}

/* ---- registers ----------------------------------------------------------- */

/* The selected queue, or NULL; under lock. */
static struct virtio_mmio_dev_queue *vmd_queue(struct virtio_mmio_dev *vmd)
{
	return vmd->queue_sel < vmd->nr_queues ?
	       &vmd->vqs[vmd->queue_sel] : NULL;
}

/*
 * QUEUE_READY=1: check what the driver set up, and map the rings.  Under
 * process_lock and lock.  Returns true if the queue may be used.
 */
static bool vmd_map_queue(struct virtio_mmio_dev *vmd,
			  struct virtio_mmio_dev_queue *q)
{
	u64 desc_size = 16ULL * q->num;
	u64 avail_size = 6 + 2ULL * q->num;
	u64 used_size = 6 + 8ULL * q->num;

	if (!(vmd->status & VIRTIO_CONFIG_S_FEATURES_OK)) {
		virtio_mmio_dev_error(vmd, "queue %u made ready before FEATURES_OK",
				      vmd->queue_sel);
		return false;
	}
	if (!q->num || q->num > vmd->queue_num_max || (q->num & (q->num - 1))) {
		virtio_mmio_dev_error(vmd, "queue %u: size %u (a power of two up to %u)",
				      vmd->queue_sel, q->num,
				      vmd->queue_num_max);
		return false;
	}
	if (!IS_ALIGNED(q->desc_addr, VRING_DESC_ALIGN_SIZE) ||
	    !IS_ALIGNED(q->avail_addr, VRING_AVAIL_ALIGN_SIZE) ||
	    !IS_ALIGNED(q->used_addr, VRING_USED_ALIGN_SIZE)) {
		virtio_mmio_dev_error(vmd, "queue %u: misaligned rings",
				      vmd->queue_sel);
		return false;
	}
	if (!vmd_guest_range(q->desc_addr, desc_size) ||
	    !vmd_guest_range(q->avail_addr, avail_size) ||
	    !vmd_guest_range(q->used_addr, used_size)) {
		virtio_mmio_dev_error(vmd, "queue %u: rings outside guest memory",
				      vmd->queue_sel);
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

static void vmd_queue_ready(struct virtio_mmio_dev *vmd, u32 val)
{
	struct virtio_mmio_dev_queue *q;

	mutex_lock(&vmd->process_lock);
	spin_lock(&vmd->lock);
	q = vmd_queue(vmd);
	if (!q)
		virtio_mmio_dev_error(vmd, "QUEUE_READY of queue %u, which does not exist",
				      vmd->queue_sel);
	else if (!val)
		q->ready = 0;
	else if (!q->ready)
		q->ready = vmd_map_queue(vmd, q);
	spin_unlock(&vmd->lock);
	mutex_unlock(&vmd->process_lock);
}

/* Status 0: back to the state of a device just plugged. */
static void vmd_reset(struct virtio_mmio_dev *vmd)
{
	mutex_lock(&vmd->process_lock);
	spin_lock(&vmd->lock);
	memset(vmd->vqs, 0, sizeof(vmd->vqs));
	vmd->status = 0;
	vmd->device_features_sel = 0;
	vmd->driver_features_sel = 0;
	vmd->queue_sel = 0;
	vmd->driver_features = 0;
	vmd->isr = 0;
	vmd->pending_kicks = 0;
	spin_unlock(&vmd->lock);
	vmd->bad_used_id = false;
	vmd->ops->reset(vmd);
	mutex_unlock(&vmd->process_lock);
}

static void vmd_write_status(struct virtio_mmio_dev *vmd, u32 val)
{
	u32 pending = 0;

	if (!val) {
		vmd_reset(vmd);
		return;
	}
	spin_lock(&vmd->lock);
	if ((val & VIRTIO_CONFIG_S_FEATURES_OK) &&
	    !(vmd->status & VIRTIO_CONFIG_S_FEATURES_OK)) {
		u64 extra = vmd->driver_features & ~vmd->host_features;

		if (extra) {
			virtio_mmio_dev_error(vmd, "the driver accepted features %#llx, which were not offered",
					      (unsigned long long)extra);
			val &= ~VIRTIO_CONFIG_S_FEATURES_OK;
		} else if (!(vmd->driver_features & BIT_ULL(VIRTIO_F_VERSION_1))) {
			virtio_mmio_dev_error(vmd, "the driver did not accept VIRTIO_F_VERSION_1");
			val &= ~VIRTIO_CONFIG_S_FEATURES_OK;
		}
	}
	if ((val & VIRTIO_CONFIG_S_DRIVER_OK) &&
	    !(vmd->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
		pending = vmd->pending_kicks;
		vmd->pending_kicks = 0;
	}
	vmd->status = val;
	spin_unlock(&vmd->lock);
	/* Kicks the driver made before it was ready. */
	if (pending)
		vmd_kick(vmd, pending);
}

static void vmd_notify(struct virtio_mmio_dev *vmd, u32 qi)
{
	atomic_long_inc(&vmd->kicks);
	spin_lock(&vmd->lock);
	if (qi >= vmd->nr_queues || !vmd->vqs[qi].ready) {
		spin_unlock(&vmd->lock);
		virtio_mmio_dev_error(vmd, "kick of queue %u, which is not ready",
				      qi);
		return;
	}
	if (!(vmd->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
		vmd->pending_kicks |= BIT(qi);
		spin_unlock(&vmd->lock);
		return;
	}
	spin_unlock(&vmd->lock);
	vmd_kick(vmd, BIT(qi));
}

/* Guest loads from the window. */
static u32 vmd_read(struct virtio_mmio_window *w, unsigned int offset,
		    unsigned int size)
{
	struct virtio_mmio_dev *vmd = container_of(w, struct virtio_mmio_dev,
						   window);
	struct virtio_mmio_dev_queue *q;
	u32 val = 0;

	if (offset >= VIRTIO_MMIO_CONFIG)
		return vmd->ops->config_read(vmd, offset - VIRTIO_MMIO_CONFIG,
					     size);
	if (size != 4 || (offset & 3)) {
		virtio_mmio_dev_error(vmd, "%u-byte read of register %#x",
				      size, offset);
		return 0;
	}
	spin_lock(&vmd->lock);
	q = vmd_queue(vmd);
	switch (offset) {
	case VIRTIO_MMIO_MAGIC_VALUE:
		val = VIRTIO_MMIO_MAGIC;
		break;
	case VIRTIO_MMIO_VERSION:
		val = 2;
		break;
	case VIRTIO_MMIO_DEVICE_ID:
		val = vmd->device_id;
		break;
	case VIRTIO_MMIO_VENDOR_ID:
		val = VMD_VENDOR_ID;
		break;
	case VIRTIO_MMIO_DEVICE_FEATURES:
		if (vmd->device_features_sel < 2)
			val = vmd->host_features >>
			      (32 * vmd->device_features_sel);
		break;
	case VIRTIO_MMIO_QUEUE_NUM_MAX:
		val = q ? vmd->queue_num_max : 0;
		break;
	case VIRTIO_MMIO_QUEUE_READY:
		val = q ? q->ready : 0;
		break;
	case VIRTIO_MMIO_INTERRUPT_STATUS:
		val = vmd->isr;
		break;
	case VIRTIO_MMIO_STATUS:
		val = vmd->status;
		break;
	case VIRTIO_MMIO_CONFIG_GENERATION:
		val = vmd->config_generation;
		break;
	default:
		spin_unlock(&vmd->lock);
		virtio_mmio_dev_error(vmd, "read of register %#x (write-only or none)",
				      offset);
		return 0;
	}
	spin_unlock(&vmd->lock);
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
static void vmd_write(struct virtio_mmio_window *w, unsigned int offset,
		      u32 val, unsigned int size)
{
	struct virtio_mmio_dev *vmd = container_of(w, struct virtio_mmio_dev,
						   window);
	struct virtio_mmio_dev_queue *q;
	const char *bad = NULL;

	if (offset >= VIRTIO_MMIO_CONFIG) {
		vmd->ops->config_write(vmd, offset - VIRTIO_MMIO_CONFIG, val,
				       size);
		return;
	}
	if (size != 4 || (offset & 3)) {
		virtio_mmio_dev_error(vmd, "%u-byte write of register %#x",
				      size, offset);
		return;
	}
	switch (offset) {
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		vmd_notify(vmd, val);
		return;
	case VIRTIO_MMIO_STATUS:
		vmd_write_status(vmd, val);
		return;
	case VIRTIO_MMIO_QUEUE_READY:
		vmd_queue_ready(vmd, val);
		return;
	}

	spin_lock(&vmd->lock);
	q = vmd_queue(vmd);
	switch (offset) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		vmd->device_features_sel = val;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		vmd->driver_features_sel = val;
		break;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		if (vmd->status & VIRTIO_CONFIG_S_FEATURES_OK)
			bad = "features written after FEATURES_OK";
		else if (vmd->driver_features_sel < 2)
			set_half(&vmd->driver_features,
				 4 * vmd->driver_features_sel, val);
		else if (val)
			bad = "features beyond bit 63";
		break;
	case VIRTIO_MMIO_QUEUE_SEL:
		vmd->queue_sel = val;
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
		vmd->isr &= ~val;
		break;
	default:
		bad = "write of a read-only or unknown register";
		break;
	}
	spin_unlock(&vmd->lock);
	if (bad)
		virtio_mmio_dev_error(vmd, "%s (%#x)", bad, offset);
}

/* ---- the device comes and goes ------------------------------------------- */

/**
 * virtio_mmio_dev_init - set a device up, unplugged
 * @vmd: the device, its description filled in
 * @thread: the name of its I/O thread
 *
 * Without umm.deterministic=1 the device gets its I/O thread
 * (umm_kthread_run()); with it, or if the thread cannot start, kicks are
 * processed by the guest code that kicks.
 */
void virtio_mmio_dev_init(struct virtio_mmio_dev *vmd, const char *thread)
{
	mutex_init(&vmd->process_lock);
	spin_lock_init(&vmd->lock);
	atomic_long_set(&vmd->errors, 0);
	atomic_long_set(&vmd->kicks, 0);
	atomic_long_set(&vmd->interrupts, 0);
	vmd->window.read = vmd_read;
	vmd->window.write = vmd_write;
	spin_lock_init(&vmd->window.irq_lock);

	vmd->thread = umm_kthread_run(vmd_thread, vmd, "%s", thread);
	if (IS_ERR(vmd->thread)) {
		pr_warn("%s: no thread (%ld): kicks are processed by the kicker\n",
			vmd->name, PTR_ERR(vmd->thread));
		vmd->thread = NULL;
	}
}

/**
 * virtio_mmio_dev_plug - give the guest the device's window
 * @vmd: the device
 *
 * Return: 0; -EBUSY if it is plugged; or what probing the window
 * returned.
 */
int virtio_mmio_dev_plug(struct virtio_mmio_dev *vmd)
{
	int err;

	if (vmd->plugged)
		return -EBUSY;
	err = virtio_mmio_add_device(&vmd->window);
	vmd->plugged = !err;
	return err;
}

/**
 * virtio_mmio_dev_unplug - take the window away
 * @vmd: the device
 *
 * The guest's driver is unbound: it resets the device as it goes.
 */
void virtio_mmio_dev_unplug(struct virtio_mmio_dev *vmd)
{
	if (!vmd->plugged)
		return;
	virtio_mmio_remove_device(&vmd->window);
	vmd->plugged = false;
}
