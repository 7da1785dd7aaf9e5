// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/trace/mm_events.c - the one definition of the mm trace events
 *
 * The kernel defines CREATE_TRACE_POINTS in mm/compaction.c and
 * mm/migrate.c; here the events get their definitions in a file of their
 * own, so that they exist whether or not those files are built, and no
 * other file may define CREATE_TRACE_POINTS for these two headers.
 */

#define CREATE_TRACE_POINTS
#include <trace/events/compaction.h>
#include <trace/events/migrate.h>
