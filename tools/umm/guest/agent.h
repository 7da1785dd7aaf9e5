/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tools/umm/guest/agent.h - the guest agent of './umm compare'
 *
 * The agent runs in Debian's kernel under QEMU and answers the host's
 * console commands on the guest's second serial port, printing what
 * umm's console prints for them (Documentation/umm/compare.rst).  It is
 * an ordinary static program: glibc, fork, mmap, the kernel's files.
 */
#ifndef UMM_AGENT_H
#define UMM_AGENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AGENT_LINE_MAX		4096	/* a command line, as the console's */
#define AGENT_MAX_ARGS		32	/* words of a command, as the console's */
#define AGENT_PAGE_SIZE		4096UL
#define AGENT_NAME_LEN		16	/* TASK_COMM_LEN */
#define AGENT_LABEL_MAX		24	/* a phase or spawn prefix, as umm's */

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

/* What the whole agent shares. */
struct agent {
	const char *release;		/* uname -r */
	uint64_t seed;			/* umm.seed=, as umm's */
	uint64_t request_seq;		/* fill/touch/madvise seeds */
	uint64_t blk_seq;		/* blkwrite seeds and generations */
	uint32_t tasks_started;		/* task identities */
	const char *alloc_ctl;		/* the helper module's file, or NULL */
	const char *alloc_why;		/* why there is none */
};

extern struct agent agent;
extern int agent_fd;		/* the channel: a task must not hold it */
extern const char *current_cmd;	/* the verb running, named in errors */

/* A command: its name and what runs it (argv[0] is the name). */
struct agent_cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
};

/* output.c: what a command prints, sent when it ends. */
void out_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_write(const char *buf, size_t len);
int cmd_err(int err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cmd_unavailable(const char *why);
size_t out_take(char **buf);

/* command.c: one line in, its output and status out. */
int split_words(const char *line, char *out, char **argv, int max);
int agent_run_line(const char *line);

/* parse.c: numbers and sizes as umm's console reads them. */
int parse_uint(const char *s, unsigned int base, unsigned long long max,
	       unsigned long long *val);
int parse_int(const char *s, long long *val);
int parse_size(const char *s, unsigned long long *size);
int parse_ratio(const char *s, unsigned int *permille);
bool valid_name(const char *name, size_t max);
uint64_t agent_next_seed(void);

/* The command tables, one per file. */
extern const struct agent_cmd task_cmds[];
extern const struct agent_cmd file_cmds[];
extern const struct agent_cmd swap_cmds[];
extern const struct agent_cmd blk_cmds[];
extern const struct agent_cmd alloc_cmds[];

/* task.c */
void tasks_end_all(void);

/* alloc.c */
void alloc_probe(void);

#endif /* UMM_AGENT_H */
