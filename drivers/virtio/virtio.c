// SPDX-License-Identifier: GPL-2.0
/*
 * drivers/virtio/virtio.c - the virtio bus: binding and feature negotiation
 *
 * A transport registers each device it finds; a driver registers the
 * device types it drives; whichever comes second, the core matches them
 * and brings the device up in the order the virtio 1.x specification
 * lays down ("Device Initialization"):
 *
 *   reset; ACKNOWLEDGE (at registration)
 *   DRIVER; read the device's features; keep those the driver knows
 *   (and the transport features the ring implements); write them back;
 *   FEATURES_OK, then read the status back: a device that refuses the
 *   choice clears it, and the driver is not bound;
 *   the driver's probe() sets up its queues;
 *   DRIVER_OK (if probe() did not set it already).
 *
 * A failed probe leaves the device with FAILED set.  Config-change
 * notifications reach the driver only between the end of probe() and the
 * start of remove(); one that comes before is kept and delivered then.
 *
 * Locking: virtio_bus_lock (a mutex) protects the lists of devices and
 * drivers and every binding and unbinding; probe() and remove() run under
 * it.  A device's config_lock (a spinlock) protects its config_enabled
 * and config_change_pending, and is held while the driver's
 * config_changed() runs (which must therefore not sleep).
 */
#include <linux/kernel.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>
#include <linux/mutex.h>
#include <linux/string.h>

static DEFINE_MUTEX(virtio_bus_lock);
static LIST_HEAD(virtio_devices);
static LIST_HEAD(virtio_drivers);
static int virtio_next_index;

/**
 * virtio_check_driver_offered_feature - BUG if the driver did not list @fbit
 * @vdev: the device, bound to a driver
 * @fbit: a device-specific feature bit
 *
 * A driver that asks about a feature it did not offer would always get
 * "no": that is a bug in the driver.
 */
void virtio_check_driver_offered_feature(const struct virtio_device *vdev,
					 unsigned int fbit)
{
	const struct virtio_driver *drv = vdev->driver;
	unsigned int i;

	BUG_ON(!drv);
	for (i = 0; i < drv->feature_table_size; i++)
		if (drv->feature_table[i] == fbit)
			return;
	BUG();
}

static void add_status(struct virtio_device *dev, unsigned int status)
{
	dev->config->set_status(dev, dev->config->get_status(dev) | status);
}

/* Under config_lock. */
static void __virtio_config_changed(struct virtio_device *dev)
{
	struct virtio_driver *drv = dev->driver;

	if (!dev->config_enabled)
		dev->config_change_pending = true;
	else if (drv && drv->config_changed)
		drv->config_changed(dev);
}

/**
 * virtio_config_changed - the device's configuration changed
 * @dev: the device
 *
 * Called by the transport's interrupt handler.  The driver hears of it
 * now if it is ready to, otherwise when it becomes ready.
 */
void virtio_config_changed(struct virtio_device *dev)
{
	unsigned long flags;

	spin_lock_irqsave(&dev->config_lock, flags);
	__virtio_config_changed(dev);
	spin_unlock_irqrestore(&dev->config_lock, flags);
}

static void virtio_config_disable(struct virtio_device *dev)
{
	spin_lock_irq(&dev->config_lock);
	dev->config_enabled = false;
	spin_unlock_irq(&dev->config_lock);
}

static void virtio_config_enable(struct virtio_device *dev)
{
	spin_lock_irq(&dev->config_lock);
	dev->config_enabled = true;
	if (dev->config_change_pending)
		__virtio_config_changed(dev);
	dev->config_change_pending = false;
	spin_unlock_irq(&dev->config_lock);
}

static bool virtio_id_match(const struct virtio_device *dev,
			    const struct virtio_device_id *id)
{
	if (id->device != dev->id.device && id->device != VIRTIO_DEV_ANY_ID)
		return false;
	return id->vendor == VIRTIO_DEV_ANY_ID || id->vendor == dev->id.vendor;
}

static bool virtio_dev_match(const struct virtio_device *dev,
			     const struct virtio_driver *drv)
{
	const struct virtio_device_id *ids = drv->id_table;
	unsigned int i;

	for (i = 0; ids[i].device; i++)
		if (virtio_id_match(dev, &ids[i]))
			return true;
	return false;
}

static int virtio_finalize_features(struct virtio_device *dev)
{
	unsigned int status;
	int ret;

	ret = dev->config->finalize_features(dev);
	if (ret)
		return ret;
	/* Legacy devices have no FEATURES_OK handshake. */
	if (!virtio_has_feature(dev, VIRTIO_F_VERSION_1))
		return 0;
	add_status(dev, VIRTIO_CONFIG_S_FEATURES_OK);
	status = dev->config->get_status(dev);
	if (!(status & VIRTIO_CONFIG_S_FEATURES_OK)) {
		dev_err(&dev->dev, "virtio: device refuses features: %x\n",
			status);
		return -ENODEV;
	}
	return 0;
}

/* Bring @dev up with @drv; under virtio_bus_lock. */
static int virtio_dev_probe(struct virtio_device *dev,
			    struct virtio_driver *drv)
{
	u64 device_features, driver_features = 0;
	unsigned int i;
	int err;

	dev->driver = drv;
	add_status(dev, VIRTIO_CONFIG_S_DRIVER);

	for (i = 0; i < drv->feature_table_size; i++) {
		unsigned int f = drv->feature_table[i];

		BUG_ON(f >= 64);
		driver_features |= BIT_ULL(f);
	}
	device_features = dev->config->get_features(dev);
	dev->features = driver_features & device_features;
	/* The transport decides about its own features. */
	for (i = VIRTIO_TRANSPORT_F_START; i < VIRTIO_TRANSPORT_F_END; i++)
		if (device_features & BIT_ULL(i))
			__virtio_set_bit(dev, i);

	if (drv->validate) {
		err = drv->validate(dev);
		if (err)
			goto err;
	}
	err = virtio_finalize_features(dev);
	if (err)
		goto err;
	err = drv->probe(dev);
	if (err)
		goto err;
	if (!(dev->config->get_status(dev) & VIRTIO_CONFIG_S_DRIVER_OK))
		virtio_device_ready(dev);
	if (drv->scan)
		drv->scan(dev);
	virtio_config_enable(dev);
	return 0;
err:
	add_status(dev, VIRTIO_CONFIG_S_FAILED);
	dev->driver = NULL;
	return err;
}

/* Unbind @dev from its driver; under virtio_bus_lock. */
static void virtio_dev_remove(struct virtio_device *dev)
{
	struct virtio_driver *drv = dev->driver;

	virtio_config_disable(dev);
	drv->remove(dev);
	/* The driver must have reset the device. */
	WARN_ON_ONCE(dev->config->get_status(dev));
	dev->driver = NULL;
	/* The device is still there: say we saw it. */
	add_status(dev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
}

/* Offer @dev to the registered drivers; under virtio_bus_lock. */
static void virtio_bind_device(struct virtio_device *dev)
{
	struct virtio_driver *drv;

	list_for_each_entry(drv, &virtio_drivers, bus_node) {
		if (!virtio_dev_match(dev, drv))
			continue;
		if (!virtio_dev_probe(dev, drv))
			return;
		dev_err(&dev->dev, "%s: probe failed\n", drv->driver.name);
		return;
	}
}

/**
 * register_virtio_device - a transport found a device
 * @dev: the device, with ->config and ->id set
 *
 * The device is reset, acknowledged, named "virtio%d", and bound to a
 * matching driver if one is registered (a probe failure is reported; the
 * device stays registered, unbound and FAILED).
 *
 * Return: 0.
 */
int register_virtio_device(struct virtio_device *dev)
{
	mutex_lock(&virtio_bus_lock);
	dev->index = virtio_next_index++;
	snprintf(dev->name, sizeof(dev->name), "virtio%d", dev->index);
	dev->dev.kobj.name = dev->name;
	spin_lock_init(&dev->config_lock);
	dev->config_enabled = false;
	dev->config_change_pending = false;
	dev->driver = NULL;
	INIT_LIST_HEAD(&dev->vqs);

	/* Whatever a previous driver left, start from scratch. */
	dev->config->reset(dev);
	add_status(dev, VIRTIO_CONFIG_S_ACKNOWLEDGE);
	list_add_tail(&dev->bus_node, &virtio_devices);
	virtio_bind_device(dev);
	mutex_unlock(&virtio_bus_lock);
	return 0;
}

/**
 * unregister_virtio_device - a device goes away
 * @dev: the device; its driver's remove() runs first if it is bound
 */
void unregister_virtio_device(struct virtio_device *dev)
{
	mutex_lock(&virtio_bus_lock);
	if (dev->driver)
		virtio_dev_remove(dev);
	list_del(&dev->bus_node);
	mutex_unlock(&virtio_bus_lock);
}

/**
 * virtio_find_device_by_name - look a registered device up
 * @name: its name, "virtio%d"
 *
 * bus_find_device_by_name() on the virtio bus, without the reference
 * (devices here go away only through unregister_virtio_device()).
 *
 * Return: the device, or NULL.
 */
struct virtio_device *virtio_find_device_by_name(const char *name)
{
	struct virtio_device *dev, *found = NULL;

	mutex_lock(&virtio_bus_lock);
	list_for_each_entry(dev, &virtio_devices, bus_node)
		if (!strcmp(dev->name, name)) {
			found = dev;
			break;
		}
	mutex_unlock(&virtio_bus_lock);
	return found;
}

/**
 * register_virtio_driver - make a driver available
 * @drv: the driver
 *
 * Every registered device that it matches and that has no driver yet is
 * probed.
 *
 * Return: 0.
 */
int register_virtio_driver(struct virtio_driver *drv)
{
	struct virtio_device *dev;

	/* A feature table needs a length, and the other way round. */
	BUG_ON(drv->feature_table_size && !drv->feature_table);
	mutex_lock(&virtio_bus_lock);
	list_add_tail(&drv->bus_node, &virtio_drivers);
	list_for_each_entry(dev, &virtio_devices, bus_node) {
		if (dev->driver || !virtio_dev_match(dev, drv))
			continue;
		if (virtio_dev_probe(dev, drv))
			dev_err(&dev->dev, "%s: probe failed\n",
				drv->driver.name);
	}
	mutex_unlock(&virtio_bus_lock);
	return 0;
}

/**
 * unregister_virtio_driver - withdraw a driver
 * @drv: the driver; it is unbound from every device first
 */
void unregister_virtio_driver(struct virtio_driver *drv)
{
	struct virtio_device *dev;

	mutex_lock(&virtio_bus_lock);
	list_for_each_entry(dev, &virtio_devices, bus_node)
		if (dev->driver == drv)
			virtio_dev_remove(dev);
	list_del(&drv->bus_node);
	mutex_unlock(&virtio_bus_lock);
}
