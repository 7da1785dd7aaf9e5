/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): shrinkers, the caches that reclaim asks to shrink. */
#ifndef _LINUX_SHRINKER_H
#define _LINUX_SHRINKER_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>

/*
 * What reclaim tells a shrinker: the allocation it works for, how many
 * objects to scan this call (scan_objects() only), and the node.  4.8
 * also passes the memory cgroup; umm has none.
 */
struct shrink_control {
	gfp_t gfp_mask;
	unsigned long nr_to_scan;
	int nid;
};

/* scan_objects() found nothing it could free: stop calling it this round. */
#define SHRINK_STOP (~0UL)

/**
 * struct shrinker - a cache that reclaim shrinks in step with the LRU
 * @count_objects: how many objects could be freed now (0: nothing to do);
 *	it must not sleep for long and should not take the cache's locks
 *	for long either
 * @scan_objects: try to free about sc->nr_to_scan objects; return how
 *	many were freed, or SHRINK_STOP when no progress can be made
 * @seeks: the cost of recreating an object, relative to a page read
 *	(DEFAULT_SEEKS); the higher, the less the cache is scanned
 * @batch: objects per scan_objects() call; 0 means SHRINK_BATCH
 * @flags: SHRINKER_* flags
 * @list: on the list of registered shrinkers (reclaim's business)
 * @nr_deferred: the scan work not done yet, carried to the next call
 *	(one per node if SHRINKER_NUMA_AWARE)
 */
struct shrinker {
	unsigned long (*count_objects)(struct shrinker *shrinker,
				       struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *shrinker,
				      struct shrink_control *sc);
	int seeks;
	long batch;
	unsigned long flags;
	struct list_head list;
	atomic_long_t *nr_deferred;
};

#define DEFAULT_SEEKS 2

/* Flags */
#define SHRINKER_NUMA_AWARE	(1 << 0)

int register_shrinker(struct shrinker *shrinker);
void unregister_shrinker(struct shrinker *shrinker);

#endif /* _LINUX_SHRINKER_H */
