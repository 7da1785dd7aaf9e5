/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/testing/selftests/vm/umm_run.h - run the umm binary as a user does
 *
 * For the black-box tests: $UMM (default ./umm) with arguments, stdin
 * fed, stdout and stderr captured, the exit status decoded.
 */
#ifndef _UMM_RUN_H
#define _UMM_RUN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct run {
	int status;
	char *out;
	char *err;
};

static inline char *slurp(FILE *f)
{
	size_t cap = 1 << 16, len = 0, n;
	char *buf = malloc(cap);

	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (len + 1 == cap)
			buf = realloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	return buf;
}

/* Run $UMM with @args (NULL-terminated), feeding @input on stdin. */
static inline struct run run_umm_in(const char *input, const char **args)
{
	const char *umm = getenv("UMM") ? getenv("UMM") : "./umm";
	char out_path[] = "/tmp/umm-out-XXXXXX", err_path[] = "/tmp/umm-err-XXXXXX";
	int out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
	int in_pipe[2];
	struct run r;
	pid_t pid;
	FILE *f;

	if (pipe(in_pipe))
		abort();
	pid = fork();
	if (pid == 0) {
		const char *argv[64] = { umm };
		int i;

		for (i = 0; args[i] && i < 62; i++)
			argv[i + 1] = args[i];
		dup2(in_pipe[0], 0);
		dup2(out_fd, 1);
		dup2(err_fd, 2);
		close(in_pipe[1]);
		execv(umm, (char **)argv);
		_exit(127);
	}
	close(in_pipe[0]);
	if (input && write(in_pipe[1], input, strlen(input)) < 0)
		abort();
	close(in_pipe[1]);
	waitpid(pid, &r.status, 0);
	r.status = WIFEXITED(r.status) ? WEXITSTATUS(r.status) : 128 + WTERMSIG(r.status);
	f = fopen(out_path, "r");
	r.out = slurp(f);
	fclose(f);
	f = fopen(err_path, "r");
	r.err = slurp(f);
	fclose(f);
	unlink(out_path);
	unlink(err_path);
	close(out_fd);
	close(err_fd);
	return r;
}

#define run_umm(...) run_umm_in(NULL, (const char *[]){ __VA_ARGS__, NULL })

static inline int count_lines(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static inline void free_run(struct run *r)
{
	free(r->out);
	free(r->err);
}

#endif /* _UMM_RUN_H */
