/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/testing/umm/umm_test.h - white-box tests against a booted umm
 *
 * Each TEST runs in its own forked child (kselftest_harness.h does that),
 * which boots a fresh kernel with umm_boot() and calls kernel functions
 * directly.  FIXTURE(umm) boots with the variant's parameters, records the
 * free page count, and after the test checks the zones' invariants and
 * that every page came back.
 *
 * Test binaries print their seed and take -s SEED (UMM_TEST_MAIN).
 */
#ifndef _UMM_TEST_H
#define _UMM_TEST_H


#include "umm_test_lib.h"
#include "kselftest_harness.h"
#include "umm_timeout.h"

/*
 * FIXTURE(umm): a booted kernel.  Variants give boot parameters; a test
 * that leaves pages allocated or taints the kernel on purpose says so in
 * self->expect_leak / self->expect_taint.
 */
FIXTURE(umm) {
	unsigned long free_at_boot;
	bool expect_leak;
	bool expect_taint;
};

FIXTURE_VARIANT(umm) {
	const char *params;
};

#define __UMM_FIXTURE_SETUP(prime_anon_vma)				\
FIXTURE_SETUP(umm)							\
{									\
	/* Line buffered: the "# ..." lines must survive _exit(). */	\
	setvbuf(stdout, NULL, _IOLBF, 0);				\
	ASSERT_EQ(0, umm_boot(variant->params));			\
	if (prime_anon_vma)						\
		ASSERT_EQ(0, umm_prime_anon_vma_cache());		\
	self->free_at_boot = umm_free_pages();				\
	self->expect_leak = false;					\
	self->expect_taint = false;					\
}									\
									\
FIXTURE_TEARDOWN(umm)							\
{									\
	EXPECT_EQ(0, check_zones());					\
	if (!self->expect_leak)						\
		EXPECT_EQ(self->free_at_boot, umm_free_pages());	\
	if (!self->expect_taint)					\
		EXPECT_EQ(0, get_taint());				\
}

#define UMM_FIXTURE_SETUP	__UMM_FIXTURE_SETUP(false)
/*
 * For tests of workload tasks: the anon_vma slab is primed before the
 * free page count is taken (see umm_prime_anon_vma_cache()).
 */
#define UMM_TASK_FIXTURE_SETUP	__UMM_FIXTURE_SETUP(true)

/*
 * UMM_TESTS=pattern in the environment keeps only the tests whose name
 * contains it, and -l lists the tests (as fixture.variant.test, the names
 * the results carry) instead of running them: the harness of 6.1 has
 * neither.  The list is the harness's, static in each test file, hence a
 * macro.
 */
#define UMM_TEST_MAIN							\
static void umm_list_tests(void)					\
{									\
	struct __fixture_variant_metadata no_variant = { .name = "" };	\
	struct __fixture_variant_metadata *v;				\
	struct __fixture_metadata *f;					\
	struct __test_metadata *t;					\
									\
	for (f = __fixture_list; f; f = f->next)			\
		for (v = f->variant ?: &no_variant; v; v = v->next)	\
			for (t = f->tests; t; t = t->next)		\
				printf("%s%s%s.%s\n", f->name,		\
				       v->name[0] ? "." : "", v->name,	\
				       t->name);			\
}									\
									\
static void umm_filter_tests(const char *pattern)			\
{									\
	struct __fixture_metadata *f;					\
									\
	for (f = __fixture_list; f; f = f->next) {			\
		struct __test_metadata **tp = &f->tests;		\
									\
		while (*tp) {						\
			if (!strstr((*tp)->name, pattern))		\
				*tp = (*tp)->next;			\
			else						\
				tp = &(*tp)->next;			\
		}							\
	}								\
}									\
									\
int main(int argc, char **argv)						\
{									\
	const char *pattern = getenv("UMM_TESTS");			\
									\
	argc = umm_test_args(argc, argv);				\
	if (pattern && *pattern)					\
		umm_filter_tests(pattern);				\
	if (argc > 1 && !strcmp(argv[1], "-l")) {			\
		umm_list_tests();					\
		return 0;						\
	}								\
	return test_harness_run(argc, argv);				\
}

#endif /* _UMM_TEST_H */
