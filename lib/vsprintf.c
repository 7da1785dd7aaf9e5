// SPDX-License-Identifier: GPL-2.0
/*
 * lib/vsprintf.c - formatted output into a buffer
 *
 * The kernel's own printf engine: printk(), the show functions behind
 * /proc and /sys, and every snprintf() in kernel code end up here.  It
 * speaks the integer, character and string conversions of C plus the
 * kernel's %p extensions, and deliberately nothing else: no floating
 * point (the kernel does not use the FPU) and no %n (writing through a
 * format argument is an exploit primitive, so the kernel refuses it).
 *
 * Where C and the kernel disagree on an integer conversion, this follows
 * the kernel, because kernel code and the scripts reading its output were
 * written against that behaviour:
 *  - a number always prints at least one digit: "%.0d" of 0 is "0";
 *  - '#' with %x always prefixes "0x", even for 0: "%#x" of 0 is "0x0";
 *    with %o it prefixes "0" to non-zero values only;
 *  - '0' still pads when a precision is given: "%05.3d" of 7 is "00007".
 *
 * Output goes through a cursor that counts every character produced but
 * stores only those that fit, so the same pass yields both the truncated
 * text and the length the caller would have needed.
 */

#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/export.h>
#include <linux/page-flags.h>
#include <linux/string.h>
#include <linux/tracepoint-defs.h>

/* printf_spec.flags */
#define ZEROPAD	0x01	/* '0': pad with zeros */
#define SIGN	0x02	/* signed conversion */
#define PLUS	0x04	/* '+': show the sign of non-negative numbers */
#define SPACE	0x08	/* ' ': a space where a '+' would go */
#define LEFT	0x10	/* '-': left-justify in the field */
#define SMALL	0x20	/* lower-case hex digits and "0x" */
#define SPECIAL	0x40	/* '#': "0x" or "0" prefix */

/*
 * Widths and precisions beyond this are a bug in the format string, not
 * a request: clamping keeps the arithmetic on them within an int.
 */
#define FORMAT_MAX_WIDTH	(1 << 24)

/* What the length modifier says the argument is. */
enum format_length {
	LEN_INT,	/* none */
	LEN_CHAR,	/* hh */
	LEN_SHORT,	/* h */
	LEN_LONG,	/* l */
	LEN_LLONG,	/* ll, L */
	LEN_SIZE,	/* z, Z */
	LEN_PTRDIFF,	/* t */
	LEN_INTMAX,	/* j */
};

struct printf_spec {
	unsigned int flags;
	unsigned int base;
	int field_width;	/* -1: none given */
	int precision;		/* -1: none given */
};

/* The destination: size bytes at buf, len characters produced so far. */
struct printf_out {
	char *buf;
	size_t size;
	size_t len;
};

static const struct printf_spec default_hex_spec = {
	.flags = SPECIAL | SMALL,
	.base = 16,
	.field_width = -1,
	.precision = -1,
};

static void put_char(struct printf_out *out, char c)
{
	if (out->len < out->size)
		out->buf[out->len] = c;
	out->len++;
}

/* count may be zero or negative (a field already full): nothing then. */
static void put_repeat(struct printf_out *out, char c, int count)
{
	while (count-- > 0)
		put_char(out, c);
}

static void put_str(struct printf_out *out, const char *s)
{
	while (*s)
		put_char(out, *s++);
}

/*
 * Take the sign off a signed conversion's value: returns the character
 * to print before the digits (0 for none) and leaves the magnitude.
 */
static char number_sign(unsigned long long *num, unsigned int flags)
{
	if (!(flags & SIGN))
		return 0;
	if ((long long)*num < 0) {
		/* Unsigned negation: exact even for LLONG_MIN. */
		*num = -*num;
		return '-';
	}
	if (flags & PLUS)
		return '+';
	if (flags & SPACE)
		return ' ';
	return 0;
}

/* Digits of num, least significant first; returns how many (at least 1). */
static int number_digits(char *digits, unsigned long long num,
			 const struct printf_spec *spec)
{
	static const char upper[] = "0123456789ABCDEF";
	/* Lower-casing an ASCII letter sets bit 5; digits already have it. */
	char locase = (spec->flags & SMALL) ? 0x20 : 0;
	int n = 0;

	do {
		digits[n++] = upper[num % spec->base] | locase;
		num /= spec->base;
	} while (num);
	return n;
}

/*
 * The layout of a number in its field, left to right: padding spaces,
 * sign, prefix, padding zeros, precision zeros, digits, then (for '-')
 * trailing spaces.  Only one kind of padding is ever used.
 */
static void put_number(struct printf_out *out, unsigned long long num,
		       struct printf_spec spec)
{
	char digits[24];	/* 22 octal digits are the most a u64 needs */
	const char *prefix = "";
	int ndigits, precision, pad;
	char sign;

	if (spec.flags & LEFT)
		spec.flags &= ~ZEROPAD;
	sign = number_sign(&num, spec.flags);
	if ((spec.flags & SPECIAL) && spec.base == 16)
		prefix = (spec.flags & SMALL) ? "0x" : "0X";
	else if ((spec.flags & SPECIAL) && spec.base == 8 && num)
		prefix = "0";

	ndigits = number_digits(digits, num, &spec);
	precision = max(spec.precision, ndigits);
	pad = spec.field_width - precision - (sign ? 1 : 0) -
	      (int)strlen(prefix);

	if (!(spec.flags & (LEFT | ZEROPAD)))
		put_repeat(out, ' ', pad);
	if (sign)
		put_char(out, sign);
	put_str(out, prefix);
	if (spec.flags & ZEROPAD)
		put_repeat(out, '0', pad);
	put_repeat(out, '0', precision - ndigits);
	while (ndigits > 0)
		put_char(out, digits[--ndigits]);
	if (spec.flags & LEFT)
		put_repeat(out, ' ', pad);
}

/* s with at most precision characters, space-padded to the field width. */
static void put_string(struct printf_out *out, const char *s,
		       struct printf_spec spec)
{
	size_t len;
	int pad;

	if (!s)
		s = "(null)";
	len = spec.precision < 0 ? strlen(s) : strnlen(s, spec.precision);
	pad = spec.field_width > (int)len ? spec.field_width - (int)len : 0;

	if (!(spec.flags & LEFT))
		put_repeat(out, ' ', pad);
	while (len--)
		put_char(out, *s++);
	if (spec.flags & LEFT)
		put_repeat(out, ' ', pad);
}

static void put_char_field(struct printf_out *out, char c,
			   struct printf_spec spec)
{
	int pad = spec.field_width - 1;

	if (!(spec.flags & LEFT))
		put_repeat(out, ' ', pad);
	put_char(out, c);
	if (spec.flags & LEFT)
		put_repeat(out, ' ', pad);
}

/*
 * %p and %px: the address itself, in hex without "0x", zero-padded to
 * the width of a pointer unless the format gave a width of its own.
 * (Linux 4.8 printed %p like this; later kernels hash %p and keep this
 * form for %px only.)
 */
static void put_raw_pointer(struct printf_out *out, const void *ptr,
			    struct printf_spec spec)
{
	spec.flags &= ~SIGN;
	spec.flags |= SMALL;
	spec.base = 16;
	if (spec.field_width == -1) {
		spec.field_width = 2 * sizeof(ptr);
		spec.flags |= ZEROPAD;
	}
	put_number(out, (unsigned long)ptr, spec);
}

/*
 * The names of the flags set in flags, joined by '|'.  A table entry is
 * taken only when all of its bits are set, and its bits are then
 * consumed, so a composite listed first hides its parts.  What no entry
 * names is printed in hex at the end.
 */
static void put_flag_names(struct printf_out *out, unsigned long flags,
			   const struct trace_print_flags *names)
{
	for (; flags && names->name; names++) {
		if ((flags & names->mask) != names->mask)
			continue;
		put_str(out, names->name);
		flags &= ~names->mask;
		if (flags)
			put_char(out, '|');
	}
	if (flags)
		put_number(out, flags, default_hex_spec);
}

/*
 * %pGp: page->flags, whose top bits hold the zone (and would hold the
 * node and section): only the bits below NR_PAGEFLAGS are flags.
 * %pGg: a gfp_t mask.
 */
static void put_flags(struct printf_out *out, const char *fmt,
		      const void *ptr)
{
	unsigned long flags;

	switch (fmt[1]) {
	case 'p':
		flags = *(const unsigned long *)ptr;
		flags &= (1UL << NR_PAGEFLAGS) - 1;
		put_flag_names(out, flags, pageflag_names);
		break;
	case 'g':
		flags = (__force unsigned long)*(const gfp_t *)ptr;
		put_flag_names(out, flags, gfpflag_names);
		break;
	default:
		WARN_ONCE(1, "Unsupported flags modifier: %c\n", fmt[1]);
		break;
	}
}

/*
 * A %p conversion: fmt points just past the 'p'.  Like the kernel, every
 * letter or digit that follows belongs to the conversion (the extension
 * and its modifiers) and is consumed, whether or not it is understood.
 */
static const char *put_pointer(struct printf_out *out, const char *fmt,
			       const void *ptr, struct printf_spec spec)
{
	switch (*fmt) {
	case 'G':
		/* These dereference ptr; a raw pointer is printed as is. */
		if (ptr)
			put_flags(out, fmt, ptr);
		else
			put_string(out, NULL, spec);
		break;
	default:
		put_raw_pointer(out, ptr, spec);
		break;
	}
	while (isalnum(*fmt))
		fmt++;
	return fmt;
}

/* A decimal number from the format string, saturating. */
static int skip_atoi(const char **fmt)
{
	int n = 0;

	while (isdigit(**fmt)) {
		if (n < FORMAT_MAX_WIDTH)
			n = n * 10 + (**fmt - '0');
		(*fmt)++;
	}
	return min(n, FORMAT_MAX_WIDTH);
}

static const char *decode_flags(const char *fmt, struct printf_spec *spec)
{
	for (;; fmt++) {
		switch (*fmt) {
		case '-':
			spec->flags |= LEFT;
			break;
		case '+':
			spec->flags |= PLUS;
			break;
		case ' ':
			spec->flags |= SPACE;
			break;
		case '#':
			spec->flags |= SPECIAL;
			break;
		case '0':
			spec->flags |= ZEROPAD;
			break;
		default:
			return fmt;
		}
	}
}

/* A width of '*' is the next argument; a negative one means '-'. */
static const char *decode_width(const char *fmt, struct printf_spec *spec,
				va_list *ap)
{
	int width;

	if (isdigit(*fmt)) {
		spec->field_width = skip_atoi(&fmt);
		return fmt;
	}
	if (*fmt != '*')
		return fmt;
	width = va_arg(*ap, int);
	if (width < 0) {
		spec->flags |= LEFT;
		width = width == INT_MIN ? INT_MAX : -width;
	}
	spec->field_width = min(width, FORMAT_MAX_WIDTH);
	return fmt + 1;
}

/* ".N", ".*" or "." (zero); a negative '*' is as if none was given. */
static const char *decode_precision(const char *fmt, struct printf_spec *spec,
				    va_list *ap)
{
	int precision;

	if (*fmt != '.')
		return fmt;
	fmt++;
	if (*fmt != '*') {
		spec->precision = skip_atoi(&fmt);
		return fmt;
	}
	precision = va_arg(*ap, int);
	spec->precision = precision < 0 ? -1 : min(precision, FORMAT_MAX_WIDTH);
	return fmt + 1;
}

static const char *decode_length(const char *fmt, enum format_length *len)
{
	switch (*fmt) {
	case 'h':
		if (fmt[1] == 'h') {
			*len = LEN_CHAR;
			return fmt + 2;
		}
		*len = LEN_SHORT;
		return fmt + 1;
	case 'l':
		if (fmt[1] == 'l') {
			*len = LEN_LLONG;
			return fmt + 2;
		}
		*len = LEN_LONG;
		return fmt + 1;
	case 'L':
		*len = LEN_LLONG;
		return fmt + 1;
	case 'z':
	case 'Z':
		*len = LEN_SIZE;
		return fmt + 1;
	case 't':
		*len = LEN_PTRDIFF;
		return fmt + 1;
	case 'j':
		*len = LEN_INTMAX;
		return fmt + 1;
	default:
		*len = LEN_INT;
		return fmt;
	}
}

/*
 * Fetch a signed integer argument of the given length, sign-extended:
 * types narrower than int were promoted to int by the caller and are
 * narrowed back here, so "%hhd" of 255 prints -1 as C says.
 */
static long long fetch_signed(va_list *ap, enum format_length len)
{
	switch (len) {
	case LEN_CHAR:
		return (signed char)va_arg(*ap, int);
	case LEN_SHORT:
		return (short)va_arg(*ap, int);
	case LEN_LONG:
		return va_arg(*ap, long);
	case LEN_LLONG:
		return va_arg(*ap, long long);
	case LEN_SIZE:
		return va_arg(*ap, ssize_t);
	case LEN_PTRDIFF:
		return va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX:
		return va_arg(*ap, __INTMAX_TYPE__);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long fetch_unsigned(va_list *ap, enum format_length len)
{
	switch (len) {
	case LEN_CHAR:
		return (unsigned char)va_arg(*ap, unsigned int);
	case LEN_SHORT:
		return (unsigned short)va_arg(*ap, unsigned int);
	case LEN_LONG:
		return va_arg(*ap, unsigned long);
	case LEN_LLONG:
		return va_arg(*ap, unsigned long long);
	case LEN_SIZE:
		return va_arg(*ap, size_t);
	case LEN_PTRDIFF:
		return (size_t)va_arg(*ap, ptrdiff_t);
	case LEN_INTMAX:
		return va_arg(*ap, __UINTMAX_TYPE__);
	default:
		return va_arg(*ap, unsigned int);
	}
}

/* The base and flags of an integer conversion; false if c is none. */
static bool integer_conversion(char c, struct printf_spec *spec)
{
	switch (c) {
	case 'd':
	case 'i':
		spec->flags |= SIGN;
		return true;
	case 'u':
		return true;
	case 'o':
		spec->base = 8;
		return true;
	case 'x':
		spec->flags |= SMALL;
		fallthrough;
	case 'X':
		spec->base = 16;
		return true;
	default:
		return false;
	}
}

/*
 * The conversion character at fmt, with spec and len already decoded:
 * consume its argument, print it, and return where the format goes on.
 */
static const char *convert(struct printf_out *out, const char *fmt,
			   struct printf_spec spec, enum format_length len,
			   va_list *ap)
{
	if (integer_conversion(*fmt, &spec)) {
		if (spec.flags & SIGN)
			put_number(out, fetch_signed(ap, len), spec);
		else
			put_number(out, fetch_unsigned(ap, len), spec);
		return fmt + 1;
	}

	switch (*fmt) {
	case 'c':
		put_char_field(out, (unsigned char)va_arg(*ap, int), spec);
		break;
	case 's':
		put_string(out, va_arg(*ap, const char *), spec);
		break;
	case 'p':
		return put_pointer(out, fmt + 1, va_arg(*ap, const void *),
				   spec);
	case '%':
		put_char(out, '%');
		break;
	default:
		/*
		 * Not a conversion (gcc's format checking should have said
		 * so): print the '%' and let the rest print as text, so the
		 * mistake is visible and no argument is consumed.
		 */
		put_char(out, '%');
		return fmt;
	}
	return fmt + 1;
}

/* One conversion; fmt points just past its '%'. */
static const char *format_one(struct printf_out *out, const char *fmt,
			      va_list *ap)
{
	struct printf_spec spec = {
		.base = 10,
		.field_width = -1,
		.precision = -1,
	};
	enum format_length len;

	fmt = decode_flags(fmt, &spec);
	fmt = decode_width(fmt, &spec, ap);
	fmt = decode_precision(fmt, &spec, ap);
	fmt = decode_length(fmt, &len);
	return convert(out, fmt, spec, len, ap);
}

/**
 * vsnprintf - format a string and place it in a buffer
 * @buf: the buffer to place the result into
 * @size: the size of the buffer, including the trailing NUL
 * @fmt: the format string
 * @args: arguments for the format string
 *
 * Conversions: %d %i %u %x %X %o %c %s %% with the flags '-', '0', '+',
 * ' ' and '#', a width and a precision (either may be '*'), and the
 * length modifiers hh h l ll L z Z t j.  %p and %px print a pointer in
 * hex; %pGp and %pGg print the names of the flags in the unsigned long
 * (page->flags) or gfp_t that the argument points to.
 *
 * The result is NUL-terminated whenever @size is not zero; @buf may be
 * NULL when @size is zero, to measure.  Use scnprintf() to know how much
 * was actually written.
 *
 * Return: the number of characters (without the NUL) that the whole
 * result needs, which is @size or more if it was truncated.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct printf_out out = { .buf = buf, .size = size };
	va_list ap;

	/* The return value is an int: a larger buffer must be a bug. */
	if (WARN_ON_ONCE(size > INT_MAX))
		return 0;

	/* The helpers take a pointer to advance one shared argument list. */
	va_copy(ap, args);
	while (*fmt) {
		if (*fmt != '%')
			put_char(&out, *fmt++);
		else if (fmt[1] == '\0')
			put_char(&out, *fmt++);	/* a lone '%' at the end */
		else
			fmt = format_one(&out, fmt + 1, &ap);
	}
	va_end(ap);

	if (size)
		buf[min(out.len, size - 1)] = '\0';
	return min_t(size_t, out.len, INT_MAX);
}
EXPORT_SYMBOL(vsnprintf);

/**
 * vscnprintf - format a string and place it in a buffer
 * @buf: the buffer to place the result into
 * @size: the size of the buffer, including the trailing NUL
 * @fmt: the format string
 * @args: arguments for the format string
 *
 * As vsnprintf(), but returns what was written: the right amount to
 * advance a position in @buf by, as show functions do.
 *
 * Return: the number of characters written into @buf, not counting the
 * NUL; 0 if @size is 0.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int len = vsnprintf(buf, size, fmt, args);

	if (likely((size_t)len < size))
		return len;
	return size ? size - 1 : 0;
}
EXPORT_SYMBOL(vscnprintf);

/**
 * snprintf - format a string and place it in a buffer
 * @buf: the buffer to place the result into
 * @size: the size of the buffer, including the trailing NUL
 * @fmt: the format string
 * @...: arguments for the format string
 *
 * See vsnprintf() for the conversions.
 *
 * Return: the length the whole result needs, not counting the NUL,
 * even if that did not fit.
 */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}
EXPORT_SYMBOL(snprintf);

/**
 * scnprintf - format a string and place it in a buffer
 * @buf: the buffer to place the result into
 * @size: the size of the buffer, including the trailing NUL
 * @fmt: the format string
 * @...: arguments for the format string
 *
 * Return: the number of characters written into @buf, not counting the
 * NUL; 0 if @size is 0.
 */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}
EXPORT_SYMBOL(scnprintf);

/**
 * vsprintf - format a string and place it in a buffer
 * @buf: the buffer to place the result into
 * @fmt: the format string
 * @args: arguments for the format string
 *
 * The caller guarantees that @buf is large enough; prefer vscnprintf()
 * or vsnprintf() wherever that is not obvious.
 *
 * Return: the number of characters written, not counting the NUL.
 */
int vsprintf(char *buf, const char *fmt, va_list args)
{
	return vsnprintf(buf, INT_MAX, fmt, args);
}
EXPORT_SYMBOL(vsprintf);

/**
 * sprintf - format a string and place it in a buffer
 * @buf: the buffer to place the result into
 * @fmt: the format string
 * @...: arguments for the format string
 *
 * The caller guarantees that @buf is large enough; prefer scnprintf()
 * or snprintf() wherever that is not obvious.
 *
 * Return: the number of characters written, not counting the NUL.
 */
int sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);
	return len;
}
EXPORT_SYMBOL(sprintf);
