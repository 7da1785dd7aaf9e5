// SPDX-License-Identifier: GPL-2.0
/*
 * init/console_mm.c - console verbs that allocate and free pages
 *
 *   alloc SET ORDER COUNT [unmovable|movable|reclaimable]
 *   free SET [all|half|every=N|random=PCT]
 *
 * A set is a named list of blocks the console holds, the raw material of
 * fragmentation experiments: allocate many blocks, free every other one,
 * and the free memory is in pieces.  The blocks are ordinary allocations
 * (unmovable ones pin their pageblocks, as slab and page tables do;
 * movable ones are not on any LRU, so nothing can migrate them either).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/random.h>
#include <linux/sched.h>
#include "console.h"

#define SET_NAME_LEN	32

struct page_set {
	char name[SET_NAME_LEN];
	struct list_head pages;		/* blocks, through page->lru */
	unsigned long nr_blocks;
	unsigned long nr_pages;
	struct list_head list;
};

static LIST_HEAD(page_sets);

static struct page_set *find_set(const char *name)
{
	struct page_set *set;

	list_for_each_entry(set, &page_sets, list)
		if (!strcmp(set->name, name))
			return set;
	return NULL;
}

static bool valid_set_name(const char *name)
{
	size_t i, len = strlen(name);

	if (!len || len >= SET_NAME_LEN)
		return false;
	for (i = 0; i < len; i++)
		if (!isalnum(name[i]) && name[i] != '_' && name[i] != '-')
			return false;
	return true;
}

static const struct {
	const char *name;
	gfp_t gfp;
} alloc_types[] = {
	{ "unmovable", GFP_KERNEL },
	{ "movable", GFP_HIGHUSER_MOVABLE },
	{ "reclaimable", GFP_KERNEL | __GFP_RECLAIMABLE },
};

static int cmd_alloc(int argc, char **argv)
{
	unsigned int order, count, i, ok = 0;
	struct page_set *set;
	gfp_t gfp = GFP_KERNEL;

	if (argc < 4 || argc > 5)
		return console_cmd_err(-EINVAL,
			"usage: alloc SET ORDER COUNT [unmovable|movable|reclaimable]");
	if (!valid_set_name(argv[1]))
		return console_cmd_err(-EINVAL, "bad set name '%s' (letters, digits, _ and -, up to %d)",
				       argv[1], SET_NAME_LEN - 1);
	if (kstrtouint(argv[2], 10, &order) || order >= MAX_ORDER)
		return console_cmd_err(-EINVAL, "bad order '%s' (0 to %d)",
				       argv[2], MAX_ORDER - 1);
	if (kstrtouint(argv[3], 10, &count) || count == 0 || count > 100000000)
		return console_cmd_err(-EINVAL, "bad count '%s' (1 to 100000000)",
				       argv[3]);
	if (argc == 5) {
		for (i = 0; i < ARRAY_SIZE(alloc_types); i++)
			if (!strcmp(argv[4], alloc_types[i].name))
				break;
		if (i == ARRAY_SIZE(alloc_types))
			return console_cmd_err(-EINVAL,
				"bad type '%s' (unmovable, movable or reclaimable)",
				argv[4]);
		gfp = alloc_types[i].gfp;
	}

	set = find_set(argv[1]);
	if (!set) {
		set = kzalloc(sizeof(*set), GFP_KERNEL | __GFP_NOWARN);
		if (!set)
			return console_cmd_err(-ENOMEM, "out of memory");
		strscpy(set->name, argv[1], sizeof(set->name));
		INIT_LIST_HEAD(&set->pages);
		list_add_tail(&set->list, &page_sets);
	}

	for (i = 0; i < count; i++) {
		/*
		 * NORETRY: one round of compaction and reclaim, no OOM kill.
		 * A probe of the console must not kill the workload.
		 */
		struct page *page;

		/* Ctrl-C at the shell: what was allocated stays in the set. */
		if (signal_pending(current))
			return console_cmd_err(-EINTR,
				"interrupted after %u of %u allocations (%u succeeded, kept in %s)",
				i, count, ok, set->name);
		page = alloc_pages(gfp | __GFP_NOWARN | __GFP_NORETRY, order);
		if (!page)
			continue;
		/* We own the block: private holds its order, lru links it. */
		set_page_private(page, order);
		list_add_tail(&page->lru, &set->pages);
		set->nr_blocks++;
		set->nr_pages += 1UL << order;
		ok++;
	}
	console_printf("%s: %u/%u order-%u allocations succeeded\n",
		       set->name, ok, count, order);
	console_record("alloc %u %u %u", order, ok, count);
	return 0;
}

static void free_block(struct page_set *set, struct page *page)
{
	unsigned int order = page_private(page);

	list_del(&page->lru);
	set_page_private(page, 0);
	set->nr_blocks--;
	set->nr_pages -= 1UL << order;
	__free_pages(page, order);
}

static int cmd_free(int argc, char **argv)
{
	unsigned long before, n = 0, every = 0, pct = 0;
	const char *how = argc > 2 ? argv[2] : "all";
	struct page *page, *next;
	struct page_set *set;

	if (argc < 2 || argc > 3)
		return console_cmd_err(-EINVAL,
			"usage: free SET [all|half|every=N|random=PCT]");
	set = find_set(argv[1]);
	if (!set)
		return console_cmd_err(-ENOENT, "no set named '%s'", argv[1]);
	if (!strncmp(how, "every=", 6)) {
		if (kstrtoul(how + 6, 10, &every) || every == 0)
			return console_cmd_err(-EINVAL, "bad '%s' (every=N, N >= 1)", how);
	} else if (!strncmp(how, "random=", 7)) {
		if (kstrtoul(how + 7, 10, &pct) || pct > 100)
			return console_cmd_err(-EINVAL, "bad '%s' (random=PCT, 0 to 100)", how);
	} else if (strcmp(how, "all") && strcmp(how, "half")) {
		return console_cmd_err(-EINVAL,
			"bad '%s' (all, half, every=N or random=PCT)", how);
	}

	before = set->nr_blocks;
	list_for_each_entry_safe(page, next, &set->pages, lru) {
		bool drop;

		if (every)		/* the N-th, 2N-th... block */
			drop = (n + 1) % every == 0;
		else if (pct || !strncmp(how, "random=", 7))
			drop = prandom_u32_max(100) < pct;
		else if (!strcmp(how, "half"))	/* the first half */
			drop = n < before / 2;
		else
			drop = true;
		n++;
		if (drop)
			free_block(set, page);
	}
	console_printf("%s: freed %lu of %lu allocations, %lu left\n",
		       set->name, before - set->nr_blocks, before,
		       set->nr_blocks);
	if (!set->nr_blocks) {
		list_del(&set->list);
		kfree(set);
	}
	return 0;
}

static int cmd_sets(int argc, char **argv)
{
	struct page_set *set;

	list_for_each_entry(set, &page_sets, list)
		console_printf("%s: %lu allocations, %lu pages\n", set->name,
			       set->nr_blocks, set->nr_pages);
	return 0;
}

const struct console_cmd console_mm_cmds[] = {
	{ "alloc", "alloc SET ORDER COUNT [unmovable|movable|reclaimable]",
	  "try COUNT allocations of 2^ORDER pages, keep them in SET", cmd_alloc },
	{ "free", "free SET [all|half|every=N|random=PCT]",
	  "free all or part of SET (half: its first half)", cmd_free },
	{ "sets", "sets", "list the allocation sets", cmd_sets },
	{ }
};
