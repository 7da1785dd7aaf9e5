/* SPDX-License-Identifier: GPL-2.0 */
/* STUB: preemption control is a no-op (!CONFIG_PREEMPT_COUNT). */

/*
 * A task is never preempted off its virtual CPU (each task is a host
 * thread with a CPU of its own), so these are the !CONFIG_PREEMPT_COUNT
 * no-ops.
 */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

#define preempt_disable()	barrier()
#define preempt_enable()	barrier()
#define preempt_enable_no_resched()	barrier()
#define in_interrupt()		0
#define in_atomic()		0
#define in_task()		1

#endif
