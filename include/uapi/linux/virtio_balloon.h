/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the traditional memory balloon device (virtio 1.x, ID 5). */
#ifndef _UAPI_LINUX_VIRTIO_BALLOON_H
#define _UAPI_LINUX_VIRTIO_BALLOON_H

/*
 * The device asks for a number of pages (config num_pages); the driver
 * gives pages by sending their frame numbers on the inflate queue, takes
 * pages back through the deflate queue, and reports how many the device
 * has (config actual).  Frame numbers are in 4 KiB units whatever the
 * guest's page size.
 */
#include <linux/types.h>
#include <linux/virtio_ids.h>
#include <linux/virtio_config.h>

/* The driver must tell the device before it reuses a deflated page. */
#define VIRTIO_BALLOON_F_MUST_TELL_HOST	0
/* A third queue carries memory statistics to the device. */
#define VIRTIO_BALLOON_F_STATS_VQ	1
/* The driver gives pages back when the guest would otherwise OOM-kill. */
#define VIRTIO_BALLOON_F_DEFLATE_ON_OOM	2

/* The size of a balloon frame: frame numbers are addresses >> 12. */
#define VIRTIO_BALLOON_PFN_SHIFT	12

struct virtio_balloon_config {
	/* Written by the device: how many frames it wants. */
	__le32 num_pages;
	/* Written by the driver: how many frames the device has. */
	__le32 actual;
};

/* Tags of the statistics (VIRTIO_BALLOON_F_STATS_VQ). */
#define VIRTIO_BALLOON_S_SWAP_IN	0	/* bytes swapped in */
#define VIRTIO_BALLOON_S_SWAP_OUT	1	/* bytes swapped out */
#define VIRTIO_BALLOON_S_MAJFLT		2	/* major faults */
#define VIRTIO_BALLOON_S_MINFLT		3	/* minor faults */
#define VIRTIO_BALLOON_S_MEMFREE	4	/* free memory, bytes */
#define VIRTIO_BALLOON_S_MEMTOT		5	/* total memory, bytes */
#define VIRTIO_BALLOON_S_AVAIL		6	/* available memory, bytes */
#define VIRTIO_BALLOON_S_NR		7

/* One statistic; the queue carries an array of them. */
struct virtio_balloon_stat {
	__virtio16 tag;
	__virtio64 val;
} __attribute__((packed));

#endif /* _UAPI_LINUX_VIRTIO_BALLOON_H */
