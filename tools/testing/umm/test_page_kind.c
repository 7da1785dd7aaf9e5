// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_page_kind.c - the registry of page owners
 *
 * A test-only driver in this file registers its kind at boot
 * (late_initcall, after every driver of the tree), and with
 * kindtest.mistake=N makes one of the mistakes the registry must refuse:
 * a kind registered twice, a map letter taken twice, a movable kind
 * without a_ops.  Each is one line on stderr, and the boot fails.
 * Without a mistake the kind is registered like any other: the
 * migrated file lists it beside every registered movable kind, and its
 * migrations are counted under its name.
 *
 * Every test name contains "page_kind".
 */
#define MODULE_PARAM_PREFIX "kindtest."

#include <fcntl.h>
#include <linux/moduleparam.h>
#include <linux/page_kind.h>
#include <linux/fs.h>
#include "umm_test.h"

#define MIGRATED	"/sys/kernel/debug/umm/migrated"

enum { NO_MISTAKE, TWICE, LETTER_TAKEN, NO_AOPS, NR_MISTAKES };

/* Only told apart by their address: no page of this kind ever exists. */
static const struct address_space_operations kindtest_aops;

static unsigned int mistake;
module_param(mistake, uint, 0444);

static struct page_kind kindtest_kind = {
	.name = "kindtest",
	.desc = "test kind",
	.letter = 'K',
	.colour = "#abcdef",
	.movable = true,
	.a_ops = &kindtest_aops,
	.off = "kindtest.mistake=0",
};

/* The mistakes, each a kind of its own. */
static struct page_kind bad_kinds[NR_MISTAKES] = {
	[TWICE] = {
		.name = "kindtest", .desc = "again", .letter = 'k',
		.colour = "#000000",
	},
	[LETTER_TAKEN] = {
		.name = "zsmalloc2", .desc = "z again", .letter = 'z',
		.colour = "#000000",
	},
	[NO_AOPS] = {
		.name = "noaops", .desc = "movable, no a_ops", .letter = 'q',
		.colour = "#000000", .movable = true,
	},
};

static int __init kindtest_init(void)
{
	int err = page_kind_register(&kindtest_kind);

	if (err || mistake == NO_MISTAKE || mistake >= NR_MISTAKES)
		return err;
	return page_kind_register(&bad_kinds[mistake]);
}
late_initcall(kindtest_init);

/* Boot with @params, stderr into @err: the boot's result. */
static int boot_capturing(const char *params, char *err, size_t size)
{
	char path[] = "/tmp/umm-kind-XXXXXX";
	int fd = mkstemp(path), saved = dup(2), ret;
	ssize_t n;

	fflush(stderr);
	dup2(fd, 2);
	ret = umm_boot(params);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = pread(fd, err, size - 1, 0);
	err[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	return ret;
}

static void expect_refused(struct __test_metadata *_metadata, const char *params,
			   int want, const char *text)
{
	char err[1024];

	EXPECT_EQ(want, boot_capturing(params, err, sizeof(err)));
	EXPECT_EQ(1, count_lines(err)) {
		TH_LOG("stderr: %s", err);
	}
	EXPECT_NE(NULL, strstr(err, text)) {
		TH_LOG("stderr: %s", err);
	}
}

TEST(page_kind_registered_twice_fails_the_boot)
{
	expect_refused(_metadata, "mem=64M kindtest.mistake=1", -EEXIST,
		       "umm: page kind 'kindtest': registered twice");
}

TEST(page_kind_letter_taken_fails_the_boot)
{
	expect_refused(_metadata, "mem=64M kindtest.mistake=2", -EBUSY,
		       "umm: page kind 'zsmalloc2': map letter 'z' is taken by 'zsmalloc'");
}

TEST(page_kind_movable_without_a_ops_fails_the_boot)
{
	expect_refused(_metadata, "mem=64M kindtest.mistake=3", -EINVAL,
		       "umm: page kind 'noaops': it is movable but has no a_ops");
}

/* Malformed fields are refused too, and leave the registry as it was. */
FIXTURE(kinds) {
};

FIXTURE_SETUP(kinds)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	ASSERT_EQ(0, umm_boot("mem=64M"));
}

FIXTURE_TEARDOWN(kinds)
{
}

TEST_F(kinds, page_kind_bad_fields_are_refused)
{
	struct page_kind bad[] = {
		{ .name = "", .desc = "d", .letter = 'Q', .colour = "#000000" },
		{ .name = "two words", .desc = "d", .letter = 'Q',
		  .colour = "#000000" },
		{ .name = "nodesc", .letter = 'Q', .colour = "#000000" },
		{ .name = "badcolour", .desc = "d", .letter = 'Q',
		  .colour = "red" },
		{ .name = "space", .desc = "d", .letter = ' ',
		  .colour = "#000000" },
		{ .name = "aopsnotmovable", .desc = "d", .letter = 'Q',
		  .colour = "#000000", .a_ops = &kindtest_aops },
		{ .name = "badoff", .desc = "d", .letter = 'Q',
		  .colour = "#000000", .off = "a b" },
	};
	unsigned int i, n = nr_page_kinds();

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		EXPECT_EQ(-EINVAL, page_kind_register(&bad[i])) {
			TH_LOG("accepted kind %u", i);
		}
	EXPECT_EQ(n, nr_page_kinds());
}

/*
 * Every registered kind is in the registry once, with its own letter;
 * the migrated file lists exactly the movable ones, between "lru" and
 * "other"; and what migration moves of a kind is counted under its name.
 */
TEST_F(kinds, page_kind_migrated_lists_every_movable_kind)
{
	char *text = read_file(MIGRATED), *line;
	struct page_kind *kind, *other;
	unsigned int i, j, movable = 0;
	int lines = 0;

	ASSERT_NE(NULL, text);
	for_each_page_kind(kind, i) {
		char want[64];

		for_each_page_kind(other, j)
			if (i != j)
				EXPECT_NE(kind->letter, other->letter);
		EXPECT_EQ(kind, page_kind_nr(kind->id - 1));
		snprintf(want, sizeof(want), "\n%s ", kind->name);
		if (kind->movable) {
			movable++;
			EXPECT_NE(NULL, strstr(text, want)) {
				TH_LOG("%s not in the migrated file", kind->name);
			}
			EXPECT_EQ(kind, page_kind_of_ops(kind->a_ops));
		} else {
			EXPECT_EQ(NULL, strstr(text, want));
		}
	}
	for (line = text; (line = strchr(line, '\n')); line++)
		lines++;
	EXPECT_EQ(movable + 2, lines);
	EXPECT_EQ(0, strncmp(text, "lru ", 4));
	EXPECT_NE(NULL, strstr(text, "\nother "));
	/* The tree's drivers, and this file's. */
	EXPECT_NE(NULL, strstr(text, "\nzsmalloc "));
	EXPECT_NE(NULL, strstr(text, "\nballoon "));
	EXPECT_NE(NULL, strstr(text, "\nmovable_sample "));
	EXPECT_NE(NULL, strstr(text, "\nkindtest 0\n"));
	free(text);
}

UMM_TEST_MAIN
