/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: virtio device type numbers (virtio 1.x, "Device Types"). */
#ifndef _UAPI_LINUX_VIRTIO_IDS_H
#define _UAPI_LINUX_VIRTIO_IDS_H

/*
 * The DeviceID a transport reports, which tells the driver core which
 * driver to bind.  umm has one device, the balloon.
 */
#define VIRTIO_ID_NET		1	/* network card */
#define VIRTIO_ID_BLOCK		2	/* block device */
#define VIRTIO_ID_CONSOLE	3	/* console */
#define VIRTIO_ID_RNG		4	/* entropy source */
#define VIRTIO_ID_BALLOON	5	/* traditional memory balloon */

#endif /* _UAPI_LINUX_VIRTIO_IDS_H */
