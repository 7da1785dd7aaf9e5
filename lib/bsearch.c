// SPDX-License-Identifier: GPL-2.0
/*
 * lib/bsearch.c - binary search of a sorted array
 */

#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/sort.h>

/**
 * bsearch - binary search of a sorted array
 * @key: what to look for
 * @base: the array, sorted in the order of @cmp
 * @num: the number of elements
 * @size: the size of one element
 * @cmp: compares @key (first argument) with an element (second): less
 *       than, equal to or greater than zero as the key sorts before,
 *       with or after the element
 *
 * Return: an element equal to @key (any one of them, if there are
 * several), or NULL if there is none.
 */
void *bsearch(const void *key, const void *base, size_t num, size_t size,
	      int (*cmp)(const void *key, const void *elt))
{
	const char *lo = base;

	/* The key, if present, is within the num elements from lo. */
	while (num) {
		const char *mid = lo + (num / 2) * size;
		int result = cmp(key, mid);

		if (result == 0)
			return (void *)mid;
		if (result > 0) {
			lo = mid + size;
			num -= num / 2 + 1;
		} else {
			num /= 2;
		}
	}
	return NULL;
}
EXPORT_SYMBOL(bsearch);
