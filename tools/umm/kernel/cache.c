// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/cache.c - the Linux side's result, kept on disk
 *
 * A run of Linux under TCG takes a minute; the same script with the same
 * parameters on the same kernel and initramfs gives the same figures, so
 * the result is kept in $XDG_CACHE_HOME/umm/compare/ (~/.cache/umm/compare/
 * without it), one file per key, named by the key's hash.  The key is
 * every input of the run: the format of the file, the script's text, the
 * parameters, the kernel's release, and the contents of the kernel image
 * and of the initramfs (what its archive holds: initrd_id.c; a rebuilt
 * initramfs with other contents is another key).  An entry that does not read back whole is ignored, and
 * the run that follows writes it again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compare.h"

#define FNV_OFFSET	0xcbf29ce484222325ULL
#define FNV_PRIME	0x100000001b3ULL

/**
 * kcache_fnv - add bytes to an FNV-1a hash
 * @h: the hash so far
 * @p: the bytes
 * @n: how many
 *
 * Return: the hash.
 */
unsigned long long kcache_fnv(unsigned long long h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		h = (h ^ *c++) * FNV_PRIME;
	return h;
}

/* A string and its end, so that "ab","c" and "a","bc" differ. */
static unsigned long long fnv_str(unsigned long long h, const char *s)
{
	return kcache_fnv(h, s ? s : "", (s ? strlen(s) : 0) + 1);
}

/**
 * kcache_hash_file - add a file's contents to a hash
 * @h: the hash so far
 * @path: the file
 *
 * Return: the hash; with the file's name alone if it cannot be read.
 */
unsigned long long kcache_hash_file(unsigned long long h, const char *path)
{
	char buf[65536];
	ssize_t n;
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;

	if (fd < 0)
		return fnv_str(fnv_str(h, "unreadable"), path);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		h = kcache_fnv(h, buf, n);
	close(fd);
	return fnv_str(h, "eof");
}

/**
 * kcache_hash - the key of a Linux run
 * @k: its inputs
 *
 * Return: a 64-bit FNV-1a hash of every input.
 */
unsigned long long kcache_hash(const struct kcache_key *k)
{
	unsigned long long h = FNV_OFFSET;
	char v[32];
	int i;

	snprintf(v, sizeof(v), "format %d", KCACHE_FORMAT);
	h = fnv_str(h, v);
	h = fnv_str(h, k->script);
	snprintf(v, sizeof(v), "%d params", k->params->nr);
	h = fnv_str(h, v);
	for (i = 0; i < k->params->nr; i++)
		h = fnv_str(h, k->params->param[i]);
	h = fnv_str(h, k->release);
	h = kcache_hash_file(h, k->kernel);
	return kcache_hash_initrd(h, k->initrd);
}

/**
 * kcache_dir - the cache's directory, made if it is not there
 * @buf: its path
 * @size: room in @buf
 *
 * Return: 0, or -errno when there is no home for it.
 */
int kcache_dir(char *buf, size_t size)
{
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");
	char base[4096];

	if (xdg && *xdg)
		snprintf(base, sizeof(base), "%s", xdg);
	else if (home && *home)
		snprintf(base, sizeof(base), "%s/.cache", home);
	else
		return -ENOENT;
	if ((size_t)snprintf(buf, size, "%s/umm/compare", base) >= size)
		return -ENAMETOOLONG;
	mkdir(base, 0755);
	snprintf(base + strlen(base), sizeof(base) - strlen(base), "/umm");
	mkdir(base, 0755);
	if (mkdir(buf, 0755) && errno != EEXIST)
		return -errno;
	return 0;
}

/**
 * kcache_path - the file of a key
 * @buf: its path
 * @size: room in @buf
 * @hash: the key, from kcache_hash()
 *
 * Return: 0 or -errno (see kcache_dir()).
 */
int kcache_path(char *buf, size_t size, unsigned long long hash)
{
	char dir[4096];
	int err = kcache_dir(dir, sizeof(dir));

	if (err)
		return err;
	if ((size_t)snprintf(buf, size, "%s/%016llx.txt", dir, hash) >= size)
		return -ENAMETOOLONG;
	return 0;
}

/**
 * kcache_load - a cached Linux side
 * @path: from kcache_path()
 * @side: filled in, marked cached
 *
 * Return: 0, -ENOENT when there is no entry, -EINVAL when the entry is
 * not whole (the caller runs Linux and writes it again).
 */
int kcache_load(const char *path, struct compare_side *side)
{
	FILE *f = fopen(path, "r");
	int err;

	if (!f)
		return -ENOENT;
	err = compare_side_read(f, side);
	fclose(f);
	if (err)
		return err;
	side->cached = true;
	side->is_linux = true;
	return 0;
}

/**
 * kcache_store - keep a Linux side, replacing any old entry in one step
 * @path: from kcache_path()
 * @side: what the run gave
 *
 * Return: 0 or -errno.
 */
int kcache_store(const char *path, const struct compare_side *side)
{
	char tmp[4200];
	FILE *f;
	int err;

	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid());
	f = fopen(tmp, "w");
	if (!f)
		return -errno;
	err = compare_side_write(f, side);
	if (fclose(f) && !err)
		err = -EIO;
	if (!err && rename(tmp, path))
		err = -errno;
	if (err)
		unlink(tmp);
	return err;
}
