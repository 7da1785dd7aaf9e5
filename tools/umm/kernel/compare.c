// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/compare.c - ./umm compare: one script, umm and Linux
 *
 *	umm compare [param=value ...] [--kernel-image PATH] [--initrd PATH]
 *		    [--accel auto|kvm|tcg] [--boot-timeout S] [--timeout S]
 *		    [--no-cache] [--show-output] (-c 'CMDS' | run FILE)
 *
 * The script runs in umm (a child process, umm_side.c) and in Debian's
 * Linux under QEMU (linux_boot.c, linux.c), and one table shows both
 * (ktable.c).  Everything the Linux side needs is checked before umm
 * runs, so that a missing piece costs one line and no time.  The
 * environment gives defaults: UMM_KERNEL_IMAGE, UMM_INITRD, UMM_QEMU
 * (QEMU's binary), UMM_MKINITRAMFS (what makes the guest's images),
 * UMM_ACCEL.  Exit status: 0, 1 when a command failed on a side, 2 when
 * a side could not run, 130 when interrupted.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compare.h"
#include "../commands.h"


static sig_atomic_t compare_stop;

static void on_signal(int sig)
{
	compare_stop = 1;
}

/**
 * compare_progress - one line of progress on a terminal's stderr
 * @o: the options (is stderr a terminal?)
 * @fmt: the line
 */
void compare_progress(const struct compare_opts *o, const char *fmt, ...)
{
	va_list ap;

	if (!o->tty)
		return;
	fputs("\r\033[K", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fflush(stderr);
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("umm: compare: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs(" (see 'umm --help')\n", stderr);
	return 2;
}

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

/*
 * mkinitramfs.sh of the tree ./umm was built in: beside the binary, or
 * above it for a sanitizer build (build/asan/umm).
 */
static const char *default_mkinitramfs(void)
{
	static const char script[] = "tools/umm/guest/mkinitramfs.sh";
	static char path[PATH_MAX + 64];
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;
	int up;

	if (n <= 0)
		return script;
	exe[n] = '\0';
	for (up = 0; up < 4 && (slash = strrchr(exe, '/')); up++) {
		*slash = '\0';
		snprintf(path, sizeof(path), "%s/%s", exe, script);
		if (!access(path, X_OK | R_OK))
			return path;
	}
	return script;
}

static int parse_seconds(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v <= 0 || v > 86400)
		return -EINVAL;
	*out = v;
	return 0;
}

/* An option that takes a value: *@i steps over it.  0 or an exit status. */
static int value_opt(struct compare_opts *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *v;

	if (++*i == argc)
		return usage_error("%s: missing value", a);
	v = argv[*i];
	if (!strcmp(a, "--kernel-image"))
		o->kernel = v;
	else if (!strcmp(a, "--initrd"))
		o->initrd = v;
	else if (!strcmp(a, "--accel") && (!strcmp(v, "auto") ||
		 !strcmp(v, "kvm") || !strcmp(v, "tcg")))
		o->accel = v;
	else if (!strcmp(a, "--boot-timeout") && !parse_seconds(v, &o->boot_timeout_s))
		;
	else if (!strcmp(a, "--timeout") && !parse_seconds(v, &o->cmd_timeout_s))
		;
	else if (!strcmp(a, "-c"))
		o->script = v;
	else if (!strcmp(a, "run"))
		o->script_name = v;
	else
		return usage_error("bad value '%s'", v);
	return 0;
}

static int parse_arg(struct compare_opts *o, int argc, char **argv, int *i)
{
	static const char * const with_value[] = {
		"--kernel-image", "--initrd", "--accel", "--boot-timeout",
		"--timeout", "-c", "run",
	};
	const char *a = argv[*i];
	unsigned int k;

	for (k = 0; k < COMPARE_ARRAY_SIZE(with_value); k++)
		if (!strcmp(a, with_value[k]))
			return value_opt(o, argc, argv, i);
	if (!strcmp(a, "--no-cache")) {
		o->no_cache = true;
	} else if (!strcmp(a, "--show-output")) {
		o->show_output = true;
	} else if (a[0] != '-' && strchr(a, '=')) {
		if (o->params.nr == COMPARE_MAX_PARAMS)
			return usage_error("%stoo many parameters", "");
		o->params.param[o->params.nr++] = argv[*i];
	} else {
		return usage_error("unknown argument '%s'", a);
	}
	return 0;
}

/**
 * compare_default_opts - the options before the command line's
 * @o: the options
 * @params: room for COMPARE_MAX_PARAMS parameters
 */
void compare_default_opts(struct compare_opts *o, char **params)
{
	memset(o, 0, sizeof(*o));
	o->params.param = params;
	o->kernel = env_or("UMM_KERNEL_IMAGE", NULL);
	o->initrd = env_or("UMM_INITRD", NULL);
	o->qemu = env_or("UMM_QEMU", "qemu-system-x86_64");
	o->mkinitramfs = env_or("UMM_MKINITRAMFS", NULL);
	o->accel = env_or("UMM_ACCEL", "auto");
	o->boot_timeout_s = 180;
	o->cmd_timeout_s = 600;
	o->tty = isatty(2);
	o->stop = &compare_stop;
}

/* @def, unless a parameter of the same name was given. */
static void add_default(struct compare_params *p, const char *def)
{
	size_t len = strcspn(def, "=") + 1;
	int i;

	for (i = 0; i < p->nr; i++)
		if (!strncmp(p->param[i], def, len))
			return;
	if (p->nr < COMPARE_MAX_PARAMS)
		p->param[p->nr++] = (char *)def;
}

/*
 * Both sides fill pages from the same seed, and the cache needs a fixed
 * one: umm.seed=1 unless the user gave one.  The guest has QEMU's
 * balloon device: umm gets its own.
 */
static void add_defaults(struct compare_params *p)
{
	add_default(p, "umm.seed=1");
	add_default(p, "virtio_balloon_dev.enable=1");
}

/**
 * compare_finish_opts - the defaults that depend on what was given
 * @o: the options, the command line's in them
 *
 * Return: 0, or 2 after saying which parameter Linux cannot be given.
 */
int compare_finish_opts(struct compare_opts *o)
{
	add_defaults(&o->params);
	if (!o->mkinitramfs)
		o->mkinitramfs = default_mkinitramfs();
	return compare_translate_params(&o->params) ? 2 : 0;
}

/* The command line; "compare" is one of its words.  0 or an exit status. */
static int parse(struct compare_opts *o, int argc, char **argv)
{
	int i, err;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "compare"))
			continue;
		err = parse_arg(o, argc, argv, &i);
		if (err)
			return err;
	}
	if (!o->script && !o->script_name)
		return usage_error("%smissing -c 'CMDS' or run FILE", "");
	return compare_finish_opts(o);
}

/**
 * compare_wanted - is this command line ./umm compare's?
 * @argc: arguments after the program name
 * @argv: the arguments
 *
 * Return: true when the first word that is not a parameter is "compare".
 */
int compare_wanted(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++)
		if (argv[i][0] == '-' || !strchr(argv[i], '='))
			return !strcmp(argv[i], "compare");
	return 0;
}

/* run FILE: the file's text, or NULL after saying why. */
static char *read_script(const char *path)
{
	char *text = NULL;
	size_t cap = 0;
	FILE *f = fopen(path, "r");
	ssize_t n;

	if (!f) {
		fprintf(stderr, "umm: compare: run: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	n = getdelim(&text, &cap, '\0', f);
	fclose(f);
	if (n < 0) {
		free(text);
		text = strdup("");
	}
	return text;
}

/**
 * compare_catch_signals - Ctrl-C and SIGTERM end the Linux side cleanly
 *
 * The handler sets the flag struct compare_opts's stop points at; QEMU is
 * stopped and its directory removed on the way out.
 */
void compare_catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	/* No SA_RESTART: a wait in poll() or read() ends at once. */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

static void print_output(const struct compare_side *sides, int nr)
{
	int i;

	for (i = 0; i < nr; i++) {
		printf("==== %s%s: what the script printed\n", sides[i].label,
		       sides[i].cached ? " (cached)" : "");
		if (sides[i].transcript)
			fwrite(sides[i].transcript, 1, sides[i].transcript_len,
			       stdout);
	}
	printf("\n");
}

/* The table and what to read it with; the exit status. */
static int report(const struct compare_opts *o, struct compare_side *sides)
{
	int status = sides[0].status > sides[1].status ? sides[0].status :
		     sides[1].status;

	compare_progress(o, "%s", "");
	if (o->show_output)
		print_output(sides, 2);
	compare_print_table(stdout, sides, 2);
	printf("\nBoth sides had mem=%luM; the guest's own kernel and initramfs hold memory\n"
	       "that umm does not: compare MemAvailable, not mem=.\n",
	       o->params.mem_mib);
	return status;
}

/* A bad parameter: then Linux is not worth a minute. */
static bool umm_did_not_boot(const struct compare_side *s)
{
	return s->status == 2 && !s->file[0][CF_VMSTAT];
}

/* Both sides, Linux made ready first.  The exit status. */
static int run_both(struct compare_opts *o, const struct compare_script *s)
{
	struct compare_side sides[2];
	struct linux_prep prep;
	int err, status;

	compare_side_init(&sides[1], "Linux", true);
	err = compare_prepare_linux(o, s, &prep, &sides[1]);
	if (err < 0)
		return 2;
	compare_run_umm(o, s, &sides[0]);
	if (umm_did_not_boot(&sides[0])) {
		/* umm's own line says why: "umm: bad boot parameter ..." */
		fprintf(stderr, "%s\n", sides[0].error);
		err = -EINVAL;
	} else if (!compare_stop && err != 1)
		err = compare_run_linux(o, &prep, s, &sides[1]);
	else
		err = 0;
	status = err || compare_stop ? 2 : report(o, sides);
	compare_side_free(&sides[0]);
	compare_side_free(&sides[1]);
	if (compare_stop) {
		compare_progress(o, "%s", "");
		fprintf(stderr, "umm: compare: interrupted\n");
		return 130;
	}
	return status;
}

/**
 * compare_main - ./umm compare
 * @argc: arguments after the program name
 * @argv: the arguments
 *
 * Return: the exit status.
 */
int compare_main(int argc, char **argv)
{
	char *params[COMPARE_MAX_PARAMS], *text = NULL;
	struct compare_script s;
	struct compare_opts o;
	int status;

	compare_default_opts(&o, params);
	status = parse(&o, argc, argv);
	if (status)
		return status;
	if (o.script_name) {
		text = read_script(o.script_name);
		if (!text)
			return 2;
		o.script = text;
	}
	if (compare_split_script(o.script, &s)) {
		free(text);
		return 2;
	}
	compare_catch_signals();
	status = run_both(&o, &s);
	compare_free_script(&s);
	free(text);
	return status;
}
