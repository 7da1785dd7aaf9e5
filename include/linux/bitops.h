/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: bit operations with the kernel's atomicity and ordering rules. */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/bits.h>

/*
 * Ordering, as in Linux's Documentation/atomic_bitops.txt: set_bit(), clear_bit()
 * and change_bit() are atomic but unordered; the test_and_*() forms are
 * fully ordered; the _lock/_unlock forms have acquire/release semantics.
 * The __ forms are not atomic: the caller excludes concurrent writers (for
 * page flags, with the page lock).  They still load and store the word with
 * single accesses, so that a lockless test_bit() sees either value.
 */
#define __bitop_word(nr, addr)	((unsigned long *)(addr) + BIT_WORD(nr))

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(__bitop_word(nr, addr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(__bitop_word(nr, addr), ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(__bitop_word(nr, addr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(__bitop_word(nr, addr), BIT_MASK(nr),
				 __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(__bitop_word(nr, addr), ~BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_xor(__bitop_word(nr, addr), BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) & BIT_MASK(nr);
}

static inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(__bitop_word(nr, addr), BIT_MASK(nr),
				 __ATOMIC_ACQUIRE) & BIT_MASK(nr);
}

static inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(__bitop_word(nr, addr), ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n((const unsigned long *)addr + BIT_WORD(nr),
				__ATOMIC_RELAXED) >> (nr % BITS_PER_LONG)) & 1UL;
}

static inline void __set_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = __bitop_word(nr, addr);

	__atomic_store_n(p, __atomic_load_n(p, __ATOMIC_RELAXED) | BIT_MASK(nr),
			 __ATOMIC_RELAXED);
}

static inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = __bitop_word(nr, addr);

	__atomic_store_n(p, __atomic_load_n(p, __ATOMIC_RELAXED) & ~BIT_MASK(nr),
			 __ATOMIC_RELAXED);
}

static inline void __change_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = __bitop_word(nr, addr);

	__atomic_store_n(p, __atomic_load_n(p, __ATOMIC_RELAXED) ^ BIT_MASK(nr),
			 __ATOMIC_RELAXED);
}

static inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__set_bit(nr, addr);
	return old;
}

static inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	bool old = test_bit(nr, addr);

	__clear_bit(nr, addr);
	return old;
}

/* Non-atomic release: only the lock holder writes the word meanwhile. */
static inline void __clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	unsigned long *p = __bitop_word(nr, addr);

	__atomic_store_n(p, __atomic_load_n(p, __ATOMIC_RELAXED) & ~BIT_MASK(nr),
			 __ATOMIC_RELEASE);
}

/* __ffs: index of the lowest set bit; undefined for 0. */
static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

/* __fls: index of the highest set bit; undefined for 0. */
static inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

static inline unsigned long ffz(unsigned long word)
{
	return __ffs(~word);
}

/* ffs/fls: 1-based, 0 when no bit is set. */
static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline int fls_long(unsigned long l)
{
	return fls64(l);
}

static inline unsigned int hweight32(unsigned int w)
{
	return __builtin_popcount(w);
}

static inline unsigned long hweight_long(unsigned long w)
{
	return __builtin_popcountl(w);
}

/* lib/find_bit.c */
unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset);
#define find_first_bit(addr, size)	find_next_bit((addr), (size), 0)
#define find_first_zero_bit(addr, size)	find_next_zero_bit((addr), (size), 0)

#define for_each_set_bit(bit, addr, size) \
	for ((bit) = find_first_bit((addr), (size));		\
	     (bit) < (size);					\
	     (bit) = find_next_bit((addr), (size), (bit) + 1))

#define for_each_clear_bit(bit, addr, size) \
	for ((bit) = find_first_zero_bit((addr), (size));	\
	     (bit) < (size);					\
	     (bit) = find_next_zero_bit((addr), (size), (bit) + 1))

#endif /* _LINUX_BITOPS_H */
