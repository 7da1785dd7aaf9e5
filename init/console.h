/* SPDX-License-Identifier: GPL-2.0 */
/*
 * init/console.h - the console: what runs after boot
 */
#ifndef _INIT_CONSOLE_H
#define _INIT_CONSOLE_H

#include <linux/types.h>
#include <linux/umm.h>
#include <asm/kernel_entry.h>	/* start_kernel(), the scenarios, the record */

enum console_mode {
	CONSOLE_HELP,
	CONSOLE_COMMANDS,	/* -c 'CMD; CMD' */
	CONSOLE_SCRIPT,		/* run FILE */
	CONSOLE_SHELL,		/* shell */
	CONSOLE_SCENARIO,	/* scenario NAME, or no arguments */
	CONSOLE_SCENARIOS,	/* scenarios: list them */
};

#define CONSOLE_MAX_PARAMS	64

struct console_args {
	enum console_mode mode;
	const char *arg;		/* commands, file or scenario name */
	int nr_params;
	char *params[CONSOLE_MAX_PARAMS];
};

struct console_cmd {
	const char *name;
	const char *usage;
	const char *help;
	/* Returns 0, or -errno after console_cmd_err() said why. */
	int (*fn)(int argc, char **argv);
};

#define CONSOLE_MAX_ARGS	32
#define CONSOLE_PROMPT		"umm# "
/* The longest command (and shell line): with its NUL, one page */
#define CONSOLE_LINE_MAX	4095

int console_parse_args(int argc, char **argv, struct console_args *args);
void console_usage(void);
int console_main(struct console_args *args);
int console_run_text(const char *text, const char *name, bool stop_on_error);
bool console_shell_line(const char *line, bool cut);
void console_walk_cmds(void (*fn)(const struct console_cmd *c, void *data), void *data);

/* init/console_shell.c: the shell on a terminal; -ENOTTY without one. */
int console_shell_tty(void);

/* Output for the user (stdout) and errors ("umm: CMD: reason", stderr). */
__printf(1, 2) void console_printf(const char *fmt, ...);
void console_write(const char *buf, size_t len);
void console_puts(const char *s);
__printf(2, 3) int console_cmd_err(int err, const char *fmt, ...);
const char *errno_text(int err);
int console_parse_ratio(const char *s, unsigned int *permille);
bool console_stdout_is_tty(void);

/* The command tables of init/console_*.c */
extern const struct console_cmd console_fs_cmds[];
extern const struct console_cmd console_mm_cmds[];
extern const struct console_cmd console_task_cmds[];
extern const struct console_cmd console_blk_cmds[];
extern const struct console_cmd console_swap_cmds[];
extern const struct console_cmd console_balloon_cmds[];
extern const struct console_cmd console_scenario_cmds[];
extern const struct console_cmd console_shell_cmds[];

/* init/console_scenario.c: the A/B runner's record lines */
extern bool umm_record;
__printf(1, 2) void console_record(const char *fmt, ...);
void console_record_end(void);
void console_record_samples(void);

#endif /* _INIT_CONSOLE_H */
