// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/trace/trace_pipe.c - the trace_pipe file: a consuming read
 *
 * Reading trace_pipe gives the lines of the trace file without its
 * header, oldest first, and takes each line it gives out of the buffer:
 * a second reader, or the trace file, no longer sees it.  Unlike the
 * trace file, reading it does not pause recording.
 *
 * Linux's trace_pipe blocks while the buffer is empty and wakes the
 * reader when an event comes, so that `cat trace_pipe` follows the
 * trace until it is interrupted.  Here a read of an empty buffer is the
 * end of the file: the console's cat reads a file to its end before it
 * prints anything, so a blocking trace_pipe would hang any script that
 * reads it.  `cat trace_pipe` therefore prints what the buffer holds and
 * returns, and reading it again later gives what came since.
 */

#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "trace.h"

/* A reader: the line taken from the buffer and not yet read in full. */
struct trace_pipe {
	struct mutex lock;		/* one read at a time */
	unsigned int len;		/* of line[] */
	unsigned int pos;		/* bytes of line[] already read */
	char line[TRACE_LINE_MAX];
	union {
		struct trace_entry entry;
		char entry_buf[sizeof(struct trace_entry) + TRACE_TEXT_MAX];
	};
};

static int tracing_open_pipe(struct inode *inode, struct file *file)
{
	struct trace_pipe *pipe = kzalloc(sizeof(*pipe), GFP_KERNEL);

	if (!pipe)
		return -ENOMEM;
	mutex_init(&pipe->lock);
	file->private_data = pipe;
	return 0;
}

static int tracing_release_pipe(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

/*
 * A line is taken out of the buffer only when the reader has room left;
 * what does not fit stays in @pipe for the next read, so no line is lost
 * or cut between two reads.
 */
static ssize_t tracing_read_pipe(struct file *file, char __user *ubuf,
				 size_t cnt, loff_t *ppos)
{
	struct trace_pipe *pipe = file->private_data;
	size_t done = 0, n;
	ssize_t ret = 0;

	mutex_lock(&pipe->lock);
	while (done < cnt) {
		if (pipe->pos == pipe->len) {
			if (!ring_buffer_consume(&global_trace, &pipe->entry))
				break;
			pipe->len = trace_format_entry(pipe->line,
						       sizeof(pipe->line),
						       &pipe->entry);
			pipe->pos = 0;
		}
		n = min_t(size_t, cnt - done, pipe->len - pipe->pos);
		if (copy_to_user(ubuf + done, pipe->line + pipe->pos, n)) {
			ret = -EFAULT;
			break;
		}
		pipe->pos += n;
		done += n;
	}
	mutex_unlock(&pipe->lock);
	if (!done)
		return ret;
	*ppos += done;
	return done;
}

static const struct file_operations tracing_pipe_fops = {
	.open		= tracing_open_pipe,
	.read		= tracing_read_pipe,
	.release	= tracing_release_pipe,
	.llseek		= no_llseek,
};

/**
 * trace_pipe_init - create the trace_pipe file
 * @d_tracer: /sys/kernel/debug/tracing
 */
void __init trace_pipe_init(struct dentry *d_tracer)
{
	debugfs_create_file("trace_pipe", 0444, d_tracer, NULL,
			    &tracing_pipe_fops);
}
