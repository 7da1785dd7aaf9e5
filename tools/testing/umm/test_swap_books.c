// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_swap_books.c - swap: the books, the console
 *
 * pswpout against zram's writes and mm_stat, /proc/swaps Used against
 * MM_SWAPENTS, SwapTotal/SwapFree, and nothing left behind at the end;
 * the console's swap verbs, /proc/swaps's format, their bad input (one
 * line of error, nothing changed), and the mmap limit of RAM plus swap.
 */
#include "swap_test.h"

SWAP_FIXTURE(det64, deterministic, "mem=64M umm.deterministic=1")
SWAP_FIXTURE(det128, deterministic, "mem=128M umm.deterministic=1")

/* ---- the books ----------------------------------------------------------- */

/*
 * Deterministic, so that every relation is exact: every page stolen was
 * written (pswpout == pgsteal), every write reached zram (its num_writes
 * count has mkswap's header besides), each swap-in is a major fault and
 * a read of zram, each freed slot a notify_free, and /proc/swaps Used,
 * the tasks' MM_SWAPENTS and zram's stored pages agree at every step:
 * after the fills, after a verify, after madvise(DONTNEED) drops swapped
 * pages, after the tasks exit, after swapoff and reset.
 */
TEST_F_TIMEOUT(det128, swap_counters_agree_with_zram_and_proc_swaps, UMM_TIMEOUT(120))
{
	unsigned long long writes0, reads0, notify0;
	unsigned long out, in, ents, dropped;
	struct verify_result res;
	struct counters c0, c1;
	struct workload *w[2];

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "256M", -1));
	EXPECT_EQ(1, zram_writes("zram0"));	/* mkswap's header */
	writes0 = zram_writes("zram0");
	reads0 = zram_reads("zram0");
	notify0 = zstat("zram0", "io_stat", NOTIFY_FREE);
	take(&c0);

	w[0] = task_filled("a", MB(96), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, w[0]);
	w[1] = task_filled("b", MB(96), 500, umm_test_seed + 1, NULL);
	ASSERT_NE(NULL, w[1]);
	settle();
	take(&c1);
	out = c1.pswpout - c0.pswpout;
	printf("# fills: pswpout %lu, kswapd %lu/%lu, direct %lu/%lu (steal/scan), allocstall %lu, pageoutrun %lu\n",
	       out, c1.steal_kswapd - c0.steal_kswapd,
	       c1.scan_kswapd - c0.scan_kswapd,
	       c1.steal_direct - c0.steal_direct,
	       c1.scan_direct - c0.scan_direct,
	       c1.allocstall - c0.allocstall, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LE(16384, out);
	EXPECT_EQ(0, c1.pswpin - c0.pswpin);
	EXPECT_EQ(out, c1.steal_anon - c0.steal_anon);
	EXPECT_EQ(out, zram_writes("zram0") - writes0);
	EXPECT_EQ(0, zstat("zram0", "io_stat", FAILED_WRITES));
	EXPECT_EQ((long)out, swap_used_pages("zram0"));
	EXPECT_EQ(out, swapents(w[0]) + swapents(w[1]));
	EXPECT_EQ(out + 1, zpages("zram0"));
	/*
	 * The tasks' faults woke kswapd, whose work (inline) kept the
	 * node balanced: they never had to reclaim themselves.  Direct
	 * reclaim has its own test below.
	 */
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	check_swap_books(_metadata, "zram0", w, 2);
	check_reclaim_counters(_metadata);

	/* Swap-ins: major faults, zram reads, freed slots. */
	EXPECT_EQ(0, verify_mismatches(w[0], &res));
	settle();
	take(&c1);
	in = c1.pswpin - c0.pswpin;
	out = c1.pswpout - c0.pswpout;
	EXPECT_LT(0, in);
	EXPECT_EQ(in, c1.majflt - c0.majflt);
	EXPECT_EQ(in, zram_reads("zram0") - reads0);
	EXPECT_EQ(in, zstat("zram0", "io_stat", NOTIFY_FREE) - notify0);
	EXPECT_EQ(out, zram_writes("zram0") - writes0);
	EXPECT_EQ(out, c1.steal_anon - c0.steal_anon);
	EXPECT_EQ((long)(out - in), swap_used_pages("zram0"));
	check_swap_books(_metadata, "zram0", w, 2);
	check_reclaim_counters(_metadata);

	/* Dropping swapped pages frees their slots, and zram's copies. */
	ents = swapents(w[1]);
	ASSERT_LT(0, ents);
	notify0 = zstat("zram0", "io_stat", NOTIFY_FREE);
	ASSERT_EQ(12288, workload_dontneed(w[1], 50, 2, 0));
	settle();
	dropped = ents - swapents(w[1]);
	EXPECT_LT(0, dropped);
	EXPECT_EQ(dropped, zstat("zram0", "io_stat", NOTIFY_FREE) - notify0);
	EXPECT_EQ((long)(out - in - dropped), swap_used_pages("zram0"));
	check_swap_books(_metadata, "zram0", w, 2);

	/* Exit: every slot free, zram holds mkswap's header and no more. */
	take(&c1);
	EXPECT_EQ(0, workload_stop(w[0]));
	EXPECT_EQ(0, workload_stop(w[1]));
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_EQ(c1.pswpout - c0.pswpout + 1 - 1,
		  zstat("zram0", "io_stat", NOTIFY_FREE));
	EXPECT_EQ(0, global_node_page_state(NR_ANON_MAPPED));
	EXPECT_EQ(meminfo_kb("SwapTotal:"), meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, sys_swapoff("zram0"));
	EXPECT_EQ(0, meminfo_kb("SwapTotal:"));
	EXPECT_LT(0, global_zone_page_state(NR_ZSPAGES));
	EXPECT_EQ(0, zwrite("zram0", "reset", "1"));
	EXPECT_EQ(0, global_zone_page_state(NR_ZSPAGES));
	EXPECT_EQ(0, zpages("zram0"));
}

/* ---- bad input ------------------------------------------------------------ */

/* What must not change when a command is refused. */
struct swap_state {
	char swaps[1024];
	long long total, free;
	char mm_stat[256];
	char disksize[64];
};

static void swap_state(struct swap_state *s)
{
	read_file_buf("/proc/swaps", s->swaps, sizeof(s->swaps));
	s->total = meminfo_kb("SwapTotal:");
	s->free = meminfo_kb("SwapFree:");
	read_file_buf("/sys/block/zram0/mm_stat", s->mm_stat,
		      sizeof(s->mm_stat));
	read_file_buf("/sys/block/zram0/disksize", s->disksize,
		      sizeof(s->disksize));
}

static const struct {
	int state;		/* 0: zram0 fresh; 1: disksize set; 2: swapped on */
	const char *cmd;
	const char *err;	/* what the console says, exactly */
} bad_input[] = {
	{ 0, "swapon zram0",
	  "umm: swapon: zram0: read swap header failed (run mkswap first)\n" },
	{ 1, "swapon zram0",
	  "umm: swapon: zram0: read swap header failed (run mkswap first)\n" },
	{ 1, "swapon /dev/zram0 -p 3",
	  "umm: swapon: /dev/zram0: read swap header failed (run mkswap first)\n" },
	{ 0, "mkswap zram0",
	  "umm: mkswap: zram0: not initialised or too small (set its disksize first)\n" },
	{ 0, "swapoff zram0",
	  "umm: swapoff: zram0: swapoff failed: not a swap device\n" },
	{ 1, "swapoff /dev/zram0",
	  "umm: swapoff: /dev/zram0: swapoff failed: not a swap device\n" },
	{ 2, "swapon zram0",
	  "umm: swapon: zram0: swapon failed: Device or resource busy\n" },
	{ 2, "swapon /dev/zram0 -p 7",
	  "umm: swapon: /dev/zram0: swapon failed: Device or resource busy\n" },
	{ 2, "mkswap zram0",
	  "umm: mkswap: zram0: device is in use (swapon?)\n" },
	{ 2, "echo 1 > /sys/block/zram0/reset",
	  "umm: echo: /sys/block/zram0/reset: Device or resource busy\n" },
	{ 2, "echo 8M > /sys/block/zram0/disksize",
	  "umm: echo: /sys/block/zram0/disksize: Device or resource busy\n" },
	{ 1, "swapon zram0 -p 32768",
	  "umm: swapon: bad priority '32768' (0 to 32767)\n" },
	{ 1, "swapon zram0 -p -1",
	  "umm: swapon: bad priority '-1' (0 to 32767)\n" },
	{ 1, "swapon zram0 -p high",
	  "umm: swapon: bad priority 'high' (0 to 32767)\n" },
	{ 1, "swapon zram0 -p",
	  "umm: swapon: usage: swapon DEV [-p PRIO]\n" },
	{ 1, "swapon zram0 -q 1",
	  "umm: swapon: usage: swapon DEV [-p PRIO]\n" },
	{ 1, "swapon", "umm: swapon: usage: swapon DEV [-p PRIO]\n" },
	{ 1, "mkswap", "umm: mkswap: usage: mkswap DEV\n" },
	{ 1, "mkswap zram0 zram0", "umm: mkswap: usage: mkswap DEV\n" },
	{ 1, "swapoff", "umm: swapoff: usage: swapoff DEV\n" },
	{ 2, "mkswap zram7", "umm: mkswap: zram7: No such file or directory\n" },
	{ 2, "swapon zram7", "umm: swapon: zram7: swapon failed: No such file or directory\n" },
	{ 2, "swapoff zram7", "umm: swapoff: zram7: swapoff failed: No such file or directory\n" },
	{ 2, "swapon /dev/sda", "umm: swapon: /dev/sda: swapon failed: No such file or directory\n" },
	{ 2, "echo 101 > /proc/sys/vm/swappiness",
	  "umm: echo: /proc/sys/vm/swappiness: Invalid argument\n" },
};

/*
 * Each refused command: status != 0, one line from the console (kernel
 * log lines aside), nothing on stdout, and no change to /proc/swaps,
 * SwapTotal/SwapFree, zram's mm_stat and disksize.
 */
TEST_F(det64, swap_bad_input_one_line_and_nothing_changed)
{
	struct swap_state before, after;
	struct console_out *o = malloc(sizeof(*o));
	char said[1024];
	unsigned int i;
	int state = -1;

	for (i = 0; i < ARRAY_SIZE(bad_input); i++) {
		if (bad_input[i].state != state) {
			/* Reach the state from a fresh device. */
			ASSERT_EQ(0, swap_dev_off("zram0"));
			state = bad_input[i].state;
			if (state >= 1)
				ASSERT_EQ(0, zwrite("zram0", "disksize", "4M"));
			if (state == 2) {
				ASSERT_EQ(0, mkswap("zram0"));
				ASSERT_EQ(0, sys_swapon("zram0", -1));
			}
		}
		swap_state(&before);
		EXPECT_NE(0, console(bad_input[i].cmd, o)) {
			TH_LOG("'%s' succeeded", bad_input[i].cmd);
		}
		console_lines(o->err, said, sizeof(said));
		EXPECT_STREQ(bad_input[i].err, said) {
			TH_LOG("command '%s' (state %d)", bad_input[i].cmd,
			       state);
		}
		EXPECT_STREQ("", o->out);
		swap_state(&after);
		EXPECT_STREQ(before.swaps, after.swaps);
		EXPECT_EQ(before.total, after.total);
		EXPECT_EQ(before.free, after.free);
		EXPECT_STREQ(before.mm_stat, after.mm_stat) {
			TH_LOG("'%s' changed mm_stat", bad_input[i].cmd);
		}
		EXPECT_STREQ(before.disksize, after.disksize);
	}
	EXPECT_EQ(60, vm_swappiness);
	free(o);
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* The verbs that work print what util-linux prints, or nothing. */
TEST_F(det64, swap_verbs_and_proc_swaps_format)
{
	struct console_out *o = malloc(sizeof(*o));

	EXPECT_EQ(0, console("echo 8M > /sys/block/zram0/disksize; mkswap zram0", o));
	EXPECT_STREQ("Setting up swapspace version 1 on zram0\n", o->out);
	EXPECT_EQ(0, console("swapon /dev/zram0 -p 12", o));
	EXPECT_STREQ("", o->out);
	EXPECT_EQ(0, console("cat /proc/swaps", o));
	EXPECT_STREQ("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n"
		     "/dev/zram0                              partition\t8188\t\t0\t\t12\n",
		     o->out);
	EXPECT_EQ(0, console("expect /proc/meminfo SwapTotal: == 8188; expect /proc/meminfo SwapFree: == 8188", o));
	EXPECT_EQ(0, console("swapoff zram0", o));
	EXPECT_STREQ("", o->out);
	EXPECT_EQ(0, console("cat /proc/swaps", o));
	EXPECT_STREQ("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n", o->out);
	/* Default priorities count down from -2, as in Linux. */
	EXPECT_EQ(0, console("swapon zram0", o));
	EXPECT_EQ(-2, swaps_field("zram0", 4));
	EXPECT_EQ(0, console("swapoff zram0; swapon zram0", o));
	EXPECT_EQ(-3, swaps_field("zram0", 4));
	free(o);
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* mmap may ask for RAM plus swap, not more (the overcommit heuristic). */
TEST_F(det64, swap_mmap_limit_is_ram_plus_swap)
{
	struct console_out *o = malloc(sizeof(*o));

	EXPECT_NE(0, console("task start a; mmap a 100M", o));
	EXPECT_STREQ("umm: mmap: size 100M is larger than memory (64M)\n", o->err);
	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	EXPECT_EQ(0, console("mmap a 100M", o));
	EXPECT_NE(0, console("mmap a 129M", o));
	EXPECT_STREQ("umm: mmap: size 129M is larger than memory and swap (127M)\n",
		     o->err);
	EXPECT_EQ(0, console("task exit a", o));
	free(o);
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

UMM_TEST_MAIN
