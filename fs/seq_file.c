// SPDX-License-Identifier: GPL-2.0
/*
 * fs/seq_file.c - text files produced one record at a time
 *
 * A seq_file turns an iterator (->start, ->next, ->stop) and a printer
 * (->show) into a file that can be read with any buffer size.  Records
 * are printed into one kmalloc'ed buffer; a record that does not fit is
 * thrown away, the buffer doubles, and the record is printed again, so
 * ->show() never needs to know how much room there is.  The iterator is
 * stopped between two read() calls, so the lock the iterator takes (say
 * zone->lock for /proc/pagetypeinfo) is never held across a read.
 *
 * Lock order: m->lock (one reader at a time per open file), then
 * whatever the iterator takes in ->start() and releases in ->stop().
 *
 * Invariant between calls: m->buf holds m->count bytes starting at
 * m->from, the tail of what was printed and not yet read, beginning at
 * file position m->read_pos + (bytes already read of it); m->index names
 * the first record that is not in the buffer.
 */

#include <linux/seq_file.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

static void seq_set_overflow(struct seq_file *m)
{
	m->count = m->size;
}

/* Replace the buffer by one twice as large; its text is lost. */
static int seq_grow(struct seq_file *m)
{
	size_t size = m->size << 1;

	kfree(m->buf);
	m->count = 0;
	m->buf = size <= MAX_RW_COUNT ? kmalloc(size, GFP_KERNEL) : NULL;
	m->size = m->buf ? size : 0;
	return m->buf ? 0 : -ENOMEM;
}

static int seq_alloc_first(struct seq_file *m)
{
	if (m->buf)
		return 0;
	m->buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	m->size = m->buf ? PAGE_SIZE : 0;
	return m->buf ? 0 : -ENOMEM;
}

/* What seq_show_one() found, besides an error of ->show(). */
enum {
	SEQ_SHOW_EMPTY,		/* nothing printed, or SEQ_SKIP */
	SEQ_SHOW_FITS,		/* text, all of it in the buffer */
	SEQ_SHOW_OVERFLOW,	/* the record needs a larger buffer */
};

/* Show the record at @p into the empty buffer. */
static int seq_show_one(struct seq_file *m, void *p)
{
	int err = m->op->show(m, p);

	if (err < 0)
		return err;
	if (err > 0)			/* SEQ_SKIP: drop what it printed */
		m->count = 0;
	if (!m->count)
		return SEQ_SHOW_EMPTY;
	return seq_has_overflowed(m) ? SEQ_SHOW_OVERFLOW : SEQ_SHOW_FITS;
}

/*
 * Seek: print the records from the first one again, throwing away
 * @offset bytes, and keep the rest of the record @offset falls in.
 * Returns SEQ_SHOW_OVERFLOW (buffer grown, call again) if a record
 * overflowed, else 0 or -errno.
 */
static int seq_traverse_once(struct seq_file *m, loff_t offset)
{
	loff_t pos = 0;
	int err = 0;
	void *p;

	m->index = 0;
	m->count = 0;
	m->from = 0;
	if (!offset)
		return 0;
	err = seq_alloc_first(m);
	if (err)
		return err;

	p = m->op->start(m, &m->index);
	while (!IS_ERR_OR_NULL(p)) {
		err = seq_show_one(m, p);
		if (err < 0 || err == SEQ_SHOW_OVERFLOW)
			break;
		err = 0;
		p = m->op->next(m, p, &m->index);
		if (pos + m->count > offset) {
			m->from = offset - pos;
			m->count -= m->from;
			break;
		}
		pos += m->count;
		m->count = 0;
		if (pos == offset)
			break;
	}
	if (!err && IS_ERR(p))
		err = PTR_ERR(p);
	m->op->stop(m, p);
	if (err == SEQ_SHOW_OVERFLOW)
		return seq_grow(m) ?: SEQ_SHOW_OVERFLOW;
	return err;
}

static int seq_traverse(struct seq_file *m, loff_t offset)
{
	int err;

	do {
		err = seq_traverse_once(m, offset);
	} while (err == SEQ_SHOW_OVERFLOW);
	return err;
}

/*
 * Print the first record (from m->index on) that has any text into the
 * empty buffer, growing the buffer until it fits.  Returns 1 with the
 * iteration still started at *@pp, or 0 at the end or -errno with the
 * iteration stopped.
 */
static int seq_fill_first(struct seq_file *m, void **pp)
{
	void *p = m->op->start(m, &m->index);
	int err = 0;

	while (!IS_ERR_OR_NULL(p)) {
		err = seq_show_one(m, p);
		if (err == SEQ_SHOW_FITS) {
			*pp = p;
			return 1;
		}
		if (err == SEQ_SHOW_OVERFLOW) {
			/* Too big: print it again from scratch, twice the room. */
			m->op->stop(m, p);
			err = seq_grow(m);
			if (err)
				return err;
			p = m->op->start(m, &m->index);
			continue;
		}
		if (err < 0)
			break;
		p = m->op->next(m, p, &m->index);
	}
	if (!err && IS_ERR(p))
		err = PTR_ERR(p);
	m->op->stop(m, p);
	m->count = 0;
	return err;
}

/*
 * After the record at @p, add more while the reader wants more than the
 * buffer holds and they fit.  A record that does not fit is dropped: with
 * m->index naming it, the next read prints it again.  Stops the
 * iteration; returns 0 or the error that ended it.
 */
static int seq_fill_more(struct seq_file *m, void *p, size_t want)
{
	int err = 0;

	for (;;) {
		size_t offs = m->count;
		loff_t index = m->index;

		p = m->op->next(m, p, &m->index);
		/* A ->next() that forgets to advance must not loop forever. */
		if (index == m->index)
			m->index++;
		if (IS_ERR_OR_NULL(p)) {
			err = PTR_ERR_OR_ZERO(p);
			break;
		}
		if (m->count >= want)
			break;
		err = m->op->show(m, p);
		if (err < 0 || seq_has_overflowed(m)) {
			m->count = offs;
			break;
		}
		if (err > 0)		/* SEQ_SKIP */
			m->count = offs;
		err = 0;
	}
	m->op->stop(m, p);
	return err;
}

/* Hand buffered text to the reader; returns bytes copied or -EFAULT. */
static ssize_t seq_copy_out(struct seq_file *m, char __user *buf,
			    size_t size)
{
	size_t n = min(m->count, size);

	if (copy_to_user(buf, m->buf + m->from, n))
		return -EFAULT;
	m->from += n;
	m->count -= n;
	return n;
}

/**
 * seq_read - the ->read() of a seq_file
 * @file: the file, opened with seq_open()
 * @buf: where to put the text
 * @size: room at @buf
 * @ppos: the file position
 *
 * Text left from the previous read comes first; then records are printed
 * until @size bytes are there or the records run out.  A read at a
 * position other than where the last one ended (after a seek) prints the
 * records again from the start up to that position.
 *
 * Return: bytes read, 0 at the end, or -errno if nothing could be read.
 */
ssize_t seq_read(struct file *file, char __user *buf, size_t size,
		 loff_t *ppos)
{
	struct seq_file *m = file->private_data;
	size_t copied = 0;
	void *p = NULL;
	ssize_t n;
	int err;

	mutex_lock(&m->lock);

	/* Reading from 0 again means "fresh text", not the stale buffer. */
	if (*ppos == 0) {
		m->index = 0;
		m->count = 0;
	}
	if (*ppos != m->read_pos) {
		err = seq_traverse(m, *ppos);
		if (err) {
			m->read_pos = 0;
			m->index = 0;
			m->count = 0;
			goto out;
		}
		m->read_pos = *ppos;
	}
	err = seq_alloc_first(m);
	if (err)
		goto out;

	if (m->count) {
		n = seq_copy_out(m, buf, size);
		if (n < 0) {
			err = n;
			goto out;
		}
		copied += n;
		if (m->count || copied == size)
			goto out;
	}

	m->from = 0;
	err = seq_fill_first(m, &p);
	if (err <= 0)
		goto out;
	err = seq_fill_more(m, p, size - copied);
	n = seq_copy_out(m, buf + copied, size - copied);
	if (n < 0)
		err = n;
	else
		copied += n;
out:
	if (copied) {
		*ppos += copied;
		m->read_pos += copied;
	}
	mutex_unlock(&m->lock);
	return copied ? copied : err;
}

/**
 * seq_lseek - the ->llseek() of a seq_file
 * @file: the file
 * @offset: the new position, or a distance from the current one
 * @whence: SEEK_SET or SEEK_CUR
 *
 * Return: the new position, or -EINVAL for a negative one or another
 * @whence, or the error of printing the records up to it.
 */
loff_t seq_lseek(struct file *file, loff_t offset, int whence)
{
	struct seq_file *m = file->private_data;
	loff_t ret = -EINVAL;

	mutex_lock(&m->lock);
	if (whence == SEEK_CUR)
		offset += file->f_pos;
	if ((whence == SEEK_SET || whence == SEEK_CUR) && offset >= 0) {
		ret = offset;
		if (offset != m->read_pos) {
			ret = seq_traverse(m, offset) ?: offset;
			m->read_pos = ret < 0 ? 0 : offset;
		}
		if (ret < 0) {
			m->index = 0;
			m->count = 0;
			file->f_pos = 0;
		} else {
			file->f_pos = offset;
		}
	}
	mutex_unlock(&m->lock);
	return ret;
}

/**
 * seq_open - make a file a seq_file
 * @file: the file being opened; its private_data becomes the seq_file
 * @op: the iterator and printer
 *
 * Return: 0 or -ENOMEM.
 */
int seq_open(struct file *file, const struct seq_operations *op)
{
	struct seq_file *m;

	WARN_ON(file->private_data);
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	mutex_init(&m->lock);
	m->op = op;
	m->file = file;
	file->private_data = m;
	return 0;
}

/**
 * seq_release - the ->release() of a seq_file
 * @inode: the file's inode
 * @file: the file
 *
 * Return: 0.
 */
int seq_release(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	kfree(m->buf);
	kfree(m);
	file->private_data = NULL;
	return 0;
}

/**
 * __seq_open_private - seq_open() with a zeroed private area
 * @file: the file being opened
 * @op: the iterator and printer
 * @psize: size of the area, which becomes m->private
 *
 * Return: the area, or NULL if out of memory.
 */
void *__seq_open_private(struct file *file, const struct seq_operations *op,
			 int psize)
{
	void *private = kzalloc(psize, GFP_KERNEL);

	if (!private)
		return NULL;
	if (seq_open(file, op)) {
		kfree(private);
		return NULL;
	}
	((struct seq_file *)file->private_data)->private = private;
	return private;
}

/**
 * seq_open_private - seq_open() with a zeroed private area
 * @file: the file being opened
 * @op: the iterator and printer
 * @psize: size of the area, which becomes m->private
 *
 * Return: 0 or -ENOMEM.
 */
int seq_open_private(struct file *file, const struct seq_operations *op,
		     int psize)
{
	return __seq_open_private(file, op, psize) ? 0 : -ENOMEM;
}

/**
 * seq_release_private - release for seq_open_private()
 * @inode: the file's inode
 * @file: the file
 *
 * Return: 0.
 */
int seq_release_private(struct inode *inode, struct file *file)
{
	struct seq_file *m = file->private_data;

	kfree(m->private);
	m->private = NULL;
	return seq_release(inode, file);
}

/* single_open(): an iterator over exactly one record. */
static void *single_start(struct seq_file *m, loff_t *pos)
{
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *single_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void single_stop(struct seq_file *m, void *v)
{
}

/**
 * single_open - a seq_file whose whole text comes from one show function
 * @file: the file being opened
 * @show: prints the text; gets SEQ_START_TOKEN as its record
 * @data: m->private for @show
 *
 * Return: 0 or -ENOMEM.
 */
int single_open(struct file *file, int (*show)(struct seq_file *, void *),
		void *data)
{
	struct seq_operations *op = kmalloc(sizeof(*op), GFP_KERNEL);
	int err;

	if (!op)
		return -ENOMEM;
	op->start = single_start;
	op->next = single_next;
	op->stop = single_stop;
	op->show = show;
	err = seq_open(file, op);
	if (err) {
		kfree(op);
		return err;
	}
	((struct seq_file *)file->private_data)->private = data;
	return 0;
}

/**
 * single_open_size - single_open() with a buffer of @size from the start
 * @file: the file being opened
 * @show: prints the text
 * @data: m->private for @show
 * @size: the expected size of the text, to avoid printing it repeatedly
 *	while the buffer grows
 *
 * Return: 0 or -ENOMEM.
 */
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *),
		     void *data, size_t size)
{
	char *buf = kmalloc(size, GFP_KERNEL);
	struct seq_file *m;
	int err;

	if (!buf)
		return -ENOMEM;
	err = single_open(file, show, data);
	if (err) {
		kfree(buf);
		return err;
	}
	m = file->private_data;
	m->buf = buf;
	m->size = size;
	return 0;
}

/**
 * single_release - the ->release() of a single_open() file
 * @inode: the file's inode
 * @file: the file
 *
 * Return: 0.
 */
int single_release(struct inode *inode, struct file *file)
{
	const struct seq_operations *op =
		((struct seq_file *)file->private_data)->op;

	seq_release(inode, file);
	kfree(op);
	return 0;
}

/**
 * seq_vprintf - print into a seq_file
 * @m: the seq_file
 * @f: printf format
 * @args: its arguments
 *
 * Text that does not fit marks the buffer overflowed; seq_read() then
 * prints the record again into a larger buffer.
 */
void seq_vprintf(struct seq_file *m, const char *f, va_list args)
{
	if (m->count < m->size) {
		int len = vsnprintf(m->buf + m->count, m->size - m->count, f,
				    args);

		if (m->count + len < m->size) {
			m->count += len;
			return;
		}
	}
	seq_set_overflow(m);
}

/**
 * seq_printf - print into a seq_file
 * @m: the seq_file
 * @f: printf format
 */
void seq_printf(struct seq_file *m, const char *f, ...)
{
	va_list args;

	va_start(args, f);
	seq_vprintf(m, f, args);
	va_end(args);
}

/**
 * seq_write - add bytes to a seq_file
 * @m: the seq_file
 * @data: the bytes
 * @len: how many
 */
void seq_write(struct seq_file *m, const void *data, size_t len)
{
	if (m->count + len < m->size) {
		memcpy(m->buf + m->count, data, len);
		m->count += len;
		return;
	}
	seq_set_overflow(m);
}

/**
 * seq_puts - add a string to a seq_file
 * @m: the seq_file
 * @s: the string
 */
void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

/**
 * seq_putc - add a character to a seq_file
 * @m: the seq_file
 * @c: the character
 */
void seq_putc(struct seq_file *m, char c)
{
	if (m->count < m->size)
		m->buf[m->count++] = c;
}

/**
 * seq_put_decimal_ull_width - add a delimiter and a right-aligned number
 * @m: the seq_file
 * @delimiter: printed first, if not NULL or empty
 * @num: the number
 * @width: the field width: the number is padded on the left with spaces
 *	to this many characters (0 for no padding)
 *
 * The fast path of seq_printf(m, "%s%*llu", delimiter, width, num), for
 * the long tables of /proc/vmstat and /proc/zoneinfo.
 */
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width)
{
	char digits[20];	/* 2^64 has 20 decimal digits */
	unsigned int n = 0;

	if (delimiter && delimiter[0])
		seq_puts(m, delimiter);
	do {
		digits[n++] = '0' + num % 10;
		num /= 10;
	} while (num);
	if (width < n)
		width = n;
	if (m->count + width >= m->size) {
		seq_set_overflow(m);
		return;
	}
	memset(m->buf + m->count, ' ', width - n);
	m->count += width - n;
	while (n)
		m->buf[m->count++] = digits[--n];
}

/**
 * seq_put_decimal_ull - add a delimiter and a number
 * @m: the seq_file
 * @delimiter: printed first, if not NULL or empty
 * @num: the number
 */
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter,
			 unsigned long long num)
{
	seq_put_decimal_ull_width(m, delimiter, num, 0);
}

/**
 * seq_put_decimal_ll - add a delimiter and a signed number
 * @m: the seq_file
 * @delimiter: printed first, if not NULL or empty
 * @num: the number
 */
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter,
			long long num)
{
	unsigned long long mag = num;

	if (delimiter && delimiter[0])
		seq_puts(m, delimiter);
	if (num < 0) {
		seq_putc(m, '-');
		mag = -mag;
	}
	seq_put_decimal_ull_width(m, NULL, mag, 0);
}

/**
 * seq_pad - pad the field started by seq_setwidth(), then add a character
 * @m: the seq_file
 * @c: added after the padding, unless it is '\0'
 */
void seq_pad(struct seq_file *m, char c)
{
	if (m->pad_until > m->count) {
		size_t size = m->pad_until - m->count;

		if (m->count + size >= m->size) {
			seq_set_overflow(m);
			return;
		}
		memset(m->buf + m->count, ' ', size);
		m->count += size;
	}
	if (c)
		seq_putc(m, c);
}

/**
 * seq_list_start - ->start() for a seq_file over a list
 * @head: the list
 * @pos: the position to start at
 *
 * Return: the @pos'th entry, or NULL past the end.
 */
struct list_head *seq_list_start(struct list_head *head, loff_t pos)
{
	struct list_head *lh;

	list_for_each(lh, head)
		if (pos-- == 0)
			return lh;
	return NULL;
}

/**
 * seq_list_start_head - seq_list_start() with the head as record 0
 * @head: the list
 * @pos: the position to start at
 *
 * Return: @head for position 0 (to print a header), then the entries.
 */
struct list_head *seq_list_start_head(struct list_head *head, loff_t pos)
{
	if (!pos)
		return head;
	return seq_list_start(head, pos - 1);
}

/**
 * seq_list_next - ->next() for a seq_file over a list
 * @v: the current entry
 * @head: the list
 * @ppos: the position, advanced by one
 *
 * Return: the next entry, or NULL at the end.
 */
struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos)
{
	struct list_head *lh = ((struct list_head *)v)->next;

	++*ppos;
	return lh == head ? NULL : lh;
}
