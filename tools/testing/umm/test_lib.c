// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_lib.c - tests of the generic helpers in lib/
 *
 * The kernel side of umm has no libc, so lib/ carries its own printf,
 * number parsing, string helpers, bitmaps, sort and PRNG.  Everything
 * else is built on them (every /proc file goes through vsnprintf(),
 * every boot parameter through kstrto*() and memparse()), so they are
 * checked here against the kernel's documented semantics, and where C
 * and the kernel agree, against the C library.
 *
 * Functions whose names libc also has are called by the names the
 * kernel build gives them (-Dsnprintf=kernel_snprintf, see the
 * top-level Makefile).  Random inputs come from prandom, seeded from
 * UMM_SEED (printed at start) so a failure can be replayed.
 */

#include <stdarg.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"

#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/random.h>
#include <linux/sort.h>
#include <linux/string.h>

/* The kernel's versions of the names libc also defines. */
int kernel_snprintf(char *buf, size_t size, const char *fmt, ...);
int kernel_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int kernel_sprintf(char *buf, const char *fmt, ...);
int kernel_vsprintf(char *buf, const char *fmt, va_list args);
char *kernel_strsep(char **s, const char *ct);
void *kernel_bsearch(const void *key, const void *base, size_t num,
		     size_t size, int (*cmp)(const void *, const void *));

/* lib/ctype.c: tests see libc's <ctype.h>, so name the table here. */
extern const unsigned char _ctype[];

/* ---- seed --------------------------------------------------------------- */

static u64 seed = 20160726;	/* the day the series was merged for 4.8 */

static void __attribute__((constructor)) read_seed(void)
{
	const char *env = getenv("UMM_SEED");

	if (env)
		seed = strtoull(env, NULL, 0);
}

/*
 * Each test gets its own stream, so that running one test alone (-r)
 * replays it.  The seed is printed as a TAP comment by every test that
 * uses it, since each test runs in a child of its own.
 */
static void test_rng(struct rnd_state *state, const char *test)
{
	u64 h = seed;

	printf("# %s: seed %llu (UMM_SEED=%llu replays it)\n", test,
	       (unsigned long long)seed, (unsigned long long)seed);
	fflush(stdout);		/* the child leaves with _exit() */

	while (*test)
		h = h * 31 + (unsigned char)*test++;
	prandom_seed_state(state, h);
}

/* ---- vsprintf ------------------------------------------------------------ */

/*
 * Formats go through a function without a format attribute, so that the
 * kernel-only forms (and the ones gcc would warn about because C treats
 * them differently) can be written as they are used.
 */
static int kfmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int ret;

	va_start(args, fmt);
	ret = kernel_vsnprintf(buf, size, fmt, args);
	va_end(args);
	return ret;
}

#define EXPECT_FMT(expect, fmt, ...) do {				\
	char __buf[256];						\
	int __ret = kfmt(__buf, sizeof(__buf), fmt, ##__VA_ARGS__);	\
	EXPECT_STREQ(expect, __buf) TH_LOG("format \"%s\"", fmt);	\
	EXPECT_EQ((int)strlen(expect), __ret) TH_LOG("format \"%s\"", fmt); \
} while (0)

TEST(vsprintf_integers)
{
	EXPECT_FMT("0", "%d", 0);
	EXPECT_FMT("42 -42", "%d %i", 42, -42);
	EXPECT_FMT("2147483647", "%d", INT_MAX);
	EXPECT_FMT("-2147483648", "%d", INT_MIN);
	EXPECT_FMT("4294967295", "%u", UINT_MAX);
	EXPECT_FMT("4294967295", "%u", -1);
	EXPECT_FMT("deadbeef DEADBEEF", "%x %X", 0xdeadbeefU, 0xdeadbeefU);
	EXPECT_FMT("755", "%o", 0755);
	EXPECT_FMT("ffffffff", "%x", -1);
	EXPECT_FMT("a1b2", "a%db%d", 1, 2);
	EXPECT_FMT("100%", "%d%%", 100);
	EXPECT_FMT("no conversions", "no conversions");
	EXPECT_FMT("", "");
}

TEST(vsprintf_flags_width_precision)
{
	EXPECT_FMT("   42", "%5d", 42);
	EXPECT_FMT("42   |", "%-5d|", 42);
	EXPECT_FMT("00042", "%05d", 42);
	EXPECT_FMT("-0042", "%05d", -42);
	EXPECT_FMT("  -42", "%5d", -42);
	EXPECT_FMT("+42 +0 -1", "%+d %+d %+d", 42, 0, -1);
	EXPECT_FMT(" 42 -42", "% d % d", 42, -42);
	EXPECT_FMT("+42", "%+ d", 42);		/* '+' wins over ' ' */
	EXPECT_FMT("42", "%+u", 42);		/* sign flags: signed only */
	EXPECT_FMT("42   |", "%-05d|", 42);	/* '-' wins over '0' */
	EXPECT_FMT("0x1f 0X1F", "%#x %#X", 0x1f, 0x1f);
	EXPECT_FMT("017", "%#o", 15);
	EXPECT_FMT("0x001f", "%#06x", 0x1f);
	EXPECT_FMT("  0x1f", "%#6x", 0x1f);
	EXPECT_FMT("00042", "%.5d", 42);
	EXPECT_FMT("-00042", "%.5d", -42);
	EXPECT_FMT("  00042", "%7.5d", 42);
	EXPECT_FMT("00042  |", "%-7.5d|", 42);
	EXPECT_FMT("12345", "%3d", 12345);	/* never truncated */
	EXPECT_FMT("   42", "%*d", 5, 42);
	EXPECT_FMT("42   |", "%*d|", -5, 42);	/* negative width: '-' */
	EXPECT_FMT("00042", "%.*d", 5, 42);
	EXPECT_FMT("42", "%.*d", -3, 42);	/* negative precision: none */
	EXPECT_FMT("  007", "%*.*d", 5, 3, 7);
	EXPECT_FMT("      ab", "%8x", 0xab);
}

TEST(vsprintf_length_modifiers)
{
	EXPECT_FMT("-1 255", "%hhd %hhu", 255, 255);
	EXPECT_FMT("ff 34", "%hhx %hhx", 0x1ff, 0x1234);
	EXPECT_FMT("-1 65535", "%hd %hu", 65535, 65535);
	EXPECT_FMT("-32768", "%hd", 32768);
	EXPECT_FMT("9223372036854775807", "%ld", LONG_MAX);
	EXPECT_FMT("-9223372036854775808", "%ld", LONG_MIN);
	EXPECT_FMT("18446744073709551615", "%lu", ULONG_MAX);
	EXPECT_FMT("-9223372036854775808", "%lld", LLONG_MIN);
	EXPECT_FMT("ffffffffffffffff", "%llx", ULLONG_MAX);
	EXPECT_FMT("1777777777777777777777", "%llo", ULLONG_MAX);
	EXPECT_FMT("-5", "%Ld", -5LL);
	EXPECT_FMT("18446744073709551615", "%zu", SIZE_MAX);
	EXPECT_FMT("-3", "%zd", (ssize_t)-3);
	EXPECT_FMT("-7 fffffffffffffff9", "%td %tx", (ptrdiff_t)-7,
		   (ptrdiff_t)-7);
	EXPECT_FMT("-9 123", "%jd %ju", (intmax_t)-9, (uintmax_t)123);
	EXPECT_FMT("abcdef0123", "%lx", 0xabcdef0123UL);
}

TEST(vsprintf_chars_strings)
{
	EXPECT_FMT("x", "%c", 'x');
	EXPECT_FMT("   x|x   |", "%4c|%-4c|", 'x', 'x');
	EXPECT_FMT("hello", "%s", "hello");
	EXPECT_FMT("  hello|hello  |", "%7s|%-7s|", "hello", "hello");
	EXPECT_FMT("hel", "%.3s", "hello");
	EXPECT_FMT("  hel", "%5.3s", "hello");
	EXPECT_FMT("he", "%.*s", 2, "hello");
	EXPECT_FMT("hello", "%.*s", -1, "hello");
	EXPECT_FMT("", "%.0s", "hello");
	EXPECT_FMT("(null)", "%s", (char *)NULL);
	EXPECT_FMT("(nu", "%.3s", (char *)NULL);
	EXPECT_FMT("  (null)", "%8s", (char *)NULL);
	EXPECT_FMT("%", "%%");
	EXPECT_FMT("a%b", "a%%b");
}

TEST(vsprintf_pointers)
{
	void *p = (void *)0xffff888012345678UL;

	EXPECT_FMT("ffff888012345678", "%p", p);
	EXPECT_FMT("ffff888012345678", "%px", p);
	EXPECT_FMT("0000000000001234", "%p", (void *)0x1234);
	EXPECT_FMT("0000000000000000", "%p", NULL);
	EXPECT_FMT("[0000000000abcdef]", "[%px]", (void *)0xabcdef);
	/* An explicit width replaces the zero padding. */
	EXPECT_FMT("      1234", "%10p", (void *)0x1234);
	EXPECT_FMT("1234      |", "%-10p|", (void *)0x1234);
	/* Letters after %p belong to the conversion and are consumed. */
	EXPECT_FMT("0000000000001234 x", "%pxyz x", (void *)0x1234);
	EXPECT_FMT("0000000000001234-", "%p-", (void *)0x1234);
	EXPECT_FMT("0000000000001234 0000000000005678", "%p %px",
		   (void *)0x1234, (void *)0x5678);
	/* %pG dereferences its argument; NULL is not followed. */
	EXPECT_FMT("(null)", "%pGp", NULL);
}

/* Where the kernel's printf deliberately differs from C's. */
TEST(vsprintf_kernel_semantics)
{
	EXPECT_FMT("0", "%.0d", 0);		/* C: "" */
	EXPECT_FMT("0x0", "%#x", 0);		/* C: "0" */
	EXPECT_FMT("0", "%#o", 0);
	EXPECT_FMT("00007", "%05.3d", 7);	/* C: "  007" */
	/* Not a conversion: the '%' and the text are printed as they are. */
	EXPECT_FMT("%y", "%y");
	EXPECT_FMT("%y 3", "%5y %d", 3);
	EXPECT_FMT("50%", "50%");		/* a lone '%' at the end */
}

TEST(vsprintf_args_stay_in_step)
{
	/* Star arguments and every length consume exactly their argument. */
	EXPECT_FMT("   1|2|3|4|5|   x|abc", "%*hhd|%hd|%ld|%lld|%zu|%*c|%s",
		   4, 1, 2, 3L, 4LL, (size_t)5, 4, 'x', "abc");
	EXPECT_FMT("1 2 3 4 5 6 7 8", "%d %d %d %d %d %d %d %d",
		   1, 2, 3, 4, 5, 6, 7, 8);
	EXPECT_FMT("1 2 3 4 5 6 7 8 9 10", "%ld %ld %ld %ld %ld %ld %ld %ld %ld %ld",
		   1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
}

/*
 * Random conversions against the C library, avoiding only the three
 * documented differences (see vsprintf_kernel_semantics).
 */
TEST(vsprintf_matches_libc)
{
	static const char flags[] = "-+ #0";
	static const char convs[] = "diuxXo";
	struct rnd_state rng;
	char fmt[64], kbuf[128], cbuf[128];
	int i, j;

	test_rng(&rng, __func__);
	for (i = 0; i < 20000; i++) {
		char conv = convs[prandom_u32_state_max(&rng, 6)];
		u64 value = ((u64)prandom_u32_state(&rng) << 32) |
			    prandom_u32_state(&rng);
		bool has_prec = prandom_u32_state_max(&rng, 2);
		int width = prandom_u32_state_max(&rng, 25);
		int prec = prandom_u32_state_max(&rng, 25);
		int len = 0;

		value >>= prandom_u32_state_max(&rng, 64);
		if (prandom_u32_state_max(&rng, 8) == 0)
			value = 0;
		fmt[len++] = '%';
		for (j = 0; j < 5; j++) {
			if (prandom_u32_state_max(&rng, 3) == 0)
				fmt[len++] = flags[j];
		}
		fmt[len] = '\0';
		if (has_prec && strchr(fmt, '0'))
			continue;	/* kernel: '0' still pads */
		if (strchr(fmt, '#') && (conv == 'x' || conv == 'X') && !value)
			continue;	/* kernel: "0x0" */
		if (strchr(fmt, '#') && conv == 'o' && has_prec)
			continue;	/* kernel: prefix plus precision */
		if (has_prec && prec == 0 && !value)
			continue;	/* kernel: at least one digit */
		if (width)
			len += sprintf(fmt + len, "%d", width);
		if (has_prec)
			len += sprintf(fmt + len, ".%d", prec);
		sprintf(fmt + len, "ll%c", conv);

		EXPECT_EQ(snprintf(cbuf, sizeof(cbuf), fmt, value),
			  kfmt(kbuf, sizeof(kbuf), fmt, value));
		EXPECT_STREQ(cbuf, kbuf) TH_LOG("format \"%s\"", fmt);
		if (strcmp(cbuf, kbuf))
			break;
	}
}

TEST(snprintf_truncation)
{
	char buf[8];

	/* snprintf: the length the whole result needs. */
	memset(buf, 'X', sizeof(buf));
	EXPECT_EQ(11, kernel_snprintf(buf, 5, "hello %s", "world"));
	EXPECT_STREQ("hell", buf);
	EXPECT_EQ('X', buf[5]);		/* nothing written past size */
	/* scnprintf: what was written, NUL excluded. */
	EXPECT_EQ(4, scnprintf(buf, 5, "hello %s", "world"));
	EXPECT_STREQ("hell", buf);

	/* Exactly fitting, and one short. */
	EXPECT_EQ(7, kernel_snprintf(buf, 8, "%s", "1234567"));
	EXPECT_STREQ("1234567", buf);
	EXPECT_EQ(7, scnprintf(buf, 8, "%s", "1234567"));
	EXPECT_EQ(8, kernel_snprintf(buf, 8, "%s", "12345678"));
	EXPECT_STREQ("1234567", buf);
	EXPECT_EQ(7, scnprintf(buf, 8, "%s", "12345678"));

	/* Size 1: only the NUL fits. */
	EXPECT_EQ(3, kernel_snprintf(buf, 1, "%d", 123));
	EXPECT_STREQ("", buf);
	EXPECT_EQ(0, scnprintf(buf, 1, "%d", 123));

	/* Size 0: nothing is written, buf may be NULL. */
	memset(buf, 'X', sizeof(buf));
	EXPECT_EQ(3, kernel_snprintf(buf, 0, "%d", 123));
	EXPECT_EQ('X', buf[0]);
	EXPECT_EQ(3, kernel_snprintf(NULL, 0, "%d", 123));
	EXPECT_EQ(0, scnprintf(NULL, 0, "%d", 123));

	/* Truncation inside padding and inside a number. */
	EXPECT_EQ(10, kernel_snprintf(buf, 4, "%10d", 5));
	EXPECT_STREQ("   ", buf);
	EXPECT_EQ(10, kernel_snprintf(buf, 4, "%d", 1234567890));
	EXPECT_STREQ("123", buf);
}

static int show_two(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return len;
}

TEST(vscnprintf_appends)
{
	char buf[16];
	int len = 0;

	/* The show-function idiom: append until the buffer is full. */
	len += show_two(buf + len, sizeof(buf) - len, "%s ", "alpha");
	len += show_two(buf + len, sizeof(buf) - len, "%s ", "beta");
	len += show_two(buf + len, sizeof(buf) - len, "%s ", "gamma");
	EXPECT_EQ(15, len);
	EXPECT_STREQ("alpha beta gamm", buf);
	len += show_two(buf + len, sizeof(buf) - len, "%s", "more");
	EXPECT_EQ(15, len);
}

static int vsprintf_wrapper(char *buf, const char *fmt, ...)
{
	va_list args;
	int len;

	va_start(args, fmt);
	len = kernel_vsprintf(buf, fmt, args);
	va_end(args);
	return len;
}

TEST(sprintf_returns_length)
{
	char buf[64];

	EXPECT_EQ(13, kernel_sprintf(buf, "order %d: %lu", 9, 1234UL));
	EXPECT_STREQ("order 9: 1234", buf);
	EXPECT_EQ(6, vsprintf_wrapper(buf, "%s-%s", "ab", "cde"));
	EXPECT_STREQ("ab-cde", buf);
}

/* ---- kstrtox --------------------------------------------------------- */

TEST(kstrtoull_cases)
{
	unsigned long long v;

	EXPECT_EQ(0, kstrtoull("0", 10, &v));
	EXPECT_EQ(0ULL, v);
	EXPECT_EQ(0, kstrtoull("12345", 10, &v));
	EXPECT_EQ(12345ULL, v);
	EXPECT_EQ(0, kstrtoull("+7", 10, &v));
	EXPECT_EQ(7ULL, v);
	EXPECT_EQ(0, kstrtoull("42\n", 10, &v));	/* what echo writes */
	EXPECT_EQ(42ULL, v);
	EXPECT_EQ(0, kstrtoull("18446744073709551615", 10, &v));
	EXPECT_EQ(ULLONG_MAX, v);
	EXPECT_EQ(0, kstrtoull("0x1F", 0, &v));
	EXPECT_EQ(31ULL, v);
	EXPECT_EQ(0, kstrtoull("0X1f", 0, &v));
	EXPECT_EQ(31ULL, v);
	EXPECT_EQ(0, kstrtoull("010", 0, &v));		/* octal */
	EXPECT_EQ(8ULL, v);
	EXPECT_EQ(0, kstrtoull("0", 0, &v));
	EXPECT_EQ(0ULL, v);
	EXPECT_EQ(0, kstrtoull("ff", 16, &v));
	EXPECT_EQ(255ULL, v);
	EXPECT_EQ(0, kstrtoull("0xff", 16, &v));	/* prefix allowed */
	EXPECT_EQ(255ULL, v);
	EXPECT_EQ(0, kstrtoull("777", 8, &v));
	EXPECT_EQ(511ULL, v);
	EXPECT_EQ(0, kstrtoull("1011", 2, &v));
	EXPECT_EQ(11ULL, v);
	EXPECT_EQ(0, kstrtoull("ffffffffffffffff", 16, &v));
	EXPECT_EQ(ULLONG_MAX, v);

	/* Rejected, and v untouched. */
	v = 99;
	EXPECT_EQ(-EINVAL, kstrtoull("", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("\n", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("+", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("-1", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoull(" 1", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("1 ", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("1\n\n", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("12a", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("0x", 0, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("0x", 16, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("0xg", 0, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("08", 0, &v));	/* not octal */
	EXPECT_EQ(-EINVAL, kstrtoull("0x10", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("12", 2, &v));
	EXPECT_EQ(-EINVAL, kstrtoull("++1", 10, &v));
	EXPECT_EQ(-ERANGE, kstrtoull("18446744073709551616", 10, &v));
	EXPECT_EQ(-ERANGE, kstrtoull("99999999999999999999999", 10, &v));
	EXPECT_EQ(-ERANGE, kstrtoull("10000000000000000", 16, &v));
	EXPECT_EQ(99ULL, v);
}

TEST(kstrtoll_cases)
{
	long long v;

	EXPECT_EQ(0, kstrtoll("-42", 10, &v));
	EXPECT_EQ(-42LL, v);
	EXPECT_EQ(0, kstrtoll("+42\n", 10, &v));
	EXPECT_EQ(42LL, v);
	EXPECT_EQ(0, kstrtoll("-0", 10, &v));
	EXPECT_EQ(0LL, v);
	EXPECT_EQ(0, kstrtoll("-0x10", 0, &v));
	EXPECT_EQ(-16LL, v);
	EXPECT_EQ(0, kstrtoll("9223372036854775807", 10, &v));
	EXPECT_EQ(LLONG_MAX, v);
	EXPECT_EQ(0, kstrtoll("-9223372036854775808", 10, &v));
	EXPECT_EQ(LLONG_MIN, v);

	v = 5;
	EXPECT_EQ(-ERANGE, kstrtoll("9223372036854775808", 10, &v));
	EXPECT_EQ(-ERANGE, kstrtoll("-9223372036854775809", 10, &v));
	EXPECT_EQ(-ERANGE, kstrtoll("-18446744073709551616", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoll("-", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoll("--1", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoll("-+1", 10, &v));
	EXPECT_EQ(-EINVAL, kstrtoll("+-1", 10, &v));
	EXPECT_EQ(5LL, v);
}

TEST(kstrtoint_family)
{
	unsigned long ul;
	unsigned int ui;
	long l;
	int i;

	EXPECT_EQ(0, kstrtoul("18446744073709551615", 10, &ul));
	EXPECT_EQ(ULONG_MAX, ul);
	EXPECT_EQ(0, kstrtol("-9223372036854775808", 10, &l));
	EXPECT_EQ(LONG_MIN, l);

	EXPECT_EQ(0, kstrtouint("4294967295", 10, &ui));
	EXPECT_EQ(UINT_MAX, ui);
	EXPECT_EQ(-ERANGE, kstrtouint("4294967296", 10, &ui));
	EXPECT_EQ(-EINVAL, kstrtouint("-1", 10, &ui));
	EXPECT_EQ(UINT_MAX, ui);
	EXPECT_EQ(0, kstrtouint("0x200\n", 0, &ui));
	EXPECT_EQ(512U, ui);

	EXPECT_EQ(0, kstrtoint("2147483647", 10, &i));
	EXPECT_EQ(INT_MAX, i);
	EXPECT_EQ(0, kstrtoint("-2147483648", 10, &i));
	EXPECT_EQ(INT_MIN, i);
	EXPECT_EQ(-ERANGE, kstrtoint("2147483648", 10, &i));
	EXPECT_EQ(-ERANGE, kstrtoint("-2147483649", 10, &i));
	EXPECT_EQ(-EINVAL, kstrtoint("1.5", 10, &i));
	EXPECT_EQ(INT_MIN, i);
}

TEST(kstrtobool_cases)
{
	static const char * const yes[] = { "y", "Y", "1", "yes", "on", "ON",
					    "On\n", "1\n" };
	static const char * const no[] = { "n", "N", "0", "no", "off", "OFF",
					   "of", "0\n" };
	static const char * const bad[] = { "", "2", "t", "true", "o", "ox",
					    "\n", " y" };
	unsigned int i;
	bool b;

	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		b = false;
		EXPECT_EQ(0, kstrtobool(yes[i], &b)) TH_LOG("\"%s\"", yes[i]);
		EXPECT_TRUE(b) TH_LOG("\"%s\"", yes[i]);
	}
	for (i = 0; i < ARRAY_SIZE(no); i++) {
		b = true;
		EXPECT_EQ(0, kstrtobool(no[i], &b)) TH_LOG("\"%s\"", no[i]);
		EXPECT_FALSE(b) TH_LOG("\"%s\"", no[i]);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		b = true;
		EXPECT_EQ(-EINVAL, kstrtobool(bad[i], &b)) TH_LOG("\"%s\"", bad[i]);
		EXPECT_TRUE(b);
	}
	EXPECT_EQ(-EINVAL, kstrtobool(NULL, &b));
}

TEST(simple_strtox)
{
	char *end;

	EXPECT_EQ(123UL, simple_strtoul("123abc", &end, 10));
	EXPECT_STREQ("abc", end);
	EXPECT_EQ(0x1aUL, simple_strtoul("0x1ag", &end, 0));
	EXPECT_STREQ("g", end);
	EXPECT_EQ(0x1aUL, simple_strtoul("0x1a", &end, 16));
	EXPECT_STREQ("", end);
	EXPECT_EQ(0UL, simple_strtoul("0x", &end, 0));	/* "0", then "x" */
	EXPECT_STREQ("x", end);
	EXPECT_EQ(8UL, simple_strtoul("010", NULL, 0));
	EXPECT_EQ(0UL, simple_strtoul("zzz", &end, 10));
	EXPECT_STREQ("zzz", end);
	EXPECT_EQ(-17L, simple_strtol("-17,", &end, 10));
	EXPECT_STREQ(",", end);
	EXPECT_EQ(17L, simple_strtol("17", NULL, 10));
	EXPECT_EQ(ULLONG_MAX, simple_strtoull("18446744073709551615", &end, 10));
	EXPECT_STREQ("", end);
}

/* ---- cmdline ----------------------------------------------------------- */

TEST(memparse_suffixes)
{
	static const struct {
		const char *s;
		unsigned long long value;
		const char *rest;
	} cases[] = {
		{ "512",	512ULL,		"" },
		{ "4k",		4ULL << 10,	"" },
		{ "4K",		4ULL << 10,	"" },
		{ "64M",	64ULL << 20,	"" },
		{ "2m",		2ULL << 20,	"" },
		{ "1G",		1ULL << 30,	"" },
		{ "3g",		3ULL << 30,	"" },
		{ "2T",		2ULL << 40,	"" },
		{ "1P",		1ULL << 50,	"" },
		{ "7p",		7ULL << 50,	"" },
		{ "1E",		1ULL << 60,	"" },
		{ "1e",		1ULL << 60,	"" },
		{ "0x10K",	16ULL << 10,	"" },
		{ "010",	8ULL,		"" },
		{ "64M@1G",	64ULL << 20,	"@1G" },
		{ "12X",	12ULL,		"X" },
		{ "5KB",	5ULL << 10,	"B" },
		{ "",		0ULL,		"" },
		{ "M",		0ULL,		"" },	/* a bare suffix scales 0 */
	};
	unsigned int i;
	char *rest;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		EXPECT_EQ(cases[i].value, memparse(cases[i].s, &rest))
			TH_LOG("\"%s\"", cases[i].s);
		EXPECT_STREQ(cases[i].rest, rest) TH_LOG("\"%s\"", cases[i].s);
	}
	EXPECT_EQ(1ULL << 20, memparse("1M", NULL));
}

/* ---- string ------------------------------------------------------------- */

TEST(strscpy_truncation)
{
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	EXPECT_EQ(2, strscpy(buf, "hi", sizeof(buf)));
	EXPECT_STREQ("hi", buf);
	EXPECT_EQ('X', buf[3]);		/* no padding, unlike strncpy */

	EXPECT_EQ(7, strscpy(buf, "1234567", sizeof(buf)));
	EXPECT_STREQ("1234567", buf);
	EXPECT_EQ(-E2BIG, strscpy(buf, "12345678", sizeof(buf)));
	EXPECT_STREQ("1234567", buf);
	EXPECT_EQ(-E2BIG, strscpy(buf, "hello", 3));
	EXPECT_STREQ("he", buf);
	EXPECT_EQ(-E2BIG, strscpy(buf, "hello", 1));
	EXPECT_STREQ("", buf);
	EXPECT_EQ(0, strscpy(buf, "", sizeof(buf)));
	EXPECT_STREQ("", buf);

	buf[0] = 'Q';
	EXPECT_EQ(-E2BIG, strscpy(buf, "hello", 0));
	EXPECT_EQ('Q', buf[0]);
}

TEST(strsep_tokens)
{
	char str[] = "a,b,,c d";
	char *s = str;

	EXPECT_STREQ("a", kernel_strsep(&s, ", "));
	EXPECT_STREQ("b", kernel_strsep(&s, ", "));
	EXPECT_STREQ("", kernel_strsep(&s, ", "));
	EXPECT_STREQ("c", kernel_strsep(&s, ", "));
	EXPECT_STREQ("d", kernel_strsep(&s, ", "));
	EXPECT_EQ(NULL, s);
	EXPECT_EQ(NULL, kernel_strsep(&s, ", "));
}

TEST(strim_skip_spaces)
{
	char a[] = "  \t hello world\t\n ";
	char b[] = "   ";
	char c[] = "";
	char d[] = "x";

	EXPECT_STREQ("abc ", skip_spaces(" \t\n abc "));
	EXPECT_STREQ("", skip_spaces("  "));
	EXPECT_STREQ("hello world", strim(a));
	EXPECT_STREQ("", strim(b));
	EXPECT_STREQ("", strim(c));
	EXPECT_STREQ("x", strim(d));
}

TEST(sysfs_streq_newline)
{
	EXPECT_TRUE(sysfs_streq("lz4", "lz4"));
	EXPECT_TRUE(sysfs_streq("lz4\n", "lz4"));
	EXPECT_TRUE(sysfs_streq("lz4", "lz4\n"));
	EXPECT_TRUE(sysfs_streq("", ""));
	EXPECT_TRUE(sysfs_streq("\n", ""));
	EXPECT_FALSE(sysfs_streq("lz4\n\n", "lz4"));
	EXPECT_FALSE(sysfs_streq("lz", "lz4"));
	EXPECT_FALSE(sysfs_streq("lz4", "lz"));
	EXPECT_FALSE(sysfs_streq("lz4 ", "lz4"));
}

TEST(match_string_cases)
{
	static const char * const algs[] = { "lzo", "lz4", "zstd" };
	static const char * const terminated[] = { "always", "madvise", NULL,
						   "never" };

	EXPECT_EQ(0, match_string(algs, ARRAY_SIZE(algs), "lzo"));
	EXPECT_EQ(2, match_string(algs, ARRAY_SIZE(algs), "zstd"));
	EXPECT_EQ(-EINVAL, match_string(algs, ARRAY_SIZE(algs), "lz"));
	EXPECT_EQ(-EINVAL, match_string(algs, 2, "zstd"));
	EXPECT_EQ(1, match_string(terminated, -1, "madvise"));
	EXPECT_EQ(-EINVAL, match_string(terminated, -1, "never"));
}

TEST(memchr_inv_alignments)
{
	static unsigned char buf[4096 + 64];
	size_t start, len, bad;

	memset(buf, 0xaa, sizeof(buf));
	EXPECT_EQ(NULL, memchr_inv(buf, 0xaa, sizeof(buf)));
	EXPECT_EQ(NULL, memchr_inv(buf, 0xaa, 0));
	EXPECT_EQ((void *)buf, memchr_inv(buf, 0x55, sizeof(buf)));
	EXPECT_EQ(NULL, memchr_inv(buf, 0xaa + 0x100, 10));	/* c as a byte */

	/* Every alignment, length and position of the odd byte out. */
	for (start = 0; start < 16; start++) {
		for (len = 1; len < 80; len++) {
			for (bad = 0; bad < len; bad++) {
				buf[start + bad] = 0;
				ASSERT_EQ(buf + start + bad,
					  memchr_inv(buf + start, 0xaa, len));
				buf[start + bad] = 0xaa;
			}
			ASSERT_EQ(NULL, memchr_inv(buf + start, 0xaa, len));
		}
	}
	buf[4095] = 1;
	buf[4000] = 2;
	EXPECT_EQ(buf + 4000, memchr_inv(buf, 0xaa, sizeof(buf)));
}

TEST(strreplace_all)
{
	char s[] = "/dev/zram0/x";
	char *end = strreplace(s, '/', '!');

	EXPECT_STREQ("!dev!zram0!x", s);
	EXPECT_EQ(s + strlen(s), end);
}

/* ---- ctype -------------------------------------------------------------- */

TEST(ctype_table)
{
	/* Class bits as <linux/ctype.h> defines them (kernel side only). */
	enum { U = 0x01, L = 0x02, D = 0x04, C = 0x08, P = 0x10, S = 0x20,
	       X = 0x40, SP = 0x80 };
	int c;

	/* ASCII: the C locale agrees with the kernel. */
	for (c = 0; c < 128; c++) {
		unsigned char m = _ctype[c];

		EXPECT_EQ(!!isupper(c), !!(m & U)) TH_LOG("char %d", c);
		EXPECT_EQ(!!islower(c), !!(m & L)) TH_LOG("char %d", c);
		EXPECT_EQ(!!isdigit(c), !!(m & D)) TH_LOG("char %d", c);
		EXPECT_EQ(!!iscntrl(c), !!(m & C)) TH_LOG("char %d", c);
		EXPECT_EQ(!!ispunct(c), !!(m & P)) TH_LOG("char %d", c);
		EXPECT_EQ(!!isspace(c), !!(m & S)) TH_LOG("char %d", c);
		EXPECT_EQ(!!isxdigit(c), !!(m & (D | X))) TH_LOG("char %d", c);
		EXPECT_EQ(c == ' ', !!(m & SP)) TH_LOG("char %d", c);
	}
	/* Latin-1 above. */
	EXPECT_EQ(C, _ctype[0x85]);
	EXPECT_EQ(S | SP, _ctype[0xa0]);
	EXPECT_EQ(U, _ctype[0xc9]);	/* E acute */
	EXPECT_EQ(P, _ctype[0xd7]);	/* multiplication sign */
	EXPECT_EQ(L, _ctype[0xe9]);	/* e acute */
	EXPECT_EQ(P, _ctype[0xf7]);	/* division sign */
	EXPECT_EQ(L, _ctype[0xff]);
}

/* ---- find_bit and bitmap ------------------------------------------------- */

static unsigned long naive_next(const unsigned long *map, unsigned long size,
				unsigned long offset, bool set)
{
	for (; offset < size; offset++) {
		if (!!(map[offset / BITS_PER_LONG] &
		       (1UL << (offset % BITS_PER_LONG))) == set)
			return offset;
	}
	return size;
}

TEST(find_next_bit_edges)
{
	unsigned long map[3] = { 0, 0, 0 };

	EXPECT_EQ(192UL, find_next_bit(map, 192, 0));
	EXPECT_EQ(100UL, find_next_bit(map, 100, 0));
	EXPECT_EQ(0UL, find_next_bit(map, 0, 0));
	EXPECT_EQ(0UL, find_next_zero_bit(map, 192, 0));

	map[0] = 1UL;
	EXPECT_EQ(0UL, find_next_bit(map, 192, 0));
	EXPECT_EQ(192UL, find_next_bit(map, 192, 1));
	EXPECT_EQ(1UL, find_next_zero_bit(map, 192, 0));

	map[0] = 1UL << 63;
	map[1] = 1UL;
	EXPECT_EQ(63UL, find_next_bit(map, 192, 0));
	EXPECT_EQ(63UL, find_next_bit(map, 192, 63));
	EXPECT_EQ(64UL, find_next_bit(map, 192, 64));
	EXPECT_EQ(192UL, find_next_bit(map, 192, 65));
	EXPECT_EQ(64UL, find_next_bit(map, 65, 64));
	EXPECT_EQ(63UL, find_next_bit(map, 64, 0));
	EXPECT_EQ(64UL, find_next_bit(map, 64, 64));

	/* Offset at and past the end. */
	EXPECT_EQ(192UL, find_next_bit(map, 192, 192));
	EXPECT_EQ(150UL, find_next_bit(map, 150, 1000));
	EXPECT_EQ(150UL, find_next_zero_bit(map, 150, 150));

	/* Bits past size in the last word are not reported. */
	map[0] = 0;
	map[1] = 1UL << 40;
	EXPECT_EQ(100UL, find_next_bit(map, 100, 0));
	EXPECT_EQ(104UL, find_next_bit(map, 105, 0));
	EXPECT_EQ(104UL, find_first_bit(map, 105));

	/* The last bit of a full-word bitmap. */
	map[2] = 1UL << 63;
	EXPECT_EQ(191UL, find_next_bit(map, 192, 105));

	/* A full bitmap has no zero bit; bits past size are ignored. */
	map[0] = map[1] = map[2] = ~0UL;
	EXPECT_EQ(192UL, find_first_zero_bit(map, 192));
	map[1] = ~(1UL << 50);
	EXPECT_EQ(100UL, find_next_zero_bit(map, 100, 0));
	EXPECT_EQ(114UL, find_next_zero_bit(map, 115, 0));
	EXPECT_EQ(114UL, find_next_zero_bit(map, 192, 114));
	EXPECT_EQ(192UL, find_next_zero_bit(map, 192, 115));
}

TEST(find_bit_random)
{
	unsigned long map[5];
	struct rnd_state rng;
	int round;

	test_rng(&rng, __func__);
	for (round = 0; round < 2000; round++) {
		unsigned long size = prandom_u32_state_max(&rng, 5 * 64 + 1);
		unsigned long offset = prandom_u32_state_max(&rng, size + 10);
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(map); i++) {
			/* Sparse or dense words, so both searches travel. */
			map[i] = ((u64)prandom_u32_state(&rng) << 32) |
				 prandom_u32_state(&rng);
			if (prandom_u32_state_max(&rng, 3) == 0)
				map[i] = 0;
			else if (prandom_u32_state_max(&rng, 3) == 0)
				map[i] = ~0UL;
		}
		ASSERT_EQ(naive_next(map, size, offset, true),
			  find_next_bit(map, size, offset));
		ASSERT_EQ(naive_next(map, size, offset, false),
			  find_next_zero_bit(map, size, offset));
	}
}

TEST(for_each_set_bit_order)
{
	unsigned long map[2] = { 0x8000000000000011UL, 0x4UL };
	unsigned long bit, expect[] = { 0, 4, 63, 66 };
	unsigned int n = 0;

	for_each_set_bit(bit, map, 128) {
		ASSERT_LT(n, ARRAY_SIZE(expect));
		EXPECT_EQ(expect[n], bit);
		n++;
	}
	EXPECT_EQ(4U, n);
}

TEST(bitmap_ops)
{
	DECLARE_BITMAP(map, 200);
	DECLARE_BITMAP(copy, 200);

	EXPECT_EQ(4UL, ARRAY_SIZE(map));
	bitmap_zero(map, 200);
	EXPECT_TRUE(bitmap_empty(map, 200));
	EXPECT_FALSE(bitmap_full(map, 200));
	EXPECT_EQ(0, bitmap_weight(map, 200));

	bitmap_fill(map, 200);
	EXPECT_TRUE(bitmap_full(map, 200));
	EXPECT_EQ(200, bitmap_weight(map, 200));
	EXPECT_EQ(0xffUL, map[3]);	/* bits past nbits are left clear */

	bitmap_clear(map, 10, 150);
	EXPECT_EQ(50, bitmap_weight(map, 200));
	EXPECT_EQ(10UL, find_first_zero_bit(map, 200));
	EXPECT_EQ(160UL, find_next_bit(map, 200, 10));
	EXPECT_FALSE(bitmap_full(map, 200));

	bitmap_copy(copy, map, 200);
	EXPECT_EQ(0, memcmp(copy, map, sizeof(map)));

	bitmap_zero(map, 200);
	bitmap_set(map, 63, 2);		/* straddles a word boundary */
	EXPECT_EQ(1UL << 63, map[0]);
	EXPECT_EQ(1UL, map[1]);
	bitmap_set(map, 128, 64);	/* exactly one word */
	EXPECT_EQ(~0UL, map[2]);
	EXPECT_EQ(0UL, map[3]);
	bitmap_set(map, 5, 0);		/* nothing */
	bitmap_set(map, 5, -3);
	EXPECT_EQ(66, bitmap_weight(map, 200));
	bitmap_set(map, 199, 1);
	EXPECT_EQ(1UL << 7, map[3]);
	EXPECT_EQ(67, bitmap_weight(map, 200));
	EXPECT_EQ(66, bitmap_weight(map, 199));	/* last word masked */

	EXPECT_EQ(~0UL << 5, BITMAP_FIRST_WORD_MASK(5));
	EXPECT_EQ(~0UL, BITMAP_FIRST_WORD_MASK(64));
	EXPECT_EQ(0x1fUL, BITMAP_LAST_WORD_MASK(5));
	EXPECT_EQ(~0UL, BITMAP_LAST_WORD_MASK(64));
	EXPECT_EQ(~0UL, BITMAP_LAST_WORD_MASK(128));
}

TEST(bitmap_ranges_random)
{
	unsigned long map[4], ref[4];
	struct rnd_state rng;
	int round;

	test_rng(&rng, __func__);
	memset(map, 0, sizeof(map));
	memset(ref, 0, sizeof(ref));
	for (round = 0; round < 5000; round++) {
		unsigned int start = prandom_u32_state_max(&rng, 256);
		int len = prandom_u32_state_max(&rng, 256 - start + 1);
		bool set = prandom_u32_state_max(&rng, 2);
		unsigned int nbits = prandom_u32_state_max(&rng, 257);
		int bit, weight = 0;

		if (set)
			bitmap_set(map, start, len);
		else
			bitmap_clear(map, start, len);
		for (bit = start; bit < (int)start + len; bit++) {
			if (set)
				ref[bit / 64] |= 1UL << (bit % 64);
			else
				ref[bit / 64] &= ~(1UL << (bit % 64));
		}
		ASSERT_EQ(0, memcmp(map, ref, sizeof(map)))
			TH_LOG("%s %u+%d", set ? "set" : "clear", start, len);
		for (bit = 0; bit < (int)nbits; bit++)
			weight += !!(ref[bit / 64] & (1UL << (bit % 64)));
		ASSERT_EQ(weight, bitmap_weight(map, nbits));
		ASSERT_EQ(weight == 0, bitmap_empty(map, nbits));
		ASSERT_EQ(weight == (int)nbits, bitmap_full(map, nbits));
	}
}

/* ---- sort and bsearch -------------------------------------------------- */

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

static int cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* A 3-byte element: the byte-wise swap. */
struct triple {
	unsigned char key, a, b;
};

static int cmp_triple(const void *a, const void *b)
{
	const struct triple *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->a << 8 | x->b) - (y->a << 8 | y->b);
}

static int swaps;

static void count_swap_u32(void *a, void *b, int size)
{
	u32 t = *(u32 *)a;

	*(u32 *)a = *(u32 *)b;
	*(u32 *)b = t;
	swaps++;
}

TEST(sort_random_u32)
{
	static u32 a[5000], ref[5000];
	static const size_t sizes[] = { 0, 1, 2, 3, 7, 64, 1000, 4999, 5000 };
	struct rnd_state rng;
	unsigned int s, i;

	test_rng(&rng, __func__);
	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		size_t n = sizes[s];
		/* Few distinct values in some rounds: many duplicates. */
		u32 range = s % 2 ? 10 : ~0U;

		for (i = 0; i < n; i++)
			a[i] = ref[i] = prandom_u32_state(&rng) % range;
		sort(a, n, sizeof(a[0]), cmp_u32, NULL);
		qsort(ref, n, sizeof(ref[0]), cmp_u32);
		ASSERT_EQ(0, memcmp(a, ref, n * sizeof(a[0]))) TH_LOG("n = %zu", n);
	}

	/* Already sorted and reversed input. */
	for (i = 0; i < 1000; i++)
		a[i] = 1000 - i;
	sort(a, 1000, sizeof(a[0]), cmp_u32, NULL);
	for (i = 0; i < 1000; i++)
		ASSERT_EQ(i + 1, a[i]);
	sort(a, 1000, sizeof(a[0]), cmp_u32, NULL);
	for (i = 0; i < 1000; i++)
		ASSERT_EQ(i + 1, a[i]);
}

TEST(sort_u64_and_generic)
{
	static u64 a[3000], ref[3000];
	static struct triple t[2000], tref[2000];
	struct rnd_state rng;
	unsigned int i;

	test_rng(&rng, __func__);
	for (i = 0; i < ARRAY_SIZE(a); i++)
		a[i] = ref[i] = ((u64)prandom_u32_state(&rng) << 32) |
				prandom_u32_state(&rng);
	sort(a, ARRAY_SIZE(a), sizeof(a[0]), cmp_u64, NULL);
	qsort(ref, ARRAY_SIZE(ref), sizeof(ref[0]), cmp_u64);
	EXPECT_EQ(0, memcmp(a, ref, sizeof(a)));

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		t[i].key = prandom_u32_state(&rng);
		t[i].a = prandom_u32_state(&rng);
		t[i].b = prandom_u32_state(&rng);
		tref[i] = t[i];
	}
	sort(t, ARRAY_SIZE(t), sizeof(t[0]), cmp_triple, NULL);
	qsort(tref, ARRAY_SIZE(tref), sizeof(tref[0]), cmp_triple);
	EXPECT_EQ(0, memcmp(t, tref, sizeof(t)));
}

static int cmp_u64_unaligned(const void *a, const void *b)
{
	u64 x, y;

	memcpy(&x, a, sizeof(x));
	memcpy(&y, b, sizeof(y));
	return x < y ? -1 : x > y;
}

TEST(sort_misaligned)
{
	/* 8-byte elements off their alignment take the byte-wise swap. */
	static unsigned char raw[8 * 100 + 1];
	struct rnd_state rng;
	u64 v[100], x;
	unsigned int i;

	test_rng(&rng, __func__);
	for (i = 0; i < 100; i++) {
		v[i] = prandom_u32_state(&rng);
		memcpy(raw + 1 + 8 * i, &v[i], 8);
	}
	sort(raw + 1, 100, 8, cmp_u64_unaligned, NULL);
	qsort(v, 100, 8, cmp_u64);
	for (i = 0; i < 100; i++) {
		memcpy(&x, raw + 1 + 8 * i, 8);
		ASSERT_EQ(v[i], x);
	}
}

TEST(sort_custom_swap)
{
	u32 a[257];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(a); i++)
		a[i] = (i * 7919) % 257;
	swaps = 0;
	sort(a, ARRAY_SIZE(a), sizeof(a[0]), cmp_u32, count_swap_u32);
	EXPECT_GT(swaps, 0);
	for (i = 0; i < ARRAY_SIZE(a); i++)
		ASSERT_EQ(i, a[i]);
}

TEST(bsearch_finds)
{
	u32 a[100], key;
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(a); i++)
		a[i] = 2 * i;
	for (n = 0; n <= ARRAY_SIZE(a); n++) {
		for (key = 0; key < 2 * n + 2; key++) {
			u32 *hit = kernel_bsearch(&key, a, n, sizeof(a[0]),
						  cmp_u32);

			if (key % 2 == 0 && key < 2 * n) {
				ASSERT_EQ(&a[key / 2], hit);
			} else {
				ASSERT_EQ(NULL, hit);
			}
		}
	}
}

/* ---- prandom ------------------------------------------------------------ */

/* L'Ecuyer's lfsr113 as published, for an independent check. */
static u32 lfsr113_reference(u32 z[4])
{
	u32 b;

	b = ((z[0] << 6) ^ z[0]) >> 13;
	z[0] = ((z[0] & 4294967294U) << 18) ^ b;
	b = ((z[1] << 2) ^ z[1]) >> 27;
	z[1] = ((z[1] & 4294967288U) << 2) ^ b;
	b = ((z[2] << 13) ^ z[2]) >> 21;
	z[2] = ((z[2] & 4294967280U) << 7) ^ b;
	b = ((z[3] << 3) ^ z[3]) >> 12;
	z[3] = ((z[3] & 4294967168U) << 13) ^ b;
	return z[0] ^ z[1] ^ z[2] ^ z[3];
}

TEST(prandom_is_taus113)
{
	struct rnd_state state = { 987654321, 987654321, 987654321,
				   987654321 };
	u32 z[4] = { 987654321, 987654321, 987654321, 987654321 };
	int i;

	for (i = 0; i < 1000; i++)
		ASSERT_EQ(lfsr113_reference(z), prandom_u32_state(&state));
}

TEST(prandom_reproducible)
{
	struct rnd_state a, b, c;
	u32 first[64];
	int i, same = 0;

	prandom_seed_state(&a, 12345);
	prandom_seed_state(&b, 12345);
	prandom_seed_state(&c, 12346);
	for (i = 0; i < 64; i++) {
		first[i] = prandom_u32_state(&a);
		ASSERT_EQ(first[i], prandom_u32_state(&b));
		same += first[i] == prandom_u32_state(&c);
	}
	EXPECT_LT(same, 2);	/* a neighbouring seed is another stream */

	/* Reseeding restarts the stream. */
	prandom_seed_state(&a, 12345);
	for (i = 0; i < 64; i++)
		ASSERT_EQ(first[i], prandom_u32_state(&a));
}

TEST(prandom_seed_constraints)
{
	/* Seeds that a naive derivation would turn into degenerate states. */
	static const u64 seeds[] = { 0, 1, 2, ~0ULL, 1ULL << 32, 0x80000000ULL };
	struct rnd_state s;
	unsigned int i;
	int j;

	for (i = 0; i < ARRAY_SIZE(seeds); i++) {
		u32 prev, distinct = 0;

		prandom_seed_state(&s, seeds[i]);
		EXPECT_GE(s.s1, 2U);
		EXPECT_GE(s.s2, 8U);
		EXPECT_GE(s.s3, 16U);
		EXPECT_GE(s.s4, 128U);
		prev = prandom_u32_state(&s);
		for (j = 0; j < 100; j++) {
			u32 v = prandom_u32_state(&s);

			distinct += v != prev;
			prev = v;
		}
		EXPECT_GT(distinct, 95U);
	}

	/* Hand-made minimal states stay alive. */
	s = (struct rnd_state){ 2, 8, 16, 128 };
	for (j = 0; j < 1000; j++)
		prandom_u32_state(&s);
	EXPECT_NE(0U, s.s1 & ~1U);
	EXPECT_NE(0U, s.s2 & ~7U);
	EXPECT_NE(0U, s.s3 & ~15U);
	EXPECT_NE(0U, s.s4 & ~127U);
}

TEST(prandom_bytes)
{
	unsigned char buf[23], again[23];
	struct rnd_state a, b;
	u32 words[6];
	int i;

	prandom_seed_state(&a, 77);
	prandom_seed_state(&b, 77);
	memset(buf, 0, sizeof(buf));
	prandom_bytes_state(&a, buf, sizeof(buf));
	for (i = 0; i < 6; i++)
		words[i] = prandom_u32_state(&b);
	/* Little-endian bytes of consecutive values; the tail uses one more. */
	for (i = 0; i < 23; i++)
		ASSERT_EQ((unsigned char)(words[i / 4] >> (8 * (i % 4))), buf[i]);
	/* Both generators are now at the same point. */
	EXPECT_EQ(prandom_u32_state(&b), prandom_u32_state(&a));

	prandom_seed_state(&a, 77);
	prandom_bytes_state(&a, again, sizeof(again));
	EXPECT_EQ(0, memcmp(buf, again, sizeof(buf)));
	prandom_bytes_state(&a, again, 0);
}

TEST(prandom_distribution)
{
	struct rnd_state rng;
	unsigned int buckets[16] = { 0 };
	int i;

	test_rng(&rng, __func__);
	for (i = 0; i < 160000; i++)
		buckets[prandom_u32_state(&rng) >> 28]++;
	/* Expected 10000 each; 5 sigma is about 500. */
	for (i = 0; i < 16; i++) {
		EXPECT_GT(buckets[i], 9400U);
		EXPECT_LT(buckets[i], 10600U);
	}
	for (i = 0; i < 1000; i++)
		ASSERT_LT(prandom_u32_state_max(&rng, 7), 7U);
}

/* ---- int_sqrt ----------------------------------------------------------- */

static bool is_isqrt(unsigned long x, unsigned long r)
{
	unsigned __int128 sq = (unsigned __int128)r * r;
	unsigned __int128 next = (unsigned __int128)(r + 1) * (r + 1);

	return sq <= x && x < next;
}

TEST(int_sqrt_exact)
{
	struct rnd_state rng;
	unsigned long x;
	int i;

	for (x = 0; x < 70000; x++)
		ASSERT_TRUE(is_isqrt(x, int_sqrt(x))) TH_LOG("x = %lu", x);
	EXPECT_EQ(4294967295UL, int_sqrt(ULONG_MAX));
	EXPECT_EQ(4294967295UL, int_sqrt(4294967295UL * 4294967295UL));
	EXPECT_EQ(4294967294UL, int_sqrt(4294967295UL * 4294967295UL - 1));
	EXPECT_EQ(1UL << 31, int_sqrt(1UL << 62));
	EXPECT_EQ(3037000499UL, int_sqrt(1UL << 63));

	test_rng(&rng, __func__);
	for (i = 0; i < 100000; i++) {
		x = ((u64)prandom_u32_state(&rng) << 32) | prandom_u32_state(&rng);
		x >>= prandom_u32_state_max(&rng, 64);
		ASSERT_TRUE(is_isqrt(x, int_sqrt(x))) TH_LOG("x = %lu", x);
	}
}

TEST_HARNESS_MAIN
