/* SPDX-License-Identifier: GPL-2.0 */
/* STUB: there are no interrupts; only the names remain (!CONFIG_TRACE_IRQFLAGS). */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H

#define local_irq_enable()	((void)0)
#define local_irq_disable()	((void)0)
#define local_irq_save(flags)	((flags) = 0)
#define local_irq_restore(flags) ((void)(flags))
#define irqs_disabled()		0

#endif
