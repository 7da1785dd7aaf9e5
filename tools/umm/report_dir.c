// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/report_dir.c - a report directory, replaced in one step
 *
 * There is a report at DIR at every moment, and never one that looks
 * whole but is not: the new report is written into DIR.tmp.PID, then
 * exchanged with the old one in one step (renameat2(RENAME_EXCHANGE)),
 * and the old one is removed.  Where the file system cannot exchange, the
 * old report is moved to DIR.old.PID first; a run killed between the two
 * renames leaves it there, and the next run puts it back.  What a killed
 * run left beside DIR is cleaned up by the next one.
 *
 * Only a report's own files are ever deleted: --report pointed at a home
 * directory must not empty it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* Is @name PREFIX, something, SUFFIX? */
static bool named(const char *name, const char *prefix, const char *suffix)
{
	size_t len = strlen(name), lp = strlen(prefix), ls = strlen(suffix);

	return len > lp + ls && !strncmp(name, prefix, lp) &&
	       !strcmp(name + len - ls, suffix);
}

/* Is @name a run's record, record-RUN.txt? */
bool report_record_file(const char *name)
{
	return named(name, "record-", ".txt");
}

/* Is @name a file the report writes? Only those are ever deleted. */
static bool report_file(const char *name)
{
	return !strcmp(name, "index.html") || !strcmp(name, "report.json") ||
	       named(name, "map-", ".svg") || report_record_file(name);
}

/*
 * Empty @dir of the report's files and remove it.  With @all, everything
 * in it goes (a temporary directory that only this process wrote).
 * Returns -ENOTEMPTY when something else is in it, and leaves that.
 */
static int remove_report_dir(const char *dir, bool all)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (!all && !report_file(de->d_name)) {
			ret = -ENOTEMPTY;
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (unlink(path) && !ret)
			ret = -errno;
	}
	closedir(d);
	if (!ret && rmdir(dir))
		ret = -errno;
	return ret;
}

/* Does @dir hold anything but a report's files? */
static int foreign_files(const char *dir)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int ret = 0;

	if (!d)
		return -errno;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") &&
		    !report_file(de->d_name))
			ret = 1;
	closedir(d);
	return ret;
}

/* The pid in "BASE.tmp.PID" or "BASE.old.PID" if @name is one, else 0. */
static pid_t stale_pid(const char *name, const char *base, const char *kind)
{
	size_t len = strlen(base);
	char *end;
	long pid;

	if (strncmp(name, base, len) || strncmp(name + len, kind, 5))
		return 0;
	name += len + 5;
	if (*name < '1' || *name > '9')
		return 0;
	pid = strtol(name, &end, 10);
	return *end || pid <= 0 || pid > INT_MAX ? 0 : pid;
}

static bool process_gone(pid_t pid)
{
	return pid != getpid() && kill(pid, 0) && errno == ESRCH;
}

/* The directory @base is in, and its name there. */
static const char *split_parent(const char *base, char *parent, size_t size)
{
	const char *name = strrchr(base, '/');

	if (!name) {
		snprintf(parent, size, ".");
		return base;
	}
	snprintf(parent, size, "%.*s",
		 (int)(name - base) ? (int)(name - base) : 1, base);
	return name + 1;
}

/*
 * What a run killed while writing its report left beside DIR (@base):
 * DIR.tmp.PID, a report half written, is removed; DIR.old.PID, the
 * previous report moved aside, goes back to DIR if DIR is missing (the
 * kill came between the two renames of the fallback in swap_in()), and
 * is removed otherwise.  Only names of processes that are gone.
 */
static void clean_stale(const char *base)
{
	char parent[PATH_MAX], path[2 * PATH_MAX];
	const char *name = split_parent(base, parent, sizeof(parent));
	struct dirent *de;
	struct stat st;
	DIR *d;

	d = opendir(parent);
	if (!d)
		return;
	while ((de = readdir(d))) {
		pid_t tmp = stale_pid(de->d_name, name, ".tmp.");
		pid_t old = stale_pid(de->d_name, name, ".old.");

		if (!(tmp && process_gone(tmp)) && !(old && process_gone(old)))
			continue;
		snprintf(path, sizeof(path), "%s/%s", parent, de->d_name);
		if (old && lstat(base, &st) && errno == ENOENT &&
		    !rename(path, base))
			continue;
		remove_report_dir(path, false);
	}
	closedir(d);
}

/*
 * Put the complete report @tmp in place of @base: exchanged with an
 * existing one in one step, or, where the file system cannot, with the
 * old report moved to @old first (see the top of this file).
 */
static int swap_in(const char *tmp, const char *base, const char *old,
		   bool replace)
{
	if (replace) {
		if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, base, RENAME_EXCHANGE)) {
			remove_report_dir(tmp, false);	/* the old one now */
			return 0;
		}
		if (errno != EINVAL)	/* EINVAL: this file system cannot */
			return -errno;
		if (rename(base, old))
			return -errno;
	}
	if (rename(tmp, base)) {
		int err = -errno;

		if (replace)
			rename(old, base);	/* put the old report back */
		return err;
	}
	if (replace)
		remove_report_dir(old, false);
	return 0;
}

/* Say that the report @dir cannot be made, and why. */
void report_dir_fail(const char *dir, int err)
{
	fprintf(stderr, "umm: report: cannot create '%s': %s\n", dir,
		strerror(err));
}

/* May the report replace @d->base?  Only if it holds nothing but one. */
static int check_existing(struct report_dir *d)
{
	struct stat st;
	int ret;

	if (lstat(d->base, &st))
		return 0;
	if (!S_ISDIR(st.st_mode)) {
		report_dir_fail(d->name, ENOTDIR);
		return -ENOTDIR;
	}
	ret = foreign_files(d->base);
	if (ret > 0) {
		fprintf(stderr, "umm: report: '%s' holds files that are not "
			"a report's; not replacing it\n", d->name);
		return -ENOTEMPTY;
	}
	if (ret) {
		report_dir_fail(d->name, -ret);
		return ret;
	}
	d->replace = true;
	return 0;
}

/**
 * report_dir_begin - make the temporary directory a report is written in
 * @d: filled in; @d->tmp is the directory to write
 * @dir: where the report goes, as the caller named it
 *
 * Cleans up what killed runs left beside @dir first.
 *
 * Return: 0, or -errno after printing one line saying what was wrong.
 */
int report_dir_begin(struct report_dir *d, const char *dir)
{
	size_t len = strlen(dir);
	struct stat st;
	int ret;

	memset(d, 0, sizeof(*d));
	d->name = dir;
	while (len > 1 && dir[len - 1] == '/')
		len--;	/* "out/" names the directory "out" */
	if (!len || len >= sizeof(d->base)) {
		report_dir_fail(dir, EINVAL);
		return -EINVAL;
	}
	memcpy(d->base, dir, len);
	d->base[len] = '\0';
	snprintf(d->tmp, sizeof(d->tmp), "%s.tmp.%d", d->base, (int)getpid());
	snprintf(d->old, sizeof(d->old), "%s.old.%d", d->base, (int)getpid());
	clean_stale(d->base);
	ret = check_existing(d);
	if (ret)
		return ret;
	/* A temporary directory left by a crashed process with our pid. */
	if (!lstat(d->tmp, &st) && S_ISDIR(st.st_mode))
		remove_report_dir(d->tmp, false);
	if (mkdir(d->tmp, 0755)) {
		ret = errno;
		report_dir_fail(dir, ret);
		return -ret;
	}
	return 0;
}

/**
 * report_dir_commit - put the complete report in place
 * @d: from report_dir_begin(), with every file written
 *
 * Return: 0, or -errno after printing one line; then the temporary
 * directory is gone and the old report, if any, still in place.
 */
int report_dir_commit(struct report_dir *d)
{
	int err = swap_in(d->tmp, d->base, d->old, d->replace);

	if (err) {
		report_dir_fail(d->name, -err);
		report_dir_cancel(d);
	}
	return err;
}

/**
 * report_dir_cancel - give up: remove the temporary directory
 * @d: from report_dir_begin()
 */
void report_dir_cancel(struct report_dir *d)
{
	remove_report_dir(d->tmp, true);
}
