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
 *  - a script with a command line longer than the console takes (4095
 *    bytes) must fail, not run a cut-down command (KNOWN BUG 2).
 *
 * Inputs that would only be slow (a hundred million allocations, a
 * disk of terabytes written page by page) are skipped: see too_costly().
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../../init/console.h"

#define CONSOLE_LINE_MAX	4096	/* init/console.c's LINE_MAX */
#define MAX_WORDS		16

/* One command of a script: where it starts and its text without comments. */
struct ref_command {
	char text[CONSOLE_LINE_MAX * 2];
	size_t len;		/* characters, comments excluded; may exceed the buffer */
};

/*
 * The script's syntax as documented in init/console.c, written again:
 * commands end at a newline, or at ';' outside quotes; '#' at the start
 * of a word comments out the rest of the line.  Calls @fn on each.
 * Returns true if @fn did.
 */
static bool scan_commands(const char *s, bool (*fn)(struct ref_command *c))
{
	static struct ref_command c;

	while (*s) {
		bool comment = false;
		char quote = 0;

		c.len = 0;
		for (; *s && *s != '\n' && (quote || comment || *s != ';'); s++) {
			char ch = *s;

			if (!comment && !quote && ch == '#' &&
			    (c.len == 0 || isspace((unsigned char)c.text[c.len - 1])))
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
		}
		c.text[c.len < sizeof(c.text) ? c.len : sizeof(c.text) - 1] = '\0';
		if (*s)
			s++;
		if (fn(&c))
			return true;
	}
	return false;
}

static bool overlong(struct ref_command *c)
{
	return c->len >= CONSOLE_LINE_MAX;
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
 * verbs' page counts, and a zram disksize beyond RAM (which swap and
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
	for (i = 1; i + 1 < n; i++) {
		if (strstr(words[i + 1], "disksize") &&
		    size_value(words[i]) > 256.0 * 1048576)
			return true;
		/* As in fuzz_pseudofs.c: allocating until the OOM killer gives up. */
		if (!fuzz_find_known(4) && strstr(words[i + 1], "movable_sample/pages") &&
		    size_value(words[i]) > 8192)
			return true;
	}
	return false;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_boot(FUZZ_BOOT_PARAMS);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool long_line;
	char *script;
	int ret;

	/* KNOWN BUG 1: the negation of LONG_MIN in int sysctls. */
	if (known_int_min_magnitude(data, size))
		return 0;
	script = malloc(size + 1);
	memcpy(script, data, size);
	script[size] = '\0';
	if (scan_commands(script, too_costly)) {
		free(script);
		return 0;
	}
	long_line = scan_commands(script, overlong);
	/* KNOWN BUG 2: lines over 4095 bytes are cut silently. */
	if (long_line && !fuzz_find_known(2)) {
		free(script);
		return 0;
	}

	fuzz_quiet_begin();
	ret = console_run_text(script, "fuzz", false);
	if (long_line && !ret)
		fuzz_fail("a command line of over %d bytes was cut and run",
			  CONSOLE_LINE_MAX - 1);
	fuzz_restore();
	fuzz_check_kernel();
	fuzz_quiet_end();
	free(script);
	return 0;
}
