// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/linux.c - the script, run in Linux under QEMU
 *
 * The guest boots (qemu.c); once its agent says "@@ READY" the host reads
 * the files of the comparison (cat, through the agent), runs the script a
 * command at a time (the agent's, or the host's own: the balloon through
 * QMP, phase, snapshot), reads the files again, and asks the agent to
 * end.  On the way it keeps the record lines a scenario's table needs
 * (krecord.c): the probes' results from the output, and the free lists
 * at each phase and snapshot, as umm records them.  The first command that fails ends the script, as in umm; the
 * files are read after it all the same.  A guest that does not boot or
 * hangs is an error of its own (status 2, one line); QEMU is stopped and
 * its directory removed on every way out, the caller's Ctrl-C included.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "linux.h"

/* What the Linux side reads, in enum compare_file's order. */
static const char * const linux_files[NR_COMPARE_FILES] = {
	[CF_VMSTAT]	= "/proc/vmstat",
	[CF_BUDDYINFO]	= "/proc/buddyinfo",
	[CF_MM_STAT]	= "/sys/block/zram0/mm_stat",
	[CF_MEMINFO]	= "/proc/meminfo",
	[CF_MIGRATED]	= "/sys/kernel/tracing/kprobe_profile",
};

/* An agent command's output: into a buffer, or the transcript. */
struct collect {
	struct compare_side *side;
	double t0;		/* when the script started */
	char *text;		/* a file's text, when reading one */
	size_t len;
	bool to_text;
	char error[COMPARE_ERR_LEN];	/* its last "umm: " line */
};

static void collect_line(void *arg, const char *line)
{
	struct collect *c = arg;
	size_t n = strlen(line);
	char *t;

	if (!strncmp(line, "umm: ", 5))
		snprintf(c->error, sizeof(c->error), "%s", line);
	if (!c->to_text) {
		compare_side_append(c->side, line, n);
		compare_side_append(c->side, "\n", 1);
		krecord_output(c->side, line, compare_now() - c->t0);
		return;
	}
	t = realloc(c->text, c->len + n + 2);
	if (!t)
		return;
	memcpy(t + c->len, line, n);
	t[c->len + n] = '\n';
	c->len += n + 1;
	t[c->len] = '\0';
	c->text = t;
}

/* Say why the guest stopped answering @what; returns -errno as given. */
static int guest_err(struct linux_run *r, int err, const char *what)
{
	if (err == -EINTR)
		return err;
	if (err == -ETIMEDOUT)
		fprintf(stderr, "umm: compare: Linux: '%s' did not finish within %d s: the guest hangs\n",
			what, r->o->cmd_timeout_s);
	else
		fprintf(stderr, "umm: compare: Linux: the guest stopped answering during '%s': %s\n",
			what, strerror(-err));
	return err;
}

/* The files of the comparison, before (0) or after (1) the script. */
static int read_files(struct linux_run *r, int after)
{
	char cmd[128];
	int i, st;

	for (i = 0; i < NR_COMPARE_FILES; i++) {
		struct collect c = { .side = r->side, .to_text = true };

		snprintf(cmd, sizeof(cmd), "cat %s", linux_files[i]);
		st = agent_command(&r->data, cmd, r->o->cmd_timeout_s * 1000,
				   collect_line, &c);
		if (st == 0 && c.text)
			compare_side_set_file(r->side, after, i, c.text, c.len);
		free(c.text);
		if (st < 0)
			return guest_err(r, st, cmd);
	}
	return 0;
}

/* One command for the agent; 0, 1 (it failed) or -errno. */
static int agent_cmd(struct linux_run *r, const char *cmd)
{
	struct collect c = { .side = r->side, .t0 = r->t0 };
	int st = agent_command(&r->data, cmd, r->o->cmd_timeout_s * 1000,
			       collect_line, &c);

	if (st < 0)
		return guest_err(r, st, cmd);
	if (st)
		compare_side_fail(r->side, cmd, c.error[0] ? c.error :
				  "(the agent gave no error line)");
	return st;
}

/* balloon and info: through QMP, their output in the transcript. */
static int qmp_cmd(struct linux_run *r, const char *cmd, enum compare_where w)
{
	char words[1024], *argv[8], err[COMPARE_ERR_LEN] = "", *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int argc = compare_cmd_words(cmd, argv, 8, words, sizeof(words));
	int ret;

	if (!out)
		return -ENOMEM;
	if (argc <= 0) {
		snprintf(err, sizeof(err), "umm: %.40s: unbalanced quote", cmd);
		ret = -EINVAL;
	} else if (w == COMPARE_HOST_BALLOON) {
		ret = qmp_cmd_balloon(&r->balloon, argc, argv, out, err, sizeof(err));
	} else {
		ret = qmp_cmd_info(&r->balloon, argc, argv, out, err, sizeof(err));
	}
	fclose(out);
	compare_side_append(r->side, text, len);
	free(text);
	if (ret == -EINTR)
		return ret;
	if (ret)
		compare_side_fail(r->side, cmd, err);
	return ret ? 1 : 0;
}

/*
 * The free lists at a phase or snapshot named @label, into the record;
 * 0 or -errno (the guest is lost).
 */
static int record_buddy(struct linux_run *r, const char *label)
{
	struct collect c = { .side = r->side, .to_text = true };
	int st = agent_command(&r->data, "cat /proc/buddyinfo",
			       r->o->cmd_timeout_s * 1000, collect_line, &c);

	if (st == 0)
		krecord_buddy(r->side, label, c.text, compare_now() - r->t0);
	free(c.text);
	return st < 0 ? guest_err(r, st, "cat /proc/buddyinfo") : 0;
}

/* One command of the script, by whoever runs it; 0, 1 or -errno. */
static int run_cmd(struct linux_run *r, const char *cmd)
{
	enum compare_where w = compare_where(cmd);
	char name[COMPARE_PHASE_LEN];

	switch (w) {
	case COMPARE_HOST_BALLOON:
	case COMPARE_HOST_INFO:
		return qmp_cmd(r, cmd, w);
	case COMPARE_HOST_PHASE:
	case COMPARE_HOST_SNAPSHOT:
		/* The console took the name already: one word. */
		if (sscanf(cmd, "%*s %31s", name) != 1)
			return 0;
		if (w == COMPARE_HOST_SNAPSHOT) {
			compare_side_note(r->side, "'%s': n/a, a map only umm draws",
					  cmd);
			return record_buddy(r, name);
		}
		compare_side_phase(r->side, cmd, compare_now() - r->t0);
		krecord_add(r->side, compare_now() - r->t0, "phase %s", name);
		compare_side_append(r->side, "== ", 3);
		compare_side_append(r->side, name, strlen(name));
		compare_side_append(r->side, "\n", 1);
		return record_buddy(r, name);
	default:
		return agent_cmd(r, cmd);
	}
}

/* The script, until a command fails; 0 or -errno (the guest is lost). */
static int run_script(struct linux_run *r, const struct compare_script *s)
{
	int i, st = 0;

	r->t0 = compare_now();
	for (i = 0; i < s->nr && st == 0; i++) {
		compare_progress(r->o, "%s: %d/%d %.60s", r->side->label, i + 1,
				 s->nr, s->cmd[i]);
		st = run_cmd(r, s->cmd[i]);
		if (r->o->stop && *r->o->stop)
			st = -EINTR;
	}
	r->side->script_time = compare_now() - r->t0;
	return st < 0 ? st : 0;
}

/**
 * linux_session - the files, the script, the files, in a booted guest
 * @r: the run, its guest READY
 * @s: the script
 *
 * Return: 0 (a failed command is in the side's status), or -errno when
 * the guest was lost (said on stderr).
 */
int linux_session(struct linux_run *r, const struct compare_script *s)
{
	int err = read_files(r, 0);

	if (!err)
		err = run_script(r, s);
	if (!err)
		err = read_files(r, 1);
	return err;
}
