// SPDX-License-Identifier: GPL-2.0
/*
 * init/console_sampler.c - the free-pages chart's samples, on the work clock
 *
 * The report's chart of free pages over a scenario needs a clock that two
 * runs of one seed agree on.  Wall time is not one: the host's load makes
 * a deterministic run take 2 s once and 5 s the next, and a phase that
 * waits for nothing still takes time.  The clock here is the work the
 * page allocator does: the pages it hands out and takes back (the sum of
 * the pgalloc and pgfree counters), the work that moves the free pages.
 * A deterministic run repeats it page for page.
 *
 * Every sampler_step pages of that clock, the free blocks per order are
 * copied into a buffer, from the allocator itself (umm_sampler_tick()),
 * so that a long command is sampled as finely as a short one.  When the
 * buffer is full every second sample goes and the step doubles: a run of
 * any length ends with between SAMPLER_MAX / 2 and SAMPLER_MAX samples,
 * a fixed step apart.  They are printed when the run ends ("@ free"
 * lines): the allocator cannot print.  Phases print the clock where they
 * begin, so that the chart marks them on the same axis.
 *
 * The clock starts with the record (umm_sampler_start(), at the run's
 * first record line), not at boot: freeing the boot memory into the buddy
 * lists is not the scenario's work.  Only record runs (umm.record=1)
 * sample; others pay one test of a flag.
 */
#include <linux/kernel.h>
#include <linux/mmzone.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/umm.h>
#include "console.h"

#define SAMPLER_MAX	400

struct sampler_sample {
	unsigned long clock;
	unsigned long nr_free[MAX_ORDER];
};

static atomic_long_t sampler_clock = ATOMIC_LONG_INIT(0);
static DEFINE_SPINLOCK(sampler_lock);
/* Under sampler_lock: the samples, the step, and where the next one is. */
static struct sampler_sample samples[SAMPLER_MAX];
static unsigned int nr_samples;
static unsigned long sampler_step = 1, sampler_next = 1;
static bool sampler_on;		/* the record began */
static bool sampler_done;	/* the run ended: the samples hold still */

/* Keep the samples on the doubled step: those at even multiples of it. */
static void sampler_halve(void)
{
	unsigned int i, j = 0;

	for (i = 0; i < nr_samples; i++)
		if (!(samples[i].clock % (2 * sampler_step)))
			samples[j++] = samples[i];
	nr_samples = j;
	sampler_step *= 2;
	sampler_next = roundup(sampler_next, sampler_step);
}

/* Free blocks per order now, at @clock.  Read without the zones' locks. */
static void sampler_take(unsigned long clock)
{
	struct sampler_sample *s;
	struct zone *zone;
	int order;

	s = &samples[nr_samples++];
	s->clock = clock;
	memset(s->nr_free, 0, sizeof(s->nr_free));
	for_each_populated_zone(zone)
		for (order = 0; order < MAX_ORDER; order++)
			s->nr_free[order] += READ_ONCE(zone->free_area[order].nr_free);
}

/**
 * umm_sampler_tick - the allocator handed out or took back pages
 * @nr_pages: how many
 *
 * Called where pgalloc and pgfree are counted, without a zone's lock.
 * Takes a sample at each multiple of the step that the clock passed.
 */
void umm_sampler_tick(unsigned long nr_pages)
{
	unsigned long now, step;

	if (!READ_ONCE(sampler_on) || READ_ONCE(sampler_done))
		return;
	now = atomic_long_add_return(nr_pages, &sampler_clock);
	step = READ_ONCE(sampler_step);
	/* Most ticks pass no multiple of the step: no lock for them. */
	if (now / step == (now - nr_pages) / step)
		return;
	spin_lock(&sampler_lock);
	while (!sampler_done && sampler_next <= now) {
		if (nr_samples == SAMPLER_MAX) {
			sampler_halve();
			continue;
		}
		sampler_take(sampler_next);
		sampler_next += sampler_step;
	}
	spin_unlock(&sampler_lock);
}

/**
 * umm_sampler_start - start the work clock, at zero
 *
 * Called once, when the run's record begins; a sample at clock 0 shows
 * where the scenario starts from.
 */
void umm_sampler_start(void)
{
	spin_lock(&sampler_lock);
	if (!sampler_on && !sampler_done) {
		sampler_take(0);
		WRITE_ONCE(sampler_on, true);
	}
	spin_unlock(&sampler_lock);
}

/**
 * umm_sampler_clock - the work clock: pages allocated and freed so far
 *
 * Return: the clock; it only runs in record runs.
 */
unsigned long umm_sampler_clock(void)
{
	return atomic_long_read(&sampler_clock);
}

/**
 * console_record_samples - stop sampling, print one "@ free" line a sample
 *
 * Once: the run is over, and printing allocates.
 */
void console_record_samples(void)
{
	char line[256];
	unsigned int i;
	int order, len;

	spin_lock(&sampler_lock);
	WRITE_ONCE(sampler_done, true);
	spin_unlock(&sampler_lock);
	for (i = 0; i < nr_samples; i++) {
		len = scnprintf(line, sizeof(line), "free %lu", samples[i].clock);
		for (order = 0; order < MAX_ORDER; order++)
			len += scnprintf(line + len, sizeof(line) - len, " %lu",
					 samples[i].nr_free[order]);
		console_record("%s", line);
	}
}
