/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: what an interrupt handler returns. */
#ifndef _LINUX_IRQRETURN_H
#define _LINUX_IRQRETURN_H

/*
 * umm has no interrupt controller; a device model calls its guest
 * driver's handler directly (see <linux/virtio_mmio.h>).  The return
 * value still says whether the interrupt was the handler's.
 */
enum irqreturn {
	IRQ_NONE		= (0 << 0),	/* not ours */
	IRQ_HANDLED		= (1 << 0),	/* ours, handled */
	IRQ_WAKE_THREAD		= (1 << 1),	/* ours, finish in a thread */
};

typedef enum irqreturn irqreturn_t;
#define IRQ_RETVAL(x)	((x) ? IRQ_HANDLED : IRQ_NONE)

#endif /* _LINUX_IRQRETURN_H */
