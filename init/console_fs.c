// SPDX-License-Identifier: GPL-2.0
/*
 * init/console_fs.c - console commands on the kernel's files
 *
 * cat, echo, ls and expect go through the pseudo filesystems (/proc,
 * /sys, debugfs), exactly as a shell on a real system would go through
 * the VFS, so errors are the kernel's own: writing a read-only file gives
 * "Permission denied", a value the file refuses gives "Invalid argument"
 * and the old value stays.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/err.h>
#include <linux/pseudo_fs.h>
#include "console.h"

static int cmd_cat(int argc, char **argv)
{
	int i;

	if (argc < 2)
		return console_cmd_err(-EINVAL, "missing file operand");
	for (i = 1; i < argc; i++) {
		char *buf;
		ssize_t len = kernel_read_file_path(argv[i], &buf);

		if (len < 0)
			return console_cmd_err(len, "%s: %s", argv[i],
					       errno_text(len));
		console_write(buf, len);
		kfree(buf);
	}
	return 0;
}

static int cmd_echo(int argc, char **argv)
{
	const char *path = NULL;
	size_t len = 0, cap = 0;
	int i, words = argc, flags = O_TRUNC;
	char *text;
	ssize_t ret;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], ">") && strcmp(argv[i], ">>"))
			continue;
		if (i + 2 != argc)
			return console_cmd_err(-EINVAL,
				"expected 'echo VALUE > PATH' or '>> PATH'");
		if (argv[i][1])
			flags = O_APPEND;
		path = argv[i + 1];
		words = i;
		break;
	}
	for (i = 1; i < words; i++)
		cap += strlen(argv[i]) + 1;
	/* The console reports a failure itself: no allocator warning. */
	text = kmalloc(cap + 1, GFP_KERNEL | __GFP_NOWARN);
	if (!text)
		return console_cmd_err(-ENOMEM, "out of memory");
	for (i = 1; i < words; i++)
		len += scnprintf(text + len, cap + 1 - len, "%s%s",
				 i > 1 ? " " : "", argv[i]);
	text[len++] = '\n';

	if (!path) {
		console_write(text, len);
		kfree(text);
		return 0;
	}
	ret = __kernel_write_file_path(path, text, len, flags);
	kfree(text);
	if (ret < 0)
		return console_cmd_err(ret, "%s: %s", path, errno_text(ret));
	return 0;
}

struct ls_ctx {
	struct dir_context ctx;
};

static bool ls_actor(struct dir_context *ctx, const char *name, int namlen,
		     loff_t offset, u64 ino, unsigned int d_type)
{
	console_printf("%.*s\n", namlen, name);
	return true;
}

static int cmd_ls(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "/";
	struct ls_ctx ls = { .ctx.actor = ls_actor };
	struct file *file;
	int err;

	if (argc > 2)
		return console_cmd_err(-EINVAL, "usage: ls [DIR]");
	file = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(file))
		return console_cmd_err(PTR_ERR(file), "cannot access '%s': %s",
				       path, errno_text(PTR_ERR(file)));
	if (!S_ISDIR(file_inode(file)->i_mode)) {
		console_printf("%s\n", path);
		filp_close(file, NULL);
		return 0;
	}
	err = iterate_dir(file, &ls.ctx);
	filp_close(file, NULL);
	if (err)
		return console_cmd_err(err, "%s: %s", path, errno_text(err));
	return 0;
}

/* Parse a signed decimal integer that must fill the whole word. */
static int parse_number(const char *s, long long *val)
{
	return kstrtoll(s, 10, val);
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

/*
 * expect FILE KEY OP NUMBER: find the line of FILE whose first word is
 * KEY and compare its second word with NUMBER.
 */
static int cmd_expect(int argc, char **argv)
{
	static const char * const ops[] = { "==", "!=", "<", "<=", ">", ">=" };
	long long want, have;
	char *buf, *line, *next;
	ssize_t len;
	int op, err = -ENOENT;

	if (argc != 5)
		return console_cmd_err(-EINVAL, "usage: expect FILE KEY OP NUMBER");
	op = match_string(ops, ARRAY_SIZE(ops), argv[3]);
	if (op < 0)
		return console_cmd_err(-EINVAL, "bad operator '%s' (use == != < <= > >=)",
				       argv[3]);
	if (parse_number(argv[4], &want))
		return console_cmd_err(-EINVAL, "bad number '%s'", argv[4]);
	len = kernel_read_file_path(argv[1], &buf);
	if (len < 0)
		return console_cmd_err(len, "%s: %s", argv[1], errno_text(len));

	for (line = buf; line && *line; line = next) {
		char *key, *value;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		key = strsep(&line, " \t");
		if (!key || strcmp(key, argv[2]) || !line)
			continue;
		value = strsep(&line, " \t\n");
		while (value && !*value && line)
			value = strsep(&line, " \t\n");
		if (!value || parse_number(value, &have)) {
			err = console_cmd_err(-EINVAL, "%s: value of %s is not a number",
					      argv[1], argv[2]);
			goto out;
		}
		if (compare(op, have, want))
			err = 0;
		else
			err = console_cmd_err(-ERANGE, "%s: %s is %lld, expected %s %lld",
					      argv[1], argv[2], have, argv[3], want);
		goto out;
	}
	err = console_cmd_err(-ENOENT, "%s: no line starting with '%s'", argv[1],
			      argv[2]);
out:
	kfree(buf);
	return err;
}

static int cmd_dmesg(int argc, char **argv)
{
	size_t size = 128 << 10, len;
	char *buf = kmalloc(size, GFP_KERNEL | __GFP_NOWARN);

	if (!buf)
		return console_cmd_err(-ENOMEM, "out of memory");
	len = log_buf_copy(buf, size);
	console_write(buf, len);
	kfree(buf);
	return 0;
}

static int cmd_help(int argc, char **argv)
{
	console_usage();
	return 0;
}

const struct console_cmd console_fs_cmds[] = {
	{ "cat", "cat FILE...", "print kernel files (/proc, /sys)", cmd_cat },
	{ "echo", "echo VALUE [> FILE | >> FILE]", "write VALUE to a kernel file", cmd_echo },
	{ "ls", "ls [DIR]", "list a directory of the kernel's files", cmd_ls },
	{ "expect", "expect FILE KEY OP NUMBER",
	  "fail unless KEY's value in FILE compares (== != < <= > >=)", cmd_expect },
	{ "dmesg", "dmesg", "print the kernel log", cmd_dmesg },
	{ "help", "help", "this text", cmd_help },
	{ }
};
