// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_trace_files.c - trace_pipe, trace_marker and
 * each event's format, id and filter files
 *
 * As a tool on a real kernel would use them: trace_pipe gives the lines
 * once and takes them out; trace_marker lines come in Linux's layout and
 * in the order written; every format file parses as Linux's do, and names
 * exactly the fields that the event prints; filters take Linux's grammar,
 * drop the records that do not match, and refuse bad text with EINVAL and
 * Linux's error report, leaving the filter in force as it was.  Every test
 * name contains "trace" (make check TESTS=trace).
 */
#include "umm_test.h"

#include <errno.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/compaction.h>
#include <linux/fcntl.h>
#include <linux/fs.h>
#include <linux/list.h>
#include <linux/pseudo_fs.h>
#include <trace/events/compaction.h>
#include <trace/events/migrate.h>

#define TRACING		"/sys/kernel/debug/tracing/"
#define EVENT_ISOLATE	"events/compaction/mm_compaction_isolate_migratepages/"

FIXTURE_VARIANT_ADD(umm, small) {
	.params = "mem=64M",
};

UMM_FIXTURE_SETUP

static char *read_tracing(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), TRACING "%s", name);
	return read_file(path);
}

static int write_tracing(const char *name, const char *text)
{
	char path[512];

	snprintf(path, sizeof(path), TRACING "%s", name);
	return write_file(path, text);
}

static int count_text(const char *text, const char *needle)
{
	int n = 0;

	for (; (text = strstr(text, needle)); text++)
		n++;
	return n;
}

/* Does every line of @text match @re (extended syntax)? */
static bool lines_match(const char *text, const char *re)
{
	char *copy = strdup(text), *cur = copy, *line;
	bool ok = true;
	regex_t rx;

	if (regcomp(&rx, re, REG_EXTENDED | REG_NOSUB))
		abort();
	while ((line = strsep(&cur, "\n"))) {
		if (!*line && !cur)
			break;
		if (regexec(&rx, line, 0, NULL, 0)) {
			printf("# line does not match %s: '%s'\n", re, line);
			ok = false;
		}
	}
	regfree(&rx);
	free(copy);
	return ok;
}

/* One call of every event, as in test_trace.c. */
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

/* A trace line of ftrace's layout, with the event's text as @text. */
#define LINE_RE(text)							\
	"^ *[^ ]+-[0-9]+ +\\[[0-9]{3}\\] \\.{5} +[0-9]+\\.[0-9]{6}: " text "$"

TEST_F(umm, trace_pipe_consumes_what_it_reads)
{
	char *text;

	/* The real kcompactd0 (nid 0) may go to sleep meanwhile: not ours. */
	ASSERT_EQ(0, write_tracing("events/compaction/mm_compaction_kcompactd_sleep/filter",
				   "nid > 0\n"));
	ASSERT_EQ(0, write_tracing("events/compaction/enable", "1\n"));
	trace_mm_compaction_kcompactd_sleep(1);
	trace_mm_compaction_kcompactd_sleep(2);
	trace_mm_compaction_kcompactd_sleep(3);

	text = read_tracing("trace_pipe");
	ASSERT_NE(NULL, text);
	/* No header, the three lines in order, each once. */
	EXPECT_TRUE(lines_match(text, LINE_RE("mm_compaction_kcompactd_sleep: nid=[123]")));
	EXPECT_EQ(3, count_text(text, "kcompactd_sleep"));
	EXPECT_LT(strstr(text, "nid=1"), strstr(text, "nid=2"));
	EXPECT_LT(strstr(text, "nid=2"), strstr(text, "nid=3"));
	free(text);

	/* Read again: empty, and returns (EOF) rather than blocking. */
	text = read_tracing("trace_pipe");
	ASSERT_NE(NULL, text);
	EXPECT_STREQ("", text);
	free(text);
	text = read_tracing("trace");
	EXPECT_NE(NULL, strstr(text, "entries-in-buffer/entries-written: 0/0"));
	EXPECT_EQ(0, count_text(text, "kcompactd_sleep"));
	free(text);

	/* What comes later is there for the next read. */
	trace_mm_compaction_kcompactd_sleep(4);
	text = read_tracing("trace_pipe");
	EXPECT_EQ(1, count_text(text, "nid=4"));
	free(text);
	ASSERT_EQ(0, write_tracing("events/compaction/mm_compaction_kcompactd_sleep/filter",
				   "0\n"));
	trace_release();
}

TEST_F(umm, trace_pipe_small_reads_keep_lines_whole)
{
	char want[4096], got[4096] = "", buf[8];
	struct file *file;
	char *trace;
	ssize_t n;
	int i;

	ASSERT_EQ(0, write_tracing("events/compaction/enable", "1\n"));
	for (i = 0; i < 20; i++)
		trace_mm_compaction_kcompactd_sleep(i);
	/* The trace file shows the same lines, without consuming them. */
	trace = read_tracing("trace");
	ASSERT_NE(NULL, strchr(trace, '\n'));
	snprintf(want, sizeof(want), "%s", strstr(trace, "#              | |") +
		 strlen("#              | |         |   |||||     |         |\n"));
	free(trace);

	file = filp_open(TRACING "trace_pipe", O_RDONLY, 0);
	ASSERT_FALSE(IS_ERR(file));
	while ((n = kernel_read(file, buf, sizeof(buf) - 1, &file->f_pos)) > 0) {
		buf[n] = '\0';
		strcat(got, buf);
	}
	filp_close(file, NULL);
	EXPECT_EQ(0, n);
	EXPECT_STREQ(want, got);
	trace_release();
}

TEST_F(umm, trace_marker_lines_in_order_among_events)
{
	char *text, *one, *ev, *two;

	ASSERT_EQ(0, write_tracing("events/compaction/enable", "1\n"));
	ASSERT_EQ(0, write_tracing("trace_marker", "phase one\n"));
	trace_mm_compaction_kcompactd_sleep(0);
	/* Without a newline too, and with blanks kept. */
	ASSERT_EQ(0, write_tracing("trace_marker", "two  words"));

	text = read_tracing("trace");
	EXPECT_TRUE(lines_match(strstr(text, "\n ") + 1,
		LINE_RE("(tracing_mark_write: phase one|mm_compaction_kcompactd_sleep: nid=0|tracing_mark_write: two  words)")));
	one = strstr(text, "tracing_mark_write: phase one\n");
	ev = strstr(text, "kcompactd_sleep: nid=0\n");
	two = strstr(text, "tracing_mark_write: two  words\n");
	ASSERT_TRUE(one && ev && two);
	EXPECT_LT(one, ev);
	EXPECT_LT(ev, two);
	free(text);
	trace_release();
}

TEST_F(umm, trace_marker_refused_while_not_recording)
{
	char *text;

	/* No buffer yet: a marker does not allocate it. */
	EXPECT_EQ(-EBADF, write_tracing("trace_marker", "early\n"));
	EXPECT_FALSE(tracing_is_on());
	ASSERT_EQ(0, write_tracing("buffer_size_kb", "64\n"));
	EXPECT_TRUE(tracing_is_on());
	ASSERT_EQ(0, write_tracing("tracing_on", "0\n"));
	EXPECT_EQ(-EBADF, write_tracing("trace_marker", "off\n"));
	EXPECT_FALSE(tracing_is_on());
	ASSERT_EQ(0, write_tracing("tracing_on", "1\n"));
	EXPECT_EQ(0, write_tracing("trace_marker", "on\n"));
	text = read_tracing("trace_pipe");
	EXPECT_TRUE(lines_match(text, LINE_RE("tracing_mark_write: on")));
	free(text);
	trace_release();
}

/* The fields of a format file, and its print fmt. */
struct format {
	char names[32][64];
	unsigned int offsets[32], sizes[32];
	int nr;
	char print_fmt[8192];
	unsigned int id;
};

static const char common_fields[] =
	"format:\n"
	"\tfield:unsigned short common_type;\toffset:0;\tsize:2;\tsigned:0;\n"
	"\tfield:unsigned char common_flags;\toffset:2;\tsize:1;\tsigned:0;\n"
	"\tfield:unsigned char common_preempt_count;\toffset:3;\tsize:1;\tsigned:0;\n"
	"\tfield:int common_pid;\toffset:4;\tsize:4;\tsigned:1;\n"
	"\n";

/* Parse @text as Linux's format file of event @name; false if it is not. */
static bool parse_format(const char *text, const char *name, struct format *f)
{
	char head[128];
	const char *p;
	int n;

	memset(f, 0, sizeof(*f));
	snprintf(head, sizeof(head), "name: %s\nID: ", name);
	if (strncmp(text, head, strlen(head)))
		return false;
	p = text + strlen(head);
	if (sscanf(p, "%u%n", &f->id, &n) != 1 || p[n] != '\n')
		return false;
	p += n + 1;
	if (strncmp(p, common_fields, strlen(common_fields)))
		return false;
	p += strlen(common_fields);
	while (!strncmp(p, "\tfield:", 7)) {
		char type_name[128], *sp;
		int is_signed;

		if (f->nr == 32 ||
		    sscanf(p, "\tfield:%127[^;];\toffset:%u;\tsize:%u;\tsigned:%d;%n",
			   type_name, &f->offsets[f->nr], &f->sizes[f->nr],
			   &is_signed, &n) != 4 || is_signed > 1 || p[n] != '\n')
			return false;
		sp = strrchr(type_name, ' ');
		if (!sp)
			return false;
		snprintf(f->names[f->nr++], 64, "%s", sp + 1);
		p += n + 1;
	}
	if (strncmp(p, "\nprint fmt: \"", 13))
		return false;
	p += 12;
	n = strcspn(p, "\n");
	if (p[n] != '\n' || p[n + 1] || n >= (int)sizeof(f->print_fmt))
		return false;
	memcpy(f->print_fmt, p, n);
	return true;
}

static int format_field(const struct format *f, const char *name, size_t len)
{
	int i;

	for (i = 0; i < f->nr; i++)
		if (strlen(f->names[i]) == len && !strncmp(f->names[i], name, len))
			return i;
	return -1;
}

TEST_F(umm, trace_format_files_match_the_fields_printed)
{
	char *events = read_tracing("available_events"), *cur = events, *ev;
	char *trace;
	unsigned int ids[64];
	int nr_events = 0, i;

	ASSERT_EQ(0, write_tracing("events/enable", "1\n"));
	call_every_event();
	trace = read_tracing("trace");

	while ((ev = strsep(&cur, "\n")) && *ev) {
		char path[256], *text, *id, *name = strchr(ev, ':') + 1;
		char line_key[128], *line, *end, *fmt_end;
		const char *p;
		struct format f;
		bool used[32] = { };

		*strchr(ev, ':') = '/';
		snprintf(path, sizeof(path), "events/%s/format", ev);
		text = read_tracing(path);
		ASSERT_TRUE(parse_format(text, name, &f)) {
			printf("# %s:\n%s", path, text);
		}
		free(text);
		snprintf(path, sizeof(path), "events/%s/id", ev);
		id = read_tracing(path);
		EXPECT_EQ(f.id, strtoul(id, NULL, 10));
		free(id);
		for (i = 0; i < nr_events; i++)
			EXPECT_NE(ids[i], f.id);
		ids[nr_events++] = f.id;

		/* Fields follow each other without overlapping. */
		for (i = 0; i < f.nr; i++)
			EXPECT_GE(f.offsets[i], i ? f.offsets[i - 1] + f.sizes[i - 1] : 8);

		/* Every REC->field of the print fmt is a field, and each field is printed. */
		for (p = f.print_fmt; (p = strstr(p, "REC->")); ) {
			size_t len;

			p += 5;
			len = strspn(p, "abcdefghijklmnopqrstuvwxyz_0123456789");
			i = format_field(&f, p, len);
			EXPECT_LE(0, i) {
				printf("# %s: print fmt uses REC->%.*s, not a field\n",
				       name, (int)len, p);
			}
			if (i >= 0)
				used[i] = true;
		}
		for (i = 0; i < f.nr; i++)
			EXPECT_TRUE(used[i]) {
				printf("# %s: field %s is not printed\n", name,
				       f.names[i]);
			}

		/* The recorded line has each "key=" of the print fmt's format. */
		snprintf(line_key, sizeof(line_key), ": %s: ", name);
		line = strstr(trace, line_key);
		ASSERT_NE(NULL, line);
		end = strchr(line, '\n');
		fmt_end = strchr(f.print_fmt + 1, '"');
		for (p = f.print_fmt + 1; p < fmt_end; p++) {
			char key[64];
			const char *k = p;

			if (*p != '=')
				continue;
			while (k > f.print_fmt + 1 && (strchr("abcdefghijklmnopqrstuvwxyz_0123456789", k[-1]) && k[-1]))
				k--;
			snprintf(key, sizeof(key), " %.*s=", (int)(p - k), k);
			*end = '\0';
			EXPECT_NE(NULL, strstr(line, key)) {
				printf("# %s: '%s' not in '%s'\n", name, key, line);
			}
			*end = '\n';
		}
	}
	EXPECT_EQ(16, nr_events);
	free(trace);
	free(events);
	trace_release();
}

TEST_F(umm, trace_format_print_fmt_spells_out_symbols)
{
	char *text = read_tracing("events/migrate/mm_migrate_pages/format");

	EXPECT_NE(NULL, strstr(text,
		"\nprint fmt: \"nr_succeeded=%lu nr_failed=%lu mode=%s reason=%s\", REC->succeeded, REC->failed, __print_symbolic(REC->mode, { 0, \"MIGRATE_ASYNC\" }, { 1, \"MIGRATE_SYNC_LIGHT\" }, { 2, \"MIGRATE_SYNC\" }), __print_symbolic(REC->reason, { 0, \"compaction\" }, "));
	EXPECT_NE(NULL, strstr(text,
		"\tfield:enum migrate_mode mode;\toffset:24;\tsize:4;\tsigned:0;\n"));
	free(text);
	text = read_tracing("events/compaction/mm_compaction_try_to_compact_pages/format");
	EXPECT_NE(NULL, strstr(text,
		"REC->order, (REC->gfp_mask) ? __print_flags(REC->gfp_mask, \"|\", {"));
	EXPECT_NE(NULL, strstr(text, "\"GFP_KERNEL\"}"));
	EXPECT_NE(NULL, strstr(text, ") : \"none\", REC->prio\n"));
	free(text);
}

TEST_F(umm, trace_filter_accepts_the_grammar)
{
	static const char *const good[] = {
		"nr_scanned > 100",
		"nr_scanned >= 100 && nr_taken != 0",
		"(start_pfn < 0x1000 || end_pfn == 0x2000) && nr_taken <= 7",
		"nr_scanned & 0x3 || common_pid == 1",
		"comm == \"swapper/0\"",
		"COMM != kcompactd0",
	};
	char *text;
	unsigned int i;

	EXPECT_STREQ("none\n", read_tracing(EVENT_ISOLATE "filter"));
	for (i = 0; i < ARRAY_SIZE(good); i++) {
		char want[256];

		EXPECT_EQ(0, write_tracing(EVENT_ISOLATE "filter", good[i])) {
			printf("# refused: %s\n", good[i]);
		}
		snprintf(want, sizeof(want), "%s\n", good[i]);
		text = read_tracing(EVENT_ISOLATE "filter");
		EXPECT_STREQ(want, text);
		free(text);
	}
	/* A signed field takes a negative number. */
	EXPECT_EQ(0, write_tracing("events/compaction/mm_compaction_suitable/filter",
				   "order > -1\n"));
	EXPECT_EQ(0, write_tracing("events/compaction/mm_compaction_suitable/filter",
				   "0\n"));
	EXPECT_EQ(0, write_tracing(EVENT_ISOLATE "filter", "0\n"));
	text = read_tracing(EVENT_ISOLATE "filter");
	EXPECT_STREQ("none\n", text);
	free(text);
}

/* How many isolate_migratepages lines trace_pipe gives now. */
static int isolate_lines(void)
{
	char *text = read_tracing("trace_pipe");
	int n = count_text(text, "mm_compaction_isolate_migratepages:");

	free(text);
	return n;
}

TEST_F(umm, trace_filter_drops_records_that_do_not_match)
{
	ASSERT_EQ(0, write_tracing(EVENT_ISOLATE "enable", "1\n"));
	ASSERT_EQ(0, write_tracing(EVENT_ISOLATE "filter",
				   "nr_scanned > 100 && (start_pfn < 0x1000 || nr_taken & 4)\n"));
	trace_mm_compaction_isolate_migratepages(0x0, 0x200, 512, 0);	/* kept */
	trace_mm_compaction_isolate_migratepages(0x0, 0x200, 50, 0);	/* dropped */
	trace_mm_compaction_isolate_migratepages(0x2000, 0x2200, 512, 3); /* dropped */
	trace_mm_compaction_isolate_migratepages(0x2000, 0x2200, 512, 4); /* kept */
	EXPECT_EQ(2, isolate_lines());

	/* The recording task's name; this test runs as the boot task. */
	ASSERT_EQ(0, write_tracing(EVENT_ISOLATE "filter", "comm == nosuchtask\n"));
	trace_mm_compaction_isolate_migratepages(0, 1, 2, 3);
	EXPECT_EQ(0, isolate_lines());
	ASSERT_EQ(0, write_tracing(EVENT_ISOLATE "filter", "comm != nosuchtask\n"));
	trace_mm_compaction_isolate_migratepages(0, 1, 2, 3);
	EXPECT_EQ(1, isolate_lines());

	/* The pid is a field too. */
	ASSERT_EQ(0, write_tracing(EVENT_ISOLATE "filter", "common_pid == 999999\n"));
	trace_mm_compaction_isolate_migratepages(0, 1, 2, 3);
	EXPECT_EQ(0, isolate_lines());

	ASSERT_EQ(0, write_tracing(EVENT_ISOLATE "filter", "0\n"));
	trace_mm_compaction_isolate_migratepages(0, 1, 2, 3);
	EXPECT_EQ(1, isolate_lines());
	trace_release();
}

TEST_F(umm, trace_filter_refuses_bad_text_and_keeps_the_old_one)
{
	static const struct {
		const char *filter, *report;
	} bad[] = {
		{ "foo == 1", "foo == 1\n^\nparse_error: Field not found\n" },
		{ "nr_scanned =! 1", "nr_scanned =! 1\n           ^\nparse_error: Invalid operator\n" },
		{ "nr_scanned == abc", "nr_scanned == abc\n              ^\nparse_error: Illegal integer value\n" },
		{ "nr_scanned == -1", "nr_scanned == -1\n              ^\nparse_error: Illegal integer value\n" },
		{ "(nr_scanned == 1", "(nr_scanned == 1\n^\nparse_error: Too many '('\n" },
		{ "nr_scanned == 1)", "nr_scanned == 1)\n               ^\nparse_error: Too few '('\n" },
		{ "comm == \"x", "comm == \"x\n        ^\nparse_error: Missing matching quote\n" },
		{ "comm < x", "comm < x\n     ^\nparse_error: Illegal operation for field type\n" },
		{ "nr_scanned == 1 &&", "nr_scanned == 1 &&\n                  ^\nparse_error: Meaningless filter expression\n" },
		{ "(  )", "(  )\n   ^\nparse_error: Meaningless filter expression\n" },
	};
	unsigned int i;
	char *text;

	ASSERT_EQ(0, write_tracing(EVENT_ISOLATE "enable", "1\n"));
	ASSERT_EQ(0, write_tracing(EVENT_ISOLATE "filter", "nr_scanned > 100\n"));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, write_tracing(EVENT_ISOLATE "filter", bad[i].filter));
		text = read_tracing(EVENT_ISOLATE "filter");
		EXPECT_STREQ(bad[i].report, text);
		free(text);
	}
	/* The good filter is still the one in force. */
	trace_mm_compaction_isolate_migratepages(0, 1, 50, 0);
	trace_mm_compaction_isolate_migratepages(0, 1, 500, 0);
	EXPECT_EQ(1, isolate_lines());
	ASSERT_EQ(0, write_tracing(EVENT_ISOLATE "filter", "0\n"));
	trace_release();
}

UMM_TEST_MAIN
