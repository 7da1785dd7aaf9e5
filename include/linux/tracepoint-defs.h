/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: types shared by trace events and %pG (struct trace_print_flags). */
#ifndef _LINUX_TRACEPOINT_DEFS_H
#define _LINUX_TRACEPOINT_DEFS_H

/*
 * One named flag for a flags-to-text decoder.  A mask may cover several
 * bits (a composite such as GFP_KERNEL): it is printed only when all of
 * its bits are set, and the decoders list composites before their parts
 * so that the shortest description wins.
 */
struct trace_print_flags {
	unsigned long mask;
	const char *name;
};

/*
 * mm/debug.c: the names behind %pGp (page->flags) and %pGg (gfp_t).
 * Each table ends with { 0, NULL }.
 */
extern const struct trace_print_flags pageflag_names[];
extern const struct trace_print_flags gfpflag_names[];

#endif /* _LINUX_TRACEPOINT_DEFS_H */
