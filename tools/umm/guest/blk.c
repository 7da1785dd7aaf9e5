// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/blk.c - blkwrite, blkverify and blkdiscard
 *
 * Pages written straight to a block device (O_DIRECT: no page cache
 * between the agent and zram), with the data of init/console_blk.c: the
 * same owner ("blk" + minor), offsets and generations, so zram stores
 * what umm's zram stores.  blkdiscard is the BLKDISCARD ioctl, one page
 * at a time, as swap frees its slots.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <linux/fs.h>
#include "agent.h"
#include "blkdev.h"
#include "pattern.h"

#define BLK_OWNER(minor)	(0x626c6b00U | ((minor) & 0xff))
#define BLK_SAME_MAGIC		0x53414d45ULL	/* "SAME" */

struct blk_args {
	const char *name;
	int fd;
	uint32_t owner;
	unsigned long long start, count, stride;
	unsigned int ratio;
	unsigned long long seed;
	bool same, zero;
};

static unsigned long long blk_nr_touched(const struct blk_args *a)
{
	return (a->count + a->stride - 1) / a->stride;
}

static int parse_option(const char *cmd, const char *opt, struct blk_args *a)
{
	bool write = !strcmp(cmd, "blkwrite");

	if (write && !strncmp(opt, "ratio=", 6)) {
		if (parse_ratio(opt + 6, &a->ratio))
			return cmd_err(-EINVAL,
				"bad ratio '%s' (a number from 0 to 1)", opt + 6);
		return 0;
	}
	if (write && !strncmp(opt, "seed=", 5)) {
		if (parse_uint(opt + 5, 0, ~0ULL, &a->seed))
			return cmd_err(-EINVAL, "bad seed '%s'", opt + 5);
		return 0;
	}
	if (write && !strcmp(opt, "same")) {
		a->same = true;
		return 0;
	}
	if (!strcmp(cmd, "blkverify") && !strcmp(opt, "zero")) {
		a->zero = true;
		return 0;
	}
	if (!strncmp(opt, "stride=", 7)) {
		if (parse_uint(opt + 7, 10, ~0ULL, &a->stride) || !a->stride)
			return cmd_err(-EINVAL,
				"bad stride '%s' (a number of pages, at least 1)",
				opt + 7);
		return 0;
	}
	return cmd_err(-EINVAL, "unknown option '%s'", opt);
}

/* Parse DEV START COUNT [options] and open DEV, as console_blk.c does. */
static int blk_open(int argc, char **argv, int max_args, const char *usage,
		    struct blk_args *a)
{
	unsigned long long bytes = 0, nr_pages;
	char path[256];
	struct stat st;
	int i, err;

	memset(a, 0, sizeof(*a));
	a->ratio = 500;
	a->stride = 1;
	a->seed = agent.seed * 6364136223846793005ULL + ++agent.blk_seq;
	if (argc < 4 || argc > max_args)
		return cmd_err(-EINVAL, "usage: %s", usage);
	a->name = argv[1];
	if (parse_uint(argv[2], 10, ~0ULL, &a->start))
		return cmd_err(-EINVAL, "bad start page '%s'", argv[2]);
	if (parse_uint(argv[3], 10, ~0ULL, &a->count) || !a->count)
		return cmd_err(-EINVAL, "bad page count '%s'", argv[3]);
	for (i = 4; i < argc; i++) {
		err = parse_option(argv[0], argv[i], a);
		if (err)
			return err;
	}
	a->fd = open(blkdev_path(a->name, path, sizeof(path)),
		     O_RDWR | O_DIRECT);
	if (a->fd < 0 || fstat(a->fd, &st) || !S_ISBLK(st.st_mode)) {
		if (a->fd >= 0)
			close(a->fd);
		if (a->fd >= 0 || errno == ENOENT || errno == ENXIO)
			return cmd_err(-ENODEV, "no block device '%s'", a->name);
		return cmd_err(-errno, "%s: %s", a->name, strerror(errno));
	}
	a->owner = BLK_OWNER(minor(st.st_rdev));
	if (ioctl(a->fd, BLKGETSIZE64, &bytes))
		bytes = 0;
	nr_pages = bytes / AGENT_PAGE_SIZE;
	err = 0;
	if (!nr_pages)
		err = cmd_err(-EINVAL, "%s is not initialised (set its disksize first)",
			      a->name);
	else if (a->start >= nr_pages || a->count > nr_pages - a->start)
		err = cmd_err(-EINVAL, "pages %llu..%llu are past the end of %s (%llu pages)",
			      a->start, a->start + a->count - 1, a->name,
			      nr_pages);
	if (err)
		close(a->fd);
	return err;
}

static uint64_t same_word(unsigned long long index)
{
	return BLK_SAME_MAGIC << 32 | (uint32_t)index;
}

static bool page_filled_with(const void *buf, uint64_t val)
{
	const uint64_t *word = buf;
	size_t i;

	for (i = 0; i < AGENT_PAGE_SIZE / sizeof(*word); i++)
		if (word[i] != val)
			return false;
	return true;
}

static void fill_blk_page(void *buf, struct blk_args *a,
			  unsigned long long index)
{
	uint64_t *word = buf;
	size_t i;

	if (!a->same) {
		fill_pattern_page(buf, a->owner, index * AGENT_PAGE_SIZE,
				  (uint32_t)agent.blk_seq, a->ratio, a->seed);
		return;
	}
	for (i = 0; i < AGENT_PAGE_SIZE / sizeof(*word); i++)
		word[i] = same_word(index);
}

static bool blk_page_valid(const void *buf, struct blk_args *a,
			   unsigned long long index)
{
	if (a->zero)
		return page_filled_with(buf, 0);
	if (page_filled_with(buf, same_word(index)))
		return true;
	return fill_pattern_valid(buf, a->owner, index * AGENT_PAGE_SIZE);
}

static int cmd_blkwrite(int argc, char **argv)
{
	unsigned long long i;
	struct blk_args a;
	void *page;
	int err;

	err = blk_open(argc, argv, 8,
		       "blkwrite DEV START COUNT [ratio=R] [seed=S] [same] [stride=N]",
		       &a);
	if (err)
		return err;
	if (posix_memalign(&page, AGENT_PAGE_SIZE, AGENT_PAGE_SIZE)) {
		close(a.fd);
		return cmd_err(-ENOMEM, "out of memory");
	}
	for (i = a.start; i < a.start + a.count; i += a.stride) {
		fill_blk_page(page, &a, i);
		if (pwrite(a.fd, page, AGENT_PAGE_SIZE, i * AGENT_PAGE_SIZE) !=
		    (ssize_t)AGENT_PAGE_SIZE) {
			err = errno ? -errno : -EIO;
			cmd_err(err, "%s: write of page %llu failed: %s (%llu pages written)",
				a.name, i, strerror(-err), (i - a.start) / a.stride);
			break;
		}
	}
	free(page);
	close(a.fd);
	if (!err)
		out_printf("%s: wrote %llu pages\n", a.name, blk_nr_touched(&a));
	return err;
}

static int cmd_blkverify(int argc, char **argv)
{
	unsigned long long i, bad = 0, failed = 0, first_bad = 0;
	struct blk_args a;
	void *page;
	int err;

	err = blk_open(argc, argv, 6, "blkverify DEV START COUNT [zero] [stride=N]",
		       &a);
	if (err)
		return err;
	if (posix_memalign(&page, AGENT_PAGE_SIZE, AGENT_PAGE_SIZE)) {
		close(a.fd);
		return cmd_err(-ENOMEM, "out of memory");
	}
	for (i = a.start; i < a.start + a.count; i += a.stride) {
		bool read_ok = pread(a.fd, page, AGENT_PAGE_SIZE,
				     i * AGENT_PAGE_SIZE) ==
			       (ssize_t)AGENT_PAGE_SIZE;

		if (read_ok && blk_page_valid(page, &a, i))
			continue;
		if (!bad && !failed)
			first_bad = i;
		if (!read_ok)
			failed++;
		else
			bad++;
	}
	free(page);
	close(a.fd);
	out_printf("%s: %llu pages checked, %llu mismatches, %llu read errors\n",
		   a.name, blk_nr_touched(&a), bad, failed);
	if (failed)
		return cmd_err(-EIO, "%s: %llu pages could not be read (first: page %llu)",
			       a.name, failed, first_bad);
	if (bad)
		return cmd_err(-EINVAL, "%s: %llu pages do not hold what was written (first: page %llu)",
			       a.name, bad, first_bad);
	return 0;
}

static int cmd_blkdiscard(int argc, char **argv)
{
	unsigned long long i;
	struct blk_args a;
	int err;

	err = blk_open(argc, argv, 5, "blkdiscard DEV START COUNT [stride=N]", &a);
	if (err)
		return err;
	for (i = a.start; i < a.start + a.count; i += a.stride) {
		uint64_t range[2] = { i * AGENT_PAGE_SIZE, AGENT_PAGE_SIZE };

		if (ioctl(a.fd, BLKDISCARD, range)) {
			err = -errno;
			close(a.fd);
			if (err == -EOPNOTSUPP)
				return cmd_err(err, "%s cannot discard pages", a.name);
			return cmd_err(err, "%s: %s", a.name, strerror(-err));
		}
	}
	close(a.fd);
	out_printf("%s: discarded %llu pages\n", a.name, blk_nr_touched(&a));
	return 0;
}

const struct agent_cmd blk_cmds[] = {
	{ "blkwrite", cmd_blkwrite },
	{ "blkverify", cmd_blkverify },
	{ "blkdiscard", cmd_blkdiscard },
	{ }
};
