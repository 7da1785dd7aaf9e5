/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: page flags, page types and the page->mapping tag bits. */
/* newer: 4.18's PAGE_TYPE_OPS() and PageTable; 4.8 spells out PageBuddy */
/* newer: and PageBalloon on the same _mapcount values. */

#ifndef PAGE_FLAGS_H
#define PAGE_FLAGS_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/bitops.h>
#include <linux/mm_types.h>
#include <linux/mmdebug.h>

/*
 * Bit numbers in page->flags.  The zone number sits in the top bits
 * (ZONES_PGSHIFT, see <linux/mm.h>).
 */
enum pageflags {
	PG_locked,		/* Page is locked.  Don't touch. */
	PG_error,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_slab,
	PG_owner_priv_1,	/* Owner use.  If pagecache, fs may use */
	PG_arch_1,
	PG_reserved,
	PG_private,		/* If pagecache, has fs-private data */
	PG_private_2,
	PG_writeback,		/* Page is under writeback */
	PG_head,
	PG_swapcache,		/* Swap page: swp_entry_t in private */
	PG_mappedtodisk,
	PG_reclaim,		/* To be reclaimed asap */
	PG_swapbacked,		/* Page is backed by RAM/swap */
	PG_unevictable,
	PG_mlocked,
	__NR_PAGEFLAGS,

	PG_checked = PG_owner_priv_1,
	/*
	 * A non-LRU movable page taken by the VM for migration.  It shares
	 * the bit with PG_reclaim: reclaim only looks at LRU pages, and an
	 * isolated non-LRU page is never on the LRU.
	 */
	PG_isolated = PG_reclaim,
};

#define NR_PAGEFLAGS	__NR_PAGEFLAGS

/*
 * Accessor generators.  There are no compound pages in umm, so every page
 * is its own head and the 4.8 policy argument (PF_ANY, PF_HEAD...) has
 * nothing to redirect; it is kept so that the declarations read as 4.8's.
 */
#define PF_ANY(page)		(page)
#define PF_HEAD(page)		(page)
#define PF_NO_TAIL(page)	(page)
#define PF_NO_COMPOUND(page)	(page)

#define TESTPAGEFLAG(uname, lname, policy)				\
static __always_inline int Page##uname(const struct page *page)	\
	{ return test_bit(PG_##lname, &policy(page)->flags); }

#define SETPAGEFLAG(uname, lname, policy)				\
static __always_inline void SetPage##uname(struct page *page)		\
	{ set_bit(PG_##lname, &policy(page)->flags); }

#define CLEARPAGEFLAG(uname, lname, policy)				\
static __always_inline void ClearPage##uname(struct page *page)	\
	{ clear_bit(PG_##lname, &policy(page)->flags); }

#define __SETPAGEFLAG(uname, lname, policy)				\
static __always_inline void __SetPage##uname(struct page *page)	\
	{ __set_bit(PG_##lname, &policy(page)->flags); }

#define __CLEARPAGEFLAG(uname, lname, policy)				\
static __always_inline void __ClearPage##uname(struct page *page)	\
	{ __clear_bit(PG_##lname, &policy(page)->flags); }

#define TESTSETFLAG(uname, lname, policy)				\
static __always_inline int TestSetPage##uname(struct page *page)	\
	{ return test_and_set_bit(PG_##lname, &policy(page)->flags); }

#define TESTCLEARFLAG(uname, lname, policy)				\
static __always_inline int TestClearPage##uname(struct page *page)	\
	{ return test_and_clear_bit(PG_##lname, &policy(page)->flags); }

#define PAGEFLAG(uname, lname, policy)					\
	TESTPAGEFLAG(uname, lname, policy)				\
	SETPAGEFLAG(uname, lname, policy)				\
	CLEARPAGEFLAG(uname, lname, policy)

#define __PAGEFLAG(uname, lname, policy)				\
	TESTPAGEFLAG(uname, lname, policy)				\
	__SETPAGEFLAG(uname, lname, policy)				\
	__CLEARPAGEFLAG(uname, lname, policy)

#define TESTSCFLAG(uname, lname, policy)				\
	TESTSETFLAG(uname, lname, policy)				\
	TESTCLEARFLAG(uname, lname, policy)

__PAGEFLAG(Locked, locked, PF_NO_TAIL)
PAGEFLAG(Error, error, PF_NO_COMPOUND) TESTCLEARFLAG(Error, error, PF_NO_COMPOUND)
PAGEFLAG(Referenced, referenced, PF_HEAD)
	TESTCLEARFLAG(Referenced, referenced, PF_HEAD)
	__SETPAGEFLAG(Referenced, referenced, PF_HEAD)
PAGEFLAG(Uptodate, uptodate, PF_NO_TAIL)
	__SETPAGEFLAG(Uptodate, uptodate, PF_NO_TAIL)
PAGEFLAG(Dirty, dirty, PF_HEAD) TESTSCFLAG(Dirty, dirty, PF_HEAD)
	__CLEARPAGEFLAG(Dirty, dirty, PF_HEAD)
PAGEFLAG(LRU, lru, PF_HEAD) __CLEARPAGEFLAG(LRU, lru, PF_HEAD)
	TESTCLEARFLAG(LRU, lru, PF_HEAD)
PAGEFLAG(Active, active, PF_HEAD) __CLEARPAGEFLAG(Active, active, PF_HEAD)
	TESTCLEARFLAG(Active, active, PF_HEAD)
__PAGEFLAG(Slab, slab, PF_NO_TAIL)
PAGEFLAG(Checked, checked, PF_NO_COMPOUND)
PAGEFLAG(Reserved, reserved, PF_NO_COMPOUND)
	__CLEARPAGEFLAG(Reserved, reserved, PF_NO_COMPOUND)
	__SETPAGEFLAG(Reserved, reserved, PF_NO_COMPOUND)
PAGEFLAG(SwapBacked, swapbacked, PF_NO_TAIL)
	__CLEARPAGEFLAG(SwapBacked, swapbacked, PF_NO_TAIL)
	__SETPAGEFLAG(SwapBacked, swapbacked, PF_NO_TAIL)
PAGEFLAG(Private, private, PF_ANY) __SETPAGEFLAG(Private, private, PF_ANY)
	__CLEARPAGEFLAG(Private, private, PF_ANY)
PAGEFLAG(Private2, private_2, PF_ANY) TESTSCFLAG(Private2, private_2, PF_ANY)
PAGEFLAG(OwnerPriv1, owner_priv_1, PF_ANY)
	TESTCLEARFLAG(OwnerPriv1, owner_priv_1, PF_ANY)
PAGEFLAG(Writeback, writeback, PF_NO_COMPOUND)
	TESTSCFLAG(Writeback, writeback, PF_NO_COMPOUND)
PAGEFLAG(MappedToDisk, mappedtodisk, PF_NO_TAIL)
PAGEFLAG(Reclaim, reclaim, PF_NO_TAIL)
	TESTCLEARFLAG(Reclaim, reclaim, PF_NO_TAIL)
PAGEFLAG(SwapCache, swapcache, PF_NO_COMPOUND)
PAGEFLAG(Unevictable, unevictable, PF_HEAD)
	__CLEARPAGEFLAG(Unevictable, unevictable, PF_HEAD)
	TESTCLEARFLAG(Unevictable, unevictable, PF_HEAD)
PAGEFLAG(Mlocked, mlocked, PF_NO_TAIL)
	__CLEARPAGEFLAG(Mlocked, mlocked, PF_NO_TAIL)
	TESTSCFLAG(Mlocked, mlocked, PF_NO_TAIL)

/*
 * Set and cleared by the VM only, always under the page lock, hence the
 * non-atomic accessors (see Documentation/vm/page_migration.rst).
 */
__PAGEFLAG(Isolated, isolated, PF_ANY)

/*
 * page->mapping low bits.  struct address_space is at least 4-byte aligned,
 * which leaves two bits to say what the pointer is:
 *
 *   bit 0 (PAGE_MAPPING_ANON):    the pointer is an anon_vma
 *   bit 1 (PAGE_MAPPING_MOVABLE): a non-LRU movable page; the pointer is
 *                                 the driver's struct address_space
 *   both (PAGE_MAPPING_KSM):      a KSM stable node (no KSM in umm)
 */
#define PAGE_MAPPING_ANON	0x1
#define PAGE_MAPPING_MOVABLE	0x2
#define PAGE_MAPPING_KSM	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define PAGE_MAPPING_FLAGS	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)

static __always_inline int PageMappingFlags(const struct page *page)
{
	return ((unsigned long)READ_ONCE(page->mapping) & PAGE_MAPPING_FLAGS) != 0;
}

static __always_inline int PageAnon(const struct page *page)
{
	return ((unsigned long)READ_ONCE(page->mapping) & PAGE_MAPPING_ANON) != 0;
}

/*
 * __PageMovable - the lockless test of the movable tag.
 *
 * Only a hint while the page may change hands (page->mapping is a union
 * with other owners' data); PageMovable() under the page lock is the
 * answer.  It is reliable for a page the VM has isolated.
 */
static __always_inline int __PageMovable(const struct page *page)
{
	return ((unsigned long)READ_ONCE(page->mapping) & PAGE_MAPPING_FLAGS) ==
		PAGE_MAPPING_MOVABLE;
}

static __always_inline int PageKsm(const struct page *page)
{
	return ((unsigned long)READ_ONCE(page->mapping) & PAGE_MAPPING_FLAGS) ==
		PAGE_MAPPING_KSM;
}

/*
 * Page types, stored in page->_mapcount of pages that are never mapped
 * to user space.  A page has at most one type; _mapcount is -1 otherwise.
 */
#define PAGE_BUDDY_MAPCOUNT_VALUE	(-128)
#define PAGE_BALLOON_MAPCOUNT_VALUE	(-256)
#define PAGE_TABLE_MAPCOUNT_VALUE	(-1024)

#define PAGE_TYPE_OPS(uname, value)					\
static __always_inline int Page##uname(const struct page *page)	\
{									\
	return atomic_read(&page->_mapcount) == (value);		\
}									\
static __always_inline void __SetPage##uname(struct page *page)	\
{									\
	VM_BUG_ON_PAGE(atomic_read(&page->_mapcount) != -1, page);	\
	atomic_set(&page->_mapcount, (value));				\
}									\
static __always_inline void __ClearPage##uname(struct page *page)	\
{									\
	VM_BUG_ON_PAGE(!Page##uname(page), page);			\
	atomic_set(&page->_mapcount, -1);				\
}

/* Free in the buddy allocator; page_private() is the order. */
PAGE_TYPE_OPS(Buddy, PAGE_BUDDY_MAPCOUNT_VALUE)
/* Owned by a memory balloon driver. */
PAGE_TYPE_OPS(Balloon, PAGE_BALLOON_MAPCOUNT_VALUE)
/* A page table page of a workload task (PG_table arrived in 4.18). */
PAGE_TYPE_OPS(Table, PAGE_TABLE_MAPCOUNT_VALUE)

/* Flags that must be clear when a page is freed. */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	(1UL << PG_lru	     | 1UL << PG_locked	   |			\
	 1UL << PG_private   | 1UL << PG_private_2 |			\
	 1UL << PG_writeback | 1UL << PG_reserved  |			\
	 1UL << PG_slab	     | 1UL << PG_swapcache | 1UL << PG_active |	\
	 1UL << PG_unevictable | 1UL << PG_mlocked)

/* Flags that must be clear when a page is handed out (all of them). */
#define PAGE_FLAGS_CHECK_AT_PREP	((1UL << NR_PAGEFLAGS) - 1)

#endif /* PAGE_FLAGS_H */
