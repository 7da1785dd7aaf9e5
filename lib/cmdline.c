// SPDX-License-Identifier: GPL-2.0
/*
 * lib/cmdline.c - helpers for parsing the kernel command line
 */

#include <linux/kernel.h>
#include <linux/export.h>

/**
 * memparse - parse a string with memory suffixes into a number
 * @ptr: where the number starts; a "0x" or "0" prefix selects hex or
 *       octal, as for simple_strtoull() with base 0
 * @retptr: if not NULL, set to the first character not consumed
 *
 * Reads a size such as "512M" or "0x1000": a number optionally followed
 * by one of K, M, G, T, P or E (either case), each a power of 1024.  The
 * suffix, when present, is consumed; whatever follows it is left for the
 * caller (boot parameters such as "movablecore=64M@1G" go on after it).
 *
 * Return: the value in bytes.  Overflow is not detected.
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	char *end;
	unsigned long long ret = simple_strtoull(ptr, &end, 0);
	unsigned int shift;

	switch (*end) {
	case 'E':
	case 'e':
		shift = 60;
		break;
	case 'P':
	case 'p':
		shift = 50;
		break;
	case 'T':
	case 't':
		shift = 40;
		break;
	case 'G':
	case 'g':
		shift = 30;
		break;
	case 'M':
	case 'm':
		shift = 20;
		break;
	case 'K':
	case 'k':
		shift = 10;
		break;
	default:
		shift = 0;
		break;
	}
	if (shift) {
		ret <<= shift;
		end++;
	}
	if (retptr)
		*retptr = end;
	return ret;
}
EXPORT_SYMBOL(memparse);
