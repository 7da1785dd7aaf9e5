/* SPDX-License-Identifier: GPL-2.0 */
/* STUB: memory compaction, the kernel's !CONFIG_COMPACTION branch. */

/*
 * Memory compaction is not built yet; the allocator's slow path already
 * calls through these, so that adding it changes only this header and
 * mm/compaction.c.
 */
#ifndef _LINUX_COMPACTION_H
#define _LINUX_COMPACTION_H

#include <linux/types.h>

enum compact_priority {
	COMPACT_PRIO_SYNC_FULL,
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_FULL,
	COMPACT_PRIO_SYNC_LIGHT,
	MIN_COMPACT_COSTLY_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC
};

enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE,
	COMPACT_SKIPPED,
	COMPACT_DEFERRED,
	COMPACT_INACTIVE = COMPACT_DEFERRED,
	COMPACT_NO_SUITABLE_PAGE,
	COMPACT_CONTINUE,
	COMPACT_COMPLETE,
	COMPACT_PARTIAL_SKIPPED,
	COMPACT_CONTENDED,
	COMPACT_SUCCESS,
};

struct zone;
struct page;

static inline enum compact_result try_to_compact_pages(gfp_t gfp_mask,
		unsigned int order, unsigned int alloc_flags,
		enum compact_priority prio)
{
	return COMPACT_SKIPPED;
}

static inline void defer_compaction(struct zone *zone, int order)
{
}

static inline bool compaction_deferred(struct zone *zone, int order)
{
	return true;
}

static inline void compaction_defer_reset(struct zone *zone, int order,
					  bool alloc_success)
{
}

static inline void wakeup_kcompactd(struct zone *zone, int order,
				    int classzone_idx)
{
}

#endif /* _LINUX_COMPACTION_H */
