/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: byte order of the values a virtio device shares with us. */
#ifndef _LINUX_VIRTIO_BYTEORDER_H
#define _LINUX_VIRTIO_BYTEORDER_H

/*
 * A virtio 1.x device is little-endian; a legacy one uses the guest's
 * own order.  Callers say which (virtio_is_little_endian() in
 * <linux/virtio_config.h>); the conversions swap only when the host's
 * order differs.
 */
#include <linux/types.h>

#define __VIRTIO_HOST_IS_LE	(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

static inline bool virtio_legacy_is_little_endian(void)
{
	return __VIRTIO_HOST_IS_LE;
}

static inline u16 __virtio16_to_cpu(bool little_endian, __virtio16 val)
{
	u16 v = (__force u16)val;

	return little_endian == __VIRTIO_HOST_IS_LE ? v : __builtin_bswap16(v);
}

static inline __virtio16 __cpu_to_virtio16(bool little_endian, u16 val)
{
	return (__force __virtio16)(little_endian == __VIRTIO_HOST_IS_LE ?
				    val : __builtin_bswap16(val));
}

static inline u32 __virtio32_to_cpu(bool little_endian, __virtio32 val)
{
	u32 v = (__force u32)val;

	return little_endian == __VIRTIO_HOST_IS_LE ? v : __builtin_bswap32(v);
}

static inline __virtio32 __cpu_to_virtio32(bool little_endian, u32 val)
{
	return (__force __virtio32)(little_endian == __VIRTIO_HOST_IS_LE ?
				    val : __builtin_bswap32(val));
}

static inline u64 __virtio64_to_cpu(bool little_endian, __virtio64 val)
{
	u64 v = (__force u64)val;

	return little_endian == __VIRTIO_HOST_IS_LE ? v : __builtin_bswap64(v);
}

static inline __virtio64 __cpu_to_virtio64(bool little_endian, u64 val)
{
	return (__force __virtio64)(little_endian == __VIRTIO_HOST_IS_LE ?
				    val : __builtin_bswap64(val));
}

#endif /* _LINUX_VIRTIO_BYTEORDER_H */
