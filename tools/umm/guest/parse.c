// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/parse.c - numbers, sizes and names as umm's console
 * reads them
 *
 * Same rules as the kernel's kstrto*() and memparse (lib/kstrtox.c,
 * lib/cmdline.c): the whole word is the number, one trailing newline
 * aside; base 0 takes 0x and 0 prefixes; sizes take K, M, G, T, P, E.
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include "agent.h"

/* Digits of @s in @base, all of them: 0 and the value, or -errno. */
static int parse_digits(const char *s, unsigned int base,
			unsigned long long *val, const char **end)
{
	unsigned long long v = 0;
	bool overflow = false;
	const char *p;

	if (base == 0) {
		if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
		    isxdigit((unsigned char)s[2])) {
			base = 16;
			s += 2;
		} else {
			base = s[0] == '0' ? 8 : 10;
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	for (p = s; *p; p++) {
		unsigned int d;

		if (isdigit((unsigned char)*p))
			d = *p - '0';
		else if (isalpha((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			break;
		if (d >= base)
			break;
		if (v > (~0ULL - d) / base)
			overflow = true;
		v = v * base + d;
	}
	if (p == s)
		return -EINVAL;
	*end = p;
	*val = v;
	return overflow ? -ERANGE : 0;
}

/**
 * parse_uint - an unsigned number that is the whole word, at most @max
 * @s: the word
 * @base: 10, 16, or 0 for the C prefixes
 * @max: the largest value allowed
 * @val: the value
 *
 * Return: 0, -EINVAL or -ERANGE.
 */
int parse_uint(const char *s, unsigned int base, unsigned long long max,
	       unsigned long long *val)
{
	const char *end;
	int err;

	if (*s == '+')
		s++;
	err = parse_digits(s, base, val, &end);
	if (err)
		return err;
	if (*end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	return *val > max ? -ERANGE : 0;
}

/* A signed decimal number that is the whole word (kstrtoll(s, 10)). */
int parse_int(const char *s, long long *val)
{
	unsigned long long v;
	bool neg = *s == '-';
	int err = parse_uint(neg ? s + 1 : s, 10,
			     neg ? 1ULL << 63 : (1ULL << 63) - 1, &v);

	if (err)
		return err;
	*val = neg ? (long long)(0 - v) : (long long)v;
	return 0;
}

/* A size: a number with an optional K, M, G, T, P or E (memparse_strict). */
int parse_size(const char *s, unsigned long long *size)
{
	static const char suffixes[] = "kmgtpe";
	unsigned long long v;
	unsigned int shift = 0;
	const char *end, *p;
	int err;

	if (strchr(s, '\n'))
		return -EINVAL;
	err = parse_digits(s, 0, &v, &end);
	if (err == -EINVAL)
		return err;
	p = *end ? strchr(suffixes, tolower((unsigned char)*end)) : NULL;
	if (p) {
		shift = 10 * (p - suffixes + 1);
		end++;
	}
	if (*end)
		return -EINVAL;
	if (err || v > ~0ULL >> shift)
		return -ERANGE;
	*size = v << shift;
	return 0;
}

/* A ratio from 0 to 1 with up to three decimals, in thousandths. */
int parse_ratio(const char *s, unsigned int *permille)
{
	unsigned int whole = 0, frac = 0, digits = 0;

	if (isdigit((unsigned char)*s))
		whole = *s++ - '0';
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s) && digits < 3; s++, digits++)
			frac = frac * 10 + (*s - '0');
		while (digits < 3) {
			frac *= 10;
			digits++;
		}
	}
	if (*s || whole > 1 || (whole == 1 && frac))
		return -EINVAL;
	*permille = whole * 1000 + frac;
	return 0;
}

/* Letters, digits, '_' and '-', 1 to @max - 1 of them. */
bool valid_name(const char *name, size_t max)
{
	size_t i, len = strlen(name);

	if (!len || len >= max)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '_' &&
		    name[i] != '-')
			return false;
	return true;
}

/* The default seed of the next fill, touch or madvise, as umm's console. */
uint64_t agent_next_seed(void)
{
	return agent.seed * 6364136223846793005ULL + ++agent.request_seq;
}
