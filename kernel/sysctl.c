// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/sysctl.c - the proc_handlers of sysctl tables
 *
 * A handler converts between a table entry's C values and text.  On read
 * (write == 0) it prints the values, separated by tabs and ended by a
 * newline, sets *lenp to the length and advances *ppos; a read at a
 * position other than 0 gets nothing, so one read returns the whole text.
 * On write it parses the text (numbers in C notation: 12, 0x1f, 017, with
 * a '-' where the type allows it, separated by white space, a trailing
 * newline welcome) and sets *lenp to what it took.  The buffers are kernel
 * memory, NUL-terminated (fs/proc/proc_sysctl.c).
 *
 * Writes are all or nothing: the whole text is checked (every number
 * parses, fits the type and lies within the entry's bounds) before any
 * value is stored, so an echo that is refused with -EINVAL leaves every
 * value as it was.  (Linux stores the values before the bad one; for the
 * one-value entries of /proc/sys/vm that is the same.)  As with Linux's
 * default sysctl_writes_strict=1, only a write at position 0 counts.
 */

#include <linux/sysctl.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

/* Bounds for extra1/extra2, as in the kernel's tables. */
int sysctl_zero;
int sysctl_one = 1;
int sysctl_hundred = 100;
int sysctl_int_max = INT_MAX;

/*
 * One C type of sysctl value.  Values travel as a sign and a magnitude,
 * so one parser and one printer serve every type.
 */
struct sysctl_type {
	size_t size;
	/* 0 if the value fits the type and the entry's bounds: -EINVAL */
	int (*check)(const struct ctl_table *table, bool neg,
		     unsigned long mag);
	void (*store)(void *elem, bool neg, unsigned long mag);
	void (*load)(const void *elem, bool *neg, unsigned long *mag);
};

static int int_check(const struct ctl_table *table, bool neg,
		     unsigned long mag)
{
	unsigned long limit = neg ? (unsigned long)INT_MAX + 1 : INT_MAX;

	return mag > limit ? -EINVAL : 0;
}

static int int_minmax_check(const struct ctl_table *table, bool neg,
			    unsigned long mag)
{
	const int *min = table->extra1, *max = table->extra2;
	long val;

	/* First: the magnitude of "-9223372036854775808" has no negative long. */
	if (int_check(table, neg, mag))
		return -EINVAL;
	val = neg ? -(long)mag : (long)mag;
	if ((min && val < *min) || (max && val > *max))
		return -EINVAL;
	return 0;
}

static void int_store(void *elem, bool neg, unsigned long mag)
{
	WRITE_ONCE(*(int *)elem, (int)(neg ? -(long)mag : (long)mag));
}

static void int_load(const void *elem, bool *neg, unsigned long *mag)
{
	long val = READ_ONCE(*(const int *)elem);

	*neg = val < 0;
	*mag = val < 0 ? -val : val;
}

static int uint_check(const struct ctl_table *table, bool neg,
		      unsigned long mag)
{
	return neg || mag > UINT_MAX ? -EINVAL : 0;
}

static void uint_store(void *elem, bool neg, unsigned long mag)
{
	WRITE_ONCE(*(unsigned int *)elem, (unsigned int)mag);
}

static void uint_load(const void *elem, bool *neg, unsigned long *mag)
{
	*neg = false;
	*mag = READ_ONCE(*(const unsigned int *)elem);
}

static int ulong_minmax_check(const struct ctl_table *table, bool neg,
			      unsigned long mag)
{
	const unsigned long *min = table->extra1, *max = table->extra2;

	if (neg)
		return -EINVAL;
	if ((min && mag < *min) || (max && mag > *max))
		return -EINVAL;
	return 0;
}

static void ulong_store(void *elem, bool neg, unsigned long mag)
{
	WRITE_ONCE(*(unsigned long *)elem, mag);
}

static void ulong_load(const void *elem, bool *neg, unsigned long *mag)
{
	*neg = false;
	*mag = READ_ONCE(*(const unsigned long *)elem);
}

static const struct sysctl_type sysctl_int = {
	sizeof(int), int_check, int_store, int_load,
};
static const struct sysctl_type sysctl_int_minmax = {
	sizeof(int), int_minmax_check, int_store, int_load,
};
static const struct sysctl_type sysctl_uint = {
	sizeof(unsigned int), uint_check, uint_store, uint_load,
};
static const struct sysctl_type sysctl_ulong_minmax = {
	sizeof(unsigned long), ulong_minmax_check, ulong_store, ulong_load,
};

static bool sysctl_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\v' || c == '\f';
}

static void skip_blanks(char **p, size_t *left)
{
	while (*left && sysctl_isspace(**p)) {
		(*p)++;
		(*left)--;
	}
}

static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;			/* lower case */
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 16;			/* not a digit in any base */
}

/*
 * Parse one number at *@p, which must end at white space or at the end
 * of the text.  The base is C's (as simple_strtoul() with base 0 takes
 * it); a value beyond unsigned long is refused rather than cut.
 */
static int parse_number(char **p, size_t *left, bool *neg,
			unsigned long *mag)
{
	char *s = *p, *end = *p + *left;
	unsigned int base = 10, d;
	unsigned long val = 0;
	bool any = false;

	*neg = s < end && *s == '-';
	if (*neg)
		s++;
	if (s < end && *s == '0') {
		base = 8;
		if (end - s > 2 && (s[1] | 0x20) == 'x' &&
		    digit_value(s[2]) < 16) {
			base = 16;
			s += 2;
		}
	}
	for (; s < end && (d = digit_value(*s)) < base; s++) {
		if (val > (ULONG_MAX - d) / base)
			return -EINVAL;
		val = val * base + d;
		any = true;
	}
	if (!any || (s < end && *s && !sysctl_isspace(*s)))
		return -EINVAL;
	*left -= s - *p;
	*p = s;
	*mag = val;
	return 0;
}

/*
 * Parse the values of @table from @buf; store them only if @commit.
 * Returns how many there were, or -EINVAL; *@left is what remains.
 */
static int sysctl_parse(struct ctl_table *table, const struct sysctl_type *type,
			char *buf, size_t *left, bool commit)
{
	size_t n = table->maxlen / type->size, i;
	char *p = buf;

	for (i = 0; i < n; i++) {
		unsigned long mag;
		bool neg;
		int err;

		skip_blanks(&p, left);
		if (!*left || !*p)
			break;
		err = parse_number(&p, left, &neg, &mag);
		if (!err)
			err = type->check(table, neg, mag);
		if (err)
			return err;
		if (commit)
			type->store((char *)table->data + i * type->size, neg,
				    mag);
	}
	skip_blanks(&p, left);
	return i;
}

static int sysctl_write(struct ctl_table *table, const struct sysctl_type *type,
			char *buf, size_t *lenp, loff_t *ppos)
{
	size_t left = *lenp;
	int n;

	if (*ppos) {			/* strict: only whole writes count */
		*lenp = 0;
		return 0;
	}
	n = sysctl_parse(table, type, buf, &left, false);
	if (n <= 0)
		return n ?: -EINVAL;	/* nothing but white space */
	left = *lenp;
	sysctl_parse(table, type, buf, &left, true);
	*lenp -= left;
	*ppos += *lenp;
	return 0;
}

static int sysctl_read(struct ctl_table *table, const struct sysctl_type *type,
		       char *buf, size_t *lenp, loff_t *ppos)
{
	size_t n = table->maxlen / type->size, len = 0, i;
	char tmp[24];	/* "\t-" and the 20 digits of the largest value */

	for (i = 0; i < n && len < *lenp; i++) {
		unsigned long mag;
		size_t k;
		bool neg;

		type->load((char *)table->data + i * type->size, &neg, &mag);
		k = scnprintf(tmp, sizeof(tmp), "%s%s%lu", i ? "\t" : "",
			      neg ? "-" : "", mag);
		k = min(k, *lenp - len);
		memcpy(buf + len, tmp, k);
		len += k;
	}
	if (len < *lenp)
		buf[len++] = '\n';
	*lenp = len;
	*ppos += len;
	return 0;
}

static int do_proc_vec(struct ctl_table *table, int write,
		       void __user *buffer, size_t *lenp, loff_t *ppos,
		       const struct sysctl_type *type)
{
	char *buf = (char __force *)buffer;

	if (!table->data || table->maxlen < (int)type->size || !*lenp ||
	    (*ppos && !write)) {
		*lenp = 0;
		return 0;
	}
	if (write)
		return sysctl_write(table, type, buf, lenp, ppos);
	return sysctl_read(table, type, buf, lenp, ppos);
}

/**
 * proc_dointvec - read or write a vector of ints
 * @table: the entry; data points to maxlen / sizeof(int) ints
 * @write: 1 to parse the text in @buffer, 0 to print into it
 * @buffer: the text (kernel memory, NUL-terminated on write)
 * @lenp: its length; set to the length used
 * @ppos: the file position; advanced
 *
 * Return: 0, or -EINVAL (values unchanged) for text that is not a list of
 * numbers that fit in an int.
 */
int proc_dointvec(struct ctl_table *table, int write, void __user *buffer,
		  size_t *lenp, loff_t *ppos)
{
	return do_proc_vec(table, write, buffer, lenp, ppos, &sysctl_int);
}

/**
 * proc_dointvec_minmax - read or write a vector of ints within bounds
 * @table: the entry; extra1 and extra2, if set, point to the int minimum
 *	and maximum
 * @write: 1 to parse the text in @buffer, 0 to print into it
 * @buffer: the text
 * @lenp: its length; set to the length used
 * @ppos: the file position; advanced
 *
 * Return: 0, or -EINVAL (values unchanged) for text that is not a list of
 * ints or a value out of bounds.
 */
int proc_dointvec_minmax(struct ctl_table *table, int write,
			 void __user *buffer, size_t *lenp, loff_t *ppos)
{
	return do_proc_vec(table, write, buffer, lenp, ppos,
			   &sysctl_int_minmax);
}

/**
 * proc_douintvec - read or write a vector of unsigned ints
 * @table: the entry; data points to maxlen / sizeof(unsigned int) values
 * @write: 1 to parse the text in @buffer, 0 to print into it
 * @buffer: the text
 * @lenp: its length; set to the length used
 * @ppos: the file position; advanced
 *
 * Return: 0, or -EINVAL (values unchanged) for text that is not a list of
 * numbers that fit in an unsigned int (a '-' is refused).
 */
int proc_douintvec(struct ctl_table *table, int write, void __user *buffer,
		   size_t *lenp, loff_t *ppos)
{
	return do_proc_vec(table, write, buffer, lenp, ppos, &sysctl_uint);
}

/**
 * proc_doulongvec_minmax - read or write a vector of unsigned longs
 * @table: the entry; extra1 and extra2, if set, point to the unsigned
 *	long minimum and maximum
 * @write: 1 to parse the text in @buffer, 0 to print into it
 * @buffer: the text
 * @lenp: its length; set to the length used
 * @ppos: the file position; advanced
 *
 * Return: 0, or -EINVAL (values unchanged) for text that is not a list of
 * unsigned longs or a value out of bounds.
 */
int proc_doulongvec_minmax(struct ctl_table *table, int write,
			   void __user *buffer, size_t *lenp, loff_t *ppos)
{
	return do_proc_vec(table, write, buffer, lenp, ppos,
			   &sysctl_ulong_minmax);
}
