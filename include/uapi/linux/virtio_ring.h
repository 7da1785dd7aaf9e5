/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the split virtqueue's layout in guest memory (virtio 1.x). */
#ifndef _UAPI_LINUX_VIRTIO_RING_H
#define _UAPI_LINUX_VIRTIO_RING_H

/*
 * A split virtqueue is three areas of guest memory that driver and
 * device share:
 *
 *   descriptor table  num entries: a guest-physical buffer each, chained
 *                     through ->next while VRING_DESC_F_NEXT is set;
 *   available ring    written by the driver: heads of descriptor chains
 *                     it offers, and ->idx, the count of entries ever put;
 *   used ring         written by the device: (head, bytes written) of the
 *                     chains it is done with, and its own ->idx.
 *
 * Both indexes run freely modulo 2^16; an entry sits at idx % num, so num
 * is a power of two.  All fields are little-endian for a virtio 1.x
 * device (the __virtio types say "in the device's byte order").
 */
#include <linux/types.h>

/* This descriptor continues in ->next. */
#define VRING_DESC_F_NEXT	1
/* The device writes this buffer (otherwise it only reads it). */
#define VRING_DESC_F_WRITE	2
/* The buffer is itself a table of descriptors. */
#define VRING_DESC_F_INDIRECT	4

/* used->flags: the device asks not to be kicked (a hint). */
#define VRING_USED_F_NO_NOTIFY	1
/* avail->flags: the driver asks not to be interrupted (a hint). */
#define VRING_AVAIL_F_NO_INTERRUPT	1

/* Feature bits of the ring (see <linux/virtio_config.h> for the range). */
#define VIRTIO_RING_F_INDIRECT_DESC	28
#define VIRTIO_RING_F_EVENT_IDX		29

struct vring_desc {
	__virtio64 addr;	/* guest-physical address of the buffer */
	__virtio32 len;		/* its length in bytes */
	__virtio16 flags;	/* VRING_DESC_F_* */
	__virtio16 next;	/* the next descriptor, with F_NEXT */
};

struct vring_avail {
	__virtio16 flags;	/* VRING_AVAIL_F_* */
	__virtio16 idx;		/* where the driver puts the next entry */
	__virtio16 ring[];	/* heads of descriptor chains */
};

struct vring_used_elem {
	__virtio32 id;		/* head of the chain the device is done with */
	__virtio32 len;		/* bytes it wrote into the chain's buffers */
};

struct vring_used {
	__virtio16 flags;	/* VRING_USED_F_* */
	__virtio16 idx;		/* where the device puts the next entry */
	struct vring_used_elem ring[];
};

/* The driver's (or the device's) view of one queue. */
struct vring {
	unsigned int num;
	struct vring_desc *desc;
	struct vring_avail *avail;
	struct vring_used *used;
};

/* Alignment virtio 1.x requires of each area. */
#define VRING_DESC_ALIGN_SIZE	16
#define VRING_AVAIL_ALIGN_SIZE	2
#define VRING_USED_ALIGN_SIZE	4

/*
 * With VIRTIO_RING_F_EVENT_IDX, each side publishes the index at which
 * it wants to hear from the other, in the word after its ring.
 */
#define vring_used_event(vr)	((vr)->avail->ring[(vr)->num])
#define vring_avail_event(vr)	(*(__virtio16 *)&(vr)->used->ring[(vr)->num])

/*
 * Lay a queue of @num entries out at @p: the descriptor table, the
 * available ring right after it, and the used ring at the next multiple
 * of @align (the legacy layout, which a virtio 1.x device accepts too).
 */
static inline void vring_init(struct vring *vr, unsigned int num, void *p,
			      unsigned long align)
{
	vr->num = num;
	vr->desc = p;
	vr->avail = (struct vring_avail *)((char *)p +
					   num * sizeof(struct vring_desc));
	vr->used = (void *)(((unsigned long)&vr->avail->ring[num] +
			     sizeof(__virtio16) + align - 1) & ~(align - 1));
}

/* Bytes vring_init() lays out for @num entries. */
static inline unsigned int vring_size(unsigned int num, unsigned long align)
{
	return ((sizeof(struct vring_desc) * num +
		 sizeof(__virtio16) * (3 + num) + align - 1) & ~(align - 1)) +
	       sizeof(__virtio16) * 3 + sizeof(struct vring_used_elem) * num;
}

/*
 * With EVENT_IDX: must the other side be notified, now that the index
 * moved from @old to @new_idx and it asked to hear at @event_idx?
 */
static inline int vring_need_event(__u16 event_idx, __u16 new_idx, __u16 old)
{
	return (__u16)(new_idx - event_idx - 1) < (__u16)(new_idx - old);
}

#endif /* _UAPI_LINUX_VIRTIO_RING_H */
