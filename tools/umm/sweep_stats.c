// SPDX-License-Identifier: GPL-2.0
/*
 * tools/umm/sweep_stats.c - a metric's mean, range and spread over runs
 *
 * The standard deviation is the sample one, with n - 1 in the
 * denominator (Bessel's correction), as mmtests' Stddev and most
 * statistics tools give it: the runs are a sample of the seeds, not all
 * of them.  It is computed from the mean in a second pass, not from a
 * running sum of squares, so that large equal values give exactly 0.
 */
#include <math.h>

#include "sweep.h"

/**
 * sweep_stats - mean, min, max and sample standard deviation
 * @v: the values; NAN ones (a run without the metric) are left out
 * @n: how many
 * @s: the result; all zero when no value counts
 */
void sweep_stats(const double *v, int n, struct sweep_stats *s)
{
	double sum = 0, sq = 0;
	int i;

	s->n = 0;
	s->mean = s->min = s->max = s->stddev = 0;
	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		if (!s->n || v[i] < s->min)
			s->min = v[i];
		if (!s->n || v[i] > s->max)
			s->max = v[i];
		sum += v[i];
		s->n++;
	}
	if (!s->n)
		return;
	s->mean = sum / s->n;
	if (s->n < 2)
		return;
	for (i = 0; i < n; i++)
		if (!isnan(v[i]))
			sq += (v[i] - s->mean) * (v[i] - s->mean);
	s->stddev = sqrt(sq / (s->n - 1));
}

/**
 * sweep_diff_pct - how far @val is from @base, in percent of @base
 * @base: the baseline's mean
 * @val: another configuration's mean
 *
 * Return: (val - base) / base * 100; 0 when both are 0, and NAN when
 * only @base is (no percentage of nothing).
 */
double sweep_diff_pct(double base, double val)
{
	if (base == 0)
		return val == 0 ? 0 : NAN;
	return (val - base) / fabs(base) * 100;
}
