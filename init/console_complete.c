// SPDX-License-Identifier: GPL-2.0
/*
 * init/console_complete.c - the words Tab offers at the shell
 *
 * The host's line editor asks console_complete() (asm/kernel_entry.h)
 * what may replace the word before the cursor.  A command's first word
 * is a command name; any other word is a path of the kernel's files,
 * listed as `ls` lists them, through the pseudo filesystems behind /dev,
 * /proc and /sys.  The console has no working directory: an empty word
 * starts at "/", and a word that does not start with '/' has no words.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/fs.h>
#include <linux/fcntl.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/pseudo_fs.h>
#include "console.h"

/* The words found so far, stored one after the other with their NUL. */
struct words {
	struct dir_context ctx;
	char *buf;
	int size, used, n;
	const char *prefix;	/* what a word's last part starts with */
	size_t prefix_len;
	const char *dir;	/* a path's directory, kept in its words */
	size_t dir_len;
};

/* Add @dir_len bytes of @dir, then @name, and '/' for a directory. */
static void add_word(struct words *w, const char *dir, size_t dir_len,
		     const char *name, size_t name_len, bool is_dir)
{
	size_t len = dir_len + name_len + is_dir;

	/* A full buffer drops the rest: the editor shows what fits. */
	if (w->used + len + 1 > w->size)
		return;
	memcpy(w->buf + w->used, dir, dir_len);
	memcpy(w->buf + w->used + dir_len, name, name_len);
	if (is_dir)
		w->buf[w->used + len - 1] = '/';
	w->buf[w->used + len] = '\0';
	w->used += len + 1;
	w->n++;
}

static bool matches(struct words *w, const char *name, size_t len)
{
	return len >= w->prefix_len && !strncmp(name, w->prefix, w->prefix_len);
}

static void add_cmd(const struct console_cmd *c, void *data)
{
	struct words *w = data;

	if (matches(w, c->name, strlen(c->name)))
		add_word(w, "", 0, c->name, strlen(c->name), false);
}

static void complete_command(struct words *w)
{
	console_walk_cmds(add_cmd, w);
	/* The shell's own word, which no command table has. */
	if (matches(w, "exit", 4))
		add_word(w, "", 0, "exit", 4, false);
}

static bool add_entry(struct dir_context *ctx, const char *name, int namlen,
		      loff_t offset, u64 ino, unsigned int d_type)
{
	struct words *w = container_of(ctx, struct words, ctx);

	if (matches(w, name, namlen))
		add_word(w, w->dir, w->dir_len, name, namlen, d_type == DT_DIR);
	return true;
}

static void complete_path(const char *word, struct words *w)
{
	const char *slash;
	struct file *file;
	char *dir;

	if (!*word)
		word = "/";
	if (*word != '/')
		return;
	slash = word + strlen(word);
	while (*slash != '/')
		slash--;
	w->dir = word;
	w->dir_len = slash - word + 1;
	w->prefix = slash + 1;
	w->prefix_len = strlen(slash + 1);
	dir = kmalloc(w->dir_len + 1, GFP_KERNEL);
	if (!dir)
		return;
	memcpy(dir, word, w->dir_len);
	dir[w->dir_len] = '\0';
	file = filp_open(dir, O_RDONLY, 0);
	if (!IS_ERR(file)) {
		if (S_ISDIR(file_inode(file)->i_mode))
			iterate_dir(file, &w->ctx);
		filp_close(file, NULL);
	}
	kfree(dir);
}

/* Where the last word of @line begins: after a space, ';' or '>'. */
static int last_word(const char *line, int len)
{
	while (len > 0 && !strchr(" \t;>", line[len - 1]))
		len--;
	return len;
}

/* Is the word at @start a command's first one? */
static bool command_place(const char *line, int start)
{
	while (start > 0 && (line[start - 1] == ' ' || line[start - 1] == '\t'))
		start--;
	return !start || line[start - 1] == ';';
}

/**
 * console_complete - the words that may replace the last word of a line
 * @line: the text before the cursor
 * @start: set to the offset of its last word
 * @buf: the words, one after the other, each with its NUL
 * @size: bytes at @buf
 *
 * Called by the host's line editor (arch/user/os/line_user.c) from within
 * host_ops.line_read, in the shell's task, which waits in the host: the
 * task takes a CPU for the work and gives it back.
 *
 * Return: how many words are in @buf.
 */
int console_complete(const char *line, int *start, char *buf, int size)
{
	struct words w = {
		.ctx.actor = add_entry,
		.buf = buf,
		.size = size,
	};
	int len = strlen(line);

	*start = last_word(line, len);
	if (size <= 0)
		return 0;
	sched_host_unblock();
	if (command_place(line, *start)) {
		w.prefix = line + *start;
		w.prefix_len = len - *start;
		complete_command(&w);
	} else {
		complete_path(line + *start, &w);
	}
	sched_host_block();
	return w.n;
}
