// SPDX-License-Identifier: GPL-2.0
/*
 * mm/page_alloc.c - the buddy page allocator
 *
 * Free memory is kept in blocks of 2^order pages, order 0..MAX_ORDER-1,
 * on per-order, per-migratetype free lists.  A freed block merges with its
 * buddy (the block it was split from) whenever that is free too.  Order-0
 * pages are cached on per-cpu lists.  Every pageblock (2^pageblock_order
 * pages) carries a migratetype saying what kind of allocation it serves;
 * when a migratetype runs out, the fallback rules below decide what it may
 * take from the others, and so how memory fragments: they follow 4.8.
 *
 * Lock order:
 *   pcpu_drain_mutex (drain_all_pages())
 *     a CPU's per-cpu lists: no lock; only the task holding the CPU
 *     touches them, in atomic context (get_cpu_ptr(), 4.8's
 *     local_irq_save()); other CPUs' lists are drained by running
 *     drain_local_pages() there (on_each_cpu_mask(), as 4.8's IPI)
 *       zone->lock (free lists, pageblock migratetypes of free blocks)
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/memblock.h>
#include <linux/percpu.h>
#include <linux/vmstat.h>
#include <linux/umm.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/highmem.h>
#include <linux/page_kind.h>
#include <linux/page_owner.h>
#include <linux/compaction.h>
#include <linux/swap.h>
#include <linux/oom.h>
#include <linux/mutex.h>
#include <linux/cpuhotplug.h>
#include <linux/moduleparam.h>
#include <linux/init.h>
#include <linux/sysctl.h>
#include <linux/ratelimit.h>
#include <linux/jiffies.h>
#include <linux/cma.h>
#include "internal.h"

struct pglist_data contig_page_data;
struct page *mem_map;
unsigned long max_pfn;
unsigned long totalram_pages;
unsigned long totalreserve_pages;
int page_group_by_mobility_disabled;
gfp_t gfp_allowed_mask = (__force gfp_t)((1U << __GFP_BITS_SHIFT) - 1);

int min_free_kbytes = 1024;
int user_min_free_kbytes = -1;
int watermark_scale_factor = 10;
/* A lower zone keeps 1/32 of a higher zone's pages from its allocations. */
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES - 1] = { 32 };

static bool page_poisoning;

static const char * const zone_names[MAX_NR_ZONES] = {
	"Normal",
	"Movable",
};

const char * const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable",
	"Movable",
	"Reclaimable",
	"HighAtomic",
	"CMA",
	"Isolate",
};

/*
 * Where a migratetype looks when its own lists are empty, in order.
 * MIGRATE_TYPES ends a row.
 */
static const int fallbacks[MIGRATE_TYPES][3] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE,   MIGRATE_TYPES },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE,   MIGRATE_MOVABLE,   MIGRATE_TYPES },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE, MIGRATE_TYPES },
	[MIGRATE_HIGHATOMIC]  = { MIGRATE_TYPES },
	[MIGRATE_CMA]         = { MIGRATE_TYPES },	/* never stolen */
	[MIGRATE_ISOLATE]     = { MIGRATE_TYPES },
};

static int __init early_page_poison_param(char *buf)
{
	bool on;

	if (param_parse_bool(buf, &on)) {
		param_set_reason("expects on or off");
		return -EINVAL;
	}
	page_poisoning = on;
	return 0;
}
early_param("page_poison", early_page_poison_param);

int page_poisoning_enabled(void)
{
	return page_poisoning;
}

/* ---- pageblock flags ------------------------------------------------- */

static unsigned long *get_pageblock_bitmap(struct page *page, unsigned long pfn)
{
	return page_zone(page)->pageblock_flags;
}

static unsigned long pfn_to_bitidx(struct page *page, unsigned long pfn)
{
	pfn -= round_down(page_zone(page)->zone_start_pfn, pageblock_nr_pages);
	return (pfn >> pageblock_order) * NR_PAGEBLOCK_BITS;
}

/**
 * get_pfnblock_flags_mask - read a group of a pageblock's bits
 * @page: a page in the block
 * @pfn: its pfn
 * @end_bitidx: the last bit of the group (PB_migrate_end, PB_migrate_skip)
 * @mask: the group's width as a mask
 *
 * Return: the group's value.
 */
unsigned long get_pfnblock_flags_mask(struct page *page, unsigned long pfn,
				      unsigned long end_bitidx,
				      unsigned long mask)
{
	unsigned long *bitmap = get_pageblock_bitmap(page, pfn);
	unsigned long bitidx = pfn_to_bitidx(page, pfn);
	unsigned long word, shift;

	shift = bitidx % BITS_PER_LONG + end_bitidx + 1 - fls_long(mask);
	word = READ_ONCE(bitmap[bitidx / BITS_PER_LONG]);
	return (word >> shift) & mask;
}

/**
 * set_pfnblock_flags_mask - write a group of a pageblock's bits
 * @page: a page in the block
 * @flags: the new value of the group
 * @pfn: the page's pfn
 * @end_bitidx: the last bit of the group
 * @mask: the group's width as a mask
 *
 * Other blocks share the word, and compaction updates skip bits without
 * the zone lock, hence the cmpxchg loop.
 */
void set_pfnblock_flags_mask(struct page *page, unsigned long flags,
			     unsigned long pfn, unsigned long end_bitidx,
			     unsigned long mask)
{
	unsigned long *bitmap = get_pageblock_bitmap(page, pfn);
	unsigned long bitidx = pfn_to_bitidx(page, pfn);
	unsigned long *word = &bitmap[bitidx / BITS_PER_LONG];
	unsigned long shift, old;

	VM_BUG_ON_PAGE(!zone_spans_pfn(page_zone(page), pfn), page);
	shift = bitidx % BITS_PER_LONG + end_bitidx + 1 - fls_long(mask);
	mask <<= shift;
	flags <<= shift;
	old = READ_ONCE(*word);
	while (!try_cmpxchg(word, &old, (old & ~mask) | flags))
		;
}

unsigned long get_pfnblock_migratetype(struct page *page, unsigned long pfn)
{
	return get_pfnblock_flags_mask(page, pfn, PB_migrate_end,
				       MIGRATETYPE_MASK);
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	if (unlikely(page_group_by_mobility_disabled &&
		     migratetype < MIGRATE_PCPTYPES))
		migratetype = MIGRATE_UNMOVABLE;
	set_pageblock_flags_group(page, (unsigned long)migratetype,
				  PB_migrate, PB_migrate_end);
}

/* The migratetype of a page on a pcp list is kept in page->index. */
static inline int get_pcppage_migratetype(struct page *page)
{
	return page->index;
}

static inline void set_pcppage_migratetype(struct page *page, int migratetype)
{
	page->index = migratetype;
}

static inline bool has_isolate_pageblock(struct zone *zone)
{
	return READ_ONCE(zone->nr_isolate_pageblock) != 0;
}

/* ---- bad pages and poisoning ------------------------------------------ */

/*
 * A driver that frees its pages wrong frees thousands of them: the first
 * reports say it all, the rest would bury them (Linux limits them too).
 */
#define BAD_PAGE_REPORTS	10

static void bad_page(struct page *page, const char *reason)
{
	static atomic_t nr_reports;
	int n = atomic_inc_return(&nr_reports);

	if (n <= BAD_PAGE_REPORTS) {
		pr_alert("BUG: Bad page state: pfn %#lx\n", page_to_pfn(page));
		__dump_page(page, reason);
		dump_stack();
	} else if (n == BAD_PAGE_REPORTS + 1) {
		pr_alert("BUG: Bad page state: further reports suppressed\n");
	}
	add_taint(TAINT_BAD_PAGE);
	/* Leak the page rather than hand out something broken. */
	page_mapcount_reset(page);
}

static const char *page_bad_reason(struct page *page, unsigned long flags)
{
	if (unlikely(atomic_read(&page->_mapcount) != -1))
		return "nonzero mapcount";
	/* Scanners may trylock_page() a page that is being allocated. */
	if (unlikely(READ_ONCE(page->mapping) != NULL))
		return "non-NULL mapping";
	if (unlikely(page_ref_count(page) != 0))
		return "nonzero _refcount";
	if (unlikely(READ_ONCE(page->flags) & flags))
		return flags == PAGE_FLAGS_CHECK_AT_FREE ?
			"PAGE_FLAGS_CHECK_AT_FREE flag(s) set" :
			"PAGE_FLAGS_CHECK_AT_PREP flag(s) set";
	return NULL;
}

/*
 * umm's check of a non-LRU movable page on its way to the free lists:
 * still registered by its driver (the mapping names its address_space)
 * or still isolated, it is freed while someone still has it: a
 * reference the driver did not take, or one it dropped twice.  Linux
 * clears the tag and frees such a page silently, and the driver then
 * uses a page somebody else owns; here the report names the driver, the
 * mistake it most likely made, and the last migration callback.
 */
static bool movable_page_bad_free(struct page *page, char *why, size_t len)
{
	unsigned long mapping = (unsigned long)READ_ONCE(page->mapping);
	struct page_kind *kind;
	enum page_step last;
	const char *hint;

	if ((mapping & PAGE_MAPPING_FLAGS) != PAGE_MAPPING_MOVABLE)
		return false;
	if (mapping == PAGE_MAPPING_MOVABLE && !PageIsolated(page))
		return false;
	/* Only now: the record is a cache miss on every free otherwise. */
	last = page_last_callback(page);
	kind = page_owner_kind(page);
	if (mapping == PAGE_MAPPING_MOVABLE)
		hint = "freed while isolated: a reference dropped twice";
	else if (last == PAGE_STEP_MIGRATEPAGE_NEW)
		hint = "freed still registered movable: no reference of its own to the new page (get_page(newpage) in migratepage?)";
	else
		hint = "freed still registered movable: released without __ClearPageMovable(), or a reference dropped twice";
	snprintf(why, len, "movable page kind '%s': %s; last migration callback: %s",
		 kind ? kind->name : "(unregistered)", hint,
		 page_step_name(last));
	return true;
}

static void poison_page(struct page *page)
{
	memset(page_address(page), PAGE_POISON, PAGE_SIZE);
}

static void check_poison_page(struct page *page)
{
	unsigned char *p = page_address(page);
	void *bad = memchr_inv(p, PAGE_POISON, PAGE_SIZE);

	if (bad) {
		pr_err("pagealloc: memory corruption at pfn %#lx offset %#lx\n",
		       page_to_pfn(page), (unsigned long)((unsigned char *)bad - p));
		__dump_page(page, "written after free");
		add_taint(TAINT_BAD_PAGE);
	}
}

/**
 * free_pages_prepare - checks and clean-up before a block goes back
 * @page: the first page
 * @order: the block's order
 *
 * A page whose mapping still carries type bits (anon, or the movable tag
 * that __ClearPageMovable() leaves behind on purpose) has them cleared
 * here: this is where the tag finally goes away.
 *
 * Every page is checked here and again in prep_new_page(), pcp lists or
 * not.  Since 4.7 a kernel without CONFIG_DEBUG_VM defers both checks
 * of order-0 pages to the moves between the pcp lists and the buddy
 * lists; umm is a CONFIG_DEBUG_VM kernel (<linux/mmdebug.h>), which
 * checks at each free and each allocation, as here.  (Measured: without
 * the checks order-0 alloc+free was no faster beyond the noise.)
 *
 * Return: false if a page was found in a bad state and the block leaked.
 */
bool free_pages_prepare(struct page *page, unsigned int order)
{
	int i, bad = 0;

	for (i = 0; i < (1 << order); i++) {
		struct page *p = page + i;
		const char *reason;
		char why[256];

		/* Before the tag goes: a driver's page freed too early? */
		if (unlikely(movable_page_bad_free(p, why, sizeof(why)))) {
			bad_page(p, why);
			bad++;
			continue;
		}
		/* The migrate scanner reads ->mapping locklessly. */
		if (PageMappingFlags(p))
			WRITE_ONCE(p->mapping, NULL);
		reason = page_bad_reason(p, PAGE_FLAGS_CHECK_AT_FREE);
		if (unlikely(reason)) {
			bad_page(p, reason);
			bad++;
			continue;
		}
		/* Lockless readers (a buddy's zone bits) may look: one store. */
		WRITE_ONCE(p->flags, p->flags & ~PAGE_FLAGS_CHECK_AT_PREP);
		if (page_poisoning)
			poison_page(p);
	}
	page_kind_clear(page, order);
	return !bad;
}

static void check_new_page(struct page *page)
{
	const char *reason = page_bad_reason(page, PAGE_FLAGS_CHECK_AT_PREP);

	if (unlikely(reason))
		bad_page(page, reason);
	if (page_poisoning)
		check_poison_page(page);
}

/**
 * prep_new_page - make a block ready for its new owner
 * @page: the first page
 * @order: the block's order
 * @gfp_flags: the allocation's flags (__GFP_ZERO)
 * @alloc_flags: unused here
 */
void prep_new_page(struct page *page, unsigned int order, gfp_t gfp_flags,
		   unsigned int alloc_flags)
{
	int i;

	for (i = 0; i < (1 << order); i++)
		check_new_page(page + i);
	set_page_private(page, 0);
	page->index = 0;
	set_page_refcounted(page);
	if (gfp_flags & __GFP_ZERO)
		for (i = 0; i < (1 << order); i++)
			clear_highpage(page + i);
}

/* ---- the buddy system ------------------------------------------------ */

static inline void set_page_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

static inline void rmv_page_order(struct page *page)
{
	__ClearPageBuddy(page);
	set_page_private(page, 0);
}

/*
 * Is @buddy the free buddy of @page at @order?  Free, of the same order,
 * in the same zone.  zone->lock held.
 */
static inline bool page_is_buddy(struct page *page, struct page *buddy,
				 unsigned int order)
{
	if (!pfn_valid(page_to_pfn(buddy)))
		return false;
	if (!PageBuddy(buddy) || page_order(buddy) != order)
		return false;
	return page_zone_id(page) == page_zone_id(buddy);
}

/*
 * Free a block onto the zone's lists, merging it with free buddies.
 * zone->lock held.
 *
 * A block of an isolated pageblock is not merged with a block outside it
 * (nor the reverse): isolated pages must stay where isolation put them.
 */
static void __free_one_page(struct page *page, unsigned long pfn,
			    struct zone *zone, unsigned int order,
			    int migratetype)
{
	unsigned long page_idx, buddy_idx, combined_idx;
	unsigned int max_order = MAX_ORDER;
	struct page *buddy = NULL;

	if (unlikely(has_isolate_pageblock(zone)) &&
	    is_migrate_isolate(get_pageblock_migratetype(page)))
		max_order = min_t(unsigned int, MAX_ORDER, pageblock_order + 1);

	VM_BUG_ON(migratetype == -1);
	if (likely(!is_migrate_isolate(migratetype)))
		__mod_zone_freepage_state(zone, 1 << order, migratetype);

	page_idx = pfn & ((1 << MAX_ORDER) - 1);
	VM_BUG_ON_PAGE(page_idx & ((1 << order) - 1), page);
	VM_BUG_ON_PAGE(!zone_spans_pfn(zone, pfn), page);

	/*
	 * The indices are unsigned: a buddy below @page is at a negative
	 * distance, which must be one (an unsigned difference would wrap
	 * the pointer around the address space, undefined behaviour that
	 * clang's UBSan reports).
	 */
	while (order < max_order - 1) {
		buddy_idx = __find_buddy_index(page_idx, order);
		buddy = page + ((long)buddy_idx - (long)page_idx);
		if (!page_is_buddy(page, buddy, order))
			break;
		if (unlikely(has_isolate_pageblock(zone)) &&
		    order >= pageblock_order &&
		    is_migrate_isolate(get_pageblock_migratetype(buddy)) !=
		    is_migrate_isolate(migratetype))
			break;
		list_del(&buddy->lru);
		WRITE_ONCE(zone->free_area[order].nr_free,
			   zone->free_area[order].nr_free - 1);
		rmv_page_order(buddy);
		combined_idx = buddy_idx & page_idx;
		page = page + ((long)combined_idx - (long)page_idx);
		page_idx = combined_idx;
		order++;
	}
	set_page_order(page, order);

	/*
	 * If the buddy of the merged block is free at the next order too,
	 * this block is likely to merge again soon: put it at the tail so
	 * that allocations take other blocks first.
	 */
	if (order < MAX_ORDER - 2) {
		struct page *higher_page, *higher_buddy;

		combined_idx = __find_buddy_index(page_idx, order) & page_idx;
		higher_page = page + ((long)combined_idx - (long)page_idx);
		buddy_idx = __find_buddy_index(combined_idx, order + 1);
		higher_buddy = higher_page + ((long)buddy_idx - (long)combined_idx);
		if (page_is_buddy(higher_page, higher_buddy, order + 1)) {
			list_add_tail(&page->lru,
				&zone->free_area[order].free_list[migratetype]);
			goto out;
		}
	}
	list_add(&page->lru, &zone->free_area[order].free_list[migratetype]);
out:
	WRITE_ONCE(zone->free_area[order].nr_free,
		   zone->free_area[order].nr_free + 1);
}

static void free_one_page(struct zone *zone, struct page *page,
			  unsigned long pfn, unsigned int order,
			  int migratetype)
{
	spin_lock(&zone->lock);
	if (unlikely(has_isolate_pageblock(zone) ||
		     is_migrate_isolate(migratetype)))
		migratetype = get_pfnblock_migratetype(page, pfn);
	__free_one_page(page, pfn, zone, order, migratetype);
	spin_unlock(&zone->lock);
}

/*
 * Give @count pages of a pcp list back to the buddy lists, taking from
 * the migratetype lists in turn, from their cold ends.
 * In atomic context on @pcp's CPU; takes zone->lock.
 */
static void free_pcppages_bulk(struct zone *zone, int count,
			       struct per_cpu_pages *pcp)
{
	int migratetype = 0, batch_free = 0;

	spin_lock(&zone->lock);
	while (count) {
		struct list_head *list;
		struct page *page;

		/* Find a non-empty list, freeing more from emptier rounds. */
		do {
			batch_free++;
			if (++migratetype == MIGRATE_PCPTYPES)
				migratetype = 0;
			list = &pcp->lists[migratetype];
		} while (list_empty(list));

		if (batch_free == MIGRATE_PCPTYPES)
			batch_free = count;

		do {
			int mt;

			page = list_last_entry(list, struct page, lru);
			list_del(&page->lru);
			/* Other CPUs read the count (drain_all_pages()). */
			WRITE_ONCE(pcp->count, pcp->count - 1);
			mt = get_pcppage_migratetype(page);
			if (unlikely(has_isolate_pageblock(zone)))
				mt = get_pageblock_migratetype(page);
			__free_one_page(page, page_to_pfn(page), zone, 0, mt);
		} while (--count && --batch_free && !list_empty(list));
	}
	spin_unlock(&zone->lock);
}

static void __free_pages_ok(struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	if (!free_pages_prepare(page, order))
		return;
	__count_vm_events(PGFREE, 1 << order);
	umm_sampler_tick(1 << order);	/* umm: the report's chart */
	free_one_page(page_zone(page), page, pfn, order,
		      get_pfnblock_migratetype(page, pfn));
}

/**
 * free_hot_cold_page - free an order-0 page to this CPU's lists
 * @page: the page, whose last reference is gone
 * @cold: true to put it where it will be reused last
 */
void free_hot_cold_page(struct page *page, bool cold)
{
	struct zone *zone = page_zone(page);
	unsigned long pfn = page_to_pfn(page);
	struct per_cpu_pages *pcp;
	int migratetype;

	if (!free_pages_prepare(page, 0))
		return;
	migratetype = get_pfnblock_migratetype(page, pfn);
	set_pcppage_migratetype(page, migratetype);
	__count_vm_event(PGFREE);
	umm_sampler_tick(1);	/* umm: the report's chart */

	/*
	 * Only the pcp types have lists.  Isolated pages go straight back
	 * to the buddy lists; highatomic ones join the movable list.
	 */
	if (migratetype >= MIGRATE_PCPTYPES) {
		if (unlikely(is_migrate_isolate(migratetype))) {
			free_one_page(zone, page, pfn, 0, migratetype);
			return;
		}
		migratetype = MIGRATE_MOVABLE;
	}

	/*
	 * This CPU's lists are this task's until put_cpu_ptr(): nobody else
	 * runs here meanwhile, and other CPUs drain them only from this CPU.
	 * No atomic operation on the way.
	 */
	pcp = &get_cpu_ptr(zone->pageset)->pcp;
	if (!cold)
		list_add(&page->lru, &pcp->lists[migratetype]);
	else
		list_add_tail(&page->lru, &pcp->lists[migratetype]);
	WRITE_ONCE(pcp->count, pcp->count + 1);
	if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, READ_ONCE(pcp->batch), pcp);
	put_cpu_ptr(zone->pageset);
}

/**
 * free_hot_cold_page_list - free a list of order-0 pages
 * @list: the pages, linked through page->lru
 * @cold: see free_hot_cold_page()
 */
void free_hot_cold_page_list(struct list_head *list, bool cold)
{
	struct page *page, *next;

	list_for_each_entry_safe(page, next, list, lru) {
		list_del(&page->lru);
		free_hot_cold_page(page, cold);
	}
}

/**
 * __free_pages - drop a reference to a block, freeing it on the last one
 * @page: the first page of the block
 * @order: the block's order, as allocated
 */
void __free_pages(struct page *page, unsigned int order)
{
	if (put_page_testzero(page)) {
		if (order == 0)
			free_hot_cold_page(page, false);
		else
			__free_pages_ok(page, order);
	}
}

/**
 * free_pages - free a block by its kernel address
 * @addr: the address from __get_free_pages() (0 is ignored)
 * @order: the block's order
 */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr != 0) {
		VM_BUG_ON(!virt_addr_valid((void *)addr));
		__free_pages(virt_to_page((void *)addr), order);
	}
}

/**
 * __isolate_free_page - take a free block off the lists for compaction
 * @page: the first page of the free block (zone->lock held)
 * @order: its order
 *
 * Refused when it would take the zone below its low watermark: compaction
 * must not use up the memory that allocations need to succeed.  The free
 * CMA pages count, as the pages moved there are movable (ALLOC_CMA).  A block
 * of at least half a pageblock becomes movable, as it will be filled with
 * movable pages.
 *
 * Return: the number of pages isolated, or 0.
 */
unsigned long __isolate_free_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	int mt = get_pageblock_migratetype(page);

	if (!is_migrate_isolate(mt)) {
		unsigned long watermark = low_wmark_pages(zone) + (1UL << order);

		if (!zone_watermark_ok(zone, 0, watermark, 0, ALLOC_CMA))
			return 0;
		__mod_zone_freepage_state(zone, -(1 << order), mt);
	}
	list_del(&page->lru);
	WRITE_ONCE(zone->free_area[order].nr_free,
		   zone->free_area[order].nr_free - 1);
	rmv_page_order(page);

	if (order >= pageblock_order - 1) {
		struct page *endpage = page + (1UL << order) - 1;

		for (; page < endpage; page += pageblock_nr_pages) {
			int bmt = get_pageblock_migratetype(page);

			if (!is_migrate_isolate(bmt) && !is_migrate_cma(bmt) &&
			    bmt != MIGRATE_HIGHATOMIC)
				set_pageblock_migratetype(page, MIGRATE_MOVABLE);
		}
	}
	return 1UL << order;
}

/**
 * split_page - make a block of 2^order pages into independent pages
 * @page: the first page, with a reference
 * @order: the block's order
 *
 * Every page then has its own reference and is freed on its own.
 */
void split_page(struct page *page, unsigned int order)
{
	unsigned int i;

	for (i = 1; i < (1U << order); i++)
		set_page_refcounted(page + i);
}

/* Boot: a block of RAM that memblock did not keep goes to the buddy lists. */
void __init __free_pages_bootmem(struct page *page, unsigned long pfn,
				 unsigned int order)
{
	unsigned int nr_pages = 1 << order;
	unsigned int i;

	for (i = 0; i < nr_pages; i++) {
		__ClearPageReserved(page + i);
		set_page_count(page + i, 0);
	}
	atomic_long_add(nr_pages, &page_zone(page)->managed_pages);
	totalram_pages += nr_pages;
	set_page_refcounted(page);
	__free_pages(page, order);
}

/* ---- allocation ------------------------------------------------------ */

/*
 * Split a block of order @high into the @low block the caller wants and
 * free buddies of the orders in between, which go to @migratetype's lists.
 */
static inline void expand(struct zone *zone, struct page *page, int low,
			  int high, struct free_area *area, int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		area--;
		high--;
		size >>= 1;
		VM_BUG_ON_PAGE(!zone_spans_pfn(zone, page_to_pfn(&page[size])),
			       &page[size]);
		list_add(&page[size].lru, &area->free_list[migratetype]);
		WRITE_ONCE(area->nr_free, area->nr_free + 1);
		set_page_order(&page[size], high);
	}
}

/* The smallest free block of @migratetype that fits.  zone->lock held. */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				       int migratetype)
{
	unsigned int current_order;
	struct free_area *area;
	struct page *page;

	for (current_order = order; current_order < MAX_ORDER; ++current_order) {
		area = &zone->free_area[current_order];
		page = list_first_entry_or_null(&area->free_list[migratetype],
						struct page, lru);
		if (!page)
			continue;
		list_del(&page->lru);
		rmv_page_order(page);
		WRITE_ONCE(area->nr_free, area->nr_free - 1);
		expand(zone, page, order, current_order, area, migratetype);
		set_pcppage_migratetype(page, migratetype);
		return page;
	}
	return NULL;
}

/*
 * Move the free blocks in [start_page, end_page] to @migratetype's lists.
 * zone->lock held.  Returns the number of pages moved.
 */
static int move_freepages(struct zone *zone, struct page *start_page,
			  struct page *end_page, int migratetype)
{
	struct page *page = start_page;
	int pages_moved = 0;

	while (page <= end_page) {
		unsigned int order;

		if (!PageBuddy(page)) {
			page++;
			continue;
		}
		order = page_order(page);
		list_move(&page->lru,
			  &zone->free_area[order].free_list[migratetype]);
		page += 1 << order;
		pages_moved += 1 << order;
	}
	return pages_moved;
}

/**
 * move_freepages_block - move a pageblock's free pages to another type
 * @zone: the zone, locked
 * @page: a page in the pageblock
 * @migratetype: the new type
 *
 * Return: the number of free pages moved.
 */
int move_freepages_block(struct zone *zone, struct page *page, int migratetype)
{
	unsigned long start_pfn, end_pfn;

	start_pfn = round_down(page_to_pfn(page), pageblock_nr_pages);
	end_pfn = start_pfn + pageblock_nr_pages - 1;
	if (!zone_spans_pfn(zone, start_pfn))
		start_pfn = page_to_pfn(page);
	if (!zone_spans_pfn(zone, end_pfn))
		return 0;
	return move_freepages(zone, pfn_to_page(start_pfn),
			      pfn_to_page(end_pfn), migratetype);
}

static void change_pageblock_range(struct page *pageblock_page,
				   int start_order, int migratetype)
{
	int nr_pageblocks = 1 << (start_order - pageblock_order);

	while (nr_pageblocks--) {
		set_pageblock_migratetype(pageblock_page, migratetype);
		pageblock_page += pageblock_nr_pages;
	}
}

/*
 * May an allocation of @start_mt that found a free block of @order in
 * another type's lists take the rest of that pageblock's free pages?
 *
 * A large block is taken whole.  Unmovable and reclaimable allocations
 * always steal: scattering them over many pageblocks is what fragments
 * memory for good, so they had better gather in blocks of their own.  A
 * movable allocation takes only the pages it needs unless the block is
 * at least half a pageblock.
 */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	if (order >= pageblock_order / 2 ||
	    start_mt == MIGRATE_RECLAIMABLE ||
	    start_mt == MIGRATE_UNMOVABLE ||
	    page_group_by_mobility_disabled)
		return true;
	return false;
}

/*
 * Take the free pages of @page's pageblock for @start_type, and the
 * pageblock itself when at least half of it was free: the block is then
 * mostly ours, so further allocations of our type should land there.
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    int start_type)
{
	unsigned int current_order = page_order(page);
	int pages;

	if (current_order >= pageblock_order) {
		change_pageblock_range(page, current_order, start_type);
		return;
	}
	pages = move_freepages_block(zone, page, start_type);
	if (pages >= (1 << (pageblock_order - 1)) ||
	    page_group_by_mobility_disabled)
		set_pageblock_migratetype(page, start_type);
}

/**
 * find_suitable_fallback - the first fallback type with a free block
 * @area: the free area of one order
 * @order: that order
 * @migratetype: the type the allocation wants
 * @only_stealable: return only a type whose pageblock could be stolen
 * @can_steal: set if the rest of the block's pageblock may be taken
 *
 * Return: the migratetype, or -1.
 */
int find_suitable_fallback(struct free_area *area, unsigned int order,
			   int migratetype, bool only_stealable, bool *can_steal)
{
	int i, fallback_mt;

	*can_steal = false;
	if (READ_ONCE(area->nr_free) == 0)
		return -1;
	for (i = 0;; i++) {
		fallback_mt = fallbacks[migratetype][i];
		if (fallback_mt == MIGRATE_TYPES)
			break;
		if (list_empty(&area->free_list[fallback_mt]))
			continue;
		*can_steal = can_steal_fallback(order, migratetype);
		if (!only_stealable || *can_steal)
			return fallback_mt;
	}
	return -1;
}

/*
 * @start_migratetype's lists are empty: take a block from another type,
 * the largest there is (so the pageblock it comes from is worth claiming).
 * zone->lock held.
 */
static struct page *__rmqueue_fallback(struct zone *zone, unsigned int order,
				       int start_migratetype)
{
	struct free_area *area;
	int current_order;
	struct page *page;
	int fallback_mt;
	bool can_steal;

	for (current_order = MAX_ORDER - 1; current_order >= (int)order;
	     --current_order) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, current_order,
						     start_migratetype, false,
						     &can_steal);
		if (fallback_mt == -1)
			continue;

		page = list_first_entry(&area->free_list[fallback_mt],
					struct page, lru);
		if (can_steal)
			steal_suitable_fallback(zone, page, start_migratetype);

		list_del(&page->lru);
		WRITE_ONCE(area->nr_free, area->nr_free - 1);
		rmv_page_order(page);
		expand(zone, page, order, current_order, area,
		       start_migratetype);
		set_pcppage_migratetype(page, start_migratetype);
		return page;
	}
	return NULL;
}

/*
 * Take a block of @order for @migratetype.  zone->lock held.
 *
 * A movable allocation that finds its own lists empty takes from the CMA
 * pageblocks before it steals from another type: what it puts there can
 * be migrated away when the area's owner needs it (4.8's order).
 */
static struct page *__rmqueue(struct zone *zone, unsigned int order,
			      int migratetype)
{
	struct page *page;

	page = __rmqueue_smallest(zone, order, migratetype);
	if (unlikely(!page)) {
		if (migratetype == MIGRATE_MOVABLE)
			page = __rmqueue_smallest(zone, order, MIGRATE_CMA);
		if (!page)
			page = __rmqueue_fallback(zone, order, migratetype);
	}
	return page;
}

/*
 * Move up to @count order-0 pages to a pcp list, in physical order where
 * possible.  In atomic context on the list's CPU; takes zone->lock.
 * Returns pages moved.
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order,
			unsigned long count, struct list_head *list,
			int migratetype, bool cold)
{
	unsigned long i;

	spin_lock(&zone->lock);
	for (i = 0; i < count; ++i) {
		struct page *page = __rmqueue(zone, order, migratetype);

		if (unlikely(!page))
			break;
		if (is_migrate_cma(get_pcppage_migratetype(page)))
			__mod_zone_page_state(zone, NR_FREE_CMA_PAGES,
					      -(1L << order));
		if (likely(!cold))
			list_add(&page->lru, list);
		else
			list_add_tail(&page->lru, list);
		list = &page->lru;
	}
	__mod_zone_page_state(zone, NR_FREE_PAGES, -(long)(i << order));
	spin_unlock(&zone->lock);
	return i;
}

static struct page *buffered_rmqueue(struct zone *zone, unsigned int order,
				     gfp_t gfp_flags, int migratetype)
{
	bool cold = (gfp_flags & __GFP_COLD) != 0;
	struct page *page;

	if (likely(order == 0)) {
		/* As in free_hot_cold_page(): no lock, no atomics. */
		struct per_cpu_pages *pcp = &get_cpu_ptr(zone->pageset)->pcp;
		struct list_head *list = &pcp->lists[migratetype];

		if (list_empty(list)) {
			WRITE_ONCE(pcp->count, pcp->count +
				   rmqueue_bulk(zone, 0, READ_ONCE(pcp->batch),
						list, migratetype, cold));
			if (unlikely(list_empty(list))) {
				put_cpu_ptr(zone->pageset);
				return NULL;
			}
		}
		if (cold)
			page = list_last_entry(list, struct page, lru);
		else
			page = list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		WRITE_ONCE(pcp->count, pcp->count - 1);
		put_cpu_ptr(zone->pageset);
	} else {
		spin_lock(&zone->lock);
		page = __rmqueue(zone, order, migratetype);
		if (page)
			__mod_zone_freepage_state(zone, -(1 << order),
						  get_pcppage_migratetype(page));
		spin_unlock(&zone->lock);
		if (!page)
			return NULL;
	}
	__count_zid_vm_events(PGALLOC, page_zonenum(page), 1 << order);
	umm_sampler_tick(1 << order);	/* umm: the report's chart */
	return page;
}

/**
 * __zone_watermark_ok - may an allocation of @order proceed in @z?
 * @z: the zone
 * @order: the allocation's order
 * @mark: the watermark to keep (pages)
 * @classzone_idx: the zone the allocation asked for (lowmem_reserve)
 * @alloc_flags: ALLOC_HIGH and ALLOC_HARDER lower the mark; without
 *	ALLOC_CMA the free pages of CMA pageblocks do not count
 * @free_pages: the zone's free pages
 *
 * After the allocation, more than @mark pages (plus the reserve kept for
 * higher zones) must remain free, and for order > 0 a free block of at
 * least @order must exist on the lists of a type the allocation can use.
 *
 * Return: true if the allocation may go ahead.
 */
bool __zone_watermark_ok(struct zone *z, unsigned int order,
			 unsigned long mark, int classzone_idx,
			 unsigned int alloc_flags, long free_pages)
{
	long min = mark;
	unsigned int o;
	int mt;

	free_pages -= (1 << order) - 1;
	if (!(alloc_flags & ALLOC_CMA))
		free_pages -= zone_page_state(z, NR_FREE_CMA_PAGES);
	if (alloc_flags & ALLOC_HIGH)
		min -= min / 2;
	if (alloc_flags & ALLOC_HARDER)
		min -= min / 4;
	/* Changed by lowmem_reserve_ratio writes: as the watermarks. */
	if (free_pages <= min + READ_ONCE(z->lowmem_reserve[classzone_idx]))
		return false;
	if (!order)
		return true;

	for (o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];

		if (!READ_ONCE(area->nr_free))
			continue;
		if (alloc_flags & ALLOC_HARDER)
			return true;
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!list_empty(&area->free_list[mt]))
				return true;
		if ((alloc_flags & ALLOC_CMA) &&
		    !list_empty(&area->free_list[MIGRATE_CMA]))
			return true;
	}
	return false;
}

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int classzone_idx, unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, classzone_idx, alloc_flags,
				   zone_page_state(z, NR_FREE_PAGES));
}

bool zone_watermark_ok_safe(struct zone *z, unsigned int order,
			    unsigned long mark, int classzone_idx)
{
	return zone_watermark_ok(z, order, mark, classzone_idx, 0);
}

/*
 * Walk the zones the gfp mask allows, highest first (Movable before
 * Normal), and take a block from the first one above its watermark.
 */
static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
					   unsigned int alloc_flags,
					   const struct alloc_context *ac)
{
	int idx;

	for (idx = ac->high_zoneidx; idx >= 0; idx--) {
		struct zone *zone = &NODE_DATA(0)->node_zones[idx];
		struct page *page;

		if (!managed_zone(zone))
			continue;
		if (!(alloc_flags & ALLOC_NO_WATERMARKS)) {
			unsigned long mark =
				wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);

			if (!zone_watermark_ok(zone, order, mark,
					       ac->classzone_idx, alloc_flags))
				continue;
		}
		page = buffered_rmqueue(zone, order, gfp_mask, ac->migratetype);
		if (page) {
			prep_new_page(page, order, gfp_mask, alloc_flags);
			return page;
		}
	}
	return NULL;
}

static void warn_alloc_failed(gfp_t gfp_mask, unsigned int order)
{
	static DEFINE_RATELIMIT_STATE(nopage_rs, 10 * HZ, 10);
	gfp_t mask = gfp_mask;

	if ((gfp_mask & __GFP_NOWARN) || !__ratelimit(&nopage_rs))
		return;
	pr_warn("%s: page allocation failure: order:%u, mode:%#x(%pGg)\n",
		current->comm, order, (__force unsigned int)gfp_mask, &mask);
	dump_stack();
	show_free_areas();
}

static inline unsigned int gfp_to_alloc_flags(gfp_t gfp_mask)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	if (gfp_mask & __GFP_HIGH)
		alloc_flags |= ALLOC_HIGH;
	if ((gfp_mask & __GFP_ATOMIC) && !(gfp_mask & __GFP_NOMEMALLOC))
		alloc_flags |= ALLOC_HARDER;
	if (gfpflags_to_migratetype(gfp_mask) == MIGRATE_MOVABLE)
		alloc_flags |= ALLOC_CMA;
	return alloc_flags;
}

/* Reclaim itself must be able to allocate: it may dip below the minimum. */
static bool gfp_pfmemalloc_allowed(gfp_t gfp_mask)
{
	if (unlikely(gfp_mask & __GFP_NOMEMALLOC))
		return false;
	if (gfp_mask & __GFP_MEMALLOC)
		return true;
	return (current->flags & PF_MEMALLOC) != 0;
}

/*
 * Direct compaction, then a retry.  <linux/compaction.h> decides what
 * compaction can do in this build.
 */
static struct page *__alloc_pages_direct_compact(gfp_t gfp_mask,
		unsigned int order, unsigned int alloc_flags,
		const struct alloc_context *ac, enum compact_priority prio,
		enum compact_result *compact_result)
{
	unsigned int noreclaim_flag = current->flags & PF_MEMALLOC;
	struct page *page;

	if (!order)
		return NULL;
	current->flags |= PF_MEMALLOC;
	*compact_result = try_to_compact_pages(gfp_mask, order, alloc_flags,
					       ac, prio);
	current->flags = (current->flags & ~PF_MEMALLOC) | noreclaim_flag;
	if (*compact_result <= COMPACT_INACTIVE)
		return NULL;

	/* Compaction ran in at least one zone: that is a stall. */
	count_vm_event(COMPACTSTALL);
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page) {
		struct zone *zone = page_zone(page);

		WRITE_ONCE(zone->compact_blockskip_flush, false);
		compaction_defer_reset(zone, order, true);
		count_vm_event(COMPACTSUCCESS);
		return page;
	}
	/* Compaction ran and the allocation still failed. */
	count_vm_event(COMPACTFAIL);
	return NULL;
}

#define MAX_COMPACT_RETRIES	16

/*
 * Is another round of reclaim worth it?  Only if, counting what could be
 * reclaimed as free, some zone would be above its min watermark for the
 * order; and not after MAX_RECLAIM_RETRIES rounds without progress.  A
 * round that freed nothing is retried too, as in 4.8: the pages it found
 * may have been locked, isolated by compaction or just referenced, which
 * passes; the OOM killer is for when MAX_RECLAIM_RETRIES rounds in a row
 * got nowhere.
 */
static bool should_reclaim_retry(gfp_t gfp_mask, unsigned int order,
				 struct alloc_context *ac, int alloc_flags,
				 bool did_some_progress, int *no_progress_loops)
{
	int idx;

	if (did_some_progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;
	if (*no_progress_loops > MAX_RECLAIM_RETRIES)
		return false;

	for (idx = ac->high_zoneidx; idx >= 0; idx--) {
		struct zone *zone = &NODE_DATA(0)->node_zones[idx];
		unsigned long available;

		if (!managed_zone(zone))
			continue;
		available = zone_reclaimable_pages(zone) +
			    zone_page_state(zone, NR_FREE_PAGES);
		if (__zone_watermark_ok(zone, order, min_wmark_pages(zone),
					ac->classzone_idx, alloc_flags, available))
			return true;
	}
	return false;
}

/*
 * Is another round of compaction worth it?  After real progress, up to
 * MAX_COMPACT_RETRIES times (a quarter of that for costly orders); after a
 * complete failure, only at a higher priority, until the highest one.
 * (4.9 also raised the priority once the retries ran out, and counted
 * them again from zero; 4.8 gives up then.)
 */
static bool should_compact_retry(struct alloc_context *ac, int order,
				 int alloc_flags,
				 enum compact_result compact_result,
				 enum compact_priority *compact_priority,
				 int *compaction_retries)
{
	int max_retries = MAX_COMPACT_RETRIES;

	if (!order)
		return false;
	if (compaction_made_progress(compact_result))
		(*compaction_retries)++;
	if (compaction_failed(compact_result)) {
		if (*compact_priority > MIN_COMPACT_PRIORITY) {
			(*compact_priority)--;
			return true;
		}
		return false;
	}
	if (compaction_withdrawn(compact_result))
		return compaction_zonelist_suitable(ac, order, alloc_flags);
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		max_retries /= 4;
	return *compaction_retries <= max_retries;
}

/*
 * A failing allocation wakes the node's kswapd, which reclaims until the
 * node is balanced and then wakes kcompactd for a high-order request.
 */
static void wake_all_kswapds(unsigned int order, gfp_t gfp_mask,
			     const struct alloc_context *ac)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	int z;

	/*
	 * Linux walks the zonelist and wakes the node's kswapd from the
	 * first eligible zone it meets: the highest managed one, not
	 * high_zoneidx itself, which (ZONE_MOVABLE without movablecore=)
	 * may be empty.  kswapd wakes kcompactd in its turn (mm/vmscan.c).
	 */
	for (z = ac->high_zoneidx; z >= 0; z--) {
		if (managed_zone(&pgdat->node_zones[z])) {
			wakeup_kswapd(&pgdat->node_zones[z], gfp_mask, order,
				      ac->high_zoneidx);
			return;
		}
	}
}

/*
 * Direct reclaim (<linux/swap.h>), then a retry; if that fails, the
 * pages sitting on per-cpu lists may be what is missing: drain them and
 * try once more.
 */
static struct page *__alloc_pages_direct_reclaim(gfp_t gfp_mask,
		unsigned int order, unsigned int alloc_flags,
		const struct alloc_context *ac,
		unsigned long *did_some_progress)
{
	unsigned int noreclaim_flag = current->flags & PF_MEMALLOC;
	struct page *page;
	bool drained = false;

	current->flags |= PF_MEMALLOC;
	*did_some_progress = try_to_free_pages(gfp_mask, order);
	current->flags = (current->flags & ~PF_MEMALLOC) | noreclaim_flag;
retry:
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (!page && !drained) {
		drain_all_pages(NULL);
		drained = true;
		goto retry;
	}
	return page;
}

static struct page *__alloc_pages_may_oom(gfp_t gfp_mask, unsigned int order,
					  const struct alloc_context *ac,
					  unsigned long *did_some_progress);

/*
 * The slow path, in 4.8's order: wake the background daemons; retry at
 * the min watermark; for costly orders, a first round of async
 * compaction; then rounds of direct reclaim and direct compaction at
 * rising priority while they make progress; finally the OOM killer.
 */
static struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order,
					   struct alloc_context *ac)
{
	bool can_direct_reclaim = gfp_mask & __GFP_DIRECT_RECLAIM;
	const bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	enum compact_priority compact_priority = DEF_COMPACT_PRIORITY;
	enum compact_result compact_result = COMPACT_SKIPPED;
	unsigned long did_some_progress = 0;
	int no_progress_loops = 0, compaction_retries = 0;
	unsigned int alloc_flags;
	struct page *page;

	alloc_flags = gfp_to_alloc_flags(gfp_mask);
	if (gfp_mask & __GFP_KSWAPD_RECLAIM)
		wake_all_kswapds(order, gfp_mask, ac);

	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		goto got_pg;

	/*
	 * A costly allocation probably has enough memory, only in pieces:
	 * try cheap (async) compaction before reclaiming anything.
	 */
	if (can_direct_reclaim && costly_order &&
	    !gfp_pfmemalloc_allowed(gfp_mask)) {
		page = __alloc_pages_direct_compact(gfp_mask, order, alloc_flags,
						    ac, INIT_COMPACT_PRIORITY,
						    &compact_result);
		if (page)
			goto got_pg;
		if (gfp_mask & __GFP_NORETRY) {
			/* Sync compaction failed recently: give up now. */
			if (compact_result == COMPACT_DEFERRED)
				goto nopage;
			compact_priority = INIT_COMPACT_PRIORITY;
		}
	}
retry:
	if (gfp_mask & __GFP_KSWAPD_RECLAIM)
		wake_all_kswapds(order, gfp_mask, ac);

	if (gfp_pfmemalloc_allowed(gfp_mask)) {
		page = get_page_from_freelist(gfp_mask, order,
					      ALLOC_NO_WATERMARKS, ac);
		if (page)
			goto got_pg;
	}
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		goto got_pg;

	if (!can_direct_reclaim)
		goto nopage;
	/* Reclaim and compaction must not recurse into themselves. */
	if (current->flags & PF_MEMALLOC)
		goto nopage;
	/* An OOM victim gets out of the way instead of waiting for memory. */
	if (fatal_signal_pending(current))
		goto nopage;

	page = __alloc_pages_direct_reclaim(gfp_mask, order, alloc_flags, ac,
					    &did_some_progress);
	if (page)
		goto got_pg;

	page = __alloc_pages_direct_compact(gfp_mask, order, alloc_flags, ac,
					    compact_priority, &compact_result);
	if (page)
		goto got_pg;

	if (gfp_mask & __GFP_NORETRY)
		goto nopage;
	if (costly_order && !(gfp_mask & __GFP_REPEAT))
		goto nopage;

	if (should_reclaim_retry(gfp_mask, order, ac, alloc_flags,
				 did_some_progress > 0, &no_progress_loops))
		goto retry;
	/*
	 * Compaction needs free order-0 pages to work with: without reclaim
	 * making progress, retrying it is pointless.
	 */
	if (did_some_progress > 0 &&
	    should_compact_retry(ac, order, alloc_flags, compact_result,
				 &compact_priority, &compaction_retries))
		goto retry;

	page = __alloc_pages_may_oom(gfp_mask, order, ac, &did_some_progress);
	if (page)
		goto got_pg;
	/* A task was killed: its memory is coming back. */
	if (did_some_progress) {
		no_progress_loops = 0;
		goto retry;
	}
nopage:
	warn_alloc_failed(gfp_mask, order);
got_pg:
	return page;
}

/**
 * __alloc_pages - the heart of the zoned buddy allocator
 * @gfp_mask: what kind of memory, and what may be done to get it
 * @order: the allocation is 2^order contiguous pages
 *
 * Return: the first page of the block with a reference count of one, or
 * NULL.
 */
struct page *__alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	struct alloc_context ac;
	struct page *page;

	gfp_mask &= gfp_allowed_mask;
	if (unlikely(order >= MAX_ORDER)) {
		WARN_ON_ONCE(!(gfp_mask & __GFP_NOWARN));
		return NULL;
	}
	might_sleep_if(gfp_mask & __GFP_DIRECT_RECLAIM);

	ac.high_zoneidx = gfp_zone(gfp_mask);
	ac.classzone_idx = ac.high_zoneidx;
	ac.migratetype = gfpflags_to_migratetype(gfp_mask);

	page = get_page_from_freelist(gfp_mask, order, ALLOC_WMARK_LOW |
				      (ac.migratetype == MIGRATE_MOVABLE ?
				       ALLOC_CMA : 0), &ac);
	if (likely(page))
		return page;
	return __alloc_pages_slowpath(gfp_mask, order, &ac);
}

/**
 * __get_free_pages - allocate a block and return its kernel address
 * @gfp_mask: allocation flags (no __GFP_HIGHMEM: the address is kept)
 * @order: 2^order pages
 *
 * Return: the address, or 0.
 */
unsigned long __get_free_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;

	VM_BUG_ON((gfp_mask & __GFP_HIGHMEM) != 0);
	page = alloc_pages(gfp_mask, order);
	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp_mask)
{
	return __get_free_pages(gfp_mask | __GFP_ZERO, 0);
}

/* ---- per-cpu lists --------------------------------------------------- */

/*
 * Drain @zone's list on @cpu (or all zones' for @zone == NULL).  Either
 * on @cpu in atomic context, or for a CPU that nothing runs on any more.
 */
static void drain_pages(unsigned int cpu, struct zone *only)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		struct per_cpu_pages *pcp;

		if (only && zone != only)
			continue;
		pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;
		if (pcp->count)
			free_pcppages_bulk(zone, pcp->count, pcp);
	}
}

/**
 * drain_local_pages - give this CPU's cached pages back to the buddy lists
 * @zone: only this zone, or NULL for all
 *
 * Context: any; holds the CPU (4.8: interrupts off) while it drains.
 */
void drain_local_pages(struct zone *zone)
{
	drain_pages(get_cpu(), zone);
	put_cpu();
}

static void drain_local_pages_ipi(void *zone)
{
	drain_local_pages(zone);
}

/* Serialises the drains of other CPUs' lists, as 4.11's drain work does. */
static DEFINE_MUTEX(pcpu_drain_mutex);
static struct cpumask cpus_with_pcps;

/**
 * drain_all_pages - give every CPU's cached pages back to the buddy lists
 * @zone: only this zone, or NULL for all
 *
 * Each CPU's lists are touched only by the task holding that CPU, so each
 * is drained on its own CPU: the caller runs drain_local_pages() on every
 * CPU that has pages cached (on_each_cpu_mask(), 4.8's IPI), waiting for
 * each CPU as a task waits for it; an idle CPU is taken at once.  A CPU
 * whose count reads 0 is skipped: pages freed there after the look were
 * freed after the drain began, as in 4.8.
 *
 * Context: may sleep (4.11's drain work sleeps too); none of its callers
 * (the allocator's slow path, page isolation, alloc_contig_range(), the
 * tests) holds a spinlock.
 */
void drain_all_pages(struct zone *zone)
{
	unsigned int cpu;

	mutex_lock(&pcpu_drain_mutex);
	cpumask_clear(&cpus_with_pcps);
	for_each_online_cpu(cpu) {
		struct zone *z;
		bool has_pcps = false;

		for_each_populated_zone(z) {
			if (zone && z != zone)
				continue;
			if (READ_ONCE(per_cpu_ptr(z->pageset, cpu)->pcp.count))
				has_pcps = true;
		}
		if (has_pcps)
			cpumask_set_cpu(cpu, &cpus_with_pcps);
	}
	on_each_cpu_mask(&cpus_with_pcps, drain_local_pages_ipi, zone, true);
	mutex_unlock(&pcpu_drain_mutex);
}

/* The CPU is gone: nothing runs there, its lists are drained from here. */
static int page_alloc_cpu_dead(unsigned int cpu)
{
	drain_pages(cpu, NULL);
	return 0;
}

/* 4.8's zone_batchsize(): about a quarter of a 1/1024th, capped. */
static int zone_batchsize(struct zone *zone)
{
	int batch;

	batch = zone_managed_pages(zone) / 1024;
	if (batch * PAGE_SIZE > 512 * 1024)
		batch = (512 * 1024) / PAGE_SIZE;
	batch /= 4;
	if (batch < 1)
		batch = 1;
	/* Powers of two alias in caches; avoid them. */
	batch = rounddown_pow_of_two(batch + batch / 2) - 1;
	return batch;
}

static void setup_zone_pageset(struct zone *zone)
{
	int batch = zone_batchsize(zone);
	unsigned int cpu;
	int mt;

	zone->pageset = alloc_percpu(struct per_cpu_pageset);
	BUG_ON(!zone->pageset);
	for_each_possible_cpu(cpu) {
		struct per_cpu_pages *pcp = &per_cpu_ptr(zone->pageset, cpu)->pcp;

		pcp->count = 0;
		pcp->batch = max(1, batch);
		pcp->high = 6 * batch;
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			INIT_LIST_HEAD(&pcp->lists[mt]);
	}
}

/* ---- watermarks and reserves ----------------------------------------- */

/**
 * nr_free_buffer_pages - pages that GFP_USER allocations could get
 *
 * Return: managed pages of the zones up to ZONE_NORMAL, minus their high
 * watermarks.
 */
unsigned long nr_free_buffer_pages(void)
{
	struct zone *zone = &NODE_DATA(0)->node_zones[ZONE_NORMAL];
	unsigned long size = zone_managed_pages(zone);
	unsigned long high = high_wmark_pages(zone);

	return size > high ? size - high : 0;
}

static void setup_per_zone_lowmem_reserve(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	int i, j;

	for (j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned long managed_pages = zone_managed_pages(zone);

		WRITE_ONCE(zone->lowmem_reserve[j], 0);
		for (i = j - 1; i >= 0; i--) {
			struct zone *lower_zone = pgdat->node_zones + i;

			if (sysctl_lowmem_reserve_ratio[i] < 1)
				sysctl_lowmem_reserve_ratio[i] = 1;
			WRITE_ONCE(lower_zone->lowmem_reserve[j],
				   managed_pages / sysctl_lowmem_reserve_ratio[i]);
			managed_pages += zone_managed_pages(lower_zone);
		}
	}
}

static void calculate_totalreserve_pages(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long reserve_pages = 0;
	int i, j;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = pgdat->node_zones + i;
		long max = 0;

		for (j = i; j < MAX_NR_ZONES; j++)
			if (READ_ONCE(zone->lowmem_reserve[j]) > max)
				max = READ_ONCE(zone->lowmem_reserve[j]);
		max += high_wmark_pages(zone);
		if (max > (long)zone_managed_pages(zone))
			max = zone_managed_pages(zone);
		reserve_pages += max;
	}
	WRITE_ONCE(pgdat->totalreserve_pages, reserve_pages);
	WRITE_ONCE(totalreserve_pages, reserve_pages);
}

/**
 * setup_per_zone_wmarks - derive the zones' watermarks
 *
 * min_free_kbytes is shared among the zones in proportion to their size;
 * low and high lie a quarter of min, or watermark_scale_factor/10000 of
 * the zone, whichever is more, above min (and twice that).
 */
void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_zone(zone)
		lowmem_pages += zone_managed_pages(zone);

	for_each_zone(zone) {
		u64 tmp;

		spin_lock(&zone->lock);
		tmp = lowmem_pages ?
			(u64)pages_min * zone_managed_pages(zone) / lowmem_pages : 0;
		/* Read without the lock: see wmark_pages(). */
		WRITE_ONCE(zone->watermark[WMARK_MIN], tmp);
		tmp = max_t(u64, tmp >> 2,
			    (u64)zone_managed_pages(zone) *
			    watermark_scale_factor / 10000);
		WRITE_ONCE(zone->watermark[WMARK_LOW], min_wmark_pages(zone) + tmp);
		WRITE_ONCE(zone->watermark[WMARK_HIGH],
			   min_wmark_pages(zone) + tmp * 2);
		spin_unlock(&zone->lock);
	}
	calculate_totalreserve_pages();
}

/*
 * The default min_free_kbytes grows with the square root of memory:
 * sqrt(lowmem_kbytes * 16), between 128k and 64M.
 */
static void init_per_zone_wmark_min(void)
{
	unsigned long lowmem_kbytes;
	int new_min_free_kbytes;

	lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	new_min_free_kbytes = int_sqrt(lowmem_kbytes * 16);
	if (new_min_free_kbytes > user_min_free_kbytes) {
		min_free_kbytes = clamp(new_min_free_kbytes, 128, 65536);
	} else {
		pr_warn("min_free_kbytes is not updated to %d because user defined value %d is preferred\n",
			new_min_free_kbytes, user_min_free_kbytes);
	}
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
	calculate_totalreserve_pages();
}

/*
 * /proc/sys/vm/min_free_kbytes: a write recomputes the watermarks, and
 * the value then sticks across memory changes.
 */
static int min_free_kbytes_sysctl_handler(struct ctl_table *table, int write,
					  void __user *buffer, size_t *length,
					  loff_t *ppos)
{
	int rc = proc_dointvec_minmax(table, write, buffer, length, ppos);

	if (rc)
		return rc;
	if (write) {
		user_min_free_kbytes = min_free_kbytes;
		setup_per_zone_wmarks();
	}
	return 0;
}

static int watermark_scale_factor_sysctl_handler(struct ctl_table *table,
		int write, void __user *buffer, size_t *length, loff_t *ppos)
{
	int rc = proc_dointvec_minmax(table, write, buffer, length, ppos);

	if (rc)
		return rc;
	if (write)
		setup_per_zone_wmarks();
	return 0;
}

static int one_thousand = 1000;
static int max_min_free_kbytes = 65536 * 4;

static struct ctl_table page_alloc_sysctls[] = {
	{
		.procname	= "min_free_kbytes",
		.data		= &min_free_kbytes,
		.maxlen		= sizeof(min_free_kbytes),
		.mode		= 0644,
		.proc_handler	= min_free_kbytes_sysctl_handler,
		.extra1		= &sysctl_zero,
		.extra2		= &max_min_free_kbytes,
	},
	{
		.procname	= "watermark_scale_factor",
		.data		= &watermark_scale_factor,
		.maxlen		= sizeof(watermark_scale_factor),
		.mode		= 0644,
		.proc_handler	= watermark_scale_factor_sysctl_handler,
		.extra1		= &sysctl_one,
		.extra2		= &one_thousand,
	},
	{ }
};

static int __init page_alloc_sysctl_init(void)
{
	return register_sysctl("vm", page_alloc_sysctls);
}
fs_initcall(page_alloc_sysctl_init);

/*
 * Out of options: the OOM killer (mm/oom_kill.c) may free memory by
 * killing a task; then the caller retries.
 */
static struct page *__alloc_pages_may_oom(gfp_t gfp_mask, unsigned int order,
					  const struct alloc_context *ac,
					  unsigned long *did_some_progress)
{
	struct oom_control oc = {
		.gfp_mask = gfp_mask,
		.order = order,
	};
	struct page *page = NULL;

	*did_some_progress = 0;
	/* Someone else is killing: let them, and try again. */
	if (!mutex_trylock(&oom_lock)) {
		*did_some_progress = 1;
		schedule_timeout_uninterruptible(1);
		return NULL;
	}
	/*
	 * One more try at a high watermark: a kill that just finished may
	 * have freed plenty.  Only a real surplus counts.
	 */
	page = get_page_from_freelist(gfp_mask, order, ALLOC_WMARK_HIGH, ac);
	if (page)
		goto out;
	/* Killing a task will not make a costly order available. */
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		goto out;
	if (out_of_memory(&oc))
		*did_some_progress = 1;
out:
	mutex_unlock(&oom_lock);
	if (*did_some_progress && !page)
		oom_wait_for_victims();
	return page;
}

/* ---- boot ------------------------------------------------------------ */

static void __init zone_init_free_lists(struct zone *zone)
{
	unsigned int order, t;

	for_each_migratetype_order(order, t) {
		INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
		zone->free_area[order].nr_free = 0;
	}
}

static void __init memmap_init_zone(struct zone *zone, enum zone_type idx)
{
	unsigned long pfn, end = zone_end_pfn(zone);

	for (pfn = zone->zone_start_pfn; pfn < end; pfn++) {
		struct page *page = pfn_to_page(pfn);

		set_page_zone(page, idx);
		init_page_count(page);
		page_mapcount_reset(page);
		INIT_LIST_HEAD(&page->lru);
		__SetPageReserved(page);
		/*
		 * Every pageblock starts movable: boot allocations come from
		 * memblock, and the first unmovable allocations will claim
		 * blocks through the fallback rules.
		 */
		if (!(pfn & (pageblock_nr_pages - 1)))
			set_pageblock_migratetype(page, MIGRATE_MOVABLE);
	}
}

/**
 * free_area_init - set up the node, its zones and mem_map
 * @max_zone_pfn: end pfn of each zone (from setup_arch())
 *
 * After this every struct page exists and is PageReserved;
 * memblock_free_all() then releases the free ones.
 */
void __init free_area_init(unsigned long *max_zone_pfn)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long start = 0;
	enum lru_list lru;
	enum zone_type j;

	mem_map = memblock_alloc(max_pfn * sizeof(struct page),
				 SMP_CACHE_BYTES);
	page_kind_init(max_pfn);
	page_owner_init(max_pfn);
	pgdat->node_id = 0;
	pgdat->node_start_pfn = 0;
	pgdat->node_spanned_pages = max_pfn;
	pgdat->node_present_pages = max_pfn;
	pgdat->nr_zones = 0;
	spin_lock_init(&pgdat->lru_lock);
	for (lru = 0; lru < NR_LRU_LISTS; lru++)
		INIT_LIST_HEAD(&pgdat->lruvec.lists[lru]);

	for (j = 0; j < MAX_NR_ZONES; j++) {
		struct zone *zone = pgdat->node_zones + j;
		unsigned long end = max_zone_pfn[j];
		unsigned long blocks;

		zone->name = zone_names[j];
		zone->zone_pgdat = pgdat;
		zone->zone_start_pfn = start;
		zone->spanned_pages = end - start;
		zone->present_pages = end - start;
		atomic_long_set(&zone->managed_pages, 0);
		spin_lock_init(&zone->lock);
		zone_init_free_lists(zone);
		zone->compact_cached_free_pfn = round_down(end - 1,
							   pageblock_nr_pages);
		zone->compact_cached_migrate_pfn[0] = start;
		zone->compact_cached_migrate_pfn[1] = start;
		zone->compact_order_failed = MAX_ORDER;
		if (zone->spanned_pages) {
			blocks = DIV_ROUND_UP(zone->spanned_pages,
					      pageblock_nr_pages) + 1;
			zone->pageblock_flags = memblock_alloc(
				BITS_TO_LONGS(blocks * NR_PAGEBLOCK_BITS) *
				sizeof(unsigned long), sizeof(unsigned long));
			pgdat->nr_zones = j + 1;
			memmap_init_zone(zone, j);
		}
		start = end;
	}
}

/**
 * mem_init - release free memory to the buddy allocator
 *
 * The per-cpu lists must exist before any page is freed, so they are set
 * up first, from boot memory.
 */
void __init mem_init(void)
{
	struct zone *zone;

	for_each_zone(zone) {
		/* The batch size depends on managed pages: use the span now. */
		atomic_long_set(&zone->managed_pages, zone->present_pages);
		setup_zone_pageset(zone);
		atomic_long_set(&zone->managed_pages, 0);
	}
	memblock_free_all();
	cma_init_reserved_areas();
	cpuhp_setup_state_nocalls(CPUHP_PAGE_ALLOC_DEAD, "mm/page_alloc:dead",
				  NULL, page_alloc_cpu_dead);
	init_per_zone_wmark_min();
}

/**
 * adjust_managed_page_count - a page leaves (or rejoins) managed memory
 * @page: the page
 * @count: pages, negative when they leave (balloon inflation)
 */
void adjust_managed_page_count(struct page *page, long count)
{
	atomic_long_add(count, &page_zone(page)->managed_pages);
	__atomic_fetch_add(&totalram_pages, count, __ATOMIC_RELAXED);
}

/**
 * si_mem_available - an estimate of memory available without swapping
 *
 * Return: free pages minus the reserves, in pages (never negative).
 */
long si_mem_available(void)
{
	long available;

	available = global_zone_page_state(NR_FREE_PAGES) -
		    READ_ONCE(totalreserve_pages);
	available += global_node_page_state(NR_SLAB_RECLAIMABLE) / 2;
	return available < 0 ? 0 : available;
}

/**
 * show_free_areas - print free memory by zone and order (after a failure)
 */
void show_free_areas(void)
{
	static const char types[MIGRATE_TYPES] = { 'U', 'M', 'E', 'H', 'C', 'I' };
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long total = 0;
		unsigned int order;
		char line[512];
		int len;

		len = scnprintf(line, sizeof(line), "Node 0 %s:", zone->name);
		spin_lock(&zone->lock);
		for (order = 0; order < MAX_ORDER; order++) {
			struct free_area *area = &zone->free_area[order];
			unsigned long nr = area->nr_free;
			int t;

			total += nr << order;
			len += scnprintf(line + len, sizeof(line) - len,
					 " %lu*%lukB", nr, 4UL << order);
			if (!nr)
				continue;
			len += scnprintf(line + len, sizeof(line) - len, " (");
			for (t = 0; t < MIGRATE_TYPES; t++)
				if (!list_empty(&area->free_list[t]))
					len += scnprintf(line + len,
							 sizeof(line) - len,
							 "%c", types[t]);
			len += scnprintf(line + len, sizeof(line) - len, ")");
		}
		spin_unlock(&zone->lock);
		pr_warn("%s = %lukB\n", line, total * 4);
	}
}
