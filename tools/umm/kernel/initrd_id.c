// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/initrd_id.c - what an initramfs holds, as a hash
 *
 * The guest's initramfs is made again for every run, and a cpio archive
 * records each file's mtime and inode: two builds of the same files are
 * different bytes.  So the cache's key hashes what the archive holds,
 * not its bytes: each entry's name, mode, owner, size and contents, in
 * order, read from the "newc" format (gzip'ed or not; gzip -dc
 * decompresses).  A file that is not such an archive is hashed whole.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compare.h"

#define NEWC_MAGIC	"070701"
#define NEWC_HDR	110
#define TRAILER		"TRAILER!!!"

/* Field @i (0: c_ino ... 12: c_check) of a newc header. */
static unsigned long field(const char *hdr, int i)
{
	char hex[9];

	memcpy(hex, hdr + 6 + 8 * i, 8);
	hex[8] = '\0';
	return strtoul(hex, NULL, 16);
}

/* Read @n bytes into the hash *@h, or skip them if @h is NULL; 0 or -EIO. */
static int take(FILE *f, size_t n, unsigned long long *h)
{
	char buf[65536];

	while (n) {
		size_t c = n < sizeof(buf) ? n : sizeof(buf);

		if (fread(buf, 1, c, f) != c)
			return -EIO;
		if (h)
			*h = kcache_fnv(*h, buf, c);
		n -= c;
	}
	return 0;
}

static size_t pad4(size_t n)
{
	return (4 - (n & 3)) & 3;
}

/* One entry into @h; 1 at the trailer, 0 after an entry, -EIO. */
static int entry(FILE *f, unsigned long long *h)
{
	char hdr[NEWC_HDR], name[4096];
	unsigned long namesize, size;

	if (fread(hdr, 1, NEWC_HDR, f) != NEWC_HDR ||
	    memcmp(hdr, NEWC_MAGIC, 6))
		return -EIO;
	namesize = field(hdr, 11);
	size = field(hdr, 6);
	if (!namesize || namesize > sizeof(name) ||
	    fread(name, 1, namesize, f) != namesize || name[namesize - 1] ||
	    take(f, pad4(NEWC_HDR + namesize), NULL))
		return -EIO;
	if (!strcmp(name, TRAILER))
		return 1;
	*h = kcache_fnv(*h, name, namesize);
	*h = kcache_fnv(*h, hdr + 6 + 8, 8 * 3);	/* mode, uid, gid */
	*h = kcache_fnv(*h, hdr + 6 + 8 * 6, 8);	/* filesize */
	if (take(f, size, h) || take(f, pad4(size), NULL))
		return -EIO;
	return 0;
}

/* The entries of the archive @f; -EIO when it is not one, whole. */
static int hash_cpio(FILE *f, unsigned long long *h)
{
	int ret;

	while (!(ret = entry(f, h)))
		;
	return ret < 0 ? ret : 0;
}

/* @path, gzip'ed: through gzip -dc. */
static int hash_gzip_cpio(const char *path, unsigned long long *h)
{
	int fd[2], status, ret;
	FILE *f;
	pid_t pid;

	if (pipe(fd))
		return -errno;
	pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		execlp("gzip", "gzip", "-dc", "--", path, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	f = fdopen(fd[0], "r");
	ret = f && pid > 0 ? hash_cpio(f, h) : -EIO;
	f ? fclose(f) : close(fd[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	return ret;
}

/**
 * kcache_hash_initrd - add what an initramfs holds to a hash
 * @h: the hash so far
 * @path: the initramfs (a newc cpio archive, gzip'ed or not)
 *
 * Return: the hash with the archive's entries (names, modes, owners,
 * sizes, contents; not mtimes or inodes), or with the file's bytes when
 * it is not such an archive.
 */
unsigned long long kcache_hash_initrd(unsigned long long h, const char *path)
{
	unsigned long long sum = kcache_fnv(h, "cpio", 5);
	unsigned char magic[6] = { 0 };
	FILE *f = fopen(path, "r");
	int ret = -EIO;

	if (!f)
		return kcache_hash_file(h, path);
	if (fread(magic, 1, sizeof(magic), f) == sizeof(magic) &&
	    magic[0] == 0x1f && magic[1] == 0x8b)
		ret = hash_gzip_cpio(path, &sum);
	else if (!memcmp(magic, NEWC_MAGIC, 6) && !fseek(f, 0, SEEK_SET))
		ret = hash_cpio(f, &sum);
	fclose(f);
	return ret ? kcache_hash_file(h, path) : sum;
}
