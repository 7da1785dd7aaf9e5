// SPDX-License-Identifier: GPL-2.0
/*
 * mm/movetorture.c - torture test of any movable page kind (umm's own)
 *
 * As rcutorture and locktorture do for RCU and locks, movetorture takes
 * one registered kind of non-LRU movable pages (<linux/page_kind.h>)
 * and drives its callbacks through every path of the contract
 * (Documentation/vm/page_migration.rst) at once, on real threads:
 *
 *   - nr_threads migrators find the kind's pages by pfn, isolate them
 *     (isolate_movable_page()), sometimes hold them isolated a while,
 *     then put them back or migrate them (migrate_pages()), async or
 *     sync, with a target allocator that fails (-ENOMEM) or hands out a
 *     locked target (-EAGAIN, until the VM gives up and puts the page
 *     back);
 *   - a locker holds the page lock of the kind's pages at random, so
 *     that isolations fail and migrations find the page busy;
 *   - the owner allocates and frees the kind's pages through its torture
 *     operations, isolated ones included (released while isolated, or
 *     while migratepage runs), and checks their data (->verify);
 *   - a compactor compacts all memory now and then.
 *
 * At the end: every thread gave its pages back, the data verify, the
 * kind lets go of what it allocated, and then no page of the kind is
 * left (every page came back to the buddy allocator) and nothing
 * tainted the kernel meanwhile.  One summary line, in the torture
 * tests' style:
 *
 *   movetorture: kind=mydrv isolations=... migrations=... eagain=... failures=0
 *
 * Console, in /sys/kernel/debug/movetorture/:
 *   run          write KIND: a run (the write returns when it is over,
 *                EIO if it failed); read: the last summary
 *   duration_ms  how long a run lasts (default 1000)
 *   seed         of the run's random choices (default umm.seed)
 *   nr_threads   migrator threads (default 4, up to 16)
 */
#define pr_fmt(fmt) "movetorture: " fmt

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/migrate.h>
#include <linux/compaction.h>
#include <linux/pagemap.h>
#include <linux/page-flags.h>
#include <linux/page_kind.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/random.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/uaccess.h>
#include <linux/umm.h>
#include <linux/init.h>

#define MAX_THREADS	16
#define BATCH		16		/* pages a migrator isolates at once */
#define SCAN_PFNS	4096		/* pfns a migrator looks at per batch */
#define FAULT_PCT	10		/* each injected fault, this often */
/* Room for the results of one migrate_pages(): every pass, every page. */
#define MAX_RESULTS	(10 * BATCH)

static u32 duration_ms = 1000;
static u64 seed;
static bool seed_set;
static u32 nr_threads = 4;

struct torture_stats {
	atomic_long_t isolations;
	atomic_long_t isolate_failed;
	atomic_long_t migrations;
	atomic_long_t eagain;
	atomic_long_t enomem;
	atomic_long_t migrate_failed;
	atomic_long_t putbacks;
	atomic_long_t locked;
	atomic_long_t compactions;
	atomic_long_t allocs;
	atomic_long_t frees;
	atomic_long_t verified;
};

struct torture {
	struct page_kind *kind;
	const struct page_kind_torture *ops;
	unsigned long nr_pages;		/* the owner keeps about this many */
	u64 seed;
	unsigned long taint;		/* at the start */
	struct torture_stats st;
	atomic_t failures;
	struct mutex failure_lock;
	char failure[192];		/* the first one */
};

/* One run at a time; the last summary for `cat run`. */
static DEFINE_MUTEX(run_lock);
static char summary[512];

/* ---- failures ------------------------------------------------------------ */

static __printf(2, 3) void torture_fail(struct torture *t, const char *fmt, ...)
{
	char msg[160];
	va_list args;

	va_start(args, fmt);
	vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	pr_err("kind=%s FAILURE: %s\n", t->kind->name, msg);
	mutex_lock(&t->failure_lock);
	if (!atomic_read(&t->failures))
		strscpy(t->failure, msg, sizeof(t->failure));
	atomic_inc(&t->failures);
	mutex_unlock(&t->failure_lock);
}

/* Something reported a bad page, a warning, a BUG we survived. */
static bool torture_tainted(struct torture *t)
{
	return get_taint() != t->taint;
}

static bool torture_stop(struct torture *t)
{
	return kthread_should_stop() || atomic_read(&t->failures);
}

static bool fault(struct rnd_state *rnd)
{
	return prandom_u32_state_max(rnd, 100) < FAULT_PCT;
}

/* ---- the migrators ------------------------------------------------------- */

struct migrator {
	struct torture *t;
	struct rnd_state rnd;
	unsigned long cursor;		/* the next pfn to look at */
	int results[MAX_RESULTS];	/* of each unmap_and_move() */
	int nr_results;
};

/* Is @page, right now, one of the kind's movable pages?  A hint. */
static bool kind_page(struct torture *t, struct page *page)
{
	return page_kind(page) == t->kind && __PageMovable(page);
}

/* Isolate up to BATCH of the kind's pages onto @list. */
static int isolate_batch(struct migrator *m, struct list_head *list,
			 isolate_mode_t mode)
{
	struct torture *t = m->t;
	int n = 0, i;

	for (i = 0; i < SCAN_PFNS && n < BATCH; i++) {
		struct page *page;

		if (++m->cursor >= max_pfn)
			m->cursor = 0;
		page = pfn_to_page(m->cursor);
		if (!kind_page(t, page))
			continue;
		if (!isolate_movable_page(page, mode)) {
			atomic_long_inc(&t->st.isolate_failed);
			continue;
		}
		/* The isolation's reference is ours, and page->lru. */
		if (page_count(page) < 1 || !PageIsolated(page))
			torture_fail(t, "pfn %#lx isolated with refcount %d, PG_isolated %d",
				     m->cursor, page_count(page),
				     PageIsolated(page));
		list_add_tail(&page->lru, list);
		n++;
	}
	atomic_long_add(n, &t->st.isolations);
	return n;
}

/*
 * The target allocator: sometimes no page (-ENOMEM: the VM gives up the
 * whole batch), sometimes a page whose lock is held (the VM cannot lock
 * it: -EAGAIN, and after ten passes the page goes back to its driver).
 */
static struct page *torture_new_page(struct page *page, unsigned long private,
				     int **result)
{
	struct migrator *m = (struct migrator *)private;
	struct page *newpage;

	if (fault(&m->rnd))
		goto enomem;
	newpage = alloc_page(GFP_HIGHUSER_MOVABLE | __GFP_NOWARN |
			     __GFP_NORETRY);
	if (!newpage)
		goto enomem;
	/* Fresh: nobody else can hold its lock. */
	if (fault(&m->rnd) && !trylock_page(newpage))
		torture_fail(m->t, "a fresh target page (pfn %#lx) was locked",
			     page_to_pfn(newpage));
	if (m->nr_results < MAX_RESULTS) {
		m->results[m->nr_results] = 1;	/* not written yet */
		*result = &m->results[m->nr_results++];
	}
	return newpage;
enomem:
	atomic_long_inc(&m->t->st.enomem);
	return NULL;
}

/* A target the VM did not use: ours again (locked if we locked it). */
static void torture_free_page(struct page *newpage, unsigned long private)
{
	if (PageLocked(newpage))
		unlock_page(newpage);
	put_page(newpage);
}

static void count_results(struct migrator *m)
{
	struct torture_stats *st = &m->t->st;
	int i;

	for (i = 0; i < m->nr_results; i++) {
		if (m->results[i] == MIGRATEPAGE_SUCCESS)
			atomic_long_inc(&st->migrations);
		else if (m->results[i] == -EAGAIN)
			atomic_long_inc(&st->eagain);
		else if (m->results[i] < 0)
			atomic_long_inc(&st->migrate_failed);
	}
	m->nr_results = 0;
}

static void putback_batch(struct torture *t, struct list_head *list)
{
	struct page *page;
	long n = 0;

	list_for_each_entry(page, list, lru)
		n++;
	putback_movable_pages(list);
	atomic_long_add(n, &t->st.putbacks);
}

static const enum migrate_mode modes[] = {
	MIGRATE_ASYNC, MIGRATE_SYNC_LIGHT, MIGRATE_SYNC,
};

static void migrator_round(struct migrator *m)
{
	enum migrate_mode mode = modes[prandom_u32_state_max(&m->rnd, 3)];
	struct torture *t = m->t;
	LIST_HEAD(list);

	if (!isolate_batch(m, &list, mode == MIGRATE_ASYNC ?
			   ISOLATE_ASYNC_MIGRATE : 0)) {
		/* None of the kind's pages: let the owner work. */
		usleep_range(1000, 2000);
		return;
	}
	/* Held isolated a while: the owner may release them meanwhile. */
	if (prandom_u32_state_max(&m->rnd, 4) == 0)
		usleep_range(100, 1000);
	if (prandom_u32_state_max(&m->rnd, 8) == 0) {
		putback_batch(t, &list);
		return;
	}
	migrate_pages(&list, torture_new_page, torture_free_page,
		      (unsigned long)m, mode, MR_COMPACTION);
	count_results(m);
	/* -ENOMEM, or still busy after ten passes: back to the driver. */
	if (!list_empty(&list))
		putback_batch(t, &list);
}

static int migrator_thread(void *data)
{
	struct migrator *m = data;

	while (!torture_stop(m->t)) {
		migrator_round(m);
		cond_resched();
	}
	return 0;
}

/* ---- the locker, the owner, the compactor -------------------------------- */

/*
 * Hold the lock of some of the kind's pages for a moment, as any other
 * user of a page does: isolations find them busy ("locked"), and
 * migrations of them wait or say -EAGAIN.
 */
static int locker_thread(void *data)
{
	struct migrator *m = data;
	struct torture *t = m->t;

	while (!torture_stop(t)) {
		unsigned long pfn = prandom_u32_state_max(&m->rnd, max_pfn);
		int i;

		for (i = 0; i < SCAN_PFNS; i++, pfn = (pfn + 1) % max_pfn) {
			struct page *page = pfn_to_page(pfn);

			if (!kind_page(t, page) || !get_page_unless_zero(page))
				continue;
			if (trylock_page(page)) {
				atomic_long_inc(&t->st.locked);
				usleep_range(10, 100);
				unlock_page(page);
			}
			put_page(page);
			break;
		}
		usleep_range(100, 1000);
	}
	return 0;
}

/* Grow towards nr_pages and shrink at random; verify now and then. */
static int owner_thread(void *data)
{
	struct migrator *m = data;
	struct torture *t = m->t;
	long held = 0, mismatches;
	unsigned int round;

	for (round = 0; !torture_stop(t); round++) {
		unsigned long nr = 1 + prandom_u32_state_max(&m->rnd, 64);

		if (held < t->nr_pages / 2 ||
		    (held < t->nr_pages && prandom_u32_state_max(&m->rnd, 2))) {
			if (!t->ops->alloc(nr, &m->rnd)) {
				held += nr;
				atomic_long_add(nr, &t->st.allocs);
			}
		} else {
			nr = min_t(unsigned long, nr, held);
			t->ops->free(nr, &m->rnd);
			held -= nr;
			atomic_long_add(nr, &t->st.frees);
		}
		if (t->ops->verify && round % 32 == 31) {
			mismatches = t->ops->verify();
			atomic_long_inc(&t->st.verified);
			if (mismatches)
				torture_fail(t, "verify found %ld pages with wrong data",
					     mismatches);
		}
		cond_resched();
	}
	return 0;
}

static int compactor_thread(void *data)
{
	struct migrator *m = data;

	while (!torture_stop(m->t)) {
		sysctl_compaction_handler(NULL, 1, NULL, NULL, NULL);
		atomic_long_inc(&m->t->st.compactions);
		usleep_range(5000, 25000);
	}
	return 0;
}

/* ---- a run --------------------------------------------------------------- */

/* How many pages the kind holds: their owners record it. */
static unsigned long kind_pages(struct torture *t, unsigned long *isolated)
{
	unsigned long pfn, n = 0;

	*isolated = 0;
	for (pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (page_kind(page) != t->kind)
			continue;
		n++;
		if (__PageMovable(page) && PageIsolated(page))
			(*isolated)++;
	}
	return n;
}

enum { OWNER, LOCKER, COMPACTOR, NR_HELPERS };

static int (* const helper_fn[NR_HELPERS])(void *) = {
	[OWNER] = owner_thread,
	[LOCKER] = locker_thread,
	[COMPACTOR] = compactor_thread,
};

static const char * const helper_name[NR_HELPERS] = {
	[OWNER] = "owner", [LOCKER] = "locker", [COMPACTOR] = "compactor",
};

/* Start every thread, let them work for duration_ms, stop them. */
static void torture_threads(struct torture *t, unsigned int nr)
{
	struct task_struct *tasks[MAX_THREADS + NR_HELPERS];
	struct migrator *ms;
	unsigned long end;
	unsigned int i, n = nr + NR_HELPERS, started = 0;

	ms = kcalloc(n, sizeof(*ms), GFP_KERNEL);
	if (!ms) {
		torture_fail(t, "no memory for the threads");
		return;
	}
	for (i = 0; i < n; i++) {
		ms[i].t = t;
		ms[i].cursor = i * (max_pfn / n);
		prandom_seed_state(&ms[i].rnd, t->seed * 31 + i);
		if (i < nr)
			tasks[i] = kthread_run(migrator_thread, &ms[i],
					       "movetorture/%u", i);
		else
			tasks[i] = kthread_run(helper_fn[i - nr], &ms[i],
					       "movetorture/%s",
					       helper_name[i - nr]);
		if (IS_ERR(tasks[i])) {
			torture_fail(t, "cannot start a thread (%ld)",
				     PTR_ERR(tasks[i]));
			break;
		}
		started++;
	}

	/* Every report taints: stop at the first, within milliseconds. */
	end = jiffies + msecs_to_jiffies(READ_ONCE(duration_ms));
	while (time_before(jiffies, end) && !atomic_read(&t->failures)) {
		if (torture_tainted(t)) {
			torture_fail(t, "the kernel was tainted: see the report above");
			break;
		}
		usleep_range(10000, 11000);
	}
	for (i = 0; i < started; i++)
		kthread_stop(tasks[i]);
	kfree(ms);
}

/* After the threads: data, then every page back, and nothing reported. */
static void torture_finish(struct torture *t, unsigned long before)
{
	unsigned long after, isolated;
	long mismatches;

	if (t->ops->verify) {
		mismatches = t->ops->verify();
		atomic_long_inc(&t->st.verified);
		if (mismatches)
			torture_fail(t, "verify found %ld pages with wrong data at the end",
				     mismatches);
	}
	t->ops->stop();
	after = kind_pages(t, &isolated);
	if (isolated)
		torture_fail(t, "%lu pages left isolated", isolated);
	if (after > before)
		torture_fail(t, "%lu pages not given back to the buddy allocator (%lu before, %lu after)",
			     after - before, before, after);
	if (torture_tainted(t) && !atomic_read(&t->failures))
		torture_fail(t, "the kernel was tainted: see the report above");
}

static void torture_summary(struct torture *t)
{
	struct torture_stats *st = &t->st;
	int len;

	len = scnprintf(summary, sizeof(summary),
			"movetorture: kind=%s duration_ms=%u nr_threads=%u seed=%llu isolations=%ld isolate_failed=%ld migrations=%ld eagain=%ld enomem=%ld migrate_failed=%ld putbacks=%ld locked=%ld compactions=%ld allocs=%ld frees=%ld verified=%ld failures=%d\n",
			t->kind->name, READ_ONCE(duration_ms),
			READ_ONCE(nr_threads), t->seed,
			atomic_long_read(&st->isolations),
			atomic_long_read(&st->isolate_failed),
			atomic_long_read(&st->migrations),
			atomic_long_read(&st->eagain),
			atomic_long_read(&st->enomem),
			atomic_long_read(&st->migrate_failed),
			atomic_long_read(&st->putbacks),
			atomic_long_read(&st->locked),
			atomic_long_read(&st->compactions),
			atomic_long_read(&st->allocs),
			atomic_long_read(&st->frees),
			atomic_long_read(&st->verified),
			atomic_read(&t->failures));
	if (atomic_read(&t->failures))
		scnprintf(summary + len, sizeof(summary) - len,
			  "movetorture: kind=%s FAILED: %s\n", t->kind->name,
			  t->failure);
	/* Quiet when all is well; a failure is shown whatever the loglevel. */
	if (atomic_read(&t->failures))
		pr_err("%s", summary + strlen(pr_fmt("")));
	else
		pr_info("%s", summary + strlen(pr_fmt("")));
}

/* Why @kind cannot be tortured, or NULL. */
static const char *not_torturable(struct page_kind *kind)
{
	const struct page_kind_torture *ops = kind->torture;

	if (!kind->movable)
		return "is not movable";
	if (!ops || !ops->alloc || !ops->free || !ops->stop)
		return "has no torture operations (struct page_kind_torture)";
	return NULL;
}

static struct page_kind *kind_named(const char *name)
{
	struct page_kind *kind;
	unsigned int i;

	for_each_page_kind(kind, i)
		if (!strcmp(kind->name, name))
			return kind;
	return NULL;
}

static int movetorture_run(struct page_kind *kind)
{
	unsigned long before, isolated;
	struct torture *t;
	int err;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->kind = kind;
	t->ops = kind->torture;
	t->seed = seed_set ? seed : umm_seed;
	t->nr_pages = min(4096UL, totalram_pages / 8);
	mutex_init(&t->failure_lock);
	if (t->ops->start) {
		err = t->ops->start();
		if (err) {
			/* The driver said why, in one line. */
			kfree(t);
			return err;
		}
	}
	before = kind_pages(t, &isolated);
	t->taint = get_taint();
	pr_info("kind=%s duration_ms=%u nr_threads=%u seed=%llu: start\n",
		kind->name, READ_ONCE(duration_ms), READ_ONCE(nr_threads),
		t->seed);
	torture_threads(t, READ_ONCE(nr_threads));
	torture_finish(t, before);
	torture_summary(t);
	err = atomic_read(&t->failures) ? -EIO : 0;
	kfree(t);
	return err;
}

/* ---- the console --------------------------------------------------------- */

static ssize_t run_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	char name[PAGE_KIND_NAME_MAX + 2] = "";
	struct page_kind *kind;
	const char *why;
	ssize_t len;
	int err;

	len = simple_write_to_buffer(name, sizeof(name) - 1, ppos, ubuf, count);
	if (len < 0)
		return len;
	if (len < count) {
		pr_err("no page kind has a name that long\n");
		return -EINVAL;
	}
	name[len] = '\0';
	strim(name);
	kind = kind_named(name);
	if (!kind) {
		pr_err("no page kind '%s' (see /sys/kernel/debug/umm/migrated)\n",
		       name);
		return -EINVAL;
	}
	why = not_torturable(kind);
	if (why) {
		pr_err("kind=%s %s\n", kind->name, why);
		return -EINVAL;
	}
	if (!mutex_trylock(&run_lock)) {
		pr_err("a run is in progress\n");
		return -EBUSY;
	}
	err = movetorture_run(kind);
	mutex_unlock(&run_lock);
	return err ? err : count;
}

static int run_show(struct seq_file *m, void *v)
{
	mutex_lock(&run_lock);
	seq_puts(m, summary[0] ? summary : "movetorture: no run yet\n");
	mutex_unlock(&run_lock);
	return 0;
}

static int run_open(struct inode *inode, struct file *file)
{
	return single_open(file, run_show, NULL);
}

static const struct file_operations run_fops = {
	.open		= run_open,
	.read		= seq_read,
	.write		= run_write,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static int duration_get(void *data, u64 *val)
{
	*val = READ_ONCE(duration_ms);
	return 0;
}

static int duration_set(void *data, u64 val)
{
	if (!val || val > 3600 * 1000) {
		pr_err("duration_ms is 1 to 3600000\n");
		return -EINVAL;
	}
	WRITE_ONCE(duration_ms, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(duration_fops, duration_get, duration_set, "%llu\n");

static int seed_get(void *data, u64 *val)
{
	*val = seed_set ? READ_ONCE(seed) : umm_seed;
	return 0;
}

static int seed_set_val(void *data, u64 val)
{
	mutex_lock(&run_lock);
	seed = val;
	seed_set = true;
	mutex_unlock(&run_lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(seed_fops, seed_get, seed_set_val, "%llu\n");

static int threads_get(void *data, u64 *val)
{
	*val = READ_ONCE(nr_threads);
	return 0;
}

static int threads_set(void *data, u64 val)
{
	if (!val || val > MAX_THREADS) {
		pr_err("nr_threads is 1 to %d\n", MAX_THREADS);
		return -EINVAL;
	}
	WRITE_ONCE(nr_threads, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(threads_fops, threads_get, threads_set, "%llu\n");

static int __init movetorture_init(void)
{
	struct dentry *dir = debugfs_create_dir("movetorture", NULL);

	debugfs_create_file("run", 0644, dir, NULL, &run_fops);
	debugfs_create_file("duration_ms", 0644, dir, NULL, &duration_fops);
	debugfs_create_file("seed", 0644, dir, NULL, &seed_fops);
	debugfs_create_file("nr_threads", 0644, dir, NULL, &threads_fops);
	return 0;
}
late_initcall(movetorture_init);
