// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_sched.c - any number of tasks on nr_cpus CPUs
 *
 * nr_cpus= says how many CPUs there are, not how many tasks may exist:
 * tasks are scheduled onto the CPUs (kernel/sched/core.c).  Every CPU is
 * online from boot, and the kernel threads all start on two CPUs, or on
 * one.  No more tasks run kernel code at once than there are CPUs, and
 * never two on one CPU.  Every way a task can block gives its CPU to a
 * task that waits for one: each test of that blocks more tasks than there
 * are CPUs behind a task that has none yet, and would deadlock if a
 * blocked task kept its CPU; the harness's timeout then fails it.  Busy
 * loops that call cond_resched() or yield() let a waiting task run.
 * Sleeping in atomic context (a spinlock held, get_cpu()) is reported,
 * and scheduling there is a BUG.  With umm.deterministic=1 a task stays
 * on its CPU.  And workload tasks, kswapd, kcompactd and compaction all
 * make progress together on two CPUs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "umm_test.h"

#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/wait.h>
#include <linux/pagemap.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <linux/percpu.h>
#include <linux/cpumask.h>
#include <linux/bit_spinlock.h>
#include <linux/workload.h>
#include <linux/pseudo_fs.h>
#include <linux/ktime.h>
#include <linux/umm.h>
#include <linux/err.h>
#include "../../../init/console.h"

FIXTURE_VARIANT_ADD(umm, cpus1) {
	.params = "mem=64M nr_cpus=1",
};

FIXTURE_VARIANT_ADD(umm, cpus2) {
	.params = "mem=64M nr_cpus=2",
};

FIXTURE_VARIANT_ADD(umm, cpus2_deterministic) {
	.params = "mem=64M nr_cpus=2 umm.deterministic=1",
};

FIXTURE_VARIANT_ADD(umm, cpus_default) {
	.params = "mem=64M",
};

UMM_FIXTURE_SETUP

/* ---- helpers ------------------------------------------------------------ */

#define MAX_THREADS	256

struct threads {
	struct task_struct *task[MAX_THREADS];
	int nr;
};

/* Create and start a kernel thread; 0 or -errno. */
static int start_thread(struct threads *t, int (*fn)(void *), void *arg,
			const char *name)
{
	struct task_struct *p;

	if (t->nr == MAX_THREADS)
		return -ENOSPC;
	p = kthread_run(fn, arg, "%s/%d", name, t->nr);
	if (IS_ERR(p))
		return PTR_ERR(p);
	t->task[t->nr++] = p;
	return 0;
}

/* Reap threads whose functions have returned (or are about to). */
static void stop_threads(struct threads *t)
{
	while (t->nr)
		kthread_stop(t->task[--t->nr]);
}

static bool task_exists(const char *comm)
{
	struct task_struct *p;
	bool found = false;

	read_lock(&tasklist_lock);
	for_each_process(p)
		if (!strcmp(p->comm, comm))
			found = true;
	read_unlock(&tasklist_lock);
	return found;
}

static void busy_ns(u64 ns)
{
	u64 end = ktime_get_ns() + ns;

	while (ktime_get_ns() < end)
		cpu_relax();
}

/* ---- the CPUs and the kernel threads ------------------------------------ */

/* All nr_cpus CPUs are online from boot: CPUs, not tasks. */
TEST_F(umm, every_cpu_is_online_from_boot)
{
	unsigned int cpu;

	EXPECT_EQ(nr_cpu_ids, num_online_cpus());
	for_each_possible_cpu(cpu)
		EXPECT_TRUE(cpu_online(cpu));
	EXPECT_EQ(0, smp_processor_id());
}

static void boot_starts_every_kernel_thread(struct __test_metadata *_metadata,
					    const char *params,
					    unsigned int cpus)
{
	ASSERT_EQ(0, umm_boot(params));
	EXPECT_EQ(cpus, num_online_cpus());
	EXPECT_TRUE(task_exists("kworker/u:0"));
	EXPECT_TRUE(task_exists("kswapd0"));
	EXPECT_TRUE(task_exists("kcompactd0"));
	EXPECT_TRUE(task_exists("vballoon"));
	EXPECT_TRUE(task_exists("vballoon-host"));
	EXPECT_EQ(0, get_taint());
}

/* Two CPUs, one of them the console's: every kernel thread starts. */
TEST(two_cpus_start_every_kernel_thread)
{
	boot_starts_every_kernel_thread(_metadata,
		"mem=64M nr_cpus=2 virtio_balloon_dev.enable=1", 2);
}

TEST(one_cpu_starts_every_kernel_thread)
{
	boot_starts_every_kernel_thread(_metadata,
		"mem=64M nr_cpus=1 virtio_balloon_dev.enable=1", 1);
}

/* ---- any number of tasks -------------------------------------------------- */

struct crowd {
	atomic_t started;
	struct completion all_started;
	struct completion go;
	int nr;
};

static int crowd_fn(void *arg)
{
	struct crowd *c = arg;

	if (atomic_inc_return(&c->started) == c->nr)
		complete(&c->all_started);
	wait_for_completion(&c->go);
	return 0;
}

/* 200 kernel threads alive at once, whatever the number of CPUs. */
TEST_F_TIMEOUT(umm, any_number_of_kernel_threads, 60)
{
	struct threads *t = calloc(1, sizeof(*t));
	struct crowd c = { .nr = 200 };
	int i;

	ASSERT_NE(NULL, t);
	init_completion(&c.all_started);
	init_completion(&c.go);
	for (i = 0; i < c.nr; i++)
		ASSERT_EQ(0, start_thread(t, crowd_fn, &c, "crowd"));
	wait_for_completion(&c.all_started);
	EXPECT_EQ(c.nr, atomic_read(&c.started));
	/*
	 * They wait off-CPU: this task runs, with at most the last of them
	 * on its way to sleep and the odd kernel thread at work.
	 */
	EXPECT_GT(8, nr_running());
	complete_all(&c.go);
	stop_threads(t);
	free(t);
}

/* ---- no more running tasks than CPUs ------------------------------------- */

#define NR_OCCUPIERS	16

struct occupancy {
	int rounds;
	atomic_t running;		/* in occupy() now */
	atomic_t most;			/* the most there ever were */
	atomic_t overlaps;		/* two tasks on one CPU at once */
	atomic_t moved;			/* a CPU changed without a sleep */
	atomic_t cpus_used;
	int used[NR_CPUS];
	struct task_struct *owner[NR_CPUS];
	struct mutex mutex;
	struct rw_semaphore sem;
	struct page *page;
	atomic_t left;
	struct completion all_done;
};

/*
 * Kernel code that does not sleep: it keeps its CPU from start to end,
 * and no other task may be on that CPU meanwhile.
 */
static void occupy(struct occupancy *o)
{
	int cpu = smp_processor_id();
	int n = atomic_inc_return(&o->running);
	int most = atomic_read(&o->most);
	struct task_struct *none = NULL;

	while (n > most && !atomic_try_cmpxchg(&o->most, &most, n))
		;
	if (!__atomic_compare_exchange_n(&o->owner[cpu], &none, current,
					 false, __ATOMIC_ACQUIRE,
					 __ATOMIC_RELAXED)) {
		atomic_inc(&o->overlaps);
	} else {
		if (!__atomic_exchange_n(&o->used[cpu], 1, __ATOMIC_RELAXED))
			atomic_inc(&o->cpus_used);
		busy_ns(20 * 1000);
		if (smp_processor_id() != cpu)
			atomic_inc(&o->moved);
		__atomic_store_n(&o->owner[cpu], NULL, __ATOMIC_RELEASE);
	}
	atomic_dec(&o->running);
}

/* Between two stretches on a CPU, every way of giving it up. */
static int occupy_fn(void *arg)
{
	struct occupancy *o = arg;
	int i;

	for (i = 0; i < o->rounds; i++) {
		occupy(o);
		switch (i % 8) {
		case 0:
			schedule_timeout_uninterruptible(1);
			break;
		case 1:
			mutex_lock(&o->mutex);
			occupy(o);
			usleep_range(100, 200);
			mutex_unlock(&o->mutex);
			break;
		case 2:
			down_write(&o->sem);
			occupy(o);
			usleep_range(100, 200);
			up_write(&o->sem);
			break;
		case 3:
			down_read(&o->sem);
			occupy(o);
			usleep_range(100, 200);
			up_read(&o->sem);
			break;
		case 4:
			lock_page(o->page);
			occupy(o);
			usleep_range(100, 200);
			unlock_page(o->page);
			break;
		case 5:
			cond_resched();
			break;
		case 6:
			yield();
			break;
		case 7:
			msleep(1);
			break;
		}
	}
	if (atomic_dec_and_test(&o->left))
		complete(&o->all_done);
	return 0;
}

/*
 * NR_OCCUPIERS kernel threads take turns on the CPUs: never more of them
 * in kernel code at once than there are CPUs, never two on one CPU, and
 * no CPU change but across a sleep.
 */
TEST_F_TIMEOUT(umm, never_more_running_tasks_than_cpus, 60)
{
	struct occupancy *o = calloc(1, sizeof(*o));
	unsigned long switches = nr_context_switches();
	struct threads t = { };
	int i;

	ASSERT_NE(NULL, o);
	o->rounds = 40;
	mutex_init(&o->mutex);
	init_rwsem(&o->sem);
	init_completion(&o->all_done);
	atomic_set(&o->left, NR_OCCUPIERS);
	o->page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, o->page);
	for (i = 0; i < NR_OCCUPIERS; i++)
		ASSERT_EQ(0, start_thread(&t, occupy_fn, o, "occupy"));
	wait_for_completion(&o->all_done);
	stop_threads(&t);

	printf("# %u CPUs: at most %d running at once, %d CPUs used, %lu switches\n",
	       nr_cpu_ids, atomic_read(&o->most), atomic_read(&o->cpus_used),
	       nr_context_switches() - switches);
	EXPECT_LE(atomic_read(&o->most), (int)nr_cpu_ids);
	EXPECT_LE(1, atomic_read(&o->most));
	EXPECT_EQ(0, atomic_read(&o->overlaps));
	EXPECT_EQ(0, atomic_read(&o->moved));
	/*
	 * Placed at fork on the least loaded CPUs, they spread; when not
	 * deterministic they also move to idle CPUs, the lowest first.
	 */
	EXPECT_LE(min_t(int, nr_cpu_ids, 2), atomic_read(&o->cpus_used));
	if (umm_deterministic)
		EXPECT_LE(min_t(int, nr_cpu_ids, NR_OCCUPIERS),
			  atomic_read(&o->cpus_used));
	EXPECT_LT(switches, nr_context_switches());
	__free_page(o->page);
	free(o);
}

/* ---- every sleep gives the CPU to a waiting task ------------------------ */

enum handoff_kind {
	HO_COMPLETION,
	HO_WAIT_EVENT,
	HO_MUTEX,
	HO_RWSEM,
	HO_PAGE_LOCK,
	HO_SCHEDULE_TIMEOUT,
	HO_MSLEEP,
	HO_COND_RESCHED,
	HO_YIELD,
	HO_FLUSH_WORK,
	HO_KTHREAD_STOP,
};

struct handoff {
	enum handoff_kind kind;
	int nr_waiters;
	struct completion held;		/* the holder has the lock */
	struct completion go;		/* the releaser ran */
	struct completion done;		/* every waiter got through */
	atomic_t left;
	atomic_t sleepers_started;
	struct completion sleepers_up;
	int flag;
	wait_queue_head_t wq;
	struct mutex mutex;
	struct rw_semaphore sem;
	struct page *page;
	struct work_struct work;
	struct task_struct *sleeper[MAX_THREADS];
	atomic_t next_sleeper;
};

static bool holds_lock(enum handoff_kind kind)
{
	return kind == HO_MUTEX || kind == HO_RWSEM || kind == HO_PAGE_LOCK;
}

/* Takes the lock first, sleeps with it until the releaser ran. */
static int holder_fn(void *arg)
{
	struct handoff *h = arg;

	switch (h->kind) {
	case HO_MUTEX:
		mutex_lock(&h->mutex);
		break;
	case HO_RWSEM:
		down_write(&h->sem);
		break;
	default:
		lock_page(h->page);
		break;
	}
	complete(&h->held);
	wait_for_completion(&h->go);
	switch (h->kind) {
	case HO_MUTEX:
		mutex_unlock(&h->mutex);
		break;
	case HO_RWSEM:
		up_write(&h->sem);
		break;
	default:
		unlock_page(h->page);
		break;
	}
	return 0;
}

static void handoff_work_fn(struct work_struct *work)
{
	struct handoff *h = container_of(work, struct handoff, work);

	wait_for_completion(&h->go);
}

/* Ends when the releaser ran, whatever kthread_stop() says. */
static int sleeper_fn(void *arg)
{
	struct handoff *h = arg;

	if (atomic_inc_return(&h->sleepers_started) == h->nr_waiters)
		complete(&h->sleepers_up);
	wait_for_completion(&h->go);
	return 0;
}

/* Blocks until the releaser ran, in the way the test is about. */
static int waiter_fn(void *arg)
{
	struct handoff *h = arg;

	switch (h->kind) {
	case HO_COMPLETION:
		wait_for_completion(&h->go);
		break;
	case HO_WAIT_EVENT:
		wait_event(h->wq, READ_ONCE(h->flag));
		break;
	case HO_MUTEX:
		mutex_lock(&h->mutex);
		mutex_unlock(&h->mutex);
		break;
	case HO_RWSEM:
		down_read(&h->sem);
		up_read(&h->sem);
		break;
	case HO_PAGE_LOCK:
		lock_page(h->page);
		unlock_page(h->page);
		break;
	case HO_SCHEDULE_TIMEOUT:
		while (!READ_ONCE(h->flag))
			schedule_timeout_uninterruptible(1);
		break;
	case HO_MSLEEP:
		while (!READ_ONCE(h->flag))
			msleep(1);
		break;
	case HO_COND_RESCHED:
		while (!READ_ONCE(h->flag))
			cond_resched();
		break;
	case HO_YIELD:
		while (!READ_ONCE(h->flag))
			yield();
		break;
	case HO_FLUSH_WORK:
		flush_work(&h->work);
		break;
	case HO_KTHREAD_STOP:
		kthread_stop(h->sleeper[atomic_inc_return(&h->next_sleeper) - 1]);
		break;
	}
	if (atomic_dec_and_test(&h->left))
		complete(&h->done);
	return 0;
}

static int releaser_fn(void *arg)
{
	struct handoff *h = arg;

	WRITE_ONCE(h->flag, 1);
	wake_up_all(&h->wq);
	complete_all(&h->go);
	return 0;
}

/*
 * More waiters than CPUs block (behind a holder that sleeps, for the
 * locks), and only the releaser, started last and so without a CPU, can
 * let them through: it gets one only if blocked tasks give theirs up.
 */
static void handoff(struct __test_metadata *_metadata, enum handoff_kind kind)
{
	struct handoff *h = calloc(1, sizeof(*h));
	struct threads *t = calloc(1, sizeof(*t));
	int i;

	ASSERT_NE(NULL, h);
	ASSERT_NE(NULL, t);
	h->kind = kind;
	h->nr_waiters = 2 * nr_cpu_ids + 1;
	if (h->nr_waiters > 40)
		h->nr_waiters = 40;
	init_completion(&h->held);
	init_completion(&h->go);
	init_completion(&h->done);
	init_completion(&h->sleepers_up);
	atomic_set(&h->left, h->nr_waiters);
	init_waitqueue_head(&h->wq);
	mutex_init(&h->mutex);
	init_rwsem(&h->sem);
	INIT_WORK(&h->work, handoff_work_fn);
	h->page = alloc_page(GFP_KERNEL);
	ASSERT_NE(NULL, h->page);

	if (holds_lock(kind)) {
		ASSERT_EQ(0, start_thread(t, holder_fn, h, "holder"));
		wait_for_completion(&h->held);
	}
	if (kind == HO_FLUSH_WORK)
		schedule_work(&h->work);
	if (kind == HO_KTHREAD_STOP) {
		/* kthread_stop() of a thread that never ran would not wait. */
		for (i = 0; i < h->nr_waiters; i++) {
			h->sleeper[i] = kthread_run(sleeper_fn, h, "sleeper/%d", i);
			ASSERT_FALSE(IS_ERR(h->sleeper[i]));
		}
		wait_for_completion(&h->sleepers_up);
	}
	for (i = 0; i < h->nr_waiters; i++)
		ASSERT_EQ(0, start_thread(t, waiter_fn, h, "waiter"));
	ASSERT_EQ(0, start_thread(t, releaser_fn, h, "releaser"));
	wait_for_completion(&h->done);
	stop_threads(t);
	if (kind == HO_FLUSH_WORK)
		flush_work(&h->work);
	EXPECT_FALSE(PageLocked(h->page));
	__free_page(h->page);
	free(t);
	free(h);
}

TEST_F_TIMEOUT(umm, completion_waiters_give_up_their_cpus, 30)
{
	handoff(_metadata, HO_COMPLETION);
}

TEST_F_TIMEOUT(umm, wait_event_sleepers_give_up_their_cpus, 30)
{
	handoff(_metadata, HO_WAIT_EVENT);
}

TEST_F_TIMEOUT(umm, mutex_waiters_and_holder_give_up_their_cpus, 30)
{
	handoff(_metadata, HO_MUTEX);
}

TEST_F_TIMEOUT(umm, rwsem_waiters_and_holder_give_up_their_cpus, 30)
{
	handoff(_metadata, HO_RWSEM);
}

TEST_F_TIMEOUT(umm, page_lock_waiters_and_holder_give_up_their_cpus, 30)
{
	handoff(_metadata, HO_PAGE_LOCK);
}

TEST_F_TIMEOUT(umm, schedule_timeout_pollers_give_up_their_cpus, 30)
{
	handoff(_metadata, HO_SCHEDULE_TIMEOUT);
}

TEST_F_TIMEOUT(umm, msleep_pollers_give_up_their_cpus, 30)
{
	handoff(_metadata, HO_MSLEEP);
}

TEST_F_TIMEOUT(umm, cond_resched_spinners_let_a_waiting_task_run, 30)
{
	handoff(_metadata, HO_COND_RESCHED);
}

TEST_F_TIMEOUT(umm, yield_spinners_let_a_waiting_task_run, 30)
{
	handoff(_metadata, HO_YIELD);
}

TEST_F_TIMEOUT(umm, flush_work_waiters_give_up_their_cpus, 30)
{
	handoff(_metadata, HO_FLUSH_WORK);
}

TEST_F_TIMEOUT(umm, kthread_stop_waiters_give_up_their_cpus, 30)
{
	handoff(_metadata, HO_KTHREAD_STOP);
}

/* ---- atomic context -------------------------------------------------------- */

static DEFINE_SPINLOCK(test_lock);
static DEFINE_RWLOCK(test_rwlock);
static DEFINE_MUTEX(test_mutex);
static DECLARE_RWSEM(test_sem);

/* Spinning locks and get_cpu() are atomic context; sleeping locks not. */
TEST_F(umm, preempt_count_counts_atomic_sections)
{
	unsigned long word = 0;
	int cpu;

	EXPECT_EQ(0, preempt_count());
	spin_lock(&test_lock);
	EXPECT_EQ(1, preempt_count());
	read_lock(&test_rwlock);
	EXPECT_EQ(2, preempt_count());
	cpu = get_cpu();
	EXPECT_EQ(3, preempt_count());
	EXPECT_EQ(cpu, smp_processor_id());
	put_cpu();
	read_unlock(&test_rwlock);
	spin_unlock(&test_lock);
	EXPECT_EQ(0, preempt_count());
	ASSERT_TRUE(spin_trylock(&test_lock));
	EXPECT_FALSE(spin_trylock(&test_lock));
	EXPECT_EQ(1, preempt_count());
	spin_unlock(&test_lock);
	write_lock(&test_rwlock);
	bit_spin_lock(0, &word);
	EXPECT_EQ(2, preempt_count());
	bit_spin_unlock(0, &word);
	write_unlock(&test_rwlock);

	mutex_lock(&test_mutex);
	down_read(&test_sem);
	EXPECT_EQ(0, preempt_count());
	up_read(&test_sem);
	mutex_unlock(&test_mutex);
	EXPECT_EQ(0, preempt_count());
	EXPECT_EQ(0, get_taint());
}

/* The kernel's CONFIG_DEBUG_ATOMIC_SLEEP report: printed, and tainted. */
TEST_F(umm, sleeping_function_in_atomic_context_is_reported)
{
	static char log[1 << 16];
	size_t len;

	spin_lock(&test_lock);
	might_sleep();
	spin_unlock(&test_lock);
	len = log_buf_copy(log, sizeof(log) - 1);
	log[len] = '\0';
	EXPECT_NE(NULL, strstr(log, "BUG: sleeping function called from invalid context at "));
	EXPECT_NE(NULL, strstr(log, "in_atomic(): 1, irqs_disabled(): 0, pid: 1, name: swapper/0"));
	EXPECT_NE(0, get_taint() & (1UL << TAINT_WARN));
	self->expect_taint = true;
}

/* Another task could run on this CPU meanwhile: a BUG, as in the kernel. */
TEST_F_SIGNAL(umm, scheduling_while_atomic_bugs, SIGILL)
{
	spin_lock(&test_lock);
	schedule_timeout_uninterruptible(1);
}

TEST_F_SIGNAL(umm, sleeping_with_a_cpu_held_bugs, SIGILL)
{
	get_cpu();
	msleep(1);
}

/* ---- deterministic mode: no migration -------------------------------------- */

struct stay {
	int cpu;
	atomic_t moved;
	atomic_t left;
	struct completion done;
};

static int stay_fn(void *arg)
{
	struct stay *s = arg;
	int cpu = smp_processor_id(), i;

	for (i = 0; i < 50; i++) {
		busy_ns(10 * 1000);
		if (i & 1)
			schedule_timeout_uninterruptible(1);
		else
			cond_resched();
		if (smp_processor_id() != cpu)
			atomic_inc(&s->moved);
	}
	if (atomic_dec_and_test(&s->left))
		complete(&s->done);
	return 0;
}

/* Which CPU's per-cpu data a task uses must not depend on timing. */
TEST_F_TIMEOUT(umm, deterministic_tasks_stay_on_their_cpu, 30)
{
	struct stay s = { };
	struct threads t = { };
	int i;

	if (!umm_deterministic)
		SKIP(return, "tasks migrate to idle CPUs when not deterministic");
	init_completion(&s.done);
	atomic_set(&s.left, 8);
	for (i = 0; i < 8; i++)
		ASSERT_EQ(0, start_thread(&t, stay_fn, &s, "stay"));
	wait_for_completion(&s.done);
	stop_threads(&t);
	EXPECT_EQ(0, atomic_read(&s.moved));
}

/* ---- tasks, reclaim and compaction together on two CPUs -------------------- */

FIXTURE(pressure) {
	unsigned long free_at_boot;
};

FIXTURE_VARIANT(pressure) {
	const char *params;
};

FIXTURE_VARIANT_ADD(pressure, cpus2) {
	.params = "mem=64M nr_cpus=2",
};

FIXTURE_VARIANT_ADD(pressure, cpus1) {
	.params = "mem=64M nr_cpus=1",
};

FIXTURE_SETUP(pressure)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	ASSERT_EQ(0, umm_prime_anon_vma_cache());
	self->free_at_boot = umm_free_pages();
}

FIXTURE_TEARDOWN(pressure)
{
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(0, get_taint());
}

#define NR_APPS		3

struct pressure {
	struct workload *w[NR_APPS];
	atomic_t apps_left;
	long filled[NR_APPS];
	long mismatches[NR_APPS];
	unsigned long compactions;
	struct completion done;
};

/* One app fills its memory and reads it back, through its workload task. */
static int app_fn(void *arg, int idx)
{
	struct pressure *p = arg;
	struct verify_result res;
	long err;

	p->filled[idx] = workload_fill(p->w[idx], 600, idx + 1);
	err = workload_verify(p->w[idx], &res);
	p->mismatches[idx] = err ? err : (long)res.mismatches;
	atomic_dec(&p->apps_left);
	return 0;
}

/* Meanwhile, huge page allocations and compaction, until the apps are done. */
static int compactor_fn(void *arg, int idx)
{
	struct pressure *p = arg;
	struct page *page;

	while (atomic_read(&p->apps_left)) {
		page = alloc_pages(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN, 9);
		if (page)
			__free_pages(page, 9);
		kernel_write_file_path("/proc/sys/vm/compact_memory", "1\n", 2);
		p->compactions++;
		msleep(5);
	}
	return 0;
}

static int pressure_fn(void *arg, int idx)
{
	return idx < NR_APPS ? app_fn(arg, idx) : compactor_fn(arg, idx);
}

/*
 * Three apps of 32M fill a machine of 64M at the same time, swapping to
 * zram, while a fourth thread compacts: the apps wait for their tasks,
 * the tasks for memory, kswapd and kcompactd for work, and all of them
 * for CPUs, of which there are two, or one.  Everybody gets there, and
 * every byte is right.
 */
TEST_F_TIMEOUT(pressure, apps_kswapd_and_compaction_progress_together, 120)
{
	unsigned long scan = sum_vm_event(PGSCAN_KSWAPD);
	unsigned long stall = sum_vm_event(COMPACTSTALL);
	struct console_out *o = calloc(1, sizeof(*o));
	struct pressure p = { };
	char name[16];
	int i;

	ASSERT_NE(NULL, o);
	ASSERT_EQ(0, console("echo 128M > /sys/block/zram0/disksize; mkswap zram0; swapon zram0", o));
	for (i = 0; i < NR_APPS; i++) {
		snprintf(name, sizeof(name), "app%d", i);
		p.w[i] = workload_start(name);
		ASSERT_FALSE(IS_ERR(p.w[i]));
		ASSERT_LT(0, workload_mmap(p.w[i], 32 << 20));
	}
	atomic_set(&p.apps_left, NR_APPS);
	ASSERT_EQ(0, umm_run_threads(NR_APPS + 1, pressure_fn, &p));

	for (i = 0; i < NR_APPS; i++) {
		EXPECT_EQ((32 << 20) / PAGE_SIZE, p.filled[i]);
		EXPECT_EQ(0, p.mismatches[i]);
		workload_stop(p.w[i]);
	}
	printf("# kswapd scanned %lu pages; %lu compaction rounds, %lu stalls\n",
	       sum_vm_event(PGSCAN_KSWAPD) - scan, p.compactions,
	       sum_vm_event(COMPACTSTALL) - stall);
	EXPECT_LT(scan, sum_vm_event(PGSCAN_KSWAPD));
	EXPECT_LT(0, p.compactions);
	EXPECT_EQ(0, console("swapoff zram0; echo 1 > /sys/block/zram0/reset", o));
	free(o);
}

UMM_TEST_MAIN
