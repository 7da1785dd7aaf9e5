// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/record.c - a run's record lines, parsed into a scenario_run
 *
 * The lines come from a child process that may have crashed mid-line, or
 * from a file someone edited: every field is checked, and a line that is
 * not exactly what asm/kernel_entry.h describes changes nothing.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A map line longer than this is not a map umm can have made. */
#define REPORT_MAX_BLOCKS	(1UL << 20)

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

/* The stat @key, added (as 0) if the run has room for it. */
static struct report_stat *get_stat(struct scenario_run *run, const char *key)
{
	struct report_stat *s;

	s = (struct report_stat *)report_find_stat(run, key);
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

/* Cut the word at *@rest off at its space; the word, or NULL. */
static char *next_word(char **rest)
{
	char *word = *rest, *sp = strchr(word, ' ');

	if (!sp)
		return NULL;
	*sp = '\0';
	*rest = sp + 1;
	return word;
}

/* "LABEL NBLOCKS CLASSES TYPES": the two strings may hold spaces (holes). */
static int parse_map_fields(char *rest, char *label, unsigned long long *nr,
			    char **strings)
{
	char *word = next_word(&rest);
	size_t len, i;

	if (!word || copy_name(label, word))
		return -EINVAL;
	word = next_word(&rest);
	if (!word || parse_ull(word, nr) || !*nr || *nr > REPORT_MAX_BLOCKS)
		return -EINVAL;
	len = strlen(rest);
	if (len != 2 * *nr + 1 || rest[*nr] != ' ')
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (rest[i] < ' ' || rest[i] > '~')
			return -EINVAL;
	*strings = rest;
	return 0;
}

static void free_map_counts(struct report_map *m)
{
	unsigned int i;

	for (i = 0; i < m->nr_counts; i++)
		free(m->counts[i].pages);
	m->nr_counts = 0;
	m->block_pages = 0;
}

static int parse_map(struct scenario_run *run, char *rest)
{
	char label[REPORT_NAME_LEN], *strings, *classes, *types;
	struct report_map *m;
	unsigned long long nr;

	if (parse_map_fields(rest, label, &nr, &strings))
		return -EINVAL;
	/* A snapshot taken again under the same name replaces the old one. */
	m = (struct report_map *)report_find_map(run, label);
	if (!m && run->nr_maps >= REPORT_MAX_MAPS)
		return -ENOSPC;
	classes = strndup(strings, nr);
	types = strndup(strings + nr + 1, nr);
	if (!classes || !types) {
		free(classes);
		free(types);
		return -ENOMEM;
	}
	if (m) {
		free(m->classes);
		free(m->types);
		free_map_counts(m);
	} else {
		m = &run->maps[run->nr_maps++];
		memset(m, 0, sizeof(*m));
	}
	memcpy(m->label, label, sizeof(label));
	m->nr_blocks = nr;
	m->classes = classes;
	m->types = types;
	return 0;
}

/* "C0,C1,...": exactly @nr counts, each at most @max. */
static int parse_counts(const char *s, unsigned long nr, unsigned long max,
			unsigned short *pages)
{
	unsigned long i;

	for (i = 0; i < nr; i++) {
		unsigned long v = 0;

		if (*s < '0' || *s > '9')
			return -EINVAL;
		while (*s >= '0' && *s <= '9') {
			v = v * 10 + (*s++ - '0');
			if (v > max)
				return -EINVAL;
		}
		if (*s != (i == nr - 1 ? '\0' : ','))
			return -EINVAL;
		s += i < nr - 1;
		pages[i] = v;
	}
	return 0;
}

/*
 * "LABEL LETTER BLOCKPAGES C0,C1,...": the pages of one kind in each
 * pageblock of the map LABEL, which comes first.  Said again for a letter
 * (a snapshot taken again), it replaces itself.
 */
static int parse_mapcount(struct scenario_run *run, char *rest)
{
	char *label = next_word(&rest), *letter = next_word(&rest);
	char *word = next_word(&rest);
	struct report_map_count *c = NULL;
	unsigned long long block_pages;
	unsigned short *pages;
	struct report_map *m;
	unsigned int i;

	if (!word || strlen(letter) != 1 || *letter <= ' ' || *letter > '~' ||
	    parse_ull(word, &block_pages) || !block_pages ||
	    block_pages > USHRT_MAX)
		return -EINVAL;
	m = (struct report_map *)report_find_map(run, label);
	if (!m || (m->block_pages && m->block_pages != block_pages))
		return -EINVAL;
	for (i = 0; i < m->nr_counts; i++)
		if (m->counts[i].letter == *letter)
			c = &m->counts[i];
	if (!c && m->nr_counts >= REPORT_MAX_KINDS)
		return -ENOSPC;
	pages = malloc(m->nr_blocks * sizeof(*pages));
	if (!pages)
		return -ENOMEM;
	if (parse_counts(rest, m->nr_blocks, block_pages, pages)) {
		free(pages);
		return -EINVAL;
	}
	if (c) {
		free(c->pages);
	} else {
		c = &m->counts[m->nr_counts++];
		c->letter = *letter;
	}
	c->pages = pages;
	m->block_pages = block_pages;
	return 0;
}

/* "#rrggbb", as the kernel checked it too. */
static int copy_colour(char *dst, const char *src)
{
	int i;

	if (src[0] != '#' || strlen(src) != 7)
		return -EINVAL;
	for (i = 1; i < 7; i++)
		if (!strchr("0123456789abcdefABCDEF", src[i]))
			return -EINVAL;
	memcpy(dst, src, 8);
	return 0;
}

/* "NAME LETTER COLOUR MOVABLE OFF DESC": DESC may hold spaces. */
static int parse_kind_fields(char *rest, struct report_kind *k)
{
	char *name = next_word(&rest), *letter = next_word(&rest);
	char *colour = next_word(&rest), *movable = next_word(&rest);
	char *off = next_word(&rest);

	memset(k, 0, sizeof(*k));
	if (!off || copy_name(k->name, name) || strlen(letter) != 1 ||
	    *letter <= ' ' || *letter > '~' || copy_colour(k->colour, colour))
		return -EINVAL;
	k->letter = *letter;
	if (!strcmp(movable, "movable"))
		k->movable = 1;
	else if (strcmp(movable, "-"))
		return -EINVAL;
	if (strcmp(off, "-") && report_copy_text(k->off, sizeof(k->off), off))
		return -EINVAL;
	return report_copy_text(k->desc, sizeof(k->desc), rest);
}

/*
 * A kind the run had.  Said again (a record read twice), it replaces
 * itself; another kind with its letter is a record no kernel printed.
 */
static int parse_kind(struct scenario_run *run, char *rest)
{
	struct report_kind k, *slot = NULL;
	unsigned int i;

	if (parse_kind_fields(rest, &k))
		return -EINVAL;
	for (i = 0; i < run->nr_kinds; i++) {
		if (!strcmp(run->kinds[i].name, k.name))
			slot = &run->kinds[i];
		else if (run->kinds[i].letter == k.letter)
			return -EINVAL;
	}
	if (!slot && run->nr_kinds >= REPORT_MAX_KINDS)
		return -ENOSPC;
	if (!slot)
		slot = &run->kinds[run->nr_kinds++];
	*slot = k;
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

/* The previous phase, if any, ends at @t. */
static void end_phase(struct scenario_run *run, double t)
{
	struct report_phase *p;

	if (!run->nr_phases)
		return;
	p = &run->phases[run->nr_phases - 1];
	p->seconds = t > p->start ? t - p->start : 0;
}

/* "phase NAME" or, with its work clock, "phase NAME CLOCK". */
static int parse_phase_at(struct scenario_run *run, char **argv, double t,
			  bool clocked)
{
	char name[REPORT_NAME_LEN];
	unsigned long long clock = 0;
	struct report_phase *p;

	if (copy_name(name, argv[1]) || (clocked && parse_ull(argv[2], &clock)))
		return -EINVAL;
	if (run->nr_phases >= REPORT_MAX_PHASES)
		return -ENOSPC;
	p = &run->phases[run->nr_phases];
	memcpy(p->name, name, sizeof(name));
	end_phase(run, t);
	p->start = t;
	p->seconds = 0;
	p->clocked = clocked;
	p->clock = clock;
	run->nr_phases++;
	return 0;
}

static int parse_phase(struct scenario_run *run, char **argv, double t)
{
	return parse_phase_at(run, argv, t, false);
}

static int parse_phase_clock(struct scenario_run *run, char **argv, double t)
{
	return parse_phase_at(run, argv, t, true);
}

static int parse_alloc(struct scenario_run *run, char **argv, double t)
{
	unsigned long long order, ok, total;

	if (parse_ull(argv[1], &order) || parse_ull(argv[2], &ok) ||
	    parse_ull(argv[3], &total))
		return -EINVAL;
	if (order >= REPORT_MAX_ORDER || ok > total)
		return -EINVAL;
	run->alloc_ok[order] += ok;
	run->alloc_total[order] += total;
	return 0;
}

static int parse_taskfail(struct scenario_run *run, char **argv, double t)
{
	char name[REPORT_NAME_LEN];
	struct report_stat *s;

	if (copy_name(name, argv[1]))
		return -EINVAL;
	/* The final "@ stat task_failures" overwrites the count. */
	s = get_stat(run, "task_failures");
	if (!s)
		return -ENOSPC;
	s->value++;
	return 0;
}

static int parse_buddy(struct scenario_run *run, char **argv, double t)
{
	unsigned long long v[REPORT_MAX_ORDER];
	char label[REPORT_NAME_LEN];
	struct report_buddy *b;
	int i, ret;

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

/* "free CLOCK N0 ... N10": a sample of the chart, after the last one. */
static int parse_free(struct scenario_run *run, char **argv, double t)
{
	unsigned long long clock, v[REPORT_MAX_ORDER];
	struct report_tick *tick;
	int i;

	if (parse_ull(argv[1], &clock) ||
	    (run->nr_ticks && clock <= run->ticks[run->nr_ticks - 1].clock))
		return -EINVAL;
	for (i = 0; i < REPORT_MAX_ORDER; i++)
		if (parse_ull(argv[2 + i], &v[i]) || v[i] > ULONG_MAX)
			return -EINVAL;
	if (run->nr_ticks >= REPORT_MAX_TICKS)
		return -ENOSPC;
	if (run->nr_ticks == run->ticks_size) {
		unsigned int size = run->ticks_size ? 2 * run->ticks_size : 256;

		tick = realloc(run->ticks, size * sizeof(*tick));
		if (!tick)
			return -ENOMEM;
		run->ticks = tick;
		run->ticks_size = size;
	}
	tick = &run->ticks[run->nr_ticks++];
	tick->clock = clock;
	for (i = 0; i < REPORT_MAX_ORDER; i++)
		tick->nr_free[i] = v[i];
	return 0;
}

static int parse_stat(struct scenario_run *run, char **argv, double t)
{
	char key[REPORT_NAME_LEN];
	unsigned long long v;
	struct report_stat *s;

	if (copy_name(key, argv[1]) || parse_ull(argv[2], &v))
		return -EINVAL;
	s = get_stat(run, key);
	if (!s)
		return -ENOSPC;
	s->value = v;
	return 0;
}

static int parse_end(struct scenario_run *run, char **argv, double t)
{
	end_phase(run, t);	/* the last phase ends with the run */
	run->ended = 1;
	return 0;
}

/* Each line but "map": its word, its number of fields, its parser. */
static const struct {
	const char *word;
	int argc;
	int (*parse)(struct scenario_run *run, char **argv, double t);
} parsers[] = {
	{ "phase",	2,			parse_phase },
	{ "phase",	3,			parse_phase_clock },
	{ "free",	2 + REPORT_MAX_ORDER,	parse_free },
	{ "alloc",	4,			parse_alloc },
	{ "taskfail",	2,			parse_taskfail },
	{ "buddy",	2 + REPORT_MAX_ORDER,	parse_buddy },
	{ "stat",	3,			parse_stat },
	{ "end",	1,			parse_end },
};

static int parse_fields(struct scenario_run *run, char *buf, double t)
{
	char *argv[2 + REPORT_MAX_ORDER];
	unsigned int k;
	char *sp;
	int argc, i;

	/* The map's strings and a kind's description may contain spaces. */
	sp = strchr(buf, ' ');
	if (sp && sp - buf == 3 && !strncmp(buf, "map", 3))
		return parse_map(run, sp + 1);
	if (sp && sp - buf == 4 && !strncmp(buf, "kind", 4))
		return parse_kind(run, sp + 1);
	if (sp && sp - buf == 8 && !strncmp(buf, "mapcount", 8))
		return parse_mapcount(run, sp + 1);

	argc = split(buf, argv, 2 + REPORT_MAX_ORDER);
	for (i = 0; i < argc && i < 2 + REPORT_MAX_ORDER; i++)
		if (!*argv[i])
			return -EINVAL;	/* two spaces, or one at an end */
	for (k = 0; k < ARRAY_SIZE(parsers); k++)
		if (!strcmp(argv[0], parsers[k].word) && argc == parsers[k].argc)
			return parsers[k].parse(run, argv, t);
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

unsigned long long report_stat(const struct scenario_run *run, const char *key)
{
	const struct report_stat *s = report_find_stat(run, key);

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

	free(run->record);
	run->record = NULL;
	run->record_len = run->record_size = 0;
	for (i = 0; i < run->nr_maps; i++) {
		free(run->maps[i].classes);
		free(run->maps[i].types);
		run->maps[i].classes = run->maps[i].types = NULL;
		free_map_counts(&run->maps[i]);
	}
	run->nr_maps = 0;
	free(run->ticks);
	run->ticks = NULL;
	run->nr_ticks = run->ticks_size = 0;
}
