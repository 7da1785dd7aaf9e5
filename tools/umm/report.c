// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/report.c - a scenario's results: parsed, compared, written
 *
 * The parent of a scenario run reads the child's record lines ("@ ...",
 * see report.h) into a struct scenario_run, then prints a table that
 * puts one or two runs side by side and writes a report directory:
 *
 *   index.html              XHTML: memory maps, the table, a chart of free
 *                           pages by order over time, phase times
 *   map-RUN-LABEL.svg       each memory map on its own
 *   report.json             every figure, for scripts
 *
 * The table is built once as rows of strings (build_rows()) and printed
 * three times, as text, as HTML and as JSON, so that the three cannot
 * disagree on a number.
 *
 * Everything written is well-formed XML or JSON whatever the labels hold:
 * the parser accepts only printable ASCII in names, and the writers escape
 * what they print anyway, since run labels and scenario names come from
 * the caller.
 */
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/* A map line longer than this is not a map umm can have made. */
#define REPORT_MAX_BLOCKS	(1UL << 20)

/* ---- parsing ------------------------------------------------------------ */

/* A name: 1..REPORT_NAME_LEN-1 printable characters, no spaces. */
static int copy_name(char *dst, const char *src)
{
	size_t len = strlen(src);
	size_t i;

	if (!len || len >= REPORT_NAME_LEN)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (src[i] <= ' ' || src[i] > '~')
			return -EINVAL;
	memcpy(dst, src, len + 1);
	return 0;
}

/* Digits only: strtoull() alone would take "-1", " 5" and "0x10". */
static int parse_ull(const char *s, unsigned long long *val)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	*val = strtoull(s, &end, 10);
	if (errno || *end)
		return -EINVAL;
	return 0;
}

static struct report_stat *find_stat(struct scenario_run *run, const char *key)
{
	unsigned int i;

	for (i = 0; i < run->nr_stats; i++)
		if (!strcmp(run->stats[i].key, key))
			return &run->stats[i];
	return NULL;
}

static struct report_stat *get_stat(struct scenario_run *run, const char *key)
{
	struct report_stat *s = find_stat(run, key);

	if (s)
		return s;
	if (run->nr_stats >= REPORT_MAX_STATS)
		return NULL;
	s = &run->stats[run->nr_stats];
	if (copy_name(s->key, key))
		return NULL;
	s->value = 0;
	run->nr_stats++;
	return s;
}

/*
 * The samples are full: a run that samples periodically would otherwise
 * lose its last samples, "after" among them.  Drop every second sample of
 * each stretch with one label (a progress series), keeping the first and
 * the last of the stretch, so that every label and the chart's shape
 * survive at half the resolution.
 */
static int thin_samples(struct scenario_run *run)
{
	unsigned int i, j = 0, n = run->nr_samples, pos = 0;

	for (i = 0; i < n; i++) {
		struct report_buddy *b = &run->samples[i];
		bool first = !i || strcmp(b->label, run->samples[i - 1].label);
		bool last = i == n - 1 || strcmp(b->label, run->samples[i + 1].label);

		pos = first ? 0 : pos + 1;
		if (!first && !last && (pos & 1))
			continue;
		if (j != i)
			run->samples[j] = *b;
		j++;
	}
	run->nr_samples = j;
	return j < n ? 0 : -ENOSPC;
}

static int parse_map(struct scenario_run *run, char *rest)
{
	struct report_map *m = NULL;
	char label[REPORT_NAME_LEN];
	unsigned long long nr;
	char *sp, *classes, *types;
	unsigned int i;
	size_t len;

	/* LABEL NBLOCKS: the strings after them may hold spaces (holes). */
	sp = strchr(rest, ' ');
	if (!sp)
		return -EINVAL;
	*sp = '\0';
	if (copy_name(label, rest))
		return -EINVAL;
	rest = sp + 1;
	sp = strchr(rest, ' ');
	if (!sp)
		return -EINVAL;
	*sp = '\0';
	if (parse_ull(rest, &nr) || !nr || nr > REPORT_MAX_BLOCKS)
		return -EINVAL;
	rest = sp + 1;
	len = strlen(rest);
	if (len != 2 * nr + 1 || rest[nr] != ' ')
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (rest[i] < ' ' || rest[i] > '~')
			return -EINVAL;

	/* A snapshot taken again under the same name replaces the old one. */
	for (i = 0; i < run->nr_maps; i++)
		if (!strcmp(run->maps[i].label, label))
			m = &run->maps[i];
	if (!m && run->nr_maps >= REPORT_MAX_MAPS)
		return -ENOSPC;
	classes = strndup(rest, nr);
	types = strndup(rest + nr + 1, nr);
	if (!classes || !types) {
		free(classes);
		free(types);
		return -ENOMEM;
	}
	if (m) {
		free(m->classes);
		free(m->types);
	} else {
		m = &run->maps[run->nr_maps++];
	}
	memcpy(m->label, label, sizeof(label));
	m->nr_blocks = nr;
	m->classes = classes;
	m->types = types;
	return 0;
}

/* Split @s at single spaces into at most @max fields; their number. */
static int split(char *s, char **argv, int max)
{
	int argc = 0;

	for (;;) {
		if (argc == max)
			return max + 1;
		argv[argc++] = s;
		s = strchr(s, ' ');
		if (!s)
			return argc;
		*s++ = '\0';
	}
}

static int parse_fields(struct scenario_run *run, char *buf, double t)
{
	char *argv[2 + REPORT_MAX_ORDER];
	unsigned long long v[REPORT_MAX_ORDER];
	char *sp;
	int argc, i, ret;

	/* The map's strings may contain spaces: it is parsed apart. */
	sp = strchr(buf, ' ');
	if (sp && sp - buf == 3 && !strncmp(buf, "map", 3))
		return parse_map(run, sp + 1);

	argc = split(buf, argv, 2 + REPORT_MAX_ORDER);
	for (i = 0; i < argc && i < 2 + REPORT_MAX_ORDER; i++)
		if (!*argv[i])
			return -EINVAL;	/* two spaces, or one at an end */

	if (!strcmp(argv[0], "phase") && argc == 2) {
		struct report_phase *p;

		if (run->nr_phases >= REPORT_MAX_PHASES)
			return -ENOSPC;
		p = &run->phases[run->nr_phases];
		if (copy_name(p->name, argv[1]))
			return -EINVAL;
		if (run->nr_phases) {
			struct report_phase *prev = p - 1;

			prev->seconds = t > prev->start ? t - prev->start : 0;
		}
		p->start = t;
		p->seconds = 0;
		run->nr_phases++;
		return 0;
	}
	if (!strcmp(argv[0], "alloc") && argc == 4) {
		if (parse_ull(argv[1], &v[0]) || parse_ull(argv[2], &v[1]) ||
		    parse_ull(argv[3], &v[2]))
			return -EINVAL;
		if (v[0] >= REPORT_MAX_ORDER || v[1] > v[2])
			return -EINVAL;
		run->alloc_ok[v[0]] += v[1];
		run->alloc_total[v[0]] += v[2];
		return 0;
	}
	if (!strcmp(argv[0], "taskfail") && argc == 2) {
		struct report_stat *s;
		char name[REPORT_NAME_LEN];

		if (copy_name(name, argv[1]))
			return -EINVAL;
		/* The final "@ stat task_failures" overwrites the count. */
		s = get_stat(run, "task_failures");
		if (!s)
			return -ENOSPC;
		s->value++;
		return 0;
	}
	if (!strcmp(argv[0], "buddy") && argc == 2 + REPORT_MAX_ORDER) {
		struct report_buddy *b;
		char label[REPORT_NAME_LEN];

		if (copy_name(label, argv[1]))
			return -EINVAL;
		for (i = 0; i < REPORT_MAX_ORDER; i++)
			if (parse_ull(argv[2 + i], &v[i]) || v[i] > ULONG_MAX)
				return -EINVAL;
		if (run->nr_samples >= REPORT_MAX_SAMPLES) {
			ret = thin_samples(run);
			if (ret)
				return ret;
		}
		b = &run->samples[run->nr_samples++];
		memcpy(b->label, label, sizeof(label));
		b->t = t;
		for (i = 0; i < REPORT_MAX_ORDER; i++)
			b->nr_free[i] = v[i];
		return 0;
	}
	if (!strcmp(argv[0], "stat") && argc == 3) {
		struct report_stat *s;
		char key[REPORT_NAME_LEN];

		if (copy_name(key, argv[1]) || parse_ull(argv[2], &v[0]))
			return -EINVAL;
		s = get_stat(run, key);
		if (!s)
			return -ENOSPC;
		s->value = v[0];
		return 0;
	}
	if (!strcmp(argv[0], "end") && argc == 1) {
		/* The last phase ends with the run. */
		if (run->nr_phases) {
			struct report_phase *p = &run->phases[run->nr_phases - 1];

			p->seconds = t > p->start ? t - p->start : 0;
		}
		run->ended = 1;
		return 0;
	}
	return -EINVAL;
}

int report_parse_line(struct scenario_run *run, const char *line, double t)
{
	size_t len;
	char *buf;
	int ret;

	if (!strncmp(line, RECORD_PREFIX, strlen(RECORD_PREFIX)))
		line += strlen(RECORD_PREFIX);
	/* Only the line's end goes: a map's last cell may be a space. */
	len = strcspn(line, "\r\n");
	if (!len || line[len + strspn(line + len, "\r\n")])
		return -EINVAL;
	buf = strndup(line, len);
	if (!buf)
		return -ENOMEM;
	ret = parse_fields(run, buf, t);
	free(buf);
	return ret;
}

static const struct report_stat *find_stat_c(const struct scenario_run *run,
					     const char *key)
{
	return find_stat((struct scenario_run *)run, key);
}

unsigned long long report_stat(const struct scenario_run *run, const char *key)
{
	const struct report_stat *s = find_stat_c(run, key);

	return s ? s->value : 0;
}

const struct report_buddy *report_buddy(const struct scenario_run *run,
					const char *label)
{
	int i;

	for (i = (int)run->nr_samples - 1; i >= 0; i--)
		if (!strcmp(run->samples[i].label, label))
			return &run->samples[i];
	return NULL;
}

void report_free_run(struct scenario_run *run)
{
	unsigned int i;

	for (i = 0; i < run->nr_maps; i++) {
		free(run->maps[i].classes);
		free(run->maps[i].types);
		run->maps[i].classes = run->maps[i].types = NULL;
	}
	run->nr_maps = 0;
}

/* ---- the table, as rows of strings --------------------------------------- */

#define ROW_LABEL_LEN	40
#define CELL_LEN	64
#define MAX_ROWS	(3 * REPORT_MAX_ORDER + 24 + 2 * REPORT_MAX_PHASES)

struct row {
	const char *section;	/* set on the first row of a section */
	char label[ROW_LABEL_LEN];
	char cell[2][CELL_LEN];
};

struct rows {
	struct row row[MAX_ROWS];
	int nr;
	const char *section;
};

static struct row *add_row(struct rows *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static struct row *add_row(struct rows *r, const char *fmt, ...)
{
	struct row *row;
	va_list ap;

	if (r->nr >= MAX_ROWS)
		return NULL;
	row = &r->row[r->nr++];
	memset(row, 0, sizeof(*row));
	row->section = r->section;
	r->section = NULL;
	va_start(ap, fmt);
	vsnprintf(row->label, sizeof(row->label), fmt, ap);
	va_end(ap);
	return row;
}

/* The compaction counters, as /proc/vmstat names them. */
static const char *const compaction_keys[] = {
	"compact_stall", "compact_success", "compact_fail",
	"compact_migrate_scanned", "compact_free_scanned",
	"compact_isolated", "pgmigrate_success",
};

static const struct {
	const char *key, *label;
} other_keys[] = {
	{ "migrated_lru",	"migrated: LRU" },
	{ "migrated_zsmalloc",	"migrated: zsmalloc" },
	{ "migrated_balloon",	"migrated: balloon" },
	{ "migrated_driver",	"migrated: driver" },
	{ "task_failures",	"tasks that failed to start" },
	{ "oom_kill",		"OOM kills" },
};

#define N_COMPACTION	ARRAY_SIZE(compaction_keys)
#define N_OTHER		ARRAY_SIZE(other_keys)

static void stat_cell(char *cell, const struct scenario_run *run, const char *key)
{
	const struct report_stat *s = find_stat_c(run, key);

	if (s)
		snprintf(cell, CELL_LEN, "%llu", s->value);
	else
		snprintf(cell, CELL_LEN, "-");
}

static unsigned long long free_pages(const struct report_buddy *b, int order)
{
	return (unsigned long long)b->nr_free[order] << order;
}

static unsigned long long free_total(const struct report_buddy *b)
{
	unsigned long long sum = 0;
	int o;

	for (o = 0; o < REPORT_MAX_ORDER; o++)
		sum += free_pages(b, o);
	return sum;
}

static void before_after_cell(char *cell, const struct report_buddy *before,
			      const struct report_buddy *after, int order)
{
	char a[24] = "-", b[24] = "-";

	if (before)
		snprintf(a, sizeof(a), "%llu", order < 0 ? free_total(before) :
			 free_pages(before, order));
	if (after)
		snprintf(b, sizeof(b), "%llu", order < 0 ? free_total(after) :
			 free_pages(after, order));
	snprintf(cell, CELL_LEN, "%s -> %s", a, b);
}

/* A phase's seconds; a run that crashed in it ran it until its end. */
static double phase_seconds(const struct scenario_run *run, unsigned int i)
{
	const struct report_phase *p = &run->phases[i];

	if (i == run->nr_phases - 1 && !run->ended && !p->seconds &&
	    run->wall > p->start)
		return run->wall - p->start;
	return p->seconds;
}

/* The phases' names, in the order the runs first show them. */
static int phase_names(const struct scenario_run *runs, int nr,
		       const char **names, int max)
{
	int n = 0, r, k;
	unsigned int i;

	for (r = 0; r < nr; r++) {
		for (i = 0; i < runs[r].nr_phases; i++) {
			const char *name = runs[r].phases[i].name;

			for (k = 0; k < n; k++)
				if (!strcmp(names[k], name))
					break;
			if (k == n && n < max)
				names[n++] = name;
		}
	}
	return n;
}

static double phase_total(const struct scenario_run *run, const char *name,
			  bool *found)
{
	double sum = 0;
	unsigned int i;

	*found = false;
	for (i = 0; i < run->nr_phases; i++) {
		if (!strcmp(run->phases[i].name, name)) {
			sum += phase_seconds(run, i);
			*found = true;
		}
	}
	return sum;
}

static void build_rows(struct rows *r, const struct scenario_run *runs, int nr)
{
	const char *names[REPORT_MAX_PHASES * 2];
	bool any_sample = false, crashed = false;
	struct row *row;
	int o, i, k, n;

	r->nr = 0;
	r->section = "allocation success";
	for (o = 0; o < REPORT_MAX_ORDER; o++) {
		bool probed = false;

		for (i = 0; i < nr; i++)
			probed |= runs[i].alloc_total[o] != 0;
		if (!probed)
			continue;
		row = add_row(r, "order-%d allocs", o);
		for (i = 0; row && i < nr; i++) {
			unsigned long long ok = runs[i].alloc_ok[o];
			unsigned long long total = runs[i].alloc_total[o];

			if (total)
				/* Rounded down: 100% means every one. */
				snprintf(row->cell[i], CELL_LEN, "%llu/%llu (%llu%%)",
					 ok, total, ok * 100 / total);
			else
				snprintf(row->cell[i], CELL_LEN, "-");
		}
	}
	r->section = NULL;

	for (i = 0; i < nr; i++)
		any_sample |= report_buddy(&runs[i], "before") ||
			      report_buddy(&runs[i], "after");
	if (any_sample) {
		r->section = "free pages by order (before -> after)";
		for (o = -1; o < REPORT_MAX_ORDER; o++) {
			row = o < 0 ? add_row(r, "free pages, all orders") :
				      add_row(r, "order-%d free pages", o);
			for (i = 0; row && i < nr; i++)
				before_after_cell(row->cell[i],
						  report_buddy(&runs[i], "before"),
						  report_buddy(&runs[i], "after"), o);
		}
	}

	r->section = "compaction";
	for (k = 0; k < (int)N_COMPACTION; k++) {
		row = add_row(r, "%s", compaction_keys[k]);
		for (i = 0; row && i < nr; i++)
			stat_cell(row->cell[i], &runs[i], compaction_keys[k]);
	}
	r->section = "pages migrated by kind, tasks";
	for (k = 0; k < (int)N_OTHER; k++) {
		row = add_row(r, "%s", other_keys[k].label);
		for (i = 0; row && i < nr; i++)
			stat_cell(row->cell[i], &runs[i], other_keys[k].key);
	}

	r->section = "time";
	row = add_row(r, "wall time");
	for (i = 0; row && i < nr; i++)
		snprintf(row->cell[i], CELL_LEN, "%.2f s", runs[i].wall);
	n = phase_names(runs, nr, names, REPORT_MAX_PHASES * 2);
	for (k = 0; k < n; k++) {
		row = add_row(r, "phase %s", names[k]);
		for (i = 0; row && i < nr; i++) {
			bool found;
			double s = phase_total(&runs[i], names[k], &found);

			if (found)
				snprintf(row->cell[i], CELL_LEN, "%.2f s", s);
			else
				snprintf(row->cell[i], CELL_LEN, "-");
		}
	}
	for (i = 0; i < nr; i++)
		crashed |= !runs[i].ended;
	if (crashed) {
		row = add_row(r, "run");
		for (i = 0; row && i < nr; i++) {
			if (runs[i].ended)
				snprintf(row->cell[i], CELL_LEN, "completed");
			else
				snprintf(row->cell[i], CELL_LEN,
					 "INCOMPLETE (status %d)",
					 runs[i].exit_status);
		}
	}
}

static const char *run_label(const struct scenario_run *runs, int i)
{
	return runs[i].label[0] ? runs[i].label : (i ? "run 2" : "run 1");
}

static int clamp_runs(int nr)
{
	return nr < 1 ? 0 : nr > 2 ? 2 : nr;
}

void report_print_table(FILE *f, const char *scenario, unsigned long seed,
			const struct scenario_run *runs, int nr)
{
	struct rows *r = calloc(1, sizeof(*r));
	int lw = 0, cw[2] = { 0, 0 }, width, i, k;

	nr = clamp_runs(nr);
	if (!r || !nr) {
		free(r);
		return;
	}
	build_rows(r, runs, nr);
	for (k = 0; k < r->nr; k++) {
		int len = strlen(r->row[k].label);

		lw = len > lw ? len : lw;
		for (i = 0; i < nr; i++) {
			len = strlen(r->row[k].cell[i]);
			cw[i] = len > cw[i] ? len : cw[i];
		}
	}
	lw += 2;	/* room for the section indent */
	width = lw;
	for (i = 0; i < nr; i++) {
		int len = strlen(run_label(runs, i));

		cw[i] = len > cw[i] ? len : cw[i];
		cw[i] = cw[i] < 12 ? 12 : cw[i];
		width += 2 + cw[i];
	}

	fprintf(f, "%s, seed %lu\n", scenario ? scenario : "scenario", seed);
	fprintf(f, "%-*s", lw, "");
	for (i = 0; i < nr; i++)
		fprintf(f, "  %*s", cw[i], run_label(runs, i));
	fputc('\n', f);
	for (k = 0; k < width; k++)
		fputc('-', f);
	fputc('\n', f);
	for (k = 0; k < r->nr; k++) {
		const struct row *row = &r->row[k];

		if (row->section)
			fprintf(f, "%s%s\n", k ? "\n" : "", row->section);
		fprintf(f, "  %-*s", lw - 2, row->label);
		for (i = 0; i < nr; i++)
			fprintf(f, "  %*s", cw[i], row->cell[i]);
		fputc('\n', f);
	}
	free(r);
}

/* ---- writers ------------------------------------------------------------- */

/* Text for XML: escaped, and bytes beyond ASCII as Latin-1 references. */
static void xml_puts(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '&')
			fputs("&amp;", f);
		else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c >= 0x80)
			fprintf(f, "&#x%02x;", c);
		else if (c < ' ' && c != '\n' && c != '\t')
			fputc('?', f);	/* not allowed in XML 1.0 at all */
		else
			fputc(c, f);
	}
}

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < ' ' || c >= 0x80)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

/* A file name part: letters, digits and dashes. */
static void slug(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	for (; *src && n + 1 < size; src++) {
		char c = *src;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			c = '-';
		dst[n++] = c;
	}
	dst[n] = '\0';
}

static const struct {
	char c;
	const char *colour, *name;
} classes[] = {
	{ MAP_FREE,	 "#f1f3f5", "free" },
	{ MAP_ANON_LRU,	 "#4c8bf5", "anonymous LRU" },
	{ MAP_ZSMALLOC,	 "#f08c00", "zsmalloc (zram)" },
	{ MAP_BALLOON,	 "#9c36b5", "balloon" },
	{ MAP_DRIVER,	 "#2f9e44", "movable driver" },
	{ MAP_TABLES,	 "#e03131", "page tables, stacks" },
	{ MAP_UNMOVABLE, "#495057", "other unmovable" },
};

#define N_CLASSES	ARRAY_SIZE(classes)
#define UNKNOWN_COLOUR	"#ffd8a8"

/* Movable is the rule and has no bar: the eye goes to the exceptions. */
static const struct {
	char c;
	const char *colour, *name;
} types[] = {
	{ MT_UNMOVABLE,	  "#000000", "Unmovable" },
	{ MT_RECLAIMABLE, "#fcc419", "Reclaimable" },
	{ MT_CMA,	  "#15aabf", "CMA" },
	{ MT_ISOLATE,	  "#ff00ff", "Isolate" },
};

#define N_TYPES		ARRAY_SIZE(types)

static const char *class_colour(char c)
{
	unsigned int i;

	for (i = 0; i < N_CLASSES; i++)
		if (classes[i].c == c)
			return classes[i].colour;
	return UNKNOWN_COLOUR;
}

static const char *type_colour(char c)
{
	unsigned int i;

	for (i = 0; i < N_TYPES; i++)
		if (types[i].c == c)
			return types[i].colour;
	return NULL;	/* movable, a hole, or unknown: no bar */
}

#define CELL	10	/* a pageblock's square, gap included */
#define MAP_COLS 64

/* A pageblock per cell, in pfn order, MAP_COLS to a row. */
static void svg_map(FILE *f, const struct report_map *m, const char *title,
		    bool standalone)
{
	unsigned long cols = m->nr_blocks < MAP_COLS ? m->nr_blocks : MAP_COLS;
	unsigned long rows = (m->nr_blocks + MAP_COLS - 1) / MAP_COLS;
	unsigned long w = cols * CELL, h = rows * CELL, top = 18, i;
	unsigned long legend = standalone ? 16 * ((N_CLASSES + N_TYPES + 2) / 3) + 8 : 0;

	if (w < 240)
		w = 240;
	if (standalone && w < 580)
		w = 580;
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%lu\" "
		"height=\"%lu\" viewBox=\"0 0 %lu %lu\" font-family=\"sans-serif\" "
		"font-size=\"11\">\n", w, top + h + legend, w, top + h + legend);
	fputs("<title>", f);
	xml_puts(f, title);
	fputs("</title>\n<text x=\"0\" y=\"12\">", f);
	xml_puts(f, title);
	fprintf(f, " (%lu pageblocks)</text>\n", m->nr_blocks);
	for (i = 0; i < m->nr_blocks; i++) {
		unsigned long x = (i % MAP_COLS) * CELL, y = top + (i / MAP_COLS) * CELL;
		const char *tc = type_colour(m->types[i]);

		if (m->classes[i] == MAP_HOLE)
			continue;
		fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"%d\" height=\"%d\" "
			"fill=\"%s\"/>", x, y, CELL - 1, CELL - 1,
			class_colour(m->classes[i]));
		if (tc)
			fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"%d\" "
				"height=\"3\" fill=\"%s\"/>", x, y + CELL - 4,
				CELL - 1, tc);
		fputc('\n', f);
	}
	if (standalone) {
		unsigned long y = top + h + 8;
		unsigned int k;

		for (k = 0; k < N_CLASSES + N_TYPES; k++) {
			unsigned long x = (k % 3) * 190, yy = y + (k / 3) * 16;

			if (k < N_CLASSES) {
				fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"10\" "
					"height=\"10\" fill=\"%s\" stroke=\"#868e96\" "
					"stroke-width=\"0.5\"/>", x, yy,
					classes[k].colour);
				fprintf(f, "<text x=\"%lu\" y=\"%lu\">%s</text>\n",
					x + 14, yy + 9, classes[k].name);
			} else {
				unsigned int t = k - N_CLASSES;

				fprintf(f, "<rect x=\"%lu\" y=\"%lu\" width=\"10\" "
					"height=\"10\" fill=\"#ffffff\" stroke=\"#868e96\" "
					"stroke-width=\"0.5\"/><rect x=\"%lu\" y=\"%lu\" "
					"width=\"10\" height=\"2\" fill=\"%s\"/>",
					x, yy, x, yy + 7, types[t].colour);
				fprintf(f, "<text x=\"%lu\" y=\"%lu\">bar: %s "
					"pageblock</text>\n", x + 14, yy + 9,
					types[t].name);
			}
		}
		fprintf(f, "<text x=\"%lu\" y=\"%lu\">no bar: Movable pageblock"
			"</text>\n", (unsigned long)((k % 3) * 190),
			y + (k / 3) * 16 + 9);
	}
	fputs("</svg>\n", f);
}

/* The legend of the maps, once for the page. */
static void svg_legend(FILE *f)
{
	unsigned int k, n = N_CLASSES + N_TYPES + 1;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"760\" "
		"height=\"%u\" font-family=\"sans-serif\" font-size=\"12\">\n",
		16 * ((n + 3) / 4) + 4);
	for (k = 0; k < n; k++) {
		unsigned int x = (k % 4) * 190, y = 2 + (k / 4) * 16;

		if (k < N_CLASSES) {
			fprintf(f, "<rect x=\"%u\" y=\"%u\" width=\"11\" height=\"11\" "
				"fill=\"%s\" stroke=\"#868e96\" stroke-width=\"0.5\"/>"
				"<text x=\"%u\" y=\"%u\">%s</text>\n", x, y,
				classes[k].colour, x + 16, y + 10, classes[k].name);
		} else if (k < N_CLASSES + N_TYPES) {
			unsigned int t = k - N_CLASSES;

			fprintf(f, "<rect x=\"%u\" y=\"%u\" width=\"11\" height=\"11\" "
				"fill=\"#ffffff\" stroke=\"#868e96\" stroke-width=\"0.5\"/>"
				"<rect x=\"%u\" y=\"%u\" width=\"11\" height=\"2\" "
				"fill=\"%s\"/><text x=\"%u\" y=\"%u\">bar: %s</text>\n",
				x, y, x, y + 8, types[t].colour, x + 16, y + 10,
				types[t].name);
		} else {
			fprintf(f, "<text x=\"%u\" y=\"%u\">no bar: Movable</text>\n",
				x + 16, y + 10);
		}
	}
	fputs("</svg>\n", f);
}

/* Free pages in orders lo..hi of a sample. */
static unsigned long long group_pages(const struct report_buddy *b, int lo, int hi)
{
	unsigned long long sum = 0;
	int o;

	for (o = lo; o <= hi; o++)
		sum += free_pages(b, o);
	return sum;
}

static const struct {
	int lo, hi;
	const char *colour, *name;
} groups[] = {
	{ 9, REPORT_MAX_ORDER - 1, "#2f9e44", "order 9-10 (huge pages)" },
	{ 3, 8,	"#4c8bf5", "order 3-8" },
	{ 0, 2,	"#f08c00", "order 0-2" },
};

#define N_GROUPS	ARRAY_SIZE(groups)

/* A tick step of 1, 2 or 5 times a power of ten, about @span / 5. */
static double nice_step(double span)
{
	double step = 1, raw = span / 5;

	if (raw <= 0)
		return 1;
	while (step * 10 <= raw)
		step *= 10;
	while (step > raw)
		step /= 10;
	if (step * 5 <= raw)
		return step * 5;
	if (step * 2 <= raw)
		return step * 2;
	return step;
}

#define CH_W	420
#define CH_H	200
#define CH_L	64	/* room for the y labels */
#define CH_T	22
#define CH_B	34

/*
 * Free pages over time, stacked by order group: the huge-page band at the
 * bottom is what compaction is for.  The scales are shared by the runs so
 * that two charts side by side compare.
 */
static void svg_chart(FILE *f, const struct scenario_run *run,
		      const char *label, double tmax, double ymax)
{
	unsigned int n = run->nr_samples, i, g, p;
	double step, v;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
		"height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">\n",
		CH_L + CH_W + 10, CH_T + CH_H + CH_B + 16 * (int)N_GROUPS);
	fputs("<text x=\"0\" y=\"12\">free pages, ", f);
	xml_puts(f, label);
	fputs("</text>\n", f);
	if (tmax <= 0)
		tmax = 1;
	if (ymax <= 0)
		ymax = 1;
#define X(t)	(CH_L + (t) / tmax * CH_W)
#define Y(v)	(CH_T + CH_H - (v) / ymax * CH_H)

	step = nice_step(ymax);
	for (v = 0; v <= ymax * 1.0001; v += step)
		fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
			"stroke=\"#dee2e6\"/><text x=\"%d\" y=\"%.1f\" "
			"text-anchor=\"end\">%.0f</text>\n", CH_L, Y(v),
			CH_L + CH_W, Y(v), CH_L - 4, Y(v) + 4, v);
	step = nice_step(tmax);
	for (v = 0; v <= tmax * 1.0001; v += step)
		fprintf(f, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">"
			"%g</text>\n", X(v), CH_T + CH_H + 14, v);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">seconds"
		"</text>\n", CH_L + CH_W / 2, CH_T + CH_H + 28);

	if (n) {
		/* Each band: its top left to right, then its bottom back. */
		for (g = 0; g < N_GROUPS; g++) {
			fprintf(f, "<polygon fill=\"%s\" fill-opacity=\"0.85\" "
				"points=\"", groups[g].colour);
			for (p = 0; p < 2 * n + (n == 1 ? 2 : 0); p++) {
				unsigned int k = n == 1 ? 0 : p < n ? p : 2 * n - 1 - p;
				const struct report_buddy *b = &run->samples[k];
				bool top = n == 1 ? p == 1 || p == 2 : p < n;
				double x = X(b->t), base = 0;
				unsigned int j;

				/* A lone sample: a thin column rather than nothing. */
				if (n == 1)
					x += p == 2 || p == 3 ? 3 : -3;
				for (j = 0; j < g + !!top; j++)
					base += group_pages(b, groups[j].lo, groups[j].hi);
				fprintf(f, "%.1f,%.1f ", x, Y(base));
			}
			fputs("\"/>\n", f);
		}
	} else {
		fprintf(f, "<text x=\"%d\" y=\"%d\">no buddy samples</text>\n",
			CH_L + 10, CH_T + CH_H / 2);
	}
	/* The phases' starts: where the picture changes, and why. */
	for (i = 0; i < run->nr_phases; i++) {
		double x = X(run->phases[i].start);

		fprintf(f, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
			"stroke=\"#868e96\" stroke-dasharray=\"3,3\"/>"
			"<text x=\"%.1f\" y=\"%d\" font-size=\"9\" "
			"transform=\"rotate(90 %.1f %d)\">", x, CH_T, x,
			CH_T + CH_H, x + 2, CH_T + 2, x + 2, CH_T + 2);
		xml_puts(f, run->phases[i].name);
		fputs("</text>\n", f);
	}
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		"fill=\"none\" stroke=\"#495057\"/>\n", CH_L, CH_T, CH_W, CH_H);
	for (g = 0; g < N_GROUPS; g++) {
		int y = CH_T + CH_H + CH_B + 16 * g;

		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"11\" height=\"11\" "
			"fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n",
			CH_L, y, groups[g].colour, CH_L + 16, y + 10,
			groups[g].name);
	}
#undef X
#undef Y
	fputs("</svg>\n", f);
}

static void html_table(FILE *f, const struct rows *r,
		       const struct scenario_run *runs, int nr)
{
	int k, i;

	fputs("<table class=\"numbers\">\n<tr><th></th>", f);
	for (i = 0; i < nr; i++) {
		fputs("<th>", f);
		xml_puts(f, run_label(runs, i));
		fputs("</th>", f);
	}
	fputs("</tr>\n", f);
	for (k = 0; k < r->nr; k++) {
		const struct row *row = &r->row[k];

		if (row->section) {
			fprintf(f, "<tr><th class=\"section\" colspan=\"%d\">",
				nr + 1);
			xml_puts(f, row->section);
			fputs("</th></tr>\n", f);
		}
		fputs("<tr><td>", f);
		xml_puts(f, row->label);
		fputs("</td>", f);
		for (i = 0; i < nr; i++) {
			fputs("<td class=\"num\">", f);
			xml_puts(f, row->cell[i]);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);
}

static const struct report_map *find_map(const struct scenario_run *run,
					 const char *label)
{
	unsigned int i;

	for (i = 0; i < run->nr_maps; i++)
		if (!strcmp(run->maps[i].label, label))
			return &run->maps[i];
	return NULL;
}

/* The maps' labels, in the order the runs first show them. */
static int map_labels(const struct scenario_run *runs, int nr, const char **labels)
{
	int n = 0, r, k;
	unsigned int i;

	for (r = 0; r < nr; r++) {
		for (i = 0; i < runs[r].nr_maps; i++) {
			for (k = 0; k < n; k++)
				if (!strcmp(labels[k], runs[r].maps[i].label))
					break;
			if (k == n)
				labels[n++] = runs[r].maps[i].label;
		}
	}
	return n;
}

static void map_title(char *buf, size_t size, const struct scenario_run *runs,
		      int i, const char *scenario, const char *label)
{
	snprintf(buf, size, "%s, %s: %s", scenario, run_label(runs, i), label);
}

static void write_html(FILE *f, const char *scenario, unsigned long seed,
		       const struct scenario_run *runs, int nr,
		       const struct rows *r, char (*slugs)[REPORT_NAME_LEN])
{
	const char *labels[2 * REPORT_MAX_MAPS];
	const char *names[2 * REPORT_MAX_PHASES];
	double tmax = 0, ymax = 0;
	char title[3 * REPORT_NAME_LEN + 64];
	int n, k, i;
	unsigned int s;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	      "<!DOCTYPE html>\n"
	      "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
	      "<head>\n<meta charset=\"UTF-8\"/>\n<title>umm: ", f);
	xml_puts(f, scenario);
	fputs("</title>\n<style>\n"
	      "body { font-family: sans-serif; margin: 2em; color: #212529; }\n"
	      "table.numbers { border-collapse: collapse; }\n"
	      "table.numbers td, table.numbers th { padding: 2px 12px; }\n"
	      "table.numbers tr:nth-child(even) td { background: #f8f9fa; }\n"
	      "th.section { text-align: left; padding-top: 10px; "
	      "border-bottom: 1px solid #adb5bd; }\n"
	      "td.num { text-align: right; font-family: monospace; }\n"
	      "table.side td { vertical-align: top; padding: 4px 16px 12px 0; }\n"
	      "</style>\n</head>\n<body>\n<h1>", f);
	xml_puts(f, scenario);
	fprintf(f, " <small>(seed %lu)</small></h1>\n", seed);
	fputs("<p>What the series changes: ", f);
	for (i = 0; i < nr; i++) {
		if (i)
			fputs(" against ", f);
		fputs("<b>", f);
		xml_puts(f, run_label(runs, i));
		fputs("</b>", f);
	}
	fputs(", same scenario, same seed.</p>\n", f);

	fputs("<h2>Memory maps</h2>\n<p>One cell per pageblock, in pfn order, "
	      "coloured by what fills most of it; a bar under the cell shows "
	      "a pageblock that is not of the Movable type.</p>\n", f);
	svg_legend(f);
	n = map_labels(runs, nr, labels);
	if (!n)
		fputs("<p>No maps were recorded.</p>\n", f);
	fputs("<table class=\"side\">\n", f);
	for (k = 0; k < n; k++) {
		fputs("<tr>", f);
		for (i = 0; i < nr; i++) {
			const struct report_map *m = find_map(&runs[i], labels[k]);
			char file[3 * REPORT_NAME_LEN + 16];

			fputs("<td>", f);
			if (m) {
				map_title(title, sizeof(title), runs, i, scenario,
					  m->label);
				svg_map(f, m, title, false);
				slug(file, REPORT_NAME_LEN, m->label);
				fprintf(f, "<br/><a href=\"map-%s-%s.svg\">"
					"map-%s-%s.svg</a>", slugs[i], file,
					slugs[i], file);
			} else {
				fputs("(no map &#8220;", f);
				xml_puts(f, labels[k]);
				fputs("&#8221;)", f);
			}
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</table>\n", f);

	fputs("<h2>Numbers</h2>\n", f);
	html_table(f, r, runs, nr);

	fputs("<h2>Free pages by order over the scenario</h2>\n"
	      "<p>Stacked: the bottom band is free memory in blocks of order "
	      "9 and more, what huge pages need; dashed lines mark the "
	      "phases.</p>\n<table class=\"side\"><tr>", f);
	for (i = 0; i < nr; i++) {
		for (s = 0; s < runs[i].nr_samples; s++) {
			const struct report_buddy *b = &runs[i].samples[s];
			double total = free_total(b);

			tmax = b->t > tmax ? b->t : tmax;
			ymax = total > ymax ? total : ymax;
		}
		tmax = runs[i].wall > tmax ? runs[i].wall : tmax;
	}
	for (i = 0; i < nr; i++) {
		fputs("<td>", f);
		svg_chart(f, &runs[i], run_label(runs, i), tmax, ymax);
		fputs("</td>", f);
	}
	fputs("</tr></table>\n", f);

	fputs("<h2>Phases</h2>\n<table class=\"numbers\">\n<tr><th>phase</th>", f);
	for (i = 0; i < nr; i++) {
		fputs("<th>", f);
		xml_puts(f, run_label(runs, i));
		fputs(" (start, seconds)</th>", f);
	}
	fputs("</tr>\n", f);
	n = phase_names(runs, nr, names, REPORT_MAX_PHASES * 2);
	for (k = 0; k < n; k++) {
		fputs("<tr><td>", f);
		xml_puts(f, names[k]);
		fputs("</td>", f);
		for (i = 0; i < nr; i++) {
			const struct scenario_run *run = &runs[i];
			unsigned int p;

			for (p = 0; p < run->nr_phases; p++)
				if (!strcmp(run->phases[p].name, names[k]))
					break;
			if (p < run->nr_phases)
				fprintf(f, "<td class=\"num\">%.2f s, %.2f s</td>",
					run->phases[p].start, phase_seconds(run, p));
			else
				fputs("<td class=\"num\">-</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("<tr><td>wall time</td>", f);
	for (i = 0; i < nr; i++)
		fprintf(f, "<td class=\"num\">%.2f s</td>", runs[i].wall);
	fputs("</tr>\n</table>\n"
	      "<p>Every figure is also in <a href=\"report.json\">report.json"
	      "</a>.</p>\n</body>\n</html>\n", f);
}

static void write_json(FILE *f, const char *scenario, unsigned long seed,
		       const struct scenario_run *runs, int nr,
		       const struct rows *r)
{
	unsigned int k, s;
	int i, o;

	fputs("{\n  \"scenario\": ", f);
	json_str(f, scenario);
	fprintf(f, ",\n  \"seed\": %lu,\n  \"runs\": [", seed);
	for (i = 0; i < nr; i++) {
		const struct scenario_run *run = &runs[i];
		bool first = true;

		fputs(i ? ",\n    {\n      \"label\": " : "\n    {\n      \"label\": ", f);
		json_str(f, run_label(runs, i));
		fprintf(f, ",\n      \"ended\": %s,\n      \"exit_status\": %d,\n"
			"      \"wall\": %.3f,\n      \"alloc\": [",
			run->ended ? "true" : "false", run->exit_status, run->wall);
		for (o = 0; o < REPORT_MAX_ORDER; o++) {
			if (!run->alloc_total[o])
				continue;
			fprintf(f, "%s\n        {\"order\": %d, \"ok\": %llu, "
				"\"total\": %llu}", first ? "" : ",", o,
				run->alloc_ok[o], run->alloc_total[o]);
			first = false;
		}
		fputs(first ? "],\n      \"samples\": [" :
		      "\n      ],\n      \"samples\": [", f);
		for (s = 0; s < run->nr_samples; s++) {
			const struct report_buddy *b = &run->samples[s];

			fputs(s ? ",\n        {\"label\": " : "\n        {\"label\": ", f);
			json_str(f, b->label);
			fprintf(f, ", \"t\": %.3f, \"nr_free\": [", b->t);
			for (o = 0; o < REPORT_MAX_ORDER; o++)
				fprintf(f, "%s%lu", o ? ", " : "", b->nr_free[o]);
			fputs("],\n         \"free_pages\": [", f);
			for (o = 0; o < REPORT_MAX_ORDER; o++)
				fprintf(f, "%s%llu", o ? ", " : "", free_pages(b, o));
			fprintf(f, "], \"free_pages_total\": %llu}", free_total(b));
		}
		fputs(run->nr_samples ? "\n      ],\n      \"stats\": {" :
		      "],\n      \"stats\": {", f);
		for (k = 0; k < run->nr_stats; k++) {
			fputs(k ? ",\n        " : "\n        ", f);
			json_str(f, run->stats[k].key);
			fprintf(f, ": %llu", run->stats[k].value);
		}
		fputs(run->nr_stats ? "\n      },\n      \"phases\": [" :
		      "},\n      \"phases\": [", f);
		for (k = 0; k < run->nr_phases; k++) {
			fputs(k ? ",\n        {\"name\": " : "\n        {\"name\": ", f);
			json_str(f, run->phases[k].name);
			fprintf(f, ", \"start\": %.3f, \"seconds\": %.3f}",
				run->phases[k].start, phase_seconds(run, k));
		}
		fputs(run->nr_phases ? "\n      ],\n      \"maps\": [" :
		      "],\n      \"maps\": [", f);
		for (k = 0; k < run->nr_maps; k++) {
			const struct report_map *m = &run->maps[k];

			fputs(k ? ",\n        {\"label\": " : "\n        {\"label\": ", f);
			json_str(f, m->label);
			fprintf(f, ", \"nr_blocks\": %lu,\n         \"classes\": ",
				m->nr_blocks);
			json_str(f, m->classes);
			fputs(",\n         \"types\": ", f);
			json_str(f, m->types);
			fputc('}', f);
		}
		fputs(run->nr_maps ? "\n      ]\n    }" : "]\n    }", f);
	}
	fputs("\n  ],\n  \"legend\": {\n    \"classes\": {", f);
	for (k = 0; k < N_CLASSES; k++) {
		char c[2] = { classes[k].c, '\0' };

		fputs(k ? ", " : "", f);
		json_str(f, c);
		fputs(": ", f);
		json_str(f, classes[k].name);
	}
	fputs(", \" \": \"no memory\"},\n    \"types\": {\"M\": \"Movable\"", f);
	for (k = 0; k < N_TYPES; k++) {
		char c[2] = { types[k].c, '\0' };

		fputs(", ", f);
		json_str(f, c);
		fputs(": ", f);
		json_str(f, types[k].name);
	}
	fputs("}\n  },\n  \"table\": [", f);
	/* The table as printed, so that a script can check one against the other. */
	for (k = 0; k < (unsigned int)r->nr; k++) {
		const struct row *row = &r->row[k];

		fputs(k ? ",\n    {\"row\": " : "\n    {\"row\": ", f);
		json_str(f, row->label);
		fputs(", \"values\": [", f);
		for (i = 0; i < nr; i++) {
			fputs(i ? ", " : "", f);
			json_str(f, row->cell[i]);
		}
		fputs("]}", f);
	}
	fputs("\n  ]\n}\n", f);
}

/* ---- the directory ------------------------------------------------------- */

/* Is @name a file the report writes? Only those are ever deleted. */
static bool report_file(const char *name)
{
	size_t len = strlen(name);

	return !strcmp(name, "index.html") || !strcmp(name, "report.json") ||
	       (!strncmp(name, "map-", 4) && len > 8 &&
		!strcmp(name + len - 4, ".svg"));
}

/*
 * Empty @dir of the report's files and remove it.  With @all, everything
 * in it goes (a temporary directory that only this process wrote).
 * Returns -ENOTEMPTY when something else is in it, and leaves that.
 */
static int remove_report_dir(const char *dir, bool all)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (!all && !report_file(de->d_name)) {
			ret = -ENOTEMPTY;
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (unlink(path) && !ret)
			ret = -errno;
	}
	closedir(d);
	if (!ret && rmdir(dir))
		ret = -errno;
	return ret;
}

/* Does @dir hold anything but a report's files? */
static int foreign_files(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d)
		return -errno;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    !report_file(de->d_name))
			ret = 1;
	closedir(d);
	return ret;
}

struct out {
	const char *dir;	/* the name the user gave, for messages */
	const char *tmp;
	int err;
};

/* Write tmp/@name with @fn; on failure, say so once and remember why. */
static void out_file(struct out *o, const char *name,
		     void (*fn)(FILE *f, const void *arg), const void *arg)
{
	char path[PATH_MAX];
	FILE *f;
	int err = 0;

	if (o->err)
		return;
	snprintf(path, sizeof(path), "%s/%s", o->tmp, name);
	f = fopen(path, "w");
	if (!f) {
		err = errno;
	} else {
		fn(f, arg);
		if (ferror(f))
			err = errno ? errno : EIO;
		if (fclose(f) && !err)
			err = errno ? errno : EIO;
	}
	if (err) {
		fprintf(stderr, "umm: report: cannot write '%s/%s': %s\n",
			o->dir, name, strerror(err));
		o->err = -err;
	}
}

struct args {
	const char *scenario;
	unsigned long seed;
	const struct scenario_run *runs;
	int nr;
	const struct rows *rows;
	char (*slugs)[REPORT_NAME_LEN];
	const struct report_map *map;
	const char *title;
};

static void html_fn(FILE *f, const void *arg)
{
	const struct args *a = arg;

	write_html(f, a->scenario, a->seed, a->runs, a->nr, a->rows, a->slugs);
}

static void json_fn(FILE *f, const void *arg)
{
	const struct args *a = arg;

	write_json(f, a->scenario, a->seed, a->runs, a->nr, a->rows);
}

static void map_fn(FILE *f, const void *arg)
{
	const struct args *a = arg;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	svg_map(f, a->map, a->title, true);
}

static void fail(const char *dir, int err)
{
	fprintf(stderr, "umm: report: cannot create '%s': %s\n", dir,
		strerror(err));
}

/* The pid in "BASE.tmp.PID" or "BASE.old.PID" if @name is one, else 0. */
static pid_t stale_pid(const char *name, const char *base, const char *kind)
{
	size_t len = strlen(base);
	char *end;
	long pid;

	if (strncmp(name, base, len) || strncmp(name + len, kind, 5))
		return 0;
	name += len + 5;
	if (*name < '1' || *name > '9')
		return 0;
	pid = strtol(name, &end, 10);
	return *end || pid <= 0 || pid > INT_MAX ? 0 : pid;
}

static bool process_gone(pid_t pid)
{
	return pid != getpid() && kill(pid, 0) && errno == ESRCH;
}

/*
 * What a run killed while writing its report left beside DIR (@base):
 * DIR.tmp.PID, a report half written, is removed; DIR.old.PID, the
 * previous report moved aside, goes back to DIR if DIR is missing (the
 * kill came between the two renames of the fallback in swap_in()), and
 * is removed otherwise.  Only names of processes that are gone.
 */
static void clean_stale(const char *base)
{
	char parent[PATH_MAX], path[2 * PATH_MAX];
	const char *name = strrchr(base, '/');
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (name) {
		snprintf(parent, sizeof(parent), "%.*s",
			 (int)(name - base) ? (int)(name - base) : 1, base);
		name++;
	} else {
		strcpy(parent, ".");
		name = base;
	}
	d = opendir(parent);
	if (!d)
		return;
	while ((de = readdir(d))) {
		pid_t tmp = stale_pid(de->d_name, name, ".tmp.");
		pid_t old = stale_pid(de->d_name, name, ".old.");

		if (!(tmp && process_gone(tmp)) && !(old && process_gone(old)))
			continue;
		snprintf(path, sizeof(path), "%s/%s", parent, de->d_name);
		if (old && lstat(base, &st) && errno == ENOENT &&
		    !rename(path, base))
			continue;
		remove_report_dir(path, false);
	}
	closedir(d);
}

/*
 * Put the complete report @tmp in place of @base.  There is a report at
 * @base at every moment: an existing one is exchanged with the new one in
 * one step (renameat2(RENAME_EXCHANGE)) and removed afterwards.  Where the
 * file system cannot exchange, the old report is moved to @old first; a
 * kill between the two renames leaves it there, and clean_stale() of the
 * next run puts it back.
 */
static int swap_in(const char *tmp, const char *base, const char *old,
		   bool replace)
{
	if (replace) {
		if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, base, RENAME_EXCHANGE)) {
			remove_report_dir(tmp, false);	/* the old one now */
			return 0;
		}
		if (errno != EINVAL)	/* EINVAL: this file system cannot */
			return -errno;
		if (rename(base, old))
			return -errno;
	}
	if (rename(tmp, base)) {
		int err = -errno;

		if (replace)
			rename(old, base);	/* put the old report back */
		return err;
	}
	if (replace)
		remove_report_dir(old, false);
	return 0;
}

int report_write(const char *dir, const char *scenario, unsigned long seed,
		 const struct scenario_run *runs, int nr)
{
	char slugs[2][REPORT_NAME_LEN];
	char title[3 * REPORT_NAME_LEN + 64];
	char base[PATH_MAX], tmp[PATH_MAX + 32], old[PATH_MAX + 32];
	struct out o = { .dir = dir, .tmp = tmp };
	struct args a;
	struct rows *r;
	struct stat st;
	size_t len;
	bool replace = false;
	unsigned int k;
	int i, ret;

	nr = clamp_runs(nr);
	if (!scenario)
		scenario = "scenario";
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;	/* "out/" names the directory "out" */
	if (!len || len >= sizeof(base) || !nr) {
		fail(dir, EINVAL);
		return -EINVAL;
	}
	memcpy(base, dir, len);
	base[len] = '\0';
	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", base, (int)getpid());
	snprintf(old, sizeof(old), "%s.old.%d", base, (int)getpid());
	clean_stale(base);

	/*
	 * An existing DIR is replaced only when it holds nothing but a
	 * report: --report pointed at a home directory must not empty it.
	 */
	if (!lstat(base, &st)) {
		if (!S_ISDIR(st.st_mode)) {
			fail(dir, ENOTDIR);
			return -ENOTDIR;
		}
		ret = foreign_files(base);
		if (ret) {
			if (ret > 0)
				fprintf(stderr, "umm: report: '%s' holds files "
					"that are not a report's; not replacing "
					"it\n", dir);
			else
				fail(dir, -ret);
			return ret > 0 ? -ENOTEMPTY : ret;
		}
		replace = true;
	}

	/* A temporary directory left by a crashed process with our pid. */
	if (!lstat(tmp, &st) && S_ISDIR(st.st_mode))
		remove_report_dir(tmp, false);
	if (mkdir(tmp, 0755)) {
		ret = errno;
		fail(dir, ret);
		return -ret;
	}

	r = calloc(1, sizeof(*r));
	if (!r) {
		o.err = -ENOMEM;
		fail(dir, ENOMEM);
		goto out;
	}
	build_rows(r, runs, nr);
	for (i = 0; i < nr; i++) {
		slug(slugs[i], sizeof(slugs[i]), run_label(runs, i));
		/* Two runs with one label still need two file names. */
		if (i && !strcmp(slugs[0], slugs[1]))
			snprintf(slugs[i], sizeof(slugs[i]), "run%d", i + 1);
	}
	a = (struct args){ .scenario = scenario, .seed = seed, .runs = runs,
			   .nr = nr, .rows = r, .slugs = slugs, .title = title };

	for (i = 0; i < nr; i++) {
		for (k = 0; k < runs[i].nr_maps; k++) {
			char label[REPORT_NAME_LEN], name[3 * REPORT_NAME_LEN];

			a.map = &runs[i].maps[k];
			slug(label, sizeof(label), a.map->label);
			snprintf(name, sizeof(name), "map-%s-%s.svg", slugs[i], label);
			map_title(title, sizeof(title), runs, i, scenario,
				  a.map->label);
			out_file(&o, name, map_fn, &a);
		}
	}
	out_file(&o, "report.json", json_fn, &a);
	/* Last: a directory with index.html in it is a whole report. */
	out_file(&o, "index.html", html_fn, &a);
	free(r);
	if (o.err)
		goto out;

	o.err = swap_in(tmp, base, old, replace);
	if (o.err) {
		fail(dir, -o.err);
		goto out;
	}
	return 0;
out:
	remove_report_dir(tmp, true);
	return o.err;
}
