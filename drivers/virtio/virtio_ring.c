// SPDX-License-Identifier: GPL-2.0
/*
 * drivers/virtio/virtio_ring.c - split virtqueues, the driver's side
 *
 * A queue's three areas (descriptor table, available ring, used ring; see
 * <uapi/linux/virtio_ring.h>) live in pages of guest memory allocated
 * here, and the device finds them by their guest-physical addresses,
 * which the transport tells it.  The driver:
 *
 *   add:     takes free descriptors (a free list threaded through ->next),
 *            points them at the buffers, and puts the chain's head in the
 *            available ring; the new avail->idx is published last;
 *   kick:    tells the device, unless it said it does not need to hear;
 *   get_buf: reads the used ring up to used->idx, returns each chain's
 *            descriptors to the free list and the caller's token.
 *
 * What the device writes is checked before it is believed: a used entry
 * that names no chain the driver has out, or a used index that ran
 * further than the queue is long, marks the queue broken ("BAD_RING");
 * a broken queue accepts and returns nothing more, so a driver that
 * waits for a buffer must also look at virtqueue_is_broken().
 *
 * The caller serialises the operations of one queue (the balloon holds
 * its balloon_lock around them).  vring_interrupt() alone may run
 * concurrently with them, in the device's thread: it reads only what the
 * device publishes and the driver's index, with single accesses.
 * Indexes are published with release stores and read with acquire loads,
 * so that the entries before them are seen complete.
 */
#include <linux/kernel.h>
#include <linux/virtio.h>
#include <linux/virtio_ring.h>
#include <linux/virtio_config.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>

/* A driver's token for each chain it has out, by head descriptor. */
struct vring_desc_state {
	void *data;
};

struct vring_virtqueue {
	struct virtqueue vq;
	struct vring vring;

	/* Something in the ring could not be believed: no more I/O. */
	bool broken;
	/* Head of the free descriptors. */
	unsigned int free_head;
	/* Added since the last kick. */
	unsigned int num_added;
	/* The next used entry to read. */
	u16 last_used_idx;
	/* Our copies of what we last wrote to the available ring. */
	u16 avail_flags_shadow;
	u16 avail_idx_shadow;

	bool (*notify)(struct virtqueue *vq);

	/* The pages holding the rings. */
	struct page *ring_pages;
	unsigned int ring_order;

	struct vring_desc_state desc_state[];
};

#define to_vvq(_vq) container_of(_vq, struct vring_virtqueue, vq)

/*
 * The device handed back something impossible: say what, and stop
 * using the queue.
 */
#define BAD_RING(_vq, fmt, ...)						\
do {									\
	dev_err(&(_vq)->vq.vdev->dev, "%s: " fmt, (_vq)->vq.name,	\
		##__VA_ARGS__);						\
	WRITE_ONCE((_vq)->broken, true);				\
} while (0)

static inline bool is_broken(struct vring_virtqueue *vq)
{
	return READ_ONCE(vq->broken);
}

/* The used index the device published, seen with what it wrote before. */
static inline u16 used_idx_acquire(struct vring_virtqueue *vq)
{
	/* Pairs with the device's release store of the index. */
	__virtio16 idx = vring_idx_load_acquire(&vq->vring.used->idx);

	return virtio16_to_cpu(vq->vq.vdev, idx);
}

static inline bool more_used(struct vring_virtqueue *vq)
{
	return READ_ONCE(vq->last_used_idx) != used_idx_acquire(vq);
}

static int virtqueue_add(struct virtqueue *_vq, struct scatterlist *sgs[],
			 unsigned int total_sg, unsigned int out_sgs,
			 unsigned int in_sgs, void *data, gfp_t gfp)
{
	struct vring_virtqueue *vq = to_vvq(_vq);
	struct virtio_device *vdev = _vq->vdev;
	struct vring_desc *desc = vq->vring.desc;
	unsigned int i, n, head, prev = 0, avail;
	struct scatterlist *sg;

	BUG_ON(!data);
	BUG_ON(total_sg == 0);
	if (unlikely(is_broken(vq)))
		return -EIO;
	if (_vq->num_free < total_sg) {
		/* The device must be told, or it will never free any. */
		if (out_sgs)
			virtqueue_kick(_vq);
		return -ENOSPC;
	}

	head = i = vq->free_head;
	for (n = 0; n < out_sgs + in_sgs; n++) {
		u16 flags = VRING_DESC_F_NEXT;

		if (n >= out_sgs)
			flags |= VRING_DESC_F_WRITE;
		for (sg = sgs[n]; sg; sg = sg_next(sg)) {
			desc[i].flags = cpu_to_virtio16(vdev, flags);
			desc[i].addr = cpu_to_virtio64(vdev, sg_phys(sg));
			desc[i].len = cpu_to_virtio32(vdev, sg->length);
			prev = i;
			i = virtio16_to_cpu(vdev, desc[i].next);
		}
	}
	/* The chain ends here. */
	desc[prev].flags &= cpu_to_virtio16(vdev, (u16)~VRING_DESC_F_NEXT);

	_vq->num_free -= total_sg;
	vq->free_head = i;
	vq->desc_state[head].data = data;

	avail = vq->avail_idx_shadow & (vq->vring.num - 1);
	vq->vring.avail->ring[avail] = cpu_to_virtio16(vdev, head);
	vq->avail_idx_shadow++;
	/* The entry and its descriptors before the index that shows them. */
	vring_idx_store_release(&vq->vring.avail->idx,
				cpu_to_virtio16(vdev, vq->avail_idx_shadow));
	vq->num_added++;
	/* Never let the count wrap without a kick in between. */
	if (unlikely(vq->num_added == (1 << 16) - 1))
		virtqueue_kick(_vq);
	return 0;
}

static unsigned int count_sgs(struct scatterlist *sg)
{
	unsigned int n = 0;

	for (; sg; sg = sg_next(sg))
		n++;
	return n;
}

/**
 * virtqueue_add_sgs - expose buffers to the device
 * @_vq: the queue
 * @sgs: scatterlists, the device-readable ones first
 * @out_sgs: how many of them the device reads
 * @in_sgs: how many after those it writes
 * @data: the token virtqueue_get_buf() returns for them (not NULL)
 * @gfp: how to allocate memory (nothing is allocated here)
 *
 * Return: 0; -ENOSPC if the queue is full; -EIO if it is broken.
 */
int virtqueue_add_sgs(struct virtqueue *_vq, struct scatterlist *sgs[],
		      unsigned int out_sgs, unsigned int in_sgs, void *data,
		      gfp_t gfp)
{
	unsigned int i, total_sg = 0;

	for (i = 0; i < out_sgs + in_sgs; i++)
		total_sg += count_sgs(sgs[i]);
	return virtqueue_add(_vq, sgs, total_sg, out_sgs, in_sgs, data, gfp);
}

/**
 * virtqueue_add_outbuf - expose buffers the device reads
 * @vq: the queue
 * @sg: a table of @num entries
 * @num: its length
 * @data: the token virtqueue_get_buf() returns for them (not NULL)
 * @gfp: how to allocate memory
 *
 * Return: 0, -ENOSPC or -EIO (see virtqueue_add_sgs()).
 */
int virtqueue_add_outbuf(struct virtqueue *vq, struct scatterlist sg[],
			 unsigned int num, void *data, gfp_t gfp)
{
	return virtqueue_add(vq, &sg, num, 1, 0, data, gfp);
}

/**
 * virtqueue_add_inbuf - expose buffers the device writes
 * @vq: the queue
 * @sg: a table of @num entries
 * @num: its length
 * @data: the token virtqueue_get_buf() returns for them (not NULL)
 * @gfp: how to allocate memory
 *
 * Return: 0, -ENOSPC or -EIO (see virtqueue_add_sgs()).
 */
int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist sg[],
			unsigned int num, void *data, gfp_t gfp)
{
	return virtqueue_add(vq, &sg, num, 0, 1, data, gfp);
}

/**
 * virtqueue_kick_prepare - does the device want a kick?
 * @_vq: the queue
 *
 * Return: false if the device said it needs none (VRING_USED_F_NO_NOTIFY).
 */
bool virtqueue_kick_prepare(struct virtqueue *_vq)
{
	struct vring_virtqueue *vq = to_vvq(_vq);
	u16 flags;

	/* Our new index must be visible before we read the device's flags. */
	virtio_mb(true);
	vq->num_added = 0;
	flags = virtio16_to_cpu(_vq->vdev, READ_ONCE(vq->vring.used->flags));
	return !(flags & VRING_USED_F_NO_NOTIFY);
}

/**
 * virtqueue_notify - kick the device
 * @_vq: the queue
 *
 * Return: false if the queue is broken or the transport failed.
 */
bool virtqueue_notify(struct virtqueue *_vq)
{
	struct vring_virtqueue *vq = to_vvq(_vq);

	if (unlikely(is_broken(vq)))
		return false;
	if (!vq->notify(_vq)) {
		WRITE_ONCE(vq->broken, true);
		return false;
	}
	return true;
}

/**
 * virtqueue_kick - tell the device about the buffers added
 * @vq: the queue
 *
 * Return: false if the queue is broken.
 */
bool virtqueue_kick(struct virtqueue *vq)
{
	if (virtqueue_kick_prepare(vq))
		return virtqueue_notify(vq);
	return true;
}

/* Put the chain at @head back on the free list. */
static void detach_buf(struct vring_virtqueue *vq, unsigned int head)
{
	struct virtio_device *vdev = vq->vq.vdev;
	unsigned int i = head, n = 1;

	vq->desc_state[head].data = NULL;
	/*
	 * The table is ours (the device only reads it), but bound the walk
	 * anyway: a chain longer than the queue would be a loop.
	 */
	while (vq->vring.desc[i].flags &
	       cpu_to_virtio16(vdev, VRING_DESC_F_NEXT)) {
		i = virtio16_to_cpu(vdev, vq->vring.desc[i].next);
		if (WARN_ON(++n > vq->vring.num || i >= vq->vring.num))
			break;
	}
	vq->vring.desc[i].next = cpu_to_virtio16(vdev, vq->free_head);
	vq->free_head = head;
	vq->vq.num_free += n;
}

/**
 * virtqueue_get_buf - take back a buffer the device used
 * @_vq: the queue
 * @len: where to put the bytes the device wrote into it
 *
 * Return: the token given when the buffer was added, or NULL if none is
 * used yet, or if the queue is broken (the device returned something
 * impossible: this is then reported once).
 */
void *virtqueue_get_buf(struct virtqueue *_vq, unsigned int *len)
{
	struct vring_virtqueue *vq = to_vvq(_vq);
	struct virtio_device *vdev = _vq->vdev;
	unsigned int num = vq->vring.num;
	u16 used_idx, last_used;
	unsigned int i;
	void *ret;

	if (unlikely(is_broken(vq)))
		return NULL;
	used_idx = used_idx_acquire(vq);
	if (vq->last_used_idx == used_idx)
		return NULL;
	if (unlikely((u16)(used_idx - vq->last_used_idx) > num)) {
		BAD_RING(vq, "used index %u is %u entries past %u, in a queue of %u\n",
			 used_idx, (u16)(used_idx - vq->last_used_idx),
			 vq->last_used_idx, num);
		return NULL;
	}

	last_used = vq->last_used_idx & (num - 1);
	i = virtio32_to_cpu(vdev, READ_ONCE(vq->vring.used->ring[last_used].id));
	*len = virtio32_to_cpu(vdev,
			       READ_ONCE(vq->vring.used->ring[last_used].len));
	if (unlikely(i >= num)) {
		BAD_RING(vq, "id %u out of range (queue of %u)\n", i, num);
		return NULL;
	}
	if (unlikely(!vq->desc_state[i].data)) {
		BAD_RING(vq, "id %u is not a head!\n", i);
		return NULL;
	}

	ret = vq->desc_state[i].data;
	detach_buf(vq, i);
	WRITE_ONCE(vq->last_used_idx, vq->last_used_idx + 1);
	return ret;
}

/**
 * virtqueue_disable_cb - ask the device not to interrupt (a hint)
 * @_vq: the queue
 */
void virtqueue_disable_cb(struct virtqueue *_vq)
{
	struct vring_virtqueue *vq = to_vvq(_vq);

	if (!(vq->avail_flags_shadow & VRING_AVAIL_F_NO_INTERRUPT)) {
		vq->avail_flags_shadow |= VRING_AVAIL_F_NO_INTERRUPT;
		WRITE_ONCE(vq->vring.avail->flags,
			   cpu_to_virtio16(_vq->vdev, vq->avail_flags_shadow));
	}
}

/**
 * virtqueue_poll - were buffers used since @last_used_idx?
 * @_vq: the queue
 * @last_used_idx: a value of the driver's used index
 *
 * Return: true if the device's used index moved past it.
 */
bool virtqueue_poll(struct virtqueue *_vq, unsigned int last_used_idx)
{
	struct vring_virtqueue *vq = to_vvq(_vq);

	if (is_broken(vq))
		return false;
	virtio_mb(true);
	return (u16)last_used_idx != used_idx_acquire(vq);
}

/**
 * virtqueue_enable_cb - ask for interrupts again
 * @_vq: the queue
 *
 * Return: false if buffers were used meanwhile (the caller should
 * process them, since no interrupt may come for them).
 */
bool virtqueue_enable_cb(struct virtqueue *_vq)
{
	struct vring_virtqueue *vq = to_vvq(_vq);

	if (vq->avail_flags_shadow & VRING_AVAIL_F_NO_INTERRUPT) {
		vq->avail_flags_shadow &= ~VRING_AVAIL_F_NO_INTERRUPT;
		WRITE_ONCE(vq->vring.avail->flags,
			   cpu_to_virtio16(_vq->vdev, vq->avail_flags_shadow));
	}
	return !virtqueue_poll(_vq, vq->last_used_idx);
}

/**
 * virtqueue_detach_unused_buf - take back a buffer the device never used
 * @_vq: the queue, of a device that was reset
 *
 * Return: a token, or NULL when none is left.
 */
void *virtqueue_detach_unused_buf(struct virtqueue *_vq)
{
	struct vring_virtqueue *vq = to_vvq(_vq);
	unsigned int i;
	void *buf;

	for (i = 0; i < vq->vring.num; i++) {
		if (!vq->desc_state[i].data)
			continue;
		buf = vq->desc_state[i].data;
		detach_buf(vq, i);
		vq->avail_idx_shadow--;
		WRITE_ONCE(vq->vring.avail->idx,
			   cpu_to_virtio16(_vq->vdev, vq->avail_idx_shadow));
		return buf;
	}
	return NULL;
}

/**
 * vring_interrupt - the device used buffers of this queue
 * @irq: the interrupt line
 * @_vq: the queue
 *
 * Called by the transport's interrupt handler, in the context that raised
 * the interrupt (the device model's thread, or the kicker itself in
 * deterministic mode).
 *
 * Return: IRQ_NONE if nothing was used.
 */
irqreturn_t vring_interrupt(int irq, void *_vq)
{
	struct vring_virtqueue *vq = to_vvq(_vq);

	if (!more_used(vq))
		return IRQ_NONE;
	if (unlikely(is_broken(vq)))
		return IRQ_HANDLED;
	if (vq->vq.callback)
		vq->vq.callback(&vq->vq);
	return IRQ_HANDLED;
}

/**
 * vring_create_virtqueue - create a queue and its rings
 * @index: the queue's number on the device
 * @num: entries wanted (a power of two)
 * @vring_align: alignment of the used ring
 * @vdev: the device
 * @weak_barriers: SMP barriers suffice (always, here)
 * @may_reduce_num: take fewer entries if memory for @num is short
 * @notify: kicks the device
 * @callback: the driver's callback for used buffers (may be NULL)
 * @name: for messages
 *
 * The rings are zeroed pages of guest memory, allocated as unmovable as
 * DMA memory would be.
 *
 * Return: the queue, or NULL.
 */
struct virtqueue *vring_create_virtqueue(unsigned int index,
					 unsigned int num,
					 unsigned int vring_align,
					 struct virtio_device *vdev,
					 bool weak_barriers,
					 bool may_reduce_num,
					 bool (*notify)(struct virtqueue *vq),
					 void (*callback)(struct virtqueue *vq),
					 const char *name)
{
	struct vring_virtqueue *vq;
	struct page *pages = NULL;
	unsigned int order = 0, i;

	if (!num || (num & (num - 1))) {
		dev_warn(&vdev->dev, "bad virtqueue length %u\n", num);
		return NULL;
	}
	for (; num; num /= 2) {
		order = get_order(vring_size(num, vring_align));
		pages = alloc_pages(GFP_KERNEL | __GFP_ZERO | __GFP_NOWARN,
				    order);
		if (pages || !may_reduce_num)
			break;
	}
	if (!pages)
		return NULL;

	vq = kzalloc(sizeof(*vq) + num * sizeof(struct vring_desc_state),
		     GFP_KERNEL);
	if (!vq) {
		__free_pages(pages, order);
		return NULL;
	}
	vring_init(&vq->vring, num, page_address(pages), vring_align);
	vq->ring_pages = pages;
	vq->ring_order = order;
	vq->vq.callback = callback;
	vq->vq.vdev = vdev;
	vq->vq.name = name;
	vq->vq.num_free = num;
	vq->vq.index = index;
	vq->notify = notify;
	/* Without a callback, the device need not interrupt. */
	if (!callback) {
		vq->avail_flags_shadow |= VRING_AVAIL_F_NO_INTERRUPT;
		vq->vring.avail->flags = cpu_to_virtio16(vdev,
							 vq->avail_flags_shadow);
	}
	for (i = 0; i < num - 1; i++)
		vq->vring.desc[i].next = cpu_to_virtio16(vdev, i + 1);
	list_add_tail(&vq->vq.list, &vdev->vqs);
	return &vq->vq;
}

/**
 * vring_del_virtqueue - free a queue and its rings
 * @_vq: the queue, of a device that was reset (it no longer looks at them)
 */
void vring_del_virtqueue(struct virtqueue *_vq)
{
	struct vring_virtqueue *vq = to_vvq(_vq);

	list_del(&_vq->list);
	__free_pages(vq->ring_pages, vq->ring_order);
	kfree(vq);
}

/**
 * vring_transport_features - keep only the transport features we implement
 * @vdev: the device, during feature negotiation
 *
 * No indirect descriptors and no event indexes: every other transport
 * bit but VIRTIO_F_VERSION_1 is cleared.
 */
void vring_transport_features(struct virtio_device *vdev)
{
	unsigned int i;

	for (i = VIRTIO_TRANSPORT_F_START; i < VIRTIO_TRANSPORT_F_END; i++) {
		if (i == VIRTIO_F_VERSION_1)
			continue;
		__virtio_clear_bit(vdev, i);
	}
}

/**
 * virtqueue_get_vring_size - the number of entries of a queue
 * @_vq: the queue
 *
 * Return: its length (which the transport tells the device).
 */
unsigned int virtqueue_get_vring_size(struct virtqueue *_vq)
{
	return to_vvq(_vq)->vring.num;
}

/**
 * virtqueue_is_broken - did the device hand back something impossible?
 * @_vq: the queue
 *
 * Return: true if the queue stopped working.
 */
bool virtqueue_is_broken(struct virtqueue *_vq)
{
	return is_broken(to_vvq(_vq));
}

/**
 * virtio_break_device - stop every queue of a device
 * @dev: the device (the transport found it unusable)
 */
void virtio_break_device(struct virtio_device *dev)
{
	struct virtqueue *_vq;

	list_for_each_entry(_vq, &dev->vqs, list)
		WRITE_ONCE(to_vvq(_vq)->broken, true);
}

/**
 * virtqueue_get_desc_addr - where the descriptor table is
 * @_vq: the queue
 *
 * Return: its guest-physical address.
 */
phys_addr_t virtqueue_get_desc_addr(struct virtqueue *_vq)
{
	return __pa(to_vvq(_vq)->vring.desc);
}

/**
 * virtqueue_get_avail_addr - where the available ring is
 * @_vq: the queue
 *
 * Return: its guest-physical address.
 */
phys_addr_t virtqueue_get_avail_addr(struct virtqueue *_vq)
{
	return __pa(to_vvq(_vq)->vring.avail);
}

/**
 * virtqueue_get_used_addr - where the used ring is
 * @_vq: the queue
 *
 * Return: its guest-physical address.
 */
phys_addr_t virtqueue_get_used_addr(struct virtqueue *_vq)
{
	return __pa(to_vvq(_vq)->vring.used);
}
