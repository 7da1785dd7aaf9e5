// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/parse.c - the kernel's files, as both sides print them
 *
 * /proc/vmstat ("name value" lines; umm's debugfs umm/migrated has the
 * same form), /proc/buddyinfo (a line per zone, a count per order),
 * /sys/block/zram0/mm_stat (orig_data_size compr_data_size
 * mem_used_total ...), /proc/meminfo ("Name:  value kB") and ftrace's
 * kprobe_profile ("  EVENT  HITS  MISSES").  The formats are Linux's
 * (umm prints the same), so one parser reads both columns.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

/* The next line of *@text into @line (cut at @size); false at the end. */
static bool next_line(const char **text, char *line, size_t size)
{
	const char *t = *text;
	size_t len = strcspn(t, "\n");

	if (!*t)
		return false;
	snprintf(line, size, "%.*s", (int)len, t);
	*text = t[len] ? t + len + 1 : t + len;
	return true;
}

static bool blank(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return !*s;
}

/**
 * compare_parse_kvs - read "name value" lines (/proc/vmstat)
 * @text: the file's text
 * @kvs: filled in
 *
 * Return: the number of pairs, or -EINVAL for a line of another form
 * (nothing is kept then).
 */
int compare_parse_kvs(const char *text, struct compare_kvs *kvs)
{
	char line[256], key[COMPARE_KEY_LEN], end;
	unsigned long long val;

	kvs->nr = 0;
	while (next_line(&text, line, sizeof(line))) {
		if (blank(line))
			continue;
		if (sscanf(line, "%47s %llu %c", key, &val, &end) != 2 ||
		    kvs->nr == COMPARE_MAX_KV) {
			kvs->nr = 0;
			return -EINVAL;
		}
		strcpy(kvs->kv[kvs->nr].key, key);
		kvs->kv[kvs->nr++].val = val;
	}
	return kvs->nr;
}

/**
 * compare_kv_find - the value of @key
 * @kvs: parsed by compare_parse_kvs()
 * @key: a name
 *
 * Return: a pointer to the value, or NULL if @key is not there.
 */
const unsigned long long *compare_kv_find(const struct compare_kvs *kvs,
					  const char *key)
{
	int i;

	for (i = 0; i < kvs->nr; i++)
		if (!strcmp(kvs->kv[i].key, key))
			return &kvs->kv[i].val;
	return NULL;
}

/* Add one "Node N, zone NAME c0 c1 ..." line to @b; -EINVAL if it is not. */
static int buddy_line(const char *line, struct compare_buddy *b)
{
	const char *p = strstr(line, "zone");
	int order = 0;

	if (strncmp(line, "Node ", 5) || !p)
		return -EINVAL;
	p += 4;
	while (isspace((unsigned char)*p))
		p++;
	p += strcspn(p, " \t");		/* the zone's name */
	for (;;) {
		char *end;
		unsigned long long n;

		while (isspace((unsigned char)*p))
			p++;
		if (!*p)
			break;
		n = strtoull(p, &end, 10);
		if (end == p || order == COMPARE_MAX_ORDER)
			return -EINVAL;
		b->free[order++] += n;
		p = end;
	}
	if (!order || (b->nr_orders && order != b->nr_orders))
		return -EINVAL;
	b->nr_orders = order;
	return 0;
}

/**
 * compare_parse_buddyinfo - free blocks per order, all zones together
 * @text: /proc/buddyinfo
 * @b: filled in
 *
 * Return: the number of zones, or -EINVAL (nothing kept).
 */
int compare_parse_buddyinfo(const char *text, struct compare_buddy *b)
{
	char line[512];
	int zones = 0;

	memset(b, 0, sizeof(*b));
	while (next_line(&text, line, sizeof(line))) {
		if (blank(line))
			continue;
		if (buddy_line(line, b)) {
			memset(b, 0, sizeof(*b));
			return -EINVAL;
		}
		zones++;
	}
	return zones ? zones : -EINVAL;
}

/**
 * compare_blocks_2m - free memory in 2 MiB blocks (order 9 and above)
 * @b: parsed by compare_parse_buddyinfo()
 *
 * Return: the number of free, aligned 2 MiB blocks.
 */
unsigned long long compare_blocks_2m(const struct compare_buddy *b)
{
	unsigned long long n = 0;
	int order;

	for (order = 9; order < b->nr_orders; order++)
		n += b->free[order] << (order - 9);
	return n;
}

/**
 * compare_parse_mm_stat - zram's mm_stat: its first three fields
 * @text: /sys/block/zram0/mm_stat
 * @m: orig_data_size, compr_data_size and mem_used_total, in bytes
 *
 * Return: 0 or -EINVAL.
 */
int compare_parse_mm_stat(const char *text, struct compare_mm_stat *m)
{
	if (sscanf(text, "%llu %llu %llu", &m->orig, &m->compr, &m->used) != 3)
		return -EINVAL;
	return 0;
}

/**
 * compare_parse_meminfo - one field of /proc/meminfo
 * @text: the file
 * @key: the field's name, without the colon ("MemAvailable")
 * @kb: its value, in kB
 *
 * Return: 0, or -ENOENT when the field is not there.
 */
int compare_parse_meminfo(const char *text, const char *key,
			  unsigned long long *kb)
{
	size_t len = strlen(key);
	char line[256];

	while (next_line(&text, line, sizeof(line)))
		if (!strncmp(line, key, len) && line[len] == ':' &&
		    sscanf(line + len + 1, "%llu", kb) == 1)
			return 0;
	return -ENOENT;
}

/*
 * Is @name the kprobe event of function @fn?  The event may be named
 * after the function ("zs_page_migrate"), as ftrace names it when the
 * probe is given no name ("p_zs_page_migrate_0"), or contain it.
 */
static bool event_of(const char *name, const char *fn)
{
	return strstr(name, fn) != NULL;
}

/**
 * compare_parse_kprobe_profile - the hits of a function's kprobe
 * @text: /sys/kernel/tracing/kprobe_profile
 * @fn: the probed function ("zs_page_migrate")
 * @hits: the event's hit count
 *
 * Return: 0, -ENOENT when no event probes @fn, -EINVAL for a line that
 * is not "EVENT HITS MISSES".
 */
int compare_parse_kprobe_profile(const char *text, const char *fn,
				 unsigned long long *hits)
{
	char line[256], name[128], end;
	unsigned long long h, missed;

	while (next_line(&text, line, sizeof(line))) {
		if (blank(line))
			continue;
		if (sscanf(line, "%127s %llu %llu %c", name, &h, &missed,
			   &end) != 3)
			return -EINVAL;
		if (event_of(name, fn)) {
			*hits = h;
			return 0;
		}
	}
	return -ENOENT;
}
