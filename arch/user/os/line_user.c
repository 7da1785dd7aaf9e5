// SPDX-License-Identifier: GPL-2.0
/*
 * arch/user/os/line_user.c - the interactive shell's terminal, on libedit
 *
 * The console's shell (init/console_shell.c) reads its lines through
 * host_ops.line_read: libedit's line editor (emacs keys), its history,
 * saved in ~/.umm_history after every line so that a crash keeps it, and
 * Tab completion, whose words come from the kernel: console_complete()
 * (asm/kernel_entry.h) knows the commands and the kernel's files.
 *
 * libedit rather than GNU readline: readline is GPL-3.0-or-later, which
 * cannot be combined with umm's GPL-2.0-only code; libedit is BSD.
 *
 * Ctrl-C.  At the prompt the terminal's ISIG is off while libedit reads
 * (EL_SETTY), so Ctrl-C is a key: it drops the line.  While a command
 * runs, the terminal is as line_open found it and Ctrl-C raises SIGINT.
 * No thread takes it: the console's thread blocks it from line_open on,
 * and the threads of kernel tasks are born with it blocked (host_user.c).
 * It waits, pending, until line_intr_wait() reads it from a signalfd, in
 * the kernel thread that signals the command's tasks.  So no signal
 * handler runs anywhere, and no system call of the kernel's threads is
 * interrupted.
 */
#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>
#include <wchar.h>

#include <asm/host_ops.h>
#include <asm/kernel_entry.h>

#include "line_user.h"

#define HISTORY_SIZE	1000
#define HISTORY_FILE	".umm_history"
/* Room for the words of one completion: a directory of the kernel's. */
#define COMPLETE_SIZE	(64 << 10)

static EditLine *el;
static History *hist;
static char *hist_path;		/* NULL: no $HOME, no history file */
static const char *cur_prompt = "";
/* SIGINT, read by line_intr_wait(); a pipe whose end line_close closes. */
static int intr_fd = -1;
static int close_pipe[2] = { -1, -1 };
static sigset_t saved_mask;
/* Ctrl-C was typed at the prompt (set by the key's function). */
static bool prompt_intr;

static char *prompt_fn(EditLine *e)
{
	return (char *)cur_prompt;
}

/* How many leading bytes @a and @b share. */
static size_t common_len(const char *a, const char *b)
{
	size_t n = 0;

	while (a[n] && a[n] == b[n])
		n++;
	return n;
}

/* What a list shows of a word: a path's last component, as shells do. */
static const char *shown(const char *word)
{
	size_t len = strlen(word);
	const char *p = word + len - (len && word[len - 1] == '/');

	while (p > word && p[-1] != '/')
		p--;
	return p;
}

/* The words below the line, in columns; libedit then draws it again. */
static void list_words(EditLine *e, const char *words, int n)
{
	int cols = 80, width = 0, per_line, i;
	const char *w;

	if (el_get(e, EL_GETTC, "co", &cols) != 0 || cols < 20)
		cols = 80;
	for (w = words, i = 0; i < n; w += strlen(w) + 1, i++)
		if ((int)strlen(shown(w)) > width)
			width = strlen(shown(w));
	width += 2;
	per_line = cols / width > 0 ? cols / width : 1;
	fputc('\n', stdout);
	for (w = words, i = 0; i < n; w += strlen(w) + 1, i++)
		fprintf(stdout, "%-*s%s", width, shown(w),
			(i + 1) % per_line && i + 1 < n ? "" : "\n");
	fflush(stdout);
}

/*
 * Tab: the kernel's words for the last word before the cursor.  Their
 * common start replaces it; a single word that is not a directory gets
 * its space; several words with nothing more in common are listed.
 */
static unsigned char complete(EditLine *e, int ch)
{
	const LineInfo *li = el_line(e);
	int len = li->cursor - li->buffer, start = len, n, i;
	char *line = strndup(li->buffer, len);
	char *words = malloc(COMPLETE_SIZE);
	unsigned char ret = CC_ERROR;
	size_t common, typed;
	const char *w;

	if (!line || !words)
		goto out;
	n = console_complete(line, &start, words, COMPLETE_SIZE);
	if (n <= 0 || start < 0 || start > len)
		goto out;
	typed = len - start;
	common = strlen(words);
	for (w = words, i = 1; i < n; i++) {
		w += strlen(w) + 1;
		if (common_len(words, w) < common)
			common = common_len(words, w);
	}
	if (common < typed || strncmp(words, line + start, typed))
		goto out;	/* the kernel's words must extend what is typed */
	if (common > typed) {
		char save = words[common];

		words[common] = '\0';
		el_insertstr(e, words + typed);
		words[common] = save;
		ret = CC_REFRESH;
	}
	if (n == 1 && words[common - 1] != '/') {
		el_insertstr(e, " ");
		ret = CC_REFRESH;
	} else if (n > 1 && common == typed) {
		list_words(e, words, n);
		ret = CC_REDISPLAY;
	} else if (ret == CC_ERROR && n == 1) {
		ret = CC_NORM;	/* a directory, complete already */
	}
out:
	free(line);
	free(words);
	return ret;
}

/*
 * Ctrl-C at the prompt: el_gets() returns, and line_read drops the line.
 * What is right of the cursor is kept, to be shown again before the
 * "^C" that marks the line: the terminal's cursor is where it was.
 */
static char intr_rest[1024];

static unsigned char on_ctrl_c(EditLine *e, int ch)
{
	const LineInfo *li = el_line(e);

	snprintf(intr_rest, sizeof(intr_rest), "%.*s",
		 (int)(li->lastchar - li->cursor), li->cursor);
	prompt_intr = true;
	return CC_EOF;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

int host_line_open(void)
{
	const char *home = getenv("HOME");
	HistEvent ev;

	sigset_t intr;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return -ENOTTY;
	sigemptyset(&intr);
	sigaddset(&intr, SIGINT);
	intr_fd = signalfd(-1, &intr, SFD_CLOEXEC | SFD_NONBLOCK);
	hist = history_init();
	el = el_init("umm", stdin, stdout, stderr);
	if (intr_fd < 0 || pipe2(close_pipe, O_CLOEXEC) || !hist || !el) {
		close_fd(&intr_fd);
		close_fd(&close_pipe[0]);
		close_fd(&close_pipe[1]);
		host_line_close();
		return -ENOMEM;
	}
	pthread_sigmask(SIG_BLOCK, &intr, &saved_mask);
	history(hist, &ev, H_SETSIZE, HISTORY_SIZE);
	history(hist, &ev, H_SETUNIQUE, 1);
	if (home && *home && asprintf(&hist_path, "%s/%s", home, HISTORY_FILE) < 0)
		hist_path = NULL;
	/* No file yet is the first run: nothing to say. */
	if (hist_path)
		history(hist, &ev, H_LOAD, hist_path);
	el_set(el, EL_EDITOR, "emacs");
	el_set(el, EL_PROMPT, prompt_fn);
	el_set(el, EL_HIST, history, hist);
	/*
	 * The wide call: el_set() would pass el_wset() wide copies of these
	 * two strings that nobody frees (LeakSanitizer reports them).
	 */
	el_wset(el, EL_ADDFN, L"umm-complete",
		L"complete a command or a path of the kernel's files", complete);
	el_set(el, EL_BIND, "^I", "umm-complete", NULL);
	/* In the editor's mode only: commands still get their SIGINT. */
	el_set(el, EL_SETTY, "-d", "-isig", NULL);
	/* ~/.editrc, as every libedit program reads it. */
	el_source(el, NULL);
	el_wset(el, EL_ADDFN, L"umm-interrupt", L"drop the line", on_ctrl_c);
	el_set(el, EL_BIND, "^C", "umm-interrupt", NULL);
	return 0;
}

/*
 * Add a line that is not blank to the history, and save the history; a
 * file that cannot be written is said once, and the shell goes on.
 */
static void remember(const char *line)
{
	static bool warned;
	HistEvent ev;

	if (!line[strspn(line, " \t")])
		return;
	history(hist, &ev, H_ENTER, line);
	if (hist_path && history(hist, &ev, H_SAVE, hist_path) < 0 && !warned) {
		fprintf(stderr, "umm: shell: cannot save the history in %s: %s\n",
			hist_path, strerror(errno));
		warned = true;
	}
}

long host_line_read(const char *prompt, char *buf, unsigned long size)
{
	const char *line;
	size_t len;
	int count;

	if (!el || !size)
		return -EINVAL;
	cur_prompt = prompt;
	prompt_intr = false;
	line = el_gets(el, &count);
	if (prompt_intr) {
		/* As a shell does: the dropped line stays, marked. */
		printf("%s^C\n", intr_rest);
		fflush(stdout);
		return -EINTR;
	}
	if (!line || count <= 0)
		return -ENODATA;
	len = count;
	if (len && line[len - 1] == '\n')
		len--;
	if (len >= size) {
		memcpy(buf, line, size - 1);
		buf[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(buf, line, len);
	buf[len] = '\0';
	remember(buf);
	return len;
}

int host_line_intr_wait(void)
{
	struct pollfd fds[2] = {
		{ .fd = intr_fd, .events = POLLIN },
		{ .fd = close_pipe[0], .events = POLLIN },
	};
	struct signalfd_siginfo info;
	ssize_t n;

	if (intr_fd < 0)
		return -ENODATA;
	for (;;) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (fds[1].revents)
			break;
		/* Nothing to read: line_close took a last one meanwhile. */
		if (read(intr_fd, &info, sizeof(info)) != sizeof(info))
			continue;
		/* The terminal echoed "^C": what the command says goes below. */
		n = write(STDOUT_FILENO, "\n", 1);
		(void)n;
		return 0;
	}
	/* line_close closed the pipe: this is the last use of both. */
	close_fd(&intr_fd);
	close_fd(&close_pipe[0]);
	return -ENODATA;
}

void host_line_close(void)
{
	static const struct timespec now;
	sigset_t intr;

	if (close_pipe[1] >= 0) {
		/* A Ctrl-C still pending would end the process once unblocked. */
		sigemptyset(&intr);
		sigaddset(&intr, SIGINT);
		while (sigtimedwait(&intr, NULL, &now) == SIGINT)
			;
		pthread_sigmask(SIG_SETMASK, &saved_mask, NULL);
		/* The waiter sees the end of the pipe and returns. */
		close_fd(&close_pipe[1]);
	}
	if (el)
		el_end(el);
	if (hist)
		history_end(hist);
	el = NULL;
	hist = NULL;
	free(hist_path);
	hist_path = NULL;
}
