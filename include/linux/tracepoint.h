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
 * One event.  ->enabled is what trace_<name>() tests; it changes only
 * under event_mutex (kernel/trace/trace_events.c), through the files in
 * /sys/kernel/debug/tracing.
 */
struct trace_event_call {
	const char *system;
	const char *name;
	bool enabled;
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
 * A field of __entry: an anonymous struct member, after a ';' rather than
 * before one, so that fields follow each other with no separator and the
 * macro is not a statement list (DECLARE_EVENT_CLASS() puts a placeholder
 * member before the first field).
 */
#define __field(type, item)		; struct { type item; }

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

#ifdef CREATE_TRACE_POINTS

/*
 * The class: the layout of __entry and one function that fills it and
 * records the formatted line for any event of the class.
 */
#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)	\
	struct trace_event_raw_##call {					\
		char __placeholder tstruct;				\
	};								\
									\
	static __maybe_unused void					\
	trace_event_raw_event_##call(struct trace_event_call *event_call, \
				     proto)				\
	{								\
		struct trace_event_raw_##call __entry_data;		\
		struct trace_event_raw_##call *__entry = &__entry_data;	\
		struct trace_print_scratch __scratch;			\
		struct trace_print_scratch *p __maybe_unused = &__scratch; \
									\
		__scratch.used = 0;					\
		{ assign; }						\
		trace_event_printf(event_call, print);			\
	}

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
	};								\
	static struct trace_event_call *__event_##event __used		\
		__section("_ftrace_events") __aligned(sizeof(void *))	\
		= &event_##event;					\
									\
	void __trace_##event(proto)					\
	{								\
		trace_event_raw_event_##template(&event_##event, args);	\
	}

#else /* !CREATE_TRACE_POINTS */

#define DECLARE_EVENT_CLASS(call, proto, args, tstruct, assign, print)
#define DEFINE_EVENT(template, name, proto, args)			\
	__DECLARE_TRACE_EVENT(name, PARAMS(proto), PARAMS(args))

#endif /* CREATE_TRACE_POINTS */

#define TRACE_EVENT(name, proto, args, tstruct, assign, print)		\
	DECLARE_EVENT_CLASS(name, PARAMS(proto), PARAMS(args),		\
			    PARAMS(tstruct), PARAMS(assign), PARAMS(print)) \
	DEFINE_EVENT(name, name, PARAMS(proto), PARAMS(args))
