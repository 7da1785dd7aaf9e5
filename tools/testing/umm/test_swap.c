// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_swap.c - swap: data out and back in
 *
 * Workload tasks map more memory than the machine has; reclaim writes
 * their pages to a zram swap device, faults read them back, swapoff
 * brings everything home.  Every byte verifies after swapping out and
 * back in, with each of zram's codecs; swapoff without room fails with
 * ENOMEM and changes nothing; with two devices, the one of higher
 * priority fills first, equal priorities share round robin.
 *
 * The failures, the books, reclaim, determinism and the concurrent tests
 * are in test_swap_*.c; swap_test.h has what they share.
 */
#include "swap_test.h"

SWAP_FIXTURE(det64, deterministic, "mem=64M umm.deterministic=1")
SWAP_FIXTURE(det128, deterministic, "mem=128M umm.deterministic=1")
SWAP_FIXTURE(two, deterministic_two_devices,
	     "mem=64M umm.deterministic=1 zram.num_devices=2")

/* The 1.5x-of-RAM round trip, once per codec, with kswapd on its thread. */
FIXTURE(codec) {
	unsigned long free_at_boot;
	bool expect_leak;
};

FIXTURE_VARIANT(codec) {
	const char *params;
	const char *alg;
};

FIXTURE_VARIANT_ADD(codec, lz4) {
	.params = "mem=128M", .alg = "lz4",
};

FIXTURE_VARIANT_ADD(codec, zstd) {
	.params = "mem=128M", .alg = "zstd",
};

FIXTURE_VARIANT_ADD(codec, lzo) {
	.params = "mem=128M", .alg = "lzo",
};

FIXTURE_SETUP(codec)
{
	swap_setup(_metadata, &self->free_at_boot, variant->params);
}

FIXTURE_TEARDOWN(codec)
{
	swap_teardown(_metadata, self->free_at_boot, self->expect_leak);
}

/* ---- tasks of 1.5x RAM, swapped out and back in, per codec ------------- */

/*
 * mem=128M, zram of 256M: two tasks of 96M each fill in turn.  b's fill
 * pushes a out (at least 192M - 128M must be in swap at the end), and
 * a's verify brings it back in, pushing b out: every byte of both is
 * right, with the device's codec.  Then the books, and the end: tasks
 * gone, swap empty, zram holds the header page only.
 */
TEST_F_TIMEOUT(codec, swap_tasks_of_1_5x_ram_verify_after_swapping_back_in, UMM_TIMEOUT(120))
{
	struct counters c0, c1;
	struct verify_result res;
	struct workload *w[2];
	char buf[256], want[64];

	take(&c0);
	ASSERT_EQ(0, swap_dev_on("zram0", variant->alg, "256M", -1));
	snprintf(want, sizeof(want), "[%s]", variant->alg);
	read_file_buf("/sys/block/zram0/comp_algorithm", buf, sizeof(buf));
	EXPECT_NE(NULL, strstr(buf, want));
	EXPECT_EQ(262140, meminfo_kb("SwapTotal:"));
	EXPECT_EQ(262140, meminfo_kb("SwapFree:"));

	w[0] = task_filled("a", MB(96), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, w[0]);
	w[1] = task_filled("b", MB(96), 500, umm_test_seed + 1, NULL);
	ASSERT_NE(NULL, w[1]);
	settle();
	take(&c1);
	printf("# after the fills: %ld pages in swap, pswpout %lu, a %lu/%lu b %lu/%lu (rss/swap)\n",
	       swap_used_pages("zram0"), c1.pswpout - c0.pswpout,
	       rss(w[0]), swapents(w[0]), rss(w[1]), swapents(w[1]));
	/* 192M of data in 128M of RAM: at least 64M of it is in swap. */
	EXPECT_LE(16384, swap_used_pages("zram0"));
	EXPECT_LE(16384, c1.pswpout - c0.pswpout);
	EXPECT_LT(0, swapents(w[0]));
	EXPECT_EQ(24576, rss(w[0]) + swapents(w[0]));
	EXPECT_EQ(24576, rss(w[1]) + swapents(w[1]));

	/* a was pushed out by b: its verify swaps in, and pushes b out. */
	EXPECT_EQ(0, verify_mismatches(w[0], &res));
	EXPECT_EQ(24576, res.checked);
	EXPECT_EQ(0, res.absent);
	EXPECT_EQ(0, verify_mismatches(w[1], &res));
	EXPECT_EQ(24576, res.checked);
	EXPECT_EQ(0, res.absent);
	settle();
	take(&c1);
	EXPECT_LE(swapents(w[0]) ? 16384UL : 1UL, c1.pswpin - c0.pswpin);
	EXPECT_EQ(c1.pswpin - c0.pswpin, c1.majflt - c0.majflt);
	EXPECT_EQ(0, c1.oom_kill - c0.oom_kill);
	check_swap_books(_metadata, "zram0", w, 2);
	check_reclaim_counters(_metadata);
	EXPECT_EQ(swap_used_pages("zram0"),
		  (long)((c1.pswpout - c0.pswpout) - (c1.pswpin - c0.pswpin)));

	/* Exit frees every slot; zram keeps only mkswap's header. */
	EXPECT_EQ(0, workload_stop(w[0]));
	EXPECT_EQ(0, workload_stop(w[1]));
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_EQ(262140, meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, swap_dev_off("zram0"));
	EXPECT_FALSE(swaps_lists("zram0"));
	EXPECT_EQ(0, meminfo_kb("SwapTotal:"));
	EXPECT_EQ(0, global_zone_page_state(NR_ZSPAGES));
}

/* ---- swapoff ------------------------------------------------------------ */

/*
 * a (96M) is pushed out by b, b exits: a's swapped pages fit in RAM.
 * swapoff reads every one back (pswpin, not major faults: no task
 * faulted), frees every slot (zram drops each: notify_free), and the
 * device goes: /proc/swaps, SwapTotal and SwapFree say so.  a's data is
 * whole, and a swapon without mkswap works again, empty.
 */
TEST_F_TIMEOUT(det128, swap_swapoff_brings_every_page_back, UMM_TIMEOUT(120))
{
	unsigned long out, notify0, majflt0;
	struct verify_result res;
	struct workload *a, *b;
	struct counters c0, c1;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "256M", -1));
	a = task_filled("a", MB(96), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	b = task_filled("b", MB(64), 500, umm_test_seed + 1, NULL);
	ASSERT_NE(NULL, b);
	EXPECT_EQ(0, workload_stop(b));
	out = swapents(a);
	printf("# a has %lu pages in swap\n", out);
	ASSERT_LT(0, out);
	EXPECT_EQ((long)out, swap_used_pages("zram0"));
	notify0 = zstat("zram0", "io_stat", NOTIFY_FREE);
	majflt0 = sum_vm_event(PGMAJFAULT);

	take(&c0);
	EXPECT_EQ(0, sys_swapoff("zram0"));
	take(&c1);
	EXPECT_EQ(out, c1.pswpin - c0.pswpin);
	EXPECT_EQ(majflt0, sum_vm_event(PGMAJFAULT));
	EXPECT_EQ(0, swapents(a));
	EXPECT_EQ(24576, rss(a));
	EXPECT_EQ(notify0 + out, zstat("zram0", "io_stat", NOTIFY_FREE));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_FALSE(swaps_lists("zram0"));
	EXPECT_EQ(0, meminfo_kb("SwapTotal:"));
	EXPECT_EQ(0, meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, get_nr_swap_pages());
	EXPECT_EQ(0, c1.oom_kill - c0.oom_kill);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(24576, res.checked);

	/* The header is still there: swapon again, empty. */
	EXPECT_EQ(0, sys_swapon("zram0", -1));
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(262140, meminfo_kb("SwapTotal:"));
	EXPECT_EQ(262140, meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * a (80M) in 64M of RAM: its pages cannot all come back.  swapoff must
 * fail with ENOMEM and leave everything as it was: the device on, in
 * /proc/swaps and SwapTotal, and a alive with all its data.  As in
 * Linux (security_vm_enough_memory_mm() in swapoff, and swapoff's task
 * being the OOM killer's first choice), swapoff must not make the OOM
 * killer take a task's memory to get its pages back.
 */
TEST_F_TIMEOUT(det64, swap_swapoff_without_room_fails_with_enomem_and_loses_nothing, UMM_TIMEOUT(120))
{
	unsigned long oom0 = sum_vm_event(OOM_KILL);
	struct verify_result res;
	struct workload *a;
	int err;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "128M", -1));
	a = task_filled("a", MB(80), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	ASSERT_LT(0, swapents(a));

	err = sys_swapoff("zram0");
	EXPECT_EQ(-ENOMEM, err);
	EXPECT_EQ(oom0, sum_vm_event(OOM_KILL));
	EXPECT_FALSE(READ_ONCE(a->exited));
	EXPECT_TRUE(swaps_lists("zram0"));
	EXPECT_EQ(131068, meminfo_kb("SwapTotal:"));
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(20480, res.checked);
	if (!err)
		EXPECT_EQ(0, sys_swapon("zram0", -1));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* ---- priorities: two devices -------------------------------------------------------- */

/*
 * zram0 at priority 5, zram1 at 10: reclaim writes to zram1 only.
 * swapoff of zram1 then brings its pages in, and reclaim, to make room,
 * sends pages to zram0: swapoff succeeds, nothing is lost.
 */
TEST_F_TIMEOUT(two, swap_higher_priority_first_and_swapoff_moves_pages_over, UMM_TIMEOUT(120))
{
	struct verify_result res;
	struct workload *a;
	long used1;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", 5));
	ASSERT_EQ(0, swap_dev_on("zram1", NULL, "64M", 10));
	EXPECT_EQ(5, swaps_field("zram0", 4));
	EXPECT_EQ(10, swaps_field("zram1", 4));
	EXPECT_EQ(2 * 65532, meminfo_kb("SwapTotal:"));
	a = task_filled("a", MB(72), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	used1 = swap_used_pages("zram1");
	EXPECT_LT(0, used1);
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_EQ(used1, (long)swapents(a));

	EXPECT_EQ(0, sys_swapoff("zram1"));
	EXPECT_FALSE(swaps_lists("zram1"));
	EXPECT_EQ(1, zpages("zram1"));
	EXPECT_LT(0, swap_used_pages("zram0"));
	EXPECT_EQ(swap_used_pages("zram0"), (long)swapents(a));
	EXPECT_EQ(65532, meminfo_kb("SwapTotal:"));
	check_swap_books(_metadata, "zram0", &a, 1);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(18432, res.checked);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
	EXPECT_EQ(0, swap_dev_off("zram1"));
}

/*
 * Two devices of the same priority: as swapon(8) documents, "pages are
 * allocated on a round-robin basis between them" (4.8 requeues the
 * device it used behind its equals in get_swap_page()).  Both fill.
 */
TEST_F_TIMEOUT(two, swap_equal_priorities_share_round_robin, UMM_TIMEOUT(60))
{
	struct verify_result res;
	struct workload *a;
	long used0, used1;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", 7));
	ASSERT_EQ(0, swap_dev_on("zram1", NULL, "64M", 7));
	a = task_filled("a", MB(16), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	EXPECT_LE(1024, shrink_all_memory(1024));
	used0 = swap_used_pages("zram0");
	used1 = swap_used_pages("zram1");
	printf("# zram0 %ld, zram1 %ld pages\n", used0, used1);
	EXPECT_LE(used0 + used1 - 1, 2 * min(used0, used1) + 1);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
	EXPECT_EQ(0, swap_dev_off("zram1"));
}

UMM_TEST_MAIN
