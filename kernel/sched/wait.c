// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sched/wait.c - wait queues
 */
#include <linux/wait.h>
#include <linux/sched.h>

void init_waitqueue_head(struct wait_queue_head *wq_head)
{
	spin_lock_init(&wq_head->lock);
	INIT_LIST_HEAD(&wq_head->head);
}

/*
 * An entry's flags are changed under the queue's lock, which wakers hold
 * when they read them: an entry that a wake-up left queued (its task was
 * running already) may be looked at while its task prepares to wait again.
 */
void add_wait_queue(struct wait_queue_head *wq_head,
		    struct wait_queue_entry *wq_entry)
{
	spin_lock(&wq_head->lock);
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	list_add(&wq_entry->entry, &wq_head->head);
	spin_unlock(&wq_head->lock);
}

void add_wait_queue_exclusive(struct wait_queue_head *wq_head,
			      struct wait_queue_entry *wq_entry)
{
	spin_lock(&wq_head->lock);
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	list_add_tail(&wq_entry->entry, &wq_head->head);
	spin_unlock(&wq_head->lock);
}

void remove_wait_queue(struct wait_queue_head *wq_head,
		       struct wait_queue_entry *wq_entry)
{
	spin_lock(&wq_head->lock);
	list_del(&wq_entry->entry);
	spin_unlock(&wq_head->lock);
}

/*
 * The state is set after queueing, with a full barrier (set_current_state),
 * so that a waker that changes the condition and then looks at the queue
 * either sees us queued or we see its condition.
 */
void prepare_to_wait(struct wait_queue_head *wq_head,
		     struct wait_queue_entry *wq_entry, int state)
{
	spin_lock(&wq_head->lock);
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	if (list_empty(&wq_entry->entry))
		list_add(&wq_entry->entry, &wq_head->head);
	set_current_state(state);
	spin_unlock(&wq_head->lock);
}

void prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state)
{
	spin_lock(&wq_head->lock);
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	if (list_empty(&wq_entry->entry))
		list_add_tail(&wq_entry->entry, &wq_head->head);
	set_current_state(state);
	spin_unlock(&wq_head->lock);
}

void finish_wait(struct wait_queue_head *wq_head,
		 struct wait_queue_entry *wq_entry)
{
	__set_current_state(TASK_RUNNING);
	/*
	 * Lockless: a waker that dequeued us (autoremove_wake_function())
	 * did so with a release; past this test the entry is ours again.
	 */
	if (!list_empty_careful(&wq_entry->entry)) {
		spin_lock(&wq_head->lock);
		list_del_init(&wq_entry->entry);
		spin_unlock(&wq_head->lock);
	}
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode,
			  int flags, void *key)
{
	return wake_up_state(wq_entry->private, mode);
}

int autoremove_wake_function(struct wait_queue_entry *wq_entry,
			     unsigned int mode, int sync, void *key)
{
	int ret = default_wake_function(wq_entry, mode, sync, key);

	if (ret)
		list_del_init_careful(&wq_entry->entry);
	return ret;
}

/*
 * Call the wake functions of up to @nr_exclusive exclusive waiters (all
 * non-exclusive ones).  wq_head->lock held.
 */
static void __wake_up_common(struct wait_queue_head *wq_head,
			     unsigned int mode, int nr_exclusive, void *key)
{
	struct wait_queue_entry *curr, *next;

	list_for_each_entry_safe(curr, next, &wq_head->head, entry) {
		unsigned int flags = curr->flags;
		int ret = curr->func(curr, mode, 0, key);

		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
}

/**
 * __wake_up_locked - wake up waiters, the queue's lock already held
 * @wq_head: the waitqueue (locked)
 * @mode: which threads (TASK_NORMAL...)
 * @nr: how many exclusive waiters to wake (0: all)
 */
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode,
		      int nr)
{
	__wake_up_common(wq_head, mode, nr, NULL);
}

/**
 * __wake_up - wake up threads blocked on a waitqueue
 * @wq_head: the waitqueue
 * @mode: which threads (TASK_NORMAL...)
 * @nr_exclusive: how many exclusive waiters to wake (0: all)
 * @key: passed to the wake functions
 */
void __wake_up(struct wait_queue_head *wq_head, unsigned int mode,
	       int nr_exclusive, void *key)
{
	spin_lock(&wq_head->lock);
	__wake_up_common(wq_head, mode, nr_exclusive, key);
	spin_unlock(&wq_head->lock);
}
