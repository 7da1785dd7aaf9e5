/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): virtio devices, drivers and virtqueues. */
#ifndef _LINUX_VIRTIO_H
#define _LINUX_VIRTIO_H

/*
 * include/linux/virtio.h - the virtio bus
 *
 * A transport (drivers/virtio/virtio_mmio.c) finds a device and registers
 * a struct virtio_device for it; the core (drivers/virtio/virtio.c) binds
 * it to the virtio_driver whose id_table matches, negotiates features,
 * and calls the driver's probe().  The driver talks to the device through
 * virtqueues (drivers/virtio/virtio_ring.c): it adds buffers, kicks the
 * device, and gets the buffers back once the device used them.
 *
 * There is no struct bus_type here: the core keeps the lists of devices
 * and drivers itself, and a driver is a name and callbacks.
 */
#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/device.h>
#include <linux/dev_printk.h>
#include <linux/scatterlist.h>
#include <linux/gfp.h>
#include <linux/init.h>

/**
 * struct virtqueue - a queue to register buffers for sending or receiving
 * @list: on the device's ->vqs
 * @callback: called when the device used buffers (may be NULL); runs in
 *	the context that raised the interrupt: it must not sleep
 * @name: for messages
 * @vdev: the device
 * @index: the queue's number on the device
 * @num_free: descriptors left
 * @priv: the driver's pointer
 */
struct virtqueue {
	struct list_head list;
	void (*callback)(struct virtqueue *vq);
	const char *name;
	struct virtio_device *vdev;
	unsigned int index;
	unsigned int num_free;
	void *priv;
};

int virtqueue_add_outbuf(struct virtqueue *vq, struct scatterlist sg[],
			 unsigned int num, void *data, gfp_t gfp);
int virtqueue_add_inbuf(struct virtqueue *vq, struct scatterlist sg[],
			unsigned int num, void *data, gfp_t gfp);
int virtqueue_add_sgs(struct virtqueue *vq, struct scatterlist *sgs[],
		      unsigned int out_sgs, unsigned int in_sgs, void *data,
		      gfp_t gfp);
bool virtqueue_kick(struct virtqueue *vq);
bool virtqueue_kick_prepare(struct virtqueue *vq);
bool virtqueue_notify(struct virtqueue *vq);
void *virtqueue_get_buf(struct virtqueue *vq, unsigned int *len);
void virtqueue_disable_cb(struct virtqueue *vq);
bool virtqueue_enable_cb(struct virtqueue *vq);
bool virtqueue_poll(struct virtqueue *vq, unsigned int last_used_idx);
void *virtqueue_detach_unused_buf(struct virtqueue *vq);
unsigned int virtqueue_get_vring_size(struct virtqueue *vq);
bool virtqueue_is_broken(struct virtqueue *vq);
phys_addr_t virtqueue_get_desc_addr(struct virtqueue *vq);
phys_addr_t virtqueue_get_avail_addr(struct virtqueue *vq);
phys_addr_t virtqueue_get_used_addr(struct virtqueue *vq);

/* In Linux's <linux/mod_devicetable.h>. */
struct virtio_device_id {
	__u32 device;
	__u32 vendor;
};
#define VIRTIO_DEV_ANY_ID	0xffffffff

/**
 * struct virtio_device - representation of a device using virtio
 * @index: unique position on the virtio bus ("virtio%d")
 * @failed: saved value of the FAILED status bit
 * @config_enabled: the driver may take config-change notifications
 * @config_change_pending: one came while they were disabled
 * @config_lock: protects the two above
 * @dev: the underlying device (its name is "virtio%d")
 * @id: the device type and vendor
 * @config: the transport's operations
 * @vqs: the virtqueues of this device
 * @features: the negotiated features
 * @priv: the driver's pointer
 * @driver: the driver bound to it, or NULL (dev.driver in the kernel)
 * @bus_node: on the core's list of devices
 * @name: storage for the device's name
 */
struct virtio_device {
	int index;
	bool failed;
	bool config_enabled;
	bool config_change_pending;
	spinlock_t config_lock;
	struct device dev;
	struct virtio_device_id id;
	const struct virtio_config_ops *config;
	struct list_head vqs;
	u64 features;
	void *priv;
	struct virtio_driver *driver;
	struct list_head bus_node;
	char name[16];
};

int register_virtio_device(struct virtio_device *dev);
void unregister_virtio_device(struct virtio_device *dev);
void virtio_break_device(struct virtio_device *dev);
void virtio_config_changed(struct virtio_device *dev);
struct virtio_device *virtio_find_device_by_name(const char *name);

/**
 * struct virtio_driver - operations for a virtio I/O driver
 * @driver: its name (struct device_driver in the kernel)
 * @id_table: the device types it drives, ending with a zero entry
 * @feature_table: the feature bits it knows
 * @feature_table_size: how many
 * @validate: may clear features before negotiation ends (optional)
 * @probe: a device matched: set it up; 0 or -errno
 * @scan: called after probe() and DRIVER_OK (optional)
 * @remove: the device goes away: the driver must reset it
 * @config_changed: the device's configuration changed; called in the
 *	context that raised the interrupt: must not sleep
 * @bus_node: on the core's list of drivers
 */
struct virtio_driver {
	struct {
		const char *name;
	} driver;
	const struct virtio_device_id *id_table;
	const unsigned int *feature_table;
	unsigned int feature_table_size;
	int (*validate)(struct virtio_device *dev);
	int (*probe)(struct virtio_device *dev);
	void (*scan)(struct virtio_device *dev);
	void (*remove)(struct virtio_device *dev);
	void (*config_changed)(struct virtio_device *dev);
	struct list_head bus_node;
};

int register_virtio_driver(struct virtio_driver *drv);
void unregister_virtio_driver(struct virtio_driver *drv);

/* A built-in driver registers at device_initcall time. */
#define module_virtio_driver(__drv)					\
static int __init __drv##_init(void)					\
{									\
	return register_virtio_driver(&(__drv));			\
}									\
module_init(__drv##_init)

#endif /* _LINUX_VIRTIO_H */
