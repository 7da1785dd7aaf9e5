/* SPDX-License-Identifier: GPL-2.0 */
/* STUB: everything is built in (!CONFIG_MODULES): module metadata is void. */
#ifndef _LINUX_MODULE_H
#define _LINUX_MODULE_H

#include <linux/export.h>
#include <linux/moduleparam.h>
#include <linux/init.h>

#define MODULE_LICENSE(x)
#define MODULE_AUTHOR(x)
#define MODULE_DESCRIPTION(x)
#define MODULE_ALIAS(x)
#define THIS_MODULE	((struct module *)0)

struct module;

#endif
