/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: page migration (mm/migrate.c). */
#ifndef _LINUX_MIGRATE_H
#define _LINUX_MIGRATE_H

#include <linux/mm.h>
#include <linux/migrate_mode.h>

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

void putback_movable_pages(struct list_head *l);
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
