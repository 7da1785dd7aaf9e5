// SPDX-License-Identifier: GPL-2.0
/*
 * lib/bitmap.c - operations on ranges of bits in a bitmap
 *
 * The operations that are too long to inline in <linux/bitmap.h>.  A
 * range of bits is at most three parts: a partial first word, whole
 * words, and a partial last word; whole words are written in one store.
 * Nothing here is atomic: see <linux/bitmap.h>.
 */

#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/export.h>

/*
 * Set or clear bits [start, start + len), len > 0: the partial words
 * with a mask, the whole words in between with one store each.
 */
static void bitmap_range(unsigned long *map, unsigned int start,
			 unsigned int len, bool set)
{
	unsigned int end = start + len;
	unsigned int first = BIT_WORD(start);
	unsigned int last = BIT_WORD(end - 1);
	unsigned long head = BITMAP_FIRST_WORD_MASK(start);
	unsigned long tail = BITMAP_LAST_WORD_MASK(end);
	unsigned int w;

	if (first == last)
		head &= tail;

	map[first] = set ? map[first] | head : map[first] & ~head;
	if (first == last)
		return;
	for (w = first + 1; w < last; w++)
		map[w] = set ? ~0UL : 0UL;
	map[last] = set ? map[last] | tail : map[last] & ~tail;
}

/**
 * bitmap_set - set a range of bits
 * @map: the bitmap
 * @start: the first bit to set
 * @len: the number of bits to set; nothing is done if it is not positive
 */
void bitmap_set(unsigned long *map, unsigned int start, int len)
{
	if (len > 0)
		bitmap_range(map, start, len, true);
}
EXPORT_SYMBOL(bitmap_set);

/**
 * bitmap_clear - clear a range of bits
 * @map: the bitmap
 * @start: the first bit to clear
 * @len: the number of bits to clear; nothing is done if it is not positive
 */
void bitmap_clear(unsigned long *map, unsigned int start, int len)
{
	if (len > 0)
		bitmap_range(map, start, len, false);
}
EXPORT_SYMBOL(bitmap_clear);

/**
 * __bitmap_weight - count the set bits of a bitmap
 * @src: the bitmap
 * @nbits: the number of bits in the bitmap; bits beyond are ignored
 *
 * Return: the number of bits set among the first @nbits of @src.
 */
int __bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	unsigned int full = nbits / BITS_PER_LONG;
	unsigned int i;
	int weight = 0;

	for (i = 0; i < full; i++)
		weight += hweight_long(src[i]);
	if (nbits % BITS_PER_LONG)
		weight += hweight_long(src[full] & BITMAP_LAST_WORD_MASK(nbits));
	return weight;
}
EXPORT_SYMBOL(__bitmap_weight);

/**
 * bitmap_find_next_zero_area_off - find a run of clear bits
 * @map: the bitmap
 * @size: its size in bits
 * @start: where to start looking
 * @nr: how many clear bits in a row are wanted
 * @align_mask: the run starts where (index + @align_offset) has these
 *	bits clear (alignment - 1, a power of two's)
 * @align_offset: see @align_mask
 *
 * Return: the index of the first bit of the run, or a value above
 * @size - @nr if there is none.
 */
unsigned long bitmap_find_next_zero_area_off(unsigned long *map,
					     unsigned long size,
					     unsigned long start,
					     unsigned int nr,
					     unsigned long align_mask,
					     unsigned long align_offset)
{
	unsigned long index, end, i;

	for (;;) {
		index = find_next_zero_bit(map, size, start);
		/* Align the start of the run, with the offset in mind. */
		index = ALIGN(index + align_offset, align_mask + 1) -
			align_offset;
		end = index + nr;
		if (end > size)
			return end;
		i = find_next_bit(map, end, index);
		if (i >= end)
			return index;
		start = i + 1;
	}
}
