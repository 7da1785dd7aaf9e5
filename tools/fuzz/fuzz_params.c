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
 *    long, ulong or ullong takes exactly the numbers of its type in C
 *    notation (kstrto*(), base 0: 0x hex, 0 octal, a '+' or a '-' where
 *    it fits, one newline at the end), and says "out of range" for a
 *    number too large for its type and "not a number" for the rest; a
 *    bool takes the whole words 1 0 y n Y N yes no on off and nothing
 *    else (param_parse_bool(), not kstrtobool()'s first character), and
 *    a bare bool means 1; its ->get() then shows the value.  mem= takes
 *    a size from 64M to 64G, movablecore= any size, trace_buf_size= a
 *    size that is not 0: sizes as memparse_strict() reads them, C
 *    notation, then one of K M G T P E (either case), one newline at
 *    most, nothing else, and a size past 64 bits refused as "too
 *    large".  nr_cpus= takes 1 to CONFIG_NR_CPUS in C notation,
 *    loglevel= 0 to 8 in decimal, page_poison= a boolean as a bool
 *    parameter does.  Taking a value the reference refuses, refusing one
 *    it takes, storing another value or giving the wrong reason are all
 *    failures.
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

	/* "0x" with no hex digit after it is octal 0, then an 'x'. */
	*val = fuzz_parse_c_number(s, limit, &end, &overflow);
	if (end == s)
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

/* kstrtoint(s, 10, ...): decimal digits only, no 0x or octal prefix. */
static int ref_strtoint10(const char *s, int *val)
{
	bool neg = *s == '-';
	int64_t v = 0;
	const char *p;

	if (*s == '-' || *s == '+')
		s++;
	/* Past 2^31 it only matters that it is too large. */
	for (p = s; *p >= '0' && *p <= '9'; p++)
		v = v > INT32_MAX ? (int64_t)INT32_MAX + 2 : v * 10 + (*p - '0');
	if (p == s)
		return -EINVAL;
	if (*p == '\n')
		p++;
	if (*p)
		return -EINVAL;
	if (v > (neg ? (int64_t)INT32_MAX + 1 : INT32_MAX))
		return -ERANGE;
	*val = neg ? (int)-v : (int)v;
	return 0;
}

/* param_parse_bool(): the whole word, one of these, nothing else. */
static int ref_parse_bool(const char *s, bool *val)
{
	static const char * const yes[] = { "1", "y", "Y", "yes", "on" };
	static const char * const no[] = { "0", "n", "N", "no", "off" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcmp(s, yes[i])) {
			*val = true;
			return 0;
		}
		if (!strcmp(s, no[i])) {
			*val = false;
			return 0;
		}
	}
	return -EINVAL;
}

/*
 * memparse_strict() as documented: a number in C notation, then
 * optionally one of K M G T P E (either case), each a power of 1024, then
 * at most one newline.  -EINVAL if it is not that, -ERANGE if the digits
 * or the suffix take it past 64 bits.
 */
static int ref_memparse_strict(const char *s, uint64_t *val)
{
	static const char suffixes[] = "KMGTPE";
	const char *end, *suffix;
	unsigned int shift = 0;
	bool overflow;
	uint64_t v;

	v = fuzz_parse_c_number(s, s + strlen(s), &end, &overflow);
	if (end == s)
		return -EINVAL;
	suffix = *end ? strchr(suffixes, toupper((unsigned char)*end)) : NULL;
	if (suffix) {
		shift = 10 * (suffix - suffixes + 1);
		end++;
	}
	if (*end == '\n')
		end++;
	if (*end)
		return -EINVAL;
	if (overflow || (shift && v >> (64 - shift)))
		return -ERANGE;
	*val = v << shift;
	return 0;
}

/* ---- the checks -------------------------------------------------------- */

struct saved_param {
	const struct kernel_param *kp;
	char value[64];
};

static struct saved_param *saved;
static int nr_saved;

/* kernel/params.c: why a parameter was refused, when its handler said. */
extern const char *param_error_reason;

/*
 * What the module parameter @kp must hold after taking @val: 0 (and
 * @want), -EINVAL or -ERANGE if it must refuse it, 1 if @kp has a type of
 * its own, with no reference.
 */
static int expect_module_param(const struct kernel_param *kp, const char *val,
			       char *want, size_t size)
{
	int64_t s;
	uint64_t u;
	bool b;
	int err;

	if (kp->ops == &param_ops_bool) {
		if (ref_parse_bool(val, &b))
			return -EINVAL;
		snprintf(want, size, "%c\n", b ? 'Y' : 'N');
	} else if (kp->ops == &param_ops_int || kp->ops == &param_ops_long) {
		err = ref_strtoll(val, &s);
		if (!err && kp->ops == &param_ops_int &&
		    (s < INT32_MIN || s > INT32_MAX))
			err = -ERANGE;
		if (err)
			return err;
		snprintf(want, size, "%lld\n", (long long)s);
	} else if (kp->ops == &param_ops_uint || kp->ops == &param_ops_ulong ||
		   kp->ops == &param_ops_ullong) {
		err = ref_strtoull(val, &u);
		if (!err && kp->ops == &param_ops_uint && u > UINT32_MAX)
			err = -ERANGE;
		if (err)
			return err;
		snprintf(want, size, "%llu\n", (unsigned long long)u);
	} else {
		return 1;
	}
	return 0;
}

/*
 * Whether an early_param()/__setup() must take @val: 1 yes, 0 no, -1 no
 * reference.  *@reason: a word the refusal's reason must hold, or NULL.
 */
static int expect_setup(const char *name, const char *val, const char **reason)
{
	uint64_t v;
	bool b;
	int i, err;

	*reason = NULL;
	if (!strcmp(name, "mem") || !strcmp(name, "movablecore") ||
	    !strcmp(name, "trace_buf_size")) {
		err = ref_memparse_strict(val, &v);
		if (err == -ERANGE && strcmp(name, "trace_buf_size"))
			*reason = "too large";
		if (err)
			return 0;
		if (!strcmp(name, "mem"))
			return v >= (64ULL << 20) && v <= (64ULL << 30);
		if (!strcmp(name, "trace_buf_size"))
			return v != 0;
		return 1;
	}
	if (!strcmp(name, "nr_cpus"))
		return !ref_strtoull(val, &v) && v >= 1 && v <= CONFIG_NR_CPUS;
	if (!strcmp(name, "loglevel"))
		return !ref_strtoint10(val, &i) && i >= 0 && i <= 8;
	if (!strcmp(name, "page_poison"))
		return !ref_parse_bool(val, &b);
	return -1;
}

/* Give @word alone to parse_args() and check its verdict. */
static void check_word(char *word)
{
	char name[PARAM_MAX + 1], want[64], have[128];
	const struct kernel_param *kp;
	const char *val, *reason;
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
		/* A bare name: a bool's 1, any other type's refusal. */
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
		/* A number of its type that does not fit, or no number. */
		reason = expect == -ERANGE ? "out of range" :
			 expect && val && kp->ops != &param_ops_bool ?
			 "not a number" : NULL;
		if (reason && (!param_error_reason ||
			       !strstr(param_error_reason, reason)))
			fuzz_fail("'%s' was refused as '%s', not '%s...'", word,
				  param_error_reason ? param_error_reason : "(no reason)",
				  reason);
		if (!err) {
			kp->ops->get(have, kp);
			if (strcmp(have, want))
				fuzz_fail("'%s' was taken as '%.*s', not '%.*s'", word,
					  (int)strcspn(have, "\n"), have,
					  (int)strcspn(want, "\n"), want);
		}
		return;
	}
	expect = expect_setup(name, val ? val : "", &reason);
	if (expect == 1 && err)
		fuzz_fail("'%s' was refused (%d): the reference takes it", word,
			  err);
	if (expect == 0 && !err)
		fuzz_fail("'%s' was taken: the reference refuses it", word);
	if (expect == 0 && reason && (!param_error_reason ||
				      !strstr(param_error_reason, reason)))
		fuzz_fail("'%s' was refused as '%s', not '%s...'", word,
			  param_error_reason ? param_error_reason : "(no reason)",
			  reason);
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
