// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_console_text.c - how the console splits its text
 *
 * console_run_text() cuts text into commands at newlines and at ';'
 * outside quotes, drops comments, and refuses a command longer than
 * CONSOLE_LINE_MAX whole.  The command line (-c, run FILE) stops at the
 * first error and the shell refuses an over-long line before it gets
 * here, so what happens after a refused command is reached only with
 * stop_on_error false: these tests call it directly, as the fuzzer does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "umm_test.h"

#include "../../../init/console.h"

FIXTURE_VARIANT_ADD(umm, mem64m) {
	.params = "mem=64M",
};

UMM_FIXTURE_SETUP

/* The text of a command of @n bytes ("echo xxx..."), and @tail after it. */
static char *long_command(size_t n, const char *tail)
{
	char *s = malloc(n + strlen(tail) + 1);

	memcpy(s, "echo ", 5);
	memset(s + 5, 'x', n - 5);
	strcpy(s + n, tail);
	return s;
}

/*
 * A '#' typed after a blank starts a comment even where the command has
 * been cut at the limit: the ';' inside the comment ends nothing, and
 * the allocation after it never runs.  (It used to look at the last byte
 * kept, an 'x', and run "alloc s 0 1": found by the console fuzzer.)
 */
TEST_F(umm, console_comment_after_a_cut_command_stays_a_comment)
{
	char *text = long_command(CONSOLE_LINE_MAX, " #;alloc s 0 1\necho ok");
	struct console_out o;

	EXPECT_EQ(-E2BIG, console_run_text(text, "t", false));
	EXPECT_EQ(0, console("sets", &o));
	EXPECT_STREQ("", o.out);
	free(text);
}

/* One byte over the limit is refused and nothing of it runs; at the limit it runs. */
TEST_F(umm, console_command_at_and_over_the_limit)
{
	char *at = long_command(CONSOLE_LINE_MAX, "");
	char *over = long_command(CONSOLE_LINE_MAX + 1, "; alloc s 0 1");
	struct console_out o;

	EXPECT_EQ(0, console(at, &o));
	EXPECT_EQ(CONSOLE_LINE_MAX - 5 + 1, strlen(o.out));
	/* The next command, after the ';', still runs: only the long one is refused. */
	EXPECT_EQ(-E2BIG, console_run_text(over, "t", false));
	EXPECT_EQ(0, console("sets", &o));
	EXPECT_NE(NULL, strstr(o.out, "s")) {
		TH_LOG("sets: %s", o.out);
	}
	EXPECT_EQ(0, console("free s all", &o));
	free(at);
	free(over);
}

UMM_TEST_MAIN
