/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): messages about a device, prefixed with its name. */
/* newer: a later kernel's split of device.h, where 4.8 has these. */
#ifndef _LINUX_DEV_PRINTK_H
#define _LINUX_DEV_PRINTK_H

#include <linux/printk.h>
#include <linux/ratelimit.h>

struct device;

/*
 * "NAME: message", NAME being the device's (dev_name()).  The kernel
 * prefixes the driver's name too; umm's struct device does not point at
 * its driver, so drivers that want it say it in the message.
 */
#define dev_printk(level, dev, fmt, ...) \
	printk(level "%s: " fmt, dev_name(dev), ##__VA_ARGS__)

#define dev_err(dev, fmt, ...)	dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)	dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...) \
	dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)	dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#define dev_dbg(dev, fmt, ...)						\
do {									\
	if (0)								\
		dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__);	\
} while (0)

#define dev_level_ratelimited(dev_level, dev, fmt, ...)			\
do {									\
	static DEFINE_RATELIMIT_STATE(_rs, 5 * HZ, 10);			\
	if (__ratelimit(&_rs))						\
		dev_level(dev, fmt, ##__VA_ARGS__);			\
} while (0)

#define dev_err_ratelimited(dev, fmt, ...) \
	dev_level_ratelimited(dev_err, dev, fmt, ##__VA_ARGS__)
#define dev_warn_ratelimited(dev, fmt, ...) \
	dev_level_ratelimited(dev_warn, dev, fmt, ##__VA_ARGS__)
#define dev_info_ratelimited(dev, fmt, ...) \
	dev_level_ratelimited(dev_info, dev, fmt, ##__VA_ARGS__)

#endif /* _LINUX_DEV_PRINTK_H */
