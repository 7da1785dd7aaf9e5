// SPDX-License-Identifier: GPL-2.0
/*
 * lib/int_sqrt.c - integer square root
 */

#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/export.h>

/**
 * int_sqrt - the integer square root
 * @x: the number
 *
 * Computed digit by digit in base 4, the way square roots are taken by
 * hand: each step decides one bit of the root, from the top, with a
 * compare and a subtract, so the cost is half the bit length of @x and
 * nothing needs a multiply or a division.
 *
 * Return: the largest integer r with r * r <= @x.
 */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long root = 0, bit, trial;

	if (x <= 1)
		return x;

	/* The highest power of four not above x. */
	bit = 1UL << (__fls(x) & ~1UL);

	/*
	 * Invariant: root holds the bits found so far, scaled by the
	 * current bit, and x what remains of the original after taking
	 * away the square of the partial root.
	 */
	while (bit) {
		trial = root + bit;
		root >>= 1;
		if (x >= trial) {
			x -= trial;
			root += bit;
		}
		bit >>= 2;
	}
	return root;
}
EXPORT_SYMBOL(int_sqrt);
