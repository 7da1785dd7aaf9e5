/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: virtio device status bits and transport feature bits. */
#ifndef _UAPI_LINUX_VIRTIO_CONFIG_H
#define _UAPI_LINUX_VIRTIO_CONFIG_H

/*
 * The device status field, written by the driver as initialisation goes
 * on (virtio 1.x, "Device Status Field").  Writing 0 resets the device.
 */
#define VIRTIO_CONFIG_S_ACKNOWLEDGE	1	/* the guest saw the device */
#define VIRTIO_CONFIG_S_DRIVER		2	/* a driver was found for it */
#define VIRTIO_CONFIG_S_DRIVER_OK	4	/* the driver is ready */
#define VIRTIO_CONFIG_S_FEATURES_OK	8	/* feature negotiation is done */
#define VIRTIO_CONFIG_S_NEEDS_RESET	0x40	/* the device gave up: reset it */
#define VIRTIO_CONFIG_S_FAILED		0x80	/* the driver gave up */

/*
 * Feature bits 0..23 belong to the device type; 24..37 to the transport
 * and the ring (virtio 1.x, "Reserved Feature Bits").
 */
#define VIRTIO_TRANSPORT_F_START	28
#define VIRTIO_TRANSPORT_F_END		38

/* Interrupt when the ring becomes empty even if suppressed (legacy). */
#define VIRTIO_F_NOTIFY_ON_EMPTY	24
/* Buffers may be laid out in descriptors freely (legacy). */
#define VIRTIO_F_ANY_LAYOUT		27
/* The device follows virtio 1.x (little-endian, no legacy quirks). */
#define VIRTIO_F_VERSION_1		32
/* The device sits behind an IOMMU: addresses are not physical. */
#define VIRTIO_F_IOMMU_PLATFORM		33

#endif /* _UAPI_LINUX_VIRTIO_CONFIG_H */
