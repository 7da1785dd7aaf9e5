// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_trace.c - trace events and the ftrace files
 *
 * The tests call the trace_*() functions of the compaction and migration
 * events directly and read /sys/kernel/debug/tracing/trace back, as a
 * script on a real kernel would: disabled events leave nothing; set_event
 * and the enable files switch them; the header, the line layout and each
 * event's text are ftrace's, byte for byte; the buffer clears, overwrites
 * its oldest lines when full, and stops with tracing_on.
 *
 * The buffer takes its pages the first time an event is enabled, as in
 * the kernel; each test gives them back through free_buffer at the end so
 * that the fixture's page count balances.  Every test name contains
 * "trace", so that `make check TESTS=trace` runs them all.
 */
#include "umm_test.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/compaction.h>
#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/pseudo_fs.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <trace/events/compaction.h>
#include <trace/events/migrate.h>

#define TRACING		"/sys/kernel/debug/tracing/"
#define MAX_LINES	20000

FIXTURE_VARIANT_ADD(umm, small) {
	.params = "mem=64M",
};

UMM_FIXTURE_SETUP

/* A tracing file's whole text, malloc'ed; NULL if it cannot be read. */
static char *read_tracing(const char *name)
{
	char path[256];

	snprintf(path, sizeof(path), TRACING "%s", name);
	return read_file(path);
}

/* Write @text to a tracing file as it is: 0 or -errno. */
static int write_tracing(const char *name, const char *text)
{
	char path[256];

	snprintf(path, sizeof(path), TRACING "%s", name);
	return write_file(path, text);
}

/* Does the file read exactly @want? */
static bool tracing_reads(const char *name, const char *want)
{
	char *text = read_tracing(name);
	bool same = text && !strcmp(text, want);

	if (text && !same)
		printf("# %s reads '%s', expected '%s'\n", name, text, want);
	free(text);
	return same;
}

/* The trace file, split: its '#' header, and its event lines. */
struct trace_text {
	char *text;
	char *header;		/* up to the last '#' line, inclusive */
	char **lines;
	int nr;
	unsigned long entries, written;
};

static void trace_text_free(struct trace_text *t)
{
	free(t->text);
	free(t->header);
	free(t->lines);
}

static int read_trace(struct trace_text *t)
{
	char *line, *next;

	memset(t, 0, sizeof(*t));
	t->text = read_tracing("trace");
	if (!t->text)
		return -1;
	t->lines = calloc(MAX_LINES, sizeof(char *));
	for (line = t->text; *line == '#'; line = strchr(line, '\n') + 1)
		;
	t->header = strndup(t->text, line - t->text);
	if (sscanf(t->header, "# tracer: nop\n#\n# entries-in-buffer/entries-written: %lu/%lu",
		   &t->entries, &t->written) != 2)
		return -1;
	for (; *line && t->nr < MAX_LINES; line = next) {
		next = strchr(line, '\n');
		if (!next)
			return -1;
		*next++ = '\0';
		t->lines[t->nr++] = line;
	}
	return 0;
}

/* The part of a trace line after the timestamp: "name: text". */
static const char *event_text(const char *line)
{
	const char *s = strstr(line, "] ..... ");

	s = s ? strstr(s, ": ") : NULL;
	return s ? s + 2 : "";
}

/* Read the trace and keep the event texts of its lines. */
static int read_events(char ***events)
{
	struct trace_text t;
	int i, nr;

	if (read_trace(&t))
		return -1;
	nr = t.nr;
	*events = calloc(nr + 1, sizeof(char *));
	for (i = 0; i < nr; i++)
		(*events)[i] = strdup(event_text(t.lines[i]));
	trace_text_free(&t);
	return nr;
}

static void free_events(char **events, int nr)
{
	while (nr--)
		free(events[nr]);
	free(events);
}

/* One call of every event. */
static void call_every_event(void)
{
	LIST_HEAD(pages);

	trace_mm_compaction_isolate_migratepages(1, 2, 3, 4);
	trace_mm_compaction_isolate_freepages(1, 2, 3, 4);
	trace_mm_compaction_migratepages(4, 0, &pages);
	trace_mm_compaction_begin(0, 1, 2, 3, true);
	trace_mm_compaction_end(0, 1, 2, 3, true, COMPACT_COMPLETE);
	trace_mm_compaction_try_to_compact_pages(2, GFP_KERNEL, 1);
	trace_mm_compaction_finished(UMM_ZONE(ZONE_NORMAL), 2, COMPACT_CONTINUE);
	trace_mm_compaction_suitable(UMM_ZONE(ZONE_NORMAL), 2, COMPACT_CONTINUE);
	trace_mm_compaction_deferred(UMM_ZONE(ZONE_NORMAL), 2);
	trace_mm_compaction_defer_compaction(UMM_ZONE(ZONE_NORMAL), 2);
	trace_mm_compaction_defer_reset(UMM_ZONE(ZONE_NORMAL), 2);
	trace_mm_compaction_kcompactd_sleep(0);
	trace_mm_compaction_wakeup_kcompactd(0, 2, ZONE_NORMAL);
	trace_mm_compaction_kcompactd_wake(0, 2, ZONE_NORMAL);
	trace_mm_isolate_movable_page(7, ISOLATE_MOVABLE_REFUSED);
	trace_mm_migrate_pages(1, 0, MIGRATE_SYNC, MR_COMPACTION);
}

#define NR_EVENTS	16

static const char *const all_events =
	"compaction:mm_compaction_begin\n"
	"compaction:mm_compaction_defer_compaction\n"
	"compaction:mm_compaction_defer_reset\n"
	"compaction:mm_compaction_deferred\n"
	"compaction:mm_compaction_end\n"
	"compaction:mm_compaction_finished\n"
	"compaction:mm_compaction_isolate_freepages\n"
	"compaction:mm_compaction_isolate_migratepages\n"
	"compaction:mm_compaction_kcompactd_sleep\n"
	"compaction:mm_compaction_kcompactd_wake\n"
	"compaction:mm_compaction_migratepages\n"
	"compaction:mm_compaction_suitable\n"
	"compaction:mm_compaction_try_to_compact_pages\n"
	"compaction:mm_compaction_wakeup_kcompactd\n"
	"migrate:mm_isolate_movable_page\n"
	"migrate:mm_migrate_pages\n";

/* How many lines of the trace name @event. */
static int count_event(const char *event)
{
	char **events;
	int i, nr, n = 0;

	nr = read_events(&events);
	for (i = 0; i < nr; i++)
		if (!strncmp(events[i], event, strlen(event)) &&
		    events[i][strlen(event)] == ':')
			n++;
	if (nr >= 0)
		free_events(events, nr);
	return n;
}

static int nr_trace_lines(void)
{
	struct trace_text t;
	int nr;

	if (read_trace(&t))
		return -1;
	nr = t.nr;
	trace_text_free(&t);
	return nr;
}

TEST_F(umm, trace_disabled_events_record_nothing)
{
	struct trace_text t;

	/* Nothing is allocated until tracing is used (the fixture checks). */
	EXPECT_TRUE(tracing_reads("buffer_size_kb", "0 (expanded: 1408)\n"));
	EXPECT_TRUE(tracing_reads("events/enable", "0\n"));
	EXPECT_TRUE(tracing_reads("set_event", ""));
	EXPECT_TRUE(tracing_reads("tracing_on", "1\n"));
	EXPECT_FALSE(trace_mm_compaction_begin_enabled());
	call_every_event();

	ASSERT_EQ(0, read_trace(&t));
	EXPECT_EQ(0, t.nr);
	EXPECT_EQ(0, t.entries);
	EXPECT_EQ(0, t.written);
	trace_text_free(&t);

	/* Enabled, then disabled again: still nothing. */
	ASSERT_EQ(0, write_tracing("events/enable", "1\n"));
	ASSERT_EQ(0, write_tracing("events/enable", "0\n"));
	call_every_event();
	ASSERT_EQ(0, read_trace(&t));
	EXPECT_EQ(0, t.nr);
	trace_text_free(&t);
	trace_release();
}

TEST_F(umm, trace_available_events_lists_every_event)
{
	EXPECT_TRUE(tracing_reads("available_events", all_events));
	EXPECT_TRUE(tracing_reads("events/compaction/mm_compaction_end/enable",
				  "0\n"));
	EXPECT_TRUE(tracing_reads("events/migrate/mm_migrate_pages/enable",
				  "0\n"));
}

TEST_F(umm, trace_header_is_ftrace_header)
{
	struct trace_text t;
	char want[2048];

	ASSERT_EQ(0, write_tracing("set_event", "mm_compaction_kcompactd_sleep\n"));
	trace_mm_compaction_kcompactd_sleep(0);
	trace_mm_compaction_kcompactd_sleep(0);
	ASSERT_EQ(0, read_trace(&t));
	snprintf(want, sizeof(want),
		 "# tracer: nop\n"
		 "#\n"
		 "# entries-in-buffer/entries-written: 2/2   #P:%u\n"
		 "#\n"
		 "#                                _-----=> irqs-off/BH-disabled\n"
		 "#                               / _----=> need-resched\n"
		 "#                              | / _---=> hardirq/softirq\n"
		 "#                              || / _--=> preempt-depth\n"
		 "#                              ||| / _-=> migrate-disable\n"
		 "#                              |||| /     delay\n"
		 "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION\n"
		 "#              | |         |   |||||     |         |\n",
		 num_online_cpus());
	EXPECT_STREQ(want, t.header);
	EXPECT_EQ(2, t.nr);
	trace_text_free(&t);
	trace_release();
}

TEST_F(umm, trace_line_layout_matches_ftrace)
{
	static const char *const pattern =
		"^ *([^ ]{1,16})-([0-9]+) +\\[([0-9]{3})\\] \\.{5} +"
		"([0-9]+)\\.([0-9]{6}): ([a-z_]+): (.*)$";
	unsigned long long before, after, usecs;
	char prefix[64];
	struct trace_text t;
	regmatch_t match[8];
	regex_t re;

	ASSERT_EQ(0, regcomp(&re, pattern, REG_EXTENDED));
	ASSERT_EQ(0, write_tracing("set_event", "compaction:mm_compaction_begin\n"));
	before = local_clock();
	trace_mm_compaction_begin(0x0, 0x100, 0x3fe00, 0x40000, true);
	after = local_clock();
	ASSERT_EQ(0, read_trace(&t));
	ASSERT_EQ(1, t.nr);
	printf("# %s\n", t.lines[0]);
	ASSERT_EQ(0, regexec(&re, t.lines[0], 8, match, 0));

	/* comm right-aligned in 16, pid left-aligned in 7, the CPU in 3. */
	snprintf(prefix, sizeof(prefix), "%16s-%-7d [%03d] ..... ",
		 current->comm, current->pid, smp_processor_id());
	EXPECT_EQ(0, strncmp(prefix, t.lines[0], strlen(prefix)));
	EXPECT_EQ('[', t.lines[0][25]);

	/* seconds.microseconds since boot, seconds right-aligned in 5. */
	usecs = strtoull(t.lines[0] + match[4].rm_so, NULL, 10) * 1000000 +
		strtoull(t.lines[0] + match[5].rm_so, NULL, 10);
	EXPECT_LE(before / 1000, usecs);
	EXPECT_GE((after + 999) / 1000, usecs);
	EXPECT_EQ(42, match[5].rm_so - 1);

	EXPECT_STREQ("mm_compaction_begin: zone_start=0x0 migrate_pfn=0x100 free_pfn=0x3fe00 zone_end=0x40000, mode=sync",
		     t.lines[0] + match[6].rm_so);
	regfree(&re);
	trace_text_free(&t);
	trace_release();
}

TEST_F(umm, trace_compaction_event_formats)
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	static const char *const want[] = {
		"mm_compaction_isolate_migratepages: range=(0x1000 ~ 0x1200) nr_scanned=512 nr_taken=32",
		"mm_compaction_isolate_freepages: range=(0x3fe00 ~ 0x40000) nr_scanned=17 nr_taken=3",
		"mm_compaction_migratepages: nr_migrated=30 nr_failed=2",
		"mm_compaction_migratepages: nr_migrated=29 nr_failed=3",
		"mm_compaction_begin: zone_start=0x0 migrate_pfn=0x100 free_pfn=0x3fe00 zone_end=0x40000, mode=sync",
		"mm_compaction_end: zone_start=0x0 migrate_pfn=0x200 free_pfn=0x3fc00 zone_end=0x40000, mode=async status=partial_skipped",
		"mm_compaction_end: zone_start=0x0 migrate_pfn=0x200 free_pfn=0x3fc00 zone_end=0x40000, mode=sync status=success",
		"mm_compaction_end: zone_start=0x0 migrate_pfn=0x200 free_pfn=0x3fc00 zone_end=0x40000, mode=sync status=0x63",
		"mm_compaction_try_to_compact_pages: order=9 gfp_mask=GFP_KERNEL priority=1",
		"mm_compaction_try_to_compact_pages: order=3 gfp_mask=GFP_HIGHUSER_MOVABLE|__GFP_NOWARN priority=0",
		"mm_compaction_try_to_compact_pages: order=0 gfp_mask=none priority=0",
		"mm_compaction_finished: node=0 zone=Normal   order=9 ret=continue",
		"mm_compaction_suitable: node=0 zone=Normal   order=2 ret=skipped",
		"mm_compaction_suitable: node=0 zone=Normal   order=2 ret=not_suitable_zone",
		"mm_compaction_deferred: node=0 zone=Normal   order=5 order_failed=4 consider=5 limit=8",
		"mm_compaction_defer_compaction: node=0 zone=Normal   order=4 order_failed=4 consider=5 limit=8",
		"mm_compaction_defer_reset: node=0 zone=Normal   order=3 order_failed=4 consider=5 limit=8",
		"mm_compaction_kcompactd_sleep: nid=0",
		"mm_compaction_wakeup_kcompactd: nid=0 order=2 classzone_idx=Normal  ",
		"mm_compaction_kcompactd_wake: nid=0 order=9 classzone_idx=Movable ",
	};
	struct list_head failed[3];
	unsigned int considered = zone->compact_considered;
	unsigned int shift = zone->compact_defer_shift;
	int order_failed = zone->compact_order_failed;
	LIST_HEAD(pages);
	char **events;
	int i, nr;

	for (i = 0; i < 3; i++)
		list_add_tail(&failed[i], &pages);
	ASSERT_EQ(0, write_tracing("set_event", "compaction:*\n"));

	trace_mm_compaction_isolate_migratepages(0x1000, 0x1200, 512, 32);
	trace_mm_compaction_isolate_freepages(0x3fe00, 0x40000, 17, 3);
	/* A count of failures, or an error and the failures on the list. */
	trace_mm_compaction_migratepages(32, 2, &pages);
	trace_mm_compaction_migratepages(32, -ENOMEM, &pages);
	trace_mm_compaction_begin(0x0, 0x100, 0x3fe00, 0x40000, true);
	trace_mm_compaction_end(0x0, 0x200, 0x3fc00, 0x40000, false,
				COMPACT_PARTIAL_SKIPPED);
	trace_mm_compaction_end(0x0, 0x200, 0x3fc00, 0x40000, true,
				COMPACT_SUCCESS);
	trace_mm_compaction_end(0x0, 0x200, 0x3fc00, 0x40000, true, 99);
	trace_mm_compaction_try_to_compact_pages(9, GFP_KERNEL,
						 COMPACT_PRIO_ASYNC);
	trace_mm_compaction_try_to_compact_pages(3, GFP_HIGHUSER_MOVABLE |
						 __GFP_NOWARN,
						 COMPACT_PRIO_SYNC_LIGHT);
	trace_mm_compaction_try_to_compact_pages(0, 0, COMPACT_PRIO_SYNC_LIGHT);
	trace_mm_compaction_finished(zone, 9, COMPACT_CONTINUE);
	trace_mm_compaction_suitable(zone, 2, COMPACT_SKIPPED);
	trace_mm_compaction_suitable(zone, 2, COMPACT_NOT_SUITABLE_ZONE);

	zone->compact_considered = 5;
	zone->compact_defer_shift = 3;
	zone->compact_order_failed = 4;
	trace_mm_compaction_deferred(zone, 5);
	trace_mm_compaction_defer_compaction(zone, 4);
	trace_mm_compaction_defer_reset(zone, 3);
	zone->compact_considered = considered;
	zone->compact_defer_shift = shift;
	zone->compact_order_failed = order_failed;

	trace_mm_compaction_kcompactd_sleep(0);
	trace_mm_compaction_wakeup_kcompactd(0, 2, ZONE_NORMAL);
	trace_mm_compaction_kcompactd_wake(0, 9, ZONE_MOVABLE);
	/* Not a compaction event: not enabled. */
	trace_mm_migrate_pages(1, 0, MIGRATE_SYNC, MR_COMPACTION);

	nr = read_events(&events);
	ASSERT_EQ(ARRAY_SIZE(want), nr);
	for (i = 0; i < nr; i++)
		EXPECT_STREQ(want[i], events[i]);
	free_events(events, nr);
	trace_release();
}

TEST_F(umm, trace_migrate_event_format)
{
	static const char *const want[] = {
		"mm_migrate_pages: nr_succeeded=10 nr_failed=2 mode=MIGRATE_SYNC_LIGHT reason=compaction",
		"mm_migrate_pages: nr_succeeded=1 nr_failed=0 mode=MIGRATE_ASYNC reason=cma",
		"mm_migrate_pages: nr_succeeded=0 nr_failed=7 mode=MIGRATE_SYNC reason=syscall_or_cpuset",
		"mm_migrate_pages: nr_succeeded=3 nr_failed=0 mode=MIGRATE_SYNC reason=0x2a",
	};
	char **events;
	int i, nr;

	ASSERT_EQ(0, write_tracing("events/migrate/mm_migrate_pages/enable", "1\n"));
	trace_mm_migrate_pages(10, 2, MIGRATE_SYNC_LIGHT, MR_COMPACTION);
	trace_mm_migrate_pages(1, 0, MIGRATE_ASYNC, MR_CMA);
	trace_mm_migrate_pages(0, 7, MIGRATE_SYNC, MR_SYSCALL);
	trace_mm_migrate_pages(3, 0, MIGRATE_SYNC, 42);
	nr = read_events(&events);
	ASSERT_EQ(ARRAY_SIZE(want), nr);
	for (i = 0; i < nr; i++)
		EXPECT_STREQ(want[i], events[i]);
	free_events(events, nr);
	trace_release();
}

TEST_F(umm, trace_set_event_takes_kernel_syntax)
{
	ASSERT_EQ(0, write_tracing("set_event", "compaction:mm_compaction_begin\n"));
	EXPECT_TRUE(tracing_reads("set_event", "compaction:mm_compaction_begin\n"));
	EXPECT_TRUE(trace_mm_compaction_begin_enabled());
	EXPECT_FALSE(trace_mm_compaction_end_enabled());
	call_every_event();
	EXPECT_EQ(1, count_event("mm_compaction_begin"));
	EXPECT_EQ(0, count_event("mm_compaction_end"));

	/* Each write replaces the set, as echo's '>' does. */
	ASSERT_EQ(0, write_tracing("set_event", "mm_migrate_pages *:mm_compaction_end\n"));
	EXPECT_TRUE(tracing_reads("set_event",
				  "compaction:mm_compaction_end\nmigrate:mm_migrate_pages\n"));

	/* A bare system name, and "system:" for all of a system. */
	ASSERT_EQ(0, write_tracing("set_event", "migrate"));
	EXPECT_TRUE(tracing_reads("set_event",
				  "migrate:mm_isolate_movable_page\nmigrate:mm_migrate_pages\n"));
	ASSERT_EQ(0, write_tracing("set_event", "compaction: migrate:*"));
	EXPECT_TRUE(tracing_reads("set_event", all_events));
	EXPECT_TRUE(tracing_reads("events/enable", "1\n"));

	/* '!' disables. */
	ASSERT_EQ(0, write_tracing("set_event", "*:* !compaction:mm_compaction_end"));
	EXPECT_TRUE(tracing_reads("events/compaction/mm_compaction_end/enable", "0\n"));
	EXPECT_TRUE(tracing_reads("events/compaction/enable", "X\n"));

	/* A word that names nothing is an error. */
	EXPECT_EQ(-EINVAL, write_tracing("set_event", "compaction:nosuch\n"));
	EXPECT_EQ(-EINVAL, write_tracing("set_event", "nosuch\n"));

	ASSERT_EQ(0, write_tracing("set_event", "\n"));
	EXPECT_TRUE(tracing_reads("set_event", ""));
	EXPECT_TRUE(tracing_reads("events/enable", "0\n"));
	trace_release();
}

TEST_F(umm, trace_enable_files_switch_events)
{
	ASSERT_EQ(0, write_tracing("events/compaction/enable", "1\n"));
	EXPECT_TRUE(tracing_reads("events/compaction/enable", "1\n"));
	EXPECT_TRUE(tracing_reads("events/migrate/enable", "0\n"));
	EXPECT_TRUE(tracing_reads("events/enable", "X\n"));
	EXPECT_TRUE(tracing_reads("events/compaction/mm_compaction_suitable/enable",
				  "1\n"));
	call_every_event();
	EXPECT_EQ(1, count_event("mm_compaction_kcompactd_wake"));
	EXPECT_EQ(0, count_event("mm_migrate_pages"));

	ASSERT_EQ(0, write_tracing("events/compaction/mm_compaction_suitable/enable",
				   "0\n"));
	EXPECT_TRUE(tracing_reads("events/compaction/enable", "X\n"));
	ASSERT_EQ(0, write_tracing("events/enable", "1\n"));
	EXPECT_TRUE(tracing_reads("events/enable", "1\n"));
	EXPECT_TRUE(tracing_reads("set_event", all_events));

	ASSERT_EQ(0, write_tracing("trace", "\n"));
	call_every_event();
	EXPECT_EQ(NR_EVENTS, nr_trace_lines());
	EXPECT_EQ(1, count_event("mm_migrate_pages"));

	ASSERT_EQ(0, write_tracing("events/enable", "0\n"));
	EXPECT_TRUE(tracing_reads("events/compaction/enable", "0\n"));
	EXPECT_TRUE(tracing_reads("set_event", ""));
	trace_release();
}

TEST_F(umm, trace_bad_values_are_einval_and_change_nothing)
{
	static const char *const files[] = {
		"events/enable",
		"events/compaction/enable",
		"events/compaction/mm_compaction_begin/enable",
	};
	static const char *const bad[] = { "2\n", "-1\n", "abc\n", "1x\n" };
	int i, j;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		for (j = 0; j < ARRAY_SIZE(bad); j++) {
			EXPECT_EQ(-EINVAL, write_tracing(files[i], bad[j]));
			EXPECT_TRUE(tracing_reads(files[i], "0\n"));
		}
		ASSERT_EQ(0, write_tracing(files[i], "1\n"));
		for (j = 0; j < ARRAY_SIZE(bad); j++) {
			EXPECT_EQ(-EINVAL, write_tracing(files[i], bad[j]));
			EXPECT_TRUE(tracing_reads(files[i], "1\n"));
		}
		ASSERT_EQ(0, write_tracing("events/enable", "0\n"));
	}

	EXPECT_EQ(-EINVAL, write_tracing("tracing_on", "on\n"));
	EXPECT_TRUE(tracing_reads("tracing_on", "1\n"));
	EXPECT_EQ(-EINVAL, write_tracing("buffer_size_kb", "0\n"));
	EXPECT_EQ(-EINVAL, write_tracing("buffer_size_kb", "12abc\n"));
	EXPECT_TRUE(tracing_reads("buffer_size_kb", "1408\n"));
	/* Read-only and write-only files refuse the other direction. */
	EXPECT_EQ(-EACCES, write_tracing("available_events", "1\n"));
	EXPECT_EQ(NULL, read_tracing("free_buffer"));
	trace_release();
}

TEST_F(umm, trace_write_clears_the_buffer)
{
	struct trace_text t;
	int i;

	/* Only this test may emit the event: kcompactd0 would, going to sleep. */
	kcompactd_stop(0);
	ASSERT_EQ(0, write_tracing("set_event", "mm_compaction_kcompactd_sleep"));
	for (i = 0; i < 10; i++)
		trace_mm_compaction_kcompactd_sleep(i);
	ASSERT_EQ(0, read_trace(&t));
	EXPECT_EQ(10, t.nr);
	EXPECT_EQ(10, t.entries);
	EXPECT_EQ(10, t.written);
	EXPECT_STREQ("mm_compaction_kcompactd_sleep: nid=9",
		     event_text(t.lines[9]));
	trace_text_free(&t);

	/* Reading does not consume. */
	EXPECT_EQ(10, count_event("mm_compaction_kcompactd_sleep"));

	ASSERT_EQ(0, write_tracing("trace", "\n"));
	ASSERT_EQ(0, read_trace(&t));
	EXPECT_EQ(0, t.nr);
	EXPECT_EQ(0, t.entries);
	EXPECT_EQ(0, t.written);
	trace_text_free(&t);

	/* The event is still enabled: recording goes on. */
	trace_mm_compaction_kcompactd_sleep(42);
	ASSERT_EQ(0, read_trace(&t));
	ASSERT_EQ(1, t.nr);
	EXPECT_STREQ("mm_compaction_kcompactd_sleep: nid=42",
		     event_text(t.lines[0]));
	trace_text_free(&t);
	trace_release();
	EXPECT_EQ(0, kcompactd_run(0));
}

/*
 * Two pages of buffer: once they are full, each new page's worth of
 * events pushes out the oldest page's, and the header counts the loss.
 */
TEST_F(umm, trace_full_buffer_overwrites_oldest_entries)
{
	const unsigned long total = 1000;
	struct trace_text t;
	unsigned long i, first;
	int n;

	ASSERT_EQ(0, write_tracing("buffer_size_kb", "8\n"));
	EXPECT_TRUE(tracing_reads("buffer_size_kb", "8\n"));
	ASSERT_EQ(0, write_tracing("set_event", "mm_compaction_isolate_migratepages"));
	for (i = 0; i < total; i++)
		trace_mm_compaction_isolate_migratepages(0, 512, i, 0);

	ASSERT_EQ(0, read_trace(&t));
	printf("# %lu/%lu entries kept\n", t.entries, t.written);
	EXPECT_EQ(total, t.written);
	EXPECT_EQ(t.nr, t.entries);
	EXPECT_LT(t.entries, total / 4);
	EXPECT_GT(t.entries, 20);
	/* The newest entries, in order, none missing. */
	first = total - t.nr;
	for (n = 0; n < t.nr; n++) {
		char want[128];

		snprintf(want, sizeof(want),
			 "mm_compaction_isolate_migratepages: range=(0x0 ~ 0x200) nr_scanned=%lu nr_taken=0",
			 first + n);
		ASSERT_STREQ(want, event_text(t.lines[n]));
	}
	trace_text_free(&t);

	/* One page: it is overwritten as a whole, never left empty. */
	ASSERT_EQ(0, write_tracing("buffer_size_kb", "1\n"));
	for (i = 0; i < total; i++)
		trace_mm_compaction_isolate_migratepages(0, 512, i, 0);
	ASSERT_EQ(0, read_trace(&t));
	EXPECT_EQ(total, t.written);
	EXPECT_GT(t.nr, 0);
	EXPECT_STREQ("mm_compaction_isolate_migratepages: range=(0x0 ~ 0x200) nr_scanned=999 nr_taken=0",
		     event_text(t.lines[t.nr - 1]));
	trace_text_free(&t);
	trace_release();
}

TEST_F(umm, trace_tracing_on_0_stops_recording)
{
	ASSERT_EQ(0, write_tracing("set_event", "compaction:mm_compaction_end"));
	ASSERT_EQ(0, write_tracing("tracing_on", "0\n"));
	EXPECT_TRUE(tracing_reads("tracing_on", "0\n"));
	trace_mm_compaction_end(0, 1, 2, 3, false, COMPACT_COMPLETE);
	EXPECT_EQ(0, count_event("mm_compaction_end"));
	/* The event stays enabled; only recording stopped. */
	EXPECT_TRUE(tracing_reads("set_event", "compaction:mm_compaction_end\n"));

	ASSERT_EQ(0, write_tracing("tracing_on", "1\n"));
	EXPECT_TRUE(tracing_reads("tracing_on", "1\n"));
	trace_mm_compaction_end(0, 1, 2, 3, false, COMPACT_COMPLETE);
	EXPECT_EQ(1, count_event("mm_compaction_end"));
	trace_release();
}

/* The buffer's pages come from the page allocator and go back to it. */
TEST_F(umm, trace_buffer_pages_come_and_go)
{
	unsigned long before = umm_free_pages();

	ASSERT_EQ(0, write_tracing("events/migrate/enable", "1"));
	EXPECT_EQ(before - 1408 / 4, umm_free_pages());
	EXPECT_TRUE(tracing_reads("buffer_size_kb", "1408\n"));
	ASSERT_EQ(0, write_tracing("buffer_size_kb", "100"));
	EXPECT_EQ(before - 25, umm_free_pages());
	ASSERT_EQ(0, write_tracing("buffer_size_kb", "101"));
	EXPECT_EQ(before - 26, umm_free_pages());
	/* More than there is: refused, nothing changes. */
	EXPECT_EQ(-ENOMEM, write_tracing("buffer_size_kb", "1000000"));
	EXPECT_TRUE(tracing_reads("buffer_size_kb", "101\n"));
	EXPECT_EQ(before - 26, umm_free_pages());

	trace_release();
	EXPECT_EQ(before, umm_free_pages());
	/* Back to the boot state, with the size last asked for. */
	EXPECT_TRUE(tracing_reads("buffer_size_kb", "0 (expanded: 101)\n"));
	/* Still enabled, but nothing to record into: dropped. */
	ASSERT_EQ(0, write_tracing("free_buffer", "1"));
	trace_mm_migrate_pages(1, 0, MIGRATE_ASYNC, MR_COMPACTION);
	EXPECT_EQ(before, umm_free_pages());
}

/*
 * A resize takes only what it adds and gives back what it drops: a buffer
 * of more than half of free memory can still be shrunk, grown a little
 * and written its own size back (which keeps its entries, as in Linux).
 * The fuzzer found the old resize allocating the whole new buffer first.
 */
TEST_F(umm, trace_buffer_resize_needs_only_the_difference)
{
	unsigned long before = umm_free_pages(), big_kb;
	char num[32];

	/* Two thirds of free memory, in KiB. */
	big_kb = before * 2 / 3 * (PAGE_SIZE >> 10);
	snprintf(num, sizeof(num), "%lu\n", big_kb);
	ASSERT_EQ(0, write_tracing("buffer_size_kb", num));
	ASSERT_EQ(0, write_tracing("set_event", "mm_compaction_end"));
	EXPECT_EQ(before - big_kb / 4, umm_free_pages());
	trace_mm_compaction_end(0, 1, 2, 3, false, COMPACT_COMPLETE);

	/* Its own size again: nothing allocated, nothing lost. */
	ASSERT_EQ(0, write_tracing("buffer_size_kb", num));
	EXPECT_EQ(1, count_event("mm_compaction_end"));
	EXPECT_EQ(before - big_kb / 4, umm_free_pages());

	/* A little more: only the difference is needed. */
	snprintf(num, sizeof(num), "%lu\n", big_kb + 400);
	ASSERT_EQ(0, write_tracing("buffer_size_kb", num));
	EXPECT_EQ(before - big_kb / 4 - 100, umm_free_pages());

	/* Smaller: pages come back, and the buffer still records. */
	ASSERT_EQ(0, write_tracing("buffer_size_kb", "8\n"));
	EXPECT_EQ(before - 2, umm_free_pages());
	trace_mm_compaction_end(0, 1, 2, 3, false, COMPACT_COMPLETE);
	EXPECT_EQ(1, count_event("mm_compaction_end"));
	trace_release();
	EXPECT_EQ(before, umm_free_pages());
}

struct thread_events {
	int per_thread;
};

static int record_events(void *arg, int idx)
{
	struct thread_events *te = arg;
	int i;

	for (i = 0; i < te->per_thread; i++)
		trace_mm_compaction_isolate_freepages(idx, i, 0, 0);
	return 0;
}

/* Lines from kernel threads carry their comm, pid and CPU; none is lost. */
TEST_F(umm, trace_concurrent_events_are_all_recorded)
{
	struct thread_events te = { .per_thread = 500 };
	int counts[4] = { 0 }, cpus[4], i;
	struct trace_text t;

	ASSERT_EQ(0, write_tracing("set_event", "mm_compaction_isolate_freepages"));
	ASSERT_EQ(0, umm_run_threads(4, record_events, &te));
	ASSERT_EQ(0, read_trace(&t));
	EXPECT_EQ(4 * te.per_thread, t.nr);
	EXPECT_EQ(4 * te.per_thread, t.written);
	for (i = 0; i < t.nr; i++) {
		int idx, cpu, pid, n;

		n = sscanf(t.lines[i], " test/%d-%d [%d]", &idx, &pid, &cpu);
		ASSERT_EQ(3, n);
		ASSERT_LT(idx, 4);
		if (!counts[idx])
			cpus[idx] = cpu;
		EXPECT_EQ(cpus[idx], cpu);
		counts[idx]++;
	}
	for (i = 0; i < 4; i++)
		EXPECT_EQ(te.per_thread, counts[i]);
	trace_text_free(&t);
	trace_release();
}

/* trace_event= at boot, as on a kernel command line. */
TEST(trace_event_boot_parameter_enables_events)
{
	ASSERT_EQ(0, umm_boot("mem=64M trace_event=compaction:mm_compaction_begin,migrate"));
	EXPECT_TRUE(tracing_reads("set_event",
				  "compaction:mm_compaction_begin\nmigrate:mm_isolate_movable_page\n"
				  "migrate:mm_migrate_pages\n"));
	EXPECT_TRUE(tracing_reads("buffer_size_kb", "1408\n"));
	trace_mm_compaction_begin(0, 1, 2, 3, false);
	EXPECT_EQ(1, count_event("mm_compaction_begin"));
	trace_release();
}

TEST(trace_event_boot_parameter_must_name_events)
{
	EXPECT_EQ(-EINVAL, umm_boot("mem=64M trace_event=compaction:nosuch"));
}

TEST(trace_buf_size_boot_parameter)
{
	ASSERT_EQ(0, umm_boot("mem=64M trace_buf_size=64K"));
	EXPECT_TRUE(tracing_reads("buffer_size_kb", "0 (expanded: 64)\n"));
	ASSERT_EQ(0, write_tracing("events/enable", "1"));
	EXPECT_TRUE(tracing_reads("buffer_size_kb", "64\n"));
	trace_release();
}

UMM_TEST_MAIN
