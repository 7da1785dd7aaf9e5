// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/notifier.c - notifier chains
 *
 * A chain is a singly linked list kept in order of decreasing priority
 * (blocks of equal priority in the order they registered).  A blocking
 * chain is walked under its rw_semaphore held for reading, so callbacks
 * may sleep and several walks may run at once; registering and
 * unregistering take it for writing, so a block that unregistered is not
 * called afterwards.
 */
#include <linux/kernel.h>
#include <linux/notifier.h>
#include <linux/errno.h>

static int notifier_chain_register(struct notifier_block **nl,
				   struct notifier_block *n)
{
	while (*nl) {
		if (WARN(*nl == n, "notifier block %p registered twice\n", n))
			return -EEXIST;
		if (n->priority > (*nl)->priority)
			break;
		nl = &(*nl)->next;
	}
	n->next = *nl;
	/* Published last: the lockless peek below may see it. */
	WRITE_ONCE(*nl, n);
	return 0;
}

static int notifier_chain_unregister(struct notifier_block **nl,
				     struct notifier_block *n)
{
	while (*nl) {
		if (*nl == n) {
			WRITE_ONCE(*nl, n->next);
			return 0;
		}
		nl = &(*nl)->next;
	}
	return -ENOENT;
}

/**
 * blocking_notifier_chain_register - add a block to a blocking chain
 * @nh: the chain
 * @nb: the block; its ->priority orders it
 *
 * Return: 0, or -EEXIST if @nb is on the chain already.
 */
int blocking_notifier_chain_register(struct blocking_notifier_head *nh,
				     struct notifier_block *nb)
{
	int ret;

	down_write(&nh->rwsem);
	ret = notifier_chain_register(&nh->head, nb);
	up_write(&nh->rwsem);
	return ret;
}

/**
 * blocking_notifier_chain_unregister - take a block off a blocking chain
 * @nh: the chain
 * @nb: the block
 *
 * When this returns, no walk of the chain is calling @nb any more.
 *
 * Return: 0, or -ENOENT if @nb was not on the chain.
 */
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh,
				       struct notifier_block *nb)
{
	int ret;

	down_write(&nh->rwsem);
	ret = notifier_chain_unregister(&nh->head, nb);
	up_write(&nh->rwsem);
	return ret;
}

/**
 * blocking_notifier_call_chain - call the blocks of a blocking chain
 * @nh: the chain
 * @val: passed to every callback
 * @v: passed to every callback
 *
 * Callbacks run in process context, in priority order, until one returns
 * a value with NOTIFY_STOP_MASK.
 *
 * Return: what the last callback returned (NOTIFY_DONE if none ran).
 */
int blocking_notifier_call_chain(struct blocking_notifier_head *nh,
				 unsigned long val, void *v)
{
	struct notifier_block *nb;
	int ret = NOTIFY_DONE;

	/* Lockless peek, as the kernel does: an empty chain costs nothing. */
	if (!READ_ONCE(nh->head))
		return ret;
	down_read(&nh->rwsem);
	for (nb = nh->head; nb; nb = nb->next) {
		ret = nb->notifier_call(nb, val, v);
		if (ret & NOTIFY_STOP_MASK)
			break;
	}
	up_read(&nh->rwsem);
	return ret;
}
