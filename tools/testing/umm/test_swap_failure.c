// SPDX-License-Identifier: GPL-2.0
/*
 * tools/testing/umm/test_swap_failure.c - swap: what fails, and how
 *
 * A write refused by zram (mem_limit) or a full device leaves the page
 * mapped and intact; the OOM killer acts only when nothing is left, and
 * kills the right task.  The protocol of a write-out
 * (include/linux/swap.h): a fault on a slot that reclaim is still
 * writing waits for it, a write that fails maps the page back.
 */
#include "swap_test.h"

SWAP_FIXTURE(det64, deterministic, "mem=64M umm.deterministic=1")

/* ---- a write refused, a full device, the OOM killer -------------------- */

/*
 * zram's mem_limit at what it already uses: every write of an
 * incompressible page (a new zspage each) fails.  Reclaim gives up on
 * each page cleanly: nothing reclaimed, nothing in swap, every pte
 * present again, the data intact.  With the limit lifted, the same
 * reclaim swaps pages out: exactly what it reports, all of it written.
 */
TEST_F_TIMEOUT(det64, swap_write_failure_keeps_the_page_mapped, UMM_TIMEOUT(60))
{
	unsigned long long writes0, failed0;
	unsigned long reclaimed, out0, steal0;
	struct verify_result res;
	struct workload *a;
	struct pte_map m;
	char limit[32];

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "64M", -1));
	a = task_filled("a", MB(8), 0, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	pte_map_init(&m, TASK_BASE, 2048);
	snprintf(limit, sizeof(limit), "%llu",
		 zstat("zram0", "mm_stat", MEM_USED_TOTAL));
	ASSERT_EQ(0, zwrite("zram0", "mem_limit", limit));

	writes0 = zram_writes("zram0");
	failed0 = zstat("zram0", "io_stat", FAILED_WRITES);
	out0 = sum_vm_event(PSWPOUT);
	steal0 = sum_vm_event(PGSTEAL_ANON);
	reclaimed = shrink_all_memory(256);
	printf("# %llu writes refused\n",
	       zstat("zram0", "io_stat", FAILED_WRITES) - failed0);
	EXPECT_EQ(0, reclaimed);
	EXPECT_EQ(out0, sum_vm_event(PSWPOUT));
	EXPECT_EQ(steal0, sum_vm_event(PGSTEAL_ANON));
	EXPECT_LT(0, zstat("zram0", "io_stat", FAILED_WRITES) - failed0);
	EXPECT_EQ(zram_writes("zram0") - writes0,
		  zstat("zram0", "io_stat", FAILED_WRITES) - failed0);
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(meminfo_kb("SwapTotal:"), meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, swapents(a));
	EXPECT_EQ(2048, rss(a));
	EXPECT_EQ(2048, count_state(a, &m, 1));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(2048, res.checked);

	/* No limit: the same reclaim works, and says what it did. */
	ASSERT_EQ(0, zwrite("zram0", "mem_limit", "0"));
	out0 = sum_vm_event(PSWPOUT);
	reclaimed = shrink_all_memory(256);
	EXPECT_LE(256, reclaimed);
	EXPECT_EQ(reclaimed, sum_vm_event(PSWPOUT) - out0);
	EXPECT_EQ((long)reclaimed, swap_used_pages("zram0"));
	EXPECT_EQ(reclaimed, swapents(a));
	EXPECT_EQ(reclaimed, count_state(a, &m, 2));
	check_swap_books(_metadata, "zram0", &a, 1);
	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(2048, res.checked);
	EXPECT_EQ(0, swap_used_pages("zram0"));
	pte_map_free(&m);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * A 4M device has 1023 slots.  Reclaim fills exactly those, then has
 * nothing to scan (no swap left: may_scan_anon()); a further slot cannot
 * be had; the rest of the task stays in memory; verify brings every
 * page back and frees every slot.
 */
TEST_F_TIMEOUT(det64, swap_full_device_stops_reclaim_cleanly, UMM_TIMEOUT(60))
{
	unsigned long reclaimed, out0, in0, scan0;
	struct verify_result res;
	struct workload *a;
	struct pte_map m;
	swp_entry_t entry;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "4M", -1));
	EXPECT_EQ(4092, meminfo_kb("SwapTotal:"));
	a = task_filled("a", MB(16), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, a);
	pte_map_init(&m, TASK_BASE, 4096);
	out0 = sum_vm_event(PSWPOUT);
	in0 = sum_vm_event(PSWPIN);

	reclaimed = shrink_all_memory(2048);
	EXPECT_EQ(1023, reclaimed);
	EXPECT_EQ(1023, sum_vm_event(PSWPOUT) - out0);
	EXPECT_EQ(1023, swap_used_pages("zram0"));
	EXPECT_EQ(0, meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, get_nr_swap_pages());
	EXPECT_EQ(1023, swapents(a));
	EXPECT_EQ(4096 - 1023, rss(a));
	EXPECT_EQ(1023, count_state(a, &m, 2));
	EXPECT_EQ(4096 - 1023, count_state(a, &m, 1));
	entry = get_swap_page();
	EXPECT_EQ(0, entry.val);
	if (entry.val)
		swapcache_free(entry);

	/* Full: reclaim does not even scan. */
	scan0 = sum_vm_event(PGSCAN_ANON);
	EXPECT_EQ(0, shrink_all_memory(64));
	EXPECT_EQ(scan0, sum_vm_event(PGSCAN_ANON));
	EXPECT_EQ(1023, swap_used_pages("zram0"));

	EXPECT_EQ(0, verify_mismatches(a, &res));
	EXPECT_EQ(4096, res.checked);
	EXPECT_EQ(1023, sum_vm_event(PSWPIN) - in0);
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(4092, meminfo_kb("SwapFree:"));
	EXPECT_EQ(1, zpages("zram0"));
	pte_map_free(&m);
	EXPECT_EQ(0, workload_stop(a));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * Under real pressure: a (24M) then b, which wants 64M, on 64M of RAM
 * with a 16M device (4095 slots).  Reclaim fills the device to the last
 * slot (nothing is swapped in meanwhile, so pswpout counts the slots
 * ever used) before the OOM killer acts, once, on b (the task with the
 * most); a keeps every byte, and b's slots come back.
 */
TEST_F_TIMEOUT(det64, swap_oom_killer_only_once_swap_is_full, UMM_TIMEOUT(120))
{
	struct verify_result res;
	struct workload *w[2];
	struct counters c0, c1;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "16M", -1));
	w[0] = task_filled("a", MB(24), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, w[0]);
	w[1] = workload_start("b");
	ASSERT_FALSE(IS_ERR(w[1]));
	ASSERT_LE(0, workload_mmap(w[1], MB(64)));
	take(&c0);
	EXPECT_EQ(-EINTR, workload_fill(w[1], 500, umm_test_seed + 1));
	take(&c1);
	printf("# pswpout %lu, failed writes %llu, a in swap %lu\n",
	       c1.pswpout - c0.pswpout,
	       zstat("zram0", "io_stat", FAILED_WRITES), swapents(w[0]));
	EXPECT_EQ(1, c1.oom_kill - c0.oom_kill);
	EXPECT_EQ(4095, c1.pswpout - c0.pswpout);
	EXPECT_EQ(0, c1.pswpin - c0.pswpin);
	ASSERT_TRUE(wait_exited(w[1]));
	EXPECT_EQ(SIGKILL, READ_ONCE(w[1]->exit_signal));
	EXPECT_FALSE(READ_ONCE(w[0]->exited));
	EXPECT_EQ(-EINTR, workload_stop(w[1]));
	w[1] = NULL;

	EXPECT_LT(0, swapents(w[0]));
	check_swap_books(_metadata, "zram0", w, 1);
	EXPECT_EQ(0, verify_mismatches(w[0], &res));
	EXPECT_EQ(6144, res.checked);
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(c1.oom_kill, sum_vm_event(OOM_KILL));
	EXPECT_EQ(0, workload_stop(w[0]));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/*
 * zram may use 8M at most: writes start failing while the device has
 * plenty of slots.  The failures are clean (the pages stay), reclaim
 * goes on with other pages, and only when none can go anywhere does
 * the OOM killer act, once, on b; a keeps every byte.
 */
TEST_F_TIMEOUT(det64, swap_zram_mem_limit_then_oom_killer_loses_nothing_else, UMM_TIMEOUT(120))
{
	struct verify_result res;
	struct workload *w[2];
	struct counters c0, c1;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "128M", -1));
	ASSERT_EQ(0, zwrite("zram0", "mem_limit", "8M"));
	w[0] = task_filled("a", MB(16), 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, w[0]);
	w[1] = workload_start("b");
	ASSERT_FALSE(IS_ERR(w[1]));
	ASSERT_LE(0, workload_mmap(w[1], MB(64)));
	take(&c0);
	EXPECT_EQ(-EINTR, workload_fill(w[1], 500, umm_test_seed + 1));
	take(&c1);
	printf("# pswpout %lu, failed writes %llu, zram used max %lluK\n",
	       c1.pswpout - c0.pswpout,
	       zstat("zram0", "io_stat", FAILED_WRITES),
	       zstat("zram0", "mm_stat", MEM_USED_MAX) >> 10);
	EXPECT_EQ(1, c1.oom_kill - c0.oom_kill);
	EXPECT_LT(0, zstat("zram0", "io_stat", FAILED_WRITES));
	/* The pool did reach its limit. */
	EXPECT_LE(MB(8), zstat("zram0", "mm_stat", MEM_USED_MAX));
	EXPECT_GE(MB(8), zstat("zram0", "mm_stat", MEM_USED_TOTAL));
	ASSERT_TRUE(wait_exited(w[1]));
	EXPECT_EQ(SIGKILL, READ_ONCE(w[1]->exit_signal));
	EXPECT_FALSE(READ_ONCE(w[0]->exited));
	EXPECT_EQ(-EINTR, workload_stop(w[1]));
	w[1] = NULL;
	check_swap_books(_metadata, "zram0", w, 1);
	EXPECT_EQ(0, verify_mismatches(w[0], &res));
	EXPECT_EQ(4096, res.checked);
	EXPECT_EQ(0, workload_stop(w[0]));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

/* ---- the write-out protocol (include/linux/swap.h) ------------------------ */

/*
 * Reclaim of one page by hand, with the steps of shrink_page_list():
 * lock, slot (SWAP_HAS_CACHE), unmap.  Meanwhile the task reads the page:
 * its fault must wait until the write is done (not read a slot that was
 * never written), then find the data.  With @fail, reclaim gives up
 * instead (as after a write error) and maps the page back: the fault
 * then finds the page itself, and no I/O happens.
 */
struct handmade {
	struct workload *w;
	struct page *page;
	bool fail;
	atomic_t unmapped;		/* reclaim has taken the pte */
	atomic_t verified;		/* the task's verify returned */
	bool verified_early;		/* ...before reclaim let go */
	long verify_ret;
	struct verify_result res;
	int unmap_ret;
};

static int handmade_fn(void *arg, int idx)
{
	struct handmade *h = arg;
	struct page *page = h->page;
	int ms;

	if (idx == 1) {
		for (ms = 0; ms < 10000 && !atomic_read(&h->unmapped); ms++)
			usleep(1000);
		h->verify_ret = workload_verify(h->w, &h->res);
		atomic_set(&h->verified, 1);
		return 0;
	}
	lock_page(page);
	if (!add_to_swap(page)) {
		unlock_page(page);
		h->unmap_ret = -ENOSPC;
		atomic_set(&h->unmapped, 1);
		return 0;
	}
	h->unmap_ret = try_to_unmap(page, TTU_UNMAP | TTU_IGNORE_ACCESS);
	atomic_set(&h->unmapped, 1);
	/* Long enough for the fault to have come and to be waiting. */
	usleep(200 * 1000);
	h->verified_early = atomic_read(&h->verified);
	if (!h->fail && !swap_writepage(page) && page_ref_freeze(page, 1)) {
		delete_from_swap_cache(page);
		__ClearPageLocked(page);
		__ClearPageActive(page);
		free_hot_cold_page(page, false);
		return 0;
	}
	remove_swap_ptes(page);
	delete_from_swap_cache(page);
	unlock_page(page);
	putback_lru_page(page);
	return 0;
}

static void run_handmade(struct __test_metadata *_metadata, bool fail)
{
	struct handmade h = { .fail = fail };
	struct counters c0, c1;
	struct pte_map m;

	ASSERT_EQ(0, swap_dev_on("zram0", NULL, "8M", -1));
	h.w = task_filled("a", 4 * PAGE_SIZE, 500, umm_test_seed, NULL);
	ASSERT_NE(NULL, h.w);
	pte_map_init(&m, TASK_BASE, 4);
	ASSERT_EQ(4, count_state(h.w, &m, 1));
	h.page = pfn_to_page(m.pfn[0]);
	ASSERT_EQ(0, isolate_lru_page(h.page));

	take(&c0);
	ASSERT_EQ(0, umm_run_threads(2, handmade_fn, &h));
	take(&c1);
	EXPECT_EQ(SWAP_SUCCESS, h.unmap_ret);
	EXPECT_FALSE(h.verified_early);
	EXPECT_EQ(0, h.verify_ret);
	EXPECT_EQ(0, h.res.mismatches);
	EXPECT_EQ(4, h.res.checked);
	EXPECT_EQ(fail ? 0 : 1, c1.pswpout - c0.pswpout);
	EXPECT_EQ(fail ? 0 : 1, c1.pswpin - c0.pswpin);
	EXPECT_EQ(fail ? 0 : 1, c1.majflt - c0.majflt);
	/* The page is mapped (the old one, or the one read in), slot free. */
	EXPECT_EQ(4, count_state(h.w, &m, 1));
	if (fail)
		EXPECT_EQ(page_to_pfn(h.page), m.pfn[0]);
	EXPECT_EQ(0, swapents(h.w));
	EXPECT_EQ(4, rss(h.w));
	EXPECT_EQ(0, swap_used_pages("zram0"));
	EXPECT_EQ(1, zpages("zram0"));
	EXPECT_EQ(meminfo_kb("SwapTotal:"), meminfo_kb("SwapFree:"));
	EXPECT_EQ(0, global_node_page_state(NR_ISOLATED_ANON));
	pte_map_free(&m);
	EXPECT_EQ(0, workload_stop(h.w));
	EXPECT_EQ(0, swap_dev_off("zram0"));
}

TEST_F_TIMEOUT(det64, swap_fault_waits_for_the_slot_reclaim_is_writing, UMM_TIMEOUT(60))
{
	run_handmade(_metadata, false);
}

TEST_F_TIMEOUT(det64, swap_failed_writeout_maps_the_page_back, UMM_TIMEOUT(60))
{
	run_handmade(_metadata, true);
}

UMM_TEST_MAIN
