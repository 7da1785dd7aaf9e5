/* SPDX-License-Identifier: GPL-2.0 */
/* STUB: there are no interrupts; only the names remain (!CONFIG_TRACE_IRQFLAGS). */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H

#define local_irq_enable()	do { } while (0)
#define local_irq_disable()	do { } while (0)
#define local_irq_save(flags)	do { (flags) = 0; } while (0)
#define local_irq_restore(flags) do { (void)(flags); } while (0)
#define irqs_disabled()		0

#endif
