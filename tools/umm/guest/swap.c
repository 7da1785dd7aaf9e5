// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/swap.c - mkswap, swapon and swapoff
 *
 * DEV is named as umm names it ("zram0") or by its path.  mkswap writes
 * the version 1 swap header itself (what util-linux's mkswap writes,
 * minus the UUID and label): the guest needs no other tool for it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/swap.h>
#include <unistd.h>
#include <linux/fs.h>
#include "agent.h"
#include "blkdev.h"

/* Where the fields of the version 1 header are, in its first page. */
#define SWAP_VERSION_OFF	1024
#define SWAP_LAST_PAGE_OFF	1028
#define SWAP_MAGIC		"SWAPSPACE2"
#define SWAP_MIN_PAGES		10

/**
 * blkdev_path - the path of a device as umm's console names it
 * @name: "zram0" or "/dev/zram0"
 * @buf: room for the path
 * @size: its size
 *
 * Return: @buf.
 */
const char *blkdev_path(const char *name, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", name[0] == '/' ? "" : "/dev/", name);
	return buf;
}

static int write_swap_header(const char *name)
{
	unsigned long long bytes;
	uint32_t word;
	char path[256];
	char *page;
	int fd, err = 0;

	fd = open(blkdev_path(name, path, sizeof(path)), O_RDWR | O_EXCL);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, BLKGETSIZE64, &bytes))
		bytes = 0;
	if (bytes / AGENT_PAGE_SIZE < SWAP_MIN_PAGES) {
		close(fd);
		return -EINVAL;
	}
	page = calloc(1, AGENT_PAGE_SIZE);
	if (!page) {
		close(fd);
		return -ENOMEM;
	}
	word = 1;
	memcpy(page + SWAP_VERSION_OFF, &word, 4);
	word = bytes / AGENT_PAGE_SIZE - 1;
	memcpy(page + SWAP_LAST_PAGE_OFF, &word, 4);
	memcpy(page + AGENT_PAGE_SIZE - strlen(SWAP_MAGIC), SWAP_MAGIC,
	       strlen(SWAP_MAGIC));
	if (pwrite(fd, page, AGENT_PAGE_SIZE, 0) != (ssize_t)AGENT_PAGE_SIZE ||
	    fsync(fd))
		err = errno ? -errno : -EIO;
	free(page);
	close(fd);
	return err;
}

static int cmd_mkswap(int argc, char **argv)
{
	int err;

	if (argc != 2)
		return cmd_err(-EINVAL, "usage: mkswap DEV");
	err = write_swap_header(argv[1]);
	if (err == -EBUSY)
		return cmd_err(err, "%s: device is in use (swapon?)", argv[1]);
	if (err == -EINVAL)
		return cmd_err(err, "%s: not initialised or too small (set its disksize first)",
			       argv[1]);
	if (err)
		return cmd_err(err, "%s: %s", argv[1], strerror(-err));
	out_printf("Setting up swapspace version 1 on %s\n", argv[1]);
	return 0;
}

static int cmd_swapon(int argc, char **argv)
{
	unsigned long long prio = 0;
	int flags = 0, err = 0;
	char path[256];

	if (argc == 4 && !strcmp(argv[2], "-p")) {
		if (parse_uint(argv[3], 10, 32767, &prio))
			return cmd_err(-EINVAL, "bad priority '%s' (0 to 32767)",
				       argv[3]);
		flags = SWAP_FLAG_PREFER |
			((prio << SWAP_FLAG_PRIO_SHIFT) & SWAP_FLAG_PRIO_MASK);
	} else if (argc != 2) {
		return cmd_err(-EINVAL, "usage: swapon DEV [-p PRIO]");
	}
	if (swapon(blkdev_path(argv[1], path, sizeof(path)), flags))
		err = -errno;
	if (err == -EINVAL)
		return cmd_err(err, "%s: read swap header failed (run mkswap first)",
			       argv[1]);
	if (err == -EBUSY)
		return cmd_err(err, "%s: swapon failed: Device or resource busy",
			       argv[1]);
	if (err)
		return cmd_err(err, "%s: swapon failed: %s", argv[1],
			       strerror(-err));
	return 0;
}

static int cmd_swapoff(int argc, char **argv)
{
	char path[256];
	int err = 0;

	if (argc != 2)
		return cmd_err(-EINVAL, "usage: swapoff DEV");
	if (swapoff(blkdev_path(argv[1], path, sizeof(path))))
		err = -errno;
	if (err == -EINVAL)
		return cmd_err(err, "%s: swapoff failed: not a swap device",
			       argv[1]);
	if (err)
		return cmd_err(err, "%s: swapoff failed: %s", argv[1],
			       strerror(-err));
	return 0;
}

const struct agent_cmd swap_cmds[] = {
	{ "mkswap", cmd_mkswap },
	{ "swapon", cmd_swapon },
	{ "swapoff", cmd_swapoff },
	{ }
};
