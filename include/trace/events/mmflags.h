/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: what mm trace events print for results, zone types and gfp masks. */
#ifndef _TRACE_EVENTS_MMFLAGS_H
#define _TRACE_EVENTS_MMFLAGS_H

/*
 * include/trace/events/mmflags.h - value-to-name tables of the mm events
 *
 * Each table is a list of EM(value, "name") ending with EMe(), for
 * __print_symbolic(); the names are the ones trace tools already match.
 */

#include <linux/compaction.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/tracepoint.h>

#undef EM
#undef EMe
#define EM(a, b)	{ a, b },
#define EMe(a, b)	{ a, b }

/* enum compact_result */
#define COMPACTION_STATUS					\
	EM(COMPACT_SKIPPED,		"skipped")		\
	EM(COMPACT_DEFERRED,		"deferred")		\
	EM(COMPACT_CONTINUE,		"continue")		\
	EM(COMPACT_SUCCESS,		"success")		\
	EM(COMPACT_PARTIAL_SKIPPED,	"partial_skipped")	\
	EM(COMPACT_COMPLETE,		"complete")		\
	EM(COMPACT_NO_SUITABLE_PAGE,	"no_suitable_page")	\
	EM(COMPACT_NOT_SUITABLE_ZONE,	"not_suitable_zone")	\
	EMe(COMPACT_CONTENDED,		"contended")

/* enum zone_type: the zones this kernel has */
#define ZONE_TYPE						\
	EM(ZONE_NORMAL,			"Normal")		\
	EMe(ZONE_MOVABLE,		"Movable")

/*
 * A gfp mask as %pGg prints it ("GFP_KERNEL|__GFP_NOWARN"), or "none"
 * for an empty one.
 */
#define show_gfp_flags(flags)	trace_print_gfp_flags(p, flags)

#endif /* _TRACE_EVENTS_MMFLAGS_H */
