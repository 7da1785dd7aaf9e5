/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the page migration trace event (4.8 name, arguments and format). */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM migrate

#ifndef _TRACE_MIGRATE_H
#define _TRACE_MIGRATE_H

/*
 * include/trace/events/migrate.h - the event of mm/migrate.c
 *
 * mm_migrate_pages: the outcome of one migrate_pages() call.
 */

#include <linux/migrate.h>
#include <linux/migrate_mode.h>
#include <linux/tracepoint.h>

#undef EM
#undef EMe
#define EM(a, b)	{ a, b },
#define EMe(a, b)	{ a, b }

/* enum migrate_mode */
#define MIGRATE_MODE						\
	EM(MIGRATE_ASYNC,		"MIGRATE_ASYNC")	\
	EM(MIGRATE_SYNC_LIGHT,		"MIGRATE_SYNC_LIGHT")	\
	EMe(MIGRATE_SYNC,		"MIGRATE_SYNC")

/* enum migrate_reason */
#define MIGRATE_REASON						\
	EM(MR_COMPACTION,		"compaction")		\
	EM(MR_MEMORY_FAILURE,		"memory_failure")	\
	EM(MR_MEMORY_HOTPLUG,		"memory_hotplug")	\
	EM(MR_SYSCALL,			"syscall_or_cpuset")	\
	EM(MR_MEMPOLICY_MBIND,		"mempolicy_mbind")	\
	EM(MR_NUMA_MISPLACED,		"numa_misplaced")	\
	EMe(MR_CMA,			"cma")

TRACE_DEFINE_SYMBOLS(MIGRATE_MODE);
TRACE_DEFINE_SYMBOLS(MIGRATE_REASON);

TRACE_EVENT(mm_migrate_pages,

	TP_PROTO(unsigned long succeeded, unsigned long failed,
		 enum migrate_mode mode, int reason),

	TP_ARGS(succeeded, failed, mode, reason),

	TP_STRUCT__entry(
		__field(unsigned long, succeeded)
		__field(unsigned long, failed)
		__field(enum migrate_mode, mode)
		__field(int, reason)
	),

	TP_fast_assign(
		__entry->succeeded = succeeded;
		__entry->failed = failed;
		__entry->mode = mode;
		__entry->reason = reason;
	),

	TP_printk("nr_succeeded=%lu nr_failed=%lu mode=%s reason=%s",
		  __entry->succeeded, __entry->failed,
		  __print_symbolic(__entry->mode, MIGRATE_MODE),
		  __print_symbolic(__entry->reason, MIGRATE_REASON))
);

/* enum isolate_movable_result */
#define ISOLATE_MOVABLE_RESULT						\
	EM(ISOLATE_MOVABLE_OK,		"isolated")			\
	EM(ISOLATE_MOVABLE_FREED,	"freed")			\
	EM(ISOLATE_MOVABLE_NOT_MOVABLE,	"not_movable")			\
	EM(ISOLATE_MOVABLE_LOCKED,	"locked")			\
	EM(ISOLATE_MOVABLE_RELEASED,	"released")			\
	EM(ISOLATE_MOVABLE_ISOLATED,	"already_isolated")		\
	EMe(ISOLATE_MOVABLE_REFUSED,	"refused")

TRACE_DEFINE_SYMBOLS(ISOLATE_MOVABLE_RESULT);

/*
 * mm_isolate_movable_page: one attempt to isolate a driver's movable page,
 * and why it failed.  Not a 4.8 event: umm adds it so that the reasons a
 * scanner could not take a driver's page can be seen.
 */
TRACE_EVENT(mm_isolate_movable_page,

	TP_PROTO(unsigned long pfn, int result),

	TP_ARGS(pfn, result),

	TP_STRUCT__entry(
		__field(unsigned long, pfn)
		__field(int, result)
	),

	TP_fast_assign(
		__entry->pfn = pfn;
		__entry->result = result;
	),

	TP_printk("pfn=0x%lx result=%s", __entry->pfn,
		  __print_symbolic(__entry->result, ISOLATE_MOVABLE_RESULT))
);

#endif /* _TRACE_MIGRATE_H */
