// SPDX-License-Identifier: GPL-2.0
/*
 * tools/fuzz/fuzz_pseudofs.c - arbitrary bytes into every writable file
 *
 * After boot (mem=64M, deterministic kernel threads) the target walks the
 * pseudo filesystem tree (fs/pseudo.c) and keeps every file with a write
 * permission bit: the sysctls of /proc/sys/vm, zram's attributes in
 * /sys/block/zram0, and debugfs (tracing, the sample driver's knobs,
 * zram's corrupt).  An input is a list of writes, each three parts:
 *
 *	byte 0		which file (modulo their number), and how it is
 *			opened: O_TRUNC as echo's '>' (an even quotient),
 *			or O_APPEND as '>>' (odd)
 *	byte 1		how many bytes to write, n
 *	n bytes		the bytes, NULs and all, written at position 0
 *
 * so that one input can set a disksize and then write the device's other
 * attributes.  After every write the file is read back.
 *
 * What it checks:
 *  - ASan and UBSan, kernel BUG()s and panics;
 *  - a write never claims more bytes than it was given;
 *  - a refused write (an error) leaves the file's value as it was (when
 *    two reads before it agreed: counters that move are not values),
 *    set_event (opened with O_TRUNC or not) and the sample driver's
 *    pages included;
 *  - set_event opened with O_APPEND adds: a write that takes no event
 *    away ('!') leaves every event that was enabled enabled;
 *  - a value file that took a plain decimal number reads it back
 *    (sysctls and the sample driver's percentages, whose text is one
 *    number);
 *  - a value read back after a successful write is itself accepted, and
 *    writing it changes nothing: what a file shows, it takes (the trace
 *    buffer's size too, however large: a resize to the same size
 *    allocates nothing and keeps the entries);
 *  - after each input, fuzz_restore() puts every value back and
 *    fuzz_check_kernel() finds the kernel untainted, its free lists
 *    consistent and no page leaked.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

#define MAX_WRITES	8

static struct fuzz_file **targets, *trace;
static int nr_targets;

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

/* Files whose text is one decimal number that a write sets as it is. */
static bool exact_number_file(const struct fuzz_file *f)
{
	const char *p = f->boot_text;

	if (!p || (strncmp(f->path, "/proc/sys/", 10) &&
		   !ends_with(f->path, "/movable_sample/fail_isolate") &&
		   !ends_with(f->path, "/movable_sample/fail_migrate")))
		return false;
	/* As Linux: the pool reads back the huge pages it got, maybe fewer. */
	if (ends_with(f->path, "/nr_hugepages"))
		return false;
	if (*p == '-')
		p++;
	if (!*p)
		return false;
	while (*p >= '0' && *p <= '9')
		p++;
	return !strcmp(p, "\n");
}

/*
 * Is @data "N" or "-N" (and a newline), N in plain decimal without
 * leading zeros, no more than 18 digits?  Then *@val is its value.
 */
static bool plain_decimal(const uint8_t *data, size_t len, long long *val)
{
	size_t i = 0, digits;
	bool neg = false;

	if (len && data[len - 1] == '\n')
		len--;
	if (i < len && data[i] == '-') {
		neg = true;
		i++;
	}
	digits = len - i;
	if (!digits || digits > 18 || (data[i] == '0' && digits > 1))
		return false;
	for (*val = 0; i < len; i++) {
		if (data[i] < '0' || data[i] > '9')
			return false;
		*val = *val * 10 + (data[i] - '0');
	}
	if (neg)
		*val = -*val;
	return true;
}

/*
 * Whose text is not what they take: disksize is set once, comp_algorithm
 * shows every choice, trace is a log, movetorture's run shows the last
 * run's summary (it takes a kind), an event's filter shows "none" or
 * the last error (0 clears it), a trace buffer not yet allocated
 * shows "0 (expanded: N)" and an events directory whose events differ
 * shows "X".
 */
static bool shows_what_it_takes(const struct fuzz_file *f, const char *text)
{
	if (ends_with(f->path, "/disksize") ||
	    ends_with(f->path, "/comp_algorithm") ||
	    ends_with(f->path, "/tracing/trace") ||
	    ends_with(f->path, "/movetorture/run") ||
	    ends_with(f->path, "/filter"))
		return false;
	return !strstr(text, "expanded") && strcmp(text, "X\n");
}

/*
 * Asking the sample driver for more pages than half of RAM has it
 * allocate until memory runs out, a third of a second and more per
 * input: skipped (check_pages_refusal() checks such a write once).
 */
static bool too_costly(const struct fuzz_file *f, const uint8_t *data,
		       size_t len)
{
	const char *p = (const char *)data, *end;
	bool overflow;

	if (!ends_with(f->path, "/movable_sample/pages"))
		return false;
	while (len && (*p == ' ' || *p == '\t' || *p == '+')) {
		p++;
		len--;
	}
	return fuzz_parse_c_number(p, p + len, &end, &overflow) > 8192 ||
	       overflow;
}

static char *read_or_null(const struct fuzz_file *f)
{
	int err;

	return f->readable ? fuzz_read(f->path, &err) : NULL;
}

static bool same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* Does @data hold a word that takes an event away ("!name")? */
static bool disables_events(const uint8_t *data, size_t len)
{
	return memchr(data, '!', len) != NULL;
}

static const char *next_line(const char *s)
{
	s += strcspn(s, "\n");
	return *s ? s + 1 : s;
}

/* Is every line of @before a line of @after? */
static bool lines_kept(const char *before, const char *after)
{
	const char *line, *p;

	for (line = before; *line; line = next_line(line)) {
		size_t n = strcspn(line, "\n");

		for (p = after; *p; p = next_line(p))
			if (strcspn(p, "\n") == n && !strncmp(p, line, n))
				break;
		if (!*p)
			return false;
	}
	return true;
}

/*
 * How many entries the trace buffer has taken since it was last emptied
 * (its header's "entries-written"), or -1.
 */
static long entries_written(void)
{
	char *text = read_or_null(trace), *p;
	long n = -1;

	p = text ? strstr(text, "entries-in-buffer/entries-written: ") : NULL;
	if (!p || sscanf(p, "entries-in-buffer/entries-written: %*u/%ld", &n) != 1)
		n = -1;
	free(text);
	return n;
}

/* Write what @f shows back to it: it must take it and stay the same. */
static void check_own_value(const struct fuzz_file *f, const char *value)
{
	bool size_kb = ends_with(f->path, "/buffer_size_kb");
	long entries = size_kb ? entries_written() : -1;
	char *again;
	ssize_t back;

	back = fuzz_write(f->path, value, strlen(value));
	if (back < 0)
		fuzz_fail("%s: refuses its own value '%s' (%zd)", f->path,
			  value, back);
	again = read_or_null(f);
	if (!same(value, again))
		fuzz_fail("%s: writing its value '%s' changed it to '%s'",
			  f->path, value, again ? again : "(unreadable)");
	free(again);
	/* The same size: the buffer keeps what it holds (entries only grow). */
	if (entries > 0 && entries_written() < entries)
		fuzz_fail("%s: writing its own size %.*s emptied the trace (%ld entries written before, %ld after)",
			  f->path, (int)strcspn(value, "\n"), value, entries,
			  entries_written());
}

static void check_write(const struct fuzz_file *f, const uint8_t *data,
			size_t len, int flags)
{
	char *before = read_or_null(f), *again = read_or_null(f), *after;
	bool stable = same(before, again);
	long long want;
	ssize_t ret;

	ret = fuzz_write_flags(f->path, data, len, flags);
	if (ret > (ssize_t)len)
		fuzz_fail("%s: a write of %zu bytes says it took %zd", f->path,
			  len, ret);
	after = read_or_null(f);
	/*
	 * An event's filter file shows Linux's error report after a bad
	 * filter, by design; the filter in force stays (test_trace_files
	 * checks that).
	 */
	if (ret < 0 && stable && !same(before, after) &&
	    !ends_with(f->path, "/filter"))
		fuzz_fail("%s: a write (%s) refused with %zd changed it from '%s' to '%s'",
			  f->path, flags & O_APPEND ? ">>" : ">", ret, before,
			  after ? after : "(unreadable)");
	if (ret >= 0 && stable && after && (flags & O_APPEND) &&
	    ends_with(f->path, "/tracing/set_event") &&
	    !disables_events(data, len) && !lines_kept(before, after))
		fuzz_fail("%s: a write with O_APPEND ('>>') took events away: they were '%s', they are '%s'",
			  f->path, before, after);
	if (ret >= 0 && after && exact_number_file(f) &&
	    plain_decimal(data, len, &want) && atoll(after) != want)
		fuzz_fail("%s: took %lld, reads back '%s'", f->path, want, after);
	if (ret >= 0 && after && shows_what_it_takes(f, after))
		check_own_value(f, after);
	free(before);
	free(again);
	free(after);
}

/*
 * A write of more pages than RAM holds to the sample driver is over the
 * cost limit (too_costly()), so it is checked once, here: it is refused,
 * and gives back every page it took.
 */
static void check_pages_refusal(void)
{
	static const char path[] = "/sys/kernel/debug/movable_sample/pages";
	char *before, *after;
	ssize_t ret;
	int err;

	fuzz_quiet_begin();
	before = fuzz_read(path, &err);
	ret = fuzz_write(path, "100000\n", 7);
	after = fuzz_read(path, &err);
	if (ret >= 0 || !same(before, after))
		fuzz_fail("%s: a write of 100000 pages returned %zd and changed it from '%s' to '%s'",
			  path, ret, before ? before : "(unreadable)",
			  after ? after : "(unreadable)");
	free(before);
	free(after);
	fuzz_restore();
	fuzz_check_kernel();
	fuzz_quiet_end();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int i;

	fuzz_boot(FUZZ_BOOT_PARAMS);
	for (i = 0; i < fuzz_nr_files; i++) {
		if (ends_with(fuzz_files[i].path, "/tracing/trace"))
			trace = &fuzz_files[i];
		if (!fuzz_files[i].writable)
			continue;
		targets = realloc(targets, (nr_targets + 1) * sizeof(*targets));
		targets[nr_targets++] = &fuzz_files[i];
	}
	if (!nr_targets || !trace)
		fuzz_fail("no writable file, or no trace, after boot");
	check_pages_refusal();
	if (getenv("UMM_FUZZ_LIST"))
		for (i = 0; i < nr_targets; i++)
			printf("%3d %s\n", i, targets[i]->path);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t pos = 0;
	int n;

	fuzz_quiet_begin();
	for (n = 0; n < MAX_WRITES && pos + 2 <= size; n++) {
		const struct fuzz_file *f = targets[data[pos] % nr_targets];
		int flags = (data[pos] / nr_targets) & 1 ? O_APPEND : O_TRUNC;
		size_t len = data[pos + 1];

		pos += 2;
		if (len > size - pos)
			len = size - pos;
		if (!too_costly(f, data + pos, len))
			check_write(f, data + pos, len, flags);
		pos += len;
	}
	fuzz_restore();
	fuzz_check_kernel();
	fuzz_quiet_end();
	return 0;
}
