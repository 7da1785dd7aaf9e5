// SPDX-License-Identifier: GPL-2.0
/*
 * samples/movable/movable_sample.c - the smallest real driver of movable pages
 *
 * A driver that owns pages which are not on the LRU, and makes them
 * movable so that compaction can move them.  Copy this pattern.  The
 * rules are in Documentation/vm/page_migration.rst; each of them is
 * pointed out below where the code follows it.
 *
 * Each page holds checkable data (its id, a generation, and bytes derived
 * from them), and the driver knows each page through a small object of
 * its own, so it can find a page to release it even while the VM has it
 * isolated.  Knobs in /sys/kernel/debug/movable_sample/:
 *
 *   pages         read: how many pages the driver holds; write N: grow or
 *                 shrink to N
 *   release       write N: let go of N pages, chosen at random, isolated
 *                 ones included
 *   verify        read: "pages N" and "mismatches M" (every page checked)
 *   stats         read: pages, isolated, migrated, released_isolated
 *   fail_isolate  percent of isolate_page() calls that refuse
 *   fail_migrate  percent of migratepage() calls that return -EAGAIN
 *   movable       1: pages are movable; 0: behave like a driver before the
 *                 series (pages allocated unmovable, never registered).
 *                 Also the boot parameter movable_sample.movable=.
 *
 * Locking: page lock, then sample.lock.  The VM calls the three
 * operations with the page locked; releasing a page takes the page lock
 * first too, so that it cannot race with them.
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/mm.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/migrate.h>
#include <linux/page_kind.h>
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/random.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/umm.h>

#define SAMPLE_MAGIC	0x4d4f5645	/* "MOVE" */

/* The driver's record of one of its pages. */
struct sample_obj {
	struct page *page;	/* changes when the page is migrated */
	u32 id;
	u32 gen;
	struct list_head node;	/* on sample.objs */
};

static struct {
	spinlock_t lock;
	struct list_head objs;		/* every page the driver holds */
	struct list_head avail;		/* pages not isolated, by page->lru */
	unsigned long nr_pages;
	unsigned long nr_isolated;	/* handed to the VM by isolate_page */
	unsigned long migrated;
	unsigned long released_isolated;
	u32 next_id;
	u32 fail_isolate;		/* percent */
	u32 fail_migrate;		/* percent */
	struct rnd_state rnd;
	struct address_space mapping;	/* page->mapping of our pages */
} sample;

static bool movable = true;
module_param(movable, bool, 0644);
MODULE_PARM_DESC(movable, "Pages are movable (0: as before the series)");

/* ---- the page contents ------------------------------------------------- */

struct sample_header {
	u32 magic;
	u32 id;
	u32 gen;
	u32 pad;
};

static void sample_fill(struct page *page, struct sample_obj *obj)
{
	struct sample_header *h = kmap_local_page(page);
	struct rnd_state rnd;

	h->magic = SAMPLE_MAGIC;
	h->id = obj->id;
	h->gen = obj->gen;
	h->pad = 0;
	prandom_seed_state(&rnd, ((u64)obj->id << 32) | obj->gen);
	prandom_bytes_state(&rnd, h + 1, PAGE_SIZE - sizeof(*h));
	kunmap_local(h);
}

static bool sample_check(struct page *page, struct sample_obj *obj)
{
	const struct sample_header *h = kmap_local_page(page);
	const u8 *body = (const u8 *)(h + 1);
	size_t off, len = PAGE_SIZE - sizeof(*h);
	struct rnd_state rnd;
	u8 expect[64];
	bool ok = h->magic == SAMPLE_MAGIC && h->id == obj->id &&
		  h->gen == obj->gen;

	prandom_seed_state(&rnd, ((u64)obj->id << 32) | obj->gen);
	for (off = 0; ok && off < len; off += sizeof(expect)) {
		size_t n = min(len - off, sizeof(expect));

		prandom_bytes_state(&rnd, expect, n);
		ok = !memcmp(body + off, expect, n);
	}
	kunmap_local(h);
	return ok;
}

/* True @pct percent of the time (fault injection). */
static bool sample_fail(u32 pct)
{
	return pct && prandom_u32_state_max(&sample.rnd, 100) < pct;
}

/* ---- the movable page operations --------------------------------------- */

/*
 * isolate_page: the VM (compaction) wants this page.  It is locked and
 * the VM holds a reference.  Take it off our lists and say yes, or say
 * no.  From now on page->lru belongs to the VM.
 */
static bool sample_isolate_page(struct page *page, isolate_mode_t mode)
{
	bool ok = false;

	spin_lock(&sample.lock);
	if (!sample_fail(sample.fail_isolate)) {
		list_del(&page->lru);
		sample.nr_isolated++;
		ok = true;
	}
	spin_unlock(&sample.lock);
	return ok;
}

/*
 * migratepage: move the page's contents and our references to newpage.
 * Both are locked; page is isolated.  Never sleep for long here: the VM
 * holds two page locks.  -EAGAIN means "busy, ask again".
 */
static int sample_migratepage(struct address_space *mapping,
			      struct page *newpage, struct page *page,
			      enum migrate_mode mode)
{
	struct sample_obj *obj = (struct sample_obj *)page_private(page);

	if (mode == MIGRATE_ASYNC) {
		/* Async migration must not wait for our lock. */
		if (!spin_trylock(&sample.lock))
			return -EAGAIN;
	} else {
		spin_lock(&sample.lock);
	}
	if (sample_fail(sample.fail_migrate)) {
		spin_unlock(&sample.lock);
		return -EAGAIN;
	}

	copy_highpage(newpage, page);
	/* Our own reference to the new page; the VM drops its one. */
	get_page(newpage);
	set_page_private(newpage, (unsigned long)obj);
	obj->page = newpage;
	list_add(&newpage->lru, &sample.avail);
	sample.nr_isolated--;
	sample.migrated++;
	/* The new page is ours and movable: register it. */
	__SetPageMovable(newpage, mapping);
	/*
	 * Tell the VM the old page is no longer ours.  This clears the
	 * address_space but keeps the movable tag: the VM finishes the
	 * migration and frees the page when it drops its reference.
	 */
	__ClearPageMovable(page);
	set_page_private(page, 0);
	spin_unlock(&sample.lock);

	/* Our reference to the old page. */
	put_page(page);
	return MIGRATEPAGE_SUCCESS;
}

/* putback_page: migration gave up; the page is ours again (locked). */
static void sample_putback_page(struct page *page)
{
	spin_lock(&sample.lock);
	list_add(&page->lru, &sample.avail);
	sample.nr_isolated--;
	spin_unlock(&sample.lock);
}

static const struct address_space_operations sample_aops = {
	.isolate_page	= sample_isolate_page,
	.migratepage	= sample_migratepage,
	.putback_page	= sample_putback_page,
};

/*
 * The driver's pages in maps, in the counts of migrated pages and in
 * "series off" (<linux/page_kind.h>): registered once, at init.
 */
static const struct page_kind_torture sample_torture;

static struct page_kind sample_kind = {
	.name = "movable_sample",
	.desc = "movable driver",
	.letter = 'd',
	.colour = "#2f9e44",
	.movable = true,
	PAGE_KIND_A_OPS(sample_aops),
	.off = "movable_sample.movable=0",
	.torture = &sample_torture,
};

/* ---- pages coming and going -------------------------------------------- */

static int sample_add_page(void)
{
	bool mov = READ_ONCE(movable);
	struct sample_obj *obj;
	struct page *page;

	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (!obj)
		return -ENOMEM;
	/*
	 * A movable page may come from ZONE_MOVABLE and from movable
	 * pageblocks: __GFP_MOVABLE | __GFP_HIGHMEM.  Before the series a
	 * driver could not promise that.
	 */
	page = alloc_page(mov ? GFP_HIGHUSER_MOVABLE : GFP_HIGHUSER);
	if (!page) {
		kfree(obj);
		return -ENOMEM;
	}
	page_kind_set(page, 0, &sample_kind);

	spin_lock(&sample.lock);
	obj->id = sample.next_id++;
	spin_unlock(&sample.lock);
	obj->gen = umm_seed;
	obj->page = page;
	sample_fill(page, obj);
	set_page_private(page, (unsigned long)obj);

	/*
	 * __SetPageMovable() needs the page lock, and the lock must be held
	 * until the page is on our lists: the moment the page is movable,
	 * compaction may lock it and call isolate_page(), which expects to
	 * find it there.
	 */
	lock_page(page);
	if (mov)
		__SetPageMovable(page, &sample.mapping);
	spin_lock(&sample.lock);
	list_add_tail(&obj->node, &sample.objs);
	list_add(&page->lru, &sample.avail);
	sample.nr_pages++;
	spin_unlock(&sample.lock);
	unlock_page(page);
	return 0;
}

/*
 * Let go of one page.  The page lock keeps the VM's operations out; if
 * the VM isolated the page, it stays on the VM's list (we must not touch
 * page->lru) and the VM finds it released: __ClearPageMovable() is how it
 * will know.
 */
static void sample_release(struct sample_obj *obj)
{
	struct page *page;

	for (;;) {
		spin_lock(&sample.lock);
		page = obj->page;
		get_page(page);
		spin_unlock(&sample.lock);

		lock_page(page);
		spin_lock(&sample.lock);
		if (obj->page == page)
			break;
		/* Migrated while we waited for the lock: release the new one. */
		spin_unlock(&sample.lock);
		unlock_page(page);
		put_page(page);
	}

	list_del(&obj->node);
	if (PageIsolated(page)) {
		sample.nr_isolated--;
		sample.released_isolated++;
	} else {
		list_del(&page->lru);
	}
	sample.nr_pages--;
	if (PageMovable(page))
		__ClearPageMovable(page);
	set_page_private(page, 0);
	spin_unlock(&sample.lock);
	unlock_page(page);

	put_page(page);		/* the reference taken above */
	put_page(page);		/* ours: freed unless the VM still holds it */
	kfree(obj);
}

/* The obj at a random position, or NULL when the driver holds nothing. */
static struct sample_obj *sample_pick(void)
{
	struct sample_obj *obj, *found = NULL;
	unsigned long n;

	spin_lock(&sample.lock);
	if (sample.nr_pages) {
		n = prandom_u32_state_max(&sample.rnd, sample.nr_pages);
		list_for_each_entry(obj, &sample.objs, node)
			if (!n--) {
				found = obj;
				break;
			}
	}
	spin_unlock(&sample.lock);
	return found;
}

/*
 * Only one knob write at a time: two releases must not pick the same
 * object.  The VM's operations do not take this mutex.
 */
static DEFINE_MUTEX(sample_knob_lock);

static int sample_release_some(unsigned long n)
{
	while (n--) {
		struct sample_obj *obj = sample_pick();

		if (!obj)
			return -ENOENT;
		sample_release(obj);
	}
	return 0;
}

/* ---- knobs --------------------------------------------------------------- */

static int pages_get(void *data, u64 *val)
{
	*val = READ_ONCE(sample.nr_pages);
	return 0;
}

/* Undo the last @n sample_add_page() calls: their objs are at the tail. */
static void sample_release_newest(unsigned long n)
{
	struct sample_obj *obj;

	while (n--) {
		spin_lock(&sample.lock);
		obj = list_last_entry(&sample.objs, struct sample_obj, node);
		spin_unlock(&sample.lock);
		sample_release(obj);
	}
}

/*
 * A write that cannot be carried out leaves the driver as it was: when an
 * allocation fails half-way, the pages this write added are given back.
 */
static int pages_set(void *data, u64 val)
{
	unsigned long added = 0;
	int err = 0;

	mutex_lock(&sample_knob_lock);
	while (!err && READ_ONCE(sample.nr_pages) < val) {
		err = sample_add_page();
		if (!err)
			added++;
	}
	if (err)
		sample_release_newest(added);
	else if (READ_ONCE(sample.nr_pages) > val)
		err = sample_release_some(sample.nr_pages - val);
	mutex_unlock(&sample_knob_lock);
	return err;
}
DEFINE_DEBUGFS_ATTRIBUTE(pages_fops, pages_get, pages_set, "%llu\n");

static int release_set(void *data, u64 val)
{
	int err;

	if (val > READ_ONCE(sample.nr_pages))
		return -EINVAL;
	mutex_lock(&sample_knob_lock);
	err = sample_release_some(val);
	mutex_unlock(&sample_knob_lock);
	return err;
}
DEFINE_DEBUGFS_ATTRIBUTE(release_fops, NULL, release_set, "%llu\n");

static int percent_set(u32 *knob, u64 val)
{
	if (val > 100)
		return -EINVAL;
	spin_lock(&sample.lock);
	*knob = val;
	spin_unlock(&sample.lock);
	return 0;
}

static int fail_isolate_get(void *data, u64 *val)
{
	*val = READ_ONCE(sample.fail_isolate);
	return 0;
}

static int fail_isolate_set(void *data, u64 val)
{
	return percent_set(&sample.fail_isolate, val);
}
DEFINE_DEBUGFS_ATTRIBUTE(fail_isolate_fops, fail_isolate_get,
			 fail_isolate_set, "%llu\n");

static int fail_migrate_get(void *data, u64 *val)
{
	*val = READ_ONCE(sample.fail_migrate);
	return 0;
}

static int fail_migrate_set(void *data, u64 val)
{
	return percent_set(&sample.fail_migrate, val);
}
DEFINE_DEBUGFS_ATTRIBUTE(fail_migrate_fops, fail_migrate_get,
			 fail_migrate_set, "%llu\n");

static int movable_get(void *data, u64 *val)
{
	*val = READ_ONCE(movable);
	return 0;
}

static int movable_set(void *data, u64 val)
{
	if (val > 1)
		return -EINVAL;
	WRITE_ONCE(movable, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(movable_fops, movable_get, movable_set, "%llu\n");

static int verify_show(struct seq_file *m, void *v)
{
	unsigned long checked = 0, bad = 0;
	struct sample_obj *obj;

	spin_lock(&sample.lock);
	list_for_each_entry(obj, &sample.objs, node) {
		checked++;
		if (!sample_check(obj->page, obj))
			bad++;
	}
	spin_unlock(&sample.lock);
	seq_printf(m, "pages %lu\nmismatches %lu\n", checked, bad);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(verify);

static int stats_show(struct seq_file *m, void *v)
{
	spin_lock(&sample.lock);
	seq_printf(m, "pages %lu\nisolated %lu\nmigrated %lu\nreleased_isolated %lu\n",
		   sample.nr_pages, sample.nr_isolated, sample.migrated,
		   sample.released_isolated);
	spin_unlock(&sample.lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stats);

/*
 * ---- movetorture --------------------------------------------------------
 *
 * What mm/movetorture.c needs to allocate and free our pages while it
 * migrates them (struct page_kind_torture): the knobs' work, without
 * the knobs.
 */
static int sample_torture_alloc(unsigned long nr, struct rnd_state *rnd)
{
	int err = 0;

	mutex_lock(&sample_knob_lock);
	while (!err && nr--)
		err = sample_add_page();
	mutex_unlock(&sample_knob_lock);
	return err;
}

static void sample_torture_free(unsigned long nr, struct rnd_state *rnd)
{
	mutex_lock(&sample_knob_lock);
	sample_release_some(min(nr, READ_ONCE(sample.nr_pages)));
	mutex_unlock(&sample_knob_lock);
}

static long sample_torture_verify(void)
{
	unsigned long bad = 0;
	struct sample_obj *obj;

	spin_lock(&sample.lock);
	list_for_each_entry(obj, &sample.objs, node)
		if (!sample_check(obj->page, obj))
			bad++;
	spin_unlock(&sample.lock);
	return bad;
}

static void sample_torture_stop(void)
{
	pages_set(NULL, 0);
}

static const struct page_kind_torture sample_torture = {
	.alloc	= sample_torture_alloc,
	.free	= sample_torture_free,
	.verify	= sample_torture_verify,
	.stop	= sample_torture_stop,
};

static int __init movable_sample_init(void)
{
	struct dentry *dir;
	int ret;

	spin_lock_init(&sample.lock);
	INIT_LIST_HEAD(&sample.objs);
	INIT_LIST_HEAD(&sample.avail);
	prandom_seed_state(&sample.rnd, umm_seed ^ SAMPLE_MAGIC);
	/* Our address_space: all the VM needs of it is the operations. */
	sample.mapping.a_ops = &sample_aops;
	ret = page_kind_register(&sample_kind);
	if (ret)
		return ret;

	dir = debugfs_create_dir("movable_sample", NULL);
	debugfs_create_file("pages", 0644, dir, NULL, &pages_fops);
	debugfs_create_file("release", 0200, dir, NULL, &release_fops);
	debugfs_create_file("verify", 0444, dir, NULL, &verify_fops);
	debugfs_create_file("stats", 0444, dir, NULL, &stats_fops);
	debugfs_create_file("fail_isolate", 0644, dir, NULL, &fail_isolate_fops);
	debugfs_create_file("fail_migrate", 0644, dir, NULL, &fail_migrate_fops);
	debugfs_create_file("movable", 0644, dir, NULL, &movable_fops);
	return 0;
}
module_init(movable_sample_init);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("The smallest driver of non-LRU movable pages");
