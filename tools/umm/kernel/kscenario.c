// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/kscenario.c - a scenario's column for Linux
 *
 *	umm scenario NAME|FILE.umm --kernel [--ab] ...
 *
 * The scenario's script runs in Debian's kernel under QEMU as `umm
 * compare` runs any script (linux_boot.c, linux.c; the same cache), with
 * the scenario's boot parameters and the umm runs' seed, so that both
 * fill the same pages with the same data.  What the guest printed and
 * read becomes a struct scenario_run (krecord.c): one more column of the
 * scenario's table and report.  As `umm compare` does, everything the
 * Linux side needs is checked before umm runs (compare_scenario_prepare()),
 * so that a missing piece costs one line and no time.
 *
 * Pressure is matched, not mem=: the guest's own kernel, initramfs and
 * page cache hold 60-90 MiB that umm does not, so a scenario sized to
 * fill umm's memory would make the guest's OOM killer end its tasks.
 * Before the first run with given parameters, umm and the guest boot
 * with the scenario's mem= and nothing else (the guest's boot is cached
 * like any run); the guest then gets what it lacked, rounded up to a
 * MiB, so that both start with the same MemAvailable.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "../report.h"

struct kscenario {
	const char *name;
	struct compare_opts o;
	char *params[COMPARE_MAX_PARAMS];
	char seed[48];
	struct compare_script s;
	struct linux_prep prep;
	struct compare_side side;
	bool cached;		/* the side is the cache's already */
	char mem[48];		/* "mem=NM": the guest's, pressure matched */
};

/* The parameters of the run: the scenario's, the seed, the user's. */
static int add_params(struct kscenario *k, const struct compare_scenario *cs)
{
	struct compare_params *p = &k->o.params;
	int i;

	snprintf(k->seed, sizeof(k->seed), "umm.seed=%lu", cs->seed);
	p->param[p->nr++] = k->seed;
	for (i = 0; i < cs->nr_params; i++) {
		if (p->nr == COMPARE_MAX_PARAMS) {
			fprintf(stderr, "umm: scenario %s: too many parameters for Linux\n",
				cs->name);
			return -E2BIG;
		}
		p->param[p->nr++] = cs->params[i];
	}
	return 0;
}

/**
 * compare_scenario_free - forget a prepared Linux run
 * @k: what compare_scenario_prepare() gave, or NULL
 */
void compare_scenario_free(struct kscenario *k)
{
	if (!k)
		return;
	compare_free_script(&k->s);
	compare_side_free(&k->side);
	free(k);
}

/* MemAvailable before the script, in KiB; 0 if the side did not read it. */
static unsigned long long mem_available(const struct compare_side *side)
{
	unsigned long long kb = 0;

	if (side->file[0][CF_MEMINFO])
		compare_parse_meminfo(side->file[0][CF_MEMINFO], "MemAvailable",
				      &kb);
	return kb;
}

/*
 * Boot umm and the guest with no script: the MiB the guest lacks to
 * start with umm's MemAvailable go to its mem=.  0, or -errno after
 * saying why.
 */
static int match_pressure(struct kscenario *k)
{
	struct compare_script none = { .nr = 0 };
	struct compare_side u, l;
	struct linux_prep prep;
	unsigned long long umm_kb, linux_kb;
	unsigned long extra;
	int err;

	compare_run_umm(&k->o, &none, &u);
	umm_kb = mem_available(&u);
	if (!umm_kb) {
		/* umm's own line says why: "umm: bad boot parameter ..." */
		if (u.error[0])
			fprintf(stderr, "%s\n", u.error);
		else
			fprintf(stderr, "umm: scenario %s: umm did not boot with %luM to measure its memory\n",
				k->name, k->o.params.mem_mib);
		compare_side_free(&u);
		return -EINVAL;
	}
	compare_side_free(&u);
	compare_side_init(&l, "Linux", true);
	err = compare_prepare_linux(&k->o, &none, &prep, &l);
	if (err == 0)
		err = compare_run_linux(&k->o, &prep, &none, &l);
	linux_kb = mem_available(&l);
	compare_side_free(&l);
	if (err < 0)
		return err;
	if (!linux_kb) {
		fprintf(stderr, "umm: scenario %s: Linux: no MemAvailable in the guest's /proc/meminfo\n",
			k->name);
		return -EINVAL;
	}
	extra = umm_kb > linux_kb ? (umm_kb - linux_kb + 1023) / 1024 : 0;
	snprintf(k->mem, sizeof(k->mem), "mem=%luM", k->o.params.mem_mib + extra);
	if (k->o.params.nr == COMPARE_MAX_PARAMS)
		return -E2BIG;
	/* The last mem= is the one that counts. */
	k->o.params.param[k->o.params.nr++] = k->mem;
	if (compare_translate_params(&k->o.params))
		return -EINVAL;
	k->o.params.extra_mib = extra;
	printf("Linux: mem=%luM, the scenario's %luM and %luM more for the guest's own kernel (MemAvailable at boot: umm %.1f MiB, guest %.1f MiB with %luM)\n",
	       k->o.params.mem_mib, k->o.params.mem_mib - extra, extra,
	       umm_kb / 1024.0, linux_kb / 1024.0, k->o.params.mem_mib - extra);
	return 0;
}

/**
 * compare_scenario_prepare - make the Linux side of a scenario ready
 * @cs: the scenario and its parameters (kept until the run)
 *
 * The guest's images, QEMU, the memory that matches umm's pressure (a
 * boot of each, the guest's cached), or the cache's answer.
 *
 * Return: the prepared run, or NULL after saying what is missing in one
 * line on stderr.
 */
struct kscenario *compare_scenario_prepare(const struct compare_scenario *cs)
{
	struct kscenario *k = calloc(1, sizeof(*k));
	int err;

	if (!k) {
		fprintf(stderr, "umm: scenario %s: %s\n", cs->name, strerror(ENOMEM));
		return NULL;
	}
	k->name = cs->name;
	compare_default_opts(&k->o, k->params);
	k->o.script = cs->text;
	k->o.script_name = cs->name;
	compare_side_init(&k->side, "Linux", true);
	if (add_params(k, cs) || compare_finish_opts(&k->o) ||
	    compare_split_script(k->o.script, &k->s)) {
		free(k);
		return NULL;
	}
	err = match_pressure(k);
	if (!err)
		err = compare_prepare_linux(&k->o, &k->s, &k->prep, &k->side);
	if (err < 0) {
		compare_scenario_free(k);
		return NULL;
	}
	k->cached = err == 1;
	return k;
}

/**
 * compare_scenario_run - run a prepared scenario in Linux under QEMU
 * @k: what compare_scenario_prepare() gave; freed here
 * @run: an empty run; the Linux column, when the return is 0 or 1
 *
 * Progress goes to stderr when it is a terminal; errors are one line
 * each there.  QEMU is gone on every way out, Ctrl-C included.
 *
 * Return: 0; 1 when a command failed in the guest (the run holds what
 * it did until then); 2 when Linux could not run; 130 when interrupted.
 */
int compare_scenario_run(struct kscenario *k, struct scenario_run *run)
{
	int err = 0;

	compare_catch_signals();
	if (!k->cached && !*k->o.stop)
		err = compare_run_linux(&k->o, &k->prep, &k->s, &k->side);
	compare_progress(&k->o, "%s", "");
	if (*k->o.stop) {
		fprintf(stderr, "umm: scenario %s: Linux: interrupted\n", k->name);
		err = 130;
	} else if (err < 0) {
		err = 2;
	} else {
		if (k->side.status == 1)
			fprintf(stderr, "umm: scenario %s: Linux: '%s' failed: %s\n",
				k->name, k->side.failed_cmd, k->side.error);
		err = krecord_to_run(&k->side, run);
		if (err)
			fprintf(stderr, "umm: scenario %s: Linux: its record does not parse (%s)\n",
				k->name, strerror(-err));
		err = err ? 2 : k->side.status ? 1 : 0;
	}
	compare_scenario_free(k);
	return err;
}
