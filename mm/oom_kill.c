// SPDX-License-Identifier: GPL-2.0
/*
 * mm/oom_kill.c - the out-of-memory killer
 *
 * When reclaim and compaction can do nothing more for an allocation of
 * order <= PAGE_ALLOC_COSTLY_ORDER, the task with the most memory (its
 * resident and swapped pages and page tables: oom_badness()) is sent
 * SIGKILL.  Its thread notices at its next access to memory or while
 * waiting for work, exits, and frees its memory; until then no other
 * task is chosen, and allocators wait for it.
 *
 * Before choosing, the OOM notifiers are called: a driver holding memory
 * it can give back (the virtio balloon with DEFLATE_ON_OOM) frees some,
 * and if anything was freed the allocation retries instead.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/notifier.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
#include <linux/jiffies.h>
#include <linux/workload.h>

DEFINE_MUTEX(oom_lock);

static atomic_t oom_victims = ATOMIC_INIT(0);
static DECLARE_WAIT_QUEUE_HEAD(oom_victims_wait);

static BLOCKING_NOTIFIER_HEAD(oom_notify_list);

/**
 * register_oom_notifier - be called before the OOM killer kills
 * @nb: the callback; its data is an unsigned long * to add freed pages to
 *
 * Return: 0, or -EEXIST.
 */
int register_oom_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&oom_notify_list, nb);
}

/**
 * unregister_oom_notifier - stop being called
 * @nb: the callback; not running any more when this returns
 *
 * Return: 0, or -ENOENT.
 */
int unregister_oom_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_unregister(&oom_notify_list, nb);
}

/* What killing @p would give back, in pages. */
static unsigned long oom_badness(struct task_struct *p)
{
	unsigned long points = 0;
	struct mm_struct *mm;

	task_lock(p);
	mm = p->mm;
	if (mm)
		points = get_mm_rss(mm) + get_mm_counter(mm, MM_SWAPENTS) +
			 atomic_long_read(&mm->nr_ptes) + 1;
	task_unlock(p);
	return points;
}

/*
 * The task to kill, or NULL.  *@abort is set if a victim is still on its
 * way out: then nobody else dies yet.
 */
static struct task_struct *select_bad_process(unsigned long *ppoints,
					      bool *abort)
{
	struct task_struct *p, *chosen = NULL;
	unsigned long chosen_points = 0;

	*abort = false;
	read_lock(&tasklist_lock);
	for_each_process(p) {
		unsigned long points;

		/*
		 * Kernel threads are passed over by oom_badness() (no mm,
		 * no points); p->flags is not read here, as its owner
		 * changes PF_MEMALLOC in it without a lock.
		 *
		 * A victim blocks the scan until exit_oom_victim(), not
		 * only while it still has an mm: exit_mm() clears ->mm
		 * before mmput() has given the memory back.
		 */
		if (READ_ONCE(p->oom_victim)) {
			*abort = true;
			break;
		}
		points = oom_badness(p);
		if (points > chosen_points) {
			chosen = p;
			chosen_points = points;
		}
	}
	if (chosen && !*abort)
		get_task_struct(chosen);
	else
		chosen = NULL;
	read_unlock(&tasklist_lock);
	*ppoints = chosen_points;
	return chosen;
}

static void oom_kill_process(struct oom_control *oc, struct task_struct *p)
{
	unsigned long score = oc->chosen_points * 1000 /
			      max(totalram_pages, 1UL);
	struct mm_struct *mm;

	pr_err("Out of memory: Kill process %d (%s) score %lu or sacrifice child\n",
	       p->pid, p->comm, score);
	task_lock(p);
	mm = p->mm;
	if (mm)
		pr_err("Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:0kB, shmem-rss:0kB\n",
		       p->pid, p->comm, mm->total_vm << (PAGE_SHIFT - 10),
		       get_mm_counter(mm, MM_ANONPAGES) << (PAGE_SHIFT - 10));
	task_unlock(p);
	atomic_inc(&oom_victims);
	WRITE_ONCE(p->oom_victim, true);
	WRITE_ONCE(p->sigkill, 1);
	count_vm_event(OOM_KILL);
	/* Wake it if it is waiting for work: it has to exit. */
	workload_kick(p);
}

/**
 * out_of_memory - kill a task to free memory
 * @oc: the allocation that failed
 *
 * Called with oom_lock held.
 *
 * Return: true if memory is on its way back (a victim was chosen now or
 * earlier), false if there is nothing to kill.
 */
bool out_of_memory(struct oom_control *oc)
{
	unsigned long freed = 0;
	bool abort;

	/* Memory given back by a notifier: no need to kill, retry. */
	blocking_notifier_call_chain(&oom_notify_list, 0, &freed);
	if (freed > 0)
		return true;

	/* The allocating task is itself dying: it gets out of the way. */
	if (fatal_signal_pending(current))
		return true;
	oc->chosen = select_bad_process(&oc->chosen_points, &abort);
	if (abort)
		return true;
	if (!oc->chosen) {
		pr_warn("Out of memory and no killable processes...\n");
		return false;
	}
	oom_kill_process(oc, oc->chosen);
	put_task_struct(oc->chosen);
	return true;
}

/**
 * oom_wait_for_victims - give a killed task time to free its memory
 *
 * Returns when no victim is left, or after a second.
 */
void oom_wait_for_victims(void)
{
	if (fatal_signal_pending(current))
		return;
	wait_event_timeout(oom_victims_wait, !atomic_read(&oom_victims), HZ);
}

/**
 * exit_oom_victim - a victim has freed its memory
 * @tsk: the victim
 */
void exit_oom_victim(struct task_struct *tsk)
{
	WRITE_ONCE(tsk->oom_victim, false);
	if (atomic_dec_and_test(&oom_victims))
		wake_up_all(&oom_victims_wait);
}
