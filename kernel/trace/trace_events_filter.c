// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/trace/trace_events_filter.c - an event's filter file
 *
 * events/<system>/<event>/filter takes the part of Linux's filter
 * grammar that these events need:
 *
 *	FIELD OP VALUE		a numeric field (common_* or the event's),
 *				OP one of == != < <= > >= & (true if any of
 *				VALUE's bits is set), VALUE a number in C
 *				notation (decimal, 0x hex, 0 octal, negative
 *				for a signed field)
 *	comm OP "TEXT"		the recording task's name, OP == or !=
 *				(COMM too; the quotes may be left out)
 *	A && B, A || B, (A)	as in C: && binds tighter than ||
 *
 * An event whose record does not match is dropped before it is formatted,
 * as in Linux, where the filter runs on the binary record.  Writing "0"
 * removes the filter; reading gives the filter, or "none".
 *
 * A filter that does not parse is refused with EINVAL, and reading the
 * file then shows it with Linux's error report (the text, a caret under
 * where it went wrong, "parse_error: " and Linux's message).  Unlike
 * Linux, which also switches the event's filtering off until a good
 * filter is written, the filter in force before stays in force: a bad
 * write changes what the file reads, nothing else.
 *
 * Lock order: filter_mutex, then filter_lock, which recorders take last
 * (in whatever context they record) to read an event's filter.
 */

#include <linux/ctype.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include "trace.h"

/* More terms than this is an error, as Linux limits its predicates. */
#define MAX_FILTER_PRED		64
#define MAX_FILTER_STR_VAL	256

/* Linux's messages, for the errors this grammar can meet. */
enum {
	FILT_ERR_NONE,
	FILT_ERR_INVALID_OP,
	FILT_ERR_TOO_MANY_OPEN,
	FILT_ERR_TOO_MANY_CLOSE,
	FILT_ERR_MISSING_QUOTE,
	FILT_ERR_OPERAND_TOO_LONG,
	FILT_ERR_ILLEGAL_FIELD_OP,
	FILT_ERR_FIELD_NOT_FOUND,
	FILT_ERR_ILLEGAL_INTVAL,
	FILT_ERR_TOO_MANY_PREDS,
	FILT_ERR_INVALID_FILTER,
};

static const char *const err_text[] = {
	[FILT_ERR_NONE]			= "No error",
	[FILT_ERR_INVALID_OP]		= "Invalid operator",
	[FILT_ERR_TOO_MANY_OPEN]	= "Too many '('",
	[FILT_ERR_TOO_MANY_CLOSE]	= "Too few '('",
	[FILT_ERR_MISSING_QUOTE]	= "Missing matching quote",
	[FILT_ERR_OPERAND_TOO_LONG]	= "Operand too long",
	[FILT_ERR_ILLEGAL_FIELD_OP]	= "Illegal operation for field type",
	[FILT_ERR_FIELD_NOT_FOUND]	= "Field not found",
	[FILT_ERR_ILLEGAL_INTVAL]	= "Illegal integer value",
	[FILT_ERR_TOO_MANY_PREDS]	= "Too many terms in predicate expression",
	[FILT_ERR_INVALID_FILTER]	= "Meaningless filter expression",
};

enum filter_op { OP_OR, OP_AND, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE,
		 OP_BAND };

static const char *const op_names[] = {
	[OP_OR] = "||", [OP_AND] = "&&", [OP_EQ] = "==", [OP_NE] = "!=",
	[OP_LE] = "<=", [OP_LT] = "<", [OP_GE] = ">=", [OP_GT] = ">",
	[OP_BAND] = "&",
};

/* A node: && or || of two nodes, or one comparison. */
struct filter_node {
	enum filter_op op;
	struct filter_node *left, *right;
	const struct trace_event_field *field;	/* NULL: comm */
	u64 val;
	char str[TASK_COMM_LEN];
};

struct event_filter {
	struct filter_node *root;
	unsigned int nr;
	struct filter_node nodes[MAX_FILTER_PRED * 2];
};

struct filter_parse {
	const char *start, *s;
	struct trace_event_call *call;
	struct event_filter *filter;
	int err;
	const char *err_pos;
	int depth;
};

/* Serialises writers of every filter and filter_text. */
static DEFINE_MUTEX(filter_mutex);
/* Taken by recorders to read a filter; held while a filter is swapped. */
static DEFINE_SPINLOCK(filter_lock);

static struct filter_node *parse_error(struct filter_parse *ps, int err,
				       const char *pos)
{
	if (!ps->err) {
		ps->err = err;
		ps->err_pos = pos;
	}
	return NULL;
}

static void skip_blanks(struct filter_parse *ps)
{
	while (isspace(*ps->s))
		ps->s++;
}

static struct filter_node *new_node(struct filter_parse *ps)
{
	if (ps->filter->nr == ARRAY_SIZE(ps->filter->nodes))
		return parse_error(ps, FILT_ERR_TOO_MANY_PREDS, ps->s);
	return &ps->filter->nodes[ps->filter->nr++];
}

static const struct trace_event_field *find_field(const struct trace_event_field *f,
						  const char *name, size_t len)
{
	for (; f->name; f++)
		if (strlen(f->name) == len && !strncmp(f->name, name, len))
			return f;
	return NULL;
}

/* The comparison operator at ps->s, longest first, or -1. */
static int parse_op(struct filter_parse *ps)
{
	static const enum filter_op ops[] = { OP_EQ, OP_NE, OP_LE, OP_GE,
					      OP_LT, OP_GT, OP_BAND };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		size_t n = strlen(op_names[ops[i]]);

		if (!strncmp(ps->s, op_names[ops[i]], n) &&
		    (ops[i] != OP_BAND || ps->s[1] != '&')) {
			ps->s += n;
			return ops[i];
		}
	}
	return -1;
}

/* A value: up to a blank, a parenthesis, & or |; or a quoted string. */
static int parse_value(struct filter_parse *ps, char *buf, bool *quoted)
{
	const char *v = ps->s;
	size_t n;

	*quoted = *v == '"';
	if (*quoted) {
		const char *q = strchr(v + 1, '"');

		if (!q) {
			parse_error(ps, FILT_ERR_MISSING_QUOTE, v);
			return -1;
		}
		n = q - v - 1;
		v++;
		ps->s = q + 1;
	} else {
		for (n = 0; v[n] && !strchr(" \t\n()&|", v[n]); n++)
			;
		ps->s = v + n;
	}
	if (n >= MAX_FILTER_STR_VAL) {
		parse_error(ps, FILT_ERR_OPERAND_TOO_LONG, v);
		return -1;
	}
	memcpy(buf, v, n);
	buf[n] = '\0';
	return 0;
}

static struct filter_node *parse_pred(struct filter_parse *ps)
{
	char buf[MAX_FILTER_STR_VAL];
	const char *name = ps->s, *at;
	struct filter_node *n;
	bool quoted, is_comm;
	size_t len;
	int op;

	while (isalnum(*ps->s) || *ps->s == '_')
		ps->s++;
	len = ps->s - name;
	if (!len)
		return parse_error(ps, FILT_ERR_INVALID_FILTER, name);
	n = new_node(ps);
	if (!n)
		return NULL;
	is_comm = (len == 4 && (!strncmp(name, "comm", 4) ||
				!strncmp(name, "COMM", 4)));
	n->field = is_comm ? NULL :
		find_field(trace_event_common_fields(), name, len) ?:
		find_field(ps->call->fields, name, len);
	if (!is_comm && !n->field)
		return parse_error(ps, FILT_ERR_FIELD_NOT_FOUND, name);
	skip_blanks(ps);
	at = ps->s;
	op = parse_op(ps);
	if (op < 0)
		return parse_error(ps, FILT_ERR_INVALID_OP, at);
	if (is_comm && op != OP_EQ && op != OP_NE)
		return parse_error(ps, FILT_ERR_ILLEGAL_FIELD_OP, at);
	n->op = op;
	skip_blanks(ps);
	at = ps->s;
	if (parse_value(ps, buf, &quoted))
		return NULL;
	if (is_comm) {
		strscpy(n->str, buf, sizeof(n->str));
		return n;
	}
	if (quoted || (n->field->is_signed ?
		       kstrtoll(buf, 0, (long long *)&n->val) :
		       kstrtoull(buf, 0, (unsigned long long *)&n->val)))
		return parse_error(ps, FILT_ERR_ILLEGAL_INTVAL, at);
	return n;
}

static struct filter_node *parse_or(struct filter_parse *ps);

static struct filter_node *parse_factor(struct filter_parse *ps)
{
	struct filter_node *n;
	const char *open;

	skip_blanks(ps);
	if (*ps->s != '(')
		return parse_pred(ps);
	open = ps->s++;
	n = parse_or(ps);
	if (!n)
		return NULL;
	skip_blanks(ps);
	if (*ps->s != ')')
		return parse_error(ps, FILT_ERR_TOO_MANY_OPEN, open);
	ps->s++;
	return n;
}

/* Left-associative chains of @op over @sub. */
static struct filter_node *parse_chain(struct filter_parse *ps,
				       enum filter_op op,
				       struct filter_node *(*sub)(struct filter_parse *))
{
	struct filter_node *left = sub(ps), *n;

	while (left) {
		skip_blanks(ps);
		if (strncmp(ps->s, op_names[op], 2))
			return left;
		ps->s += 2;
		n = new_node(ps);
		if (!n)
			return NULL;
		n->op = op;
		n->left = left;
		n->right = sub(ps);
		if (!n->right)
			return NULL;
		left = n;
	}
	return NULL;
}

static struct filter_node *parse_and(struct filter_parse *ps)
{
	return parse_chain(ps, OP_AND, parse_factor);
}

static struct filter_node *parse_or(struct filter_parse *ps)
{
	return parse_chain(ps, OP_OR, parse_and);
}

static bool pred_match(const struct filter_node *n, const void *rec)
{
	const struct trace_event_field *f = n->field;
	const void *p = rec + f->offset;
	u64 u = 0;
	s64 v = 0;

	switch (f->size) {
	case 1:
		u = *(const u8 *)p;
		v = *(const s8 *)p;
		break;
	case 2:
		u = *(const u16 *)p;
		v = *(const s16 *)p;
		break;
	case 4:
		u = *(const u32 *)p;
		v = *(const s32 *)p;
		break;
	case 8:
		u = *(const u64 *)p;
		v = *(const s64 *)p;
		break;
	}
	if (n->op == OP_BAND)
		return u & n->val;
	if (n->op == OP_EQ)
		return u == n->val;
	if (n->op == OP_NE)
		return u != n->val;
	if (f->is_signed) {
		s64 w = (s64)n->val;

		return n->op == OP_LT ? v < w : n->op == OP_LE ? v <= w :
		       n->op == OP_GT ? v > w : v >= w;
	}
	return n->op == OP_LT ? u < n->val : n->op == OP_LE ? u <= n->val :
	       n->op == OP_GT ? u > n->val : u >= n->val;
}

static bool node_match(const struct filter_node *n, const void *rec)
{
	switch (n->op) {
	case OP_OR:
		return node_match(n->left, rec) || node_match(n->right, rec);
	case OP_AND:
		return node_match(n->left, rec) && node_match(n->right, rec);
	default:
		if (!n->field)
			return !strcmp(current->comm, n->str) == (n->op == OP_EQ);
		return pred_match(n, rec);
	}
}

/**
 * trace_event_filter_match - does a record pass its event's filter?
 * @call: the event
 * @rec: its record, common fields first
 *
 * Called by the event's recorder, in any context; does not sleep.
 *
 * Return: true if the event has no filter or the record matches it.
 */
bool trace_event_filter_match(struct trace_event_call *call, void *rec)
{
	struct trace_event_common *ent = rec;
	bool match;

	ent->type = call->id;
	ent->pid = current->pid;
	spin_lock(&filter_lock);
	match = !call->filter || node_match(call->filter->root, rec);
	spin_unlock(&filter_lock);
	return match;
}

/* Linux's report: the filter, a caret under the error, the message. */
static char *filter_error_text(const struct filter_parse *ps)
{
	int pos = ps->err_pos - ps->start + 1;
	size_t size = strlen(ps->start) + pos + 64;
	char *text = kmalloc(size, GFP_KERNEL);

	if (text)
		scnprintf(text, size, "%s\n%*s\nparse_error: %s\n", ps->start,
			  pos, "^", err_text[ps->err]);
	return text;
}

/* Replace @call's filter (NULL: none) and what its file reads. */
static void filter_set(struct trace_event_call *call, struct event_filter *f,
		       char *text)
{
	struct event_filter *old;

	lockdep_assert_held(&filter_mutex);
	spin_lock(&filter_lock);
	old = call->filter;
	WRITE_ONCE(call->filter, f);
	spin_unlock(&filter_lock);
	kfree(old);
	kfree(call->filter_text);
	call->filter_text = text;
}

/*
 * Parse @str (blanks around it stripped) as @call's filter.  Return: 0,
 * or -EINVAL with the error report in @call's filter_text, -ENOMEM.
 */
static int apply_event_filter(struct trace_event_call *call, char *str)
{
	struct filter_parse ps = { .call = call };
	struct filter_node *root;
	char *text;

	str = strim(str);
	if (!strcmp(str, "0")) {
		filter_set(call, NULL, NULL);
		return 0;
	}
	ps.filter = kzalloc(sizeof(*ps.filter), GFP_KERNEL);
	if (!ps.filter)
		return -ENOMEM;
	ps.start = ps.s = str;
	root = parse_or(&ps);
	skip_blanks(&ps);
	if (root && *ps.s)
		parse_error(&ps, *ps.s == ')' ? FILT_ERR_TOO_MANY_CLOSE :
			    FILT_ERR_INVALID_FILTER, ps.s);
	if (ps.err) {
		kfree(ps.filter);
		text = filter_error_text(&ps);
		if (!text)
			return -ENOMEM;
		/* The error is shown; the filter in force stays. */
		kfree(call->filter_text);
		call->filter_text = text;
		return -EINVAL;
	}
	ps.filter->root = root;
	text = kmalloc(strlen(str) + 2, GFP_KERNEL);
	if (!text) {
		kfree(ps.filter);
		return -ENOMEM;
	}
	scnprintf(text, strlen(str) + 2, "%s\n", str);
	filter_set(call, ps.filter, text);
	return 0;
}

static ssize_t event_filter_read(struct file *file, char __user *ubuf,
				 size_t cnt, loff_t *ppos)
{
	struct trace_event_call *call = file->private_data;
	ssize_t ret;

	mutex_lock(&filter_mutex);
	if (call->filter_text)
		ret = simple_read_from_buffer(ubuf, cnt, ppos, call->filter_text,
					      strlen(call->filter_text));
	else
		ret = simple_read_from_buffer(ubuf, cnt, ppos, "none\n", 5);
	mutex_unlock(&filter_mutex);
	return ret;
}

static ssize_t event_filter_write(struct file *file, const char __user *ubuf,
				  size_t cnt, loff_t *ppos)
{
	struct trace_event_call *call = file->private_data;
	char *buf;
	int ret;

	if (cnt >= PAGE_SIZE)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, cnt);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	mutex_lock(&filter_mutex);
	ret = apply_event_filter(call, buf);
	mutex_unlock(&filter_mutex);
	kfree(buf);
	if (ret)
		return ret;
	*ppos += cnt;
	return cnt;
}

static const struct file_operations ftrace_event_filter_fops = {
	.open		= simple_open,
	.read		= event_filter_read,
	.write		= event_filter_write,
	.llseek		= default_llseek,
};

/**
 * event_filter_create_file - an event's filter file
 * @dir: events/<system>/<event>
 * @call: the event
 */
void __init event_filter_create_file(struct dentry *dir,
				     struct trace_event_call *call)
{
	debugfs_create_file("filter", 0644, dir, call,
			    &ftrace_event_filter_fops);
}
