// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_compare_qemu.c - ./umm compare against a fake QEMU
 *
 * The test binary is also a fake qemu-system-x86_64: called by that name
 * (a symbolic link on $PATH), it takes QEMU's command line, serves the
 * data and QMP sockets there, writes a console log and speaks the guest
 * agent's protocol with recorded 6.1 files (compare-data/).  So ./umm
 * compare runs whole, umm for real and "Linux" fake, and these tests
 * check what it does:
 *
 *   - a run: the table with both columns, a command that fails on both
 *     sides, the balloon through QMP, status 1;
 *   - the cache: a second run starts no QEMU and says "(cached)",
 *     --no-cache does, a damaged entry is run again and rewritten;
 *   - a guest that does not boot, one that panics, one that hangs in a
 *     command, a Ctrl-C (SIGINT) and a SIGTERM: one line, the status,
 *     and neither a process nor a file left behind (/proc, as pgrep -f);
 *   - bad input: a wrong kernel path, a file that is not a kernel, QEMU
 *     not on $PATH, an initramfs maker that fails, a parameter umm
 *     refuses (Linux is not run then): one line each;
 *   - umm scenario FILE --kernel (and --ab --kernel): the Linux column
 *     from the guest's answers, pressure matched, the report and its
 *     records, the cache; a guest that panics leaves umm's table.
 *
 * Every test name contains "compare".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "umm_test.h"

#include "../../umm/kernel/compare.h"

#define DATA	"tools/testing/umm/compare-data/"
#define FAKE_RELEASE	"6.1.0-fake"

/* ---- the fake QEMU ------------------------------------------------------ */

struct fake_args {
	const char *console, *data, *qmp;
};

/* QEMU's command line: where the console, the data and QMP go. */
static void fake_parse(int argc, char **argv, struct fake_args *a)
{
	int i;

	memset(a, 0, sizeof(*a));
	for (i = 1; i + 1 < argc; i++) {
		const char *v = argv[i + 1];

		if (!strcmp(argv[i], "-serial") && !strncmp(v, "file:", 5))
			a->console = v + 5;
		else if (!strcmp(argv[i], "-chardev") && strstr(v, "path="))
			a->data = strndup(strstr(v, "path=") + 5,
					  strcspn(strstr(v, "path=") + 5, ","));
		else if (!strcmp(argv[i], "-qmp") && !strncmp(v, "unix:", 5))
			a->qmp = strndup(v + 5, strcspn(v + 5, ","));
	}
}

static int fake_listen(const char *path)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	snprintf(a.sun_path, sizeof(a.sun_path), "%s", path);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) || listen(fd, 1))
		exit(3);
	return fd;
}

static void fake_log(const char *fmt, const char *arg)
{
	const char *path = getenv("FAKE_QEMU_LOG");
	FILE *f = path ? fopen(path, "a") : NULL;

	if (f) {
		fprintf(f, fmt, arg);
		fclose(f);
	}
}

/* QMP, in a child that dies with the fake QEMU. */
static void fake_qmp(int fd)
{
	unsigned long long actual = 512ULL << 20, target = actual;
	struct compare_lb lb;
	char line[512];
	const char *v;

	prctl(PR_SET_PDEATHSIG, SIGKILL);
	compare_lb_init(&lb, fd, NULL);
	dprintf(fd, "{\"QMP\": {\"version\": {}, \"capabilities\": []}}\r\n");
	while (compare_lb_read(&lb, line, sizeof(line), 600000) >= 0) {
		if ((v = strstr(line, "\"value\": ")))
			target = strtoull(v + 9, NULL, 10);
		if (strstr(line, "query-balloon")) {
			actual = target;
			dprintf(fd, "{\"return\": {\"actual\": %llu}}\r\n", actual);
		} else {
			dprintf(fd, "{\"return\": {}}\r\n");
		}
	}
	_exit(0);
}

/* `cat PATH`: a recorded 6.1 file, as the agent would send it. */
static void fake_cat(int fd, const char *path)
{
	static const char * const files[][2] = {
		{ "/proc/vmstat", "linux-6.1-vmstat.txt" },
		{ "/proc/buddyinfo", "linux-6.1-buddyinfo.txt" },
		{ "/proc/meminfo", "linux-6.1-meminfo.txt" },
		{ "/sys/block/zram0/mm_stat", "linux-6.1-mm_stat.txt" },
		{ "/sys/kernel/tracing/kprobe_profile", "kprobe_profile.txt" },
	};
	char name[PATH_MAX], line[1024];
	unsigned int i;
	FILE *f = NULL;

	for (i = 0; i < COMPARE_ARRAY_SIZE(files) && !f; i++) {
		snprintf(name, sizeof(name), "%s/%s", getenv("FAKE_QEMU_DATA"),
			 files[i][1]);
		if (!strcmp(path, files[i][0]))
			f = fopen(name, "r");
	}
	if (!f) {
		dprintf(fd, "umm: cat: %s: No such file or directory\n@@ END 1\n", path);
		return;
	}
	while (fgets(line, sizeof(line), f))
		dprintf(fd, "%s", line);
	fclose(f);
	dprintf(fd, "@@ END 0\n");
}

/*
 * alloc and spawn answer as the guest's do: half the allocations
 * succeed, one task fails to start.
 */
static void fake_probe(int fd, const char *line)
{
	unsigned int order, count;
	char name[32];

	if (sscanf(line, "alloc %31s %u %u", name, &order, &count) == 3)
		dprintf(fd, "%s: %u/%u order-%u allocations succeeded\n", name,
			count / 2, count, order);
	else if (sscanf(line, "spawn %31s %u", name, &count) == 2 && count)
		dprintf(fd, "spawn %s: %u of %u tasks started\n", name,
			count - 1, count);
	dprintf(fd, "@@ END 0\n");
}

/* The agent's side of the protocol. */
static void fake_agent(int fd)
{
	struct compare_lb lb;
	char line[512];

	compare_lb_init(&lb, fd, NULL);
	dprintf(fd, "@@ READY " FAKE_RELEASE "\n");
	while (compare_lb_read(&lb, line, sizeof(line), 600000) >= 0) {
		fake_log("cmd %s\n", line);
		if (!strcmp(line, "@@ QUIT"))
			exit(0);
		if (!strncmp(line, "cat ", 4))
			fake_cat(fd, line + 4);
		else if (!strcmp(line, "hang"))
			pause();
		else if (!strncmp(line, "alloc ", 6) || !strncmp(line, "spawn ", 6))
			fake_probe(fd, line);
		else if (!strncmp(line, "fail", 4))
			dprintf(fd, "umm: fail: not available on Linux " FAKE_RELEASE ": a test\n@@ END 1\n");
		else
			dprintf(fd, "ran: %s\n@@ END 0\n", line);
	}
	exit(0);
}

static int fake_accept(int fd)
{
	int c = accept(fd, NULL, NULL);

	if (c < 0)
		exit(4);
	return c;
}

/* The fake: FAKE_QEMU_MODE is ok, noboot (no READY) or exit (a panic). */
static int fake_qemu(int argc, char **argv)
{
	const char *mode = getenv("FAKE_QEMU_MODE") ? : "ok";
	struct fake_args a;
	int data, qmp, i;
	FILE *con;

	fake_parse(argc, argv, &a);
	if (!a.console || !a.data || !a.qmp)
		return 5;
	fake_log("start %s\n", mode);
	for (i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "-append") && strstr(argv[i + 1], "umm.seed="))
			fake_log("cmdline %s\n", strstr(argv[i + 1], "umm.seed="));
	con = fopen(a.console, "w");
	if (con) {
		fprintf(con, "fake: Linux version " FAKE_RELEASE "\nfake: booting\n");
		if (!strcmp(mode, "exit"))
			fprintf(con, "Kernel panic - not syncing: VFS: Unable to mount root fs\n");
		fclose(con);
	}
	if (!strcmp(mode, "exit"))
		return 0;
	data = fake_listen(a.data);
	qmp = fake_listen(a.qmp);
	data = fake_accept(data);
	qmp = fake_accept(qmp);
	if (fork() == 0)
		fake_qmp(qmp);
	if (!strcmp(mode, "noboot"))
		for (;;)
			pause();
	fake_agent(data);
	return 0;
}

/* Called by QEMU's name, the binary is the fake (glibc passes argv). */
__attribute__((constructor)) static void maybe_fake_qemu(int argc, char **argv)
{
	if (argc > 0 && !strcmp(basename(argv[0]), "qemu-system-x86_64"))
		exit(fake_qemu(argc, argv));
}

/* ---- the tests ---------------------------------------------------------- */

struct env {
	char dir[64];		/* everything of the test is in here */
	char out[PATH_MAX], err[PATH_MAX], log[PATH_MAX];
	char kernel[PATH_MAX], initrd[PATH_MAX];
};

static int sh(const char *fmt, ...)
{
	char cmd[4096];
	va_list ap;
	int st;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* A file that has a bzImage's header and version string, and no more. */
static void fake_kernel(const char *path)
{
	char img[0x1000] = { 0 };
	FILE *f = fopen(path, "w");

	memcpy(img + 0x202, "HdrS", 4);
	img[0x20e] = (0x800 - 0x200) & 0xff;
	img[0x20f] = (0x800 - 0x200) >> 8;
	strcpy(img + 0x800, FAKE_RELEASE " (test@localhost) #1 SMP");
	if (f) {
		fwrite(img, 1, sizeof(img), f);
		fclose(f);
	}
}

static const char *umm_binary(void)
{
	return getenv("UMM") ? : "./umm";
}

/* The test's directory, fake QEMU on its PATH, its environment set. */
static int setup(struct env *e)
{
	char exe[PATH_MAX], path[PATH_MAX * 2], data[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	snprintf(e->dir, sizeof(e->dir), "/tmp/umm-test-cq.XXXXXX");
	if (n <= 0 || !mkdtemp(e->dir) || !realpath(DATA, data))
		return -1;
	exe[n] = '\0';
	snprintf(e->out, sizeof(e->out), "%s/out", e->dir);
	snprintf(e->err, sizeof(e->err), "%s/err", e->dir);
	snprintf(e->log, sizeof(e->log), "%s/qemu-starts", e->dir);
	snprintf(e->kernel, sizeof(e->kernel), "%s/vmlinuz", e->dir);
	snprintf(e->initrd, sizeof(e->initrd), "%s/initrd.img", e->dir);
	fake_kernel(e->kernel);
	sh("echo initramfs > %s; mkdir %s/bin %s/tmp %s/cache %s/empty", e->initrd,
	   e->dir, e->dir, e->dir, e->dir);
	sh("ln -s %s %s/bin/qemu-system-x86_64", exe, e->dir);
	snprintf(path, sizeof(path), "%s/bin:%s", e->dir, getenv("PATH"));
	setenv("PATH", path, 1);
	snprintf(path, sizeof(path), "%s/tmp", e->dir);
	setenv("TMPDIR", path, 1);
	snprintf(path, sizeof(path), "%s/cache", e->dir);
	setenv("XDG_CACHE_HOME", path, 1);
	setenv("FAKE_QEMU_LOG", e->log, 1);
	setenv("FAKE_QEMU_DATA", data, 1);
	setenv("UMM_ACCEL", "tcg", 1);
	unsetenv("UMM_KERNEL_IMAGE");
	unsetenv("UMM_INITRD");
	return 0;
}

/* ./umm compare with the test's kernel and initramfs; its exit status. */
static int compare(struct env *e, const char *args)
{
	return sh("%s compare --kernel-image %s --initrd %s %s >%s 2>%s",
		  umm_binary(), e->kernel, e->initrd, args, e->out, e->err);
}

/* A file's text (static buffer). */
static const char *text_of(const char *path)
{
	static char buf[65536];
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

static int lines_in(const char *path, const char *prefix)
{
	const char *t = text_of(path);
	int n = 0;

	for (; *t; t += strcspn(t, "\n") + (t[strcspn(t, "\n")] != 0))
		n += !prefix || !strncmp(t, prefix, strlen(prefix));
	return n;
}

/* Does a process other than us have @what in its command line? */
static bool process_naming(const char *what)
{
	char path[64], cmd[4096];
	struct dirent *d;
	DIR *proc = opendir("/proc");
	bool found = false;

	while (proc && !found && (d = readdir(proc))) {
		int pid = atoi(d->d_name), fd;
		ssize_t n, i;

		if (pid <= 0 || pid == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
		fd = open(path, O_RDONLY);
		n = fd < 0 ? 0 : read(fd, cmd, sizeof(cmd) - 1);
		if (fd >= 0)
			close(fd);
		for (i = 0; i < n; i++)
			cmd[i] = cmd[i] ? cmd[i] : ' ';
		cmd[n > 0 ? n : 0] = '\0';
		found = strstr(cmd, what) != NULL;
	}
	if (proc)
		closedir(proc);
	return found;
}

/*
 * Nothing left: no process naming the directory (pgrep -f's test, done
 * here so that it needs no procps), nothing in its tmp/.
 */
static int leftovers(struct env *e)
{
	int files = sh("[ -z \"$(ls -A %s/tmp)\" ]", e->dir) != 0;

	return process_naming(e->dir) + files;
}

static void teardown(struct env *e)
{
	sh("rm -rf %s", e->dir);
}

#define SCRIPT	"-c 'cat /proc/buddyinfo; phase one; snapshot s; balloon 256; info balloon; fail now'"

TEST(compare_fake_qemu_run_and_cache)
{
	struct env e;
	char cache[PATH_MAX];

	ASSERT_EQ(0, setup(&e));
	EXPECT_EQ(1, compare(&e, "--show-output " SCRIPT));
	EXPECT_EQ(1, lines_in(e.log, "start"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "Linux " FAKE_RELEASE));
	EXPECT_NE(NULL, strstr(text_of(e.out), "failed: fail now"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "umm: fail: command not found"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "umm: fail: not available on"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "== one\n"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "balloon: actual=256\n"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "'snapshot s': n/a"));
	/* umm got a balloon device as the guest has one, and no note of it. */
	EXPECT_EQ(NULL, strstr(text_of(e.out), "umm's only"));
	/* The fake's files went into the Linux column. */
	EXPECT_NE(NULL, strstr(text_of(e.out), "181.0 MiB"));
	EXPECT_EQ(0, lines_in(e.err, NULL)) {
		TH_LOG("stderr: %s", text_of(e.err));
	}
	/* No snapshot and no balloon command reached the agent. */
	EXPECT_EQ(0, lines_in(e.log, "cmd snapshot"));
	EXPECT_EQ(0, lines_in(e.log, "cmd balloon"));
	EXPECT_EQ(1, lines_in(e.log, "cmd fail now"));

	/* Again: from the cache, no QEMU. */
	EXPECT_EQ(1, compare(&e, "" SCRIPT));
	EXPECT_EQ(1, lines_in(e.log, "start"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "(cached)"));
	EXPECT_EQ(1, compare(&e, "--no-cache " SCRIPT));
	EXPECT_EQ(2, lines_in(e.log, "start"));
	/* Another parameter is another key. */
	EXPECT_EQ(1, compare(&e, "mem=256M " SCRIPT));
	EXPECT_EQ(3, lines_in(e.log, "start"));

	/* A damaged entry: run again, and written again. */
	snprintf(cache, sizeof(cache), "%s/cache/umm/compare", e.dir);
	ASSERT_EQ(0, sh("for f in %s/*.txt; do head -c 100 $f > $f.cut; mv $f.cut $f; done", cache));
	EXPECT_EQ(1, compare(&e, "" SCRIPT));
	EXPECT_EQ(4, lines_in(e.log, "start"));
	EXPECT_EQ(NULL, strstr(text_of(e.out), "(cached)"));
	EXPECT_EQ(1, compare(&e, "" SCRIPT));
	EXPECT_EQ(4, lines_in(e.log, "start"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "(cached)"));
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}

TEST(compare_fake_qemu_clean_run)
{
	struct env e;

	char args[PATH_MAX + 32];

	ASSERT_EQ(0, setup(&e));
	snprintf(args, sizeof(args), "--no-cache run %s/script.umm", e.dir);
	sh("printf '# a script\\ncat /proc/vmstat\\n' > %s/script.umm", e.dir);
	EXPECT_EQ(0, compare(&e, args));
	/* umm's seed, given to the guest's kernel (and the agent). */
	EXPECT_EQ(1, lines_in(e.log, "cmdline umm.seed=1"));
	/* Before, the script, after. */
	EXPECT_EQ(3, lines_in(e.log, "cmd cat /proc/vmstat"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "status"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "ok"));
	EXPECT_EQ(1, lines_in(e.log, "cmd @@ QUIT"));
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}

TEST(compare_fake_qemu_no_boot)
{
	struct env e;

	ASSERT_EQ(0, setup(&e));
	setenv("FAKE_QEMU_MODE", "noboot", 1);
	EXPECT_EQ(2, compare(&e, "--boot-timeout 2 -c 'cat /proc/vmstat'"));
	EXPECT_EQ(1, lines_in(e.err, "umm: ")) {
		TH_LOG("stderr: %s", text_of(e.err));
	}
	EXPECT_NE(NULL, strstr(text_of(e.err),
		"umm: compare: Linux did not boot within 2 s (no '@@ READY' from the guest agent)\n"));
	EXPECT_NE(NULL, strstr(text_of(e.err), "    fake: booting\n"));
	EXPECT_EQ(0, lines_in(e.out, NULL));
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}

TEST(compare_fake_qemu_panics)
{
	struct env e;

	ASSERT_EQ(0, setup(&e));
	setenv("FAKE_QEMU_MODE", "exit", 1);
	EXPECT_EQ(2, compare(&e, "--boot-timeout 20 -c 'cat /proc/vmstat'"));
	EXPECT_EQ(1, lines_in(e.err, "umm: ")) {
		TH_LOG("stderr: %s", text_of(e.err));
	}
	EXPECT_NE(NULL, strstr(text_of(e.err), "the guest ended before its agent was ready"));
	EXPECT_NE(NULL, strstr(text_of(e.err), "    Kernel panic - not syncing"));
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}

TEST(compare_fake_qemu_hang)
{
	struct env e;

	ASSERT_EQ(0, setup(&e));
	EXPECT_EQ(2, compare(&e, "--timeout 2 -c 'cat /proc/buddyinfo; hang; cat /proc/vmstat'"));
	EXPECT_STREQ("umm: compare: Linux: 'hang' did not finish within 2 s: the guest hangs\n",
		     text_of(e.err));
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}

/* ./umm compare in the background, stopped by @sig once the guest hangs. */
static void interrupted(struct __test_metadata *_metadata, int sig)
{
	struct env e;
	pid_t pid;
	int status, i;

	ASSERT_EQ(0, setup(&e));
	pid = fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		/* A process group of its own, as a shell's job would be. */
		static char cmd[5 * PATH_MAX + 128];

		setpgid(0, 0);
		snprintf(cmd, sizeof(cmd), "exec %s compare --kernel-image %s --initrd %s --timeout 60 -c hang >%s 2>%s",
			 umm_binary(), e.kernel, e.initrd, e.out, e.err);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 300 && !lines_in(e.log, "cmd hang"); i++)
		usleep(50000);
	ASSERT_EQ(1, lines_in(e.log, "cmd hang"));
	/* The check below sees QEMU and its directory while they are there. */
	EXPECT_EQ(2, leftovers(&e));
	/* The whole job, as a terminal's Ctrl-C; a SIGTERM to umm alone. */
	if (sig == SIGINT)
		kill(-pid, SIGINT);
	else
		kill(pid, SIGTERM);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(130, WEXITSTATUS(status));
	EXPECT_NE(NULL, strstr(text_of(e.err), "umm: compare: interrupted\n"));
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}

TEST(compare_fake_qemu_sigint)
{
	interrupted(_metadata, SIGINT);
}

TEST(compare_fake_qemu_sigterm)
{
	interrupted(_metadata, SIGTERM);
}

TEST(compare_bad_kernel_path)
{
	struct env e;

	ASSERT_EQ(0, setup(&e));
	EXPECT_EQ(2, sh("%s compare --no-cache --kernel-image %s/no/vmlinuz --initrd %s -c 'cat /proc/vmstat' >%s 2>%s",
			umm_binary(), e.dir, e.initrd, e.out, e.err));
	EXPECT_EQ(1, lines_in(e.err, NULL));
	EXPECT_NE(NULL, strstr(text_of(e.err), "umm: compare: kernel image '"));
	EXPECT_NE(NULL, strstr(text_of(e.err), "/no/vmlinuz': No such file or directory\n"));
	EXPECT_EQ(0, lines_in(e.out, NULL));
	EXPECT_EQ(0, lines_in(e.log, "start"));
	EXPECT_EQ(0, leftovers(&e));

	/* A file that is not a kernel. */
	EXPECT_EQ(2, sh("%s compare --no-cache --kernel-image %s --initrd %s -c 'cat /proc/vmstat' >%s 2>%s",
			umm_binary(), e.initrd, e.initrd, e.out, e.err));
	EXPECT_EQ(1, lines_in(e.err, NULL));
	EXPECT_NE(NULL, strstr(text_of(e.err), "is not a Linux kernel (no bzImage header)\n"));
	/* Nor an initramfs. */
	EXPECT_EQ(2, sh("%s compare --no-cache --kernel-image %s --initrd %s/none -c 'cat /proc/vmstat' >%s 2>%s",
			umm_binary(), e.kernel, e.dir, e.out, e.err));
	EXPECT_EQ(1, lines_in(e.err, NULL));
	EXPECT_NE(NULL, strstr(text_of(e.err), "/none': No such file or directory\n"));
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}

TEST(compare_bad_umm_parameter)
{
	struct env e;

	ASSERT_EQ(0, setup(&e));
	EXPECT_EQ(2, compare(&e, "mem=10M -c 'cat /proc/vmstat'"));
	EXPECT_STREQ("umm: bad boot parameter 'mem=10M': at least 64M of memory is needed\n",
		     text_of(e.err));
	EXPECT_EQ(0, lines_in(e.log, "start"));
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}

TEST(compare_no_qemu_on_path)
{
	char path[PATH_MAX], *saved;
	struct env e;

	ASSERT_EQ(0, setup(&e));
	saved = strdup(getenv("PATH"));
	snprintf(path, sizeof(path), "%s/empty", e.dir);
	setenv("PATH", path, 1);
	EXPECT_EQ(2, compare(&e, "--no-cache -c 'cat /proc/vmstat'"));
	setenv("PATH", saved, 1);
	free(saved);
	EXPECT_STREQ("umm: compare: qemu-system-x86_64 not found on PATH: install Debian's package qemu-system-x86\n",
		     text_of(e.err));
	EXPECT_EQ(0, lines_in(e.log, "start"));
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}

TEST(compare_mkinitramfs_interface)
{
	char mk[PATH_MAX];
	struct env e;

	ASSERT_EQ(0, setup(&e));
	snprintf(mk, sizeof(mk), "%s/mkinitramfs.sh", e.dir);
	setenv("UMM_MKINITRAMFS", mk, 1);
	sh("printf '#!/bin/sh\\necho \"making $1 $2\" >&2\\necho kernel %s\\necho initrd %s\\n' > %s; chmod +x %s",
	   e.kernel, e.initrd, mk, mk);
	EXPECT_EQ(0, sh("%s compare -c 'cat /proc/vmstat' >%s 2>%s", umm_binary(),
			e.out, e.err));
	EXPECT_EQ(1, lines_in(e.log, "start"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "Linux " FAKE_RELEASE));

	sh("printf '#!/bin/sh\\necho \"mkinitramfs.sh: busybox-static is not installed\" >&2\\nexit 1\\n' > %s", mk);
	EXPECT_EQ(2, sh("%s compare --no-cache -c 'cat /proc/vmstat' >%s 2>%s",
			umm_binary(), e.out, e.err));
	EXPECT_EQ(1, lines_in(e.err, NULL));
	EXPECT_NE(NULL, strstr(text_of(e.err), "mkinitramfs.sh failed (status 1): mkinitramfs.sh: busybox-static is not installed\n"));
	unsetenv("UMM_MKINITRAMFS");
	teardown(&e);
}

UMM_TEST_MAIN

/* A scenario of probes and phases for the fake guest. */
#define SCENARIO							\
	"# Probes for the fake guest: allocations, a spawn, phases.\n"	\
	"# boot: mem=128M\n"						\
	"phase one\n"							\
	"alloc x 3 10 unmovable\n"					\
	"free x all\n"							\
	"snapshot before\n"						\
	"phase two\n"							\
	"spawn t 4\n"							\
	"reap t 4\n"							\
	"snapshot after\n"

/* ./umm scenario FILE --kernel ARGS, with the test's images. */
static int kscenario(struct env *e, const char *args)
{
	return sh("UMM_KERNEL_IMAGE=%s UMM_INITRD=%s %s scenario %s/s.umm --kernel --report %s/rep %s >%s 2>%s",
		  e->kernel, e->initrd, umm_binary(), e->dir, e->dir, args,
		  e->out, e->err);
}

/* The line of the table that starts with @label, or "". */
static const char *table_row(const char *text, const char *label)
{
	static char line[512];
	const char *p = strstr(text, label);

	line[0] = '\0';
	if (p)
		snprintf(line, sizeof(line), "%.*s", (int)strcspn(p, "\n"), p);
	return line;
}

TEST(compare_fake_qemu_scenario_kernel)
{
	char path[PATH_MAX + 64];
	struct env e;

	ASSERT_EQ(0, setup(&e));
	snprintf(path, sizeof(path), "%s/s.umm", e.dir);
	ASSERT_EQ(0, sh("printf '%%s' '" SCENARIO "' > %s", path));
	EXPECT_EQ(0, kscenario(&e, "")) {
		TH_LOG("stderr: %s", text_of(e.err));
	}
	/* Two boots: the pressure probe (no script), then the scenario. */
	EXPECT_EQ(2, lines_in(e.log, "start"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "Linux: mem="));
	EXPECT_NE(NULL, strstr(text_of(e.out), "Linux " FAKE_RELEASE));
	/* umm's allocations all succeed in 128M; the fake gives half. */
	EXPECT_NE(NULL, strstr(table_row(text_of(e.out), "order-3 allocs"),
			       "10/10 (100%)  "));
	EXPECT_NE(NULL, strstr(table_row(text_of(e.out), "order-3 allocs"),
			       "5/10 (50%)"));
	/* spawn: an order-2 allocation per task; one failed to start. */
	EXPECT_NE(NULL, strstr(table_row(text_of(e.out), "order-2 allocs"),
			       "3/4 (75%)"));
	EXPECT_NE(NULL, strstr(table_row(text_of(e.out), "tasks that failed"),
			       " 1"));
	/* The phases and snapshots read the free lists, as umm's do. */
	EXPECT_EQ(4 + 2 * 2, lines_in(e.log, "cmd cat /proc/buddyinfo"));
	EXPECT_EQ(0, lines_in(e.log, "cmd snapshot"));
	EXPECT_EQ(0, lines_in(e.log, "cmd phase"));
	/* The report: the Linux run's record, its kernel, no maps of it. */
	EXPECT_EQ(0, sh("grep -q '^# linux " FAKE_RELEASE "$' %s/rep/record-linux-*.txt", e.dir));
	EXPECT_EQ(0, sh("grep -q '\"kernel\": \"" FAKE_RELEASE "\"' %s/rep/report.json", e.dir));
	EXPECT_EQ(0, sh("grep -q '\"kernel\": \"umm\"' %s/rep/report.json", e.dir));
	EXPECT_EQ(0, sh("grep -q 'It has no memory maps' %s/rep/index.html", e.dir));
	/* umm report makes the same table again from the records. */
	EXPECT_EQ(0, sh("%s report %s/rep > %s/again", umm_binary(), e.dir,
			e.dir));
	EXPECT_EQ(0, sh("sed -n '/s.umm, seed 1$/,$p' %s | diff - %s/again", e.out,
			e.dir)) {
		TH_LOG("umm report made another table");
	}

	/* Again: the probe and the run come from the cache. */
	EXPECT_EQ(0, kscenario(&e, ""));
	EXPECT_EQ(2, lines_in(e.log, "start"));
	/* With --ab: three columns. */
	EXPECT_EQ(0, kscenario(&e, "--ab")) {
		TH_LOG("stderr: %s", text_of(e.err));
	}
	EXPECT_NE(NULL, strstr(text_of(e.out), "umm series on"));
	EXPECT_NE(NULL, strstr(text_of(e.out), "umm series off"));
	EXPECT_EQ(0, sh("ls %s/rep/record-*.txt | wc -l | grep -qx 3", e.dir));
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}

TEST(compare_fake_qemu_scenario_kernel_fails)
{
	char path[PATH_MAX + 64];
	struct env e;

	ASSERT_EQ(0, setup(&e));
	snprintf(path, sizeof(path), "%s/s.umm", e.dir);
	ASSERT_EQ(0, sh("printf '%%s' '" SCENARIO "' > %s", path));

	/* No kernel there: one line, before umm runs. */
	EXPECT_EQ(2, sh("UMM_KERNEL_IMAGE=%s/none %s scenario %s --kernel >%s 2>%s",
			e.dir, umm_binary(), path, e.out, e.err));
	EXPECT_EQ(1, lines_in(e.err, NULL)) {
		TH_LOG("stderr: %s", text_of(e.err));
	}
	EXPECT_NE(NULL, strstr(text_of(e.err), "/none"));
	EXPECT_EQ(NULL, strstr(text_of(e.out), "order-3 allocs"));

	/* A parameter umm refuses: umm's own line, and no QEMU started. */
	EXPECT_EQ(2, kscenario(&e, "no_such_param=1"));
	EXPECT_EQ(1, lines_in(e.err, NULL)) {
		TH_LOG("stderr: %s", text_of(e.err));
	}
	EXPECT_NE(NULL, strstr(text_of(e.err), "no_such_param=1"));
	EXPECT_EQ(0, lines_in(e.log, "start"));

	/* A guest that panics (at the first boot): status 2, one line. */
	setenv("FAKE_QEMU_MODE", "exit", 1);
	EXPECT_EQ(2, kscenario(&e, ""));
	unsetenv("FAKE_QEMU_MODE");
	EXPECT_NE(NULL, strstr(text_of(e.err), "panic")) {
		TH_LOG("stderr: %s", text_of(e.err));
	}
	EXPECT_EQ(0, leftovers(&e));
	teardown(&e);
}
