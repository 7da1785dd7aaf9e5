/* SPDX-License-Identifier: GPL-2.0 */
/*
 * drivers/virtio/virtio_balloon_drv.h - the balloon driver's state
 *
 * The kernel keeps struct virtio_balloon inside virtio_balloon.c; it is in
 * a header here so that the white-box tests (tools/testing/umm/) can look
 * at the driver's counters and lists.  Nothing else includes it.
 */
#ifndef _VIRTIO_BALLOON_DRV_H
#define _VIRTIO_BALLOON_DRV_H

#include <linux/types.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/notifier.h>
#include <linux/sched.h>
#include <linux/virtio.h>
#include <linux/virtio_balloon.h>
#include <linux/balloon_compaction.h>

/*
 * The device counts in 4 KiB frames; a guest page is this many of them
 * (one, here).  Counters of the driver are in frames.
 */
#define VIRTIO_BALLOON_PAGES_PER_PAGE \
	((unsigned int)(PAGE_SIZE >> VIRTIO_BALLOON_PFN_SHIFT))
/* Frames told to the host in one buffer. */
#define VIRTIO_BALLOON_ARRAY_PFNS_MAX	256
/* Frames given back per OOM notification (virtio_balloon.oom_pages=). */
#define OOM_VBALLOON_DEFAULT_PAGES	256
#define VIRTBALLOON_OOM_NOTIFY_PRIORITY	80

/**
 * struct virtio_balloon - one balloon device's driver state
 * @vdev: the device
 * @inflate_vq: frames given to the host
 * @deflate_vq: frames taken back
 * @stats_vq: statistics (VIRTIO_BALLOON_F_STATS_VQ), or NULL
 * @thread: the worker, "vballoon"; NULL in deterministic mode (the work
 *	item @update_balloon_work runs at the workqueue's safe points)
 * @config_change: the worker sleeps here
 * @need_work: a config change (or a stats request) since the worker
 *	last looked
 * @need_stats: the host asked for statistics
 * @update_balloon_work: the worker's pass, as a work item
 * @stop_update_lock: protects @stop_update
 * @stop_update: the device is going away: no new work
 * @acked: tell_host() waits here for the host's acknowledgement
 * @num_pages: frames the host has from us (config "actual")
 * @guest_pages: the guest's RAM, in frames: the most a sane target asks
 * @clamped_from: the last absurd target reported (reported once each)
 * @vb_dev_info: the balloon's pages
 * @balloon_lock: serialises inflate, deflate, migration and the queues
 * @num_pfns: frames in @pfns
 * @pfns: the buffer of frame numbers told to the host
 * @stats: the statistics buffer
 * @nb: the OOM notifier
 * @out_of_puff: times an inflate could not allocate what it wanted
 * @broken_reported: a broken queue was reported
 */
struct virtio_balloon {
	struct virtio_device *vdev;
	struct virtqueue *inflate_vq, *deflate_vq, *stats_vq;

	struct task_struct *thread;
	wait_queue_head_t config_change;
	bool need_work;
	bool need_stats;
	struct work_struct update_balloon_work;
	spinlock_t stop_update_lock;
	bool stop_update;

	wait_queue_head_t acked;

	unsigned int num_pages;
	unsigned long guest_pages;
	u32 clamped_from;

	struct balloon_dev_info vb_dev_info;
	struct mutex balloon_lock;

	unsigned int num_pfns;
	__virtio32 pfns[VIRTIO_BALLOON_ARRAY_PFNS_MAX];

	struct virtio_balloon_stat stats[VIRTIO_BALLOON_S_NR];

	struct notifier_block nb;

	unsigned long out_of_puff;
	bool broken_reported;
};

#endif /* _VIRTIO_BALLOON_DRV_H */
