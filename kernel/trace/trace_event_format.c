// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/trace/trace_event_format.c - an event's format and id files
 *
 * events/<system>/<event>/format describes the event's record as Linux's
 * does, so that a tool that reads format files (libtraceevent, trace-cmd,
 * perf) knows how to print it:
 *
 *	name: mm_compaction_migratepages
 *	ID: 37
 *	format:
 *		field:unsigned short common_type;	offset:0;	size:2;	signed:0;
 *		...the other common fields...
 *
 *		field:unsigned long nr_migrated;	offset:8;	size:8;	signed:0;
 *		...
 *
 *	print fmt: "nr_migrated=%lu nr_failed=%lu", REC->nr_migrated, REC->nr_failed
 *
 * The fields come from TP_STRUCT__entry() (the compiler's offsets and
 * sizes).  "print fmt" is the event header's TP_printk() as written,
 * kept as text by linux/tracepoint.h and rewritten here as Linux's
 * trace_events.h and TRACE_DEFINE_ENUM() would have it: __entry becomes
 * REC, the name of a table of __print_symbolic() becomes the table's
 * values and names ({ 0, "MIGRATE_ASYNC" }, ...), and show_gfp_flags(x)
 * becomes __print_flags() over the gfp flag names.
 */

#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include "trace.h"

static const struct trace_event_field common_fields[] = {
	{ "unsigned short", "common_type", 0, 2, false },
	{ "unsigned char", "common_flags", 2, 1, false },
	{ "unsigned char", "common_preempt_count", 3, 1, false },
	{ "int", "common_pid", 4, 4, true },
	{ }
};

/**
 * trace_event_common_fields - the fields every record starts with
 *
 * Return: common_type, common_flags, common_preempt_count and
 * common_pid, ending with a NULL name.
 */
const struct trace_event_field *trace_event_common_fields(void)
{
	return common_fields;
}

static const struct trace_print_flags *symbol_table(const char *name,
						    size_t len)
{
	const struct trace_symbol_table **t;

	for (t = __start__ftrace_symbols; t < __stop__ftrace_symbols; t++)
		if (strlen((*t)->name) == len && !strncmp((*t)->name, name, len))
			return (*t)->symbols;
	return NULL;
}

/* The end of the parenthesised text that starts at @s[0] == '(', or NULL. */
static const char *match_paren(const char *s, const char *end)
{
	int depth = 0;

	for (; s < end; s++) {
		if (*s == '"') {
			for (s++; s < end && *s != '"'; s++)
				if (*s == '\\')
					s++;
			continue;
		}
		if (*s == '(')
			depth++;
		else if (*s == ')' && !--depth)
			return s;
	}
	return NULL;
}

static void print_fmt_emit(struct seq_file *m, const char *s, const char *end);
static void print_gfp_flags(struct seq_file *m, const char *arg,
			    const char *end);

static bool word_is(const char *word, const char *s, const char *name)
{
	return s - word == strlen(name) && !strncmp(word, name, s - word);
}

/*
 * The identifier [@word, @s) of a TP_printk(), rewritten; @end is the end
 * of the text.  Return: where the text goes on.
 */
static const char *print_fmt_word(struct seq_file *m, const char *word,
				  const char *s, const char *end)
{
	const struct trace_print_flags *sym = symbol_table(word, s - word);
	const char *close = NULL;

	if (word_is(word, s, "show_gfp_flags") && *s == '(')
		close = match_paren(s, end);
	if (word_is(word, s, "__entry")) {
		seq_puts(m, "REC");
	} else if (close) {
		print_gfp_flags(m, s + 1, close);
		s = close + 1;
	} else if (sym) {
		for (; sym->name; sym++)
			seq_printf(m, "{ %lu, \"%s\" }%s", sym->mask, sym->name,
				   sym[1].name ? ", " : "");
	} else {
		seq_write(m, word, s - word);
	}
	return s;
}

/* show_gfp_flags(@arg), as Linux's mmflags.h spells it out. */
static void print_gfp_flags(struct seq_file *m, const char *arg,
			    const char *end)
{
	const struct trace_print_flags *f;

	seq_putc(m, '(');
	print_fmt_emit(m, arg, end);
	seq_puts(m, ") ? __print_flags(");
	print_fmt_emit(m, arg, end);
	seq_puts(m, ", \"|\"");
	for (f = gfpflag_names; f->name; f++)
		seq_printf(m, ", {0x%lx, \"%s\"}", f->mask, f->name);
	seq_puts(m, ") : \"none\"");
}

/* Copy [@s, @end) of a TP_printk()'s source, rewriting as the head says. */
static void print_fmt_emit(struct seq_file *m, const char *s, const char *end)
{
	while (s < end) {
		const char *word = s;

		if (*s == '"') {
			for (seq_putc(m, *s++); s < end && *s != '"'; s++) {
				if (*s == '\\')
					seq_putc(m, *s++);
				seq_putc(m, *s);
			}
			if (s < end)
				seq_putc(m, *s++);
			continue;
		}
		if (!isalpha(*s) && *s != '_') {
			seq_putc(m, *s++);
			continue;
		}
		while (s < end && (isalnum(*s) || *s == '_'))
			s++;
		s = print_fmt_word(m, word, s, end);
	}
}

/**
 * trace_print_fmt - the "print fmt" of an event
 * @m: the format file
 * @src: the event's TP_printk(...), as its source text
 */
void trace_print_fmt(struct seq_file *m, const char *src)
{
	static const char open[] = "TP_printk(";
	const char *end = src + strlen(src);

	/* What is inside TP_printk( and its closing parenthesis. */
	if (!strncmp(src, open, sizeof(open) - 1) && end[-1] == ')') {
		src += sizeof(open) - 1;
		end--;
	}
	print_fmt_emit(m, src, end);
}

static void print_fields(struct seq_file *m, const struct trace_event_field *f)
{
	for (; f->name; f++)
		seq_printf(m, "\tfield:%s %s;\toffset:%u;\tsize:%u;\tsigned:%d;\n",
			   f->type, f->name, f->offset, f->size, f->is_signed);
}

static int event_format_show(struct seq_file *m, void *v)
{
	struct trace_event_call *call = m->private;

	seq_printf(m, "name: %s\nID: %u\nformat:\n", call->name, call->id);
	print_fields(m, common_fields);
	seq_putc(m, '\n');
	print_fields(m, call->fields);
	seq_puts(m, "\nprint fmt: ");
	trace_print_fmt(m, call->print_src);
	seq_putc(m, '\n');
	return 0;
}

static int event_format_open(struct inode *inode, struct file *file)
{
	return single_open(file, event_format_show, inode->i_private);
}

static const struct file_operations ftrace_event_format_fops = {
	.open		= event_format_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static ssize_t event_id_read(struct file *file, char __user *ubuf,
			     size_t cnt, loff_t *ppos)
{
	struct trace_event_call *call = file->private_data;
	char buf[16];
	int len;

	len = scnprintf(buf, sizeof(buf), "%u\n", call->id);
	return simple_read_from_buffer(ubuf, cnt, ppos, buf, len);
}

static const struct file_operations ftrace_event_id_fops = {
	.open		= simple_open,
	.read		= event_id_read,
	.llseek		= default_llseek,
};

/**
 * event_format_create_files - an event's format and id files
 * @dir: events/<system>/<event>
 * @call: the event
 */
void __init event_format_create_files(struct dentry *dir,
				      struct trace_event_call *call)
{
	debugfs_create_file("format", 0444, dir, call,
			    &ftrace_event_format_fops);
	debugfs_create_file("id", 0444, dir, call, &ftrace_event_id_fops);
}
