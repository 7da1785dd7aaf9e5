// SPDX-License-Identifier: GPL-2.0
/*
 * fs/readdir.c - listing a directory: what the console's ls calls
 */

#include <linux/fs.h>
#include <linux/pseudo_fs.h>

/**
 * iterate_dir - hand the entries of an open directory to a callback
 * @file: the directory, opened with filp_open()
 * @ctx: the callback; ctx->pos is set from the file's position and
 *	advances past each entry the callback accepts
 *
 * Entries come in name order (strcmp() order, as "LC_ALL=C ls" prints
 * them), without "." and "..": the console has no use for them.  The
 * position is kept in the file as well, so that calling again after the
 * callback stopped early carries on where it stopped.
 *
 * Return: 0, -ENOTDIR if @file is not a directory, or -ENOENT if the
 * directory was removed.
 */
int iterate_dir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dentry = file_dentry(file);
	int ret;

	if (!file->f_op->iterate_shared)
		return -ENOTDIR;
	if (!pseudo_use(dentry))
		return -ENOENT;
	ctx->pos = file->f_pos;
	ret = file->f_op->iterate_shared(file, ctx);
	file->f_pos = ctx->pos;
	pseudo_unuse(dentry);
	return ret;
}
