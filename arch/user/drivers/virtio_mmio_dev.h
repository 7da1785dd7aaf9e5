/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arch/user/drivers/virtio_mmio_dev.h - a virtio-mmio device, host side
 *
 * What every device model behind a virtio-mmio window has in common, as
 * a VMM has it once for all its devices (QEMU's virtio-mmio.c and
 * virtio.c, LKL's virtio.c): the register window, the queues' set-up and
 * mapping, the walk of the driver's descriptor chains, the used ring,
 * the interrupt status, kicks and the device's I/O thread.  A device
 * model (virtio_balloon_dev.c) embeds a struct virtio_mmio_dev, fills in
 * what it is, and adds its rules through struct virtio_mmio_dev_ops.
 * virtio_mmio_dev.c says how a kick is processed, and in which thread.
 *
 * Locking: process_lock (a mutex: queue processing, ring mappings, and
 * whatever the device model keeps with them), then lock (a spinlock:
 * registers, config space, interrupt status).  No lock is held while
 * the guest's interrupt handler runs, nor around the ops but @buffer,
 * @chain and @reset, which run under process_lock.
 */
#ifndef _VIRTIO_MMIO_DEV_H
#define _VIRTIO_MMIO_DEV_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/virtio_mmio.h>
#include <linux/virtio_ring.h>

#define VIRTIO_MMIO_DEV_MAX_QUEUES	8
/* How long the I/O thread waits for a kick before it calls ->idle(). */
#define VIRTIO_MMIO_DEV_IDLE_MS		10

struct virtio_mmio_dev;

/**
 * struct virtio_mmio_dev_queue - one virtqueue as the device sees it
 * @num: QUEUE_NUM, the size the driver chose
 * @ready: QUEUE_READY, set once the rings are mapped
 * @desc_addr: guest-physical address of the descriptor table
 * @avail_addr: of the available ring
 * @used_addr: of the used ring
 * @vring: the three areas, mapped (in guest memory)
 * @last_avail_idx: the next available entry the device takes
 * @used_idx: the next used entry the device fills
 * @holding: the device keeps a chain to answer later
 * @held_head: that chain's head
 *
 * The registers are under the device's lock and fixed while @ready; the
 * rest is under its process_lock.
 */
struct virtio_mmio_dev_queue {
	u32 num;
	u32 ready;
	u64 desc_addr, avail_addr, used_addr;
	struct vring vring;
	u16 last_avail_idx;
	u16 used_idx;
	bool holding;
	u16 held_head;
};

/**
 * struct virtio_mmio_dev_ops - what a device model adds
 * @config_read: a load of @size bytes at @offset of the config space
 * @config_write: a store of @size bytes of @value there
 * @buffer: a device-readable buffer of a chain on queue @qi, mapped at
 *	@buf (inside guest RAM).  Returns 0, or -EINVAL if the device
 *	refuses it (after saying why): the rest of the chain is skipped.
 * @chain: the chain at @head on queue @qi was walked.  Returns true if
 *	the device keeps it to answer later (__virtio_mmio_dev_give_back()),
 *	false to have it put in the used ring now.  A queue keeps at most
 *	one chain: a second one returns the first.
 * @processed: queue @qi was processed and the driver interrupted
 * @idle: optional: the I/O thread processed kicks, then none came for
 *	VIRTIO_MMIO_DEV_IDLE_MS: the model may do work it deferred (never
 *	called without the thread)
 * @reset: the driver reset the device: forget what the driver gave
 *
 * All but @idle are required.  Device-writable and indirect descriptors are
 * refused: no device here takes them yet.
 */
struct virtio_mmio_dev_ops {
	u32 (*config_read)(struct virtio_mmio_dev *vmd, unsigned int offset,
			   unsigned int size);
	void (*config_write)(struct virtio_mmio_dev *vmd, unsigned int offset,
			     u32 value, unsigned int size);
	int (*buffer)(struct virtio_mmio_dev *vmd, unsigned int qi,
		      const void *buf, u32 len);
	bool (*chain)(struct virtio_mmio_dev *vmd, unsigned int qi, u16 head);
	void (*processed)(struct virtio_mmio_dev *vmd, unsigned int qi);
	void (*idle)(struct virtio_mmio_dev *vmd);
	void (*reset)(struct virtio_mmio_dev *vmd);
};

/**
 * struct virtio_mmio_dev - a virtio-mmio device (version 2)
 * @name: the model's name, which starts its messages
 * @ops: its rules
 * @device_id: VIRTIO_ID_*
 * @host_features: the features offered
 * @nr_queues: how many queues it has (at most VIRTIO_MMIO_DEV_MAX_QUEUES)
 * @queue_names: their names, for messages
 * @queue_num_max: QUEUE_NUM_MAX, a power of two
 * @window: what the guest probes; the model sets its name and irq
 * @plugged: the guest has the window
 * @process_lock: see the file's comment
 * @lock: see the file's comment
 * @status: the status byte the driver wrote
 * @device_features_sel: DEVICE_FEATURES_SEL
 * @driver_features_sel: DRIVER_FEATURES_SEL
 * @queue_sel: QUEUE_SEL
 * @driver_features: the features the driver accepted
 * @isr: INTERRUPT_STATUS
 * @config_generation: CONFIG_GENERATION: the model increments it under
 *	@lock as it changes the config space, then raises
 *	VIRTIO_MMIO_INT_CONFIG
 * @pending_kicks: queues kicked before DRIVER_OK
 * @vqs: the queues
 * @bad_used_id: a test fault: the next used entry names @used_id
 * @used_id: see @bad_used_id
 * @errors: protocol errors seen (each was reported)
 * @kicks: notifications from the driver
 * @interrupts: interrupts raised
 * @thread: the I/O thread; NULL when kicks are processed by the kicker
 * @doorbell: queues kicked and not yet processed
 *
 * The model fills in the fields up to @queue_num_max and the window's
 * name and irq, then calls virtio_mmio_dev_init(); it allocates the
 * structure zeroed.
 */
struct virtio_mmio_dev {
	const char *name;
	const struct virtio_mmio_dev_ops *ops;
	u32 device_id;
	u64 host_features;
	unsigned int nr_queues;
	const char * const *queue_names;
	u32 queue_num_max;

	struct virtio_mmio_window window;
	bool plugged;

	struct mutex process_lock;
	spinlock_t lock;

	u32 status;
	u32 device_features_sel, driver_features_sel, queue_sel;
	u64 driver_features;
	u32 isr;
	u32 config_generation;
	u32 pending_kicks;
	struct virtio_mmio_dev_queue vqs[VIRTIO_MMIO_DEV_MAX_QUEUES];

	bool bad_used_id;
	u32 used_id;

	atomic_long_t errors;
	atomic_long_t kicks;
	atomic_long_t interrupts;

	struct task_struct *thread;
	u32 doorbell;
};

void virtio_mmio_dev_init(struct virtio_mmio_dev *vmd, const char *thread);
int virtio_mmio_dev_plug(struct virtio_mmio_dev *vmd);
void virtio_mmio_dev_unplug(struct virtio_mmio_dev *vmd);
void virtio_mmio_dev_error(struct virtio_mmio_dev *vmd, const char *fmt, ...)
	__printf(2, 3);
void virtio_mmio_dev_interrupt(struct virtio_mmio_dev *vmd, u32 bits);
bool virtio_mmio_dev_negotiated(struct virtio_mmio_dev *vmd,
				unsigned int fbit);
int __virtio_mmio_dev_give_back(struct virtio_mmio_dev *vmd, unsigned int qi);

#endif /* _VIRTIO_MMIO_DEV_H */
