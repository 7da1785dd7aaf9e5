/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: bitmaps as arrays of unsigned long (4.8 names and semantics). */
#ifndef __LINUX_BITMAP_H
#define __LINUX_BITMAP_H

#include <linux/types.h>
#include <linux/bits.h>
#include <linux/bitops.h>
#include <linux/string.h>

/*
 * A bitmap of nbits bits is BITS_TO_LONGS(nbits) words; bit n lives in
 * word n / BITS_PER_LONG at position n % BITS_PER_LONG.  The bits past
 * nbits in the last word are "don't care": every operation here masks
 * them off on reading, and bitmap_fill() leaves them clear.
 *
 * None of these operations is atomic: the caller serialises writers (use
 * set_bit() and friends for single bits that are shared).
 */
#define DECLARE_BITMAP(name, bits) \
	unsigned long name[BITS_TO_LONGS(bits)]

/* The bits of a word at and above bit start (start taken modulo a word). */
#define BITMAP_FIRST_WORD_MASK(start) \
	(~0UL << ((start) & (BITS_PER_LONG - 1)))
/* The bits of the last word that a bitmap of nbits bits uses (nbits > 0). */
#define BITMAP_LAST_WORD_MASK(nbits) \
	(~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

/* lib/bitmap.c */
void bitmap_set(unsigned long *map, unsigned int start, int len);
void bitmap_clear(unsigned long *map, unsigned int start, int len);
int __bitmap_weight(const unsigned long *src, unsigned int nbits);
unsigned long bitmap_find_next_zero_area_off(unsigned long *map,
					     unsigned long size,
					     unsigned long start,
					     unsigned int nr,
					     unsigned long align_mask,
					     unsigned long align_offset);

static inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

static inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	unsigned int nlongs = BITS_TO_LONGS(nbits);

	if (!nlongs)
		return;
	memset(dst, 0xff, (nlongs - 1) * sizeof(unsigned long));
	dst[nlongs - 1] = BITMAP_LAST_WORD_MASK(nbits);
}

static inline void bitmap_copy(unsigned long *dst, const unsigned long *src,
			       unsigned int nbits)
{
	memcpy(dst, src, BITS_TO_LONGS(nbits) * sizeof(unsigned long));
}

static inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) >= nbits;
}

static inline bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) >= nbits;
}

static inline int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	return __bitmap_weight(src, nbits);
}

#endif /* __LINUX_BITMAP_H */
