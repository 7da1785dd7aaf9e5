/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the virtio-mmio register layout (virtio 1.x, version 2). */
#ifndef _UAPI_LINUX_VIRTIO_MMIO_H
#define _UAPI_LINUX_VIRTIO_MMIO_H

/*
 * Offsets of the registers in a virtio-mmio window.  All registers are
 * 32 bits wide and little-endian; the device-specific configuration
 * space starts at VIRTIO_MMIO_CONFIG.  The legacy (version 1) registers
 * are left out: umm's device is a version 2 device.
 */
#define VIRTIO_MMIO_MAGIC_VALUE		0x000	/* R: "virt" */
#define VIRTIO_MMIO_VERSION		0x004	/* R: 2 */
#define VIRTIO_MMIO_DEVICE_ID		0x008	/* R: VIRTIO_ID_* */
#define VIRTIO_MMIO_VENDOR_ID		0x00c	/* R */
#define VIRTIO_MMIO_DEVICE_FEATURES	0x010	/* R: 32 bits of the offer */
#define VIRTIO_MMIO_DEVICE_FEATURES_SEL	0x014	/* W: which 32 bits */
#define VIRTIO_MMIO_DRIVER_FEATURES	0x020	/* W: 32 bits of the choice */
#define VIRTIO_MMIO_DRIVER_FEATURES_SEL	0x024	/* W: which 32 bits */
#define VIRTIO_MMIO_QUEUE_SEL		0x030	/* W: queue the next ones mean */
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034	/* R: 0 if no such queue */
#define VIRTIO_MMIO_QUEUE_NUM		0x038	/* W: size the driver chose */
#define VIRTIO_MMIO_QUEUE_READY		0x044	/* RW: the rings are set */
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050	/* W: queue index: a kick */
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060	/* R: VIRTIO_MMIO_INT_* */
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064	/* W: bits handled */
#define VIRTIO_MMIO_STATUS		0x070	/* RW: VIRTIO_CONFIG_S_* */
#define VIRTIO_MMIO_QUEUE_DESC_LOW	0x080	/* W: descriptor table */
#define VIRTIO_MMIO_QUEUE_DESC_HIGH	0x084
#define VIRTIO_MMIO_QUEUE_AVAIL_LOW	0x090	/* W: available ring */
#define VIRTIO_MMIO_QUEUE_AVAIL_HIGH	0x094
#define VIRTIO_MMIO_QUEUE_USED_LOW	0x0a0	/* W: used ring */
#define VIRTIO_MMIO_QUEUE_USED_HIGH	0x0a4
#define VIRTIO_MMIO_CONFIG_GENERATION	0x0fc	/* R: changes with config */
#define VIRTIO_MMIO_CONFIG		0x100	/* RW: device configuration */

/* What VIRTIO_MMIO_MAGIC_VALUE reads: "virt" in little-endian. */
#define VIRTIO_MMIO_MAGIC		0x74726976

/* Bits of VIRTIO_MMIO_INTERRUPT_STATUS. */
#define VIRTIO_MMIO_INT_VRING		(1 << 0)	/* a used buffer */
#define VIRTIO_MMIO_INT_CONFIG		(1 << 1)	/* config changed */

#endif /* _UAPI_LINUX_VIRTIO_MMIO_H */
