// SPDX-License-Identifier: GPL-2.0
/*
 * init/console.c - the console: scripts, one-liners and the shell
 *
 * umm has no user space; this is the init that runs after boot.  It reads
 * commands a kernel developer already types (cat, echo ... >, ls) plus a
 * few workload verbs, from -c, from a script file, from an embedded
 * scenario, or interactively.  A script stops at the first command that
 * fails, with exit status 1; the interactive shell reports the error and
 * goes on.  Errors are one line, "umm: CMD: reason", on stderr.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/errno.h>
#include <linux/umm.h>
#include <asm/host_ops.h>
#include <linux/workload.h>
#include <linux/sched.h>
#include "console.h"

static const struct console_cmd *cmd_tables[] = {
	console_fs_cmds,
	console_mm_cmds,
	console_task_cmds,
	console_blk_cmds,
	console_swap_cmds,
	console_balloon_cmds,
	console_scenario_cmds,
	console_shell_cmds,
};

static const struct {
	int err;
	const char *text;
} errno_texts[] = {
	{ EPERM,	"Operation not permitted" },
	{ ENOENT,	"No such file or directory" },
	{ EIO,		"Input/output error" },
	{ EBADF,	"Bad file descriptor" },
	{ E2BIG,	"Argument list too long" },
	{ EAGAIN,	"Resource temporarily unavailable" },
	{ ENOMEM,	"Cannot allocate memory" },
	{ ESRCH,	"No such process" },
	{ EINTR,	"Interrupted system call" },
	{ EACCES,	"Permission denied" },
	{ EFAULT,	"Bad address" },
	{ EBUSY,	"Device or resource busy" },
	{ EEXIST,	"File exists" },
	{ ENODEV,	"No such device" },
	{ ENOTDIR,	"Not a directory" },
	{ EISDIR,	"Is a directory" },
	{ EINVAL,	"Invalid argument" },
	{ ENOSPC,	"No space left on device" },
	{ ERANGE,	"Numerical result out of range" },
	{ ENOSYS,	"Function not implemented" },
	{ ENAMETOOLONG,	"File name too long" },
	{ ETIMEDOUT,	"Connection timed out" },
};

/**
 * console_parse_ratio - parse a ratio of the workload verbs
 * @s: a number from 0 to 1 with up to three decimals ("0.75", "1", ".5")
 * @permille: the ratio in thousandths
 *
 * Return: 0, or -EINVAL.
 */
int console_parse_ratio(const char *s, unsigned int *permille)
{
	unsigned int whole = 0, frac = 0, digits = 0;

	if (isdigit(*s))
		whole = *s++ - '0';
	if (*s == '.') {
		for (s++; isdigit(*s) && digits < 3; s++, digits++)
			frac = frac * 10 + (*s - '0');
		while (digits < 3) {
			frac *= 10;
			digits++;
		}
	}
	if (*s || whole > 1 || (whole == 1 && frac))
		return -EINVAL;
	*permille = whole * 1000 + frac;
	return 0;
}

/**
 * errno_text - the C library's message for an error number
 * @err: a positive or negative errno
 *
 * Return: the text, or "Unknown error".
 */
const char *errno_text(int err)
{
	unsigned int i;

	if (err < 0)
		err = -err;
	for (i = 0; i < ARRAY_SIZE(errno_texts); i++)
		if (errno_texts[i].err == err)
			return errno_texts[i].text;
	return "Unknown error";
}

void console_write(const char *buf, size_t len)
{
	host_ops.write(HOST_STDOUT, buf, len);
}

/* Output of any length: a long line is formatted again into a kmalloc'd buffer. */
void console_printf(const char *fmt, ...)
{
	char buf[256], *out = buf;
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (len >= (int)sizeof(buf)) {
		out = kmalloc(len + 1, GFP_KERNEL | __GFP_NOWARN);
		if (!out) {
			console_write(buf, sizeof(buf) - 1);
			console_err("\numm: output cut at %zu of %d bytes: no memory\n",
				    sizeof(buf) - 1, len);
			return;
		}
		va_start(args, fmt);
		vsnprintf(out, len + 1, fmt, args);
		va_end(args);
	}
	console_write(out, len);
	if (out != buf)
		kfree(out);
}

/* Text that needs no formatting, of any length (the help). */
void console_puts(const char *s)
{
	console_write(s, strlen(s));
}

static const char *current_cmd = "umm";

/**
 * console_cmd_err - report why the running command failed
 * @err: the error to return (negative errno)
 * @fmt: the reason, without a newline
 *
 * Prints "umm: CMD: reason" on stderr.
 *
 * Return: @err.
 */
int console_cmd_err(int err, const char *fmt, ...)
{
	char buf[512];
	va_list args;
	int len;

	va_start(args, fmt);
	len = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	/* Still one line: a reason that does not fit says it was cut. */
	if (len >= (int)sizeof(buf))
		memcpy(buf + sizeof(buf) - 4, "...", 4);
	console_err("umm: %s: %s\n", current_cmd, buf);
	return err;
}

bool console_stdout_is_tty(void)
{
	return host_ops.isatty(HOST_STDOUT);
}

/**
 * console_walk_cmds - visit every command, in the order of the help
 * @fn: called for each
 * @data: passed to @fn
 */
void console_walk_cmds(void (*fn)(const struct console_cmd *c, void *data), void *data)
{
	unsigned int t;
	const struct console_cmd *c;

	for (t = 0; t < ARRAY_SIZE(cmd_tables); t++)
		for (c = cmd_tables[t]; c->name; c++)
			fn(c, data);
}

static const struct console_cmd *find_cmd(const char *name)
{
	unsigned int t;
	const struct console_cmd *c;

	for (t = 0; t < ARRAY_SIZE(cmd_tables); t++)
		for (c = cmd_tables[t]; c->name; c++)
			if (!strcmp(c->name, name))
				return c;
	return NULL;
}

/*
 * Split @line into words, copied into @out (at least twice @line's size:
 * a '>' can become a word of its own).  Single and double quotes group
 * words; '>' outside quotes is a word by itself, so "echo 1>/proc/x"
 * works (">=", an operator of expect, stays one word).  Returns the number of words, or -E2BIG / -EINVAL (unbalanced
 * quote).
 */
static int split_words(const char *line, char *out, char **argv, int max)
{
	const char *src = line;
	int argc = 0;

	for (;;) {
		char quote = 0;

		while (isspace(*src))
			src++;
		if (!*src)
			break;
		if (argc == max)
			return -E2BIG;
		argv[argc++] = out;
		if (*src == '>' && src[1] != '=') {
			*out++ = *src++;
			if (*src == '>')	/* ">>", append */
				*out++ = *src++;
			*out++ = '\0';
			continue;
		}
		while (*src && (quote || (!isspace(*src) &&
					  (*src != '>' || src[1] == '=')))) {
			if (quote && *src == quote)
				quote = 0;
			else if (!quote && (*src == '\'' || *src == '"'))
				quote = *src;
			else
				*out++ = *src;
			src++;
		}
		if (quote)
			return -EINVAL;
		*out++ = '\0';
	}
	return argc;
}

/*
 * The first word of @line as typed (quotes and all, at most 40 bytes):
 * what an error names when the line cannot be split into words.
 */
static const char *first_word(const char *line, char *out, size_t size)
{
	size_t n = 0;

	line = skip_spaces(line);
	while (line[n] && !isspace(line[n]) && line[n] != '>' && n < size - 1)
		n++;
	memcpy(out, line, n);
	out[n] = '\0';
	return out;
}

/* Why a command line cannot be run, naming its command: "umm: CMD: why". */
static int line_err(const char *line, int err, const char *why)
{
	char name[41];

	console_err("umm: %s: %s\n", first_word(line, name, sizeof(name)), why);
	return err;
}

/* Run one command line (no ';').  Returns 0 or -errno. */
static int run_command(const char *line, char *words)
{
	char *argv[CONSOLE_MAX_ARGS];
	const struct console_cmd *cmd;
	int argc;

	argc = split_words(line, words, argv, CONSOLE_MAX_ARGS);
	if (argc == -E2BIG)
		return line_err(line, argc, "too many words (at most "
				__stringify(CONSOLE_MAX_ARGS) ")");
	if (argc < 0)
		return line_err(line, argc, "unbalanced quote");
	if (argc == 0 || argv[0][0] == '#')
		return 0;
	cmd = find_cmd(argv[0]);
	if (!cmd) {
		/* An empty word ('') is a name too: show it quoted. */
		console_err("umm: %s: command not found (try 'help')\n",
			    argv[0][0] ? argv[0] : "''");
		return -ENOENT;
	}
	current_cmd = cmd->name;
	return cmd->fn(argc, argv);
}

/* A command or line longer than the console takes is refused whole, never cut. */
static int too_long(const char *line, const char *what)
{
	char why[48];

	snprintf(why, sizeof(why), "%s longer than %d bytes", what,
		 CONSOLE_LINE_MAX);
	return line_err(line, -E2BIG, why);
}

/*
 * Split @text into commands at newlines and at ';' outside quotes; a '#'
 * at the start of a word begins a comment to the end of the line.
 * Returns 0, or the first error when @stop_on_error.
 */
int console_run_text(const char *text, const char *name, bool stop_on_error)
{
	char *buf = kmalloc(CONSOLE_LINE_MAX + 1, GFP_KERNEL);
	char *words = kmalloc(2 * (CONSOLE_LINE_MAX + 1), GFP_KERNEL);
	int ret = 0;

	if (!buf || !words) {
		kfree(buf);
		kfree(words);
		return -ENOMEM;
	}
	while (*text) {
		size_t n = 0;
		char quote = 0, prev = ' ';
		bool comment = false, cut = false;
		int err;

		while (*text && (quote || comment || (*text != ';')) &&
		       *text != '\n') {
			char c = *text++;

			/* As typed: what is kept of a cut command may end earlier. */
			if (!comment && !quote && c == '#' && isspace(prev))
				comment = true;
			else if (!comment && quote && c == quote)
				quote = 0;
			else if (!comment && !quote && (c == '\'' || c == '"'))
				quote = c;
			if (comment)
				continue;
			prev = c;
			if (n < CONSOLE_LINE_MAX)
				buf[n++] = c;
			else
				cut = true;
		}
		if (*text)
			text++;
		buf[n] = '\0';
		err = cut ? too_long(buf, "command") : run_command(buf, words);
		/*
		 * A command boundary is a safe point: in deterministic mode
		 * the work that kernel threads would have done meanwhile
		 * runs here.
		 */
		umm_kthreads_run_pending();
		if (err) {
			ret = ret ? : err;
			if (stop_on_error)
				break;
		}
		/*
		 * Ctrl-C at the shell's terminal (init/console_shell.c) ends
		 * the line, as a shell's SIGINT does; a command that noticed
		 * it has said so already.
		 */
		if (signal_pending(current)) {
			if (!err && *text)
				console_err("umm: interrupted: the rest of the line is not run\n");
			ret = ret ? : -EINTR;
			break;
		}
	}
	kfree(buf);
	kfree(words);
	return ret;
}

/* Read a whole host file (a script) into a kmalloc'd string. */
static char *read_host_file(const char *path)
{
	size_t size = 0, cap = 4096;
	char *buf = kmalloc(cap, GFP_KERNEL);
	int fd = host_ops.open(path, HOST_O_RDONLY);
	long n;

	if (fd < 0 || !buf) {
		kfree(buf);
		if (fd >= 0)
			host_ops.close(fd);
		console_err("umm: run: %s: %s\n", path, errno_text(fd < 0 ? fd : -ENOMEM));
		return NULL;
	}
	while ((n = host_ops.read(fd, buf + size, cap - size - 1)) > 0) {
		size += n;
		if (size + 1 == cap) {
			char *bigger = krealloc(buf, cap * 2, GFP_KERNEL);

			if (!bigger) {
				n = -ENOMEM;
				break;
			}
			buf = bigger;
			cap *= 2;
		}
	}
	host_ops.close(fd);
	if (n < 0) {
		console_err("umm: run: %s: %s\n", path, errno_text(n));
		kfree(buf);
		return NULL;
	}
	buf[size] = '\0';
	return buf;
}

/**
 * console_shell_line - run one line typed at the shell
 * @line: the line, without its newline
 * @cut: it was longer than CONSOLE_LINE_MAX: refuse it
 *
 * Errors are reported and the shell goes on.
 *
 * Return: false if the line was "exit".
 */
bool console_shell_line(const char *line, bool cut)
{
	if (cut) {
		too_long(line, "line");
		return true;
	}
	if (!strcmp(skip_spaces(line), "exit"))
		return false;
	console_run_text(line, "<stdin>", false);
	return true;
}

/* The shell on plain input: a pipe, a file, or a terminal without editing. */
static int run_shell(void)
{
	char *line = kmalloc(CONSOLE_LINE_MAX + 1, GFP_KERNEL);
	bool tty = host_ops.isatty(HOST_STDIN);
	bool cut = false;
	size_t n = 0;
	char c;

	if (!line)
		return 1;
	for (;;) {
		long r;

		if (tty && n == 0)
			host_ops.write(HOST_STDOUT, CONSOLE_PROMPT, strlen(CONSOLE_PROMPT));
		/* A keystroke may be long in coming: the CPU is not ours meanwhile. */
		sched_host_block();
		r = host_ops.read(HOST_STDIN, &c, 1);
		sched_host_unblock();
		if (r <= 0)
			break;
		if (c != '\n') {
			if (n < CONSOLE_LINE_MAX)
				line[n++] = c;
			else
				cut = true;
			continue;
		}
		line[n] = '\0';
		n = 0;
		if (!console_shell_line(line, cut))
			break;
		cut = false;
	}
	if (n) {
		line[n] = '\0';
		console_shell_line(line, cut);
	}
	kfree(line);
	return 0;
}

static int list_scenarios(void)
{
	const struct scenario *s;

	for (s = umm_scenarios; s->name; s++) {
		/* The description is the script's first comment line. */
		const char *d = s->text;
		int len;

		while (*d == '#' || *d == ' ')
			d++;
		len = strchr(d, '\n') ? strchr(d, '\n') - d : (int)strlen(d);
		console_printf("%-16s %.*s\n", s->name, len, d);
	}
	return 0;
}

/**
 * console_main - run what the command line asked for
 * @args: parsed by console_parse_args()
 *
 * Return: the exit status: 0, or 1 when a command failed.
 */
int console_main(struct console_args *args)
{
	const struct scenario *s;
	char *text;
	int err = 0;

	switch (args->mode) {
	case CONSOLE_COMMANDS:
		err = console_run_text(args->arg, "-c", true);
		break;
	case CONSOLE_SCRIPT:
		text = read_host_file(args->arg);
		if (!text)
			return 1;
		err = console_run_text(text, args->arg, true);
		kfree(text);
		break;
	case CONSOLE_SHELL:
		/* A terminal gets line editing; anything else, plain lines. */
		err = console_shell_tty();
		if (err < 0)
			err = run_shell();
		workload_reap_exited();
		return err;
	case CONSOLE_SCENARIO:
		/* An embedded scenario, or a scenario file. */
		s = find_scenario(args->arg);
		text = s ? NULL : read_host_file(args->arg);
		if (!s && !text)
			return 1;
		err = console_run_text(s ? s->text : text, args->arg, true);
		kfree(text);
		/* A run that stopped on an error has no end: see asm/kernel_entry.h. */
		if (!err)
			console_record_end();
		break;
	case CONSOLE_SCENARIOS:
		return list_scenarios();
	case CONSOLE_HELP:
		console_usage();
		break;
	}
	workload_reap_exited();
	return err ? 1 : 0;
}

static bool is_param(const char *arg)
{
	return arg[0] != '-' && strchr(arg, '=');
}

/* The words that choose a mode; anything else is a boot parameter. */
static int parse_mode(int argc, char **argv, int *i, struct console_args *args)
{
	const char *a = argv[*i];

	if (!strcmp(a, "--help") || !strcmp(a, "-h") || !strcmp(a, "help")) {
		args->mode = CONSOLE_HELP;
		return 0;
	}
	if (!strcmp(a, "shell")) {
		args->mode = CONSOLE_SHELL;
		return 0;
	}
	if (!strcmp(a, "scenarios")) {
		args->mode = CONSOLE_SCENARIOS;
		return 0;
	}
	if (!strcmp(a, "-c") || !strcmp(a, "run") || !strcmp(a, "scenario")) {
		if (*i + 1 >= argc) {
			console_err("umm: %s: missing argument\n", a);
			return 2;
		}
		args->arg = argv[++*i];
		args->mode = a[0] == '-' ? CONSOLE_COMMANDS :
			     a[0] == 'r' ? CONSOLE_SCRIPT : CONSOLE_SCENARIO;
		if (args->mode == CONSOLE_SCENARIO && !find_scenario(args->arg) &&
		    !scenario_is_file(args->arg)) {
			console_err("umm: scenario: unknown scenario '%s' (see 'umm scenarios')\n",
				    args->arg);
			return 2;
		}
		return 0;
	}
	console_err("umm: unknown argument '%s' (see 'umm --help')\n", a);
	return 2;
}

/**
 * console_parse_args - split the command line into boot parameters and a mode
 * @argc: arguments after the program name
 * @argv: the arguments
 * @args: filled in
 *
 * Return: 0, or an exit status (2) after printing the problem.
 */
int console_parse_args(int argc, char **argv, struct console_args *args)
{
	bool have_mode = false;
	int i, err;

	memset(args, 0, sizeof(*args));
	args->mode = CONSOLE_SCENARIO;
	args->arg = "demo";
	for (i = 0; i < argc; i++) {
		if (is_param(argv[i])) {
			if (args->nr_params == CONSOLE_MAX_PARAMS) {
				console_err("umm: too many boot parameters\n");
				return 2;
			}
			args->params[args->nr_params++] = argv[i];
			continue;
		}
		if (have_mode) {
			console_err("umm: unexpected argument '%s' (see 'umm --help')\n",
				    argv[i]);
			return 2;
		}
		err = parse_mode(argc, argv, &i, args);
		if (err)
			return err;
		have_mode = true;
	}
	return 0;
}

static void print_cmd_help(const struct console_cmd *c)
{
	console_printf("  %-44s %s\n", c->usage, c->help);
}

/**
 * console_usage - print --help
 */
void console_usage(void)
{
	const struct console_cmd *c;
	unsigned int t;

	console_puts(
"usage: umm [param=value ...] [-c 'CMD; CMD' | run FILE | shell |\n"
"                              scenarios | --help]\n"
"       umm [param=value ...] scenario NAME|FILE.umm [--ab] [--kernel]\n"
"                              [--seed N] [--report DIR] [--trace FILE]\n"
"                              [--set vm.NAME=VALUE]\n"
"       umm [param=value ...] sweep NAME|FILE.umm --seeds A-B [--set ...]\n"
"                              [--vary vm.NAME=V1,V2,...] [--jobs N] [--dir DIR]\n"
"       umm sweep --merge DIR... [--dir OUT]\n"
"       umm report [--report OUT] DIR | RECORD [RECORD [RECORD]]\n"
"       umm compare [param=value ...] [--no-cache] [--show-output]\n"
"                   [--kernel-image PATH] [--initrd PATH] [--accel auto|kvm|tcg]\n"
"                   [--boot-timeout S] [--timeout S] -c 'CMDS' | run FILE\n"
"\n"
"umm runs the Linux mm slice of non-LRU movable page migration as one\n"
"process.  With no arguments at all it runs 'scenario zram-frag --ab':\n"
"the scenario twice, the series on then off, a table of both, and a\n"
"report in ./umm-report/ (--report DIR elsewhere).  Parameters alone,\n"
"without a mode, run the demo scenario.\n"
"\n"
"A report keeps each run's record (DIR/record-RUN.txt).  'umm report DIR'\n"
"prints the table and writes the report again from them, in DIR or OUT,\n"
"without running anything; given RECORD files, it puts those runs side by\n"
"side (in the order given) in OUT (./umm-report/ by default).\n"
"\n"
"'umm sweep' runs a scenario for each seed, series on and off (and each\n"
"value of --vary), N runs at a time, each saving its record under DIR\n"
"(./umm-sweep/NAME/ by default); it prints each row's mean, min, max and\n"
"standard deviation, compares the configurations as mmtests does, and\n"
"writes sweep.csv, sweep.json and sweep.html there.  --merge does the\n"
"same from records made elsewhere (Documentation/umm/sweeps.rst).\n"
"\n"
"'umm compare' runs the commands in umm and in Debian's own Linux under\n"
"QEMU (same mem=), and prints a table of both: counters, free memory,\n"
"zram, pages migrated by kind.  The Linux result is cached (under\n"
"$XDG_CACHE_HOME/umm/compare/); --no-cache runs it again.  'scenario\n"
"... --kernel' runs a scenario there too, a column more in its table and\n"
"report; the guest gets the memory that matches umm's pressure.\n"
"\n"
"'scenario ... --trace FILE' turns every mm trace event on and saves the\n"
"run's trace (ftrace's text) to FILE; with --ab to FILE.on and FILE.off.\n"
"\n"
"Boot parameters (the kernel's names):\n"
"  mem=SIZE              RAM, 64M..64G (default 512M)\n"
"  movablecore=SIZE      size of ZONE_MOVABLE, at most half of mem=\n"
"  cma=SIZE              a CMA area at the top of ZONE_NORMAL (debugfs cma/)\n"
"  nr_cpus=N             CPUs the tasks run on, 1..128 (default 64)\n"
"  page_poison=on|off    fill freed pages, check them when reused\n"
"  loglevel=N, quiet     console log level (messages go to stderr)\n"
"  sysctl.vm.NAME=VALUE  write VALUE to /proc/sys/vm/NAME once booted\n"
"                        (scenario --set vm.NAME=VALUE gives it)\n"
"  umm.seed=N            seed of every pseudo-random choice\n"
"  umm.deterministic=1   kernel threads work synchronously when woken\n"
"  umm.record=1          print a scenario's record lines (for the runner)\n"
"  umm.record_trace=1    and the trace at its end (for --trace)\n"
"  trace_event=LIST      enable trace events at boot (compaction,migrate)\n"
"  trace_buf_size=SIZE   the trace buffer (default 1408K)\n"
"  zsmalloc.movable=0    zsmalloc pages not movable (as before 4.8)\n"
"  movable_sample.movable=0  the sample driver's pages likewise\n"
"  zram.num_devices=N    zram devices (default 1)\n"
"  virtio_balloon_dev.enable=1  plug a virtio-balloon device; its features:\n"
"                        .deflate_on_oom=1, .stats=0, .must_tell_host=0\n"
"  virtio_balloon.movable=0  balloon pages not movable (as before 4.8)\n"
"  virtio_balloon.oom_pages=N  pages the balloon gives back per OOM (256)\n"
"\n"
"Commands:\n");
	for (t = 0; t < ARRAY_SIZE(cmd_tables); t++)
		for (c = cmd_tables[t]; c->name; c++)
			print_cmd_help(c);
	console_puts(
"\n"
"Commands are separated by newlines or ';'.  '#' starts a comment.  A\n"
"script stops at the first failing command with exit status 1.\n");
}
