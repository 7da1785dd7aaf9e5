// SPDX-License-Identifier: GPL-2.0
/*
 * mm/page_owner.c - the last migration steps of each page (umm's page_owner)
 *
 * A page found in a bad state (freed while its driver still has it
 * registered, a reference count going below zero, a list entry
 * corrupted) is the driver's fault more often than the VM's, and the
 * question is which step of the contract went wrong.  So each page
 * frame keeps the last step of the movable page contract that touched
 * it and the last driver callback the VM called on it (two bytes a
 * page, always), and with page_owner=on a trail of its last
 * PAGE_OWNER_TRAIL steps with the CPU and task of each.  dump_page()
 * prints them.
 *
 * Every step is taken under the page lock, so the writers of one page's
 * record are serialised by it; dump_page() reads without it, and may
 * print a step that is one step old.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/memblock.h>
#include <linux/moduleparam.h>
#include <linux/page_owner.h>
#include <linux/sched.h>
#include <linux/string.h>

struct page_trail_entry {
	u8 step;
	u8 cpu;
	u16 seq;	/* which of the entries is newest */
	pid_t pid;
};

struct page_trail {
	struct page_trail_entry e[PAGE_OWNER_TRAIL];
};

static u8 *last_step;
static u8 *last_callback;
static struct page_trail *trails;	/* page_owner=on only */
static bool page_owner_enabled;

static const char * const step_names[NR_PAGE_STEPS] = {
	[PAGE_STEP_NONE]		= "none",
	[PAGE_STEP_SET_MOVABLE]		= "__SetPageMovable",
	[PAGE_STEP_ISOLATE_PAGE]	= "isolate_page",
	[PAGE_STEP_ISOLATED]		= "isolated (PG_isolated set)",
	[PAGE_STEP_MIGRATEPAGE]		= "migratepage",
	[PAGE_STEP_MIGRATEPAGE_NEW]	= "migratepage (as the new page)",
	[PAGE_STEP_MIGRATED]		= "migrated (migratepage succeeded)",
	[PAGE_STEP_PUTBACK_PAGE]	= "putback_page",
	[PAGE_STEP_CLEAR_MOVABLE]	= "__ClearPageMovable",
	[PAGE_STEP_RELEASED_ISOLATED]	= "released while isolated",
};

static int __init early_page_owner_param(char *buf)
{
	bool on;

	if (param_parse_bool(buf, &on)) {
		param_set_reason("expects on or off");
		return -EINVAL;
	}
	page_owner_enabled = on;
	return 0;
}
early_param("page_owner", early_page_owner_param);

/**
 * page_owner_init - set up the record at boot
 * @nr_pages: the page frames (max_pfn)
 */
void __init page_owner_init(unsigned long nr_pages)
{
	last_step = memblock_alloc(nr_pages, SMP_CACHE_BYTES);
	last_callback = memblock_alloc(nr_pages, SMP_CACHE_BYTES);
	if (page_owner_enabled)
		trails = memblock_alloc(nr_pages * sizeof(*trails),
					SMP_CACHE_BYTES);
}

static bool is_callback(enum page_step step)
{
	return step == PAGE_STEP_ISOLATE_PAGE || step == PAGE_STEP_MIGRATEPAGE ||
	       step == PAGE_STEP_MIGRATEPAGE_NEW ||
	       step == PAGE_STEP_PUTBACK_PAGE;
}

/* The trail's oldest entry is the one to overwrite. */
static void trail_add(struct page_trail *t, enum page_step step)
{
	struct page_trail_entry *e = &t->e[0];
	u16 newest = t->e[0].seq;
	int i;

	for (i = 1; i < PAGE_OWNER_TRAIL; i++) {
		if ((s16)(t->e[i].seq - newest) > 0)
			newest = t->e[i].seq;
		if ((s16)(t->e[i].seq - e->seq) < 0)
			e = &t->e[i];
	}
	WRITE_ONCE(e->step, step);
	WRITE_ONCE(e->cpu, current ? current->cpu : 0);
	WRITE_ONCE(e->pid, current ? current->pid : 0);
	WRITE_ONCE(e->seq, newest + 1);
}

/**
 * set_page_step - a step of the movable page contract touched a page
 * @page: the page, locked
 * @step: what happened
 */
void set_page_step(struct page *page, enum page_step step)
{
	unsigned long pfn = page_to_pfn(page);

	if (!last_step)
		return;
	WRITE_ONCE(last_step[pfn], step);
	if (is_callback(step))
		WRITE_ONCE(last_callback[pfn], step);
	if (trails)
		trail_add(&trails[pfn], step);
}

/**
 * page_last_step - the last step recorded for a page
 * @page: the page
 *
 * Return: the step, PAGE_STEP_NONE if none was.
 */
enum page_step page_last_step(struct page *page)
{
	return last_step ? READ_ONCE(last_step[page_to_pfn(page)]) :
			   PAGE_STEP_NONE;
}

/**
 * page_last_callback - the last driver callback the VM called on a page
 * @page: the page
 *
 * Return: PAGE_STEP_ISOLATE_PAGE, _MIGRATEPAGE, _MIGRATEPAGE_NEW,
 * _PUTBACK_PAGE, or PAGE_STEP_NONE if none was called.
 */
enum page_step page_last_callback(struct page *page)
{
	return last_callback ? READ_ONCE(last_callback[page_to_pfn(page)]) :
			       PAGE_STEP_NONE;
}

/**
 * page_step_name - what a step is called in reports
 * @step: the step
 *
 * Return: its name.
 */
const char *page_step_name(enum page_step step)
{
	return step < NR_PAGE_STEPS ? step_names[step] : "?";
}

/**
 * dump_page_owner - print the record of a page, for dump_page()
 * @page: the page
 */
void dump_page_owner(struct page *page)
{
	struct page_trail t;
	int i, n = 0;

	if (!last_step)
		return;
	pr_alert("last migration callback: %s, last step: %s\n",
		 page_step_name(page_last_callback(page)),
		 page_step_name(page_last_step(page)));
	if (!trails) {
		pr_alert("page_owner trail: boot with page_owner=on to keep one\n");
		return;
	}
	memcpy(&t, &trails[page_to_pfn(page)], sizeof(t));
	/* Oldest first: the entries' sequence numbers order them. */
	for (i = 0; i < PAGE_OWNER_TRAIL; i++)
		if (t.e[i].step)
			n++;
	while (n--) {
		struct page_trail_entry *e = NULL;

		for (i = 0; i < PAGE_OWNER_TRAIL; i++)
			if (t.e[i].step && (!e || (s16)(t.e[i].seq - e->seq) < 0))
				e = &t.e[i];
		pr_alert("page_owner trail: %s on CPU %u pid %d\n",
			 page_step_name(e->step), e->cpu, e->pid);
		e->step = PAGE_STEP_NONE;
	}
}
