// SPDX-License-Identifier: GPL-2.0
/*
 * tools/fuzz/fuzz_console.c - the console: line parser and dispatcher
 *
 * Each input is a console script, run on a kernel booted once for the
 * process (mem=64M, deterministic kernel threads): console_run_text()
 * splits it into commands at newlines and ';' (quotes, comments),
 * split_words() into words, and the command tables of init/console_*.c
 * dispatch them, so every verb (cat, echo > FILE, ls, expect, alloc,
 * free, task, mmap, fill, verify, blkwrite, mkswap, swapon, spawn,
 * snapshot...) runs with whatever arguments the fuzzer makes.  The script
 * goes on after a failing command, as the interactive shell does, so one
 * input can build state and use it.
 *
 * What it checks:
 *  - ASan and UBSan, and kernel BUG()s and panics (all crashes);
 *  - after each input, fuzz_restore() must take the kernel back to its
 *    boot state (tasks, sets, swap, zram, every file's value), and
 *    fuzz_check_kernel() must find it untainted (no WARN, no bad page),
 *    its free lists consistent and no page leaked;
 *  - a command longer than the console takes (CONSOLE_LINE_MAX, 4095
 *    bytes, comments left out) is refused whole: run alone, it fails
 *    with -E2BIG and one line, "umm: CMD: command longer than 4095
 *    bytes", prints nothing else and changes nothing (no file's value,
 *    no task, page set or swap); a script that holds one fails; and a
 *    command of exactly 4095 bytes is not refused for its length.
 *
 * Inputs that would only be slow (a hundred million allocations, a
 * disk of terabytes written page by page) are skipped: see too_costly().
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../testing/umm/umm_test_lib.h"
#include "../../init/console.h"

#include <linux/stringify.h>

#define MAX_WORDS		16
#define MAX_ALONE		4	/* commands of a script run alone, at most */

/* init/console.c's refusal of a command over CONSOLE_LINE_MAX bytes. */
#define TOO_LONG		"command longer than " \
				__stringify(CONSOLE_LINE_MAX) " bytes"
#define TOO_LONG_MSG		": " TOO_LONG "\n"

/* One command of a script: as typed, and its text without comments. */
struct ref_command {
	const char *raw;	/* in the script, up to its ';' or newline */
	size_t raw_len;
	char text[CONSOLE_LINE_MAX * 2];
	size_t len;		/* characters, comments excluded; may exceed the buffer */
};

/* The kernel's isspace() (lib/ctype.c, ISO 8859-1): the no-break space too. */
static bool ref_isspace(char ch)
{
	return isspace((unsigned char)ch) || (unsigned char)ch == 0xa0;
}

/*
 * The script's syntax as documented in init/console.c, written again:
 * commands end at a newline, or at ';' outside quotes; '#' at the start
 * of a word (after a blank) comments out the rest of the line.  Calls
 * @fn on each.  Returns true if @fn did.
 */
static bool scan_commands(const char *s, bool (*fn)(struct ref_command *c))
{
	static struct ref_command c;

	while (*s) {
		bool comment = false;
		char quote = 0, last = 0;

		c.raw = s;
		c.len = 0;
		for (; *s && *s != '\n' && (quote || comment || *s != ';'); s++) {
			char ch = *s;

			if (!comment && !quote && ch == '#' &&
			    (c.len == 0 || ref_isspace(last)))
				comment = true;
			else if (!comment && quote && ch == quote)
				quote = 0;
			else if (!comment && !quote && (ch == '\'' || ch == '"'))
				quote = ch;
			if (comment)
				continue;
			if (c.len < sizeof(c.text) - 1)
				c.text[c.len] = ch;
			c.len++;
			last = ch;
		}
		c.raw_len = s - c.raw;
		c.text[c.len < sizeof(c.text) ? c.len : sizeof(c.text) - 1] = '\0';
		if (*s)
			s++;
		if (fn(&c))
			return true;
	}
	return false;
}

/* The commands of a script at or over the limit, kept to be run alone. */
static struct long_command {
	char *text;
	bool over;		/* over the limit: must be refused */
} long_cmds[MAX_ALONE];
static int nr_long, nr_over;

static bool collect_long(struct ref_command *c)
{
	if (c->len < CONSOLE_LINE_MAX)
		return false;
	if (c->len > CONSOLE_LINE_MAX)
		nr_over++;
	if (nr_long < MAX_ALONE) {
		/* As typed, comment and all: the console must find its end too. */
		long_cmds[nr_long].text = strndup(c->raw, c->raw_len);
		long_cmds[nr_long].over = c->len > CONSOLE_LINE_MAX;
		nr_long++;
	}
	return false;
}

/* A decimal number with an optional size suffix, in bytes; -1 if not one. */
static double size_value(const char *w)
{
	char *end;
	double v;

	if (!isdigit((unsigned char)*w))
		return -1;
	static const char suffixes[] = "KMGTPE";
	const char *suffix;

	v = strtod(w, &end);
	suffix = *end ? strchr(suffixes, toupper((unsigned char)*end)) : NULL;
	if (suffix) {
		v = ldexp(v, 10 * (suffix - suffixes + 1));
		end++;
	}
	return *end ? -1 : v;
}

/*
 * Commands whose cost grows with a number in them, past what a fuzzer
 * can wait for: 'alloc SET ORDER COUNT' (COUNT up to 10^8), the blk*
 * verbs' page counts, 'sleep SECONDS', and a zram disksize beyond RAM (which swap and
 * blkwrite can then fill page by page), more pages for the sample driver
 * than half of RAM (it allocates until the OOM killer gives up).  Their parsers still see every
 * other number, and fuzz_pseudofs writes any size to disksize.
 */
static bool too_costly(struct ref_command *c)
{
	char *words[MAX_WORDS], buf[sizeof(c->text)], *p, *save = NULL;
	int n = 0, i;

	for (i = 0, p = buf; c->text[i]; i++)
		if (c->text[i] != '\'' && c->text[i] != '"')
			*p++ = c->text[i];
	*p = '\0';
	for (p = strtok_r(buf, " \t\r\v\f>", &save); p && n < MAX_WORDS;
	     p = strtok_r(NULL, " \t\r\v\f>", &save))
		words[n++] = p;
	if (n >= 4 && !strcmp(words[0], "alloc") && size_value(words[3]) > 100000)
		return true;
	if (n >= 4 && !strncmp(words[0], "blk", 3) && size_value(words[3]) > 65536)
		return true;
	/* Up to a day, and nothing interrupts it here. */
	if (n >= 2 && !strcmp(words[0], "sleep") && strtod(words[1], NULL) > 0.01)
		return true;
	for (i = 1; i + 1 < n; i++) {
		if (strstr(words[i + 1], "disksize") &&
		    size_value(words[i]) > 256.0 * 1048576)
			return true;
		/* As in fuzz_pseudofs.c: allocating until the OOM killer gives up. */
		if (strstr(words[i + 1], "movable_sample/pages") &&
		    size_value(words[i]) > 8192)
			return true;
	}
	return false;
}

/* Is @err one line, "umm: WORD: command longer than 4095 bytes"? */
static bool refusal_line(const char *err)
{
	size_t n = strlen(err), m = strlen(TOO_LONG_MSG);
	const char *word = err + 5;

	if (strncmp(err, "umm: ", 5) || n < 5 + m ||
	    strcmp(err + n - m, TOO_LONG_MSG))
		return false;
	/* The word (the command's first, as typed): no blank, no newline. */
	for (; word < err + n - m; word++)
		if (*word == ' ' || *word == '\n')
			return false;
	return true;
}

/*
 * Run a command of at least CONSOLE_LINE_MAX bytes on its own, as typed
 * (its comment too), on the kernel as the boot left it.  Over the limit,
 * it must be refused with -E2BIG and its one line, and nothing of it may
 * run; at the limit exactly, it must not be refused for its length.
 */
static void run_alone(const struct long_command *lc)
{
	size_t len = strlen(lc->text);
	char *out, *err;
	int ret;

	fuzz_capture_begin();
	ret = console_run_text(lc->text, "fuzz", false);
	fuzz_capture_end(&out, &err);
	if (!lc->over) {
		if (strstr(err, TOO_LONG))
			fuzz_fail("a command of %d bytes (the limit) was refused: '%s'",
				  CONSOLE_LINE_MAX, err);
	} else {
		if (ret != -E2BIG)
			fuzz_fail("a command over %d bytes (%zu as typed) returned %d, not -E2BIG",
				  CONSOLE_LINE_MAX, len, ret);
		if (!refusal_line(err))
			fuzz_fail("a command over %d bytes (%zu as typed) was refused with '%.300s', not one line 'umm: CMD: %s'",
				  CONSOLE_LINE_MAX, len, err, TOO_LONG);
		if (out[0])
			fuzz_fail("a command over %d bytes (%zu as typed) was refused, yet printed '%.300s'",
				  CONSOLE_LINE_MAX, len, out);
		fuzz_check_untouched();
	}
	free(out);
	free(err);
	fuzz_restore();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_boot(FUZZ_BOOT_PARAMS);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *script;
	int ret, i;

	script = malloc(size + 1);
	memcpy(script, data, size);
	script[size] = '\0';
	if (scan_commands(script, too_costly)) {
		free(script);
		return 0;
	}
	nr_long = nr_over = 0;
	scan_commands(script, collect_long);

	fuzz_quiet_begin();
	for (i = 0; i < nr_long; i++) {
		run_alone(&long_cmds[i]);
		free(long_cmds[i].text);
	}
	ret = console_run_text(script, "fuzz", false);
	if (nr_over && !ret)
		fuzz_fail("a script with %d commands of over %d bytes succeeded",
			  nr_over, CONSOLE_LINE_MAX);
	fuzz_restore();
	fuzz_check_kernel();
	fuzz_quiet_end();
	free(script);
	return 0;
}
