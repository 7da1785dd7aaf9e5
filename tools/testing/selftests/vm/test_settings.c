// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/selftests/vm/test_settings.c - settings per run, end to end
 *
 * sysctl.vm.NAME=VALUE on the command line and `scenario --set
 * vm.NAME=VALUE` reach /proc/sys before the script; what the kernel
 * refuses is one line, status 2, before any run; --ab passes a boot
 * error through and refuses a parameter that sets its "series off"
 * switch; the report and its record say what each run was set up with.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"
#include "umm_timeout.h"
#include "umm_run.h"

static char dir[64], script[128], report[128];

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "r");
	char *s;

	if (!f)
		return strdup("");
	s = slurp(f);
	fclose(f);
	return s;
}

static int __attribute__((format(printf, 1, 2))) sh(const char *fmt, ...)
{
	char cmd[512];
	va_list args;
	int ret;

	va_start(args, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, args);
	va_end(args);
	ret = system(cmd);
	return WIFEXITED(ret) ? WEXITSTATUS(ret) : -1;
}

/* Status 2, one line on stderr holding @text, nothing run, no report. */
static void expect_refused(struct __test_metadata *_metadata, struct run r,
			   const char *text)
{
	struct stat st;

	EXPECT_EQ(2, r.status);
	EXPECT_EQ(1, count_lines(r.err)) {
		TH_LOG("stderr: %s", r.err);
	}
	EXPECT_NE(NULL, strstr(r.err, text)) {
		TH_LOG("stderr: %s", r.err);
	}
	EXPECT_EQ(NULL, strstr(r.out, "done in"));
	EXPECT_NE(0, stat(report, &st));
	free_run(&r);
}

/* The boot parameter itself: written once booted, as Linux does. */
TEST(sysctl_boot_parameter)
{
	struct run r = run_umm("sysctl.vm.extfrag_threshold=700", "-c",
			       "cat /proc/sys/vm/extfrag_threshold");

	EXPECT_EQ(0, r.status);
	EXPECT_STREQ("700\n", r.out);
	free_run(&r);
	r = run_umm("sysctl.vm/extfrag_threshold=0", "-c",
		    "cat /proc/sys/vm/extfrag_threshold");
	EXPECT_STREQ("0\n", r.out);
	free_run(&r);
	r = run_umm("sysctl.vm.nosuch=1", "-c", "echo ran");
	EXPECT_EQ(2, r.status);
	EXPECT_STREQ("", r.out);
	EXPECT_NE(NULL, strstr(r.err, "vm.nosuch")) {
		TH_LOG("stderr: %s", r.err);
	}
	free_run(&r);
}

/* --set reaches the script; without it the default stays. */
TEST(scenario_set_applies)
{
	struct run r = run_umm("scenario", script, "--set",
			       "vm.extfrag_threshold=700");

	EXPECT_EQ(0, r.status);
	EXPECT_NE(NULL, strstr(r.out, "700\n")) {
		TH_LOG("stdout: %s\nstderr: %s", r.out, r.err);
	}
	free_run(&r);
	r = run_umm("scenario", script);
	EXPECT_NE(NULL, strstr(r.out, "500\n"));
	free_run(&r);
}

TEST(scenario_set_bad_input)
{
	expect_refused(_metadata,
		       run_umm("scenario", "demo", "--ab", "--report", report,
			       "--set", "vm.nosuch=1"),
		       "vm.nosuch to '1' (/proc/sys/vm/nosuch): no such sysctl");
	expect_refused(_metadata,
		       run_umm("scenario", "demo", "--ab", "--report", report,
			       "--set", "vm.extfrag_threshold=abc"),
		       "vm.extfrag_threshold to 'abc' (/proc/sys/vm/extfrag_threshold): invalid value");
	expect_refused(_metadata,
		       run_umm("scenario", "demo", "--ab", "--report", report,
			       "--set", "vm.extfrag_threshold=5000"),
		       "invalid value");
	expect_refused(_metadata,
		       run_umm("scenario", "demo", "--report", report,
			       "--set", "foo"),
		       "--set 'foo': not a sysctl and a value");
	expect_refused(_metadata,
		       run_umm("scenario", "demo", "--report", report,
			       "--set", "vm.extfrag_threshold="),
		       "not a sysctl and a value");
	expect_refused(_metadata,
		       run_umm("scenario", "demo", "--report", report, "--set"),
		       "--set: missing vm.NAME=VALUE");
	expect_refused(_metadata,
		       run_umm("scenario", "demo", "--report", report,
			       "--set", "vm"),
		       "not a sysctl and a value");
}

/*
 * --ab: a boot error is the kernel's own line, status 2, before any run;
 * a parameter that sets an off switch would make both runs the same.
 */
TEST(ab_refuses)
{
	expect_refused(_metadata,
		       run_umm("nosuch=1", "scenario", "demo", "--ab",
			       "--report", report),
		       "unknown boot parameter 'nosuch=1'");
	expect_refused(_metadata,
		       run_umm("zsmalloc.movable=1", "scenario", "zram-frag",
			       "--ab", "--report", report),
		       "'zsmalloc.movable=1' sets the \"series off\" switch (zsmalloc.movable=0)");
	expect_refused(_metadata,
		       run_umm("movable_sample.movable=0", "scenario", "driver",
			       "--ab", "--report", report),
		       "'movable_sample.movable=0' sets the \"series off\" switch");
}

/* The report, its JSON and the records say each run's settings. */
TEST(report_has_settings)
{
	char path[192], *text;
	struct run r = run_umm("mem=256M", "scenario", "demo", "--ab",
			       "--report", report, "--set",
			       "vm.extfrag_threshold=700");

	ASSERT_EQ(0, r.status) {
		TH_LOG("stderr: %s", r.err);
	}
	free_run(&r);
	snprintf(path, sizeof(path), "%s/index.html", report);
	text = read_text(path);
	EXPECT_NE(NULL, strstr(text, "settings: <b>series on</b> <code>mem=256M sysctl.vm.extfrag_threshold=700</code>; <b>series off</b> <code>zsmalloc.movable=0 "));
	free(text);
	snprintf(path, sizeof(path), "%s/report.json", report);
	text = read_text(path);
	EXPECT_NE(NULL, strstr(text, "\"settings\": [\"mem=256M\", \"sysctl.vm.extfrag_threshold=700\"]"));
	free(text);
	EXPECT_EQ(0, sh("python3 -m json.tool '%s' >/dev/null", path));
	snprintf(path, sizeof(path), "%s/record-series-on.txt", report);
	text = read_text(path);
	EXPECT_NE(NULL, strstr(text, "\n# settings mem=256M sysctl.vm.extfrag_threshold=700\n"));
	free(text);
	/* Made again from the records: the same settings, to the byte. */
	EXPECT_EQ(0, sh("%s report '%s' --report '%s-again' >/dev/null && diff -r '%s' '%s-again'",
			getenv("UMM") ? getenv("UMM") : "./umm", report,
			report, report, report));
	sh("rm -rf '%s' '%s-again'", report, report);
}

int main(int argc, char **argv)
{
	FILE *f;
	int ret;

	snprintf(dir, sizeof(dir), "/tmp/umm-settings-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	snprintf(report, sizeof(report), "%s/report", dir);
	snprintf(script, sizeof(script), "%s/threshold.umm", dir);
	f = fopen(script, "w");
	if (!f)
		return 1;
	fputs("# Print the extfrag threshold the run has.\n"
	      "cat /proc/sys/vm/extfrag_threshold\n", f);
	fclose(f);
	ret = test_harness_run(argc, argv);
	sh("rm -rf '%s'", dir);
	return ret;
}
