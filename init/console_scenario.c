// SPDX-License-Identifier: GPL-2.0
/*
 * init/console_scenario.c - phases, memory maps and the run's record
 *
 * A scenario marks its phases (`phase NAME`) and takes pictures of memory
 * (`snapshot NAME`: one character per pageblock, saying what fills it).
 * With umm.record=1, as the A/B runner boots each run, the console also
 * prints record lines ("@ ...", see asm/kernel_entry.h) that the runner
 * parses into the table and the report; a person at the console
 * sees the same phases and maps as plain text.
 *
 * The map is read without stopping anything: in the default mode a page
 * may change under the walk, and the picture is a moment's, as
 * /proc/kpageflags would be.
 */
#define MODULE_PARAM_PREFIX "umm."

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/page_kind.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/errno.h>
#include <linux/ctype.h>
#include <linux/workload.h>
#include <linux/umm.h>
#include <linux/sched.h>
#include <linux/pseudo_fs.h>
#include <linux/err.h>
#include <linux/bug.h>
#include <linux/init.h>
#include "console.h"

#define TRACE_PATH	"/sys/kernel/debug/tracing/"

/* umm.record=1: print the record lines the A/B runner reads. */
bool umm_record;
module_param_named(record, umm_record, bool, 0444);

/* umm.record_trace=1: the trace, at the end (the runner's --trace FILE). */
static bool umm_record_trace;
module_param_named(record_trace, umm_record_trace, bool, 0444);

static const char mt_chars[MIGRATE_TYPES] = {
	[MIGRATE_UNMOVABLE] = MT_UNMOVABLE, [MIGRATE_MOVABLE] = MT_MOVABLE,
	[MIGRATE_RECLAIMABLE] = MT_RECLAIMABLE,
	[MIGRATE_HIGHATOMIC] = MT_HIGHATOMIC, [MIGRATE_CMA] = MT_CMA,
	[MIGRATE_ISOLATE] = MT_ISOLATE,
};

#define MAP_LINE	64	/* pageblocks per line of the text map */

static bool kinds_recorded;

/*
 * The registered kinds, before the run's first record line: the runner
 * draws, names and switches off only what these lines say.
 */
static void record_kinds(void)
{
	struct page_kind *kind;
	unsigned int i;

	for_each_page_kind(kind, i)
		console_printf(RECORD_PREFIX "kind %s %c %s %s %s %s\n",
			       kind->name, kind->letter, kind->colour,
			       kind->movable ? "movable" : "-",
			       kind->off ? : "-", kind->desc);
}

/**
 * console_record - print one record line, if recording
 * @fmt: the line after "@ ", without the newline
 */
__printf(1, 2) void console_record(const char *fmt, ...)
{
	char line[256];
	va_list args;

	if (!umm_record)
		return;
	va_start(args, fmt);
	vscnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	if (!kinds_recorded) {
		kinds_recorded = true;
		record_kinds();
		umm_sampler_start();
	}
	console_printf(RECORD_PREFIX "%s\n", line);
}

/* What owns @page: its recorded kind, else what its state says. */
static struct page_kind *page_class(struct page *page)
{
	struct page_kind *kind = page_kind(page);

	if (kind)
		return kind;
	if (PageTable(page))
		return &page_kind_tables;
	if (PageAnon(page) || PageLRU(page))
		return &page_kind_anon;
	/*
	 * No reference and not in the buddy lists: free on a CPU's pcp
	 * list.  (The tail pages of a multi-page block have no reference
	 * either; the kinds above that allocate such blocks are told by
	 * their page_kind.)
	 */
	if (!page_ref_count(page))
		return &page_kind_free;
	return &page_kind_other;
}

/*
 * What fills the pageblock at @start_pfn: the kind with the most pages.
 * @count (PAGE_KIND_MAX of them, zeroed by the caller) gets its pages by
 * kind id.
 */
static char block_class(struct zone *zone, unsigned long start_pfn,
			u16 *count)
{
	unsigned long end = start_pfn + pageblock_nr_pages, pfn;
	unsigned int free = page_kind_free.id, best = free, c;

	spin_lock(&zone->lock);	/* the free blocks' orders hold still */
	/* A free block larger than a pageblock is marked at its head only. */
	for (c = pageblock_order + 1; c < MAX_ORDER; c++) {
		unsigned long head = start_pfn & ~((1UL << c) - 1);

		if (head >= zone->zone_start_pfn &&
		    page_kind_free_order(pfn_to_page(head)) >= (int)c) {
			spin_unlock(&zone->lock);
			count[free] = pageblock_nr_pages;
			return page_kind_free.letter;
		}
	}
	for (pfn = start_pfn; pfn < end; ) {
		struct page *page = pfn_to_page(pfn);
		int order = page_kind_free_order(page);

		if (order >= 0) {
			unsigned long n = 1UL << order;

			n = min(n, end - pfn);
			count[free] += n;
			pfn += n;
			continue;
		}
		count[page_class(page)->id]++;
		pfn++;
	}
	spin_unlock(&zone->lock);
	/*
	 * Free only if wholly free: one page in use keeps the block from
	 * serving a huge page, and that is what the map is for.
	 */
	for (c = 1; c <= nr_page_kinds(); c++)
		if (c != free && count[c] &&
		    (best == free || count[c] > count[best]))
			best = c;
	return page_kind_nr(best - 1)->letter;
}

/* Free blocks per order, all zones, as /proc/buddyinfo counts them. */
static void record_buddy(const char *label)
{
	unsigned long nr[MAX_ORDER] = { 0 };
	char line[256];
	struct zone *zone;
	int order, len;

	BUILD_BUG_ON(MAX_ORDER != RECORD_NR_ORDERS);
	if (!umm_record)
		return;
	for_each_populated_zone(zone) {
		spin_lock(&zone->lock);
		for (order = 0; order < MAX_ORDER; order++)
			nr[order] += zone->free_area[order].nr_free;
		spin_unlock(&zone->lock);
	}
	len = scnprintf(line, sizeof(line), "buddy %s", label);
	for (order = 0; order < MAX_ORDER; order++)
		len += scnprintf(line + len, sizeof(line) - len, " %lu",
				 nr[order]);
	console_record("%s", line);
}

static bool valid_label(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > RECORD_LABEL_MAX)
		return false;
	for (; *s; s++)
		if (!isalnum(*s) && *s != '-' && *s != '_')
			return false;
	return true;
}

/*
 * A phase is a line of the trace too, as a script on Linux would mark it
 * (echo phase NAME > trace_marker), so that a trace shows where each
 * phase begins.  Only while tracing: the write allocates, and a run that
 * does not trace must not change.
 */
static void trace_phase(const char *name)
{
	char text[RECORD_LABEL_MAX + 8];
	int len;

	if (!tracing_is_on())
		return;
	len = scnprintf(text, sizeof(text), "phase %s\n", name);
	kernel_write_file_path(TRACE_PATH "trace_marker", text, len);
}

static int cmd_phase(int argc, char **argv)
{
	if (argc != 2 || !valid_label(argv[1]))
		return console_cmd_err(-EINVAL,
			"usage: phase NAME (letters, digits, - and _, up to "
			__stringify(RECORD_LABEL_MAX) ")");
	/* The runner shows phases itself; at a console, say where we are. */
	if (umm_record)
		console_record("phase %s %lu", argv[1], umm_sampler_clock());
	else
		console_printf("== %s\n", argv[1]);
	record_buddy(argv[1]);
	trace_phase(argv[1]);
	return 0;
}

/* Pages of each kind in the pageblock at @pfn, into @count by kind id. */
static void block_counts(unsigned long pfn, u16 *count)
{
	memset(count, 0, PAGE_KIND_MAX * sizeof(*count));
	block_class(page_zone(pfn_to_page(pfn)), pfn, count);
}

/* Print @len bytes of @buf if it would not take @more, emptying it. */
static int flush_counts(char *buf, int len, int more, int size)
{
	if (len + more < size)
		return len;
	console_write(buf, len);
	return 0;
}

/*
 * "@ mapcount LABEL LETTER BLOCKPAGES C0,C1,...": the pages of one kind in
 * each pageblock, for the report's shading and tooltips; kinds with no
 * page in the map are left out.  Memory is walked again for each kind
 * rather than kept: an allocation here would change what the scenario
 * measures after the snapshot.
 */
static void record_map_counts(const char *label, unsigned long nr_blocks)
{
	unsigned long total[PAGE_KIND_MAX] = { 0 };
	u16 count[PAGE_KIND_MAX];
	struct page_kind *kind;
	unsigned long i, k;
	unsigned int c;
	char buf[128];
	int len;

	for (i = 0; i < nr_blocks; i++) {
		block_counts(i * pageblock_nr_pages, count);
		for (k = 0; k < PAGE_KIND_MAX; k++)
			total[k] += count[k];
	}
	for_each_page_kind(kind, c) {
		if (!total[kind->id])
			continue;
		/* Longer than a console_printf() line: written in pieces. */
		console_printf(RECORD_PREFIX "mapcount %s %c %lu ", label,
			       kind->letter, pageblock_nr_pages);
		for (i = 0, len = 0; i < nr_blocks; i++) {
			block_counts(i * pageblock_nr_pages, count);
			len = flush_counts(buf, len, 8, sizeof(buf));
			len += scnprintf(buf + len, sizeof(buf) - len, "%s%u",
					 i ? "," : "", count[kind->id]);
		}
		console_write(buf, len);
		console_write("\n", 1);
	}
}

static int cmd_snapshot(int argc, char **argv)
{
	unsigned long nr_blocks = DIV_ROUND_UP(max_pfn, pageblock_nr_pages);
	u16 count[PAGE_KIND_MAX];
	unsigned long i, pfn;
	char *classes, *types;
	struct page_kind *kind;
	unsigned int c;

	if (argc != 2 || !valid_label(argv[1]))
		return console_cmd_err(-EINVAL,
			"usage: snapshot NAME (letters, digits, - and _, up to "
			__stringify(RECORD_LABEL_MAX) ")");
	classes = kmalloc(2 * (nr_blocks + 1), GFP_KERNEL | __GFP_NOWARN);
	if (!classes)
		return console_cmd_err(-ENOMEM, "out of memory");
	types = classes + nr_blocks + 1;
	for (i = 0, pfn = 0; i < nr_blocks; i++, pfn += pageblock_nr_pages) {
		struct page *page = pfn_to_page(pfn);

		memset(count, 0, sizeof(count));
		classes[i] = block_class(page_zone(page), pfn, count);
		types[i] = mt_chars[get_pageblock_migratetype(page)] ? :
			   MT_UNKNOWN;
	}
	classes[nr_blocks] = types[nr_blocks] = '\0';

	if (umm_record) {
		/* Longer than a console_printf() line: written in pieces. */
		console_printf(RECORD_PREFIX "map %s %lu ", argv[1], nr_blocks);
		classes[nr_blocks] = ' ';
		console_write(classes, 2 * nr_blocks + 1);
		console_write("\n", 1);
		classes[nr_blocks] = '\0';
		record_map_counts(argv[1], nr_blocks);
	} else {
		console_printf("snapshot %s: %lu pageblocks of %lu KiB, %d per line\n",
			       argv[1], nr_blocks,
			       pageblock_nr_pages << (PAGE_SHIFT - 10),
			       MAP_LINE);
		for (i = 0; i < nr_blocks; i += MAP_LINE)
			console_printf("  %.*s\n", MAP_LINE, classes + i);
		console_printf(" ");
		for_each_page_kind(kind, c)
			console_printf(" %c %s%s", kind->letter, kind->desc,
				       c + 1 < nr_page_kinds() ? "," : "\n");
	}
	record_buddy(argv[1]);
	kfree(classes);
	return 0;
}

static unsigned long task_failures;

/*
 * A burst of task creation, as an app launch or a shell pipeline makes:
 * each start needs an order-2 kernel stack, and may fail on fragmented
 * memory.  Failures are counted, not fatal: they are what a scenario
 * measures.
 */
static int cmd_spawn(int argc, char **argv)
{
	unsigned int count, i, ok = 0;
	char name[TASK_COMM_LEN];

	if (argc != 3 || !valid_label(argv[1]) || strlen(argv[1]) > 8 ||
	    kstrtouint(argv[2], 10, &count) || !count || count > 4096)
		return console_cmd_err(-EINVAL,
			"usage: spawn PREFIX COUNT (PREFIX up to 8 letters, COUNT 1 to 4096)");
	for (i = 0; i < count; i++) {
		struct workload *w;

		scnprintf(name, sizeof(name), "%s%u", argv[1], i);
		w = workload_start(name);
		if (!IS_ERR(w)) {
			ok++;
			continue;
		}
		if (PTR_ERR(w) == -EEXIST)
			return console_cmd_err(-EEXIST, "spawn: '%s' exists", name);
		task_failures++;
		console_record("taskfail %s", name);
	}
	console_printf("spawn %s: %u of %u tasks started\n", argv[1], ok, count);
	/* Each start is an allocation of a kernel stack: count it as one. */
	console_record("alloc %u %u %u", THREAD_SIZE_ORDER, ok, count);
	return 0;
}

/* The tasks a spawn started (those that did), gone again. */
static int cmd_reap(int argc, char **argv)
{
	unsigned int count, i, n = 0;
	char name[TASK_COMM_LEN];

	if (argc != 3 || !valid_label(argv[1]) || strlen(argv[1]) > 8 ||
	    kstrtouint(argv[2], 10, &count) || !count || count > 4096)
		return console_cmd_err(-EINVAL,
			"usage: reap PREFIX COUNT (as given to spawn)");
	for (i = 0; i < count; i++) {
		struct workload *w;

		scnprintf(name, sizeof(name), "%s%u", argv[1], i);
		w = workload_find(name);
		if (!w)
			continue;
		workload_stop(w);
		n++;
	}
	console_printf("reap %s: %u tasks exited\n", argv[1], n);
	return 0;
}

/**
 * scenario_is_file - does @arg name a scenario file rather than an embedded one?
 * @arg: what followed "scenario" on the command line
 *
 * Return: 1 for a path: one with a '/' or ending in ".umm"; else 0.
 */
int scenario_is_file(const char *arg)
{
	size_t n = strlen(arg);

	return strchr(arg, '/') || (n > 4 && !strcmp(arg + n - 4, ".umm"));
}

/* Print every line "KEY VALUE" of @path as "@ stat PREFIXKEY VALUE". */
static void record_file_stats(const char *path, const char *prefix)
{
	char *buf, *line, *next;
	ssize_t len = kernel_read_file_path(path, &buf);

	if (len < 0)
		return;
	for (line = buf; line < buf + len && *line; line = next) {
		char *val;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		val = strchr(line, ' ');
		if (!val)
			continue;
		*val++ = '\0';
		console_record("stat %s%s %s", prefix, line, skip_spaces(val));
	}
	kfree(buf);
}

/*
 * The run's whole trace goes to the runner, a record line each, apart
 * from the console's output, as trace_pipe would give it: what a full
 * buffer would lose as it goes (record_trace_line()), the rest at the end
 * (record_trace()).  Not through console_record(): a trace line may be
 * longer than a record line, and a full buffer hands lines out under
 * its lock, where nothing may allocate.
 */
static void record_trace_line(const char *line, size_t len)
{
	static char out[sizeof(RECORD_PREFIX "trace ") + 2048];
	size_t n = scnprintf(out, sizeof(out), RECORD_PREFIX "trace %.*s",
			     (int)len, line);

	console_write(out, n);
}

static int __init record_trace_init(void)
{
	if (umm_record_trace)
		tracing_set_drain(record_trace_line);
	return 0;
}
late_initcall(record_trace_init);

static void record_trace(void)
{
	char *buf, *cur, *line;
	ssize_t len;

	if (!umm_record_trace)
		return;
	len = kernel_read_file_path(TRACE_PATH "trace_pipe", &buf);
	if (len < 0) {
		console_record("trace # cannot read the trace: %s",
			       errno_text(len));
		return;
	}
	for (cur = buf; (line = strsep(&cur, "\n")) && (*line || cur);)
		console_printf(RECORD_PREFIX "trace %s\n", line);
	kfree(buf);
}

/**
 * console_record_end - the run is over: its counters, then "@ end"
 */
void console_record_end(void)
{
	if (!umm_record)
		return;
	record_buddy("end");
	console_record_samples();
	record_file_stats("/proc/vmstat", "");
	record_file_stats("/sys/kernel/debug/umm/migrated", "migrated_");
	console_record("stat task_failures %lu", task_failures);
	/* A bug the kernel reported makes the run's figures suspect. */
	console_record("stat tainted %lu", get_taint());
	record_trace();
	console_record("end");
}

const struct console_cmd console_scenario_cmds[] = {
	{ "spawn", "spawn PREFIX COUNT",
	  "start COUNT tasks (PREFIX0...), counting those that fail", cmd_spawn },
	{ "reap", "reap PREFIX COUNT", "exit the tasks of a spawn", cmd_reap },
	{ "phase", "phase NAME", "mark the start of a phase of a scenario",
	  cmd_phase },
	{ "snapshot", "snapshot NAME",
	  "a map of memory: what fills each pageblock", cmd_snapshot },
	{ }
};
