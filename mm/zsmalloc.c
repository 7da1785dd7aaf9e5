// SPDX-License-Identifier: GPL-2.0
/*
 * mm/zsmalloc.c - an allocator for compressed pages, with page migration
 *
 * zram stores each swapped-out page compressed, in anything from a few
 * bytes to a whole page.  zsmalloc packs such objects densely without
 * ever asking for more than order-0 pages:
 *
 * - A size class serves every object of one rounded size: 32 bytes to
 *   PAGE_SIZE in steps of ZS_SIZE_CLASS_DELTA (16), each object carrying
 *   its handle in a header word.  Classes whose zspages would look the
 *   same (pages per zspage, objects per zspage) are merged into the
 *   larger one.
 * - A zspage is 1 to ZS_MAX_PAGES_PER_ZSPAGE order-0 pages, the count
 *   that wastes least for the class.  Objects are laid end to end across
 *   its pages, so an object may span two pages; free objects are linked
 *   through their first word.
 * - A zspage belongs to one fullness group of its class (empty, almost
 *   empty, almost full, full); new objects go to the fullest zspages and
 *   zs_compact() moves objects out of the emptiest ones.  It runs when
 *   the user asks (zram's compact file) and, as in 4.8, from reclaim:
 *   each pool registers a shrinker whose count is the pages compaction
 *   could free and whose scan compacts every class.
 * - A handle is a word allocated from a slab cache; the word holds the
 *   object's location (pfn and index) and its bit 0 is a bit spinlock,
 *   the pin.  The object's header word holds the handle, tagged with
 *   OBJ_ALLOCATED_TAG, so that whoever scans a page can tell the live
 *   objects and find their handles.  Objects move (compaction, page
 *   migration) by rewriting the handle word: handles never change.
 *
 * Page migration (the non-LRU movable page series, 4.8): zspage pages are
 * registered with __SetPageMovable() on the pool's address_space, whose
 * operations isolate, migrate and put back one page at a time:
 *
 * - zs_page_isolate() takes the zspage off its fullness list (no new
 *   objects go there, compaction leaves it alone) and counts the
 *   isolated pages in the zspage's flags.
 * - zs_page_migrate() takes the zspage's migrate lock for writing,
 *   which waits for mappers and freers of any object of the zspage (they
 *   hold it for reading) and keeps new ones out; it pins every live
 *   object whose header is in the page (and gives up with -EAGAIN if one
 *   is pinned by a mapper), copies the page, points each handle at the
 *   new page, and rebuilds the zspage's page chain around it.  The whole
 *   zspage lock is needed, not only the pins, because an object that
 *   starts in the previous page and ends in this one has its header, and
 *   so its pin, elsewhere.
 * - zs_page_putback() returns the zspage to its fullness list once none
 *   of its pages is isolated.
 *
 * A zspage whose last object is freed while one of its pages is isolated
 * cannot be freed then (the VM holds that page, and its lock): it stays
 * isolated until migration ends, then goes on the empty list and a work
 * item (free_work) frees it, taking every page lock (lock_zspage()).
 *
 * Lock order:
 *	page lock
 *	  zspage->lock (the migrate lock)
 *	    class->lock
 *	      handle pin (only ever taken with trylock under class->lock)
 * zs_map_object() and zs_free() pin the handle first and then take the
 * migrate lock for reading: that is safe because everyone who holds the
 * migrate lock for writing (or class->lock) only trylocks pins.
 * pool->isolated_lock is innermost.
 *
 * zspage->flags (fullness, class, isolated count, magic) is written only
 * under class->lock; the class never changes, so it is read without it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

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
#include <linux/bit_spinlock.h>
#include <linux/percpu.h>
#include <linux/cpuhotplug.h>
#include <linux/workqueue.h>
#include <linux/wait.h>
#include <linux/vmstat.h>
#include <linux/shrinker.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/zsmalloc.h>

#include "zsmalloc.h"

#define ZS_HANDLE_SIZE		(sizeof(unsigned long))

/* A zspage is at most 2^ZS_MAX_ZSPAGE_ORDER order-0 pages. */
#define ZS_MAX_ZSPAGE_ORDER	2
#define ZS_MAX_PAGES_PER_ZSPAGE	(1UL << ZS_MAX_ZSPAGE_ORDER)

/*
 * An object's location is (pfn, index in its zspage), shifted left by
 * OBJ_TAG_BITS: bit 0 of a handle word is the pin, bit 0 of an object's
 * header is OBJ_ALLOCATED_TAG.
 */
#define MAX_PHYSMEM_BITS	48
#define _PFN_BITS		(MAX_PHYSMEM_BITS - PAGE_SHIFT)
#define OBJ_TAG_BITS		1
#define OBJ_ALLOCATED_TAG	1UL
#define HANDLE_PIN_BIT		0
#define OBJ_INDEX_BITS		(BITS_PER_LONG - _PFN_BITS - OBJ_TAG_BITS)
#define OBJ_INDEX_MASK		((1UL << OBJ_INDEX_BITS) - 1)

/* 32, unless the index bits cannot tell that many objects apart. */
#define ZS_OBJ_MIN_BY_INDEX \
	(ZS_MAX_PAGES_PER_ZSPAGE << PAGE_SHIFT >> OBJ_INDEX_BITS)
#define ZS_MIN_ALLOC_SIZE \
	(ZS_OBJ_MIN_BY_INDEX > 32UL ? ZS_OBJ_MIN_BY_INDEX : 32UL)
#define ZS_MAX_ALLOC_SIZE	PAGE_SIZE

#define ZS_SIZE_CLASS_DELTA	(PAGE_SIZE >> CLASS_BITS)
#define ZS_SIZE_CLASSES \
	(DIV_ROUND_UP(ZS_MAX_ALLOC_SIZE - ZS_MIN_ALLOC_SIZE, \
		      ZS_SIZE_CLASS_DELTA) + 1)

/*
 * A zspage is "almost empty" while at most 3/4 of its objects are in
 * use, "almost full" above that.
 */
#define FULLNESS_THRESHOLD_FRAC	4

/* The first four follow enum fullness_group: zspages in each group. */
enum zs_stat_type {
	CLASS_EMPTY,
	CLASS_ALMOST_EMPTY,
	CLASS_ALMOST_FULL,
	CLASS_FULL,
	OBJ_ALLOCATED,
	OBJ_USED,
	NR_ZS_STAT_TYPE,
};

struct size_class {
	spinlock_t lock;
	struct list_head fullness_list[NR_ZS_FULLNESS];
	int size;			/* object size, header included */
	int objs_per_zspage;
	int pages_per_zspage;
	unsigned int index;		/* in pool->size_class[] */
	unsigned long stats[NR_ZS_STAT_TYPE];	/* under ->lock */
};

/*
 * Where an object that spans two pages is copied to be mapped: one
 * buffer per CPU (a CPU here is a task), allocated when it comes online.
 */
struct mapping_area {
	char *vm_buf;
	char *vm_addr;			/* the address handed out */
	enum zs_mapmode vm_mm;
};

struct zs_pool {
	const char *name;
	struct size_class *size_class[ZS_SIZE_CLASSES];
	struct kmem_cache *handle_cachep;
	struct kmem_cache *zspage_cachep;
	atomic_long_t pages_allocated;
	atomic_long_t pages_compacted;
	bool movable;			/* zsmalloc.movable when created */
	/*
	 * page->mapping of our pages.  Linux gives the pool an inode of a
	 * pseudo filesystem for this; all the VM needs is the a_ops and a
	 * way back to the pool (private_data).
	 */
	struct address_space mapping;
	struct work_struct free_work;	/* frees the empty zspages */
	spinlock_t isolated_lock;
	unsigned long isolated_zspages;	/* zspages with isolated pages */
	bool destroying;
	wait_queue_head_t migration_wait;
	struct dentry *stat_dentry;
	/* Compaction under memory pressure (4.8); a pool works without. */
	struct shrinker shrinker;
	bool shrinker_enabled;
};

struct link_free {
	union {
		/* free: index of the next free object, << OBJ_TAG_BITS */
		unsigned long next;
		/* allocated: the handle | OBJ_ALLOCATED_TAG */
		unsigned long handle;
	};
};

/*
 * zsmalloc.movable=0 gives the allocator as it was before the series:
 * zspage pages are allocated without __GFP_MOVABLE and never registered
 * as movable, so compaction has to work around them.
 */
bool zs_movable = true;
module_param_named(movable, zs_movable, bool, 0444);

static const struct address_space_operations zsmalloc_aops;

/* zsmalloc's pages in maps and counts (<linux/page_kind.h>). */
static struct page_kind zsmalloc_kind = {
	.name = "zsmalloc",
	.desc = "zsmalloc (zram)",
	.letter = 'z',
	.colour = "#f08c00",
	.movable = true,
	PAGE_KIND_A_OPS(zsmalloc_aops),
	.off = "zsmalloc.movable=0",
	.torture = &zs_torture,
};
MODULE_PARM_DESC(movable, "zspage pages are movable (0: as before 4.8)");

static DEFINE_PER_CPU(struct mapping_area, zs_map_area);
static size_t huge_class_size;
static struct dentry *zs_stat_root;

/* ---- struct page fields of a zspage page ----------------------------- */

/*
 * page->private	the zspage
 * page->freelist	the next page of the zspage (NULL for the last)
 * page->units		offset of the first object that starts in the page
 * page->index		a huge object's header (see obj_to_head())
 * PG_private		first page; PG_private_2: last page
 * PG_owner_priv_1	the page holds one object of a whole page (huge)
 */
static inline bool PageHugeObject(struct page *page)
{
	return PageOwnerPriv1(page);
}

static inline void SetPageHugeObject(struct page *page)
{
	SetPageOwnerPriv1(page);
}

static inline void ClearPageHugeObject(struct page *page)
{
	ClearPageOwnerPriv1(page);
}

static inline struct zspage *get_zspage(struct page *page)
{
	struct zspage *zspage = (struct zspage *)page_private(page);

	BUG_ON(ZS_FIELD(READ_ONCE(zspage->flags), MAGIC) != ZSPAGE_MAGIC);
	return zspage;
}

static inline struct page *get_first_page(struct zspage *zspage)
{
	return zspage->first_page;
}

static inline struct page *get_next_page(struct page *page)
{
	return PagePrivate2(page) ? NULL : page->freelist;
}

static inline unsigned int get_first_obj_offset(struct page *page)
{
	return READ_ONCE(page->units);
}

/* ->units shares its word with _mapcount, which PFN walkers read. */
static inline void set_first_obj_offset(struct page *page, unsigned int off)
{
	WRITE_ONCE(page->units, off);
}

/* ---- zspage flags (class->lock held to write) --------------------------- */

static inline unsigned int zspage_class(struct zspage *zspage)
{
	return ZS_FIELD(READ_ONCE(zspage->flags), CLASS);
}

static inline enum fullness_group zspage_fullness(struct zspage *zspage)
{
	return ZS_FIELD(READ_ONCE(zspage->flags), FULLNESS);
}

static inline unsigned int zspage_isolated(struct zspage *zspage)
{
	return ZS_FIELD(READ_ONCE(zspage->flags), ISOLATED);
}

static inline bool is_zspage_isolated(struct zspage *zspage)
{
	return zspage_isolated(zspage) != 0;
}

static void set_zspage_flags(struct zspage *zspage, unsigned int class_idx,
			     enum fullness_group fullness,
			     unsigned int isolated)
{
	WRITE_ONCE(zspage->flags, fullness << FULLNESS_SHIFT |
				  class_idx << CLASS_SHIFT |
				  isolated << ISOLATED_SHIFT |
				  ZSPAGE_MAGIC << MAGIC_SHIFT);
}

static void set_zspage_fullness(struct zspage *zspage,
				enum fullness_group fullness)
{
	set_zspage_flags(zspage, zspage_class(zspage), fullness,
			 zspage_isolated(zspage));
}

static void inc_zspage_isolation(struct zspage *zspage)
{
	set_zspage_flags(zspage, zspage_class(zspage), zspage_fullness(zspage),
			 zspage_isolated(zspage) + 1);
}

static void dec_zspage_isolation(struct zspage *zspage)
{
	VM_BUG_ON(!is_zspage_isolated(zspage));
	set_zspage_flags(zspage, zspage_class(zspage), zspage_fullness(zspage),
			 zspage_isolated(zspage) - 1);
}

static inline void zs_stat_inc(struct size_class *class,
			       enum zs_stat_type type, unsigned long cnt)
{
	WRITE_ONCE(class->stats[type], class->stats[type] + cnt);
}

static inline void zs_stat_dec(struct size_class *class,
			       enum zs_stat_type type, unsigned long cnt)
{
	WRITE_ONCE(class->stats[type], class->stats[type] - cnt);
}

static inline unsigned long zs_stat_get(struct size_class *class,
					enum zs_stat_type type)
{
	return READ_ONCE(class->stats[type]);
}

/* ---- locations, handles and headers ------------------------------------ */

static unsigned long location_to_obj(struct page *page, unsigned int obj_idx)
{
	unsigned long obj;

	obj = page_to_pfn(page) << OBJ_INDEX_BITS;
	obj |= obj_idx & OBJ_INDEX_MASK;
	return obj << OBJ_TAG_BITS;
}

static void obj_to_location(unsigned long obj, struct page **page,
			    unsigned int *obj_idx)
{
	obj >>= OBJ_TAG_BITS;
	*page = pfn_to_page(obj >> OBJ_INDEX_BITS);
	*obj_idx = obj & OBJ_INDEX_MASK;
}

/*
 * The handle word is also the pin's lock word: others test-and-set its
 * bit 0 while we hold it, so it is read and written as a whole atomically.
 */
static inline unsigned long handle_to_obj(unsigned long handle)
{
	return READ_ONCE(*(unsigned long *)handle);
}

static inline void record_obj(unsigned long handle, unsigned long obj)
{
	WRITE_ONCE(*(unsigned long *)handle, obj);
}

static inline void pin_tag(unsigned long handle)
{
	bit_spin_lock(HANDLE_PIN_BIT, (unsigned long *)handle);
}

static inline int trypin_tag(unsigned long handle)
{
	return bit_spin_trylock(HANDLE_PIN_BIT, (unsigned long *)handle);
}

static inline void unpin_tag(unsigned long handle)
{
	bit_spin_unlock(HANDLE_PIN_BIT, (unsigned long *)handle);
}

/*
 * The header of the object at @obj in @page: the tagged handle if the
 * object is allocated.  A huge object fills its page, so its header lives
 * in page->index instead.
 */
static unsigned long obj_to_head(struct page *page, void *obj)
{
	if (unlikely(PageHugeObject(page)))
		return page->index;
	return ((struct link_free *)obj)->handle;
}

static unsigned long cache_alloc_handle(struct zs_pool *pool, gfp_t gfp)
{
	return (unsigned long)kmem_cache_alloc(pool->handle_cachep,
				gfp & ~(__GFP_HIGHMEM | __GFP_MOVABLE));
}

static void cache_free_handle(struct zs_pool *pool, unsigned long handle)
{
	kmem_cache_free(pool->handle_cachep, (void *)handle);
}

/* ---- classes and fullness ---------------------------------------------- */

static unsigned int get_size_class_index(size_t size)
{
	unsigned int idx = 0;

	if (likely(size > ZS_MIN_ALLOC_SIZE))
		idx = DIV_ROUND_UP(size - ZS_MIN_ALLOC_SIZE,
				   ZS_SIZE_CLASS_DELTA);
	return min_t(unsigned int, idx, ZS_SIZE_CLASSES - 1);
}

/* The number of pages per zspage that leaves the least unused tail. */
static int get_pages_per_zspage(int class_size)
{
	int i, best = 1, best_used = 0;

	for (i = 1; i <= ZS_MAX_PAGES_PER_ZSPAGE; i++) {
		int zspage_size = i * PAGE_SIZE;
		int used = zspage_size - zspage_size % class_size;
		/* percent used, compared as the kernel does */
		int usedpc = used * 100 / zspage_size;

		if (usedpc > best_used) {
			best_used = usedpc;
			best = i;
		}
	}
	return best;
}

static enum fullness_group get_fullness_group(struct size_class *class,
					      struct zspage *zspage)
{
	unsigned int inuse = zspage->inuse, max = class->objs_per_zspage;

	if (inuse == 0)
		return ZS_EMPTY;
	if (inuse == max)
		return ZS_FULL;
	if (inuse <= 3 * max / FULLNESS_THRESHOLD_FRAC)
		return ZS_ALMOST_EMPTY;
	return ZS_ALMOST_FULL;
}

/*
 * Put @zspage on a fullness list.  Within a list the zspages with more
 * objects in use go first: new objects fill them, and compaction (which
 * takes the first of a list as its source) is left the emptier ones...
 * the order is kept only for the first entry, which is what is used.
 */
static void insert_zspage(struct size_class *class, struct zspage *zspage,
			  enum fullness_group fullness)
{
	struct zspage *head;

	zs_stat_inc(class, (enum zs_stat_type)fullness, 1);
	head = list_first_entry_or_null(&class->fullness_list[fullness],
					struct zspage, list);
	if (head && zspage->inuse < head->inuse)
		list_add(&zspage->list, &head->list);
	else
		list_add(&zspage->list, &class->fullness_list[fullness]);
}

static void remove_zspage(struct size_class *class, struct zspage *zspage,
			  enum fullness_group fullness)
{
	VM_BUG_ON(list_empty(&class->fullness_list[fullness]));
	VM_BUG_ON(is_zspage_isolated(zspage));
	list_del_init(&zspage->list);
	zs_stat_dec(class, (enum zs_stat_type)fullness, 1);
}

/*
 * After objects were allocated or freed: move @zspage to the list of its
 * new fullness group.  An isolated zspage is on no list; only its flags
 * change, and putback finds it a list.
 */
static enum fullness_group fix_fullness_group(struct size_class *class,
					      struct zspage *zspage)
{
	enum fullness_group currfg = zspage_fullness(zspage);
	enum fullness_group newfg = get_fullness_group(class, zspage);

	if (newfg == currfg)
		return newfg;
	if (!is_zspage_isolated(zspage)) {
		remove_zspage(class, zspage, currfg);
		insert_zspage(class, zspage, newfg);
	}
	set_zspage_fullness(zspage, newfg);
	return newfg;
}

static enum fullness_group putback_zspage(struct size_class *class,
					  struct zspage *zspage)
{
	enum fullness_group fullness = get_fullness_group(class, zspage);

	VM_BUG_ON(is_zspage_isolated(zspage));
	insert_zspage(class, zspage, fullness);
	set_zspage_fullness(zspage, fullness);
	return fullness;
}

/* Objects of the class that could be freed by compaction, in pages. */
static unsigned long zs_can_compact(struct size_class *class)
{
	unsigned long obj_allocated = zs_stat_get(class, OBJ_ALLOCATED);
	unsigned long obj_used = zs_stat_get(class, OBJ_USED);
	unsigned long obj_wasted;

	/*
	 * The shrinker's count reads the two without class->lock, so a
	 * zs_malloc() between the reads can make used exceed allocated:
	 * that is nothing to compact, not an underflow.
	 */
	if (obj_allocated <= obj_used)
		return 0;
	obj_wasted = obj_allocated - obj_used;
	obj_wasted /= class->objs_per_zspage;
	return obj_wasted * class->pages_per_zspage;
}

/* ---- the migrate lock ---------------------------------------------------- */

static inline void migrate_read_lock(struct zspage *zspage)
{
	read_lock(&zspage->lock);
}

static inline void migrate_read_unlock(struct zspage *zspage)
{
	read_unlock(&zspage->lock);
}

static inline void migrate_write_lock(struct zspage *zspage)
{
	write_lock(&zspage->lock);
}

static inline void migrate_write_unlock(struct zspage *zspage)
{
	write_unlock(&zspage->lock);
}

/* ---- creating and freeing zspages ---------------------------------------- */

/* Link @pages into @zspage, and mark first, last and huge pages. */
static void create_page_chain(struct size_class *class, struct zspage *zspage,
			      struct page *pages[])
{
	int i, nr_pages = class->pages_per_zspage;
	struct page *page, *prev_page = NULL;

	for (i = 0; i < nr_pages; i++) {
		page = pages[i];
		set_page_private(page, (unsigned long)zspage);
		if (i == 0) {
			zspage->first_page = page;
			SetPagePrivate(page);
			if (class->objs_per_zspage == 1 &&
			    class->pages_per_zspage == 1)
				SetPageHugeObject(page);
		} else {
			prev_page->freelist = page;
		}
		if (i == nr_pages - 1) {
			page->freelist = NULL;
			SetPagePrivate2(page);
		}
		prev_page = page;
	}
}

/* The page of @zspage that holds byte @pos of it. */
static struct page *zspage_page_at(struct zspage *zspage, unsigned long pos)
{
	struct page *page = get_first_page(zspage);
	unsigned long n;

	for (n = pos >> PAGE_SHIFT; n; n--)
		page = get_next_page(page);
	return page;
}

/* Every object free: chain them in order, and note each page's first. */
static void init_zspage(struct size_class *class, struct zspage *zspage)
{
	unsigned int nr_objs = class->objs_per_zspage, i;
	struct page *page = get_first_page(zspage);
	unsigned long pos;

	zspage->inuse = 0;
	zspage->freeobj = 0;
	for (i = 0; page; i++, page = get_next_page(page)) {
		/* The first object that starts in page i. */
		unsigned int first = DIV_ROUND_UP(i * PAGE_SIZE, class->size);

		set_first_obj_offset(page, first * class->size - i * PAGE_SIZE);
		if (PageHugeObject(page))
			page->index = 0;
	}
	for (i = 0; i < nr_objs; i++) {
		struct link_free *link;

		pos = (unsigned long)i * class->size;
		link = kmap_local_page(zspage_page_at(zspage, pos)) +
		       offset_in_page(pos);
		/* The last object's "next" is beyond the last index. */
		link->next = (unsigned long)(i + 1) << OBJ_TAG_BITS;
		kunmap_local(link);
	}
	/*
	 * The scans of a page (migration, compaction) step through it by
	 * the class size up to the page's end, so in the last page they
	 * also read the slot that would follow the last object, in the
	 * unused tail.  The page may hold anything there, such as a header
	 * a previous owner left: mark the slot free.  (It is at most one
	 * slot, the tail being shorter than an object, and at least 16
	 * bytes long.)
	 */
	pos = (unsigned long)nr_objs * class->size;
	if (offset_in_page(pos)) {
		struct link_free *link;

		link = kmap_local_page(zspage_page_at(zspage, pos)) +
		       offset_in_page(pos);
		link->next = -1UL << OBJ_TAG_BITS;
		kunmap_local(link);
	}
}

static struct zspage *alloc_zspage(struct zs_pool *pool,
				   struct size_class *class, gfp_t gfp)
{
	struct page *pages[ZS_MAX_PAGES_PER_ZSPAGE];
	struct zspage *zspage;
	int i;

	zspage = kmem_cache_zalloc(pool->zspage_cachep,
				   gfp & ~(__GFP_HIGHMEM | __GFP_MOVABLE));
	if (!zspage)
		return NULL;
	set_zspage_flags(zspage, class->index, ZS_EMPTY, 0);
	INIT_LIST_HEAD(&zspage->list);
	rwlock_init(&zspage->lock);

	if (!pool->movable)
		gfp &= ~__GFP_MOVABLE;
	/* One page at a time: zsmalloc never asks for a higher order. */
	for (i = 0; i < class->pages_per_zspage; i++) {
		struct page *page = alloc_page(gfp);

		if (!page) {
			while (--i >= 0) {
				dec_zone_page_state(pages[i], NR_ZSPAGES);
				__free_page(pages[i]);
			}
			kmem_cache_free(pool->zspage_cachep, zspage);
			return NULL;
		}
		page_kind_set(page, 0, &zsmalloc_kind);
		inc_zone_page_state(page, NR_ZSPAGES);
		pages[i] = page;
	}
	create_page_chain(class, zspage, pages);
	init_zspage(class, zspage);
	return zspage;
}

/* Register the pages of a new zspage with the VM (class->lock held). */
static void SetZsPageMovable(struct zs_pool *pool, struct zspage *zspage)
{
	struct page *page;

	if (!pool->movable)
		return;
	for (page = get_first_page(zspage); page; page = get_next_page(page)) {
		/* Nobody else knows the page yet: the lock is ours. */
		WARN_ON(!trylock_page(page));
		__SetPageMovable(page, &pool->mapping);
		unlock_page(page);
	}
}

/* Undo what zsmalloc did to a page's fields, before it goes (page locked). */
static void reset_page(struct page *page)
{
	if (__PageMovable(page))
		__ClearPageMovable(page);
	ClearPagePrivate(page);
	ClearPagePrivate2(page);
	ClearPageHugeObject(page);
	set_page_private(page, 0);
	page_mapcount_reset(page);
	page->freelist = NULL;
}

/* Lock every page of @zspage, or none. */
static bool trylock_zspage(struct zspage *zspage)
{
	struct page *cursor, *fail;

	for (cursor = get_first_page(zspage); cursor;
	     cursor = get_next_page(cursor)) {
		if (!trylock_page(cursor)) {
			fail = cursor;
			goto unlock;
		}
	}
	return true;
unlock:
	for (cursor = get_first_page(zspage); cursor != fail;
	     cursor = get_next_page(cursor))
		unlock_page(cursor);
	return false;
}

/*
 * Lock every page of @zspage, sleeping.  A page not locked yet may be
 * migrated away while we wait for it (the zspage's chain then changes),
 * so each page is found and trylocked under the migrate lock, and when
 * that fails we wait, outside the migrate lock, on a page we hold a
 * reference to, and look again.
 */
static void lock_zspage(struct zspage *zspage)
{
	struct page *curr_page, *page;

	for (;;) {
		migrate_read_lock(zspage);
		page = get_first_page(zspage);
		if (trylock_page(page))
			break;
		get_page(page);
		migrate_read_unlock(zspage);
		wait_on_page_locked(page);
		put_page(page);
	}
	curr_page = page;
	while ((page = get_next_page(curr_page))) {
		if (trylock_page(page)) {
			curr_page = page;
			continue;
		}
		get_page(page);
		migrate_read_unlock(zspage);
		wait_on_page_locked(page);
		put_page(page);
		migrate_read_lock(zspage);
	}
	migrate_read_unlock(zspage);
}

/* Free an empty zspage whose pages are all locked (class->lock held). */
static void __free_zspage(struct zs_pool *pool, struct size_class *class,
			  struct zspage *zspage)
{
	struct page *page, *next;

	VM_BUG_ON(zspage_fullness(zspage) != ZS_EMPTY);
	VM_BUG_ON(zspage->inuse);
	for (page = get_first_page(zspage); page; page = next) {
		VM_BUG_ON_PAGE(!PageLocked(page), page);
		next = get_next_page(page);
		reset_page(page);
		unlock_page(page);
		dec_zone_page_state(page, NR_ZSPAGES);
		/* A compactor may still hold a reference: put, not free. */
		put_page(page);
	}
	kmem_cache_free(pool->zspage_cachep, zspage);
	zs_stat_dec(class, OBJ_ALLOCATED, class->objs_per_zspage);
	atomic_long_sub(class->pages_per_zspage, &pool->pages_allocated);
}

/*
 * Free an empty zspage on the empty list (class->lock held).  If one of
 * its pages is locked (the VM is looking at it) the work item does it.
 */
static void free_zspage(struct zs_pool *pool, struct size_class *class,
			struct zspage *zspage)
{
	VM_BUG_ON(zspage->inuse);
	VM_BUG_ON(list_empty(&zspage->list));
	if (!trylock_zspage(zspage)) {
		schedule_work(&pool->free_work);
		return;
	}
	remove_zspage(class, zspage, ZS_EMPTY);
	__free_zspage(pool, class, zspage);
}

static void async_free_zspage(struct work_struct *work)
{
	struct zs_pool *pool = container_of(work, struct zs_pool, free_work);
	struct zspage *zspage, *tmp;
	LIST_HEAD(free_pages);
	int i;

	for (i = 0; i < ZS_SIZE_CLASSES; i++) {
		struct size_class *class = pool->size_class[i];

		if (class->index != i)
			continue;
		spin_lock(&class->lock);
		while ((zspage = list_first_entry_or_null(
				&class->fullness_list[ZS_EMPTY],
				struct zspage, list))) {
			remove_zspage(class, zspage, ZS_EMPTY);
			list_add(&zspage->list, &free_pages);
		}
		spin_unlock(&class->lock);
	}

	list_for_each_entry_safe(zspage, tmp, &free_pages, list) {
		struct size_class *class;

		list_del(&zspage->list);
		lock_zspage(zspage);
		class = pool->size_class[zspage_class(zspage)];
		spin_lock(&class->lock);
		__free_zspage(pool, class, zspage);
		spin_unlock(&class->lock);
	}
}

/* ---- objects ---------------------------------------------------------------- */

/* Take the first free object of @zspage for @handle (class->lock held). */
static unsigned long obj_malloc(struct size_class *class,
				struct zspage *zspage, unsigned long handle)
{
	unsigned int obj_idx = zspage->freeobj;
	unsigned long pos = (unsigned long)obj_idx * class->size;
	struct page *page = zspage_page_at(zspage, pos);
	struct link_free *link;

	link = kmap_local_page(page) + offset_in_page(pos);
	zspage->freeobj = link->next >> OBJ_TAG_BITS;
	if (likely(!PageHugeObject(page)))
		link->handle = handle | OBJ_ALLOCATED_TAG;
	else
		page->index = handle | OBJ_ALLOCATED_TAG;
	kunmap_local(link);
	zspage->inuse++;
	zs_stat_inc(class, OBJ_USED, 1);
	return location_to_obj(page, obj_idx);
}

/* Give the object at @obj back to its zspage's free list (class->lock). */
static void obj_free(struct size_class *class, unsigned long obj)
{
	struct zspage *zspage;
	struct link_free *link;
	unsigned int obj_idx;
	struct page *page;

	obj_to_location(obj, &page, &obj_idx);
	zspage = get_zspage(page);
	link = kmap_local_page(page) +
	       offset_in_page((unsigned long)obj_idx * class->size);
	if (unlikely(PageHugeObject(page)))
		page->index = 0;
	link->next = (unsigned long)zspage->freeobj << OBJ_TAG_BITS;
	kunmap_local(link);
	zspage->freeobj = obj_idx;
	zspage->inuse--;
	zs_stat_dec(class, OBJ_USED, 1);
}

/* A zspage of the class with room, most used first (class->lock held). */
static struct zspage *find_get_zspage(struct size_class *class)
{
	struct zspage *zspage;
	int fg;

	for (fg = ZS_ALMOST_FULL; fg >= ZS_ALMOST_EMPTY; fg--) {
		zspage = list_first_entry_or_null(&class->fullness_list[fg],
						  struct zspage, list);
		if (zspage)
			return zspage;
	}
	return NULL;
}

/**
 * zs_malloc - allocate an object
 * @pool: the pool
 * @size: its size, 1 to PAGE_SIZE bytes
 * @gfp: flags for the pages of a new zspage, and for the handle
 *
 * Return: the handle, or 0 if @size is out of range or memory ran out.
 */
unsigned long zs_malloc(struct zs_pool *pool, size_t size, gfp_t gfp)
{
	struct size_class *class;
	struct zspage *zspage;
	unsigned long handle, obj;

	if (unlikely(!size || size > ZS_MAX_ALLOC_SIZE))
		return 0;
	handle = cache_alloc_handle(pool, gfp);
	if (!handle)
		return 0;
	/* Room for the header, which holds the handle. */
	size += ZS_HANDLE_SIZE;
	class = pool->size_class[get_size_class_index(size)];

	spin_lock(&class->lock);
	zspage = find_get_zspage(class);
	if (likely(zspage)) {
		obj = obj_malloc(class, zspage, handle);
		fix_fullness_group(class, zspage);
		record_obj(handle, obj);
		spin_unlock(&class->lock);
		return handle;
	}
	spin_unlock(&class->lock);

	/* Allocate outside the lock: this may reclaim and compact. */
	zspage = alloc_zspage(pool, class, gfp);
	if (!zspage) {
		cache_free_handle(pool, handle);
		return 0;
	}

	spin_lock(&class->lock);
	obj = obj_malloc(class, zspage, handle);
	putback_zspage(class, zspage);
	record_obj(handle, obj);
	atomic_long_add(class->pages_per_zspage, &pool->pages_allocated);
	zs_stat_inc(class, OBJ_ALLOCATED, class->objs_per_zspage);
	/* Only now is the zspage complete: let the VM at it. */
	SetZsPageMovable(pool, zspage);
	spin_unlock(&class->lock);
	return handle;
}
EXPORT_SYMBOL_GPL(zs_malloc);

/**
 * zs_free - free an object
 * @pool: the pool
 * @handle: its handle (0 is ignored)
 */
void zs_free(struct zs_pool *pool, unsigned long handle)
{
	enum fullness_group fullness;
	struct size_class *class;
	struct zspage *zspage;
	unsigned int obj_idx;
	struct page *page;
	unsigned long obj;
	bool isolated;

	if (unlikely(!handle))
		return;

	/* The object stays where it is until unpin_tag(). */
	pin_tag(handle);
	obj = handle_to_obj(handle);
	obj_to_location(obj, &page, &obj_idx);
	zspage = get_zspage(page);
	migrate_read_lock(zspage);
	class = pool->size_class[zspage_class(zspage)];

	spin_lock(&class->lock);
	obj_free(class, obj);
	fullness = fix_fullness_group(class, zspage);
	isolated = is_zspage_isolated(zspage);
	migrate_read_unlock(zspage);
	/*
	 * An empty zspage with isolated pages is the VM's until migration
	 * ends: putback or migration will queue it for freeing then.
	 */
	if (fullness == ZS_EMPTY && !isolated)
		free_zspage(pool, class, zspage);
	spin_unlock(&class->lock);
	unpin_tag(handle);
	cache_free_handle(pool, handle);
}
EXPORT_SYMBOL_GPL(zs_free);

/* ---- mapping ------------------------------------------------------------------ */

/* Copy a two-page object into the CPU's buffer (unless write-only). */
static void *__zs_map_object(struct mapping_area *area, struct page *pages[2],
			     int off, int size)
{
	int sizes[2] = { PAGE_SIZE - off, size - (PAGE_SIZE - off) };
	char *addr;

	if (area->vm_mm == ZS_MM_WO)
		return area->vm_buf;
	addr = kmap_local_page(pages[0]);
	memcpy(area->vm_buf, addr + off, sizes[0]);
	kunmap_local(addr);
	addr = kmap_local_page(pages[1]);
	memcpy(area->vm_buf + sizes[0], addr, sizes[1]);
	kunmap_local(addr);
	return area->vm_buf;
}

/*
 * Copy the buffer back (unless read-only).  The header stays as it is in
 * the pages: the caller never sees it, and it is zsmalloc's to change.
 */
static void __zs_unmap_object(struct mapping_area *area, struct page *pages[2],
			      int off, int size)
{
	char *buf = area->vm_buf + ZS_HANDLE_SIZE;
	int sizes[2];
	char *addr;

	if (area->vm_mm == ZS_MM_RO)
		return;
	/*
	 * A two-page object is never huge: it has a header, and the header
	 * is in the first page (objects start 16-byte aligned).
	 */
	off += ZS_HANDLE_SIZE;
	size -= ZS_HANDLE_SIZE;
	sizes[0] = PAGE_SIZE - off;
	sizes[1] = size - sizes[0];
	addr = kmap_local_page(pages[0]);
	memcpy(addr + off, buf, sizes[0]);
	kunmap_local(addr);
	addr = kmap_local_page(pages[1]);
	memcpy(addr, buf + sizes[0], sizes[1]);
	kunmap_local(addr);
}

/**
 * zs_map_object - get at an object's bytes
 * @pool: the pool
 * @handle: the object
 * @mm: ZS_MM_RO, ZS_MM_WO or ZS_MM_RW
 *
 * Until zs_unmap_object() the object cannot move, and the caller must not
 * sleep or map another object: a two-page object is mapped through this
 * CPU's buffer.
 *
 * Return: the address of the object's data.
 */
void *zs_map_object(struct zs_pool *pool, unsigned long handle,
		    enum zs_mapmode mm)
	__acquires(&zspage->lock)
{
	struct mapping_area *area;
	struct size_class *class;
	struct zspage *zspage;
	struct page *pages[2];
	unsigned int obj_idx;
	struct page *page;
	unsigned long obj;
	void *ret;
	int off;

	/* Pinned, the object cannot be moved by compaction or migration. */
	pin_tag(handle);
	obj = handle_to_obj(handle);
	obj_to_location(obj, &page, &obj_idx);
	zspage = get_zspage(page);
	/* Nor can the next page, into which the object may reach. */
	migrate_read_lock(zspage);

	class = pool->size_class[zspage_class(zspage)];
	off = offset_in_page((unsigned long)class->size * obj_idx);
	area = this_cpu_ptr(&zs_map_area);
	area->vm_mm = mm;
	if (off + class->size <= PAGE_SIZE) {
		area->vm_addr = kmap_local_page(page);
		ret = area->vm_addr + off;
	} else {
		pages[0] = page;
		pages[1] = get_next_page(page);
		BUG_ON(!pages[1]);
		ret = __zs_map_object(area, pages, off, class->size);
	}
	if (likely(!PageHugeObject(page)))
		ret += ZS_HANDLE_SIZE;
	return ret;
}
EXPORT_SYMBOL_GPL(zs_map_object);

/**
 * zs_unmap_object - done with an object mapped by zs_map_object()
 * @pool: the pool
 * @handle: the object
 */
void zs_unmap_object(struct zs_pool *pool, unsigned long handle)
	__releases(&zspage->lock)
{
	struct mapping_area *area;
	struct size_class *class;
	struct zspage *zspage;
	unsigned int obj_idx;
	struct page *page;
	unsigned long obj;
	int off;

	obj = handle_to_obj(handle);
	obj_to_location(obj, &page, &obj_idx);
	zspage = get_zspage(page);
	class = pool->size_class[zspage_class(zspage)];
	off = offset_in_page((unsigned long)class->size * obj_idx);
	area = this_cpu_ptr(&zs_map_area);
	if (off + class->size <= PAGE_SIZE) {
		kunmap_local(area->vm_addr);
	} else {
		struct page *pages[2] = { page, get_next_page(page) };

		__zs_unmap_object(area, pages, off, class->size);
	}
	migrate_read_unlock(zspage);
	unpin_tag(handle);
}
EXPORT_SYMBOL_GPL(zs_unmap_object);

static int zs_cpu_prepare(unsigned int cpu)
{
	struct mapping_area *area = per_cpu_ptr(&zs_map_area, cpu);

	/*
	 * No retrying: the caller may be creating a task while the OOM
	 * killer waits for another one to exit, which needs CPU hotplug.
	 */
	area->vm_buf = kmalloc(ZS_MAX_ALLOC_SIZE,
			       GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN);
	return area->vm_buf ? 0 : -ENOMEM;
}

static int zs_cpu_dead(unsigned int cpu)
{
	struct mapping_area *area = per_cpu_ptr(&zs_map_area, cpu);

	kfree(area->vm_buf);
	area->vm_buf = NULL;
	return 0;
}

/* ---- compaction ------------------------------------------------------------- */

/* Copy an object's @class->size bytes, either of which may span pages. */
static void zs_object_copy(struct size_class *class, unsigned long dst,
			   unsigned long src)
{
	unsigned int s_idx, d_idx, s_off, d_off, left = class->size;
	struct page *s_page, *d_page;

	obj_to_location(src, &s_page, &s_idx);
	obj_to_location(dst, &d_page, &d_idx);
	s_off = offset_in_page((unsigned long)class->size * s_idx);
	d_off = offset_in_page((unsigned long)class->size * d_idx);
	/* The destination's header is already written: skip it. */
	s_off += ZS_HANDLE_SIZE;
	d_off += ZS_HANDLE_SIZE;
	left -= ZS_HANDLE_SIZE;
	if (s_off >= PAGE_SIZE) {
		s_page = get_next_page(s_page);
		s_off -= PAGE_SIZE;
	}
	if (d_off >= PAGE_SIZE) {
		d_page = get_next_page(d_page);
		d_off -= PAGE_SIZE;
	}
	while (left) {
		unsigned int n = min3(left, (unsigned int)PAGE_SIZE - s_off,
				      (unsigned int)PAGE_SIZE - d_off);
		char *s_addr = kmap_local_page(s_page);
		char *d_addr = kmap_local_page(d_page);

		memcpy(d_addr + d_off, s_addr + s_off, n);
		kunmap_local(d_addr);
		kunmap_local(s_addr);
		left -= n;
		s_off += n;
		d_off += n;
		if (left && s_off == PAGE_SIZE) {
			s_page = get_next_page(s_page);
			s_off = 0;
		}
		if (left && d_off == PAGE_SIZE) {
			d_page = get_next_page(d_page);
			d_off = 0;
		}
	}
}

/*
 * The handle of the first live object that starts in @page at or after
 * index *@obj_idx (counted from the page's first object), pinned; 0 if
 * none can be pinned.  *@obj_idx is where it was found.
 */
static unsigned long find_alloced_obj(struct size_class *class,
				      struct page *page, int *obj_idx)
{
	unsigned int off = get_first_obj_offset(page) + *obj_idx * class->size;
	unsigned long handle = 0;
	char *addr = kmap_local_page(page);

	for (; off < PAGE_SIZE; off += class->size, (*obj_idx)++) {
		unsigned long head = obj_to_head(page, addr + off);

		if (!(head & OBJ_ALLOCATED_TAG))
			continue;
		handle = head & ~OBJ_ALLOCATED_TAG;
		if (trypin_tag(handle))
			break;
		handle = 0;
	}
	kunmap_local(addr);
	return handle;
}

struct zs_compact_control {
	struct page *s_page;		/* where the source scan is */
	struct page *d_page;		/* the destination zspage's first */
	int obj_idx;			/* next object to look at in s_page */
};

static bool zspage_full(struct size_class *class, struct zspage *zspage)
{
	return zspage->inuse == class->objs_per_zspage;
}

/*
 * Move live objects from the source zspage into the destination until
 * one runs out (class->lock held).  Return: -ENOMEM if the destination
 * filled up first.
 */
static int migrate_zspage(struct zs_pool *pool, struct size_class *class,
			  struct zs_compact_control *cc)
{
	struct zspage *d_zspage = get_zspage(cc->d_page);
	struct page *s_page = cc->s_page;
	int obj_idx = cc->obj_idx;
	int ret = 0;

	for (;;) {
		unsigned long handle, used_obj, free_obj;

		handle = find_alloced_obj(class, s_page, &obj_idx);
		if (!handle) {
			s_page = get_next_page(s_page);
			if (!s_page)
				break;
			obj_idx = 0;
			continue;
		}
		if (zspage_full(class, d_zspage)) {
			unpin_tag(handle);
			ret = -ENOMEM;
			break;
		}
		used_obj = handle_to_obj(handle);
		free_obj = obj_malloc(class, d_zspage, handle);
		zs_object_copy(class, free_obj, used_obj);
		obj_idx++;
		/*
		 * Keep the pin bit in the new value: record_obj() rewrites
		 * the whole word, and the pin must last until unpin_tag().
		 */
		record_obj(handle, free_obj | BIT(HANDLE_PIN_BIT));
		unpin_tag(handle);
		obj_free(class, used_obj);
	}
	cc->s_page = s_page;
	cc->obj_idx = obj_idx;
	return ret;
}

/*
 * Take a zspage off its list for compaction: a source is the emptiest
 * kind, a destination the fullest (class->lock held).
 */
static struct zspage *isolate_zspage(struct size_class *class, bool source)
{
	static const enum fullness_group src_fg[] = {
		ZS_ALMOST_EMPTY, ZS_ALMOST_FULL
	};
	static const enum fullness_group dst_fg[] = {
		ZS_ALMOST_FULL, ZS_ALMOST_EMPTY
	};
	const enum fullness_group *fg = source ? src_fg : dst_fg;
	struct zspage *zspage;
	int i;

	for (i = 0; i < 2; i++) {
		zspage = list_first_entry_or_null(&class->fullness_list[fg[i]],
						  struct zspage, list);
		if (zspage) {
			remove_zspage(class, zspage, fg[i]);
			return zspage;
		}
	}
	return NULL;
}

static void __zs_compact(struct zs_pool *pool, struct size_class *class)
{
	struct zspage *src_zspage, *dst_zspage = NULL;
	struct zs_compact_control cc;

	spin_lock(&class->lock);
	while ((src_zspage = isolate_zspage(class, true))) {
		if (!zs_can_compact(class))
			break;
		cc.obj_idx = 0;
		cc.s_page = get_first_page(src_zspage);
		while ((dst_zspage = isolate_zspage(class, false))) {
			cc.d_page = get_first_page(dst_zspage);
			/* The source is empty, or we could not pin the rest. */
			if (!migrate_zspage(pool, class, &cc))
				break;
			putback_zspage(class, dst_zspage);
		}
		/* No destination left with room. */
		if (!dst_zspage)
			break;
		putback_zspage(class, dst_zspage);
		if (putback_zspage(class, src_zspage) == ZS_EMPTY) {
			free_zspage(pool, class, src_zspage);
			atomic_long_add(class->pages_per_zspage,
					&pool->pages_compacted);
		}
		spin_unlock(&class->lock);
		cond_resched();
		spin_lock(&class->lock);
	}
	if (src_zspage)
		putback_zspage(class, src_zspage);
	spin_unlock(&class->lock);
}

/**
 * zs_compact - move objects so that sparse zspages can be freed
 * @pool: the pool
 *
 * Return: the pages freed by compaction since the pool was created.
 */
unsigned long zs_compact(struct zs_pool *pool)
{
	int i;

	for (i = ZS_SIZE_CLASSES - 1; i >= 0; i--) {
		struct size_class *class = pool->size_class[i];

		if (class->index != i)
			continue;
		__zs_compact(pool, class);
	}
	return atomic_long_read(&pool->pages_compacted);
}
EXPORT_SYMBOL_GPL(zs_compact);

/* ---- the shrinker: compaction when memory is short ------------------------ */

/*
 * Compact every class.  Another compaction (zram's compact file) may run
 * at the same time: the pages it frees meanwhile count here as well.
 */
static unsigned long zs_shrinker_scan(struct shrinker *shrinker,
				      struct shrink_control *sc)
{
	struct zs_pool *pool = container_of(shrinker, struct zs_pool, shrinker);
	unsigned long pages_freed = atomic_long_read(&pool->pages_compacted);

	pages_freed = zs_compact(pool) - pages_freed;
	return pages_freed ? pages_freed : SHRINK_STOP;
}

/* The pages that compaction could free now, over every class. */
static unsigned long zs_shrinker_count(struct shrinker *shrinker,
				       struct shrink_control *sc)
{
	struct zs_pool *pool = container_of(shrinker, struct zs_pool, shrinker);
	unsigned long pages_to_free = 0;
	int i;

	for (i = ZS_SIZE_CLASSES - 1; i >= 0; i--) {
		struct size_class *class = pool->size_class[i];

		if (class->index != i)
			continue;
		pages_to_free += zs_can_compact(class);
	}
	return pages_to_free;
}

static int zs_register_shrinker(struct zs_pool *pool)
{
	pool->shrinker.scan_objects = zs_shrinker_scan;
	pool->shrinker.count_objects = zs_shrinker_count;
	pool->shrinker.batch = 0;
	pool->shrinker.seeks = DEFAULT_SEEKS;
	return register_shrinker(&pool->shrinker);
}

static void zs_unregister_shrinker(struct zs_pool *pool)
{
	if (pool->shrinker_enabled) {
		unregister_shrinker(&pool->shrinker);
		pool->shrinker_enabled = false;
	}
}

/* ---- page migration ---------------------------------------------------------- */

static struct zs_pool *page_pool(struct page *page)
{
	return page_mapping(page)->private_data;
}

static void zs_pool_inc_isolated(struct zs_pool *pool)
{
	spin_lock(&pool->isolated_lock);
	pool->isolated_zspages++;
	spin_unlock(&pool->isolated_lock);
}

/*
 * The wake-up happens under isolated_lock, and zs_destroy_pool() takes
 * that lock after its wait: so the pool is not freed under our feet.
 */
static void zs_pool_dec_isolated(struct zs_pool *pool)
{
	spin_lock(&pool->isolated_lock);
	VM_BUG_ON(!pool->isolated_zspages);
	if (!--pool->isolated_zspages && pool->destroying)
		wake_up_all(&pool->migration_wait);
	spin_unlock(&pool->isolated_lock);
}

static bool zs_pool_no_isolated(struct zs_pool *pool)
{
	bool none;

	spin_lock(&pool->isolated_lock);
	none = !pool->isolated_zspages;
	spin_unlock(&pool->isolated_lock);
	return none;
}

static bool zs_page_isolate(struct page *page, isolate_mode_t mode)
{
	struct zs_pool *pool = page_pool(page);
	struct size_class *class;
	struct zspage *zspage;

	VM_BUG_ON_PAGE(!PageMovable(page), page);
	VM_BUG_ON_PAGE(PageIsolated(page), page);

	zspage = get_zspage(page);
	class = pool->size_class[zspage_class(zspage)];

	spin_lock(&class->lock);
	/* Empty: it is on its way to being freed. */
	if (zspage->inuse == 0) {
		spin_unlock(&class->lock);
		return false;
	}
	/* Off every list and not isolated: zs_compact() has it. */
	if (list_empty(&zspage->list) && !is_zspage_isolated(zspage)) {
		spin_unlock(&class->lock);
		return false;
	}
	/*
	 * Its first isolated page: no new objects may go there, and
	 * zs_destroy_pool() must wait for it (counted before the class lock
	 * is dropped, so that no moment shows it isolated and uncounted).
	 */
	if (!is_zspage_isolated(zspage)) {
		remove_zspage(class, zspage, zspage_fullness(zspage));
		zs_pool_inc_isolated(pool);
	}
	inc_zspage_isolation(zspage);
	spin_unlock(&class->lock);
	return true;
}

/*
 * The last isolated page of @zspage is back (class->lock held): return
 * the zspage to its list, and have it freed if it emptied meanwhile (its
 * page locks are held by the VM right now, so not here).
 */
static void putback_zspage_deferred(struct zs_pool *pool,
				    struct size_class *class,
				    struct zspage *zspage)
{
	if (putback_zspage(class, zspage) == ZS_EMPTY)
		schedule_work(&pool->free_work);
}

/*
 * Put @newpage in @oldpage's place in the zspage's chain (migrate lock
 * held for writing, and class->lock).
 */
static void replace_sub_page(struct size_class *class, struct zspage *zspage,
			     struct page *newpage, struct page *oldpage)
{
	struct page *pages[ZS_MAX_PAGES_PER_ZSPAGE] = { NULL, };
	struct page *page;
	int idx = 0;

	for (page = get_first_page(zspage); page; page = get_next_page(page))
		pages[idx++] = page == oldpage ? newpage : page;
	create_page_chain(class, zspage, pages);
	set_first_obj_offset(newpage, get_first_obj_offset(oldpage));
	if (unlikely(PageHugeObject(oldpage)))
		newpage->index = oldpage->index;
	__SetPageMovable(newpage, page_mapping(oldpage));
}

static int zs_page_migrate(struct address_space *mapping,
			   struct page *newpage, struct page *page,
			   enum migrate_mode mode)
{
	unsigned long handles[PAGE_SIZE / 32 + 1];
	struct zs_pool *pool = mapping->private_data;
	struct size_class *class;
	struct zspage *zspage;
	unsigned int nr = 0, i, off;
	bool done_isolated;
	char *s_addr, *d_addr;

	VM_BUG_ON_PAGE(!PageMovable(page), page);
	VM_BUG_ON_PAGE(!PageIsolated(page), page);

	zspage = get_zspage(page);
	/* Mappers and freers of the zspage's objects are out until we end. */
	migrate_write_lock(zspage);
	class = pool->size_class[zspage_class(zspage)];

	spin_lock(&class->lock);
	s_addr = kmap_local_page(page);
	/*
	 * Pin every live object that starts in the page: one pinned by a
	 * mapper means "busy".  An empty zspage has none, and still moves:
	 * refusing would leave the VM retrying it until it gives up.
	 */
	for (off = get_first_obj_offset(page); off < PAGE_SIZE;
	     off += class->size) {
		unsigned long head = obj_to_head(page, s_addr + off);

		if (!(head & OBJ_ALLOCATED_TAG))
			continue;
		if (!trypin_tag(head & ~OBJ_ALLOCATED_TAG))
			goto unpin_objects;
		handles[nr++] = head & ~OBJ_ALLOCATED_TAG;
	}

	d_addr = kmap_local_page(newpage);
	memcpy(d_addr, s_addr, PAGE_SIZE);
	kunmap_local(d_addr);

	/* Each handle now points into newpage, at the same index. */
	for (i = 0; i < nr; i++) {
		unsigned int obj_idx;
		struct page *dummy;

		obj_to_location(handle_to_obj(handles[i]), &dummy, &obj_idx);
		VM_BUG_ON(dummy != page);
		record_obj(handles[i], location_to_obj(newpage, obj_idx) |
				       BIT(HANDLE_PIN_BIT));
	}

	replace_sub_page(class, zspage, newpage, page);
	/* zsmalloc's own reference moves from page to newpage. */
	get_page(newpage);
	/* newpage may be in another zone. */
	dec_zone_page_state(page, NR_ZSPAGES);
	inc_zone_page_state(newpage, NR_ZSPAGES);
	dec_zspage_isolation(zspage);
	done_isolated = !is_zspage_isolated(zspage);
	if (done_isolated)
		putback_zspage_deferred(pool, class, zspage);
	reset_page(page);
	for (i = 0; i < nr; i++)
		unpin_tag(handles[i]);
	kunmap_local(s_addr);
	spin_unlock(&class->lock);
	migrate_write_unlock(zspage);
	/* The VM still holds page: this is not the last reference. */
	put_page(page);
	if (done_isolated)
		zs_pool_dec_isolated(pool);
	return MIGRATEPAGE_SUCCESS;

unpin_objects:
	for (i = 0; i < nr; i++)
		unpin_tag(handles[i]);
	kunmap_local(s_addr);
	spin_unlock(&class->lock);
	migrate_write_unlock(zspage);
	return -EAGAIN;
}

static void zs_page_putback(struct page *page)
{
	struct zs_pool *pool = page_pool(page);
	struct size_class *class;
	struct zspage *zspage;
	bool done_isolated;

	VM_BUG_ON_PAGE(!PageMovable(page), page);
	VM_BUG_ON_PAGE(!PageIsolated(page), page);

	zspage = get_zspage(page);
	class = pool->size_class[zspage_class(zspage)];
	spin_lock(&class->lock);
	dec_zspage_isolation(zspage);
	done_isolated = !is_zspage_isolated(zspage);
	if (done_isolated)
		putback_zspage_deferred(pool, class, zspage);
	spin_unlock(&class->lock);
	if (done_isolated)
		zs_pool_dec_isolated(pool);
}

static const struct address_space_operations zsmalloc_aops = {
	.isolate_page	= zs_page_isolate,
	.migratepage	= zs_page_migrate,
	.putback_page	= zs_page_putback,
};

/* ---- statistics ---------------------------------------------------------------- */

/**
 * zs_get_total_pages - pages the pool holds
 * @pool: the pool
 *
 * Return: the number of pages in the pool's zspages.
 */
unsigned long zs_get_total_pages(struct zs_pool *pool)
{
	return atomic_long_read(&pool->pages_allocated);
}
EXPORT_SYMBOL_GPL(zs_get_total_pages);

/**
 * zs_pool_stats - the pool's counters
 * @pool: the pool
 * @stats: filled in
 */
void zs_pool_stats(struct zs_pool *pool, struct zs_pool_stats *stats)
{
	stats->pages_compacted = atomic_long_read(&pool->pages_compacted);
}
EXPORT_SYMBOL_GPL(zs_pool_stats);

/**
 * zs_huge_class_size - where objects stop sharing pages
 * @pool: the pool (the answer is the same for every pool)
 *
 * Return: the smallest object size that gets a page to itself; zram
 * stores a page that compresses to this size or more uncompressed.
 */
size_t zs_huge_class_size(struct zs_pool *pool)
{
	return huge_class_size;
}
EXPORT_SYMBOL_GPL(zs_huge_class_size);

static int zs_stats_size_show(struct seq_file *s, void *v)
{
	unsigned long total_almost_full = 0, total_almost_empty = 0;
	unsigned long total_objs = 0, total_used = 0, total_pages = 0;
	unsigned long total_freeable = 0;
	struct zs_pool *pool = s->private;
	int i;

	seq_printf(s, " %5s %5s %11s %12s %13s %10s %10s %16s %8s\n",
		   "class", "size", "almost_full", "almost_empty",
		   "obj_allocated", "obj_used", "pages_used",
		   "pages_per_zspage", "freeable");

	for (i = 0; i < ZS_SIZE_CLASSES; i++) {
		struct size_class *class = pool->size_class[i];
		unsigned long almost_full, almost_empty, objs, used, pages;
		unsigned long freeable;

		if (class->index != i)
			continue;
		spin_lock(&class->lock);
		almost_full = zs_stat_get(class, CLASS_ALMOST_FULL);
		almost_empty = zs_stat_get(class, CLASS_ALMOST_EMPTY);
		objs = zs_stat_get(class, OBJ_ALLOCATED);
		used = zs_stat_get(class, OBJ_USED);
		freeable = zs_can_compact(class);
		spin_unlock(&class->lock);

		pages = objs / class->objs_per_zspage * class->pages_per_zspage;
		seq_printf(s, " %5u %5u %11lu %12lu %13lu %10lu %10lu %16d %8lu\n",
			   i, class->size, almost_full, almost_empty, objs,
			   used, pages, class->pages_per_zspage, freeable);

		total_almost_full += almost_full;
		total_almost_empty += almost_empty;
		total_objs += objs;
		total_used += used;
		total_pages += pages;
		total_freeable += freeable;
	}

	seq_puts(s, "\n");
	seq_printf(s, " %5s %5s %11lu %12lu %13lu %10lu %10lu %16s %8lu\n",
		   "Total", "", total_almost_full, total_almost_empty,
		   total_objs, total_used, total_pages, "", total_freeable);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(zs_stats_size);

static void zs_pool_stat_create(struct zs_pool *pool, const char *name)
{
	if (!zs_stat_root) {
		pr_warn("no root stat dir\n");
		return;
	}
	pool->stat_dentry = debugfs_create_dir(name, zs_stat_root);
	debugfs_create_file("classes", 0444, pool->stat_dentry, pool,
			    &zs_stats_size_fops);
}

/* ---- pools ------------------------------------------------------------------- */

/* Classes with the same geometry behave the same: share one. */
static bool can_merge(struct size_class *prev, int pages_per_zspage,
		      int objs_per_zspage)
{
	return prev->pages_per_zspage == pages_per_zspage &&
	       prev->objs_per_zspage == objs_per_zspage;
}

static void zs_destroy_classes(struct zs_pool *pool)
{
	int i, fg;

	for (i = 0; i < ZS_SIZE_CLASSES; i++) {
		struct size_class *class = pool->size_class[i];

		if (!class || class->index != i)
			continue;
		for (fg = ZS_EMPTY; fg < NR_ZS_FULLNESS; fg++)
			if (!list_empty(&class->fullness_list[fg]))
				pr_info("Freeing non-empty class with size %db, fullness group %d\n",
					class->size, fg);
		kfree(class);
	}
}

/**
 * zs_create_pool - create a pool
 * @name: its name, for /sys/kernel/debug/zsmalloc/<name>
 *
 * Return: the pool, or NULL without memory.
 */
struct zs_pool *zs_create_pool(const char *name)
{
	struct size_class *prev_class = NULL;
	struct zs_pool *pool;
	int i;

	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	INIT_WORK(&pool->free_work, async_free_zspage);
	spin_lock_init(&pool->isolated_lock);
	init_waitqueue_head(&pool->migration_wait);
	pool->movable = READ_ONCE(zs_movable);
	pool->mapping.a_ops = &zsmalloc_aops;
	pool->mapping.private_data = pool;

	pool->name = kstrdup(name, GFP_KERNEL);
	if (!pool->name)
		goto err;
	pool->handle_cachep = kmem_cache_create("zs_handle", ZS_HANDLE_SIZE,
						0, 0, NULL);
	pool->zspage_cachep = kmem_cache_create("zspage", sizeof(struct zspage),
						0, 0, NULL);
	if (!pool->handle_cachep || !pool->zspage_cachep)
		goto err;

	/* From the largest class down, so that a class merges upwards. */
	for (i = ZS_SIZE_CLASSES - 1; i >= 0; i--) {
		int size = min_t(int, ZS_MIN_ALLOC_SIZE + i * ZS_SIZE_CLASS_DELTA,
				 ZS_MAX_ALLOC_SIZE);
		int pages_per_zspage = get_pages_per_zspage(size);
		int objs_per_zspage = pages_per_zspage * PAGE_SIZE / size;
		struct size_class *class;
		int fg;

		if (prev_class &&
		    can_merge(prev_class, pages_per_zspage, objs_per_zspage)) {
			pool->size_class[i] = prev_class;
			continue;
		}
		class = kzalloc(sizeof(*class), GFP_KERNEL);
		if (!class)
			goto err;
		class->size = size;
		class->index = i;
		class->pages_per_zspage = pages_per_zspage;
		class->objs_per_zspage = objs_per_zspage;
		spin_lock_init(&class->lock);
		for (fg = ZS_EMPTY; fg < NR_ZS_FULLNESS; fg++)
			INIT_LIST_HEAD(&class->fullness_list[fg]);
		pool->size_class[i] = class;
		prev_class = class;
	}

	zs_pool_stat_create(pool, name);
	/* Without it the pool still works; compaction is then by hand. */
	if (zs_register_shrinker(pool) == 0)
		pool->shrinker_enabled = true;
	return pool;
err:
	zs_destroy_classes(pool);
	kmem_cache_destroy(pool->zspage_cachep);
	kmem_cache_destroy(pool->handle_cachep);
	kfree(pool->name);
	kfree(pool);
	return NULL;
}
EXPORT_SYMBOL_GPL(zs_create_pool);

/**
 * zs_destroy_pool - destroy a pool whose objects have all been freed
 * @pool: the pool
 *
 * Waits for the VM to hand back isolated pages and for the empty zspages
 * to be freed.  Objects still allocated are reported and their pages
 * leaked, as the kernel does.
 */
void zs_destroy_pool(struct zs_pool *pool)
{
	/* First: reclaim must not compact a pool on its way out. */
	zs_unregister_shrinker(pool);
	debugfs_remove_recursive(pool->stat_dentry);

	spin_lock(&pool->isolated_lock);
	pool->destroying = true;
	spin_unlock(&pool->isolated_lock);
	wait_event(pool->migration_wait, zs_pool_no_isolated(pool));
	/* The last waker is out of zs_pool_dec_isolated() once we get this. */
	spin_lock(&pool->isolated_lock);
	spin_unlock(&pool->isolated_lock);

	flush_work(&pool->free_work);
	zs_destroy_classes(pool);
	kmem_cache_destroy(pool->zspage_cachep);
	kmem_cache_destroy(pool->handle_cachep);
	kfree(pool->name);
	kfree(pool);
}
EXPORT_SYMBOL_GPL(zs_destroy_pool);

static void __init init_huge_class_size(void)
{
	int i;

	/* The smallest class whose zspage is one page with one object. */
	for (i = 0; i < ZS_SIZE_CLASSES; i++) {
		int size = min_t(int, ZS_MIN_ALLOC_SIZE + i * ZS_SIZE_CLASS_DELTA,
				 ZS_MAX_ALLOC_SIZE);

		if (get_pages_per_zspage(size) == 1 && PAGE_SIZE / size == 1)
			break;
	}
	/* Sizes above the previous class's land in it, handle included. */
	huge_class_size = ZS_MIN_ALLOC_SIZE + (i - 1) * ZS_SIZE_CLASS_DELTA +
			  1 - ZS_HANDLE_SIZE;
}

static int __init zs_init(void)
{
	int ret;

	ret = cpuhp_setup_state(CPUHP_MM_ZS_PREPARE, "mm/zsmalloc:prepare",
				zs_cpu_prepare, zs_cpu_dead);
	if (ret)
		return ret;
	init_huge_class_size();
	ret = page_kind_register(&zsmalloc_kind);
	if (ret)
		return ret;
	zs_stat_root = debugfs_create_dir("zsmalloc", NULL);
	return 0;
}
module_init(zs_init);

MODULE_LICENSE("Dual BSD/GPL");
MODULE_DESCRIPTION("zsmalloc: an allocator for compressed pages, with page migration");
