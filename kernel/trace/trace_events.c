// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/trace/trace_events.c - switching trace events on and off
 *
 * Every event that a CREATE_TRACE_POINTS file defines leaves a pointer in
 * the _ftrace_events section; here they get their files under
 * /sys/kernel/debug/tracing:
 *
 *	available_events	every event, as system:name
 *	set_event		the enabled events, as system:name.  Writing
 *				takes words separated by blanks: system:name,
 *				system:* (or system:), *:name (or :name), or
 *				a bare name that is an event's or a system's;
 *				a leading '!' disables instead.  Writing
 *				with '>' (O_TRUNC) first disables every
 *				event, so "echo > set_event" disables them
 *				all; '>>' adds.  A refused write changes
 *				nothing (see ftrace_set_events()).
 *	events/enable		0, 1, X (some are on) or ? (no events);
 *	events/<sys>/enable	writing 0 or 1 switches every event below
 *	events/<sys>/<event>/enable	0 or 1
 *	events/<sys>/<event>/format	the record's layout (trace_event_format.c)
 *	events/<sys>/<event>/id		the event's number, in records and format
 *	events/<sys>/<event>/filter	which records to keep
 *					(trace_events_filter.c)
 *
 * and trace_event=word,word... at boot enables events as set_event does
 * (a word that names no event stops the boot).
 *
 * The trace buffer is allocated when the first event is enabled
 * (tracing_update_buffers()), so enabling can fail with -ENOMEM.
 *
 * Lock order: event_mutex, then trace_types_lock (trace.c).
 */

#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/pseudo_fs.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include <linux/uaccess.h>
#include "trace.h"

/* Linux's ftrace types (function, print...) come first; events after. */
#define TRACE_EVENT_FIRST_ID	32

/* Serialises changes of trace_event_call->enabled. */
static DEFINE_MUTEX(event_mutex);

/* trace_event=, kept until the buffer can be allocated. */
static char bootup_event_buf[256] __initdata;

/* What one word of set_event asks for; NULL fields match anything. */
struct event_match {
	const char *match;	/* an event's name or a system's */
	const char *sub;	/* a system */
	const char *event;	/* an event's name */
	bool set;		/* enable (or disable) */
};

/* Parse a word of set_event; @word is cut up and must outlive @em. */
static void event_match_parse(char *word, struct event_match *em)
{
	em->set = true;
	if (*word == '!') {
		em->set = false;
		word++;
	}
	em->sub = NULL;
	em->event = NULL;
	em->match = strsep(&word, ":");
	if (!word)
		return;
	em->sub = em->match;
	em->event = word;
	em->match = NULL;
	if (!*em->sub || !strcmp(em->sub, "*"))
		em->sub = NULL;
	if (!*em->event || !strcmp(em->event, "*"))
		em->event = NULL;
}

static bool event_matches(const struct event_match *em,
			  const struct trace_event_call *call)
{
	if (em->match && strcmp(em->match, call->name) &&
	    strcmp(em->match, call->system))
		return false;
	if (em->sub && strcmp(em->sub, call->system))
		return false;
	if (em->event && strcmp(em->event, call->name))
		return false;
	return true;
}

static int ftrace_event_enable_disable(struct trace_event_call *call,
				       bool enable)
{
	int ret;

	lockdep_assert_held(&event_mutex);
	if (enable && !call->enabled) {
		ret = tracing_update_buffers();
		if (ret)
			return ret;
	}
	WRITE_ONCE(call->enabled, enable);
	return 0;
}

static bool event_match_any(const struct event_match *em)
{
	struct trace_event_call **callp;

	for_each_trace_event(callp)
		if (event_matches(em, *callp))
			return true;
	return false;
}

/* Switch every event that @em matches; the buffer exists already. */
static void ftrace_set_clr_event(const struct event_match *em)
{
	struct trace_event_call **callp;

	lockdep_assert_held(&event_mutex);
	for_each_trace_event(callp)
		if (event_matches(em, *callp))
			ftrace_event_enable_disable(*callp, em->set);
}

static void __ftrace_clear_events(void)
{
	struct trace_event_call **callp;

	lockdep_assert_held(&event_mutex);
	for_each_trace_event(callp)
		ftrace_event_enable_disable(*callp, false);
}

static void ftrace_clear_events(void)
{
	mutex_lock(&event_mutex);
	__ftrace_clear_events();
	mutex_unlock(&event_mutex);
}

/*
 * Apply the words of @buf, separated by any of @delim, after disabling
 * every event if @clear.  All or nothing, unlike Linux, which applies the
 * words before a bad one: every word must match an event and the trace
 * buffer must exist before anything is switched, so a refused write
 * (-EINVAL, -ENOMEM) leaves the events as they were.
 */
static int ftrace_set_events(char *buf, const char *delim, bool clear)
{
	struct event_match *ems;
	unsigned int n = 0, i;
	bool enable = false;
	char *word;
	int ret = 0;

	/* At most one word per two bytes, as words are separated. */
	ems = kmalloc_array(strlen(buf) / 2 + 1, sizeof(*ems), GFP_KERNEL);
	if (!ems)
		return -ENOMEM;
	while ((word = strsep(&buf, delim))) {
		if (!*word)
			continue;
		event_match_parse(word, &ems[n]);
		if (!event_match_any(&ems[n])) {
			kfree(ems);
			return -EINVAL;
		}
		enable |= ems[n++].set;
	}
	mutex_lock(&event_mutex);
	if (enable)
		ret = tracing_update_buffers();
	if (!ret) {
		if (clear)
			__ftrace_clear_events();
		for (i = 0; i < n; i++)
			ftrace_set_clr_event(&ems[i]);
	}
	mutex_unlock(&event_mutex);
	kfree(ems);
	return ret;
}

/* ---- available_events, set_event -------------------------------------- */

/* The event at index *@pos or the first after it that @enabled_only allows. */
static void *event_seq_at(loff_t *pos, bool enabled_only)
{
	loff_t nr = __stop__ftrace_events - __start__ftrace_events;

	for (; *pos < nr; ++*pos) {
		struct trace_event_call *call = __start__ftrace_events[*pos];

		if (!enabled_only || READ_ONCE(call->enabled))
			return call;
	}
	return NULL;
}

static void *t_start(struct seq_file *m, loff_t *pos)
{
	return event_seq_at(pos, false);
}

static void *t_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return event_seq_at(pos, false);
}

static void *s_start(struct seq_file *m, loff_t *pos)
{
	return event_seq_at(pos, true);
}

static void *s_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return event_seq_at(pos, true);
}

static void t_stop(struct seq_file *m, void *v)
{
}

static int t_show(struct seq_file *m, void *v)
{
	struct trace_event_call *call = v;

	seq_printf(m, "%s:%s\n", call->system, call->name);
	return 0;
}

static const struct seq_operations show_event_seq_ops = {
	.start	= t_start,
	.next	= t_next,
	.stop	= t_stop,
	.show	= t_show,
};

static const struct seq_operations show_set_event_seq_ops = {
	.start	= s_start,
	.next	= s_next,
	.stop	= t_stop,
	.show	= t_show,
};

static int ftrace_event_avail_open(struct inode *inode, struct file *file)
{
	return seq_open(file, &show_event_seq_ops);
}

/* private_data of a set_event opened O_WRONLY | O_TRUNC, not yet written */
#define SET_EVENT_CLEAR_PENDING	((void *)1)

/*
 * Opened with O_TRUNC (a shell's '>'), set_event starts from no events
 * enabled, as in Linux.  Linux clears them at open; here a write-only open
 * clears them with its first write, so that a write that is refused
 * leaves them as they were; an open that never writes clears them at
 * release.  ('>>' opens with O_APPEND and adds to what is enabled.)
 */
static int ftrace_event_set_open(struct inode *inode, struct file *file)
{
	if ((file->f_mode & FMODE_WRITE) && (file->f_flags & O_TRUNC)) {
		if (!(file->f_mode & FMODE_READ)) {
			file->private_data = SET_EVENT_CLEAR_PENDING;
			return 0;
		}
		ftrace_clear_events();
	}
	if (file->f_mode & FMODE_READ)
		return seq_open(file, &show_set_event_seq_ops);
	return 0;
}

static int ftrace_event_set_release(struct inode *inode, struct file *file)
{
	if (file->f_mode & FMODE_READ)
		return seq_release(inode, file);
	if (file->private_data == SET_EVENT_CLEAR_PENDING)
		ftrace_clear_events();
	return 0;
}

/* One write is one list of words: a word is not continued by the next write. */
static ssize_t ftrace_event_write(struct file *file, const char __user *ubuf,
				  size_t cnt, loff_t *ppos)
{
	bool clear;
	char *buf;
	int ret;

	if (cnt >= PAGE_SIZE)
		return -EINVAL;
	buf = memdup_user_nul(ubuf, cnt);
	if (IS_ERR(buf))
		return PTR_ERR(buf);
	clear = file->private_data == SET_EVENT_CLEAR_PENDING;
	if (clear)
		file->private_data = NULL;
	ret = ftrace_set_events(buf, " \t\n", clear);
	kfree(buf);
	if (ret)
		return ret;
	*ppos += cnt;
	return cnt;
}

static const struct file_operations ftrace_avail_fops = {
	.open		= ftrace_event_avail_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= seq_release,
};

static const struct file_operations ftrace_set_event_fops = {
	.open		= ftrace_event_set_open,
	.read		= seq_read,
	.write		= ftrace_event_write,
	.llseek		= seq_lseek,
	.release	= ftrace_event_set_release,
};

/* ---- events/.../enable ------------------------------------------------ */

static ssize_t event_enable_read(struct file *file, char __user *ubuf,
				 size_t cnt, loff_t *ppos)
{
	struct trace_event_call *call = file->private_data;
	const char *buf = READ_ONCE(call->enabled) ? "1\n" : "0\n";

	return simple_read_from_buffer(ubuf, cnt, ppos, buf, 2);
}

/* Only 0 and 1; anything else is -EINVAL and changes nothing. */
static ssize_t event_enable_write(struct file *file, const char __user *ubuf,
				  size_t cnt, loff_t *ppos)
{
	struct trace_event_call *call = file->private_data;
	unsigned long val;
	int ret;

	ret = tracing_parse_ulong(ubuf, cnt, &val);
	if (ret)
		return ret;
	if (val > 1)
		return -EINVAL;
	mutex_lock(&event_mutex);
	ret = ftrace_event_enable_disable(call, val);
	mutex_unlock(&event_mutex);
	if (ret)
		return ret;
	*ppos += cnt;
	return cnt;
}

static const struct file_operations ftrace_enable_fops = {
	.open		= simple_open,
	.read		= event_enable_read,
	.write		= event_enable_write,
	.llseek		= default_llseek,
};

/* private_data: the system's name, or NULL for every event. */
static ssize_t system_enable_read(struct file *file, char __user *ubuf,
				  size_t cnt, loff_t *ppos)
{
	static const char set_to_char[4] = { '?', '0', '1', 'X' };
	const char *system = file->private_data;
	struct trace_event_call **callp;
	char buf[2];
	int set = 0;

	for_each_trace_event(callp) {
		if (system && strcmp(system, (*callp)->system))
			continue;
		set |= 1 << !!READ_ONCE((*callp)->enabled);
	}
	buf[0] = set_to_char[set];
	buf[1] = '\n';
	return simple_read_from_buffer(ubuf, cnt, ppos, buf, sizeof(buf));
}

static ssize_t system_enable_write(struct file *file, const char __user *ubuf,
				   size_t cnt, loff_t *ppos)
{
	struct event_match em = { .sub = file->private_data };
	unsigned long val;
	int ret;

	ret = tracing_parse_ulong(ubuf, cnt, &val);
	if (ret)
		return ret;
	if (val > 1)
		return -EINVAL;
	em.set = val;
	if (!event_match_any(&em))
		return -EINVAL;
	mutex_lock(&event_mutex);
	ret = em.set ? tracing_update_buffers() : 0;
	if (!ret)
		ftrace_set_clr_event(&em);
	mutex_unlock(&event_mutex);
	if (ret)
		return ret;
	*ppos += cnt;
	return cnt;
}

static const struct file_operations ftrace_system_enable_fops = {
	.open		= simple_open,
	.read		= system_enable_read,
	.write		= system_enable_write,
	.llseek		= default_llseek,
};

/* ---- set-up ----------------------------------------------------------- */

/* Validated at once (the events are known at link time), applied later. */
static int __init setup_trace_event(char *str)
{
	char buf[sizeof(bootup_event_buf)], *cur = buf, *word;
	struct trace_event_call **callp;
	struct event_match em;
	bool found;

	if (strscpy(bootup_event_buf, str, sizeof(bootup_event_buf)) < 0) {
		param_set_reason("too long");
		return -EINVAL;
	}
	strscpy(buf, str, sizeof(buf));
	while ((word = strsep(&cur, ","))) {
		if (!*word)
			continue;
		event_match_parse(word, &em);
		found = false;
		for_each_trace_event(callp)
			found |= event_matches(&em, *callp);
		if (!found) {
			param_set_reason("no such trace event");
			return -EINVAL;
		}
	}
	return 0;
}
__setup("trace_event=", setup_trace_event);

static int event_cmp(const void *a, const void *b)
{
	const struct trace_event_call *ca = *(struct trace_event_call **)a;
	const struct trace_event_call *cb = *(struct trace_event_call **)b;

	return strcmp(ca->system, cb->system) ?: strcmp(ca->name, cb->name);
}

/*
 * The linker leaves the events in no useful order: sort them by system
 * and name, so that every listing is in that order.
 */
static void __init event_sort(void)
{
	sort(__start__ftrace_events,
	     __stop__ftrace_events - __start__ftrace_events,
	     sizeof(*__start__ftrace_events), event_cmp, NULL);
}

/*
 * Ids in the sorted order, after the ones Linux keeps for ftrace's own
 * record types, so that an event's id does not depend on the link order;
 * and each event's fields for its format file and filter.
 */
static void __init event_set_ids(void)
{
	struct trace_event_call **callp;
	unsigned short id = TRACE_EVENT_FIRST_ID;

	for_each_trace_event(callp) {
		(*callp)->id = id++;
		(*callp)->fields = (*callp)->get_fields();
	}
}

/* events/<system>, with its enable file, made when its first event comes. */
static struct dentry *event_subsystem_dir(struct dentry *events,
					  const char *system)
{
	struct dentry *dir = debugfs_lookup(system, events);

	if (dir)
		return dir;
	dir = debugfs_create_dir(system, events);
	if (IS_ERR(dir))
		return dir;
	debugfs_create_file("enable", 0644, dir, (void *)system,
			    &ftrace_system_enable_fops);
	return dget(dir);
}

static void event_create_dir(struct dentry *events,
			     struct trace_event_call *call)
{
	struct dentry *system = event_subsystem_dir(events, call->system);
	struct dentry *dir;

	dir = debugfs_create_dir(call->name, system);
	debugfs_create_file("enable", 0644, dir, call, &ftrace_enable_fops);
	event_format_create_files(dir, call);
	event_filter_create_file(dir, call);
	if (!IS_ERR(system))
		dput(system);
}

/**
 * event_trace_init - create the event files and apply trace_event=
 * @tracing_dir: /sys/kernel/debug/tracing
 *
 * Return: 0, or -errno if the events directory cannot be created.
 */
int __init event_trace_init(struct dentry *tracing_dir)
{
	struct trace_event_call **callp;
	struct dentry *events;

	event_sort();
	event_set_ids();
	debugfs_create_file("available_events", 0444, tracing_dir, NULL,
			    &ftrace_avail_fops);
	debugfs_create_file("set_event", 0644, tracing_dir, NULL,
			    &ftrace_set_event_fops);
	events = debugfs_create_dir("events", tracing_dir);
	if (IS_ERR(events))
		return PTR_ERR(events);
	debugfs_create_file("enable", 0644, events, NULL,
			    &ftrace_system_enable_fops);
	for_each_trace_event(callp)
		event_create_dir(events, *callp);

	if (bootup_event_buf[0] && ftrace_set_events(bootup_event_buf, ",", false))
		pr_warn("Failed to enable trace event: %s\n",
			bootup_event_buf);
	return 0;
}
