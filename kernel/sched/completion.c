// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sched/completion.c - completions: "this thing is done" events
 */
#include <linux/completion.h>
#include <linux/sched.h>

/*
 * The wake-up happens under the lock: a waiter that sees ->done must not
 * be able to free the completion while complete() still uses it.
 */
void complete(struct completion *x)
{
	spin_lock(&x->wait.lock);
	if (x->done != UINT_MAX)
		x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock(&x->wait.lock);
}

void complete_all(struct completion *x)
{
	spin_lock(&x->wait.lock);
	x->done = UINT_MAX;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock(&x->wait.lock);
}

static bool completion_take(struct completion *x)
{
	bool ok;

	spin_lock(&x->wait.lock);
	ok = x->done != 0;
	if (ok && x->done != UINT_MAX)
		x->done--;
	spin_unlock(&x->wait.lock);
	return ok;
}

void wait_for_completion(struct completion *x)
{
	wait_event(x->wait, completion_take(x));
}

unsigned long wait_for_completion_timeout(struct completion *x,
					  unsigned long timeout)
{
	return wait_event_timeout(x->wait, completion_take(x), timeout);
}

bool try_wait_for_completion(struct completion *x)
{
	return completion_take(x);
}

bool completion_done(struct completion *x)
{
	return READ_ONCE(x->done) != 0;
}
