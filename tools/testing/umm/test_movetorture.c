// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_movetorture.c - movetorture on the tree's movable kinds
 *
 * mm/movetorture.c on the sample driver, zsmalloc and the balloon, a
 * short run each: the summary says failures=0 and that every path was
 * taken (isolations, migrations, -EAGAIN and -ENOMEM from the target
 * allocator, putbacks, the kind's own allocations and frees, compaction,
 * verifications); afterwards the fixture finds every page back and no
 * taint.  For the balloon, the host's set of frames agrees with the
 * driver's list at the end.  And the console files refuse bad input in
 * one line, changing nothing.
 *
 * Every test name contains "movetorture": CI runs them under
 * ThreadSanitizer with `make SAN=tsan check TESTS=movetorture`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "umm_test.h"

#include <linux/virtio_balloon.h>

#define MT	"/sys/kernel/debug/movetorture/"

FIXTURE_VARIANT_ADD(umm, mem128m) {
	/* A balloon device too: the balloon kind needs one. */
	.params = "mem=128M virtio_balloon_dev.enable=1",
};

UMM_FIXTURE_SETUP

/* The number after "@key=" in the summary; -1 if absent. */
static long summary_value(const char *summary, const char *key)
{
	char want[64];
	const char *p;

	snprintf(want, sizeof(want), " %s=", key);
	p = strstr(summary, want);
	return p ? strtol(p + strlen(want), NULL, 10) : -1;
}

/* A run of @kind for @ms; the summary's counters must all have moved. */
static void torture_kind(struct __test_metadata *_metadata, const char *kind,
			 int ms)
{
	static const char * const moved[] = {
		"isolations", "migrations", "eagain", "enomem", "putbacks",
		"compactions", "allocs", "frees", "verified",
	};
	char summary[1024];
	unsigned int i;

	ASSERT_EQ(0, write_knob(MT "duration_ms", ms));
	ASSERT_EQ(0, write_knob(MT "seed", umm_test_seed));
	ASSERT_EQ(0, echo_file(MT "run", kind));
	read_file_buf(MT "run", summary, sizeof(summary));
	printf("# %s", summary);
	ASSERT_EQ(0, strncmp(summary, "movetorture: kind=", 18));
	EXPECT_EQ(0, summary_value(summary, "failures"));
	for (i = 0; i < ARRAY_SIZE(moved); i++) {
		long n = summary_value(summary, moved[i]);

		if (n <= 0)
			printf("# %s=%ld: that path was not taken\n",
			       moved[i], n);
		EXPECT_LT(0, n);
	}
	EXPECT_EQ(0, check_zones());
}

/* Sanitizers slow everything down: the same paths, in as many rounds. */
#define RUN_MS	UMM_TIMEOUT(400)

TEST_F(umm, movetorture_sample)
{
	torture_kind(_metadata, "movable_sample", RUN_MS);
	EXPECT_EQ(0, file_value("/sys/kernel/debug/movable_sample/stats",
				"pages"));
}

TEST_F(umm, movetorture_zsmalloc)
{
	torture_kind(_metadata, "zsmalloc", RUN_MS);
	EXPECT_EQ(0, nr_zspages());
}

TEST_F(umm, movetorture_balloon)
{
	struct virtio_balloon *vb = the_balloon();

	ASSERT_NE(NULL, vb);
	torture_kind(_metadata, "balloon", RUN_MS);
	EXPECT_EQ(0, balloon_sets_disagree(vb));
}

/* A bad write: refused with @err, one line on the console, nothing changed. */
static void refused(struct __test_metadata *_metadata, const char *file,
		    const char *val, int err)
{
	char before[4][64], after[4][64];
	static const char * const knobs[] = {
		"duration_ms", "seed", "nr_threads", "run",
	};
	char path[128];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(knobs); i++) {
		snprintf(path, sizeof(path), MT "%s", knobs[i]);
		read_file_buf(path, before[i], sizeof(before[i]));
	}
	snprintf(path, sizeof(path), MT "%s", file);
	EXPECT_EQ(err, echo_file(path, val)) {
		TH_LOG("echo %s > %s", val, path);
	}
	for (i = 0; i < ARRAY_SIZE(knobs); i++) {
		snprintf(path, sizeof(path), MT "%s", knobs[i]);
		read_file_buf(path, after[i], sizeof(after[i]));
		EXPECT_STREQ(before[i], after[i]);
	}
}

TEST_F(umm, movetorture_refuses_bad_input)
{
	refused(_metadata, "run", "nosuchkind", -EINVAL);
	refused(_metadata, "run", "anon", -EINVAL);	/* not movable */
	refused(_metadata, "run", "", -EINVAL);
	refused(_metadata, "run", "a_name_much_longer_than_any_kind_has", -EINVAL);
	refused(_metadata, "duration_ms", "0", -EINVAL);
	refused(_metadata, "duration_ms", "3600001", -EINVAL);
	refused(_metadata, "duration_ms", "soon", -EINVAL);
	refused(_metadata, "nr_threads", "0", -EINVAL);
	refused(_metadata, "nr_threads", "17", -EINVAL);
	refused(_metadata, "seed", "-", -EINVAL);
	EXPECT_EQ(0, strcmp(read_file_buf(MT "run", (char[64]){ 0 }, 64),
			    "movetorture: no run yet\n"));
}

UMM_TEST_MAIN
