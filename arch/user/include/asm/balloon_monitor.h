/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: the host's monitor commands for its balloon (after QEMU's balloon.h). */
#ifndef _ASM_USER_BALLOON_MONITOR_H
#define _ASM_USER_BALLOON_MONITOR_H

/*
 * What the host's monitor (init/console_balloon.c: "balloon", "info
 * balloon") asks of the virtio-balloon device model
 * (arch/user/drivers/virtio_balloon_dev.c), which plays QEMU's.  A VM's
 * balloon is driven from outside the guest: these speak for the host.
 * The device's full state is in /sys/kernel/debug/virtio_balloon_dev/.
 */
#include <linux/types.h>

/* What became of a "balloon" command. */
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

#endif /* _ASM_USER_BALLOON_MONITOR_H */
