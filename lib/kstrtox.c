// SPDX-License-Identifier: GPL-2.0
/*
 * lib/kstrtox.c - strict conversion of strings to integers
 *
 * The kstrto*() functions read the value a user wrote into a /proc or
 * /sys file or a boot parameter.  They are strict on purpose: the whole
 * string must be one number (an optional sign, an optional base prefix,
 * digits), except for the single newline that "echo" appends.  Anything
 * else is -EINVAL and a value that does not fit is -ERANGE, so a typo is
 * refused rather than half-understood.  On error the result is left
 * untouched.
 *
 * The simple_strto*() functions are the old, lenient interface: they
 * stop at the first character that is not a digit, tell the caller where
 * that was, and ignore overflow.  They remain for parsers that walk a
 * string (memparse(), command lines).
 */

#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/string.h>

/*
 * Decide the base of s and step over its prefix.  Base 0 means "as C
 * would read it": "0x" followed by a hex digit is hex, another leading
 * zero is octal, anything else decimal.  An explicit base 16 also
 * accepts (and skips) a "0x" prefix.
 */
static const char *parse_integer_fixup_radix(const char *s, unsigned int *base)
{
	bool hex_prefix = s[0] == '0' && _tolower(s[1]) == 'x';

	if (*base == 0) {
		if (hex_prefix && isxdigit(s[2]))
			*base = 16;
		else if (s[0] == '0')
			*base = 8;
		else
			*base = 10;
	}
	if (*base == 16 && hex_prefix)
		s += 2;
	return s;
}

/* The value of digit c, or 16 (larger than any base we take) if none. */
static unsigned int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	c = _tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 16;
}

/*
 * Read the digits of base at s into *res.  Returns how many characters
 * were digits; *overflow is set if the value did not fit (the digits are
 * still all consumed, and *res holds the value modulo 2^64).
 */
static size_t parse_integer(const char *s, unsigned int base,
			    unsigned long long *res, bool *overflow)
{
	unsigned long long value = 0;
	size_t n;

	*overflow = false;
	for (n = 0; s[n]; n++) {
		unsigned int digit = digit_value(s[n]);

		if (digit >= base)
			break;
		/* value * base + digit > ULLONG_MAX, without overflowing */
		if (value > (ULLONG_MAX - digit) / base)
			*overflow = true;
		value = value * base + digit;
	}
	*res = value;
	return n;
}

/* The strict core: digits with an optional prefix and newline, no sign. */
static int _kstrtoull(const char *s, unsigned int base,
		      unsigned long long *res)
{
	unsigned long long value;
	bool overflow;
	size_t n;

	s = parse_integer_fixup_radix(s, &base);
	n = parse_integer(s, base, &value, &overflow);
	if (overflow)
		return -ERANGE;
	if (n == 0)
		return -EINVAL;
	s += n;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = value;
	return 0;
}

/**
 * kstrtoull - convert a string to an unsigned long long
 * @s: the string: optional '+', then digits in @base, then optionally
 *     one newline
 * @base: 2 to 16, or 0 to take the base from the prefix ("0x": 16,
 *        "0": 8, otherwise 10); base 16 also accepts a "0x" prefix
 * @res: where to store the result; untouched on error
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parsing error.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return _kstrtoull(s, base, res);
}
EXPORT_SYMBOL(kstrtoull);

/**
 * kstrtoll - convert a string to a long long
 * @s: the string: optional '+' or '-', then digits in @base, then
 *     optionally one newline
 * @base: as for kstrtoull()
 * @res: where to store the result; untouched on error
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parsing error.
 */
int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long value;
	int ret;

	if (s[0] == '-') {
		ret = _kstrtoull(s + 1, base, &value);
		if (ret)
			return ret;
		/* The magnitude may reach 2^63, which is LLONG_MIN. */
		if (value > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = (long long)-value;
		return 0;
	}
	ret = kstrtoull(s, base, &value);
	if (ret)
		return ret;
	if (value > LLONG_MAX)
		return -ERANGE;
	*res = value;
	return 0;
}
EXPORT_SYMBOL(kstrtoll);

/**
 * kstrtoul - convert a string to an unsigned long
 * @s: the string, as for kstrtoull()
 * @base: as for kstrtoull()
 * @res: where to store the result; untouched on error
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parsing error.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *res)
{
	unsigned long long value;
	int ret;

	ret = kstrtoull(s, base, &value);
	if (ret)
		return ret;
	if (value != (unsigned long)value)
		return -ERANGE;
	*res = value;
	return 0;
}
EXPORT_SYMBOL(kstrtoul);

/**
 * kstrtol - convert a string to a long
 * @s: the string, as for kstrtoll()
 * @base: as for kstrtoull()
 * @res: where to store the result; untouched on error
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parsing error.
 */
int kstrtol(const char *s, unsigned int base, long *res)
{
	long long value;
	int ret;

	ret = kstrtoll(s, base, &value);
	if (ret)
		return ret;
	if (value != (long)value)
		return -ERANGE;
	*res = value;
	return 0;
}
EXPORT_SYMBOL(kstrtol);

/**
 * kstrtouint - convert a string to an unsigned int
 * @s: the string, as for kstrtoull()
 * @base: as for kstrtoull()
 * @res: where to store the result; untouched on error
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parsing error.
 */
int kstrtouint(const char *s, unsigned int base, unsigned int *res)
{
	unsigned long long value;
	int ret;

	ret = kstrtoull(s, base, &value);
	if (ret)
		return ret;
	if (value != (unsigned int)value)
		return -ERANGE;
	*res = value;
	return 0;
}
EXPORT_SYMBOL(kstrtouint);

/**
 * kstrtoint - convert a string to an int
 * @s: the string, as for kstrtoll()
 * @base: as for kstrtoull()
 * @res: where to store the result; untouched on error
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parsing error.
 */
int kstrtoint(const char *s, unsigned int base, int *res)
{
	long long value;
	int ret;

	ret = kstrtoll(s, base, &value);
	if (ret)
		return ret;
	if (value != (int)value)
		return -ERANGE;
	*res = value;
	return 0;
}
EXPORT_SYMBOL(kstrtoint);

/**
 * kstrtobool - convert common user input into a boolean
 * @s: the input
 * @res: where to store the result; untouched on error
 *
 * True for a first character of 'y', 'Y' or '1', or for "on"; false for
 * 'n', 'N' or '0', or for "of" ("off").  Like the kernel's, only those
 * first characters are looked at, so "yes" and "no" work too.
 *
 * Return: 0 on success, -EINVAL if @s is none of those.
 */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;

	switch (s[0]) {
	case 'y':
	case 'Y':
	case '1':
		*res = true;
		return 0;
	case 'n':
	case 'N':
	case '0':
		*res = false;
		return 0;
	case 'o':
	case 'O':
		switch (_tolower(s[1])) {
		case 'n':
			*res = true;
			return 0;
		case 'f':
			*res = false;
			return 0;
		}
		break;
	}
	return -EINVAL;
}
EXPORT_SYMBOL(kstrtobool);

/* The shift of a memparse() suffix (K, M, G, T, P, E, either case), or 0. */
static unsigned int mem_suffix_shift(char c)
{
	static const char suffixes[] = "kmgtpe";
	const char *p = c ? strchr(suffixes, _tolower(c)) : NULL;

	return p ? 10 * (p - suffixes + 1) : 0;
}

/**
 * memparse_strict - convert a whole size with an optional memory suffix
 * @s: digits (with a "0x" or "0" prefix for hex or octal, as memparse()),
 *	then optionally one of K, M, G, T, P, E, then at most a newline
 * @res: where to store the size in bytes; untouched on error
 *
 * umm's, not the kernel's: memparse() stops at what it cannot read and
 * ignores overflow, which suits a parser walking a command line but lets
 * "mem=18446744073709551680M" through as 63 MiB.  This is the strict
 * kstrto*() contract for sizes: one size, nothing else, and it fits.
 *
 * Return: 0, -EINVAL if @s is not a size, -ERANGE if it does not fit in
 * 64 bits.
 */
int memparse_strict(const char *s, unsigned long long *res)
{
	unsigned long long value;
	unsigned int base = 0, shift;
	bool overflow;
	size_t n;

	s = parse_integer_fixup_radix(s, &base);
	n = parse_integer(s, base, &value, &overflow);
	if (n == 0)
		return -EINVAL;
	s += n;
	shift = mem_suffix_shift(*s);
	if (shift)
		s++;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	if (overflow || value > ULLONG_MAX >> shift)
		return -ERANGE;
	*res = value << shift;
	return 0;
}
EXPORT_SYMBOL(memparse_strict);

/**
 * simple_strtoull - convert the start of a string to an unsigned long long
 * @cp: the string
 * @endp: if not NULL, set to the first character not converted
 * @base: the base, or 0 to take it from the prefix as kstrtoull() does
 *
 * No sign, no leading white space; overflow is not detected.  Prefer
 * kstrtoull() unless the number is followed by more text.
 *
 * Return: the value of the digits at the start of @cp (0 if none).
 */
unsigned long long simple_strtoull(const char *cp, char **endp,
				   unsigned int base)
{
	unsigned long long value;
	bool overflow;

	cp = parse_integer_fixup_radix(cp, &base);
	cp += parse_integer(cp, base, &value, &overflow);
	if (endp)
		*endp = (char *)cp;
	return value;
}
EXPORT_SYMBOL(simple_strtoull);

/**
 * simple_strtoul - convert the start of a string to an unsigned long
 * @cp: the string
 * @endp: if not NULL, set to the first character not converted
 * @base: as for simple_strtoull()
 *
 * Return: the value of the digits at the start of @cp (0 if none).
 */
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}
EXPORT_SYMBOL(simple_strtoul);

/**
 * simple_strtol - convert the start of a string to a long
 * @cp: the string, optionally starting with '-'
 * @endp: if not NULL, set to the first character not converted
 * @base: as for simple_strtoull()
 *
 * Return: the value of the number at the start of @cp (0 if none).
 */
long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -simple_strtoul(cp + 1, endp, base);
	return simple_strtoul(cp, endp, base);
}
EXPORT_SYMBOL(simple_strtol);
