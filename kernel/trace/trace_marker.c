// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/trace/trace_marker.c - the trace_marker file
 *
 * What a user writes to trace_marker becomes a line of the trace, in
 * Linux's layout:
 *
 *	             umm-1       [000] .....     0.123456: tracing_mark_write: text
 *
 * so that a script can mark where its steps begin among the events (the
 * console's `phase NAME` writes "phase NAME" there).  One write is one
 * line: its trailing newline is dropped, and text past TRACE_TEXT_MAX is
 * cut.  As in Linux, a write that the buffer does not take (tracing_on
 * is 0, or the trace file is being read) fails with EBADF; and so does
 * one before the buffer has pages (no event was ever enabled and
 * buffer_size_kb never written), because here a marker does not allocate
 * the buffer: a scenario's phases must not change its memory.
 */

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "trace.h"

static const char marker_prefix[] = "tracing_mark_write: ";

static ssize_t tracing_mark_write(struct file *file, const char __user *ubuf,
				  size_t cnt, loff_t *ppos)
{
	size_t plen = sizeof(marker_prefix) - 1;
	size_t len = min_t(size_t, cnt, TRACE_TEXT_MAX - plen);
	char *text;
	int ret;

	text = kmalloc(plen + len, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	memcpy(text, marker_prefix, plen);
	if (copy_from_user(text + plen, ubuf, len)) {
		kfree(text);
		return -EFAULT;
	}
	if (len && text[plen + len - 1] == '\n')
		len--;
	ret = ring_buffer_write(&global_trace, text, plen + len);
	kfree(text);
	if (ret)
		return ret;
	*ppos += cnt;
	return cnt;
}

static const struct file_operations tracing_mark_fops = {
	.write		= tracing_mark_write,
	.llseek		= no_llseek,
};

/**
 * trace_marker_init - create the trace_marker file
 * @d_tracer: /sys/kernel/debug/tracing
 */
void __init trace_marker_init(struct dentry *d_tracer)
{
	debugfs_create_file("trace_marker", 0220, d_tracer, NULL,
			    &tracing_mark_fops);
}
