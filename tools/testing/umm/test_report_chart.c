// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_report_chart.c - the report's chart and maps
 *
 * The free-pages chart runs on the work clock ("@ free" samples, phases
 * with their clock) and the maps are shaded by the pages of each kind
 * ("@ mapcount"), see asm/kernel_entry.h.  These tests check
 *
 *   - the new record lines parse, and malformed ones change nothing;
 *   - the chart of a run is the same, byte for byte, whatever the wall
 *     times of its lines; close phases get names on separate rows, a long
 *     name is cut and whole in its tooltip;
 *   - a map cell is shaded by how full its pageblock is and carries a
 *     tooltip with its pfns, migratetype and pages by kind;
 *   - two real runs of a small scenario with one seed (a child process
 *     each, as `umm scenario --ab` makes them) sample 200 to 400 times
 *     and draw byte-identical charts.
 *
 * Every test name contains "report".
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "umm_test.h"

/* The report's own ARRAY_SIZE, the same as the tests'. */
#undef ARRAY_SIZE
#include "../../umm/internal.h"
#include "../../umm/runner.h"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const kinds[] = {
	"@ kind free . #f1f3f5 - - free",
	"@ kind anon a #4c8bf5 - - anonymous LRU",
	"@ kind unmovable u #495057 - - other unmovable",
};

static void parse_all(struct __test_metadata *_metadata,
		      struct scenario_run *run, const char *const *lines,
		      unsigned int n, double t0)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		ASSERT_EQ(0, report_parse_line(run, lines[i], t0 + i)) {
			TH_LOG("rejected '%s'", lines[i]);
		}
}

static int count_str(const char *s, const char *needle)
{
	int n = 0;

	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

/* The points of the charts' bands: pairs "x,y" in points="...". */
static int count_points(const char *s)
{
	int n = 0;

	while ((s = strstr(s, "points=\""))) {
		for (s += 8; *s && *s != '"'; s++)
			n += *s == ',';
	}
	return n;
}

/* The chart of @run alone, on its own scales, as a string to free. */
static char *chart_of(const struct scenario_run *run)
{
	struct chart_scale scale = { 0 };
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	if (!f)
		return NULL;
	svg_chart_scale(&scale, run);
	svg_chart(f, run, "run", &scale);
	fclose(f);
	return buf;
}

/* A run's samples: phases on the clock, the chart's lines, a map. */
static const char *const stream[] = {
	"@ phase setup 0",
	"@ phase fill 2",
	"@ phase holes 3",
	"@ phase a-phase-with-a-long-name 4",
	"@ free 0 10 0 0 0 0 0 0 0 0 0 8",
	"@ free 4 10 0 0 0 0 0 0 0 0 0 6",
	"@ free 8 200 100 0 0 0 0 0 0 0 0 4",
	"@ phase end 9",
	"@ map after 3 a.u MMU",
	"@ mapcount after . 512 502,512,0",
	"@ mapcount after a 512 10,0,0",
	"@ mapcount after u 512 0,0,512",
};

TEST(report_chart_parses_work_clock)
{
	struct scenario_run run;
	const struct report_map *m;

	memset(&run, 0, sizeof(run));
	parse_all(_metadata, &run, kinds, N(kinds), 0);
	parse_all(_metadata, &run, stream, N(stream), 1);
	ASSERT_EQ(3, run.nr_ticks);
	EXPECT_EQ(8, run.ticks[2].clock);
	EXPECT_EQ(100, run.ticks[2].nr_free[1]);
	ASSERT_EQ(5, run.nr_phases);
	EXPECT_TRUE(run.phases[1].clocked);
	EXPECT_EQ(2, run.phases[1].clock);
	/* Wall time still times the phases: the table's rows. */
	EXPECT_EQ(2.0, run.phases[1].start);

	m = report_find_map(&run, "after");
	ASSERT_NE(NULL, m);
	EXPECT_EQ(512, m->block_pages);
	ASSERT_EQ(3, m->nr_counts);
	EXPECT_EQ('a', m->counts[1].letter);
	EXPECT_EQ(10, m->counts[1].pages[0]);

	/* A phase without its clock (an older record, Linux) still parses. */
	EXPECT_EQ(0, report_parse_line(&run, "@ phase old", 20));
	EXPECT_FALSE(run.phases[5].clocked);

	/* A map taken again drops its counts until they come again. */
	EXPECT_EQ(0, report_parse_line(&run, "@ map after 3 aaa MMM", 21));
	EXPECT_EQ(0, report_find_map(&run, "after")->nr_counts);
	report_free_run(&run);
	EXPECT_EQ(NULL, run.ticks);
	EXPECT_EQ(0, run.nr_ticks);
}

TEST(report_chart_rejects_malformed)
{
	static const char *const bad[] = {
		/* A sample: a clock after the last one, eleven orders. */
		"@ free", "@ free 8 1 2 3 4 5 6 7 8 9 10 11",
		"@ free 3 1 2 3 4 5 6 7 8 9 10 11",
		"@ free 20 1 2 3 4 5 6 7 8 9 10",
		"@ free 20 1 2 3 4 5 6 7 8 9 10 11 12",
		"@ free x 1 2 3 4 5 6 7 8 9 10 11",
		"@ free -20 1 2 3 4 5 6 7 8 9 10 11",
		"@ free 20 1 2 3 4 5 6 7 8 9 10 -1",
		/* A phase's clock: digits. */
		"@ phase a b", "@ phase a -1", "@ phase a 1x", "@ phase a 0x10",
		"@ phase a 99999999999999999999",
		/* Counts: a known map, a letter, a size, one per pageblock. */
		"@ mapcount", "@ mapcount after", "@ mapcount after a 512",
		"@ mapcount nomap a 512 1,2,3", "@ mapcount after a 512 1,2",
		"@ mapcount after a 512 1,2,3,4", "@ mapcount after a 512 1,513,0",
		"@ mapcount after a 0 0,0,0", "@ mapcount after ab 512 1,2,3",
		"@ mapcount after a 512 1,,3", "@ mapcount after a 512 1,2,3,",
		"@ mapcount after a 512 1, 2,3", "@ mapcount after a 70000 1,2,3",
		"@ mapcount after a x 1,2,3", "@ mapcount after a 512 1,2,x",
		/* Another pageblock size than the map's other counts. */
		"@ mapcount after a 256 1,2,3",
	};
	struct scenario_run run, copy;
	unsigned int i;

	memset(&run, 0, sizeof(run));
	parse_all(_metadata, &run, kinds, N(kinds), 0);
	parse_all(_metadata, &run, stream, N(stream), 1);
	memcpy(&copy, &run, sizeof(run));
	for (i = 0; i < N(bad); i++) {
		EXPECT_EQ(-EINVAL, report_parse_line(&run, bad[i], 30)) {
			TH_LOG("accepted '%s'", bad[i]);
		}
	}
	/* Nothing that was rejected left a trace. */
	EXPECT_EQ(0, memcmp(&copy, &run, sizeof(run)));
	report_free_run(&run);
}

/*
 * Two runs whose lines came at other wall times draw the same chart: it
 * is placed by the work clock.  Each sample is a point of the bands.
 */
TEST(report_chart_same_clock_same_svg)
{
	struct scenario_run a, b;
	char *sa, *sb;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	parse_all(_metadata, &a, kinds, N(kinds), 0);
	parse_all(_metadata, &a, stream, N(stream), 1);
	parse_all(_metadata, &b, kinds, N(kinds), 0);
	parse_all(_metadata, &b, stream, N(stream), 100);
	b.wall = 1000;
	sa = chart_of(&a);
	sb = chart_of(&b);
	ASSERT_NE(NULL, sa);
	ASSERT_NE(NULL, sb);
	EXPECT_STREQ(sa, sb);
	/* Three bands, each outline the samples there and back. */
	EXPECT_EQ(3, count_str(sa, "<polygon"));
	EXPECT_EQ(3 * 2 * 3, count_points(sa));
	EXPECT_NE(NULL, strstr(sa, "pages allocated and freed"));
	free(sa);
	free(sb);
	report_free_run(&a);
	report_free_run(&b);
}

/*
 * Phases a clock unit apart get their names on separate rows; a long
 * name is cut, and whole in its tooltip.
 */
TEST(report_chart_phase_names_do_not_collide)
{
	struct scenario_run run;
	char *svg, *p;
	int rows[8], n = 0, i, j;

	memset(&run, 0, sizeof(run));
	parse_all(_metadata, &run, kinds, N(kinds), 0);
	parse_all(_metadata, &run, stream, N(stream), 1);
	/* A long run: the phases, 9 units of 1000, are a few pixels apart. */
	ASSERT_EQ(0, report_parse_line(&run, "@ free 1000 1 0 0 0 0 0 0 0 0 0 1",
				       20));
	svg = chart_of(&run);
	ASSERT_NE(NULL, svg);
	/* The first four phases are within a name's width of each other. */
	for (p = svg; (p = strstr(p, "font-size=\"9\"")) && n < 8; p++) {
		const char *y = p;

		while (y > svg && strncmp(y, " y=\"", 4))
			y--;
		rows[n++] = atoi(y + 4);
	}
	ASSERT_EQ(5, n);
	for (i = 0; i < 4; i++)
		for (j = 0; j < i; j++)
			EXPECT_NE(rows[i], rows[j]);
	EXPECT_NE(NULL, strstr(svg, "<title>phase a-phase-with-a-long-name: "
			       "begins at 4 pages allocated and freed</title>"));
	EXPECT_NE(NULL, strstr(svg, ">a-phase-with-&#8230;</text>"));
	free(svg);
	report_free_run(&run);
}

/*
 * A pageblock with 10 pages in use of 512 is pale, a full one solid, a
 * free one the free colour; each cell says what is in it.
 */
TEST(report_map_cells_shaded_with_tooltips)
{
	struct scenario_run run;
	struct legend lg;
	char *buf = NULL;
	size_t size = 0;
	FILE *f;

	memset(&run, 0, sizeof(run));
	parse_all(_metadata, &run, kinds, N(kinds), 0);
	parse_all(_metadata, &run, stream, N(stream), 1);
	legend_build(&lg, &run, 1);
	EXPECT_EQ('.', lg.free_letter);
	EXPECT_TRUE(lg.shaded);
	f = open_memstream(&buf, &size);
	ASSERT_NE(NULL, f);
	svg_map(f, &lg, report_find_map(&run, "after"), "after", true);
	fclose(f);

	/* 0.15 + 0.85 * 10 / 512, and a full pageblock. */
	EXPECT_NE(NULL, strstr(buf, "fill=\"#4c8bf5\" fill-opacity=\"0.17\""));
	EXPECT_NE(NULL, strstr(buf, "fill=\"#495057\" fill-opacity=\"1.00\""));
	/* Two cells, and the three of the legend's shade key. */
	EXPECT_EQ(2 + 3, count_str(buf, "fill-opacity=\""));
	EXPECT_NE(NULL, strstr(buf, "<title>pageblock 0, pfn 0-0x1ff, "
			       "Movable: free 502, anonymous LRU 10</title>"));
	EXPECT_NE(NULL, strstr(buf, "<title>pageblock 1, pfn 0x200-0x3ff, "
			       "Movable: free 512</title>"));
	EXPECT_NE(NULL, strstr(buf, "<title>pageblock 2, pfn 0x400-0x5ff, "
			       "Unmovable: other unmovable 512</title>"));
	EXPECT_NE(NULL, strstr(buf, "shade: how much of the pageblock"));
	free(buf);
	report_free_run(&run);
}

/* Without counts (a Linux run) a cell is solid, its tooltip says less. */
TEST(report_map_without_counts_solid)
{
	struct scenario_run run;
	struct legend lg;
	char *buf = NULL;
	size_t size = 0;
	FILE *f;

	memset(&run, 0, sizeof(run));
	parse_all(_metadata, &run, kinds, N(kinds), 0);
	ASSERT_EQ(0, report_parse_line(&run, "@ map m 2 a. MU", 1));
	legend_build(&lg, &run, 1);
	EXPECT_FALSE(lg.shaded);
	f = open_memstream(&buf, &size);
	ASSERT_NE(NULL, f);
	svg_map(f, &lg, report_find_map(&run, "m"), "m", true);
	fclose(f);
	EXPECT_EQ(0, count_str(buf, "fill-opacity=\""));
	EXPECT_NE(NULL, strstr(buf, "<title>pageblock 0, Movable: mostly "
			       "anonymous LRU</title>"));
	EXPECT_EQ(NULL, strstr(buf, "shade:"));
	free(buf);
	report_free_run(&run);
}

/* Fragment, then free every other page: enough work for many samples. */
static const char tiny[] =
	"# The chart tests' scenario.\n"
	"phase fill\n"
	"alloc fill 0 20000 movable\n"
	"alloc pin 0 500 unmovable\n"
	"phase holes\n"
	"free fill every=2\n"
	"snapshot after\n"
	"phase done\n";

/* One run of @path with @seed, as `umm scenario PATH --ab` makes it. */
static int run_tiny(const char *path, unsigned long seed,
		    struct scenario_run *run)
{
	struct runner r;
	int err;

	memset(&r, 0, sizeof(r));
	err = scenario_read_file(path, &r.file);
	if (err)
		return err;
	r.s = &r.file;
	r.name = path;
	r.seed = seed;
	err = runner_run(&r, 0, run);
	free((char *)r.file.text);
	return err;
}

/*
 * Two real runs with one seed: 200 to 400 samples each (the kernel
 * halves its samples when 400 are full), and the same chart, byte for
 * byte, although their wall times differ.
 */
TEST(report_chart_real_runs_same_seed)
{
	char path[] = "/tmp/umm-chart-XXXXXX.umm";
	struct scenario_run a, b;
	char *sa, *sb;
	int fd;

	fd = mkstemps(path, 4);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)strlen(tiny), write(fd, tiny, strlen(tiny)));
	close(fd);
	ASSERT_EQ(0, run_tiny(path, 7, &a));
	ASSERT_EQ(0, run_tiny(path, 7, &b));
	unlink(path);

	EXPECT_LE(200, a.nr_ticks);
	EXPECT_GE(400, a.nr_ticks);
	EXPECT_EQ(a.nr_ticks, b.nr_ticks);
	/* A fixed step: the samples are evenly spaced from 0. */
	ASSERT_LE(3, a.nr_ticks);
	EXPECT_EQ(0, a.ticks[0].clock);
	EXPECT_EQ(a.ticks[1].clock, a.ticks[2].clock - a.ticks[1].clock);
	EXPECT_EQ(3, a.nr_phases);
	EXPECT_TRUE(a.phases[2].clocked);
	sa = chart_of(&a);
	sb = chart_of(&b);
	ASSERT_NE(NULL, sa);
	ASSERT_NE(NULL, sb);
	EXPECT_STREQ(sa, sb);
	free(sa);
	free(sb);
	ASSERT_EQ(1, a.nr_maps);
	EXPECT_LT(0, a.maps[0].nr_counts);
	report_free_run(&a);
	report_free_run(&b);
}

UMM_TEST_MAIN
