// SPDX-License-Identifier: GPL-2.0
/*
 * lib/string.c - string helpers the C library does not have (or not so)
 *
 * The primitives the compiler itself calls (memcpy(), memset(),
 * memmove(), memcmp()) come from the host, as x86 has its own in
 * assembly.  The other primitives are here, in plain C as the kernel's
 * generic ones are (the kernel side makes no hot use of them), and
 * <linux/string.h> gives them kernel_ symbols so that they do not stand
 * in for libc's in the host half of the process.  Then the kernel's
 * additions on top: a copy that reports truncation, the tokenizer and
 * trimmers that parse what users write into /proc and /sys, and a fast
 * "is this memory all one byte" check for poison and zero-page tests.
 */

#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/string.h>

/**
 * strlen - the length of a string
 * @s: the string
 *
 * Return: the number of characters before the NUL.
 */
size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}
EXPORT_SYMBOL(strlen);

/**
 * strnlen - the length of a string, looking at most so far
 * @s: the string
 * @maxlen: how many characters to look at, at most
 *
 * Return: the number of characters before the NUL, or @maxlen if there
 * is none in the first @maxlen.
 */
size_t strnlen(const char *s, size_t maxlen)
{
	size_t n = 0;

	while (n < maxlen && s[n])
		n++;
	return n;
}
EXPORT_SYMBOL(strnlen);

/**
 * strncmp - compare two strings, at most so far
 * @a: one string
 * @b: another string
 * @n: how many characters to compare, at most
 *
 * Characters compare as unsigned char, as the C library's do.
 *
 * Return: less than, equal to or greater than 0 as @a sorts before, the
 * same as or after @b (in their first @n characters).
 */
int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		unsigned char c1 = *a, c2 = *b;

		if (c1 != c2)
			return c1 < c2 ? -1 : 1;
		if (!c1)
			break;
	}
	return 0;
}
EXPORT_SYMBOL(strncmp);

/**
 * strcmp - compare two strings
 * @a: one string
 * @b: another string
 *
 * Return: less than, equal to or greater than 0 as @a sorts before, the
 * same as or after @b.
 */
int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, SIZE_MAX);
}
EXPORT_SYMBOL(strcmp);

/**
 * strchr - find a character in a string
 * @s: the string
 * @c: the character (its NUL can be found too)
 *
 * Return: the first occurrence of @c in @s, or NULL.
 */
char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++) {
		if (!*s)
			return NULL;
	}
	return (char *)s;
}
EXPORT_SYMBOL(strchr);

/**
 * memchr - find a byte in memory
 * @s: the memory area
 * @c: the byte
 * @n: the size of the area
 *
 * Return: the first byte of [@s, @s + @n) that is @c, or NULL.
 */
void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}
EXPORT_SYMBOL(memchr);

/**
 * strscpy - copy a C string into a sized buffer
 * @dest: where to copy the string to
 * @src: where to copy the string from
 * @count: size of the destination buffer
 *
 * Copies as much of @src as fits and always NUL-terminates @dest (unless
 * @count is 0).  Unlike strncpy() it never leaves @dest unterminated and
 * does not pad; unlike strlcpy() it does not read @src past what it
 * copies, and it says plainly when the copy was cut short.
 *
 * Return: the number of characters copied (not counting the NUL), or
 * -E2BIG if @count is 0 or @src did not fit.
 */
ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t i;

	if (count == 0 || WARN_ON_ONCE(count > INT_MAX))
		return -E2BIG;

	for (i = 0; i < count; i++) {
		dest[i] = src[i];
		if (!src[i])
			return i;
	}
	/* All count bytes were characters: give the last one to the NUL. */
	dest[count - 1] = '\0';
	return -E2BIG;
}
EXPORT_SYMBOL(strscpy);

/**
 * strsep - split a string into tokens
 * @s: the string to search; advanced past the token and its delimiter
 * @ct: the delimiter characters
 *
 * Finds the first delimiter in *@s, replaces it with a NUL and points
 * *@s just after it; the text before it is the token.  When no delimiter
 * is left, the token is the rest of the string and *@s becomes NULL.
 * Empty tokens (two delimiters in a row) are returned as "".
 *
 * Return: the token, or NULL if *@s was NULL.
 */
char *strsep(char **s, const char *ct)
{
	char *start = *s;
	char *end;

	if (!start)
		return NULL;
	for (end = start; *end; end++) {
		if (strchr(ct, *end)) {
			*end = '\0';
			*s = end + 1;
			return start;
		}
	}
	*s = NULL;
	return start;
}
EXPORT_SYMBOL(strsep);

/**
 * skip_spaces - step over leading white space
 * @str: the string
 *
 * Return: a pointer to the first character of @str that is not white
 * space (possibly its NUL).
 */
char *skip_spaces(const char *str)
{
	while (isspace(*str))
		str++;
	return (char *)str;
}
EXPORT_SYMBOL(skip_spaces);

/**
 * strim - remove leading and trailing white space
 * @s: the string to trim
 *
 * Trailing white space is cut off by writing a NUL into @s; leading
 * white space is skipped, so the caller must use the returned pointer
 * (and keep @s for freeing).
 *
 * Return: a pointer to the first non-space character of @s.
 */
char *strim(char *s)
{
	size_t len = strlen(s);

	while (len && isspace(s[len - 1]))
		len--;
	s[len] = '\0';
	return skip_spaces(s);
}
EXPORT_SYMBOL(strim);

/**
 * sysfs_streq - compare a written value with a keyword
 * @s1: one string
 * @s2: another string
 *
 * Values written to sysfs files usually end with the newline that echo
 * adds: this treats "foo\n" as equal to "foo" (either side may have the
 * one trailing newline).
 *
 * Return: true if the strings are equal up to a trailing newline.
 */
bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (*s1 == '\0' && s2[0] == '\n' && s2[1] == '\0')
		return true;
	if (*s2 == '\0' && s1[0] == '\n' && s1[1] == '\0')
		return true;
	return false;
}
EXPORT_SYMBOL(sysfs_streq);

/**
 * match_string - find a string in an array of strings
 * @array: the array
 * @n: the number of entries in @array, or (size_t)-1 if it ends with a
 *     NULL entry
 * @string: the string to find
 *
 * The search stops at the first NULL entry in any case.
 *
 * Return: the index of @string in @array, or -EINVAL if it is not there.
 */
int match_string(const char * const *array, size_t n, const char *string)
{
	size_t i;

	for (i = 0; i < n && array[i]; i++) {
		if (!strcmp(array[i], string))
			return i;
	}
	return -EINVAL;
}
EXPORT_SYMBOL(match_string);

/* The first byte in [p, p + bytes) that is not c, or NULL. */
static void *check_bytes(const u8 *p, u8 c, size_t bytes)
{
	for (; bytes; bytes--, p++) {
		if (*p != c)
			return (void *)p;
	}
	return NULL;
}

/**
 * memchr_inv - find the first byte that differs from a value
 * @start: the memory area
 * @c: the byte value the area should hold
 * @bytes: the size of the area
 *
 * The opposite of memchr(): used to check that a page or an object is
 * still all poison or all zeroes.  Whole aligned words are compared at a
 * time, since the answer is nearly always "none".
 *
 * Return: the address of the first byte that is not @c, or NULL if the
 * whole area is @c.
 */
void *memchr_inv(const void *start, int c, size_t bytes)
{
	const u8 *p = start;
	u8 value = c;
	unsigned long pattern = value * (~0UL / 0xff);	/* c in every byte */
	size_t head;

	if (bytes <= 2 * sizeof(unsigned long))
		return check_bytes(p, value, bytes);

	head = -(unsigned long)p & (sizeof(unsigned long) - 1);
	if (head) {
		void *diff = check_bytes(p, value, head);

		if (diff)
			return diff;
		p += head;
		bytes -= head;
	}
	for (; bytes >= sizeof(unsigned long); bytes -= sizeof(unsigned long)) {
		if (*(const unsigned long *)p != pattern)
			return check_bytes(p, value, sizeof(unsigned long));
		p += sizeof(unsigned long);
	}
	return check_bytes(p, value, bytes);
}
EXPORT_SYMBOL(memchr_inv);

/**
 * strreplace - replace every occurrence of a character in a string
 * @s: the string, changed in place
 * @old: the character to replace
 * @new: the character to put in its place
 *
 * Return: a pointer to the NUL at the end of @s.
 */
char *strreplace(char *s, char old, char new)
{
	for (; *s; s++) {
		if (*s == old)
			*s = new;
	}
	return s;
}
EXPORT_SYMBOL(strreplace);
