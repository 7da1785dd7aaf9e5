// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/workload.c - workload tasks: the programs of umm's "user space"
 *
 * A workload task is created like a forked process (copy_process() with
 * a new mm: an order-2 kernel stack, a pgd page) and runs a loop that
 * waits for requests and runs them in its own context.  Its memory is
 * filled with self-describing pages: a header (owner, address,
 * generation) and a body generated from them, part compressible and
 * part random, so that verification can tell correct data from stale,
 * foreign or corrupted data without any record of what was written.
 */
#include <linux/kernel.h>
#include <linux/workload.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/random.h>
#include <linux/fill_pattern.h>
#include <linux/hash.h>
#include <linux/err.h>
#include <linux/mutex.h>
#include <linux/umm.h>

struct workload_request {
	long (*fn)(struct workload *w, void *arg);
	void *arg;
	long ret;
	struct completion done;
};

static LIST_HEAD(workloads);
static DEFINE_MUTEX(workloads_lock);

/* ---- the task's loop ------------------------------------------------- */

static bool workload_stopping(struct workload *w)
{
	bool stop;

	spin_lock(&w->lock);
	stop = w->stop;
	spin_unlock(&w->lock);
	return stop;
}

static bool workload_has_work(struct workload *w)
{
	bool req;

	spin_lock(&w->lock);
	req = w->req != NULL || w->stop;
	spin_unlock(&w->lock);
	return req || fatal_signal_pending(current);
}

static int workload_main(void *arg)
{
	struct workload *w = arg;
	struct workload_request *req;

	for (;;) {
		wait_event(w->wait, workload_has_work(w));
		spin_lock(&w->lock);
		req = w->req;
		spin_unlock(&w->lock);
		if (req) {
			req->ret = fatal_signal_pending(current) ? -EINTR :
				   req->fn(w, req->arg);
			spin_lock(&w->lock);
			w->req = NULL;
			/* A SIGINT was for this request (workload_interrupt()). */
			flush_signals(current);
			spin_unlock(&w->lock);
			complete(&req->done);
		}
		if (workload_stopping(w) || fatal_signal_pending(current))
			break;
	}
	/* Read without the lock by whoever waits for the exit. */
	if (fatal_signal_pending(current))
		WRITE_ONCE(w->exit_signal, SIGKILL);
	/* A request that arrives from now on is refused; one in flight fails. */
	spin_lock(&w->lock);
	WRITE_ONCE(w->exited, true);
	req = w->req;
	w->req = NULL;
	spin_unlock(&w->lock);
	if (req) {
		req->ret = -EINTR;
		complete(&req->done);
	}
	return 0;
}

/**
 * workload_kick - wake a workload task to look at its state (a SIGKILL)
 * @tsk: the task (nothing happens for other tasks)
 */
void workload_kick(struct task_struct *tsk)
{
	struct workload *w = tsk->workload;

	if (w)
		wake_up_all(&w->wait);
}

/**
 * workload_start - create and start a workload task, as fork would
 * @name: its name (and comm)
 *
 * Return: the workload, or ERR_PTR(-ENOMEM) when its mm, task structure
 * or kernel stack cannot be allocated (fork failing), -EEXIST if the
 * name is taken, -EAGAIN when the host cannot start a thread.
 */
struct workload *workload_start(const char *name)
{
	static u64 workloads_started;	/* under workloads_lock */
	struct task_struct *tsk;
	struct mm_struct *mm;
	struct workload *w;
	int err = -ENOMEM;

	mutex_lock(&workloads_lock);
	list_for_each_entry(w, &workloads, list) {
		if (!strcmp(w->name, name)) {
			mutex_unlock(&workloads_lock);
			return ERR_PTR(-EEXIST);
		}
	}
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		goto out;
	w->buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	mm = w->buf ? mm_alloc() : NULL;
	if (!mm)
		goto free_w;
	strscpy(w->name, name, sizeof(w->name));
	/*
	 * The identity stamped into every page must not depend on where
	 * the host mapped anything, or two runs with one seed compress
	 * different bytes: number the workloads instead.
	 */
	w->owner = hash_64(++workloads_started ^ umm_seed, 32) | 1;
	init_waitqueue_head(&w->wait);
	spin_lock_init(&w->lock);

	tsk = copy_process(name, workload_main, w, 0, mm);
	if (IS_ERR(tsk)) {
		err = PTR_ERR(tsk);
		mmput(mm);
		goto free_w;
	}
	mm->owner = tsk;
	tsk->workload = w;
	w->task = tsk;
	list_add_tail(&w->list, &workloads);
	mutex_unlock(&workloads_lock);
	wake_up_process(tsk);
	return w;
free_w:
	kfree(w->buf);
	kfree(w);
out:
	mutex_unlock(&workloads_lock);
	return ERR_PTR(err);
}

/**
 * workload_find - look a workload up by name
 * @name: its name
 *
 * Return: the workload, or NULL.
 */
struct workload *workload_find(const char *name)
{
	struct workload *w, *found = NULL;

	mutex_lock(&workloads_lock);
	list_for_each_entry(w, &workloads, list)
		if (!strcmp(w->name, name))
			found = w;
	mutex_unlock(&workloads_lock);
	return found;
}

/**
 * workload_stop - end a workload task and free everything it had
 * @w: the workload
 *
 * Return: 0 if it ended normally, -EINTR if the OOM killer had ended it.
 */
int workload_stop(struct workload *w)
{
	int sig;

	mutex_lock(&workloads_lock);
	list_del(&w->list);
	mutex_unlock(&workloads_lock);
	/*
	 * Under the lock: what the stopper did before (a look at the task's
	 * mm, say) happens before the task sees ->stop and tears it down.
	 */
	spin_lock(&w->lock);
	w->stop = true;
	spin_unlock(&w->lock);
	wake_up_all(&w->wait);
	wait_task_exit(w->task);
	sig = w->exit_signal;
	kfree(w->buf);
	kfree(w);
	return sig ? -EINTR : 0;
}

/**
 * workload_reap_exited - collect the tasks the OOM killer ended
 *
 * A killed task's thread ends but is not joined until someone calls
 * workload_stop() on it; the console does this for all of them when it
 * is done, as init reaps its orphans.  A task counts once it is killed,
 * not only once it has exited: the request it was running completes
 * before its thread sets ->exited, so the console can get here first.
 */
void workload_reap_exited(void)
{
	struct workload *w, *found;

	do {
		found = NULL;
		mutex_lock(&workloads_lock);
		list_for_each_entry(w, &workloads, list) {
			if (READ_ONCE(w->exited) ||
			    fatal_signal_pending(w->task)) {
				found = w;
				break;
			}
		}
		mutex_unlock(&workloads_lock);
		if (found)
			workload_stop(found);
	} while (found);
}

/**
 * workload_call - run @fn in the workload task and wait for it
 * @w: the workload
 * @fn: the request
 * @arg: its argument
 * @ret: what @fn returned (if it ran)
 *
 * Return: 0 if @fn ran, -ESRCH if the task has exited (killed by the OOM
 * killer); -EINTR if it was killed before running @fn.
 */
int workload_call(struct workload *w, long (*fn)(struct workload *w, void *arg),
		  void *arg, long *ret)
{
	struct workload_request req = { .fn = fn, .arg = arg };

	init_completion(&req.done);
	spin_lock(&w->lock);
	if (w->exited) {
		spin_unlock(&w->lock);
		return -ESRCH;
	}
	WARN_ON(w->req);	/* the console sends one request at a time */
	w->req = &req;
	spin_unlock(&w->lock);
	wake_up_all(&w->wait);
	/* The task completes it, even if it is killed instead of running it. */
	wait_for_completion(&req.done);
	if (ret)
		*ret = req.ret;
	return req.ret == -EINTR && fatal_signal_pending(w->task) ? -EINTR : 0;
}

/**
 * workload_interrupt - send SIGINT to the tasks running a request
 *
 * The console sends a request and waits for it: the task running it is
 * the foreground of the shell's terminal, and Ctrl-C is for it
 * (init/console_shell.c).  It stops at its next check with -EINTR, and
 * flushes the signal when the request is done.
 */
void workload_interrupt(void)
{
	struct workload *w;

	mutex_lock(&workloads_lock);
	list_for_each_entry(w, &workloads, list) {
		/* Under the lock: the task flushes it when the request ends. */
		spin_lock(&w->lock);
		if (w->req)
			send_sig(SIGINT, w->task, 0);
		spin_unlock(&w->lock);
	}
	mutex_unlock(&workloads_lock);
}

/**
 * workload_for_each - visit every workload (the console's task table)
 * @fn: called for each
 * @data: passed to @fn
 */
void workload_for_each(void (*fn)(struct workload *w, void *data), void *data)
{
	struct workload *w;

	mutex_lock(&workloads_lock);
	list_for_each_entry(w, &workloads, list)
		fn(w, data);
	mutex_unlock(&workloads_lock);
}

/* ---- self-describing data --------------------------------------------- */

/*
 * The data itself is lib/fill_pattern.c's, which the guest agent of
 * './umm compare' builds too: the same fill writes the same bytes there.
 */
_Static_assert(FILL_PATTERN_SIZE == PAGE_SIZE, "a filled page is a page");

/**
 * workload_fill_page - fill a page with self-describing data
 * @page: the page's contents
 * @owner: an identity stamped into the header (a workload's, a disk's)
 * @vaddr: the address (or disk offset) stamped into the header
 * @gen: a generation number, so that rewritten data differs
 * @ratio: the compressible share of the body, per mille
 * @seed: the seed of the body's random part
 *
 * workload_page_valid() checks such a page without knowing @gen, @ratio
 * or @seed: the header records them.
 */
void workload_fill_page(void *page, u32 owner, unsigned long vaddr, u32 gen,
			unsigned int ratio, u64 seed)
{
	fill_pattern_page(page, owner, vaddr, gen, ratio, seed);
}

/**
 * workload_page_valid - does a page hold what its owner wrote there?
 * @page: the page's contents
 * @owner: the workload's identity
 * @vaddr: the address the page is mapped at
 *
 * Return: true if the header names this owner and address and the body
 * is what the header says it should be.
 */
bool workload_page_valid(const void *page, u32 owner, unsigned long vaddr)
{
	return fill_pattern_valid(page, owner, vaddr);
}

/* ---- requests, run in the task ---------------------------------------- */

struct mmap_args {
	unsigned long size;
	unsigned long addr;
};

static long do_mmap(struct workload *w, void *arg)
{
	struct mmap_args *a = arg;
	char name[16];

	snprintf(name, sizeof(name), "map%d", current->mm->map_count);
	a->addr = mmap_anon(current->mm, a->size, name);
	return IS_ERR_VALUE(a->addr) ? (long)a->addr : 0;
}

/**
 * workload_mmap - map more anonymous memory in a workload
 * @w: the workload
 * @size: bytes
 *
 * Return: the address, or a negative errno.
 */
long workload_mmap(struct workload *w, unsigned long size)
{
	struct mmap_args a = { .size = size };
	long ret;
	int err = workload_call(w, do_mmap, &a, &ret);

	if (err)
		return err;
	return ret ? ret : (long)a.addr;
}

/*
 * Visit every page of every mapping; @fn returns 0 or an error that stops
 * the walk.  Runs in the task, without mmap_sem (only the task itself
 * changes its mappings, and it is busy here).
 */
static long walk_user_pages(struct workload *w,
			       long (*fn)(struct workload *w,
					  unsigned long addr, void *arg),
			       void *arg)
{
	struct mm_struct *mm = current->mm;
	struct vm_area_struct *vma;
	long ret = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long addr;

		for (addr = vma->vm_start; addr < vma->vm_end; addr += PAGE_SIZE) {
			ret = fn(w, addr, arg);
			if (ret)
				return ret;
			/* The OOM killer's SIGKILL, or the shell's Ctrl-C. */
			if (signal_pending(current))
				return -EINTR;
		}
	}
	return 0;
}

struct fill_args {
	unsigned int ratio;
	unsigned int pct;		/* touch: share of pages, 100 for fill */
	u64 seed;
	struct rnd_state rnd;
	unsigned long pages;
};

static long fill_one(struct workload *w, unsigned long addr, void *arg)
{
	struct fill_args *a = arg;

	if (a->pct < 100 && prandom_u32_state_max(&a->rnd, 100) >= a->pct)
		return 0;
	workload_fill_page(w->buf, w->owner, addr, w->gen, a->ratio, a->seed);
	a->pages++;
	return access_mm(current->mm, addr, w->buf, PAGE_SIZE, true);
}

static long do_fill(struct workload *w, void *arg)
{
	struct fill_args *a = arg;

	w->gen++;
	return walk_user_pages(w, fill_one, a);
}

/**
 * workload_fill - write every page of a workload with checkable data
 * @w: the workload
 * @ratio_permille: the compressible share of each page, 0 to 1000
 * @seed: varies the data
 *
 * Return: the number of pages written, or a negative errno.
 */
long workload_fill(struct workload *w, unsigned int ratio_permille, u64 seed)
{
	struct fill_args a = { .ratio = ratio_permille, .pct = 100, .seed = seed };
	long ret;
	int err = workload_call(w, do_fill, &a, &ret);

	return err ? err : (ret ? ret : (long)a.pages);
}

/**
 * workload_touch - rewrite a share of a workload's pages
 * @w: the workload
 * @pct: share of the pages, in percent, chosen at random
 * @seed: the choice and the data
 *
 * Return: the number of pages written, or a negative errno.
 */
long workload_touch(struct workload *w, unsigned int pct, u64 seed)
{
	struct fill_args a = { .ratio = 500, .pct = pct, .seed = seed };
	long ret;
	int err;

	prandom_seed_state(&a.rnd, seed);
	err = workload_call(w, do_fill, &a, &ret);
	return err ? err : (ret ? ret : (long)a.pages);
}

struct dontneed_args {
	unsigned int pct;
	unsigned int stride;		/* 0: random choice */
	struct rnd_state rnd;
	unsigned long index;
	unsigned long pages;
};

static long dontneed_one(struct workload *w, unsigned long addr, void *arg)
{
	struct dontneed_args *a = arg;
	bool drop;

	if (a->stride)	/* in every run of stride pages, the first pct% */
		drop = (a->index % a->stride) * 100 < a->pct * a->stride;
	else
		drop = prandom_u32_state_max(&a->rnd, 100) < a->pct;
	a->index++;
	if (!drop)
		return 0;
	a->pages++;
	return madvise_dontneed(current->mm, addr, addr + PAGE_SIZE);
}

static long do_dontneed(struct workload *w, void *arg)
{
	return walk_user_pages(w, dontneed_one, arg);
}

/**
 * workload_dontneed - give back a share of a workload's pages
 * @w: the workload
 * @pct: share of the pages, in percent
 * @stride: 0 for a random choice; else in every run of @stride pages the
 *	    first @pct percent
 * @seed: the random choice
 *
 * Return: the number of pages given back, or a negative errno.
 */
long workload_dontneed(struct workload *w, unsigned int pct,
		       unsigned int stride, u64 seed)
{
	struct dontneed_args a = { .pct = pct, .stride = stride };
	long ret;
	int err;

	prandom_seed_state(&a.rnd, seed);
	err = workload_call(w, do_dontneed, &a, &ret);
	return err ? err : (ret ? ret : (long)a.pages);
}

static long verify_one(struct workload *w, unsigned long addr, void *arg)
{
	struct verify_result *res = arg;
	int err;

	if (mm_pte_state(current->mm, addr, NULL) == 0) {
		res->absent++;
		return 0;
	}
	err = access_mm(current->mm, addr, w->buf, PAGE_SIZE, false);
	if (err)
		return err;
	res->checked++;
	if (!memchr_inv(w->buf, 0, PAGE_SIZE))
		return 0;	/* mapped, never written: fine */
	if (!workload_page_valid(w->buf, w->owner, addr)) {
		if (!res->mismatches)
			res->first_bad = addr;
		res->mismatches++;
	}
	return 0;
}

static long do_verify(struct workload *w, void *arg)
{
	return walk_user_pages(w, verify_one, arg);
}

/**
 * workload_verify - read every page of a workload back and check it
 * @w: the workload
 * @res: what was found
 *
 * Return: 0, or a negative errno if the pages could not be read.
 */
long workload_verify(struct workload *w, struct verify_result *res)
{
	long ret;
	int err;

	memset(res, 0, sizeof(*res));
	err = workload_call(w, do_verify, res, &ret);
	return err ? err : ret;
}
