/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arch/user/drivers/virtio_balloon_dev.h - the host's virtio-balloon device
 *
 * The device model's own header: the device (virtio_balloon_dev.c) and
 * its monitor (balloon_monitor.c) share struct vbdev; the tests look at
 * the state and break the device on purpose.  The monitor's commands,
 * which the console uses, are in <asm/balloon_monitor.h>.  The model is
 * described in virtio_balloon_dev.c and Documentation/vm/balloon.rst.
 */
#ifndef _VIRTIO_BALLOON_DEV_H
#define _VIRTIO_BALLOON_DEV_H

#include <linux/types.h>
#include <linux/wait.h>
#include <linux/virtio_balloon.h>
#include <asm/balloon_monitor.h>
#include "virtio_mmio_dev.h"

struct dentry;

#define VBDEV_INFLATE_Q	0
#define VBDEV_DEFLATE_Q	1
#define VBDEV_STATS_Q	2

/* Inflated frames the host holds before it discards them: 4 MiB. */
#define VBDEV_DISCARD_BATCH	1024

enum vbdev_fault {
	VBDEV_FAULT_NONE,
	/* The next used entry names descriptor @arg, not the real head. */
	VBDEV_FAULT_USED_ID,
	/* After @arg more inflate buffers, set num_pages to @arg2. */
	VBDEV_FAULT_RETARGET,
	/* Check deflated frames for guest writes even without the feature. */
	VBDEV_FAULT_CHECK_REUSE,
};

/**
 * struct vbdev - the virtio-balloon device
 * @vmd: the virtio-mmio device it is
 * @num_pages: config num_pages, the host's target (under @vmd.lock)
 * @actual: config actual, written by the driver (under @vmd.lock)
 * @ballooned: the host's set, a bitmap over guest frames
 * @nr_ballooned: its size
 * @inflated: frames inflated since boot
 * @deflated: frames deflated since boot
 * @reused: deflated frames the guest wrote to while the host had them
 * @discard_pending: inflated frames not yet discarded, a bitmap
 * @nr_pending: how many
 * @pending_lo: the lowest pending frame may be here, not lower
 * @pending_hi: the highest pending frame may be here, not higher
 * @discards: host discards made (one per run of frames)
 * @discarded: frames discarded
 * @discard_cancelled: frames deflated before their discard, never made
 * @discard_ns: time spent discarding
 * @stats: the driver's last statistics, by tag
 * @stats_updates: statistics buffers received
 * @fault: a test fault
 * @fault_arg: its argument
 * @fault_arg2: its second argument
 * @retarget_pending: VBDEV_FAULT_RETARGET fired
 * @retarget_to: the target it sets
 * @monitor_wait: the monitor waits here for actual and statistics
 * @debugfs: /sys/kernel/debug/virtio_balloon_dev
 *
 * From @ballooned to @retarget_to: under @vmd.process_lock.
 */
struct vbdev {
	struct virtio_mmio_dev vmd;
	u32 num_pages, actual;
	unsigned long *ballooned;
	unsigned long nr_ballooned;
	unsigned long inflated, deflated, reused;
	unsigned long *discard_pending;
	unsigned long nr_pending, pending_lo, pending_hi;
	unsigned long discards, discarded, discard_cancelled;
	u64 discard_ns;
	struct virtio_balloon_stat stats[VIRTIO_BALLOON_S_NR];
	unsigned long stats_updates;
	enum vbdev_fault fault;
	unsigned long fault_arg, fault_arg2;
	bool retarget_pending;
	u32 retarget_to;
	wait_queue_head_t monitor_wait;
	struct dentry *debugfs;
};

/* The device, if virtio_balloon_dev.enable=1. */
extern struct vbdev *vbdev;

/* virtio_balloon_dev.c, for its monitor */
void vbdev_set_target(struct vbdev *dev, u32 num_pages);
void vbdev_flush_discards(struct vbdev *dev);
/* balloon_monitor.c, at boot */
void vbdev_debugfs_init(struct vbdev *dev);

/**
 * struct vbdev_state - the device as the host sees it
 * @present: a device is plugged (virtio_balloon_dev.enable=1)
 * @status: the device status byte the driver wrote
 * @must_tell_host: VIRTIO_BALLOON_F_MUST_TELL_HOST was negotiated
 * @stats_vq: VIRTIO_BALLOON_F_STATS_VQ was negotiated
 * @deflate_on_oom: VIRTIO_BALLOON_F_DEFLATE_ON_OOM was negotiated
 * @num_pages: the target: frames the host wants (config num_pages)
 * @actual: frames the driver says the host has (config actual)
 * @ballooned: frames in the host's own set
 * @inflated: frames inflated since boot (migrations included)
 * @deflated: frames deflated since boot
 * @errors: protocol errors seen (each was reported)
 * @reused: deflated frames the guest had written to while the host had
 *	them (MUST_TELL_HOST broken; counted in @errors too)
 * @kicks: notifications from the driver
 * @interrupts: interrupts raised
 * @stats_updates: statistics buffers received
 * @discard_pending: frames the host has and has not discarded yet
 * @discards: host discards made (madvise() calls, one per run of frames)
 * @discarded: frames discarded
 * @discard_cancelled: frames deflated while their discard was pending
 *	(never discarded)
 * @discard_ns: time the host spent discarding
 */
struct vbdev_state {
	bool present;
	u32 status;
	bool must_tell_host, stats_vq, deflate_on_oom;
	u32 num_pages;
	u32 actual;
	unsigned long ballooned;
	unsigned long inflated, deflated;
	unsigned long errors, reused;
	unsigned long kicks, interrupts;
	unsigned long stats_updates;
	unsigned long discard_pending, discards, discarded, discard_cancelled;
	u64 discard_ns;
};

void vbdev_get_state(struct vbdev_state *st);
/* Is frame @pfn in the host's set? */
bool vbdev_pfn_ballooned(unsigned long pfn);
/*
 * Ask the guest for statistics and wait for them (1 s at most in the
 * threaded mode).  -ENODEV without the stats queue, -EAGAIN if the guest
 * gave no buffer or did not answer.
 */
int vbdev_request_stats(struct virtio_balloon_stat stats[VIRTIO_BALLOON_S_NR]);

/* ---- for tests ------------------------------------------------------------ */

/* Write num_pages as is (no clamping) and signal a config change. */
void vbdev_set_num_pages(u32 num_pages);
/* Let the guest's deferred work run (deterministic mode), or wait. */
void vbdev_wait_guest(void);
void vbdev_inject(enum vbdev_fault fault, unsigned long arg,
		  unsigned long arg2);
/* Discard what the host holds pending now, as the monitor does. */
void vbdev_flush(void);
/* Process a buffer of frame numbers as if it came on queue @qi. */
void vbdev_process_pfns(unsigned int qi, const u32 *pfns, unsigned int n);
/* Take the device away (the driver is unbound) and bring it back. */
void vbdev_unplug(void);
int vbdev_plug(void);

#endif /* _VIRTIO_BALLOON_DEV_H */
