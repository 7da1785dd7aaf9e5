// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/guest/files.c - cat, echo, ls, expect and dmesg on the
 * kernel's own files
 *
 * The same verbs as init/console_fs.c, through the real VFS: a value
 * the kernel refuses gives its own error ("Invalid argument"), as a
 * shell's echo would.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/stat.h>
#include <unistd.h>
#include "agent.h"

/* Read all of @path (a /proc or /sys file has no size): -errno or length. */
static ssize_t read_file(const char *path, char **out)
{
	size_t len = 0, cap = 16384;
	char *buf = malloc(cap + 1), *p;
	int fd;

	if (!buf)
		return -ENOMEM;
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		free(buf);
		return -errno;
	}
	for (;;) {
		ssize_t n = read(fd, buf + len, cap - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			n = -errno;
			close(fd);
			free(buf);
			return n;
		}
		if (n == 0)
			break;
		len += n;
		if (len == cap) {
			p = realloc(buf, 2 * cap + 1);
			if (!p) {
				close(fd);
				free(buf);
				return -ENOMEM;
			}
			buf = p;
			cap *= 2;
		}
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	return len;
}

static int cmd_cat(int argc, char **argv)
{
	int i;

	if (argc < 2)
		return cmd_err(-EINVAL, "missing file operand");
	for (i = 1; i < argc; i++) {
		char *buf;
		ssize_t len = read_file(argv[i], &buf);

		if (len < 0)
			return cmd_err(len, "%s: %s", argv[i], strerror(-len));
		out_write(buf, len);
		free(buf);
	}
	return 0;
}

static int cmd_echo(int argc, char **argv)
{
	int i, words = argc, flags = O_TRUNC, fd;
	const char *path = NULL;
	size_t len = 0, cap = 2;
	char *text;
	ssize_t n;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], ">") && strcmp(argv[i], ">>"))
			continue;
		if (i + 2 != argc)
			return cmd_err(-EINVAL,
				"expected 'echo VALUE > PATH' or '>> PATH'");
		if (argv[i][1])
			flags = O_APPEND;
		path = argv[i + 1];
		words = i;
		break;
	}
	for (i = 1; i < words; i++)
		cap += strlen(argv[i]) + 1;
	text = malloc(cap);
	if (!text)
		return cmd_err(-ENOMEM, "out of memory");
	for (i = 1; i < words; i++)
		len += sprintf(text + len, "%s%s", i > 1 ? " " : "", argv[i]);
	text[len++] = '\n';
	if (!path) {
		out_write(text, len);
		free(text);
		return 0;
	}
	/* One write, as the shell's echo: sysfs takes a value at a time. */
	fd = open(path, O_WRONLY | flags);
	if (fd < 0) {
		n = -errno;
	} else {
		n = write(fd, text, len);
		if (n < 0)
			n = -errno;
		if (close(fd) && n >= 0)
			n = -errno;
	}
	free(text);
	if (n < 0)
		return cmd_err(n, "%s: %s", path, strerror(-n));
	return 0;
}

static int cmd_ls(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/";
	struct dirent *de;
	struct stat st;
	DIR *dir;

	if (argc > 2)
		return cmd_err(-EINVAL, "usage: ls [DIR]");
	if (stat(path, &st))
		return cmd_err(-errno, "cannot access '%s': %s", path,
			       strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		out_printf("%s\n", path);
		return 0;
	}
	dir = opendir(path);
	if (!dir)
		return cmd_err(-errno, "%s: %s", path, strerror(errno));
	while ((de = readdir(dir)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			out_printf("%s\n", de->d_name);
	closedir(dir);
	return 0;
}

static bool compare(int op, long long have, long long want)
{
	switch (op) {
	case 0:
		return have == want;
	case 1:
		return have != want;
	case 2:
		return have < want;
	case 3:
		return have <= want;
	case 4:
		return have > want;
	default:
		return have >= want;
	}
}

/* The second word of the line of @buf whose first word is @key, or NULL. */
static char *find_value(char *buf, const char *key, bool *found)
{
	char *line, *next;

	*found = false;
	for (line = buf; line && *line; line = next) {
		char *word, *value;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		word = strsep(&line, " \t");
		if (!word || strcmp(word, key) || !line)
			continue;
		*found = true;
		value = strsep(&line, " \t\n");
		while (value && !*value && line)
			value = strsep(&line, " \t\n");
		return value;
	}
	return NULL;
}

/* expect FILE KEY OP NUMBER: the second word of KEY's line, compared. */
static int cmd_expect(int argc, char **argv)
{
	static const char *const ops[] = { "==", "!=", "<", "<=", ">", ">=" };
	long long want, have;
	char *buf, *value;
	bool found;
	ssize_t len;
	int op, err = 0;

	if (argc != 5)
		return cmd_err(-EINVAL, "usage: expect FILE KEY OP NUMBER");
	for (op = 0; op < (int)ARRAY_SIZE(ops); op++)
		if (!strcmp(argv[3], ops[op]))
			break;
	if (op == (int)ARRAY_SIZE(ops))
		return cmd_err(-EINVAL, "bad operator '%s' (use == != < <= > >=)",
			       argv[3]);
	if (parse_int(argv[4], &want))
		return cmd_err(-EINVAL, "bad number '%s'", argv[4]);
	len = read_file(argv[1], &buf);
	if (len < 0)
		return cmd_err(len, "%s: %s", argv[1], strerror(-len));

	value = find_value(buf, argv[2], &found);
	if (!found)
		err = cmd_err(-ENOENT, "%s: no line starting with '%s'",
			      argv[1], argv[2]);
	else if (!value || parse_int(value, &have))
		err = cmd_err(-EINVAL, "%s: value of %s is not a number",
			      argv[1], argv[2]);
	else if (!compare(op, have, want))
		err = cmd_err(-ERANGE, "%s: %s is %lld, expected %s %lld",
			      argv[1], argv[2], have, argv[3], want);
	free(buf);
	return err;
}

/* The kernel's log, without the "<level>" of each line. */
static int cmd_dmesg(int argc, char **argv)
{
	int size = klogctl(10, NULL, 0);	/* SYSLOG_ACTION_SIZE_BUFFER */
	char *buf, *line, *next;
	int len;

	if (size <= 0)
		size = 1 << 20;
	buf = malloc(size + 1);
	if (!buf)
		return cmd_err(-ENOMEM, "out of memory");
	len = klogctl(3, buf, size);		/* SYSLOG_ACTION_READ_ALL */
	if (len < 0) {
		free(buf);
		return cmd_err(-errno, "%s", strerror(errno));
	}
	buf[len] = '\0';
	for (line = buf; *line; line = next) {
		next = strchr(line, '\n');
		next = next ? next + 1 : line + strlen(line);
		if (line[0] == '<') {
			char *end = strchr(line, '>');

			if (end && end < next)
				line = end + 1;
		}
		out_write(line, next - line);
	}
	free(buf);
	return 0;
}

const struct agent_cmd file_cmds[] = {
	{ "cat", cmd_cat },
	{ "echo", cmd_echo },
	{ "ls", cmd_ls },
	{ "expect", cmd_expect },
	{ "dmesg", cmd_dmesg },
	{ }
};
