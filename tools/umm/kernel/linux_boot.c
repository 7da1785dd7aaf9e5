// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/linux_boot.c - the Linux side: its images, QEMU, a boot
 *
 * Before anything runs, compare_prepare_linux() finds the kernel and the
 * initramfs (the guest side's mkinitramfs.sh makes them, or the user
 * names them), reads the kernel's release from its header, looks in the
 * cache, and finds QEMU: a missing piece is one line, before umm has run.
 * compare_run_linux() then boots the guest, runs the session (linux.c)
 * and stops QEMU whatever happened.
 *
 * KVM: on these machines /dev/kvm may be there and still not run a guest
 * in useful time (the host is itself a VM), so --accel auto tries it with
 * a short boot timeout and falls back to TCG, and remembers until the
 * host reboots that KVM failed (the cache's kvm-probe file).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compare.h"
#include "linux.h"

#define KVM_PROBE_S	20
#define CONNECT_MS	10000
#define TAIL_LINES	12

/* "kernel PATH" / "initrd PATH" lines of mkinitramfs.sh's output. */
static void images_from(FILE *in, struct linux_prep *p)
{
	char line[4200];

	while (fgets(line, sizeof(line), in)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "kernel ", 7) && !p->kernel[0])
			snprintf(p->kernel, sizeof(p->kernel), "%.4000s", line + 7);
		else if (!strncmp(line, "initrd ", 7) && !p->initrd[0])
			snprintf(p->initrd, sizeof(p->initrd), "%.4000s", line + 7);
	}
}

/* In the child: mkinitramfs.sh OUT_DIR [KVER], its stderr to @err_fd. */
static void exec_mkinitramfs(const char *script, const char *out,
			     const char *kver, int out_fd, int err_fd)
{
	dup2(out_fd, 1);
	dup2(err_fd, 2);
	execl(script, script, out, kver, (char *)NULL);
	/* Not executable (a copy that lost its mode): bash runs it. */
	execl("/bin/bash", "bash", script, out, kver, (char *)NULL);
	fprintf(stderr, "cannot run %s: %s\n", script, strerror(errno));
	_exit(127);
}

/* Its stderr's last line, as the reason it failed. */
static void say_mkinitramfs_failed(const char *script, FILE *err, int status)
{
	char line[1024], last[1024] = "";

	rewind(err);
	while (fgets(line, sizeof(line), err))
		if (line[0] != '\n')
			snprintf(last, sizeof(last), "%s", line);
	last[strcspn(last, "\n")] = '\0';
	fprintf(stderr, "umm: compare: %s failed (status %d)%s%s\n", script,
		status, last[0] ? ": " : "", last);
}

/* Run mkinitramfs.sh into the cache's guest/ directory. */
static int run_mkinitramfs(const struct compare_opts *o, const char *kver,
			   struct linux_prep *p)
{
	char out[4200], dir[4096];
	FILE *err = tmpfile(), *in;
	int fd[2], status;
	pid_t pid;

	if (access(o->mkinitramfs, R_OK)) {
		fprintf(stderr, "umm: compare: %s: %s: it makes the guest's kernel and initramfs (or give --kernel-image and --initrd)\n",
			o->mkinitramfs, strerror(errno));
		return -ENOENT;
	}
	if (!err || kcache_dir(dir, sizeof(dir)) || pipe(fd))
		return -EIO;
	snprintf(out, sizeof(out), "%s/guest", dir);
	compare_progress(o, "Linux: the guest's initramfs (%s)", o->mkinitramfs);
	pid = fork();
	if (pid == 0)
		exec_mkinitramfs(o->mkinitramfs, out, kver, fd[1], fileno(err));
	close(fd[1]);
	in = fdopen(fd[0], "r");
	if (in)
		images_from(in, p);
	in ? fclose(in) : close(fd[0]);
	waitpid(pid, &status, 0);
	status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	if (status || !p->kernel[0] || !p->initrd[0]) {
		say_mkinitramfs_failed(o->mkinitramfs, err, status);
		fclose(err);
		return -EIO;
	}
	fclose(err);
	return 0;
}

/* The kernel image's release; an image that is none is said here. */
static int check_kernel(struct linux_prep *p)
{
	int err = qemu_kernel_release(p->kernel, p->release, sizeof(p->release));

	if (err == -ENOEXEC)
		fprintf(stderr, "umm: compare: kernel image '%s' is not a Linux kernel (no bzImage header)\n",
			p->kernel);
	else if (err)
		fprintf(stderr, "umm: compare: kernel image '%s': %s\n",
			p->kernel, strerror(-err));
	return err;
}

/* The kernel and initramfs: given, or made; each checked. */
static int guest_images(const struct compare_opts *o, struct linux_prep *p)
{
	int err = 0;

	p->kernel[0] = p->initrd[0] = '\0';
	if (o->kernel) {
		snprintf(p->kernel, sizeof(p->kernel), "%s", o->kernel);
		err = check_kernel(p);
		if (err)
			return err;
	}
	if (o->initrd)
		snprintf(p->initrd, sizeof(p->initrd), "%s", o->initrd);
	else
		err = run_mkinitramfs(o, o->kernel ? p->release : NULL, p);
	if (!err && !o->kernel)
		err = check_kernel(p);
	if (err)
		return err;
	if (access(p->initrd, R_OK)) {
		fprintf(stderr, "umm: compare: initramfs '%s': %s\n", p->initrd,
			strerror(errno));
		return -ENOENT;
	}
	return 0;
}

/* The script as the cache keys it: its commands, not its comments. */
static char *script_key(const struct compare_script *s)
{
	size_t len = 1;
	char *text;
	int i;

	for (i = 0; i < s->nr; i++)
		len += strlen(s->cmd[i]) + 1;
	text = calloc(1, len);
	for (i = 0; text && i < s->nr; i++) {
		strcat(text, s->cmd[i]);
		strcat(text, "\n");
	}
	return text;
}

/* A cached result: 1 (in @side), 0 (none: run), after noting the path. */
static int look_in_cache(const struct compare_opts *o,
			 const struct compare_script *s, struct linux_prep *p,
			 struct compare_side *side)
{
	char *text = script_key(s);
	struct kcache_key k = {
		.script = text, .params = &o->params, .release = p->release,
		.kernel = p->kernel, .initrd = p->initrd,
	};
	int err;

	p->cache[0] = '\0';
	if (!text || kcache_path(p->cache, sizeof(p->cache), kcache_hash(&k))) {
		p->cache[0] = '\0';
		free(text);
		return 0;
	}
	free(text);
	if (o->no_cache)
		return 0;
	err = kcache_load(p->cache, side);
	if (err == -EINVAL)
		compare_progress(o, "Linux: the cache entry %s is damaged: running again",
				 p->cache);
	return err ? 0 : 1;
}

/* The boot's unique id: KVM's verdict holds until the host reboots. */
static void host_boot_id(char *buf, size_t size)
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

	buf[0] = '\0';
	if (f) {
		if (!fgets(buf, size, f))
			buf[0] = '\0';
		fclose(f);
	}
	buf[strcspn(buf, "\n")] = '\0';
}

static void kvm_probe_path(char *buf, size_t size)
{
	char dir[4096];

	buf[0] = '\0';
	if (!kcache_dir(dir, sizeof(dir)))
		snprintf(buf, size, "%s/kvm-probe", dir);
}

/* --accel auto: is KVM worth a try (there, usable, not failed before)? */
static bool try_kvm(const char *accel)
{
	char path[4200], id[64], line[128] = "";
	int fd;
	FILE *f;

	if (!strcmp(accel, "kvm") || !strcmp(accel, "tcg"))
		return !strcmp(accel, "kvm");
	fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return false;
	close(fd);
	kvm_probe_path(path, sizeof(path));
	host_boot_id(id, sizeof(id));
	f = path[0] ? fopen(path, "r") : NULL;
	if (f) {
		if (!fgets(line, sizeof(line), f))
			line[0] = '\0';
		fclose(f);
	}
	return strncmp(line, id, strlen(id)) || !id[0];
}

static void kvm_failed(void)
{
	char path[4200], id[64];
	FILE *f;

	kvm_probe_path(path, sizeof(path));
	host_boot_id(id, sizeof(id));
	f = path[0] ? fopen(path, "w") : NULL;
	if (f) {
		fprintf(f, "%s kvm did not boot the guest\n", id);
		fclose(f);
	}
}

/**
 * compare_prepare_linux - everything the Linux side needs, before a run
 * @o: the options
 * @s: the script
 * @p: filled in
 * @side: filled in when the cache has the result
 *
 * Return: 0 (ready to run), 1 (@side came from the cache), or -errno
 * after saying what is missing on stderr.
 */
int compare_prepare_linux(const struct compare_opts *o,
			  const struct compare_script *s, struct linux_prep *p,
			  struct compare_side *side)
{
	int err;

	memset(p, 0, sizeof(*p));
	err = guest_images(o, p);
	if (err)
		return err;
	if (look_in_cache(o, s, p, side))
		return 1;
	if (qemu_find_binary(o->qemu, p->qemu, sizeof(p->qemu))) {
		fprintf(stderr, "umm: compare: %s not found%s: install Debian's package qemu-system-x86\n",
			o->qemu, strchr(o->qemu, '/') ? "" : " on PATH");
		return -ENOENT;
	}
	p->kvm = try_kvm(o->accel);
	return 0;
}

/* Why the guest did not come up, with what its console said last. */
static int boot_failed(struct linux_run *r, int err, int timeout_s)
{
	if (err == -EINTR)
		return err;
	if (err == -ETIMEDOUT)
		fprintf(stderr, "umm: compare: Linux did not boot within %d s (no '@@ READY' from the guest agent)\n",
			timeout_s);
	else if ((err == -ECHILD || err == -EPIPE) && !qemu_wait(&r->q, 3000))
		fprintf(stderr, "umm: compare: Linux: the guest ended before its agent was ready (QEMU's status %d)\n",
			WIFEXITED(r->q.exit_status) ?
			WEXITSTATUS(r->q.exit_status) : 128 + WTERMSIG(r->q.exit_status));
	else
		fprintf(stderr, "umm: compare: the guest did not come up: %s\n",
			strerror(-err));
	qemu_console_tail(&r->q, stderr, TAIL_LINES);
	return err;
}

/* The agent's "@@ READY", a second at a time for the progress line. */
static int wait_ready(struct linux_run *r, bool kvm, int timeout_s)
{
	char release[128];
	double t0 = compare_now();
	int err;

	do {
		compare_progress(r->o, "Linux: booting (%s) %.0f s",
				 kvm ? "KVM" : "TCG", compare_now() - t0);
		err = agent_wait_ready(&r->data, release, sizeof(release), 1000);
	} while (err == -ETIMEDOUT && compare_now() - t0 < timeout_s);
	if (!err)
		snprintf(r->side->label, sizeof(r->side->label), "Linux %.50s",
			 release);
	return err;
}

/* Start QEMU and wait for the agent; -ETIMEDOUT is left to the caller. */
static int boot(struct linux_run *r, const struct linux_prep *p, bool kvm,
		int timeout_s)
{
	struct qemu_opts qo = {
		.binary = p->qemu, .kernel = p->kernel, .initrd = p->initrd,
		.append = r->o->params.append,
		.mem_mib = r->o->params.mem_mib, .kvm = kvm,
	};
	int err = qemu_start(&r->q, &qo);

	if (err) {
		fprintf(stderr, "umm: compare: cannot start QEMU: %s\n",
			strerror(-err));
		return err;
	}
	r->q.stop = r->o->stop;
	err = qemu_connect(&r->q, CONNECT_MS);
	if (!err) {
		compare_lb_init(&r->data, r->q.data_fd, r->o->stop);
		compare_lb_init(&r->qmp, r->q.qmp_fd, r->o->stop);
		err = qmp_handshake(&r->qmp, CONNECT_MS);
	}
	if (!err)
		err = wait_ready(r, kvm, timeout_s);
	return err;
}

/* KVM if it is worth a try and boots in time, else TCG. */
static int boot_any(struct linux_run *r, const struct linux_prep *p)
{
	int timeout = r->o->boot_timeout_s;
	bool fallback = p->kvm && !strcmp(r->o->accel, "auto");
	int err;

	if (fallback) {
		/* KVM that fails at once (an MSR QEMU cannot set) or hangs. */
		err = boot(r, p, true, timeout < KVM_PROBE_S ? timeout : KVM_PROBE_S);
		if (!err || err == -EINTR)
			return err;
		qemu_stop(&r->q);
		kvm_failed();
		compare_progress(r->o, "Linux: KVM did not boot the guest: TCG then");
	}
	err = boot(r, p, p->kvm && !fallback, timeout);
	return err ? boot_failed(r, err, timeout) : 0;
}

/**
 * compare_run_linux - run the script in Linux under QEMU
 * @o: the options
 * @p: from compare_prepare_linux()
 * @s: the script
 * @side: filled in
 *
 * A result is kept in the cache.  QEMU is stopped and its directory
 * removed whatever happens.
 *
 * Return: 0 (a failed command is in @side's status), or -errno after
 * saying why on stderr (-EINTR: interrupted, said by the caller).
 */
int compare_run_linux(const struct compare_opts *o, const struct linux_prep *p,
		      const struct compare_script *s, struct compare_side *side)
{
	struct linux_run r = { .o = o, .side = side };
	double t0 = compare_now();
	int err;

	r.q.pid = -1;
	r.q.data_fd = r.q.qmp_fd = -1;
	compare_side_init(side, "Linux", true);
	snprintf(side->label, sizeof(side->label), "Linux %.50s", p->release);
	r.balloon = (struct qmp_balloon){
		.m = &r.qmp, .ram = (unsigned long long)o->params.mem_mib << 20,
		.extra = (unsigned long long)o->params.extra_mib << 20,
		.stall_ms = 5000, .poll_ms = 200,
	};
	err = boot_any(&r, p);
	if (!err)
		err = linux_session(&r, s);
	if (!err && !agent_quit(&r.data))
		qemu_wait(&r.q, 10000);
	side->wall = compare_now() - t0;
	qemu_stop(&r.q);
	if (err) {
		side->status = 2;
		return err;
	}
	if (o->params.umm_only[0])
		compare_side_note(side, "umm's only, not given: %s",
				  o->params.umm_only);
	if (p->cache[0])
		kcache_store(p->cache, side);
	return 0;
}
