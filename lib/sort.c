// SPDX-License-Identifier: GPL-2.0
/*
 * lib/sort.c - in-place heapsort of an array
 *
 * Heapsort rather than quicksort because the kernel cannot afford
 * quicksort's worst case: O(n log n) time in every case, no recursion
 * and no extra memory, at the price of not being stable.
 */

#include <linux/kernel.h>
#include <linux/export.h>
#include <linux/sort.h>

typedef int (*cmp_func_t)(const void *, const void *);
typedef void (*swap_func_t)(void *, void *, int);

static void u32_swap(void *a, void *b, int size)
{
	u32 t = *(u32 *)a;

	*(u32 *)a = *(u32 *)b;
	*(u32 *)b = t;
}

static void u64_swap(void *a, void *b, int size)
{
	u64 t = *(u64 *)a;

	*(u64 *)a = *(u64 *)b;
	*(u64 *)b = t;
}

static void generic_swap(void *a, void *b, int size)
{
	char *p = a, *q = b;

	while (size--) {
		char t = *p;

		*p++ = *q;
		*q++ = t;
	}
}

/*
 * Elements of 4 or 8 bytes are swapped as one integer, but only if every
 * element is aligned for it: base aligned and size a multiple of it.
 */
static swap_func_t default_swap(const void *base, size_t size)
{
	if (size == sizeof(u32) && IS_ALIGNED((unsigned long)base, sizeof(u32)))
		return u32_swap;
	if (size == sizeof(u64) && IS_ALIGNED((unsigned long)base, sizeof(u64)))
		return u64_swap;
	return generic_swap;
}

/*
 * Restore the max-heap below root in the heap of the first n elements:
 * the element at root sinks, swapping with its larger child, until no
 * child is larger.  Children of element i are 2i + 1 and 2i + 2.
 */
static void sift_down(char *base, size_t root, size_t n, size_t size,
		      cmp_func_t cmp, swap_func_t swap_func)
{
	size_t child;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap_func(base + root * size, base + child * size, size);
		root = child;
	}
}

/**
 * sort - sort an array of elements
 * @base: the array
 * @num: the number of elements
 * @size: the size of one element
 * @cmp: returns less than, equal to or greater than zero as its first
 *       argument sorts before, with or after its second
 * @swap_func: exchanges two elements (the third argument is @size), or
 *             NULL to swap the bytes; elements that hold pointers into
 *             themselves need their own
 *
 * Sorts in place into ascending order of @cmp.  Not stable: equal
 * elements may change their relative order.
 */
void sort(void *base, size_t num, size_t size,
	  int (*cmp)(const void *, const void *),
	  void (*swap_func)(void *, void *, int))
{
	char *b = base;
	size_t i, n;

	if (num < 2)
		return;
	if (!swap_func)
		swap_func = default_swap(base, size);

	/* Build a max-heap: every parent sinks to its place, bottom up. */
	for (i = num / 2; i-- > 0; )
		sift_down(b, i, num, size, cmp, swap_func);

	/* Move the maximum behind the heap, which shrinks by one. */
	for (n = num - 1; n > 0; n--) {
		swap_func(b, b + n * size, size);
		sift_down(b, 0, n, size, cmp, swap_func);
	}
}
EXPORT_SYMBOL(sort);
