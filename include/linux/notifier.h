/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): blocking notifier chains. */
#ifndef _LINUX_NOTIFIER_H
#define _LINUX_NOTIFIER_H

/*
 * A notifier chain is a list of callbacks, called in order of priority
 * (highest first) when something happens; a callback may stop the walk.
 * Blocking chains run in process context: callbacks may sleep, and the
 * chain is protected by a rw_semaphore.  Only blocking chains exist here
 * (the OOM notifier is the user).
 */
#include <linux/types.h>
#include <linux/rwsem.h>

struct notifier_block;

typedef int (*notifier_fn_t)(struct notifier_block *nb, unsigned long action,
			     void *data);

struct notifier_block {
	notifier_fn_t notifier_call;
	struct notifier_block *next;
	int priority;
};

struct blocking_notifier_head {
	struct rw_semaphore rwsem;
	struct notifier_block *head;
};

#define BLOCKING_NOTIFIER_INIT(name) {					\
		.rwsem = __RWSEM_INITIALIZER((name).rwsem),		\
		.head = NULL }
#define BLOCKING_NOTIFIER_HEAD(name)					\
	struct blocking_notifier_head name = BLOCKING_NOTIFIER_INIT(name)

#define NOTIFY_DONE		0x0000		/* don't care */
#define NOTIFY_OK		0x0001		/* suits me */
#define NOTIFY_STOP_MASK	0x8000		/* don't call further */
#define NOTIFY_BAD		(NOTIFY_STOP_MASK | 0x0002)
#define NOTIFY_STOP		(NOTIFY_OK | NOTIFY_STOP_MASK)

/* kernel/notifier.c */
int blocking_notifier_chain_register(struct blocking_notifier_head *nh,
				     struct notifier_block *nb);
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh,
				       struct notifier_block *nb);
int blocking_notifier_call_chain(struct blocking_notifier_head *nh,
				 unsigned long val, void *v);

#endif /* _LINUX_NOTIFIER_H */
