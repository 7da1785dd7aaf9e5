// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/kernel/krecord.c - the Linux side, as a scenario run's record
 *
 * umm's console prints record lines ("@ ...", asm/kernel_entry.h) that
 * the scenario runner reads into its table and report.  The guest's agent
 * prints none: the host makes them from what it sees, so that a run in
 * Linux becomes one more struct scenario_run, a column like umm's.
 *
 *   @ phase NAME        the host's own `phase` command, at its time
 *   @ buddy LABEL ...   /proc/buddyinfo, all zones summed, read by the
 *                       host at each phase and snapshot (as umm records
 *                       its free lists there) and after the script ("end")
 *   @ alloc O OK TOTAL  the output of `alloc` (the helper module answers
 *                       as umm's console does), and of `spawn`: umm counts
 *                       a task start as an order-2 allocation (its kernel
 *                       stack).  Linux 6.1 allocates stacks with vmalloc
 *                       (CONFIG_VMAP_STACK, 4.9), order 0 each: the row is
 *                       the same command, not the same allocation.
 *   @ taskfail PREFIX   a task that `spawn` could not start
 *   @ stat KEY N        /proc/vmstat's change over the script, and pages
 *                       migrated by kind from the kprobes on the drivers'
 *                       migration callbacks
 *
 * The lines are kept in the side as "SECONDS @ LINE" (seconds into the
 * script), so that the cache keeps them with the rest of the side.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compare.h"
#include "../report.h"

/**
 * krecord_add - keep one record line of the Linux side
 * @side: the side
 * @t: seconds into the script
 * @fmt: the line, without "@ " and the newline
 */
void krecord_add(struct compare_side *side, double t, const char *fmt, ...)
{
	char line[512];
	size_t n;
	char *r;
	va_list ap;
	int len;

	len = snprintf(line, sizeof(line), "%.3f " RECORD_PREFIX, t);
	va_start(ap, fmt);
	vsnprintf(line + len, sizeof(line) - len, fmt, ap);
	va_end(ap);
	n = strlen(line);
	r = realloc(side->record, side->record_len + n + 2);
	if (!r)
		return;
	memcpy(r + side->record_len, line, n);
	r[side->record_len + n] = '\n';
	side->record_len += n + 1;
	r[side->record_len] = '\0';
	side->record = r;
}

/**
 * krecord_buddy - free blocks per order, as umm's "@ buddy" has them
 * @side: the side
 * @label: the phase or snapshot
 * @buddyinfo: /proc/buddyinfo's text (nothing is kept if it does not parse)
 * @t: seconds into the script
 */
void krecord_buddy(struct compare_side *side, const char *label,
		   const char *buddyinfo, double t)
{
	struct compare_buddy b;
	char line[256];
	int o, len;

	if (!buddyinfo || compare_parse_buddyinfo(buddyinfo, &b) < 0)
		return;
	len = snprintf(line, sizeof(line), "buddy %s", label);
	/* umm has RECORD_NR_ORDERS; a kernel with fewer orders gets zeros. */
	for (o = 0; o < RECORD_NR_ORDERS; o++)
		len += snprintf(line + len, sizeof(line) - len, " %llu",
				o < b.nr_orders ? b.free[o] : 0);
	krecord_add(side, t, "%s", line);
}

/**
 * krecord_output - a line the guest printed: is it a probe's result?
 * @side: the side
 * @line: the line, without its newline
 * @t: seconds into the script
 *
 * `alloc` prints "SET: OK/TOTAL order-O allocations succeeded" and
 * `spawn` "spawn PREFIX: OK of TOTAL tasks started", in umm and in the
 * guest alike.
 */
void krecord_output(struct compare_side *side, const char *line, double t)
{
	unsigned int ok, total, order;
	char name[64];
	int n = 0;

	if (sscanf(line, "%63[^: ]: %u/%u order-%u allocations succeeded%n",
		   name, &ok, &total, &order, &n) == 4 && !line[n] &&
	    order < RECORD_NR_ORDERS && ok <= total) {
		krecord_add(side, t, "alloc %u %u %u", order, ok, total);
		return;
	}
	n = 0;
	if (sscanf(line, "spawn %63[^: ]: %u of %u tasks started%n", name,
		   &ok, &total, &n) == 3 && !line[n] && ok <= total) {
		krecord_add(side, t, "alloc 2 %u %u", ok, total);
		for (; ok < total; ok++)
			krecord_add(side, t, "taskfail %s", name);
	}
}

/**
 * compare_side_delta - the change of a key over the script
 * @s: the side
 * @f: the file (CF_VMSTAT, or umm's CF_MIGRATED)
 * @key: the key
 * @d: the change
 *
 * Return: 0, or -ENOENT when a reading lacks the file or the key.
 */
int compare_side_delta(const struct compare_side *s, enum compare_file f,
		       const char *key, long long *d)
{
	const unsigned long long *v[2];
	struct compare_kvs *kv = malloc(2 * sizeof(*kv));
	int w, err = 0;

	if (!kv)
		return -ENOMEM;
	for (w = 0; w < 2 && !err; w++) {
		v[w] = NULL;
		if (s->file[w][f] && compare_parse_kvs(s->file[w][f], &kv[w]) > 0)
			v[w] = compare_kv_find(&kv[w], key);
		err = v[w] ? 0 : -ENOENT;
	}
	if (!err)
		*d = (long long)(*v[1] - *v[0]);
	free(kv);
	return err;
}

/* The kprobe hits of @fn over the script, on the Linux side. */
static bool probe_delta(const struct compare_side *s, const char *fn,
			long long *d)
{
	unsigned long long a, b;

	if (!s->file[0][CF_MIGRATED] || !s->file[1][CF_MIGRATED] ||
	    compare_parse_kprobe_profile(s->file[0][CF_MIGRATED], fn, &a) ||
	    compare_parse_kprobe_profile(s->file[1][CF_MIGRATED], fn, &b))
		return false;
	*d = b - a;
	return true;
}

/**
 * compare_linux_migrated - pages of a kind Linux migrated over the script
 * @s: the Linux side
 * @kind: "lru", "zsmalloc" or "balloon"
 * @d: the count
 *
 * The drivers' migration callbacks are counted by their kprobes (calls,
 * successful or not: a call that fails is retried and counted again);
 * LRU pages are what pgmigrate_success counts besides.
 *
 * Return: true if the side has the figure.
 */
bool compare_linux_migrated(const struct compare_side *s, const char *kind,
			    long long *d)
{
	static const char * const fns[] = { "zs_page_migrate", "balloon_page_migrate" };
	long long n;
	unsigned int i;

	if (!strcmp(kind, "zsmalloc"))
		return probe_delta(s, fns[0], d);
	if (!strcmp(kind, "balloon"))
		return probe_delta(s, fns[1], d);
	if (strcmp(kind, "lru") ||
	    compare_side_delta(s, CF_VMSTAT, "pgmigrate_success", d))
		return false;
	for (i = 0; i < COMPARE_ARRAY_SIZE(fns); i++)
		if (probe_delta(s, fns[i], &n))
			*d -= n;
	return true;
}

/*
 * A counter of /proc/vmstat, not a gauge: its change over the script
 * means something.  The gauges are the nr_* keys and workingset_nodes.
 */
static bool vmstat_counter(const char *key)
{
	return strncmp(key, "nr_", 3) && strcmp(key, "workingset_nodes");
}

/* Every /proc/vmstat counter, as its change over the script. */
static int record_vmstat(const struct compare_side *side,
			 struct scenario_run *run)
{
	struct compare_kvs *kv = malloc(2 * sizeof(*kv));
	const unsigned long long *a;
	char line[128];
	int i, err = 0;

	if (!kv)
		return -ENOMEM;
	if (!side->file[0][CF_VMSTAT] || !side->file[1][CF_VMSTAT] ||
	    compare_parse_kvs(side->file[0][CF_VMSTAT], &kv[0]) <= 0 ||
	    compare_parse_kvs(side->file[1][CF_VMSTAT], &kv[1]) <= 0) {
		free(kv);
		return 0;
	}
	for (i = 0; i < kv[1].nr && !err; i++) {
		a = compare_kv_find(&kv[0], kv[1].kv[i].key);
		if (!a || kv[1].kv[i].val < *a ||
		    !vmstat_counter(kv[1].kv[i].key))
			continue;
		snprintf(line, sizeof(line), RECORD_PREFIX "stat %s %llu", kv[1].kv[i].key,
			 kv[1].kv[i].val - *a);
		err = report_record_line(run, line, side->script_time);
		/* No room for more stats: the run keeps the first ones. */
		if (err == -ENOSPC)
			err = 0;
	}
	free(kv);
	return err;
}

/* "SECONDS LINE" lines of the side's record into @run. */
static int replay(const struct compare_side *side, struct scenario_run *run,
		  unsigned int *taskfails)
{
	const char *p = side->record;
	char line[512];
	double t;
	int n, err;

	while (p && *p) {
		size_t len = strcspn(p, "\n");

		snprintf(line, sizeof(line), "%.*s", (int)len, p);
		p += len + (p[len] == '\n');
		if (sscanf(line, "%lf %n", &t, &n) != 1)
			return -EINVAL;
		err = report_record_line(run, line + n, t);
		if (err && err != -ENOSPC)
			return err;
		*taskfails += !strncmp(line + n, RECORD_PREFIX "taskfail ",
				       strlen(RECORD_PREFIX "taskfail "));
	}
	return 0;
}

/**
 * krecord_to_run - the Linux side as a scenario run
 * @side: the side, after the script
 * @run: an empty run, filled here (report_free_run() frees it)
 *
 * Return: 0, or -errno for a record that does not parse (a damaged
 * cache entry) or no memory.
 */
int krecord_to_run(const struct compare_side *side, struct scenario_run *run)
{
	static const char * const kinds[] = { "lru", "zsmalloc", "balloon" };
	unsigned int k, taskfails = 0;
	char line[128];
	long long d;
	int err;

	memset(run, 0, sizeof(*run));
	/* "Linux 6.1.0-57-amd64": a release is shorter than a label. */
	snprintf(run->label, sizeof(run->label), "%.*s",
		 (int)sizeof(run->label) - 1, side->label);
	snprintf(run->linux_release, sizeof(run->linux_release), "%.*s",
		 (int)sizeof(run->linux_release) - 1,
		 strncmp(side->label, "Linux ", 6) ? side->label : side->label + 6);
	err = replay(side, run, &taskfails);
	if (!err && side->file[1][CF_BUDDYINFO]) {
		struct compare_side copy = { .record = NULL };

		/* "@ buddy end", through the same conversion. */
		krecord_buddy(&copy, "end", side->file[1][CF_BUDDYINFO],
			      side->script_time);
		err = replay(&copy, run, &taskfails);
		free(copy.record);
	}
	if (!err)
		err = record_vmstat(side, run);
	for (k = 0; !err && k < COMPARE_ARRAY_SIZE(kinds); k++) {
		if (!compare_linux_migrated(side, kinds[k], &d))
			continue;
		snprintf(line, sizeof(line), RECORD_PREFIX "stat migrated_%s %lld", kinds[k], d);
		err = report_record_line(run, line, side->script_time);
	}
	if (!err) {
		snprintf(line, sizeof(line), RECORD_PREFIX "stat task_failures %u", taskfails);
		err = report_record_line(run, line, side->script_time);
	}
	if (!err && side->status != 2)
		err = report_record_line(run, RECORD_PREFIX "end",
					 side->script_time);
	run->wall = side->wall;
	run->exit_status = side->status;
	return err == -ENOSPC ? 0 : err;
}
