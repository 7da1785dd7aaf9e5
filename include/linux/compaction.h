/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: memory compaction (mm/compaction.c) and kcompactd. */
/* newer: compact_gap() is a later kernel's name for 4.8's 2UL << order. */
/* 4.8: no COMPACT_PRIO_SYNC_FULL (4.9) and no MIN_COMPACT_COSTLY_PRIORITY (4.10). */
#ifndef _LINUX_COMPACTION_H
#define _LINUX_COMPACTION_H

#include <linux/types.h>
#include <linux/mmzone.h>

/*
 * How hard direct compaction tries, highest effort first (a lower value
 * is a higher priority, as with reclaim priorities).  The allocator starts
 * at INIT_COMPACT_PRIORITY and raises the effort as it retries.
 */
enum compact_priority {
	COMPACT_PRIO_SYNC_LIGHT,
	MIN_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	DEF_COMPACT_PRIORITY = COMPACT_PRIO_SYNC_LIGHT,
	COMPACT_PRIO_ASYNC,
	INIT_COMPACT_PRIORITY = COMPACT_PRIO_ASYNC
};

/* What compact_zone() and try_to_compact_pages() report. */
enum compact_result {
	COMPACT_NOT_SUITABLE_ZONE,	/* tracing only: zone not worth it */
	COMPACT_SKIPPED,		/* not started: too little free memory */
	COMPACT_DEFERRED,		/* not started: recent failures */
	COMPACT_INACTIVE = COMPACT_DEFERRED,
	COMPACT_NO_SUITABLE_PAGE,	/* tracing only: no page of the order yet */
	COMPACT_CONTINUE,		/* keep going to the next pageblock */
	COMPACT_COMPLETE,		/* scanned the whole zone, no success */
	COMPACT_PARTIAL_SKIPPED,	/* scanned part of the zone, no success */
	COMPACT_CONTENDED,		/* gave up on a contended lock (async) */
	COMPACT_SUCCESS,		/* the allocation should succeed now */
};

/* Pages isolated for migration in one batch (SWAP_CLUSTER_MAX). */
#define COMPACT_CLUSTER_MAX	32

struct alloc_context;
struct ctl_table;

extern int sysctl_compact_memory;
extern int sysctl_extfrag_threshold;
extern int sysctl_compact_unevictable_allowed;

int sysctl_compaction_handler(struct ctl_table *table, int write,
			      void __user *buffer, size_t *length,
			      loff_t *ppos);

enum compact_result try_to_compact_pages(gfp_t gfp_mask, unsigned int order,
		unsigned int alloc_flags, const struct alloc_context *ac,
		enum compact_priority prio);
void reset_isolation_suitable(pg_data_t *pgdat);

/*
 * Free pages compaction wants besides the request itself: room for the
 * pages it migrates (a later kernel's name for 4.8's "2UL << order").
 */
static inline unsigned long compact_gap(unsigned int order)
{
	return 2UL << order;
}
enum compact_result compaction_suitable(struct zone *zone, int order,
		unsigned int alloc_flags, int classzone_idx);

void defer_compaction(struct zone *zone, int order);
bool compaction_deferred(struct zone *zone, int order);
void compaction_defer_reset(struct zone *zone, int order, bool alloc_success);
bool compaction_restarting(struct zone *zone, int order);

/* Worth retrying: compaction got the allocation's order free. */
static inline bool compaction_made_progress(enum compact_result result)
{
	return result == COMPACT_SUCCESS;
}

/* Not worth retrying: every zone was scanned to the end in vain. */
static inline bool compaction_failed(enum compact_result result)
{
	return result == COMPACT_COMPLETE;
}

/* Compaction stepped back (deferred, skipped, contended): may retry. */
static inline bool compaction_withdrawn(enum compact_result result)
{
	return result == COMPACT_DEFERRED || result == COMPACT_SKIPPED ||
	       result == COMPACT_CONTENDED || result == COMPACT_PARTIAL_SKIPPED;
}

int kcompactd_run(int nid);
void kcompactd_stop(int nid);
void wakeup_kcompactd(pg_data_t *pgdat, int order, int classzone_idx);

#endif /* _LINUX_COMPACTION_H */
