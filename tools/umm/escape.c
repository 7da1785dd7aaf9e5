// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/escape.c - text that stays well-formed whatever labels hold
 *
 * Run labels and scenario names come from the caller, and a record file
 * may have been edited: the parser accepts only printable ASCII in names,
 * and the writers escape what they print anyway.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

/**
 * report_copy_text - copy a name or text the parser accepts
 * @dst: where to
 * @size: its size
 * @src: the text: printable ASCII (spaces allowed), 1 to @size - 1 bytes
 *
 * Return: 0, or -EINVAL (and @dst untouched) for anything else.
 */
int report_copy_text(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src), i;

	if (!len || len >= size)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (src[i] < ' ' || src[i] > '~')
			return -EINVAL;
	memcpy(dst, src, len + 1);
	return 0;
}

/* Text for XML: escaped, and bytes beyond ASCII as Latin-1 references. */
void xml_puts(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c >= 0x80)
			fprintf(f, "&#x%02x;", c);
		else if (c < ' ' && c != '\n' && c != '\t')
			fputc('?', f);	/* not allowed in XML 1.0 at all */
		else
			fputc(c, f);
	}
}

/* A JSON string, quotes included. */
void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < ' ' || c >= 0x80)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* A file name part: letters, digits and dashes. */
void report_slug(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	for (; *src && n + 1 < size; src++) {
		char c = *src;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			c = '-';
		dst[n++] = c;
	}
	dst[n] = '\0';
}
