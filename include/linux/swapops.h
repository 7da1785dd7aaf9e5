/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: swap entries and the migration entries among them. */
#ifndef _LINUX_SWAPOPS_H
#define _LINUX_SWAPOPS_H

#include <linux/mm.h>
#include <asm/pgtable.h>

/*
 * A swap entry is a (type, offset) pair kept in a non-present pte.  The
 * last two types are not swap devices: they mark a page under
 * migration, whose pfn is the offset.  A task that faults on one waits
 * for the page lock, which migration holds until the new page is mapped.
 */
#define MAX_SWAPFILES_SHIFT	5
#define SWP_MIGRATION_NUM	2
#define SWP_MIGRATION_READ	((1 << MAX_SWAPFILES_SHIFT) - SWP_MIGRATION_NUM)
#define SWP_MIGRATION_WRITE	(SWP_MIGRATION_READ + 1)
#define MAX_SWAPFILES		SWP_MIGRATION_READ

static inline swp_entry_t swp_entry(unsigned long type, pgoff_t offset)
{
	return __swp_entry(type, offset);
}

static inline unsigned int swp_type(swp_entry_t entry)
{
	return __swp_type(entry);
}

static inline pgoff_t swp_offset(swp_entry_t entry)
{
	return __swp_offset(entry);
}

/* Neither empty nor present: a swap or migration entry. */
static inline int is_swap_pte(pte_t pte)
{
	return !pte_none(pte) && !pte_present(pte);
}

static inline swp_entry_t pte_to_swp_entry(pte_t pte)
{
	return __pte_to_swp_entry(pte);
}

static inline pte_t swp_entry_to_pte(swp_entry_t entry)
{
	return __swp_entry_to_pte(entry);
}

static inline swp_entry_t make_migration_entry(struct page *page, int write)
{
	VM_BUG_ON_PAGE(!PageLocked(page), page);
	return swp_entry(write ? SWP_MIGRATION_WRITE : SWP_MIGRATION_READ,
			 page_to_pfn(page));
}

static inline int is_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_READ ||
	       swp_type(entry) == SWP_MIGRATION_WRITE;
}

static inline int is_write_migration_entry(swp_entry_t entry)
{
	return swp_type(entry) == SWP_MIGRATION_WRITE;
}

static inline struct page *migration_entry_to_page(swp_entry_t entry)
{
	struct page *p = pfn_to_page(swp_offset(entry));

	/* Any use of migration entries must hold the page lock. */
	BUG_ON(!PageLocked(p));
	return p;
}

#endif /* _LINUX_SWAPOPS_H */
