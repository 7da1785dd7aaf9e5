// SPDX-License-Identifier: GPL-2.0
/*
 * mm/debug.c - dump_page() and the flag names behind %pGp / %pGg
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/fs.h>
#include <linux/page_kind.h>
#include <linux/page_owner.h>
#include <linux/tracepoint-defs.h>
#include "internal.h"

#define FLAG(pg) { 1UL << PG_##pg, #pg }

const struct trace_print_flags pageflag_names[] = {
	FLAG(locked), FLAG(error), FLAG(referenced), FLAG(uptodate),
	FLAG(dirty), FLAG(lru), FLAG(active), FLAG(slab),
	FLAG(owner_priv_1), FLAG(arch_1), FLAG(reserved), FLAG(private),
	FLAG(private_2), FLAG(writeback), FLAG(head), FLAG(swapcache),
	FLAG(mappedtodisk), FLAG(reclaim), FLAG(swapbacked),
	FLAG(unevictable), FLAG(mlocked),
	{ 0, NULL }
};

#define GFPFLAG(f) { (__force unsigned long)__GFP_##f, "__GFP_" #f }

/* Composite masks first, so that "GFP_KERNEL" is printed rather than its bits. */
const struct trace_print_flags gfpflag_names[] = {
	{ (__force unsigned long)GFP_HIGHUSER_MOVABLE, "GFP_HIGHUSER_MOVABLE" },
	{ (__force unsigned long)GFP_HIGHUSER, "GFP_HIGHUSER" },
	{ (__force unsigned long)GFP_USER, "GFP_USER" },
	{ (__force unsigned long)GFP_KERNEL, "GFP_KERNEL" },
	{ (__force unsigned long)GFP_NOFS, "GFP_NOFS" },
	{ (__force unsigned long)GFP_ATOMIC, "GFP_ATOMIC" },
	{ (__force unsigned long)GFP_NOIO, "GFP_NOIO" },
	{ (__force unsigned long)GFP_NOWAIT, "GFP_NOWAIT" },
	GFPFLAG(DMA), GFPFLAG(HIGHMEM), GFPFLAG(DMA32), GFPFLAG(MOVABLE),
	GFPFLAG(RECLAIMABLE), GFPFLAG(HIGH), GFPFLAG(IO), GFPFLAG(FS),
	GFPFLAG(COLD), GFPFLAG(NOWARN), GFPFLAG(REPEAT), GFPFLAG(NOFAIL),
	GFPFLAG(NORETRY), GFPFLAG(MEMALLOC), GFPFLAG(COMP), GFPFLAG(ZERO),
	GFPFLAG(NOMEMALLOC), GFPFLAG(HARDWALL), GFPFLAG(THISNODE),
	GFPFLAG(ATOMIC), GFPFLAG(ACCOUNT), GFPFLAG(NOTRACK),
	GFPFLAG(DIRECT_RECLAIM), GFPFLAG(OTHER_NODE), GFPFLAG(WRITE),
	GFPFLAG(KSWAPD_RECLAIM),
	{ 0, NULL }
};

/**
 * page_owner_kind - whose page it is, as far as the page tells
 * @page: the page
 *
 * The mapping of a registered movable page names its driver's
 * operations, hence the kind; otherwise the kind its owner recorded
 * (page_kind_set()), which stays until the page is freed.
 *
 * Return: the kind, or NULL.
 */
struct page_kind *page_owner_kind(struct page *page)
{
	unsigned long mapping = (unsigned long)READ_ONCE(page->mapping);
	struct address_space *as;
	struct page_kind *kind = NULL;

	as = (struct address_space *)(mapping & ~PAGE_MAPPING_FLAGS);
	if ((mapping & PAGE_MAPPING_FLAGS) == PAGE_MAPPING_MOVABLE && as)
		kind = page_kind_of_ops(READ_ONCE(as->a_ops));
	return kind ?: page_kind(page);
}

/* The owner's kind and its operations, by name. */
static void dump_page_kind(struct page *page)
{
	struct page_kind *kind = page_owner_kind(page);

	if (!kind) {
		pr_alert("kind: (not recorded)\n");
		return;
	}
	if (kind->a_ops_name)
		pr_alert("kind: %s a_ops: %s\n", kind->name, kind->a_ops_name);
	else if (kind->a_ops)
		pr_alert("kind: %s a_ops: %p\n", kind->name, kind->a_ops);
	else
		pr_alert("kind: %s\n", kind->name);
}

/**
 * __dump_page - print what struct page says about a page
 * @page: the page
 * @reason: why, or NULL
 */
void __dump_page(struct page *page, const char *reason)
{
	unsigned long flags = page->flags & ((1UL << NR_PAGEFLAGS) - 1);

	pr_alert("page:%p pfn:%#lx refcount:%d mapcount:%d mapping:%p index:%#lx\n",
	       page, page_to_pfn(page), page_ref_count(page),
	       page_mapcount(page), page->mapping, page->index);
	pr_alert("flags: %#lx(%pGp) zone:%s\n", page->flags, &flags,
	       page_zone(page)->name);
	dump_page_kind(page);
	dump_page_owner(page);
	if (reason)
		pr_alert("page dumped because: %s\n", reason);
}

/**
 * dump_page - print a page's state, e.g. before a VM_BUG_ON_PAGE()
 * @page: the page
 * @reason: why, or NULL
 */
void dump_page(struct page *page, const char *reason)
{
	/* A BUG follows: make sure the console shows the dump. */
	console_loglevel = LOGLEVEL_DEBUG + 1;
	__dump_page(page, reason);
}

/**
 * dump_page_containing - dump the page whose struct page holds @addr
 * @addr: an address, e.g. of a list entry that may be a page's lru
 * @reason: why
 *
 * Return: true if @addr lies in a struct page, which was dumped.
 */
bool dump_page_containing(const void *addr, const char *reason)
{
	unsigned long off = (unsigned long)addr - (unsigned long)mem_map;

	if (!addr || !mem_map || (unsigned long)addr < (unsigned long)mem_map ||
	    off >= max_pfn * sizeof(struct page))
		return false;
	__dump_page(mem_map + off / sizeof(struct page), reason);
	return true;
}
