// SPDX-License-Identifier: GPL-2.0
/*
 * init/console_balloon.c - the host's monitor commands for the balloon
 *
 *   balloon SIZE     ask the guest to keep SIZE of memory (MiB, or with a
 *                    K, M or G suffix), as QEMU's monitor does, and wait
 *                    until it gets there or stops making progress
 *   info balloon     "balloon: actual=N", N the guest's memory in MiB
 *
 * These speak for the host (<asm/balloon_monitor.h>: the device model's
 * monitor, arch/user/drivers/balloon_monitor.c), not for the guest
 * kernel: a VM's balloon is driven from outside.  Without
 * virtio_balloon_dev.enable=1 there is no device, and both say so as
 * QEMU does.
 */
#include <linux/kernel.h>
#include <linux/ctype.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/balloon_monitor.h>
#include "console.h"

#define NO_BALLOON	"No balloon device has been activated"

/*
 * A size as QEMU's monitor takes it: a number of MiB, or a number with a
 * K, M or G suffix.  Returns 0, -EINVAL, or -ERANGE (too large).
 */
static int parse_target(const char *s, u64 *bytes)
{
	unsigned long long n;
	const char *p = s;
	unsigned int shift;
	char num[24];
	size_t len;

	while (isdigit(*p))
		p++;
	len = p - s;
	if (!len || len >= sizeof(num))
		return len ? -ERANGE : -EINVAL;
	memcpy(num, s, len);
	num[len] = '\0';
	if (kstrtoull(num, 10, &n))
		return -ERANGE;
	switch (*p) {
	case '\0':
		shift = 20;
		break;
	case 'k':
	case 'K':
		shift = 10;
		p++;
		break;
	case 'm':
	case 'M':
		shift = 20;
		p++;
		break;
	case 'g':
	case 'G':
		shift = 30;
		p++;
		break;
	default:
		return -EINVAL;
	}
	if (*p)
		return -EINVAL;
	if (n > (U64_MAX >> shift))
		return -ERANGE;
	*bytes = (u64)n << shift;
	return 0;
}

static int cmd_balloon(int argc, char **argv)
{
	enum vbdev_balloon_result result;
	u64 target, ram = vbdev_ram_size();
	int err;

	if (argc != 2)
		return console_cmd_err(-EINVAL,
			"usage: balloon SIZE (MiB, or a number with K, M or G)");
	if (argv[1][0] == '-')
		return console_cmd_err(-EINVAL,
			"bad size '%s': a target cannot be negative", argv[1]);
	err = parse_target(argv[1], &target);
	if (err == -ERANGE)
		return console_cmd_err(err, "bad size '%s': too large", argv[1]);
	if (err)
		return console_cmd_err(err,
			"bad size '%s' (MiB, or a number with K, M or G)",
			argv[1]);
	if (!target)
		return console_cmd_err(-EINVAL,
			"bad size '%s': the target must be more than 0",
			argv[1]);
	if (!vbdev_present())
		return console_cmd_err(-ENODEV, NO_BALLOON);
	if (target > ram) {
		console_printf("balloon: %lluM is more than the guest's memory (%lluM): asking for %lluM\n",
			       (unsigned long long)(target >> 20),
			       (unsigned long long)(ram >> 20),
			       (unsigned long long)(ram >> 20));
		target = ram;
	}
	err = vbdev_balloon(target, &result);
	if (err)
		return console_cmd_err(err, NO_BALLOON);
	if (result == VBDEV_STALLED)
		console_printf("balloon: stopped at actual=%llu (target %llu): the guest made no more progress\n",
			       (unsigned long long)(vbdev_actual_bytes() >> 20),
			       (unsigned long long)(target >> 20));
	return 0;
}

static int cmd_info(int argc, char **argv)
{
	if (argc != 2)
		return console_cmd_err(-EINVAL, "usage: info balloon");
	if (strcmp(argv[1], "balloon"))
		return console_cmd_err(-EINVAL,
			"unknown item '%s' (only 'balloon')", argv[1]);
	if (!vbdev_present())
		return console_cmd_err(-ENODEV, NO_BALLOON);
	console_printf("balloon: actual=%llu\n",
		       (unsigned long long)(vbdev_actual_bytes() >> 20));
	return 0;
}

const struct console_cmd console_balloon_cmds[] = {
	{ "balloon", "balloon SIZE",
	  "host: ask the guest to keep SIZE of memory (MiB, or K/M/G), wait", cmd_balloon },
	{ "info", "info balloon",
	  "host: the guest's memory as the balloon leaves it, in MiB", cmd_info },
	{ }
};
