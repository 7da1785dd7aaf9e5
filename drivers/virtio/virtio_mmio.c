// SPDX-License-Identifier: GPL-2.0
/*
 * drivers/virtio/virtio_mmio.c - the virtio-mmio transport (version 2)
 *
 * A virtio-mmio device is a window of registers (<uapi/linux/virtio_mmio.h>)
 * and an interrupt line.  This driver turns the window into a struct
 * virtio_device: feature words through the *_FEATURES(_SEL) registers,
 * the status byte, the configuration space at VIRTIO_MMIO_CONFIG, and
 * for each queue its size and the guest-physical addresses of its three
 * areas.  A kick is a write of the queue's index to QUEUE_NOTIFY; the
 * interrupt handler reads INTERRUPT_STATUS, acknowledges it, and passes a
 * config change to the core and a used buffer to every queue.
 *
 * The registers are reached through the window's read() and write(),
 * which trap to the device model (see <linux/virtio_mmio.h>); only
 * version 2 (virtio 1.x) devices are supported.
 *
 * Locking: vm_dev->lock (a spinlock) protects the list of queues, which
 * the interrupt handler walks; the window's irq_lock is held around the
 * handler (virtio_mmio_raise_irq()).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <linux/virtio_mmio.h>

/* The used ring starts on a page of its own, as QEMU lays queues out. */
#define VIRTIO_MMIO_VRING_ALIGN		PAGE_SIZE

struct virtio_mmio_device {
	struct virtio_device vdev;
	struct virtio_mmio_window *window;
	unsigned long version;
	spinlock_t lock;		/* virtqueues */
	struct list_head virtqueues;
};

struct virtio_mmio_vq_info {
	struct virtqueue *vq;
	struct list_head node;
};

#define to_virtio_mmio_device(_plat_dev) \
	container_of(_plat_dev, struct virtio_mmio_device, vdev)

/* The accessors the kernel calls readl()/writel() on the window. */
static u32 vm_read(struct virtio_mmio_device *vm_dev, unsigned int offset,
		   unsigned int size)
{
	return vm_dev->window->read(vm_dev->window, offset, size);
}

static u32 vm_readl(struct virtio_mmio_device *vm_dev, unsigned int offset)
{
	return vm_read(vm_dev, offset, 4);
}

static void vm_write(struct virtio_mmio_device *vm_dev, u32 value,
		     unsigned int offset, unsigned int size)
{
	vm_dev->window->write(vm_dev->window, offset, value, size);
}

static void vm_writel(struct virtio_mmio_device *vm_dev, u32 value,
		      unsigned int offset)
{
	vm_write(vm_dev, value, offset, 4);
}

/* ---- configuration ------------------------------------------------------ */

static u64 vm_get_features(struct virtio_device *vdev)
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);
	u64 features;

	vm_writel(vm_dev, 1, VIRTIO_MMIO_DEVICE_FEATURES_SEL);
	features = vm_readl(vm_dev, VIRTIO_MMIO_DEVICE_FEATURES);
	features <<= 32;
	vm_writel(vm_dev, 0, VIRTIO_MMIO_DEVICE_FEATURES_SEL);
	features |= vm_readl(vm_dev, VIRTIO_MMIO_DEVICE_FEATURES);
	return features;
}

static int vm_finalize_features(struct virtio_device *vdev)
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);

	/* Keep only the ring features we implement. */
	vring_transport_features(vdev);
	/* A version 2 device speaks virtio 1.x, or it is broken. */
	if (!__virtio_test_bit(vdev, VIRTIO_F_VERSION_1)) {
		dev_err(&vdev->dev,
			"new virtio-mmio devices (version 2) must provide VIRTIO_F_VERSION_1\n");
		return -EINVAL;
	}
	vm_writel(vm_dev, 1, VIRTIO_MMIO_DRIVER_FEATURES_SEL);
	vm_writel(vm_dev, (u32)(vdev->features >> 32),
		  VIRTIO_MMIO_DRIVER_FEATURES);
	vm_writel(vm_dev, 0, VIRTIO_MMIO_DRIVER_FEATURES_SEL);
	vm_writel(vm_dev, (u32)vdev->features, VIRTIO_MMIO_DRIVER_FEATURES);
	return 0;
}

static void vm_get(struct virtio_device *vdev, unsigned int offset,
		   void *buf, unsigned int len)
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);
	unsigned int base = VIRTIO_MMIO_CONFIG + offset;
	u8 *ptr = buf;
	u32 v;

	/* Naturally sized accesses where the field allows, else bytes. */
	switch (len) {
	case 2:
		*(u16 *)buf = vm_read(vm_dev, base, 2);
		return;
	case 4:
		*(u32 *)buf = vm_read(vm_dev, base, 4);
		return;
	case 8:
		v = vm_read(vm_dev, base, 4);
		memcpy(buf, &v, 4);
		v = vm_read(vm_dev, base + 4, 4);
		memcpy(ptr + 4, &v, 4);
		return;
	}
	while (len--)
		*ptr++ = vm_read(vm_dev, base++, 1);
}

static void vm_set(struct virtio_device *vdev, unsigned int offset,
		   const void *buf, unsigned int len)
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);
	unsigned int base = VIRTIO_MMIO_CONFIG + offset;
	const u8 *ptr = buf;
	u32 v;

	switch (len) {
	case 2:
		vm_write(vm_dev, *(const u16 *)buf, base, 2);
		return;
	case 4:
		vm_write(vm_dev, *(const u32 *)buf, base, 4);
		return;
	case 8:
		memcpy(&v, buf, 4);
		vm_write(vm_dev, v, base, 4);
		memcpy(&v, ptr + 4, 4);
		vm_write(vm_dev, v, base + 4, 4);
		return;
	}
	while (len--)
		vm_write(vm_dev, *ptr++, base++, 1);
}

static u32 vm_generation(struct virtio_device *vdev)
{
	return vm_readl(to_virtio_mmio_device(vdev),
			VIRTIO_MMIO_CONFIG_GENERATION);
}

static u8 vm_get_status(struct virtio_device *vdev)
{
	return vm_readl(to_virtio_mmio_device(vdev), VIRTIO_MMIO_STATUS) & 0xff;
}

static void vm_set_status(struct virtio_device *vdev, u8 status)
{
	/* 0 means reset: that is vm_reset(). */
	BUG_ON(status == 0);
	vm_writel(to_virtio_mmio_device(vdev), status, VIRTIO_MMIO_STATUS);
}

static void vm_reset(struct virtio_device *vdev)
{
	vm_writel(to_virtio_mmio_device(vdev), 0, VIRTIO_MMIO_STATUS);
}

/* ---- queues ------------------------------------------------------------- */

static bool vm_notify(struct virtqueue *vq)
{
	vm_writel(to_virtio_mmio_device(vq->vdev), vq->index,
		  VIRTIO_MMIO_QUEUE_NOTIFY);
	return true;
}

/* The device interrupts: a config change, used buffers, or both. */
static irqreturn_t vm_interrupt(int irq, void *opaque)
{
	struct virtio_mmio_device *vm_dev = opaque;
	struct virtio_mmio_vq_info *info;
	irqreturn_t ret = IRQ_NONE;
	u32 status;

	status = vm_readl(vm_dev, VIRTIO_MMIO_INTERRUPT_STATUS);
	vm_writel(vm_dev, status, VIRTIO_MMIO_INTERRUPT_ACK);

	if (unlikely(status & VIRTIO_MMIO_INT_CONFIG)) {
		virtio_config_changed(&vm_dev->vdev);
		ret = IRQ_HANDLED;
	}
	if (likely(status & VIRTIO_MMIO_INT_VRING)) {
		spin_lock(&vm_dev->lock);
		list_for_each_entry(info, &vm_dev->virtqueues, node)
			ret |= vring_interrupt(irq, info->vq);
		spin_unlock(&vm_dev->lock);
	}
	return ret;
}

static void vm_del_vq(struct virtqueue *vq)
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vq->vdev);
	struct virtio_mmio_vq_info *info = vq->priv;
	unsigned int index = vq->index;

	spin_lock(&vm_dev->lock);
	list_del(&info->node);
	spin_unlock(&vm_dev->lock);

	/* The device lets go of the rings before we free them. */
	vm_writel(vm_dev, index, VIRTIO_MMIO_QUEUE_SEL);
	vm_writel(vm_dev, 0, VIRTIO_MMIO_QUEUE_READY);
	WARN_ON(vm_readl(vm_dev, VIRTIO_MMIO_QUEUE_READY));

	vring_del_virtqueue(vq);
	kfree(info);
}

static void vm_del_vqs(struct virtio_device *vdev)
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);
	struct virtio_mmio_window *w = vm_dev->window;
	struct virtqueue *vq, *n;

	list_for_each_entry_safe(vq, n, &vdev->vqs, list)
		vm_del_vq(vq);
	/* free_irq(): waits for a handler that is running. */
	spin_lock(&w->irq_lock);
	w->handler = NULL;
	w->dev_id = NULL;
	spin_unlock(&w->irq_lock);
}

static void vm_write_addr(struct virtio_mmio_device *vm_dev, u64 addr,
			  unsigned int low)
{
	vm_writel(vm_dev, (u32)addr, low);
	vm_writel(vm_dev, (u32)(addr >> 32), low + 4);
}

static struct virtqueue *vm_setup_vq(struct virtio_device *vdev,
				     unsigned int index,
				     void (*callback)(struct virtqueue *vq),
				     const char *name)
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);
	struct virtio_mmio_vq_info *info;
	struct virtqueue *vq;
	unsigned int num;
	int err;

	vm_writel(vm_dev, index, VIRTIO_MMIO_QUEUE_SEL);
	if (vm_readl(vm_dev, VIRTIO_MMIO_QUEUE_READY)) {
		err = -ENOENT;
		goto error_available;
	}
	num = vm_readl(vm_dev, VIRTIO_MMIO_QUEUE_NUM_MAX);
	if (num == 0) {
		err = -ENOENT;
		goto error_available;
	}

	info = kmalloc(sizeof(*info), GFP_KERNEL);
	if (!info) {
		err = -ENOMEM;
		goto error_available;
	}
	vq = vring_create_virtqueue(index, num, VIRTIO_MMIO_VRING_ALIGN, vdev,
				    true, true, vm_notify, callback, name);
	if (!vq) {
		err = -ENOMEM;
		goto error_new_virtqueue;
	}

	vm_writel(vm_dev, virtqueue_get_vring_size(vq), VIRTIO_MMIO_QUEUE_NUM);
	vm_write_addr(vm_dev, virtqueue_get_desc_addr(vq),
		      VIRTIO_MMIO_QUEUE_DESC_LOW);
	vm_write_addr(vm_dev, virtqueue_get_avail_addr(vq),
		      VIRTIO_MMIO_QUEUE_AVAIL_LOW);
	vm_write_addr(vm_dev, virtqueue_get_used_addr(vq),
		      VIRTIO_MMIO_QUEUE_USED_LOW);
	vm_writel(vm_dev, 1, VIRTIO_MMIO_QUEUE_READY);
	/* The device checks what it was given and may refuse it. */
	if (!vm_readl(vm_dev, VIRTIO_MMIO_QUEUE_READY)) {
		dev_err(&vdev->dev, "queue %u (%s) refused by the device\n",
			index, name);
		err = -EINVAL;
		goto error_ready;
	}

	vq->priv = info;
	info->vq = vq;
	spin_lock(&vm_dev->lock);
	list_add(&info->node, &vm_dev->virtqueues);
	spin_unlock(&vm_dev->lock);
	return vq;

error_ready:
	vring_del_virtqueue(vq);
error_new_virtqueue:
	kfree(info);
error_available:
	return ERR_PTR(err);
}

static int vm_find_vqs(struct virtio_device *vdev, unsigned int nvqs,
		       struct virtqueue *vqs[], vq_callback_t *callbacks[],
		       const char * const names[])
{
	struct virtio_mmio_device *vm_dev = to_virtio_mmio_device(vdev);
	struct virtio_mmio_window *w = vm_dev->window;
	unsigned int i, queue_idx = 0;

	/* request_irq(): the line now reaches vm_interrupt(). */
	spin_lock(&w->irq_lock);
	w->dev_id = vm_dev;
	w->handler = vm_interrupt;
	spin_unlock(&w->irq_lock);

	for (i = 0; i < nvqs; i++) {
		if (!names[i]) {
			vqs[i] = NULL;
			continue;
		}
		vqs[i] = vm_setup_vq(vdev, queue_idx++, callbacks[i], names[i]);
		if (IS_ERR(vqs[i])) {
			int err = PTR_ERR(vqs[i]);

			vm_del_vqs(vdev);
			return err;
		}
	}
	return 0;
}

static const char *vm_bus_name(struct virtio_device *vdev)
{
	return to_virtio_mmio_device(vdev)->window->name;
}

static const struct virtio_config_ops virtio_mmio_config_ops = {
	.get			= vm_get,
	.set			= vm_set,
	.generation		= vm_generation,
	.get_status		= vm_get_status,
	.set_status		= vm_set_status,
	.reset			= vm_reset,
	.find_vqs		= vm_find_vqs,
	.del_vqs		= vm_del_vqs,
	.get_features		= vm_get_features,
	.finalize_features	= vm_finalize_features,
	.bus_name		= vm_bus_name,
};

/* ---- the device comes and goes --------------------------------------------- */

/**
 * virtio_mmio_add_device - probe a virtio-mmio window the board describes
 * @w: the window, with read(), write() and irq set
 *
 * Checks the magic value and version, and registers a virtio device of
 * the type the window reports.
 *
 * Return: 0; -ENODEV if the window holds no usable device; -ENXIO for
 * an unsupported version; -ENOMEM.
 */
int virtio_mmio_add_device(struct virtio_mmio_window *w)
{
	struct virtio_mmio_device *vm_dev;
	unsigned long magic;

	vm_dev = kzalloc(sizeof(*vm_dev), GFP_KERNEL);
	if (!vm_dev)
		return -ENOMEM;
	vm_dev->window = w;
	spin_lock_init(&vm_dev->lock);
	INIT_LIST_HEAD(&vm_dev->virtqueues);
	vm_dev->vdev.config = &virtio_mmio_config_ops;

	magic = vm_readl(vm_dev, VIRTIO_MMIO_MAGIC_VALUE);
	if (magic != VIRTIO_MMIO_MAGIC) {
		pr_err("virtio-mmio %s: wrong magic value 0x%08lx\n",
		       w->name, magic);
		goto nodev;
	}
	vm_dev->version = vm_readl(vm_dev, VIRTIO_MMIO_VERSION);
	if (vm_dev->version != 2) {
		pr_err("virtio-mmio %s: version %lu not supported\n",
		       w->name, vm_dev->version);
		kfree(vm_dev);
		return -ENXIO;
	}
	vm_dev->vdev.id.device = vm_readl(vm_dev, VIRTIO_MMIO_DEVICE_ID);
	/* Device ID 0 is a placeholder: no device behind the window. */
	if (vm_dev->vdev.id.device == 0)
		goto nodev;
	vm_dev->vdev.id.vendor = vm_readl(vm_dev, VIRTIO_MMIO_VENDOR_ID);

	w->priv = vm_dev;
	return register_virtio_device(&vm_dev->vdev);

nodev:
	kfree(vm_dev);
	return -ENODEV;
}

/**
 * virtio_mmio_remove_device - the board takes a device away
 * @w: a window virtio_mmio_add_device() accepted
 *
 * Its driver is unbound first (remove() resets the device and deletes
 * the queues).
 */
void virtio_mmio_remove_device(struct virtio_mmio_window *w)
{
	struct virtio_mmio_device *vm_dev = w->priv;

	unregister_virtio_device(&vm_dev->vdev);
	w->priv = NULL;
	kfree(vm_dev);
}
