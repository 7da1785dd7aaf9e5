// SPDX-License-Identifier: GPL-2.0
/*
 * tools/fuzz/fuzz_known.c - stepping around known open bugs (TEMPORARY)
 *
 * A bug that makes a target crash within seconds keeps it from exploring
 * anything else, and makes every `make fuzz` fail on what is already
 * known.  Until each of these is fixed, the targets step around the
 * inputs that show it; each place that does so names its bug with a
 * "KNOWN BUG" comment.  When a fix lands, delete the step-around (and
 * its entry here) so that the fuzzers guard the fix.
 * UMM_FUZZ_KNOWN=all (make fuzz FUZZ_KNOWN=all) turns them all off, and
 * UMM_FUZZ_KNOWN="1 3" those of bugs 1 and 3.  The seed corpora hold a
 * reproducer of each (tools/fuzz/corpus/TARGET/knownN_*; bug 2's is the
 * console's long_line.umm, one byte short of the limit), so a target
 * that no longer steps around a fixed bug checks the fix at once.
 *
 * The bugs, all being fixed in their own files:
 *  1. kernel/sysctl.c int_minmax_check(): "-9223372036854775808" (a
 *     magnitude of 2^63) written to an int sysctl negates LONG_MIN, which
 *     UBSan reports (fuzz_console, fuzz_pseudofs:
 *     known_int_min_magnitude()).
 *  2. init/console.c console_run_text(): a command line over 4095 bytes
 *     is cut short without a word, and what is left runs (fuzz_console).
 *  3. lib/cmdline.c memparse() under early_param()s (mem=, movablecore=,
 *     trace_buf_size=): a number that overflows 64 bits, or a size whose
 *     suffix takes it past 64 bits, is taken modulo 2^64 and accepted
 *     (mem=18446744073709551680M boots with 64M) (fuzz_params).
 *  4. samples/movable pages and tracing/set_event: a write that is
 *     refused has still changed the value (fuzz_pseudofs).
 *  5. kernel/trace/ring_buffer.c ring_buffer_resize(), found by
 *     fuzz_pseudofs: a resize allocates the whole new buffer before it
 *     frees the old one, even to the same size, so writing its own value
 *     back to buffer_size_kb fails with -ENOMEM once the buffer holds
 *     more than half of free memory (and a resize to the same size
 *     empties the trace, where Linux does nothing).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static const char *find_known;

void fuzz_known_init(void)
{
	find_known = getenv("UMM_FUZZ_KNOWN");
}

bool fuzz_find_known(int bug)
{
	char word[4];

	if (!find_known)
		return false;
	if (!strcmp(find_known, "all"))
		return true;
	snprintf(word, sizeof(word), "%d", bug);
	/* A word of the list: "1 3", "1,3". */
	for (const char *p = find_known; (p = strstr(p, word)); p++)
		if ((p == find_known || !isdigit((unsigned char)p[-1])) &&
		    !isdigit((unsigned char)p[strlen(word)]))
			return true;
	return false;
}

static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 16;
}

uint64_t fuzz_parse_c_number(const char *s, const char *limit,
			     const char **end, bool *overflow)
{
	unsigned int base = 10, d;
	uint64_t val = 0;

	*overflow = false;
	if (s < limit && *s == '0') {
		base = 8;
		if (limit - s > 2 && (s[1] | 0x20) == 'x' &&
		    digit_value(s[2]) < 16) {
			base = 16;
			s += 2;
		}
	}
	for (; s < limit && (d = digit_value(*s)) < base; s++) {
		if (val > (UINT64_MAX - d) / base)
			*overflow = true;
		val = val * base + d;
	}
	*end = s;
	return val;
}

/*
 * KNOWN BUG 1: does @data hold a '-' followed by a number in C notation
 * whose magnitude is exactly 2^63?
 */
bool known_int_min_magnitude(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *limit = p + size, *end;
	bool overflow;

	if (fuzz_find_known(1))
		return false;
	for (; p < limit; p++) {
		if (*p != '-')
			continue;
		if (fuzz_parse_c_number(p + 1, limit, &end, &overflow) ==
		    (uint64_t)1 << 63 && !overflow)
			return true;
	}
	return false;
}
