// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/qemu.c - QEMU started, and always stopped
 *
 * QEMU runs in a private directory (mkdtemp under $TMPDIR) holding the
 * console's log (the guest's ttyS0), the data socket (its ttyS1, where
 * the agent speaks) and the QMP socket; QEMU serves both sockets and the
 * host connects to them.  qemu_stop() kills and reaps QEMU and removes
 * the directory: the caller calls it on every way out, and the child
 * dies with its parent (PR_SET_PDEATHSIG) should the parent be killed
 * outright.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compare.h"

#define QEMU_MAX_ARGS	48
#define BASE_APPEND	"console=ttyS0 loglevel=4 panic=-1"

/**
 * qemu_find_binary - find QEMU on $PATH (or at @name if it has a '/')
 * @name: the program's name
 * @path: where it is
 * @size: room in @path
 *
 * Return: 0, or -ENOENT.
 */
int qemu_find_binary(const char *name, char *path, size_t size)
{
	const char *env = getenv("PATH"), *p;

	if (strchr(name, '/')) {
		snprintf(path, size, "%s", name);
		return access(path, X_OK) ? -ENOENT : 0;
	}
	for (p = env ? env : ""; *p; ) {
		size_t len = strcspn(p, ":");

		snprintf(path, size, "%.*s/%s", (int)len, len ? p : ".", name);
		if (!access(path, X_OK))
			return 0;
		p += len + (p[len] == ':');
	}
	return -ENOENT;
}

/* The private directory and the paths in it. */
static int make_dir(struct qemu *q)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(q->dir, sizeof(q->dir), "%s/umm-compare.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	/* A socket's path is at most 107 bytes. */
	if (strlen(q->dir) + 16 > sizeof(((struct sockaddr_un *)0)->sun_path))
		return -ENAMETOOLONG;
	if (!mkdtemp(q->dir)) {
		q->dir[0] = '\0';
		return -errno;
	}
	snprintf(q->console, sizeof(q->console), "%s/console.log", q->dir);
	snprintf(q->data_path, sizeof(q->data_path), "%s/data.sock", q->dir);
	snprintf(q->qmp_path, sizeof(q->qmp_path), "%s/qmp.sock", q->dir);
	return 0;
}

/* QEMU's command line, in @argv; its strings in @buf (4 KiB). */
static void build_argv(const struct qemu *q, const struct qemu_opts *o,
		       char **argv, char (*buf)[1024])
{
	int n = 0;

	snprintf(buf[0], 1024, "%lu", o->mem_mib);
	snprintf(buf[1], 1024, BASE_APPEND "%s%s", o->append && *o->append ?
		 " " : "", o->append ? o->append : "");
	snprintf(buf[2], 1024, "file:%s", q->console);
	snprintf(buf[3], 1024, "socket,id=data,path=%s,server=on,wait=off",
		 q->data_path);
	snprintf(buf[4], 1024, "unix:%s,server=on,wait=off", q->qmp_path);
#define ARG(...)							\
	do {								\
		const char * const _a[] = { __VA_ARGS__ };		\
		size_t _i;						\
									\
		for (_i = 0; _i < COMPARE_ARRAY_SIZE(_a); _i++)		\
			argv[n++] = (char *)_a[_i];			\
	} while (0)
	ARG(o->binary, "-M", "pc", "-accel", o->kvm ? "kvm" : "tcg",
	    "-cpu", "max", "-m", buf[0], "-smp", "1");
	ARG("-kernel", o->kernel, "-initrd", o->initrd, "-append", buf[1]);
	ARG("-display", "none", "-no-reboot", "-nic", "none");
	ARG("-serial", buf[2], "-chardev", buf[3], "-serial", "chardev:data");
	ARG("-device", "virtio-balloon-pci,id=balloon0", "-qmp", buf[4]);
#undef ARG
	argv[n] = NULL;
}

/* In the child: QEMU's output to qemu.log, then exec. */
static void exec_qemu(const struct qemu *q, char **argv)
{
	char log[320];
	int fd;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	/* Its own process group: a Ctrl-C is ours to handle, not QEMU's. */
	setpgid(0, 0);
	snprintf(log, sizeof(log), "%s/qemu.log", q->dir);
	fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0)
		dup2(fd, 0);
	execv(argv[0], argv);
	_exit(127);
}

/**
 * qemu_start - start QEMU in a private directory
 * @q: filled in; qemu_stop() it whatever this returns
 * @o: the machine
 *
 * Return: 0 or -errno.
 */
int qemu_start(struct qemu *q, const struct qemu_opts *o)
{
	char *argv[QEMU_MAX_ARGS];
	char buf[5][1024];
	int err;

	memset(q, 0, sizeof(*q));
	q->pid = -1;
	q->data_fd = q->qmp_fd = -1;
	q->exit_status = -1;
	err = make_dir(q);
	if (err)
		return err;
	build_argv(q, o, argv, buf);
	fflush(stdout);
	fflush(stderr);
	q->pid = fork();
	if (q->pid < 0)
		return -errno;
	if (q->pid == 0)
		exec_qemu(q, argv);
	setpgid(q->pid, q->pid);
	return 0;
}

/**
 * qemu_exited - has QEMU ended?  (It is reaped if it has.)
 * @q: the machine
 *
 * Return: true once QEMU is gone.
 */
bool qemu_exited(struct qemu *q)
{
	int status;

	if (q->pid <= 0)
		return true;
	if (waitpid(q->pid, &status, WNOHANG) != q->pid)
		return false;
	q->exit_status = status;
	q->pid = -1;
	return true;
}

static int connect_unix(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

/**
 * qemu_connect - connect to the data and QMP sockets, once QEMU has them
 * @q: the machine
 * @timeout_ms: how long QEMU may take to make them
 *
 * Return: 0, -ETIMEDOUT, -ECHILD when QEMU ended first, -EINTR when
 * q->stop was set.
 */
int qemu_connect(struct qemu *q, int timeout_ms)
{
	double deadline = compare_now() + timeout_ms / 1000.0;

	while (q->data_fd < 0 || q->qmp_fd < 0) {
		if (q->data_fd < 0)
			q->data_fd = connect_unix(q->data_path);
		if (q->qmp_fd < 0)
			q->qmp_fd = connect_unix(q->qmp_path);
		if (q->data_fd >= 0 && q->qmp_fd >= 0)
			break;
		if (qemu_exited(q))
			return -ECHILD;
		if (q->stop && *q->stop)
			return -EINTR;
		if (compare_now() > deadline)
			return -ETIMEDOUT;
		usleep(20000);
	}
	return 0;
}

/**
 * qemu_wait - wait for QEMU to end by itself
 * @q: the machine
 * @timeout_ms: how long
 *
 * Return: 0 when it ended, -ETIMEDOUT otherwise.
 */
int qemu_wait(struct qemu *q, int timeout_ms)
{
	double deadline = compare_now() + timeout_ms / 1000.0;

	while (!qemu_exited(q)) {
		if (compare_now() > deadline)
			return -ETIMEDOUT;
		usleep(20000);
	}
	return 0;
}

/* Remove the private directory and what is in it (no subdirectories). */
static void remove_dir(const char *dir)
{
	char path[600];
	struct dirent *e;
	DIR *d = opendir(dir);

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

/**
 * qemu_stop - kill QEMU if it runs, reap it, remove its directory
 * @q: the machine (from qemu_start(), even a failed one)
 */
void qemu_stop(struct qemu *q)
{
	int status;

	if (q->data_fd >= 0)
		close(q->data_fd);
	if (q->qmp_fd >= 0)
		close(q->qmp_fd);
	q->data_fd = q->qmp_fd = -1;
	if (q->pid > 0) {
		kill(q->pid, SIGKILL);
		while (waitpid(q->pid, &status, 0) < 0 && errno == EINTR)
			;
		q->exit_status = status;
		q->pid = -1;
	}
	if (q->dir[0])
		remove_dir(q->dir);
	q->dir[0] = '\0';
}

/* The last @lines lines of the file @path, indented, on @f. */
static void print_tail(const char *path, FILE *f, int lines)
{
	char buf[16384];
	FILE *in = fopen(path, "r");
	size_t n;
	long size;
	char *p;

	if (!in)
		return;
	fseek(in, 0, SEEK_END);
	size = ftell(in);
	fseek(in, size > (long)sizeof(buf) - 1 ? size - (long)sizeof(buf) + 1 : 0,
	      SEEK_SET);
	n = fread(buf, 1, sizeof(buf) - 1, in);
	fclose(in);
	buf[n] = '\0';
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = '\0';
	for (p = buf + n; p > buf && lines; p--)
		if (p[-1] == '\n' && --lines == 0)
			break;
	while (*p) {
		size_t len = strcspn(p, "\n");

		fprintf(f, "    %.*s\n", (int)(len && p[len - 1] == '\r' ?
					      len - 1 : len), p);
		p += len + (p[len] == '\n');
	}
}

/**
 * qemu_console_tail - what the guest and QEMU said last, for an error
 * @q: the machine (before qemu_stop())
 * @f: where to print it
 * @lines: at most this many lines of the console
 */
void qemu_console_tail(const struct qemu *q, FILE *f, int lines)
{
	char log[320];
	struct stat st;

	snprintf(log, sizeof(log), "%s/qemu.log", q->dir);
	if (!stat(log, &st) && st.st_size) {
		fprintf(f, "  QEMU said:\n");
		print_tail(log, f, 5);
	}
	if (!stat(q->console, &st) && st.st_size) {
		fprintf(f, "  the console's last lines:\n");
		print_tail(q->console, f, lines);
	} else {
		fprintf(f, "  the console is empty\n");
	}
}

/**
 * qemu_kernel_release - the release of a bzImage, from its setup header
 * @image: the kernel image's path
 * @release: its release ("6.1.0-57-amd64")
 * @size: room in @release
 *
 * The boot protocol's header (Linux's Documentation/x86/boot.rst) has
 * "HdrS" at 0x202 and, at 0x20e, where the version string is, less 0x200.
 *
 * Return: 0, -errno when @image cannot be read, -ENOEXEC when it is not
 * a bzImage.
 */
int qemu_kernel_release(const char *image, char *release, size_t size)
{
	unsigned char hdr[0x210];
	char ver[128];
	int fd = open(image, O_RDONLY | O_CLOEXEC);
	unsigned int off;
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = pread(fd, hdr, sizeof(hdr), 0);
	if (n != (ssize_t)sizeof(hdr) || memcmp(hdr + 0x202, "HdrS", 4)) {
		close(fd);
		return n < 0 ? -errno : -ENOEXEC;
	}
	off = (hdr[0x20e] | hdr[0x20f] << 8) + 0x200;
	n = pread(fd, ver, sizeof(ver) - 1, off);
	close(fd);
	if (n <= 0)
		return -ENOEXEC;
	ver[n] = '\0';
	ver[strcspn(ver, " ")] = '\0';
	if (!ver[0])
		return -ENOEXEC;
	snprintf(release, size, "%s", ver);
	return 0;
}
