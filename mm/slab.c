// SPDX-License-Identifier: GPL-2.0
/*
 * mm/slab.c - a simple slab allocator
 *
 * Objects of one size are carved from slabs: blocks of pages taken from
 * the buddy allocator as unmovable (or, for SLAB_RECLAIM_ACCOUNT caches,
 * reclaimable) allocations, as the kernel's slab allocators take them.
 * That matters here: slab pages are among the unmovable pages that pin
 * pageblocks and fragment memory.
 *
 * Layout follows SLUB's: the free objects of a slab form a list threaded
 * through their first word, headed by page->freelist; page->inuse counts
 * allocated objects; page->slab_cache points back at the cache.  Slabs with
 * free objects sit on the cache's partial list; full slabs are on no list;
 * an empty slab is freed unless it is the only partial one.  A slab's
 * order is chosen for a useful number of objects and falls back to the
 * smallest order that fits one object when memory is fragmented.
 * There are no per-cpu caches: one spinlock per cache.
 *
 * kmalloc() uses caches of sizes 8..8192; bigger requests go straight to
 * the page allocator.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/init.h>
#include "internal.h"

struct kmem_cache {
	spinlock_t lock;
	struct list_head partial;	/* slabs with free objects */
	unsigned long nr_partial;
	unsigned long nr_slabs;
	unsigned long nr_objects;	/* objects in all slabs */
	unsigned long nr_inuse;		/* objects handed out */
	unsigned int size;		/* object size with padding */
	unsigned int object_size;	/* what the user asked for */
	unsigned int align;
	unsigned int order;		/* preferred slab order */
	unsigned int min_order;		/* fallback: one object fits */
	unsigned long flags;
	void (*ctor)(void *obj);
	const char *name;
	struct list_head list;		/* on slab_caches */
};

#define MAX_SLAB_ORDER		3
#define MIN_OBJECTS_PER_SLAB	8

static LIST_HEAD(slab_caches);
static DEFINE_MUTEX(slab_mutex);	/* protects slab_caches */
static struct kmem_cache kmem_cache_boot;	/* the cache of caches */

static const unsigned int kmalloc_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
};
static const char * const kmalloc_names[] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96",
	"kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512",
	"kmalloc-1k", "kmalloc-2k", "kmalloc-4k", "kmalloc-8k",
};
static struct kmem_cache kmalloc_caches[ARRAY_SIZE(kmalloc_sizes)];
static bool slab_ready;

/* The first page of the slab that @page belongs to. */
static struct page *slab_head_page(struct page *page)
{
	unsigned long head = (unsigned long)READ_ONCE(page->lru.next);

	return (head & 1) ? (struct page *)(head - 1) : page;
}

/*
 * page->inuse and page->objects share a word with _mapcount, which the
 * compaction scanner reads without a lock on any page (PageBuddy()): the
 * word is rewritten whole, with WRITE_ONCE().  Only the cache's lock
 * holder writes it, so a read-modify-write needs no atomic operation.
 */
union slab_counters {
	unsigned int counters;
	struct {
		unsigned inuse:16;
		unsigned objects:15;
		unsigned frozen:1;
	};
};

static void slab_set_counters(struct page *page, unsigned int objects,
			      unsigned int inuse)
{
	union slab_counters c = { .counters = 0 };

	c.objects = objects;
	c.inuse = inuse;
	WRITE_ONCE(page->counters, c.counters);
}

static void slab_inuse_add(struct page *page, int delta)
{
	slab_set_counters(page, page->objects, page->inuse + delta);
}

static void *get_freepointer(void *object)
{
	return *(void **)object;
}

static void set_freepointer(void *object, void *fp)
{
	*(void **)object = fp;
}

static unsigned int objects_per_slab(struct kmem_cache *s, unsigned int order)
{
	return (PAGE_SIZE << order) / s->size;
}

static void calculate_sizes(struct kmem_cache *s)
{
	unsigned int order;

	s->size = ALIGN(max_t(unsigned int, s->object_size, sizeof(void *)),
			s->align);
	s->min_order = get_order(s->size);
	for (order = s->min_order; order < MAX_SLAB_ORDER; order++) {
		unsigned int objs = objects_per_slab(s, order);
		unsigned int waste = (PAGE_SIZE << order) - objs * s->size;

		if (objs >= MIN_OBJECTS_PER_SLAB &&
		    waste * 8 <= (PAGE_SIZE << order))
			break;
	}
	s->order = order;
}

static void init_cache(struct kmem_cache *s, const char *name, size_t size,
		       size_t align, unsigned long flags, void (*ctor)(void *))
{
	memset(s, 0, sizeof(*s));
	spin_lock_init(&s->lock);
	INIT_LIST_HEAD(&s->partial);
	s->name = name;
	s->object_size = size;
	s->flags = flags;
	s->ctor = ctor;
	if (flags & SLAB_HWCACHE_ALIGN)
		align = max_t(size_t, align, SMP_CACHE_BYTES);
	s->align = max_t(size_t, align, sizeof(void *));
	calculate_sizes(s);
	mutex_lock(&slab_mutex);
	list_add_tail(&s->list, &slab_caches);
	mutex_unlock(&slab_mutex);
}

static enum node_stat_item slab_stat(struct kmem_cache *s)
{
	return (s->flags & SLAB_RECLAIM_ACCOUNT) ? NR_SLAB_RECLAIMABLE :
						   NR_SLAB_UNRECLAIMABLE;
}

/* A new slab with every object free.  Called without s->lock. */
static struct page *allocate_slab(struct kmem_cache *s, gfp_t flags)
{
	gfp_t gfp = (flags & ~(__GFP_ZERO | __GFP_MOVABLE | __GFP_HIGHMEM)) |
		    ((s->flags & SLAB_RECLAIM_ACCOUNT) ? __GFP_RECLAIMABLE : 0);
	unsigned int order = s->order, i, objs;
	struct page *page = NULL;
	char *start, *p;

	if (order > s->min_order)
		page = alloc_pages(gfp | __GFP_NOWARN | __GFP_NORETRY, order);
	if (!page) {
		order = s->min_order;
		page = alloc_pages(gfp, order);
		if (!page)
			return NULL;
	}
	objs = objects_per_slab(s, order);
	for (i = 0; i < (1U << order); i++) {
		__SetPageSlab(page + i);
		/* Shares a word with ->private, which compaction reads unlocked. */
		WRITE_ONCE(page[i].slab_cache, s);
		/* Tail pages point at the head, with bit 0 set, as compound pages do. */
		if (i)
			page[i].lru.next = (void *)((unsigned long)page | 1);
	}
	slab_set_counters(page, objs, 0);
	start = page_address(page);
	for (i = 0, p = start; i < objs; i++, p += s->size) {
		if (s->ctor)
			s->ctor(p);
		set_freepointer(p, i + 1 < objs ? p + s->size : NULL);
	}
	page->freelist = start;
	__mod_node_page_state(page_pgdat(page), slab_stat(s), 1 << order);
	return page;
}

/*
 * The order of a slab: the smallest that holds its objects (a slab's
 * pages are never more than that, see allocate_slab()).
 */
static unsigned int slab_order(struct kmem_cache *s, struct page *page)
{
	return get_order(page->objects * s->size);
}

static void free_slab(struct kmem_cache *s, struct page *page)
{
	unsigned int order = slab_order(s, page), i;

	__mod_node_page_state(page_pgdat(page), slab_stat(s), -(1 << order));
	for (i = 0; i < (1U << order); i++) {
		__ClearPageSlab(page + i);
		WRITE_ONCE(page[i].slab_cache, NULL);	/* as in allocate_slab() */
		if (i)
			INIT_LIST_HEAD(&page[i].lru);
	}
	page->freelist = NULL;
	page_mapcount_reset(page);	/* inuse/objects shared _mapcount */
	__free_pages(page, order);
}

/**
 * kmem_cache_alloc - allocate an object
 * @s: the cache
 * @flags: gfp flags for a new slab (__GFP_ZERO zeroes the object)
 *
 * Return: the object, or NULL.
 */
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags)
{
	struct page *page;
	void *object;

	spin_lock(&s->lock);
	page = list_first_entry_or_null(&s->partial, struct page, lru);
	if (!page) {
		spin_unlock(&s->lock);
		page = allocate_slab(s, flags);
		if (!page)
			return NULL;
		spin_lock(&s->lock);
		list_add(&page->lru, &s->partial);
		s->nr_partial++;
		s->nr_slabs++;
		s->nr_objects += page->objects;
	}
	object = page->freelist;
	page->freelist = get_freepointer(object);
	slab_inuse_add(page, 1);
	s->nr_inuse++;
	if (!page->freelist) {
		list_del(&page->lru);
		s->nr_partial--;
	}
	spin_unlock(&s->lock);

	if (flags & __GFP_ZERO)
		memset(object, 0, s->object_size);
	return object;
}

/**
 * kmem_cache_free - free an object
 * @s: its cache
 * @x: the object
 */
void kmem_cache_free(struct kmem_cache *s, void *x)
{
	struct page *page = virt_to_page(x);
	bool free_it = false;

	page = slab_head_page(page);
	BUG_ON(!PageSlab(page) || page->slab_cache != s);

	spin_lock(&s->lock);
	BUG_ON(page->inuse == 0);
	if (!page->freelist) {
		list_add(&page->lru, &s->partial);
		s->nr_partial++;
	}
	set_freepointer(x, page->freelist);
	page->freelist = x;
	slab_inuse_add(page, -1);
	s->nr_inuse--;
	if (!page->inuse && s->nr_partial > 1 &&
	    !(s->flags & SLAB_TYPESAFE_BY_RCU)) {
		list_del(&page->lru);
		s->nr_partial--;
		s->nr_slabs--;
		s->nr_objects -= page->objects;
		free_it = true;
	}
	spin_unlock(&s->lock);
	if (free_it)
		free_slab(s, page);
}

/**
 * kmem_cache_create - create a cache of objects of one size
 * @name: for /proc/slabinfo and messages
 * @size: object size
 * @align: required alignment
 * @flags: SLAB_HWCACHE_ALIGN, SLAB_RECLAIM_ACCOUNT, SLAB_PANIC
 * @ctor: constructor run on each object when its slab is made, or NULL
 *
 * Return: the cache, or NULL.
 */
struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned long flags,
				     void (*ctor)(void *))
{
	struct kmem_cache *s;

	if (size > (PAGE_SIZE << (MAX_SLAB_ORDER - 1)))
		s = NULL;
	else
		s = kmem_cache_alloc(&kmem_cache_boot, GFP_KERNEL);
	if (!s) {
		if (flags & SLAB_PANIC)
			panic("%s: failed to create %s", __func__, name);
		return NULL;
	}
	init_cache(s, name, size, align, flags, ctor);
	return s;
}

/**
 * kmem_cache_destroy - free a cache whose objects were all freed
 * @s: the cache (NULL is ignored)
 *
 * Objects still allocated are reported and leaked, with the cache.
 */
void kmem_cache_destroy(struct kmem_cache *s)
{
	struct page *page, *next;

	if (!s)
		return;
	mutex_lock(&slab_mutex);
	list_del(&s->list);
	mutex_unlock(&slab_mutex);
	if (s->nr_inuse) {
		pr_err("%s %s: Slab cache still has objects (%lu)\n",
		       __func__, s->name, s->nr_inuse);
		WARN_ON(1);
		return;
	}
	list_for_each_entry_safe(page, next, &s->partial, lru) {
		list_del(&page->lru);
		free_slab(s, page);
	}
	kmem_cache_free(&kmem_cache_boot, s);
}

static struct kmem_cache *kmalloc_slab(size_t size)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		if (size <= kmalloc_sizes[i])
			return &kmalloc_caches[i];
	return NULL;
}

/*
 * Too big for a cache: whole pages.  The order is kept in page->private so
 * that kfree() and ksize() find it (SLUB uses compound pages for this).
 */
static void *kmalloc_large(size_t size, gfp_t flags)
{
	unsigned int order = get_order(size);
	struct page *page;

	page = alloc_pages(flags & ~(__GFP_MOVABLE | __GFP_HIGHMEM), order);
	if (!page)
		return NULL;
	set_page_private(page, order);
	return page_address(page);
}

/**
 * __kmalloc - allocate memory
 * @size: bytes
 * @flags: gfp flags
 *
 * Return: the memory, ZERO_SIZE_PTR for size 0, or NULL.
 */
void *__kmalloc(size_t size, gfp_t flags)
{
	struct kmem_cache *s;

	BUG_ON(!slab_ready);
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	s = kmalloc_slab(size);
	if (!s)
		return kmalloc_large(size, flags);
	return kmem_cache_alloc(s, flags);
}

/**
 * kfree - free memory from kmalloc()
 * @x: the memory (NULL and ZERO_SIZE_PTR are ignored)
 */
void kfree(const void *x)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(x)))
		return;
	page = slab_head_page(virt_to_page(x));
	if (!PageSlab(page)) {
		unsigned int order = page_private(page);

		set_page_private(page, 0);
		__free_pages(page, order);
		return;
	}
	kmem_cache_free(page->slab_cache, (void *)x);
}

/**
 * ksize - the usable size of an allocation
 * @x: memory from kmalloc()
 *
 * Return: bytes usable at @x.
 */
size_t ksize(const void *x)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(x)))
		return 0;
	page = slab_head_page(virt_to_page(x));
	if (!PageSlab(page))
		return PAGE_SIZE << page_private(page);
	return page->slab_cache->object_size;
}

/**
 * krealloc - resize memory from kmalloc()
 * @p: the memory, or NULL
 * @new_size: the size wanted
 * @flags: gfp flags
 *
 * Return: the memory (maybe moved), or NULL with @p untouched.
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags)
{
	size_t old = ksize(p);
	void *n;

	if (p && new_size <= old && new_size)
		return (void *)p;
	n = kmalloc(new_size, flags);
	if (n && p) {
		memcpy(n, p, min(old, new_size));
		kfree(p);
	}
	return n;
}

/**
 * kmem_cache_shrink - free a cache's empty slabs
 * @s: the cache
 *
 * Return: 0.
 */
int kmem_cache_shrink(struct kmem_cache *s)
{
	struct page *page, *next;
	LIST_HEAD(discard);

	if (s->flags & SLAB_TYPESAFE_BY_RCU)
		return 0;
	spin_lock(&s->lock);
	list_for_each_entry_safe(page, next, &s->partial, lru) {
		if (page->inuse)
			continue;
		list_move(&page->lru, &discard);
		s->nr_partial--;
		s->nr_slabs--;
		s->nr_objects -= page->objects;
	}
	spin_unlock(&s->lock);
	list_for_each_entry_safe(page, next, &discard, lru) {
		list_del(&page->lru);
		free_slab(s, page);
	}
	return 0;
}

/**
 * kmem_cache_shrink_all - free every cache's empty slabs (drop_slab)
 */
void kmem_cache_shrink_all(void)
{
	struct kmem_cache *s;

	mutex_lock(&slab_mutex);
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	mutex_unlock(&slab_mutex);
}

/**
 * slab_total_pages - pages held by all slabs
 *
 * Return: reclaimable plus unreclaimable slab pages.
 */
unsigned long slab_total_pages(void)
{
	return global_node_page_state(NR_SLAB_RECLAIMABLE) +
	       global_node_page_state(NR_SLAB_UNRECLAIMABLE);
}

/**
 * slab_visit_caches - visit every cache (for /proc/slabinfo and leak checks)
 * @fn: called with a summary of each cache
 * @data: passed to @fn
 */
void slab_visit_caches(void (*fn)(const struct slabinfo *info, void *data), void *data)
{
	struct kmem_cache *s;

	mutex_lock(&slab_mutex);
	list_for_each_entry(s, &slab_caches, list) {
		struct slabinfo info;

		spin_lock(&s->lock);
		info = (struct slabinfo) {
			.name = s->name,
			.active_objs = s->nr_inuse,
			.num_objs = s->nr_objects,
			.objsize = s->size,
			.num_slabs = s->nr_slabs,
			.order = s->order,
		};
		spin_unlock(&s->lock);
		fn(&info, data);
	}
	mutex_unlock(&slab_mutex);
}

void __init kmem_cache_init(void)
{
	unsigned int i;

	init_cache(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache),
		   SMP_CACHE_BYTES, 0, NULL);
	for (i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		init_cache(&kmalloc_caches[i], kmalloc_names[i],
			   kmalloc_sizes[i], 8, 0, NULL);
	slab_ready = true;
}
