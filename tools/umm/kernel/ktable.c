// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/ktable.c - the comparison's table, a column per side
 *
 * Every figure comes from the files each side read before and after the
 * script (sides.c), parsed the same way for both (parse.c): counters as
 * their change over the script, free memory before -> after, zram's
 * mm_stat after.  A figure a side does not have is "-".  At most
 * COMPARE_TABLE_WIDTH columns: a long cell (an error line, the notes)
 * goes on over the rows below it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

#define LABEL_W		34
#define MAX_SIDES	2
#define CELL_W		((COMPARE_TABLE_WIDTH - LABEL_W) / MAX_SIDES - 2)

/* What the table needs of one side, parsed once. */
struct parsed {
	const struct compare_side *side;
	struct compare_kvs vm[2], migrated[2];
	bool have_vm[2], have_migrated[2];
	struct compare_buddy buddy[2];
	bool have_buddy[2];
	struct compare_mm_stat mm;
	bool have_mm;
	unsigned long long avail_kb;
	bool have_avail;
};

/* The /proc/vmstat counters shown, in this order. */
static const char * const vm_keys[] = {
	"pgmigrate_success", "pgmigrate_fail", "compact_stall",
	"compact_fail", "compact_success", "compact_migrate_scanned",
	"compact_free_scanned", "compact_isolated", "compact_daemon_wake",
	"pswpin", "pswpout", "balloon_inflate", "balloon_deflate",
	"balloon_migrate", "oom_kill",
};

static void parse_side(const struct compare_side *s, struct parsed *p)
{
	int w;

	memset(p, 0, sizeof(*p));
	p->side = s;
	for (w = 0; w < 2; w++) {
		char *const *file = s->file[w];

		p->have_vm[w] = file[CF_VMSTAT] &&
			compare_parse_kvs(file[CF_VMSTAT], &p->vm[w]) > 0;
		p->have_buddy[w] = file[CF_BUDDYINFO] &&
			compare_parse_buddyinfo(file[CF_BUDDYINFO],
						&p->buddy[w]) > 0;
		p->have_migrated[w] = file[CF_MIGRATED] && !s->is_linux &&
			compare_parse_kvs(file[CF_MIGRATED], &p->migrated[w]) > 0;
	}
	p->have_mm = s->file[1][CF_MM_STAT] &&
		!compare_parse_mm_stat(s->file[1][CF_MM_STAT], &p->mm);
	p->have_avail = s->file[0][CF_MEMINFO] &&
		!compare_parse_meminfo(s->file[0][CF_MEMINFO], "MemAvailable",
				       &p->avail_kb);
}

/* How much of @c goes on one line: all, or up to its last space that fits. */
static size_t chunk(const char *c)
{
	size_t n;

	if (strlen(c) <= CELL_W)
		return strlen(c);
	for (n = CELL_W; n > CELL_W / 2; n--)
		if (c[n] == ' ')
			return n;
	return CELL_W;
}

/* A row: its label and a cell per side, long cells wrapped at spaces. */
static void print_row(FILE *f, const char *label, char cells[][COMPARE_ERR_LEN],
		      int nr)
{
	size_t off[MAX_SIDES] = { 0 };
	bool more = true;
	int i;

	while (more) {
		more = false;
		fprintf(f, "%-*.*s", LABEL_W, LABEL_W, label);
		for (i = 0; i < nr; i++) {
			const char *c = cells[i] + off[i];
			size_t n = chunk(c);

			fprintf(f, "  %-*.*s", i == nr - 1 ? 0 : CELL_W, (int)n, c);
			off[i] += n;
			while (cells[i][off[i]] == ' ')
				off[i]++;
			more |= cells[i][off[i]] != '\0';
		}
		fputc('\n', f);
		label = "";
	}
}

/* The change of @key over the script: false if a side lacks it. */
static bool kv_delta(const struct compare_kvs *kv, const bool *have,
		     const char *key, long long *d)
{
	const unsigned long long *a = have[0] ? compare_kv_find(&kv[0], key) : NULL;
	const unsigned long long *b = have[1] ? compare_kv_find(&kv[1], key) : NULL;

	if (!a || !b)
		return false;
	*d = *b - *a;
	return true;
}

/* The change of @key over the script, or "-". */
static void delta_cell(char *cell, const struct compare_kvs *kv,
		       const bool *have, const char *key)
{
	long long d;

	if (kv_delta(kv, have, key, &d))
		snprintf(cell, COMPARE_ERR_LEN, "%lld", d);
	else
		strcpy(cell, "-");
}

static void vm_row(FILE *f, const struct parsed *p, int nr, const char *key)
{
	char cells[MAX_SIDES][COMPARE_ERR_LEN];
	char label[64];
	int i;

	for (i = 0; i < nr; i++)
		delta_cell(cells[i], p[i].vm, p[i].have_vm, key);
	snprintf(label, sizeof(label), "  %s", key);
	print_row(f, label, cells, nr);
}

/* Is @key, a pgsteal_ or pgscan_ counter, one some side changed? */
static bool moved(const struct parsed *p, int nr, const char *key)
{
	int i;

	long long d;

	for (i = 0; i < nr; i++)
		if (kv_delta(p[i].vm, p[i].have_vm, key, &d) && d)
			return true;
	return false;
}

/* Every pgsteal_ and pgscan_ counter that changed on a side, once. */
static void reclaim_rows(FILE *f, const struct parsed *p, int nr)
{
	const char *done[COMPARE_MAX_KV * MAX_SIDES];
	int nr_done = 0, i, k, j;

	for (i = 0; i < nr; i++) {
		for (k = 0; p[i].have_vm[1] && k < p[i].vm[1].nr; k++) {
			const char *key = p[i].vm[1].kv[k].key;

			if (strncmp(key, "pgsteal_", 8) &&
			    strncmp(key, "pgscan_", 7))
				continue;
			for (j = 0; j < nr_done && strcmp(done[j], key); j++)
				;
			if (j < nr_done || !moved(p, nr, key))
				continue;
			done[nr_done++] = key;
			vm_row(f, p, nr, key);
		}
	}
}

static void status_cell(char *cell, const struct compare_side *s)
{
	if (s->status == 0)
		snprintf(cell, COMPARE_ERR_LEN, "ok%s", s->cached ? " (cached)" : "");
	else if (s->status == 1)
		snprintf(cell, COMPARE_ERR_LEN, "failed: %.200s", s->failed_cmd);
	else if (s->failed_cmd[0])
		snprintf(cell, COMPARE_ERR_LEN, "did not finish: %.200s",
			 s->failed_cmd);
	else
		snprintf(cell, COMPARE_ERR_LEN, "did not run");
}

static void head_rows(FILE *f, const struct parsed *p, int nr)
{
	char c[3][MAX_SIDES][COMPARE_ERR_LEN];
	bool errors = false;
	int i;

	for (i = 0; i < nr; i++) {
		const struct compare_side *s = p[i].side;

		snprintf(c[0][i], COMPARE_ERR_LEN, "%.60s%s", s->label,
			 s->cached ? " (cached)" : "");
		status_cell(c[1][i], s);
		snprintf(c[2][i], COMPARE_ERR_LEN, "%s", s->error);
		errors |= s->error[0] != '\0';
	}
	print_row(f, "", c[0], nr);
	print_row(f, "status", c[1], nr);
	if (errors)
		print_row(f, "  its error", c[2], nr);
}

static void time_rows(FILE *f, const struct parsed *p, int nr)
{
	char c[3][MAX_SIDES][COMPARE_ERR_LEN];
	int i;

	for (i = 0; i < nr; i++) {
		snprintf(c[0][i], COMPARE_ERR_LEN, "%.1f s", p[i].side->wall);
		snprintf(c[1][i], COMPARE_ERR_LEN, "%.1f s", p[i].side->script_time);
		if (p[i].have_avail)
			snprintf(c[2][i], COMPARE_ERR_LEN, "%.1f MiB",
				 p[i].avail_kb / 1024.0);
		else
			strcpy(c[2][i], "-");
	}
	print_row(f, "wall time, boot included", c[0], nr);
	print_row(f, "  of it the script", c[1], nr);
	print_row(f, "MemAvailable at start", c[2], nr);
}

/* The first phase of @s named @name, or NULL. */
static const struct compare_phase *phase_of(const struct compare_side *s,
					    const char *name)
{
	int i;

	for (i = 0; i < s->nr_phases; i++)
		if (!strcmp(s->phase[i].name, name))
			return &s->phase[i];
	return NULL;
}

/* When each phase began on each side, by name, in the order first seen. */
static void phase_rows(FILE *f, const struct parsed *p, int nr)
{
	char c[MAX_SIDES][COMPARE_ERR_LEN], label[64];
	const char *name;
	bool head = false;
	int i, k, j, s;

	for (i = 0; i < nr; i++)
		for (k = 0; k < p[i].side->nr_phases; k++) {
			name = p[i].side->phase[k].name;
			for (j = 0; j < i && !phase_of(p[j].side, name); j++)
				;
			if (j < i || phase_of(p[i].side, name) != &p[i].side->phase[k])
				continue;
			if (!head)
				fprintf(f, "phases, seconds into the script\n");
			head = true;
			for (s = 0; s < nr; s++) {
				const struct compare_phase *ph = phase_of(p[s].side, name);

				if (ph)
					snprintf(c[s], COMPARE_ERR_LEN, "%.1f s", ph->t);
				else
					strcpy(c[s], "-");
			}
			snprintf(label, sizeof(label), "  %s", name);
			print_row(f, label, c, nr);
		}
}

/* "before -> after" of free blocks of @order, or of 2 MiB units (-1). */
static void buddy_cell(char *cell, const struct parsed *p, int order)
{
	char v[2][32];
	int w;

	for (w = 0; w < 2; w++) {
		const struct compare_buddy *b = &p->buddy[w];

		if (!p->have_buddy[w] || order >= b->nr_orders)
			strcpy(v[w], "-");
		else
			snprintf(v[w], sizeof(v[w]), "%llu", order < 0 ?
				 compare_blocks_2m(b) : b->free[order]);
	}
	snprintf(cell, COMPARE_ERR_LEN, "%s -> %s", v[0], v[1]);
}

static void buddy_rows(FILE *f, const struct parsed *p, int nr)
{
	char c[MAX_SIDES][COMPARE_ERR_LEN], label[64];
	int order, i;

	fprintf(f, "free memory (/proc/buddyinfo), before -> after\n");
	for (i = 0; i < nr; i++)
		buddy_cell(c[i], &p[i], -1);
	print_row(f, "  in 2 MiB blocks (order >= 9)", c, nr);
	for (order = 0; order < COMPARE_MAX_ORDER; order++) {
		for (i = 0; i < nr; i++)
			buddy_cell(c[i], &p[i], order);
		snprintf(label, sizeof(label), "  free blocks of order %d", order);
		print_row(f, label, c, nr);
	}
}

static void mm_stat_rows(FILE *f, const struct parsed *p, int nr)
{
	static const char * const labels[] = {
		"  orig_data_size", "  compr_data_size", "  mem_used_total",
	};
	char c[MAX_SIDES][COMPARE_ERR_LEN];
	unsigned int k;
	int i;

	fprintf(f, "zram0 mm_stat after the script\n");
	for (k = 0; k < COMPARE_ARRAY_SIZE(labels); k++) {
		for (i = 0; i < nr; i++) {
			const unsigned long long v[] = {
				p[i].mm.orig, p[i].mm.compr, p[i].mm.used,
			};

			if (p[i].have_mm)
				snprintf(c[i], COMPARE_ERR_LEN, "%.1f MiB",
					 v[k] / 1048576.0);
			else
				strcpy(c[i], "-");
		}
		print_row(f, labels[k], c, nr);
	}
}

/* Pages of @kind ("lru", "zsmalloc", "balloon") migrated over the script. */
static bool migrated(const struct parsed *p, const char *kind, long long *d)
{
	if (p->side->is_linux)
		return compare_linux_migrated(p->side, kind, d);
	return kv_delta(p->migrated, p->have_migrated, kind, d);
}

static void migrated_rows(FILE *f, const struct parsed *p, int nr)
{
	static const char * const kinds[] = { "lru", "zsmalloc", "balloon" };
	static const char * const labels[] = { "  LRU", "  zsmalloc", "  balloon" };
	char c[MAX_SIDES][COMPARE_ERR_LEN];
	unsigned int k;
	long long d;
	int i;

	fprintf(f, "pages migrated by kind, over the script\n");
	for (k = 0; k < COMPARE_ARRAY_SIZE(kinds); k++) {
		for (i = 0; i < nr; i++) {
			if (migrated(&p[i], kinds[k], &d))
				snprintf(c[i], COMPARE_ERR_LEN, "%lld", d);
			else
				strcpy(c[i], "-");
		}
		print_row(f, labels[k], c, nr);
	}
}

static void notes_rows(FILE *f, const struct parsed *p, int nr)
{
	char c[MAX_SIDES][COMPARE_ERR_LEN];
	bool any = false;
	int i;

	for (i = 0; i < nr; i++) {
		snprintf(c[i], COMPARE_ERR_LEN, "%s", p[i].side->notes);
		any |= c[i][0] != '\0';
	}
	if (any)
		print_row(f, "notes", c, nr);
}

/**
 * compare_print_table - the table of a comparison
 * @f: where to print it
 * @sides: the sides, a column each (at most two)
 * @nr: how many
 */
void compare_print_table(FILE *f, const struct compare_side *sides, int nr)
{
	struct parsed *p = calloc(MAX_SIDES, sizeof(*p));
	unsigned int k;
	int i;

	if (!p)
		return;
	if (nr > MAX_SIDES)
		nr = MAX_SIDES;
	for (i = 0; i < nr; i++)
		parse_side(&sides[i], &p[i]);
	head_rows(f, p, nr);
	time_rows(f, p, nr);
	phase_rows(f, p, nr);
	buddy_rows(f, p, nr);
	fprintf(f, "/proc/vmstat, change over the script\n");
	for (k = 0; k < COMPARE_ARRAY_SIZE(vm_keys); k++)
		vm_row(f, p, nr, vm_keys[k]);
	reclaim_rows(f, p, nr);
	mm_stat_rows(f, p, nr);
	migrated_rows(f, p, nr);
	notes_rows(f, p, nr);
	free(p);
}
