/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: a virtio-mmio window whose accesses trap to a host device model. */
#ifndef _LINUX_VIRTIO_MMIO_H
#define _LINUX_VIRTIO_MMIO_H

/*
 * include/linux/virtio_mmio.h - where a virtio-mmio device meets its model
 *
 * On a virtual machine, a virtio-mmio device is a page of guest-physical
 * address space with nothing behind it: each load or store the guest
 * makes there traps to the VMM, whose device model answers it, and the
 * device interrupts the guest through an interrupt line.  umm cannot trap
 * loads and stores, so the window is a pair of functions the device model
 * provides, and the guest's transport (drivers/virtio/virtio_mmio.c) calls
 * them where the kernel's calls readl() and writel().  The interrupt line
 * is the guest's handler, which the model calls.
 *
 * The board code (arch/user/drivers/) fills a window in and hands it to
 * virtio_mmio_add_device(), as a device tree would describe the device
 * to the kernel's virtio_mmio platform driver.
 */
#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/irqreturn.h>
#include <uapi/linux/virtio_mmio.h>

/**
 * struct virtio_mmio_window - a virtio-mmio device as the guest sees it
 * @name: the board's name for it (messages only)
 * @read: a load of @size (1, 2 or 4) bytes at @offset: the register's
 *	value, trapped to the device model
 * @write: a store of @size bytes of @value at @offset
 * @irq: the interrupt line's number
 * @irq_lock: protects @handler and @dev_id; held while the handler runs,
 *	so that the transport's free_irq() (in vm_del_vqs()) waits for a
 *	running handler
 * @handler: the guest's interrupt handler, NULL when none is installed
 * @dev_id: its argument
 * @priv: the transport's pointer (its struct virtio_mmio_device)
 */
struct virtio_mmio_window {
	const char *name;
	u32 (*read)(struct virtio_mmio_window *w, unsigned int offset,
		    unsigned int size);
	void (*write)(struct virtio_mmio_window *w, unsigned int offset,
		      u32 value, unsigned int size);
	int irq;
	spinlock_t irq_lock;
	irqreturn_t (*handler)(int irq, void *dev_id);
	void *dev_id;
	void *priv;
};

/* drivers/virtio/virtio_mmio.c: the board found (or lost) a device. */
int virtio_mmio_add_device(struct virtio_mmio_window *w);
void virtio_mmio_remove_device(struct virtio_mmio_window *w);

/*
 * The device model raises the interrupt line: the guest's handler runs
 * in the caller's context, which must hold none of the model's locks
 * that the handler's register reads take.
 */
static inline irqreturn_t virtio_mmio_raise_irq(struct virtio_mmio_window *w)
{
	irqreturn_t ret = IRQ_NONE;

	spin_lock(&w->irq_lock);
	if (w->handler)
		ret = w->handler(w->irq, w->dev_id);
	spin_unlock(&w->irq_lock);
	return ret;
}

#endif /* _LINUX_VIRTIO_MMIO_H */
