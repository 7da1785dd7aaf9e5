/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: kmem_cache and kmalloc (backed by mm/slab.c, a simple slab). */
/* newer: SLAB_TYPESAFE_BY_RCU is 4.12's name for SLAB_DESTROY_BY_RCU. */
#ifndef _LINUX_SLAB_H
#define _LINUX_SLAB_H

#include <linux/types.h>
#include <linux/gfp.h>

#define SLAB_HWCACHE_ALIGN	0x00002000UL	/* align objects on cache lines */
#define SLAB_PANIC		0x00040000UL	/* panic if kmem_cache_create fails */
#define SLAB_RECLAIM_ACCOUNT	0x00020000UL	/* objects are reclaimable */
/*
 * Type-stable memory: a freed object's memory is only reused for objects
 * of the same cache, and the cache's slabs are never given back.  The
 * kernel gets the same guarantee for the length of an RCU read section;
 * there is no RCU here, so it lasts for ever.
 */
#define SLAB_TYPESAFE_BY_RCU	0x00080000UL

#define KMALLOC_SHIFT_HIGH	13
#define KMALLOC_MAX_CACHE_SIZE	(1UL << KMALLOC_SHIFT_HIGH)
#define KMALLOC_MIN_SIZE	8

#define ZERO_SIZE_PTR		((void *)16)
#define ZERO_OR_NULL_PTR(x)	((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned long flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);

#define KMEM_CACHE(__struct, __flags) \
	kmem_cache_create(#__struct, sizeof(struct __struct), \
			  __alignof__(struct __struct), (__flags), NULL)

void *__kmalloc(size_t size, gfp_t flags) __malloc;
void kfree(const void *objp);
size_t ksize(const void *objp);
void *krealloc(const void *p, size_t new_size, gfp_t flags);

static inline void *kmalloc(size_t size, gfp_t flags)
{
	return __kmalloc(size, flags);
}

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kmem_cache_zalloc(struct kmem_cache *k, gfp_t flags)
{
	return kmem_cache_alloc(k, flags | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return __kmalloc(n * size, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

int kmem_cache_shrink(struct kmem_cache *s);
void kmem_cache_shrink_all(void);
/* One cache, as /proc/slabinfo describes it. */
struct slabinfo {
	const char *name;
	unsigned long active_objs;
	unsigned long num_objs;
	unsigned int objsize;
	unsigned long num_slabs;
	unsigned int order;
};
void slab_visit_caches(void (*fn)(const struct slabinfo *info, void *data),
			 void *data);
void kmem_cache_init(void);

#endif /* _LINUX_SLAB_H */
