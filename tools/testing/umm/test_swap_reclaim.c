// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_swap_reclaim.c - kswapd, direct reclaim, swappiness
 *
 * kswapd balances to the high watermark, reclaims for a high order and
 * then wakes kcompactd, is woken by a task's fault below the low
 * watermark, and runs in the background in the threaded mode; an
 * allocation that does not wake it reclaims by itself.  vm.swappiness
 * takes 0 to 100, and at 0 nothing is swapped above the high watermark;
 * without swap there is no reclaim of anonymous memory.
 */
#include "swap_test.h"

SWAP_FIXTURE(det64, deterministic, "mem=64M umm.deterministic=1")
SWAP_FIXTURE(thr64, threaded, "mem=64M")

/* ---- swappiness --------------------------------------------------------------- */

TEST_F(det64, swap_swappiness_is_0_to_100)
{
	static const char * const bad[] = { "101", "-1", "1000", "abc", "", "5x" };
	char buf[32];
	unsigned int i;

	EXPECT_STREQ("60\n", read_file_buf("/proc/sys/vm/swappiness", buf,
					   sizeof(buf)));
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		EXPECT_EQ(-EINVAL, echo_file("/proc/sys/vm/swappiness", bad[i])) {
			TH_LOG("swappiness '%s'", bad[i]);
		}
		EXPECT_EQ(60, vm_swappiness);
	}
	EXPECT_EQ(0, echo_file("/proc/sys/vm/swappiness", "0"));
	EXPECT_STREQ("0\n", read_file_buf("/proc/sys/vm/swappiness", buf,
					  sizeof(buf)));
	EXPECT_EQ(0, echo_file("/proc/sys/vm/swappiness", "100"));
	EXPECT_EQ(100, vm_swappiness);
	EXPECT_EQ(0, echo_file("/proc/sys/vm/swappiness", "60"));
}

/*
 * vm.swappiness=0: with free memory above the high watermark, reclaim
 * does not touch anonymous memory (may_scan_anon(): nothing else is
 * reclaimable here, so 4.8 scans anon only once free memory is at the
 * high watermark).  With memory at the watermark it does, and with
 * swappiness 1 it does whatever the free memory.
 */
TEST_F_TIMEOUT(det64, swap_swappiness_zero_swaps_nothing_above_the_high_watermark, UMM_TIMEOUT(60))
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	unsigned long out0, scan0, reclaimed, n = 0, i;
	struct page **held = calloc(max_pfn, sizeof(*held));
	struct verify_result res;
	struct workload *a;
	struct page *page;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(16), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	ASSERT_EQ(0, echo_file("/proc/sys/vm/swappiness", "0"));
	ASSERT_LT(high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));

	out0 = sum_vm_event(PSWPOUT);
	scan0 = sum_vm_event(PGSCAN_ANON);
	EXPECT_EQ(0, shrink_all_memory(512));
	EXPECT_EQ(0, try_to_free_pages(GFP_KERNEL, 0));
	EXPECT_EQ(out0, sum_vm_event(PSWPOUT));
	EXPECT_EQ(scan0, sum_vm_event(PGSCAN_ANON));
	EXPECT_EQ(0, swapents(a));

	/*
	 * Down to the high watermark, without waking kswapd (no reclaim
	 * flags): now swappiness 0 swaps too.
	 */
	while (zone_page_state(zone, NR_FREE_PAGES) > high_wmark_pages(zone) &&
	       (page = alloc_page(__GFP_NOWARN)))
		held[n++] = page;
	ASSERT_GE(high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	reclaimed = shrink_all_memory(512);
	printf("# at the high watermark: %lu reclaimed, free %lu (high %lu)\n",
	       reclaimed, zone_page_state(zone, NR_FREE_PAGES),
	       high_wmark_pages(zone));
	EXPECT_LT(0, reclaimed);
	EXPECT_EQ(reclaimed, sum_vm_event(PSWPOUT) - out0);
	EXPECT_EQ(reclaimed, swapents(a));
	/* ...and stops once free memory is above the watermark again. */
	EXPECT_LT(high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	EXPECT_GE(high_wmark_pages(zone) + SWAP_CLUSTER_MAX,
		  zone_page_state(zone, NR_FREE_PAGES));
	for (i = 0; i < n; i++)
		__free_page(held[i]);
	free(held);

	/* Plenty free again, but swappiness 1: anon is scanned. */
	ASSERT_LT(high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	ASSERT_EQ(0, echo_file("/proc/sys/vm/swappiness", "1"));
	out0 = sum_vm_event(PSWPOUT);
	reclaimed = shrink_all_memory(256);
	EXPECT_LE(256, reclaimed);
	EXPECT_EQ(reclaimed, sum_vm_event(PSWPOUT) - out0);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(4096, res.checked);
	EXPECT_EQ(0, echo_file("/proc/sys/vm/swappiness", "60"));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* Without swap there is nothing to reclaim, whatever the swappiness. */
TEST_F(det64, swap_no_swap_no_reclaim)
{
	unsigned long scan0 = sum_vm_event(PGSCAN_ANON);
	struct workload *a = task_filled("a", MB(8), 500, umm_test_seed, NULL);

	ASSERT_NE(NULL, a);
	EXPECT_EQ(0, zone_reclaimable_pages(UMM_ZONE(ZONE_NORMAL)));
	EXPECT_EQ(0, shrink_all_memory(512));
	EXPECT_EQ(scan0, sum_vm_event(PGSCAN_ANON));
	EXPECT_EQ(0, workload_stop(a));
}

/* ---- kswapd ------------------------------------------------------------------------ */

/*
 * An allocation that does not wake kswapd (no __GFP_KSWAPD_RECLAIM, as
 * Linux's light THP allocations) and finds the node below its
 * watermark reclaims by itself: direct reclaim (allocstall,
 * pgsteal_direct), every stolen page written to swap, kswapd idle, and
 * the task whose pages went out still reads them back intact.
 */
TEST_F_TIMEOUT(det64, swap_direct_reclaim_without_kswapd, UMM_TIMEOUT(60))
{
	const gfp_t gfp = (GFP_HIGHUSER_MOVABLE & ~__GFP_KSWAPD_RECLAIM) |
			  __GFP_NOWARN;
	struct page **held = calloc(max_pfn, sizeof(*held));
	struct counters c0, c1;
	struct verify_result res;
	unsigned long n = 0, i;
	struct workload *a;

	ASSERT_NE(NULL, held);
	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(40), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);

	take(&c0);
	/* 24M more than is free now: reclaim must make the room. */
	while (n < MB(24) / PAGE_SIZE + global_zone_page_state(NR_FREE_PAGES)) {
		struct page *page = alloc_page(gfp);

		if (!page)
			break;
		held[n++] = page;
	}
	take(&c1);
	printf("# %lu pages allocated: direct %lu/%lu (steal/scan), allocstall %lu, kswapd %lu\n",
	       n, c1.steal_direct - c0.steal_direct,
	       c1.scan_direct - c0.scan_direct, c1.allocstall - c0.allocstall,
	       c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.steal_direct - c0.steal_direct);
	EXPECT_LT(0, c1.allocstall - c0.allocstall);
	EXPECT_EQ(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_EQ(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_EQ(c1.steal_direct - c0.steal_direct, c1.pswpout - c0.pswpout);
	EXPECT_EQ(c1.pswpout - c0.pswpout, swapents(a));
	for (i = 0; i < n; i++)
		__free_page(held[i]);
	free(held);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(MB(40) / PAGE_SIZE, res.checked);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * Free memory pushed below the low watermark behind kswapd's back (no
 * reclaim flags), then kswapd woken as an allocation would: its work
 * (inline, deterministic) leaves the node balanced at the high
 * watermark, by kswapd's reclaim alone.
 */
TEST_F_TIMEOUT(det64, swap_kswapd_balances_to_the_high_watermark, UMM_TIMEOUT(60))
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct page **held = calloc(max_pfn, sizeof(*held));
	struct counters c0, c1;
	struct verify_result res;
	unsigned long n = 0, i;
	struct workload *a;
	struct page *page;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(32), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	while (zone_page_state(zone, NR_FREE_PAGES) >= low_wmark_pages(zone) &&
	       (page = alloc_page(__GFP_NOWARN)))
		held[n++] = page;
	ASSERT_GT(low_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));

	take(&c0);
	wakeup_kswapd(zone, GFP_KERNEL, 0, ZONE_NORMAL);
	take(&c1);
	printf("# kswapd: %lu scanned, %lu stolen, free %lu (low %lu high %lu)\n",
	       c1.scan_kswapd - c0.scan_kswapd,
	       c1.steal_kswapd - c0.steal_kswapd,
	       zone_page_state(zone, NR_FREE_PAGES), low_wmark_pages(zone),
	       high_wmark_pages(zone));
	EXPECT_LE(high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_EQ(0, c1.steal_direct - c0.steal_direct);
	EXPECT_EQ(c1.steal_kswapd - c0.steal_kswapd, c1.pswpout - c0.pswpout);
	EXPECT_EQ(c1.steal_kswapd - c0.steal_kswapd, swapents(a));
	/* Balanced: another wake-up does nothing. */
	take(&c0);
	wakeup_kswapd(zone, GFP_KERNEL, 0, ZONE_NORMAL);
	take(&c1);
	EXPECT_EQ(c0.pageoutrun, c1.pageoutrun);
	for (i = 0; i < n; i++)
		__free_page(held[i]);
	free(held);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * A high-order allocation in a memory full of order-0 holes between task
 * pages, with no free block of the order: kswapd is woken for the order
 * and reclaims until the block exists or enough is free for compaction
 * (compact_gap()); here its reclaim makes the block (the pages it frees
 * lie next to the holes), and the allocation succeeds without stalling
 * in direct compaction.  Then, with nothing to reclaim (swap off),
 * kswapd gives up without waking kcompactd (4.8 wakes it only when
 * kswapd goes to sleep on a balanced node), and the allocation builds
 * the block by direct compaction: a stall.
 */
static bool free_block_from(struct zone *zone, unsigned int order)
{
	for (; order < MAX_ORDER; order++)
		if (zone->free_area[order].nr_free)
			return true;
	return false;
}

/* Take every free block of order 4 and up (no reclaim flags). */
static void take_big_blocks(struct zone *zone, struct list_head *held)
{
	struct page *page;

	drain_all_pages(NULL);
	while (free_block_from(zone, 4) &&
	       (page = alloc_pages(__GFP_MOVABLE | __GFP_NOWARN, 4)))
		list_add(&page->lru, held);
	drain_all_pages(NULL);
}

TEST_F_TIMEOUT(det64, swap_kswapd_reclaims_for_a_high_order_then_wakes_kcompactd, UMM_TIMEOUT(60))
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct verify_result res;
	struct page *page, *next;
	struct counters c0, c1;
	struct workload *a;
	LIST_HEAD(held);

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(64), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	/* Every other page back: holes of one page everywhere. */
	ASSERT_LT(0, workload_dontneed(a, 50, 2, 0));
	settle();
	take_big_blocks(zone, &held);
	ASSERT_FALSE(free_block_from(zone, 4));
	ASSERT_LT(high_wmark_pages(zone) + 1000,
		  zone_page_state(zone, NR_FREE_PAGES));

	take(&c0);
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4);
	take(&c1);
	printf("# with swap: kswapd %lu stolen, kcompactd wakes %lu, compact stalls %lu, migrated %lu\n",
	       c1.steal_kswapd - c0.steal_kswapd,
	       c1.kcompactd_wake - c0.kcompactd_wake,
	       c1.compact_stall - c0.compact_stall,
	       c1.migrated - c0.migrated);
	EXPECT_NE(NULL, page);
	if (page)
		__free_pages(page, 4);
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_GE(compact_gap(4), c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_EQ(0, c1.compact_stall - c0.compact_stall);
	EXPECT_EQ(0, c1.steal_direct - c0.steal_direct);

	/*
	 * Nothing to reclaim: kswapd gives up on an unbalanced node and,
	 * as 4.8's kswapd, does not wake kcompactd (it does so only going
	 * to sleep balanced); the allocation compacts for itself.
	 */
	ASSERT_EQ(0, sys_swapoff("zram0"));
	settle();
	take_big_blocks(zone, &held);
	ASSERT_FALSE(free_block_from(zone, 4));
	take(&c0);
	page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 4);
	take(&c1);
	printf("# without swap: kswapd %lu stolen, kcompactd wakes %lu, compact stalls %lu, migrated %lu\n",
	       c1.steal_kswapd - c0.steal_kswapd,
	       c1.kcompactd_wake - c0.kcompactd_wake,
	       c1.compact_stall - c0.compact_stall,
	       c1.migrated - c0.migrated);
	EXPECT_NE(NULL, page);
	if (page)
		__free_pages(page, 4);
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_EQ(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_EQ(0, c1.kcompactd_wake - c0.kcompactd_wake);
	EXPECT_LT(0, c1.migrated - c0.migrated);
	EXPECT_LT(0, c1.compact_stall - c0.compact_stall);

	list_for_each_entry_safe(page, next, &held, lru) {
		list_del(&page->lru);
		__free_pages(page, 4);
	}
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * Task memory is GFP_HIGHUSER_MOVABLE, whose highest zone is
 * ZONE_MOVABLE, empty without movablecore=.  A task's page fault that
 * finds free memory below the low watermark must wake kswapd all the
 * same (Linux wakes the kswapd of every populated zone up to that
 * one): its work runs inline (deterministic) and balances the node.
 */
TEST_F_TIMEOUT(det64, swap_task_page_fault_below_low_watermark_wakes_kswapd, UMM_TIMEOUT(60))
{
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct page **held = calloc(max_pfn, sizeof(*held));
	struct verify_result res;
	struct counters c0, c1;
	unsigned long n = 0, i;
	struct workload *a;
	struct page *page;

	ASSERT_EQ(ZONE_MOVABLE, gfp_zone(GFP_HIGHUSER_MOVABLE));
	ASSERT_FALSE(managed_zone(UMM_ZONE(ZONE_MOVABLE)));
	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(32), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	/* Holes where the page tables exist: faults allocate the page only. */
	ASSERT_EQ(82, workload_dontneed(a, 1, 100, 0));
	while (zone_page_state(zone, NR_FREE_PAGES) >= low_wmark_pages(zone) &&
	       (page = alloc_page(__GFP_NOWARN)))
		held[n++] = page;
	ASSERT_GT(low_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));

	take(&c0);
	EXPECT_EQ(8192, workload_fill(a, 500, 1));
	take(&c1);
	printf("# pageoutrun %lu, kswapd stole %lu, free %lu (low %lu high %lu)\n",
	       c1.pageoutrun - c0.pageoutrun,
	       c1.steal_kswapd - c0.steal_kswapd,
	       zone_page_state(zone, NR_FREE_PAGES), low_wmark_pages(zone),
	       high_wmark_pages(zone));
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_LE(low_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	for (i = 0; i < n; i++)
		__free_page(held[i]);
	free(held);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * The threaded mode: kswapd0 is a thread of its own, woken by the
 * allocations of a task that grows past the low watermark; it reclaims
 * in the background (pgsteal_kswapd), and once the node is balanced it
 * sleeps again.
 */
TEST_F_TIMEOUT(thr64, swap_kswapd_thread_reclaims_in_the_background, UMM_TIMEOUT(60))
{
	struct pglist_data *pgdat = NODE_DATA(0);
	struct zone *zone = UMM_ZONE(ZONE_NORMAL);
	struct verify_result res;
	struct counters c0, c1;
	struct workload *a;

	ASSERT_NE(NULL, pgdat->kswapd);
	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	take(&c0);
	a = task_filled("a", MB(72), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	settle();
	take(&c1);
	printf("# kswapd %lu/%lu, direct %lu/%lu (steal/scan), pageoutrun %lu\n",
	       c1.steal_kswapd - c0.steal_kswapd,
	       c1.scan_kswapd - c0.scan_kswapd,
	       c1.steal_direct - c0.steal_direct,
	       c1.scan_direct - c0.scan_direct, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.pageoutrun - c0.pageoutrun);
	EXPECT_LT(0, c1.steal_kswapd - c0.steal_kswapd);
	EXPECT_TRUE(kswapd_idle(pgdat));
	EXPECT_LE(low_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES));
	check_swap_books(_metadata, "zram0", &a, 1);
	check_reclaim_counters(_metadata);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(18432, res.checked);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

UMM_TEST_MAIN
