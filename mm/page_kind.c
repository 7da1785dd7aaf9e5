// SPDX-License-Identifier: GPL-2.0
/*
 * mm/page_kind.c - who owns each page: the registry of page kinds (umm's own)
 *
 * Every owner of pages registers its kind once, at init
 * (page_kind_register()): zsmalloc, the balloon, the sample driver, and
 * umm's own kinds below.  Maps, the counts of migrated pages by kind
 * (mm/migrate_kinds.c), the run's record and the report all come from
 * the registry: adding a driver is its directory, one line in the build
 * and one registration call.
 *
 * Each page frame has one byte, the id of its kind, set by the owner
 * after allocating, carried over by migration as page_owner is
 * (umm_page_migrated()), and dropped when the page is freed
 * (free_pages_prepare()).  Nothing in reclaim, compaction or migration
 * depends on it.
 *
 * The bytes are written by the page's owner, and read without a lock by
 * whoever draws a map: single-byte READ_ONCE/WRITE_ONCE, and a map is a
 * snapshot that may be a page out of date.  The registry is written
 * under kinds_lock and read without it: an entry is complete before
 * nr_kinds, published with release, counts it.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/page_kind.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include "internal.h"

static u8 *page_kinds;

static struct page_kind *kinds[PAGE_KIND_MAX];	/* by id - 1 */
static unsigned int nr_kinds;
static DEFINE_SPINLOCK(kinds_lock);
static int boot_status;		/* the first registration's error */

/*
 * umm's own kinds: the page's state tells free, anonymous and page
 * table pages apart (init/console_scenario.c); kernel stacks are tagged
 * by fork; "other" is kernel memory nobody tagged.
 */
struct page_kind page_kind_free = {
	.name = "free", .desc = "free", .letter = '.', .colour = "#f1f3f5",
};
struct page_kind page_kind_anon = {
	.name = "anon", .desc = "anonymous LRU", .letter = 'a',
	.colour = "#4c8bf5",
};
struct page_kind page_kind_tables = {
	.name = "tables", .desc = "page tables, stacks", .letter = 'p',
	.colour = "#e03131",
};
struct page_kind page_kind_other = {
	.name = "unmovable", .desc = "other unmovable", .letter = 'u',
	.colour = "#495057",
};

/* One word of printable characters, as the record carries it. */
static bool valid_word(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;

	if (!n || n > max)
		return false;
	for (; *s; s++)
		if (!isgraph(*s))
			return false;
	return true;
}

static bool valid_colour(const char *s)
{
	int i;

	if (!s || s[0] != '#' || strlen(s) != 7)
		return false;
	for (i = 1; i < 7; i++)
		if (!isxdigit(s[i]))
			return false;
	return true;
}

static bool valid_desc(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (!n || n > PAGE_KIND_DESC_MAX)
		return false;
	for (; *s; s++)
		if (!isprint(*s))
			return false;
	return true;
}

/* Why @kind cannot be registered, or NULL.  kinds_lock held. */
static const char *kind_problem(const struct page_kind *kind, int *err)
{
	unsigned int i;

	*err = -EINVAL;
	if (!valid_word(kind->name, PAGE_KIND_NAME_MAX))
		return "its name is not one word of up to 22 characters";
	if (!valid_desc(kind->desc))
		return "it has no description (printable, up to 47 characters)";
	if (!valid_colour(kind->colour))
		return "its colour is not \"#rrggbb\"";
	if (!isgraph(kind->letter))
		return "its map letter is not a printable character";
	if (kind->movable && !kind->a_ops)
		return "it is movable but has no a_ops";
	if (!kind->movable && kind->a_ops)
		return "it has a_ops but is not movable";
	if (kind->off && !valid_word(kind->off, PAGE_KIND_OFF_MAX))
		return "its off switch is not one boot parameter";
	for (i = 0; i < nr_kinds; i++) {
		*err = -EEXIST;
		if (kinds[i] == kind || !strcmp(kinds[i]->name, kind->name))
			return "registered twice";
		*err = -EBUSY;
		if (kinds[i]->letter == kind->letter)
			return "its map letter is taken";
	}
	*err = -ENOSPC;
	if (nr_kinds == PAGE_KIND_MAX - 1)
		return "too many kinds";
	*err = 0;
	return NULL;
}

/* The kind that has @kind's letter, for the message. */
static const char *letter_owner(const struct page_kind *kind)
{
	unsigned int i;

	for (i = 0; i < nr_kinds; i++)
		if (kinds[i]->letter == kind->letter)
			return kinds[i]->name;
	return "?";
}

/**
 * page_kind_register - register an owner of pages
 * @kind: its name, description, map letter, colour, whether its pages
 *	are movable and their a_ops, its "series off" switch
 *
 * Called once at init by each owner.  A mistake (a name or a letter
 * registered twice, a movable kind without a_ops, a malformed field) is
 * a bug of the owner: it prints one line, and the boot fails
 * (page_kind_boot_status()).
 *
 * Return: 0, or -EINVAL, -EEXIST (the name is taken), -EBUSY (the letter
 * is taken) or -ENOSPC.
 */
int page_kind_register(struct page_kind *kind)
{
	const char *problem;
	int err;

	spin_lock(&kinds_lock);
	problem = kind_problem(kind, &err);
	if (!problem) {
		kind->id = nr_kinds + 1;
		atomic_long_set(&kind->nr_migrated, 0);
		kinds[nr_kinds] = kind;
		/* Published last: readers take only complete entries. */
		smp_store_release(&nr_kinds, nr_kinds + 1);
	} else if (!boot_status) {
		boot_status = err;
	}
	spin_unlock(&kinds_lock);
	if (err == -EBUSY)
		console_err("umm: page kind '%s': map letter '%c' is taken by '%s'\n",
			    kind->name, kind->letter, letter_owner(kind));
	else if (problem)
		console_err("umm: page kind '%s': %s\n",
			    kind->name ? kind->name : "(null)", problem);
	return err;
}

/**
 * page_kind_boot_status - did every registration at boot succeed?
 *
 * Return: 0, or the error of the first one that failed.
 */
int page_kind_boot_status(void)
{
	return READ_ONCE(boot_status);
}

/**
 * nr_page_kinds - how many kinds are registered
 *
 * Return: the number; page_kind_nr() takes 0 to one less.
 */
unsigned int nr_page_kinds(void)
{
	/* Pairs with the registration's release: entries below are set. */
	return smp_load_acquire(&nr_kinds);
}

/**
 * page_kind_nr - the kind registered @i-th
 * @i: 0 to nr_page_kinds() - 1
 *
 * Return: the kind, or NULL past the end.
 */
struct page_kind *page_kind_nr(unsigned int i)
{
	return i < nr_page_kinds() ? kinds[i] : NULL;
}

/**
 * page_kind_of_ops - the movable kind whose pages carry @a_ops
 * @a_ops: the operations of a page's mapping
 *
 * Return: the kind, or NULL if no kind registered them.
 */
struct page_kind *page_kind_of_ops(const struct address_space_operations *a_ops)
{
	unsigned int i, n = nr_page_kinds();

	for (i = 0; i < n; i++)
		if (kinds[i]->a_ops == a_ops)
			return kinds[i];
	return NULL;
}

/**
 * page_kind_init - set up the record at boot, with umm's own kinds
 * @nr_pages: the page frames (max_pfn)
 */
void __init page_kind_init(unsigned long nr_pages)
{
	page_kinds = memblock_alloc(nr_pages, SMP_CACHE_BYTES);
	page_kind_register(&page_kind_free);
	page_kind_register(&page_kind_anon);
	page_kind_register(&page_kind_tables);
	page_kind_register(&page_kind_other);
}

/**
 * page_kind_set - record the kind of a block just allocated
 * @page: its first page
 * @order: its order
 * @kind: its owner's kind; one not registered records nothing
 */
void page_kind_set(struct page *page, unsigned int order,
		   const struct page_kind *kind)
{
	unsigned long pfn = page_to_pfn(page), i;

	for (i = 0; i < (1UL << order); i++)
		WRITE_ONCE(page_kinds[pfn + i], kind ? kind->id : 0);
}

/**
 * page_kind_clear - forget the kind of a block being freed
 * @page: its first page
 * @order: its order
 */
void page_kind_clear(struct page *page, unsigned int order)
{
	page_kind_set(page, order, NULL);
}

/**
 * page_kind_copy - migration moved @page's contents to @newpage
 * @newpage: the new page
 * @page: the old one
 */
void page_kind_copy(struct page *newpage, struct page *page)
{
	WRITE_ONCE(page_kinds[page_to_pfn(newpage)],
		   READ_ONCE(page_kinds[page_to_pfn(page)]));
}

/**
 * page_kind - the recorded kind of a page
 * @page: the page
 *
 * Return: its kind; NULL if nobody recorded one.
 */
struct page_kind *page_kind(struct page *page)
{
	u8 id = READ_ONCE(page_kinds[page_to_pfn(page)]);

	return id ? page_kind_nr(id - 1) : NULL;
}

/**
 * page_kind_free_order - the order of the free block a page heads
 * @page: the page; its zone's lock held
 *
 * Maps tell free memory from the buddy lists' own record, which is
 * mm's (page_order() in mm/internal.h).
 *
 * Return: the order of the free block @page heads, or -1 if it heads
 * none.
 */
int page_kind_free_order(struct page *page)
{
	return PageBuddy(page) ? (int)page_order(page) : -1;
}
