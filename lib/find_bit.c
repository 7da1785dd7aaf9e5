// SPDX-License-Identifier: GPL-2.0
/*
 * lib/find_bit.c - find the next set or clear bit in a bitmap
 *
 * Both searches are one loop over words: the word is inverted first when
 * looking for a zero, so that the search is always for a set bit, and
 * __ffs() finds it within the word.
 */

#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/export.h>

/*
 * The first bit at or after start that is set in (word ^ invert), or
 * nbits if there is none below nbits.  Words are read with READ_ONCE():
 * bitmaps such as cpu_online_mask are searched while other CPUs flip
 * bits in them atomically, and the answer is then a snapshot anyway.
 */
static unsigned long find_next(const unsigned long *addr, unsigned long nbits,
			       unsigned long start, unsigned long invert)
{
	unsigned long word;

	if (unlikely(start >= nbits))
		return nbits;

	/* The first word: ignore the bits below start. */
	word = (READ_ONCE(addr[BIT_WORD(start)]) ^ invert) &
		BITMAP_FIRST_WORD_MASK(start);
	start = round_down(start, BITS_PER_LONG);

	while (!word) {
		start += BITS_PER_LONG;
		if (start >= nbits)
			return nbits;
		word = READ_ONCE(addr[BIT_WORD(start)]) ^ invert;
	}
	/* A hit in the last word may lie in its bits past nbits. */
	return min(start + __ffs(word), nbits);
}

/**
 * find_next_bit - find the next set bit in a bitmap
 * @addr: the bitmap
 * @size: the number of bits in the bitmap
 * @offset: the bit to start searching at
 *
 * Return: the index of the first set bit at or after @offset, or @size
 * if there is none (also when @offset >= @size).
 */
unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset)
{
	return find_next(addr, size, offset, 0UL);
}
EXPORT_SYMBOL(find_next_bit);

/**
 * find_next_zero_bit - find the next clear bit in a bitmap
 * @addr: the bitmap
 * @size: the number of bits in the bitmap
 * @offset: the bit to start searching at
 *
 * Return: the index of the first clear bit at or after @offset, or @size
 * if there is none (also when @offset >= @size).
 */
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset)
{
	return find_next(addr, size, offset, ~0UL);
}
EXPORT_SYMBOL(find_next_zero_bit);
