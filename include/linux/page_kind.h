/* SPDX-License-Identifier: GPL-2.0 */
/* UMM: who owns a page: the registry of page kinds (cf. page_owner). */
#ifndef _LINUX_PAGE_KIND_H
#define _LINUX_PAGE_KIND_H

#include <linux/types.h>
#include <linux/init.h>
#include <linux/atomic.h>

struct page;
struct rnd_state;

/*
 * What movetorture (mm/movetorture.c) needs to drive a kind's own
 * allocation and freeing while it isolates, migrates and puts back the
 * kind's pages.  Optional: a kind without them cannot be tortured.
 * They run in process context, may sleep, and are called from several
 * threads at once; the driver serialises them as it needs.
 */
struct page_kind_torture {
	/* Optional: get ready, or say why not (the balloon needs a device). */
	int (*start)(void);
	/* Allocate about @nr more pages' worth; -ENOMEM is no failure. */
	int (*alloc)(unsigned long nr, struct rnd_state *rnd);
	/* Let go of about @nr pages' worth at random, isolated ones too. */
	void (*free)(unsigned long nr, struct rnd_state *rnd);
	/* Optional: how many of the driver's pages hold wrong data. */
	long (*verify)(void);
	/* Let go of every page torture allocated (the sample: all). */
	void (*stop)(void);
};

/*
 * Who holds a page, for memory maps and the counts of migrated pages.
 * Linux answers the question with page_owner (the allocation's stack);
 * umm only needs the owner's kind, one byte per page.  Every owner of
 * pages registers its kind once, at init: a driver (zsmalloc, the
 * balloon, the sample driver) and umm's own classes of memory (free,
 * anonymous, page tables and stacks, other).  Maps, the migrated file,
 * the run's record and through it the report's legend, its table and
 * "series off" all come from here: nothing else lists the kinds.
 *
 * The fields before the private ones are the owner's; it registers with
 * page_kind_register() and then tags the pages it allocates with
 * page_kind_set().  A kind is never unregistered.
 */
struct page_kind {
	const char *name;	/* one word: the migrated file, the record */
	const char *desc;	/* what the legend says: "zsmalloc (zram)" */
	char letter;		/* its cell in memory maps */
	const char *colour;	/* "#rrggbb": how the report draws it */
	/*
	 * Movable kinds have non-LRU movable pages: @a_ops are those their
	 * pages' mappings carry, and tell their migrations apart.
	 */
	bool movable;
	const struct address_space_operations *a_ops;
	const char *a_ops_name;	/* its symbol, for dump_page(); optional */
	/*
	 * Its migratepage may sleep in MIGRATE_ASYNC: virtio_balloon's waits
	 * for the host, as 4.8's did.  Any other kind that sleeps there is
	 * reported (mm/migrate.c).
	 */
	bool async_sleeps;
	/* Optional: how movetorture allocates and frees the kind's pages. */
	const struct page_kind_torture *torture;
	/*
	 * "Series off": the boot parameter that makes the kind's pages
	 * unmovable, as they were before the series ("zsmalloc.movable=0");
	 * NULL if the kind has none.
	 */
	const char *off;

	/* Private to mm/page_kind.c. */
	u8 id;
	atomic_long_t nr_migrated;
};

/*
 * .a_ops and its name at once: dump_page() names the operations of a
 * page in a bad state, and umm has no kallsyms to look the name up.
 */
#define PAGE_KIND_A_OPS(ops)	.a_ops = &(ops), .a_ops_name = #ops

#define PAGE_KIND_MAX		32	/* ids 1..31; 0 is "not recorded" */
/* Longest name, description and off switch (they fit the record). */
#define PAGE_KIND_NAME_MAX	22
#define PAGE_KIND_DESC_MAX	47
#define PAGE_KIND_OFF_MAX	63

/* umm's own kinds: what the page's state tells, or its owner cannot. */
extern struct page_kind page_kind_free, page_kind_anon, page_kind_tables,
		       page_kind_other;

int page_kind_register(struct page_kind *kind);
int page_kind_boot_status(void);
unsigned int nr_page_kinds(void);
struct page_kind *page_kind_nr(unsigned int i);
struct page_kind *page_kind_of_ops(const struct address_space_operations *a_ops);

/**
 * for_each_page_kind - every registered kind, in registration order
 * @kind: struct page_kind *, the cursor
 * @i: unsigned int, its index
 */
#define for_each_page_kind(kind, i)					\
	for ((i) = 0; (i) < nr_page_kinds() && ((kind) = page_kind_nr(i)); (i)++)

void __init page_kind_init(unsigned long nr_pages);
void page_kind_set(struct page *page, unsigned int order,
		   const struct page_kind *kind);
void page_kind_clear(struct page *page, unsigned int order);
void page_kind_copy(struct page *newpage, struct page *page);
struct page_kind *page_kind(struct page *page);
int page_kind_free_order(struct page *page);

#endif /* _LINUX_PAGE_KIND_H */
