// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/umm_side.c - the script, run in umm
 *
 * As the scenario runner does (tools/umm/runner.c), the kernel boots in
 * a child process: ./umm PARAMS -c TEXT, where TEXT reads the files of
 * the comparison, runs the script's commands, and reads the files again,
 * with marker lines between them (echo prints them) so that the parent
 * can tell a file from a command's output:
 *
 *	@@compare FILE before|after NAME	a file's text follows
 *	@@compare CMD N				the script's command N runs
 *	@@compare AFTER				the script is over
 *
 * The console stops at the first command that fails (status 1), its
 * error on stderr: the last CMD marker says which.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <asm/kernel_entry.h>

#include "compare.h"

#define MARK	"@@compare "

static const char * const umm_files[NR_COMPARE_FILES] = {
	[CF_VMSTAT]	= "/proc/vmstat",
	[CF_BUDDYINFO]	= "/proc/buddyinfo",
	[CF_MM_STAT]	= "/sys/block/zram0/mm_stat",
	[CF_MEMINFO]	= "/proc/meminfo",
	[CF_MIGRATED]	= "/sys/kernel/debug/umm/migrated",
};

/* Has umm a zram0 with these parameters? */
static bool have_zram(const struct compare_params *p)
{
	int i;

	for (i = 0; i < p->nr; i++)
		if (!strcmp(p->param[i], "zram.num_devices=0"))
			return false;
	return true;
}

static void add_files(FILE *f, const struct compare_params *p, const char *when)
{
	int i;

	for (i = 0; i < NR_COMPARE_FILES; i++) {
		if (i == CF_MM_STAT && !have_zram(p))
			continue;
		fprintf(f, "echo " MARK "FILE %s %s\ncat %s\n", when,
			compare_file_names[i], umm_files[i]);
	}
}

/**
 * compare_umm_text - the console text the umm side runs
 * @p: the parameters (is there a zram0?)
 * @s: the script
 *
 * Return: the text (free() it), or NULL.
 */
char *compare_umm_text(const struct compare_params *p,
		       const struct compare_script *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int i;

	if (!f)
		return NULL;
	add_files(f, p, "before");
	for (i = 0; i < s->nr; i++)
		fprintf(f, "echo " MARK "CMD %d\n%s\n", i, s->cmd[i]);
	fprintf(f, "echo " MARK "AFTER\n");
	add_files(f, p, "after");
	if (fclose(f)) {
		free(text);
		return NULL;
	}
	return text;
}

/* The child: boot umm with the parameters and run @text. */
static void umm_child(const struct compare_params *p, char *text, int out,
		      int err)
{
	char **argv = calloc(p->nr + 3, sizeof(*argv));
	int n = 0, i;

	dup2(out, 1);
	dup2(err, 2);
	close(out);
	if (!argv)
		_exit(2);
	for (i = 0; i < p->nr; i++)
		argv[n++] = p->param[i];
	argv[n++] = "-c";
	argv[n++] = text;
	_exit(start_kernel(n, argv));
}

/* What the parent has read of the child's output so far. */
struct umm_reader {
	struct compare_side *side;
	const struct compare_script *s;
	int when, file;		/* the file being read, or file -1 */
	char *buf;
	size_t len;
	int cmd;		/* the command running, -1 before the first */
	bool after;
	double t_first, t_after;
};

static void end_file(struct umm_reader *r)
{
	if (r->file >= 0)
		compare_side_set_file(r->side, r->when, r->file,
				      r->buf ? r->buf : "", r->len);
	free(r->buf);
	r->buf = NULL;
	r->len = 0;
	r->file = -1;
}

static void add_text(struct umm_reader *r, const char *line, size_t n)
{
	char *t = realloc(r->buf, r->len + n + 1);

	if (!t)
		return;
	memcpy(t + r->len, line, n);
	r->len += n;
	t[r->len] = '\0';
	r->buf = t;
}

/* A marker line (after MARK). */
static void marker(struct umm_reader *r, const char *m)
{
	char when[16], name[32];
	int i;

	end_file(r);
	if (sscanf(m, "FILE %15s %31s", when, name) == 2) {
		r->when = !strcmp(when, "after");
		for (i = 0; i < NR_COMPARE_FILES; i++)
			if (!strcmp(name, compare_file_names[i]))
				r->file = i;
	} else if (sscanf(m, "CMD %d", &r->cmd) == 1) {
		if (!r->t_first)
			r->t_first = compare_now();
		if (r->cmd >= 0 && r->cmd < r->s->nr &&
		    compare_where(r->s->cmd[r->cmd]) == COMPARE_HOST_PHASE)
			compare_side_phase(r->side, r->s->cmd[r->cmd],
					   compare_now() - r->t_first);
	} else if (!strncmp(m, "AFTER", 5)) {
		r->after = true;
		r->t_after = compare_now();
	}
}

static void read_output(struct umm_reader *r, FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, in)) > 0) {
		if (!strncmp(line, MARK, strlen(MARK)))
			marker(r, line + strlen(MARK));
		else if (r->file >= 0)
			add_text(r, line, n);
		else if (r->cmd >= 0 && !r->after)
			compare_side_append(r->side, line, n);
	}
	end_file(r);
	free(line);
}

/* The last "umm: " line of @err (the child's stderr), or its last line. */
static void last_error(FILE *err, char *buf, size_t size)
{
	char line[COMPARE_ERR_LEN];

	buf[0] = '\0';
	rewind(err);
	while (fgets(line, sizeof(line), err)) {
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "umm: ", 5) || (!buf[0] && line[0]))
			snprintf(buf, size, "%s", line);
	}
}

/* The child ended with @status: what failed, if anything. */
static void umm_status(struct compare_side *side, const struct umm_reader *r,
		       const struct compare_script *s, int status, FILE *err)
{
	char error[COMPARE_ERR_LEN];

	if (!status)
		return;
	last_error(err, error, sizeof(error));
	if (status == 1 && r->cmd >= 0 && !r->after) {
		compare_side_fail(side, s->cmd[r->cmd], error);
		return;
	}
	/* umm did not boot, or ended otherwise than a console does. */
	side->status = 2;
	snprintf(side->failed_cmd, sizeof(side->failed_cmd), "%.200s",
		 r->cmd < 0 ? "umm did not boot" :
		 r->after ? "reading the files after" : s->cmd[r->cmd]);
	if (status > 128 && !error[0])
		snprintf(error, sizeof(error), "umm ended by signal %d",
			 status - 128);
	snprintf(side->error, sizeof(side->error), "%s", error);
}

/**
 * compare_run_umm - run the script in umm, in a child process
 * @o: the options (parameters, script)
 * @s: the script, split
 * @side: filled in
 *
 * Return: 0 (a failed command is in @side's status), or -errno.
 */
int compare_run_umm(const struct compare_opts *o,
		    const struct compare_script *s, struct compare_side *side)
{
	struct umm_reader r = { .side = side, .s = s, .file = -1, .cmd = -1 };
	char *text = compare_umm_text(&o->params, s);
	FILE *err = tmpfile(), *in;
	double t0 = compare_now();
	int fd[2], status;
	pid_t pid;

	compare_side_init(side, "umm", false);
	if (!text || !err || pipe(fd))
		return -ENOMEM;
	compare_progress(o, "umm: running the script");
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0)
		umm_child(&o->params, text, fd[1], fileno(err));
	close(fd[1]);
	free(text);
	in = fdopen(fd[0], "r");
	if (pid > 0 && in)
		read_output(&r, in);
	in ? fclose(in) : close(fd[0]);
	if (pid > 0 && o->stop && *o->stop)
		kill(pid, SIGKILL);
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	side->wall = compare_now() - t0;
	side->script_time = r.t_first ? (r.after ? r.t_after : compare_now()) -
				r.t_first : 0;
	if (pid > 0)
		umm_status(side, &r, s, WIFEXITED(status) ? WEXITSTATUS(status) :
			   128 + WTERMSIG(status), err);
	fclose(err);
	return pid < 0 ? -errno : 0;
}
