/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arch/user/drivers/virtio_balloon_dev.h - the host's virtio-balloon device
 *
 * What the "VMM" side offers: the monitor's commands (init/console_balloon.c),
 * and what the tests look at and break on purpose.  The model itself is
 * described in virtio_balloon_dev.c and Documentation/vm/balloon.rst.
 */
#ifndef _VIRTIO_BALLOON_DEV_H
#define _VIRTIO_BALLOON_DEV_H

#include <linux/types.h>
#include <linux/virtio_balloon.h>

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
};

/* The monitor's "balloon" command: what became of it. */
enum vbdev_balloon_result {
	VBDEV_REACHED,		/* the guest has the size asked for */
	VBDEV_STALLED,		/* it stopped making progress short of it */
};

bool vbdev_present(void);
/* The guest's RAM, bytes (the VM's memory size). */
u64 vbdev_ram_size(void);
/* What "info balloon" says: RAM minus the ballooned frames, bytes. */
u64 vbdev_actual_bytes(void);
/*
 * QEMU's "balloon": ask for @target bytes of guest memory (at most the
 * RAM, at least one frame) and wait until the guest gets there or makes
 * no progress.  -ENODEV without a device.
 */
int vbdev_balloon(u64 target, enum vbdev_balloon_result *result);
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

enum vbdev_fault {
	VBDEV_FAULT_NONE,
	/* The next used entry names descriptor @arg, not the real head. */
	VBDEV_FAULT_USED_ID,
	/* After @arg more inflate buffers, set num_pages to @arg2. */
	VBDEV_FAULT_RETARGET,
	/* Check deflated frames for guest writes even without the feature. */
	VBDEV_FAULT_CHECK_REUSE,
};
void vbdev_inject(enum vbdev_fault fault, unsigned long arg,
		  unsigned long arg2);
/* Process a buffer of frame numbers as if it came on queue @qi. */
void vbdev_process_pfns(unsigned int qi, const u32 *pfns, unsigned int n);
/* Take the device away (the driver is unbound) and bring it back. */
void vbdev_unplug(void);
int vbdev_plug(void);

#define VBDEV_INFLATE_Q	0
#define VBDEV_DEFLATE_Q	1
#define VBDEV_STATS_Q	2

#endif /* _VIRTIO_BALLOON_DEV_H */
