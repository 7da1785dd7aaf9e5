// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/trace/trace_output.c - the text of the trace file
 *
 * The header and the line layout are ftrace's (6.1, with the irq-info
 * columns), so that scripts written against a kernel's trace file parse
 * this one:
 *
 *	           umm-1       [000] .....     0.123456: name: text
 *
 * comm right-aligned in 16 columns, '-', pid left-aligned in 7, the CPU,
 * the five latency flags, seconds and microseconds since boot.  Nothing
 * here runs with interrupts off or preemption disabled (there are no
 * interrupts, and each task owns its CPU), so the flags are always dots.
 *
 * Also the helpers behind __print_symbolic() and show_gfp_flags(), which
 * events call while they format their line.
 */

#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include "trace.h"

#define USEC_PER_SEC	1000000UL

/**
 * trace_print_header - the comment lines at the top of the trace file
 * @m: the trace file
 * @buffer: the buffer, with its lock held (for the counts)
 *
 * "entries-in-buffer" is what the buffer holds; "entries-written" adds
 * the entries lost to overwriting since the last clear.
 */
void trace_print_header(struct seq_file *m, struct trace_buffer *buffer)
{
	lockdep_assert_held(&buffer->lock);
	seq_puts(m, "# tracer: nop\n#\n");
	seq_printf(m, "# entries-in-buffer/entries-written: %lu/%lu   #P:%u\n",
		   buffer->entries, buffer->entries + buffer->overrun,
		   num_online_cpus());
	seq_puts(m, "#\n");
	seq_puts(m, "#                                _-----=> irqs-off/BH-disabled\n");
	seq_puts(m, "#                               / _----=> need-resched\n");
	seq_puts(m, "#                              | / _---=> hardirq/softirq\n");
	seq_puts(m, "#                              || / _--=> preempt-depth\n");
	seq_puts(m, "#                              ||| / _-=> migrate-disable\n");
	seq_puts(m, "#                              |||| /     delay\n");
	seq_puts(m, "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n");
	seq_puts(m, "#              | |         |   |||||     |         |\n");
}

/* The line's layout and its values, shared by the two printers below. */
#define TRACE_LINE_FMT	"%16s-%-7d [%03u] ..... %5lu.%06lu: %.*s\n"
#define TRACE_LINE_ARGS(entry, usecs)					\
	(entry)->comm, (entry)->pid, (entry)->cpu,			\
	(unsigned long)((usecs) / USEC_PER_SEC),			\
	(unsigned long)((usecs) % USEC_PER_SEC),			\
	(int)(entry)->len, (entry)->text

/* The timestamp is rounded to the nearest microsecond, as ftrace does. */
static u64 trace_entry_usecs(const struct trace_entry *entry)
{
	return (entry->ts + 500) / 1000;
}

/**
 * trace_print_entry - one line of the trace file
 * @m: the trace file
 * @entry: the entry
 */
void trace_print_entry(struct seq_file *m, const struct trace_entry *entry)
{
	u64 usecs = trace_entry_usecs(entry);

	seq_printf(m, TRACE_LINE_FMT, TRACE_LINE_ARGS(entry, usecs));
}

/**
 * trace_format_entry - one line of the trace file, into a buffer
 * @buf: the buffer
 * @size: its size; TRACE_LINE_MAX holds any line
 * @entry: the entry
 *
 * Return: the length of the line, newline included.
 */
int trace_format_entry(char *buf, size_t size, const struct trace_entry *entry)
{
	u64 usecs = trace_entry_usecs(entry);

	return scnprintf(buf, size, TRACE_LINE_FMT,
			 TRACE_LINE_ARGS(entry, usecs));
}

/* Room for @len more bytes and a NUL in the scratch, or NULL. */
static char *trace_scratch_get(struct trace_print_scratch *p, size_t *room)
{
	if (p->used >= sizeof(p->buf))
		return NULL;
	*room = sizeof(p->buf) - p->used;
	return p->buf + p->used;
}

/* Keep the string just written at @s in the scratch. */
static const char *trace_scratch_keep(struct trace_print_scratch *p,
				      const char *s, int len)
{
	p->used += len + 1;
	return s;
}

/**
 * trace_print_symbols - the name of a value, for __print_symbolic()
 * @p: the recording event's scratch buffer
 * @val: the value
 * @symbols: value/name pairs, ending with a NULL name
 *
 * Return: the name of @val, or @val as "0x%lx" (kept in @p) if the
 * table does not have it.
 */
const char *trace_print_symbols(struct trace_print_scratch *p,
				unsigned long val,
				const struct trace_print_flags *symbols)
{
	size_t room;
	char *s;

	for (; symbols->name; symbols++)
		if (symbols->mask == val)
			return symbols->name;
	s = trace_scratch_get(p, &room);
	if (!s)
		return "";
	return trace_scratch_keep(p, s, scnprintf(s, room, "0x%lx", val));
}

/**
 * trace_print_gfp_flags - a gfp mask in words, for show_gfp_flags()
 * @p: the recording event's scratch buffer
 * @gfp: the mask
 *
 * Return: the mask as %pGg prints it (kept in @p; cut short if @p is
 * full), or "none" for an empty mask.
 */
const char *trace_print_gfp_flags(struct trace_print_scratch *p, gfp_t gfp)
{
	size_t room;
	char *s;

	if (!gfp)
		return "none";
	s = trace_scratch_get(p, &room);
	if (!s)
		return "";
	return trace_scratch_keep(p, s, scnprintf(s, room, "%pGg", &gfp));
}
