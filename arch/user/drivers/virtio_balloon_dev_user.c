// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/drivers/virtio_balloon_dev_user.c - the device model's memory
 *
 * The host's device keeps its state (registers, its set of ballooned
 * frames) in the host's memory, not in the guest's RAM: a bitmap for a
 * 64 GiB guest is 2 MiB that the guest must not see disappear from its
 * free memory.  This is the one piece of the model that needs libc.
 */
#include <stdlib.h>
#include "virtio_balloon_dev_user.h"

void *vbdev_host_zalloc(unsigned long size)
{
	return calloc(1, size);
}

void vbdev_host_free(void *p)
{
	free(p);
}
