// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/trace/trace.c - the trace buffer and its files
 *
 * One buffer for all CPUs (each line says which CPU it came from) under
 * /sys/kernel/debug/tracing:
 *
 *	trace		the header and the recorded lines; opening it for
 *			writing (echo > trace) clears the buffer
 *	tracing_on	1 records, 0 drops events
 *	buffer_size_kb	the buffer's size; writing resizes it and clears it
 *	free_buffer	closing it (echo 1 > free_buffer) gives the pages back
 *	trace_pipe	the lines without the header, taken out as they are
 *			read (trace_pipe.c)
 *	trace_marker	a line written here is a line of the trace
 *			(trace_marker.c)
 *
 * As in the kernel, the buffer is not allocated at boot: it takes its
 * buffer_size_kb (1408 by default, trace_buf_size= at boot) the first
 * time an event is enabled or the size is written, and until then
 * buffer_size_kb reads "0 (expanded: 1408)".  So a boot that does not
 * trace keeps its memory, and its fragmentation, as it would be without
 * tracing.  free_buffer takes it back to that state.
 *
 * While the trace file is open for reading, recording pauses (ftrace's
 * pause-on-trace), so a reader sees one consistent buffer.
 *
 * Lock order: event_mutex (trace_events.c), then trace_types_lock, then
 * global_trace.lock.  Events record with only global_trace.lock, taken
 * last, under whatever locks their caller holds.
 */

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include "trace.h"

#define TRACE_BUF_SIZE_DEFAULT_KB	1408UL	/* the kernel's 1.4 MB */

struct trace_buffer global_trace;

/* Serialises sizing of global_trace; protects the two below. */
static DEFINE_MUTEX(trace_types_lock);
static unsigned long trace_buf_size_kb = TRACE_BUF_SIZE_DEFAULT_KB;
static bool ring_buffer_expanded;

/* trace_buf_size=nn[KMG]: the buffer's size in bytes, as in the kernel. */
static int __init set_buf_size(char *str)
{
	unsigned long long size;

	if (memparse_strict(str, &size) || !size) {
		param_set_reason("not a size in bytes (K, M, G allowed)");
		return -EINVAL;
	}
	trace_buf_size_kb = max_t(unsigned long long, size >> 10, 1);
	return 0;
}
__setup("trace_buf_size=", set_buf_size);

static unsigned long trace_kb_to_pages(unsigned long kb)
{
	return DIV_ROUND_UP(kb, PAGE_SIZE >> 10);
}

/* Give the buffer @kb KiB now; trace_types_lock held. */
static int tracing_resize_ring_buffer(unsigned long kb)
{
	int ret;

	lockdep_assert_held(&trace_types_lock);
	ret = ring_buffer_resize(&global_trace, trace_kb_to_pages(kb));
	if (ret)
		return ret;
	trace_buf_size_kb = kb;
	ring_buffer_expanded = true;
	return 0;
}

/**
 * tracing_update_buffers - allocate the buffer before the first event
 *
 * Called when an event is enabled.  May sleep.
 *
 * Return: 0, or -ENOMEM if the buffer could not be allocated.
 */
int tracing_update_buffers(void)
{
	int ret = 0;

	mutex_lock(&trace_types_lock);
	if (!ring_buffer_expanded)
		ret = tracing_resize_ring_buffer(trace_buf_size_kb);
	mutex_unlock(&trace_types_lock);
	return ret;
}

/**
 * tracing_is_on - would a line written now be kept?
 *
 * Linux's answers whether the ring buffer records; here the buffer must
 * also have its pages, which it gets only when tracing is first used.
 *
 * Return: 1 if recording is on and the buffer is allocated, else 0.
 */
int tracing_is_on(void)
{
	int on;

	spin_lock(&global_trace.lock);
	on = global_trace.record_on && global_trace.nr_pages;
	spin_unlock(&global_trace.lock);
	return on;
}

static void (*tracing_drain_fn)(const char *line, size_t len);

/* Under global_trace.lock, so one line at a time. */
static void tracing_drain_entry(const struct trace_entry *entry)
{
	static char line[TRACE_LINE_MAX];

	tracing_drain_fn(line, trace_format_entry(line, sizeof(line), entry));
}

/**
 * tracing_set_drain - keep every line: a full buffer hands its oldest out
 * @fn: called with each line (newline included) that a full buffer would
 *	otherwise lose, oldest first; under the buffer's lock, so it must
 *	not sleep nor record
 *
 * umm's own, for a run that saves its whole trace (the scenario runner's
 * --trace): the stream trace-cmd record reads from Linux's per-CPU
 * buffers as their pages fill, here taken when the ring is full.
 */
void tracing_set_drain(void (*fn)(const char *line, size_t len))
{
	spin_lock(&global_trace.lock);
	tracing_drain_fn = fn;
	global_trace.drain = fn ? tracing_drain_entry : NULL;
	spin_unlock(&global_trace.lock);
}

/**
 * trace_event_printf - record an event's line
 * @call: the event
 * @fmt: its TP_printk() format
 * @...: the values
 *
 * Called by the recorders that CREATE_TRACE_POINTS generates, once the
 * event is known to be enabled.  The line is "name: text", cut at
 * TRACE_TEXT_MAX bytes.  Does not sleep.
 */
void trace_event_printf(struct trace_event_call *call, const char *fmt, ...)
{
	char text[TRACE_TEXT_MAX];
	va_list args;
	int len;

	if (!READ_ONCE(global_trace.record_on))
		return;
	len = scnprintf(text, sizeof(text), "%s: ", call->name);
	va_start(args, fmt);
	len += vscnprintf(text + len, sizeof(text) - len, fmt, args);
	va_end(args);
	ring_buffer_write(&global_trace, text, len);
}

/**
 * tracing_parse_ulong - read a number that a user wrote to a file
 * @ubuf: the text (echo's newline allowed)
 * @cnt: its length
 * @val: set to the number
 *
 * Return: 0, or -EINVAL if the text is not a decimal number.
 */
int tracing_parse_ulong(const char __user *ubuf, size_t cnt,
			unsigned long *val)
{
	char buf[32];

	if (cnt >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, cnt))
		return -EFAULT;
	buf[cnt] = '\0';
	return kstrtoul(buf, 10, val);
}

/* ---- trace ------------------------------------------------------------ */

/* A reader of the trace file: where the lines it is reading start. */
struct trace_iterator {
	u64 base_id;
	struct ring_iter ri;
};

/*
 * Record 0 is the header; record n is the n-th entry from the one that
 * was oldest when the header was printed.
 */
static void *s_start(struct seq_file *m, loff_t *pos)
	__acquires(&global_trace.lock)
{
	struct trace_iterator *iter = m->private;

	spin_lock(&global_trace.lock);
	if (*pos == 0) {
		iter->base_id = ring_buffer_oldest_id(&global_trace);
		return SEQ_START_TOKEN;
	}
	if (!ring_buffer_iter_seek(&global_trace, &iter->ri,
				  iter->base_id + *pos - 1))
		return NULL;
	return &iter->ri;
}

static void *s_next(struct seq_file *m, void *v, loff_t *pos)
{
	struct trace_iterator *iter = m->private;
	bool more;

	++*pos;
	if (v == SEQ_START_TOKEN)
		more = ring_buffer_iter_seek(&global_trace, &iter->ri,
					     iter->base_id);
	else
		more = ring_buffer_iter_next(&global_trace, &iter->ri);
	return more ? &iter->ri : NULL;
}

static void s_stop(struct seq_file *m, void *v)
	__releases(&global_trace.lock)
{
	spin_unlock(&global_trace.lock);
}

static int s_show(struct seq_file *m, void *v)
{
	if (v == SEQ_START_TOKEN)
		trace_print_header(m, &global_trace);
	else
		trace_print_entry(m, ring_buffer_iter_entry(v));
	return 0;
}

static const struct seq_operations tracer_seq_ops = {
	.start	= s_start,
	.next	= s_next,
	.stop	= s_stop,
	.show	= s_show,
};

/* Opened for writing with O_TRUNC ("echo > trace"), trace clears the buffer. */
static int tracing_open(struct inode *inode, struct file *file)
{
	int ret;

	if ((file->f_mode & FMODE_WRITE) && (file->f_flags & O_TRUNC))
		ring_buffer_reset(&global_trace);
	if (!(file->f_mode & FMODE_READ))
		return 0;
	ret = seq_open_private(file, &tracer_seq_ops,
			       sizeof(struct trace_iterator));
	if (!ret)
		ring_buffer_record_disable(&global_trace);
	return ret;
}

static int tracing_release(struct inode *inode, struct file *file)
{
	if (!(file->f_mode & FMODE_READ))
		return 0;
	ring_buffer_record_enable(&global_trace);
	return seq_release_private(inode, file);
}

/* Writes only matter through the open; their text is ignored. */
static ssize_t tracing_write_stub(struct file *file, const char __user *ubuf,
				  size_t cnt, loff_t *ppos)
{
	*ppos += cnt;
	return cnt;
}

static const struct file_operations tracing_fops = {
	.open		= tracing_open,
	.read		= seq_read,
	.write		= tracing_write_stub,
	.llseek		= seq_lseek,
	.release	= tracing_release,
};

/* ---- tracing_on ------------------------------------------------------- */

static ssize_t rb_simple_read(struct file *file, char __user *ubuf,
			      size_t cnt, loff_t *ppos)
{
	char buf[4];
	int len;

	len = scnprintf(buf, sizeof(buf), "%d\n",
			READ_ONCE(global_trace.record_on));
	return simple_read_from_buffer(ubuf, cnt, ppos, buf, len);
}

/* Any number but 0 switches recording on, as in the kernel. */
static ssize_t rb_simple_write(struct file *file, const char __user *ubuf,
			       size_t cnt, loff_t *ppos)
{
	unsigned long val;
	int ret;

	ret = tracing_parse_ulong(ubuf, cnt, &val);
	if (ret)
		return ret;
	ring_buffer_record_on(&global_trace, val != 0);
	*ppos += cnt;
	return cnt;
}

static const struct file_operations rb_simple_fops = {
	.read		= rb_simple_read,
	.write		= rb_simple_write,
	.llseek		= default_llseek,
};

/* ---- buffer_size_kb, free_buffer ---------------------------------------- */

static ssize_t tracing_entries_read(struct file *file, char __user *ubuf,
				    size_t cnt, loff_t *ppos)
{
	char buf[64];
	int len;

	mutex_lock(&trace_types_lock);
	if (ring_buffer_expanded)
		len = scnprintf(buf, sizeof(buf), "%lu\n", trace_buf_size_kb);
	else
		len = scnprintf(buf, sizeof(buf), "0 (expanded: %lu)\n",
				trace_buf_size_kb);
	mutex_unlock(&trace_types_lock);
	return simple_read_from_buffer(ubuf, cnt, ppos, buf, len);
}

static ssize_t tracing_entries_write(struct file *file,
				     const char __user *ubuf, size_t cnt,
				     loff_t *ppos)
{
	unsigned long val;
	int ret;

	ret = tracing_parse_ulong(ubuf, cnt, &val);
	if (ret)
		return ret;
	/* At least one entry must fit, and the page count must not wrap. */
	if (!val || val > ULONG_MAX >> 10)
		return -EINVAL;
	mutex_lock(&trace_types_lock);
	ret = tracing_resize_ring_buffer(val);
	mutex_unlock(&trace_types_lock);
	if (ret)
		return ret;
	*ppos += cnt;
	return cnt;
}

static const struct file_operations tracing_entries_fops = {
	.read		= tracing_entries_read,
	.write		= tracing_entries_write,
	.llseek		= default_llseek,
};

static ssize_t tracing_free_buffer_write(struct file *file,
					 const char __user *ubuf, size_t cnt,
					 loff_t *ppos)
{
	*ppos += cnt;
	return cnt;
}

/* The buffer goes back to its boot state: no pages, not expanded. */
static int tracing_free_buffer_release(struct inode *inode, struct file *file)
{
	mutex_lock(&trace_types_lock);
	ring_buffer_resize(&global_trace, 0);
	ring_buffer_expanded = false;
	mutex_unlock(&trace_types_lock);
	return 0;
}

static const struct file_operations tracing_free_buffer_fops = {
	.write		= tracing_free_buffer_write,
	.release	= tracing_free_buffer_release,
	.llseek		= default_llseek,
};

/* ---- set-up ----------------------------------------------------------- */

static int __init tracer_init_tracefs(void)
{
	struct dentry *d_tracer = debugfs_create_dir("tracing", NULL);

	if (IS_ERR(d_tracer))
		return PTR_ERR(d_tracer);
	debugfs_create_file("trace", 0644, d_tracer, NULL, &tracing_fops);
	debugfs_create_file("tracing_on", 0644, d_tracer, NULL,
			    &rb_simple_fops);
	debugfs_create_file("buffer_size_kb", 0644, d_tracer, NULL,
			    &tracing_entries_fops);
	debugfs_create_file("free_buffer", 0200, d_tracer, NULL,
			    &tracing_free_buffer_fops);
	trace_pipe_init(d_tracer);
	trace_marker_init(d_tracer);
	return event_trace_init(d_tracer);
}

static int __init tracer_alloc_buffers(void)
{
	ring_buffer_init(&global_trace);
	return tracer_init_tracefs();
}
fs_initcall(tracer_alloc_buffers);
