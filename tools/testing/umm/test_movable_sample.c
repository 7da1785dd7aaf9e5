// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_movable_sample.c - the sample driver of movable pages
 *
 * The sample driver (samples/movable/) through its debugfs knobs:
 * compaction with and without movable driver pages, and bad input to
 * the knobs and to its boot parameter. *
 * Every test name contains "movable", so that `make check TESTS=movable`
 * runs all of them; movable_test.h has what the files share.
 */
#include "movable_test.h"

/* ==== the sample driver: compaction with and without the series ==== */

FIXTURE(sample) {
	unsigned long free_at_boot;
	bool movable;
};

FIXTURE_VARIANT(sample) {
	const char *params;
	bool movable;
};

FIXTURE_VARIANT_ADD(sample, movable) {
	.params = "mem=128M",
	.movable = true,
};

FIXTURE_VARIANT_ADD(sample, unmovable) {
	.params = "mem=128M movable_sample.movable=0",
	.movable = false,
};

FIXTURE_SETUP(sample)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot(variant->params));
	self->free_at_boot = umm_free_pages();
}

FIXTURE_TEARDOWN(sample)
{
	/* The driver gives everything back. */
	EXPECT_EQ(0, write_file(SAMPLE "pages", "0\n"));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "isolated"));
	EXPECT_EQ(0, check_zones());
	EXPECT_EQ(self->free_at_boot, umm_free_pages());
	EXPECT_EQ(0, get_taint());
}

/*
 * The driver's pages in every pageblock, half of them released at random:
 * no free order-9 block anywhere.  compact_memory makes many when the
 * pages are movable, none when they are not.
 */
TEST_F(sample, movable_sample_compaction_makes_order9_blocks)
{
	unsigned long success = sum_vm_event(PGMIGRATE_SUCCESS);
	unsigned long free_pages = umm_free_pages();
	unsigned long before, after, held;
	char num[32];

	EXPECT_EQ(variant->movable, file_value(SAMPLE "movable", NULL));
	/* Most of memory, leaving room for the driver's records. */
	held = free_pages - free_pages / 32;
	snprintf(num, sizeof(num), "%lu\n", held);
	ASSERT_EQ(0, write_file(SAMPLE "pages", num));
	snprintf(num, sizeof(num), "%lu\n", held / 2);
	ASSERT_EQ(0, write_file(SAMPLE "release", num));
	EXPECT_EQ(held - held / 2, file_value(SAMPLE "pages", NULL));
	before = free_order9_units();

	ASSERT_EQ(0, compact_memory());
	after = free_order9_units();
	printf("# %lu pages held, order-9 units free: %lu before, %lu after; %lu migrated\n",
	       held - held / 2, before, after,
	       sum_vm_event(PGMIGRATE_SUCCESS) - success);
	if (variant->movable) {
		EXPECT_GE(after, before + 16);
		EXPECT_GT(sum_vm_event(PGMIGRATE_SUCCESS), success);
		EXPECT_GT(file_value(SAMPLE "stats", "migrated"), 0);
	} else {
		EXPECT_LE(after, before);
		EXPECT_EQ(success, sum_vm_event(PGMIGRATE_SUCCESS));
		EXPECT_EQ(0, file_value(SAMPLE "stats", "migrated"));
	}
	EXPECT_EQ(held - held / 2, file_value(SAMPLE "verify", "pages"));
	EXPECT_EQ(0, file_value(SAMPLE "verify", "mismatches"));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "isolated"));
}

/* ==== bad input to the sample's knobs ==== */

struct bad_input {
	const char *knob;
	const char *text;
	int err;
};

TEST_F(sample, movable_sample_knobs_refuse_bad_values)
{
	static const struct bad_input bad[] = {
		{ "fail_isolate", "101\n", -EINVAL },
		{ "fail_isolate", "-1\n", -EINVAL },
		{ "fail_isolate", "abc\n", -EINVAL },
		{ "fail_isolate", "12abc\n", -EINVAL },
		{ "fail_isolate", "\n", -EINVAL },
		{ "fail_migrate", "101\n", -EINVAL },
		{ "fail_migrate", "1000000000000000000000\n", -ERANGE },
		{ "fail_migrate", "5 6\n", -EINVAL },
		{ "movable", "2\n", -EINVAL },
		{ "movable", "yes\n", -EINVAL },
		{ "pages", "abc\n", -EINVAL },
		{ "pages", "-5\n", -EINVAL },
		{ "release", "11\n", -EINVAL },
		{ "release", "x\n", -EINVAL },
	};
	int i;

	ASSERT_EQ(0, write_file(SAMPLE "pages", "10\n"));
	ASSERT_EQ(0, write_file(SAMPLE "fail_isolate", "7\n"));
	ASSERT_EQ(0, write_file(SAMPLE "fail_migrate", "0x10\n"));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		char path[128];
		long before, after;

		snprintf(path, sizeof(path), SAMPLE "%s", bad[i].knob);
		before = strcmp(bad[i].knob, "release") ?
			 file_value(path, NULL) : file_value(SAMPLE "pages", NULL);
		EXPECT_EQ(bad[i].err, write_file(path, bad[i].text)) {
			TH_LOG("%s <- '%.*s'", bad[i].knob,
			       (int)strlen(bad[i].text) - 1, bad[i].text);
		}
		after = strcmp(bad[i].knob, "release") ?
			file_value(path, NULL) : file_value(SAMPLE "pages", NULL);
		EXPECT_EQ(before, after) {
			TH_LOG("%s changed by '%.*s'", bad[i].knob,
			       (int)strlen(bad[i].text) - 1, bad[i].text);
		}
	}
	EXPECT_EQ(7, file_value(SAMPLE "fail_isolate", NULL));
	EXPECT_EQ(16, file_value(SAMPLE "fail_migrate", NULL));
	EXPECT_EQ(variant->movable, file_value(SAMPLE "movable", NULL));
	EXPECT_EQ(10, file_value(SAMPLE "pages", NULL));
	/* The limits themselves are fine. */
	EXPECT_EQ(0, write_file(SAMPLE "fail_isolate", "100\n"));
	EXPECT_EQ(0, write_file(SAMPLE "fail_isolate", "0\n"));
	EXPECT_EQ(0, write_file(SAMPLE "release", "10\n"));
	EXPECT_EQ(0, file_value(SAMPLE "pages", NULL));
	EXPECT_EQ(-EINVAL, write_file(SAMPLE "release", "1\n"));
	/* Read-only and write-only files refuse the other direction. */
	EXPECT_GT(0, write_file(SAMPLE "stats", "0\n"));
	EXPECT_GT(0, write_file(SAMPLE "verify", "0\n"));
	EXPECT_EQ(NULL, read_file(SAMPLE "release"));
	EXPECT_EQ(0, file_value(SAMPLE "verify", "mismatches"));
}

/*
 * More pages than memory: the driver grows as far as it can, says -ENOMEM
 * and gives back every page this write took, so a refused write leaves
 * it as it was (issue 12, F3; it used to keep them, and the machine was
 * left without memory to read a file).
 */
TEST_F(sample, movable_sample_growth_beyond_memory_is_enomem)
{
	unsigned long free_before;
	char num[32];

	EXPECT_EQ(0, write_file(SAMPLE "pages", "100\n"));
	free_before = umm_free_pages();
	snprintf(num, sizeof(num), "%lu\n", 2 * totalram_pages);
	EXPECT_EQ(-ENOMEM, write_file(SAMPLE "pages", num));
	EXPECT_EQ(100, file_value(SAMPLE "pages", NULL));
	EXPECT_EQ(100, file_value(SAMPLE "verify", "pages"));
	EXPECT_EQ(0, file_value(SAMPLE "verify", "mismatches"));
	EXPECT_EQ(0, file_value(SAMPLE "stats", "isolated"));
	/* Per-cpu lists hold a few; the rest is back in the buddy lists. */
	drain_all_pages(NULL);
	EXPECT_LE(free_before, umm_free_pages() + 64);
}

/* The boot parameter takes a boolean only: anything else stops the boot. */
TEST(movable_sample_boot_parameter_must_be_boolean)
{
	EXPECT_EQ(-EINVAL, umm_boot("mem=64M movable_sample.movable=2"));
}

UMM_TEST_MAIN
