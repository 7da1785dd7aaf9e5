/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: seq_file, the way pseudo files produce their text. */
/* newer: DEFINE_SHOW_ATTRIBUTE() is 4.16's. */
#ifndef _LINUX_SEQ_FILE_H
#define _LINUX_SEQ_FILE_H

#include <stdarg.h>
#include <linux/types.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/mutex.h>

struct seq_operations;

/*
 * m->buf holds m->count bytes of text starting at m->from that a reader
 * has not taken yet; m->index names the first record not in it.
 * m->read_pos is the file position that text starts at.
 */
struct seq_file {
	char *buf;
	size_t size;
	size_t from;
	size_t count;
	size_t pad_until;		/* for seq_setwidth() and seq_pad() */
	loff_t index;
	loff_t read_pos;
	struct mutex lock;		/* serialises readers of one file */
	const struct seq_operations *op;
	void *private;
	struct file *file;
};

struct seq_operations {
	void *(*start)(struct seq_file *m, loff_t *pos);
	void (*stop)(struct seq_file *m, void *v);
	void *(*next)(struct seq_file *m, void *v, loff_t *pos);
	int (*show)(struct seq_file *m, void *v);
};

#define SEQ_SKIP 1

/* ->start() returns this for a header line (single_open() for its record). */
#define SEQ_START_TOKEN ((void *)1)

int seq_open(struct file *file, const struct seq_operations *op);
ssize_t seq_read(struct file *file, char __user *buf, size_t size, loff_t *ppos);
loff_t seq_lseek(struct file *file, loff_t offset, int whence);
int seq_release(struct inode *inode, struct file *file);
int single_open(struct file *file, int (*show)(struct seq_file *, void *),
		void *data);
int single_open_size(struct file *file, int (*show)(struct seq_file *, void *),
		     void *data, size_t size);
int single_release(struct inode *inode, struct file *file);
void *__seq_open_private(struct file *file, const struct seq_operations *op,
			 int psize);
int seq_open_private(struct file *file, const struct seq_operations *op,
		     int psize);
int seq_release_private(struct inode *inode, struct file *file);

__printf(2, 3) void seq_printf(struct seq_file *m, const char *fmt, ...);
__printf(2, 0) void seq_vprintf(struct seq_file *m, const char *fmt, va_list args);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
void seq_put_decimal_ull_width(struct seq_file *m, const char *delimiter,
			       unsigned long long num, unsigned int width);
void seq_put_decimal_ull(struct seq_file *m, const char *delimiter,
			 unsigned long long num);
void seq_put_decimal_ll(struct seq_file *m, const char *delimiter,
			long long num);
void seq_pad(struct seq_file *m, char c);

/* seq_file ->start()/->next() over a list_head list. */
struct list_head *seq_list_start(struct list_head *head, loff_t pos);
struct list_head *seq_list_start_head(struct list_head *head, loff_t pos);
struct list_head *seq_list_next(void *v, struct list_head *head, loff_t *ppos);

/* Start a field that seq_pad() will fill with spaces to @size bytes. */
static inline void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}

static inline bool seq_has_overflowed(struct seq_file *m)
{
	return m->count == m->size;
}

/* A read-only file whose whole text comes from one show function. */
#define DEFINE_SHOW_ATTRIBUTE(__name)					\
static int __name ## _open(struct inode *inode, struct file *file)	\
{									\
	return single_open(file, __name ## _show, inode->i_private);	\
}									\
									\
static const struct file_operations __name ## _fops = {			\
	.open		= __name ## _open,				\
	.read		= seq_read,					\
	.llseek		= seq_lseek,					\
	.release	= single_release,				\
}

#endif /* _LINUX_SEQ_FILE_H */
