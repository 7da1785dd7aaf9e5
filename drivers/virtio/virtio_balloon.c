// SPDX-License-Identifier: GPL-2.0
/*
 * drivers/virtio/virtio_balloon.c - the virtio memory balloon driver
 *
 * The host says, in the device's config space, how many 4 KiB frames it
 * wants (num_pages).  The driver allocates pages, puts them into its
 * balloon (mm/balloon_compaction.c) and sends their frame numbers on the
 * inflate queue, up to 256 per buffer; to give memory back it takes pages
 * out of the balloon, sends their numbers on the deflate queue, and frees
 * them only once the host has acknowledged the buffer (which
 * VIRTIO_BALLOON_F_MUST_TELL_HOST requires; the driver always does it).
 * After each batch it writes how many frames the host has (actual).
 *
 * Balloon pages are movable (unless virtio_balloon.movable=0): when
 * compaction migrates one, virtballoon_migratepage() moves the frame at
 * the host too, under balloon_lock: it inflates the new page's frame,
 * then deflates the old one, so the host never has fewer frames than the
 * driver counts.
 *
 * With VIRTIO_BALLOON_F_STATS_VQ, the host gets memory statistics when it
 * asks (by returning the buffer the driver left on the stats queue).
 * With VIRTIO_BALLOON_F_DEFLATE_ON_OOM, balloon pages stay counted in
 * the guest's memory, and the OOM killer's notifier deflates oom_pages
 * frames before it would kill a task.
 *
 * The worker: config changes and stats requests are interrupts, which
 * must not sleep, so they wake a kernel thread, "vballoon", that inflates
 * or deflates until the target is reached.  If the guest has no memory to
 * give it stops ("out of puff") and tries again 200 ms later, as the
 * kernel does.  With umm.deterministic=1 there is no thread: the wake-up
 * queues a work item, which runs at the workqueue's next safe point (a
 * flush, or the end of a console command), makes one pass until the
 * target or no progress, and does not retry by itself.
 *
 * Locking: page lock (VM), then balloon_lock (a mutex), then the
 * balloon's pages_lock.  migratepage only trylocks balloon_lock: the VM
 * holds two page locks, and the worker may be the one allocating (and so
 * compacting) while it holds nothing but could soon want it.
 * stop_update_lock (a spinlock) is taken by the interrupt callbacks.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/virtio.h>
#include <linux/virtio_config.h>
#include <linux/virtio_balloon.h>
#include <linux/balloon_compaction.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/vmstat.h>
#include <linux/wait.h>
#include <linux/workqueue.h>
#include <linux/umm.h>
#include <linux/page_kind.h>
#include "virtio_balloon_drv.h"

static unsigned int oom_pages = OOM_VBALLOON_DEFAULT_PAGES;
module_param(oom_pages, uint, 0644);
MODULE_PARM_DESC(oom_pages, "pages to free on OOM");

/* CONFIG_BALLOON_COMPACTION: see <linux/balloon_compaction.h>. */
module_param_named(movable, balloon_compaction_enabled, bool, 0444);
MODULE_PARM_DESC(movable, "balloon pages are movable (0: as before 4.8)");

/*
 * The balloon's pages in maps and counts (<linux/page_kind.h>).
 * balloon_migrate in /proc/vmstat counts what ->migratepage did; the
 * migration core counts what it moved by kind.  Registered even with
 * virtio_balloon.movable=0, so that the series-off run shows a zero for
 * balloon pages instead of no line at all.
 */
static const struct page_kind_torture vb_torture;

static struct page_kind balloon_kind = {
	.name = "balloon",
	.desc = "balloon",
	.letter = 'b',
	.colour = "#9c36b5",
	.movable = true,
	PAGE_KIND_A_OPS(balloon_aops),
	/* virtballoon_migratepage() waits for the host in every mode. */
	.async_sleeps = true,
	.torture = &vb_torture,
	.off = "virtio_balloon.movable=0",
};

static int __init virtio_balloon_kind_init(void)
{
	return page_kind_register(&balloon_kind);
}
module_init(virtio_balloon_kind_init);

static u32 page_to_balloon_pfn(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);

	BUILD_BUG_ON(PAGE_SHIFT < VIRTIO_BALLOON_PFN_SHIFT);
	/* In the device's 4 KiB units. */
	return pfn * VIRTIO_BALLOON_PAGES_PER_PAGE;
}

/* The frame numbers of @page, first to last. */
static void set_page_pfns(struct virtio_balloon *vb, __virtio32 pfns[],
			  struct page *page)
{
	unsigned int i;

	for (i = 0; i < VIRTIO_BALLOON_PAGES_PER_PAGE; i++)
		pfns[i] = cpu_to_virtio32(vb->vdev,
					  page_to_balloon_pfn(page) + i);
}

static bool balloon_broken(struct virtio_balloon *vb)
{
	return virtqueue_is_broken(vb->inflate_vq) ||
	       virtqueue_is_broken(vb->deflate_vq);
}

/* The host used a buffer of the inflate or deflate queue. */
static void balloon_ack(struct virtqueue *vq)
{
	struct virtio_balloon *vb = vq->vdev->priv;

	wake_up(&vb->acked);
}

/*
 * Send vb->pfns on @vq and wait until the host has used the buffer.
 * Under balloon_lock.  Returns 0, or -EIO if the queue is (or turned
 * out) broken: the host may or may not have seen the frames then.
 */
static int tell_host(struct virtio_balloon *vb, struct virtqueue *vq)
{
	struct scatterlist sg;
	unsigned int len;
	void *buf = NULL;
	int err;

	sg_init_one(&sg, vb->pfns, sizeof(vb->pfns[0]) * vb->num_pfns);
	/* One buffer at a time: the queue is empty, the add cannot fail. */
	err = virtqueue_add_outbuf(vq, &sg, 1, vb, GFP_KERNEL);
	if (!err) {
		virtqueue_kick(vq);
		wait_event(vb->acked,
			   (buf = virtqueue_get_buf(vq, &len)) ||
			   virtqueue_is_broken(vq));
	}
	if (buf)
		return 0;
	if (!vb->broken_reported) {
		vb->broken_reported = true;
		dev_err(&vb->vdev->dev,
			"virtio_balloon: %s queue is broken: the balloon stops (%lu frames held)\n",
			vq->name, (unsigned long)vb->num_pages);
	}
	return -EIO;
}

/* Pages that were dequeued and acknowledged: back to the guest. */
static void release_pages_balloon(struct virtio_balloon *vb,
				  struct list_head *pages)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, pages, lru) {
		if (!virtio_has_feature(vb->vdev,
					VIRTIO_BALLOON_F_DEFLATE_ON_OOM))
			adjust_managed_page_count(page, 1);
		list_del(&page->lru);
		put_page(page);	/* the balloon's reference */
	}
}

/*
 * Put dequeued pages back into the balloon: the host did not acknowledge
 * their deflation, so they must not be used.  Under balloon_lock.
 */
static void requeue_pages_balloon(struct virtio_balloon *vb,
				  struct list_head *pages)
{
	struct balloon_dev_info *b_dev_info = &vb->vb_dev_info;
	struct page *page;
	unsigned long flags;

	while ((page = balloon_page_pop(pages))) {
		lock_page(page);
		spin_lock_irqsave(&b_dev_info->pages_lock, flags);
		balloon_page_insert(b_dev_info, page);
		spin_unlock_irqrestore(&b_dev_info->pages_lock, flags);
		unlock_page(page);
		WRITE_ONCE(vb->num_pages,
			   vb->num_pages + VIRTIO_BALLOON_PAGES_PER_PAGE);
	}
}

/* Inflate by up to @num frames; returns how many the host now has more. */
static unsigned int fill_balloon(struct virtio_balloon *vb, size_t num)
{
	unsigned int num_allocated_pages, num_pfns;
	struct page *page;
	LIST_HEAD(pages);

	if (balloon_broken(vb))
		return 0;
	num = min(num, ARRAY_SIZE(vb->pfns));
	/*
	 * Allocate before taking balloon_lock: allocating may compact, and
	 * compaction may want to migrate balloon pages.
	 */
	for (num_pfns = 0; num_pfns < num;
	     num_pfns += VIRTIO_BALLOON_PAGES_PER_PAGE) {
		page = balloon_page_alloc();
		if (!page) {
			dev_info_ratelimited(&vb->vdev->dev,
					     "Out of puff! Can't get %u pages\n",
					     VIRTIO_BALLOON_PAGES_PER_PAGE);
			vb->out_of_puff++;
			break;
		}
		page_kind_set(page, 0, &balloon_kind);
		balloon_page_push(&pages, page);
	}

	mutex_lock(&vb->balloon_lock);
	vb->num_pfns = 0;
	while ((page = balloon_page_pop(&pages))) {
		balloon_page_enqueue(&vb->vb_dev_info, page);
		set_page_pfns(vb, vb->pfns + vb->num_pfns, page);
		WRITE_ONCE(vb->num_pages,
			   vb->num_pages + VIRTIO_BALLOON_PAGES_PER_PAGE);
		/* Unless they may come back on OOM, they leave the guest. */
		if (!virtio_has_feature(vb->vdev,
					VIRTIO_BALLOON_F_DEFLATE_ON_OOM))
			adjust_managed_page_count(page, -1);
		vb->num_pfns += VIRTIO_BALLOON_PAGES_PER_PAGE;
	}
	num_allocated_pages = vb->num_pfns;
	/*
	 * The pages stay in the balloon even if the queue broke: whether
	 * the host has them or not, the guest must not use them.
	 */
	if (vb->num_pfns)
		tell_host(vb, vb->inflate_vq);
	mutex_unlock(&vb->balloon_lock);
	return num_allocated_pages;
}

/* Deflate by up to @num frames; returns how many came back. */
static unsigned int leak_balloon(struct virtio_balloon *vb, size_t num)
{
	struct balloon_dev_info *vb_dev_info = &vb->vb_dev_info;
	unsigned int num_freed_pages;
	struct page *page;
	LIST_HEAD(pages);

	num = min(num, ARRAY_SIZE(vb->pfns));
	mutex_lock(&vb->balloon_lock);
	/* Not more than we hold; nothing through a broken queue. */
	num = min_t(size_t, num, vb->num_pages);
	if (balloon_broken(vb))
		num = 0;
	for (vb->num_pfns = 0; vb->num_pfns < num;
	     vb->num_pfns += VIRTIO_BALLOON_PAGES_PER_PAGE) {
		page = balloon_page_dequeue(vb_dev_info);
		/* Every page left is isolated by the VM right now. */
		if (!page)
			break;
		set_page_pfns(vb, vb->pfns + vb->num_pfns, page);
		list_add(&page->lru, &pages);
		WRITE_ONCE(vb->num_pages,
			   vb->num_pages - VIRTIO_BALLOON_PAGES_PER_PAGE);
	}
	num_freed_pages = vb->num_pfns;
	/*
	 * The host hears of the pages before any of them is used again:
	 * VIRTIO_BALLOON_F_MUST_TELL_HOST requires it, and without the
	 * feature it does no harm.
	 */
	if (vb->num_pfns && tell_host(vb, vb->deflate_vq)) {
		requeue_pages_balloon(vb, &pages);
		num_freed_pages = 0;
	}
	release_pages_balloon(vb, &pages);
	mutex_unlock(&vb->balloon_lock);
	return num_freed_pages;
}

/* Tell the host how many frames it has. */
static void update_balloon_size(struct virtio_balloon *vb)
{
	u32 actual;

	/* Under the lock, so that two writers cannot reorder the value. */
	mutex_lock(&vb->balloon_lock);
	actual = vb->num_pages;
	virtio_cwrite_le(vb->vdev, struct virtio_balloon_config, actual,
			 &actual);
	mutex_unlock(&vb->balloon_lock);
}

/*
 * Frames to inflate (> 0) or deflate (< 0) to reach the host's target.
 * A target beyond the guest's memory is clamped to it, and said once.
 */
static s64 towards_target(struct virtio_balloon *vb)
{
	u32 num_pages;

	virtio_cread_le(vb->vdev, struct virtio_balloon_config, num_pages,
			&num_pages);
	if (num_pages > vb->guest_pages) {
		if (num_pages != vb->clamped_from) {
			vb->clamped_from = num_pages;
			dev_warn(&vb->vdev->dev,
				 "virtio_balloon: the host asks for %u pages, more than the guest's RAM (%lu): clamped\n",
				 num_pages, vb->guest_pages);
		}
		num_pages = vb->guest_pages;
	}
	return (s64)num_pages - READ_ONCE(vb->num_pages);
}

/* ---- statistics ---------------------------------------------------------- */

static void update_stat(struct virtio_balloon *vb, int idx, u16 tag, u64 val)
{
	BUG_ON(idx >= VIRTIO_BALLOON_S_NR);
	vb->stats[idx].tag = cpu_to_virtio16(vb->vdev, tag);
	vb->stats[idx].val = cpu_to_virtio64(vb->vdev, val);
}

#define pages_to_bytes(x) ((u64)(x) << PAGE_SHIFT)

static unsigned int update_balloon_stats(struct virtio_balloon *vb)
{
	unsigned long events[NR_VM_EVENT_ITEMS];
	unsigned long total, free;
	unsigned int idx = 0;

	all_vm_events(events);
	/* si_meminfo()'s totalram and freeram. */
	total = READ_ONCE(totalram_pages);
	free = global_zone_page_state(NR_FREE_PAGES);
	update_stat(vb, idx++, VIRTIO_BALLOON_S_SWAP_IN,
		    pages_to_bytes(events[PSWPIN]));
	update_stat(vb, idx++, VIRTIO_BALLOON_S_SWAP_OUT,
		    pages_to_bytes(events[PSWPOUT]));
	update_stat(vb, idx++, VIRTIO_BALLOON_S_MAJFLT, events[PGMAJFAULT]);
	update_stat(vb, idx++, VIRTIO_BALLOON_S_MINFLT, events[PGFAULT]);
	update_stat(vb, idx++, VIRTIO_BALLOON_S_MEMFREE, pages_to_bytes(free));
	update_stat(vb, idx++, VIRTIO_BALLOON_S_MEMTOT, pages_to_bytes(total));
	update_stat(vb, idx++, VIRTIO_BALLOON_S_AVAIL,
		    pages_to_bytes(si_mem_available()));
	return idx;
}

/*
 * The host returned the stats buffer: it wants fresh numbers.  Fill the
 * buffer and give it back.  Worker only.
 */
static void stats_handle_request(struct virtio_balloon *vb)
{
	struct virtqueue *vq = vb->stats_vq;
	struct scatterlist sg;
	unsigned int len, num_stats;

	/*
	 * Take the buffer back before writing into it.  A request may be
	 * signalled twice (an interrupt for another queue finds the used
	 * entry still there), and by the second time the buffer may be the
	 * host's again, being read.
	 */
	if (!virtqueue_get_buf(vq, &len))
		return;
	num_stats = update_balloon_stats(vb);
	sg_init_one(&sg, vb->stats, sizeof(vb->stats[0]) * num_stats);
	if (virtqueue_add_outbuf(vq, &sg, 1, vb, GFP_KERNEL))
		return;
	virtqueue_kick(vq);
}

/* ---- the worker ------------------------------------------------------------ */

/* Wake the worker; under stop_update_lock, with stop_update false. */
static void balloon_wake_worker(struct virtio_balloon *vb)
{
	if (vb->thread)
		wake_up(&vb->config_change);
	else
		queue_work(system_wq, &vb->update_balloon_work);
}

/*
 * One pass of the worker: the statistics if asked, then batches towards
 * the target.  Returns false if it stopped short of the target for want
 * of progress (out of puff, or every page isolated), true otherwise.
 */
static bool balloon_work(struct virtio_balloon *vb)
{
	unsigned int done;
	s64 diff;

	/* Pairs with stats_request()'s release: the request is visible. */
	if (smp_load_acquire(&vb->need_stats)) {
		WRITE_ONCE(vb->need_stats, false);
		stats_handle_request(vb);
	}
	for (;;) {
		if (READ_ONCE(vb->stop_update) || balloon_broken(vb))
			return true;
		diff = towards_target(vb);
		if (!diff)
			return true;
		if (diff > 0)
			done = fill_balloon(vb, diff);
		else
			done = leak_balloon(vb, -diff);
		update_balloon_size(vb);
		if (!done)
			return balloon_broken(vb);
	}
}

static void update_balloon_func(struct work_struct *work)
{
	struct virtio_balloon *vb = container_of(work, struct virtio_balloon,
						 update_balloon_work);

	WRITE_ONCE(vb->need_work, false);
	balloon_work(vb);
}

/*
 * need_work is set with a release store by whoever wakes the worker, and
 * read here with an acquire load: what the waker wrote before (the
 * queues, the first time) is visible to the worker.
 */
static bool balloon_should_wake(struct virtio_balloon *vb)
{
	/* Pairs with the wakers' release stores. */
	return smp_load_acquire(&vb->need_work) || kthread_should_stop();
}

/* "vballoon": works when woken; retries every 200 ms while short. */
static int balloon(void *data)
{
	struct virtio_balloon *vb = data;

	for (;;) {
		wait_event_interruptible(vb->config_change,
					 balloon_should_wake(vb));
		if (kthread_should_stop())
			break;
		WRITE_ONCE(vb->need_work, false);
		if (balloon_work(vb))
			continue;
		/* Out of puff: wait a fifth of a second, then try again. */
		wait_event_interruptible_timeout(vb->config_change,
						 balloon_should_wake(vb),
						 HZ / 5);
		/* Our own wake-up: nothing to publish, but the same access. */
		smp_store_release(&vb->need_work, true);
	}
	return 0;
}

/* The config changed (the host set a new target). */
static void virtballoon_changed(struct virtio_device *vdev)
{
	struct virtio_balloon *vb = vdev->priv;
	unsigned long flags;

	spin_lock_irqsave(&vb->stop_update_lock, flags);
	if (!vb->stop_update) {
		/* Publishes what we wrote before waking the worker. */
		smp_store_release(&vb->need_work, true);
		balloon_wake_worker(vb);
	}
	spin_unlock_irqrestore(&vb->stop_update_lock, flags);
}

/* The host gave the stats buffer back: it asks for statistics. */
static void stats_request(struct virtqueue *vq)
{
	struct virtio_balloon *vb = vq->vdev->priv;
	unsigned long flags;

	spin_lock_irqsave(&vb->stop_update_lock, flags);
	if (!vb->stop_update) {
		/* Both published to the worker (balloon_should_wake()). */
		smp_store_release(&vb->need_stats, true);
		/* need_stats first: the worker finds it once woken. */
		smp_store_release(&vb->need_work, true);
		balloon_wake_worker(vb);
	}
	spin_unlock_irqrestore(&vb->stop_update_lock, flags);
}

/* ---- OOM and migration ----------------------------------------------------- */

/*
 * The OOM killer is about to kill: with VIRTIO_BALLOON_F_DEFLATE_ON_OOM,
 * give oom_pages frames back instead (a frame freed counts as progress,
 * and nobody dies this time).
 */
static int virtballoon_oom_notify(struct notifier_block *self,
				  unsigned long dummy, void *parm)
{
	struct virtio_balloon *vb = container_of(self, struct virtio_balloon,
						 nb);
	unsigned long *freed = parm;
	unsigned int num_freed_pages;

	if (!virtio_has_feature(vb->vdev, VIRTIO_BALLOON_F_DEFLATE_ON_OOM))
		return NOTIFY_OK;
	num_freed_pages = leak_balloon(vb, READ_ONCE(oom_pages));
	update_balloon_size(vb);
	*freed += num_freed_pages;
	return NOTIFY_OK;
}

/*
 * Compaction moves a balloon page: @page (isolated) is to be replaced by
 * @newpage.  Both are locked.  The host first gets the new frame, then
 * gives up the old one, so at no moment does it have fewer frames than
 * num_pages says.  Nothing is copied: the balloon page has no contents.
 */
static int virtballoon_migratepage(struct balloon_dev_info *vb_dev_info,
				   struct page *newpage, struct page *page,
				   enum migrate_mode mode)
{
	struct virtio_balloon *vb = container_of(vb_dev_info,
						 struct virtio_balloon,
						 vb_dev_info);
	unsigned long flags;

	/* Busy inflating or deflating: migration comes back later. */
	if (!mutex_trylock(&vb->balloon_lock))
		return -EAGAIN;
	if (balloon_broken(vb)) {
		mutex_unlock(&vb->balloon_lock);
		return -EIO;
	}

	get_page(newpage);	/* the balloon's reference */
	/* Inflated pages left managed memory: follow them across zones. */
	if (!virtio_has_feature(vb->vdev, VIRTIO_BALLOON_F_DEFLATE_ON_OOM) &&
	    page_zone(page) != page_zone(newpage)) {
		adjust_managed_page_count(page, 1);
		adjust_managed_page_count(newpage, -1);
	}

	/* First: the new page into the balloon, its frame to the host. */
	spin_lock_irqsave(&vb_dev_info->pages_lock, flags);
	balloon_page_insert(vb_dev_info, newpage);
	vb_dev_info->isolated_pages--;
	__count_vm_event(BALLOON_MIGRATE);
	spin_unlock_irqrestore(&vb_dev_info->pages_lock, flags);
	vb->num_pfns = VIRTIO_BALLOON_PAGES_PER_PAGE;
	set_page_pfns(vb, vb->pfns, newpage);
	tell_host(vb, vb->inflate_vq);

	/* Then: the old page out of the balloon, its frame back from it. */
	spin_lock_irqsave(&vb_dev_info->pages_lock, flags);
	balloon_page_delete(page);
	spin_unlock_irqrestore(&vb_dev_info->pages_lock, flags);
	vb->num_pfns = VIRTIO_BALLOON_PAGES_PER_PAGE;
	set_page_pfns(vb, vb->pfns, page);
	tell_host(vb, vb->deflate_vq);

	mutex_unlock(&vb->balloon_lock);
	put_page(page);		/* the balloon's reference */
	return MIGRATEPAGE_SUCCESS;
}

/*
 * ---- movetorture (mm/movetorture.c) -----------------------------------------
 *
 * The balloon's torture operations inflate and deflate by hand, as the
 * OOM notifier deflates: past the host's target, which the worker goes
 * back to at the host's next request.  A run gives back what it took.
 * Only pages on the balloon's list can be deflated: an isolated one is
 * the VM's until it comes back.
 */
static struct virtio_balloon *torture_vb;	/* the device, once probed */
static unsigned int torture_base;		/* num_pages at the start */

static int vb_torture_start(void)
{
	struct virtio_balloon *vb = READ_ONCE(torture_vb);

	if (!vb) {
		pr_err("virtio_balloon: no balloon device to torture (boot with virtio_balloon_dev.enable=1)\n");
		return -ENODEV;
	}
	if (!balloon_compaction_enabled) {
		pr_err("virtio_balloon: balloon pages are not movable (virtio_balloon.movable=0)\n");
		return -EINVAL;
	}
	torture_base = READ_ONCE(vb->num_pages);
	return 0;
}

/* Inflate or deflate (@step) by @nr pages, batch by batch: 0 if done. */
static int vb_torture_step(unsigned int (*step)(struct virtio_balloon *vb,
						size_t num),
			   unsigned long nr)
{
	unsigned long want = nr * VIRTIO_BALLOON_PAGES_PER_PAGE;

	while (want) {
		unsigned int done = step(torture_vb, want);

		if (!done)
			return -ENOMEM;
		want -= min_t(unsigned long, done, want);
	}
	return 0;
}

static int vb_torture_alloc(unsigned long nr, struct rnd_state *rnd)
{
	return vb_torture_step(fill_balloon, nr);
}

/* Pages the VM holds isolated stay: deflating stops short then. */
static void vb_torture_free(unsigned long nr, struct rnd_state *rnd)
{
	vb_torture_step(leak_balloon, nr);
}

/* Every page counted is on the list or isolated, and a balloon page. */
static long vb_torture_verify(void)
{
	struct virtio_balloon *vb = torture_vb;
	struct balloon_dev_info *b = &vb->vb_dev_info;
	unsigned long flags, n = 0, expected;
	struct page *page;
	long bad = 0;

	mutex_lock(&vb->balloon_lock);
	spin_lock_irqsave(&b->pages_lock, flags);
	list_for_each_entry(page, &b->pages, lru) {
		n++;
		if (!PageBalloon(page))
			bad++;
	}
	n += b->isolated_pages;
	expected = vb->num_pages / VIRTIO_BALLOON_PAGES_PER_PAGE;
	spin_unlock_irqrestore(&b->pages_lock, flags);
	mutex_unlock(&vb->balloon_lock);
	if (n != expected) {
		pr_err("virtio_balloon: %lu pages listed or isolated, %lu counted\n",
		       n, expected);
		bad += n > expected ? n - expected : expected - n;
	}
	return bad;
}

static void vb_torture_stop(void)
{
	struct virtio_balloon *vb = torture_vb;

	while (READ_ONCE(vb->num_pages) > torture_base && !balloon_broken(vb)) {
		if (!leak_balloon(vb, vb->num_pages - torture_base))
			cond_resched();	/* isolated pages come back */
	}
	update_balloon_size(vb);
}

static const struct page_kind_torture vb_torture = {
	.start	= vb_torture_start,
	.alloc	= vb_torture_alloc,
	.free	= vb_torture_free,
	.verify	= vb_torture_verify,
	.stop	= vb_torture_stop,
};

/* ---- the device comes and goes --------------------------------------------- */

static int init_vqs(struct virtio_balloon *vb)
{
	vq_callback_t *callbacks[] = { balloon_ack, balloon_ack, stats_request };
	static const char * const names[] = { "inflate", "deflate", "stats" };
	struct virtqueue *vqs[3];
	unsigned int nvqs;
	int err;

	/* Inflate and deflate; stats if the host wants them. */
	nvqs = virtio_has_feature(vb->vdev, VIRTIO_BALLOON_F_STATS_VQ) ? 3 : 2;
	err = vb->vdev->config->find_vqs(vb->vdev, nvqs, vqs, callbacks,
					 names);
	if (err)
		return err;
	vb->inflate_vq = vqs[0];
	vb->deflate_vq = vqs[1];
	if (nvqs == 3) {
		struct scatterlist sg;
		unsigned int num_stats;

		vb->stats_vq = vqs[2];
		/*
		 * Leave the host a buffer: giving it back is how it asks
		 * for statistics.  The queue is new: the add cannot fail.
		 */
		num_stats = update_balloon_stats(vb);
		sg_init_one(&sg, vb->stats, sizeof(vb->stats[0]) * num_stats);
		if (virtqueue_add_outbuf(vb->stats_vq, &sg, 1, vb, GFP_KERNEL))
			BUG();
		virtqueue_kick(vb->stats_vq);
	}
	return 0;
}

static int virtballoon_probe(struct virtio_device *vdev)
{
	struct virtio_balloon *vb;
	int err;

	if (!vdev->config->get) {
		dev_err(&vdev->dev, "virtio_balloon: config access disabled\n");
		return -EINVAL;
	}
	vdev->priv = vb = kzalloc(sizeof(*vb), GFP_KERNEL);
	if (!vb)
		return -ENOMEM;
	vb->vdev = vdev;
	init_waitqueue_head(&vb->config_change);
	init_waitqueue_head(&vb->acked);
	INIT_WORK(&vb->update_balloon_work, update_balloon_func);
	spin_lock_init(&vb->stop_update_lock);
	mutex_init(&vb->balloon_lock);
	/* The RAM the host gave the guest, in frames. */
	vb->guest_pages = max_pfn * VIRTIO_BALLOON_PAGES_PER_PAGE;
	balloon_devinfo_init(&vb->vb_dev_info);
	if (balloon_compaction_enabled)
		vb->vb_dev_info.migratepage = virtballoon_migratepage;

	/*
	 * The worker exists before the queues do: from then on the
	 * interrupt callbacks may wake it.  umm: deterministic runs have no
	 * thread, and the system workqueue does its work.
	 */
	vb->thread = umm_kthread_run(balloon, vb, "vballoon");
	if (IS_ERR(vb->thread)) {
		dev_warn(&vdev->dev,
			 "virtio_balloon: cannot start vballoon (%ld): the system workqueue does its work\n",
			 PTR_ERR(vb->thread));
		vb->thread = NULL;
	}

	err = init_vqs(vb);
	if (err)
		goto out_stop_thread;

	vb->nb.notifier_call = virtballoon_oom_notify;
	vb->nb.priority = VIRTBALLOON_OOM_NOTIFY_PRIORITY;
	err = register_oom_notifier(&vb->nb);
	if (err < 0)
		goto out_del_vqs;

	virtio_device_ready(vdev);
	WRITE_ONCE(torture_vb, vb);
	if (towards_target(vb))
		virtballoon_changed(vdev);
	return 0;

out_del_vqs:
	vdev->config->reset(vdev);
	vdev->config->del_vqs(vdev);
out_stop_thread:
	if (vb->thread)
		kthread_stop(vb->thread);
	kfree(vb);
	vdev->priv = NULL;
	return err;
}

/*
 * Give every page back and reset the device.  A broken device cannot be
 * told; after the reset it has forgotten every frame, and the pages are
 * simply freed.
 */
static void remove_common(struct virtio_balloon *vb)
{
	struct page *page;
	LIST_HEAD(pages);

	while (READ_ONCE(vb->num_pages) && !balloon_broken(vb)) {
		if (!leak_balloon(vb, vb->num_pages))
			cond_resched();	/* isolated pages come back */
	}
	update_balloon_size(vb);
	vb->vdev->config->reset(vb->vdev);

	mutex_lock(&vb->balloon_lock);
	while (vb->num_pages) {
		page = balloon_page_dequeue(&vb->vb_dev_info);
		if (!page) {
			/* Isolated: migration gives it back (-EIO) soon. */
			mutex_unlock(&vb->balloon_lock);
			cond_resched();
			mutex_lock(&vb->balloon_lock);
			continue;
		}
		list_add(&page->lru, &pages);
		WRITE_ONCE(vb->num_pages,
			   vb->num_pages - VIRTIO_BALLOON_PAGES_PER_PAGE);
	}
	release_pages_balloon(vb, &pages);
	mutex_unlock(&vb->balloon_lock);
	vb->vdev->config->del_vqs(vb->vdev);
}

static void virtballoon_remove(struct virtio_device *vdev)
{
	struct virtio_balloon *vb = vdev->priv;

	WRITE_ONCE(torture_vb, NULL);
	unregister_oom_notifier(&vb->nb);
	spin_lock_irq(&vb->stop_update_lock);
	WRITE_ONCE(vb->stop_update, true);
	spin_unlock_irq(&vb->stop_update_lock);
	if (vb->thread)
		kthread_stop(vb->thread);
	cancel_work_sync(&vb->update_balloon_work);

	remove_common(vb);
	kfree(vb);
	vdev->priv = NULL;
}

static const unsigned int features[] = {
	VIRTIO_BALLOON_F_MUST_TELL_HOST,
	VIRTIO_BALLOON_F_STATS_VQ,
	VIRTIO_BALLOON_F_DEFLATE_ON_OOM,
};

static const struct virtio_device_id id_table[] = {
	{ VIRTIO_ID_BALLOON, VIRTIO_DEV_ANY_ID },
	{ 0 },
};

static struct virtio_driver virtio_balloon_driver = {
	.feature_table		= features,
	.feature_table_size	= ARRAY_SIZE(features),
	.driver.name		= KBUILD_MODNAME,
	.id_table		= id_table,
	.probe			= virtballoon_probe,
	.remove			= virtballoon_remove,
	.config_changed		= virtballoon_changed,
};

module_virtio_driver(virtio_balloon_driver);
MODULE_DESCRIPTION("Virtio balloon driver");
MODULE_LICENSE("GPL");
