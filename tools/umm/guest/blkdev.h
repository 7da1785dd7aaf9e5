/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/guest/blkdev.h - block devices named as umm's console names
 * them ("zram0" is /dev/zram0)
 */
#ifndef UMM_AGENT_BLKDEV_H
#define UMM_AGENT_BLKDEV_H

#include <stddef.h>

const char *blkdev_path(const char *name, char *buf, size_t size);

#endif /* UMM_AGENT_BLKDEV_H */
