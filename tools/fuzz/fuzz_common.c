// SPDX-License-Identifier: GPL-2.0
/*
 * tools/fuzz/fuzz_common.c - boot once, take down what an input made,
 * check the kernel after it
 *
 * The targets boot the kernel once per process: a boot maps RAM, starts
 * kernel threads and runs initcalls, none of which can be undone.  So
 * each input must leave the kernel as the boot left it.  fuzz_restore()
 * undoes what inputs can do through the console and the pseudo files, in
 * the order a person would (tasks exit before the swap they use goes
 * away, swap goes off before its zram device is reset, and so on), then
 * puts every file whose value changed back to its boot text and reads it
 * again to be sure.  fuzz_check_kernel() then asks the kernel itself:
 * taint, the zones' free lists, and whether every page that was free
 * after boot is free again.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "../testing/umm/umm_test_lib.h"
#include "../../init/console.h"

#include <linux/fs.h>
#include <linux/pseudo_fs.h>
#include <linux/slab.h>
#include <linux/swap.h>
#include <linux/umm.h>
#include <linux/workload.h>
#include <linux/err.h>
#include <asm/host_ops.h>

struct fuzz_file *fuzz_files;
int fuzz_nr_files;

static int output_fd = -1, saved_stdout = -1, saved_stderr = -1;
static unsigned long free_after_boot;

void fuzz_output_init(void)
{
	const char *path = getenv("UMM_FUZZ_OUTPUT");

	if (!path || !*path || output_fd >= 0)
		return;
	output_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
	if (output_fd < 0) {
		perror(path);
		exit(1);
	}
	saved_stdout = dup(1);
	saved_stderr = dup(2);
}

void fuzz_quiet_begin(void)
{
	if (output_fd < 0)
		return;
	fflush(stdout);
	fflush(stderr);
	if (ftruncate(output_fd, 0))
		return;
	dup2(output_fd, 1);
	dup2(output_fd, 2);
}

void fuzz_quiet_end(void)
{
	if (output_fd < 0)
		return;
	fflush(stdout);
	fflush(stderr);
	dup2(saved_stdout, 1);
	dup2(saved_stderr, 2);
}

void fuzz_fail(const char *fmt, ...)
{
	va_list args;

	fflush(stdout);
	fprintf(stderr, "umm-fuzz: FAIL: ");
	va_start(args, fmt);
	vfprintf(stderr, fmt, args);
	va_end(args);
	fprintf(stderr, "\n");
	fflush(stderr);
	abort();
}

/*
 * A kernel BUG() or panic() has printed its report: make it a crash that
 * libFuzzer sees (SIGABRT, with its stack), so that the input is saved.
 */
void host_panic_hook(void)
{
	fprintf(stderr, "umm-fuzz: FAIL: kernel panic (see the report above)\n");
	abort();
}

/* UBSan's reports come with the stack that led there, replays too. */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void)
{
	return "print_stacktrace=1";
}

char *fuzz_read(const char *path, int *err)
{
	char *text, *copy;
	ssize_t len = kernel_read_file_path(path, &text);

	if (len < 0) {
		*err = len;
		return NULL;
	}
	copy = malloc(len + 1);
	memcpy(copy, text, len + 1);
	kfree(text);
	*err = 0;
	return copy;
}

ssize_t fuzz_write(const char *path, const void *buf, size_t len)
{
	return kernel_write_file_path(path, buf, len);
}

ssize_t fuzz_write_flags(const char *path, const void *buf, size_t len,
			 int flags)
{
	return __kernel_write_file_path(path, buf, len, flags);
}

static ssize_t fuzz_write_str(const char *path, const char *text)
{
	return fuzz_write(path, text, strlen(text));
}

/* Where stdout (1) and stderr (2) go while captured, and went before. */
static int capture_fd[3] = { -1, -1, -1 }, capture_saved[3] = { -1, -1, -1 };

void fuzz_capture_begin(void)
{
	int fd;

	fflush(stdout);
	fflush(stderr);
	for (fd = 1; fd <= 2; fd++) {
		if (capture_fd[fd] < 0) {
			FILE *f = tmpfile();

			if (!f) {
				perror("tmpfile");
				abort();
			}
			capture_fd[fd] = dup(fileno(f));
			fclose(f);
		}
		if (ftruncate(capture_fd[fd], 0) ||
		    lseek(capture_fd[fd], 0, SEEK_SET)) {
			perror("capture");
			abort();
		}
		capture_saved[fd] = dup(fd);
		dup2(capture_fd[fd], fd);
	}
}

/* The text that went to @fd, passed on to where it would have gone. */
static char *capture_take(int fd)
{
	off_t size = lseek(capture_fd[fd], 0, SEEK_END);
	char *text = malloc(size > 0 ? size + 1 : 1);
	ssize_t n = size > 0 ? pread(capture_fd[fd], text, size, 0) : 0;

	text[n > 0 ? n : 0] = '\0';
	if (n > 0 && write(fd, text, n) != n)
		perror("capture");
	return text;
}

void fuzz_capture_end(char **out, char **err)
{
	int fd;

	fflush(stdout);
	fflush(stderr);
	for (fd = 1; fd <= 2; fd++) {
		dup2(capture_saved[fd], fd);
		close(capture_saved[fd]);
		capture_saved[fd] = -1;
	}
	*out = capture_take(1);
	*err = capture_take(2);
}

/* ---- numbers ---------------------------------------------------------- */

static unsigned int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return 16;
}

uint64_t fuzz_parse_c_number(const char *s, const char *limit,
			     const char **end, bool *overflow)
{
	unsigned int base = 10, d;
	uint64_t val = 0;

	*overflow = false;
	if (s < limit && *s == '0') {
		base = 8;
		if (limit - s > 2 && (s[1] | 0x20) == 'x' &&
		    digit_value(s[2]) < 16) {
			base = 16;
			s += 2;
		}
	}
	for (; s < limit && (d = digit_value(*s)) < base; s++) {
		if (val > (UINT64_MAX - d) / base)
			*overflow = true;
		val = val * base + d;
	}
	*end = s;
	return val;
}

/* ---- the files -------------------------------------------------------- */

static void add_file(const char *path, umode_t mode)
{
	struct fuzz_file *f;
	int err;

	fuzz_files = realloc(fuzz_files, (fuzz_nr_files + 1) * sizeof(*f));
	f = &fuzz_files[fuzz_nr_files++];
	f->path = strdup(path);
	f->readable = mode & 0444;
	f->writable = mode & 0222;
	f->boot_text = f->readable ? fuzz_read(path, &err) : NULL;
}

/* Every regular file under @dir (whose path is @path), in name order. */
static void scan_dir(struct dentry *dir, const char *path)
{
	struct dentry *child;
	loff_t pos;

	for (pos = 0; (child = pseudo_child_at(dir, pos)); pos++) {
		char sub[512];

		snprintf(sub, sizeof(sub), "%s/%s", strcmp(path, "/") ? path : "",
			 child->d_name);
		if (d_is_dir(child))
			scan_dir(child, sub);
		else
			add_file(sub, d_inode(child)->i_mode);
		dput(child);
	}
}

static void scan_files(void)
{
	struct dentry *root = pseudo_lookup("/");

	if (IS_ERR(root))
		fuzz_fail("cannot look up /");
	scan_dir(root, "/");
	dput(root);
}

static struct fuzz_file *find_file(const char *path)
{
	int i;

	for (i = 0; i < fuzz_nr_files; i++)
		if (!strcmp(fuzz_files[i].path, path))
			return &fuzz_files[i];
	return NULL;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

/*
 * Files whose text is a log or a listing rather than a value: the trace
 * itself, and set_event (emptied when events/enable goes to 0).
 */
static bool file_is_log(const struct fuzz_file *f)
{
	return ends_with(f->path, "/tracing/trace") ||
	       ends_with(f->path, "/tracing/set_event");
}

/*
 * The text that puts @f back to its boot value: the boot text itself,
 * except for a choice shown as "a [b] c" (comp_algorithm), where it is
 * the chosen word, and the trace buffer's size before the buffer was
 * expanded, "0 (expanded: N)", where it is N.
 */
static void restore_text(const struct fuzz_file *f, char *buf, size_t size)
{
	const char *open = strchr(f->boot_text, '[');
	const char *close = open ? strchr(open, ']') : NULL;
	const char *exp = strstr(f->boot_text, "(expanded: ");

	if (close) {
		snprintf(buf, size, "%.*s\n", (int)(close - open - 1), open + 1);
		return;
	}
	size_t len = strlen(f->path);

	if (exp) {
		snprintf(buf, size, "%lu\n", strtoul(exp + 11, NULL, 10));
		return;
	}
	/* An event filter that shows "none" is cleared by writing 0. */
	if (len >= 7 && !strcmp(f->path + len - 7, "/filter") &&
	    !strcmp(f->boot_text, "none\n")) {
		snprintf(buf, size, "0\n");
		return;
	}
	snprintf(buf, size, "%s", f->boot_text);
}

/* ---- fuzz_restore ----------------------------------------------------- */

struct task_names {
	char (*name)[TASK_COMM_LEN];
	int nr;
};

static void collect_task(struct workload *w, void *data)
{
	struct task_names *t = data;

	t->name = realloc(t->name, (t->nr + 1) * sizeof(*t->name));
	memcpy(t->name[t->nr++], w->name, TASK_COMM_LEN);
}

static void stop_tasks(void)
{
	struct task_names t = { NULL, 0 };
	int i;

	workload_for_each(collect_task, &t);
	for (i = 0; i < t.nr; i++) {
		struct workload *w = workload_find(t.name[i]);

		if (w)
			workload_stop(w);
	}
	workload_reap_exited();
	free(t.name);
}

/* The console's page sets (init/console_mm.c): free them all. */
static void free_sets(void)
{
	static struct console_out o;
	char *line, *save = NULL, cmd[64];

	if (console("sets", &o))
		fuzz_fail("'sets' failed: %s", o.err);
	for (line = strtok_r(o.out, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':');

		if (!colon)
			continue;
		snprintf(cmd, sizeof(cmd), "free %.*s all", (int)(colon - line),
			 line);
		console_run_text(cmd, "fuzz", true);
	}
}

static void swapoff_all(void)
{
	char *text, *line, *save = NULL;
	int err;

	text = fuzz_read("/proc/swaps", &err);
	if (!text)
		return;
	line = strtok_r(text, "\n", &save);	/* the header */
	while ((line = strtok_r(NULL, "\n", &save))) {
		char dev[256];

		if (sscanf(line, "%255s", dev) == 1 && sys_swapoff(dev))
			fuzz_fail("swapoff %s failed", dev);
	}
	free(text);
}

/*
 * Reset every zram device: what it stores goes, and so does a mem_limit
 * (which has no file to read it back from), set up or not.
 */
static void reset_zram(void)
{
	int i;

	for (i = 0; i < fuzz_nr_files; i++) {
		const char *p = fuzz_files[i].path;
		ssize_t ret;

		if (strncmp(p, "/sys/block/zram", 15) || !ends_with(p, "/reset"))
			continue;
		ret = fuzz_write_str(p, "1\n");
		if (ret < 0)
			fuzz_fail("%s: %zd", p, ret);
	}
}

/* Everything that trace events and the trace buffer hold, let go. */
static void reset_tracing(void)
{
	struct fuzz_file *size = find_file("/sys/kernel/debug/tracing/buffer_size_kb");
	char *now;
	int err;

	fuzz_write_str("/sys/kernel/debug/tracing/events/enable", "0\n");
	fuzz_write_str("/sys/kernel/debug/tracing/tracing_on", "1\n");
	if (!size || !size->boot_text)
		return;
	now = fuzz_read(size->path, &err);
	if (now && strcmp(now, size->boot_text)) {
		char text[64];

		ssize_t ret;

		/*
		 * The boot size (a resize adds or frees the difference
		 * only), then free_buffer, whose release takes the buffer
		 * back to its boot state: unallocated.
		 */
		restore_text(size, text, sizeof(text));
		ret = fuzz_write_str(size->path, text);
		if (ret < 0)
			fuzz_fail("%s: writing its boot size '%s' failed: %zd",
				  size->path, text, ret);
		fuzz_write_str("/sys/kernel/debug/tracing/free_buffer", "1\n");
	}
	free(now);
}

enum restore_pass {
	RESTORE_TRY,		/* write boot values, errors or not */
	RESTORE,		/* write them; an error is a failure */
	RESTORE_CHECK,		/* a file not at its boot value is a failure */
};

static void restore_files(enum restore_pass pass)
{
	int i;

	for (i = 0; i < fuzz_nr_files; i++) {
		struct fuzz_file *f = &fuzz_files[i];
		char text[4096], *now;
		ssize_t ret;
		int err;

		if (!f->writable || !f->boot_text || file_is_log(f))
			continue;
		now = fuzz_read(f->path, &err);
		if (now && !strcmp(now, f->boot_text)) {
			free(now);
			continue;
		}
		if (pass == RESTORE_CHECK)
			fuzz_fail("%s does not go back to its boot value: it was '%s', it is '%s'",
				  f->path, f->boot_text, now ? now : "(unreadable)");
		free(now);
		restore_text(f, text, sizeof(text));
		ret = fuzz_write_str(f->path, text);
		if (ret < 0 && pass == RESTORE)
			fuzz_fail("%s: writing its boot value '%s' failed: %zd",
				  f->path, f->boot_text, ret);
	}
}

void fuzz_restore(void)
{
	stop_tasks();
	/* First what holds memory (the sample driver's pages...). */
	restore_files(RESTORE_TRY);
	free_sets();
	swapoff_all();
	reset_zram();
	restore_files(RESTORE);
	reset_tracing();
	restore_files(RESTORE_CHECK);
	umm_kthreads_run_pending();
}

/* ---- the kernel's health ---------------------------------------------- */

static void count_task(struct workload *w, void *data)
{
	(*(int *)data)++;
}

void fuzz_check_untouched(void)
{
	static struct console_out o;
	char *text;
	int i, err, tasks = 0;

	for (i = 0; i < fuzz_nr_files; i++) {
		struct fuzz_file *f = &fuzz_files[i];

		if (!f->writable || !f->boot_text ||
		    ends_with(f->path, "/tracing/trace"))
			continue;
		text = fuzz_read(f->path, &err);
		if (!text || strcmp(text, f->boot_text))
			fuzz_fail("%s changed from its boot value '%s' to '%s'",
				  f->path, f->boot_text,
				  text ? text : "(unreadable)");
		free(text);
	}
	workload_for_each(count_task, &tasks);
	if (tasks)
		fuzz_fail("%d tasks were started", tasks);
	if (console("sets", &o))
		fuzz_fail("'sets' failed: %s", o.err);
	if (strchr(o.out, ':'))
		fuzz_fail("page sets were made: '%s'", o.out);
	text = fuzz_read("/proc/swaps", &err);
	if (text && strchr(text, '\n') && strchr(text, '\n')[1])
		fuzz_fail("swap was switched on: '%s'", text);
	free(text);
}

void fuzz_check_kernel(void)
{
	unsigned long free_now;

	if (get_taint())
		fuzz_fail("the kernel is tainted (%#lx): a WARN or a bad page, see above",
			  get_taint());
	if (check_zones())
		fuzz_fail("the zones' free lists are inconsistent (see above)");
	free_now = umm_free_pages();
	if (free_now < free_after_boot)
		fuzz_fail("%lu pages free after boot, %lu now: %lu pages leaked",
			  free_after_boot, free_now, free_after_boot - free_now);
	/* Pages freed that were in use at boot: one-time boot memory. */
	if (free_now > free_after_boot)
		free_after_boot = free_now;
}

void fuzz_set_baseline(void)
{
	free_after_boot = umm_free_pages();
}

/*
 * Make the allocations that happen once in a kernel's life (the
 * anon_vma slab, which never gives its pages back; per-cpu areas of
 * virtual CPUs that tasks brought up) before the free page count is
 * taken, so that the leak check sees real leaks only.
 */
static void warm_up(void)
{
	static struct console_out o;

	if (umm_prime_anon_vma_cache())
		fuzz_fail("cannot start a task after boot");
	if (console("spawn warm 64; reap warm 64", &o))
		fuzz_fail("warm-up failed: %s", o.err);
	fuzz_restore();
}

void fuzz_boot(const char *params)
{
	static char copy[512];
	char *argv[32], *tok, *save = NULL;
	int argc = 0;

	fuzz_output_init();
	fuzz_quiet_begin();
	snprintf(copy, sizeof(copy), "%s umm.seed=1", params);
	for (tok = strtok_r(copy, " ", &save); tok && argc < 31;
	     tok = strtok_r(NULL, " ", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	if (kernel_boot(argc, argv))
		fuzz_fail("boot with '%s' failed", params);
	scan_files();
	warm_up();
	free_after_boot = umm_free_pages();
	fuzz_quiet_end();
}
