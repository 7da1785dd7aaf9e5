// SPDX-License-Identifier: GPL-2.0
/*
 * init/console_swap.c - mkswap, swapon and swapoff, as util-linux has them
 *
 *   mkswap DEV
 *   swapon DEV [-p PRIO]
 *   swapoff DEV
 *
 * DEV is a block device ("zram0" or "/dev/zram0").  /proc/swaps and the
 * Swap lines of /proc/meminfo show the result.
 */
#include <linux/kernel.h>
#include <linux/swap.h>
#include <linux/string.h>
#include "console.h"

static int cmd_mkswap(int argc, char **argv)
{
	int err;

	if (argc != 2)
		return console_cmd_err(-EINVAL, "usage: mkswap DEV");
	err = mkswap(argv[1]);
	if (err == -EBUSY)
		return console_cmd_err(err, "%s: device is in use (swapon?)",
				       argv[1]);
	if (err == -EINVAL)
		return console_cmd_err(err, "%s: not initialised or too small (set its disksize first)",
				       argv[1]);
	if (err)
		return console_cmd_err(err, "%s: %s", argv[1], errno_text(err));
	console_printf("Setting up swapspace version 1 on %s\n", argv[1]);
	return 0;
}

static int cmd_swapon(int argc, char **argv)
{
	int prio = -1, err;

	if (argc == 4 && !strcmp(argv[2], "-p")) {
		if (kstrtoint(argv[3], 10, &prio) || prio < 0 || prio > 32767)
			return console_cmd_err(-EINVAL,
				"bad priority '%s' (0 to 32767)", argv[3]);
	} else if (argc != 2) {
		return console_cmd_err(-EINVAL, "usage: swapon DEV [-p PRIO]");
	}
	err = sys_swapon(argv[1], prio);
	if (err == -EINVAL)
		return console_cmd_err(err, "%s: read swap header failed (run mkswap first)",
				       argv[1]);
	if (err == -EBUSY)
		return console_cmd_err(err, "%s: swapon failed: Device or resource busy",
				       argv[1]);
	if (err)
		return console_cmd_err(err, "%s: swapon failed: %s", argv[1],
				       errno_text(err));
	return 0;
}

static int cmd_swapoff(int argc, char **argv)
{
	int err;

	if (argc != 2)
		return console_cmd_err(-EINVAL, "usage: swapoff DEV");
	err = sys_swapoff(argv[1]);
	if (err == -EINVAL)
		return console_cmd_err(err, "%s: swapoff failed: not a swap device",
				       argv[1]);
	if (err)
		return console_cmd_err(err, "%s: swapoff failed: %s", argv[1],
				       errno_text(err));
	return 0;
}

const struct console_cmd console_swap_cmds[] = {
	{ "mkswap", "mkswap DEV", "set up a swap area on a block device",
	  cmd_mkswap },
	{ "swapon", "swapon DEV [-p PRIO]", "start swapping to a device",
	  cmd_swapon },
	{ "swapoff", "swapoff DEV", "swap everything back in and stop",
	  cmd_swapoff },
	{ }
};
