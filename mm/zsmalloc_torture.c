// SPDX-License-Identifier: GPL-2.0
/*
 * mm/zsmalloc_torture.c - zsmalloc's torture operations, for mm/movetorture.c
 *
 * movetorture migrates zsmalloc's pages while these allocate and free
 * objects in a pool of their own, as zram would: objects of every size
 * class, each filled with bytes derived from its id, freed at random
 * (also when their zspage is isolated, or being migrated), and checked
 * through zs_map_object().  Only zsmalloc's public API is used.
 *
 * zt.lock (a mutex) keeps the table of objects; zsmalloc's own locks
 * are taken inside it.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/page_kind.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/zsmalloc.h>
#include "zsmalloc.h"

#define ZT_MAX_OBJS	32768

struct zt_obj {
	unsigned long handle;
	u32 size;
	u32 id;
};

static struct {
	struct mutex lock;
	struct zs_pool *pool;
	struct zt_obj *objs;
	unsigned int nr;
	u32 next_id;
} zt = {
	.lock = __MUTEX_INITIALIZER(zt.lock),
};

static u8 zt_byte(u32 id, u32 i)
{
	return (id * 131 + i * 7) ^ (id >> 8);
}

static int zt_start(void)
{
	mutex_lock(&zt.lock);
	zt.pool = zs_create_pool("movetorture");
	zt.objs = kcalloc(ZT_MAX_OBJS, sizeof(*zt.objs), GFP_KERNEL);
	if (!zt.pool || !zt.objs) {
		if (zt.pool)
			zs_destroy_pool(zt.pool);
		kfree(zt.objs);
		zt.pool = NULL;
		zt.objs = NULL;
		mutex_unlock(&zt.lock);
		return -ENOMEM;
	}
	zt.nr = 0;
	mutex_unlock(&zt.lock);
	return 0;
}

/* One more object of @size bytes; zt.lock held. */
static int zt_add(u32 size)
{
	gfp_t gfp = GFP_NOIO | __GFP_NOWARN;
	struct zt_obj *obj;
	u8 *p;
	u32 i;

	if (READ_ONCE(zs_movable))
		gfp |= __GFP_HIGHMEM | __GFP_MOVABLE;
	if (zt.nr == ZT_MAX_OBJS)
		return -ENOSPC;
	obj = &zt.objs[zt.nr];
	obj->handle = zs_malloc(zt.pool, size, gfp);
	if (!obj->handle)
		return -ENOMEM;
	obj->size = size;
	obj->id = zt.next_id++;
	p = zs_map_object(zt.pool, obj->handle, ZS_MM_WO);
	for (i = 0; i < size; i++)
		p[i] = zt_byte(obj->id, i);
	zs_unmap_object(zt.pool, obj->handle);
	zt.nr++;
	return 0;
}

/* About @nr pages' worth of objects of every size. */
static int zt_alloc(unsigned long nr, struct rnd_state *rnd)
{
	unsigned long bytes = 0;
	int err = 0;

	mutex_lock(&zt.lock);
	while (!err && bytes < nr * PAGE_SIZE) {
		u32 size = 16 + prandom_u32_state_max(rnd, PAGE_SIZE - 15);

		err = zt_add(size);
		bytes += size;
	}
	mutex_unlock(&zt.lock);
	return err;
}

/* Objects chosen at random, about @nr pages' worth. */
static void zt_free(unsigned long nr, struct rnd_state *rnd)
{
	unsigned long bytes = 0;

	mutex_lock(&zt.lock);
	while (zt.nr && bytes < nr * PAGE_SIZE) {
		unsigned int i = prandom_u32_state_max(rnd, zt.nr);

		zs_free(zt.pool, zt.objs[i].handle);
		bytes += zt.objs[i].size;
		zt.objs[i] = zt.objs[--zt.nr];
	}
	mutex_unlock(&zt.lock);
}

static long zt_verify(void)
{
	unsigned int n;
	long bad = 0;

	mutex_lock(&zt.lock);
	for (n = 0; n < zt.nr; n++) {
		struct zt_obj *obj = &zt.objs[n];
		const u8 *p = zs_map_object(zt.pool, obj->handle, ZS_MM_RO);
		u32 i;

		for (i = 0; i < obj->size; i++)
			if (p[i] != zt_byte(obj->id, i))
				break;
		zs_unmap_object(zt.pool, obj->handle);
		if (i < obj->size)
			bad++;
		cond_resched();
	}
	mutex_unlock(&zt.lock);
	return bad;
}

/* Every object, then the pool: it waits for its isolated pages. */
static void zt_stop(void)
{
	mutex_lock(&zt.lock);
	while (zt.nr)
		zs_free(zt.pool, zt.objs[--zt.nr].handle);
	zs_destroy_pool(zt.pool);
	kfree(zt.objs);
	zt.pool = NULL;
	zt.objs = NULL;
	mutex_unlock(&zt.lock);
}

const struct page_kind_torture zs_torture = {
	.start	= zt_start,
	.alloc	= zt_alloc,
	.free	= zt_free,
	.verify	= zt_verify,
	.stop	= zt_stop,
};
