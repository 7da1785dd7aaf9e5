// SPDX-License-Identifier: GPL-2.0
/*
 * lib/list_debug.c - the reports of CONFIG_DEBUG_LIST
 *
 * <linux/list.h> tests every list_add() and list_del() inline and calls
 * here when a list is corrupted.  As in Linux, the report says which
 * pointer was wrong and the kernel BUGs: a corrupted list is walked
 * forever by whoever walks it next (the page allocator's per-cpu lists
 * spin in free_pcppages_bulk()), or hands out memory twice.  When the
 * entry, or a neighbour, is the lru of a struct page, that page is
 * dumped too: its owner's kind and the last migration callback that
 * touched it usually name the culprit.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mm.h>

/* Dump the pages whose page->lru the three entries are, if any. */
static void dump_list_pages(struct list_head *a, struct list_head *b,
			    struct list_head *c)
{
	dump_page_containing(a, "list corruption: this entry");
	dump_page_containing(b, "list corruption: its prev");
	dump_page_containing(c, "list corruption: its next");
}

/**
 * __list_add_report - report a list_add() between non-neighbours
 * @new: the entry being added
 * @prev: what should be the entry before it
 * @next: what should be the entry after it
 *
 * Return: never; BUG()s.
 */
bool __list_add_report(struct list_head *new, struct list_head *prev,
		       struct list_head *next)
{
	if (next->prev != prev)
		pr_err("list_add corruption. next->prev should be prev (%p), but was %p. (next=%p).\n",
		       prev, next->prev, next);
	else if (prev->next != next)
		pr_err("list_add corruption. prev->next should be next (%p), but was %p. (prev=%p).\n",
		       next, prev->next, prev);
	else
		pr_err("list_add double add: new=%p, prev=%p, next=%p.\n",
		       new, prev, next);
	dump_list_pages(new, prev, next);
	BUG();
}

/**
 * __list_del_entry_report - report a list_del() of a corrupted entry
 * @entry: the entry being deleted
 *
 * Return: never; BUG()s.
 */
bool __list_del_entry_report(struct list_head *entry)
{
	struct list_head *prev = entry->prev, *next = entry->next;

	if (next == LIST_POISON1) {
		pr_err("list_del corruption, %p->next is LIST_POISON1 (%p): deleted twice?\n",
		       entry, LIST_POISON1);
		dump_list_pages(entry, NULL, NULL);
	} else if (prev == LIST_POISON2) {
		pr_err("list_del corruption, %p->prev is LIST_POISON2 (%p): deleted twice?\n",
		       entry, LIST_POISON2);
		dump_list_pages(entry, NULL, NULL);
	} else if (prev->next != entry) {
		pr_err("list_del corruption. prev->next should be %p, but was %p. (prev=%p)\n",
		       entry, prev->next, prev);
		dump_list_pages(entry, prev, next);
	} else {
		pr_err("list_del corruption. next->prev should be %p, but was %p. (next=%p)\n",
		       entry, next->prev, next);
		dump_list_pages(entry, prev, next);
	}
	BUG();
}
