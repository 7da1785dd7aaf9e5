/* SPDX-License-Identifier: GPL-2.0 */
/*
 * arch/user/drivers/virtio_balloon_dev_user.h - the device model's memory
 *
 * Shared by the kernel-side model and its host-side helper: no header but
 * the compiler's.
 */
#ifndef _VIRTIO_BALLOON_DEV_USER_H
#define _VIRTIO_BALLOON_DEV_USER_H

/* Zeroed host memory (not guest RAM), or NULL. */
void *vbdev_host_zalloc(unsigned long size);
void vbdev_host_free(void *p);

#endif /* _VIRTIO_BALLOON_DEV_USER_H */
