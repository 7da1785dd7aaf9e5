/* SPDX-License-Identifier: GPL-2.0 */
/* FAITHFUL: the events counted in /proc/vmstat (those umm has). */
#ifndef VM_EVENT_ITEM_H_INCLUDED
#define VM_EVENT_ITEM_H_INCLUDED

#define FOR_ALL_ZONES(xx) xx##_NORMAL, xx##_MOVABLE

enum vm_event_item {
	FOR_ALL_ZONES(PGALLOC),
	PGFREE,
	NR_VM_EVENT_ITEMS
};

#endif /* VM_EVENT_ITEM_H_INCLUDED */
