// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/alloc.c - alloc, free and sets, through the helper
 * module
 *
 *   alloc SET ORDER COUNT [unmovable|movable|reclaimable]
 *   free SET [all|half|every=N|random=PCT]
 *   sets
 *
 * User space cannot hold kernel pages of a given order and migratetype:
 * the module umm_alloc (tools/umm/guest/umm_alloc/) does, behind one
 * debugfs file.  The agent checks the words as umm's console does
 * (init/console_mm.c), writes the command to that file and reads back
 * what it printed.  Without the module the verbs are not available.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "agent.h"

#define ALLOC_CTL	"/sys/kernel/debug/umm_alloc/ctl"
/* Why the module is missing, as mkinitramfs.sh found out. */
#define ALLOC_WHY	"/etc/umm_alloc.why"
#define SET_NAME_LEN	32
#define MAX_ORDER	11

static char why[256];

/* Is the module there?  If not, say why alloc and free are not. */
void alloc_probe(void)
{
	ssize_t n = -1;
	int fd;

	if (!access(ALLOC_CTL, W_OK)) {
		agent.alloc_ctl = ALLOC_CTL;
		return;
	}
	fd = open(ALLOC_WHY, O_RDONLY);
	if (fd >= 0) {
		n = read(fd, why, sizeof(why) - 1);
		close(fd);
	}
	if (n > 0) {
		why[n] = '\0';
		why[strcspn(why, "\n")] = '\0';
	} else {
		snprintf(why, sizeof(why),
			 "the helper module umm_alloc is not loaded (no %s)",
			 ALLOC_CTL);
	}
	agent.alloc_why = why;
}

/* Send @cmd to the module and print what it answers. */
static int module_call(const char *cmd)
{
	char buf[65536];
	ssize_t n;
	int fd, err = 0;

	fd = open(agent.alloc_ctl, O_RDWR);
	if (fd < 0)
		return cmd_err(-errno, "%s: %s", agent.alloc_ctl, strerror(errno));
	if (write(fd, cmd, strlen(cmd)) < 0)
		err = -errno;
	if (!err) {
		n = pread(fd, buf, sizeof(buf) - 1, 0);
		if (n < 0)
			err = -errno;
		else
			out_write(buf, n);
	}
	close(fd);
	return err;
}

static const char *const alloc_types[] = { "unmovable", "movable", "reclaimable" };

static int cmd_alloc(int argc, char **argv)
{
	unsigned long long order, count;
	unsigned int type = 0;
	char cmd[128];
	int err;

	if (!agent.alloc_ctl)
		return cmd_unavailable(agent.alloc_why);
	if (argc < 4 || argc > 5)
		return cmd_err(-EINVAL,
			"usage: alloc SET ORDER COUNT [unmovable|movable|reclaimable]");
	if (!valid_name(argv[1], SET_NAME_LEN))
		return cmd_err(-EINVAL, "bad set name '%s' (letters, digits, _ and -, up to %d)",
			       argv[1], SET_NAME_LEN - 1);
	if (parse_uint(argv[2], 10, MAX_ORDER - 1, &order))
		return cmd_err(-EINVAL, "bad order '%s' (0 to %d)", argv[2],
			       MAX_ORDER - 1);
	if (parse_uint(argv[3], 10, 100000000, &count) || !count)
		return cmd_err(-EINVAL, "bad count '%s' (1 to 100000000)", argv[3]);
	if (argc == 5) {
		for (type = 0; type < ARRAY_SIZE(alloc_types); type++)
			if (!strcmp(argv[4], alloc_types[type]))
				break;
		if (type == ARRAY_SIZE(alloc_types))
			return cmd_err(-EINVAL,
				"bad type '%s' (unmovable, movable or reclaimable)",
				argv[4]);
	}
	snprintf(cmd, sizeof(cmd), "alloc %s %llu %llu %s\n", argv[1], order,
		 count, alloc_types[type]);
	err = module_call(cmd);
	if (err)
		return cmd_err(err, "%s: %s", argv[1], strerror(-err));
	return 0;
}

/* Is @how one of free's choices?  If not, why not, in @why. */
static bool valid_how(const char *how, char *why, size_t size)
{
	unsigned long long n;

	if (!strcmp(how, "all") || !strcmp(how, "half"))
		return true;
	if (!strncmp(how, "every=", 6)) {
		if (!parse_uint(how + 6, 10, ~0UL, &n) && n)
			return true;
		snprintf(why, size, "bad '%s' (every=N, N >= 1)", how);
	} else if (!strncmp(how, "random=", 7)) {
		if (!parse_uint(how + 7, 10, 100, &n))
			return true;
		snprintf(why, size, "bad '%s' (random=PCT, 0 to 100)", how);
	} else {
		snprintf(why, size, "bad '%s' (all, half, every=N or random=PCT)",
			 how);
	}
	return false;
}

/*
 * As umm's console: a set that does not exist is the error even when
 * HOW is wrong too; the module looks the set up first.
 */
static int cmd_free(int argc, char **argv)
{
	const char *how = argc > 2 ? argv[2] : "all";
	char cmd[128], bad[128] = "";
	int err;

	if (!agent.alloc_ctl)
		return cmd_unavailable(agent.alloc_why);
	if (argc < 2 || argc > 3)
		return cmd_err(-EINVAL, "usage: free SET [all|half|every=N|random=PCT]");
	if (!valid_name(argv[1], SET_NAME_LEN))
		return cmd_err(-ENOENT, "no set named '%s'", argv[1]);
	if (!valid_how(how, bad, sizeof(bad)))
		how = "?";	/* the module refuses it, once the set is found */
	snprintf(cmd, sizeof(cmd), "free %s %s\n", argv[1], how);
	err = module_call(cmd);
	if (err == -ENOENT)
		return cmd_err(err, "no set named '%s'", argv[1]);
	if (err == -EINVAL && bad[0])
		return cmd_err(err, "%s", bad);
	if (err)
		return cmd_err(err, "%s: %s", argv[1], strerror(-err));
	return 0;
}

static int cmd_sets(int argc, char **argv)
{
	int err;

	if (!agent.alloc_ctl)
		return cmd_unavailable(agent.alloc_why);
	err = module_call("sets\n");
	return err ? cmd_err(err, "%s", strerror(-err)) : 0;
}

const struct agent_cmd alloc_cmds[] = {
	{ "alloc", cmd_alloc },
	{ "free", cmd_free },
	{ "sets", cmd_sets },
	{ }
};
