/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): the transport's operations and feature helpers. */
/* newer: virtio_cread_le() and virtio_cwrite_le() are a later kernel's (2020). */
#ifndef _LINUX_VIRTIO_CONFIG_H
#define _LINUX_VIRTIO_CONFIG_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/virtio.h>
#include <linux/virtio_byteorder.h>
#include <uapi/linux/virtio_config.h>

typedef void vq_callback_t(struct virtqueue *vq);

/**
 * struct virtio_config_ops - what a transport does for the core and drivers
 * @get: read @len bytes of the device's configuration at @offset
 * @set: write @len bytes of it
 * @generation: a number that changes whenever the configuration does, so
 *	that a read of several fields can be checked for consistency
 * @get_status: the device status byte (VIRTIO_CONFIG_S_*)
 * @set_status: write it (never 0: that is @reset)
 * @reset: reset the device: it forgets features, queues and buffers
 * @find_vqs: set up @nvqs virtqueues; a NULL name leaves a slot unused
 * @del_vqs: tear them down (after @reset)
 * @get_features: the features the device offers
 * @finalize_features: tell the device what was chosen (vdev->features)
 * @bus_name: the transport's name for the device
 */
struct virtio_config_ops {
	void (*get)(struct virtio_device *vdev, unsigned int offset,
		    void *buf, unsigned int len);
	void (*set)(struct virtio_device *vdev, unsigned int offset,
		    const void *buf, unsigned int len);
	u32 (*generation)(struct virtio_device *vdev);
	u8 (*get_status)(struct virtio_device *vdev);
	void (*set_status)(struct virtio_device *vdev, u8 status);
	void (*reset)(struct virtio_device *vdev);
	int (*find_vqs)(struct virtio_device *vdev, unsigned int nvqs,
			struct virtqueue *vqs[], vq_callback_t *callbacks[],
			const char * const names[]);
	void (*del_vqs)(struct virtio_device *vdev);
	u64 (*get_features)(struct virtio_device *vdev);
	int (*finalize_features)(struct virtio_device *vdev);
	const char *(*bus_name)(struct virtio_device *vdev);
};

/* drivers/virtio/virtio.c: BUGs if the driver did not list @fbit. */
void virtio_check_driver_offered_feature(const struct virtio_device *vdev,
					 unsigned int fbit);

static inline bool __virtio_test_bit(const struct virtio_device *vdev,
				     unsigned int fbit)
{
	BUG_ON(fbit >= 64);
	return vdev->features & BIT_ULL(fbit);
}

static inline void __virtio_set_bit(struct virtio_device *vdev,
				    unsigned int fbit)
{
	BUG_ON(fbit >= 64);
	vdev->features |= BIT_ULL(fbit);
}

static inline void __virtio_clear_bit(struct virtio_device *vdev,
				      unsigned int fbit)
{
	BUG_ON(fbit >= 64);
	vdev->features &= ~BIT_ULL(fbit);
}

/**
 * virtio_has_feature - was this feature negotiated?
 * @vdev: the device
 * @fbit: the feature bit; a device-specific one must be in the driver's
 *	feature_table (asking about one it does not know is a bug)
 *
 * Return: true if both sides agreed on it.
 */
static inline bool virtio_has_feature(const struct virtio_device *vdev,
				      unsigned int fbit)
{
	if (fbit < VIRTIO_TRANSPORT_F_START)
		virtio_check_driver_offered_feature(vdev, fbit);
	return __virtio_test_bit(vdev, fbit);
}

static inline bool virtio_is_little_endian(struct virtio_device *vdev)
{
	return virtio_has_feature(vdev, VIRTIO_F_VERSION_1) ||
	       virtio_legacy_is_little_endian();
}

static inline u16 virtio16_to_cpu(struct virtio_device *vdev, __virtio16 val)
{
	return __virtio16_to_cpu(virtio_is_little_endian(vdev), val);
}

static inline __virtio16 cpu_to_virtio16(struct virtio_device *vdev, u16 val)
{
	return __cpu_to_virtio16(virtio_is_little_endian(vdev), val);
}

static inline u32 virtio32_to_cpu(struct virtio_device *vdev, __virtio32 val)
{
	return __virtio32_to_cpu(virtio_is_little_endian(vdev), val);
}

static inline __virtio32 cpu_to_virtio32(struct virtio_device *vdev, u32 val)
{
	return __cpu_to_virtio32(virtio_is_little_endian(vdev), val);
}

static inline u64 virtio64_to_cpu(struct virtio_device *vdev, __virtio64 val)
{
	return __virtio64_to_cpu(virtio_is_little_endian(vdev), val);
}

static inline __virtio64 cpu_to_virtio64(struct virtio_device *vdev, u64 val)
{
	return __cpu_to_virtio64(virtio_is_little_endian(vdev), val);
}

/**
 * virtio_device_ready - the driver is ready: set DRIVER_OK
 * @dev: the device
 *
 * From now on the device processes its queues.  A driver that must use
 * its queues in probe() calls this first; otherwise the core calls it
 * after probe().
 */
static inline void virtio_device_ready(struct virtio_device *dev)
{
	unsigned int status = dev->config->get_status(dev);

	BUG_ON(status & VIRTIO_CONFIG_S_DRIVER_OK);
	dev->config->set_status(dev, status | VIRTIO_CONFIG_S_DRIVER_OK);
}

static inline const char *virtio_bus_name(struct virtio_device *vdev)
{
	if (!vdev->config->bus_name)
		return "virtio";
	return vdev->config->bus_name(vdev);
}

/* Config space accessors; the device's byte order is handled here. */
static inline u8 virtio_cread8(struct virtio_device *vdev, unsigned int offset)
{
	u8 ret;

	vdev->config->get(vdev, offset, &ret, sizeof(ret));
	return ret;
}

static inline void virtio_cwrite8(struct virtio_device *vdev,
				  unsigned int offset, u8 val)
{
	vdev->config->set(vdev, offset, &val, sizeof(val));
}

static inline u16 virtio_cread16(struct virtio_device *vdev,
				 unsigned int offset)
{
	u16 ret;

	vdev->config->get(vdev, offset, &ret, sizeof(ret));
	return virtio16_to_cpu(vdev, (__force __virtio16)ret);
}

static inline void virtio_cwrite16(struct virtio_device *vdev,
				   unsigned int offset, u16 val)
{
	val = (__force u16)cpu_to_virtio16(vdev, val);
	vdev->config->set(vdev, offset, &val, sizeof(val));
}

static inline u32 virtio_cread32(struct virtio_device *vdev,
				 unsigned int offset)
{
	u32 ret;

	vdev->config->get(vdev, offset, &ret, sizeof(ret));
	return virtio32_to_cpu(vdev, (__force __virtio32)ret);
}

static inline void virtio_cwrite32(struct virtio_device *vdev,
				   unsigned int offset, u32 val)
{
	val = (__force u32)cpu_to_virtio32(vdev, val);
	vdev->config->set(vdev, offset, &val, sizeof(val));
}

/* Reads of two halves must not straddle a change: retry if they did. */
static inline u64 virtio_cread64(struct virtio_device *vdev,
				 unsigned int offset)
{
	u32 gen, old;
	u64 ret;

	gen = vdev->config->generation ? vdev->config->generation(vdev) : 0;
	do {
		old = gen;
		vdev->config->get(vdev, offset, &ret, sizeof(ret));
		gen = vdev->config->generation ?
		      vdev->config->generation(vdev) : 0;
	} while (gen != old);
	return virtio64_to_cpu(vdev, (__force __virtio64)ret);
}

/*
 * Fields that are little-endian whatever the device's version (the
 * balloon's config space, for one): read and write them as such.  Only
 * 32-bit fields, the only kind umm's devices have.
 */
#define virtio_cread_le(vdev, structname, member, ptr)			\
do {									\
	u32 __v;							\
									\
	BUILD_BUG_ON(sizeof(((structname *)0)->member) != sizeof(__v));	\
	(vdev)->config->get((vdev), offsetof(structname, member),	\
			    &__v, sizeof(__v));				\
	*(ptr) = __virtio32_to_cpu(true, (__force __virtio32)__v);	\
} while (0)

#define virtio_cwrite_le(vdev, structname, member, ptr)		\
do {									\
	u32 __v = (__force u32)__cpu_to_virtio32(true, *(ptr));		\
									\
	BUILD_BUG_ON(sizeof(((structname *)0)->member) != sizeof(__v));	\
	(vdev)->config->set((vdev), offsetof(structname, member),	\
			    &__v, sizeof(__v));				\
} while (0)

#endif /* _LINUX_VIRTIO_CONFIG_H */
