/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): creating split virtqueues; the ring's barriers. */
#ifndef _LINUX_VIRTIO_RING_H
#define _LINUX_VIRTIO_RING_H

#include <linux/types.h>
#include <linux/irqreturn.h>
#include <asm/barrier.h>
#include <uapi/linux/virtio_ring.h>

struct virtio_device;
struct virtqueue;

/*
 * Barriers between the driver's and the device's accesses to the rings.
 * The device here is another thread of the same machine, so the SMP
 * barriers are the right ones (weak_barriers in the kernel's terms).
 * drivers/virtio/virtio_ring.c publishes and reads the ring indexes with
 * release and acquire accesses, which order the entries for the device
 * model (and for ThreadSanitizer, which does not understand fences).
 */
static inline void virtio_mb(bool weak_barriers)
{
	/* Order the ring accesses before and after, against the device. */
	smp_mb();
}

static inline void virtio_rmb(bool weak_barriers)
{
	/* Reads of the ring before, against reads after. */
	smp_rmb();
}

static inline void virtio_wmb(bool weak_barriers)
{
	/* Writes of the ring before, against writes after. */
	smp_wmb();
}

/*
 * The ring indexes are published with a release store and read with an
 * acquire load.  The atomic builtins behind those take no __bitwise type
 * (sparse refuses them), so they move the index's bits as they are, and
 * the caller converts with virtio16_to_cpu()/cpu_to_virtio16() outside.
 */
static inline __virtio16 vring_idx_load_acquire(__virtio16 *p)
{
	/* Pairs with the other side's vring_idx_store_release(). */
	return (__force __virtio16)smp_load_acquire((__force u16 *)p);
}

static inline void vring_idx_store_release(__virtio16 *p, __virtio16 val)
{
	/* The entries written before are seen by whoever loads @val. */
	smp_store_release((__force u16 *)p, (__force u16)val);
}

/*
 * Create a queue of @num entries (halved while memory is short, if
 * @may_reduce_num) in pages of guest memory, its used ring aligned to
 * @vring_align.  @notify kicks the device; @callback is called from
 * vring_interrupt() when buffers were used.
 */
struct virtqueue *vring_create_virtqueue(unsigned int index,
					 unsigned int num,
					 unsigned int vring_align,
					 struct virtio_device *vdev,
					 bool weak_barriers,
					 bool may_reduce_num,
					 bool (*notify)(struct virtqueue *vq),
					 void (*callback)(struct virtqueue *vq),
					 const char *name);
void vring_del_virtqueue(struct virtqueue *vq);

/* Clear the transport features the ring does not implement. */
void vring_transport_features(struct virtio_device *vdev);

/* The transport's interrupt handler calls this for each queue. */
irqreturn_t vring_interrupt(int irq, void *_vq);

#endif /* _LINUX_VIRTIO_RING_H */
