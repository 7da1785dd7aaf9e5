/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL (reduced): TRACE_EVENT() and trace_<event>() calls, recorded as ftrace text. */
#ifndef _LINUX_TRACEPOINT_H
#define _LINUX_TRACEPOINT_H

/*
 * include/linux/tracepoint.h - trace events
 *
 * An event header (include/trace/events/compaction.h...) describes each
 * event in the kernel's notation:
 *
 *	TRACE_EVENT(name,
 *		TP_PROTO(arguments of trace_name()),
 *		TP_ARGS(their names),
 *		TP_STRUCT__entry(__field(type, item) ...),
 *		TP_fast_assign(__entry->item = ...;),
 *		TP_printk("format", __entry->item, ...));
 *
 * or, for several events with one layout, DECLARE_EVENT_CLASS() once and
 * DEFINE_EVENT() per event.  Every file that includes the header gets
 *
 *	static inline void trace_name(arguments);
 *
 * which costs one load and a branch predicted not taken while the event is
 * disabled.  Exactly one .c file defines CREATE_TRACE_POINTS before it
 * includes the event header (and before any other include that could pull
 * the header in): there the same macros also emit the event itself and the
 * out-of-line function that fills __entry and records the line.  For the
 * mm events that file is kernel/trace/mm_events.c, not mm/.
 *
 * Unlike ftrace, which stores the binary __entry and formats it when the
 * trace file is read, umm formats at the time of the event and keeps the
 * text (kernel/trace/): the output is the same, and the event headers keep
 * the kernel's shape so that a kernel developer reads them as usual.
 *
 * TP_printk() may use __print_symbolic(value, { value, "name" }...) and
 * show_gfp_flags() (include/trace/events/mmflags.h); their text lives in
 * a scratch buffer of the recording function, called p as in the kernel.
 */

#include <linux/compiler.h>
#include <linux/stringify.h>
#include <linux/tracepoint-defs.h>
#include <linux/types.h>

/*
 * The fields every event's record starts with, as Linux's struct
 * trace_entry: the event's id, the irq flags and preemption count (always
 * 0 here), and the pid of the task that recorded it.
 */
struct trace_event_common {
	unsigned short type;
	unsigned char flags;
	unsigned char preempt_count;
	int pid;
};

/* A field of an event's record, as its format file shows it. */
struct trace_event_field {
	const char *type;
	const char *name;
	unsigned int offset;
	unsigned int size;
	bool is_signed;
};

/* A value-to-name table of __print_symbolic(), by its macro's name. */
struct trace_symbol_table {
	const char *name;
	const struct trace_print_flags *symbols;
};

struct event_filter;

/*
 * One event.  ->enabled is what trace_<name>() tests; it and ->filter
 * change only under event_mutex (kernel/trace/trace_events.c), through
 * the files in /sys/kernel/debug/tracing.  ->fields (ending with a NULL
 * name; set at boot from ->get_fields()) and ->print_src (the
 * TP_printk() of the header, as its source text) make the event's
 * format file; ->id is given at boot.
 */
struct trace_event_call {
	const char *system;
	const char *name;
	bool enabled;
	unsigned short id;
	const struct trace_event_field *fields;
	const struct trace_event_field *(*get_fields)(void);
	const char *print_src;
	struct event_filter *filter;
	char *filter_text;		/* what the filter file reads */
};

/* Room for the names one event prints with __print_symbolic() and the like. */
#define TRACE_PRINT_SCRATCH	768

struct trace_print_scratch {
	size_t used;
	char buf[TRACE_PRINT_SCRATCH];
};

/* kernel/trace/trace.c */
__printf(2, 3)
void trace_event_printf(struct trace_event_call *call, const char *fmt, ...);

/* kernel/trace/trace_events_filter.c */
bool trace_event_filter_match(struct trace_event_call *call, void *rec);

/* kernel/trace/trace_output.c */
const char *trace_print_symbols(struct trace_print_scratch *p,
				unsigned long val,
				const struct trace_print_flags *symbols);
const char *trace_print_gfp_flags(struct trace_print_scratch *p, gfp_t gfp);

#define PARAMS(args...)			args
#define TP_PROTO(args...)		args
#define TP_ARGS(args...)		args
#define TP_STRUCT__entry(args...)	args
#define TP_fast_assign(args...)		args
#define TP_printk(fmt, args...)		fmt, ##args

/*
 * A field of __entry is a pair "(type, item)"; TP_STRUCT__entry() is a
 * sequence of them, which the two macros below walk (each expands one
 * pair and names the other, and the last name is pasted with _END into
 * nothing), once to make the record's members and once its format.
 */
#define __field(type, item)		(type, item)

#define __TRACE_CAT(a, b)		__TRACE_CAT_(a, b)
#define __TRACE_CAT_(a, b)		a##b

/*
 * A member is an anonymous struct, after a ';' rather than before one,
 * so that the macro is not a statement list; the record's first member
 * ends without one.
 */
#define __TRACE_MEMBER_A(type, item)	; struct { type item; } __TRACE_MEMBER_B
#define __TRACE_MEMBER_B(type, item)	; struct { type item; } __TRACE_MEMBER_A
#define __TRACE_MEMBER_A_END
#define __TRACE_MEMBER_B_END
#define __TRACE_MEMBERS(tstruct)	__TRACE_CAT(__TRACE_MEMBER_A tstruct, _END)

/*
 * In a function where raw_t is the record's type.  A descriptor has
 * commas outside parentheses, which would split __TRACE_CAT()'s
 * argument: the walk leaves "__TRACE_DESC (type, item)" unexpanded
 * (__TRACE_EMPTY() stands between the name and its arguments while the
 * walk scans them), and the rescan after the pasting expands it.
 */
#define __TRACE_EMPTY()
#define __TRACE_DESC(type, item)					\
	{ #type, #item, offsetof(raw_t, item), sizeof(type),		\
	  (type)-1 < (type)1 },
#define __TRACE_DESC_A(type, item)	__TRACE_DESC __TRACE_EMPTY() (type, item) __TRACE_DESC_B
#define __TRACE_DESC_B(type, item)	__TRACE_DESC __TRACE_EMPTY() (type, item) __TRACE_DESC_A
#define __TRACE_DESC_A_END
#define __TRACE_DESC_B_END
#define __TRACE_DESCS(tstruct)		__TRACE_CAT(__TRACE_DESC_A tstruct, _END)

/* The table ends at a NULL name; a value not in it prints as 0x%lx. */
#define __print_symbolic(value, symbols...)				\
	trace_print_symbols(p, value,					\
		(const struct trace_print_flags[]) { symbols, { 0, NULL } })

/*
 * What every user of an event sees: the event, the out-of-line recorder
 * and the inline test in front of it.
 */
#define __DECLARE_TRACE_EVENT(name, proto, args)			\
	extern struct trace_event_call event_##name;			\
	void __trace_##name(PARAMS(proto));				\
									\
	static inline bool trace_##name##_enabled(void)			\
	{								\
		return unlikely(READ_ONCE(event_##name.enabled));	\
	}								\
									\
	static inline void trace_##name(proto)				\
	{								\
		if (unlikely(READ_ONCE(event_##name.enabled)))		\
			__trace_##name(args);				\
	}

#endif /* _LINUX_TRACEPOINT_H */

/*
 * Outside the include guard: each event header includes this file again,
 * and gets the macros of the mode (declare or create) of the .c file that
 * includes the event header.
 */
#undef DECLARE_EVENT_CLASS
#undef DEFINE_EVENT
#undef TRACE_EVENT
#undef TRACE_DEFINE_SYMBOLS

#ifdef CREATE_TRACE_POINTS

/*
 * The class: the layout of __entry (after the common fields, as in
 * Linux), its fields for the format file, and one function that fills
 * it, filters it and records the formatted line for any event of the
 * class.  @print_src is the TP_printk() as source text, for the format
 * file's "print fmt" (kernel/trace/trace_event_format.c).
 */
#define __DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print, \
			      print_src)				\
	struct trace_event_raw_##call {					\
		struct trace_event_common ent				\
		__TRACE_MEMBERS(tstruct);				\
	};								\
									\
	static const struct trace_event_field *				\
	trace_event_fields_##call(void)					\
	{								\
		typedef struct trace_event_raw_##call raw_t;		\
		static const struct trace_event_field fields[] = {	\
			__TRACE_DESCS(tstruct)				\
			{ }						\
		};							\
		return fields;						\
	}								\
	static const char trace_event_print_src_##call[] = print_src;	\
									\
	static __maybe_unused void					\
	trace_event_raw_event_##call(struct trace_event_call *event_call, \
				     proto)				\
	{								\
		struct trace_event_raw_##call __entry_data = { };	\
		struct trace_event_raw_##call *__entry = &__entry_data;	\
		struct trace_print_scratch __scratch;			\
		struct trace_print_scratch *p __maybe_unused = &__scratch; \
									\
		__scratch.used = 0;					\
		{ assign; }						\
		if (READ_ONCE(event_call->filter) &&			\
		    !trace_event_filter_match(event_call, __entry))	\
			return;						\
		trace_event_printf(event_call, print);			\
	}

#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)	\
	__DECLARE_EVENT_CLASS(call, PARAMS(proto), PARAMS(args),	\
			      PARAMS(tstruct), PARAMS(assign),		\
			      PARAMS(print), #print)

/*
 * The event: its trace_event_call, a pointer to it in the _ftrace_events
 * section (where kernel/trace/trace_events.c finds every event), and the
 * recorder that trace_<name>() calls.
 */
#define DEFINE_EVENT(template, event, proto, args)			\
	__DECLARE_TRACE_EVENT(event, PARAMS(proto), PARAMS(args))	\
	struct trace_event_call event_##event = {			\
		.system	= __stringify(TRACE_SYSTEM),			\
		.name	= #event,					\
		.get_fields = trace_event_fields_##template,		\
		.print_src = trace_event_print_src_##template,		\
	};								\
	static struct trace_event_call *__event_##event __used		\
		__section("_ftrace_events") __aligned(sizeof(void *))	\
		= &event_##event;					\
									\
	void __trace_##event(proto)					\
	{								\
		trace_event_raw_event_##template(&event_##event, args);	\
	}

/*
 * A table of __print_symbolic() names (a list of EM() ending with EMe()),
 * kept under its macro's name in the _ftrace_symbols section so that
 * format files can print its values.
 */
#define TRACE_DEFINE_SYMBOLS(table)					\
	static const struct trace_print_flags __symbols_##table[] =	\
		{ table, { 0, NULL } };					\
	static const struct trace_symbol_table __symtab_##table = {	\
		#table, __symbols_##table				\
	};								\
	static const struct trace_symbol_table *__symtab_ptr_##table	\
		__used __section("_ftrace_symbols")			\
		__aligned(sizeof(void *)) = &__symtab_##table

#define TRACE_EVENT(name, proto, args, tstruct, assign, print)		\
	__DECLARE_EVENT_CLASS(name, PARAMS(proto), PARAMS(args),	\
			      PARAMS(tstruct), PARAMS(assign),		\
			      PARAMS(print), #print)			\
	DEFINE_EVENT(name, name, PARAMS(proto), PARAMS(args))

#else /* !CREATE_TRACE_POINTS */

#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)
#define DEFINE_EVENT(template, name, proto, args)			\
	__DECLARE_TRACE_EVENT(name, PARAMS(proto), PARAMS(args))
#define TRACE_EVENT(name, proto, args, tstruct, assign, print)		\
	DEFINE_EVENT(name, name, PARAMS(proto), PARAMS(args))
#define TRACE_DEFINE_SYMBOLS(table)	struct trace_symbol_table

#endif /* CREATE_TRACE_POINTS */
