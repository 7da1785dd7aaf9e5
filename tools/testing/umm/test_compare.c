// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_compare.c - ./umm compare's host side, no QEMU
 *
 * tools/umm/kernel/ is host code: these tests boot no kernel and start
 * no QEMU.  They check
 *
 *   - a script split as umm's console splits it, and which commands the
 *     host keeps on the Linux side;
 *   - umm's parameters as the guest gets them;
 *   - the parsers, fed with real 6.1 files (compare-data/), and their
 *     refusal of text of another form;
 *   - the table: both columns, the figures, at most 100 characters;
 *   - the cache's key (each input changes it, nothing else does) and a
 *     damaged entry;
 *   - QMP's messages, and the balloon commands against a fake QMP server;
 *   - the agent client against a fake guest on a socketpair: output, an
 *     escaped line, a command that fails, a hang (a timeout, in time), a
 *     guest that dies, one that speaks out of protocol;
 *   - the Linux side as a scenario run (krecord.c), and its record
 *     through the cache.
 *
 * Every test name contains "compare".
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "umm_test.h"

#include "../../umm/kernel/compare.h"
#include "../../umm/report.h"

#define DATA	"tools/testing/umm/compare-data/"

/* A file of compare-data/, whole; NULL if it is not there. */
static char *data(const char *name)
{
	char path[256], *text = NULL;
	size_t cap = 0;
	FILE *f;

	snprintf(path, sizeof(path), DATA "%s", name);
	f = fopen(path, "r");
	if (!f)
		return NULL;
	if (getdelim(&text, &cap, '\0', f) < 0) {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

TEST(compare_splits_a_script)
{
	struct compare_script s;

	ASSERT_EQ(0, compare_split_script(
		"# a comment\n"
		"task start a; mmap a 8M  \n"
		"echo 'x; y' > /proc/sys/vm/foo # and a comment; not a command\n"
		"\n   ;;  \n"
		"echo \"#1\"; cat /proc/vmstat#not-a-comment\n"
		"balloon 256", &s));
	ASSERT_EQ(6, s.nr);
	EXPECT_STREQ("task start a", s.cmd[0]);
	EXPECT_STREQ("mmap a 8M", s.cmd[1]);
	EXPECT_STREQ("echo 'x; y' > /proc/sys/vm/foo", s.cmd[2]);
	EXPECT_STREQ("echo \"#1\"", s.cmd[3]);
	EXPECT_STREQ("cat /proc/vmstat#not-a-comment", s.cmd[4]);
	EXPECT_STREQ("balloon 256", s.cmd[5]);
	compare_free_script(&s);

	ASSERT_EQ(0, compare_split_script("", &s));
	EXPECT_EQ(0, s.nr);
	compare_free_script(&s);
}

TEST(compare_where_host_keeps)
{
	EXPECT_EQ(COMPARE_HOST_BALLOON, compare_where("balloon 256M"));
	EXPECT_EQ(COMPARE_HOST_INFO, compare_where("info balloon"));
	EXPECT_EQ(COMPARE_HOST_PHASE, compare_where("phase fill"));
	EXPECT_EQ(COMPARE_HOST_SNAPSHOT, compare_where("snapshot after"));
	EXPECT_EQ(COMPARE_HOST_INFO, compare_where("info"));
	EXPECT_EQ(COMPARE_AGENT, compare_where("balloons 1"));
	EXPECT_EQ(COMPARE_AGENT, compare_where("task start balloon"));
	EXPECT_EQ(COMPARE_AGENT, compare_where("echo 1 > /proc/sys/vm/compact_memory"));
	EXPECT_EQ(COMPARE_AGENT, compare_where("cat /proc/buddyinfo"));
	EXPECT_EQ(COMPARE_AGENT, compare_where("alloc s 9 4 movable"));
}

TEST(compare_splits_words)
{
	char buf[256], *argv[8];

	ASSERT_EQ(4, compare_cmd_words("echo 1>/proc/x", argv, 8, buf, sizeof(buf)));
	EXPECT_STREQ("echo", argv[0]);
	EXPECT_STREQ("1", argv[1]);
	EXPECT_STREQ(">", argv[2]);
	EXPECT_STREQ("/proc/x", argv[3]);
	ASSERT_EQ(2, compare_cmd_words("balloon '25 6'", argv, 8, buf, sizeof(buf)));
	EXPECT_STREQ("25 6", argv[1]);
	ASSERT_EQ(5, compare_cmd_words("expect f k >= 3", argv, 8, buf, sizeof(buf)));
	EXPECT_STREQ(">=", argv[3]);
	EXPECT_EQ(-EINVAL, compare_cmd_words("info 'balloon", argv, 8, buf, sizeof(buf)));
	EXPECT_EQ(-E2BIG, compare_cmd_words("a b c", argv, 2, buf, sizeof(buf)));
}

TEST(compare_params_translate)
{
	char *in[] = { "mem=256M", "movablecore=64M", "zsmalloc.movable=0",
		       "umm.seed=3", "page_poison=on", "virtio_balloon_dev.enable=1",
		       "virtio_balloon_dev.enable=0",
		       "sysctl.vm.extfrag_threshold=700" };
	struct compare_params p = { .param = in, .nr = 8 };
	unsigned long mib;

	ASSERT_EQ(0, compare_translate_params(&p));
	EXPECT_EQ(256, p.mem_mib);
	EXPECT_STREQ("movablecore=64M umm.seed=3 page_poison=on sysctl.vm.extfrag_threshold=700",
		     p.append);
	EXPECT_STREQ("zsmalloc.movable=0 virtio_balloon_dev.enable=0", p.umm_only);

	p.nr = 0;
	ASSERT_EQ(0, compare_translate_params(&p));
	EXPECT_EQ(COMPARE_DEFAULT_MEM_MIB, p.mem_mib);
	EXPECT_STREQ("", p.append);

	EXPECT_EQ(0, compare_parse_size_mib("1G", &mib));
	EXPECT_EQ(1024, mib);
	EXPECT_EQ(0, compare_parse_size_mib("536870912", &mib));
	EXPECT_EQ(512, mib);
	EXPECT_EQ(-EINVAL, compare_parse_size_mib("12Q", &mib));
	EXPECT_EQ(-EINVAL, compare_parse_size_mib("4K", &mib));
	EXPECT_EQ(-EINVAL, compare_parse_size_mib("-1M", &mib));
	EXPECT_EQ(-EINVAL, compare_parse_size_mib("99999999999999999999G", &mib));
}

TEST(compare_parse_vmstat_6_1)
{
	char *text = data("linux-6.1-vmstat.txt");
	struct compare_kvs *kvs = malloc(sizeof(*kvs));

	ASSERT_NE(NULL, text);
	ASSERT_NE(NULL, kvs);
	EXPECT_EQ(173, compare_parse_kvs(text, kvs));
	ASSERT_NE(NULL, compare_kv_find(kvs, "pgmigrate_success"));
	EXPECT_EQ(432, *compare_kv_find(kvs, "pgmigrate_success"));
	EXPECT_EQ(46335, *compare_kv_find(kvs, "pswpout"));
	EXPECT_EQ(4131, *compare_kv_find(kvs, "nr_free_pages"));
	EXPECT_EQ(0, *compare_kv_find(kvs, "compact_stall"));
	EXPECT_EQ(NULL, compare_kv_find(kvs, "compact_stal"));
	/* A file of another form is refused whole. */
	free(text);
	text = data("linux-6.1-meminfo.txt");
	ASSERT_NE(NULL, text);
	EXPECT_EQ(-EINVAL, compare_parse_kvs(text, kvs));
	EXPECT_EQ(0, kvs->nr);
	EXPECT_EQ(-EINVAL, compare_parse_kvs("a 1\nb 2 3\n", kvs));
	EXPECT_EQ(-EINVAL, compare_parse_kvs("a x\n", kvs));
	EXPECT_EQ(2, compare_parse_kvs("lru 5\n\nzsmalloc 7", kvs));
	free(text);
	free(kvs);
}

TEST(compare_parse_buddyinfo_6_1)
{
	static const unsigned long long want[] = { 5, 41, 99, 56, 106, 13, 3, 5, 1, 0, 0 };
	char *text = data("linux-6.1-buddyinfo.txt");
	struct compare_buddy b;
	int i;

	ASSERT_NE(NULL, text);
	EXPECT_EQ(2, compare_parse_buddyinfo(text, &b));
	ASSERT_EQ(11, b.nr_orders);
	for (i = 0; i < 11; i++)
		EXPECT_EQ(want[i], b.free[i]);
	EXPECT_EQ(0, compare_blocks_2m(&b));
	free(text);

	EXPECT_EQ(1, compare_parse_buddyinfo(
		"Node 0, zone   Normal      1      2      1      1      2      1      1      0      1      3      5 \n", &b));
	EXPECT_EQ(3 + 5 * 2, compare_blocks_2m(&b));

	/* zoneinfo is not buddyinfo; nor are zones of unequal orders. */
	text = data("linux-6.1-zoneinfo.txt");
	ASSERT_NE(NULL, text);
	EXPECT_EQ(-EINVAL, compare_parse_buddyinfo(text, &b));
	EXPECT_EQ(0, b.nr_orders);
	free(text);
	EXPECT_EQ(-EINVAL, compare_parse_buddyinfo(
		"Node 0, zone DMA 1 2 3\nNode 0, zone DMA32 1 2\n", &b));
	EXPECT_EQ(-EINVAL, compare_parse_buddyinfo("", &b));
}

TEST(compare_parse_mm_stat_meminfo_6_1)
{
	char *mm = data("linux-6.1-mm_stat.txt"), *mi = data("linux-6.1-meminfo.txt");
	struct compare_mm_stat m;
	unsigned long long kb;

	ASSERT_NE(NULL, mm);
	ASSERT_NE(NULL, mi);
	ASSERT_EQ(0, compare_parse_mm_stat(mm, &m));
	EXPECT_EQ(189792256, m.orig);
	EXPECT_EQ(74954026, m.compr);
	EXPECT_EQ(76427264, m.used);
	EXPECT_EQ(-EINVAL, compare_parse_mm_stat("12 13\n", &m));
	ASSERT_EQ(0, compare_parse_meminfo(mi, "MemAvailable", &kb));
	EXPECT_EQ(15424, kb);
	ASSERT_EQ(0, compare_parse_meminfo(mi, "MemTotal", &kb));
	EXPECT_EQ(466396, kb);
	EXPECT_EQ(-ENOENT, compare_parse_meminfo(mi, "MemAvail", &kb));
	EXPECT_EQ(-ENOENT, compare_parse_meminfo("", "MemAvailable", &kb));
	free(mm);
	free(mi);
}

TEST(compare_parse_kprobe_profile_sample)
{
	char *text = data("kprobe_profile.txt");
	unsigned long long hits;

	ASSERT_NE(NULL, text);
	ASSERT_EQ(0, compare_parse_kprobe_profile(text, "zs_page_migrate", &hits));
	EXPECT_EQ(3120, hits);
	ASSERT_EQ(0, compare_parse_kprobe_profile(text, "balloon_page_migrate", &hits));
	EXPECT_EQ(510, hits);
	ASSERT_EQ(0, compare_parse_kprobe_profile(text, "isolate_movable_page", &hits));
	EXPECT_EQ(3663, hits);
	EXPECT_EQ(-ENOENT, compare_parse_kprobe_profile(text, "compact_zone", &hits));
	EXPECT_EQ(-ENOENT, compare_parse_kprobe_profile("", "zs_page_migrate", &hits));
	EXPECT_EQ(-EINVAL, compare_parse_kprobe_profile("  zs_page_migrate 12\n",
							"zs_page_migrate", &hits));
	free(text);
}

/* Set a side's file from a string. */
static void set(struct compare_side *s, int after, enum compare_file f,
		const char *text)
{
	compare_side_set_file(s, after, f, text, strlen(text));
}

/* @text with the line of @key given @value. */
static char *with_value(const char *text, const char *key, const char *value)
{
	const char *at = strstr(text, key);
	size_t head = at - text, rest = strcspn(at, "\n");
	char *out = malloc(strlen(text) + strlen(value) + 64);

	sprintf(out, "%.*s%s %s%s", (int)head, text, key, value, at + rest);
	return out;
}

/* Two sides as a run gives them: umm made up, Linux from real files. */
static void make_sides(struct compare_side *sides)
{
	char *vm = data("linux-6.1-vmstat.txt"), *vm2;

	compare_side_init(&sides[0], "umm", false);
	set(&sides[0], 0, CF_VMSTAT, "pgmigrate_success 10\ncompact_stall 1\npgscan_anon 0\n");
	set(&sides[0], 1, CF_VMSTAT, "pgmigrate_success 110\ncompact_stall 4\npgscan_anon 77\n");
	set(&sides[0], 0, CF_BUDDYINFO, "Node 0, zone   Normal 1 2 1 1 2 1 1 0 1 1 125\n");
	set(&sides[0], 1, CF_BUDDYINFO, "Node 0, zone   Normal 1 0 0 0 1 1 1 0 1 1 93\n");
	set(&sides[0], 0, CF_MEMINFO, "MemTotal: 524288 kB\nMemAvailable: 511385 kB\n");
	set(&sides[0], 0, CF_MIGRATED, "lru 0\nballoon 0\nzsmalloc 0\nother 0\n");
	set(&sides[0], 1, CF_MIGRATED, "lru 60\nballoon 0\nzsmalloc 40\nother 0\n");
	sides[0].wall = 1.25;
	compare_side_phase(&sides[0], "phase fill", 0.25);
	compare_side_phase(&sides[0], "phase compact", 0.75);

	compare_side_init(&sides[1], "Linux 6.1.0-57-amd64", true);
	vm2 = with_value(vm, "pgmigrate_success", "5432");
	set(&sides[1], 0, CF_VMSTAT, vm);
	set(&sides[1], 1, CF_VMSTAT, vm2);
	free(vm);
	free(vm2);
	vm = data("linux-6.1-buddyinfo.txt");
	set(&sides[1], 0, CF_BUDDYINFO, vm);
	set(&sides[1], 1, CF_BUDDYINFO, "Node 0, zone DMA 0 0 0 0 0 0 0 0 0 1 3\n"
					 "Node 0, zone DMA32 0 0 0 0 0 0 0 0 0 2 40\n");
	free(vm);
	vm = data("linux-6.1-mm_stat.txt");
	set(&sides[1], 1, CF_MM_STAT, vm);
	free(vm);
	vm = data("linux-6.1-meminfo.txt");
	set(&sides[1], 0, CF_MEMINFO, vm);
	free(vm);
	set(&sides[1], 0, CF_MIGRATED, "  zs_page_migrate 0 0\n  balloon_page_migrate 0 0\n");
	vm = data("kprobe_profile.txt");
	set(&sides[1], 1, CF_MIGRATED, vm);
	free(vm);
	sides[1].wall = 61.5;
	compare_side_phase(&sides[1], "phase compact", 12.5);
	compare_side_phase(&sides[1], "phase balloon", 20);
	compare_side_fail(&sides[1], "alloc big 9 16 movable",
			  "umm: alloc: not available on Linux 6.1.0-57-amd64: the helper module could not be built");
}

/* The table's text. */
static char *table(const struct compare_side *sides, int nr)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	compare_print_table(f, sides, nr);
	fclose(f);
	return text;
}

/* The line of @text that begins with @label (after spaces), or NULL. */
/* Not inlined: gcc 12 sees a dangling pointer in the tests otherwise. */
static noinline const char *row(const char *text, const char *label)
{
	const char *l;

	for (l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		const char *p = l;

		while (*p == ' ')
			p++;
		if (!strncmp(p, label, strlen(label)))
			return l;
	}
	return NULL;
}

/* Does the line at @line hold @cells, in this order? */
static bool row_has(const char *line, const char *a, const char *b)
{
	char *copy, *pa;
	bool ok;

	if (!line)
		return false;
	copy = strndup(line, strcspn(line, "\n"));
	pa = strstr(copy, a);
	ok = pa && strstr(pa + strlen(a), b);

	free(copy);
	return ok;
}

/* A row of the section "pages migrated by kind". */
static noinline const char *kind_row(const char *text, const char *label)
{
	const char *section = strstr(text, "pages migrated by kind");

	return section ? row(section, label) : NULL;
}

TEST(compare_table)
{
	struct compare_side sides[2];
	const char *l;
	char *text;

	make_sides(sides);
	text = table(sides, 2);
	ASSERT_NE(NULL, text);
	if (getenv("COMPARE_SHOW"))
		fputs(text, stderr);
	for (l = text; *l; l += strcspn(l, "\n") + 1)
		ASSERT_GE(COMPARE_TABLE_WIDTH, (int)strcspn(l, "\n")) {
			TH_LOG("too wide: %.*s", (int)strcspn(l, "\n"), l);
		}
	EXPECT_TRUE(row_has(text, "umm", "Linux 6.1.0-57-amd64"));
	EXPECT_TRUE(row_has(row(text, "status"), "ok", "failed: alloc big 9 16"));
	EXPECT_NE(NULL, strstr(text, "umm: alloc: not available on\n"));
	EXPECT_NE(NULL, strstr(text, "Linux 6.1.0-57-amd64: the\n"));
	EXPECT_TRUE(row_has(row(text, "in 2 MiB blocks"), "251 -> 187", "0 -> 89"));
	EXPECT_TRUE(row_has(row(text, "free blocks of order 1 "), "2 -> 0", "41 -> 0"));
	EXPECT_TRUE(row_has(row(text, "pgmigrate_success"), "100", "5000"));
	EXPECT_TRUE(row_has(row(text, "compact_stall"), "3", "0"));
	/* Only umm has pgscan_anon: Linux's column says so with "-"... */
	EXPECT_TRUE(row_has(row(text, "pgscan_anon"), "77", "0"));
	/* ...and mm_stat is Linux's only. */
	EXPECT_TRUE(row_has(row(text, "orig_data_size"), "-", "181.0 MiB"));
	EXPECT_TRUE(row_has(row(text, "MemAvailable at start"), "499.4 MiB", "15.1 MiB"));
	EXPECT_TRUE(row_has(row(text, "wall time"), "1.2 s", "61.5 s"));
	EXPECT_NE(NULL, row(text, "phases, seconds into the script"));
	EXPECT_TRUE(row_has(row(text, "fill"), "0.2 s", "-"));
	EXPECT_TRUE(row_has(row(text, "compact "), "0.8 s", "12.5 s"));
	EXPECT_TRUE(row_has(row(text, "balloon "), "-", "20.0 s"));
	EXPECT_TRUE(row_has(kind_row(text, "LRU"), "60", "1370"));
	EXPECT_TRUE(row_has(kind_row(text, "zsmalloc"), "40", "3120"));
	EXPECT_TRUE(row_has(kind_row(text, "balloon "), "0", "510"));
	free(text);

	sides[1].cached = true;
	text = table(sides, 2);
	EXPECT_NE(NULL, strstr(text, "Linux 6.1.0-57-amd64 (cached)"));
	free(text);

	/* A side that ended in the middle of a command. */
	sides[0].status = 2;
	strcpy(sides[0].failed_cmd, "fill a");
	strcpy(sides[0].error, "umm ended by signal 11");
	text = table(sides, 2);
	EXPECT_TRUE(row_has(row(text, "status"), "did not finish: fill a", "failed:"));
	EXPECT_TRUE(row_has(row(text, "its error"), "umm ended by signal 11", "umm: alloc"));
	free(text);
	compare_side_free(&sides[0]);
	compare_side_free(&sides[1]);
}

/* A private directory for a test; removed by the caller's rm -rf. */
static void private_dir(char *buf, size_t size)
{
	snprintf(buf, size, "/tmp/umm-test-compare.XXXXXX");
	if (!mkdtemp(buf))
		buf[0] = '\0';
}

static void put_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static void rm_rf(const char *dir)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		perror(cmd);
}

TEST(compare_cache_key)
{
	char dir[64], kernel[128], initrd[128];
	char *p1[] = { "mem=256M" }, *p2[] = { "mem=512M" }, *p3[] = { "mem=256", "M" };
	struct compare_params params = { .param = p1, .nr = 1 };
	struct kcache_key k = {
		.script = "fill a\n", .params = &params, .release = "6.1.0-57-amd64",
		.kernel = kernel, .initrd = initrd,
	};
	unsigned long long h;

	private_dir(dir, sizeof(dir));
	ASSERT_NE(0, dir[0]);
	snprintf(kernel, sizeof(kernel), "%s/vmlinuz", dir);
	snprintf(initrd, sizeof(initrd), "%s/initrd", dir);
	put_file(kernel, "kernel one");
	put_file(initrd, "initrd one");
	h = kcache_hash(&k);
	EXPECT_EQ(h, kcache_hash(&k));
	k.script = "fill b\n";
	EXPECT_NE(h, kcache_hash(&k));
	k.script = "fill a\n";
	params.param = p2;
	EXPECT_NE(h, kcache_hash(&k));
	params.param = p3;
	params.nr = 2;
	EXPECT_NE(h, kcache_hash(&k));
	params.param = p1;
	params.nr = 1;
	k.release = "6.1.0-58-amd64";
	EXPECT_NE(h, kcache_hash(&k));
	k.release = "6.1.0-57-amd64";
	EXPECT_EQ(h, kcache_hash(&k));
	put_file(kernel, "kernel two");
	EXPECT_NE(h, kcache_hash(&k));
	put_file(kernel, "kernel one");
	EXPECT_EQ(h, kcache_hash(&k));
	put_file(initrd, "initrd two");
	EXPECT_NE(h, kcache_hash(&k));
	put_file(initrd, "initrd one");
	/* The same contents at another time: the same key. */
	utimes(initrd, NULL);
	EXPECT_EQ(h, kcache_hash(&k));
	rm_rf(dir);
}

/* An initramfs of @dir's files, all of mtime @t, as mkinitramfs.sh makes one. */
static int make_initrd(const char *dir, const char *out, int t, bool gz)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd),
		 "cd %s/root && find . -exec touch -h -d @%d {} + && "
		 "find . | cpio -o -H newc --quiet %s > %s", dir, t,
		 gz ? "| gzip -6" : "", out);
	return system(cmd);
}

TEST(compare_cache_initrd_contents)
{
	char dir[64], a[128], b[128], c[128], d[128], root[128];
	unsigned long long h;

	private_dir(dir, sizeof(dir));
	ASSERT_NE(0, dir[0]);
	snprintf(root, sizeof(root), "%s/root", dir);
	ASSERT_EQ(0, mkdir(root, 0755));
	snprintf(a, sizeof(a), "%s/root/init", dir);
	put_file(a, "#!/bin/sh\nexec agent\n");
	snprintf(a, sizeof(a), "%s/a.cpio.gz", dir);
	snprintf(b, sizeof(b), "%s/b.cpio.gz", dir);
	snprintf(c, sizeof(c), "%s/c.cpio", dir);
	snprintf(d, sizeof(d), "%s/d.cpio", dir);
	ASSERT_EQ(0, make_initrd(dir, a, 1000, true));
	ASSERT_EQ(0, make_initrd(dir, b, 2000, true));
	ASSERT_EQ(0, make_initrd(dir, c, 3000, false));
	/* Other bytes (the mtimes), the same files: the same identity. */
	ASSERT_NE(kcache_hash_file(1, a), kcache_hash_file(1, b));
	h = kcache_hash_initrd(1, a);
	EXPECT_EQ(h, kcache_hash_initrd(1, b));
	EXPECT_EQ(h, kcache_hash_initrd(1, c));
	/* Other contents: another identity. */
	snprintf(root, sizeof(root), "%s/root/init", dir);
	put_file(root, "#!/bin/sh\nexec agent2\n");
	ASSERT_EQ(0, make_initrd(dir, d, 1000, false));
	EXPECT_NE(h, kcache_hash_initrd(1, d));
	/* Not an archive, or a damaged one: its bytes. */
	EXPECT_EQ(kcache_hash_file(1, root), kcache_hash_initrd(1, root));
	ASSERT_EQ(0, truncate(c, 200));
	EXPECT_EQ(kcache_hash_file(1, c), kcache_hash_initrd(1, c));
	rm_rf(dir);
}

TEST(compare_cache_entry)
{
	struct compare_side sides[2], back;
	char dir[64], path[4200], *text;
	struct stat st;
	FILE *f;

	private_dir(dir, sizeof(dir));
	ASSERT_NE(0, dir[0]);
	setenv("XDG_CACHE_HOME", dir, 1);
	ASSERT_EQ(0, kcache_path(path, sizeof(path), 0x1234abcdULL));
	EXPECT_NE(NULL, strstr(path, "/umm/compare/00000000"));
	EXPECT_EQ(-ENOENT, kcache_load(path, &back));

	make_sides(sides);
	compare_side_append(&sides[1], "@@ an output line\n", 18);
	ASSERT_EQ(0, kcache_store(path, &sides[1]));
	ASSERT_EQ(0, kcache_load(path, &back));
	EXPECT_TRUE(back.cached);
	EXPECT_STREQ(sides[1].label, back.label);
	EXPECT_STREQ(sides[1].failed_cmd, back.failed_cmd);
	EXPECT_STREQ(sides[1].error, back.error);
	EXPECT_EQ(1, back.status);
	EXPECT_STREQ(sides[1].file[1][CF_VMSTAT], back.file[1][CF_VMSTAT]);
	EXPECT_STREQ(sides[1].file[1][CF_MIGRATED], back.file[1][CF_MIGRATED]);
	EXPECT_EQ(NULL, back.file[0][CF_MM_STAT]);
	EXPECT_STREQ("@@ an output line\n", back.transcript);
	ASSERT_EQ(2, back.nr_phases);
	EXPECT_STREQ("balloon", back.phase[1].name);
	EXPECT_EQ(20000, (int)(back.phase[1].t * 1000));
	compare_side_free(&back);

	/* Cut short, or with a byte changed in a length: damaged. */
	ASSERT_EQ(0, stat(path, &st));
	ASSERT_EQ(0, truncate(path, st.st_size - 10));
	EXPECT_EQ(-EINVAL, kcache_load(path, &back));
	EXPECT_EQ(NULL, back.file[0][CF_VMSTAT]);
	ASSERT_EQ(0, truncate(path, 0));
	EXPECT_EQ(-EINVAL, kcache_load(path, &back));
	put_file(path, "umm-compare 999\nlabel x\n");
	EXPECT_EQ(-EINVAL, kcache_load(path, &back));
	ASSERT_EQ(0, kcache_store(path, &sides[1]));
	f = fopen(path, "r+");
	ASSERT_NE(NULL, f);
	text = calloc(1, st.st_size + 1);
	ASSERT_EQ(st.st_size, (off_t)fread(text, 1, st.st_size, f));
	*strstr(text, "file before vmstat ") = 'F';
	rewind(f);
	fwrite(text, 1, st.st_size, f);
	fclose(f);
	free(text);
	EXPECT_EQ(-EINVAL, kcache_load(path, &back));
	/* Written again, it reads back. */
	ASSERT_EQ(0, kcache_store(path, &sides[1]));
	EXPECT_EQ(0, kcache_load(path, &back));
	compare_side_free(&back);
	compare_side_free(&sides[0]);
	compare_side_free(&sides[1]);
	rm_rf(dir);
}

TEST(compare_qmp_messages)
{
	char buf[128], desc[64];
	unsigned long long actual;

	ASSERT_LT(0, qmp_format_balloon(buf, sizeof(buf), 402653184ULL));
	EXPECT_STREQ("{\"execute\": \"balloon\", \"arguments\": {\"value\": 402653184}}\n", buf);
	EXPECT_EQ(-E2BIG, qmp_format_balloon(buf, 20, 1));

	EXPECT_EQ(QMP_GREETING, qmp_reply_kind(
		"{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}}, \"capabilities\": [\"oob\"]}}"));
	EXPECT_EQ(QMP_RETURN, qmp_reply_kind("{\"return\": {}}"));
	EXPECT_EQ(QMP_ERROR, qmp_reply_kind(
		"{\"error\": {\"class\": \"DeviceNotActive\", \"desc\": \"No balloon device has been activated\"}}"));
	EXPECT_EQ(QMP_EVENT, qmp_reply_kind(
		"{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"BALLOON_CHANGE\", \"data\": {\"actual\": 1}}"));
	EXPECT_EQ(-EINVAL, qmp_reply_kind("not json"));
	EXPECT_EQ(-EINVAL, qmp_reply_kind("{\"other\": 1}"));

	ASSERT_EQ(0, qmp_reply_actual("{\"return\": {\"actual\": 536870912}}", &actual));
	EXPECT_EQ(536870912ULL, actual);
	EXPECT_EQ(-EINVAL, qmp_reply_actual("{\"return\": {}}", &actual));
	EXPECT_EQ(-EINVAL, qmp_reply_actual(
		"{\"timestamp\": {}, \"event\": \"BALLOON_CHANGE\", \"data\": {\"actual\": 1}}", &actual));
	ASSERT_EQ(0, qmp_reply_error(
		"{\"error\": {\"class\": \"GenericError\", \"desc\": \"a \\\"quoted\\\" word\"}}",
		desc, sizeof(desc)));
	EXPECT_STREQ("a \"quoted\" word", desc);
	EXPECT_EQ(-EINVAL, qmp_reply_error("{\"return\": {}}", desc, sizeof(desc)));
}

TEST(compare_balloon_target)
{
	unsigned long long b;

	EXPECT_EQ(0, qmp_parse_target("256", &b));
	EXPECT_EQ(256ULL << 20, b);
	EXPECT_EQ(0, qmp_parse_target("1G", &b));
	EXPECT_EQ(1ULL << 30, b);
	EXPECT_EQ(0, qmp_parse_target("4096k", &b));
	EXPECT_EQ(4096ULL << 10, b);
	EXPECT_EQ(-EINVAL, qmp_parse_target("12T", &b));
	EXPECT_EQ(-EINVAL, qmp_parse_target("", &b));
	EXPECT_EQ(-EINVAL, qmp_parse_target("M", &b));
	EXPECT_EQ(-ERANGE, qmp_parse_target("99999999999999999999999", &b));
	EXPECT_EQ(-ERANGE, qmp_parse_target("17179869184G", &b));
}

/*
 * A fake QMP server on @fd: the greeting, then replies; the balloon's
 * "actual" moves 64 MiB towards the target per query, never below
 * @floor (a guest that cannot give more), an event before each reply.
 */
static void fake_qmp(int fd, unsigned long long ram, unsigned long long floor)
{
	struct compare_lb lb;
	unsigned long long actual = ram, target = ram;
	char line[512], out[256];
	const char *v;

	compare_lb_init(&lb, fd, NULL);
	dprintf(fd, "{\"QMP\": {\"version\": {}, \"capabilities\": []}}\r\n");
	while (compare_lb_read(&lb, line, sizeof(line), 10000) >= 0) {
		dprintf(fd, "{\"timestamp\": {\"seconds\": 1}, \"event\": \"X\"}\r\n");
		if (strstr(line, "query-balloon")) {
			if (actual > target + (64 << 20))
				actual -= 64 << 20;
			else if (actual > target)
				actual = target;
			if (actual < floor)
				actual = floor;
			snprintf(out, sizeof(out), "{\"return\": {\"actual\": %llu}}\r\n",
				 actual);
		} else if ((v = strstr(line, "\"value\": "))) {
			target = strtoull(v + 9, NULL, 10);
			snprintf(out, sizeof(out), "{\"return\": {}}\r\n");
		} else {
			snprintf(out, sizeof(out), "{\"return\": {}}\r\n");
		}
		dprintf(fd, "%s", out);
	}
	_exit(0);
}

/*
 * Run a console balloon command against fake_qmp(), in a guest of 512 MiB
 * and @extra MiB more for its own kernel; its output in @out.
 */
static int balloon_cmd_extra(const char *cmd, unsigned long long floor,
			     unsigned long long extra, char *out, size_t osize,
			     char *err, size_t esize)
{
	struct compare_lb lb;
	struct qmp_balloon b = { .m = &lb, .ram = (512ULL + extra) << 20,
				 .extra = extra << 20, .stall_ms = 300,
				 .poll_ms = 10 };
	char words[256], *argv[4];
	int sv[2], argc, ret;
	FILE *f;
	pid_t pid;

	memset(out, 0, osize);
	f = fmemopen(out, osize, "w");

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return -errno;
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		fake_qmp(sv[1], b.ram, floor);
	}
	close(sv[1]);
	compare_lb_init(&lb, sv[0], NULL);
	err[0] = '\0';
	ret = qmp_handshake(&lb, 5000);
	argc = compare_cmd_words(cmd, argv, 4, words, sizeof(words));
	if (!ret && !strcmp(argv[0], "balloon"))
		ret = qmp_cmd_balloon(&b, argc, argv, f, err, esize);
	else if (!ret)
		ret = qmp_cmd_info(&b, argc, argv, f, err, esize);
	fclose(f);
	close(sv[0]);
	waitpid(pid, NULL, 0);
	return ret;
}

static int balloon_cmd(const char *cmd, unsigned long long floor, char *out,
		       size_t osize, char *err, size_t esize)
{
	return balloon_cmd_extra(cmd, floor, 0, out, osize, err, esize);
}

/*
 * A scenario's guest with 80 MiB more than umm: the script's sizes stay
 * umm's.  The stall line shows both directions: QMP was asked for 128M
 * + 80M, and the guest's 380M is reported as 300M.
 */
TEST(compare_balloon_extra_memory)
{
	char out[512], err[256];

	ASSERT_EQ(0, balloon_cmd_extra("info balloon", 0, 80, out, sizeof(out),
				       err, sizeof(err)));
	EXPECT_STREQ("balloon: actual=512\n", out);
	ASSERT_EQ(0, balloon_cmd_extra("balloon 128", 380ULL << 20, 80, out,
				       sizeof(out), err, sizeof(err)));
	EXPECT_STREQ("balloon: stopped at actual=300 (target 128): the guest made no more progress\n", out);
	/* Reached: the guest stops at 208M (the fake moves to the target). */
	ASSERT_EQ(0, balloon_cmd_extra("balloon 128", 0, 80, out, sizeof(out),
				       err, sizeof(err)));
	EXPECT_STREQ("", out);
	ASSERT_EQ(0, balloon_cmd_extra("balloon 600", 0, 80, out, sizeof(out),
				       err, sizeof(err)));
	EXPECT_STREQ("balloon: 600M is more than the guest's memory (512M): asking for 512M\n", out);
}

TEST(compare_balloon_through_qmp)
{
	char out[512], err[256];

	ASSERT_EQ(0, balloon_cmd("info balloon", 0, out, sizeof(out), err, sizeof(err)));
	EXPECT_STREQ("balloon: actual=512\n", out);
	ASSERT_EQ(0, balloon_cmd("balloon 256", 0, out, sizeof(out), err, sizeof(err)));
	EXPECT_STREQ("", out);
	/* More than the guest has: as umm's console says it. */
	ASSERT_EQ(0, balloon_cmd("balloon 1G", 0, out, sizeof(out), err, sizeof(err)));
	EXPECT_STREQ("balloon: 1024M is more than the guest's memory (512M): asking for 512M\n", out);
	/* A guest that stops giving pages. */
	ASSERT_EQ(0, balloon_cmd("balloon 128", 300ULL << 20, out, sizeof(out), err, sizeof(err)));
	EXPECT_STREQ("balloon: stopped at actual=300 (target 128): the guest made no more progress\n", out);
	/* Bad sizes: the console's error lines. */
	EXPECT_EQ(-EINVAL, balloon_cmd("balloon -5", 0, out, sizeof(out), err, sizeof(err)));
	EXPECT_STREQ("umm: balloon: bad size '-5': a target cannot be negative", err);
	EXPECT_EQ(-EINVAL, balloon_cmd("balloon 0", 0, out, sizeof(out), err, sizeof(err)));
	EXPECT_STREQ("umm: balloon: bad size '0': the target must be more than 0", err);
	EXPECT_EQ(-EINVAL, balloon_cmd("balloon 5X", 0, out, sizeof(out), err, sizeof(err)));
	EXPECT_STREQ("umm: balloon: bad size '5X' (MiB, or a number with K, M or G)", err);
	EXPECT_EQ(-EINVAL, balloon_cmd("info ballon", 0, out, sizeof(out), err, sizeof(err)));
	EXPECT_STREQ("umm: info: unknown item 'ballon' (only 'balloon')", err);
}

/* A fake guest agent on @fd, the protocol's side of the guest. */
static void fake_agent(int fd)
{
	struct compare_lb lb;
	char line[512];

	compare_lb_init(&lb, fd, NULL);
	dprintf(fd, "[    1.0] a kernel message\r\n@@ READY 6.1.0-fake\n");
	while (compare_lb_read(&lb, line, sizeof(line), 20000) >= 0) {
		if (!strcmp(line, "@@ QUIT"))
			break;
		if (!strncmp(line, "cat ", 4))
			dprintf(fd, "Node 0, zone DMA 1 2\n @@ END 0 (output, not the end)\n@@ END 0\n");
		else if (!strcmp(line, "fail"))
			dprintf(fd, "some output\numm: fail: not available on Linux 6.1.0-fake: a test\n@@ END 1\n");
		else if (!strcmp(line, "hang"))
			pause();
		else if (!strcmp(line, "die"))
			_exit(0);
		else
			dprintf(fd, "@@ WHAT\n");
	}
	_exit(0);
}

static pid_t start_fake_agent(int *fd)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		fake_agent(sv[1]);
	}
	close(sv[1]);
	*fd = sv[0];
	return pid;
}

static void collect(void *arg, const char *line)
{
	char *buf = arg;

	strcat(buf, line);
	strcat(buf, "|");
}

TEST(compare_agent_session)
{
	char release[64], out[1024] = "";
	struct compare_lb lb;
	int fd, status;
	pid_t pid = start_fake_agent(&fd);

	ASSERT_LT(0, pid);
	compare_lb_init(&lb, fd, NULL);
	ASSERT_EQ(0, agent_wait_ready(&lb, release, sizeof(release), 5000));
	EXPECT_STREQ("6.1.0-fake", release);
	EXPECT_EQ(0, agent_command(&lb, "cat /proc/buddyinfo", 5000, collect, out));
	EXPECT_STREQ("Node 0, zone DMA 1 2|@@ END 0 (output, not the end)|", out);
	out[0] = '\0';
	EXPECT_EQ(1, agent_command(&lb, "fail", 5000, collect, out));
	EXPECT_STREQ("some output|umm: fail: not available on Linux 6.1.0-fake: a test|", out);
	EXPECT_EQ(-EPROTO, agent_command(&lb, "what", 5000, NULL, NULL));
	EXPECT_EQ(-EINVAL, agent_command(&lb, "two\nlines", 5000, NULL, NULL));
	EXPECT_EQ(0, agent_quit(&lb));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_EQ(0, status);
	close(fd);
	EXPECT_STREQ("@@x", agent_unescape(" @@x"));
	EXPECT_STREQ(" x", agent_unescape(" x"));
}

TEST(compare_agent_hang_and_death)
{
	char release[64];
	struct compare_lb lb;
	int fd, status;
	pid_t pid = start_fake_agent(&fd);
	double t0;

	ASSERT_LT(0, pid);
	compare_lb_init(&lb, fd, NULL);
	ASSERT_EQ(0, agent_wait_ready(&lb, release, sizeof(release), 5000));
	t0 = compare_now();
	EXPECT_EQ(-ETIMEDOUT, agent_command(&lb, "hang", 300, NULL, NULL));
	EXPECT_LE(0.29, compare_now() - t0);
	EXPECT_GT(2.0, compare_now() - t0);
	kill(pid, SIGKILL);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	/* The guest is gone: said at once, not after the timeout. */
	t0 = compare_now();
	EXPECT_EQ(-EPIPE, agent_command(&lb, "cat x", 5000, NULL, NULL));
	EXPECT_GT(1.0, compare_now() - t0);
	close(fd);

	pid = start_fake_agent(&fd);
	ASSERT_LT(0, pid);
	compare_lb_init(&lb, fd, NULL);
	ASSERT_EQ(0, agent_wait_ready(&lb, release, sizeof(release), 5000));
	EXPECT_EQ(-EPIPE, agent_command(&lb, "die", 5000, NULL, NULL));
	waitpid(pid, &status, 0);
	close(fd);
	/* Nothing left behind. */
	EXPECT_EQ(-1, waitpid(-1, NULL, WNOHANG));
	EXPECT_EQ(ECHILD, errno);
}

TEST(compare_agent_no_ready)
{
	sig_atomic_t stop = 0;
	char release[64];
	struct compare_lb lb;
	int sv[2];

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	compare_lb_init(&lb, sv[0], &stop);
	dprintf(sv[1], "booting...\n@@ READ");
	EXPECT_EQ(-ETIMEDOUT, agent_wait_ready(&lb, release, sizeof(release), 200));
	/* A signal's flag ends the wait. */
	stop = 1;
	EXPECT_EQ(-EINTR, agent_wait_ready(&lb, release, sizeof(release), 5000));
	close(sv[1]);
	stop = 0;
	EXPECT_EQ(-EPIPE, agent_wait_ready(&lb, release, sizeof(release), 5000));
	close(sv[0]);
}

TEST(compare_umm_side_text)
{
	char *p1[] = { "zram.num_devices=0" };
	struct compare_params params = { .param = p1, .nr = 0 };
	struct compare_script s;
	char *text;

	ASSERT_EQ(0, compare_split_script("fill a; # x\nverify a", &s));
	text = compare_umm_text(&params, &s);
	ASSERT_NE(NULL, text);
	EXPECT_NE(NULL, strstr(text, "echo @@compare FILE before vmstat\ncat /proc/vmstat\n"));
	EXPECT_NE(NULL, strstr(text, "cat /sys/block/zram0/mm_stat\n"));
	EXPECT_NE(NULL, strstr(text, "echo @@compare CMD 0\nfill a\necho @@compare CMD 1\nverify a\necho @@compare AFTER\n"));
	EXPECT_NE(NULL, strstr(text, "echo @@compare FILE after migrated\ncat /sys/kernel/debug/umm/migrated\n"));
	free(text);
	params.nr = 1;
	text = compare_umm_text(&params, &s);
	EXPECT_EQ(NULL, strstr(text, "mm_stat"));
	free(text);
	compare_free_script(&s);
}

UMM_TEST_MAIN

static bool has_stat(const struct scenario_run *run, const char *key)
{
	unsigned int i;

	for (i = 0; i < run->nr_stats; i++)
		if (!strcmp(run->stats[i].key, key))
			return true;
	return false;
}

/*
 * The Linux side as a scenario run: the probes' results from the
 * output, the free lists at phases and snapshots, vmstat's counters as
 * their change over the script, pages migrated by kind, and a record
 * that survives the cache.
 */
TEST(compare_linux_side_as_a_scenario_run)
{
	struct compare_side sides[2], back;
	struct scenario_run run;
	char dir[64], path[4200];
	char *buddy = data("linux-6.1-buddyinfo.txt");

	make_sides(sides);
	/* What linux.c does at `phase compact` and `snapshot before`. */
	krecord_add(&sides[1], 0.5, "phase compact");
	krecord_buddy(&sides[1], "compact", buddy, 0.5);
	krecord_buddy(&sides[1], "before", buddy, 0.75);
	/* Not buddyinfo: nothing is kept. */
	krecord_buddy(&sides[1], "bad", "no such file\n", 0.8);
	/* The output of alloc and spawn, and lines that only look like it. */
	krecord_output(&sides[1], "net: 6000/8192 order-3 allocations succeeded", 1.0);
	krecord_output(&sides[1], "thp: 3/200 order-9 allocations succeeded", 1.5);
	krecord_output(&sides[1], "spawn sh: 46 of 48 tasks started", 2.0);
	krecord_output(&sides[1], "x: 9/8 order-3 allocations succeeded", 2.1);
	krecord_output(&sides[1], "x: 1/8 order-11 allocations succeeded", 2.1);
	krecord_output(&sides[1], "x: 1/8 order-3 allocations succeeded!", 2.1);
	krecord_output(&sides[1], "echo spawn sh: 1 of 2 tasks started", 2.1);
	sides[1].script_time = 3.0;

	ASSERT_EQ(0, krecord_to_run(&sides[1], &run));
	EXPECT_STREQ("Linux 6.1.0-57-amd64", run.label);
	EXPECT_STREQ("6.1.0-57-amd64", run.linux_release);
	EXPECT_EQ(6000, run.alloc_ok[3]);
	EXPECT_EQ(8192, run.alloc_total[3]);
	EXPECT_EQ(3, run.alloc_ok[9]);
	EXPECT_EQ(46, run.alloc_ok[2]);
	EXPECT_EQ(48, run.alloc_total[2]);
	EXPECT_EQ(0, run.alloc_total[10]);
	EXPECT_EQ(2, report_stat(&run, "task_failures"));
	ASSERT_EQ(1, run.nr_phases);
	EXPECT_STREQ("compact", run.phases[0].name);
	/* DMA and DMA32 summed: 2+3 free blocks of order 0, 1+55 of order 3. */
	ASSERT_NE(NULL, report_buddy(&run, "before"));
	EXPECT_EQ(5, report_buddy(&run, "before")->nr_free[0]);
	EXPECT_EQ(56, report_buddy(&run, "before")->nr_free[3]);
	EXPECT_EQ(NULL, report_buddy(&run, "bad"));
	/* "end" is the buddyinfo read after the script. */
	ASSERT_NE(NULL, report_buddy(&run, "end"));
	EXPECT_EQ(43, report_buddy(&run, "end")->nr_free[10]);
	/* Counters changed over the script; gauges are not counters. */
	EXPECT_EQ(5432 - 432, report_stat(&run, "pgmigrate_success"));
	EXPECT_TRUE(has_stat(&run, "compact_stall"));
	EXPECT_EQ(0, report_stat(&run, "compact_stall"));
	EXPECT_FALSE(has_stat(&run, "nr_free_pages"));
	/* zs_page_migrate 3120 and balloon_page_migrate 510 calls. */
	EXPECT_EQ(3120, report_stat(&run, "migrated_zsmalloc"));
	EXPECT_EQ(510, report_stat(&run, "migrated_balloon"));
	EXPECT_EQ(5000 - 3120 - 510, report_stat(&run, "migrated_lru"));
	EXPECT_EQ(1, run.ended);
	EXPECT_EQ(1, run.exit_status);	/* the side's failed command */
	report_free_run(&run);

	/* The record goes through the cache whole. */
	private_dir(dir, sizeof(dir));
	ASSERT_NE(0, dir[0]);
	setenv("XDG_CACHE_HOME", dir, 1);
	ASSERT_EQ(0, kcache_path(path, sizeof(path), 0x5eedULL));
	ASSERT_EQ(0, kcache_store(path, &sides[1]));
	ASSERT_EQ(0, kcache_load(path, &back));
	EXPECT_STREQ(sides[1].record, back.record);
	ASSERT_EQ(0, krecord_to_run(&back, &run));
	EXPECT_EQ(6000, run.alloc_ok[3]);
	report_free_run(&run);
	compare_side_free(&back);

	/* A damaged record is refused, not half read. */
	free(sides[1].record);
	sides[1].record = strdup("0.5 @ phase ok\nnot a time @ phase x\n");
	sides[1].record_len = strlen(sides[1].record);
	EXPECT_EQ(-EINVAL, krecord_to_run(&sides[1], &run));
	report_free_run(&run);

	free(buddy);
	compare_side_free(&sides[0]);
	compare_side_free(&sides[1]);
	rm_rf(dir);
}
