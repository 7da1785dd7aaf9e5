// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/smp.c - running a function on other CPUs
 *
 * The kernel asks another CPU to run a function with an IPI: the target
 * drops what it does, runs the function with interrupts off, and carries
 * on.  umm has no interrupts, and a CPU is a run token held by one task
 * (kernel/sched/core.c), so the caller goes there itself: it moves to
 * each CPU of the mask in turn, waiting for the CPU as any task does (its
 * holder gives it up at its next sleep or preemption point), runs the
 * function there in atomic context, as a handler would run, and moves
 * back to the CPU it came from.  The function therefore sees the CPU's
 * per-cpu data exactly as the CPU's own tasks leave it between two
 * atomic sections, which is what an IPI handler sees.
 *
 * The one difference a caller sees: this sleeps, so it is called only
 * where sleeping is allowed (the kernel's version spins, and may not be
 * called with interrupts off either).  It works alike with any number of
 * tasks, with idle CPUs (taken at once) and with umm.deterministic=1
 * (no other thread does the work).
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/smp.h>
#include <linux/cpumask.h>

/**
 * on_each_cpu_mask - run a function on each CPU of a mask
 * @mask: the CPUs; offline ones are skipped
 * @func: the function, called with the preemption count raised: it must
 *	not sleep
 * @info: its argument
 * @wait: ignored: the caller runs @func itself, so it has always
 *	finished on every CPU on return
 *
 * The CPUs are visited in ascending order, and the caller ends on the
 * CPU it started on.  May sleep.
 */
void on_each_cpu_mask(const struct cpumask *mask, smp_call_func_t func,
		      void *info, bool wait)
{
	struct task_struct *p = current;
	unsigned int home = task_cpu(p), cpu;
	bool pinned = p->pinned;

	might_sleep();
	for_each_cpu(cpu, mask) {
		if (!cpu_online(cpu))
			continue;
		/* Pinned on the way: no idle CPU may run it instead. */
		sched_move_to_cpu(cpu, true);
		preempt_disable();
		func(info);
		preempt_enable();
	}
	/* Back where it was, as a caller of an IPI never left its CPU. */
	sched_move_to_cpu(home, true);
	if (!pinned)
		sched_move_to_cpu(home, false);
}
