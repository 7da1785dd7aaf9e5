/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kernel/trace/trace.h - what the files of kernel/trace/ share
 *
 * The ring buffer (ring_buffer.c) keeps formatted event lines in a ring
 * of pages; trace.c owns the one buffer and the tracing/ files about it,
 * trace_pipe.c and trace_marker.c two more of those files;
 * trace_output.c prints the trace file's header and lines in ftrace's
 * layout; trace_events.c finds the events and switches them on and off.
 */
#ifndef _KERNEL_TRACE_TRACE_H
#define _KERNEL_TRACE_TRACE_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/spinlock.h>
#include <linux/tracepoint.h>
#include <linux/types.h>

struct dentry;

/*
 * One recorded event: who and when (what ftrace prints before the event
 * name), then the text "name: formatted arguments", without a newline.
 */
struct trace_entry {
	u64 ts;				/* local_clock(), ns since boot */
	pid_t pid;
	u16 cpu;
	u16 len;			/* of text[] */
	char comm[TASK_COMM_LEN];
	char text[];
};

/*
 * A page of the ring: a header, then entries packed one after the other,
 * each starting on an 8-byte boundary.  An entry never spans two pages.
 */
struct buffer_page {
	struct list_head list;		/* the ring, in write order */
	u64 first_id;			/* id of the first entry here */
	unsigned int entries;		/* entries here, not consumed */
	unsigned int commit;		/* bytes of data[] in use */
	unsigned int read;		/* bytes of data[] consumed */
	char data[] __aligned(8);
};

#define BUF_PAGE_SIZE	(PAGE_SIZE - offsetof(struct buffer_page, data))

/* The longest event text kept; longer ones are cut. */
#define TRACE_TEXT_MAX	1024

/* The longest line of the trace file: what comes before the text, and it. */
#define TRACE_LINE_MAX	(TRACE_TEXT_MAX + 96)

/*
 * The ring: pages from ->head (oldest entries) to ->tail (being written)
 * are in use; when the tail needs the head's page, the head's entries are
 * lost (->overrun) and the head moves on.  Every entry has an id, one
 * more than the entry before it, so that readers can say where they are.
 */
struct trace_buffer {
	spinlock_t lock;		/* everything below */
	struct buffer_page *head;
	struct buffer_page *tail;
	unsigned long nr_pages;		/* 0: nothing allocated */
	unsigned long entries;		/* in the buffer now */
	unsigned long overrun;		/* lost to overwriting since the reset */
	u64 next_id;			/* id the next entry gets */
	bool record_on;			/* tracing_on */
	int record_disabled;		/* readers of the trace file */
	/* Called under the lock for each entry a full ring would lose. */
	void (*drain)(const struct trace_entry *entry);
};

/* A reader's place in the ring; valid only with buffer->lock held. */
struct ring_iter {
	struct buffer_page *page;
	unsigned int offset;		/* of the entry in page->data */
	u64 id;				/* of the entry */
};

/* ring_buffer.c */
void ring_buffer_init(struct trace_buffer *buffer);
int ring_buffer_resize(struct trace_buffer *buffer, unsigned long nr_pages);
int ring_buffer_write(struct trace_buffer *buffer, const char *text,
		      unsigned int len);
bool ring_buffer_consume(struct trace_buffer *buffer, struct trace_entry *entry);
void ring_buffer_reset(struct trace_buffer *buffer);
void ring_buffer_record_on(struct trace_buffer *buffer, bool on);
void ring_buffer_record_disable(struct trace_buffer *buffer);
void ring_buffer_record_enable(struct trace_buffer *buffer);
u64 ring_buffer_oldest_id(struct trace_buffer *buffer);
bool ring_buffer_iter_seek(struct trace_buffer *buffer, struct ring_iter *iter,
			   u64 id);
bool ring_buffer_iter_next(struct trace_buffer *buffer, struct ring_iter *iter);

static inline struct trace_entry *ring_buffer_iter_entry(struct ring_iter *iter)
{
	return (struct trace_entry *)(iter->page->data + iter->offset);
}

/* trace.c */
extern struct trace_buffer global_trace;
int tracing_update_buffers(void);
int tracing_parse_ulong(const char __user *ubuf, size_t cnt,
			unsigned long *val);

/* trace_output.c */
void trace_print_header(struct seq_file *m, struct trace_buffer *buffer);
void trace_print_entry(struct seq_file *m, const struct trace_entry *entry);
int trace_format_entry(char *buf, size_t size, const struct trace_entry *entry);

/* trace_pipe.c, trace_marker.c */
void trace_pipe_init(struct dentry *d_tracer);
void trace_marker_init(struct dentry *d_tracer);

/* trace_event_format.c, trace_events_filter.c */
const struct trace_event_field *trace_event_common_fields(void);
void trace_print_fmt(struct seq_file *m, const char *src);
void event_format_create_files(struct dentry *dir,
			       struct trace_event_call *call);
void event_filter_create_file(struct dentry *dir,
			      struct trace_event_call *call);

/* trace_events.c */
int event_trace_init(struct dentry *tracing_dir);

/* Every event, from the _ftrace_events section (see linux/tracepoint.h). */
extern struct trace_event_call *__start__ftrace_events[] __weak;
extern struct trace_event_call *__stop__ftrace_events[] __weak;

/* Every TRACE_DEFINE_SYMBOLS() table, from the _ftrace_symbols section. */
extern const struct trace_symbol_table *__start__ftrace_symbols[] __weak;
extern const struct trace_symbol_table *__stop__ftrace_symbols[] __weak;

#define for_each_trace_event(callp)					\
	for (callp = __start__ftrace_events; callp < __stop__ftrace_events; \
	     callp++)

#endif /* _KERNEL_TRACE_TRACE_H */
