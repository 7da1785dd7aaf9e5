// SPDX-License-Identifier: GPL-2.0
/*
 * tools/fuzz/fuzz_params.c - the boot command line
 *
 * An input is a command line: words separated by white space (or NULs).
 * The target does what start_kernel() does with them before a boot:
 * console_parse_args() splits them into boot parameters and a mode, and
 * parse_args() (kernel/params.c) runs the parameters through the
 * early_param()/__setup() hooks and the module_param()s of every
 * built-in file.  Then it gives each word to parse_args() alone, so
 * that each one's verdict can be checked.  Nothing boots: a process boots
 * once, and these are the words that decide how.
 *
 * What it checks:
 *  - ASan and UBSan, kernel BUG()s, panics and WARNs (taint);
 *  - console_parse_args() keeps at most 64 parameters, each with a '='
 *    and not an option;
 *  - each word's verdict against a reference written from the
 *    parameters' documentation: a module_param() of type int, uint,
 *    long, ulong, ullong or bool takes exactly the numbers of its type in
 *    C notation (kstrto*(), base 0: 0x hex, 0 octal, a '+' or a '-'
 *    where it fits, one newline at the end) and its ->get() then shows
 *    the value; mem= takes a size from 64M to 64G, movablecore= any
 *    size, trace_buf_size= a size that is not 0 (sizes as memparse():
 *    C notation and one of K M G T P E), nr_cpus= 2 to 128, loglevel= 0
 *    to 8 in decimal, page_poison= a boolean.  Taking a value the
 *    reference refuses, refusing one it takes, or storing another value
 *    are all failures.  A size past 64 bits must be refused (KNOWN BUG
 *    3: memparse() wraps it).
 *
 * Module parameters are put back to their values at start after each
 * input.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "../../init/console.h"

#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/bug.h>
#include <asm/sections.h>

#define MAX_WORDS	80
#define PARAM_MAX	255	/* kernel/params.c's buffer, less the NUL */

/* ---- the reference ----------------------------------------------------- */

/* kstrtoull() without the '+': C notation, one newline, nothing else. */
static int ref_strtoull_nosign(const char *s, uint64_t *val)
{
	const char *end, *limit = s + strlen(s);
	bool overflow;

	*val = fuzz_parse_c_number(s, limit, &end, &overflow);
	/* "0x" with no hex digit after it is octal 0, then an 'x'. */
	if (end == s || (end == s + 2 && s[0] == '0' && (s[1] | 0x20) == 'x'))
		return -EINVAL;
	if (overflow)
		return -ERANGE;
	if (*end == '\n')
		end++;
	return *end ? -EINVAL : 0;
}

static int ref_strtoull(const char *s, uint64_t *val)
{
	return ref_strtoull_nosign(*s == '+' ? s + 1 : s, val);
}

static int ref_strtoll(const char *s, int64_t *val)
{
	uint64_t mag;
	int err;

	if (*s == '-') {
		err = ref_strtoull_nosign(s + 1, &mag);
		if (err || mag > (uint64_t)INT64_MAX + 1)
			return err ? err : -ERANGE;
		*val = (int64_t)(0 - mag);
		return 0;
	}
	err = ref_strtoull(s, &mag);
	if (err || mag > INT64_MAX)
		return err ? err : -ERANGE;
	*val = mag;
	return 0;
}

/* kstrtobool(): the first character, or the first two for on/off. */
static int ref_strtobool(const char *s, bool *val)
{
	switch (s[0]) {
	case 'y': case 'Y': case '1':
		*val = true;
		return 0;
	case 'n': case 'N': case '0':
		*val = false;
		return 0;
	case 'o': case 'O':
		if ((s[1] | 0x20) == 'n') {
			*val = true;
			return 0;
		}
		if ((s[1] | 0x20) == 'f') {
			*val = false;
			return 0;
		}
	}
	return -EINVAL;
}

/*
 * memparse() as documented: a number in C notation, then optionally one
 * of K M G T P E (either case), each a power of 1024.  *@overflow if the
 * digits or the suffix take it past 64 bits.  Returns where it stopped.
 */
static const char *ref_memparse(const char *s, uint64_t *val, bool *overflow)
{
	static const char suffixes[] = "KMGTPE";
	const char *end, *suffix;
	unsigned int shift = 0;

	*val = fuzz_parse_c_number(s, s + strlen(s), &end, overflow);
	suffix = *end ? strchr(suffixes, toupper((unsigned char)*end)) : NULL;
	if (suffix) {
		shift = 10 * (suffix - suffixes + 1);
		end++;
	}
	if (shift && *val >> (64 - shift))
		*overflow = true;
	*val <<= shift;
	return end;
}

/* ---- the checks -------------------------------------------------------- */

struct saved_param {
	const struct kernel_param *kp;
	char value[64];
};

static struct saved_param *saved;
static int nr_saved;

/* What the module parameter @kp must hold after taking @val. */
static int expect_module_param(const struct kernel_param *kp, const char *val,
			       char *want, size_t size)
{
	int64_t s;
	uint64_t u;
	bool b;

	if (kp->ops == &param_ops_bool) {
		if (ref_strtobool(val, &b))
			return -EINVAL;
		snprintf(want, size, "%c\n", b ? 'Y' : 'N');
	} else if (kp->ops == &param_ops_int || kp->ops == &param_ops_long) {
		if (ref_strtoll(val, &s) || (kp->ops == &param_ops_int &&
					     (s < INT32_MIN || s > INT32_MAX)))
			return -EINVAL;
		snprintf(want, size, "%lld\n", (long long)s);
	} else if (kp->ops == &param_ops_uint || kp->ops == &param_ops_ulong ||
		   kp->ops == &param_ops_ullong) {
		if (ref_strtoull(val, &u) ||
		    (kp->ops == &param_ops_uint && u > UINT32_MAX))
			return -EINVAL;
		snprintf(want, size, "%llu\n", (unsigned long long)u);
	} else {
		return 1;	/* a type of its own: no reference */
	}
	return 0;
}

/*
 * Whether an early_param()/__setup() must take @val: 1 yes, 0 no, -1 no
 * reference (or a known bug in the way).
 */
static int expect_setup(const char *name, const char *val)
{
	uint64_t v;
	int64_t i;
	bool overflow, b;
	const char *end;

	if (!strcmp(name, "mem") || !strcmp(name, "movablecore") ||
	    !strcmp(name, "trace_buf_size")) {
		if (!strcmp(name, "trace_buf_size")) {
			end = ref_memparse(val, &v, &overflow);
		} else {
			if (!isdigit((unsigned char)*val))
				return 0;
			end = ref_memparse(val, &v, &overflow);
		}
		if (*end)
			return 0;
		/* KNOWN BUG 3: memparse() wraps instead of refusing. */
		if (overflow)
			return fuzz_find_known(3) ? 0 : -1;
		if (!strcmp(name, "mem"))
			return v >= (64ULL << 20) && v <= (64ULL << 30);
		if (!strcmp(name, "trace_buf_size"))
			return v != 0;
		return 1;
	}
	if (!strcmp(name, "nr_cpus"))
		return !ref_strtoull(val, &v) && v >= 2 && v <= CONFIG_NR_CPUS;
	if (!strcmp(name, "loglevel")) {
		/* Base 10: a "0x" or a leading 0 is not a prefix here. */
		if (!*val || (val[0] == '0' && val[1] && val[1] != '\n'))
			return -1;
		return !ref_strtoll(val, &i) && i >= 0 && i <= 8;
	}
	if (!strcmp(name, "page_poison"))
		return !ref_strtobool(val, &b);
	return -1;
}

/* Give @word alone to parse_args() and check its verdict. */
static void check_word(char *word)
{
	char name[PARAM_MAX + 1], want[64], have[128];
	const struct kernel_param *kp;
	const char *val;
	int err, expect;
	char *eq;

	if (strlen(word) > PARAM_MAX)
		return;
	strcpy(name, word);
	eq = strchr(name, '=');
	if (eq)
		*eq = '\0';
	val = eq ? eq + 1 : NULL;
	err = parse_args("umm", 1, &word);

	kp = strchr(name, '.') ? find_kernel_param(name) : NULL;
	if (kp) {
		expect = expect_module_param(kp, val ? val : "1", want, sizeof(want));
		if (!val && kp->ops != &param_ops_bool)
			expect = -EINVAL;
		if (expect > 0)
			return;
		if (!err && expect)
			fuzz_fail("'%s' was taken: the reference refuses it", word);
		if (err && !expect)
			fuzz_fail("'%s' was refused (%d): the reference takes it",
				  word, err);
		if (!err) {
			kp->ops->get(have, kp);
			if (strcmp(have, want))
				fuzz_fail("'%s' was taken as '%.*s', not '%.*s'", word,
					  (int)strcspn(have, "\n"), have,
					  (int)strcspn(want, "\n"), want);
		}
		return;
	}
	expect = expect_setup(name, val ? val : "");
	if (expect == 1 && err)
		fuzz_fail("'%s' was refused (%d): the reference takes it", word,
			  err);
	if (expect == 0 && !err)
		fuzz_fail("'%s' was taken: the reference refuses it", word);
}

static void check_console_args(int argc, char **argv)
{
	struct console_args args;
	int i;

	if (console_parse_args(argc, argv, &args))
		return;
	if (args.nr_params > CONSOLE_MAX_PARAMS)
		fuzz_fail("%d boot parameters kept", args.nr_params);
	for (i = 0; i < args.nr_params; i++)
		if (!strchr(args.params[i], '=') || args.params[i][0] == '-')
			fuzz_fail("'%s' taken for a boot parameter", args.params[i]);
	parse_args("umm", args.nr_params, args.params);
}

static void restore_params(void)
{
	int i;

	for (i = 0; i < nr_saved; i++)
		saved[i].kp->ops->set(saved[i].value, saved[i].kp);
	panic_on_warn = 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const struct kernel_param *kp;

	fuzz_output_init();
	fuzz_known_init();
	for (kp = __start___param; kp < __stop___param; kp++) {
		saved = realloc(saved, (nr_saved + 1) * sizeof(*saved));
		saved[nr_saved].kp = kp;
		kp->ops->get(saved[nr_saved].value, kp);
		nr_saved++;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1), *argv[MAX_WORDS + 1];
	int argc = 0, i;
	size_t pos = 0;

	memcpy(line, data, size);
	line[size] = '\0';
	/* Words: runs of bytes other than white space and NUL. */
	while (pos < size && argc < MAX_WORDS) {
		while (pos < size && (!line[pos] || isspace((unsigned char)line[pos])))
			pos++;
		if (pos == size)
			break;
		argv[argc++] = line + pos;
		while (pos < size && line[pos] && !isspace((unsigned char)line[pos]))
			pos++;
		line[pos++] = '\0';
	}
	argv[argc] = NULL;

	fuzz_quiet_begin();
	check_console_args(argc, argv);
	restore_params();
	for (i = 0; i < argc; i++) {
		check_word(argv[i]);
		restore_params();
	}
	if (get_taint())
		fuzz_fail("the kernel is tainted (%#lx): a WARN, see above",
			  get_taint());
	fuzz_quiet_end();
	free(line);
	return 0;
}
