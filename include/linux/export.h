/* SPDX-License-Identifier: GPL-2.0 */
/* STUB: no loadable modules (!CONFIG_MODULES): exports mark the API only. */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

#define EXPORT_SYMBOL(sym)		extern __typeof__(sym) sym
#define EXPORT_SYMBOL_GPL(sym)		extern __typeof__(sym) sym

#endif
