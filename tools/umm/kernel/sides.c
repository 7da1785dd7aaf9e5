// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/sides.c - what one side of the comparison read
 *
 * A side keeps the files as it read them, before and after the script,
 * as text: the table parses them (parse.c), and the cache (cache.c)
 * stores them as they are, in the form compare_side_write() gives:
 *
 *	umm-compare FORMAT
 *	label TEXT / wall S / script S / status N / failed CMD / error LINE
 *	notes TEXT
 *	phase NAME SECONDS (any number)
 *	file before|after NAME LENGTH, then LENGTH bytes and a newline
 *	transcript LENGTH, likewise
 *	record LENGTH, likewise
 *	end
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"

const char * const compare_file_names[NR_COMPARE_FILES] = {
	[CF_VMSTAT]	= "vmstat",
	[CF_BUDDYINFO]	= "buddyinfo",
	[CF_MM_STAT]	= "mm_stat",
	[CF_MEMINFO]	= "meminfo",
	[CF_MIGRATED]	= "migrated",
};

static const char * const when_names[2] = { "before", "after" };

/**
 * compare_side_init - an empty side
 * @side: the side
 * @label: its column's title
 * @is_linux: the Linux side (its migrated file is kprobe_profile)
 */
void compare_side_init(struct compare_side *side, const char *label,
		       bool is_linux)
{
	memset(side, 0, sizeof(*side));
	snprintf(side->label, sizeof(side->label), "%s", label);
	side->is_linux = is_linux;
}

/**
 * compare_side_free - free a side's texts
 * @side: the side
 */
void compare_side_free(struct compare_side *side)
{
	int w, f;

	for (w = 0; w < 2; w++)
		for (f = 0; f < NR_COMPARE_FILES; f++) {
			free(side->file[w][f]);
			side->file[w][f] = NULL;
		}
	free(side->transcript);
	side->transcript = NULL;
	side->transcript_len = 0;
	free(side->record);
	side->record = NULL;
	side->record_len = 0;
}

/**
 * compare_side_set_file - keep the text of a file read before or after
 * @side: the side
 * @after: 0 before the script, 1 after
 * @f: which file
 * @text: its text, @len bytes
 * @len: the length
 */
void compare_side_set_file(struct compare_side *side, int after,
			   enum compare_file f, const char *text, size_t len)
{
	free(side->file[after][f]);
	side->file[after][f] = strndup(text, len);
}

/**
 * compare_side_append - add to what the script printed
 * @side: the side
 * @text: @len bytes of output
 * @len: the length
 */
void compare_side_append(struct compare_side *side, const char *text,
			 size_t len)
{
	char *t = realloc(side->transcript, side->transcript_len + len + 1);

	if (!t)
		return;
	memcpy(t + side->transcript_len, text, len);
	side->transcript_len += len;
	t[side->transcript_len] = '\0';
	side->transcript = t;
}

/**
 * compare_side_note - add a note to the side's column ("; " between)
 * @side: the side
 * @fmt: the note
 */
void compare_side_note(struct compare_side *side, const char *fmt, ...)
{
	size_t len = strlen(side->notes);
	va_list ap;

	if (len && len + 2 < sizeof(side->notes)) {
		strcpy(side->notes + len, "; ");
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(side->notes + len, sizeof(side->notes) - len, fmt, ap);
	va_end(ap);
}

/**
 * compare_side_fail - a command failed: the first one is kept
 * @side: the side
 * @cmd: the command
 * @error: its error line, without the newline
 */
void compare_side_fail(struct compare_side *side, const char *cmd,
		       const char *error)
{
	if (side->status)
		return;
	side->status = 1;
	snprintf(side->failed_cmd, sizeof(side->failed_cmd), "%s", cmd);
	snprintf(side->error, sizeof(side->error), "%s", error);
}

/**
 * compare_side_phase - a phase began (a `phase NAME` command)
 * @side: the side
 * @cmd: the command
 * @t: seconds into the script
 */
void compare_side_phase(struct compare_side *side, const char *cmd, double t)
{
	struct compare_phase *p;
	char name[COMPARE_PHASE_LEN];

	if (side->nr_phases == COMPARE_MAX_PHASES ||
	    sscanf(cmd, "phase %31s", name) != 1)
		return;
	p = &side->phase[side->nr_phases++];
	snprintf(p->name, sizeof(p->name), "%s", name);
	p->t = t;
}

static void write_blob(FILE *f, const char *head, const char *text, size_t len)
{
	fprintf(f, "%s %zu\n", head, len);
	fwrite(text, 1, len, f);
	fputc('\n', f);
}

/**
 * compare_side_write - a side as text, for the cache
 * @f: where to
 * @side: the side
 *
 * Return: 0, or -EIO if @f could not take it.
 */
int compare_side_write(FILE *f, const struct compare_side *side)
{
	char head[64];
	int w, i;

	fprintf(f, "umm-compare %d\nlabel %s\nwall %.3f\nscript %.3f\n"
		"status %d\nfailed %s\nerror %s\nnotes %s\n", KCACHE_FORMAT,
		side->label, side->wall, side->script_time, side->status,
		side->failed_cmd, side->error, side->notes);
	for (i = 0; i < side->nr_phases; i++)
		fprintf(f, "phase %s %.3f\n", side->phase[i].name, side->phase[i].t);
	for (w = 0; w < 2; w++)
		for (i = 0; i < NR_COMPARE_FILES; i++) {
			const char *t = side->file[w][i];

			if (!t)
				continue;
			snprintf(head, sizeof(head), "file %s %s", when_names[w],
				 compare_file_names[i]);
			write_blob(f, head, t, strlen(t));
		}
	write_blob(f, "transcript", side->transcript ? : "",
		   side->transcript_len);
	write_blob(f, "record", side->record ? : "", side->record_len);
	fprintf(f, "end\n");
	return ferror(f) ? -EIO : 0;
}

/* "NAME rest" into @val (@size bytes): 0, or -EINVAL when not NAME. */
static int read_field(FILE *f, const char *name, char *val, size_t size)
{
	char line[COMPARE_ERR_LEN + 32];
	size_t n = strlen(name);

	if (!fgets(line, sizeof(line), f) || strncmp(line, name, n) ||
	    line[n] != ' ' || !strchr(line, '\n'))
		return -EINVAL;
	line[strcspn(line, "\n")] = '\0';
	snprintf(val, size, "%s", line + n + 1);
	return 0;
}

/* @len bytes and a newline into a new string. */
static char *read_blob(FILE *f, size_t len)
{
	char *t = malloc(len + 1);

	if (!t)
		return NULL;
	if (fread(t, 1, len, f) != len || fgetc(f) != '\n') {
		free(t);
		return NULL;
	}
	t[len] = '\0';
	return t;
}

static int index_of(const char *const *names, int nr, const char *name)
{
	int i;

	for (i = 0; i < nr; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

/* One "file WHEN NAME LEN" line and its text. */
static int read_file_blob(FILE *f, struct compare_side *side, char *line)
{
	char when[16], name[32];
	size_t len;
	int w, i;

	if (sscanf(line, "file %15s %31s %zu", when, name, &len) != 3 ||
	    len > (64u << 20))
		return -EINVAL;
	w = index_of(when_names, 2, when);
	i = index_of(compare_file_names, NR_COMPARE_FILES, name);
	if (w < 0 || i < 0 || side->file[w][i])
		return -EINVAL;
	side->file[w][i] = read_blob(f, len);
	return side->file[w][i] ? 0 : -EINVAL;
}

/* A "phase NAME SECONDS" line. */
static int read_phase(struct compare_side *side, const char *line)
{
	struct compare_phase *p = &side->phase[side->nr_phases];
	char end;

	if (side->nr_phases == COMPARE_MAX_PHASES ||
	    sscanf(line, "phase %31s %lf %c", p->name, &p->t, &end) != 2)
		return -EINVAL;
	side->nr_phases++;
	return 0;
}

/* The "label ... notes" lines. */
static int read_head(FILE *f, struct compare_side *side)
{
	char v[COMPARE_ERR_LEN], end;
	int err = 0;

	if (read_field(f, "umm-compare", v, sizeof(v)) ||
	    atoi(v) != KCACHE_FORMAT)
		return -EINVAL;
	err |= read_field(f, "label", side->label, sizeof(side->label));
	err |= read_field(f, "wall", v, sizeof(v));
	err |= sscanf(v, "%lf %c", &side->wall, &end) != 1;
	err |= read_field(f, "script", v, sizeof(v));
	err |= sscanf(v, "%lf %c", &side->script_time, &end) != 1;
	err |= read_field(f, "status", v, sizeof(v));
	err |= sscanf(v, "%d %c", &side->status, &end) != 1;
	err |= read_field(f, "failed", side->failed_cmd,
			  sizeof(side->failed_cmd));
	err |= read_field(f, "error", side->error, sizeof(side->error));
	err |= read_field(f, "notes", side->notes, sizeof(side->notes));
	return err ? -EINVAL : 0;
}

/**
 * compare_side_read - a side from what compare_side_write() wrote
 * @f: where from
 * @side: made anew from it (and left empty on error)
 *
 * Return: 0, or -EINVAL if @f does not hold a whole side.
 */
int compare_side_read(FILE *f, struct compare_side *side)
{
	char line[128];
	size_t len;
	int err;

	compare_side_init(side, "", true);
	err = read_head(f, side);

	while (!err) {
		if (!fgets(line, sizeof(line), f)) {
			err = -EINVAL;
		} else if (!strncmp(line, "phase ", 6)) {
			err = read_phase(side, line);
		} else if (!strncmp(line, "file ", 5)) {
			err = read_file_blob(f, side, line);
		} else if (sscanf(line, "transcript %zu", &len) == 1 &&
			   !side->transcript && len < (64u << 20)) {
			side->transcript = read_blob(f, len);
			side->transcript_len = len;
			err = side->transcript ? 0 : -EINVAL;
		} else if (sscanf(line, "record %zu", &len) == 1 &&
			   !side->record && len < (64u << 20)) {
			side->record = read_blob(f, len);
			side->record_len = len;
			err = side->record ? 0 : -EINVAL;
		} else {
			if (strcmp(line, "end\n") || fgetc(f) != EOF)
				err = -EINVAL;
			break;
		}
	}
	if (err)
		compare_side_free(side);
	return err;
}
