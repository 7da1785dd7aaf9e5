/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: page migration (mm/migrate.c). */
#ifndef _LINUX_MIGRATE_H
#define _LINUX_MIGRATE_H

#include <linux/mm.h>
#include <linux/migrate_mode.h>
#include <linux/fs.h>

/* Allocates the target of a migration; may fail (NULL). */
typedef struct page *new_page_t(struct page *page, unsigned long private,
				int **reason);
/* Gives back a target that was not used. */
typedef void free_page_t(struct page *page, unsigned long private);

/*
 * Return values from address_space_operations.migratepage():
 * - negative errno on page migration failure;
 * - zero on page migration success;
 */
#define MIGRATEPAGE_SUCCESS		0

enum migrate_reason {
	MR_COMPACTION,
	MR_MEMORY_FAILURE,
	MR_MEMORY_HOTPLUG,
	MR_SYSCALL,		/* also applies to cpusets */
	MR_MEMPOLICY_MBIND,
	MR_NUMA_MISPLACED,
	MR_CMA,
	MR_TYPES
};

extern const char * const migrate_reason_names[MR_TYPES];

/*
 * What isolate_movable_page() found (trace event mm_isolate_movable_page;
 * umm's own, the kernel has no trace point there).
 */
enum isolate_movable_result {
	ISOLATE_MOVABLE_OK,		/* isolated */
	ISOLATE_MOVABLE_FREED,		/* reference count 0: being freed */
	ISOLATE_MOVABLE_NOT_MOVABLE,	/* the tag was gone (new owner) */
	ISOLATE_MOVABLE_LOCKED,		/* page lock busy */
	ISOLATE_MOVABLE_RELEASED,	/* the driver had let go of it */
	ISOLATE_MOVABLE_ISOLATED,	/* isolated by someone else already */
	ISOLATE_MOVABLE_REFUSED,	/* the driver's isolate_page said no */
};

void putback_movable_pages(struct list_head *l);
bool isolate_movable_page(struct page *page, isolate_mode_t mode);
void putback_movable_page(struct page *page);

/* mm/compaction.c: marking a driver's pages movable */
int PageMovable(struct page *page);
void __SetPageMovable(struct page *page, struct address_space *mapping);
void __ClearPageMovable(struct page *page);

/* mm/migrate_kinds.c: migrations by kind of page (umm's own debugfs file) */
void umm_page_migrated(struct page *newpage, struct page *page,
		       const struct address_space_operations *a_ops);

int migrate_page(struct address_space *mapping, struct page *newpage,
		 struct page *page, enum migrate_mode mode);
int migrate_pages(struct list_head *l, new_page_t new, free_page_t free,
		  unsigned long private, enum migrate_mode mode, int reason);
void migrate_page_copy(struct page *newpage, struct page *page);
int migrate_page_move_mapping(struct address_space *mapping,
			      struct page *newpage, struct page *page,
			      int extra_count);
void migration_entry_wait(struct mm_struct *mm, unsigned long address);

#endif /* _LINUX_MIGRATE_H */
